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

A question *marked by a person* (a written answer, :mod:`.written`) is never judged here: a
submitted answer gets the status ``"to_mark"`` and the words ``WORDS["to_mark"]``, never "Correct"
or "Not yet". The rule for it (``Policy(marked=True)``): its model answer (the explanation) opens
once an answer was submitted, and the words around it say Submit, not Check.

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
    "to_mark": "Saved. Your teacher marks written answers with the rubric; the aids below teach, "
               "they are not a grade.",
    # the same verdicts as a question's view (widget and book) shows them, next to its Check button
    "view_not_answered": "Not yet answered: choose or type an answer, then press Check.",
    "view_invalid": "Not yet checkable: {reason}",
    "attempts": "Attempts: {n}",
    # an answer given before, shown again when the question is drawn anew
    "kept_correct": "Correct. (your last answer, kept from before)",
    "kept_incorrect": "Not yet: your last answer, kept from before, was not right.",
    "kept_to_mark": "Saved before: your last submitted answer is in the box, kept for your teacher to mark.",
    # hints and the explanation
    "hints_all_shown": "All {total} hints are shown above.",
    "no_hints": "This question has no hints.",
    "explanation_locked": "The explanation opens after a correct answer or {reveal_after} tries: "
                          "answer first, then {how}.",
    "how_in_view": "press Check",
    "how_in_code": "run your exercises.check",
    "no_explanation": "No explanation is written for this question.",
    # written answers (Policy(marked=True)): the view's words, the model answer, the aids
    "view_not_written": "Nothing to save yet: write your answer in the box, then press Submit.",
    "view_not_saved": "Not saved: {reason}",
    "model_answer_locked": "The model answer opens once you have submitted an answer: write first, then {how}.",
    "how_to_submit": "press Submit",
    "how_to_submit_in_code": "run your exercises.check with your text",
    "word_count": "{n} words (asked: {low}–{high})",
    "too_long": "it is {n} characters long, and a written answer holds at most {limit}; shorten it "
                "(your text is still where you wrote it)",
    "words_in_range": "{n} words: within the {low}–{high} asked for.",
    "words_short": "{n} words: {missing} short of the {low} asked for.",
    "words_over": "{n} words: {extra} over the {high} asked for. The whole text is kept, and your "
                  "teacher sees the count.",
    "evidence_match": "The figure {number} matches {match}.",
    "evidence_matches": "The figure {number} matches {count} values in the course's data, such as {match}; "
                        "say whose figure and which year it is, so a reader can check it.",
    "evidence_unmatched": "The figure {number} matches no value in the course's data: check it, or say "
                          "where it comes from.",
    "evidence_found": "The quotation “{quote}” is in {source}.",
    "evidence_missing": "The quotation “{quote}” is not in the course's sources: check its "
                        "wording, and say who said it and where.",
    "evidence_nothing": "No figures or quotations to check were found.",
    "evidence_unavailable": "The evidence check is not available here (no course declares one).",
}

#: The words a question's view draws itself (sent with a widget's spec; the book has all of them).
VIEW_WORDS = ("attempts",)
#: The words the view of a question marked by a person draws as well (its live word count).
MARKED_VIEW_WORDS = ("word_count",)

#: The statuses of an answer that counts as an attempt: judged right or wrong, or saved to be marked.
ATTEMPT_STATUSES = ("correct", "incorrect", "to_mark")

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
    #: Answers submitted to be marked by a person (written answers).
    submitted: int = 0

    def merge(self, other: "Standing") -> "Standing":
        """The larger of two counts of the same attempts (e.g. a widget's own and the progress file's)."""
        return Standing(max(self.attempts, other.attempts), max(self.wrong, other.wrong),
                        self.solved or other.solved, max(self.submitted, other.submitted))

    def after(self, status: str) -> "Standing":
        """The standing once one more answer with ``status`` was checked (or submitted to be marked)."""
        if status not in ATTEMPT_STATUSES:
            return self
        return Standing(self.attempts + 1, self.wrong + (status == "incorrect"),
                        self.solved or status == "correct", self.submitted + (status == "to_mark"))


def standing(attempts: Iterable[Mapping]) -> Standing:
    """The standing from recorded attempts (progress entries) of one question: only checked ones
    (right or wrong) and submitted ones (to mark) count; "not answered", "cannot check" and exam
    records do not."""
    result = Standing()
    for attempt in attempts:
        result = result.after(str(attempt.get("status", "")))
    return result


@dataclass(frozen=True)
class Policy:
    """When hints and the explanation open, and the words shown meanwhile (see the module doc).

    ``reveal_after`` is the number of wrong answers after which the explanation opens (each
    question sets its own; :meth:`.types.Question.policy`); ``feedback`` the feedback mode;
    ``marked`` says the question is marked by a person (its explanation, the model answer, opens
    once an answer was submitted).
    """

    reveal_after: int = 2
    feedback: str = "instant"
    marked: bool = False

    def __post_init__(self):
        if isinstance(self.reveal_after, bool) or not isinstance(self.reveal_after, int) or self.reveal_after < 1:
            raise ValueError("reveal_after must be a whole number of wrong attempts (>= 1)")
        if self.feedback not in FEEDBACK_MODES:
            raise ValueError(f"feedback must be one of {', '.join(FEEDBACK_MODES)}, not {self.feedback!r}")

    def explanation_open(self, standing: Standing) -> bool:
        """True once the question was answered right, or wrongly ``reveal_after`` times; for a
        question marked by a person, once an answer was submitted."""
        if self.marked:
            return standing.submitted > 0
        return standing.solved or standing.wrong >= self.reveal_after

    def explanation_note(self, *, in_code: bool = False) -> str:
        """What a press on "Show explanation" says while the explanation is locked."""
        if self.marked:
            return say("model_answer_locked", how=WORDS["how_to_submit_in_code" if in_code else "how_to_submit"])
        return say("explanation_locked", reveal_after=self.reveal_after,
                   how=WORDS["how_in_code" if in_code else "how_in_view"])

    def explain_in_code(self, status: str, standing: Standing) -> bool:
        """True if a code check with ``status`` shows the explanation (``standing`` includes it)."""
        return status in ATTEMPT_STATUSES and self.explanation_open(standing)

    def next_hint(self, shown: int, total: int) -> tuple[int, str]:
        """After a press on Hint: how many hints are shown, and the note once all of them are."""
        if shown < total:
            return shown + 1, ""
        return total, say("hints_all_shown", total=total) if total else WORDS["no_hints"]

    def shown(self, status: str, message: str) -> str:
        """A verdict's message as a question's view shows it next to its Check button."""
        if status == "not_answered" and message == WORDS["not_answered"]:
            return WORDS["view_not_written" if self.marked else "view_not_answered"]
        prefix = WORDS["invalid"].split("{", 1)[0]
        if status == "invalid" and message.startswith(prefix):
            return say("view_not_saved" if self.marked else "view_invalid", reason=message[len(prefix):])
        return message

    @staticmethod
    def kept(correct: bool | str) -> str:
        """The feedback shown with an answer kept from an earlier visit: ``correct`` is whether it
        was right, or its status (``"to_mark"`` for an answer saved to be marked)."""
        if correct == "to_mark":
            return WORDS["kept_to_mark"]
        return WORDS["kept_correct" if correct is True or correct == "correct" else "kept_incorrect"]
