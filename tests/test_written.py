"""The written answer: one class and one view, never judged, with aids that teach.

``engine/written.py`` declares ``Written``; ``engine/static/written.js`` its view. A check saves the
text (status "to_mark", "Saved. ...") and gives the word count and the evidence check
(``engine/evidence.py``, with the course's index from ``analysis/evidence.py``); the rubric and
the model answer open after a first submission. These tests hold the type, its policy, its widget
and code checks, the evidence reader, the course's four written questions (each model answer's
figures and quotations found by the check) and hostile text; the book and JupyterLab are in
``tests/browser/test_written_*.py``, grading and marking in ``tests/test_marking.py``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from natocourse.engine import Written, evidence, notebook, policy, progress, records, registry, types
from natocourse.engine.answers import SPACES
from natocourse.engine.widgets import QuestionWidget

ROOT = Path(__file__).resolve().parents[1]
WRITTEN_JS = ROOT / "src" / "natocourse" / "engine" / "static" / "written.js"
RUBRIC = [{"criterion": "Position", "points": 2, "levels": [
              {"points": 2, "descriptor": "A clear recommendation."}, {"points": 0, "descriptor": "None."}]},
          {"criterion": "Evidence", "points": 4, "levels": [
              {"points": 4, "descriptor": "Two figures with year and source."},
              {"points": 2, "descriptor": "One figure."}, {"points": 0, "descriptor": "No figure."}]}]
HOSTILE = ['<script>alert("x")</script> and <img src=x onerror=alert(1)> in a memo',
           'a quotation with markup: "<img src=x onerror=alert(1)> <script>alert(2)</script> here"',
           "**bold** _under_ [link](javascript:alert(1)) `code` # heading",
           '=HYPERLINK("http://evil.example","click") +1 -2 @SUM(A1)',
           "\u202eevil\u202c right-to-left, \u00e9t\u00e9, \u4e2d\u6587, \U0001f600 emoji and \u0301 a mark"]


@pytest.fixture(autouse=True)
def _home(course_home):
    return course_home


def memo(**changes) -> Written:
    arguments = {"word_range": (5, 40), "rubric": RUBRIC, "model_answer": "A model memo.", "register": False,
                 "guidance": "Say what you recommend."}
    return Written("debate-98", "Write a memo on H.R. 6508.", **{**arguments, **changes})


def written_questions() -> list:
    return [q for q in registry.all() if q.kind == "written"]


# ---- the type --------------------------------------------------------------------------------

def test_declaring_the_class_is_all_the_registration_there_is():
    assert types.KINDS["written"] is Written and Written.marked and Written.checker in types.CHECKERS
    question = memo()
    assert question.total == 6 and question.policy().marked
    spec = question.spec()
    assert (spec["type"], spec["word_range"], spec["guidance"]) == ("written", [5, 40], "Say what you recommend.")
    assert [(c["criterion"], c["points"], [lv["points"] for lv in c["levels"]]) for c in spec["rubric"]] == [
        ("Position", 2, [2, 0]), ("Evidence", 4, [4, 2, 0])]
    rebuilt = types.from_spec(question.spec())
    assert type(rebuilt) is Written and rebuilt.spec() == question.spec()
    assert rebuilt.model_answer == question.model_answer == question.explanation
    keyless = types.from_spec(question.public_spec(), record_only=True)
    assert "explanation" not in question.public_spec() and keyless.check("my memo").message == policy.WORDS["recorded"]


@pytest.mark.parametrize("change, why", [
    ({"word_range": (40, 5)}, "word_range"), ({"word_range": (0, 5)}, "word_range"), ({"word_range": 300}, "word_range"),
    ({"rubric": []}, "rubric"), ({"model_answer": ""}, "model answer"),
    ({"rubric": [{**RUBRIC[0], "criterion": "position"}, RUBRIC[0]]}, "name of its own"),
    ({"rubric": [{**RUBRIC[0], "levels": [{"points": 2, "descriptor": "x"}]}]}, "two levels"),
    ({"rubric": [{**RUBRIC[0], "levels": [{"points": 2, "descriptor": "x"}, {"points": 1, "descriptor": "y"}]}]},
     "down to 0"),
    ({"rubric": [{**RUBRIC[0], "points": 3}]}, "from 3"),
    ({"rubric": [{**RUBRIC[0], "levels": [{"points": 2, "descriptor": ""}, {"points": 0, "descriptor": "y"}]}]},
     "descriptor"),
])
def test_a_bad_declaration_is_refused_with_the_reason(change, why):
    with pytest.raises(ValueError, match=why):
        memo(**change)


def test_a_check_saves_and_never_judges():
    question = memo()
    result = question.check("The United States spent 3.38 % of GDP in 2024, by NATO's June 2024 release.")
    assert (result.status, result.correct, result.message) == ("to_mark", False, policy.WORDS["to_mark"])
    assert result.message.startswith("Saved") and not re.search(r"Correct|Not yet", result.message)
    assert [a["kind"] for a in result.aids] == ["words", "figure"]
    assert result.aids[0]["text"] == "14 words: within the 5\u201340 asked for."
    assert "United States, 2024: NATO, defence spending, % of GDP (release 2024-06) (3.38)" in result.aids[1]["text"]
    assert question.check("  \n ").status == "not_answered"
    assert question.policy().shown("not_answered", question.check("").message) == policy.WORDS["view_not_written"]
    assert question.check(42).message.endswith("not int")


def test_over_the_range_is_kept_and_flagged_and_over_the_cap_is_refused_saying_so():
    question = memo()
    long = " ".join(["word"] * 45)
    result = question.check(long)
    assert result.status == "to_mark" and result.aids[0] == {
        "kind": "words", "ok": False,
        "text": "45 words: 5 over the 40 asked for. The whole text is kept, and your teacher sees the count."}
    assert memo().check("two words").aids[0]["text"] == "2 words: 3 short of the 5 asked for."
    too_long = "x" * (Written.MAX_CHARACTERS + 1)
    refused = question.check(too_long)
    assert refused.status == "invalid" and f"{Written.MAX_CHARACTERS + 1} characters long" in refused.message
    assert question.policy().shown(refused.status, refused.message).startswith("Not saved: it is 20001 characters")
    assert question.check("x" * Written.MAX_CHARACTERS).status == "to_mark"
    assert question.check("broken \ud800 text").status == "invalid"


# ---- the policy: the model answer after a first submission -------------------------------------

def test_the_model_answer_opens_after_a_first_submission_in_code_and_in_the_widget():
    registry.register(memo(register=False))
    try:
        w = QuestionWidget(registry.get("debate-98"))
        w.reveal_explanation()
        assert w.explanation == {"open": False, "text": policy.say("model_answer_locked", how="press Submit")}
        first = notebook.check("debate-98", None)
        assert "Model answer" not in first._html
        result = notebook.check("debate-98", "My memo says NATO matters a great deal.")
        assert "<summary>Model answer</summary>" in result._html and "Rubric: check your answer" in result._html
        assert progress.standing("debate-98") == policy.Standing(attempts=1, wrong=0, solved=False, submitted=1)
        w.reveal_explanation()
        assert w.explanation == {"open": True, "text": "A model memo."}
    finally:
        registry.unregister("debate-98")


def test_the_policy_words_a_kept_written_answer():
    assert policy.Policy.kept(False, "to_mark") == policy.WORDS["kept_to_mark"] and policy.WORDS["kept_to_mark"].startswith("Saved")
    assert policy.Policy.kept(True) == policy.WORDS["kept_correct"] and policy.Policy.kept(False) == policy.WORDS["kept_incorrect"]


@pytest.mark.parametrize("mode", [policy.Mode("ps1", "none"), policy.Mode("ps1", "attempts", 2)])
def test_in_a_graded_mode_a_written_answer_is_saved_never_judged_never_closed_and_its_model_answer_waits(mode):
    """Issue 24's feedback modes and issue 27's written answer: in ``none`` and ``attempts`` a
    submission is still "Saved" (never "Recorded" as if judged, never Correct or Not yet), uses no
    attempt (the question never closes), and the model answer comes only with the released feedback."""
    registry.register(memo(register=False))
    try:
        policy.use(mode)
        rules = registry.get("debate-98").policy()
        assert rules.marked and rules.attempts_words() == policy.WORDS["attempts"]
        w = QuestionWidget(registry.get("debate-98"))
        for n in range(4):  # more submissions than the mode "attempts" allows checks
            w.value = f"My memo, draft {n}, says NATO matters a great deal."
            result = w.check()
            assert (result.status, w.verdict["status"]) == ("to_mark", "to_mark"), n
            assert w.verdict["message"] == policy.WORDS["to_mark"] and w.verdict["aids"]
        assert not re.search(r"Correct|Not yet|Recorded|attempts", json.dumps(w.verdict))
        w.reveal_explanation()
        assert w.explanation == {"open": False, "text": policy.WORDS["model_answer_graded"]}
        coded = notebook.check("debate-98", "My memo in code says NATO matters a great deal.")
        assert coded.status == "to_mark" and "Model answer" not in coded._html and "A model memo" not in coded._html
        kept = [a for a in progress.attempts() if a["question"] == "debate-98"]
        assert [a["status"] for a in kept] == ["to_mark"] * 5 and {a["assignment"] for a in kept} == {"ps1"}
        assert QuestionWidget(registry.get("debate-98")).verdict["message"] == policy.WORDS["kept_to_mark"]
    finally:
        policy.use(policy.Mode())
        registry.unregister("debate-98")


# ---- the widget: submit, records, progress, a second visit --------------------------------------

def test_submitting_in_the_widget_keeps_the_text_in_the_notebook_and_in_progress():
    question = memo()
    w = QuestionWidget(question)
    assert w.spec["input"] == "essay" and w.spec["word_range"] == [5, 40] and w.spec["rubric"] == RUBRIC
    assert "explanation" not in json.dumps(w.get_state(), default=str) or question.model_answer not in json.dumps(
        w.get_state(), default=str)
    assert w.spec["words"]["word_count"] == policy.WORDS["word_count"]
    text = "Vote against: in 2024 the European allies spent US$ 460 bn (SIPRI)."
    w._from_front_end(w, {"event": "check", "answer": text}, [])
    assert w.verdict["status"] == "to_mark" and w.verdict["message"].startswith("Saved")
    assert [a["kind"] for a in w.verdict["aids"]] == ["words", "figure"] and w.attempts == 1
    assert w.given[-1]["answer"] == text
    nb = {"cells": [{"cell_type": "code", "outputs": [{"output_type": "display_data",
                                                       "data": records.bundle(question.id, w.given)}]}]}
    assert records.read(nb) == {question.id: [text]}
    assert progress.attempts()[-1]["answer"] == text and progress.attempts()[-1]["status"] == "to_mark"
    again = QuestionWidget(question)  # the cell run again, or the notebook opened another day
    assert again.value == text and again.verdict["message"] == policy.WORDS["kept_to_mark"]
    assert again.verdict["aids"] == w.verdict["aids"] and again.submitted == 1


def test_an_empty_or_refused_submission_saves_nothing():
    question = memo()
    w = QuestionWidget(question)
    w._from_front_end(w, {"event": "check", "answer": "   "}, [])
    w._from_front_end(w, {"event": "check", "answer": "y" * (Written.MAX_CHARACTERS + 5)}, [])
    assert w.verdict["message"].startswith("Not saved: it is 20005 characters long") and w.given == []
    assert w.attempts == 0


# ---- code answers and hostile text ----------------------------------------------------------------

@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_saved_as_text_and_shown_escaped(text):
    question = memo()
    result = question.check(text)
    assert result.status == "to_mark"
    from natocourse.engine.render import feedback_html

    html = feedback_html(result, question.explanation, rubric=question.rubric)
    assert "<script" not in html and "<img" not in html and "onerror=alert(1)>" not in html
    w = QuestionWidget(question)
    w._from_front_end(w, {"event": "check", "answer": text}, [])
    assert w.given[-1]["answer"] == text  # kept exactly, to be shown as text


def test_quoted_hostile_text_is_reported_as_text():
    [aid] = evidence.check('He wrote "<script>alert(1)</script> and more"', evidence.current_index())
    assert aid["kind"] == "quotation" and "<script>alert(1)</script> and more" in aid["text"] and not aid["ok"]


# ---- the evidence reader ------------------------------------------------------------------------

@pytest.mark.parametrize("text, kinds", [
    ("In 2024 the allies", ["year"]),
    ("H.R. 6508 and S. 2174, Article 5, finding 14, chapter 9, section 1250A", ["skip"] * 6),
    ("nearly 1/3 of them; 4/4/1949", ["skip", "skip", "skip", "skip", "skip"]),
    ("the F-35, the 20th century, 1990-91", ["skip", "skip", "year", "skip"]),
    ("on 4 April 1949 and April 4, 1949", ["skip", "year", "skip", "year"]),
    ("3.38 %, 3.38%, 2 per cent, 1,458 bn, US$ 968 bn, $968bn, EUR 2,030 million, 29 allies, in constant 2023 dollars",
     ["figure"] * 8 + ["year"]),
])
def test_numbers_are_read_as_figures_years_or_references(text, kinds):
    assert [n["kind"] for n in evidence.read_numbers(text)] == kinds


def test_figures_keep_their_unit_currency_and_scale():
    read = [n for n in evidence.read_numbers("US$ 968 bn; EUR 2,030 million; 3.4 %; 29 allies; 1.46 trillion")
            if n["kind"] == "figure"]
    assert [(n["shown"], n["unit"], n["currency"], n["scale"], n["decimals"]) for n in read] == [
        ("US$ 968 bn", "money", "usd", 1000.0, 0), ("EUR 2,030 million", "money", "eur", 1.0, 0),
        ("3.4 %", "%", "", 1.0, 1), ("29", "count", "", 1.0, 0), ("1.46 trillion", "money", "", 1e6, 2)]


@pytest.mark.parametrize("text, quotations", [
    ('Lee said "It\'s time to leave NATO and the UN" on X.', ["It's time to leave NATO and the UN"]),
    ("Lee said 'It's time to leave NATO and the UN.' Europe's allies' spending", ["It's time to leave NATO and the UN."]),
    ("\u201ccrucial alliance\u201d and \u2018strategic patience\u2019, \u00abla d\u00e9fense europ\u00e9enne\u00bb",
     ["crucial alliance", "strategic patience", "la d\u00e9fense europ\u00e9enne"]),
    ('one "word" and "an unclosed one', []),
])
def test_quotations_are_found_in_straight_and_curly_marks_and_apostrophes_are_not_quotes(text, quotations):
    assert [q["text"] for q in evidence.read_quotations(text)] == quotations


def test_a_figure_the_sentence_names_is_matched_to_its_country_year_and_source():
    index = evidence.current_index()
    [aid] = evidence.check("Poland spent 4.07 % of GDP in 2024, in NATO's April 2025 release.", index)
    assert aid == {"kind": "figure", "ok": True, "text": "The figure 4.07 % matches Poland, 2024: NATO, defence "
                   "spending, % of GDP (release 2025-04) (4.07)."}
    [wrong] = evidence.check("The United States spent US$ 997 bn in 2024.", index)
    assert not wrong["ok"] and "matches no value in the course's data" in wrong["text"]
    [found, missing] = evidence.check('Massie: NATO is "a Cold War relic", not "a Cold War triumph".', index)
    assert found["ok"] and "the lesson of chapter 5" in found["text"] and not missing["ok"]
    [cut] = evidence.check('Finding 16: "a sufficient counterweight ... without United States engagement"', index)
    assert cut["ok"] and "finding 16" in cut["text"]
    # 2.01 % is Albania's, Canada's and Italy's share in 2025 and Poland's in 2017: the sentence decides
    for sentence, who in [("Canada spent 2.01 % of GDP in 2025.", "Canada, 2025"),
                          ("In 2025 Italy spent 2.01 % of GDP.", "Italy, 2025"),
                          ("Poland spent 2.01 % of GDP in 2017.", "Poland, 2017"),
                          ("In 2017 one ally spent 2.01 % of GDP.", "Poland, 2017"),
                          ("Estonia spent 3.38 % of GDP in 2025.", "Estonia, 2025")]:
        [aid] = evidence.check(sentence, index)
        assert aid["ok"] and f"matches {who}:" in aid["text"], (sentence, aid["text"])


def test_the_check_is_bounded_on_hostile_input():
    text = " ".join(f"{n}.5 %" for n in range(500)) + ' "a b"' * 200
    aids = evidence.check(text, evidence.current_index())
    assert len(aids) == evidence.MAX_FIGURES + evidence.MAX_QUOTATIONS


PIECES = st.one_of(st.text(alphabet=list("abcXYZ019 .,;:%$'\"“”‘’«»-/\n\t€\u00a0\ud7ff\U0001f600"), max_size=8),
                   st.sampled_from(["bn", "2024", "US$", "per cent", "3.38 %", "H.R. ", "Article ", " April ",
                                    "Poland", "the United States", "...", "\u2026", "EUR "]))


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_any_text_gets_a_list_of_aids_and_never_an_exception(text):
    question = memo()
    result = question.check(text)
    assert result.status in ("to_mark", "not_answered")
    for aid in result.aids:
        assert set(aid) == {"kind", "ok", "text"} and isinstance(aid["text"], str)


def test_the_views_word_count_has_pythons_tables():
    """written.js counts words live with its own copy of the spaces and the non-word ranges."""
    source = WRITTEN_JS.read_text(encoding="utf-8")
    spaces = json.loads(re.search(r'spaces: ("[^"]*")', source)[1])
    ranges = re.search(r"nonWord: (\[\[.*?\]\])\n", source, re.S)[1]
    ranges = json.loads(re.sub(r"0x([0-9A-F]+)", lambda m: str(int(m[1], 16)), ranges))
    assert set(spaces) == set(SPACES)
    assert [tuple(r) for r in ranges] == list(evidence.NON_WORD)


# ---- the course's written questions ---------------------------------------------------------------

def test_the_course_has_written_questions_in_four_chapters():
    chapters = {q.chapter for q in written_questions()}
    assert {"debate", "lab", "factcheck", "burden"} <= chapters, chapters


@pytest.mark.parametrize("question", written_questions(), ids=lambda q: q.id)
def test_each_model_answer_is_within_its_range_and_every_figure_and_quotation_is_found(question):
    aids = question.aids(question.model_answer)
    assert aids[0]["ok"], aids[0]["text"]
    missing = [a["text"] for a in aids[1:] if not a["ok"]]
    assert missing == [], missing
    kinds = [a["kind"] for a in aids]
    assert kinds.count("figure") >= 2, "a model answer cites at least two figures from the data"
    if question.chapter == "debate":
        assert kinds.count("quotation") >= 2, "the memo quotes each side in its own words"


def test_the_shipped_quotations_are_the_lessons():
    """analysis/quotations.json is what `python -m natocourse quotations` would write from the lessons."""
    from natocourse.tooling.authoring import quotations

    fresh, count = quotations.write(check=True)
    assert fresh, "run python -m natocourse quotations after changing a lesson's quotations"
    assert count > 50
