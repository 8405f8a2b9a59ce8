"""What one NATO release says about a year, including what the course's copy of it leaves out.

The course's copy of a release can lack an ally for two reasons: the release itself does not list it
(Iceland, which has no armed forces, is never listed), or the press report the figures were read from
left it out or printed a value without a name. The April 2025 release (2024 figures) is an example of
the second: the report lists one value, 1.86 %, without naming the ally, and the course records it
only in the ``notes`` of that release's rows. A count that silently drops such an entry is wrong, so:

- :func:`unnamed_entries` reads those values from the notes;
- :func:`missing_allies` names the allies that were members but are not in the course's copy;
- :func:`count_below` counts allies below a threshold with and without the unnamed entries;
- :func:`threshold_table` is :func:`natocourse.blocs.allies_at_threshold` with those columns added.
"""

from __future__ import annotations

import re

import pandas as pd

from .. import data
from . import blocs

_UNNAMED = re.compile(r'unnamed entry "\((\d+(?:\.\d+)?)\)"')


def _vintage(year: int, vintage: str | None) -> str:
    return vintage or data.latest_vintage(year)


def unnamed_entries(year: int, vintage: str | None = None) -> list[float]:
    """Values (% of GDP) the release prints for ``year`` without naming the ally, from the notes."""
    vintage = _vintage(year, vintage)
    table = data.load("defence_expenditure")
    notes = table.loc[(table["year"] == year) & (table["vintage"] == vintage), "notes"].dropna().unique()
    values = {float(v) for note in notes for v in _UNNAMED.findall(str(note))}
    return sorted(values)


def missing_allies(year: int, vintage: str | None = None) -> list[str]:
    """Names of the allies (members on 31 December of ``year``) absent from the course's copy."""
    listed = set(data.nato_spending(year, vintage=_vintage(year, vintage))["iso3"])
    members = data.members_on(f"{year}-12-31")
    return sorted(data.country_name(code) for code in members["iso3"] if code not in listed)


def count_below(threshold_pct: float, year: int, vintage: str | None = None) -> dict:
    """Allies below ``threshold_pct``: named ones, unnamed entries, and both together.

    Keys: ``vintage``, ``listed`` (named allies), ``named_below``, ``unnamed_below``, ``in_release``
    (named + unnamed), ``below`` (named + unnamed below) and ``share_below`` (0-1 of ``in_release``).
    """
    vintage = _vintage(year, vintage)
    spending = data.nato_spending(year, vintage=vintage)
    unnamed = unnamed_entries(year, vintage)
    named_below = int((spending["pct_gdp"] < threshold_pct).sum())
    unnamed_below = sum(1 for value in unnamed if value < threshold_pct)
    in_release = len(spending) + len(unnamed)
    below = named_below + unnamed_below
    return {"vintage": vintage, "listed": len(spending), "named_below": named_below,
            "unnamed_below": unnamed_below, "in_release": in_release, "below": below,
            "share_below": below / in_release if in_release else float("nan")}


def threshold_table(threshold_pct: float, years) -> pd.DataFrame:
    """:func:`natocourse.blocs.allies_at_threshold` plus ``unnamed_below``, ``below`` and ``in_release``."""
    counts = blocs.allies_at_threshold(threshold_pct, years)
    extra = [count_below(threshold_pct, int(row.year), row.vintage) for row in counts.itertuples()]
    return counts.assign(unnamed_below=[e["unnamed_below"] for e in extra],
                         below=[e["below"] for e in extra],
                         in_release=[e["in_release"] for e in extra])
