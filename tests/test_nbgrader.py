"""The nbgrader export, checked with nbgrader's own commands (nbgrader from PyPI, installed by
``python tasks.py test`` into ``.venv-nbgrader/``, apart from the course environment).

In a temporary course folder: ``assign --nbgrader`` writes the source assignment;
``nbgrader generate_assignment`` releases it and the release holds no key; ``nbgrader autograde``
grades a solved, a half-solved, a wrong and a blank submission; the points nbgrader gives equal
those of ``python -m natocourse grade`` on the same submissions. The kernels nbgrader starts run
this environment's Python (a ``python3`` kernelspec on ``JUPYTER_PATH``), which has the course.

The problem set also holds a written question: its answer cell is a manually graded Markdown cell
whose release says "YOUR ANSWER HERE" (never the model answer), which autograde leaves to be marked
by hand; given a manual score in nbgrader's gradebook (as formgrader gives it), the score counts.
"""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from assignment_helpers import DUE, POINTS, QUESTIONS, TOTAL, WRONG, expected_points, fill, solution_code
from natocourse import exercises, nbgrader_export
from natocourse.tooling.cli import main

ROOT = Path(__file__).resolve().parents[1]
TOOLS = ROOT / ".venv-nbgrader" / ("Scripts" if os.name == "nt" else "bin")
HALF = QUESTIONS[1::2]
#: The written question of the problem set, and its points: marked by hand in formgrader.
WRITTEN, WRITTEN_POINTS = "factcheck-05", 5
ESSAY = "In 2024, by NATO's April 2025 release, 9 of 31 allies were below 2 %: <b>29 %</b>."
SUBMISSIONS = {"solved": (QUESTIONS, []), "half": (HALF, [q for q in QUESTIONS if q not in HALF]),
               "wrong": ([], QUESTIONS), "blank": ([], [])}


def nbgrader(*args, cwd, env):
    result = subprocess.run([str(TOOLS / "nbgrader"), *args], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, f"nbgrader {' '.join(args)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    if not (TOOLS / "nbgrader").exists():
        pytest.fail(f"nbgrader is not installed in {TOOLS.parent}: run `python tasks.py test`, which "
                    "installs tests/nbgrader/requirements.txt there")
    folder = tmp_path_factory.mktemp("nbgrader-course")
    status = main(["assign", "ps1", "--questions", *QUESTIONS, WRITTEN,
                   *(f"--points={q}={p}" for q, p in {**POINTS, WRITTEN: WRITTEN_POINTS}.items()),
                   "--due", DUE, "--dir", str(folder), "--nbgrader"])
    assert status == 0
    kernels = folder / "jupyter" / "kernels" / "python3"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Python 3 (ipykernel)", "language": "python"}))
    env = {**os.environ, "PATH": f"{TOOLS}{os.pathsep}{os.environ['PATH']}",
           "JUPYTER_PATH": str(folder / "jupyter"), "NATOCOURSE_HOME": str(folder / "home")}
    return folder, env


def test_source_assignment_metadata(course):
    folder, _ = course
    source = nbformat.read(folder / "nbgrader" / "source" / "ps1" / "ps1.ipynb", as_version=4)
    by_id = {c["id"]: c for c in source.cells}
    for question in QUESTIONS:
        answer, test = by_id[f"{question}-answer"], by_id[f"{question}-test"]
        assert answer.metadata.nbgrader["solution"] and not answer.metadata.nbgrader["locked"]
        assert "### BEGIN SOLUTION" in answer.source
        assert test.metadata.nbgrader == {"grade": True, "grade_id": f"{question}-test", "locked": True,
                                          "points": POINTS.get(question, 1), "schema_version": 3,
                                          "solution": False, "task": False}
        assert test.source.startswith("### BEGIN HIDDEN TESTS") and test.source.endswith("### END HIDDEN TESTS")
        for key in nbgrader_export.embedded_key(exercises.get(question)).values():
            assert json.dumps(key) in test.source
        for prompt in ("context", "setup", "show"):
            assert by_id[f"{question}-{prompt}"].metadata.nbgrader["locked"]
            assert by_id[f"{question}-{prompt}"].metadata.nbgrader["grade_id"] == f"{question}-{prompt}"
    assert sum(c.metadata.nbgrader.get("points", 0) for c in source.cells) == TOTAL + WRITTEN_POINTS
    written = by_id[f"{WRITTEN}-answer"]
    assert written.cell_type == "markdown" and written.source == exercises.get(WRITTEN).model_answer
    assert written.metadata.nbgrader == {"grade": True, "grade_id": f"{WRITTEN}-answer", "locked": False,
                                         "points": WRITTEN_POINTS, "schema_version": 3, "solution": True, "task": False}
    prompt = by_id[f"{WRITTEN}-show"]
    assert prompt.cell_type == "markdown" and prompt.metadata.nbgrader["locked"] and "| Evidence (4) |" in prompt.source
    assert f"{WRITTEN}-test" not in by_id


def test_verify_uses_the_key_it_carries():
    question = exercises.get("coldwar-06")
    good = nbgrader_export.embedded_key(question)
    nbgrader_export.verify("coldwar-06", "Warsaw Pact", good)
    with pytest.raises(AssertionError, match="Not yet"):
        nbgrader_export.verify("coldwar-06", "Warsaw Pact", {"keys": ["0" * 64]})
    with pytest.raises(AssertionError, match="Not answered"):
        nbgrader_export.verify("bill-03", None, nbgrader_export.embedded_key(exercises.get("bill-03")))
    expected = exercises.get("burden-02").expected()
    nbgrader_export.verify("burden-02", expected, {"expected": expected})
    with pytest.raises(AssertionError):
        nbgrader_export.verify("burden-02", expected, {"expected": expected + 10})


def test_nbgrader_generates_autogrades_and_agrees_with_natocourse_grade(course, tmp_path):
    folder, env = course
    home = folder / "nbgrader"
    nbgrader("db", "assignment", "import", "assignments.csv", cwd=home, env=env)
    nbgrader("generate_assignment", "ps1", "--force", cwd=home, env=env)
    released_path = home / "release" / "ps1" / "ps1.ipynb"
    released_text = released_path.read_text()
    source = nbformat.read(folder / "source" / "ps1" / "ps1.ipynb", as_version=4)
    assert "HIDDEN TESTS" not in released_text and "verify(" not in released_text
    for question in QUESTIONS:
        for value in nbgrader_export.embedded_key(exercises.get(question)).values():
            if isinstance(value, list):
                assert not any(k in released_text for k in value), question
        assert solution_code(source, question) not in released_text, question

    essay_cell = next(c for c in nbformat.read(released_path, as_version=4).cells if c.get("id") == f"{WRITTEN}-answer")
    assert essay_cell.source == "YOUR ANSWER HERE" and exercises.get(WRITTEN).model_answer[:40] not in released_text
    for student, (right, wrong) in SUBMISSIONS.items():
        nb = nbformat.read(released_path, as_version=4)
        fill(nb, {**{q: solution_code(source, q) for q in right}, **{q: WRONG[q] for q in wrong}})
        if right:
            next(c for c in nb.cells if c.get("id") == f"{WRITTEN}-answer").source = ESSAY
        nb.metadata.setdefault("natocourse", {})["student"] = student
        target = home / "submitted" / student / "ps1" / "ps1.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(nb, target)
    nbgrader("autograde", "ps1", "--force", cwd=home, env=env)
    nbgrader("export", cwd=home, env=env)
    with (home / "grades.csv").open() as handle:
        nbgrader_points = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
        handle.seek(0)
        max_scores = {float(row["max_score"]) for row in csv.DictReader(handle)}
    assert max_scores == {TOTAL + WRITTEN_POINTS}
    with (home / "grades.csv").open() as handle:  # the due date reached nbgrader's database (in UTC)
        assert {row["duedate"] for row in csv.DictReader(handle)} == {f"{DUE} 23:59:59.999999"}
    assert nbgrader_points == {s: expected_points(right) for s, (right, _) in SUBMISSIONS.items()}  # not marked yet

    out = tmp_path / "grades.csv"
    submitted = sorted(str(p) for p in (home / "submitted").glob("*/ps1/ps1.ipynb"))
    manifest = folder / "release" / "ps1" / "manifest.json"
    assert main(["grade", *submitted, "--out", str(out), "--manifest", str(manifest)]) == 0
    with out.open() as handle:
        ours = {row["student"]: float(row["total"]) for row in csv.DictReader(handle)}
    assert ours == nbgrader_points

    # formgrader's part, through nbgrader's own gradebook: the written answer is marked by hand
    marked = subprocess.run([str(TOOLS / "python"), "-c", (
        "from nbgrader.api import Gradebook\n"
        "with Gradebook('sqlite:///gradebook.db') as gb:\n"
        f"    grade = gb.find_grade('{WRITTEN}-answer', 'ps1', 'ps1', 'solved')\n"
        "    assert grade.needs_manual_grade and grade.auto_score is None, grade\n"
        "    grade.manual_score = 4\n"
        "    gb.db.commit()\n")], cwd=home, env=env, capture_output=True, text=True, timeout=120)
    assert marked.returncode == 0, marked.stderr[-2000:]
    nbgrader("export", cwd=home, env=env)
    with (home / "grades.csv").open() as handle:
        after = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert after == {**nbgrader_points, "solved": nbgrader_points["solved"] + 4}


def test_export_that_would_overwrite_writes_nothing(tmp_path, capsys):
    existing = tmp_path / "nbgrader" / "source" / "ps1" / "ps1.ipynb"
    existing.parent.mkdir(parents=True)
    existing.write_text("{}")
    assert main(["assign", "ps1", "--questions", "coldwar-02", "--nbgrader", "--dir", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nbgrader"] and existing.read_text() == "{}"
