"""Questions of chapter 6, "The bill" (H.R. 6508 and S. 2174).

Facts come from the bill as quoted in the press and on congress.gov (cited in the chapter) and from
``data/bill_findings.csv``. Hashed keys were made with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, Matching, MultipleSelect, Numeric, Ordering, ShortText

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
        ["bill-04"],
}



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
    "bill-06", "Sort these findings of the bill yourself: is each one a claim that data can check, or an "
               "opinion or prediction that data cannot settle?",
    items=["Finding 4: the Warsaw Pact collapsed in 1991",
           "Finding 6: the end of the Warsaw Pact rendered NATO's founding mission irrelevant",
           "Finding 10: Russia invaded Ukraine in 2022",
           "Finding 13: at Wales in 2014 the allies pledged to spend 2 percent of GDP on defense",
           "Finding 18: US membership of NATO is inconsistent with US security interests"],
    options=["A claim data can check", "An opinion or prediction"],
    key=["b42ae22eada6636852db82d8a7b0473757f4e2761068165eab958aec3811b316",
         "d79b4f2ef02c7646ae8ee8f793abca840aed4fe0f4a9ff4cbd587d9221c2c702",
         "ee70838cf6fa203ca32d9d2ce8c32d42e8bdb6730e861944b065127d976e2785",
         "c72fe68436601a2a4240324776e61eef3830670c257fd29290afe6d4be0077b2",
         "c6cf6c4c2bcfb2d0da1b0801eb5c90bb69b9be7dc3921ba4bfb146079d97923a"],
    hints=["Ask of each finding: is there a date, an event or a number that a table could hold?",
           "Words such as 'irrelevant' and 'inconsistent with ... interests' are judgements: people who "
           "agree on every fact can still disagree about them."],
    explanation="Findings 4, 10 and 13 state events with dates, which the course's `timeline` table "
                "holds (the Warsaw Pact dissolved on 1 July 1991; the full-scale invasion began on "
                "24 February 2022; the Wales pledge of September 2014). Findings 6 and 18 are "
                "judgements: data can inform them but cannot settle them. Compare your sorting with "
                "the `checkable_with_data` column of `data.load(\"bill_findings\")`.",
)
