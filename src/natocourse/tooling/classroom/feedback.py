"""Grading, step 5 (the students' part): one Markdown file of feedback per student and assignment.

Each file (``feedback/<assignment>/<student>.md``, written by :mod:`.gradebook`) starts with the
assignment, the student's due date, when they handed in, their status, total and percent; a
problem that kept the notebook from being graded in full is said once, there. Then, for each
question: the question, the student's answer as they wrote it, the verdict with its reason and
the points, and the worked explanation only when the instructor releases the answers
(``--release-answers``; each explanation states its answer, so by default nobody gets them, late
or not). A written answer (marked by a person) adds, once marked, the rubric with the level
given on each criterion, the comment and the whole text (:mod:`.marks`); its model answer, like
every explanation, only with ``--release-answers``.

Student text is data: the answer and the reason (which quotes it) are escaped (:func:`escape`),
so Markdown or HTML typed into an answer shows as the characters typed and never runs as markup.
The question's prompt and explanation are the course's own Markdown.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

from .deadlines import Deadline
from .score import Row

#: The characters that can start markup inside a line (the text never starts a line of its own):
#: emphasis, code, links and images, tables, strikethrough, MyST's math; ``<``, ``>`` and ``&``
#: become entities first.
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_\[\]|~$])")
_NOT_ANSWERED = "not answered: "


@dataclass(frozen=True)
class Assignment:
    """What a feedback file says about the assignment: its name, deadline and whether the
    explanations are released."""

    name: str
    deadline: Deadline | None = None
    release_answers: bool = False


def number(value: float) -> float | int:
    """Points as the reports show them: whole numbers without ``.0``, others to two places."""
    return int(value) if float(value).is_integer() else round(value, 2)


def escape(text) -> str:
    """Student text made safe to put in Markdown after a label: on one line, HTML's special
    characters as entities and the punctuation that starts markup backslash-escaped, so it renders
    as typed."""
    one_line = " ".join(str(text).split())
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(one_line, quote=False))


def _problem(rows: list[Row]) -> str:
    """What kept a student's notebook from being graded in full ("" if nothing)."""
    for row in rows:
        if row.verdict == "error" and not row.question:
            return row.reason
        if row.verdict == "error" and row.reason.startswith(_NOT_ANSWERED):
            return row.reason[len(_NOT_ANSWERED):]
    return ""


def text(student: str, rows: Iterable[Row], bank: Mapping | None = None, assignment: Assignment | None = None,
         record: Mapping | None = None, notes: Mapping[tuple[str, str], str] | None = None) -> str:
    """The feedback of ``student`` from their rows (rows of other students are skipped).

    ``record`` is the student's gradebook row (total, percent, status, when handed in); ``notes``
    adds Markdown under a question, by (notebook, question): the rubric and marks of a written
    answer (:func:`.marks.feedback`, which shows the student's text as a literal block)."""
    mine = [r for r in rows if r.student == student]
    assignment = assignment or Assignment("")
    record = record or {}
    title = f"{assignment.name}: feedback for {student}" if assignment.name else f"Feedback for {student}"
    lines = [f"# {escape(title)}", ""]
    deadline = assignment.deadline
    if deadline is not None and deadline.due is not None:
        lines.append(f"- **Due:** {deadline.describe(student)}")
    if record.get("submitted"):
        lines.append(f"- **Handed in:** {record['submitted']}")
    possible = sum(r.max_points for r in mine if r.question)
    if "total" in record:
        lines.append(f"- **Total:** {record['total']} of {number(possible)} points ({record.get('percent', 0)} %)")
    status = record.get("status") or (mine[0].status if mine else "") or "ok"
    lines += [f"- **Status:** {status}", ""]
    if "no submission" in status:
        lines += [f"Nothing was handed in: {escape(mine[0].reason) if mine else 'no notebook was found'}.", ""]
    problem = "" if "no submission" in status else _problem(mine)
    if problem:
        lines += [f"**Your notebook could not be graded in full:** {escape(problem)}", ""]
    for number_, row in enumerate((r for r in mine if r.question), start=1):
        question = (bank or {}).get(row.question)
        if not hasattr(question, "prompt"):  # none, or a variant that could not be made (its row says why)
            question = None
        lines += [f"## Question {number_}: {row.question}, {row.verdict.replace('_', ' ')}, "
                  f"{number(row.points)} of {number(row.max_points)} points", ""]
        if question is not None:
            lines += [f"**Question.** {question.prompt}", ""]
        if "no submission" in status:
            continue
        if row.verdict == "error" and problem and row.reason.startswith(_NOT_ANSWERED):
            lines += ["**Your answer.** (not graded: see above)", ""]
            continue
        lines += [f"**Your answer.** {escape(row.answer) if row.answer else '(none)'}", "",
                  f"**Verdict.** {escape(row.reason)}", ""]
        if notes and (row.notebook, row.question) in notes:
            lines += [notes[(row.notebook, row.question)], ""]
        if assignment.release_answers and question is not None and getattr(question, "explanation", ""):
            label = "Model answer" if getattr(question, "marked", False) else "Explanation"
            lines += [f"**{label}.** {question.explanation}", ""]
    return "\n".join(lines)


def file_stem(name: str) -> str:
    """``name`` with anything but letters, digits, ``_.-@+`` made ``_`` (a safe file or folder name)."""
    return re.sub(r"[^\w.@+-]+", "_", name).lstrip(".") or "student"


def file_name(student: str) -> str:
    """The feedback file of ``student`` (logins are safe already: :func:`.roster.check_name`)."""
    return file_stem(student) + ".md"
