"""Questions the chapters ask of the data again and again, answered from :mod:`.loading`.

    data.nato_spending(2024)                  # NATO % of GDP per ally, latest release with 2024
    data.allies_meeting(2.0, 2014)            # allies at or above 2 % in 2014
    data.count_meeting(2.0, 2014)             # ... how many: 3
    data.ally_series("USA", source="sipri")   # one ally over time
    data.alliance_total(2024, exclude=["USA"])
    data.share_of_total("USA", 2024)          # US share of the allies' total, 0-1
"""

from __future__ import annotations

import numbers
from typing import Iterable

import pandas as pd

from .loading import DataError, load


def as_year(year) -> int:
    """``year`` as an int (Python or NumPy integers, or whole floats); DataError otherwise."""
    whole = isinstance(year, numbers.Integral) or (isinstance(year, numbers.Real) and float(year).is_integer())
    if isinstance(year, bool) or not whole:
        raise DataError(f"{year!r} is not a year; give a whole number like 2024")
    return int(year)


def as_timestamp(value, what: str = "") -> pd.Timestamp:
    """``value`` (anything ``pandas.Timestamp`` accepts) as a timestamp; DataError otherwise.

    ``what`` names the value in the message, e.g. ``"start"``.
    """
    try:
        when = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        raise DataError(f"{what + ' ' if what else ''}{value!r} is not a date; use e.g. '1999-12-31'") from None
    if pd.isna(when):
        raise DataError(f"give {what + ' as ' if what else ''}a date, e.g. '1999-12-31'")
    return when


def year_range(start, end) -> range:
    """The years ``start`` to ``end`` inclusive, checked: both whole years, the first not after the second.

    >>> list(year_range(1989, 1991))
    [1989, 1990, 1991]
    """
    whole = all(isinstance(y, numbers.Integral) and not isinstance(y, bool) for y in (start, end))
    if not whole or start > end:
        raise DataError(f"give two years, the first not after the second (got {start!r}, {end!r})")
    return range(int(start), int(end) + 1)


def _iso3(iso3) -> str:
    """``iso3`` upper-cased if it is a code in ``countries``; DataError otherwise."""
    codes = load("countries")["iso3"]
    code = iso3.strip().upper() if isinstance(iso3, str) else iso3
    if not isinstance(code, str) or not codes.eq(code).any():
        raise DataError(f"no country has the code {iso3!r}; codes are ISO3, e.g. 'USA', 'DEU', 'POL' "
                        f"(known: {', '.join(sorted(codes))})")
    return code


def _with_country(rows: pd.DataFrame) -> pd.DataFrame:
    """``rows`` with a ``country`` column (the name of each ``iso3``) after ``iso3``."""
    names_by_code = load("countries").set_index("iso3")["country"]
    return rows.assign(country=rows["iso3"].map(names_by_code))


def country_name(iso3: str) -> str:
    """The name of the country with this ISO3 code.

    >>> country_name("USA"), country_name("pol")
    ('United States', 'Poland')
    """
    return str(load("countries").set_index("iso3").loc[_iso3(iso3), "country"])


def members_on(date) -> pd.DataFrame:
    """The allies that had joined by ``date`` (anything ``pandas.Timestamp`` accepts), as ``members`` rows.

    >>> len(members_on("1949-04-04")), len(members_on("2023-12-22"))
    (12, 31)
    """
    when = as_timestamp(date)
    members = load("members")
    return members[members["accession_date"] <= when].reset_index(drop=True)


def membership_growth() -> pd.DataFrame:
    """Number of allies at the end of each year, 1949 to the latest accession (columns year, members).

    >>> membership_growth().set_index("year").loc[[1949, 2004, 2024], "members"].tolist()
    [12, 26, 32]
    """
    years = load("members")["accession_date"].dt.year
    span = range(int(years.min()), int(years.max()) + 1)
    return pd.DataFrame({"year": list(span), "members": [int((years <= y).sum()) for y in span]})


def vintages() -> list[str]:
    """NATO releases in ``defence_expenditure``, oldest first, as ``"YYYY-MM"``.

    >>> vintages()[0], "2024-06" in vintages()
    ('2017-06', True)
    """
    return sorted(load("defence_expenditure")["vintage"].unique())


#: A release counts as covering a year when it lists at least this share of the allies that the
#: most complete release lists for that year (press copies of some releases name only a few allies).
COVERAGE = 0.9


def latest_vintage(year: int | None = None) -> str:
    """The newest NATO release, or the newest that covers ``year`` for (nearly) every ally.

    Some releases in the data list only a handful of allies for a year (e.g. the March 2026 report
    quotes a single 2024 figure); they are passed over unless they list at least :data:`COVERAGE`
    of the allies of the most complete release for that year. Pass ``vintage=`` to the helpers to
    choose a release yourself.

    >>> latest_vintage(2024), latest_vintage(2014)
    ('2025-04', '2024-06')
    """
    table = load("defence_expenditure")
    if year is None:
        return str(table["vintage"].max())
    counts = table[table["year"] == as_year(year)].groupby("vintage")["iso3"].count()
    if counts.empty:
        raise DataError(f"no NATO release in the data has figures for {year}; years: "
                        f"{sorted(table['year'].unique().tolist())}")
    return str(counts[counts >= COVERAGE * counts.max()].index.max())


def _vintage(vintage) -> str:
    """``vintage`` if it is a release in the data; DataError listing the releases otherwise."""
    if not isinstance(vintage, str) or vintage not in vintages():
        raise DataError(f"no NATO release {vintage!r} in the data; releases: {', '.join(vintages())}")
    return vintage


def nato_spending(year: int, *, vintage: str | None = None) -> pd.DataFrame:
    """NATO's figures (% of GDP) for every ally listed for ``year`` in one release.

    By default the release is :func:`latest_vintage` for ``year``; pass ``vintage="2024-06"`` to
    choose. The result has the columns of ``defence_expenditure`` plus ``country``, sorted by
    ``pct_gdp`` (highest first). Releases do not all list every ally: check ``len(result)``.

    >>> top = nato_spending(2024, vintage="2024-06").iloc[0]
    >>> str(top["iso3"]), float(top["pct_gdp"])
    ('POL', 4.12)
    """
    year = as_year(year)
    vintage = latest_vintage(year) if vintage is None else _vintage(vintage)
    table = load("defence_expenditure")
    rows = table[(table["year"] == year) & (table["vintage"] == vintage)]
    if rows.empty:
        raise DataError(f"release {vintage} has no figures for {year}; its years: "
                        f"{sorted(table.loc[table['vintage'] == vintage, 'year'].unique().tolist())}")
    return _with_country(rows).sort_values(["pct_gdp", "iso3"], ascending=[False, True]).reset_index(drop=True)


def sipri_spending(year: int) -> pd.DataFrame:
    """SIPRI's military expenditure (% of GDP) in ``year`` for the countries that were allies then.

    Columns ``iso3``, ``year``, ``pct_gdp``, ``source``, ``country``, highest first. Iceland never
    appears (no armed forces, no SIPRI series).

    >>> sipri_spending(2024).loc[0, "iso3"]
    'POL'
    """
    year = as_year(year)
    table = load("milex_sipri")
    rows = table[(table["year"] == year) & table["iso3"].isin(members_on(f"{year}-12-31")["iso3"])]
    if rows.empty:
        raise DataError(f"no SIPRI % of GDP figures for allies in {year}; the series runs "
                        f"{int(table['year'].min())}-{int(table['year'].max())}")
    rows = _with_country(rows.rename(columns={"milex_pct_gdp": "pct_gdp"}))
    return rows.sort_values(["pct_gdp", "iso3"], ascending=[False, True]).reset_index(drop=True)


def _threshold(threshold_pct) -> float:
    """``threshold_pct`` as a non-negative float; DataError otherwise."""
    try:
        threshold = float(threshold_pct)
    except (TypeError, ValueError, OverflowError):
        raise DataError(f"{threshold_pct!r} is not a percentage; give e.g. 2.0") from None
    if isinstance(threshold_pct, bool) or not 0 <= threshold < float("inf"):
        raise DataError(f"{threshold_pct!r} is not a percentage; give e.g. 2.0")
    return threshold


def allies_meeting(threshold_pct: float, year: int, *, vintage: str | None = None,
                   source: str = "nato") -> pd.DataFrame:
    """Allies at or above ``threshold_pct`` % of GDP in ``year``, highest first.

    ``source="nato"`` (default) uses NATO's figures from one release (``vintage``, else
    :func:`latest_vintage` for the year), as in :func:`nato_spending`; ``source="sipri"`` uses
    SIPRI's figures for the countries that were allies that year (:func:`sipri_spending`).

    >>> allies_meeting(2.0, 2014, vintage="2024-06")["iso3"].tolist()
    ['USA', 'GRC', 'GBR']
    """
    threshold = _threshold(threshold_pct)
    if source == "nato":
        spending = nato_spending(year, vintage=vintage)
    elif source == "sipri":
        if vintage is not None:
            raise DataError("vintage= chooses a NATO release; SIPRI figures have one release here")
        spending = sipri_spending(year)
    else:
        raise DataError(f"source must be 'nato' or 'sipri', not {source!r}")
    return spending[spending["pct_gdp"] >= threshold].reset_index(drop=True)


def count_meeting(threshold_pct: float, year: int, *, vintage: str | None = None, source: str = "nato") -> int:
    """How many allies were at or above ``threshold_pct`` % of GDP in ``year`` (see :func:`allies_meeting`).

    >>> count_meeting(2.0, 2014, vintage="2024-06")
    3
    """
    return len(allies_meeting(threshold_pct, year, vintage=vintage, source=source))


def ally_series(iso3: str, *, source: str = "sipri", vintage: str | None = None) -> pd.DataFrame:
    """One country's spending over time as ``year`` and ``pct_gdp`` columns.

    ``source="sipri"`` gives SIPRI's long series (1949 onward where available; also RUS, UKR);
    ``source="nato"`` gives NATO's figures, from ``vintage`` if given, else for each year the newest
    release that has it (the ``vintage`` and ``estimate`` columns say which).

    >>> int(ally_series("USA")["year"].iloc[0])
    1949
    >>> ally_series("USA", source="nato", vintage="2024-06")["year"].tolist()
    [2014, 2024]
    """
    code = _iso3(iso3)
    if source == "sipri":
        if vintage is not None:
            raise DataError("vintage= chooses a NATO release; use it with source='nato'")
        table = load("milex_sipri")
        result = table[table["iso3"] == code].rename(columns={"milex_pct_gdp": "pct_gdp"})[["year", "pct_gdp"]]
    elif source == "nato":
        table = load("defence_expenditure")
        rows = table[table["iso3"] == code]
        if vintage is not None:
            rows = rows[rows["vintage"] == _vintage(vintage)]
        rows = rows.sort_values("vintage").groupby("year", as_index=False).last()
        result = rows[["year", "pct_gdp", "vintage", "estimate"]]
    else:
        raise DataError(f"source must be 'sipri' or 'nato', not {source!r}")
    if result.empty:
        raise DataError(f"no {source.upper()} figures for {code}" + (f" in release {vintage}" if vintage else "")
                        + " (Iceland has no armed forces; Russia, Ukraine and the USSR are not in NATO's tables)")
    return result.sort_values("year").reset_index(drop=True)


#: Measures :func:`alliance_total` can add up: resource name → value column. Only SIPRI's constant
#: US$ series is sourced in money terms (NATO's US$ figures are not in data/, see data/README.md).
MEASURES = {"milex_sipri_usd": "usd_constant_2023_millions"}


def alliance_total(year: int, *, exclude: Iterable[str] = (), measure: str = "milex_sipri_usd",
                   members_only: bool = True) -> float:
    """Total military spending of the allies in ``year``: SIPRI, US$ million at constant 2023 prices.

    ``exclude`` leaves out some allies (e.g. ``["USA"]``). Only countries that were members at the
    end of ``year`` are counted when ``members_only`` (the default). ``measure`` names the resource
    summed (see :data:`MEASURES`).

    >>> round(alliance_total(2024) - alliance_total(2024, exclude=["USA"])) > 900_000
    True
    """
    year = as_year(year)
    if measure not in MEASURES:
        raise DataError(f"measure must be one of {sorted(MEASURES)}, not {measure!r}")
    excluded = {_iso3(code) for code in ([exclude] if isinstance(exclude, str) else _codes(exclude))}
    table = load(measure)
    rows = table[table["year"] == year]
    if rows.empty:
        raise DataError(f"no {measure} figures for {year}; the series runs "
                        f"{int(table['year'].min())}-{int(table['year'].max())}")
    if members_only:
        rows = rows[rows["iso3"].isin(members_on(f"{year}-12-31")["iso3"])]
    return float(rows.loc[~rows["iso3"].isin(excluded), MEASURES[measure]].sum())


def _codes(exclude) -> list:
    """``exclude`` as a list; DataError if it is not a collection of codes."""
    try:
        return list(exclude)
    except TypeError:
        raise DataError(f"exclude must be a list of ISO3 codes such as ['USA'], not {exclude!r}") from None


def share_of_total(iso3: str, year: int, *, measure: str = "milex_sipri_usd") -> float:
    """One ally's share (0-1) of the allies' total spending in ``year`` (SIPRI constant US$).

    >>> 0.5 < share_of_total("USA", 2024) < 0.8
    True
    """
    total = alliance_total(year, measure=measure)
    return (total - alliance_total(year, exclude=[iso3], measure=measure)) / total if total else float("nan")
