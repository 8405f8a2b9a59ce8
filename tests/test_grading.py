"""Grading from answers: fresh limited kernels, answers re-checked outside them, attacks that fail.

Each attack of issue 15 has a test: printed "Correct" outputs, outputs copied from a solved
notebook, forged progress files, checking code monkeypatched in the student's kernel. None may
change a grade. Broken, truncated, looping, noisy and memory-hungry notebooks get error rows and the
batch goes on.
"""

import copy
import csv
import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from natocourse.engine.records import MIME as ANSWERS_MIME, bundle as answers_bundle
from natocourse.tooling.classroom import gradebook, grading, saved, score, submissions
from natocourse.tooling.cli import main
from natocourse.tooling.course import Limits

ROOT = Path(__file__).resolve().parents[1]
SETUP = "from natocourse import exercises"
FAST = Limits(timeout=20)


def notebook(path, *sources, metadata=None, outputs=None):
    cells = [nbformat.v4.new_code_cell(s) for s in sources]
    for index, outs in (outputs or {}).items():
        cells[index].outputs = outs
    nb = nbformat.v4.new_notebook(cells=cells, metadata=metadata or {})
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


def widget_output(qid, *answers):
    return nbformat.v4.new_output("display_data", data=answers_bundle(
        qid, [{"answer": a, "time": "2026-11-25T09:00:00Z"} for a in answers]))


def by_question(rows):
    return {(r.student, r.question): r for r in rows}


def test_code_answers_last_one_counts_and_widget_answers_count(tmp_path):
    nb = notebook(tmp_path / "alice" / "01-exercise-tour.ipynb", SETUP,
                  'exercises.check("tour-03", 2)', 'exercises.check("tour-03", "3")',
                  'exercises.check("tour-01", "1952-02-18")', 'answer = None\nexercises.check("tour-05", answer)',
                  'exercises.show("tour-02")', 'exercises.show("tour-06")',
                  outputs={4: [widget_output("tour-02", ["Canada"], ["Canada", "Iceland", "Portugal"])],
                           5: [widget_output("tour-06", ["Spain", "Poland", "Estonia", "Finland", "Montenegro"])]})
    rows = by_question(grading.grade([nb], limits=FAST, quiet=True))
    assert rows["alice", "tour-03"].verdict == "correct" and rows["alice", "tour-03"].points == 1
    assert rows["alice", "tour-01"].verdict == "incorrect"
    assert rows["alice", "tour-05"].verdict == "not_answered"
    assert rows["alice", "tour-02"].verdict == "correct" and "widget" in rows["alice", "tour-02"].reason
    assert rows["alice", "tour-06"].verdict == "incorrect"


def test_code_answer_counts_over_the_widget(tmp_path):
    nb = notebook(tmp_path / "ann.ipynb", SETUP, 'exercises.show("tour-01")', 'exercises.check("tour-01", "1952-02-18")',
                  outputs={1: [widget_output("tour-01", "1949-04-04")]})
    rows = by_question(grading.grade([nb], limits=FAST, quiet=True))
    assert rows["ann", "tour-01"].verdict == "incorrect" and "code" in rows["ann", "tour-01"].reason


def test_printed_correct_outputs_change_nothing(tmp_path):
    fake = [nbformat.v4.new_output("stream", name="stdout", text="Correct.\n"),
            nbformat.v4.new_output("display_data", data={"text/plain": "Correct.", "text/html": "<b>Correct.</b>"})]
    nb = notebook(tmp_path / "eve.ipynb", SETUP, 'print("Correct.")\nexercises.check("tour-01", "nope")',
                  outputs={1: fake})
    rows = by_question(grading.grade([nb], limits=FAST, quiet=True))
    assert rows["eve", "tour-01"].verdict == "invalid" and rows["eve", "tour-01"].points == 0


def test_outputs_copied_from_a_solved_notebook_change_nothing(tmp_path):
    solved = nbformat.read(ROOT / "solutions" / "01-exercise-tour.ipynb", as_version=4)
    forged = copy.deepcopy(solved)
    for cell in forged.cells:
        if cell.cell_type == "code" and "BEGIN SOLUTION" in cell.source:
            cell.source = cell.source.split("### BEGIN SOLUTION")[0] + 'answer = "nope"\n' + \
                cell.source.split("### END SOLUTION")[1]
    path = tmp_path / "mallory" / "01-exercise-tour.ipynb"
    path.parent.mkdir()
    nbformat.write(forged, path)
    rows = grading.grade([path], limits=FAST, quiet=True)
    assert rows and all(r.points == 0 for r in rows), [(r.question, r.verdict) for r in rows]
    assert sum(r.verdict in ("incorrect", "invalid") for r in rows) == 8


def test_forged_progress_files_change_nothing(tmp_path):
    forge = """
import json, os, pathlib
from natocourse import progress
attempts = [{"question": q, "chapter": "tour", "correct": True, "status": "correct", "time": "2026-01-01T00:00:00Z",
             "answer": "nope"} for q in ("tour-01", "tour-03", "tour-05")]
for place in (progress.path(), pathlib.Path("progress.json"), pathlib.Path.home() / ".natocourse" / "progress.json"):
    try:
        place.parent.mkdir(parents=True, exist_ok=True)
        place.write_text(json.dumps({"version": 1, "attempts": attempts}))
    except OSError:
        pass
"""
    nb = notebook(tmp_path / "trent.ipynb", SETUP, 'exercises.check("tour-01", "nope")', forge,
                  'exercises.show("tour-05")')
    (tmp_path / "progress.json").write_text(json.dumps({"version": 1, "attempts": [
        {"question": "tour-05", "chapter": "tour", "correct": True, "status": "correct", "time": "x"}]}))
    rows = by_question(grading.grade([nb], limits=FAST, quiet=True))
    assert all(r.points == 0 for r in rows.values()), rows
    assert rows["trent", "tour-05"].verdict in ("invalid", "incorrect", "not_answered")


def test_monkeypatched_checking_in_the_kernel_changes_nothing(tmp_path):
    patch = """
import natocourse.engine as engine, natocourse.engine.types as types, natocourse.engine.results as results
ok = lambda *a, **k: results.Result(True, "correct", "Correct.")
for cls in types.KINDS.values():
    cls.check = ok
    cls.evaluate = ok
engine.check = lambda qid, answer: ok()
exercises.check = engine.check
"""
    nb = notebook(tmp_path / "oscar.ipynb", SETUP, patch, 'exercises.check("tour-01", "nope")',
                  'exercises.check("tour-03", "nope")', 'print(exercises.check("tour-05", "nope"))')
    rows = by_question(grading.grade([nb], limits=FAST, quiet=True))
    assert all(r.points == 0 for r in rows.values()), rows


def test_patched_recording_can_only_record_answers_it_knows(tmp_path):
    """A student who rewrites the recorder still has to supply the answer; the grader checks it."""
    patch = """
from natocourse.engine import progress
real = progress.record
progress.record = lambda q, c, r, answer=None, **k: real(q, c, r, "1949-04-04" if q == "tour-01" else "nope", **k)
"""
    nb = notebook(tmp_path / "peggy.ipynb", SETUP, patch, 'exercises.check("tour-01", "x")',
                  'exercises.check("tour-03", "x")')
    rows = by_question(grading.grade([nb], limits=FAST, quiet=True))
    assert rows["peggy", "tour-01"].verdict == "correct"  # she typed the right answer into her patch
    assert rows["peggy", "tour-03"].points == 0


def test_hostile_notebooks_get_error_rows_and_the_batch_goes_on(tmp_path):
    good = notebook(tmp_path / "amy.ipynb", SETUP, 'exercises.check("tour-03", 3)')
    raising = notebook(tmp_path / "bob.ipynb", SETUP, 'exercises.check("tour-03", 3)', "1/0",
                       'exercises.check("tour-01", "1949-04-04")')
    looping = notebook(tmp_path / "carol.ipynb", SETUP, 'exercises.check("tour-03", 3)', "while True: pass",
                       'exercises.check("tour-01", "1949-04-04")')
    noisy = notebook(tmp_path / "dan.ipynb", SETUP, 'exercises.check("tour-03", 3)',
                     'for i in range(3000): print("x" * 1000)', 'exercises.check("tour-01", "1949-04-04")')
    hungry = notebook(tmp_path / "erin.ipynb", SETUP, 'exercises.check("tour-03", 3)',
                      "hog = bytearray(3 * 1024**3)", 'exercises.check("tour-01", "1949-04-04")')
    truncated = tmp_path / "fay.ipynb"
    truncated.write_text(good.read_text()[:200])
    limits = Limits(timeout=10, output_bytes=200_000, memory_mb=1024)
    rows = grading.grade([good, raising, looping, noisy, hungry, truncated], limits=limits, jobs=2, quiet=True)
    by = by_question(rows)
    assert by["amy", "tour-03"].verdict == "correct"
    assert by["bob", "tour-03"].verdict == "correct" and by["bob", "tour-01"].verdict == "correct"
    assert by["carol", "tour-03"].verdict == "correct"
    assert by["carol", "tour-01"].verdict == "error" and "10 s" in by["carol", "tour-01"].reason
    assert by["dan", "tour-01"].verdict == "error" and "bytes of output" in by["dan", "tour-01"].reason
    assert by["erin", "tour-03"].verdict == "correct"
    # the 3 GB allocation fails inside the kernel's 1 GB limit; the kernel lives on and so does the notebook
    assert "MemoryError" in by["erin", "tour-03"].reason and by["erin", "tour-01"].verdict == "correct"
    assert by["fay", ""].verdict == "error" and "not a valid notebook" in by["fay", ""].reason
    assert [r.student for r in rows][0] == "amy"


def test_gradebook_details_and_feedback(tmp_path, capsys):
    for name, answer in (("ann", 3), ("ben", 4)):
        notebook(tmp_path / "subs" / f"{name}.ipynb", SETUP, f'exercises.check("tour-03", {answer})',
                 'exercises.check("tour-01", "1949-04-04")')
    out = tmp_path / "grades.csv"
    assert main(["grade", str(tmp_path / "subs"), "--out", str(out), "--timeout", "30", "--jobs", "2",
                 "--points", "tour-03=2"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert list(rows[0]) == ["student", "status", "tour-01", "tour-03", "total", "percent", "submitted", "due"]
    assert [(r["student"], r["status"], r["tour-01"], r["tour-03"], r["total"], r["percent"]) for r in rows] == [
        ("ann", "ok", "1", "2", "3", "100.0"), ("ben", "ok", "1", "0", "1", "33.3")]
    details = list(csv.DictReader((tmp_path / "grades-details.csv").open()))
    assert {d["student"] for d in details} == {"ann", "ben"}
    assert set(details[0]) == set(gradebook.DETAIL_COLUMNS)
    ben = (tmp_path / "feedback" / "grades" / "ben.md").read_text()
    assert "tour-03" in ben and "Your answer.** 4" in ben and "Explanation" not in ben
    err = capsys.readouterr().err
    assert "graded 2/2" in err and "Kernel is running over TCP" not in err
    assert "needs attention: nobody" in err and "Traceback" not in err


@pytest.mark.parametrize("args, message", [
    (["--points", "tour-03"], "ID=N"), (["--points", "tour-03=-1"], "ID=N"), (["--points", "nope-01=2"], "does not have"),
    (["--keys", "missing.json"], "keys file not found"),
])
def test_bad_grade_options_are_clear_errors(tmp_path, capsys, args, message):
    nb = notebook(tmp_path / "a.ipynb", SETUP)
    assert main(["grade", str(nb), "--out", str(tmp_path / "g.csv"), *args]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_missing_submission_is_a_clear_error(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "nope.ipynb"), "--out", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert "submission not found" in err and "Traceback" not in err


def test_widget_answers_are_read_from_the_saved_notebook():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x")])
    nb.cells[0].outputs = [widget_output("tour-01", "a", "b"),
                           nbformat.v4.new_output("display_data", data={ANSWERS_MIME: "not json"})]
    assert saved.widget_answers(nb) == {"tour-01": ["a", "b"]}


# ---- exam mode ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exam(tmp_path_factory):
    out = tmp_path_factory.mktemp("exam") / "out"
    assert main(["exam", str(out), "--questions", *EXAM_QUESTIONS, "--name", "exam1", "--no-git"]) == 0
    return out


EXAM_QUESTIONS = ["tour-01", "tour-02", "tour-03", "tour-05", "burden-02"]


def test_exam_student_edition_holds_no_keys(exam):
    from natocourse import exercises

    specs = json.loads((exam / "keys.json").read_text())["questions"]
    assert set(specs) == set(EXAM_QUESTIONS)
    chosen = [exercises.get(q) for q in EXAM_QUESTIONS]
    student_text = "\n".join(p.read_text(errors="ignore") for p in (exam / "student").rglob("*")
                             if p.is_file() and p.suffix in (".py", ".json", ".ipynb", ".md", ".toml", ".js"))
    secrets = [k for q in chosen for k in getattr(q, "keys", ())]
    assert secrets and not [k for k in secrets if k in student_text]
    explanations = [q.explanation for q in chosen if len(q.explanation) > 40]
    assert explanations and not [e for e in explanations if e in student_text]
    assert not (exam / "student" / "src" / "natocourse" / "questions" / "tour.py").exists()


def test_exam_student_edition_never_says_whether_an_answer_is_right(exam):
    code = """
from natocourse import exercises
rights = {"tour-01": "1949-04-04", "tour-03": 3, "tour-05": "Turkey", "tour-02": ["Canada", "Iceland", "Portugal"]}
out = {q: exercises.get(q).check(a).message for q, a in rights.items()}
out["wrong"] = exercises.get("tour-01").check("1952-02-18").message
out["keys"] = sorted(getattr(exercises.get("tour-01"), "keys", []))
print(__import__("json").dumps(out))
"""
    env = {"PYTHONPATH": str(exam / "student" / "src"), "PYTHONNOUSERSITE": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=exam / "student", timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen.pop("keys") == []
    assert set(seen.values()) == {"Recorded. Your teacher's grading will check it."}


def test_exam_grading_with_the_keys_file(exam, tmp_path):
    answers = {"tour-01": '"1949-04-04"', "tour-03": "3", "tour-05": '"Greece"'}
    cells = [SETUP] + [f"exercises.check({q!r}, {a})" for q, a in answers.items()]
    cells.append("print(sorted(getattr(exercises.get('tour-01'), 'keys', [])))")
    nb = notebook(tmp_path / "kim" / "01-exercise-tour.ipynb", *cells)
    rows = by_question(grading.grade([nb], keys=exam / "keys.json", limits=FAST, quiet=True))
    assert rows["kim", "tour-01"].verdict == "correct" and rows["kim", "tour-03"].verdict == "correct"
    assert rows["kim", "tour-05"].verdict == "incorrect"
    run = nbformat.read(nb, as_version=4)
    assert run.cells[-1].outputs == []  # the submitted file is never modified by grading


def test_exam_widget_answers_are_kept_in_the_notebook_and_graded_with_the_keys(exam, tmp_path):
    """In the student edition a widget says only "Recorded", yet keeps the answer for grading."""
    code = """
import json, os
from natocourse import exercises
from natocourse.engine.widgets import QuestionWidget
os.environ["NATOCOURSE_HOME"] = os.getcwd() + "/home"
w = QuestionWidget(exercises.get("tour-02"))
w.value = ["Canada", "Iceland", "Portugal"]
w.check()
print(json.dumps({"given": w.given, "verdict": w.verdict}))
"""
    env = {"PYTHONPATH": str(exam / "student" / "src"), "PYTHONNOUSERSITE": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["verdict"]["status"] == "recorded"
    kept = nbformat.v4.new_output("display_data", data=answers_bundle("tour-02", seen["given"]))
    nb = notebook(tmp_path / "lee" / "01-exercise-tour.ipynb", SETUP, 'exercises.show("tour-02")', outputs={1: [kept]})
    rows = by_question(grading.grade([nb], keys=exam / "keys.json", limits=FAST, quiet=True))
    assert rows["lee", "tour-02"].verdict == "correct" and "widget" in rows["lee", "tour-02"].reason


def test_damaged_keys_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "keys.json"
    bad.write_text("{}")
    with pytest.raises(submissions.GradingError, match="holds no questions"):
        score.load_bank(bad)
