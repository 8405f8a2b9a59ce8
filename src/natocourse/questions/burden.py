"""Questions of chapter 8, "Burden-sharing by the numbers".

Numbers come from ``natocourse.data`` and ``natocourse.burden``; hashed keys were made with
``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, MultipleChoice, Written, generated, shuffled

CHAPTER = (8, "Burden-sharing by the numbers")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("explain what the 2 % guideline, the 2014 Wales pledge and the 2025 Hague commitment ask of "
     "allies, and what they do not"):
        ["burden-01"],
    ("compare allies' defence effort as a share of GDP and in dollars, and compute the US share of the "
     "allies' spending"):
        ["burden-02", "burden-05"],
    ("tell national defence spending from NATO's small common-funded budgets"):
        ["burden-03", "burden-05"],
    ("test Olson and Zeckhauser's theory that larger allies carry a disproportionate share, with a "
     "scatter plot and a fitted line"):
        ["burden-04"],
}



shuffled(MultipleChoice(
    "burden-01", "What did the allies agree at the Wales summit in September 2014?",
    options=["To spend 2 % of GDP on defence at once", "To move towards 2 % of GDP within a decade",
             "To pay NATO 2 % of GDP as membership dues", "To spend 5 % of GDP by 2035"],
    key="63b403006a29f28cc7738c0b9025db242d483654df008f0ce7ffbc624ff976e0",
    hints=["Read the timeline's description of the Wales Defence Investment Pledge.",
           "Allies do not pay 'dues' to NATO; the 5 % goal came in 2025."],
    feedback={"To spend 2 % of GDP on defence at once":
                    "The pledge was to halt cuts and move towards 2 % within a decade, not to reach it at once; "
                    "in 2014 only three allies were at 2 %.",
                "To pay NATO 2 % of GDP as membership dues":
                    "Allies pay no dues of 2 % of GDP: the money is spent on their own forces. NATO's common "
                    "budgets are a few billion euros a year.",
                "To spend 5 % of GDP by 2035":
                    "The 5 % goal for 2035 was agreed at The Hague in June 2025, not at Wales in 2014."},
    explanation="At Wales the allies pledged to halt defence cuts and move towards 2 % of GDP within a "
                "decade. The 2 % figure was a guideline from 2006; the 5 % goal for 2035 was agreed at The "
                "Hague in 2025; and the money is spent on national forces, not paid to NATO.",
))

def _us_share(year):
    return lambda data: round(100 * data.share_of_total("USA", year), 1)


def _burden_02(year):
    if year == 1990:
        return DataQuestion(
        "burden-02", "Using SIPRI's constant-dollar figures, what percentage of the allies' combined military "
                     "spending did the United States account for in 1990? Store a percentage in `answer`.",
        expected=_us_share(1990),
        tolerance=0.5, units="%",
        hints=["`data.share_of_total(\"USA\", 1990)` gives a share between 0 and 1.",
               "Multiply by 100; compare with 2024 afterwards."],
        feedback={66.4: "That is about the US share in 2024 (two thirds); the question asks for 1990.",
                  100: "100 % would mean the United States spent everything; compute its share of the "
                       "allies' total."},
        explanation="`answer = 100 * data.share_of_total(\"USA\", 1990)`: about 71 %, a little more than the "
                    "two thirds of 2024.",
            register=False,
        )
    from natocourse import data

    from . import wrong_values

    answer = round(100 * data.share_of_total("USA", year), 1)
    latest = round(100 * data.share_of_total("USA", 2024), 1)
    us = data.alliance_total(year) - data.alliance_total(year, exclude=["USA"])
    others = data.alliance_total(year, exclude=["USA"])
    return DataQuestion(
        "burden-02", "Using SIPRI's constant-dollar figures, what percentage of the allies' combined military "
                     f"spending did the United States account for in {year}? Store a percentage in `answer`.",
        expected=_us_share(year),
        tolerance=0.5, units="%",
        hints=[f"`data.share_of_total(\"USA\", {year})` gives a share between 0 and 1.",
               "Multiply by 100; compare with 2024 afterwards."],
        feedback=wrong_values(answer, 0.5, [
            (latest, "That is about the US share in 2024; the question asks for " f"{year}."),
            (100, "100 % would mean the United States spent everything; compute its share of the allies' total."),
            (round(100 * us / others, 1), "That divides US spending by the other allies' total; a share divides it "
                                          "by the total of all the allies, the United States included."),
        ]),
        explanation=(f"`answer = 100 * data.share_of_total(\"USA\", {year})`: about {answer:.0f} %, against "
                     f"{latest:.0f} % in 2024. The allies of {year} are the members at the end of that year, so the "
                     "total changes with enlargement as well as with spending."),
        register=False,
    )


#: The years of the lesson's chart of the US share (``burden.us_share_series(1990, 2024)``), 2024 left to
#: debate-05.
SHARE_YEARS = tuple(range(1990, 2024))

generated(_burden_02, default={"year": 1990}, year=SHARE_YEARS)


#: NATO's three common-funded budgets, as ``common_funding`` names them.
BUDGETS = ("civil_budget", "military_budget", "nsip_ceiling")


def _common_budgets(year):
    return lambda data: float(data.load("common_funding").query(
        "year == @year and item in @BUDGETS", local_dict={"year": year, "BUDGETS": list(BUDGETS)})["value"].sum())


def _burden_03(year):
    if year == 2024:
        return DataQuestion(
        "burden-03", "NATO's three common-funded budgets for 2024 were the civil budget, the military budget "
                     "and the Security Investment Programme ceiling. What is their total in EUR million? "
                     "Store it in `answer`.",
        expected=_common_budgets(2024),
        tolerance=0.5,
        hints=["`data.load(\"common_funding\")` has one row per item and year.",
               "Filter `year == 2024` and the three items, then sum `value`."],
        feedback={2468.1: "2,468.1 is the civil and military budgets only; the Security Investment Programme "
                          "ceiling (1,300) is the third.",
                  5947.5: "5,947.5 adds the three budgets of every year in the table, 2017 too; keep only "
                          "`year == 2024`."},
        explanation="438.1 + 2,030 + 1,300 = 3,768.1 EUR million: a few billion euros, against hundreds of "
                    "billions of national defence spending by the allies.",
            register=False,
        )
    from natocourse import data

    from . import wrong_values

    funding = data.load("common_funding")
    rows = funding[funding["item"].isin(BUDGETS)]
    value = rows[rows["year"] == year].set_index("item")["value"]
    answer = float(value.sum())
    return DataQuestion(
        "burden-03", f"NATO's three common-funded budgets for {year} were the civil budget, the military budget "
                     "and the Security Investment Programme ceiling. What is their total in EUR million? "
                     "Store it in `answer`.",
        expected=_common_budgets(year),
        tolerance=0.5,
        hints=["`data.load(\"common_funding\")` has one row per item and year.",
               f"Filter `year == {year}` and the three items, then sum `value`."],
        feedback=wrong_values(answer, 0.5, [
            (value["civil_budget"] + value["military_budget"],
             f"{value['civil_budget'] + value['military_budget']:,.1f} is the civil and military budgets only; the "
             f"Security Investment Programme ceiling ({value['nsip_ceiling']:,.1f}) is the third."),
            (float(rows["value"].sum()), f"{float(rows['value'].sum()):,.1f} adds the three budgets of every year in "
                                         f"the table; keep only `year == {year}`."),
        ]),
        explanation=(f"{value['civil_budget']:,.1f} + {value['military_budget']:,.1f} + {value['nsip_ceiling']:,.1f} "
                     f"= {answer:,.1f} EUR million: a few billion euros, against hundreds of billions of national "
                     "defence spending by the allies."),
        register=False,
    )


#: The years for which ``common_funding`` holds all three budgets.
BUDGET_YEARS = (2017, 2024)

generated(_burden_03, default={"year": 2024}, year=BUDGET_YEARS)


def _olson_r(data, year=2014):
    # Imported when a check runs, not when the registry loads: burden reads the data.
    import numpy as np

    from natocourse.analysis import burden

    allies = burden.size_and_share(year)
    return round(burden.fit_line(np.log10(allies["gdp_bn"]), allies["pct_gdp"]).r, 2)


def _olson(year):
    return lambda data: _olson_r(data, year)


def _fit(year):
    import numpy as np

    from natocourse.analysis import burden

    allies = burden.size_and_share(year)
    return len(allies), burden.fit_line(np.log10(allies["gdp_bn"]), allies["pct_gdp"])


def _burden_04(year):
    if year == 2014:
        return DataQuestion(
        "burden-04", "Test Olson and Zeckhauser's theory for **2014**, the year of the Wales pledge, as the "
                     "lesson does for 2024 and 1985: with `burden.size_and_share(2014)` and `burden.fit_line` "
                     "(x: the base-10 logarithm of implied GDP, y: share of GDP), what is the correlation "
                     "`r`? Store it in `answer`, rounded to two decimals.",
        expected=_olson_r, tolerance=0.01,
        hints=["Copy the lesson's cell for 1985 and change the year: `allies = burden.size_and_share(2014)`, "
               "then `fit = burden.fit_line(np.log10(allies[\"gdp_bn\"]), allies[\"pct_gdp\"])`.",
               "`fit.r` is the correlation, `fit.slope` the slope; `round(fit.r, 2)` rounds it."],
        feedback={0.02: "That is about r for 2024, which the lesson computes; change the year to 2014.",
                  0.6: "That is about r for 1985, which the lesson computes; change the year to 2014.",
                  0.4: "0.40 is the slope (percentage points per tenfold GDP); the question asks for r."},
        explanation="`round(fit.r, 2)` gives 0.47 for 27 allies: a moderate positive relation, between the "
                    "Cold War's 0.60 (1985) and 2024's near zero. Larger economies still spent larger shares "
                    "of GDP in 2014, as the theory predicts, though less clearly than in 1985; the relation "
                    "had all but vanished ten years later.",
            register=False,
        )
    from natocourse import data

    from . import wrong_values

    count, fit = _fit(year)
    answer = round(fit.r, 2)
    lesson = {y: round(_fit(y)[1].r, 2) for y in (2024, 1985)}
    sign = "positive" if answer > 0 else "negative"
    relation = (f"a strong {sign} relation" if abs(answer) >= 0.7 else f"a moderate {sign} relation"
                if abs(answer) >= 0.4 else f"a weak {sign} relation" if abs(answer) >= 0.2 else "hardly any relation")
    return DataQuestion(
        "burden-04", f"Test Olson and Zeckhauser's theory for **{year}**, as the lesson does for 2024 and 1985: with "
                     f"`burden.size_and_share({year})` and `burden.fit_line` (x: the base-10 logarithm of implied GDP, "
                     "y: share of GDP), what is the correlation `r`? Store it in `answer`, rounded to two decimals.",
        expected=_olson(year), tolerance=0.01,
        hints=[f"Copy the lesson's cell for 1985 and change the year: `allies = burden.size_and_share({year})`, "
               "then `fit = burden.fit_line(np.log10(allies[\"gdp_bn\"]), allies[\"pct_gdp\"])`.",
               "`fit.r` is the correlation, `fit.slope` the slope; `round(fit.r, 2)` rounds it."],
        feedback=wrong_values(answer, 0.01, [
            (lesson[2024], f"That is about r for 2024, which the lesson computes; change the year to {year}."),
            (lesson[1985], f"That is about r for 1985, which the lesson computes; change the year to {year}."),
            (round(fit.slope, 2), f"{fit.slope:.2f} is the slope (percentage points per tenfold GDP); the question "
                                  "asks for r."),
        ]),
        explanation=(f"`round(fit.r, 2)` gives {answer:.2f} for {count} allies: {relation}, against "
                     f"{lesson[1985]:.2f} in 1985 and "
                     f"{lesson[2024]:.2f} in 2024. The theory predicts that larger economies spend larger shares of "
                     "GDP; how clearly the data show it depends on the year, and on which allies the year counts."),
        register=False,
    )


#: Years of SIPRI's data to test the theory in, besides the lesson's 1985 and 2024 (every five years
#: from 1960, and 2014 and 2019).
OLSON_YEARS = (1960, 1965, 1970, 1975, 1980, 1990, 1995, 2000, 2005, 2010, 2014, 2019)

generated(_burden_04, default={"year": 2014}, year=OLSON_YEARS)


#: The model answer of burden-05 (every figure is in data/).
BURDEN_MODEL = (
    'I would measure a fair share by effort: defence spending as a share of GDP. It asks every '
    'ally for the same sacrifice relative to what its economy can bear, which is what the 2006 '
    'guideline of 2 % and the Hague commitment of 2025 measure. By this measure Poland led the '
    "allies in 2024 with 4.07 % of GDP in NATO's April 2025 release, ahead of the United States "
    'at 3.19 %, while Italy (1.5 %) and Spain (1.24 %) were still below 2 %.\n\n'
    "The strongest objection is that effort hides size. In SIPRI's figures the United States "
    "spent US$ 968 bn in 2024, in constant 2023 dollars, about 66 % of the allies' total: a large "
    'economy at 2 % buys far more defence than a small one at 4 %, and dollars are what deter. '
    'That is true of capability, but not of fairness. An ally cannot choose the size of its '
    'economy, only how much of it it spends: dollars tell us what the alliance can do, shares of '
    'GDP whether each ally has done its part.\n\n'
    "A share of NATO's common budgets would be the wrong measure. NATO's military budget was EUR "
    '2,030 million in 2024, a small fraction of what the allies spend on their own forces, and no '
    'ally pays its 2 % to NATO. What shares of GDP leave out, and what I would want data on, is '
    'what the money buys: forces that are ready, and aid to Ukraine.'
)

Written(
    "burden-05", "Which measure of a \"fair share\" of the alliance's burden would you defend: defence "
                 "spending as a share of GDP, in dollars, or as a share of NATO's common budgets? Argue for "
                 "one, with at least two figures from the course's data, and answer the strongest objection "
                 "to it.",
    word_range=(150, 300),
    guidance="Say what \"fair\" means in your argument before you measure it. Give each figure with whose "
             "it is, its year and its source (NATO's release, or SIPRI).",
    hints=["Chapter 8 puts the two rankings side by side: Poland leads on effort, the United States on "
           "dollars. Which of the two does your idea of fairness need?"],
    rubric=[
        {"criterion": "Claim", "points": 2, "levels": [
            {"points": 2, "descriptor": "Chooses one measure and says why it captures what fair means in the argument."},
            {"points": 1, "descriptor": "Chooses a measure without saying why it is the fair one."},
            {"points": 0, "descriptor": "No clear choice of measure."}]},
        {"criterion": "Evidence", "points": 2, "levels": [
            {"points": 2, "descriptor": "Two figures from the course's data, each with whose it is, its year and its "
                                        "source, that show what the measure does."},
            {"points": 1, "descriptor": "One figure, or figures without their year or source."},
            {"points": 0, "descriptor": "No figure from the data."}]},
        {"criterion": "Objection", "points": 2, "levels": [
            {"points": 2, "descriptor": "States the strongest objection fairly and answers it."},
            {"points": 1, "descriptor": "Mentions an objection but does not answer it, or answers a weak one."},
            {"points": 0, "descriptor": "No objection considered."}]},
        {"criterion": "Measurement", "points": 2, "levels": [
            {"points": 2, "descriptor": "Tells effort (share of GDP) from size (dollars), and national spending from "
                                        "NATO's common budgets; never says allies pay 2 % to NATO."},
            {"points": 1, "descriptor": "One confusion between these measures."},
            {"points": 0, "descriptor": "Treats the measures as the same thing, or the 2 % as a payment to NATO."}]}],
    model_answer=BURDEN_MODEL,
)
