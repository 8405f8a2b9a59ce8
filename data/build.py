"""Rebuild data/*.csv and data/datapackage.json from the course's reference pack.

The reference pack (``../shared/reference`` beside the repository, with its SOURCES.md) is where
every figure was first collected and cross-checked; students do not have it, so this script derives
the tidy files that ship in ``data/`` and records the provenance of each in ``datapackage.json``.
Values are copied exactly as sourced; nothing is added.

    python data/build.py [--reference PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_REFERENCE = HERE.parent.parent / "shared" / "reference"

SIPRI_LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0",
                 "path": "https://creativecommons.org/licenses/by/4.0/"}
PUBLIC_DOMAIN = {"name": "US-Government-Work", "title": "US federal government work, public domain (17 U.S.C. 105)",
                 "path": "https://www.law.cornell.edu/uscode/text/17/105"}
FACTS = {"name": "facts", "title": "Facts and figures as published by the cited sources; see each row's source",
         "path": "https://github.com/natocourse/natocourse/blob/main/data/README.md"}
SIPRI_SOURCES = [
    {"title": "SIPRI Military Expenditure Database (2025 release)", "path": "https://www.sipri.org/databases/milex"},
    {"title": "Our World in Data: Military expenditure (% of GDP)",
     "path": "https://ourworldindata.org/grapher/military-expenditure-share-gdp"},
]
ENLARGEMENTS = [1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020, 2023, 2024]


def field(name, type_, description, **constraints):
    """A Table Schema field; keyword arguments become its constraints."""
    spec = {"name": name, "type": type_, "description": description}
    if type_ == "boolean":
        spec.update(trueValues=["true"], falseValues=["false"])
    if constraints:
        spec["constraints"] = constraints
    return spec


SOURCE = field("source", "string", "Where this row's figures or facts were read (URLs separated by ' ; ').", required=True)
ISO3 = field("iso3", "string", "ISO 3166-1 alpha-3 country code (SUN: the USSR, SIPRI's code).",
             required=True, pattern="^[A-Z]{3}$")
YEAR = field("year", "integer", "Calendar year (NATO: the ally's financial year as NATO reports it).",
             required=True, minimum=1949, maximum=2035)


def read(reference: Path, name: str) -> list[dict]:
    """Rows of one reference CSV."""
    with open(reference / name, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def members(reference):
    """Allies and their accession, from nato_members.csv."""
    rows = []
    for r in read(reference, "nato_members.csv"):
        round_ = r["enlargement_round"].replace("founding ", "")
        notes = r["notes"]
        if r["iso3"] == "ISL":
            notes = (notes + " " if notes else "") + "Iceland has no armed forces; it is absent from NATO's and SIPRI's spending tables."
        rows.append({"iso3": r["iso3"], "country": r["country"], "accession_date": r["accession_date"],
                     "enlargement": round_, "founding": str(round_ == "1949").lower(),
                     "date_basis": r["date_basis"], "notes": notes.strip(), "source": r["source"]})
    return sorted(rows, key=lambda r: (r["accession_date"], r["country"]))


def countries(reference, member_rows):
    """Every country code used anywhere in data/, with its name and whether it is an ally."""
    names = {r["iso3"]: (r["country"], r["source"]) for r in member_rows}
    others = {}
    for name in ("sipri_milex_share_gdp.csv", "sipri_milex_constant_usd.csv"):
        for r in read(reference, name):
            if r["iso3"] not in names:
                others[r["iso3"]] = (r["country"], r["source"])
    rows = [{"iso3": k, "country": v, "nato_member": "true", "source": src} for k, (v, src) in names.items()]
    rows += [{"iso3": k, "country": v, "nato_member": "false", "source": src} for k, (v, src) in others.items()]
    return sorted(rows, key=lambda r: r["iso3"])


def defence_expenditure(reference):
    """NATO's own figures, every vintage side by side."""
    rows = [{"iso3": r["iso3"], "year": r["year"], "vintage": r["vintage"], "pct_gdp": r["defence_pct_gdp"],
             "estimate": r["estimate"], "precision": r["precision"], "release": r["release"],
             "notes": r["notes"], "source": r["source"]} for r in read(reference, "nato_defence_pct_gdp.csv")]
    return sorted(rows, key=lambda r: (r["vintage"], r["year"], r["iso3"]))


def milex_sipri(reference):
    """SIPRI military expenditure as a share of GDP."""
    rows = [{"iso3": r["iso3"], "year": r["year"], "milex_pct_gdp": r["milex_pct_gdp"], "source": r["source"]}
            for r in read(reference, "sipri_milex_share_gdp.csv")]
    return sorted(rows, key=lambda r: (r["iso3"], int(r["year"])))


def milex_sipri_usd(reference):
    """SIPRI military expenditure in constant 2023 US dollars."""
    rows = [{"iso3": r["iso3"], "year": r["year"], "usd_constant_2023_millions": r["milex_constant_2023_usd_m"],
             "source": r["source"]} for r in read(reference, "sipri_milex_constant_usd.csv")]
    return sorted(rows, key=lambda r: (r["iso3"], int(r["year"])))


def timeline(reference):
    """Dated events from the treaty to the bill, in the course's own words.

    Dates known only to the month or year are stored as the first day of that month or year; the
    ``date_precision`` column says so, and chapters must not show more precision than it allows.
    """
    rows = read(reference, "timeline.csv")
    for row in rows:
        row["date"] = (row["date"] + "-01-01")[:10] if len(row["date"]) == 4 else (row["date"] + "-01")[:10]
    return rows


def bill_findings(reference):
    """The 18 findings of H.R. 6508, verbatim."""
    dataset_names = {"timeline.csv": "timeline", "nato_members.csv": "members",
                     "nato_defence_pct_gdp.csv": "defence_expenditure",
                     "nato_2pct_statements.csv": "allied_2pct_statements",
                     "sipri_milex_constant_usd.csv": "milex_sipri_usd", "nato_common_funding.csv": "common_funding"}
    rows = []
    for r in read(reference, "hr6508_findings.csv"):
        datasets = [dataset_names[d.strip()] for d in r["suggested_dataset"].split(";") if d.strip()]
        rows.append({"number": r["number"], "text": r["finding_text"], "topic": r["topic"],
                     "checkable_with_data": r["checkable_with_data"], "dataset": " ; ".join(datasets),
                     "notes": r["notes"], "source": r["source"]})
    return rows


def common_funding(reference):
    """NATO's common-funded budgets and cost shares, where sourced."""
    return read(reference, "nato_common_funding.csv")


def allied_2pct_statements(reference):
    """What sources say about how many allies met 2 %, and aggregate shares."""
    return read(reference, "nato_2pct_statements.csv")


def currency(reference):
    """The course's dated record of its time-sensitive facts, kept by hand in data/currency.csv.

    It is not derived from the reference pack: it records when each fact was last checked and when
    it is due for re-checking (``python -m natocourse currency`` lists them), so the build copies it.
    """
    with open(HERE / "currency.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def resources():
    """The schema and metadata of every resource, in the order they are documented."""
    iso3_member = {"fields": ["iso3"], "reference": {"resource": "members", "fields": ["iso3"]}}
    iso3_country = {"fields": ["iso3"], "reference": {"resource": "countries", "fields": ["iso3"]}}
    return [
        ("countries", countries, "Countries used in the data",
         "Every country code that appears in data/, its name and whether it is a NATO ally (2024 membership).",
         [FACTS], [{"title": "Derived from the members and SIPRI tables of this package"}],
         [ISO3 | {"constraints": {"required": True, "unique": True, "pattern": "^[A-Z]{3}$"}},
          field("country", "string", "Country name as used in the course.", required=True),
          field("nato_member", "boolean", "True for the 32 allies.", required=True),
          SOURCE],
         ["iso3"], []),
        ("members", members, "NATO members and their accession",
         "One row per ally: the date it joined (founders: signature of the treaty, 4 April 1949; others: "
         "deposit of the instrument of accession) and its enlargement round.",
         [FACTS], [{"title": "Treaty text and accession records as cited per row"}],
         [ISO3 | {"constraints": {"required": True, "unique": True, "pattern": "^[A-Z]{3}$"}},
          field("country", "string", "Country name.", required=True, unique=True),
          field("accession_date", "date", "Date the ally joined (ISO 8601).", required=True,
                minimum="1949-04-04", maximum="2024-12-31"),
          field("enlargement", "integer", "Enlargement round by year; 1949 = founding member.",
                required=True, enum=ENLARGEMENTS),
          field("founding", "boolean", "True for the 12 states that signed in 1949.", required=True),
          field("date_basis", "string", "What the accession date records.", required=True),
          field("notes", "string", "France and the integrated command, Greece 1974-80, Iceland, etc."),
          SOURCE],
         ["iso3"], [iso3_country]),
        ("defence_expenditure", defence_expenditure, "NATO defence expenditure, % of GDP, by release",
         "NATO's official defence expenditure as a share of GDP per ally and year, as published in each "
         "NATO release (vintage). Estimates are revised between releases, so every vintage is kept side "
         "by side: the primary key includes the vintage. No US-dollar figures are included: none could be "
         "sourced row by row.",
         [FACTS], [{"title": "NATO, Defence Expenditure of NATO Countries (releases 2017-2025) and "
                             "Secretary General's Annual Reports, as reported in the press; URL per row",
                    "path": "https://www.nato.int/cps/en/natohq/topics_49198.htm"}],
         [ISO3, YEAR,
          field("vintage", "string", "The NATO release the figure comes from, as YYYY-MM.", required=True,
                pattern="^[0-9]{4}-[0-9]{2}$"),
          field("pct_gdp", "number", "Defence expenditure, percent of GDP (NATO definition).", required=True,
                minimum=0, maximum=10),
          field("estimate", "boolean", "True when the release marks the figure as an estimate.", required=True),
          field("precision", "string", "Decimal places as published.", required=True, enum=["1dp", "2dp"]),
          field("release", "string", "Name of the NATO release.", required=True),
          field("notes", "string", "Caveats about this row."),
          SOURCE],
         ["iso3", "year", "vintage"], [iso3_member]),
        ("milex_sipri", milex_sipri, "SIPRI military expenditure, % of GDP, 1949-2024",
         "SIPRI's long-run military expenditure as a share of GDP for the allies (Iceland has no series) "
         "plus Russia (1992-) and Ukraine (1993-). SIPRI gives no share of GDP for the USSR. "
         "Source: SIPRI Military Expenditure Database, via Our World in Data (CC BY 4.0).",
         [SIPRI_LICENCE], SIPRI_SOURCES,
         [ISO3, YEAR, field("milex_pct_gdp", "number", "Military expenditure, percent of GDP (SIPRI definition).",
                            required=True, minimum=0, maximum=100), SOURCE],
         ["iso3", "year"], [iso3_country]),
        ("milex_sipri_usd", milex_sipri_usd, "SIPRI military expenditure, constant 2023 US$ million",
         "SIPRI's military expenditure in millions of constant (2023) US dollars for the allies, Russia, "
         "Ukraine and the USSR (SUN, 1988-1990 only). Source: SIPRI Military Expenditure Database.",
         [SIPRI_LICENCE], SIPRI_SOURCES[:1],
         [ISO3, YEAR, field("usd_constant_2023_millions", "number", "US$ million at constant 2023 prices.",
                            required=True, minimum=0), SOURCE],
         ["iso3", "year"], [iso3_country]),
        ("timeline", timeline, "Timeline from the treaty to the bill",
         "Dated events from the signing of the North Atlantic Treaty (1949) to the introduction of "
         "H.R. 6508 (2025), described in the course's own words, each with its source.",
         [FACTS], [{"title": "As cited per row"}],
         [field("date", "date", "Date of the event (see date_precision).", required=True,
                minimum="1945-01-01", maximum="2026-12-31"),
          field("date_precision", "string", "How precise the date is.", required=True,
                enum=["day", "month", "year", "approx"]),
          field("title", "string", "Short title.", required=True, unique=True),
          field("category", "string", "Kind of event.", required=True,
                enum=["crisis", "enlargement", "spending", "summit", "treaty", "us_politics"]),
          field("description", "string", "One or two sentences in the course's words.", required=True),
          SOURCE],
         ["title"], []),
        ("bill_findings", bill_findings, "The 18 findings of H.R. 6508",
         "Section 2 of H.R. 6508 (the NATO Act), finding by finding, verbatim as quoted in the press on "
         "10 December 2025 (findings 1-3 checked word for word against S. 2174); finding 18 is cut off in "
         "that quotation. US federal government work, public domain.",
         [PUBLIC_DOMAIN], [{"title": "H.R. 6508 as quoted by Decensored News, 10 Dec 2025",
                            "path": "https://decensorednews.substack.com/p/thomas-massie-introduces-bill-to-withdraw-us-from-nato"},
                           {"title": "S. 2174 (119th Congress)", "path": "https://www.congress.gov/119/bills/s2174/BILLS-119s2174is.htm"}],
         [field("number", "integer", "Finding number in section 2.", required=True, unique=True, minimum=1, maximum=18),
          field("text", "string", "The finding, verbatim.", required=True),
          field("topic", "string", "Theme.", required=True,
                enum=["burden_sharing", "enlargement", "history", "russia", "strategy"]),
          field("checkable_with_data", "boolean", "Whether data/ can test the finding.", required=True),
          field("dataset", "string", "Resources that can test it (' ; '-separated)."),
          field("notes", "string", "What to check and caveats."),
          SOURCE],
         ["number"], []),
        ("common_funding", common_funding, "NATO common funding and cost shares",
         "NATO's common-funded budgets (civil budget, military budget, NATO Security Investment "
         "Programme) and cost shares, where a source was found, with a confidence rating per row.",
         [FACTS], [{"title": "NATO news releases, CRS report RL30150 and reposts; URL per row"}],
         [field("year", "integer", "Budget year.", required=True, minimum=2000, maximum=2030),
          field("item", "string", "What the value measures.", required=True,
                enum=["civil_budget", "military_budget", "nsip_ceiling", "total_common_funding",
                      "cost_share_USA", "cost_share_DEU", "cost_share_FRA", "cost_share_GBR",
                      "cost_share_USA_aggregate", "cost_share_USA_NSIP_new_programmes"]),
          field("unit", "string", "Unit of value.", required=True, enum=["EUR million", "percent"]),
          field("value", "number", "The figure.", required=True, minimum=0),
          field("notes", "string", "Quotation or caveat."),
          SOURCE,
          field("confidence", "string", "How well sourced the row is.", required=True, enum=["high", "medium", "low"])],
         ["year", "item"], []),
        ("allied_2pct_statements", allied_2pct_statements, "Statements: allies at 2 % and aggregate shares",
         "What NATO and other sources say about how many allies met 2 % of GDP in a year, and aggregate "
         "shares of GDP, each with the release it comes from. Conflicting statements are kept side by side.",
         [FACTS], [{"title": "As cited per row"}],
         [field("data_year", "integer", "Year the statement is about.", required=True, minimum=2006, maximum=2035),
          field("metric", "string", "What is counted or measured.", required=True,
                enum=["allies_at_or_above_2pct", "europe_canada_share_gdp_pct", "nato_total_share_gdp_pct"]),
          field("value", "number", "Count of allies, or percent of GDP.", required=True, minimum=0),
          field("vintage", "string", "Release or year of the statement; '?' marks an uncertain one.", required=True),
          field("notes", "string", "Quotation or caveat."),
          SOURCE],
         [], []),
        ("currency", currency, "What changes with time: the course's dated record",
         "One row per time-sensitive fact the lessons and exercises use (the bills' status, the end of "
         "the 119th Congress, the newest data releases, the last statements checked, the laws and summits "
         "that bear on them): its current value, the date it was last checked and the date by which it "
         "must be checked again. Maintained by hand; the lessons read it through natocourse.currency.",
         [FACTS], [{"title": "As cited per row"}],
         [field("key", "string", "Identifier the code uses for this fact.", required=True, unique=True,
                pattern="^[a-z0-9_]+$"),
          field("topic", "string", "What kind of fact it is.", required=True,
                enum=["course", "bill", "congress", "statements", "law", "data", "summit"]),
          field("item", "string", "The fact, in words.", required=True),
          field("value", "string", "Its value when last checked (an ISO date where the fact is a date).",
                required=True),
          field("checked", "date", "When the course last checked it.", required=True,
                minimum="2025-01-01", maximum="2100-12-31"),
          field("recheck_by", "date", "When it is due for checking again.", required=True,
                minimum="2025-01-01", maximum="2100-12-31"),
          field("chapters", "string", "Chapters (or 'intro') that use it (' ; '-separated)."),
          SOURCE,
          field("notes", "string", "Caveats: how good the source is, what could not be verified.")],
         ["key"], []),
    ]


def write_csv(path: Path, rows: list[dict], fields: list[str]) -> None:
    """Write rows with exactly the schema's columns, UTF-8, Unix newlines."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in fields})


def build(reference: Path = DEFAULT_REFERENCE, out: Path = HERE) -> list[Path]:
    """Write every resource and the datapackage; return the files written."""
    if not (reference / "SOURCES.md").exists():
        raise SystemExit(f"reference pack not found at {reference} (give --reference PATH)")
    member_rows = members(reference)
    package = {
        "name": "natocourse-data", "title": "Data for the NATO course",
        "description": "Sourced datasets on NATO membership, defence spending (NATO and SIPRI), a timeline, "
                       "the findings of H.R. 6508, NATO common funding and the course's dated record of what changes "
                       "with time. See data/README.md.",
        "version": "1.0.0",
        "licenses": [SIPRI_LICENCE, PUBLIC_DOMAIN, FACTS],
        "resources": [],
    }
    written = []
    for name, make, title, description, licences, sources, fields, key, foreign in resources():
        rows = make(reference, member_rows) if name == "countries" else make(reference)
        path = out / f"{name}.csv"
        write_csv(path, rows, [f["name"] for f in fields])
        schema = {"fields": fields}
        if key:
            schema["primaryKey"] = key
        if foreign:
            schema["foreignKeys"] = foreign
        package["resources"].append({
            "name": name, "path": path.name, "title": title, "description": description,
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "licenses": licences, "sources": sources, "schema": schema})
        written.append(path)
    target = out / "datapackage.json"
    target.write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return written + [target]


def main(argv=None) -> int:
    """Command line: ``python data/build.py [--reference PATH]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE)
    args = parser.parse_args(argv)
    for path in build(args.reference):
        print(f"wrote {path.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
