"""Each step of the grading pipeline on its own (tests/test_grading.py grades whole notebooks).

find submissions → read the saved file (widget answers) → run it under limits (code answers) →
score (no kernel) → reports. Every test here feeds one step made-up input and looks at its output
alone: only the run step starts a kernel.
"""

import csv
import json
import os
import subprocess
import sys

import nbformat
import pytest

from natocourse.engine.records import bundle as answers_bundle
from natocourse.tooling.classroom import batch, feedback, gradebook, grading, run, sandbox, saved, score, submissions
from natocourse.tooling.classroom.score import Row
from natocourse.tooling.classroom.submissions import GradingError, Submission
from natocourse.tooling.course import Course, Limits

FAST = Limits(timeout=30)


def write_notebook(path, *sources, outputs=None, metadata=None):
    cells = [nbformat.v4.new_code_cell(s) for s in sources]
    for index, outs in (outputs or {}).items():
        cells[index].outputs = outs
        cells[index].execution_count = 7
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=metadata or {}), path)
    return path


def widget_output(qid, *answers):
    return nbformat.v4.new_output("display_data", data=answers_bundle(
        qid, [{"answer": a, "time": "2026-11-25T09:00:00Z"} for a in answers]))


@pytest.fixture(scope="module")
def bank():
    return score.load_bank()


# ---- step 1: find submissions ---------------------------------------------------------------------

def test_find_takes_files_as_given_and_searches_folders(tmp_path):
    given = write_notebook(tmp_path / "loose.ipynb")
    for name in ("b/01-exercise-tour.ipynb", "a/01-exercise-tour.ipynb",
                 "a/.ipynb_checkpoints/01-exercise-tour-checkpoint.ipynb"):
        write_notebook(tmp_path / "class" / name)
    (tmp_path / "class" / "notes.txt").write_text("not a notebook")
    found = submissions.find([given, tmp_path / "class"])
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "loose.ipynb", "class/a/01-exercise-tour.ipynb", "class/b/01-exercise-tour.ipynb"]


def test_find_refuses_what_is_not_there(tmp_path):
    with pytest.raises(GradingError, match="submission not found: .*nope.ipynb"):
        submissions.find([tmp_path / "nope.ipynb"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(GradingError, match="no notebooks to grade"):
        submissions.find([tmp_path / "empty"])


def test_a_failed_submission_says_why_and_leaves_its_student_to_its_handin(tmp_path):
    failed = submissions.failed(tmp_path / "zoe" / "01-exercise-tour.ipynb", "it broke")
    assert (failed.student, failed.notebook, failed.problem, failed.kind) == ("", "01-exercise-tour.ipynb",
                                                                             "it broke", "failed")
    assert failed.code == failed.widget == {} and failed.questions == []


# ---- step 2: read the saved file ------------------------------------------------------------------

def test_saved_file_gives_widget_answers_questions_and_a_cleared_notebook(tmp_path):
    path = write_notebook(
        tmp_path / "ann" / "01-exercise-tour.ipynb", "from natocourse import exercises",
        'exercises.show("tour-02")', 'print("Correct.")\nexercises.check("tour-03", 3)',
        outputs={1: [widget_output("tour-02", ["Canada"], ["Canada", "Iceland", "Portugal"])],
                 2: [nbformat.v4.new_output("stream", name="stdout", text="Correct.\n")]},
        metadata={"natocourse": {"student": "Ann B."}})
    before = path.read_bytes()
    submission, nb = saved.read(path)
    assert submission.student == "" and submission.notebook == "01-exercise-tour.ipynb"  # never the metadata's
    assert submission.questions == ["tour-02", "tour-03"]
    assert submission.widget == {"tour-02": [["Canada"], ["Canada", "Iceland", "Portugal"]]}
    assert submission.code == {} and submission.problem == ""  # nothing ran
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells)
    assert path.read_bytes() == before  # the submitted file is never changed


def test_an_unreadable_file_is_a_problem_not_an_exception(tmp_path):
    path = tmp_path / "bob.ipynb"
    path.write_text('{"cells": [')
    submission, nb = saved.read(path)
    assert nb is None and submission.kind == "broken"
    assert submission.problem.startswith("not a valid notebook")


# ---- step 3: run under limits ---------------------------------------------------------------------

def test_the_run_returns_raw_answers_and_checks_nothing(tmp_path):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in (
        "from natocourse import exercises", 'exercises.check("tour-01", "nope")',
        'exercises.check("tour-03", 3)', 'exercises.check("tour-03", 4)')])
    outcome = run.run(nb, "ann.ipynb", FAST)
    assert outcome.problem == ""
    assert outcome.code == {"tour-01": ["nope"], "tour-03": [3, 4]}  # answers, not verdicts


def test_the_run_reports_errors_and_broken_limits(tmp_path):
    raising = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in ("x = 1", "1/0")])
    assert run.run(raising, "bob.ipynb", FAST).problem == "cell 2 raised ZeroDivisionError"
    noisy = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('print("x" * 5000)')])
    outcome = run.run(noisy, "cy.ipynb", Limits(timeout=30, output_bytes=1000))
    assert "more than 1,000 bytes of output" in outcome.problem


STRAY_TRACEBACK = """
import gc, nbformat
from pathlib import Path
from natocourse.tooling.classroom import run
from natocourse.tooling.course import Limits
nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in ("x = 1", 'print("x" * 5000)')])
for _ in range(2):  # a worker grades notebook after notebook; the first one's leftovers surface meanwhile
    print(run.run(nb, Path("."), Limits(timeout=30, output_bytes=1000)).kind)
    gc.collect()
"""


def test_a_notebook_stopped_by_the_output_cap_leaves_no_traceback_behind(tmp_path):
    """nbclient leaves its kernel-liveness poll running when the output cap ends a cell; once the
    kernel is gone the poll failed with "Task exception was never retrieved" and a traceback under
    the progress bar. The capped client stops it (run.capped_client)."""
    done = subprocess.run([sys.executable, "-c", STRAY_TRACEBACK], capture_output=True, text=True, cwd=tmp_path,
                          timeout=120)
    assert done.stdout.split() == ["output", "output"], done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "never retrieved" not in done.stderr, done.stderr[-2000:]


def test_recorded_answers_are_read_from_the_runs_home_without_statuses(tmp_path):
    (tmp_path / "progress.json").write_text(json.dumps({"version": 1, "attempts": [
        {"question": "tour-01", "correct": True, "status": "correct", "answer": "nope"},
        {"question": "tour-05", "correct": True, "status": "correct"}]}))
    assert run.recorded_answers(tmp_path) == ({"tour-01": ["nope"]}, "")
    assert run.recorded_answers(tmp_path / "nothing-ran") == ({}, "")


def test_the_kernel_gets_a_scratch_home_the_grading_kernel_and_no_more(tmp_path):
    limits = Limits(timeout=10, memory_mb=512)
    environment = run.kernel_environment(tmp_path / "home", tmp_path / "jupyter", limits)
    assert environment["NATOCOURSE_HOME"] == str(tmp_path / "home")
    assert environment["JUPYTER_PATH"].split(":")[0] == str(tmp_path / "jupyter")
    spec = json.loads((tmp_path / "jupyter" / "kernels" / Course.grading_kernel / "kernel.json").read_text())
    assert spec["argv"][spec["argv"].index("--memory-mb") + 1] == "512"
    assert spec["argv"][spec["argv"].index("--cpu-seconds") + 1] == "40"
    assert environment.get("PYTHONPATH") == os.environ.get("PYTHONPATH")  # the course's own path, as given
    exam = run.kernel_environment(tmp_path / "home", tmp_path / "jupyter", limits, python_path="/keyless")
    assert exam["PYTHONPATH"] == "/keyless"


def test_in_a_sandbox_the_kernel_gets_the_sandboxs_paths_and_nothing_of_the_graders(tmp_path, monkeypatch):
    monkeypatch.setenv("NATOCOURSE_TEST_SECRET", "s3cret")
    box = sandbox.Sandbox(bwrap="/usr/bin/bwrap", student_edition="/tmp/keyless")
    environment = run.kernel_environment(tmp_path / "home", tmp_path / "jupyter", Limits(timeout=10), sandbox=box)
    assert environment["NATOCOURSE_HOME"] == f"{sandbox.SCRATCH}/.natocourse" and environment["HOME"] == sandbox.SCRATCH
    assert environment["PYTHONPATH"] == sandbox.EXAM and environment["NATOCOURSE_DATA"] == sandbox.DATA
    assert "NATOCOURSE_TEST_SECRET" not in environment and set(environment) - {"JUPYTER_PATH"} == set(
        sandbox.environment(data="", python_path="x"))
    spec = json.loads((tmp_path / "jupyter" / "kernels" / Course.grading_kernel / "kernel.json").read_text())
    assert spec["argv"][spec["argv"].index("--processes") + 1] == str(sandbox.PROCESSES)
    assert spec["argv"][spec["argv"].index("--file-bytes") + 1] == str(sandbox.SCRATCH_BYTES)


# ---- step 4: score ------------------------------------------------------------------------------

def test_scoring_checks_raw_answers_without_any_kernel(bank, monkeypatch):
    monkeypatch.setitem(sys.modules, "nbclient", None)  # importing nbclient now fails
    submission = Submission("ann", "a.ipynb", questions=["tour-01", "tour-02", "tour-03", "tour-05"],
                            code={"tour-03": [3, None], "tour-01": ["1952-02-18"]},
                            widget={"tour-01": ["1949-04-04"], "tour-02": [["Canada"], ["Canada", "Iceland", "Portugal"]]})
    rows = {r.question: r for r in score.score(submission, bank, {"tour-03": 2})}
    assert (rows["tour-03"].verdict, rows["tour-03"].points, rows["tour-03"].max_points) == ("correct", 2, 2)
    assert "code" in rows["tour-03"].reason  # the last answer that is an answer at all
    assert rows["tour-01"].verdict == "incorrect" and "code" in rows["tour-01"].reason  # code over widget
    assert rows["tour-02"].verdict == "correct" and "widget" in rows["tour-02"].reason  # the last widget answer
    assert rows["tour-05"].verdict == "not_answered" and rows["tour-05"].reason == "no answer given"


def test_scoring_names_problems_and_unknown_questions(bank):
    broken = Submission("bob", "b.ipynb", code={"tour-03": [3]}, problem="the notebook did not finish within 5 s")
    rows = {r.question: r for r in score.score(broken, bank, questions=["tour-03", "tour-01", "nope-01"])}
    assert rows["tour-03"].verdict == "correct" and "while running: the notebook did not finish" in rows["tour-03"].reason
    assert rows["tour-01"].verdict == "error" and rows["tour-01"].reason.startswith("not answered: the notebook")
    assert rows["nope-01"].verdict == "error" and rows["nope-01"].reason == "not a question of this course"
    empty = score.score(Submission("cy", "c.ipynb"), bank)
    assert [(r.question, r.verdict, r.reason) for r in empty] == [("", "error", "no course questions found in this notebook")]


def test_score_all_keeps_the_submissions_order(bank):
    results = [Submission("zed", "z.ipynb", code={"tour-03": [3]}), Submission("amy", "a.ipynb", code={"tour-03": [4]})]
    assert [(r.student, r.points) for r in grading.score_all(results, bank)] == [("zed", 1), ("amy", 0)]


# ---- step 5: reports ------------------------------------------------------------------------------

ROWS = [Row("ann", "a1.ipynb", "tour-01", '"1949-04-04"', "correct", 1, 1, "answered in code; Correct."),
        Row("ann", "a2.ipynb", "tour-01", '"1952"', "incorrect", 0, 1, "answered in code; Not yet."),
        Row("ann", "a1.ipynb", "tour-03", "3", "correct", 2, 2, "answered in code; Correct."),
        Row("b/o b", "b.ipynb", "", "", "error", 0, 0, "not a valid notebook (JSONDecodeError)")]


def test_the_gradebook_counts_each_question_once_with_its_best_points():
    columns, students = gradebook.table(ROWS, points={"tour-03": 2})
    assert columns == ["student", "status", "tour-01", "tour-03", "total", "percent", "submitted", "due"]
    assert students == [{"student": "ann", "status": "ok", "tour-01": 1, "tour-03": 2, "total": 3, "percent": 100.0,
                         "submitted": "", "due": ""},
                        {"student": "b/o b", "status": "ok", "tour-01": 0, "tour-03": 0, "total": 0, "percent": 0.0,
                         "submitted": "", "due": ""}]
    assert gradebook.summary(ROWS) == "graded 3 submission(s): 2 correct, 1 incorrect, 0 invalid, 0 not answered, 1 error"


def test_reports_are_written_together_beside_the_gradebook(tmp_path, bank):
    written = gradebook.write_reports(ROWS, tmp_path / "ps1.csv", points={"tour-03": 2}, bank=bank)
    assert written == {"gradebook": tmp_path / "ps1.csv", "details": tmp_path / "ps1-details.csv",
                       "feedback": tmp_path / "feedback" / "ps1"}
    assert [r["total"] for r in csv.DictReader((tmp_path / "ps1.csv").open())] == ["3", "0"]
    details = list(csv.DictReader((tmp_path / "ps1-details.csv").open()))
    assert [d["answer"] for d in details] == [r.answer for r in ROWS]
    assert sorted(p.name for p in (tmp_path / "feedback" / "ps1").iterdir()) == ["ann.md", "b_o_b.md"]
    assert ("could not be graded in full:** not a valid notebook (JSONDecodeError)"
            in (tmp_path / "feedback" / "ps1" / "b_o_b.md").read_text())


def test_reports_into_a_missing_folder_write_nothing(tmp_path):
    with pytest.raises(GradingError, match="does not exist"):
        gradebook.write_reports(ROWS, tmp_path / "nowhere" / "ps1.csv")
    assert list(tmp_path.iterdir()) == []


def test_feedback_says_question_answer_verdict_and_explanation_only_when_released(bank):
    text = feedback.text("ann", ROWS, bank)
    assert text.startswith("# Feedback for ann")
    assert "## Question 2: tour-01, incorrect, 0 of 1 points" in text and "**Your answer.** \"1952\"" in text
    assert "Explanation" not in text  # each explanation states its answer: released by the instructor only
    released = feedback.text("ann", ROWS, bank, feedback.Assignment("ps1", release_answers=True))
    assert released.startswith("# ps1: feedback for ann")
    assert f"**Explanation.** {bank['tour-01'].explanation}" in released
    assert "b.ipynb" not in text and "not a valid notebook" not in text  # only ann's rows
    assert feedback.file_name("") == "student.md" and feedback.file_name("../x") == "_x.md"


# ---- the batch around steps 2 and 3 ------------------------------------------------------------

def test_a_notebook_that_breaks_the_reader_does_not_stop_the_batch(tmp_path, monkeypatch):
    def explode(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(saved, "read", explode)
    result = batch.read_and_run(tmp_path / "eve.ipynb")
    assert result.kind == "failed" and result.problem == "grading failed (RuntimeError): boom"


def test_the_progress_bar_counts_errors_and_time_left(capsys):
    bar = batch.ProgressBar(2, stream=sys.stdout)
    bar.update(failed=True)
    bar.update(failed=False)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("graded 1/2 [############------------] · 1 error(s) · about ")
    assert lines[1] == "graded 2/2 [########################] · 1 error(s) · done"
