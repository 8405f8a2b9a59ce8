"""Spending of groups of countries over time, for comparisons in the debate chapters.

- :func:`bloc_spending`: the United States, the European allies and Russia side by side (SIPRI,
  constant 2023 US$ billion), counting each year only the countries that were allies that year;
- :func:`allies_at_threshold`: per year, how many allies one NATO release lists and how many of
  them were at or above a share of GDP, naming the release each count comes from.
"""

from __future__ import annotations

import pandas as pd

from .. import data

#: Allies outside Europe: they are left out of "European allies".
NORTH_AMERICA = ("USA", "CAN")


def bloc_spending(start: int, end: int) -> pd.DataFrame:
    """Columns ``year``, ``united_states``, ``european_allies``, ``russia`` (US$ bn, constant 2023).

    European allies are the members at the end of each year other than the United States and
    Canada. Russia is missing (NaN) before SIPRI's series starts in 1992.
    """
    years = data.year_range(start, end)
    usd = data.load("milex_sipri_usd").set_index(["iso3", "year"])["usd_constant_2023_millions"]
    rows = []
    for year in years:
        everyone = data.alliance_total(year)
        rows.append({
            "year": year,
            "united_states": usd.get(("USA", year), float("nan")) / 1000,
            "european_allies": data.alliance_total(year, exclude=NORTH_AMERICA) / 1000,
            "russia": usd.get(("RUS", year), float("nan")) / 1000,
            "all_allies": everyone / 1000,
        })
    return pd.DataFrame(rows)


def allies_at_threshold(threshold_pct: float, years) -> pd.DataFrame:
    """Per year: the NATO release used, how many allies it lists, how many were at or above.

    The release is :func:`natocourse.data.latest_vintage` for that year (the newest that lists
    nearly every ally).
    """
    rows = []
    for year in years:
        spending = data.nato_spending(year)
        rows.append({"year": int(year), "vintage": str(spending["vintage"].iloc[0]), "listed": len(spending),
                     "at_or_above": int((spending["pct_gdp"] >= threshold_pct).sum())})
    return pd.DataFrame(rows)
