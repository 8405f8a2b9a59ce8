"""The bank format's fields, and what reading a bank gives: its entries and its problems."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable



#: The suffixes of bank files (a folder given to ``--bank`` is searched for them).
SUFFIXES = (".yml", ".yaml")
#: The largest bank file read (bytes): far more than a term's questions.
MAX_BYTES = 2_000_000
#: What every question may have, whatever its type.
COMMON_FIELDS = ("id", "type", "prompt", "hints", "explanation", "feedback", "reveal_after", "points",
                 "objectives")
#: Each type's own fields (answers written plainly).
TYPE_FIELDS = {
    "choice": ("options", "answer", "shuffle"),
    "select": ("options", "answers", "shuffle"),
    "text": ("answer", "answers"),
    "order": ("order",),
    "match": ("pairs", "options"),
    "number": ("answer", "tolerance", "units"),
    "data": ("answer", "tolerance", "units"),
    "written": ("word_range", "rubric", "guidance", "model_answer"),
}
#: How each type's right answer is written, for messages.
ANSWER_FIELDS = {
    "choice": "answer: <one of the options>",
    "select": "answers: [<every option that applies>]",
    "text": "answers: [<every accepted spelling>]",
    "order": "order: [<the items, in order>]",
    "match": "pairs: {<item>: <its option>, ...}",
    "number": "answer: <a number>",
    "data": "answer: <the number the code computes>",
    "written": "model_answer: <an answer that earns full marks>",
}
_TOP_FIELDS = ("title", "questions")


class BankError(ValueError):
    """A bank that cannot be used: the message lists every problem, one per line; nothing was
    registered or written."""

    def __init__(self, problems: Iterable["Problem"]):
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"the question bank has {count} problem{'s' if count != 1 else ''} (nothing was "
                         "written):\n  " + "\n  ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Problem:
    """One problem of a bank file: where (file, line, column if known) and what to write instead."""

    path: str
    line: int
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Entry:
    """A question read from a bank file: the engine question, where it was written, its default
    points and objectives, and its answer as a student would give it (for the solved notebook)."""

    question: Any
    path: str
    line: int
    title: str
    solution: Any
    points: float | None = None
    objectives: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """``file:line`` of the question's entry."""
        return f"{self.path}:{self.line}"
