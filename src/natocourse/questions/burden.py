"""Questions of chapter 8, "Burden-sharing by the numbers".

Numbers come from ``natocourse.data`` and ``natocourse.burden``; hashed keys were made with
``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, MultipleChoice, ShortText

CHAPTER = (8, "Burden-sharing by the numbers")


MultipleChoice(
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
)

DataQuestion(
    "burden-02", "Using SIPRI's constant-dollar figures, what percentage of the allies' combined military "
                 "spending did the United States account for in 1990? Store a percentage in `answer`.",
    expected=lambda data: round(100 * data.share_of_total("USA", 1990), 1),
    tolerance=0.5, units="%",
    hints=["`data.share_of_total(\"USA\", 1990)` gives a share between 0 and 1.",
           "Multiply by 100; compare with 2024 afterwards."],
    feedback={66.4: "That is about the US share in 2024 (two thirds); the question asks for 1990.",
              100: "100 % would mean the United States spent everything; compute its share of the "
                   "allies' total."},
    explanation="`answer = 100 * data.share_of_total(\"USA\", 1990)`: about 71 %, a little more than the "
                "two thirds of 2024.",
)

DataQuestion(
    "burden-03", "NATO's three common-funded budgets for 2024 were the civil budget, the military budget "
                 "and the Security Investment Programme ceiling. What is their total in EUR million? "
                 "Store it in `answer`.",
    expected=lambda data: float(data.load("common_funding").query(
        "year == 2024 and item in ['civil_budget', 'military_budget', 'nsip_ceiling']")["value"].sum()),
    tolerance=0.5,
    hints=["`data.load(\"common_funding\")` has one row per item and year.",
           "Filter `year == 2024` and the three items, then sum `value`."],
    explanation="438.1 + 2,030 + 1,300 = 3,768.1 EUR million: a few billion euros, against hundreds of "
                "billions of national defence spending by the allies.",
)

ShortText(
    "burden-04", "Who wrote 'An Economic Theory of Alliances' (1966) with Richard Zeckhauser? Give the "
                 "surname or the full name.",
    key=["8c48bbba984d9888988e3193cf5d39564e1eb2af20ded7179ea2dab9b2ce6db9",
         "fb3927859ac015b848d049f44ee7e7da343807f5b5f6ee207c6171e6686190a3",
         "027bf806657551ac837d7e41857a32f16fab1c0af7b523d77a78beebb75f190b",
         "390c6335aba0b7808e87ed321571fd086391ad75602dc07ccb68b1778468d23c"],
    hints=["He also wrote 'The Logic of Collective Action' (1965).", "His first name is Mancur."],
    feedback={"Zeckhauser": "Richard Zeckhauser is the co-author the question names; who wrote it with him?",
              "Richard Zeckhauser": "Richard Zeckhauser is the co-author the question names; who wrote it "
                                    "with him?"},
    explanation="Mancur Olson, Jr. and Richard Zeckhauser argued that in an alliance that provides a "
                "shared good, larger members bear a disproportionate share of the cost.",
)
