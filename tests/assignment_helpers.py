"""Helpers shared by the assignment, classroom and nbgrader tests: a problem set mixing chapters
2, 6 and 8, and students' answers written into its answer cells as a student would type them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import nbformat

from natocourse import authoring

#: The problem set of the tests: six questions from chapters 2, 6 and 8, mixed types.
QUESTIONS = ["coldwar-02", "coldwar-06", "bill-01", "bill-03", "burden-02", "burden-04"]
POINTS = {"coldwar-02": 2, "burden-04": 3}
DUE = "2027-03-15"
TOTAL = sum(POINTS.get(q, 1) for q in QUESTIONS)

#: Wrong answers a student might give (each of the right type, so each check says "Not yet").
WRONG = {"coldwar-02": "answer = 3", "coldwar-06": 'answer = "Comecon"', "bill-01": "answer = 90",
         "bill-03": "answer = 1", "burden-02": "answer = 12.5", "burden-04": "answer = -0.47"}


def solution_code(source_nb, question: str) -> str:
    """The code between the solution markers of a question's answer cell in the source notebook."""
    cell = next(c for c in source_nb.cells if c.get("id") == f"{question}-answer")
    match = re.search(r"### BEGIN SOLUTION\n(.*?)\n\s*### END SOLUTION", cell.source, re.DOTALL)
    return match[1]


def answer_cell(nb, question: str):
    """The answer cell of a question in an assignment notebook (found by its stable id)."""
    return next(c for c in nb.cells if c.get("id") == f"{question}-answer")


def fill(nb, answers: dict[str, str]):
    """Write each answer's code in place of the placeholder of its question's answer cell."""
    for question, code in answers.items():
        cell = answer_cell(nb, question)
        assert authoring.ANSWER_PLACEHOLDER in cell.source, cell.source
        cell.source = cell.source.replace(authoring.ANSWER_PLACEHOLDER, code)
    return nb


def answered(released_path, source_path, right: list[str], wrong: list[str] = ()):
    """A copy of the released notebook with ``right`` answered correctly and ``wrong`` wrongly."""
    released = nbformat.read(released_path, as_version=4)
    source = nbformat.read(source_path, as_version=4)
    answers = {q: solution_code(source, q) for q in right}
    answers.update({q: WRONG[q] for q in wrong})
    return fill(released, answers)


def expected_points(right: list[str]) -> float:
    """The points of a student who answered exactly ``right`` correctly."""
    return float(sum(POINTS.get(q, 1) for q in right))


def run_in_edition(out: Path, code: str, home: Path):
    """Run ``code`` with the Python of an exam edition (``OUT/student``: its keyless package on the
    path, nothing of the course's) and return what its last printed line holds, as JSON."""
    env = {"PYTHONPATH": str(out / "student" / "src"), "PYTHONNOUSERSITE": "1", "PATH": "/usr/bin:/bin",
           "NATOCOURSE_HOME": str(home), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                          cwd=out / "student", timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])
