"""What changes with time: the course's dated record of its time-sensitive facts.

The bills' status, the end of the 119th Congress, the newest data releases and the last statements
checked live in one place, ``data/currency.csv``, each with the date it was last checked and the
date by which it must be checked again. Lessons show rows of it (:func:`rows`), exercises compute
answers from it (:func:`value`, :func:`checked`), and ``python -m natocourse currency`` lists what
is due (:func:`due`, :func:`listing`).

>>> value("congress_119_end")
'2027-01-03'
>>> checked("bill_s2174").isoformat() <= date_of("facts_checked").isoformat()
True
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from .. import data
from . import hypothetical

#: How many days ahead :func:`listing` warns that a re-check is coming.
SOON_DAYS = 31


def record() -> pd.DataFrame:
    """The whole record, one row per fact, in the order of ``data/currency.csv``."""
    return data.load("currency")


def _row(key: str) -> pd.Series:
    table = record().set_index("key")
    if key not in table.index:
        raise data.DataError(f"data/currency.csv has no row {key!r}; the keys are: {', '.join(table.index)}")
    return table.loc[key]


def value(key: str) -> str:
    """The current value of one fact, as written in the record."""
    return str(_row(key)["value"])


def date_of(key: str) -> dt.date:
    """The value of a fact that is a date (e.g. ``congress_119_end``), as a date."""
    text = value(key)
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise data.DataError(f"data/currency.csv: the value of {key!r} is {text!r}, not a date "
                             "written YYYY-MM-DD") from None


def checked(key: str) -> dt.date:
    """When the course last checked one fact."""
    return _row(key)["checked"].date()


def rows(*topics: str) -> pd.DataFrame:
    """The facts of the given topics (all of them if none is given), for a lesson to show."""
    table = record()
    if topics:
        table = table[table["topic"].isin(topics)]
    return table.reset_index(drop=True)


def due(today: dt.date | None = None) -> pd.DataFrame:
    """The facts whose re-check date is not after ``today`` (default: the real today)."""
    today = today or dt.date.today()
    table = record()
    return table[table["recheck_by"].dt.date <= today].reset_index(drop=True)


def _status(recheck: dt.date, today: dt.date) -> str:
    if recheck <= today:
        return "DUE"
    if (recheck - today).days <= SOON_DAYS:
        return "soon"
    return "ok"


def listing(today: dt.date | None = None) -> list[str]:
    """Lines for the command line: every fact with its last check and re-check date, most urgent first,
    then the dates the lessons present as hypothetical, upcoming or written for both sides."""
    today = today or dt.date.today()
    table = record().sort_values(["recheck_by", "key"])
    lines = [f"Time-sensitive facts (data/currency.csv), as of {today.isoformat()}:",
             f"{'status':6}  {'re-check by':11}  {'checked':10}  {'key':24}  item"]
    for row in table.itertuples():
        recheck = row.recheck_by.date()
        lines.append(f"{_status(recheck, today):6}  {recheck.isoformat():11}  {row.checked.date().isoformat():10}  "
                     f"{row.key:24}  {row.item}")
    lines += ["", "Dates the lessons present as hypothetical, upcoming or written for both sides "
                  "(natocourse.hypothetical):"]
    for kind, day, what in sorted(hypothetical.registered(), key=lambda r: r[1]):
        if kind in hypothetical.MUST_BE_AHEAD:
            state = "PASSED: rewrite the pages" if day <= today else f"{(day - today).days} days ahead"
        else:
            state = "passed: re-read the pages once" if day <= today else f"{(day - today).days} days ahead"
        lines.append(f"{day.isoformat()}  {kind:12}  {state:32}  {what}")
    overdue = len(due(today))
    lines += ["", f"{overdue} fact(s) due for re-checking." if overdue else "Nothing is due for re-checking."]
    return lines
