"""Property tests: every registered question (all chapters, present and future) handles any input."""

import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natocourse import exercises


class Hostile:
    """An object whose comparisons and string conversions all raise."""

    def __eq__(self, other):
        raise RuntimeError("eq")

    def __str__(self):
        raise RuntimeError("str")

    def __repr__(self):
        raise RuntimeError("repr")

    def __len__(self):
        raise RuntimeError("len")

    def __float__(self):
        raise RuntimeError("float")

    __hash__ = None


ODD = [Hostile(), pd.DataFrame({"x": [1, 2]}), pd.DataFrame(), pd.Series([1.0, np.nan]), np.nan,
       np.array([1, 2]), np.float64("inf"), np.int64(2), Decimal("NaN"), Decimal("1e999"), object(),
       type, print, {1, 2}, frozenset(), range(3), 10**100, -(10**100), math.pi, complex(1, 1)]

leaves = (st.none() | st.just(...) | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
          | st.text(min_size=400, max_size=900) | st.binary(max_size=20) | st.decimals()
          | st.integers(0, len(ODD) - 1).map(lambda i: ODD[i]))
junk = st.recursive(leaves, lambda inner: st.lists(inner, max_size=6) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=8) | st.integers(), inner, max_size=6), max_leaves=12)


def near_valid(question):
    """Answers built from the question's own options and items (the likeliest student inputs)."""
    texts = getattr(question, "options", None) or getattr(question, "items", None) or ["2"]
    pick = st.sampled_from(texts)
    items = getattr(question, "items", texts)
    return (pick | st.lists(pick, max_size=len(texts) + 1) | st.permutations(texts)
            | st.dictionaries(st.sampled_from(items) | st.text(max_size=5), pick | st.none(), max_size=len(items))
            | st.builds(lambda t, s: f"{s}{t}{s}", pick, st.sampled_from(["", " ", "  "]))
            | st.floats(-1e6, 1e6).map(lambda x: f"{x} %"))


QUESTIONS = [q.id for q in exercises.all()]


def test_chapters_load():
    assert not exercises.discovery_errors
    assert QUESTIONS


def assert_sane(result):
    assert isinstance(result, exercises.Result)
    assert result.status in exercises.STATUSES
    assert result.correct == (result.status == "correct")
    assert isinstance(result.message, str) and result.message.strip()


@pytest.mark.parametrize("qid", QUESTIONS)
@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_input_gives_a_result(qid, data):
    question = exercises.get(qid)
    answer = data.draw(junk | near_valid(question))
    assert_sane(question.check(answer))


@pytest.mark.parametrize("qid", QUESTIONS)
def test_unanswered_forms(qid):
    for answer in (None, ..., "", "  \n"):
        assert exercises.get(qid).check(answer).status == "not_answered"


@pytest.mark.parametrize("qid", QUESTIONS)
def test_hostile_objects(qid):
    for answer in ODD + [[Hostile()], {"a": Hostile()}, (Hostile(), Hostile()), [ODD]]:
        assert_sane(exercises.get(qid).check(answer))


@pytest.mark.parametrize("qid", QUESTIONS)
def test_declaration_is_complete(qid):
    question = exercises.get(qid)
    assert exercises.ID_PATTERN.match(question.id) and question.chapter == qid.rsplit("-", 1)[0]
    assert question.prompt.strip() and question.hints and question.explanation.strip()
