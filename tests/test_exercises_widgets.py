"""Headless widget behaviour: set the answer as the front end sends it, press the buttons, read the state."""

import json
import re

import pytest

from natocourse import exercises, progress
from natocourse.engine import widgets


@pytest.fixture(autouse=True)
def _home(course_home):
    return course_home


def widget(qid):
    return exercises.show(qid)


def test_choice_feedback_and_attempts():
    w = widget("tour-01")
    assert w.spec["type"] == "choice" and w.spec["options"]
    w.check()
    assert w.verdict["status"] == "not_answered" and w.attempts == 0
    w.value = "1952-02-18"
    w.check()
    assert w.verdict["status"] == "incorrect" and w.verdict["message"].startswith("Not yet:")
    assert w.attempts == 1
    w.reveal_explanation()
    assert not w.explanation["open"] and "opens after a correct answer or 2 tries" in w.explanation["text"]
    assert "1949" not in w.explanation["text"]
    w.check()
    w.reveal_explanation()  # after 2 wrong attempts
    assert w.explanation["open"] and "1949" in w.explanation["text"]
    w.value = "1949-04-04"
    w.check()
    assert w.verdict["status"] == "correct" and w.verdict["message"].startswith("Correct.")
    assert [a["status"] for a in progress.attempts()] == ["not_answered", "incorrect", "incorrect", "correct"]


def test_a_repeated_verdict_is_still_a_change_so_it_is_announced_again():
    w = widget("tour-01")
    w.value = "1952-02-18"
    w.check()
    first = dict(w.verdict)
    w.check()
    assert w.verdict != first and w.verdict["message"] == first["message"]


def test_explanation_opens_when_correct():
    w = widget("tour-03")
    w.value = "3"
    w.check()
    w.reveal_explanation()
    assert w.verdict["status"] == "correct" and w.explanation["open"]


def test_hints_one_at_a_time_then_a_note():
    w = widget("tour-02")
    hints = exercises.get("tour-02").hints
    assert w.hints == [] and w.spec["hint_count"] == len(hints)
    w.reveal_hint()
    assert w.hints == hints[:1]
    for _ in hints:
        w.reveal_hint()
    assert w.hints == hints and w.hint_note == f"All {len(hints)} hints are shown above."


def test_the_front_end_learns_nothing_the_student_could_not_see():
    for q in exercises.all():
        sent = json.dumps(widget(q.id).get_state())
        assert "keys" not in widget(q.id).spec
        for key in getattr(q, "keys", ()):
            assert key not in sent, q.id
        if q.explanation:
            assert q.explanation not in sent, q.id


@pytest.mark.parametrize("qid, answer", [
    ("tour-01", "1949-04-04"),
    ("tour-02", ["Canada", "Iceland", "Portugal"]),
    ("tour-03", "3"),
    ("tour-04", "1.4 %"),
    ("tour-05", "Turkey"),
    ("tour-06", ["Spain", "Poland", "Estonia", "Montenegro", "Finland"]),
    ("tour-07", {"Germany": "1955", "Spain": "1982", "Croatia": "2009", "North Macedonia": "2020", "Sweden": "2024"}),
])
def test_every_widget_type_is_answered_through_the_front_end_message(qid, answer):
    """The message JupyterLab sends on Check (lab.js) is checked and recorded by the kernel."""
    w = widget(qid)
    w._from_front_end(w, {"event": "check", "answer": answer}, [])
    assert w.verdict["status"] == "correct", w.verdict
    assert progress.attempts()[-1]["source"] == "widget"


@pytest.mark.parametrize("content", [None, "check", 3, [], {}, {"event": "nope"}, {"event": ["check"]},
                                     {"event": "check", "answer": {"__class__": "x"}},
                                     {"event": "check", "answer": [[[[]]]]}, {"event": "check"}])
def test_odd_messages_from_the_page_never_raise(content):
    w = widget("tour-01")
    w._from_front_end(w, content, [])
    assert w.attempts == 0


def test_a_data_question_has_no_input_in_the_lab_and_ignores_a_check():
    w = widget("tour-08")
    assert w.spec["type"] == "data" and not w.has_input
    assert 'exercises.check("tour-08", answer)' in w.spec["instructions"]
    w._from_front_end(w, {"event": "check", "answer": "7"}, [])
    assert w.verdict == {} and progress.attempts() == []
    w.reveal_explanation()
    assert "run your exercises.check" in w.explanation["text"]


def test_the_widget_module_is_the_shared_view_then_the_lab_glue():
    module = widgets._front_end()
    assert module.index("var NatoCourseView") < module.index("export default")
    assert not re.search(r"\.(innerHTML|outerHTML)\s*=|insertAdjacentHTML", module)  # text stays text


def test_every_question_has_a_widget_and_a_static_copy_for_the_book():
    for q in exercises.all():
        bundle = widget(q.id)._repr_mimebundle_()
        assert f'data-question="{q.id}"' in bundle["text/html"]
        assert bundle["text/plain"] == f"QuestionWidget({q.id!r})"
        assert "application/vnd.jupyter.widget-view+json" in bundle


def test_a_widget_shown_again_starts_where_the_student_left_off(monkeypatch):
    """As the book does after a reload: attempts, the last answer and its verdict come back, and
    this notebook's widget answers stay in the answers output when the cell is run again."""
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/student/01-exercise-tour.ipynb")
    first = widget("tour-06")
    first.value = ["Poland", "Spain", "Estonia", "Montenegro", "Finland"]
    first.check()
    first.value = ["Spain", "Poland", "Estonia", "Montenegro", "Finland"]
    first.check()
    again = widget("tour-06")
    assert again.attempts == 2 and again.solved
    assert again.value == ["Spain", "Poland", "Estonia", "Montenegro", "Finland"]
    assert again.verdict["status"] == "correct" and "kept from before" in again.verdict["message"]
    assert [g["answer"] for g in again.given] == [g["answer"] for g in first.given]
    monkeypatch.setenv("JPY_SESSION_NAME", "/home/student/another.ipynb")
    assert widget("tour-06").given == []  # another notebook's answers are its own


@pytest.mark.parametrize("stored", [{"__dict__": [["a", {"__dict__": []}]]}, [1, [2]], True, {"x": 1}])
def test_an_earlier_answer_no_input_can_hold_is_not_restored(stored):
    progress._append([{"question": "tour-01", "chapter": "tour", "correct": False, "status": "incorrect",
                       "time": "2026-01-01T00:00:00Z", "source": "widget", "notebook": "", "answer": stored}])
    w = widget("tour-01")
    assert w.value is None and w.attempts == 1 and w.verdict == {}


def test_in_exam_mode_a_widget_keeps_the_answer_for_grading_and_says_only_that():
    """A keyless question (exam mode) gives no verdict; the answer still goes into the notebook's
    answers output, where grading reads it."""
    from natocourse.engine import export, types

    spec = export.question_specs([exercises.get("tour-01")])["tour-01"]
    keyless = types.from_spec({k: v for k, v in spec.items() if k != "keys"}, record_only=True)
    w = widgets.QuestionWidget(keyless)
    w.check()
    assert w.given == [] and w.verdict["status"] == "not_answered"
    w.value = "1952-02-18"
    w.check()
    assert w.verdict == {"status": "recorded", "message": "Recorded. Your teacher's grading will check it.", "checks": 2}
    assert [g["answer"] for g in w.given] == ["1952-02-18"] and w.attempts == 1
