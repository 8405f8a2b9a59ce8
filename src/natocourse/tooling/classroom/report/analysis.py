"""From a details file to everything the report shows: one :class:`Analysis`, no writing.

Students come in the gradebook's order: the order of the gradebook beside the details file
(``grades.csv`` for ``grades-details.csv``) when there is one, else by name, as the grader sorts
them. Questions come in the course's order (chapter, then number). A question id the question bank
does not know is reported and left out of everything else, scores included.

A class of fewer than :data:`~.stats.MIN_STUDENTS` students still gets its report (shares,
answers, objectives, the student lines) but no discrimination, no flags and no honesty signals,
and the report says why.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from . import details as details_file
from .details import Details
from .distractors import Answers, analyse as analyse_answers
from .objectives import Mastery, Objective, chapters, course_objectives, mastery
from .pairs import Pair, shared_uncommon_answers
from .stats import FLAG_POPULAR, MIN_STUDENTS, Grid, ItemStats, grid, item_statistics


@dataclass
class Item:
    """One question: its statistics, what the class answered, and the question itself."""

    stats: ItemStats
    answers: Answers
    question: object

    @property
    def id(self) -> str:
        """The question id."""
        return self.stats.question

    @property
    def flags(self) -> tuple[str, ...]:
        """The statistics' flags, and "popular wrong answer" where one drew many answers."""
        popular = self.answers.popular_wrong
        extra = (FLAG_POPULAR,) if popular is not None and self.stats.n >= MIN_STUDENTS else ()
        return self.stats.flags + extra


@dataclass
class StudentLine:
    """One student's line: score, objectives mastered, questions not answered, notebooks not graded."""

    student: str
    points: float
    possible: float
    mastered: int
    assessed: int
    not_answered: list[str]
    problems: list[str]

    @property
    def percent(self) -> float:
        """The score in percent of the points possible."""
        return 100 * self.points / self.possible if self.possible else math.nan


@dataclass
class Analysis:
    """Everything the report shows about one class."""

    source: Path
    grid: Grid
    items: list[Item]
    mastery: Mastery
    students: list[StudentLine]
    pairs: list[Pair]
    unmapped: list[str]
    has_attempts: bool
    notices: list[str] = field(default_factory=list)
    made: str = ""

    @property
    def enough_students(self) -> bool:
        """True if the class is large enough for item statistics."""
        return len(self.grid.students) >= MIN_STUDENTS


def student_order(details: Details) -> list[str]:
    """The gradebook's order of the students (see the module docstring)."""
    named = details.students
    order = _gradebook_order(details.path)
    known = [s for s in order if s in set(named)]
    return known + sorted(set(named) - set(known))


def _gradebook_order(path: Path) -> list[str]:
    stem = path.stem
    if not stem.endswith("-details"):
        return []
    gradebook = path.with_name(stem[: -len("-details")] + path.suffix)
    try:
        text = gradebook.read_text(encoding="utf-8-sig")
        rows = csv.DictReader(io.StringIO(text, newline=""))
        return [row["student"].strip() for row in rows if row.get("student")]
    except (OSError, UnicodeDecodeError, csv.Error, KeyError, TypeError):
        return []


def course_order(ids: list[str]) -> list[str]:
    """Question ids in the course's order: chapter number, then the id."""
    number = {slug: n for slug, n, _, _ in chapters()}
    return sorted(ids, key=lambda q: (number.get(q.split("-")[0], 10**6), q))


def analyse(details: Details, bank: dict, objectives: list[Objective] | None = None,
            root: Path | None = None) -> Analysis:
    """Analyse a class's details with the question ``bank`` (``{id: question}``)."""
    notices = list(details.notices)
    named = sorted({e.question for e in details.entries})
    unknown = [q for q in named if q not in bank]
    questions = course_order([q for q in named if q in bank])
    if unknown:
        rows = {q: sum(e.question == q for e in details.entries) for q in unknown}
        listed = ", ".join(f"{q[:40]!r} ({n} rows)" for q, n in list(rows.items())[:10])
        more = f" and {len(unknown) - 10} more" if len(unknown) > 10 else ""
        notices.append(f"{len(unknown)} question id(s) in the file are not questions of this course and are "
                       f"left out of the analysis and of the scores: {listed}{more}.")
    if not questions:
        raise details_file.ReportError(f"{details.path}: none of its question ids is a question of this course "
                                       f"({', '.join(repr(q[:40]) for q in named[:5])}); is it this course's "
                                       "details file?")
    students = student_order(details)
    data = grid(details.entries, students, questions)
    if len(students) < MIN_STUDENTS:
        notices.append(f"This class has {len(students)} student(s). Discrimination, the flags and the honesty "
                       f"signals need at least {MIN_STUDENTS} and are left out; shares, answers, objectives and "
                       "the student lines are shown.")
    stats = item_statistics(data)
    items = []
    for j, question in enumerate(questions):
        given = list(data.entries[data.answered[:, j], j])
        items.append(Item(stats[j], analyse_answers(bank[question], given), bank[question]))
    if objectives is None:
        objectives = course_objectives(bank, root)
    taught = mastery(data, objectives)
    covered = {q for practised in taught.practised for q in practised}
    lines = _student_lines(data, taught, details)
    pairs = shared_uncommon_answers([item.answers for item in items], students)
    if details.problems:
        notices.append(f"{len(details.problems)} notebook(s) could not be graded at all; the student lines "
                       "say which.")
    made = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return Analysis(details.path, data, items, taught, lines, pairs, [q for q in questions if q not in covered],
                    details.has_attempts, notices, made)


def _student_lines(data: Grid, taught: Mastery, details: Details) -> list[StudentLine]:
    problems: dict[str, list[str]] = {}
    for student, notebook, reason in details.problems:
        problems.setdefault(student, []).append(f"{notebook or 'a notebook'}: {reason or 'not graded'}")
    totals = data.totals
    lines = []
    for i, student in enumerate(data.students):
        mastered, assessed = taught.mastered_by(i)
        missing = [data.questions[j] for j in np.flatnonzero(~data.answered[i])]
        lines.append(StudentLine(student, float(totals[i]), data.possible, mastered, assessed, missing,
                                 problems.get(student, [])))
    return lines
