"""Questions of chapter 10, "Scenario lab".

Answers are computed with ``natocourse.scenarios`` from SIPRI's 2024 figures; hashed keys were made
with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, MultipleChoice, MultipleSelect, Written, generated, shuffled

CHAPTER = (10, "Scenario lab")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("change allies' defence spending as a share of GDP and read the effect on the alliance's totals, "
     "the US share and the number of allies at 2 %, 3.5 % and 5 %"):
        ["lab-02", "lab-04"],
    ("find a scenario that meets a stated goal, such as an alliance without the United States that "
     "spends as much as all the allies did in 2024"):
        ["lab-01", "lab-03", "lab-06"],
    ("say what such a scenario assumes and leaves out"):
        ["lab-05", "lab-06"],
}




def _scenarios():
    # Imported when a check runs, not when the registry loads: scenarios reads the data.
    from natocourse.analysis import scenarios

    return scenarios


def _needed(data):
    base = _scenarios().baseline(2024)
    return _scenarios().share_needed(base, "European allies", _scenarios().summary(base)["total_bn"])


DataQuestion(
    "lab-01", "What share of GDP (in %) would every European ally need to spend so that the allies "
              "*without* the United States spend as much as all the allies did in 2024? Canada keeps its "
              "2024 share. Store the percentage in `answer`.",
    expected=_needed, tolerance=0.05,
    hints=["Try values with `scenarios.apply(base, {\"European allies\": x})` and compare "
           "`summary(...)[\"without_us_bn\"]` with the baseline's `total_bn`.",
           "Or solve it: (target − Canada's spending) / European allies' GDP × 100."],
    feedback={5: "5 % is the Hague goal for 2035; replacing all US spending would take more, because the United "
                "States spent about two thirds of the total in 2024."},
    explanation="`scenarios.share_needed(base, \"European allies\", scenarios.summary(base)[\"total_bn\"])` "
                "gives about 6.3 %: more than the 5 % Hague goal, because the United States alone spent "
                "about two thirds of the total in 2024. That is an upper bound for 'replacing the United States' "
                "in Europe: US spending also pays for commitments outside Europe.",
)

def _at_threshold(year, threshold):
    return lambda data: _scenarios().summary(_scenarios().baseline(year))[f"allies at {threshold:g} %"]


def _lab_02(year, threshold):
    if (year, threshold) == (2024, 3.5):
        return DataQuestion(
        "lab-02", "In the 2024 baseline (SIPRI shares of GDP), how many allies spent at least 3.5 % of GDP? "
                  "Store the number in `answer`.",
        expected=_at_threshold(2024, 3.5),
        hints=["`scenarios.summary(scenarios.baseline(2024))` has a key `\"allies at 3.5 %\"`.",
               "Or count `pct_gdp >= 3.5` in the baseline table."],
        feedback={17: "17 is the number of allies at 2 % of GDP or more; the question asks about 3.5 %.",
                  31: "31 is every ally in the baseline: `pct_gdp` is in percent, so compare it with 3.5, not "
                      "with the share 0.035."},
        explanation="Only one ally was at 3.5 % or more in SIPRI's 2024 figures. SIPRI's shares differ from "
                    "NATO's (chapter 8), so NATO's own count can differ.",
            register=False,
        )
    from . import wrong_values

    base = _scenarios().baseline(year)
    counts = _scenarios().summary(base)
    key = f"allies at {threshold:g} %"
    answer = counts[key]
    others = [(counts[f"allies at {t:g} %"], f"{counts[f'allies at {t:g} %']} is the number of allies at {t:g} % of "
                                             f"GDP or more; the question asks about {threshold:g} %.")
              for t in _scenarios().THRESHOLDS if t != threshold]
    share = threshold / 100
    return DataQuestion(
        "lab-02", f"In the {year} baseline (SIPRI shares of GDP), how many allies spent at least {threshold:g} % of "
                  "GDP? Store the number in `answer`.",
        expected=_at_threshold(year, threshold),
        hints=[f"`scenarios.summary(scenarios.baseline({year}))` has a key `\"{key}\"`.",
               f"Or count `pct_gdp >= {threshold:g}` in the baseline table."],
        feedback=wrong_values(answer, 0, others + [
            (len(base), f"{len(base)} is every ally in the baseline: `pct_gdp` is in percent, so compare it with "
                        f"{threshold:g}, not with the share {share:g}."),
        ]),
        explanation=(f"{answer} of the {len(base)} allies in SIPRI's {year} figures spent {threshold:g} % of GDP or "
                     "more. SIPRI's shares differ from NATO's (chapter 8), so NATO's own count can differ."),
        register=False,
    )


#: The baseline years (SIPRI's shares of GDP) and the lab's thresholds (``scenarios.THRESHOLDS``: the 2 %
#: guideline, the 3.5 % core-defence share and the 5 % headline agreed at The Hague).
BASELINE_YEARS = (2014, 2019, 2024)
LAB_THRESHOLDS = (2.0, 3.5, 5.0)

generated(_lab_02, default={"year": 2024, "threshold": 3.5}, year=BASELINE_YEARS, threshold=LAB_THRESHOLDS)


MultipleChoice(
    "lab-03", "If every European ally spent 3.5 % of GDP and the others kept their 2024 shares, would the "
              "allies without the United States spend more than half of what all allies spent in 2024?",
    options=["Yes", "No"],
    key="bba50c37368be0aa1da9b310f7d51b654ba1a56470565bd48564d20e748ce714",
    hints=["Set the European allies' slider to 3.5 and read 'Without the United States'.",
           "Compare it with half of the baseline's total."],
    feedback={"No": "At 3.5 % the European allies and Canada would spend about US$ 826 bn: more than half of the "
                   "2024 total of about US$ 1,458 bn, though well short of the whole."},
    explanation="Yes: at 3.5 % the European allies and Canada would spend about US$ 826 bn, more than half "
                "of the 2024 total of about US$ 1,458 bn — but still well short of the whole.",
)

shuffled(MultipleSelect(
    "lab-04", "Which changes raise the United States' share of the allies' total spending?",
    options=["The United States raises its share of GDP", "The European allies cut their share of GDP",
             "Canada raises its share of GDP", "The European allies raise their share of GDP"],
    key="a40c9d60a3aa5211352ae2d807e321edcc31e7cdffe43c39791cb43bb009dae7",
    hints=["A share rises when its part grows faster than the whole.",
           "Try each change with the sliders and watch 'United States' share'."],
    feedback={"Canada raises its share of GDP":
                 "More Canadian spending raises the total while US spending stays the same, so the US share "
                 "falls.",
             "The European allies raise their share of GDP":
                 "More European spending raises the total while US spending stays the same, so the US share "
                 "falls."},
    explanation="The US share rises when US spending rises or when everyone else's falls; more spending by "
                "Canada or the European allies lowers it.",
))

MultipleSelect(
    "lab-05", "What does a scenario of the lab assume or leave out? Tick all that apply.",
    options=["Economies stay at their 2024 size",
             "It says nothing about how allies would actually respond",
             "The total it compares with includes US spending outside Europe",
             "It forecasts what allies will spend in 2035",
             "It uses NATO's own estimates for 2025"],
    key="ac0e43da73c40b2969f6bd1ded6e77b83e020e793feade50b8544d8d4ef73034",
    hints=["Re-read the lab's introduction and its summary: what is held fixed, and what is the "
           "starting point?",
           "'A scenario is a calculation, not a forecast.'"],
    feedback={"It forecasts what allies will spend in 2035":
                  "A scenario is a calculation, not a forecast: it shows what a chosen share would mean, "
                  "not what allies will choose.",
              "It uses NATO's own estimates for 2025":
                  "The lab starts from SIPRI's 2024 figures (2025 release), not from NATO's estimates."},
    explanation="A scenario changes shares of GDP and keeps economies at their 2024 size; it says nothing "
                "about how allies or adversaries would respond; and the 2024 total includes US spending "
                "on commitments outside Europe, so matching it is an upper bound for 'replacing the "
                "United States' in Europe.",
)


#: The model answer of lab-06 (its figures are the lab's, from SIPRI's 2024 data).
LAB_MODEL = (
    'My scenario for 2035: every European ally spends 3.5 % of GDP, the core-defence share the '
    'allies committed to at The Hague in 2025, while the United States and Canada keep their 2024 '
    'shares. I chose 3.5 % rather than the 5 % headline because it is the part meant for defence '
    "itself, and because it is already a large step: in SIPRI's 2024 figures only 1 ally spent "
    'that much.\n\n'
    "The lab's results, with economies held at their 2024 size: the European allies would spend "
    'about US$ 797 bn instead of US$ 460 bn; the allies without the United States would spend US$ '
    "826 bn, against US$ 489 bn in 2024; and the US share of the allies' spending would fall from "
    '66 % to 54 %. So the allies without the United States would spend more than half of what all '
    'the allies spent in 2024 (US$ 1,458 bn), but well short of all of it: replacing every US '
    'dollar would take a European share of about 6.3 % of GDP, more than the 5 % goal.\n\n'
    'What the scenario assumes and leaves out. It holds economies at their 2024 size, although '
    'they will grow or shrink by 2035. It says nothing about how the allies, the United States or '
    'Russia would respond: it is a calculation, not a forecast. It compares with a total that '
    'includes US spending on commitments outside Europe, so it overstates what replacing the '
    "United States in Europe would cost. And it counts dollars, not capabilities: NATO's nuclear "
    'missions would still rest with the United States.'
)

Written(
    "lab-06", "Build a scenario for 2035 you find realistic and defend it: choose one share of GDP for every "
              "European ally (the lab's European allies slider, from 2 % to 6.5 %), keep the others at their "
              "2024 shares, and say why you chose it, what two of the lab's results for it are, what it would "
              "and would not achieve, and what the scenario assumes and leaves out.",
    word_range=(200, 350),
    guidance="Run your scenario with `scenarios.apply(base, {\"European allies\": share})` and "
             "`scenarios.summary(...)`, or with the lab's slider. Compare each result with the 2024 baseline, "
             "and give it in the lab's units (US$ billion, or % of the allies' total).",
    hints=["A scenario is a calculation, not a forecast: say what it holds fixed."],
    rubric=[
        {"criterion": "Scenario and reason", "points": 2, "levels": [
            {"points": 2, "descriptor": "States the share chosen and a reason for it tied to a goal or a constraint."},
            {"points": 1, "descriptor": "States the share without a reason."},
            {"points": 0, "descriptor": "No scenario is stated."}]},
        {"criterion": "Results", "points": 3, "levels": [
            {"points": 3, "descriptor": "Two of the lab's results for the scenario, with units, each compared with "
                                        "the 2024 baseline, read correctly."},
            {"points": 2, "descriptor": "Two results, but without units or without the baseline."},
            {"points": 1, "descriptor": "One result, or results misread."},
            {"points": 0, "descriptor": "No result of the lab."}]},
        {"criterion": "What it achieves", "points": 2, "levels": [
            {"points": 2, "descriptor": "Relates the results to a stated goal (replacing US spending, the Hague "
                                        "goal) without claiming more than the numbers show."},
            {"points": 1, "descriptor": "Relates them to a goal, but overclaims."},
            {"points": 0, "descriptor": "Says nothing of what the scenario would achieve."}]},
        {"criterion": "Assumptions and limits", "points": 3, "levels": [
            {"points": 3, "descriptor": "At least two things the scenario assumes or leaves out (economies held "
                                        "fixed, no response of allies or adversaries, US commitments outside "
                                        "Europe, dollars not capabilities)."},
            {"points": 1, "descriptor": "One assumption or limit."},
            {"points": 0, "descriptor": "None."}]}],
    model_answer=LAB_MODEL,
)
