"""The outcome of checking one answer: :class:`Result` and the four ways to make one."""

from __future__ import annotations

from dataclasses import dataclass, field

from .policy import WORDS, say

#: The possible values of :attr:`Result.status` ("to_mark": saved for a person to mark, never judged).
STATUSES = ("correct", "incorrect", "not_answered", "invalid", "to_mark")


@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer.

    ``status`` is one of :data:`STATUSES`; ``message`` is the sentence shown to the student
    ("Correct.", "Not yet: ...", "Not answered yet.", "Cannot check this answer: ...", "Saved. ...":
    the words of :data:`.policy.WORDS`). ``aids`` are what a front end shows beside the message for
    an answer saved to be marked: ``{"kind", "ok", "text"}`` each (a written answer's word count and
    evidence check, :mod:`.evidence`), never a verdict.
    """

    correct: bool
    status: str
    message: str
    aids: tuple = field(default=(), compare=False)

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")


def correct(extra: str = "") -> Result:
    """A correct result, optionally with a remark after "Correct."."""
    return Result(True, "correct", WORDS["correct"] + (f" {extra}" if extra else ""))


def incorrect(reason: str) -> Result:
    """An incorrect result: "Not yet: <reason>"."""
    return Result(False, "incorrect", say("incorrect", reason=reason))


def not_answered() -> Result:
    """The result for an answer that was not given yet."""
    return Result(False, "not_answered", WORDS["not_answered"])


def invalid(reason: str) -> Result:
    """The result for an answer that cannot be checked: "Cannot check this answer: <reason>"."""
    return Result(False, "invalid", say("invalid", reason=reason))


def recorded() -> Result:
    """Exam mode: the answer was saved for grading, and nothing is said about whether it is right."""
    return Result(False, "not_answered", WORDS["recorded"])


def to_mark(aids=()) -> Result:
    """An answer saved for a person to mark (a written answer): never right or wrong, with its aids."""
    return Result(False, "to_mark", WORDS["to_mark"], tuple(aids))
