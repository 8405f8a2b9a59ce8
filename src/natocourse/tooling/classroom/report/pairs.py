"""Pairs of students who gave the same uncommon wrong answers: signals for a person to judge.

A wrong answer is *uncommon* when at most :data:`UNCOMMON_SHARE` of the students who answered the
question gave it (and never more than that share, with a floor of two students, so in a small class
only an answer two students alone share counts). Two students who share uncommon wrong answers on
:data:`SEVERAL` questions or more are listed, with the answers, the questions and how many students
gave each. Sharing a right answer, or a common wrong one, says nothing and is not counted.

This is never a verdict. Students who study together, read the same wrong source or hold the
same misconception give the same wrong answers too; the report words the list as worth a look.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .distractors import UNREADABLE, Answers
from .stats import MIN_STUDENTS

#: A wrong answer given by at most this share of the students who answered is uncommon.
UNCOMMON_SHARE = 0.02
#: Pairs sharing at least this many uncommon wrong answers are listed.
SEVERAL = 3
#: The page lists at most this many pairs (pairs.csv holds them all).
SHOWN = 25


@dataclass(frozen=True)
class Shared:
    """An uncommon wrong answer two students share."""

    question: str
    answer: str
    given_by: int
    answered: int


@dataclass(frozen=True)
class Pair:
    """Two students and the uncommon wrong answers they share."""

    first: str
    second: str
    shared: tuple[Shared, ...]


def uncommon_limit(answered: int) -> int:
    """How many students may give a wrong answer for it to count as uncommon."""
    return max(2, int(UNCOMMON_SHARE * answered))


def shared_uncommon_answers(analyses: list[Answers], students: list[str]) -> list[Pair]:
    """Every pair sharing :data:`SEVERAL` uncommon wrong answers or more, the most shared first."""
    if len(students) < MIN_STUDENTS:
        return []
    order = {s: i for i, s in enumerate(students)}
    found: dict[tuple[str, str], list[Shared]] = defaultdict(list)
    for answers in analyses:
        limit = uncommon_limit(answers.answered)
        for wrong in answers.wrong:
            if wrong.answer == UNREADABLE or not 2 <= wrong.count <= limit:
                continue
            shared = Shared(answers.question, wrong.answer, wrong.count, answers.answered)
            group = sorted(set(wrong.students), key=lambda s: order.get(s, len(order)))
            for a, first in enumerate(group):
                for second in group[a + 1:]:
                    found[first, second].append(shared)
    pairs = [Pair(a, b, tuple(s)) for (a, b), s in found.items() if len(s) >= SEVERAL]
    return sorted(pairs, key=lambda p: (-len(p.shared), sum(s.given_by for s in p.shared),
                                        order.get(p.first, 0), order.get(p.second, 0)))
