"""The kernel front end: a question as an ipywidgets widget (prompt, input, Check, hints, feedback).

Every widget also carries a static HTML rendering of its question (``text/html`` beside the
widget view). JupyterLab shows the live widget; the built book shows the HTML, which the book's
JavaScript front end (:mod:`.export`) brings to life without a kernel.
"""

from __future__ import annotations

import html
import uuid
from typing import Any, Callable

import ipywidgets as widgets

from . import progress
from .answers import serialise
from .render import feedback_html, markdown_to_html
from .results import Result
from .types import (DataQuestion, Matching, MultipleChoice, MultipleSelect, Numeric, Ordering, Question,
                    ShortText)

_WIDE = {"description_width": "initial"}


def _choice_input(question: MultipleChoice):
    radio = widgets.RadioButtons(options=question.options, index=None, description="Your answer",
                                 style=_WIDE, layout=widgets.Layout(width="auto"))
    return radio, lambda: radio.value


def _select_input(question: MultipleSelect):
    boxes = [widgets.Checkbox(value=False, description=o, indent=False, layout=widgets.Layout(width="auto"))
             for o in question.options]
    return widgets.VBox(boxes, layout=widgets.Layout(width="auto")), (
        lambda: [b.description for b in boxes if b.value])


def _order_input(question: Ordering):
    choices = [("—", None)] + [(i, i) for i in question.items]
    drops = [widgets.Dropdown(options=choices, value=None, description=f"Position {n}", style=_WIDE)
             for n in range(1, len(question.items) + 1)]
    return widgets.VBox(drops), lambda: [d.value for d in drops]


def _match_input(question: Matching):
    choices = [("—", None)] + [(o, o) for o in question.options]
    drops = {i: widgets.Dropdown(options=choices, value=None, description=i, style=_WIDE)
             for i in question.items}
    return widgets.VBox(list(drops.values())), lambda: {i: d.value for i, d in drops.items()}


def _text_input(question: Question):
    box = widgets.Text(description="Your answer", placeholder="type your answer", style=_WIDE)
    return box, lambda: box.value


#: The input each question type is answered in (data questions are answered in code).
INPUTS: dict[type, Callable] = {MultipleChoice: _choice_input, MultipleSelect: _select_input,
                                Ordering: _order_input, Matching: _match_input,
                                ShortText: _text_input, Numeric: _text_input}


#: The output type that carries a widget's answers into the saved notebook (read by grading).
ANSWERS_MIME = "application/vnd.natocourse.answers+json"


def answers_bundle(question_id: str, answers: list) -> dict:
    """The invisible output that holds a widget's answers: saved with the notebook, read by grading.

    ``answers`` are ``{"answer": <serialised>, "time": ...}`` records, oldest first. It carries no
    verdict: grading checks the answers itself.
    """
    return {ANSWERS_MIME: {"version": 1, "question": question_id, "answers": answers},
            "text/markdown": ""}


def static_html(question: Question) -> str:
    """The question as plain HTML (``data-question`` marks it for the book's JavaScript)."""
    note = question.instructions()
    return (f'<div class="natocourse-question natocourse-static" data-question="{html.escape(question.id)}">'
            f'<p><strong>Question {html.escape(question.id)}</strong></p>{markdown_to_html(question.prompt)}'
            + (f'<p class="natocourse-instructions"><em>{markdown_to_html(note)[3:-4]}</em></p>' if note else "")
            + '<p class="natocourse-noscript">This question needs JavaScript in the book, or the '
              'notebook in JupyterLab.</p></div>')


class QuestionWidget(widgets.VBox):
    """A question's widget: prompt, input, Check, Hint, attempts, feedback and explanation.

    Pure Python state (``attempts``, ``wrong``, ``hints_shown``) so tests can drive it headless:
    set the input's value, call ``check_button.click()``, read ``feedback.value``. A data question
    has no input (it is answered in code with ``exercises.check``); its hints and explanation work
    the same, the explanation opening once the recorded attempts allow it.
    """

    def __init__(self, question: Question):
        self.question = question
        self.attempts = 0
        self.wrong = 0
        self.hints_shown = 0
        self.solved = False
        self.given: list[dict] = []
        self.record_id = f"natocourse-answers-{uuid.uuid4().hex}"
        note = question.instructions()
        self.prompt = widgets.HTML(
            f'<div class="natocourse-question"><p><strong>Question {html.escape(question.id)}</strong></p>'
            f'{markdown_to_html(question.prompt)}'
            + (f"<p><em>{markdown_to_html(note)[3:-4]}</em></p>" if note else "") + "</div>")
        make_input = input_maker(question)
        self.input, self._read = make_input(question) if make_input else (None, None)
        self.check_button = widgets.Button(description="Check", button_style="primary",
                                           tooltip=f"Check your answer to question {question.id}")
        self.hint_button = widgets.Button(tooltip="Reveal the next hint")
        self.explanation_button = widgets.Button(description="Show explanation",
                                                 tooltip="Available after a correct answer or "
                                                         f"{question.reveal_after} wrong attempts")
        self.attempt_counter = widgets.Label(value="Attempts: 0")
        self.feedback = widgets.HTML(value="")
        self.hints = widgets.HTML(value="")
        self.explanation = widgets.HTML(value="")
        self.check_button.on_click(self.check)
        self.hint_button.on_click(self.reveal_hint)
        self.explanation_button.on_click(self.reveal_explanation)
        self._update_hint_button()
        if self.input is None:
            buttons = [self.hint_button, self.explanation_button]
            body = [self.prompt]
        else:
            buttons = [self.check_button, self.hint_button, self.explanation_button, self.attempt_counter]
            body = [self.prompt, self.input]
        self.explanation_button.disabled = not question.explanation
        super().__init__(body + [widgets.HBox(buttons), self.feedback, self.hints, self.explanation])
        self.add_class("natocourse-exercise")

    def __repr__(self) -> str:
        return f"QuestionWidget({self.question.id!r})"

    def answer(self) -> Any:
        """The answer currently entered in the input."""
        return self._read() if self._read else None

    def check(self, _button=None) -> Result:
        """Check the entered answer, update feedback/attempts/explanation, record the raw answer."""
        answer = self.answer()
        result = self.question.check(answer)
        if result.status in ("correct", "incorrect"):
            self.attempts += 1
            self.wrong += result.status == "incorrect"
            self.solved = self.solved or result.correct
        self.feedback.value = feedback_html(result)
        self.attempt_counter.value = f"Attempts: {self.attempts}"
        progress.record(self.question.id, self.question.chapter, result, answer, source="widget")
        if result.status in ("correct", "incorrect"):
            self.given.append({"answer": serialise(answer), "time": progress.now()})
            self._save_answers()
        return result

    def _save_answers(self) -> None:
        """Update this widget's answers output, so that saving the notebook keeps the answers."""
        try:
            from IPython import get_ipython
            from IPython.display import update_display
        except ImportError:
            return
        if get_ipython() is None:
            return
        update_display(answers_bundle(self.question.id, self.given), display_id=self.record_id, raw=True)

    def explanation_allowed(self) -> bool:
        """True once this question was answered correctly, or wrongly ``reveal_after`` times."""
        if self.solved or self.wrong >= self.question.reveal_after:
            return True
        tries = [a for a in progress.attempts() if a["question"] == self.question.id
                 and a["status"] in ("correct", "incorrect")]
        return any(a["correct"] for a in tries) or len(tries) >= self.question.reveal_after

    def reveal_hint(self, _button=None) -> None:
        """Show the next hint (one at a time); once all are shown, say so (the button stays usable,
        so keyboard focus never falls off a button that disabled itself)."""
        total = len(self.question.hints)
        note = ""
        if self.hints_shown < total:
            self.hints_shown += 1
        else:
            note = f"<p>All {total} hints are shown.</p>" if total else "<p>This question has no hints.</p>"
        items = "".join(f"<li>{markdown_to_html(h)}</li>" for h in self.question.hints[: self.hints_shown])
        self.hints.value = f'<div class="natocourse-hints"><strong>Hints</strong><ol>{items}</ol>{note}</div>'
        self._update_hint_button()

    def reveal_explanation(self, _button=None) -> None:
        """Show the worked explanation, or say what opens it (a first right answer, or a few tries)."""
        if self.explanation_allowed():
            self.explanation.value = (f'<div class="natocourse-explanation"><strong>Explanation</strong>'
                                      f"{markdown_to_html(self.question.explanation)}</div>")
        else:
            how = ("run your exercises.check" if self.input is None else "press Check")
            self.explanation.value = (
                f'<div class="natocourse-explanation"><p>The explanation opens after a correct answer '
                f"or {self.question.reveal_after} tries: answer first, then {how}.</p></div>")

    def _update_hint_button(self) -> None:
        total = len(self.question.hints)
        if self.hints_shown < total:
            self.hint_button.description = f"Hint {self.hints_shown + 1} of {total}"
            self.hint_button.disabled = False
        else:
            self.hint_button.description = "All hints shown" if total else "No hints"
            self.hint_button.disabled = False

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs) or {}
        bundle["text/html"] = static_html(self.question)
        return bundle

    def _ipython_display_(self) -> None:
        if getattr(self, "_skip_echo", False):
            return
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


def input_maker(question: Question) -> Callable | None:
    """The function that makes this question's input (None for data questions, answered in code)."""
    return next((make for kind, make in INPUTS.items() if isinstance(question, kind)), None)


def make_widget(question: Question) -> QuestionWidget:
    """The widget of a question (for data questions: its prompt, hints and explanation)."""
    if isinstance(question, DataQuestion) or input_maker(question) is not None:
        return QuestionWidget(question)
    raise TypeError(f"no widget for {type(question).__name__}")
