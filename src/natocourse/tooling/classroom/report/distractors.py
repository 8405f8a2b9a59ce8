"""What the class answered, question by question: option shares and the commonest wrong answers.

Answers are read with the engine's own normalisation (:mod:`natocourse.engine.answers`), so answers
the checks treat as the same are counted together: an option named in any spelling the question
accepts, a text in its canonical form (case, accents, spacing and end punctuation folded), a number
as the feedback shows it (``format_number``) with the question's units.

For choice and select questions every option is listed with the share of the students who
answered that chose it and the feedback the option gives, so a popular distractor and its
misconception stand out. For every type the wrong answers are grouped and counted, most common
first; a wrong answer without feedback of its own is a candidate for new feedback.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ....engine.answers import (Reject, as_text, canonical_text, describe, deserialise, format_number,
                                matching_form, read_number)
from ....engine.compare import single_value
from .details import Entry
from .stats import POPULAR_WRONG

#: How many of the commonest wrong answers a question lists.
SHOWN_WRONG = 8
UNREADABLE = "(an answer the question could not read)"


@dataclass(frozen=True)
class Option:
    """One option of a choice or select question and how many students chose it."""

    option: str
    count: int
    share: float
    right: bool
    feedback: str


@dataclass(frozen=True)
class WrongAnswer:
    """A wrong answer, normalised, with how often it was given and the feedback it already gets."""

    answer: str
    #: The commonest way students wrote it.
    written: str
    count: int
    share: float
    feedback: str
    #: The students who gave it.
    students: tuple[str, ...] = ()


@dataclass
class Answers:
    """What the students who answered one question gave."""

    question: str
    kind: str
    answered: int
    options: list[Option] = field(default_factory=list)
    #: Every wrong answer, most common first (the page shows the first :data:`SHOWN_WRONG`).
    wrong: list[WrongAnswer] = field(default_factory=list)

    @property
    def top_wrong(self) -> WrongAnswer | None:
        """The commonest wrong answer, if any."""
        return self.wrong[0] if self.wrong else None

    @property
    def popular_wrong(self) -> WrongAnswer | None:
        """The commonest wrong answer if it drew at least :data:`POPULAR_WRONG` of the answers."""
        top = self.top_wrong
        return top if top is not None and top.share >= POPULAR_WRONG else None


def raw_value(answer: str) -> Any:
    """The answer a details cell holds: its JSON read back (the grader may have cut long answers,
    which are then kept as the text they are)."""
    try:
        return deserialise(json.loads(answer))
    except Exception:  # noqa: BLE001 - not JSON, or JSON the engine cannot rebuild: the text it is
        return answer


class Reader:
    """Normalises the answers to one question, each distinct answer once."""

    def __init__(self, question):
        self.question = question
        self.kind = getattr(question, "kind", "")
        self._seen: dict[str, tuple[str, Any]] = {}
        self._picks: dict[str, tuple[str, ...]] = {}
        self._right: list[str] | None = None

    def read(self, answer: str) -> tuple[str, Any]:
        """``(key, value)``: the normalised form of a details ``answer`` cell, and the value read."""
        if answer not in self._seen:
            value = raw_value(answer)
            try:
                key = self._key(value)
            except Exception:  # noqa: BLE001 - a student's answer is hostile data; it never stops the report
                key = UNREADABLE
            self._seen[answer] = (key or UNREADABLE, value)
        return self._seen[answer]

    def _key(self, value: Any) -> str:
        q = self.question
        if self.kind == "choice":
            return q.resolve(value)
        if self.kind == "select":
            return "; ".join(self.chosen(value))
        if self.kind == "text":
            return canonical_text(as_text(value))
        if self.kind in ("number", "data"):
            try:
                number, _ = read_number(single_value(value), q.units)
            except Reject:
                return canonical_text(value) if isinstance(value, str) else describe(value, 80)
            return format_number(number) + (f" {q.units}" if q.units else "")
        if self.kind == "order":
            return " → ".join(q.resolve(item) for item in value)
        if self.kind == "match":
            items = {matching_form(item): item for item in q.items}
            pairs = value.items() if isinstance(value, dict) else value
            named = {items.get(matching_form(str(i)), str(i)): str(o) for i, o in pairs}
            return "; ".join(f"{item} = {named[item]}" for item in q.items if item in named)
        return canonical_text(value) if isinstance(value, str) else describe(value, 80)

    def picks(self, answer: str) -> tuple[str, ...]:
        """The options a choice or select answer (a details cell) names; () if unreadable."""
        if answer not in self._picks:
            key, value = self.read(answer)
            if key == UNREADABLE:
                self._picks[answer] = ()
            else:
                self._picks[answer] = tuple(self.chosen(value)) if self.kind == "select" else (key,)
        return self._picks[answer]

    def chosen(self, value: Any) -> list[str]:
        """The options of a select question that an answer ticks, in the options' order."""
        return sorted(set(self.question.resolve_many(value)), key=self.question.options.index)

    def right_options(self) -> list[str]:
        """The options of a choice or select question that are right."""
        if self._right is None:
            q = self.question
            self._right = (q.right_options() if self.kind == "select"
                           else [o for o in q.options if q.is_right(o)])
        return self._right

    def feedback(self, key: str, value: Any) -> str:
        """The feedback the question already gives to this wrong answer ("" if none)."""
        q = self.question
        known = dict(getattr(q, "feedback", {}) or {})
        if not known or key == UNREADABLE:
            return ""
        try:
            if self.kind == "choice":
                return known.get(key, "")
            if self.kind == "select":
                return " ".join(known[o] for o in self.chosen(value) if o in known)
            if self.kind in ("number", "data"):
                number, unit_given = read_number(single_value(value), q.units)
                reason = q.judge_number(number, unit_given, math.nan).message
            else:
                reason = q.check(value).message
        except Exception:  # noqa: BLE001 - as in read()
            return ""
        reason = reason.removeprefix("Not yet: ")
        return reason if reason in known.values() else ""


def analyse(question, answered: list[Entry]) -> Answers:
    """What the students who answered ``question`` gave (``answered``: one entry each, all answers)."""
    reader = Reader(question)
    result = Answers(getattr(question, "id", ""), reader.kind, len(answered))
    if not answered:
        return result
    wrong: dict[str, list[Entry]] = {}
    values: dict[str, Any] = {}
    for entry in answered:
        key, value = reader.read(entry.answer)
        values.setdefault(key, value)
        if not entry.correct:
            wrong.setdefault(key, []).append(entry)
    if reader.kind in ("choice", "select"):
        result.options = _options(reader, answered)
    total = len(answered)
    ranked = sorted(wrong.items(), key=lambda item: (-len(item[1]), item[0]))
    result.wrong = [WrongAnswer(key, _commonest(group), len(group), len(group) / total,
                                reader.feedback(key, values[key]), tuple(e.student for e in group))
                    for key, group in ranked]
    return result


def _options(reader: Reader, answered: list[Entry]) -> list[Option]:
    question = reader.question
    counts: Counter[str] = Counter()
    for entry in answered:
        counts.update(reader.picks(entry.answer))
    right = set(reader.right_options())
    feedback = dict(question.feedback or {})
    return [Option(o, counts[o], counts[o] / len(answered), o in right, feedback.get(o, ""))
            for o in question.options]


def _commonest(group: list[Entry]) -> str:
    """The commonest raw answer of a group, shown as text (a JSON string without its quotes)."""
    raw = group[0].answer if len(group) == 1 else Counter(e.answer for e in group).most_common(1)[0][0]
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return raw
    return value if isinstance(value, str) else raw
