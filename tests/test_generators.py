"""The course's generated questions (issue 28): every variant of every question that varies.

A generated question declares its parameters and builds its prompt, answer, hints and feedback from
the course's data (``engine.variants.generated``); a shuffled one reorders its options. Here every
such question of the bank is found (``registry.all()`` and ``variants.varies``) and held to:

- every choice of parameters builds a question whose answer is a finite number, and the answer a
  student would compute from the data, the way the solution does (:data:`SOLVE`, written here
  without the question modules' code), is judged right; a clearly wrong one, and every wrong value
  its feedback explains, are judged wrong;
- any login and assignment, and every practice variant 1-50, give a variant within the declared space;
- every choice variant has exactly one right option, every select variant its key within its options;
- the number of distinct variants is what the closing note claims (:data:`COUNTS`);
- the declared variant is the question as it was before it became a generator (:data:`DEFAULTS`).
"""

from __future__ import annotations

import itertools
import json
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from natocourse import data
from natocourse.engine import MultipleChoice, MultipleSelect, registry, variants

ALL = registry.all()
GENERATED = [q for q in ALL if variants.varies(q) and q.variants.space]
SHUFFLED = [q for q in ALL if variants.varies(q) and q.variants.shuffle]
IDS = [q.id for q in GENERATED]


def _day(title: str) -> pd.Timestamp:
    return data.load("timeline").set_index("title").loc[title, "date"]


def _first_exit(joined: int) -> int:
    in_force = _day("Treaty enters into force")
    members = data.load("members")
    accession = members.loc[members["enlargement"] == joined, "accession_date"].min()
    notice = max(in_force + pd.DateOffset(years=20), accession)
    return (notice + pd.DateOffset(years=1)).year


def _olson_r(year: int) -> float:
    from natocourse.analysis import burden

    allies = burden.size_and_share(year)
    return round(burden.fit_line(np.log10(allies["gdp_bn"]), allies["pct_gdp"]).r, 2)


def _baseline_count(year: int, threshold: float) -> int:
    from natocourse.analysis import scenarios

    return int((scenarios.baseline(year)["pct_gdp"] >= threshold).sum())


def _russia(year: int) -> float:
    usd = data.load("milex_sipri_usd")
    return float(usd.loc[(usd["iso3"] == "RUS") & (usd["year"] == year), "usd_constant_2023_millions"].iloc[0])


#: Each generated question's answer for its parameters, computed the way its solution would.
SOLVE = {
    "tour-08": lambda p: int((data.load("members")["accession_date"].dt.year == p["year"]).sum()),
    "coldwar-02": lambda p: len(data.members_on(_day(p["event"]))),
    "coldwar-04": lambda p: int(data.ally_series(p["ally"]).query("1949 <= year <= 1991")
                                .set_index("year")["pct_gdp"].idxmax()),
    "enlargement-01": lambda p: int((data.load("members")["accession_date"] > _day(p["event"])).sum()),
    "treaty-07": lambda p: _first_exit(p["joined"]),
    "leaving-04": lambda p: int((data.load("members")["accession_date"] <= _day(p["event"])).sum()),
    "factcheck-02": lambda p: int((data.nato_spending(p["year"], vintage=data.latest_vintage(p["year"]))["pct_gdp"]
                                   < 2.0).sum()),
    "factcheck-03": lambda p: round(data.alliance_total(p["year"], exclude=["USA", "CAN"]) / _russia(p["year"]), 2),
    "burden-02": lambda p: round(100 * data.share_of_total("USA", p["year"]), 1),
    "burden-03": lambda p: float(data.load("common_funding").query(
        "year == @y and item in ['civil_budget', 'military_budget', 'nsip_ceiling']", local_dict={"y": p["year"]}
    )["value"].sum()),
    "burden-04": lambda p: _olson_r(p["year"]),
    "debate-04": lambda p: data.count_meeting(p["threshold"], p["year"], vintage=data.latest_vintage(p["year"])),
    "debate-05": lambda p: round(100 * data.share_of_total(p["ally"], 2024), 1),
    "lab-02": lambda p: _baseline_count(p["year"], p["threshold"]),
}

#: How many distinct variants each question has (the table of the closing note): parameter choices
#: for a generated question, orders of its options for a shuffled one.
COUNTS = {
    "tour-08": 10, "coldwar-02": 8, "coldwar-04": 12, "enlargement-01": 9, "treaty-07": 11, "leaving-04": 5,
    "factcheck-02": 5, "factcheck-03": 11, "burden-02": 34, "burden-03": 2, "burden-04": 12, "debate-04": 20,
    "debate-05": 7, "lab-02": 9,
    "coldwar-01": 24, "enlargement-02": 24, "enlargement-06": 120, "treaty-01": 24, "treaty-08": 24,
    "leaving-01": 24, "leaving-07": 24, "burden-01": 24, "debate-01": 24, "lab-04": 24, "bill-08": 24,
}

#: The declared questions as they were before they became generators (prompt's start, answer).
DEFAULTS = {
    "tour-08": ('Using `data.load("members")`, how many allies joined NATO in 2004? ', 7),
    "coldwar-04": ("In which year from 1949 to 1991 did the United States spend the largest share", 1952),
    "treaty-07": ("Article 13: a Party may give notice once the treaty has been in force for twenty years", 1970),
    "burden-02": ("Using SIPRI's constant-dollar figures, what percentage of the allies' combined military "
                  "spending did the United States account for in 1990?", 70.7),
    "debate-04": ("In NATO's March 2026 report (vintage `2026-03`), how many of the allies listed for 2025", 29),
    "factcheck-02": ("In NATO's April 2025 release (vintage `2025-04`)", 8),
}


def every_choice(question):
    """Every choice of parameters of a generated question, as dicts."""
    names = [name for name, _ in question.variants.space]
    return [dict(zip(names, values)) for values in itertools.product(*(v for _, v in question.variants.space))]


def wrong(answer: float) -> float:
    """A value no tolerance of the course's questions accepts for ``answer``."""
    return answer + 10 + abs(answer)


def assert_sound(made, parameters):
    """A built variant: its parameters, a finite answer, its own answer right, wrong values wrong."""
    assert made.id and made.parameters == parameters
    spec = made.spec()
    json.dumps(spec)
    answer = spec["answer"]
    assert isinstance(answer, float) and math.isfinite(answer)
    solved = SOLVE[made.id](parameters)
    assert made.check(solved).correct, (made.id, parameters, solved, made.check(solved))
    assert made.check(wrong(answer)).status == "incorrect"
    for value, why in made.feedback.items():
        verdict = made.check(float(value))
        assert verdict.status == "incorrect" and why in verdict.message, (made.id, parameters, value, verdict)
    assert made.prompt.strip() and made.hints and made.explanation.strip()


def test_the_course_has_the_generators_the_issue_asks_for():
    assert set(SOLVE) == set(IDS), "every generated question has a solution here, and only those"
    assert len(IDS) >= 12 and len({q.chapter for q in GENERATED}) >= 6
    assert len(SHUFFLED) >= 4
    assert {q.id: variants.count(q) for q in ALL if variants.varies(q)} == COUNTS
    assert all(count >= 2 for count in COUNTS.values())


@pytest.mark.parametrize("qid", IDS)
def test_every_choice_of_parameters_builds_a_sound_variant(qid):
    question = registry.get(qid)
    prompts = set()
    for parameters in every_choice(question):
        made = question.variants.build(**parameters)
        made.parameters = parameters
        assert_sound(made, parameters)
        prompts.add(made.prompt)
    assert len(prompts) == question.variants.combinations() == COUNTS[qid]


@pytest.mark.parametrize("qid", IDS)
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(student=st.text(min_size=1, max_size=30), assignment=st.text(max_size=20))
def test_any_student_gets_a_sound_variant_within_the_space(qid, student, assignment):
    question = registry.get(qid)
    made = variants.variant(question, student, assignment)
    space = dict(question.variants.space)
    assert set(made.parameters) == set(space)
    assert all(made.parameters[name] in values for name, values in space.items())
    assert made.parameters != dict(question.variants.default)  # never the published question
    assert_sound(made, made.parameters)


@pytest.mark.parametrize("qid", IDS)
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
@given(n=st.integers(1, 50))
def test_every_practice_variant_is_sound(qid, n):
    made = variants.practice(registry.get(qid), n)
    assert_sound(made, made.parameters)


@pytest.mark.parametrize("qid", [q.id for q in SHUFFLED])
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(student=st.text(min_size=1, max_size=30), n=st.integers(1, 50))
def test_shuffled_options_keep_exactly_their_key(qid, student, n):
    question = registry.get(qid)
    for made in (variants.variant(question, student, "ps1"), variants.practice(question, n)):
        assert sorted(made.options) == sorted(question.options)
        if isinstance(made, MultipleChoice):
            right = [o for o in question.options if question.is_right(o)]
            assert [o for o in made.options if made.is_right(o)] == right
            assert sum(made.is_right(o) for o in made.options) == 1
        else:
            assert isinstance(made, MultipleSelect)
            right = made.right_options()
            assert right and set(right) <= set(made.options) and made.check(right).correct
            assert set(right) == set(question.right_options())
        assert made.feedback == question.feedback and made.prompt == question.prompt


@pytest.mark.parametrize("qid", sorted(DEFAULTS))
def test_the_declared_variant_is_the_question_as_it_was(qid):
    question = registry.get(qid)
    start, answer = DEFAULTS[qid]
    assert question.prompt.startswith(start)
    assert question.spec()["answer"] == answer
    assert question.parameters == dict(question.variants.default)
    assert variants.practice(question, 0) is question and variants.variant(question, "", "ps1") is question


def test_the_spaces_are_the_data():
    from natocourse.questions import coldwar, enlargement, leaving, tour, treaty

    members = data.load("members")
    years = sorted(set(members["accession_date"].dt.year))
    assert list(tour.ACCESSION_YEARS) == years[1:]
    assert list(treaty.ROUNDS) == sorted(set(members["enlargement"]))
    timeline = data.load("timeline").set_index("title")
    for title in coldwar.COLD_WAR_EVENTS + enlargement.AFTER_COLD_WAR_EVENTS + leaving.US_EVENTS:
        assert timeline.loc[title, "date_precision"] == "day", title
    assert all(timeline.loc[t, "date"].year <= 1991 for t in coldwar.COLD_WAR_EVENTS)
    assert all(timeline.loc[t, "category"] == "us_politics" for t in leaving.US_EVENTS)
