"""Questions of chapter 10, "Scenario lab".

Answers are computed with ``natocourse.scenarios`` from SIPRI's 2024 figures; hashed keys were made
with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, MultipleChoice, MultipleSelect

CHAPTER = (10, "Scenario lab")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("change allies' defence spending as a share of GDP and read the effect on the alliance's totals, "
     "the US share and the number of allies at 2 %, 3.5 % and 5 %"):
        ["lab-02", "lab-04"],
    ("find a scenario that meets a stated goal, such as an alliance without the United States that "
     "spends as much as all the allies did in 2024"):
        ["lab-01", "lab-03"],
    ("say what such a scenario assumes and leaves out"):
        ["lab-05"],
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

DataQuestion(
    "lab-02", "In the 2024 baseline (SIPRI shares of GDP), how many allies spent at least 3.5 % of GDP? "
              "Store the number in `answer`.",
    expected=lambda data: _scenarios().summary(_scenarios().baseline(2024))["allies at 3.5 %"],
    hints=["`scenarios.summary(scenarios.baseline(2024))` has a key `\"allies at 3.5 %\"`.",
           "Or count `pct_gdp >= 3.5` in the baseline table."],
    feedback={17: "17 is the number of allies at 2 % of GDP or more; the question asks about 3.5 %.",
              31: "31 is every ally in the baseline: `pct_gdp` is in percent, so compare it with 3.5, not "
                  "with the share 0.035."},
    explanation="Only one ally was at 3.5 % or more in SIPRI's 2024 figures. SIPRI's shares differ from "
                "NATO's (chapter 8), so NATO's own count can differ.",
)

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

MultipleSelect(
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
)

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
