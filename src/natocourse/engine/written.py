"""The written-answer question type: one class (:class:`Written`) and one view (``static/written.js``).

A student writes a memo, an argument or a fact-check; the engine keeps the text for a person to
mark with the question's rubric and never says whether it is right. What the student gets instead
are aids that teach (:mod:`.evidence`): the word count against the range asked for, and which of
the figures and quotations they cite the course's data and sources hold. After a first submission
the rubric opens as a checklist for self-assessment and the explanation, the model answer, opens
(``Policy(marked=True)``).

Grading gives such an answer the verdict "to_mark"; an instructor marks it with the rubric
(``tooling/classroom/marking.py``) and ``grade --marks`` merges the marks. The nbgrader export
makes it a manually graded cell.
"""

from __future__ import annotations

import numbers
from pathlib import Path
from typing import Any, Iterable, Mapping

from . import evidence
from .answers import Reject, _LONE_SURROGATE
from .policy import say
from .question import Question
from .results import Result, to_mark

STATIC = Path(__file__).resolve().parent / "static"


def _points(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0 <= value <= 1000:
        raise ValueError(f"{where}: points must be a number from 0 to 1000, not {value!r}")
    return int(value) if float(value).is_integer() else float(value)


def read_rubric(rubric: Iterable[Mapping], question_id: str) -> list[dict]:
    """A rubric checked and in its one form: ``[{"criterion", "points", "levels": [{"points",
    "descriptor"}, ...]}]``, levels from the most points (the criterion's) down, distinct."""
    checked, names = [], set()
    for entry in list(rubric or []):
        if not isinstance(entry, Mapping):
            raise ValueError(f"{question_id}: each rubric criterion is a dict, not {entry!r}")
        name = str(entry.get("criterion", "")).strip()
        if not name or name.casefold() in names:
            raise ValueError(f"{question_id}: each criterion needs a name of its own, not {name!r}")
        names.add(name.casefold())
        top = _points(entry.get("points"), f"{question_id}, {name}")
        if not top:
            raise ValueError(f"{question_id}, {name}: a criterion is worth more than 0 points")
        levels = []
        for level in entry.get("levels") or []:
            if not isinstance(level, Mapping) or not str(level.get("descriptor", "")).strip():
                raise ValueError(f"{question_id}, {name}: each level has points and a descriptor")
            levels.append({"points": _points(level.get("points"), f"{question_id}, {name}"),
                           "descriptor": str(level["descriptor"]).strip()})
        levels.sort(key=lambda lv: -lv["points"])
        given = [lv["points"] for lv in levels]
        if len(levels) < 2 or len(set(given)) != len(given) or given[0] != top or given[-1] != 0 or \
                any(p > top for p in given):
            raise ValueError(f"{question_id}, {name}: give at least two levels with distinct points, from "
                             f"{top:g} (the criterion's) down to 0")
        checked.append({"criterion": name, "points": top, "levels": levels})
    if not checked:
        raise ValueError(f"{question_id}: a written question needs a rubric of at least one criterion")
    return checked


class Written(Question):
    """A written answer (a memo, an argument, a fact-check), kept for a person to mark.

    ``word_range=(low, high)`` is the range of words asked for; ``rubric`` the criteria (see
    :func:`read_rubric`); ``model_answer`` the answer that scores full marks on that rubric, shown
    as the explanation once an answer was submitted; ``guidance`` (Markdown) is shown with the
    prompt. A check never judges: it saves the text (status ``"to_mark"``) and gives the aids.
    Text longer than :attr:`MAX_CHARACTERS` is refused with a message, so nothing is cut silently.
    """

    kind = "written"
    checker = "written"
    input = "essay"
    view = STATIC / "written.js"
    marked = True
    book_data = ("evidence",)
    shows = ("word_range", "rubric", "guidance")

    #: The longest text kept (characters): ten times the longest word range the course asks for.
    MAX_CHARACTERS = 20_000

    def __init__(self, id: str, prompt: str, *, word_range: tuple[int, int], rubric: Iterable[Mapping],
                 model_answer: str = "", guidance: str = "", reveal_after: int = 1, **common):
        low, high = (list(word_range) + [None, None])[:2] if isinstance(word_range, (list, tuple)) else (None, None)
        if not all(isinstance(w, int) and not isinstance(w, bool) for w in (low, high)) or not 1 <= low <= high <= 3000:
            raise ValueError(f"{id}: word_range must be (low, high), whole numbers with 1 <= low <= high <= 3000")
        self.word_range = (low, high)
        self.rubric = read_rubric(rubric, id)
        self.guidance = str(guidance or "")
        explanation = model_answer or common.pop("explanation", "")
        common.pop("explanation", None)
        if not explanation.strip() and not common.get("record_only"):
            raise ValueError(f"{id}: a written question needs a model answer")
        self.model_answer = explanation
        super().__init__(id, prompt, explanation=explanation, reveal_after=reveal_after, **common)

    @property
    def total(self) -> float:
        """The rubric's points: the most an answer can be given."""
        return sum(c["points"] for c in self.rubric)

    def instructions(self) -> str:
        low, high = self.word_range
        criteria = "; ".join(f"{c['criterion']} ({c['points']:g})" for c in self.rubric)
        return (f"Write {low}\u2013{high} words, then press Submit (in code: "
                f'`exercises.check("{self.id}", text)`). Marked by your teacher out of {self.total:g} '
                f"with a rubric: {criteria}.")

    def evaluate(self, answer: Any) -> Result:
        if isinstance(answer, bytes) or not isinstance(answer, str):
            raise Reject(f"give your answer as text in quotes (a string), not {type(answer).__name__}")
        if _LONE_SURROGATE.search(answer):
            raise Reject("that answer holds a broken character; type it again")
        if len(answer) > self.MAX_CHARACTERS:
            raise Reject(say("too_long", n=len(answer), limit=self.MAX_CHARACTERS))
        return to_mark(self.aids(answer))

    def aids(self, text: str) -> list[dict]:
        """The word count and the evidence check of ``text`` (what the student and the marker see)."""
        return evidence.aids(text, *self.word_range, evidence.current_index())

    def spec(self) -> dict:
        return {**super().spec(), "word_range": list(self.word_range), "rubric": [
            {**c, "levels": [dict(lv) for lv in c["levels"]]} for c in self.rubric], "guidance": self.guidance}

    @classmethod
    def arguments(cls, spec):
        return {"word_range": tuple(spec["word_range"]), "rubric": spec["rubric"], "guidance": spec.get("guidance", "")}

