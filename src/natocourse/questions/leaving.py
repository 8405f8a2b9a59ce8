"""Questions of chapter 5, "How the United States could leave".

Facts: Goldwater v. Carter (1979), 22 U.S.C. 1928f (FY2024 NDAA sec. 1250A), the NATO Act's
30-day notice rule (H.R. 6508 / S. 2174, not law), Article 13 of the treaty and the course's
membership table. Date arithmetic follows :mod:`natocourse.withdrawal`. Hashed keys were made with
``python -m natocourse exercises key ID KIND ANSWER...``.
"""

from natocourse.engine import (DataQuestion, MultipleChoice, MultipleSelect, Numeric, Ordering,
                                  ShortText, generated, shuffled)

from . import members_on_question

CHAPTER = (5, "How the United States could leave")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("separate the international rule (Article 13) from the domestic question of who decides"):
        ["leaving-05", "leaving-03"],
    ("summarise the Taiwan treaty precedent and what *Goldwater v. Carter* did and did not decide"):
        ["leaving-01", "leaving-06"],
    ("quote 22 U.S.C. 1928f and explain the two routes it leaves open"):
        ["leaving-03", "leaving-04"],
    ("explain how H.R. 6508 / S. 2174 would direct a withdrawal, and compute its timetable for any "
     "(hypothetical) enactment date"):
        ["leaving-02", "leaving-05"],
    ("state the open legal questions and the strongest argument on each side"):
        ["leaving-07"],
}


shuffled(MultipleChoice(
    "leaving-01", "What did the Supreme Court do in *Goldwater v. Carter* (1979), the challenge to "
                  "President Carter's termination of the defence treaty with Taiwan?",
    options=["It ruled that a President may terminate any treaty alone",
             "It ruled that ending a treaty needs two-thirds of the Senate",
             "It dismissed the complaint without deciding whether the President needed the Senate",
             "It ordered the treaty with Taiwan to stay in force"],
    key="4de268436e4253764e9df68fada375eaf353a0d96c21a7f317bb053532615e5d",
    hints=["The justices disagreed about *why*, but agreed on what to do with the case.",
           "Four justices called it a political question; Justice Powell said it was not ripe."],
    feedback={"It ruled that a President may terminate any treaty alone":
                     "The Court laid down no such rule: it ordered the complaint dismissed without deciding "
                     "whether the President needed the Senate.",
                 "It ruled that ending a treaty needs two-thirds of the Senate":
                     "The Court made no ruling on the Senate's role: four justices called it a political "
                     "question, and Justice Powell said it was not ripe.",
                 "It ordered the treaty with Taiwan to stay in force":
                     "The Court did not keep the treaty alive: it ended on 1 January 1980."},
    explanation="The Court vacated the appeals court's judgment and ordered the complaint dismissed, "
                "without argument and without deciding the constitutional question. The treaty "
                "ended on 1 January 1980, one year after the notice took effect.",
))

Numeric(
    # hypothetical: 2027-06-01  (registered in natocourse.hypothetical; tests fail once it has passed)
    "leaving-02", "Suppose (hypothetically) that a bill with the NATO Act's text were enacted on "
                  "**1 June 2027** and the President gave notice on the last day the bill allows. How "
                  "many days after enactment would the United States cease to be a Party?",
    answer=396, units="days",
    hints=["The notice comes 30 days after enactment; Article 13 adds one year after the notice.",
           "Use `withdrawal.withdrawal_timeline(\"2027-06-01\").days_from_enactment`, or count: "
           "30 days, then 1 July 2027 to 1 July 2028. Does that year contain a 29 February?"],
    feedback={395: "The year from 1 July 2027 to 1 July 2028 contains 29 February 2028, so it has 366 days.",
                 366: "366 days is the year after the notice alone; the notice itself may come up to 30 days "
                      "after enactment.",
                 365: "The year after the notice is not all: the notice may come up to 30 days after "
                      "enactment, and that year contains 29 February 2028.",
                 30: "30 days is only the deadline for the notice; Article 13 adds one year after it."},
    explanation="Notice by 1 July 2027 (+30 days); withdrawal one year later, on 1 July 2028. That "
                "year contains 29 February 2028, so it has 366 days: 30 + 366 = 396 days. (H.R. 6508 "
                "and S. 2174 lapse if not passed before the 119th Congress ends on 3 January 2027, so "
                "an enactment in 2027 would need a new bill.)",
)

MultipleSelect(
    "leaving-03", "Under 22 U.S.C. 1928f (section 1250A of the FY2024 NDAA), on which routes may the "
                  "President withdraw the United States from the North Atlantic Treaty? Tick all "
                  "that apply.",
    options=["Advice and consent of the Senate, with two-thirds of the Senators present concurring",
             "An Act of Congress",
             "A majority vote of the House of Representatives alone",
             "An executive order",
             "A decision of the North Atlantic Council"],
    key="7cbb29a183d0ec4829bad4294b6ecc59b9ba4318b3abe67d990df7342655f59f",
    hints=["The statute names exactly two routes, one for the Senate alone and one for both "
           "chambers.",
           "An Act of Congress passes both chambers and is signed by the President (or passed over "
           "a veto)."],
    feedback={"A majority vote of the House of Representatives alone":
                     "The House alone is neither route: the statute names two-thirds of the Senate, or an Act "
                     "of Congress, which passes both chambers.",
                 "An executive order":
                     "An executive order is what the statute rules out: the President 'shall not' withdraw "
                     "except by one of its two routes.",
                 "A decision of the North Atlantic Council":
                     "The North Atlantic Council has no part in it: the statute governs the US side only, and "
                     "Article 13 lets a Party leave by its own notice."},
    explanation="The President \"shall not ... withdraw\" except with the advice and consent of the "
                "Senate (two-thirds of Senators present) or pursuant to an Act of Congress. The NATO "
                "Act is written to be such an Act. Whether the statute binds the President is "
                "disputed: see the section on open questions.",
)

def _leaving_04(event):
    if event == "FY2024 NDAA section 1250A enacted":
        return DataQuestion(
            "leaving-04", "Section 1250A was enacted on 22 December 2023. Using `data.load(\"members\")`, "
                          "how many allies did NATO have on that day (count yourself in)? "
                          "Store the number in `answer`.",
            expected=lambda data: int((data.load("members")["accession_date"]
                                       <= "2023-12-22").sum()),
            hints=['Compare `members["accession_date"]` with the date string `"2023-12-22"` using `<=`.',
                   "Add up the `True` values with `.sum()`. Sweden joined in 2024, so it does not count."],
            feedback={32: "32 counts Sweden, which joined on 7 March 2024, after section 1250A was enacted.",
                         30: "30 leaves out Finland, which joined on 4 April 2023."},
            explanation='`(members["accession_date"] <= "2023-12-22").sum()` counts every ally that had '
                        "joined by then: all of today's allies except Sweden, which deposited its "
                        "instrument of accession in March 2024.",
            register=False,
        )
    return members_on_question(
        "leaving-04", event,
        prompt_end='Using `data.load("members")`, how many allies did NATO have on that day? Store the number in '
                   "`answer`.",
        hints=['Compare `members["accession_date"]` with the date string `"{iso}"` using `<=`.',
               "Add up the `True` values with `.sum()`. An ally that joined on that very day counts."],
        code='(members["accession_date"] <= "{iso}").sum()')


#: The US political events of the timeline dated to the day, from the Senate's vote of 1949 to the NATO Act.
US_EVENTS = ("US Senate approves the treaty", "Senate votes on Kaine NATO-withdrawal amendment",
             "FY2024 NDAA section 1250A enacted", "S. 2174 (NATO Act) introduced", "H.R. 6508 (NATO Act) introduced")

generated(_leaving_04, default={"event": "FY2024 NDAA section 1250A enacted"}, event=US_EVENTS)

Ordering(
    "leaving-05", "Put the steps of a withdrawal under the NATO Act in order, first step first.",
    items=["One year passes", "The President gives notice of denunciation",
           "The United States ceases to be a Party",
           "Congress passes the Act and it is enacted",
           "The United States, as depositary, informs the other Parties"],
    key=["d9656386143a72f214017f418469309a8045c4d80aeabc5db235a49f1273f659",
         "0da72fa97e6c759209d02ec376fe945fda54565ef1a6f14ba6c691834b527969",
         "0009f21730de81773113b06e85f578abb4f2a772ff53343b2f55d984127af968",
         "b990f07f9ff180e5304b14fdcd3472a73b6cd797f57dd9ab0f8b0cfb3422787e",
         "1aa21a9ac3d23662fdec4d267525d0952fc5b96cb18dae17c29f8865c069eb63"],
    hints=["The bill sets a deadline that runs from enactment.",
           "Article 13: the depositary informs the other Parties of each notice, and the Party "
           "ceases to be a Party one year after its notice."],
    explanation="Enactment; notice of denunciation (within 30 days under the bill); the United "
                "States, as depositary, informs the other Parties; one year passes; the United "
                "States ceases to be a Party.",
)

ShortText(
    "leaving-06", "In *Goldwater v. Carter*, which justice wrote the statement, joined by three "
                  "others, that the case was a nonjusticiable political question? Give the surname.",
    key=["034152fababd4d499b65f12a77feba3ed714b2c125c3c9641d3974acd40c05f0",
         "ff2676e2d9dd9842301c38d3ed132dc8190a703a6e9f23f8257af4dca8d048e3",
         "9f3088a4b63febbec7281b26cbf95f9de9dd1e3ce3e8b72deac7b85eee529852",
         "33d439cb7d7707a8bd68798d1f0a04c13bffc5c455ee46eb2a68b84fbae63900"],
    hints=["He wrote for four of the nine justices; his surname begins with R.",
           "The Chief Justice (Burger) and Justices Stewart and Stevens joined his statement."],
    feedback={**{name: "Justice Powell concurred on other grounds: he said the case was not ripe."
                    for name in ("Powell", "Justice Powell")},
                 **{name: "Justice Brennan would have upheld the President's action; he did not join the "
                          "political-question statement."
                    for name in ("Brennan", "Justice Brennan")},
                 **{name: "Chief Justice Burger joined the statement; another justice wrote it."
                    for name in ("Burger", "Chief Justice Burger")},
                 "Goldwater": "Senator Barry Goldwater brought the case; the question asks which justice wrote "
                              "the statement.",
                 "Carter": "President Carter ended the treaty; the question asks which justice wrote the "
                           "statement."},
    explanation="Justice William H. Rehnquist, joined by Chief Justice Burger and Justices Stewart "
                "and Stevens. Justice Powell concurred on ripeness grounds; Justice Brennan would "
                "have upheld the President's action.",
)

shuffled(MultipleChoice(
    "leaving-07", "One open question is whether a President could withdraw despite 22 U.S.C. 1928f. Which "
                  "view argues that the statute could not stop a President?",
    options=["The executive view: the power to withdraw belongs to the President alone",
             "The congressional view: leaving needs the same approval as joining",
             "The view of the statute's sponsors",
             "The Congressional Research Service's view that the statute may influence a court"],
    key="604497c0ca2db1f19e929080562db9317edcad622179d833a12a8e17bede4cff",
    hints=["Which side says a statute cannot take away a power that the Constitution gives?",
           "The lesson cites the 2020 opinion on the Open Skies notice period for that side."],
    feedback={"The congressional view: leaving needs the same approval as joining":
                  "The 'mirror principle' argues the opposite: leaving should need legislative approval, "
                  "as the statute requires.",
              "The view of the statute's sponsors":
                  "The sponsors said the statute 'ensures that no President can unilaterally dissolve our "
                  "bond' with the alliance: they hold that it binds.",
              "The Congressional Research Service's view that the statute may influence a court":
                  "That is about whether courts would hear a challenge, the second open question; it does "
                  "not say the statute is powerless."},
    explanation="On the executive view, if the power to withdraw belongs to the President alone, a statute "
                "cannot take it away (the 2020 opinion on Open Skies, the State Department's 1978 advice). "
                "The congressional view answers with the mirror principle and the statute's own words. "
                "No court has decided between them.",
))
