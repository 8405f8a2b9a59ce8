"""Grading, step 5 (the students' part): one Markdown file of feedback per student.

For each question a student was graded on: the question, the answer, the verdict with its
reason and the points, and the question's explanation; for a notebook that could not be graded,
why. :mod:`.gradebook` writes these files beside the gradebook, in ``feedback/``.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Mapping

from .score import Row


def number(value: float) -> float | int:
    """Points as the reports show them: whole numbers without ``.0``, others to two places."""
    return int(value) if float(value).is_integer() else round(value, 2)


def inline(text: str) -> str:
    """A student's text on one Markdown line, shown as written: no HTML or Markdown in it runs."""
    return re.sub(r"([\\`*_\[\]|])", r"\\\1", html.escape(" ".join(text.split()), quote=False))


def text(student: str, rows: Iterable[Row], bank: Mapping | None = None,
         notes: Mapping[tuple[str, str], str] | None = None) -> str:
    """The feedback of ``student`` from their rows (rows of other students are skipped); ``notes``
    adds Markdown under a question, by (notebook, question): the rubric and marks of a written answer."""
    lines = [f"# Feedback for {student}", ""]
    for row in (r for r in rows if r.student == student):
        if not row.question:
            lines += [f"## {row.notebook}", "", f"Could not be graded: {row.reason}", ""]
            continue
        question = (bank or {}).get(row.question)
        lines += [f"## {row.question} ({row.notebook}): {row.verdict.replace('_', ' ')}, "
                  f"{number(row.points)} of {number(row.max_points)}", ""]
        if question is not None:
            lines += [f"**Question.** {question.prompt}", ""]
        lines += [f"**Your answer.** {inline(row.answer) or '(none)'}", "", f"**Verdict.** {inline(row.reason)}", ""]
        if notes and (row.notebook, row.question) in notes:
            lines += [notes[(row.notebook, row.question)], ""]
        if question is not None and getattr(question, "explanation", ""):
            lines += [f"**Explanation.** {question.explanation}", ""]
    return "\n".join(lines)


def file_name(student: str) -> str:
    """The feedback file of ``student``: their name with anything but letters, digits, ``_.-`` made ``_``."""
    return (re.sub(r"[^A-Za-z0-9_.-]+", "_", student) or "student") + ".md"
