"""In a notebook: ``show(id)`` displays a question's widget; ``check(id, answer)`` checks code answers.

``check`` displays the feedback (the explanation too, once it is open: see :mod:`.policy`) and
records the attempt with its raw answer, so that grading can check the answer again outside the
student's kernel.
"""

from __future__ import annotations

from typing import Any

from . import progress, registry
from .render import feedback_html
from .results import Result

_ECHO_SKIPPED: list = []
_HOOKED = False


def _display_now(obj: Any, bundle: dict) -> None:
    """Display ``bundle`` in IPython and skip ``obj``'s echo if it is also the cell's value."""
    global _HOOKED
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    display(bundle, raw=True)
    object.__setattr__(obj, "_skip_echo", True)
    _ECHO_SKIPPED.append(obj)
    if not _HOOKED:
        shell.events.register("post_run_cell", _end_of_cell)
        _HOOKED = True


def _end_of_cell(*_args) -> None:
    while _ECHO_SKIPPED:
        object.__setattr__(_ECHO_SKIPPED.pop(), "_skip_echo", False)


def _result_bundle(self: Result) -> dict:
    """The rich display of a result: text/plain is the message, text/html the feedback box."""
    return {"text/plain": self.message,
            "text/html": getattr(self, "_html", None) or feedback_html(self)}


def _result_display(self: Result) -> None:
    if getattr(self, "_skip_echo", False):
        return
    from IPython.display import display

    display(_result_bundle(self), raw=True)


Result._ipython_display_ = _result_display
Result.bundle = _result_bundle


def show(question_id: str):
    """Display the widget of a question and return it.

    Below the widget goes an invisible output that the widget fills with the answers checked in
    it, so that they are saved with the notebook and reach grading (see ``tooling.classroom.grading``).
    """
    from . import records
    from .widgets import make_widget

    widget = make_widget(registry.get(question_id))
    _display_now(widget, widget._repr_mimebundle_())
    shell = _shell()
    if widget.has_input and shell is not None:
        from IPython.display import display

        display(records.bundle(widget.question.id, widget.given), raw=True, display_id=widget.record_id)
    return widget


def _shell():
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def check(question_id: str, answer: Any) -> Result:
    """Check an answer given in code: display the feedback, record the attempt, return the result."""
    question = registry.get(question_id)
    before = progress.standing(question.id)
    result = question.check(answer)
    reveal = question.policy().explain_in_code(result.status, before.after(result.status))
    object.__setattr__(result, "_html", feedback_html(result, question.explanation if reveal else "",
                                                      rubric=getattr(question, "rubric", None) if reveal else None))
    progress.record(question.id, question.chapter, result, answer, source="code")
    _display_now(result, _result_bundle(result))
    return result
