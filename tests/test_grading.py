"""Grading submissions: fresh kernels, last attempt per question, errors as rows, parallel batch."""

import csv

import nbformat
import pytest

from natocourse import grading
from natocourse.tooling.cli import main


def notebook(path, *sources, metadata=None):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources],
                                  metadata=metadata or {})
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


SETUP = "from natocourse import exercises"


def test_student_names(tmp_path):
    assert grading.student_name(tmp_path / "alice" / "01-exercise-tour.ipynb") == "alice"
    assert grading.student_name(tmp_path / "bob_01-exercise-tour.ipynb") == "bob"
    assert grading.student_name(tmp_path / "carol.ipynb") == "carol"
    assert grading.student_name(tmp_path / "x.ipynb", {"natocourse": {"student": "Dee"}}) == "Dee"


def test_batch_with_good_bad_and_looping_submissions(tmp_path):
    good = notebook(tmp_path / "alice" / "01-exercise-tour.ipynb", SETUP,
                    'exercises.check("tour-03", 2)', 'exercises.check("tour-03", "3")',
                    'exercises.check("tour-01", "1952-02-18")', 'answer = None\nexercises.check("tour-05", answer)',
                    'exercises.show("tour-02")')
    raising = notebook(tmp_path / "bob.ipynb", SETUP, 'exercises.check("tour-03", 3)', "1/0",
                       'exercises.check("tour-01", "1949-04-04")')
    looping = notebook(tmp_path / "carol.ipynb", SETUP, 'exercises.check("tour-03", 3)', "while True: pass",
                       'exercises.check("tour-01", "1949-04-04")')
    broken = tmp_path / "dave.ipynb"
    broken.write_text("{ not json")
    rows = grading.grade([good, raising, looping, broken], timeout=10, jobs=2, quiet=True)
    by = {(r.student, r.question): r for r in rows}
    assert by["alice", "tour-03"].status == "correct"  # the last attempt counts
    assert by["alice", "tour-01"].status == "incorrect"
    assert by["alice", "tour-05"].status == "not_answered"
    assert by["alice", "tour-02"].status == "not_answered"  # shown but never checked
    assert by["bob", "tour-03"].status == "correct" and by["bob", "tour-01"].status == "correct"
    assert by["carol", "tour-03"].status == "correct"
    assert by["carol", "tour-01"].status == "error" and "10 s" in by["carol", "tour-01"].detail
    assert by["dave", ""].status == "error" and "not a valid notebook" in by["dave", ""].detail
    assert [r.student for r in rows][0] == "alice"  # submission order is kept


def test_cli_writes_csv_and_reports_progress(tmp_path, capsys):
    for name in ("ann", "ben"):
        notebook(tmp_path / "subs" / f"{name}.ipynb", SETUP, 'exercises.check("tour-03", 3)')
    out = tmp_path / "grades.csv"
    assert main(["grade", str(tmp_path / "subs"), "--out", str(out), "--timeout", "30", "--jobs", "2"]) == 0
    rows = list(csv.DictReader(out.open()))
    assert [(r["student"], r["question"], r["status"]) for r in rows] == [
        ("ann", "tour-03", "correct"), ("ben", "tour-03", "correct")]
    assert list(rows[0]) == list(grading.COLUMNS)
    assert "graded 2/2" in capsys.readouterr().err


def test_missing_submission_is_a_clear_error(tmp_path, capsys):
    assert main(["grade", str(tmp_path / "nope.ipynb"), "--out", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert "submission not found" in err and "Traceback" not in err
