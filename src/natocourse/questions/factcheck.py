"""Questions of chapter 7, "Fact-checking the findings".

Verdict categories come from ``natocourse.factcheck``; numbers from ``natocourse.data``. Hashed
keys were made with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, Matching, MultipleChoice

CHAPTER = (7, "Fact-checking the findings")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("test a finding of H.R. 6508 against the course's data with a few lines of pandas"):
        ["factcheck-02", "factcheck-03"],
    ("give a verdict with its evidence and caveats: which year, which source or NATO release, which "
     "definition"):
        ["factcheck-01", "factcheck-04"],
    ("recognise findings that are opinions, predictions or rest on sources the course lacks, and say "
     "so instead of \"checking\" them"):
        ["factcheck-04"],
}



MultipleChoice(
    "factcheck-01", "Finding 14 says that 'nearly 1/3 of NATO members fail to meet the Wales Pledge'. "
                    "Which verdict does the evidence support?",
    options=["supported by the data", "depends on the year and release", "needs a source the course lacks",
             "opinion or prediction: not checkable"],
    key="58eac49addab27fdd41f06812b963fbf06323557a9e9dedf7096f63b46e337a9",
    hints=["Count the allies below 2 % in 2023, 2024 and 2025 with `data.nato_spending`.",
           "The three years give very different answers."],
    feedback={"supported by the data":
                       "It fits one year only: 9 of 31 allies (29 %) were below 2 % in 2024, but 19 of 30 "
                       "(63 %) in 2023 and none in NATO's 2025 estimates.",
                   "needs a source the course lacks":
                       "The course has the data: NATO's releases for 2023, 2024 and 2025, in "
                       "`data.nato_spending`.",
                   "opinion or prediction: not checkable":
                       "How many allies are below 2 % is a count, which data can check; it is not an opinion."},
    explanation="It depends on the year and the release: 19 of 30 listed allies (63 %) were below 2 % in "
                "2023 (March 2024 report); 9 of 31 (29 %) in 2024 (April 2025 release, counting the ally "
                "it lists at 1.86 % without a name), which is close to the finding's 'nearly 1/3'; and none "
                "in NATO's 2025 estimates, published in August 2025, before the bill was introduced.",
)

DataQuestion(
    "factcheck-02", "In NATO's April 2025 release (vintage `2025-04`), how many of the allies the course's "
                    "data name for 2024 were below 2 % of GDP? Store the number in `answer`.",
    expected=lambda data: int((data.nato_spending(2024, vintage="2025-04")["pct_gdp"] < 2.0).sum()),
    hints=["`data.nato_spending(2024, vintage=\"2025-04\")` has one row per listed ally.",
           "Count the rows with `pct_gdp` below 2.0."],
    feedback={9: "9 includes the ally the release lists at 1.86 % without a name; the question asks about the "
                      "allies the data name."},
    explanation="`answer = int((data.nato_spending(2024, vintage=\"2025-04\")[\"pct_gdp\"] < 2.0).sum())` "
                "gives 8 named allies. The release lists one more value below 2 %, 1.86 %, without naming "
                "the ally (by elimination probably Croatia): 9 of 31 allies in all. "
                "`releases.count_below(2.0, 2024)` counts both.",
)

DataQuestion(
    "factcheck-03", "Using SIPRI's constant-dollar figures for 2024, how many times as much as Russia did "
                    "the European allies spend together? Store the ratio in `answer` (e.g. `2.5`).",
    expected=lambda data: round(
        data.alliance_total(2024, exclude=["USA", "CAN"])
        / data.load("milex_sipri_usd").query("iso3 == 'RUS' and year == 2024")["usd_constant_2023_millions"].item(), 2),
    tolerance=0.05,
    hints=["`data.alliance_total(2024, exclude=[\"USA\", \"CAN\"])` is the European allies' total.",
           "Russia's figure is in `data.load(\"milex_sipri_usd\")` with `iso3 == \"RUS\"`."],
    feedback={3.25: "3.25 counts Canada with the European allies; leave out both the United States and "
                    "Canada.",
              9.69: "9.69 is all the allies, the United States included; the question asks about the "
                    "European allies.",
              0.33: "0.33 is Russia's spending as a share of the European allies'; divide the European "
                    "allies' total by Russia's, not the other way round."},
    explanation="Divide the European allies' total (all allies except the United States and Canada) by "
                "Russia's spending in the same year and unit: about three times as much. Spending is not "
                "capability, and SIPRI's estimates for Russia are uncertain.",
)

Matching(
    "factcheck-04", "Match each finding with the verdict the course gives it.",
    items=["Finding 1: the treaty was signed on 4 April 1949",
           "Finding 9: Putin's 2007 Munich speech",
           "Finding 14: nearly 1/3 of members fail the Wales Pledge",
           "Finding 18: membership is inconsistent with US interests"],
    options=["depends on the year and release", "supported by cited sources",
             "opinion or prediction: not checkable", "supported by the data"],
    key=["0cacf7524a74670b7bd018db3fee48b966b4588adb90b4908bbea3a8d9f9008c",
         "b003c57d96eeb1faba6097eb461542da0d65139888bb0f62d74d9073620689db",
         "ff3e64a071b6ba9a9a071bbcb92e965bd6a0c751adbd2c6d3065cd64a2915440",
         "c29fc5a988c48d6fac6d9633b3e84dd0e14e0b3fc2a9a842d910b5a0ccaecfbc"],
    hints=["One is a date in the timeline; one is a judgement.",
           "No dataset holds a speech, but the transcript of the Munich speech is well documented."],
    explanation="Finding 1 is supported by the timeline; finding 9 is supported by cited sources (the "
                "transcript of Putin's speech of 10 February 2007 has both the 'serious provocation' and "
                "the question about 'assurances'); "
                "finding 14 depends on the year and release; finding 18 is the bill's conclusion, a "
                "judgement that data cannot check.",
)
