"""Fact-checks of the findings of H.R. 6508 against the course's data.

Each ``finding_N()`` returns a :class:`Check`: the course's verdict, the evidence computed from
``data/`` and the caveats (which year, which release, which definition). :func:`summary` gives all
18 findings with their verdict category; findings that are opinions, predictions or rest on sources
the course lacks are labelled as such, not "checked". Findings that no dataset can test but that
cited sources settle (or leave disputed) say so, with the chapter that sets out the sources.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import data
from . import blocs, releases

#: The verdict categories, from most to least checkable.
VERDICTS = (
    "supported by the data",
    "supported by cited sources",
    "partly supported",
    "depends on the year and release",
    "contested: sources disagree",
    "quotes the treaty (see chapter 4)",
    "needs a source the course lacks",
    "opinion or prediction: not checkable",
)


@dataclass(frozen=True)
class Check:
    """The course's verdict on one finding, with its evidence and caveats."""

    number: int
    verdict: str
    evidence: str
    caveat: str = ""

    def __post_init__(self):
        if self.verdict not in VERDICTS:
            raise ValueError(f"unknown verdict {self.verdict!r}")


def _event(title: str) -> pd.Timestamp:
    return data.load("timeline").set_index("title").loc[title, "date"]


def _day(when: pd.Timestamp) -> str:
    return f"{when.day} {when:%B %Y}"


def finding_1() -> Check:
    """Signed on 4 April 1949 in Washington, DC."""
    signed = _event("North Atlantic Treaty signed")
    return Check(1, "supported by the data" if signed == pd.Timestamp("1949-04-04") else "partly supported",
                 f"timeline: the treaty was signed on {_day(signed)} in Washington, DC.")


def finding_2() -> Check:
    """Originally 12 member states."""
    founders = int(data.load("members")["founding"].sum())
    return Check(2, "partly supported", f"members: {founders} founding members signed in 1949.",
                 "The count is a fact; what NATO was 'intended' to do is an interpretation (chapter 2).")


def finding_4() -> Check:
    """The Warsaw Pact collapsed in 1991, then the Soviet Union by the end of that year."""
    pact, ussr = _event("Warsaw Pact formally dissolved"), _event("USSR formally dissolved")
    verdict = "supported by the data" if pact.year == ussr.year == 1991 and pact < ussr else "partly supported"
    return Check(4, verdict, f"timeline: Warsaw Pact dissolved {_day(pact)}; USSR dissolved {_day(ussr)}.",
                 "Some sources date the end of the USSR to 25 December 1991.")


def finding_7() -> Check:
    """Eastward expansion began in 1999 and led to a land border with Russia over 1,500 miles."""
    members = data.load("members")
    first = members[members["enlargement"] > 1982].sort_values("accession_date").iloc[0]
    joined = members[members["enlargement"] == first.enlargement]["country"].astype(str).tolist()
    return Check(7, "partly supported",
                 f"members: the first enlargement after 1982 came in {first.enlargement} ({', '.join(joined)}).",
                 "The border length is not in the course's data but is sourced: NATO's land borders with Russia "
                 "were about 754 miles before Finland joined in 2023 and about 1,584 miles after (Business "
                 "Insider, April 2023), so 'exceeds 1,500 miles' holds, and most of it dates from 2023, not "
                 "from 1999. 'Waning relevance' is a judgement and the 'prior assurance' is contested "
                 "(chapter 3).")


def finding_10() -> Check:
    """Russia invaded Ukraine in 2022."""
    invaded = _event("Russia's full-scale invasion of Ukraine")
    return Check(10, "partly supported", f"timeline: full-scale invasion on {_day(invaded)}.",
                 "The date is a fact; what the invasion 'demonstrates' about Russia's motives is an interpretation.")


def finding_12() -> Check:
    """The United States has been the largest financial and hard-power contributor."""
    usd = data.load("milex_sipri_usd")
    years, largest = 0, 0
    for year, rows in usd.groupby("year"):
        allies = rows[rows["iso3"].isin(data.members_on(f"{year}-12-31")["iso3"])]
        if not allies.empty and "USA" in set(allies["iso3"]):
            years += 1
            largest += allies.sort_values("usd_constant_2023_millions").iloc[-1]["iso3"] == "USA"
    share = data.share_of_total("USA", 2024)
    return Check(12, "supported by the data" if largest == years else "partly supported",
                 f"SIPRI: the United States was the largest military spender among the allies in {largest} of "
                 f"the {years} years with data, and spent {share:.0%} of the allies' total in 2024.",
                 "Spending is not the same as contribution to collective defence; in NATO's common budgets the "
                 "US share was capped at Germany's from 2021 (data/common_funding.csv, medium confidence).")


def finding_13() -> Check:
    """At Wales in 2014 members pledged to spend 2 % of GDP."""
    wales = _event("Wales Defence Investment Pledge")
    return Check(13, "partly supported", f"timeline: the Wales pledge dates from {_day(wales)}.",
                 "The allies pledged to *move towards* 2 % of GDP within a decade; the 2 % guideline itself "
                 "dates from 2006 (data/README.md).")


def finding_14() -> Check:
    """'More than a decade later, nearly 1/3 of NATO members fail to meet the Wales Pledge.'"""
    rows = []
    for year in (2023, 2024, 2025):
        count = releases.count_below(2.0, year)
        unnamed = (f" (incl. {count['unnamed_below']} unnamed entry)" if count["unnamed_below"] else "")
        rows.append(f"{year} ({count['vintage']} release): {count['below']} of {count['in_release']} below 2 %"
                    f"{unnamed}, {count['share_below']:.0%}")
    return Check(14, "depends on the year and release", "; ".join(rows) + ".",
                 "'Nearly 1/3' fits 2024: the April 2025 release has 9 of 31 allies below 2 %, one of them an "
                 "ally the published list does not name (1.86 %, by elimination probably Croatia). In 2023 most "
                 "allies were below 2 %, and NATO's 2025 estimates, published in August 2025 before H.R. 6508 "
                 "was introduced, list none below 2 %.")


def finding_16() -> Check:
    """European allies' combined military and economic capacity exceeds Russia's."""
    latest = blocs.bloc_spending(2024, 2024).iloc[0]
    return Check(16, "partly supported",
                 f"SIPRI 2024, constant 2023 US$: European allies {latest.european_allies:.0f} bn, Russia "
                 f"{latest.russia:.0f} bn ({latest.european_allies / latest.russia:.1f} times as much).",
                 "Spending is not capability, and the course has no GDP data for the 'economic capacity' part; "
                 "whether Europe would be a 'sufficient counterweight' without the US is a prediction.")


#: The findings the course checks with data, and how.
CHECKS = {1: finding_1, 2: finding_2, 4: finding_4, 7: finding_7, 10: finding_10, 12: finding_12,
          13: finding_13, 14: finding_14, 16: finding_16}

#: Findings that cannot be checked with the course's data, and why.
NOT_CHECKED = {
    3: ("quotes the treaty (see chapter 4)", "The preamble and Article 3 are quoted; compare with the treaty text."),
    5: ("contested: sources disagree",
        "On the record: in February 1990 Baker spoke of 'no extension of NATO's jurisdiction ... one inch to "
        "the east' (US and Soviet memcons). Disputed: whether that was an assurance about Eastern Europe, "
        "since nothing beyond Germany was written down. Chapter 3 sets out both readings and their sources."),
    6: ("opinion or prediction: not checkable", "A judgement that NATO's founding rationale lapsed."),
    8: ("needs a source the course lacks", "Russian doctrine documents are not in the course's sources."),
    9: ("supported by cited sources",
        "In his Munich speech of 10 February 2007 Putin said NATO expansion 'represents a serious "
        "provocation that reduces the level of mutual trust' and asked 'what happened to the assurances our "
        "western partners made after the dissolution of the Warsaw Pact?' (transcript as quoted by the "
        "Cato Institute). The quotation is accurate; whether such assurances were given is finding 5."),
    11: ("supported by cited sources",
         "Summit texts keep the door open: Bucharest 2008 ('will become members'), and Washington 2024 "
         "(Ukraine's 'irreversible path' to membership); the open door rests on Article 10 (chapter 3). "
         "Note that the Hague declaration of June 2025 did not mention Ukraine's membership."),
    15: ("opinion or prediction: not checkable", "A policy judgement about US priorities."),
    17: ("opinion or prediction: not checkable", "A causal claim about incentives."),
    18: ("opinion or prediction: not checkable", "The bill's conclusion."),
}


def check(number: int) -> Check:
    """The course's check of finding ``number`` (1-18)."""
    if number in CHECKS:
        return CHECKS[number]()
    if number in NOT_CHECKED:
        verdict, why = NOT_CHECKED[number]
        return Check(number, verdict, "", why)
    raise data.DataError(f"the bill has findings 1 to 18, not {number!r}")


def summary() -> pd.DataFrame:
    """All 18 findings: number, the start of the text, verdict, evidence and caveat."""
    findings = data.load("bill_findings").set_index("number")
    rows = []
    for number in findings.index:
        result = check(int(number))
        text = str(findings.loc[number, "text"])
        rows.append({"number": int(number), "finding": text if len(text) <= 90 else text[:87] + "...",
                     "verdict": result.verdict, "evidence": result.evidence, "caveat": result.caveat})
    return pd.DataFrame(rows)
