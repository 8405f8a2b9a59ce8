"""In a notebook: ``show(id)`` displays a question's widget; ``check(id, answer)`` checks code answers;
``assignment(name, feedback=..., attempts=..., due=..., student=...)`` sets a problem set's feedback
mode and whose variants it shows (:mod:`.variants`).

``check`` displays the feedback in the words of the mode of the moment (the explanation too, once
it is open: see :mod:`.policy`) and records the attempt with its raw answer, so that grading can
check the answer again outside the student's kernel. In the mode ``attempts`` a check beyond the
limit, or after a right answer, is not made and says why.
"""

from __future__ import annotations

from typing import Any

import html
import json

from . import policy, progress, registry, variants
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

    variants.practise(question_id, None)  # a widget shown afresh starts at the question as set
    widget = make_widget(variants.current(registry.get(question_id)))
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
    """Check an answer given in code: display the feedback, record the attempt, return the result
    as the student is told it (in the mode ``none``: only that it was recorded)."""
    question = variants.current(registry.get(question_id))
    rules, mode = question.policy(), policy.current()
    practising = variants.practising(question.id) and not mode.assignment  # "Try another": not recorded
    before = policy.Standing() if practising else progress.standing(question.id, mode.assignment)
    closed = rules.closed(before)
    if closed:
        result = Result(False, "not_answered", closed)
        _display_now(result, _result_bundle(result))
        return result
    checked = question.check(answer)
    status, message = rules.reported(checked.status, checked.message)
    result = checked if status == checked.status else Result(False, "not_answered", message)
    reveal = rules.explain_in_code(status, before.after(status))
    object.__setattr__(result, "_html", feedback_html(result, question.explanation if reveal else "",
                                                      rubric=getattr(question, "rubric", None) if reveal else None))
    if not practising:
        progress.record(question.id, question.chapter, checked, answer, source="code",
                        status="recorded" if status == "recorded" else None, assignment=mode.assignment)
    _display_now(result, _result_bundle(result))
    return result


def mode_bundle(mode: policy.Mode) -> dict:
    """What the assignment cell displays: the mode in words, and as data for the book's engine.js."""
    words = mode.describe()
    data = html.escape(json.dumps(mode.to_json(), sort_keys=True), quote=True)
    return {"text/plain": f"Problem set {mode.assignment}: {words}",
            "text/html": f'<div class="natocourse-mode" data-natocourse-mode="{data}"><p><strong>Problem set '
                         f'{html.escape(mode.assignment)}.</strong> {html.escape(words)}</p></div>'}


def assignment(name: str, *, feedback: str = "instant", attempts: int | None = None, due: str = "",
               student: str = "") -> None:
    """Set this kernel's feedback mode for the problem set ``name`` (the first cell ``assign``
    writes) and display what it means. The display carries the mode as data into a built page
    (``data-natocourse-mode``), where the book's engine.js follows it too. ``student`` (written
    into each student's own notebook by ``assign --roster``) shows that student's variants; it
    changes what is shown, never how the notebook is graded."""
    variants.use(str(student or ""))
    bundle = mode_bundle(policy.use(policy.Mode(str(name), feedback, attempts, str(due or ""))))
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    if get_ipython() is not None:
        display(bundle, raw=True)
