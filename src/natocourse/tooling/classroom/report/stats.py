"""Item statistics of classical test theory: pure functions over a students × questions grid.

For each question:

``n``
    students who gave an answer (right, wrong or unreadable); "not answered" and grading errors
    are not answers.
``p_correct``
    the share of those ``n`` students whose answer was correct (0–1): the question's *difficulty*
    in the old, back-to-front sense (a high value is an easy question).
``discrimination``
    the point-biserial correlation between the question (1 correct, 0 not: a missing answer
    counts 0, as in the gradebook) and the *rest* of the student's score (the gradebook total
    minus this question's points), over the students graded on the question. Leaving the question
    out of the total ("corrected item-total") keeps it from correlating with itself. Empty when it
    is undefined: everyone right, everyone wrong, or fewer than :data:`MIN_STUDENTS` students.

The flags use rules of thumb, written here once and shown in the report:

- *too easy*: ``p_correct`` ≥ :data:`TOO_EASY`;
- *too hard*: ``p_correct`` < :data:`TOO_HARD`;
- *does not separate stronger from weaker students*: 0 ≤ discrimination < :data:`WEAK`
  (Ebel and Frisbie's "poor" band for discrimination indices, below 0.20);
- *negative discrimination (check the key)*: discrimination < 0: stronger students got it wrong
  more often than weaker ones, which most often means a wrong key or an ambiguous question;
- *popular wrong answer*: one wrong answer drew at least :data:`POPULAR_WRONG` of the answers
  (added by :mod:`.distractors`).

No flag is given on fewer than :data:`MIN_STUDENTS` answers: one student's luck is not a pattern.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .details import UNANSWERED, Entry

#: Fewer students than this and a question gets no discrimination and no flags.
MIN_STUDENTS = 5
#: ``p_correct`` at or above this: "too easy".
TOO_EASY = 0.90
#: ``p_correct`` below this: "too hard".
TOO_HARD = 0.30
#: Discrimination from 0 up to (not including) this: "does not separate stronger from weaker students".
WEAK = 0.20
#: A wrong answer given by at least this share of the students who answered: "popular wrong answer".
POPULAR_WRONG = 0.25

FLAG_EASY = "too easy"
FLAG_HARD = "too hard"
FLAG_WEAK = "does not separate stronger from weaker students"
FLAG_NEGATIVE = "negative discrimination (check the key)"
FLAG_POPULAR = "popular wrong answer"


@dataclass
class Grid:
    """A class's results: one row per student, one column per question, as NumPy arrays."""

    students: list[str]
    questions: list[str]
    #: ``entries[i, j]``: student i's entry for question j, or None if the file has none (an object array).
    entries: np.ndarray
    assigned: np.ndarray
    answered: np.ndarray
    correct: np.ndarray
    points: np.ndarray
    #: What each question is worth (the largest ``max_points`` seen for it).
    worth: np.ndarray
    #: Attempts recorded for each answer (NaN where the file records none).
    attempts: np.ndarray

    @property
    def totals(self) -> np.ndarray:
        """Each student's points, as in the gradebook (a question without a row counts 0)."""
        return self.points.sum(axis=1)

    @property
    def possible(self) -> float:
        """The points the questions are worth in all."""
        return float(self.worth.sum())


def grid(entries: list[Entry], students: list[str], questions: list[str]) -> Grid:
    """The grid of ``entries`` with rows in ``students`` order and columns in ``questions`` order
    (entries for other students or questions are left out)."""
    row = {s: i for i, s in enumerate(students)}
    column = {q: j for j, q in enumerate(questions)}
    shape = (len(students), len(questions))
    kept = [e for e in entries if e.student in row and e.question in column]
    i = np.array([row[e.student] for e in kept], dtype=int)
    j = np.array([column[e.question] for e in kept], dtype=int)
    table = np.full(shape, None, dtype=object)
    table[i, j] = np.fromiter(kept, dtype=object, count=len(kept))
    assigned = np.zeros(shape, dtype=bool)
    answered = np.zeros(shape, dtype=bool)
    correct = np.zeros(shape, dtype=bool)
    points = np.zeros(shape)
    attempts = np.full(shape, math.nan)
    worth = np.zeros(len(questions))
    assigned[i, j] = True
    answered[i, j] = [e.verdict not in UNANSWERED for e in kept]
    correct[i, j] = [e.verdict == "correct" for e in kept]
    points[i, j] = [e.points for e in kept]
    attempts[i, j] = [math.nan if e.attempts is None else e.attempts for e in kept]
    np.maximum.at(worth, j, [e.max_points for e in kept])
    return Grid(list(students), list(questions), table, assigned, answered, correct, points, worth, attempts)


def point_biserial(item: np.ndarray, rest: np.ndarray) -> float:
    """Pearson's correlation of a 0/1 ``item`` with ``rest`` (NaN where either does not vary)."""
    x = np.asarray(item, dtype=float)
    y = np.asarray(rest, dtype=float)
    if x.size < 2:
        return math.nan
    xd, yd = x - x.mean(), y - y.mean()
    denominator = math.sqrt(float((xd * xd).sum()) * float((yd * yd).sum()))
    if denominator <= 1e-12:
        return math.nan
    return max(-1.0, min(1.0, float((xd * yd).sum()) / denominator))


@dataclass(frozen=True)
class ItemStats:
    """The statistics of one question."""

    question: str
    graded: int
    n: int
    n_correct: int
    p_correct: float
    discrimination: float
    attempts: float | None
    flags: tuple[str, ...]


def item_statistics(data: Grid) -> list[ItemStats]:
    """The statistics of every question of ``data``, in its column order."""
    totals = data.totals
    found = []
    for j, question in enumerate(data.questions):
        graded = data.assigned[:, j]
        n = int(data.answered[:, j].sum())
        right = int(data.correct[:, j].sum())
        p = right / n if n else math.nan
        d = math.nan
        if graded.sum() >= MIN_STUDENTS:
            d = point_biserial(data.correct[graded, j], (totals - data.points[:, j])[graded])
        tries = data.attempts[data.answered[:, j], j]
        tries = tries[~np.isnan(tries)]
        found.append(ItemStats(question, int(graded.sum()), n, right, p, d,
                               float(tries.mean()) if tries.size else None, flags(p, d, n)))
    return found


def flags(p: float, d: float, n: int) -> tuple[str, ...]:
    """The flags a question with share correct ``p`` and discrimination ``d`` on ``n`` answers gets."""
    if n < MIN_STUDENTS:
        return ()
    found = []
    if p >= TOO_EASY:
        found.append(FLAG_EASY)
    elif p < TOO_HARD:
        found.append(FLAG_HARD)
    if not math.isnan(d):
        if d < 0:
            found.append(FLAG_NEGATIVE)
        elif d < WEAK:
            found.append(FLAG_WEAK)
    return tuple(found)
