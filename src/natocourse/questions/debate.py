"""Questions of chapter 9, "The debate".

Quotations come from the course's three source articles (cited in the chapter); numbers come from
``natocourse.data``. Hashed keys were made with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, Matching, MultipleChoice, MultipleSelect

CHAPTER = (9, "The debate")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("state the main positions on the US role in NATO \u2014 withdrawal, the case for the alliance made by "
     "its defenders, burden-shifting inside the alliance, NATO officials' \"strategic patience\", and "
     "the scholarly critique of burden-shifting \u2014 each in the words of its own advocates"):
        ["debate-01", "debate-02", "debate-03"],
    ("separate, in each position, the claims of fact (which data can test) from predictions and values"):
        ["debate-06"],
    ("use the course's data to bring evidence to a structured class debate"):
        ["debate-04", "debate-05"],
}



MultipleChoice(
    "debate-01", "According to Shifrinson's analysis, what is the second Trump administration's "
                 "policy towards NATO?",
    options=["Leave NATO, as H.R. 6508 proposes",
             "Stay in NATO but shift more of the burden to European allies",
             "Keep the post-Cold War division of labour unchanged",
             "Expand NATO to include Ukraine quickly"],
    key="4fd8f053aad29eac1d83dc8fd7dac80fb945fcafe7ac1c4c7b8556de06a2f4cb",
    hints=["Read the article's first sentence again: 'not by exiting, but by ...'.",
           "The officials quoted say the US 'remains committed' while Europe must 'lead from the front'."],
    feedback={"Leave NATO, as H.R. 6508 proposes":
                    "Withdrawal is the position of the bill's sponsors; Shifrinson describes change 'not by "
                    "exiting, but by coercively urging European allies to carry more of the burden'.",
                "Keep the post-Cold War division of labour unchanged":
                    "Officials quoted in the article say Europe must 'lead from the front': that changes the "
                    "division of labour.",
                "Expand NATO to include Ukraine quickly":
                    "That is not the policy the article analyses: its subject is shifting the burden to "
                    "European allies while staying in."},
    explanation="Shifrinson describes a strategy of staying in the alliance while coercively urging "
                "European allies to carry more of the burden: 'not by exiting, but by coercively urging "
                "European allies to carry more of the burden'. Withdrawal is the position of the bill's "
                "sponsors, not of the administration.",
)

Matching(
    "debate-02", "Match each quotation with the person the course's sources attribute it to.",
    items=["It's time to leave NATO and the UN.",
           "European allies must lead from the front.",
           "It's a sort of 'strategic patience' we must practice.",
           "It qualifies as an entangling alliance."],
    options=["A senior NATO official", "Defense Secretary Pete Hegseth", "Ron Paul", "Sen. Mike Lee"],
    key=["91de799e64210e98b073a5aed3bf2b09639ddd58375aac86475070927f28b1ab",
         "b1786c57779ec4d5991464facd7985543ee427d44046b3298819aa5e9edbbedd",
         "92554e3139b9a9e29dbb7de56fe48bafe9c6ce0cfbb72302c77f95049fbbfa8b",
         "62af36fbc0c17a6cfaf5da3b4876d4fa8afcbd3491f7e9b31600268dc92e1d88"],
    hints=["Two of the speakers want the United States out; two want it to stay.",
           "The phrase 'entangling alliance' goes back to the early republic; the speaker ran for "
           "president in 2008 and 2012."],
    explanation="Lee posted 'It's time to leave NATO and the UN' on X (RFE/RL); Hegseth told allies in "
                "February 2025 that Europe 'must lead from the front' (Shifrinson); a senior NATO "
                "official described 'strategic patience' (RFE/RL); Ron Paul called NATO 'an entangling "
                "alliance' in 2017 (the Massie bill article).",
)

MultipleSelect(
    "debate-03", "Which limits of the burden-shifting strategy does Shifrinson name?",
    options=["Europe gets a vote", "The nuclear dimension", "Russia's reaction",
             "The cost of US bases in Asia", "The 2% guideline is illegal"],
    key="6649e31d3539d4da2d6e7b887353aab506427558173c25741bce65240ac3d4bd",
    hints=["There are three, set out near the end of the article.",
           "One is about European choices, one about weapons, one about an adversary."],
    feedback={"The cost of US bases in Asia":
                    "Shifrinson's three limits concern Europe's own choices, nuclear weapons and Russia's "
                    "reaction; bases in Asia are not among them.",
                "The 2% guideline is illegal":
                    "The 2 % guideline is an informal agreement of defence ministers (2006), not a law, and "
                    "its legality is not among Shifrinson's limits."},
    explanation="Shifrinson names three limits: Europe gets a vote (it may not act as Washington "
                "wants, and the more it does, the less US control); nuclear weapons have gone "
                "unaddressed while Russia is nuclear-armed; and the approach assumes no downturn in "
                "NATO-Russia relations.",
)

DataQuestion(
    "debate-04", "In NATO's March 2026 report (vintage `2026-03`), how many of the allies listed "
                 "for 2025 were at or above 2 % of GDP? Store the number in `answer`.",
    expected=lambda data: data.count_meeting(2.0, 2025, vintage="2026-03"),
    hints=["`data.nato_spending(2025, vintage=\"2026-03\")` gives one row per listed ally.",
           "Count the rows whose `pct_gdp` is at least 2.0, or use `data.count_meeting`."],
    feedback={22: "22 counts the allies above 2 % only: seven are listed at exactly 2.0 %, and 'at or above' "
                  "includes them (`>=`, not `>`).",
              17: "17 is how many allies NATO's August 2025 release listed for 2025; the question asks about "
                  "the March 2026 report (`vintage=\"2026-03\"`), which lists 29.",
              32: "32 is every ally, but the March 2026 table lists 29: the report the course read gives no "
                  "2025 values for Czechia and Hungary, and Iceland is never in NATO's tables."},
    explanation="`answer = data.count_meeting(2.0, 2025, vintage=\"2026-03\")` counts every listed ally: "
                "all 29 were at or above 2 %. Note who is missing before saying 'every ally': the press "
                "report the course read gives no 2025 values for Czechia and Hungary, and Iceland, which "
                "has no armed forces, is never in NATO's tables. Germany, whose 2025 figure was not yet "
                "published in NATO's August 2025 release, is in the March 2026 table at 2.4 %. "
                "`releases.missing_allies(2025)` lists the gaps.",
)

DataQuestion(
    "debate-05", "Using SIPRI's constant-dollar figures, what percentage of the allies' combined "
                 "military spending in 2024 was spent by the United States? Store a percentage (e.g. "
                 "`55.0`) in `answer`.",
    expected=lambda data: round(100 * data.share_of_total("USA", 2024), 1),
    tolerance=0.5, units="%",
    hints=["`data.share_of_total(\"USA\", 2024)` gives a share between 0 and 1.",
           "Multiply by 100 to get a percentage."],
    feedback={70.7: "That is about the US share in 1990, at the end of the Cold War; the question asks "
                    "for 2024."},
    explanation="`answer = 100 * data.share_of_total(\"USA\", 2024)` gives about two thirds (66 %) in "
                "2024: the United States spent roughly twice as much as all the other allies together, in "
                "SIPRI's constant 2023 dollars (2025 release).",
)

Matching(
    "debate-06", "Sort these statements from the debate: is each a claim of fact (evidence can check it), a "
                 "prediction (only the future can settle it) or a value (evidence informs it but cannot "
                 "decide it)?",
    items=["European allies spend more on defence than Russia",
           "Without the United States, Europe would defend itself",
           "The Constitution does not authorise permanent foreign entanglements",
           "Membership risks involvement in foreign wars",
           "The number of allies at 2 % of GDP has risen sharply since 2014"],
    options=["A claim of fact", "A prediction", "A value"],
    key=["4c617e7346f0433aa27a51f299570517fedf8a8602a3cba950f4be42e2f29c45",
         "00472956c126daff1539c038885e8281502ffcf6071afd2026fc23698c4649ca",
         "ea1eb40300f8dd8bce4502460ce93c50b299f9e238a7b8150c4bc781fc141388",
         "4089e4748d3cdf9ec3e2e2b60e006966250bb46c616f6640b44951f59ad3f4ed",
         "506ddc4b7948cbe15e42332ae54384b02d114c3b4b7c9b460a20ae3566932c57"],
    hints=["Ask of each: could a table of data check it today? Is it about what would happen? Is it "
           "about what is right?",
           "Words such as 'would' and 'risks' point to the future; 'authorise' and 'should' to values."],
    explanation="Claims of fact: European allies' spending against Russia's, and the count of allies at "
                "2 % (both in the course's data, with the caveats of chapter 7). Predictions: what Europe "
                "would do without the United States, and the risk of being drawn into wars. Value: what "
                "the Constitution should be read to allow.",
)
