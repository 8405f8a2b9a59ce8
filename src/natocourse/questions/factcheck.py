"""Questions of chapter 7, "Fact-checking the findings".

Verdict categories come from ``natocourse.factcheck``; numbers from ``natocourse.data``. Hashed
keys were made with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, Matching, MultipleChoice, Written, generated

CHAPTER = (7, "Fact-checking the findings")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("test a finding of H.R. 6508 against the course's data with a few lines of pandas"):
        ["factcheck-02", "factcheck-03"],
    ("give a verdict with its evidence and caveats: which year, which source or NATO release, which "
     "definition"):
        ["factcheck-01", "factcheck-04", "factcheck-05"],
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

def _named_below(year, vintage):
    return lambda data: int((data.nato_spending(year, vintage=vintage)["pct_gdp"] < 2.0).sum())


def _factcheck_02(year):
    if year == 2024:
        return DataQuestion(
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
            register=False,
        )
    from natocourse import data
    from natocourse.analysis import releases

    from . import plural, release_name, wrong_values

    vintage = data.latest_vintage(year)
    spending = data.nato_spending(year, vintage=vintage)
    answer = int((spending["pct_gdp"] < 2.0).sum())
    unnamed = [v for v in releases.unnamed_entries(year, vintage) if v < 2.0]
    at_two = int((spending["pct_gdp"] == 2.0).sum())
    candidates = [
        (answer + at_two, f"{answer + at_two} adds the {plural(at_two, 'ally', 'allies')} listed at exactly "
                          "2.0 %: *below* 2 % means `< 2.0`, not `<= 2.0`."),
        (len(spending) - answer, f"{len(spending) - answer} counts the allies at or above 2 %; the question asks "
                                 "how many were below."),
        (len(spending), f"{len(spending)} is every ally the data name for {year}; count only those below 2 %."),
    ]
    if unnamed:
        candidates.insert(0, (answer + len(unnamed),
                              f"{answer + len(unnamed)} includes the values the release lists without a name; the "
                              "question asks about the allies the data name."))
    count = f"{answer} named allies" if answer != 1 else "1 named ally"
    return DataQuestion(
        "factcheck-02", f"In NATO's {release_name(vintage)} release (vintage `{vintage}`), how many of the allies the "
                        f"course's data name for {year} were below 2 % of GDP? Store the number in `answer`.",
        expected=_named_below(year, vintage),
        hints=[f"`data.nato_spending({year}, vintage=\"{vintage}\")` has one row per listed ally.",
               "Count the rows with `pct_gdp` below 2.0."],
        feedback=wrong_values(answer, 0, candidates),
        explanation=(f"`answer = int((data.nato_spending({year}, vintage=\"{vintage}\")[\"pct_gdp\"] < 2.0).sum())` "
                     f"gives {count} of the {len(spending)} the release lists for {year}. "
                     f"`releases.count_below(2.0, {year})` also counts any value the release prints without a name, "
                     f"and `releases.missing_allies({year})` names the allies it does not list: a share of allies "
                     "is only as good as the list it is a share of."),
        register=False,
    )


#: The years of NATO's figures that a release in the data lists for (nearly) every ally.
RELEASE_YEARS = (2014, 2017, 2023, 2024, 2025)

generated(_factcheck_02, default={"year": 2024}, year=RELEASE_YEARS)


def _russia(data, year):
    return data.load("milex_sipri_usd").query("iso3 == 'RUS' and year == @year")["usd_constant_2023_millions"].item()


def _europe_to_russia(year):
    return lambda data: round(data.alliance_total(year, exclude=["USA", "CAN"]) / _russia(data, year), 2)


def _factcheck_03(year):
    if year == 2024:
        return DataQuestion(
        "factcheck-03", "Using SIPRI's constant-dollar figures for 2024, how many times as much as Russia did "
                        "the European allies spend together? Store the ratio in `answer` (e.g. `2.5`).",
        expected=_europe_to_russia(2024),
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
            register=False,
        )
    from natocourse import data

    from . import wrong_values

    europe, russia = data.alliance_total(year, exclude=["USA", "CAN"]), _russia(data, year)
    answer = round(europe / russia, 2)
    with_canada = round(data.alliance_total(year, exclude=["USA"]) / russia, 2)
    everyone = round(data.alliance_total(year) / russia, 2)
    return DataQuestion(
        "factcheck-03", f"Using SIPRI's constant-dollar figures for {year}, how many times as much as Russia did the "
                        "European allies spend together? Store the ratio in `answer` (e.g. `2.5`).",
        expected=_europe_to_russia(year),
        tolerance=0.05,
        hints=[f"`data.alliance_total({year}, exclude=[\"USA\", \"CAN\"])` is the European allies' total.",
               "Russia's figure is in `data.load(\"milex_sipri_usd\")` with `iso3 == \"RUS\"` and the same year."],
        feedback=wrong_values(answer, 0.05, [
            (with_canada, f"{with_canada} counts Canada with the European allies; leave out both the United States "
                          "and Canada."),
            (everyone, f"{everyone} is all the allies, the United States included; the question asks about the "
                       "European allies."),
            (round(russia / europe, 2), f"{round(russia / europe, 2)} is Russia's spending as a share of the European "
                                        "allies'; divide the European allies' total by Russia's, not the other way "
                                        "round."),
        ]),
        explanation=(f"Divide the European allies' total (all allies of {year} except the United States and Canada, "
                     f"US$ {europe / 1000:,.0f} bn) by Russia's spending in the same year and unit "
                     f"(US$ {russia / 1000:,.0f} bn): about {answer:.2f} times as much. Spending is not capability, "
                     "and "
                     "SIPRI's estimates for Russia are uncertain."),
        register=False,
    )


#: Years of finding 16's comparison that the lesson charts (SIPRI's constant dollars, Russia included).
BALANCE_YEARS = tuple(range(2014, 2025))

generated(_factcheck_03, default={"year": 2024}, year=BALANCE_YEARS)


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


#: The model answer of factcheck-05 (every figure is in data/, the quotation is finding 14).
FACTCHECK_MODEL = (
    'Finding 14 of H.R. 6508 says: "More than a decade later, nearly 1/3 of NATO members fail to '
    'meet the Wales Pledge." Its checkable part is a count: how many allies spent less than 2 % '
    'of GDP. My verdict: it depends on the year and the release.\n\n'
    "For 2024, NATO's April 2025 release gives values for 31 allies, one of them (1.86 %) without "
    'a name, and 9 of the 31 were below 2 %: 29 %, close to the finding\'s "nearly 1/3". For 2023 '
    'the picture is different: the March 2024 report lists 30 allies, and 19 of them were below 2 '
    "%, or 63 %, far more than a third. For 2025, NATO's August 2025 release, published months "
    'before the bill was introduced, lists 17 allies, all of them at or above 2 %, and the March '
    '2026 report lists 29, all at or above 2 % as well. The finding fits 2024 and no other recent '
    'year; "more than a decade later" after 2014 could mean 2024 or 2025, and the two give '
    'opposite answers.\n\n'
    'Caveats. NATO revises its estimates in later releases, and the latest year of every release '
    'is an estimate, so the same year can give different counts. The April 2025 release names '
    'only 30 of its 31 allies: counting the named ones gives 8 below 2 % in 2024, not 9. The '
    'March 2026 report has no 2025 values for Czechia and Hungary, so saying that every ally met '
    'the pledge would go beyond the data. And the pledge is about spending as a share of GDP, '
    'which says nothing about what the money buys.\n\n'
    "Sources: NATO's releases of March 2024, April 2025, August 2025 and March 2026, as the "
    "course's data hold them (data/defence_expenditure.csv)."
)

Written(
    "factcheck-05", "Fact-check a finding of H.R. 6508 of your choice that the course's data or its cited "
                    "sources can test. Quote the finding, give your verdict (one of the chapter's verdicts), "
                    "the evidence with its year and its source or NATO release, and at least one caveat that "
                    "could change the verdict.",
    word_range=(200, 350),
    guidance="Pick a finding chapter 7 did not settle for you, or one it did and check it again. Name the "
             "release each figure comes from (`data.nato_spending(year, vintage=...)`), and say what a "
             "different, defensible choice of year or source would change.",
    hints=["The findings the data can test are listed by `factcheck.summary()`; finding 14 (the Wales "
           "Pledge) and finding 16 (Europe and Russia) leave room for a real argument."],
    rubric=[
        {"criterion": "The finding", "points": 2, "levels": [
            {"points": 2, "descriptor": "Quotes the finding (or its checkable part) word for word and says which finding it is."},
            {"points": 1, "descriptor": "Names the finding but paraphrases it, or quotes it inaccurately."},
            {"points": 0, "descriptor": "No finding of the bill is identified."}]},
        {"criterion": "Verdict", "points": 2, "levels": [
            {"points": 2, "descriptor": "States a verdict from the chapter's categories that the evidence given supports."},
            {"points": 1, "descriptor": "A verdict that overstates the evidence, or hedges without saying what it depends on."},
            {"points": 0, "descriptor": "No verdict, or one the evidence given contradicts."}]},
        {"criterion": "Evidence", "points": 4, "levels": [
            {"points": 4, "descriptor": "At least two figures from the course's data or cited sources, each with its year "
                                        "and its source or NATO release, read correctly."},
            {"points": 2, "descriptor": "Figures without their year or source, or one figure misread."},
            {"points": 0, "descriptor": "No figure from the course's data or sources."}]},
        {"criterion": "Caveats", "points": 2, "levels": [
            {"points": 2, "descriptor": "At least one caveat that could change the verdict: the year, the release, "
                                        "a definition, or what the data cannot show."},
            {"points": 1, "descriptor": "Only a general caveat that could not change the verdict."},
            {"points": 0, "descriptor": "No caveat."}]}],
    model_answer=FACTCHECK_MODEL,
)
