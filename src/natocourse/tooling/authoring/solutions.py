"""Single source for exercises: ``solutions/NN-slug.ipynb`` → ``exercises/NN-slug.ipynb``.

``python -m natocourse exercises build`` writes every student notebook from its solutions notebook:

- in code cells, each region between ``### BEGIN SOLUTION`` and ``### END SOLUTION`` becomes
  ``answer = None  # YOUR ANSWER HERE`` (same indentation) when the region assigns ``answer``,
  and ``# YOUR CODE HERE`` otherwise;
- in Markdown cells, each ``<!-- BEGIN SOLUTION -->`` … ``<!-- END SOLUTION -->`` region becomes
  ``_Write your answer here._``;
- cells tagged ``solution`` are dropped (a note for teachers goes in such a cell, or in a
  Markdown solution region: text addressed to teachers anywhere else stops the build,
  :data:`TEACHER_TEXT`); outputs and execution counts are cleared;
- cell ids are the solutions' ids, JSON keys are sorted, nbformat 4.5: the output is deterministic.

The build also makes sure every code cell holding a solution carries the ``hide-cell`` tag in the
solutions notebook, so the book hides the answer behind a toggle.

Student notebooks are committed *with* outputs (nbval compares them): the build writes sources
only, and ``--execute`` (or ``natocourse.notebooks.execute``) fills in the outputs. The in-sync check
(``exercises check`` / ``build --check``) therefore compares sources and metadata, never outputs,
and an unchanged notebook is not rewritten (its outputs stay).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat

from ..course import Course

BEGIN_CODE = re.compile(r"^(?P<indent>[ \t]*)###\s*BEGIN SOLUTION\s*$")
END_CODE = re.compile(r"^[ \t]*###\s*END SOLUTION\s*$")
BEGIN_MARKDOWN = re.compile(r"<!--\s*BEGIN SOLUTION\s*-->")
END_MARKDOWN = re.compile(r"<!--\s*END SOLUTION\s*-->")
ASSIGNS_ANSWER = re.compile(r"^\s*answer\s*(?::[^=]*)?=(?!=)", re.MULTILINE)

#: Cells with this tag exist only in the solutions notebook.
SOLUTION_TAG = "solution"
#: The tag the build ensures on solution cells of the solutions notebook.
HIDE_TAG = "hide-cell"
#: Tags of earlier builds that HIDE_TAG replaces.
OLD_HIDE_TAGS = ("hide-input",)
ANSWER_PLACEHOLDER = "answer = None  # YOUR ANSWER HERE"
CODE_PLACEHOLDER = "# YOUR CODE HERE"
MARKDOWN_PLACEHOLDER = "_Write your answer here._"
#: Text addressed to teachers: a paragraph that opens "For teachers", "Note for instructors", "Hint
#: for teachers" ..., "teachers only", or a mention of "the student version". It belongs in a cell
#: tagged ``solution`` or a solution region, never in what students get.
TEACHER_TEXT = re.compile(
    r"^[\W_]*(?:(?:notes?|hints?|tips?)\s+)?for\s+(?:the\s+)?(?:teachers?|instructors?)(?![a-z])"
    r"|\b(?:teachers?|instructors?)\s+only\b|\bthe\s+student\s+version\b",
    re.IGNORECASE | re.MULTILINE)
#: Notebook metadata written by execution, ignored when comparing.
VOLATILE_METADATA = ("widgets", "language_info", "execution")


class AuthoringError(ValueError):
    """A solutions notebook cannot be turned into an exercise notebook (e.g. an unclosed region)."""


@dataclass(frozen=True)
class Region:
    """One solution region of a code cell: its number (from 0), its marker lines, their indent
    and the lines between them."""

    number: int
    begin: str
    end: str
    indent: str
    body: tuple[str, ...]


def replace_regions(source: str, replacement: Callable[[Region], list[str]], where: str = "") -> tuple[str, bool]:
    """Replace each solution region of a code cell, markers included, by the lines
    ``replacement(region)`` gives; returns (new source, had a region). An unclosed, unopened or
    nested region raises :class:`AuthoringError` naming ``where``."""
    out: list[str] = []
    region: list[str] | None = None
    begin = None
    count = 0
    for line in source.splitlines():
        if region is None:
            begin = BEGIN_CODE.match(line)
            if begin:
                region = []
            elif END_CODE.match(line):
                raise AuthoringError(f"{where}: '### END SOLUTION' without a BEGIN")
            else:
                out.append(line)
        elif END_CODE.match(line):
            out += replacement(Region(count, begin.group(0), line, begin["indent"], tuple(region)))
            region, count = None, count + 1
        elif BEGIN_CODE.match(line):
            raise AuthoringError(f"{where}: a solution region starts inside another one")
        else:
            region.append(line)
    if region is not None:
        raise AuthoringError(f"{where}: '### BEGIN SOLUTION' is never closed by '### END SOLUTION'")
    return "\n".join(out), count > 0


def strip_code(source: str, where: str = "") -> tuple[str, bool]:
    """Replace the solution regions of a code cell by a placeholder; returns (new source, had a region)."""
    def placeholder(region: Region) -> list[str]:
        body = "\n".join(region.body)
        return [region.indent + (ANSWER_PLACEHOLDER if ASSIGNS_ANSWER.search(body) else CODE_PLACEHOLDER)]

    return replace_regions(source, placeholder, where)


def strip_markdown(source: str, where: str = "") -> tuple[str, bool]:
    """Replace the ``<!-- BEGIN/END SOLUTION -->`` regions of a Markdown cell."""
    pattern = re.compile(BEGIN_MARKDOWN.pattern + r".*?" + END_MARKDOWN.pattern, re.DOTALL)
    new, count = pattern.subn(MARKDOWN_PLACEHOLDER, source)
    if BEGIN_MARKDOWN.search(new) or END_MARKDOWN.search(new):
        raise AuthoringError(f"{where}: unbalanced <!-- BEGIN/END SOLUTION --> markers")
    return new, count > 0


def has_solution(cell) -> bool:
    """True for a cell tagged ``solution`` or holding a solution region."""
    if SOLUTION_TAG in cell.get("metadata", {}).get("tags", []):
        return True
    pattern = BEGIN_CODE if cell.cell_type == "code" else BEGIN_MARKDOWN
    return any(pattern.search(line) for line in cell.source.splitlines())


def tag_solutions(nb) -> bool:
    """Tag every code cell holding a solution ``hide-cell``; True if anything changed.

    The book then hides both the solution code and its output (the check's feedback and worked
    explanation, which would give the answer away) behind one toggle.
    """
    changed = False
    for cell in nb.cells:
        if cell.cell_type == "code" and has_solution(cell):
            tags = cell.metadata.setdefault("tags", [])
            for old in OLD_HIDE_TAGS:
                if old in tags:
                    tags.remove(old)
                    changed = True
            if HIDE_TAG not in tags:
                tags.append(HIDE_TAG)
                changed = True
    return changed


def _cell_id(cell, name: str, index: int) -> str:
    return cell.get("id") or hashlib.sha256(f"{name}:{index}".encode()).hexdigest()[:12]


def teacher_text(nb) -> list[str]:
    """Where a notebook students get holds text addressed to teachers: ``["cell 14: 'For teachers'"]``."""
    found = []
    for index, cell in enumerate(nb.cells):
        match = TEACHER_TEXT.search(cell.source)
        if match:
            found.append(f"cell {index + 1}: {match[0].strip()!r}")
    return found


def exercise_notebook(solutions, name: str):
    """The student notebook made from a solutions notebook (``name`` is used in messages/ids).

    Raises :class:`AuthoringError` if text addressed to teachers would reach it.
    """
    cells = []
    for index, cell in enumerate(solutions.cells):
        tags = list(cell.get("metadata", {}).get("tags", []))
        if SOLUTION_TAG in tags:
            continue
        where = f"{name}, cell {index + 1}"
        metadata = {k: v for k, v in cell.get("metadata", {}).items() if k not in ("execution", "trusted")}
        if cell.cell_type == "code":
            source, found = strip_code(cell.source, where)
            new = nbformat.v4.new_code_cell(source=source, metadata=metadata)
        elif cell.cell_type == "markdown":
            source, found = strip_markdown(cell.source, where)
            new = nbformat.v4.new_markdown_cell(source=source, metadata=metadata)
        else:
            found = False
            new = nbformat.v4.new_raw_cell(source=cell.source, metadata=metadata)
        if found and HIDE_TAG in tags:
            tags.remove(HIDE_TAG)
        if tags:
            new.metadata["tags"] = tags
        else:
            new.metadata.pop("tags", None)
        new["id"] = _cell_id(cell, name, index)
        cells.append(new)
    for index, cell in enumerate(cells):
        match = TEACHER_TEXT.search(cell.source)
        if match:
            raise AuthoringError(f"{name}: the cell {cell['id']} ({index + 1} in the student notebook) holds "
                                 f"text for teachers ({match[0].strip()!r}): tag it '{SOLUTION_TAG}' or put "
                                 "that text in a solution region, so students never get it")
    metadata = {k: v for k, v in solutions.metadata.items() if k not in VOLATILE_METADATA}
    metadata["kernelspec"] = dict(Course.kernelspec)
    metadata["natocourse"] = {"generated_from": f"solutions/{name}"}
    nb = nbformat.v4.new_notebook(cells=cells, metadata=metadata)
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def comparable(nb) -> dict:
    """The parts of a notebook the in-sync check compares: sources and metadata, not outputs."""
    return {
        "metadata": {k: v for k, v in nb.metadata.items() if k not in VOLATILE_METADATA},
        "cells": [(c.cell_type, c.get("id"), c.source,
                   {k: v for k, v in c.get("metadata", {}).items() if k not in ("execution", "trusted")})
                  for c in nb.cells],
    }


@dataclass
class Report:
    """What a build did (or, with ``check``, would do)."""

    checked: bool
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    tagged: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    executed: list[str] = field(default_factory=list)

    @property
    def in_sync(self) -> bool:
        """True when nothing needed (re)writing."""
        return not (self.written or self.tagged or self.stale)

    def lines(self) -> list[str]:
        """A human-readable report, one line per notebook that needed work."""
        verb = "out of sync" if self.checked else "written"
        out = [f"{verb:12} {p}" for p in self.written]
        out += [f"{'untagged' if self.checked else 'tagged':12} {p} (solution cells need the "
                f"'{HIDE_TAG}' tag)" for p in self.tagged]
        out += [f"{'stale' if self.checked else 'removed':12} {p} (no solutions notebook)" for p in self.stale]
        out += [f"{'executed':12} {p}" for p in self.executed]
        if self.in_sync:
            out.append(f"exercises/ is in sync ({len(self.unchanged)} notebooks)")
        elif self.checked:
            out.append("run `python -m natocourse exercises build` to update exercises/")
        return out


def build(root: Path | str | None = None, *, check: bool = False, execute: bool = False) -> Report:
    """Generate (or with ``check=True`` only compare) every exercise notebook of the course at
    ``root`` (default: the package's)."""
    course = Course(root).require("solutions")
    root, source_dir, target_dir = course.root, course.solutions, course.exercises
    solutions_dir, exercises_dir = source_dir.name, target_dir.name
    report = Report(checked=check)
    names = sorted(p.name for p in source_dir.glob("*.ipynb"))
    for name in names:
        solution_path, target = source_dir / name, target_dir / name
        solutions = nbformat.read(solution_path, as_version=4)
        generated = exercise_notebook(solutions, name)
        if tag_solutions(solutions):
            report.tagged.append(f"{solutions_dir}/{name}")
            if not check:
                nbformat.write(solutions, solution_path)
        existing = nbformat.read(target, as_version=4) if target.exists() else None
        if existing is not None and comparable(existing) == comparable(generated):
            report.unchanged.append(f"{exercises_dir}/{name}")
            continue
        report.written.append(f"{exercises_dir}/{name}")
        if not check:
            target_dir.mkdir(parents=True, exist_ok=True)
            nbformat.write(generated, target)
    for target in sorted(target_dir.glob("*.ipynb")) if target_dir.is_dir() else []:
        if target.name not in names:
            report.stale.append(f"{exercises_dir}/{target.name}")
            if not check:
                target.unlink()
    if execute and not check:
        from .notebooks import execute as run_notebook

        for relative in report.written:
            outcome = run_notebook(root / relative)
            if outcome.error:
                raise AuthoringError(f"{relative} failed to execute:\n{outcome.error}")
            report.executed.append(relative)
    return report
