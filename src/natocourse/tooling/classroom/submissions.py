"""Grading, step 1: the notebooks to grade, who handed in each one, and what a submission carries.

**Hand-ins are data, never paths to follow.** :func:`survey` turns what the instructor gives
(notebooks, or folders searched for ``*.ipynb``; hidden entries such as ``.ipynb_checkpoints``
skipped; links never followed) into the notebooks to grade and the hand-ins refused, each with its
reason: a hand-in that is a symbolic link (to a file or a folder, wherever it points) is refused
without being read, as are files larger than :data:`MAX_BYTES`, files that are not notebooks and
anything that is not a regular file. :func:`find` is the list of notebooks to grade.
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
notebook runs, all of them in one message. A refused hand-in (a link, say) is named by the same
rule and becomes its student's row with the reason, unless that student handed in a notebook that
can be graded for the same assignment (a file that is not a notebook: any notebook at all).

A :class:`Submission` is what the next steps fill in for one notebook, before anything is
checked: the questions its code names, the raw answers saved in its widgets
(:mod:`.saved`) and recorded by running it (:mod:`.run`), and what went wrong, if anything
(``problem``, in words, and ``kind``, one of :data:`PROBLEM_KINDS`). Scoring (:mod:`.score`) needs
nothing else.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
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

#: The largest hand-in read (bytes): a notebook with every figure of a chapter is a few MB.
MAX_BYTES = 20_000_000


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
    #: Why the hand-in is not read (a link, too large, not a notebook); "" for a notebook to grade.
    refused: str = ""


def _hidden(path: Path, base: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(base).parts[:-1])


@dataclass
class Survey:
    """What :func:`survey` found: the notebooks to grade, and the hand-ins refused with the reason."""

    notebooks: list[Path] = field(default_factory=list)
    refused: list[tuple[Path, str]] = field(default_factory=list)


def refusal(path: Path, info: os.stat_result) -> str:
    """Why the hand-in at ``path`` (its ``lstat`` is ``info``) is not graded ("" if it is a notebook to grade)."""
    if stat.S_ISLNK(info.st_mode):
        return "the hand-in is a symbolic link; hand-ins are read only as regular files, so it was not read"
    if stat.S_ISDIR(info.st_mode):
        return ""
    if not stat.S_ISREG(info.st_mode):
        return "the hand-in is not a regular file, so it was not read"
    if path.suffix != ".ipynb":
        return "not a notebook (.ipynb), so it was not graded"
    if info.st_size > MAX_BYTES:
        return f"the file is larger than {MAX_BYTES // 1_000_000} MB, more than any notebook needs, so it was not read"
    return ""


def survey(paths: Iterable[str | Path], *, allow_empty: bool = False) -> Survey:
    """The hand-ins in ``paths``: files as given, folders searched (hidden entries such as
    ``.ipynb_checkpoints`` skipped, links never followed); each either to grade or refused with its
    reason. ``allow_empty`` accepts folders with nothing in them.

    A folder given by the instructor is searched even when it is a link; everything found in it,
    and every file given, is taken as it is.
    """
    found = Survey()
    paths = list(paths)

    def take(path: Path, info: os.stat_result) -> None:
        reason = refusal(path, info)
        if reason:
            found.refused.append((path, reason))
        elif stat.S_ISREG(info.st_mode):
            found.notebooks.append(path)

    for given in paths:
        path = Path(given)
        try:
            info = os.lstat(path)
        except OSError:
            raise GradingError(f"submission not found: {given} (give notebooks or folders of notebooks)") from None
        if path.is_dir():
            first = len(found.notebooks)
            for folder, folders, files in os.walk(path, followlinks=False):
                folders[:] = sorted(d for d in folders if not d.startswith("."))
                linked = [d for d in folders if os.path.islink(os.path.join(folder, d))]
                folders[:] = [d for d in folders if d not in linked]
                for name in sorted([*files, *linked]):
                    if not name.startswith("."):
                        entry = Path(folder, name)
                        take(entry, os.lstat(entry))
            found.notebooks[first:] = sorted(found.notebooks[first:])
        else:
            take(path, info)
    if not found.notebooks and not found.refused and not allow_empty:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def find(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks to grade in ``paths`` (see :func:`survey`; the refused hand-ins are left out)."""
    return survey(paths).notebooks


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
    """Every hand-in with its student and its file's modification time, by the rule of the module
    docstring: the notebooks to grade, then the refused hand-ins (``refused`` says why) of students
    who handed in nothing that can be graded. ``assignment`` is the assignment's notebook name
    without ``.ipynb`` (when one assignment is graded: then each student hands in one notebook).
    ``allow_empty`` accepts folders with no notebook at all (with a class list, everyone is then
    absent)."""
    from .deadlines import file_time

    found: list[Handin] = []
    refused: list[Handin] = []
    problems: list[str] = []
    paths = list(paths)
    for given in paths:
        given = Path(given)
        surveyed = survey([given], allow_empty=allow_empty)
        for path in surveyed.notebooks:
            try:
                student, role = identify(path, given, assignment)
            except GradingError as exc:
                problems.append(str(exc))
                continue
            found.append(Handin(student, path, file_time(path), assignment or role))
        for path, reason in surveyed.refused:
            notebook_like = path.suffix == ".ipynb" or path.is_symlink()
            try:
                student, role = identify(path, given, assignment)
            except GradingError as exc:
                if notebook_like:
                    problems.append(str(exc))
                continue
            refused.append(Handin(student, path, None, assignment or role, refused=reason))
    owners: dict[tuple[str, str], Handin] = {}
    for handin in found:
        key = (handin.student.casefold(), handin.role)
        if key in owners:
            problems.append(f"{owners[key].path} and {handin.path} are both {handin.student}'s "
                            f"{handin.role}: keep one (or give the one to grade)")
        owners.setdefault(key, handin)
    if problems:
        raise GradingError("cannot tell who handed in what:\n  " + "\n  ".join(problems))
    graded = {h.student.casefold() for h in found}
    for handin in refused:
        key = (handin.student.casefold(), handin.role)
        stray = handin.path.suffix != ".ipynb" and not handin.path.is_symlink()
        if key not in owners and not (stray and handin.student.casefold() in graded):
            owners[key] = handin
            found.append(handin)
    if not found and not allow_empty:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def failed(path: str | Path, problem: str, kind: str = "failed") -> Submission:
    """The submission of a notebook that could not be read or run: no answers, only ``problem``.
    Its student is filled in by grading, from its hand-in."""
    return Submission("", Path(path).name, problem=problem, kind=kind)


def short(text, limit: int = 200) -> str:
    """``text`` on one line, cut to ``limit`` characters (for reasons and answers in reports)."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_below(folder_fd: int, relative: str, limit: int) -> tuple[bytes | None, str]:
    """The bytes of the file ``relative`` below the open folder ``folder_fd``, each component opened
    without following a link: ``(bytes, "")``; ``(None, "")`` when it is missing; ``(None, why)``
    when it is a link, not a regular file, larger than ``limit`` bytes or unreadable (``why`` reads
    after "it is")."""
    parts = [p for p in relative.split("/") if p not in ("", ".")]
    if not parts or ".." in parts:
        return None, "not a path below the folder"
    opened: list[int] = []
    try:
        current = folder_fd
        for part in parts[:-1]:
            current = os.open(part, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=current)
            opened.append(current)
        handle = os.open(parts[-1], os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=current)
        opened.append(handle)
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return None, "something other than a regular file"
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            return None, f"larger than {limit:,} bytes, far more than it needs"
        return b"".join(chunks), ""
    except FileNotFoundError:
        return None, ""
    except OSError as exc:
        return None, f"a link, or cannot be read safely ({exc.strerror or exc})"
    finally:
        for fd in opened:
            os.close(fd)
