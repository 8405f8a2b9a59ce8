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

**Feedback modes** (:data:`FEEDBACK_MODES`): ``Policy(feedback=..., attempts=...)`` says how
checks answer, for a graded problem set (``assign --feedback none`` or ``--attempts N``); the
rule above is ``instant``, the default, and practice notebooks keep it:

- ``instant``: every check says at once whether the answer is right; the explanation opens as above;
- ``none``: a check records the answer and says only that it was recorded (:meth:`Policy.reported`;
  the progress file keeps the status ``recorded``, never the verdict); no explanation opens. An
  exam's keyless questions (``record_only``) always follow this mode;
- ``attempts`` (with ``attempts=N``): every check says at once whether the answer is right; at
  most N checked answers per question are recorded, and a right answer closes the question
  (:meth:`Policy.closed` words why a further check is not made); no explanation opens in the
  notebook, since each explanation states its answer: it comes with the feedback after the due
  date, when the instructor releases it.

A problem set's first cell names its mode: ``exercises.assignment("ps1", feedback="attempts",
attempts=3)`` (:func:`.notebook.assignment`) makes it the kernel's :class:`Mode` (:func:`use`), and
its output carries the mode into a built page, where ``engine.js`` reads it. In a mode that names
an assignment, attempts are counted within that assignment only (progress entries carry its
name), so practice in a chapter's notebook uses none of a problem set's attempts.

A question *marked by a person* (a written answer, :mod:`.written`) is never judged here: a
submitted answer gets the status ``"to_mark"`` and the words ``WORDS["to_mark"]``, never "Correct"
or "Not yet", in every mode (:meth:`Policy.reported` leaves it as it is). The rule for it
(``Policy(marked=True)``): with instant feedback its model answer (the explanation) opens once an
answer was submitted; in a graded mode it comes with the feedback, like every explanation. A
submission uses no attempt of the mode ``attempts`` (it tells nothing about a key), so the text
can be revised until the due date and the last one is marked. The words around it say Submit,
not Check.

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
    "kept_recorded": "Recorded. (your last answer, kept from before)",
    "kept_to_mark": "Saved before: your last submitted answer is in the box, kept for your teacher to mark.",
    # graded modes: the attempt count out of the limit, and why a further check is not made
    "attempts_of": "Attempts: {n} of {max}",
    "attempts_used": "No attempts left: you have used your {max} attempts at this question, and they are "
                     "recorded for grading.",
    "already_right": "Correct, and recorded: this question is done.",
    # what a problem set says about its mode (its first cell, its header, the book)
    "mode_instant": "Each check says at once whether your answer is right, and a question's worked explanation "
                    "opens after a right answer or a few wrong tries.",
    "mode_none": "Checks record your answers without saying whether they are right: your teacher's grading "
                 "checks them after the due date, and your last answer to each question counts.",
    "mode_attempts": "Each check says at once whether your answer is right. Up to {max} checked answers per "
                     "question are recorded and graded, and one right answer among them earns the points; after "
                     "a right answer the question is done. Explanations come with your feedback after the due "
                     "date.",
    # "Try another" (self-study, outside a problem set): another version of the question, to practise on
    "another": "Another version of this question, to practise on: read it again, then answer. Your answers "
               "to it are checked, not recorded.",
    "another_back": "The question as set is back: answers to it are recorded again.",
    # hints and the explanation
    "hints_all_shown": "All {total} hints are shown above.",
    "no_hints": "This question has no hints.",
    "explanation_locked": "The explanation opens after a correct answer or {reveal_after} tries: "
                          "answer first, then {how}.",
    "explanation_graded": "The explanation comes with your feedback after the due date, once your teacher "
                          "releases it.",
    "model_answer_graded": "The model answer comes with your feedback after the due date, once your teacher "
                           "releases it.",
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
#: The words the view of a question with other versions to practise on draws as well ("Try another").
ANOTHER_VIEW_WORDS = ("another", "another_back")
#: The words the view of a question marked by a person draws as well (its live word count).
MARKED_VIEW_WORDS = ("word_count",)

#: The statuses of an answer that counts as an attempt: judged right or wrong, recorded without a
#: verdict (the mode ``none``), or saved to be marked.
ATTEMPT_STATUSES = ("correct", "incorrect", "recorded", "to_mark")

#: The feedback modes a policy knows (see the module docstring).
FEEDBACK_MODES = ("instant", "none", "attempts")
#: The most attempts a graded question may allow.
MAX_ATTEMPTS = 20

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
        """The standing once one more answer with ``status`` was checked (``recorded``: kept
        without a verdict, in the mode ``none``), or submitted to be marked (``to_mark``)."""
        if status not in ATTEMPT_STATUSES:
            return self
        return Standing(self.attempts + 1, self.wrong + (status == "incorrect"),
                        self.solved or status == "correct", self.submitted + (status == "to_mark"))


def standing(attempts: Iterable[Mapping]) -> Standing:
    """The standing from recorded attempts (progress entries) of one question: only checked ones
    (right, wrong, or recorded without a verdict) and submitted ones (to mark) count; "not
    answered" and "cannot check" do not."""
    result = Standing()
    for attempt in attempts:
        result = result.after(str(attempt.get("status", "")))
    return result


def check_mode(feedback: str, attempts: int | None) -> None:
    """Refuse a feedback mode that does not exist, or a limit of attempts it does not take."""
    if feedback not in FEEDBACK_MODES:
        raise ValueError(f"feedback must be one of {', '.join(FEEDBACK_MODES)}, not {feedback!r}")
    if feedback == "attempts":
        if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= MAX_ATTEMPTS:
            raise ValueError(f"attempts must be a whole number from 1 to {MAX_ATTEMPTS}, not {attempts!r}")
    elif attempts is not None:
        raise ValueError(f"a limit of attempts goes with feedback='attempts', not with {feedback!r}")


@dataclass(frozen=True)
class Mode:
    """How a notebook gives feedback: the assignment it belongs to ("" for practice), its feedback
    mode and limit of attempts, and its due date (as the instructor wrote it, for the words)."""

    assignment: str = ""
    feedback: str = "instant"
    attempts: int | None = None
    due: str = ""

    def __post_init__(self):
        check_mode(self.feedback, self.attempts)
        if not isinstance(self.assignment, str) or not isinstance(self.due, str):
            raise ValueError("assignment and due are texts")

    def describe(self) -> str:
        """What the mode means for a student, in one or two sentences."""
        return say(f"mode_{self.feedback}", max=self.attempts)

    def to_json(self) -> dict:
        """The mode as data (what ``engine.js`` reads from a page)."""
        return {"assignment": self.assignment, "feedback": self.feedback, "attempts": self.attempts, "due": self.due}


_MODE = [Mode()]


def use(mode: Mode) -> Mode:
    """Make ``mode`` the mode of every check from now on (in this kernel); return it."""
    if not isinstance(mode, Mode):
        raise TypeError("use() takes a Mode")
    _MODE[0] = mode
    return mode


def current() -> Mode:
    """The mode checks follow now (practice, instant feedback, until a problem set names its own)."""
    return _MODE[0]


@dataclass(frozen=True)
class Policy:
    """When hints and the explanation open, what a check says and whether it is made (see the
    module doc).

    ``reveal_after`` is the number of wrong answers after which the explanation opens (each
    question sets its own; :meth:`.types.Question.policy`); ``feedback`` the feedback mode and
    ``attempts`` its limit (mode ``attempts`` only); ``marked`` says the question is marked by a
    person (its explanation, the model answer, opens once an answer was submitted, with instant
    feedback).
    """

    reveal_after: int = 2
    feedback: str = "instant"
    attempts: int | None = None
    marked: bool = False

    def __post_init__(self):
        if isinstance(self.reveal_after, bool) or not isinstance(self.reveal_after, int) or self.reveal_after < 1:
            raise ValueError("reveal_after must be a whole number of wrong attempts (>= 1)")
        check_mode(self.feedback, self.attempts)

    def explanation_open(self, standing: Standing) -> bool:
        """True once the question was answered right, or wrongly ``reveal_after`` times; for a
        question marked by a person, once an answer was submitted (in the mode ``instant``; in a
        graded mode, never: the explanation comes with the feedback)."""
        if self.feedback != "instant":
            return False
        if self.marked:
            return standing.submitted > 0
        return standing.solved or standing.wrong >= self.reveal_after

    def explanation_note(self, *, in_code: bool = False) -> str:
        """What a press on "Show explanation" says while the explanation is locked."""
        if self.feedback != "instant":
            return WORDS["model_answer_graded" if self.marked else "explanation_graded"]
        if self.marked:
            return say("model_answer_locked", how=WORDS["how_to_submit_in_code" if in_code else "how_to_submit"])
        return say("explanation_locked", reveal_after=self.reveal_after,
                   how=WORDS["how_in_code" if in_code else "how_in_view"])

    def closed(self, standing: Standing) -> str:
        """Why no further check of this question is made ("" while checks are open): in the mode
        ``attempts``, once it was answered right or all its attempts are used. A question marked by
        a person never closes: its submissions are not judged, so they use no attempt."""
        if self.feedback != "attempts" or self.marked:
            return ""
        if standing.solved:
            return WORDS["already_right"]
        return say("attempts_used", max=self.attempts) if standing.attempts >= self.attempts else ""

    def reported(self, status: str, message: str) -> tuple[str, str]:
        """What a check that was made says: ``(status, message)``. In the mode ``none`` a verdict
        (and an exam's keyless record) becomes ``("recorded", "Recorded. …")``; a "not answered"
        or "cannot check" stays as it is (it tells nothing about the key)."""
        if self.feedback == "none" and (status in ("correct", "incorrect") or message == WORDS["recorded"]):
            return "recorded", WORDS["recorded"]
        return status, message

    def attempts_words(self) -> str:
        """The template of the attempt count a view shows (``{n}`` filled in by the view); a
        question marked by a person has no limit to count against."""
        if self.feedback == "attempts" and not self.marked:
            return WORDS["attempts_of"].replace("{max}", str(self.attempts))
        return WORDS["attempts"]

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
    def kept(correct: bool, status: str = "") -> str:
        """The feedback shown with an answer kept from an earlier visit (``status`` ``recorded``:
        one kept without a verdict; ``to_mark``: one saved to be marked)."""
        if status == "recorded":
            return WORDS["kept_recorded"]
        if status == "to_mark":
            return WORDS["kept_to_mark"]
        return WORDS["kept_correct" if correct else "kept_incorrect"]
