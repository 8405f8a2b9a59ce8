"""Headless widget behaviour: set the input, click, read the feedback HTML."""

import ipywidgets as widgets
import pytest

from natocourse import exercises, progress


@pytest.fixture(autouse=True)
def _home(course_home):
    return course_home


def widget(qid):
    return exercises.show(qid)


def test_choice_feedback_and_attempts():
    w = widget("tour-01")
    assert isinstance(w.input, widgets.RadioButtons) and w.input.description
    w.check_button.click()
    assert "Not answered yet." in w.feedback.value and w.attempt_counter.value == "Attempts: 0"
    w.input.value = "1952-02-18"
    w.check_button.click()
    assert "Not yet:" in w.feedback.value and "✘" in w.feedback.value
    assert w.attempt_counter.value == "Attempts: 1"
    w.explanation_button.click()
    assert "opens after a correct answer or 2 tries" in w.explanation.value and "1949" not in w.explanation.value
    w.check_button.click()
    w.explanation_button.click()  # after 2 wrong attempts
    assert "1949" in w.explanation.value
    w.input.value = "1949-04-04"
    w.check_button.click()
    assert "Correct." in w.feedback.value and "✔" in w.feedback.value
    assert [a["status"] for a in progress.attempts()] == ["not_answered", "incorrect", "incorrect", "correct"]


def test_explanation_enabled_when_correct():
    w = widget("tour-03")
    w.input.value = "3"
    w.check_button.click()
    assert "Correct." in w.feedback.value and not w.explanation_button.disabled


def test_hints_one_at_a_time():
    w = widget("tour-02")
    hints = exercises.get("tour-02").hints
    assert w.hints.value == ""
    w.hint_button.click()
    assert hints[0] in w.hints.value and hints[1] not in w.hints.value
    w.hint_button.click()
    assert hints[1] in w.hints.value and not w.hint_button.disabled  # focus must not fall to the page


@pytest.mark.parametrize("qid, fill", [
    ("tour-02", lambda w: [setattr(c, "value", c.description in ("Canada", "Iceland", "Portugal"))
                           for c in w.input.children]),
    ("tour-04", lambda w: setattr(w.input, "value", "1.4 %")),
    ("tour-05", lambda w: setattr(w.input, "value", "Turkey")),
    ("tour-06", lambda w: [setattr(d, "value", v) for d, v in
                           zip(w.input.children, ["Spain", "Poland", "Estonia", "Montenegro", "Finland"])]),
    ("tour-07", lambda w: [setattr(d, "value", v) for d, v in
                           zip(w.input.children, ["1955", "1982", "2009", "2020", "2024"])]),
])
def test_every_widget_input_can_be_answered(qid, fill):
    w = widget(qid)
    fill(w)
    w.check_button.click()
    assert "Correct." in w.feedback.value, w.feedback.value


def test_every_input_is_labelled():
    for q in exercises.all():
        w = widget(q.id)
        controls = [] if w.input is None else (list(w.input.children) if isinstance(w.input, widgets.Box) else [w.input])
        for control in controls + [w.hint_button, w.explanation_button, w.check_button]:
            assert control.description, (q.id, control)


def test_data_question_widget_has_no_input_but_instructions():
    w = widget("tour-08")
    assert w.input is None and 'exercises.check("tour-08", answer)' in w.prompt.value
