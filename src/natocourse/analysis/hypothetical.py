"""Dates the course presents as hypothetical or upcoming, kept in one place and checked.

A date a lesson presents as *hypothetical* ("suppose the Act were enacted on 1 June 2027") or
*upcoming* ("the Congress will end on ...") stops making sense once it has passed. Every such date
is registered in :data:`DATES`, and the page that shows it carries a marker next to it:

- Markdown (lesson cells, book pages): ``<!-- hypothetical: 2027-06-01 -->`` or
  ``<!-- upcoming: 2027-01-03 -->`` (an HTML comment: invisible in JupyterLab and in the book);
- Python (question modules): a comment ``# hypothetical: 2027-06-01``.

A third kind, ``both-sides``, marks a date the text is written to read true before *and* after
("the 119th Congress, which ends on 3 January 2027; a bill not passed by then dies"). Such a date
may pass without turning the suite red; ``python -m natocourse currency`` lists it so that someone
re-reads the pages once it has. Hypothetical and upcoming dates (:data:`MUST_BE_AHEAD`) must stay
in the future, in particular a date an exercise's answer is computed from (leaving-02).

:func:`markers` finds the markers in a text, :func:`undated_mentions` finds dates written next to
the words "hypothetical", "illustrative", "suppose" or "upcoming" without a marker, and
:func:`problems` puts every check together for a given day, so that
``tests/test_hypothetical_dates.py`` fails the build when a date that must be ahead has passed, and
can pretend that today is another day to show that the course reads right on both sides of one.
"""

from __future__ import annotations

import datetime as dt
import re

#: The hypothetical enactment date the course uses for the NATO Act's timetable (chapter 5,
#: question leaving-02 and the withdrawal calculator's default). Not a prediction.
EXAMPLE_ENACTMENT = "2027-06-01"
#: The end of the 119th Congress (noon, 3 January 2027): bills not passed by then lapse. The
#: lessons are written to read true on both sides of it (also in data/currency.csv).
END_OF_119TH_CONGRESS = "2027-01-03"

#: Every registered date: ISO date -> (kind, what it is).
DATES = {
    EXAMPLE_ENACTMENT: ("hypothetical", "illustrative enactment date of the NATO Act (chapter 5, leaving-02)"),
    END_OF_119TH_CONGRESS: ("both-sides", "end of the 119th Congress, when H.R. 6508 and S. 2174 lapse unless "
                                          "passed; chapters 5 and 6 read true before and after it"),
}

KINDS = ("hypothetical", "upcoming", "both-sides")
#: The kinds whose dates must still lie in the future.
MUST_BE_AHEAD = ("hypothetical", "upcoming")
_MARKER = re.compile(r"(?:<!--|#)\s*(hypothetical|upcoming|both-sides):\s*(\d{4}-\d{2}-\d{2})\s*(?:-->)?")
_MONTHS = ("January February March April May June July August September October November December").split()
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r") (\d{4})\b")
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WORDS = re.compile(r"hypothetical|illustrative|suppose|upcoming", re.IGNORECASE)


def markers(text: str) -> list[tuple[str, dt.date]]:
    """The ``(kind, date)`` of every marker in ``text``."""
    return [(kind, dt.date.fromisoformat(day)) for kind, day in _MARKER.findall(text)]


def dates_in(text: str) -> list[dt.date]:
    """Every date written as ``2027-06-01`` or ``1 June 2027`` in ``text``."""
    found = [dt.date(int(y), int(m), int(d)) for y, m, d in _ISO.findall(text)]
    found += [dt.date(int(y), _MONTHS.index(m) + 1, int(d)) for d, m, y in _DAY_MONTH_YEAR.findall(text)]
    return found


def undated_mentions(text: str) -> list[tuple[str, dt.date]]:
    """Dates in a sentence that calls something hypothetical/upcoming, without a marker for them.

    Returns ``(sentence start, date)`` pairs. A marker anywhere in the same paragraph covers the
    date (a Python comment sits on its own line, next to the string it marks).
    """
    problems = []
    for paragraph in re.split(r"\n\s*\n", text):
        marked = {day for _, day in markers(paragraph)}
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*[-*] ", _MARKER.sub("", paragraph)):
            if not _WORDS.search(sentence):
                continue
            for day in dates_in(sentence):
                if day not in marked:
                    problems.append((sentence.strip()[:80], day))
    return problems


def registered() -> list[tuple[str, dt.date, str]]:
    """The registry as ``(kind, date, description)`` rows."""
    return [(kind, dt.date.fromisoformat(day), what) for day, (kind, what) in DATES.items()]


def past(today: dt.date | None = None) -> list[tuple[str, dt.date, str]]:
    """Registered dates that are not after ``today`` (default: the real today)."""
    today = today or dt.date.today()
    return [row for row in registered() if row[1] <= today]


def problems(texts: list[tuple[str, str]], today: dt.date | None = None) -> list[str]:
    """Everything wrong with the course's dates on ``today``, given ``(where, text)`` pairs.

    - a registered hypothetical or upcoming date that is no longer ahead;
    - a marker for a date that is not registered, or whose kind differs from the registered one (a
      ``both-sides`` marker may mark any registered date: a review page may record a hypothetical
      date as history);
    - a hypothetical or upcoming marker whose date is no longer ahead;
    - a date called hypothetical, illustrative, supposed or upcoming without a marker.
    """
    today = today or dt.date.today()
    found = []
    for kind, day, what in registered():
        if kind in MUST_BE_AHEAD and day <= today:
            found.append(f"{day} ({what}) is presented as {kind} but is no longer in the future on {today}: "
                         "choose a later date in natocourse/hypothetical.py and in the pages that show it, "
                         "or rewrite the pages so that they read true on both sides of it (both-sides)")
    registry = {dt.date.fromisoformat(day): kind for day, (kind, _) in DATES.items()}
    for where, text in texts:
        for kind, day in markers(text):
            if day not in registry:
                found.append(f"{where}: {kind} date {day} is not in natocourse.hypothetical.DATES")
            elif kind != registry[day] and kind != "both-sides":
                found.append(f"{where}: {day} is marked {kind} but registered as {registry[day]}")
            elif kind in MUST_BE_AHEAD and day <= today:
                found.append(f"{where}: the {kind} date {day} is already past on {today}")
        found += [f"{where}: {day} is called hypothetical or upcoming without a marker ({start!r})"
                  for start, day in undated_mentions(text)]
    return found
