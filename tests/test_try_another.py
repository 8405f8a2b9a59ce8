"""Self-study: "Try another" in the JupyterLab widget (headless here) and in the book's specs.

A question with variants offers another version to practise on, outside a problem set only; the
kernel sends the next version's view (never a key), the checks judge the version shown, and a
practice version's answers are not recorded anywhere (the record stays the question's as set).
The book carries the same versions, made by Python (tests/browser/test_try_another_book.py
presses the button there; tests/browser/test_engine_parity.py compares the verdicts).
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from natocourse.engine import export, policy, progress, variants
from natocourse.engine.widgets import QuestionWidget, offers_practice
from variant_fixtures import questions


@pytest.fixture(autouse=True)
def _home(course_home):
    return course_home


@pytest.fixture(autouse=True)
def _public():
    """Each test starts and ends outside a problem set, showing the public questions."""
    policy.use(policy.Mode())
    variants.use("")
    yield
    policy.use(policy.Mode())
    variants.use("")
    variants.practise("tour-08", None)


def number():
    return questions()[0]


def view_problems(spec) -> list:
    schema = export.schema()
    check = jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/view"})
    return [e.message for e in check.iter_errors(spec)]


def test_the_widget_offers_try_another_and_goes_through_the_books_versions():
    question = number()
    w = QuestionWidget(question)
    assert w.spec["try_another"] is True and view_problems(w.spec) == []
    assert set(policy.ANOTHER_VIEW_WORDS) <= set(w.spec["words"])
    books = [question.book_spec()["prompt"]] + [s["prompt"] for s in export.book_spec(question)["variants"]]
    seen = [w.spec["prompt"]]
    for _ in range(len(books)):
        w._from_front_end(w, {"event": "another"}, [])
        seen.append(w.spec["prompt"])
        assert view_problems(w.spec) == [] and w.spec["try_another"] is True
    assert seen == books + books[:1]  # every version once, then the question as set again
    assert w.version == 0 and w.question is question


def test_a_version_is_checked_as_itself_and_its_state_starts_afresh():
    question = number()
    w = QuestionWidget(question)
    w.value = "1"
    w.check()
    w.reveal_hint()
    assert w.attempts == 1 and w.hints
    w.try_another()
    made = export.practice_variants(question)[0]
    assert w.question.prompt == w.spec["prompt"] == made.prompt != question.prompt
    assert (w.value, w.attempts, w.hints, w.hint_note, w.explanation) == (None, 0, [], "", {})
    assert w.verdict["message"] == policy.WORDS["another"] and "status" not in w.verdict
    right = made.answer
    assert not question.check(right).correct  # an answer right for this version only
    w._from_front_end(w, {"event": "check", "answer": str(right)}, [])
    assert w.verdict["status"] == "correct" and w.attempts == 1
    w.reveal_explanation()
    assert w.explanation == {"open": True, "text": made.explanation}
    w.value = str(question.answer)
    w.check()
    assert w.verdict["status"] == "incorrect"


def test_practice_answers_are_not_recorded_and_the_question_as_set_keeps_its_own():
    question = number()
    w = QuestionWidget(question)
    w.value = "1"
    w.check()
    assert len(progress.attempts()) == 1 and len(w.given) == 1
    w.try_another()
    for answer in ("2", str(w.question.answer)):
        w.value = answer
        w.check()
    assert len(progress.attempts()) == 1 and len(w.given) == 1  # nothing of the practice version
    for _ in range(len(w.versions) - 1):
        w.try_another()
    assert w.version == 0 and w.attempts == 1  # the question as set: its recorded attempt counts again
    assert w.verdict["message"] == policy.WORDS["another_back"]
    w.value = str(question.answer)
    w.check()
    assert w.verdict["status"] == "correct"
    assert [a["answer"] for a in progress.attempts()] == ["1", str(question.answer)] and len(w.given) == 2


def test_the_page_is_sent_views_only_never_a_key():
    for question in questions():
        w = QuestionWidget(question)
        for _ in range(len(w.versions)):
            state = json.dumps(w.get_state())
            shown = w.question.spec()
            for secret in ("keys", "answer"):
                for value in shown.get(secret, []) if secret == "keys" else [shown.get(secret)]:
                    if value is not None:
                        assert (str(value) not in state) if secret == "keys" else f'"answer": {value}' not in state
            assert "explanation" not in w.spec and "hints" not in w.spec and "keys" not in w.spec
            assert view_problems(w.spec) == []
            w.try_another()


@pytest.mark.parametrize("setting", ["assignment", "student"])
def test_no_try_another_in_a_problem_set_or_a_students_own_notebook(setting):
    if setting == "assignment":
        policy.use(policy.Mode(assignment="ps1"))
    else:
        variants.use("ada")
    question = number()
    assert not offers_practice(question)
    w = QuestionWidget(question)
    assert "try_another" not in w.spec and "another" not in w.spec["words"]
    prompt = w.spec["prompt"]
    w._from_front_end(w, {"event": "another"}, [])
    assert w.spec["prompt"] == prompt and w.version == 0 and w.question is question


def test_a_question_that_does_not_vary_offers_none():
    from natocourse.engine import registry

    fixed = registry.all()[0]
    assert not variants.varies(fixed) and "try_another" not in QuestionWidget(fixed).spec


def test_a_question_answered_in_code_is_checked_against_the_version_its_widget_shows():
    """A data question's widget has no input: after Try another, exercises.check judges the
    answer in code against the version on screen, without recording it; shown afresh, the widget
    and the code are back at the question as set, and answers count again."""
    from natocourse.engine import notebook, registry

    question = registry.get("tour-08")
    assert question.code_answer and variants.varies(question) and offers_practice(question)
    w = QuestionWidget(question)
    assert w.spec["try_another"] and "input" not in w.spec
    set_answer = question.spec()["answer"]
    w.try_another()
    practice = w.question
    mine = practice.spec()["answer"]
    assert practice.prompt != question.prompt and mine != set_answer and variants.practising("tour-08")
    assert notebook.check("tour-08", mine).correct
    assert not notebook.check("tour-08", set_answer).correct
    assert progress.attempts() == []  # practice: checked, never recorded
    notebook.show("tour-08")  # the cell run again: a new widget, at the question as set
    assert not variants.practising("tour-08")
    assert notebook.check("tour-08", set_answer).correct and len(progress.attempts()) == 1
    policy.use(policy.Mode("ps1"))
    variants.practise("tour-08", practice)  # in a problem set the version set is always the one judged
    assert not notebook.check("tour-08", mine).correct


def test_the_book_carries_the_same_versions_as_the_widget(tmp_path):
    for question in questions():
        spec = export.book_spec(question)
        made = export.practice_variants(question)
        assert spec["variants"] == [m.book_spec() for m in made] and made
        assert question.book_spec() not in spec["variants"]
        assert len({json.dumps(s, sort_keys=True) for s in spec["variants"]}) == len(made)
        assert [m.prompt for m in QuestionWidget(question).versions[1:]] == [m.prompt for m in made]
