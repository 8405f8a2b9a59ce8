"""One policy for when hints and the explanation open, and one owner of the words around a verdict.

Code checks and the widget follow ``engine/policy.py`` over the same recorded attempts (the book's
copy of the rule is held to it by tests/browser/test_engine_parity.py). No front end holds a copy
of the words: the JavaScript gets them from ``engine-data.js``.
"""

from __future__ import annotations

import re

import pytest

from natocourse.engine import export, notebook, policy, progress, registry
from natocourse.engine.widgets import QuestionWidget

STATIC = export.STATIC


@pytest.fixture(autouse=True)
def _home(course_home):
    yield course_home
    policy.use(policy.Mode())  # every test leaves the kernel in practice mode


def explained(result) -> bool:
    return "<summary>Explanation</summary>" in result._html


def test_the_policy_is_parameterised_and_refuses_what_it_does_not_know():
    assert policy.Policy(reveal_after=3).explanation_note().startswith(
        "The explanation opens after a correct answer or 3 tries")
    with pytest.raises(ValueError, match="feedback must be one of instant, none, attempts"):
        policy.Policy(feedback="practice")
    with pytest.raises(ValueError, match="attempts must be a whole number from 1 to 20"):
        policy.Policy(feedback="attempts")
    with pytest.raises(ValueError, match="goes with feedback='attempts'"):
        policy.Policy(feedback="none", attempts=3)
    with pytest.raises(ValueError, match="reveal_after"):
        policy.Policy(reveal_after=0)
    with pytest.raises(ValueError, match="from 1 to 20"):
        policy.Mode("ps1", "attempts", 0)


def test_what_each_mode_decides():
    instant, none, three = policy.Policy(), policy.Policy(feedback="none"), policy.Policy(feedback="attempts", attempts=3)
    right, wrong = policy.Standing(1, 0, True), policy.Standing(3, 3, False)
    assert instant.explanation_open(right) and instant.explanation_open(wrong)
    assert not none.explanation_open(right) and not three.explanation_open(wrong)  # graded: never in the notebook
    assert none.explanation_note() == three.explanation_note() == policy.WORDS["explanation_graded"]
    assert instant.reported("correct", "Correct.") == ("correct", "Correct.")
    assert none.reported("incorrect", "Not yet: no.") == ("recorded", policy.WORDS["recorded"])
    assert none.reported("invalid", "Cannot check this answer: x") == ("invalid", "Cannot check this answer: x")
    assert three.reported("incorrect", "Not yet: no.") == ("incorrect", "Not yet: no.")
    assert instant.closed(wrong) == none.closed(wrong) == ""
    assert three.closed(policy.Standing(2, 2, False)) == ""
    assert three.closed(wrong) == policy.say("attempts_used", max=3)
    assert three.closed(right) == policy.WORDS["already_right"]
    assert three.attempts_words() == "Attempts: {n} of 3" and none.attempts_words() == policy.WORDS["attempts"]
    assert policy.standing([{"status": "recorded"}, {"status": "invalid"}]) == policy.Standing(1, 0, False)
    assert "3 checked answers" in policy.Mode("ps1", "attempts", 3).describe()


def _assignment(feedback="instant", attempts=None):
    notebook.assignment("ps1", feedback=feedback, attempts=attempts, due="2027-03-15")


def test_feedback_none_in_code_and_widget_records_without_a_verdict():
    _assignment("none")
    result = notebook.check("tour-01", "1949-04-04")  # right, but nobody says so
    assert result.message == policy.WORDS["recorded"] and not explained(result)
    assert notebook.check("tour-01", ["not", "an option"]).status == "invalid"  # cannot check: says why
    w = QuestionWidget(registry.get("tour-02"))
    w.value = ["Canada", "Iceland", "Portugal"]
    w.check()
    assert w.verdict["status"] == "recorded" and w.verdict["message"] == policy.WORDS["recorded"]
    assert w.given[-1]["answer"] == ["Canada", "Iceland", "Portugal"]  # kept for grading
    w.reveal_explanation()
    assert not w.explanation["open"] and w.explanation["text"] == policy.WORDS["explanation_graded"]
    saved = [(a["question"], a["status"], a["correct"], a.get("assignment")) for a in progress.attempts()]
    assert saved == [("tour-01", "recorded", False, "ps1"), ("tour-01", "invalid", False, "ps1"),
                     ("tour-02", "recorded", False, "ps1")]  # the progress file holds no verdict either


def test_limited_attempts_in_code_and_widget():
    notebook.check("tour-01", "1952-02-18")  # practice, before the problem set: uses none of its attempts
    _assignment("attempts", 2)
    w = QuestionWidget(registry.get("tour-01"))
    assert w.spec["words"]["attempts"] == "Attempts: {n} of 2"
    w.value = "1955-05-06"
    w.check()
    assert w.verdict["status"] == "incorrect"  # verdicts are instant
    assert notebook.check("tour-01", "1999-03-12").status == "incorrect"  # the second attempt, in code
    w.value = "1949-04-04"
    w.check()  # a third: not made
    assert w.verdict == {"status": "closed", "checks": 2, "message": policy.say("attempts_used", max=2)}
    assert notebook.check("tour-01", "1949-04-04").message == policy.say("attempts_used", max=2)
    w.reveal_explanation()
    assert not w.explanation["open"]
    assert [a["answer"] for a in w.given] == ["1955-05-06"]  # only checked answers are kept
    assert notebook.check("tour-03", 3).status == "correct"
    assert notebook.check("tour-03", 4).message == policy.WORDS["already_right"]  # a right answer closes it
    counted = [(a["question"], a["status"]) for a in progress.attempts() if a.get("assignment") == "ps1"]
    assert counted == [("tour-01", "incorrect"), ("tour-01", "incorrect"), ("tour-03", "correct")]


def test_the_assignment_cell_shows_its_mode_as_data_for_the_book(monkeypatch):
    import IPython
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    monkeypatch.setattr(IPython.display, "display", lambda data, raw=False: shown.append(data))
    notebook.assignment("ps1", feedback="attempts", attempts=3, due="2027-03-15")
    markup = shown[0]["text/html"]
    assert shown[0]["text/plain"].startswith("Problem set ps1: Each check says at once")
    assert 'data-natocourse-mode="{&quot;assignment&quot;: &quot;ps1&quot;, &quot;attempts&quot;: 3' in markup
    assert policy.current() == policy.Mode("ps1", "attempts", 3, "2027-03-15")
    with pytest.raises(ValueError, match="feedback must be one of"):
        notebook.assignment("ps1", feedback="quiz")


def test_code_checks_and_the_widget_count_the_same_attempts():
    question = registry.get("tour-01")
    assert not explained(notebook.check("tour-01", "1952-02-18"))  # one wrong answer: still locked
    w = QuestionWidget(question)
    w.reveal_explanation()
    assert not w.explanation["open"] and w.explanation["text"] == question.policy().explanation_note()
    w.value = "1955-05-06"
    w.check()  # the second wrong answer, in the widget
    w.reveal_explanation()
    assert w.explanation["open"]
    assert explained(notebook.check("tour-01", "1999-03-12"))  # the code check counts the widget's too
    assert not explained(notebook.check("tour-01", None))  # never under an answer that was not checked
    assert not explained(notebook.check("tour-01", ["not", "an option"]))
    assert progress.standing("tour-01") == policy.Standing(attempts=3, wrong=3, solved=False)


def test_a_right_answer_opens_the_explanation_everywhere():
    assert explained(notebook.check("tour-03", 3))
    w = QuestionWidget(registry.get("tour-03"))
    w.reveal_explanation()
    assert w.explanation["open"] and w.verdict == {}  # a code answer is not shown again in the widget
    assert explained(notebook.check("tour-03", 4))  # a wrong answer after a right one still shows it


def test_hints_come_one_at_a_time_then_a_note_in_the_policys_words():
    assert policy.Policy().next_hint(0, 2) == (1, "")
    assert policy.Policy().next_hint(2, 2) == (2, "All 2 hints are shown above.")
    assert policy.Policy().next_hint(0, 0) == (0, policy.WORDS["no_hints"])


def test_the_view_shows_verdicts_in_the_policys_words():
    w = QuestionWidget(registry.get("tour-03"))
    w.check()
    assert w.verdict["message"] == policy.WORDS["view_not_answered"]
    w.value = "three"
    w.check()
    assert w.verdict["message"].startswith("Not yet checkable: could not read 'three'")
    assert w.spec["words"] == {"attempts": policy.WORDS["attempts"]}


def fragments(template: str) -> list[str]:
    """The literal pieces of a template long enough to be recognised elsewhere."""
    return [piece.strip() for piece in re.split(r"\{\w+\}", template) if len(piece.strip()) >= 8]


@pytest.mark.parametrize("name", ["engine.js", "view.js", "lab.js"])
def test_the_javascript_holds_no_copy_of_the_words(name):
    source = (STATIC / name).read_text(encoding="utf-8")
    copies = [f for template in policy.WORDS.values() for f in fragments(template) if f in source]
    assert copies == []


def test_the_word_check_finds_a_copy():
    assert fragments(policy.WORDS["attempts"]) == ["Attempts:"]
    old_copy = 'else note = total ? "All " + total + " hints are shown above." : "This question has no hints.";'
    assert [f for t in policy.WORDS.values() for f in fragments(t) if f in old_copy] == [
        "hints are shown above.", "This question has no hints."]
