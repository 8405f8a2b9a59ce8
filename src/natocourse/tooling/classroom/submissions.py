"""Grading, step 1: the notebooks to grade, who handed in each one, and what a submission carries.

:func:`find` turns what the instructor gives (notebooks, or folders searched for ``*.ipynb``;
hidden folders such as ``.ipynb_checkpoints`` are skipped) into the list of files to grade.
:func:`handins` names the student of each, by one rule:

**A student is the folder they handed in from.**

- In a folder you give (the class's folder), a notebook inside a sub-folder belongs to the first
  sub-folder that is not the assignment's own name, whatever the notebook is called:
  ``subs/ann/ps1.ipynb``, ``subs/ann/my answers.ipynb`` and nbgrader's ``submitted/ann/ps1/ps1.ipynb``
  are all ann's.
- A notebook directly in that folder (one file per student) is named for its student:
  ``ann.ipynb``, or the student, a separator (``_``, ``-``, ``.`` or a space) and the assignment's
  notebook name in either order, ``ann_ps1.ipynb`` or ``ps1-ann.ipynb``. The assignment's name is
  the manifest's notebook (``grade --manifest``, ``collect``), or a chapter's exercise notebook
  (``ann_02-cold-war.ipynb``). A file that is only the assignment's name (``ps1.ipynb``) names no
  student and is refused.
- A notebook you give by itself follows the same file-name rule, else it is the folder holding it
  (``subs/ann/ps1.ipynb`` is ann's; ``submitted/ann/ps1/ps1.ipynb`` too).

A notebook's own metadata never names its author: what it says about its student is ignored.
Every name must be a usable login (:func:`.roster.check_name`): a folder called ``Ann Smith`` is
refused with a message, never guessed at. Two notebooks that come to the same student for the same
assignment (``subs/ann/ps1.ipynb`` and ``subs/ann_ps1.ipynb``, or two notebooks in ann's folder when
grading one assignment) are refused too, naming both: keep one. Every refusal is made before any
notebook runs, all of them in one message.

A :class:`Submission` is what the next steps fill in for one notebook, before anything is
checked: the questions its code names, the raw answers saved in its widgets
(:mod:`.saved`) and recorded by running it (:mod:`.run`), and what went wrong, if anything
(``problem``, in words, and ``kind``, one of :data:`PROBLEM_KINDS`). Scoring (:mod:`.score`) needs
nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from .roster import RosterError, check_name

#: A chapter's exercise notebook name (``02-cold-war``).
_EXERCISE_NAME = r"\d{2}-[a-z0-9-]+"
_SEPARATOR = r"[-_. ]+"

#: What can go wrong with a submission, by kind: the file is not a notebook, the run timed out,
#: passed the output cap, ran out of memory, a cell raised an error, or grading itself failed.
PROBLEM_KINDS = ("broken", "timeout", "output", "memory", "error", "failed")


class GradingError(ValueError):
    """A grading request that cannot be carried out; the message says what to do."""


@dataclass
class Submission:
    """The raw answers found in one notebook, before any checking."""

    student: str
    notebook: str
    questions: list[str] = field(default_factory=list)
    code: dict[str, list] = field(default_factory=dict)
    widget: dict[str, list] = field(default_factory=dict)
    problem: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Handin:
    """One notebook handed in: whose it is, where it is, and when it was handed in."""

    student: str
    path: Path
    submitted: dt.datetime | None = None
    #: Which notebook of the student's this is (the assignment's name, or the chapter notebook).
    role: str = ""


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts[:-1])


def find(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks to grade: files as given, folders searched recursively for ``*.ipynb``
    (hidden folders, such as ``.ipynb_checkpoints``, skipped)."""
    found: list[Path] = []
    paths = list(paths)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += find_quietly(path)
        elif path.is_file():
            found.append(path)
        else:
            raise GradingError(f"submission not found: {given} (give notebooks or folders of notebooks)")
    if not found:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def name_from_file(stem: str, assignment: str | None = None) -> tuple[str | None, str]:
    """``(student, role)`` from a file name's stem by the one-file-per-student rule: the student
    is ``None`` when the name is only the assignment's (or a chapter's) name."""
    names = [re.escape(assignment)] if assignment else []
    for name in [*names, _EXERCISE_NAME]:
        if re.fullmatch(name, stem):
            return None, stem
        for pattern in (rf"(?P<s>.+?){_SEPARATOR}(?P<a>{name})", rf"(?P<a>{name}){_SEPARATOR}(?P<s>.+)"):
            match = re.fullmatch(pattern, stem)
            if match:
                return match["s"], match["a"]
    return stem, assignment or ""


def identify(path: Path, given: Path, assignment: str | None = None) -> tuple[str, str]:
    """``(student, role)`` of the notebook ``path``, found under ``given`` (a folder) or given
    itself; raises :class:`GradingError` when the rule names no student, or an unusable name."""
    stem = path.stem
    if given.is_dir():
        folders = [p for p in path.relative_to(given).parts[:-1] if p != assignment]
        if folders:
            student, role = folders[0], assignment or path.name
        else:
            student, role = name_from_file(stem, assignment)
            if student is None:
                raise GradingError(f"{path} names no student: put it in a folder named for the student "
                                   f"({given}/<login>/{path.name}) or name it <login>_{path.name}")
    else:
        student, role = name_from_file(stem, assignment)
        parent = path.parent
        while student is None and parent.name:
            if parent.name != assignment:
                student, role = parent.name, stem
            parent = parent.parent
        if student is None:
            raise GradingError(f"{path} names no student: name it <login>_{path.name}")
    try:
        check_name(student)
    except RosterError as exc:
        raise GradingError(f"{path}: {exc}") from None
    return student, role or path.name


def handins(paths: Iterable[str | Path], *, assignment: str | None = None,
            allow_empty: bool = False) -> list[Handin]:
    """Every notebook to grade with its student and its file's modification time, by the rule of
    the module docstring. ``assignment`` is the assignment's notebook name without ``.ipynb``
    (when one assignment is graded: then each student hands in one notebook). ``allow_empty``
    accepts folders with no notebook at all (with a class list, everyone is then absent)."""
    from .deadlines import file_time

    found, problems = [], []
    paths = list(paths)
    for given in paths:
        if allow_empty and Path(given).is_dir() and not any(find_quietly(given)):
            continue
        for path in find([given]):
            try:
                student, role = identify(path, Path(given), assignment)
            except GradingError as exc:
                problems.append(str(exc))
                continue
            found.append(Handin(student, path, file_time(path), assignment or role))
    owners: dict[tuple[str, str], Handin] = {}
    for handin in found:
        key = (handin.student.casefold(), handin.role)
        if key in owners:
            problems.append(f"{owners[key].path} and {handin.path} are both {handin.student}'s "
                            f"{handin.role}: keep one (or give the one to grade)")
        owners.setdefault(key, handin)
    if problems:
        raise GradingError("cannot tell who handed in what:\n  " + "\n  ".join(problems))
    if not found and not allow_empty:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def find_quietly(folder: str | Path) -> list[Path]:
    """The notebooks under ``folder`` (none when it has none; never raises for that)."""
    folder = Path(folder)
    return sorted(p for p in folder.rglob("*.ipynb") if not _hidden(p, folder))


def failed(path: str | Path, problem: str, kind: str = "failed") -> Submission:
    """The submission of a notebook that could not be read or run: no answers, only ``problem``.
    Its student is filled in by grading, from its hand-in."""
    return Submission("", Path(path).name, problem=problem, kind=kind)


def short(text, limit: int = 200) -> str:
    """``text`` on one line, cut to ``limit`` characters (for reasons and answers in reports)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
