"""The kernel front end: a question as a widget in JupyterLab (prompt, input, Check, hints, feedback).

The widget is drawn by the same view as the book (``static/view.js``, through ``static/lab.js``
as an anywidget module), so its controls are native and labelled, its options a named group, and
its feedback, attempts, hints and explanation live regions. The kernel decides everything: Check
sends the raw answer here, where :meth:`QuestionWidget.check` checks and records it; the front end
only shows the state it is sent, and learns nothing the student could not see (no keys, and no
explanation before it opens).

Every widget also carries a static HTML rendering of its question (``text/html`` beside the
widget view). JupyterLab shows the live widget; the built book shows the HTML, which the book's
JavaScript front end (:mod:`.export`) brings to life without a kernel.
"""

from __future__ import annotations

import html
import uuid
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from . import export, policy, progress, records, variants
from .answers import deserialise, serialise
from .policy import ANOTHER_VIEW_WORDS, ATTEMPT_STATUSES, MARKED_VIEW_WORDS, VIEW_WORDS, WORDS, Policy, Standing
from .render import markdown_to_html
from .results import Result
from .types import Question

_STATIC = Path(__file__).resolve().parent / "static"


def _front_end(views: tuple[Path, ...] = ()) -> str:
    """The widget's ES module: the shared question view, the input views of question types that
    bring their own (``Question.view``), then the JupyterLab glue."""
    parts = [_STATIC / "view.js", *views, _STATIC / "lab.js"]
    return "\n".join(Path(part).read_text(encoding="utf-8") for part in parts)


def static_html(question: Question) -> str:
    """The question as plain HTML (``data-question`` marks it for the book's JavaScript)."""
    note = question.instructions()
    return (f'<div class="natocourse-question natocourse-static" data-question="{html.escape(question.id)}">'
            f'<p><strong>Question {html.escape(question.id)}</strong></p>{markdown_to_html(question.prompt)}'
            + (f'<p class="natocourse-instructions"><em>{markdown_to_html(note)[3:-4]}</em></p>' if note else "")
            + '<p class="natocourse-noscript">This question needs JavaScript in the book, or the '
              'notebook in JupyterLab.</p></div>')


class QuestionWidget(anywidget.AnyWidget):
    """A question's widget: prompt, input, Check, Hint, attempts, feedback and explanation.

    The state lives in Python, so tests drive it headless: set ``value`` (the answer as the
    front end would send it), call :meth:`check`, :meth:`reveal_hint` or
    :meth:`reveal_explanation`, and read ``verdict``, ``attempts``, ``hints`` and ``explanation``.
    A data question has no input (it is answered in code with ``exercises.check``); its hints and
    explanation work the same, the explanation opening once the recorded attempts allow it.

    A question with other versions (:mod:`.variants`) offers "Try another" for self-study
    (:func:`offers_practice`): :meth:`try_another` shows the next practice version (the same ones
    as the book, :func:`.export.practice_variants`, then the question as set again) and the checks
    judge the version shown (for a data question, ``exercises.check`` in code: see
    :func:`.variants.practise`). A practice version's answers are checked but never recorded,
    neither in ``progress.json`` nor in the notebook's answers output: the record stays the
    question's as set.
    """

    @property
    def _esm(self) -> str:  # read once by anywidget when the widget is made, then a synced trait
        return _front_end(tuple(v for v in [type(self.question).view] if v))

    _css = "\n".join((_STATIC / name).read_text(encoding="utf-8") for name in ("question.css", "lab.css"))

    #: What the front end draws (:meth:`.Question.view_spec`, with the words the view shows).
    spec = traitlets.Dict().tag(sync=True)
    #: The answer last sent by the front end (or set by a test), as JSON: text, a list or a dict.
    value = traitlets.Any(None, allow_none=True).tag(sync=True)
    #: The last verdict: ``{"status", "message", "checks"}`` (empty before the first Check); the
    #: status is a :class:`Result`'s, ``"recorded"`` for an answer kept without a verdict (the
    #: feedback mode ``none``, or an exam), or ``"closed"`` for a check the mode ``attempts`` refused.
    #: A written answer's verdict also holds its ``aids`` (:attr:`Result.aids`).
    verdict = traitlets.Dict().tag(sync=True)
    attempts = traitlets.Int(0).tag(sync=True)
    #: The hints shown so far (Markdown), and the note once none is left.
    hints = traitlets.List(traitlets.Unicode()).tag(sync=True)
    hint_note = traitlets.Unicode("").tag(sync=True)
    #: ``{"open": True, "text": explanation}``, or ``{"open": False, "text": what opens it}``.
    explanation = traitlets.Dict().tag(sync=True)

    def __init__(self, question: Question):
        self.question = question
        #: The problem set this widget belongs to ("" outside one): attempts are counted within it.
        self.assignment = policy.current().assignment
        #: The versions "Try another" goes through (the question as set first), and the one shown.
        self.versions: list[Question] = [question] + (export.practice_variants(question)
                                                      if offers_practice(question) else [])
        self.version = 0
        super().__init__(spec=self._view(question))
        self.has_input = not question.code_answer
        self.checks = 0
        self.record_id = f"natocourse-answers-{uuid.uuid4().hex}"
        self.add_class("natocourse-exercise")
        self.on_msg(self._from_front_end)
        self._pick_up_earlier_attempts()

    def _count_attempts(self) -> list[dict]:
        """Count the attempts recorded for this question (in its problem set); returns them."""
        earlier = [a for a in progress.attempts() if a.get("question") == self.question.id
                   and a.get("status") in ATTEMPT_STATUSES
                   and (not self.assignment or a.get("assignment") == self.assignment)]
        self.attempts = len(earlier)
        self.wrong: int = sum(a["status"] == "incorrect" for a in earlier)
        self.solved: bool = any(a.get("status") == "correct" for a in earlier)
        self.submitted: int = sum(a["status"] == "to_mark" for a in earlier)
        return earlier

    def _pick_up_earlier_attempts(self) -> None:
        """Start where the student left off, as the book does after a reload: the attempts recorded
        for this question, the last answer given in a widget or the book with its verdict, and this
        notebook's widget answers (kept in the answers output, so re-running the cell loses none)."""
        earlier = self._count_attempts()
        notebook = progress.current_notebook()
        #: The answers checked in this widget in this notebook, oldest first (what grading reads).
        self.given: list[dict] = [{"answer": a["answer"], "time": a.get("time", "")} for a in earlier
                      if a.get("source") == "widget" and "answer" in a and notebook and a.get("notebook") == notebook]
        shown = [a for a in earlier if a.get("source") in ("widget", "book") and "answer" in a]
        if not (shown and self.has_input):
            return
        last = shown[-1]
        try:
            value = deserialise(last["answer"])
        except Exception:  # noqa: BLE001 - a damaged progress file must not stop the widget
            return
        if not _fits_an_input(value):
            return
        self.value = value
        self.verdict = {"status": last["status"], "checks": 0,
                        "message": Policy.kept(last["status"] == "correct", last["status"]),
                        **self._aids(self.question.check(value) if last["status"] == "to_mark" else None)}

    def _view(self, question: Question) -> dict:
        """What the front end is sent to draw ``question``: its view spec and the words it draws."""
        another = len(self.versions) > 1
        words = {k: WORDS[k] for k in VIEW_WORDS + (MARKED_VIEW_WORDS if question.marked else ())
                 + (ANOTHER_VIEW_WORDS if another else ())}
        words["attempts"] = question.policy().attempts_words()
        return {**question.view_spec(), "words": words, **({"try_another": True} if another else {})}

    def try_another(self) -> None:
        """Show the next version of the question (after the last practice version, the question as
        set again), with an empty answer, no hint and no explanation, and say so in the feedback.
        Its attempts start at 0; back at the question as set, its recorded attempts count again."""
        if len(self.versions) < 2:
            return
        self.version = (self.version + 1) % len(self.versions)
        self.question = self.versions[self.version]
        variants.practise(self.question.id, self.question if self.practising else None)
        with self.hold_sync():  # one message: the page never draws the new prompt with the old state
            self.spec = self._view(self.question)
            self.value = None
            if self.practising:
                self.attempts = self.wrong = self.submitted = 0
                self.solved = False
            else:
                self._count_attempts()
            self.verdict = {"checks": self.checks, "message": WORDS["another" if self.version else "another_back"]}
            self.hints, self.hint_note, self.explanation = [], "", {}

    def __repr__(self) -> str:
        return f"QuestionWidget({self.question.id!r})"

    @property
    def policy(self) -> Policy:
        """The question's policy in the feedback mode of the moment (:mod:`.policy`)."""
        return self.question.policy()

    @property
    def hints_shown(self) -> int:
        """How many hints are shown."""
        return len(self.hints)

    def _from_front_end(self, _widget, content, _buffers) -> None:
        """A button pressed in JupyterLab. The content comes from the page: trust only its shape."""
        event = content.get("event") if isinstance(content, dict) else None
        if event == "check" and self.has_input:
            self.value = content.get("answer")
            self.check()
        elif event == "hint":
            self.reveal_hint()
        elif event == "explain":
            self.reveal_explanation()
        elif event == "another":
            self.try_another()

    @property
    def practising(self) -> bool:
        """True while a practice version is shown ("Try another"): its answers are not recorded."""
        return self.version != 0

    def standing(self) -> Standing:
        """This widget's checked attempts merged with those recorded since (code checks of the same
        question, other widgets of it), within its problem set; a practice version's own only."""
        mine = Standing(self.attempts, self.wrong, self.solved, self.submitted)
        return mine if self.practising else mine.merge(progress.standing(self.question.id, self.assignment))

    def check(self) -> Result:
        """Check the entered answer as the feedback mode says, update feedback, attempts and
        explanation, record the raw answer; returns the result as the student is told it (a
        written answer: saved to be marked, with its aids, in every mode)."""
        answer, rules = self.value, self.policy
        self.checks += 1
        closed = rules.closed(self.standing())
        if closed:  # the mode "attempts": no check beyond the limit or after a right answer
            self.verdict = {"status": "closed", "checks": self.checks, "message": closed}
            return Result(False, "not_answered", closed)
        result = self.question.check(answer)
        status, message = rules.reported(result.status, result.message)
        counted = status in ATTEMPT_STATUSES
        if counted:
            self.attempts += 1
            self.wrong += status == "incorrect"
            self.solved = self.solved or status == "correct"
            self.submitted += status == "to_mark"
        self.verdict = {"status": status, "checks": self.checks, "message": rules.shown(status, message),
                        **self._aids(result if status == result.status else None)}
        if self.practising:
            return result if status == result.status else Result(False, "not_answered", message)
        progress.record(self.question.id, self.question.chapter, result, answer, source="widget",
                        status="recorded" if status == "recorded" else None, assignment=self.assignment)
        if counted:
            self.given.append({"answer": serialise(answer), "time": progress.now()})
            self._save_answers()
        return result if status == result.status else Result(False, "not_answered", message)

    @staticmethod
    def _aids(result: Result | None) -> dict:
        """``{"aids": [...]}`` for a result that has aids (a written answer's), else ``{}``."""
        return {"aids": [dict(a) for a in result.aids]} if result is not None and result.aids else {}

    def _save_answers(self) -> None:
        """Update this widget's answers output, so that saving the notebook keeps the answers."""
        try:
            from IPython import get_ipython
            from IPython.display import update_display
        except ImportError:
            return
        if get_ipython() is None:
            return
        update_display(records.bundle(self.question.id, self.given), display_id=self.record_id, raw=True)

    def explanation_allowed(self) -> bool:
        """True once the policy opens the explanation: this widget's attempts and those recorded
        since (code checks of a data question, other widgets of the same question) count."""
        return self.policy.explanation_open(self.standing())

    def reveal_hint(self) -> None:
        """Show the next hint (one at a time); once all are shown, say so (the button stays usable,
        so keyboard focus never falls off a button that disabled itself)."""
        shown, self.hint_note = self.policy.next_hint(self.hints_shown, len(self.question.hints))
        self.hints = self.question.hints[:shown]

    def reveal_explanation(self) -> None:
        """Show the worked explanation, or say what opens it (a first right answer, or a few tries)."""
        if self.explanation_allowed():
            self.explanation = {"open": True, "text": self.question.explanation or WORDS["no_explanation"]}
        else:
            self.explanation = {"open": False, "text": self.policy.explanation_note(in_code=not self.has_input)}

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle or {})
        data["text/plain"] = repr(self)
        data["text/html"] = static_html(self.question)
        return data

    def _ipython_display_(self) -> None:
        if getattr(self, "_skip_echo", False):
            return
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


def offers_practice(question: Question) -> bool:
    """True if a widget of ``question`` offers "Try another": the question has other versions and
    the kernel is not in a problem set or showing a student's own variants, where the version to
    answer is the one set (another would let a student look for an easier one). A question answered
    in code is then checked by ``exercises.check`` against the version its widget shows."""
    return variants.varies(question) and not policy.current().assignment and not variants.student()


def _fits_an_input(value: Any) -> bool:
    """True for what a widget's input can hold: a text, a list of texts, or texts by text."""
    def text(v):
        return v is None or isinstance(v, str)
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return True
    if isinstance(value, list):
        return all(text(v) for v in value)
    return isinstance(value, dict) and all(isinstance(k, str) and text(v) for k, v in value.items())


def make_widget(question: Question) -> QuestionWidget:
    """The widget of a question (for data questions: its prompt, hints and explanation)."""
    return QuestionWidget(question)
