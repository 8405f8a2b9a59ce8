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
    return course_home


def explained(result) -> bool:
    return "<summary>Explanation</summary>" in result._html


def test_the_policy_is_parameterised_and_refuses_what_it_does_not_know():
    assert policy.Policy(reveal_after=3).explanation_note().startswith(
        "The explanation opens after a correct answer or 3 tries")
    with pytest.raises(ValueError, match="feedback must be one of instant"):
        policy.Policy(feedback="none")
    with pytest.raises(ValueError, match="reveal_after"):
        policy.Policy(reveal_after=0)


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
