"""Unit tests of the question types, the registry, the answer keys and the notebook API."""

import math
import re
from pathlib import Path

import pandas as pd
import pytest

import plain_answers
from natocourse import exercises, progress
from natocourse.engine import (DataQuestion, Matching, MultipleChoice, MultipleSelect, Numeric,
                                  Ordering, ShortText)

SRC = Path(exercises.__file__).resolve().parent
from natocourse.engine.render import feedback_html


def key(qid, kind, *answers):
    return exercises.key(qid, kind, *answers)


@pytest.fixture
def choice():
    return MultipleChoice("test-01", "Pick b", options=["a", "b", "c"], key=key("test-01", "choice", "b")[0],
                          register=False)


def test_results_have_honest_wording(choice):
    assert choice.check("b").message == "Correct."
    assert choice.check("a").message.startswith("Not yet: ")
    for unanswered in (None, ..., "", "   "):
        assert choice.check(unanswered) == exercises.Result(False, "not_answered", "Not answered yet.")
    assert choice.check("zzz").status == "invalid"
    assert "a; b; c" in choice.check("zzz").message


def test_choice_ignores_case_and_spaces(choice):
    assert choice.check("  B ").correct


def test_multiple_select_needs_exact_set():
    q = MultipleSelect("test-02", "p", options=["Canada", "Spain", "Iceland"],
                       key=key("test-02", "select", "Iceland", "Canada")[0], register=False)
    assert q.check(["Canada", "Iceland"]).correct
    assert q.check(("iceland", "canada")).correct
    assert q.check(["Canada"]).status == "incorrect"
    assert q.check([]).status == "not_answered"
    assert q.check([1, 2]).status == "invalid"


@pytest.mark.parametrize("answer", [2, 2.0, "2", "2.0", "2 %", "2%", " 2 percent "])
def test_numeric_accepts_forms_of_two_percent(answer):
    q = Numeric("test-03", "p", answer=2, units="%", register=False)
    assert q.check(answer).correct, q.check(answer)


def test_numeric_share_rule_only_for_percentages():
    plain = Numeric("test-04", "p", answer=2, register=False)
    percent = Numeric("test-05", "p", answer=2, units="%", register=False)
    assert plain.check(0.02).status == "incorrect"
    assert percent.check(0.02).correct and "share" in percent.check(0.02).message
    assert percent.check("0.02 %").status == "incorrect"  # a written % means a percentage


@pytest.mark.parametrize("answer, words", [
    (float("nan"), "NaN"), (math.inf, "infinite"), (10**400, "too large"), (True, "True/False"),
    ("2 or 3", "one number"), ("1,5", "point for decimals"), ("2 km", "not a unit"), (b"2", "bytes"),
    ([2], "expected a number"), (complex(2, 0), "expected a number"),
])
def test_numeric_rejects_garbage_clearly(answer, words):
    result = Numeric("test-06", "p", answer=2, units="%", register=False).check(answer)
    assert result.status == "invalid" and words in result.message


def test_numeric_tolerance_and_direction():
    q = Numeric("test-07", "p", answer=1.4, tolerance=0.05, register=False)
    assert q.check(1.43).correct and q.check("1.36").correct
    assert "too high" in q.check(1.5).message and "too low" in q.check(1.2).message


def test_short_text_folds_case_accents_and_accepts_synonyms():
    q = ShortText("test-08", "p", key=key("test-08", "text", "Türkiye", "Turkey"), register=False)
    for answer in ("Türkiye", "TURKIYE", "  turkey ", "Tu\u0308rkiye"):
        assert q.check(answer).correct, answer
    assert q.check("Greece").status == "incorrect"
    assert q.check("x" * 10_000).status == "invalid"


def test_ordering():
    q = Ordering("test-09", "p", items=["b", "c", "a"], key=key("test-09", "order", "c", "a", "b"),
                 register=False)
    assert q.items == ["a", "b", "c"]  # shown alphabetically, never in the answer's order
    assert q.check(["c", "a", "b"]).correct
    assert q.check(["a", "b", "c"]).status == "incorrect"
    assert "Misplaced: a (position 1); b (position 2); c (position 3)" in q.check(["a", "b", "c"]).message
    assert "1 of 3 items are in the right place" in q.check(["c", "b", "a"]).message
    assert "exactly once" in q.check(["a", "a", "b"]).message
    assert q.check([None, None, None]).status == "not_answered"
    assert "position 2" in q.check(["a", None, "b"]).message


def test_matching_counts_right_pairs():
    q = Matching("test-10", "p", items=["Spain", "Sweden"], options=["1982", "2024"],
                 key=key("test-10", "match", "Spain=1982", "Sweden=2024"), register=False)
    assert q.check({"Spain": "1982", "Sweden": 2024}).correct
    assert q.check([("Spain", "1982"), ("Sweden", "2024")]).correct
    assert q.check({"Spain": "2024", "Sweden": "1982"}).message == (
        "Not yet: 0 of 2 pairs are right. Not matched right yet: Spain, Sweden.")
    assert "missing: Sweden" in q.check({"Spain": "1982"}).message
    assert q.check({"Spain": None, "Sweden": None}).status == "not_answered"


@pytest.fixture
def fake_data(monkeypatch):
    import sys
    import types

    module = types.ModuleType("natocourse.data")
    frame = pd.DataFrame({"iso3": ["EST", "LVA", "FIN"], "year": [2004, 2004, 2023]})
    module.load = lambda name: frame.copy()
    monkeypatch.setitem(sys.modules, "natocourse.data", module)
    return frame


def test_data_question_scalar(fake_data):
    q = DataQuestion("test-11", "p", expected=lambda d: int((d.load("m").year == 2004).sum()), register=False)
    assert q.check(2).correct and q.check("2").correct
    assert q.check(pd.Series([2])).correct
    assert "single value" in q.check(pd.Series([1, 2, 3])).message
    assert q.check(3).status == "incorrect"


def test_data_question_frames(fake_data):
    q = DataQuestion("test-12", "p", expected=lambda d: d.load("m").set_index("iso3"), register=False)
    got = fake_data.set_index("iso3")
    assert q.check(got).correct
    assert q.check(got.iloc[::-1]).correct  # row order does not matter by default
    wrong = got.rename(columns={"year": "when"})
    assert "your table has columns ['when']; expected ['year']" in q.check(wrong).message
    assert "rows" in q.check(got.iloc[:2]).message
    changed = got.assign(year=[2004, 2005, 2023])
    assert "differ at row LVA" in q.check(changed).message
    assert "Series" in q.check(got["year"]).message


def test_data_question_series_with_tolerance(fake_data):
    q = DataQuestion("test-13", "p", expected=lambda d: d.load("m").set_index("iso3")["year"] / 3,
                     tolerance=0.01, register=False)
    expected = fake_data.set_index("iso3")["year"] / 3
    assert q.check(expected + 0.001).correct
    assert q.check(expected + 1).status == "incorrect"
    assert "index" in q.check(expected.reset_index(drop=True)).message


def test_data_question_without_data_module_is_not_an_exception():
    q = DataQuestion("test-14", "p", expected=lambda d: 1 / 0, register=False)
    result = q.check(1)
    assert result.status == "invalid" and "teacher" in result.message


def test_ids_are_validated_and_unique():
    with pytest.raises(ValueError, match="two digits"):
        Numeric("Burden-3", "p", answer=1, register=False)
    Numeric("zzztest-01", "first", answer=1)
    try:
        with pytest.raises(ValueError, match="already used"):
            Numeric("zzztest-01", "another question", answer=2)
    finally:
        exercises.unregister("zzztest-01")


def test_bad_key_is_explained():
    with pytest.raises(ValueError, match="exercises key"):
        MultipleChoice("test-15", "p", options=["a", "b"], key="b", register=False)


def test_registry_order_lookup_and_close_matches():
    ids = [q.id for q in exercises.all()]
    assert ids == sorted(ids) and "tour-01" in ids
    assert exercises.get("tour-01").chapter == "tour"
    assert [q.id for q in exercises.chapter("tour")][:2] == ["tour-01", "tour-02"]
    with pytest.raises(KeyError, match="did you mean tour-01"):
        exercises.get("tuor-01")
    assert not exercises.discovery_errors


def test_tour_has_every_type():
    kinds = {type(q) for q in exercises.chapter("tour")}
    assert kinds >= {MultipleChoice, MultipleSelect, Numeric, ShortText, Ordering, Matching, DataQuestion}


def test_every_choice_option_fits_on_one_line():
    # ipywidgets gives each radio label a fixed height: a label that wraps overlaps the next one
    # (seen in the built book), so choice options stay short enough not to wrap.
    long = [(q.id, o) for q in exercises.all() if isinstance(q, MultipleChoice) for o in q.options
            if len(o) > 90]
    assert not long, f"shorten these options (90 characters at most): {long}"


QUESTION_MODULES = sorted(p for p in (SRC.parent / "questions").glob("*.py") if p.name != "__init__.py")


def _hashed(chapter: str) -> dict:
    return {q.id: q for q in exercises.chapter(chapter) if isinstance(q, exercises.HashedQuestion)}


@pytest.mark.parametrize("path", QUESTION_MODULES, ids=lambda p: p.name)
def test_plain_answers_of_hashed_questions_are_not_in_the_source(path):
    questions = _hashed(path.stem)
    assert questions, f"{path.name} declares no hashed question"
    assert plain_answers.leaks(path.read_text(encoding="utf-8"), questions) == []


def _tour_answers() -> dict:
    """The tour's right answers, found as a student could, by trying them against the keys."""
    import itertools
    import re

    tour = _hashed("tour")
    choice, select, text, order, match = (tour[f"tour-0{n}"] for n in (1, 2, 5, 6, 7))
    return {
        "choice": next(o for o in choice.options if choice.is_right(o)),
        "choice_wrong": next(o for o in choice.options if not choice.is_right(o)),
        "select": select.right_options(),
        "select_wrong": next(o for o in select.options if o not in select.right_options()),
        "text": next(w for w in re.findall(r"\w+", text.explanation) if text.check(w).correct),
        "order": next(list(p) for p in itertools.permutations(order.items) if order.check(list(p)).correct),
        "pair": next((i, o) for i in match.items for o in match.options
                     if match.matches(match.canonical([f"{i}={o}"])[0])),
    }


def _plant(source: str, before: str, text: str) -> str:
    assert source.count(before) == 1, before
    return source.replace(before, text + before)


#: Plain answers planted in tour.py: (the question that must be found, how to plant it).
PLANTS = {
    "a comment above the declaration": ("tour-01", lambda s, a: _plant(
        s, 'MultipleChoice(\n    "tour-01"', f"# answer: {a['choice']}\n")),
    "a comment inside the declaration": ("tour-01", lambda s, a: _plant(
        s, '    key="aa67c20e', f"    # right: {a['choice']}\n")),
    "key= made from the plain answer": ("tour-01", lambda s, a: s.replace(
        'key="aa67c20ec4109bf5f6ed27d20d8bbe2025b3a71bc190827bc2b061600443688e"',
        f'key=exercises.key("tour-01", "choice", "{a["choice"]}")[0]')),
    "a constant beside the declaration": ("tour-05", lambda s, a: _plant(
        s, 'ShortText(\n    "tour-05"', f"_SPELLING = {a['text']!r}\n\n")),
    "a text key made from the plain answer": ("tour-05", lambda s, a: re.sub(
        r'key=\["23f8215f[^]]*\]', f'key=exercises.key("tour-05", "text", "{a["text"].lower()}")', s)),
    "answers filed under the id at the top": ("tour-02", lambda s, a: _plant(
        s, "MultipleChoice(\n", f"_ANSWERS = {{'tour-02': {a['select']!r}}}\n\n\n")),
    "the order in a comment": ("tour-06", lambda s, a: _plant(
        s, 'Ordering(\n    "tour-06"', f"# {' < '.join(a['order'])}\n")),
    "a pair in a comment naming the id": ("tour-07", lambda s, a: s + f"\n# tour-07: {a['pair'][0]} -> {a['pair'][1]}\n"),
}

#: Plantings that give nothing away (a wrong option, right and wrong options mixed, a wrong order).
HARMLESS = {
    "a wrong option in a comment": lambda s, a: _plant(s, 'MultipleChoice(\n    "tour-01"',
                                                       f"# not {a['choice_wrong']}\n"),
    "right and wrong options mixed": lambda s, a: _plant(s, 'MultipleSelect(\n    "tour-02"',
                                                        f"# {a['select'][0]} or {a['select_wrong']}?\n"),
    "a wrong order": lambda s, a: _plant(s, 'Ordering(\n    "tour-06"', f"# {' < '.join(a['order'][::-1])}\n"),
}


@pytest.mark.parametrize("plant", PLANTS)
def test_a_plain_answer_planted_in_the_source_is_found(plant):
    qid, planting = PLANTS[plant]
    source = planting((SRC.parent / "questions" / "tour.py").read_text(encoding="utf-8"), _tour_answers())
    found = plain_answers.leaks(source, _hashed("tour"))
    assert len(found) == 1 and f": {qid}: " in found[0], found


@pytest.mark.parametrize("plant", HARMLESS)
def test_text_that_gives_no_answer_away_is_not_reported(plant):
    source = HARMLESS[plant]((SRC.parent / "questions" / "tour.py").read_text(encoding="utf-8"), _tour_answers())
    assert plain_answers.leaks(source, _hashed("tour")) == []


def test_check_records_progress_and_returns_result(course_home):
    result = exercises.check("tour-03", "3")
    assert result.correct
    [attempt] = progress.attempts()
    assert attempt["question"] == "tour-03" and attempt["chapter"] == "tour" and attempt["status"] == "correct"
    assert attempt["time"].endswith("Z")
    assert result.bundle()["text/plain"] == "Correct."
    assert "Explanation" in result.bundle()["text/html"]  # revealed when correct


def test_check_unknown_id_is_a_clear_error(course_home):
    with pytest.raises(KeyError, match="no question with id"):
        exercises.check("nope-01", 1)


def test_feedback_html_never_colour_alone():
    for status, text in [("correct", "Correct."), ("incorrect", "Not yet: x"), ("not_answered", "Not answered yet.")]:
        html = feedback_html(exercises.Result(status == "correct", status, text))
        assert text in html and 'role="status"' in html


def test_key_command_prints_the_declared_key(capsys):
    from natocourse.tooling.cli import main

    assert main(["exercises", "key", "tour-01", "choice", "1949-04-04"]) == 0
    assert capsys.readouterr().out.strip() in exercises.get("tour-01").keys
    assert main(["exercises", "key", "tour-01", "nonsense", "x"]) == 2
    assert "kind must be one of" in capsys.readouterr().err
