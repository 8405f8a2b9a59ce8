"""The nbgrader export, checked by following the instructor guide's nbgrader steps exactly: the
commands are read from the guide's code block, so this test breaks when the guide changes. nbgrader
comes from PyPI, installed by ``python tasks.py test`` into ``.venv-nbgrader/``, apart from the
course environment, as on a hub.

In a temporary course folder: ``assign --nbgrader`` writes the source assignment; then the guide's
commands run in order (``python -m natocourse ...`` in the course's environment, ``nbgrader ...``
from ``.venv-nbgrader``), with a home of their own so that the kernel the guide installs lands
there; the submissions of a solved, a half-solved, a wrong and a blank student are placed where the
guide says, before autograde. The release holds no key, the due date reaches nbgrader's gradebook,
and nbgrader's points equal those of ``python -m natocourse grade`` on the same submissions.

The problem set also holds a written question: its answer cell is a manually graded Markdown cell
whose release says "YOUR ANSWER HERE" (never the model answer), which autograde leaves to be marked
by hand; given a manual score in nbgrader's gradebook (as formgrader gives it), the score counts.
"""

import csv
import json
import os
import re
import shlex
import sqlite3
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from assignment_helpers import DUE, POINTS, QUESTIONS, TOTAL, WRONG, expected_points, fill, solution_code
from natocourse import exercises, nbgrader_export
from natocourse.tooling.cli import main

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "instructor-guide.md"
TOOLS = ROOT / ".venv-nbgrader" / ("Scripts" if os.name == "nt" else "bin")
HALF = QUESTIONS[1::2]
#: The written question of the problem set, and its points: marked by hand in formgrader.
WRITTEN, WRITTEN_POINTS = "factcheck-05", 5
ESSAY = "In 2024, by NATO's April 2025 release, 9 of 31 allies were below 2 %: <b>29 %</b>."
SUBMISSIONS = {"solved": (QUESTIONS, []), "half": (HALF, [q for q in QUESTIONS if q not in HALF]),
               "wrong": ([], QUESTIONS), "blank": ([], [])}


def guide_commands() -> list[str]:
    """The commands of the guide's nbgrader code block, in order (comments dropped)."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("### If your department grades with nbgrader"):]
    block = re.search(r"```bash\n(.*?)```", section, re.S)[1]
    commands = []
    for line in block.splitlines():
        command = line.split("  #")[0].strip()
        if command and not command.startswith("#"):
            commands.append(command)
    return commands


def place_submissions(folder: Path) -> None:
    """What the guide's comment says: the students' notebooks in submitted/<student>/ps1/."""
    source = nbformat.read(folder / "source" / "ps1" / "ps1.ipynb", as_version=4)
    released = folder / "nbgrader" / "release" / "ps1" / "ps1.ipynb"
    for student, (right, wrong) in SUBMISSIONS.items():
        nb = nbformat.read(released, as_version=4)
        fill(nb, {**{q: solution_code(source, q) for q in right}, **{q: WRONG[q] for q in wrong}})
        if right:
            next(c for c in nb.cells if c.get("id") == f"{WRITTEN}-answer").source = ESSAY
        nb.metadata.setdefault("natocourse", {})["student"] = student
        target = folder / "nbgrader" / "submitted" / student / "ps1" / "ps1.ipynb"
        target.parent.mkdir(parents=True)
        nbformat.write(nb, target)


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The course folder after `assign --nbgrader` and every command of the guide."""
    if not (TOOLS / "nbgrader").exists():
        pytest.fail(f"nbgrader is not installed in {TOOLS.parent}: run `python tasks.py test`, which "
                    "installs tests/nbgrader/requirements.txt there")
    folder = tmp_path_factory.mktemp("nbgrader-course")
    status = main(["assign", "ps1", "--questions", *QUESTIONS, WRITTEN,
                   *(f"--points={q}={p}" for q, p in {**POINTS, WRITTEN: WRITTEN_POINTS}.items()),
                   "--due", DUE, "--dir", str(folder), "--nbgrader"])
    assert status == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTER")}
    env.update(HOME=str(folder / "home"), NATOCOURSE_HOME=str(folder / "natocourse-home"),
               PATH=f"{TOOLS}{os.pathsep}{os.environ['PATH']}")
    cwd, ran = folder, []
    for command in guide_commands():
        words = shlex.split(command)
        if words[0] == "cd":
            cwd = cwd / words[1]
            continue
        if words[:3] == ["python", "-m", "natocourse"]:
            words[0] = sys.executable
        elif words[0] == "nbgrader":
            words[0] = str(TOOLS / "nbgrader")
            if words[1] == "autograde":
                place_submissions(folder)
        else:
            pytest.fail(f"the guide's nbgrader steps have a command this test does not know: {command}")
        done = subprocess.run(words, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, f"{command} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        ran.append(words[1] if words[0] != sys.executable else "natocourse " + words[3])
    assert ran[-3:] == ["generate_assignment", "autograde", "export"] or \
        {"generate_assignment", "autograde", "export"} <= set(ran), ran
    return folder, ran, env


def test_source_assignment_metadata(course):
    folder, _, _ = course
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


def test_the_guides_steps_release_no_key_and_carry_the_due_date(course):
    folder, ran, _ = course
    assert "natocourse nbgrader-kernel" in ran and "db" in ran
    released_text = (folder / "nbgrader" / "release" / "ps1" / "ps1.ipynb").read_text()
    source = nbformat.read(folder / "source" / "ps1" / "ps1.ipynb", as_version=4)
    assert "HIDDEN TESTS" not in released_text and "verify(" not in released_text
    for question in QUESTIONS:
        for value in nbgrader_export.embedded_key(exercises.get(question)).values():
            if isinstance(value, list):
                assert not any(k in released_text for k in value), question
        assert solution_code(source, question) not in released_text, question
    released = nbformat.read(folder / "nbgrader" / "release" / "ps1" / "ps1.ipynb", as_version=4)
    essay_cell = next(c for c in released.cells if c.get("id") == f"{WRITTEN}-answer")
    assert essay_cell.source == "YOUR ANSWER HERE" and exercises.get(WRITTEN).model_answer[:40] not in released_text
    with sqlite3.connect(folder / "nbgrader" / "gradebook.db") as db:
        # the course's cut-off (midnight after the due day) less a microsecond, stored by nbgrader in UTC
        assert db.execute("SELECT name, duedate FROM assignment").fetchall() == [("ps1", f"{DUE} 23:59:59.999999")]
    kernel = json.loads((folder / "home" / ".local" / "share" / "jupyter" / "kernels" / "natocourse" /
                         "kernel.json").read_text())
    assert kernel["argv"][0] == sys.executable


def test_nbgrader_gives_the_points_of_natocourse_grade(course, tmp_path):
    folder, _, env = course
    home = folder / "nbgrader"
    with (home / "grades.csv").open() as handle:
        nbgrader_points = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
        handle.seek(0)
        max_scores = {float(row["max_score"]) for row in csv.DictReader(handle)}
    assert max_scores == {TOTAL + WRITTEN_POINTS}
    with (home / "grades.csv").open() as handle:  # the due date reached nbgrader's database (in UTC)
        assert {row["duedate"] for row in csv.DictReader(handle)} == {f"{DUE} 23:59:59.999999"}
    assert nbgrader_points == {s: expected_points(right) for s, (right, _) in SUBMISSIONS.items()}  # not marked yet
    assert nbgrader_points["solved"] == TOTAL > 0

    out = tmp_path / "grades.csv"
    submitted = sorted(str(p) for p in (home / "submitted").glob("*/ps1/ps1.ipynb"))
    manifest = folder / "release" / "ps1" / "manifest.json"
    assert main(["grade", *submitted, "--out", str(out), "--manifest", str(manifest)]) == 0
    with out.open() as handle:
        ours = {row["student"]: float(row["total"]) for row in csv.DictReader(handle)}
    print("points out of", TOTAL, "(nbgrader / natocourse grade):",
          ", ".join(f"{s} {nbgrader_points[s]:g} / {ours.get(s, 'missing')}" for s in SUBMISSIONS))
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
    exported = subprocess.run([str(TOOLS / "nbgrader"), "export"], cwd=home, env=env, capture_output=True,
                              text=True, timeout=600)
    assert exported.returncode == 0, exported.stderr[-2000:]
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
