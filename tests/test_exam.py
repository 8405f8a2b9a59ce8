"""Exams that work on a hub: `exam OUT --questions ...` picks the questions and writes the exam
edition, a manifest and the keys; every data question shows its prompt and records the answer in
the edition; `collect --exam` and `grade --keys` read the manifest. The exam on a real hub, with
widget and code answers, is in tests/classroom/."""

from __future__ import annotations

import csv
import json
import subprocess

import nbformat
import pytest

from assignment_helpers import fill, run_in_edition, solution_code
from natocourse import exercises
from natocourse.engine.records import bundle as answers_bundle
from natocourse.tooling.authoring import solutions as authoring
from natocourse.tooling.classroom import exam
from natocourse.tooling.cli import main

QUESTIONS = ["coldwar-06", "bill-01", "burden-02", "tour-02"]
DATA = [q.id for q in exercises.all() if q.kind == "data"]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("exams") / "midterm-2027"
    assert main(["exam", str(out), "--questions", *QUESTIONS, "--points", "burden-02=3", "--due", "2027-03-20"]) == 0
    return out


def test_the_exam_is_the_questions_chosen_with_their_manifest_and_keys(written):
    manifest = json.loads((written / "manifest.json").read_text())
    assert manifest == {"name": "midterm-2027", "due": "2027-03-20", "timezone": "UTC", "feedback": "none",
                        "attempts": None, "notebook": "midterm-2027.ipynb",
                        "questions": [{"id": q, "points": 3 if q == "burden-02" else 1} for q in QUESTIONS],
                        "keys": "keys.json"}
    assert list(json.loads((written / "keys.json").read_text())["questions"]) == QUESTIONS
    bank = json.loads((written / "student" / "src" / "natocourse" / "questions" / "questions.json").read_text())
    assert list(bank) == QUESTIONS and not any({"keys", "answer", "explanation"} & set(s) for s in bank.values())
    nb = nbformat.read(written / "student" / "midterm-2027.ipynb", as_version=4)
    shown = [c.metadata["natocourse"]["question"] for c in nb.cells if c.get("id", "").endswith("-show")]
    assert shown == QUESTIONS and nb.cells[0].source.startswith("# Exam `midterm-2027`")
    assert "a check says only that your answer was recorded" in nb.cells[0].source
    source = nbformat.read(written / "source" / "midterm-2027.ipynb", as_version=4)
    text = (written / "student" / "midterm-2027.ipynb").read_text()
    assert not [q for q in QUESTIONS if solution_code(source, q) in text]
    assert authoring.teacher_text(nb) == []
    log = subprocess.run(["git", "log", "--format=%s"], cwd=written / "student", capture_output=True, text=True)
    assert log.stdout.splitlines() == ["Exam midterm-2027"]
    assert not (written / "student" / "src" / "natocourse" / "tooling" / "authoring" / "templates").exists()


def test_every_data_question_shows_its_prompt_and_records_in_the_exam_edition(tmp_path):
    out = tmp_path / "data-exam"
    exam.write_exam(out, DATA, git=False)
    code = f"""
import json
from IPython.core.interactiveshell import InteractiveShell
from natocourse import exercises
from natocourse.engine.widgets import QuestionWidget
InteractiveShell.instance()
seen = {{}}
for qid in {DATA!r}:
    question = exercises.get(qid)
    exercises.show(qid)
    QuestionWidget(question)
    seen[qid] = [question.prompt, question.public_spec()["instructions"], exercises.check(qid, 3.0).message,
                 exercises.check(qid, None).message, sorted(question.public_spec())]
print(json.dumps(seen))
"""
    seen = run_in_edition(out, code, tmp_path / "home")
    assert sorted(seen) == sorted(DATA)
    for qid, (prompt, instructions, answered, blank, fields) in seen.items():
        assert prompt == exercises.get(qid).prompt and f'exercises.check("{qid}", answer)' in instructions
        assert answered == "Recorded. Your teacher's grading will check it." and blank.startswith("Not answered"), qid
        assert "answer" not in fields


def test_collect_and_grade_read_the_exam_manifest_and_its_keys(written, tmp_path):
    """The exam's own key says bill-01 is 90 days (the course's says 30): only grading that reads
    the exam's keys file gives kim's "answer = 90" its point."""
    import shutil

    written_copy = tmp_path / "midterm-2027"
    shutil.copytree(written, written_copy)
    written = written_copy
    keys = json.loads((written / "keys.json").read_text())
    keys["questions"]["bill-01"]["answer"] = 90.0
    (written / "keys.json").write_text(json.dumps(keys))
    released = written / "student" / "midterm-2027.ipynb"
    source = nbformat.read(written / "source" / "midterm-2027.ipynb", as_version=4)
    homes = tmp_path / "homes"
    kim = nbformat.read(released, as_version=4)  # code answers to three questions, one of them wrong
    fill(kim, {"coldwar-06": solution_code(source, "coldwar-06"), "burden-02": solution_code(source, "burden-02"),
               "bill-01": "answer = 90"})  # wrong by the course's key, right by this exam's
    widget = next(c for c in kim.cells if c.get("id") == "tour-02-show")  # and one answer in a widget
    widget.outputs = [nbformat.v4.new_output("display_data",
                                             data=answers_bundle("tour-02", [{"answer": ["Canada", "Iceland", "Portugal"],
                                                                                  "time": "2027-03-20T10:00:00Z"}]))]
    (homes / "kim" / "exam").mkdir(parents=True)
    nbformat.write(kim, homes / "kim" / "exam" / "midterm-2027.ipynb")
    (homes / "lou").mkdir()
    out = tmp_path / "collected"
    assert main(["collect", "--exam", str(written), "--homes", str(homes), "--out", str(out), "--jobs", "1",
                 "--students", "kim", "lou"]) == 0  # without a class list, a home with no exam is no student
    with (out / "midterm-2027" / "grades.csv").open() as handle:
        book = {row["student"]: row for row in csv.DictReader(handle)}
    assert {k: book["kim"][k] for k in [*QUESTIONS, "total"]} == {
        "coldwar-06": "1", "bill-01": "1", "burden-02": "3", "tour-02": "1", "total": "6"}
    assert book["lou"]["total"] == "0"
    graded = tmp_path / "grades.csv"
    assert main(["grade", str(out / "midterm-2027" / "submitted" / "kim" / "midterm-2027.ipynb"), "--keys",
                 str(written / "keys.json"), "--out", str(graded)]) == 0
    with graded.open() as handle:
        row = next(csv.DictReader(handle))
    columns = list(row)  # 24's gradebook: student, status, the questions, total, percent, submitted, due
    assert columns[2:columns.index("total")] == QUESTIONS and row["total"] == "6"  # the manifest's questions and points


@pytest.mark.parametrize("arguments, message", [
    (["--questions", "coldwar-99"], "unknown question"),
    (["--questions", "bill-01", "--due", "2027-02-30"], "not a day of the calendar"),
    (["--questions", "bill-01", "--name", "Midterm!"], "must be 1-40"),
])
def test_a_bad_request_writes_nothing(tmp_path, capsys, arguments, message):
    out = tmp_path / "final"
    assert main(["exam", str(out), *arguments, "--no-git"]) == 2
    assert message in capsys.readouterr().err and not out.exists()


def test_collect_wants_an_assignment_or_an_exam(tmp_path, capsys):
    assert main(["collect", "--homes", str(tmp_path)]) == 2
    assert "--exam" in capsys.readouterr().err
    (tmp_path / "ps").mkdir()
    (tmp_path / "ps" / "manifest.json").write_text(json.dumps({"name": "ps", "questions": [{"id": "bill-01", "points": 1}]}))
    assert main(["collect", "--exam", str(tmp_path / "ps"), "--homes", str(tmp_path)]) == 2
    assert "not an exam's" in capsys.readouterr().err
