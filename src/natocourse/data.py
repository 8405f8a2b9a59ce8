"""The course's sourced datasets, loaded as typed pandas DataFrames.

``names()`` lists the datasets and ``load(name)`` returns one, typed from the Table Schema in
``data/datapackage.json`` (dates as datetimes, years as integers, true/false as booleans) and
checked against it: a missing, truncated or malformed file raises :class:`DataError` naming the
file, the row and the field at fault. Tables are read once and cached; each call returns a copy,
so changing a table in a notebook never changes what the next ``load`` returns.

The helpers below answer the questions the chapters ask again and again::

    data.nato_spending(2024)                  # NATO % of GDP per ally, latest release with 2024
    data.allies_meeting(2.0, 2014)            # allies at or above 2 % in 2014
    data.ally_series("USA", source="sipri")   # one ally over time
    data.alliance_total(2024, exclude=["USA"])

The data directory is the repository's ``data/``; set ``NATOCOURSE_DATA`` to use another copy.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

#: Default location of the data package: ``data/`` at the repository root.
DEFAULT_DIR = Path(__file__).resolve().parents[2] / "data"

_cache: dict[tuple[str, str], pd.DataFrame] = {}


class DataError(ValueError):
    """A dataset is unknown, missing or malformed; the message names the file and what to do."""


def data_dir() -> Path:
    """The folder the datasets are read from (``$NATOCOURSE_DATA`` or the repository's ``data/``)."""
    return Path(os.environ.get("NATOCOURSE_DATA") or DEFAULT_DIR)


def _package() -> dict:
    path = data_dir() / "datapackage.json"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"{path} is missing: restore the data/ folder from the course repository "
                        "(git checkout -- data) or set NATOCOURSE_DATA to a folder that has it") from None
    try:
        return _parse_package(text, str(path))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path} is not valid JSON (line {exc.lineno}): restore it from the course "
                        "repository (git checkout -- data/datapackage.json)") from None


@lru_cache(maxsize=8)
def _parse_package(text: str, where: str) -> dict:
    package = json.loads(text)
    return {resource["name"]: resource for resource in package["resources"]}


def names() -> list[str]:
    """The names of every dataset, in the order ``datapackage.json`` documents them."""
    return list(_package())


def describe(name: str) -> str:
    """The title and description of a dataset, with its sources, as plain text."""
    resource = _resource(name)
    sources = "; ".join(s.get("title", "") + (f" <{s['path']}>" if s.get("path") else "")
                        for s in resource.get("sources", []))
    return f"{resource['title']}\n{resource['description']}\nSources: {sources}"


def _resource(name: str) -> dict:
    resources = _package()
    if not isinstance(name, str) or name not in resources:
        close = difflib.get_close_matches(str(name), list(resources), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(f"no dataset is called {name!r}.{hint} Valid names: {', '.join(resources)}")
    return resources[name]


def load(name: str) -> pd.DataFrame:
    """Return the dataset ``name`` as a typed DataFrame (a fresh copy of the cached table)."""
    resource = _resource(name)
    path = data_dir() / resource["path"]
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path} is missing: restore the data/ folder from the course repository "
                        f"(git checkout -- data/{resource['path']})") from None
    key = (str(path), f"{stat.st_mtime_ns}:{stat.st_size}")
    if key not in _cache:
        _cache[key] = _read(path, resource["schema"])
    return _cache[key].copy()


def clear_cache() -> None:
    """Forget every table read so far (the next ``load`` reads the file again)."""
    _cache.clear()


def _read(path: Path, schema: dict) -> pd.DataFrame:
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    text = path.read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise DataError(f"{path} is empty: restore it from the course repository (git checkout -- data)")
    if rows[0] != expected:
        raise DataError(f"{path}: the header is {rows[0]}, expected {expected}; the file is damaged: "
                        "restore it from the course repository (git checkout -- data)")
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(expected):
            raise DataError(f"{path}, line {number}: {len(row)} values for {len(expected)} columns "
                            "(the file may be truncated): restore it from the course repository")
    frame = pd.DataFrame(rows[1:], columns=expected, dtype=object)
    for spec in fields:
        frame[spec["name"]] = _column(path, frame[spec["name"]], spec)
    key = schema.get("primaryKey")
    if key:
        duplicated = frame.duplicated(subset=key, keep=False)
        if duplicated.any():
            line = int(duplicated.to_numpy().nonzero()[0][0]) + 2
            raise DataError(f"{path}, line {line}: duplicate key {key} = "
                            f"{frame.loc[line - 2, key].tolist()}")
    return frame


def _fail(path: Path, index, spec: dict, value, problem: str):
    raise DataError(f"{path}, line {int(index) + 2}, field {spec['name']!r}: {value!r} {problem}")


def _column(path: Path, raw: pd.Series, spec: dict) -> pd.Series:
    constraints = spec.get("constraints", {})
    empty = raw == ""
    if constraints.get("required") and empty.any():
        _fail(path, empty.idxmax(), spec, "", "is empty but required")
    kind = spec["type"]
    if kind == "integer":
        values = pd.to_numeric(raw.where(~empty), errors="coerce")
        bad = ~empty & (values.isna() | (values % 1 != 0))
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not a whole number")
        values = values.astype("int64") if not empty.any() else values.astype("Int64")
    elif kind == "number":
        values = pd.to_numeric(raw.where(~empty), errors="coerce").astype("float64")
        bad = ~empty & values.isna()
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not a number")
    elif kind == "boolean":
        bad = ~raw.isin(["true", "false"]) & ~empty
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not true or false")
        values = raw == "true"
    elif kind == "date":
        values = pd.to_datetime(raw.where(~empty), format="%Y-%m-%d", errors="coerce")
        bad = ~empty & values.isna()
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not a date like 2024-03-07")
    else:
        values = raw.astype("string")
    _check_constraints(path, raw, values, spec, constraints)
    return values


def _check_constraints(path, raw, values, spec, constraints) -> None:
    present = raw != ""
    bound = (lambda v: pd.Timestamp(v)) if spec["type"] == "date" else (lambda v: v)
    if "minimum" in constraints:
        low = present & (values < bound(constraints["minimum"]))
        if low.any():
            _fail(path, low.idxmax(), spec, raw[low.idxmax()], f"is below the minimum {constraints['minimum']}")
    if "maximum" in constraints:
        high = present & (values > bound(constraints["maximum"]))
        if high.any():
            _fail(path, high.idxmax(), spec, raw[high.idxmax()], f"is above the maximum {constraints['maximum']}")
    if "enum" in constraints:
        allowed = constraints["enum"]
        outside = present & ~values.isin(allowed)
        if outside.any():
            _fail(path, outside.idxmax(), spec, raw[outside.idxmax()], f"is not one of {allowed}")
    if constraints.get("unique"):
        repeated = present & raw.duplicated(keep=False)
        if repeated.any():
            _fail(path, repeated.idxmax(), spec, raw[repeated.idxmax()], "appears twice but must be unique")


# ---- helpers the chapters use ------------------------------------------------------------------


def country_name(iso3: str) -> str:
    """The name of the country with this ISO3 code (``"USA"`` → ``"United States"``)."""
    table = load("countries").set_index("iso3")["country"]
    if iso3 not in table.index:
        raise DataError(f"no country has the code {iso3!r}; codes are ISO3, e.g. 'USA', 'DEU', 'POL'")
    return str(table[iso3])


def members_on(date) -> pd.DataFrame:
    """The allies that had joined by ``date`` (anything ``pandas.Timestamp`` accepts)."""
    try:
        when = pd.Timestamp(date)
    except (ValueError, TypeError):
        raise DataError(f"{date!r} is not a date; use e.g. '1999-12-31'") from None
    if pd.isna(when):
        raise DataError("give a date, e.g. '1999-12-31'")
    members = load("members")
    return members[members["accession_date"] <= when].reset_index(drop=True)


def membership_growth() -> pd.DataFrame:
    """Number of allies at the end of each year from 1949 to the latest accession (columns year, members)."""
    years = load("members")["accession_date"].dt.year
    span = range(int(years.min()), int(years.max()) + 1)
    return pd.DataFrame({"year": list(span), "members": [int((years <= y).sum()) for y in span]})


def vintages() -> list[str]:
    """NATO releases in ``defence_expenditure``, oldest first (e.g. ``"2024-06"``)."""
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
    """
    table = load("defence_expenditure")
    if year is None:
        return str(table["vintage"].max())
    counts = table[table["year"] == _year(year)].groupby("vintage")["iso3"].count()
    if counts.empty:
        raise DataError(f"no NATO release in the data has figures for {year}; years: "
                        f"{sorted(table['year'].unique().tolist())}")
    return str(counts[counts >= COVERAGE * counts.max()].index.max())


def _year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, (int,)) and not (
            isinstance(year, float) and year.is_integer()):
        raise DataError(f"{year!r} is not a year; give a whole number like 2024")
    return int(year)


def nato_spending(year: int, *, vintage: str | None = None) -> pd.DataFrame:
    """NATO's figures (% of GDP) for every ally in ``year``, from one release.

    By default the release is :func:`latest_vintage` for ``year``; pass ``vintage="2024-06"`` to choose.
    The result has the columns of ``defence_expenditure`` plus ``country``, sorted by ``pct_gdp``
    (highest first). Releases do not all list every ally: check ``len(result)``.
    """
    year = _year(year)
    vintage = vintage or latest_vintage(year)
    table = load("defence_expenditure")
    if vintage not in set(table["vintage"]):
        raise DataError(f"no NATO release {vintage!r} in the data; releases: {', '.join(vintages())}")
    rows = table[(table["year"] == year) & (table["vintage"] == vintage)]
    if rows.empty:
        raise DataError(f"release {vintage} has no figures for {year}")
    names = load("countries").set_index("iso3")["country"]
    rows = rows.assign(country=rows["iso3"].map(names))
    return rows.sort_values(["pct_gdp", "iso3"], ascending=[False, True]).reset_index(drop=True)


def allies_meeting(threshold_pct: float, year: int, *, vintage: str | None = None) -> pd.DataFrame:
    """Allies at or above ``threshold_pct`` % of GDP in ``year`` according to one NATO release."""
    try:
        threshold = float(threshold_pct)
    except (TypeError, ValueError):
        raise DataError(f"{threshold_pct!r} is not a percentage; give e.g. 2.0") from None
    if threshold != threshold or threshold < 0:
        raise DataError(f"{threshold_pct!r} is not a percentage; give e.g. 2.0")
    spending = nato_spending(year, vintage=vintage)
    return spending[spending["pct_gdp"] >= threshold].reset_index(drop=True)


def ally_series(iso3: str, *, source: str = "sipri", vintage: str | None = None) -> pd.DataFrame:
    """One country's spending over time as ``year`` and ``pct_gdp`` columns.

    ``source="sipri"`` gives SIPRI's long series (1949 onward where available);
    ``source="nato"`` gives NATO's figures, from ``vintage`` if given, else for each year the newest
    release that has it (the ``vintage`` column says which).
    """
    if source == "sipri":
        table = load("milex_sipri")
        rows = table[table["iso3"] == iso3].rename(columns={"milex_pct_gdp": "pct_gdp"})
        result = rows[["year", "pct_gdp"]]
    elif source == "nato":
        table = load("defence_expenditure")
        rows = table[table["iso3"] == iso3]
        if vintage is not None:
            rows = rows[rows["vintage"] == vintage]
        rows = rows.sort_values("vintage").groupby("year", as_index=False).last()
        result = rows[["year", "pct_gdp", "vintage", "estimate"]]
    else:
        raise DataError(f"source must be 'sipri' or 'nato', not {source!r}")
    if result.empty:
        raise DataError(f"no {source.upper()} figures for {iso3!r}" + (f" in release {vintage}" if vintage else "")
                        + "; check the ISO3 code (e.g. 'USA', 'POL'; Iceland has no armed forces)")
    return result.sort_values("year").reset_index(drop=True)


def alliance_total(year: int, *, exclude: Iterable[str] = (), members_only: bool = True) -> float:
    """Total military spending of the allies in ``year``, SIPRI constant 2023 US$ million.

    ``exclude`` leaves out some allies (e.g. ``["USA"]``). Only countries that were members in
    that year are counted when ``members_only`` (the default).
    """
    year = _year(year)
    excluded = {exclude} if isinstance(exclude, str) else set(exclude)
    usd = load("milex_sipri_usd")
    rows = usd[usd["year"] == year]
    if rows.empty:
        raise DataError(f"no SIPRI US$ figures for {year}; the series runs "
                        f"{int(usd['year'].min())}-{int(usd['year'].max())}")
    if members_only:
        rows = rows[rows["iso3"].isin(members_on(f"{year}-12-31")["iso3"])]
    return float(rows[~rows["iso3"].isin(excluded)]["usd_constant_2023_millions"].sum())


def share_of_total(iso3: str, year: int) -> float:
    """One ally's share (0-1) of the allies' total spending in ``year`` (SIPRI constant US$)."""
    total = alliance_total(year)
    return (total - alliance_total(year, exclude=[iso3])) / total if total else float("nan")
