"""Feedback that teaches: every distractor, and the common wrong answers, say why they are wrong."""

import re

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
    assert question.feedback, f"{question.id}: give feedback for the commonest wrong values"
    for wrong, why in question.feedback.items():
        result = question.check(float(wrong))
        assert result.status == "incorrect" and result.message.endswith(why), (question.id, wrong, result)


def _years(data):
    return data.load("members")["accession_date"].dt.year


def _budgets(data, query):
    return float(data.load("common_funding").query(query)["value"].sum())


def _us_cold_war(data):
    return data.ally_series("USA").query("1949 <= year <= 1991")


def _over_russia(data, total):
    return total / data.load("milex_sipri_usd").query("iso3 == 'RUS' and year == 2024")["usd_constant_2023_millions"].item()


def _baseline():
    from natocourse import scenarios

    return scenarios, scenarios.baseline(2024)


#: How a student gets each wrong value these data questions give feedback for: the mistake, made on
#: the course's data. Recomputed, so that new data cannot leave feedback about a number nobody gets.
MISTAKES = {
    "tour-08": {13: lambda d: (_years(d) >= 2004).sum(),                  # >= where == is meant
                26: lambda d: (_years(d) <= 2004).sum()},                 # the allies by then, not who joined
    "burden-03": {2468.1: lambda d: _budgets(d, "year == 2024 and item.str.endswith('_budget')"),  # no NSIP
                  5947.5: lambda d: _budgets(d, "item in ['civil_budget', 'military_budget', 'nsip_ceiling']")},
    "coldwar-04": {3: lambda d: _us_cold_war(d)["pct_gdp"].idxmax(),      # a row label, not the year
                   13.8601: lambda d: _us_cold_war(d)["pct_gdp"].max(),   # the share, not its year
                   1991: lambda d: _us_cold_war(d).sort_values("pct_gdp")["year"].iloc[0]},  # the smallest
    "debate-04": {22: lambda d: (d.nato_spending(2025, vintage="2026-03")["pct_gdp"] > 2.0).sum(),
                  17: lambda d: d.count_meeting(2.0, 2025, vintage="2025-08"),   # the August 2025 release
                  32: lambda d: len(d.load("members"))},                   # "every ally"
    "factcheck-03": {3.25: lambda d: _over_russia(d, d.alliance_total(2024, exclude=["USA"])),  # Canada in
                     9.69: lambda d: _over_russia(d, d.alliance_total(2024)),                    # the US in
                     0.33: lambda d: 1 / _over_russia(d, d.alliance_total(2024, exclude=["USA", "CAN"]))},
    "lab-02": {17: lambda d: _baseline()[0].summary(_baseline()[1])["allies at 2 %"],   # the 2 % count
               31: lambda d: (_baseline()[1]["pct_gdp"] >= 0.035).sum()},          # a share, not percent
    "bill-07": {-32: lambda d: -_days_to_lapse(d, "checked"),                  # subtracted the other way
                557: lambda d: _days_to_lapse(d, "introduced")},               # from the introduction
}


def _days_to_lapse(data, since):
    import pandas as pd

    record = data.load("currency").set_index("key")
    end = pd.Timestamp(record.loc["congress_119_end", "value"])
    start = (record.loc["bill_s2174", "checked"] if since == "checked"
             else pd.Timestamp(re.search(r"Introduced on (\d+ \w+ \d{4})", record.loc["bill_s2174", "value"])[1]))
    return (end - start).days


@pytest.mark.parametrize("qid", MISTAKES)
def test_wrong_values_are_the_mistakes_computed_from_the_data(qid):
    from natocourse import data
    from natocourse.engine.answers import close, format_number

    question = exercises.get(qid)
    assert set(question.feedback) == {format_number(v) for v in MISTAKES[qid]}
    for value, mistake in MISTAKES[qid].items():
        got = float(mistake(data))
        assert close(got, value, question.tolerance), f"{qid}: the mistake gives {got}, feedback is for {value}"
        assert question.check(got).message.endswith(question.feedback[format_number(value)])


def test_massie_for_the_senate_sponsor_says_whom_he_sponsors():
    result = exercises.get("bill-05").check("Massie")
    assert not result.correct and "House bill" in result.message and "H.R. 6508" in result.message


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.id)
def test_every_question_has_hints_and_an_explanation(question):
    assert question.hints and all(h.strip() for h in question.hints), f"{question.id}: no hints"
    assert question.explanation.strip(), f"{question.id}: no explanation"
