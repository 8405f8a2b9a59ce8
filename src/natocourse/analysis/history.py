"""NATO's history in numbers, for chapters 2 and 3.

- :func:`events`: the course timeline between two dates, as ``date``/``label`` rows that
  :func:`natocourse.plots.milestone_timeline` draws;
- :func:`enlargement_rounds`: one row per round of joining (the founders count as the 1949 round);
- :func:`membership_snapshot`: who was an ally at the end of a year, and who had just joined (the
  logic of the membership explorer in chapter 3);
- :func:`gdp_shares`: the United States and the European allies' military spending as a share of
  GDP, year by year (SIPRI), for the Cold War spending picture in chapter 2.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import data
from .blocs import NORTH_AMERICA

#: The Warsaw Pact was formally dissolved on this day (see the ``timeline`` table).
WARSAW_PACT_DISSOLVED = "1991-07-01"


def events(start, end, *, categories=None) -> pd.DataFrame:
    """Timeline entries from ``start`` to ``end`` (inclusive): ``date``, ``label``, ``precision``, ``category``.

    ``precision`` says how exactly the date is known (``day``, ``month``, ``year`` or ``approx``).

    ``categories`` keeps only those categories (e.g. ``["enlargement", "crisis"]``); ``None`` keeps all.

    >>> events("1955-01-01", "1955-12-31")["label"].tolist()
    ['West Germany joins', 'Warsaw Pact signed']
    """
    first, last = data.as_timestamp(start, "start"), data.as_timestamp(end, "end")
    if first > last:
        raise data.DataError(f"the start {start!r} is after the end {end!r}")
    timeline = data.load("timeline")
    rows = timeline[(timeline["date"] >= first) & (timeline["date"] <= last)]
    if categories is not None:
        wanted = [categories] if isinstance(categories, str) else list(categories)
        known = set(timeline["category"])
        unknown = sorted(set(wanted) - known)
        if unknown:
            raise data.DataError(f"no timeline category {', '.join(map(repr, unknown))}; "
                                 f"known: {', '.join(sorted(known))}")
        rows = rows[rows["category"].isin(wanted)]
    result = rows.rename(columns={"title": "label", "date_precision": "precision"})
    result = result[["date", "label", "precision", "category"]]
    return result.sort_values("date", kind="stable").reset_index(drop=True)


def enlargement_rounds() -> pd.DataFrame:
    """One row per round: ``year``, ``joined`` (states), ``states`` (names), ``total`` (allies after it).

    >>> enlargement_rounds().set_index("year").loc[[1949, 2004], ["joined", "total"]].values.tolist()
    [[12, 12], [7, 26]]
    """
    members = data.load("members").sort_values(["accession_date", "country"])
    rounds = (members.groupby("enlargement", sort=True)
              .agg(joined=("iso3", "size"), states=("country", ", ".join))
              .reset_index().rename(columns={"enlargement": "year"}))
    rounds["total"] = rounds["joined"].cumsum()
    return rounds[["year", "joined", "states", "total"]]


@dataclass(frozen=True)
class MembershipSnapshot:
    """The alliance at the end of one year (from the ``members`` table)."""

    year: int
    allies: tuple[str, ...]
    joined_that_year: tuple[str, ...]
    joined_since_warsaw_pact: tuple[str, ...]

    @property
    def count(self) -> int:
        """How many allies there were at the end of the year."""
        return len(self.allies)

    def sentence(self) -> str:
        """A one-sentence summary a student can read aloud."""
        text = f"At the end of {self.year} NATO had {self.count} allies."
        if self.joined_that_year:
            text += f" Joined that year: {', '.join(self.joined_that_year)}."
        if self.joined_since_warsaw_pact:
            text += (f" {len(self.joined_since_warsaw_pact)} of them joined after the Warsaw Pact "
                     "was dissolved in July 1991.")
        return text


def membership_snapshot(year) -> MembershipSnapshot:
    """Who was an ally at the end of ``year`` (1949 or later), in order of joining.

    >>> membership_snapshot(1999).count, membership_snapshot(1999).joined_that_year
    (19, ('Czechia', 'Hungary', 'Poland'))
    """
    when = data.as_year(year)
    members = data.load("members")
    first = int(members["accession_date"].dt.year.min())
    if when < first:
        raise data.DataError(f"NATO was founded in {first}; choose a year from {first} on (got {year!r})")
    allies = data.members_on(f"{when}-12-31").sort_values(["accession_date", "country"])
    joined = allies[allies["accession_date"].dt.year == when]
    since = allies[allies["accession_date"] > pd.Timestamp(WARSAW_PACT_DISSOLVED)]
    return MembershipSnapshot(when, tuple(allies["country"]), tuple(joined["country"]), tuple(since["country"]))


def gdp_shares(start: int, end: int) -> pd.DataFrame:
    """Military spending as % of GDP (SIPRI): the United States against the European allies.

    Columns: ``year``, ``united_states``, ``european_median``, ``european_low``, ``european_high``
    (the median, lowest and highest European ally), ``european_reporting`` (European allies with a
    SIPRI figure that year) and ``european_allies`` (European allies at the end of that year). The
    European figures are unweighted: each ally counts once, whatever its size.
    """
    years = data.year_range(start, end)
    sipri = data.load("milex_sipri").set_index(["iso3", "year"])["milex_pct_gdp"]
    rows = []
    for year in years:
        europeans = [code for code in data.members_on(f"{year}-12-31")["iso3"] if code not in NORTH_AMERICA]
        values = pd.Series([sipri.get((code, year)) for code in europeans], dtype=float).dropna()
        rows.append({
            "year": year,
            "united_states": float(sipri.get(("USA", year), float("nan"))),
            "european_median": float(values.median()) if len(values) else float("nan"),
            "european_low": float(values.min()) if len(values) else float("nan"),
            "european_high": float(values.max()) if len(values) else float("nan"),
            "european_reporting": int(len(values)),
            "european_allies": len(europeans),
        })
    return pd.DataFrame(rows)
