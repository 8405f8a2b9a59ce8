"""Grading, step 1: the notebooks to grade, whose each one is, and what a submission carries.

:func:`survey` turns what the instructor gives (notebooks, or folders searched for ``*.ipynb``)
into the files to grade and the hand-ins refused, each with its reason. Hand-ins are data, never
paths to follow: a hand-in that is a symbolic link (to a file or a folder, wherever it points) is
refused without being read, as are files larger than :data:`MAX_BYTES`, files that are not
notebooks and anything that is not a regular file; folders are searched without following links.
:func:`find` is the list of files to grade. :func:`student_name` is the rule for who submitted a file:
``metadata.natocourse.student`` if the notebook sets it (``collect`` writes the hub's user name
there), else the folder name when the file keeps the exercise's own name
(``alice/01-exercise-tour.ipynb`` → ``alice``), else the file name without the exercise's name
(``alice_01-exercise-tour.ipynb`` → ``alice``).

A :class:`Submission` is what the next steps fill in for one notebook, before anything is
checked: the questions its code names, the raw answers saved in its widgets
(:mod:`.saved`) and recorded by running it (:mod:`.run`), and what went wrong, if anything.
Scoring (:mod:`.score`) needs nothing else.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

_EXERCISE_NAME = re.compile(r"\d{2}-[a-z0-9-]+$")

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


@dataclass
class Handins:
    """What :func:`survey` found: the notebooks to grade, and the hand-ins refused (with their reason)."""

    notebooks: list[Path] = field(default_factory=list)
    refused: list[Submission] = field(default_factory=list)


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


def survey(paths: Iterable[str | Path]) -> Handins:
    """The hand-ins in ``paths``: files as given, folders searched (``.ipynb_checkpoints`` and hidden
    entries skipped, links never followed); each either to grade or refused with its reason.

    A folder given by the instructor is searched even when it is a link; everything found in it,
    and every file given, is taken as it is.
    """
    found = Handins()
    paths = list(paths)

    def take(path: Path, info: os.stat_result) -> None:
        reason = refusal(path, info)
        if reason:
            found.refused.append(failed(path, reason))
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
    if not found.notebooks and not found.refused:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def find(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks to grade in ``paths`` (see :func:`survey`; the refused hand-ins are left out)."""
    return survey(paths).notebooks


def student_name(path: Path, metadata: dict | None = None) -> str:
    """Who submitted ``path`` (see the module docstring for the rule)."""
    named = ((metadata or {}).get("natocourse") or {}).get("student")
    if isinstance(named, str) and named.strip():
        return named.strip()
    stem = path.stem
    if _EXERCISE_NAME.fullmatch(stem):
        return path.parent.name or stem
    match = re.match(r"(.+?)[-_ .]+\d{2}-[a-z0-9-]+$", stem)
    return match[1] if match else stem


def failed(path: str | Path, problem: str) -> Submission:
    """The submission of a notebook that could not be read or run: no answers, only ``problem``."""
    path = Path(path)
    return Submission(student_name(path), path.name, problem=problem)


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
