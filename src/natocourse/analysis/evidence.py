"""What a written answer may cite: the course's figures and the passages it quotes.

The question bank declares this module to the exercise engine (``EVIDENCE`` in
``natocourse/questions/__init__.py``); the engine's evidence check (``natocourse.engine.evidence``)
calls :func:`index` and looks up, in what it returns, every figure and quotation a student cites.
The engine knows no course; this module decides what "the course's data and sources" are:

- **figures**: every value of the data package a student is shown (NATO's shares of GDP by
  release, SIPRI's shares of GDP and constant-dollar spending, NATO's common-funding figures and
  the sources' counts of allies at 2 %), and the values the lessons compute from them: the
  allies' totals with and without the United States and of the European allies, the US share of
  the total, the counts of allies at or above 2 % in each release, the number of allies each year,
  and the scenario lab's scenarios (every European ally at 2 to 5 % of GDP, and the share that
  would replace US spending);
- **passages**: the bill's 18 findings, verbatim (``data/bill_findings.csv``), and every passage
  the lessons quote (``quotations.json`` beside this module, written from the lesson notebooks by
  ``python -m natocourse quotations``). The three source articles themselves are not shipped with
  the course, so a quotation taken from them that no lesson quotes is reported as not found.

Values are the data's own (as read from the CSV files, so 3.38 stays 3.38); computed values are
rounded to 0.1 of a US$ million or 0.01 of a percent.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from .. import data
from . import releases

#: The passages the lessons quote: ``[{"source", "text"}]`` (written by ``python -m natocourse quotations``).
QUOTATIONS = Path(__file__).with_name("quotations.json")

#: Other names a student may give a country or a group (the course's own name is always one).
ALIASES = {
    "USA": ["United States", "United States of America", "U.S.", "USA", "America", "American", "Washington"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "British"],
    "TUR": ["Turkey", "Türkiye", "Turkish"], "CZE": ["Czech Republic", "Czechia", "Czech"],
    "NLD": ["Netherlands", "the Netherlands", "Dutch"], "DEU": ["Germany", "German"],
    "FRA": ["France", "French"], "POL": ["Poland", "Polish"], "ITA": ["Italy", "Italian"],
    "ESP": ["Spain", "Spanish"], "CAN": ["Canada", "Canadian"], "RUS": ["Russia", "Russian", "Moscow"],
    "SUN": ["Soviet Union", "USSR"], "UKR": ["Ukraine", "Ukrainian"], "GRC": ["Greece", "Greek"],
    "NOR": ["Norway", "Norwegian"], "DNK": ["Denmark", "Danish"], "FIN": ["Finland", "Finnish"],
    "SWE": ["Sweden", "Swedish"], "EST": ["Estonia", "Estonian"], "LVA": ["Latvia", "Latvian"],
    "LTU": ["Lithuania", "Lithuanian"], "BEL": ["Belgium", "Belgian"], "PRT": ["Portugal", "Portuguese"],
    "HUN": ["Hungary", "Hungarian"], "ROU": ["Romania", "Romanian"], "BGR": ["Bulgaria", "Bulgarian"],
    "HRV": ["Croatia", "Croatian"], "SVK": ["Slovakia", "Slovak"], "SVN": ["Slovenia", "Slovenian"],
    "ALB": ["Albania", "Albanian"], "MNE": ["Montenegro"], "MKD": ["North Macedonia"],
    "LUX": ["Luxembourg"], "ISL": ["Iceland"],
    "ALL": ["all allies", "all the allies", "allies' total", "alliance", "the allies", "NATO", "NATO allies"],
    "EUR": ["European allies", "Europe", "European"],
    "NOUS": ["without the United States", "without the US", "without the U.S.", "allies without"],
}
GROUPS = {"ALL": "All allies", "EUR": "European allies (without the US and Canada)",
          "NOUS": "Allies without the United States"}
SIPRI_PCT = "SIPRI, military spending, % of GDP"
SIPRI_USD = "SIPRI, military spending, US$ million at constant 2023 prices"
#: The scenario lab's shares of GDP for every European ally (chapter 10): 2 % to 6.5 % in steps of 0.1.
SCENARIO_SHARES = tuple(round(2.0 + step / 10, 1) for step in range(46))


def _value(number: float, places: int | None = None) -> str | None:
    """A value as the index holds it: the data's own digits, a computed one rounded, a count whole."""
    if number != number:  # NaN: no value that year
        return None
    if places == 0:
        return str(int(round(number)))
    return repr(float(round(number, places) if places is not None else number))


def _series(who: str, what: str, unit: str, by_year: dict, places: int | None = None) -> dict | None:
    by_year = {int(y): float(v) for y, v in by_year.items()}
    years = sorted(y for y, v in by_year.items() if v == v)
    if not years:
        return None
    start = years[0]
    return {"who": who, "what": what, "unit": unit, "start": start,
            "values": [_value(by_year.get(y, float("nan")), places) for y in range(start, years[-1] + 1)]}


def _nato_releases() -> list[dict]:
    table = data.load("defence_expenditure")
    out = []
    for vintage in sorted(table["vintage"].unique(), reverse=True):  # the newest release first
        rows = table[table["vintage"] == vintage]
        for iso3, group in rows.groupby("iso3"):
            out.append(_series(iso3, f"NATO, defence spending, % of GDP (release {vintage})", "%",
                               dict(zip(group["year"], group["pct_gdp"]))))
        at_2 = {y: float((g["pct_gdp"] >= 2.0).sum()) for y, g in rows.groupby("year")}
        counted = {y: releases.count_below(2.0, int(y), vintage) for y in rows["year"].unique()}
        out.append(_series("", f"NATO, allies at or above 2 % of GDP (release {vintage})", "count", at_2, 0))
        out.append(_series("", f"NATO, allies below 2 % of GDP, named or not (release {vintage})", "count",
                           {y: float(c["below"]) for y, c in counted.items()}, 0))
        out.append(_series("", f"NATO, named allies below 2 % of GDP (release {vintage})", "count",
                           {y: float(c["named_below"]) for y, c in counted.items()}, 0))
        out.append(_series("", f"NATO, allies the release names (release {vintage})", "count",
                           {y: float(c["listed"]) for y, c in counted.items()}, 0))
        for year in sorted(rows["year"].unique()):
            for value in releases.unnamed_entries(int(year), vintage):
                out.append(_series("", f"NATO, a value the release lists without naming the ally, % of GDP "
                                       f"(release {vintage})", "%", {year: value}))
        out.append(_series("", f"NATO, allies with a value in the release (release {vintage})", "count",
                           {y: float(c["in_release"]) for y, c in counted.items()}, 0))
        out.append(_series("", f"NATO, share of the allies in the release below 2 % of GDP, % (release {vintage})",
                           "%", {y: 100 * c["share_below"] for y, c in counted.items()}, 2))
    return out


def _sipri() -> list[dict]:
    out = []
    pct = data.load("milex_sipri")
    for iso3, group in pct.groupby("iso3"):
        out.append(_series(iso3, SIPRI_PCT, "%", dict(zip(group["year"], group["milex_pct_gdp"]))))
    usd = data.load("milex_sipri_usd")
    for iso3, group in usd.groupby("iso3"):
        out.append(_series(iso3, SIPRI_USD, "US$ m", dict(zip(group["year"], group["usd_constant_2023_millions"]))))
    return out


def _totals() -> list[dict]:
    """The allies' totals as data.alliance_total adds them (members at the end of each year)."""
    usd = data.load("milex_sipri_usd")
    members = data.load("members")
    joined = dict(zip(members["iso3"], members["accession_date"].dt.year))
    usd = usd[usd["iso3"].map(lambda code: code in joined) & (usd["year"] >= usd["iso3"].map(joined).fillna(9999))]
    all_allies, europe, without_us, us_share = {}, {}, {}, {}
    for year, rows in usd.groupby("year"):
        spend = dict(zip(rows["iso3"], rows["usd_constant_2023_millions"]))
        total = sum(spend.values())
        all_allies[year] = total
        without_us[year] = total - spend.get("USA", 0.0)
        europe[year] = without_us[year] - spend.get("CAN", 0.0)
        us_share[year] = 100 * spend.get("USA", 0.0) / total if total else float("nan")
    what = "SIPRI, the allies' military spending added up, US$ million at constant 2023 prices"
    return [_series("ALL", what, "US$ m", all_allies, 1), _series("EUR", what, "US$ m", europe, 1),
            _series("NOUS", what, "US$ m", without_us, 1),
            _series("USA", "SIPRI, the US share of the allies' military spending, %", "%", us_share, 2)]


def _membership() -> list[dict]:
    growth = data.membership_growth()
    return [_series("", "NATO, number of allies at the end of the year", "count",
                    dict(zip(growth["year"], growth["members"].astype(float))), 0)]


def _sources_statistics() -> list[dict]:
    out = []
    funding = data.load("common_funding")
    for (item, unit), rows in funding.groupby(["item", "unit"]):
        kind = "EUR m" if unit == "EUR million" else "%" if "percent" in str(unit).lower() or unit == "%" else ""
        who = str(item).split("_")[2] if str(item).startswith("cost_share_") else ""
        if kind:
            out.append(_series(who, f"NATO common funding, {str(item).replace('_', ' ')} ({unit})", kind,
                               dict(zip(rows["year"], rows["value"]))))
    statements = data.load("allied_2pct_statements")
    for (metric, vintage), rows in statements.groupby(["metric", "vintage"]):
        kind = "count" if str(metric).startswith("allies_") else "%"
        out.append(_series("", f"a source's figure: {str(metric).replace('_', ' ')} (release {vintage})", kind,
                           dict(zip(rows["data_year"], rows["value"])), 0 if kind == "count" else None))
    return out


def _scenarios() -> list[dict]:
    from . import scenarios

    base = scenarios.baseline(2024)
    out = []
    for share in (None, *SCENARIO_SHARES):
        table = base if share is None else scenarios.apply(base, {"European allies": share})
        result = scenarios.summary(table)
        name = "the 2024 baseline" if share is None else f"every European ally at {share:g} % of GDP"
        lab = f"scenario lab (SIPRI 2024), {name}"
        out += [_series("ALL", f"{lab}, all allies, US$ million", "US$ m", {2024: 1000 * result["total_bn"]}, 1),
                _series("NOUS", f"{lab}, allies without the US, US$ million", "US$ m",
                        {2024: 1000 * result["without_us_bn"]}, 1),
                _series("EUR", f"{lab}, European allies, US$ million", "US$ m",
                        {2024: 1000 * result["European allies (US$ bn)"]}, 1),
                _series("USA", f"{lab}, the US share, %", "%", {2024: 100 * result["us_share"]}, 2),
                *(_series("", f"{lab}, allies at {t:g} % of GDP or more", "count", {2024: result[f"allies at {t:g} %"]}, 0)
                  for t in scenarios.THRESHOLDS)]
    needed = scenarios.share_needed(base, "European allies", scenarios.summary(base)["total_bn"])
    out.append(_series("EUR", "scenario lab (SIPRI 2024), share of GDP the European allies would need to "
                              "spend as much without the US as all allies did, %", "%", {2024: needed}, 2))
    return out


def names() -> dict[str, list[str]]:
    """``{code: names}``: each country's name in the data, its aliases, and the groups'."""
    countries = data.load("countries")
    out = {code: [name] + [a for a in ALIASES.get(code, []) if a != name]
           for code, name in zip(countries["iso3"], countries["country"])}
    out.update({code: ALIASES[code] for code in GROUPS})
    return out


def passages() -> list[dict]:
    """The passages a written answer may quote: the bill's findings and the lessons' quotations."""
    findings = data.load("bill_findings")
    out = [{"source": f"H.R. 6508, finding {int(n)}", "text": str(t)}
           for n, t in zip(findings["number"], findings["text"])]
    return out + json.loads(QUOTATIONS.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _index_text() -> str:
    countries = data.load("countries")
    labels = {**dict(zip(countries["iso3"], countries["country"])), **GROUPS}
    series = [s for s in (*_nato_releases(), *_sipri(), *_totals(), *_membership(), *_sources_statistics(),
                          *_scenarios()) if s is not None]
    return json.dumps({"labels": labels, "names": names(), "series": series, "passages": passages()})


def index() -> dict:
    """The course's evidence index, in the form ``natocourse.engine.evidence.INDEX`` describes."""
    return json.loads(_index_text())
