"""Feedback that teaches: every distractor, and the common wrong answers, say why they are wrong."""

import pytest

from natocourse import exercises

QUESTIONS = exercises.all()


def _distractors(question):
    if question.kind == "choice":
        return [o for o in question.options if not question.is_right(o)]
    right = question.right_options()
    assert right, f"{question.id}: no subset of the options matches the key"
    return [o for o in question.options if o not in right]


OPTION_QUESTIONS = [q for q in QUESTIONS if q.kind in ("choice", "select")]


@pytest.mark.parametrize("question", OPTION_QUESTIONS, ids=lambda q: q.id)
def test_every_distractor_has_its_own_feedback(question):
    distractors = _distractors(question)
    assert distractors, f"{question.id} has no wrong option"
    missing = [o for o in distractors if not question.feedback.get(o, "").strip()]
    assert not missing, f"{question.id}: distractors without feedback: {missing}"
    # Feedback is only for wrong options: a right option with feedback would never show it.
    right = [o for o in question.options if o not in distractors]
    assert not [o for o in right if o in question.feedback], f"{question.id}: feedback on a right option"


@pytest.mark.parametrize("question", OPTION_QUESTIONS, ids=lambda q: q.id)
def test_choosing_a_distractor_shows_its_feedback(question):
    for option in _distractors(question):
        answer = option if question.kind == "choice" else [option]
        result = question.check(answer)
        assert result.status == "incorrect", (question.id, option, result)
        assert question.feedback[option] in result.message, (question.id, option, result.message)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == "select"], ids=lambda q: q.id)
def test_select_with_right_options_plus_a_distractor_names_the_distractor(question):
    right = question.right_options()
    for option in _distractors(question):
        result = question.check(right + [option])
        assert not result.correct and question.feedback[option] in result.message


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind in ("text", "number")],
                         ids=lambda q: q.id)
def test_text_and_number_questions_answer_their_common_wrong_answers(question):
    assert question.feedback, f"{question.id}: give feedback for the commonest wrong answers"
    for wrong, why in question.feedback.items():
        answer = float(wrong) if question.kind == "number" else wrong
        result = question.check(answer)
        assert result.status == "incorrect", (question.id, wrong, result)
        assert result.message.endswith(why), (question.id, wrong, result.message)


@pytest.mark.parametrize("question", [q for q in QUESTIONS if q.kind == "data"], ids=lambda q: q.id)
def test_data_feedback_values_are_wrong_and_reach_the_student(question):
    for wrong, why in question.feedback.items():
        result = question.check(float(wrong))
        assert result.status == "incorrect" and result.message.endswith(why), (question.id, wrong, result)


def test_massie_for_the_senate_sponsor_says_whom_he_sponsors():
    result = exercises.get("bill-05").check("Massie")
    assert not result.correct and "House bill" in result.message and "H.R. 6508" in result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_question_has_hints_and_an_explanation(question):
    assert question.hints and all(h.strip() for h in question.hints), f"{question.id}: no hints"
    assert question.explanation.strip(), f"{question.id}: no explanation"
