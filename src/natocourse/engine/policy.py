"""What a student is told, and when: the one policy for feedback, hints and explanations.

Three front ends show a question: code checks in a notebook (:mod:`.notebook`), the JupyterLab
widget (:mod:`.widgets`) and the book (``static/engine.js``). All three follow this module:

- :data:`WORDS` holds every sentence they show around a verdict (the feedback prefixes, the
  attempt count, the notes on hints and on the locked explanation, an answer kept from before, an
  exam's "Recorded"). The kernel uses it directly; the book gets the same table in
  ``engine-data.js`` (:func:`.export.engine_data`), so the JavaScript holds no copy of a word.
- :class:`Policy` decides when things open. Today's rule, the same everywhere:

  * a hint is shown on request, one at a time, in order;
  * the explanation opens once the question was answered right, or after ``reveal_after`` wrong
    answers, counting every checked attempt the front end knows of (the progress file in the
    kernel, shared by code checks and widgets; the browser's saved progress in the book);
  * a code check shows the explanation under the feedback of a checked answer (right or wrong)
    once it is open; "not answered" and "cannot check" never show it.

  ``static/engine.js`` mirrors these few lines (``POLICY`` there); ``tests/browser/
  test_engine_parity.py`` holds the two to the same decisions and words.

``Policy(feedback=...)`` names the feedback mode. Only ``"instant"`` exists today (every check
says right or wrong at once); other modes (none, limited attempts) will be added here, so every
front end changes with them.

This module imports nothing from the engine: the verdicts (:mod:`.results`) take their words here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Mapping

#: Every sentence a student sees around a verdict. ``{name}`` marks a value filled in by :func:`fill`.
WORDS: dict[str, str] = {
    # verdicts, as Result.message holds them (code checks show these)
    "correct": "Correct.",
    "incorrect": "Not yet: {reason}",
    "not_answered": "Not answered yet.",
    "invalid": "Cannot check this answer: {reason}",
    "recorded": "Recorded. Your teacher's grading will check it.",
    # the same verdicts as a question's view (widget and book) shows them, next to its Check button
    "view_not_answered": "Not yet answered: choose or type an answer, then press Check.",
    "view_invalid": "Not yet checkable: {reason}",
    "attempts": "Attempts: {n}",
    # an answer given before, shown again when the question is drawn anew
    "kept_correct": "Correct. (your last answer, kept from before)",
    "kept_incorrect": "Not yet: your last answer, kept from before, was not right.",
    # hints and the explanation
    "hints_all_shown": "All {total} hints are shown above.",
    "no_hints": "This question has no hints.",
    "explanation_locked": "The explanation opens after a correct answer or {reveal_after} tries: "
                          "answer first, then {how}.",
    "how_in_view": "press Check",
    "how_in_code": "run your exercises.check",
    "no_explanation": "No explanation is written for this question.",
}

#: The words a question's view draws itself (sent with a widget's spec; the book has all of them).
VIEW_WORDS = ("attempts",)

#: The feedback modes a policy knows. Only instant feedback exists today.
FEEDBACK_MODES = ("instant",)

_FIELD = re.compile(r"\{(\w+)\}")


def fill(template: str, **values) -> str:
    """``template`` with each ``{name}`` replaced by ``values[name]``, in one pass (a value that
    itself holds braces is left as it is). ``engine.js`` fills its templates the same way."""
    return _FIELD.sub(lambda m: str(values[m[1]]), template)


def say(name: str, **values) -> str:
    """The sentence ``WORDS[name]`` with its values filled in."""
    return fill(WORDS[name], **values)


@dataclass(frozen=True)
class Standing:
    """What a front end knows of a question's checked attempts."""

    attempts: int = 0
    wrong: int = 0
    solved: bool = False

    def merge(self, other: "Standing") -> "Standing":
        """The larger of two counts of the same attempts (e.g. a widget's own and the progress file's)."""
        return Standing(max(self.attempts, other.attempts), max(self.wrong, other.wrong),
                        self.solved or other.solved)

    def after(self, status: str) -> "Standing":
        """The standing once one more answer with ``status`` was checked."""
        if status not in ("correct", "incorrect"):
            return self
        return Standing(self.attempts + 1, self.wrong + (status == "incorrect"),
                        self.solved or status == "correct")


def standing(attempts: Iterable[Mapping]) -> Standing:
    """The standing from recorded attempts (progress entries) of one question: only checked ones
    (right or wrong) count; "not answered", "cannot check" and exam records do not."""
    result = Standing()
    for attempt in attempts:
        result = result.after(str(attempt.get("status", "")))
    return result


@dataclass(frozen=True)
class Policy:
    """When hints and the explanation open, and the words shown meanwhile (see the module doc).

    ``reveal_after`` is the number of wrong answers after which the explanation opens (each
    question sets its own; :meth:`.types.Question.policy`); ``feedback`` the feedback mode.
    """

    reveal_after: int = 2
    feedback: str = "instant"

    def __post_init__(self):
        if isinstance(self.reveal_after, bool) or not isinstance(self.reveal_after, int) or self.reveal_after < 1:
            raise ValueError("reveal_after must be a whole number of wrong attempts (>= 1)")
        if self.feedback not in FEEDBACK_MODES:
            raise ValueError(f"feedback must be one of {', '.join(FEEDBACK_MODES)}, not {self.feedback!r}")

    def explanation_open(self, standing: Standing) -> bool:
        """True once the question was answered right, or wrongly ``reveal_after`` times."""
        return standing.solved or standing.wrong >= self.reveal_after

    def explanation_note(self, *, in_code: bool = False) -> str:
        """What a press on "Show explanation" says while the explanation is locked."""
        return say("explanation_locked", reveal_after=self.reveal_after,
                   how=WORDS["how_in_code" if in_code else "how_in_view"])

    def explain_in_code(self, status: str, standing: Standing) -> bool:
        """True if a code check with ``status`` shows the explanation (``standing`` includes it)."""
        return status in ("correct", "incorrect") and self.explanation_open(standing)

    def next_hint(self, shown: int, total: int) -> tuple[int, str]:
        """After a press on Hint: how many hints are shown, and the note once all of them are."""
        if shown < total:
            return shown + 1, ""
        return total, say("hints_all_shown", total=total) if total else WORDS["no_hints"]

    def shown(self, status: str, message: str) -> str:
        """A verdict's message as a question's view shows it next to its Check button."""
        if status == "not_answered" and message == WORDS["not_answered"]:
            return WORDS["view_not_answered"]
        prefix = WORDS["invalid"].split("{", 1)[0]
        if status == "invalid" and message.startswith(prefix):
            return say("view_invalid", reason=message[len(prefix):])
        return message

    @staticmethod
    def kept(correct: bool) -> str:
        """The feedback shown with an answer kept from an earlier visit."""
        return WORDS["kept_correct" if correct else "kept_incorrect"]
