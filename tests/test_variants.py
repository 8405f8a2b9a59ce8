"""The variant machinery of the engine (engine/variants.py), on throw-away questions.

A variant is a pure function of (student, assignment, question): the same in another process with
another hash seed; never the public version when there is another; shuffled options keep their
key; a bad parameter space is refused when the question is declared.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings, strategies as st

from natocourse.engine import MultipleChoice, Numeric, variants


def build(ally: str, year: int) -> Numeric:
    return Numeric("toyv-01", f"How many years from 1949 to {year}, for {ally}?", answer=year - 1949,
                   tolerance=0, register=False)


def toy():
    return variants.generated(build, default={"ally": "Norway", "year": 1999}, register=False,
                              ally=["Norway", "Canada", "Italy"], year=range(1990, 2000))


def choice():
    options = ["1949", "1952", "1955", "1982"]
    question = MultipleChoice("toyv-02", "When was the treaty signed?", options=options,
                              key=MultipleChoice.key("toyv-02", "1949")[0], register=False)
    return variants.shuffled(question)


def test_a_student_variant_is_stable_never_the_public_one_and_right_for_its_parameters():
    question = toy()
    assert variants.count(question) == 30 and variants.varies(question)
    assert variants.variant(question, "", "ps1") is question  # no student: the public question
    seen = {}
    for student in [f"s{n:02d}" for n in range(40)]:
        made = variants.variant(question, student, "ps1")
        assert made.parameters != {"ally": "Norway", "year": 1999}
        again = variants.variant(question, student, "ps1")
        assert (made.prompt, made.parameters) == (again.prompt, again.parameters)
        assert made.check(made.parameters["year"] - 1949).correct
        seen[student] = made.prompt
    assert len(set(seen.values())) > 10  # students differ
    assert variants.variant(question, "s01", "ps2").prompt != seen["s01"] or \
        variants.variant(question, "s02", "ps2").prompt != seen["s02"]  # and assignments too


def test_variants_are_the_same_in_another_process_with_another_hash_seed():
    here = {s: variants.variant(toy(), s, "midterm").parameters for s in ("ann", "ben", "cat")}
    code = ("import json, sys; sys.path.insert(0, 'tests'); import test_variants as t; "
            "from natocourse.engine import variants; "
            "print(json.dumps({s: variants.variant(t.toy(), s, 'midterm').parameters for s in ('ann', 'ben', 'cat')}))")
    for seed in ("1", "4242"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                             env={**os.environ, "PYTHONHASHSEED": seed}, cwd=os.path.dirname(os.path.dirname(__file__)))
        assert json.loads(out.stdout) == here


def test_shuffled_options_keep_the_key_and_differ_between_students():
    question = choice()
    orders = {tuple(variants.variant(question, f"s{n}", "ps1").options) for n in range(30)}
    assert len(orders) > 5 and tuple(question.options) not in orders
    assert all(sorted(order) == sorted(question.options) for order in orders)
    for student in ("s1", "s2", "s3"):
        made = variants.variant(question, student, "ps1")
        assert made.check("1949").correct and not made.check("1952").correct


def test_practice_variants_start_with_the_public_question():
    question = toy()
    assert variants.practice(question, 0) is question
    assert {variants.practice(question, n).prompt for n in range(1, 9)} - {question.prompt}


@pytest.mark.parametrize("space, default, message", [
    ({"year": []}, {"year": 1}, "has no values"),
    ({"year": [1, 1]}, {"year": 1}, "twice"),
    ({"year": [1, float("nan")]}, {"year": 1}, "finite"),
    ({"year": [1, 2]}, {"year": 3}, "must be one of its values"),
    ({"year": [1, 2]}, {"year": 1, "ally": "x"}, "not declared"),
])
def test_a_bad_parameter_space_is_refused_when_declared(space, default, message):
    with pytest.raises(ValueError, match=message):
        variants.generated(lambda **p: Numeric("toyv-03", "How many?", answer=1, register=False),
                           default=default, register=False, **space)


def test_only_choice_and_select_questions_shuffle():
    with pytest.raises(ValueError, match="only choice and select"):
        variants.shuffled(Numeric("toyv-04", "How many?", answer=1, register=False))


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=30), st.text(max_size=20))
def test_any_login_gets_a_variant_within_the_space(student, assignment):
    made = variants.variant(toy(), student, assignment)
    assert made.parameters["ally"] in ("Norway", "Canada", "Italy") and 1990 <= made.parameters["year"] < 2000
