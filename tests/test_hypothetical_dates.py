"""Dates presented as hypothetical or upcoming must still lie in the future when the course is built.

The dates live in one registry (``natocourse.hypothetical.DATES``) and are marked where a page shows
them. These tests read every lesson, solution notebook, book page and question module, so a new
hypothetical date that is not marked, or a marked or registered date that must be ahead and has
passed, fails the build. A date the text is written for on both sides (``both-sides``: the end of
the 119th Congress) may pass: the tests pretend that today is a day on either side of it and hold
that the course still passes, while a passed hypothetical date an exercise depends on still fails.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from natocourse import hypothetical

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date.today()
LAPSE = dt.date.fromisoformat(hypothetical.END_OF_119TH_CONGRESS)
ENACTMENT = dt.date.fromisoformat(hypothetical.EXAMPLE_ENACTMENT)


def _texts():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted((ROOT / "solutions").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            yield f"{path.relative_to(ROOT)} cell {i}", "".join(cell["source"])
    for path in sorted((ROOT / "book").glob("*.md")) + sorted((ROOT / "src/natocourse/questions").glob("*.py")):
        yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")


TEXTS = list(_texts())


def test_the_scan_reads_the_course():
    assert len(TEXTS) > 100
    assert any("withdrawal" in text for _, text in TEXTS)


def test_the_course_has_no_date_problem_today():
    assert hypothetical.problems(TEXTS, TODAY) == []


@pytest.mark.parametrize("kind, day, what", hypothetical.registered())
def test_registered_dates_have_a_known_kind(kind, day, what):
    assert kind in hypothetical.KINDS, f"{day} ({what}) has the unknown kind {kind!r}"


def test_registered_dates_are_shown_with_a_marker():
    marked = {day for _, text in TEXTS for _, day in hypothetical.markers(text)}
    for kind, day, what in hypothetical.registered():
        assert day in marked, f"{day} ({what}) is registered but no page marks it"


def test_the_end_of_the_congress_is_written_for_both_sides():
    kinds = {kind for _, text in TEXTS for kind, day in hypothetical.markers(text) if day == LAPSE}
    assert kinds == {"both-sides"}, f"pages mark 3 January 2027 as {kinds}: write them for both sides"


@pytest.mark.parametrize("offset", [-1, 1, 30], ids=["day-before-lapse", "day-after-lapse", "month-after-lapse"])
def test_the_course_reads_right_on_both_sides_of_the_lapse(offset):
    assert LAPSE < ENACTMENT, "the example enactment must come after the bills' lapse (chapter 5 says so)"
    assert hypothetical.problems(TEXTS, LAPSE + dt.timedelta(days=offset)) == []


def test_a_passed_hypothetical_date_an_exercise_depends_on_still_fails():
    found = hypothetical.problems(TEXTS, ENACTMENT)
    assert any("no longer in the future" in p and str(ENACTMENT) in p for p in found), found
    assert any("leaving-02" in p for p in found), "the registry names the exercise that depends on the date"
    assert any("already past" in p for p in found), "the pages that mark it are named too"


def test_an_upcoming_marker_fails_once_its_date_has_passed():
    text = "The Congress ends on 3 January 2027 <!-- upcoming: 2027-01-03 -->."
    assert hypothetical.problems([("page", text)], LAPSE - dt.timedelta(days=1)) == [
        "page: 2027-01-03 is marked upcoming but registered as both-sides"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(hypothetical.DATES, "2027-01-03", ("upcoming", "the end of the Congress"))
        assert hypothetical.problems([("page", text)], LAPSE - dt.timedelta(days=1)) == []
        late = hypothetical.problems([("page", text)], LAPSE + dt.timedelta(days=1))
    assert any("page: the upcoming date 2027-01-03 is already past" in p for p in late), late


def test_a_both_sides_marker_may_pass_and_may_mark_a_hypothetical_date_as_history():
    text = ("The example moved from 1 June 2026 to 1 June 2027 <!-- both-sides: 2027-06-01 --> "
            "and the Congress ends on 3 January 2027 <!-- both-sides: 2027-01-03 -->.")
    assert hypothetical.problems([("review", text)], LAPSE + dt.timedelta(days=1)) == []
    unknown = "A hypothetical date: 1 May 2030 <!-- both-sides: 2030-05-01 -->."
    assert hypothetical.problems([("page", unknown)], TODAY) == [
        "page: both-sides date 2030-05-01 is not in natocourse.hypothetical.DATES"]


def test_the_checks_catch_a_past_date():
    text = "Suppose the Act were enacted on 1 June 2020.\n\nA real date: 4 April 1949."
    assert hypothetical.undated_mentions(text) == [("Suppose the Act were enacted on 1 June 2020.", dt.date(2020, 6, 1))]
    assert hypothetical.undated_mentions("- Carter gave notice effective 1 January 1979.\n- A hypothetical timetable.") == []
    marked = "Suppose it were enacted on 1 June 2020 <!-- hypothetical: 2020-06-01 -->."
    assert hypothetical.undated_mentions(marked) == []
    assert hypothetical.markers(marked) == [("hypothetical", dt.date(2020, 6, 1))]
    assert hypothetical.past(dt.date(2100, 1, 1)) == hypothetical.registered()
    assert hypothetical.past(dt.date(2000, 1, 1)) == []
    assert hypothetical.problems([("page", "Suppose it happened on 1 June 2020.")], TODAY) == [
        "page: 2020-06-01 is called hypothetical or upcoming without a marker ('Suppose it happened on 1 June 2020.')"]
