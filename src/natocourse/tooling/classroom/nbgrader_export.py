"""The same problem set as an nbgrader source assignment: ``assign NAME ... --nbgrader``.

For departments whose hub already grades with nbgrader, ``assign`` also writes an nbgrader course
folder next to ``release/`` and ``source/``::

    nbgrader/nbgrader_config.py            the stub students see in answer cells (as in our notebooks),
                                           and the kernel autograde runs submissions in
    nbgrader/source/NAME/NAME.ipynb        the source assignment
    nbgrader/assignments.csv               each assignment's due date, for ``nbgrader db assignment import``

nbgrader runs in an environment of its own (a hub's), whose ``python3`` kernel has no course
package: its hidden tests would all fail. ``python -m natocourse nbgrader-kernel``, run once in the
course's environment, installs the kernelspec :data:`KERNEL` that runs that environment's Python,
and ``nbgrader_config.py`` makes autograde use it (``c.Execute.kernel_name``); the students'
notebooks keep the ``python3`` kernel of their own environment. Then run nbgrader's own commands in
``nbgrader/`` (``nbgrader db assignment import assignments.csv``, ``nbgrader generate_assignment
NAME``, then ``collect``/``autograde`` as usual).

**The due date.** nbgrader keeps due dates in its database and counts a submission late when its
time is *after* the due date. The course's rule (:mod:`.deadlines`) makes work late from midnight
after the due day in the manifest's time zone, so ``assignments.csv`` gives nbgrader the last
microsecond of the due day with its UTC offset (``2027-03-15T23:59:59.999999+01:00``): both then
call the same hand-ins late. The file keeps one row per assignment (an assignment made again
replaces its row); an assignment without a due date gets an empty ``duedate``.

In the source notebook:

- every prompt cell (the problem set's introduction, each question's context, setup and widget) is
  a *read-only* cell: ``locked``, with a stable ``grade_id`` (its cell id, e.g. ``coldwar-02-show``);
  the introduction says how nbgrader grades (:data:`HOW_ANSWERS_COUNT`): the answer cells only, so
  an answer given only in a widget is not graded here;
- each answer cell is an *autograded answer* (``solution: true``): its ``### BEGIN SOLUTION``
  region is what nbgrader replaces in the student's copy; the ``exercises.check`` line stays, so
  students get the same instant feedback;
- after each answer cell comes an *autograder tests* cell (``grade: true``, locked, ``points`` as
  in the manifest, ``grade_id`` ``<question>-test``) whose whole body is a hidden-tests region:
  nbgrader removes it from the release and puts it back when autograding. The test carries its
  own key (the answer hashes, the number and tolerance, or the expected value computed from
  ``data/`` when the assignment was made) and calls :func:`verify`, which checks the answer with
  that key and the question's own rules (accents, units, options) and fails with the feedback
  message otherwise. Grading therefore does not depend on the keys of whichever package version
  is installed where nbgrader runs, and the released notebook holds no key at all;
- a written question (a question marked by a person, ``Question.marked``) has no test: its widget
  cell becomes a read-only Markdown cell with the prompt, the word range and the rubric (students
  and markers see it), and its answer cell a *manually graded answer* (``solution`` and
  ``grade``, Markdown, ``points`` as in the manifest) holding the model answer, which nbgrader
  replaces with "YOUR ANSWER HERE" in the release; formgrader then marks it by hand.
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import nbformat

from .assign import HOW_ANSWERS_COUNT as COURSE_HOW_ANSWERS_COUNT
from .assign import AssignmentError, Built

SCHEMA_VERSION = 3
#: The kernelspec nbgrader's autograde runs submissions in: the course's Python (``nbgrader-kernel``).
KERNEL = "natocourse"
#: The file of due dates, in ``nbgrader/`` (the columns ``nbgrader db assignment import`` reads).
DUE_DATES = "assignments.csv"
CONFIG = f'''"""nbgrader settings for the course's problem sets (written by `python -m natocourse assign --nbgrader`)."""
c = get_config()  # noqa: F821
# In the student's copy an answer region becomes the same line as in the course's own notebooks.
c.ClearSolutions.code_stub = {{"python": "answer = None  # YOUR ANSWER HERE"}}
# Autograde runs each submission in the course's Python, where the hidden tests find the course
# package: `python -m natocourse nbgrader-kernel` (in the course's environment) installs this kernel.
c.Execute.kernel_name = "{KERNEL}"
'''


def embedded_key(question) -> dict:
    """The key a hidden test carries for ``question`` (JSON-able): the question type's nbgrader key."""
    try:
        return question.nbgrader_key()
    except ValueError as exc:
        raise AssignmentError(str(exc)) from None


def verify(question_id: str, answer: Any, key: dict) -> None:
    """Check ``answer`` with the ``key`` an nbgrader test carries; ``AssertionError`` unless correct.

    The question's rules (reading numbers and units, folding accents, resolving options) come from
    the course package; the key does not: it is the one written into the test.
    """
    from ...engine import registry

    try:
        question = registry.get(question_id).with_key(key)
    except (ValueError, AttributeError, TypeError):
        raise AssertionError(f"{question_id}: the test carries no key") from None
    result = question.check(answer)
    assert result.correct, f"{question_id}: {result.message}"


def _nbgrader(cell_id: str, *, solution=False, grade=False, locked=False, points=None) -> dict:
    meta = {"grade": grade, "grade_id": cell_id, "locked": locked, "schema_version": SCHEMA_VERSION,
            "solution": solution, "task": False}
    if grade:
        meta["points"] = points
    return meta


#: The export's "How to answer": nbgrader's tests check the ``answer`` of each answer cell only.
HOW_ANSWERS_COUNT = (
    "**How to answer.** Run the cells from the top. Under each question, replace `None` in "
    "`answer = None` with your answer and run that cell: the check tells you at once whether it is "
    "right. Then save the notebook (File → Save). This problem set is graded with nbgrader, which "
    "checks the `answer` in each answer cell: an answer given only in a question's widget is not "
    "graded.")


def written_prompt(question, points) -> str:
    """The read-only cell of a written question: prompt, word range, how it is marked, the rubric."""
    low, high = question.word_range
    rows = "\n".join(f"| {c['criterion']} ({c['points']:g}) | " + "<br>".join(
        f"{lv['points']:g}: {lv['descriptor']}" for lv in c["levels"]) + " |" for c in question.rubric)
    return (f"**Question {question.id} (written; {points:g} point{'s' if points != 1 else ''}, marked by hand "
            f"with the rubric below).** {question.prompt}\n\n"
            + (f"{question.guidance}\n\n" if question.guidance else "")
            + f"Write {low}\u2013{high} words in the answer cell below (a Markdown cell). The rubric is out of "
            f"{question.total:g}; your points are its share of {points:g}.\n\n"
            f"| criterion | levels |\n|---|---|\n{rows}")


def source_assignment(solved, manifest) -> nbformat.NotebookNode:
    """The nbgrader source notebook made from the instructor's solved notebook."""
    from ... import engine as exercises

    nb = copy.deepcopy(solved)
    cells = []
    for cell in nb.cells:
        meta = cell.metadata.get("natocourse", {})
        cell.metadata.pop("tags", None)
        question = exercises.get(meta["question"]) if meta.get("question") else None
        if question is not None and question.marked and cell.get("id") in (f"{question.id}-show", f"{question.id}-answer"):
            answer = cell["id"].endswith("-answer")
            made = nbformat.v4.new_markdown_cell(question.model_answer if answer else written_prompt(question, meta["points"]))
            made["id"] = cell["id"]
            made.metadata["natocourse"] = meta
            made.metadata["nbgrader"] = (_nbgrader(made["id"], solution=True, grade=True, points=meta["points"])
                                         if answer else _nbgrader(made["id"], locked=True))
            cells.append(made)
            continue
        if meta.get("answer"):
            question = exercises.get(meta["question"])
            cell.metadata["nbgrader"] = _nbgrader(cell["id"], solution=True)
            cells.append(cell)
            key = json.dumps(embedded_key(question), sort_keys=True)
            test = nbformat.v4.new_code_cell(source=(
                "### BEGIN HIDDEN TESTS\n"
                "from natocourse.tooling.classroom.nbgrader_export import verify\n"
                f"verify({question.id!r}, answer, {key})\n"
                "### END HIDDEN TESTS"))
            test["id"] = f"{question.id}-test"
            test.metadata["natocourse"] = {"question": question.id, "points": meta["points"], "test": True}
            test.metadata["nbgrader"] = _nbgrader(test["id"], grade=True, locked=True, points=meta["points"])
            cells.append(test)
        else:
            if cell.get("id") == "assignment-intro":
                cell.source = cell.source.replace(COURSE_HOW_ANSWERS_COUNT, HOW_ANSWERS_COUNT)
            cell.metadata["nbgrader"] = _nbgrader(cell["id"], locked=True)
            cells.append(cell)
    nb.cells = cells
    nb.metadata["natocourse"] = {**nb.metadata.get("natocourse", {}), "nbgrader": True}
    return nb


def _target(directory: str | Path, manifest) -> Path:
    return Path(directory) / "nbgrader" / "source" / manifest.name / manifest.notebook


def check(manifest, *, directory: str | Path = ".", force: bool = False) -> None:
    """Raise :class:`AssignmentError` if the export of ``manifest`` would fail (writes nothing)."""
    from ... import engine as exercises

    for question_id, _ in manifest.questions:
        question = exercises.get(question_id)
        if not question.marked:  # a written question is marked by hand: it carries no key
            embedded_key(question)
    target = _target(directory, manifest)
    if target.exists() and not force:
        raise AssignmentError(f"{target} already exists; pass --force to replace it")
    due_dates(target.parents[2] / DUE_DATES, manifest)


def due_date(manifest) -> str:
    """nbgrader's due date for ``manifest``: the last microsecond before the course's cut-off,
    ISO 8601 with its UTC offset (``""`` without a due date)."""
    from .deadlines import Deadline

    cutoff = Deadline(manifest.due, manifest.timezone).cutoff()
    return (cutoff - dt.timedelta(microseconds=1)).isoformat() if cutoff else ""


def due_dates(path: Path, manifest) -> str:
    """The text of ``assignments.csv`` with ``manifest``'s row added or replaced (other rows kept)."""
    rows = []
    if path.exists():
        try:
            rows = [r for r in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))
                    if r.get("name") and r["name"] != manifest.name]
        except (UnicodeDecodeError, csv.Error):
            raise AssignmentError(f"{path} is not a readable CSV file of due dates; delete it and run "
                                  "assign --nbgrader again for each assignment") from None
    rows.append({"name": manifest.name, "duedate": due_date(manifest)})
    out = io.StringIO()
    writer = csv.DictWriter(out, ["name", "duedate"], extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write(built: Built, *, directory: str | Path = ".", force: bool = False) -> Path:
    """Write ``nbgrader/source/NAME/NAME.ipynb``, the assignment's row of ``nbgrader/assignments.csv``
    (its due date) and ``nbgrader/nbgrader_config.py`` if missing."""
    solved = nbformat.read(built.solved, as_version=4)
    nb = source_assignment(solved, built.manifest)
    check(built.manifest, directory=directory, force=force)
    target = _target(directory, built.manifest)
    course = target.parents[2]
    dates = due_dates(course / DUE_DATES, built.manifest)
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, target)
    (course / DUE_DATES).write_text(dates, encoding="utf-8")
    config = course / "nbgrader_config.py"
    if not config.exists():
        config.write_text(CONFIG, encoding="utf-8")
    return target


def install_kernel(where: str = "user", prefix: str | Path | None = None) -> Path:
    """Install the kernelspec :data:`KERNEL`, running this Python (which has the course package),
    where nbgrader's Jupyter finds it: ``"user"`` (the user's Jupyter data folder), ``"sys-prefix"``
    (this environment's) or ``"prefix"`` (``prefix/share/jupyter``, e.g. nbgrader's environment).
    Returns its folder."""
    import sys

    if where == "user":
        from jupyter_core.paths import jupyter_data_dir

        base = Path(jupyter_data_dir())
    elif where == "sys-prefix":
        base = Path(sys.prefix) / "share" / "jupyter"
    elif where == "prefix" and prefix:
        base = Path(prefix) / "share" / "jupyter"
    else:
        raise AssignmentError("give --user, --sys-prefix or --prefix PREFIX")
    folder = base / "kernels" / KERNEL
    folder.mkdir(parents=True, exist_ok=True)
    spec = {"argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "NATO course (Python 3)", "language": "python",
            "metadata": {"natocourse": "the course's Python, for nbgrader's autograde"}}
    (folder / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    return folder
