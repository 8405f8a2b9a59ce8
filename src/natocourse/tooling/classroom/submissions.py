"""Grading, step 1: the notebooks to grade, whose each one is, and what a submission carries.

:func:`find` turns what the instructor gives (notebooks, or folders searched for ``*.ipynb``) into
the list of files to grade. :func:`student_name` is the rule for who submitted a file:
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

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

_EXERCISE_NAME = re.compile(r"\d{2}-[a-z0-9-]+$")


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


def find(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks to grade: files as given, folders searched recursively for ``*.ipynb``."""
    found: list[Path] = []
    paths = list(paths)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.is_file():
            found.append(path)
        else:
            raise GradingError(f"submission not found: {given} (give notebooks or folders of notebooks)")
    if not found:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


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
