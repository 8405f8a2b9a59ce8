"""Questions of chapter 6, "The bill" (H.R. 6508 and S. 2174).

Facts come from the bill as quoted in the press and on congress.gov (cited in the chapter) and from
``data/bill_findings.csv``. Hashed keys were made with ``python -m natocourse exercises key``.
"""

from natocourse.engine import (DataQuestion, Matching, MultipleChoice, MultipleSelect, Numeric, Ordering, ShortText,
                                  shuffled)

CHAPTER = (6, "The bill: H.R. 6508 and S. 2174")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("say who introduced the NATO Act in each chamber, when, and what its operative provisions would "
     "do"):
        ["bill-01", "bill-02", "bill-05"],
    ("read the bill's 18 findings from the course's data and sort them into checkable claims and "
     "opinions or predictions"):
        ["bill-06", "bill-03"],
    ("describe the steps the bill would need to become law, and say where it stood according to the "
     "sources, with their dates"):
        ["bill-04", "bill-07", "bill-08"],
}


def _days_from_check_to_lapse(data):
    import pandas as pd

    record = data.load("currency").set_index("key")
    return int((pd.Timestamp(record.loc["congress_119_end", "value"]) - record.loc["bill_s2174", "checked"]).days)



Numeric(
    "bill-01", "Under H.R. 6508, within how many days after the Act is enacted must the President give "
               "notice of denunciation of the North Atlantic Treaty?",
    answer=30, units="days",
    hints=["The bill says 'not later than ... days after the date of the enactment of this Act'.",
           "It is about a month."],
    feedback={365: "One year is the wait after the notice under Article 13; the bill sets a shorter deadline "
                   "for the notice itself.",
              396: "That is roughly when withdrawal would take effect (notice plus one year); the question asks "
                   "for the notice deadline."},
    explanation="The bill directs that 'not later than 30 days after the date of the enactment of this "
                "Act, the President shall give notice of denunciation'. Withdrawal itself would follow one "
                "year after the notice, under Article 13 of the treaty.",
)

MultipleSelect(
    "bill-02", "Which of these would H.R. 6508 bar US funds from, directly or indirectly?",
    options=["The civil budget", "The military budget", "The NATO Security Investment Program",
             "The US defence budget as a whole", "Military aid to Ukraine"],
    key="a6c32028bae7fcdcde4b3a5f4bd9913eb8d226f6ea1940bc84f592f1c5d93c4d",
    hints=["The bill names NATO's 'common-funded budgets'.",
           "There are three of them; the bill lists each one."],
    feedback={"The US defence budget as a whole":
                  "The bill bars only US contributions to NATO's common-funded budgets; it says nothing about "
                  "the US defence budget as a whole.",
              "Military aid to Ukraine":
                  "The bill does not mention aid to Ukraine; its funding bar covers NATO's common-funded "
                  "budgets."},
    explanation="The bill bars funds for US contributions to 'the common-funded budgets' of NATO, "
                "'including the civil budget, the military budget, or the Security Investment Program'. "
                "It says nothing about the US defence budget as a whole or about aid to Ukraine.",
)

DataQuestion(
    "bill-03", "How many of the bill's 18 findings does the course's `bill_findings` table mark as "
               "checkable with data? Store the number in `answer`.",
    expected=lambda data: int(data.load("bill_findings")["checkable_with_data"].sum()),
    hints=["`data.load(\"bill_findings\")` has a true/false column `checkable_with_data`.",
           "Summing a true/false column counts the trues."],
    feedback={18: "18 is every finding; count only the rows whose `checkable_with_data` is true."},
    explanation="`answer = int(data.load(\"bill_findings\")[\"checkable_with_data\"].sum())`. The others "
                "are opinions, predictions or quotations of the treaty, which data cannot settle.",
)

Ordering(
    "bill-04", "Put the steps by which a bill such as H.R. 6508 would become law in order (without a veto).",
    items=["A committee considers it", "A member introduces the bill", "The House passes it",
           "The President signs it", "The Senate passes it"],
    key=["999f43fe7ec9cf896e7b3371f446d107013a798215bd9ac9472c7c254a081eff",
         "6a49ef2869a793bd71ccad3018202135f554d840073ac4c769888bd3e07ec837",
         "d2b3997fb46891a46bb7a91288bfddf13f42e6ddc42587883740d300be6fb2fa",
         "279f5d078f4023511ade2ada99be51456a837b6ca7088cf717b12edbe8de66cd",
         "1a89bf90d8aad64b9e498ed4274e8343327d72413c48a86094bd85181f84f32e"],
    hints=["A House bill starts in the House; committee work comes before any floor vote.",
           "Both chambers must pass the same text before the President acts."],
    explanation="A member introduces the bill; it is referred to a committee; the House passes it; the "
                "Senate passes the same text; the President signs it (or vetoes it, and Congress may "
                "override the veto by two thirds of each chamber).",
)

ShortText(
    "bill-05", "Which senator introduced S. 2174, the Senate companion of the NATO Act?",
    key=["ac4d157dfcce219e37f3f3b0ec8d86a45463bf64e954940045808887bf512e6a",
         "7723fe99247e98185ad80a94b7e33fa8553e8e38e436b2a8a537116afc944391",
         "32868a54e7767a98d6923971c0166c36bcbe550b82bb56336c428606d80e9a71",
         "3dcdbf25435e14f0e1d72ed9e7100cf9ebb45754c3a82576adf91f9e61375f0e",
         "be911be7811a09947a2b6df883085fa3fdea53acf4c8f025c9c82ac48bca0f87"],
    hints=["He is a Republican senator from Utah.", "He also posted 'It's time to leave NATO and the UN.'"],
    feedback={"Massie": "Thomas Massie sponsors the House bill, H.R. 6508 (introduced 9 December 2025); the Senate "
                        "companion, S. 2174, was introduced in June 2025 by a Republican senator from Utah.",
              "Thomas Massie": "Thomas Massie sponsors the House bill, H.R. 6508; the Senate companion, S. 2174, "
                               "was introduced in June 2025 by a Republican senator from Utah.",
              "Anna Paulina Luna": "Rep. Anna Paulina Luna co-sponsors the House bill; the question asks about "
                                   "the Senate.",
              "Luna": "Rep. Anna Paulina Luna co-sponsors the House bill; the question asks about the Senate.",
              "Ron Paul": "Ron Paul called NATO 'an entangling alliance' in 2017; he did not introduce S. 2174."},
    explanation="Senator Mike Lee (R-UT) introduced S. 2174 on 25 June 2025; it was referred to the "
                "Committee on Foreign Relations.",
)

Matching(
    "bill-06", "Sort these findings of the bill yourself: can data check the whole claim, only part of it "
               "(a checkable fact inside a judgement, or an overstated fact), or none of it (an opinion or "
               "prediction)?",
    items=["Finding 4: the Warsaw Pact collapsed in 1991, followed by the Soviet Union",
           "Finding 6: the end of the Warsaw Pact and the Soviet Union rendered NATO's founding mission irrelevant",
           "Finding 10: the 2022 invasion of Ukraine demonstrates Russia's willingness to use military action "
           "against perceived threats",
           "Finding 13: at Wales in 2014 NATO members pledged to spend 2 percent of GDP on defense",
           "Finding 18: US membership of NATO is inconsistent with US national security interests"],
    options=["A claim data can check", "Partly: data can check only part of it", "An opinion or prediction"],
    key=["cacea88107d62cfb3db8d31027753da2bfa46616c1545b2a6fabcf8df38c04ee",
         "c504699f527d84602809275b973afa77f3bfb2c34838aad1b5cb32638be47bc0",
         "4f25531b6127bd77ce8e54d4025827863324b324d768bdb9335b904327cbbeff",
         "3ad44fc505b2a7a0733fe5b1e2a909964fb55248428f6f0c717a5619572e577b",
         "173482d1f7cf0e11ffba47852e49f6edd475e4c0444591850c3221a0bd44301f"],
    hints=["Ask of each finding: is there a date, an event or a number that a table could hold? Is that "
           "all the finding says?",
           "Words such as 'irrelevant' and 'inconsistent with ... interests' are judgements; 'demonstrates' "
           "adds a judgement to a date; and the Wales pledge was to *move towards* 2 %."],
    explanation="Finding 4 states events with dates, which the course's `timeline` table holds (the "
                "Warsaw Pact dissolved on 1 July 1991, the USSR by the end of that year). Findings 6 and "
                "18 are judgements: data can inform them but cannot settle them. Findings 10 and 13 are "
                "partly checkable, as chapter 7 finds: "
                "the invasion's date is a fact, but what it 'demonstrates' about Russia's motives is an "
                "interpretation; and at Wales the allies pledged to *move towards* 2 % of GDP within a "
                "decade, not to spend it. The `checkable_with_data` column of "
                "`data.load(\"bill_findings\")` marks both as checkable because part of each is.",
)

DataQuestion(
    "bill-07", "The course keeps the bills' status in a dated record, `data.load(\"currency\")`. How many "
               "days were there between the day the status of S. 2174 was last checked (row `bill_s2174`, "
               "column `checked`) and the end of the 119th Congress (row `congress_119_end`, column "
               "`value`)? Store the number in `answer`.",
    expected=lambda data: _days_from_check_to_lapse(data),
    units="days",
    feedback={-32: "The sign is the wrong way round: subtract the day of the check from the end of the "
                   "Congress, so that a deadline still ahead gives a positive number of days.",
              557: "557 days run from the bill's introduction (25 June 2025) to the end of the Congress; "
                   "the question asks from the day its status was last checked, the `checked` column."},
    hints=["`record = data.load(\"currency\").set_index(\"key\")` lets you pick a row with "
           "`record.loc[\"bill_s2174\", \"checked\"]`.",
           "`value` is text: turn it into a date with `pd.Timestamp(...)`, subtract, and take `.days`."],
    explanation="`(pd.Timestamp(record.loc[\"congress_119_end\", \"value\"]) - "
                "record.loc[\"bill_s2174\", \"checked\"]).days` gives the days from the last check to "
                "the end of the Congress: 32 in the record of 2 December 2026. The answer follows the "
                "record, which is the point: a bill's status is only as good as the date it was checked, "
                "and a status checked after the Congress has ended must say whether the bill died.",
)

shuffled(MultipleChoice(
    "bill-08", "H.R. 6508 and S. 2174 were introduced in the 119th Congress, which ends on 3 January 2027. "
               "What happens to a bill that has not passed both chambers when its Congress ends?",
    # both-sides: 2027-01-03
    options=["It dies; to go on, it must be introduced again in the next Congress as a new bill",
             "It carries over to the next Congress and resumes where it stopped",
             "It becomes law unless the President vetoes it",
             "It stays in committee until the committee votes on it"],
    key="99b93d4a02e8cf089a6a3469d5a2d670238d99a4d17bb08fe37254eaedc90a51",
    hints=["A Congress lasts two years; each new Congress starts its bills from number one.",
           "The chapter's section on the deadline quotes a library guide to the legislative process."],
    feedback={"It carries over to the next Congress and resumes where it stopped":
                  "Bills do not carry over from one Congress to the next: a bill not enacted dies when its "
                  "Congress ends, and must be reintroduced with a new number.",
              "It becomes law unless the President vetoes it":
                  "Only a bill that has passed both chambers reaches the President; an unpassed bill never "
                  "becomes law, with or without a veto.",
              "It stays in committee until the committee votes on it":
                  "Committees of the new Congress start afresh: a bill left in committee dies with its "
                  "Congress."},
    explanation="A bill that is not enacted in a two-year Congress dies when that Congress ends; it may "
                "be reintroduced in the next Congress with a new number, and starts again in committee. "
                "The sentence is true before and after 3 January 2027: before it, the bills are still "
                "alive; after it, unless they passed, they are dead.",
))
