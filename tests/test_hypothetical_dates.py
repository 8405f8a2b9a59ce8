"""Dates presented as hypothetical or upcoming must still lie in the future when the course is built.

The dates live in one registry (``natocourse.hypothetical.DATES``) and are marked where a page shows
them. These tests read every lesson, solution notebook, book page and question module, so a new
hypothetical date that is not marked, or a marked or registered date that has passed, fails the build.
"""

import datetime as dt
import json
from pathlib import Path

import pytest

from natocourse import hypothetical

ROOT = Path(__file__).resolve().parents[1]
TODAY = dt.date.today()


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


@pytest.mark.parametrize("kind, day, what", hypothetical.registered())
def test_registered_dates_are_still_ahead(kind, day, what):
    assert kind in hypothetical.KINDS
    assert day > TODAY, (f"{day} ({what}) is presented as {kind} but is no longer in the future: choose a "
                         "later date in natocourse/hypothetical.py and in the pages that show it, or rewrite them")


def test_every_marked_date_is_registered_and_ahead():
    found = [(where, kind, day) for where, text in TEXTS for kind, day in hypothetical.markers(text)]
    assert found, "no page marks its hypothetical or upcoming dates"
    registry = {dt.date.fromisoformat(day): kind for day, (kind, _) in hypothetical.DATES.items()}
    for where, kind, day in found:
        assert registry.get(day) == kind, f"{where}: {kind} date {day} is not in natocourse.hypothetical.DATES"
        assert day > TODAY, f"{where}: the {kind} date {day} is already past"


def test_registered_dates_are_shown_with_a_marker():
    marked = {day for _, text in TEXTS for _, day in hypothetical.markers(text)}
    for kind, day, what in hypothetical.registered():
        assert day in marked, f"{day} ({what}) is registered but no page marks it"


def test_no_unmarked_hypothetical_or_upcoming_dates():
    problems = [(where, start, day) for where, text in TEXTS for start, day in hypothetical.undated_mentions(text)]
    assert not problems, ("dates next to 'hypothetical', 'illustrative', 'suppose' or 'upcoming' without a "
                          f"marker (see natocourse/hypothetical.py): {problems}")


def test_the_checks_catch_a_past_date():
    text = "Suppose the Act were enacted on 1 June 2020.\n\nA real date: 4 April 1949."
    assert hypothetical.undated_mentions(text) == [("Suppose the Act were enacted on 1 June 2020.", dt.date(2020, 6, 1))]
    assert hypothetical.undated_mentions("- Carter gave notice effective 1 January 1979.\n- A hypothetical timetable.") == []
    marked = "Suppose it were enacted on 1 June 2020 <!-- hypothetical: 2020-06-01 -->."
    assert hypothetical.undated_mentions(marked) == []
    assert hypothetical.markers(marked) == [("hypothetical", dt.date(2020, 6, 1))]
    assert hypothetical.past(dt.date(2100, 1, 1)) == hypothetical.registered()
    assert hypothetical.past(dt.date(2000, 1, 1)) == []
