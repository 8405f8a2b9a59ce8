"""Questions of chapter 9, "The debate".

Quotations come from the course's three source articles (cited in the chapter); numbers come from
``natocourse.data``. Hashed keys were made with ``python -m natocourse exercises key``.
"""

from natocourse.engine import DataQuestion, Matching, MultipleChoice, MultipleSelect, Written, generated, shuffled

CHAPTER = (9, "The debate")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("state the main positions on the US role in NATO \u2014 withdrawal, the case for the alliance made by "
     "its defenders, burden-shifting inside the alliance, NATO officials' \"strategic patience\", and "
     "the scholarly critique of burden-shifting \u2014 each in the words of its own advocates"):
        ["debate-01", "debate-02", "debate-03", "debate-07"],
    ("separate, in each position, the claims of fact (which data can test) from predictions and values"):
        ["debate-06", "debate-07"],
    ("use the course's data to bring evidence to a structured class debate"):
        ["debate-04", "debate-05", "debate-07"],
}



shuffled(MultipleChoice(
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
))

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

def _meeting(threshold, year, vintage):
    return lambda data: data.count_meeting(threshold, year, vintage=vintage)


def _debate_04(year, threshold):
    if (year, threshold) == (2025, 2.0):
        return DataQuestion(
        "debate-04", "In NATO's March 2026 report (vintage `2026-03`), how many of the allies listed "
                     "for 2025 were at or above 2 % of GDP? Store the number in `answer`.",
        expected=_meeting(2.0, 2025, "2026-03"),
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
            register=False,
        )
    from natocourse import data
    from natocourse.analysis import releases

    from . import names, plural, release_name, wrong_values

    vintage = data.latest_vintage(year)
    listed = data.nato_spending(year, vintage=vintage)
    answer = data.count_meeting(threshold, year, vintage=vintage)
    above = int((listed["pct_gdp"] > threshold).sum())
    members = len(data.members_on(f"{year}-12-31"))
    missing = releases.missing_allies(year, vintage)
    level = f"{threshold:g} %"
    candidates = [
        (above, f"{above} counts the allies above {level} only: {plural(answer - above, 'ally is', 'allies are')} "
                f"listed at exactly {threshold:.1f} %, and 'at or above' includes them (`>=`, not `>`)."),
        (len(listed) - answer, f"{len(listed) - answer} counts the allies below {level}; the question asks how many "
                               "were at or above it."),
    ]
    if members != len(listed):
        candidates.append((members, f"{members} is every ally at the end of {year}, but the table lists "
                                    f"{len(listed)}: {names(missing)} {'is' if len(missing) == 1 else 'are'} not in "
                                    "the course's copy of the release."))
    goal = (" 3.5 % is the core-defence share the allies committed to at The Hague in 2025, for 2035."
            if threshold == 3.5 else "")
    return DataQuestion(
        "debate-04", f"In NATO's {release_name(vintage)} release (vintage `{vintage}`), how many of the allies listed "
                     f"for {year} were at or above {level} of GDP? Store the number in `answer`.",
        expected=_meeting(threshold, year, vintage),
        hints=[f"`data.nato_spending({year}, vintage=\"{vintage}\")` gives one row per listed ally.",
               f"Count the rows whose `pct_gdp` is at least {threshold:.1f}, or use `data.count_meeting`."],
        feedback=wrong_values(answer, 0, candidates),
        explanation=(f"`answer = data.count_meeting({threshold:.1f}, {year}, vintage=\"{vintage}\")` counts "
                     f"{answer} of the {len(listed)} allies the release lists for {year}. Note who is missing before "
                     f"saying 'every ally' or 'no ally': `releases.missing_allies({year})` lists the gaps."
                     + goal),
        register=False,
    )


#: Years of NATO's figures that a release in the data lists for (nearly) every ally, and the thresholds
#: the debate turns on (the 2 % guideline, the 3.5 % core-defence share agreed at The Hague).
COUNT_YEARS = (2014, 2017, 2023, 2024, 2025)
THRESHOLDS = (2.0, 2.5, 3.0, 3.5)

generated(_debate_04, default={"year": 2025, "threshold": 2.0}, year=COUNT_YEARS, threshold=THRESHOLDS)


def _share_2024(iso3):
    return lambda data: round(100 * data.share_of_total(iso3, 2024), 1)


def _debate_05(ally):
    if ally == "USA":
        return DataQuestion(
        "debate-05", "Using SIPRI's constant-dollar figures, what percentage of the allies' combined "
                     "military spending in 2024 was spent by the United States? Store a percentage (e.g. "
                     "`55.0`) in `answer`.",
        expected=_share_2024("USA"),
        tolerance=0.5, units="%",
        hints=["`data.share_of_total(\"USA\", 2024)` gives a share between 0 and 1.",
               "Multiply by 100 to get a percentage."],
        feedback={70.7: "That is about the US share in 1990, at the end of the Cold War; the question asks "
                        "for 2024."},
        explanation="`answer = 100 * data.share_of_total(\"USA\", 2024)` gives about two thirds (66 %) in "
                    "2024: the United States spent roughly twice as much as all the other allies together, in "
                    "SIPRI's constant 2023 dollars (2025 release).",
            register=False,
        )
    from natocourse import data

    from . import country, wrong_values

    name = country(ally)
    answer = round(100 * data.share_of_total(ally, 2024), 1)
    us = round(100 * data.share_of_total("USA", 2024), 1)
    share_1990 = round(100 * data.share_of_total(ally, 1990), 1)
    total = data.alliance_total(2024)
    spent = total - data.alliance_total(2024, exclude=[ally])
    candidates = [(us, f"That is about the US share in 2024; the question asks about {name}.")]
    if share_1990 > 0:
        candidates.append((share_1990, f"That is about {name}'s share in 1990, at the end of the Cold War; the "
                                       "question "
                                       "asks for 2024."))
    candidates.append((round(100 * spent / (total - spent), 1),
                       f"That divides {name}'s spending by the other allies' total; a share divides it by the total of "
                       f"all the allies, {name} included."))
    return DataQuestion(
        "debate-05", "Using SIPRI's constant-dollar figures, what percentage of the allies' combined military spending "
                     f"in 2024 was spent by {name}? Store a percentage (e.g. `5.0`) in `answer`.",
        expected=_share_2024(ally),
        tolerance=0.1, units="%",
        hints=[f"`data.share_of_total(\"{ally}\", 2024)` gives a share between 0 and 1.",
               "Multiply by 100 to get a percentage."],
        feedback=wrong_values(answer, 0.1, candidates),
        explanation=(f"`answer = 100 * data.share_of_total(\"{ally}\", 2024)` gives about {answer:.1f} % in 2024, "
                     f"against {us:.0f} % for the United States: US$ {spent / 1000:,.0f} bn of "
                     f"US$ {total / 1000:,.0f} bn, "
                     "in SIPRI's constant 2023 dollars (2025 release). A debate about burden-sharing needs both "
                     "numbers: a share of the total says who carries the weight, not who makes the effort."),
        register=False,
    )


#: The allies that spent the most in 2024 in SIPRI's constant dollars (the United States, then the
#: five largest European spenders and Canada).
BIG_SPENDERS = ("USA", "DEU", "GBR", "FRA", "ITA", "POL", "CAN")

generated(_debate_05, default={"ally": "USA"}, ally=BIG_SPENDERS)


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


#: The model answer of debate-07 (its figures are in data/; its quotations are the lesson's and the bill's).
MEMO_MODEL = (
    'To: a member of the House Foreign Affairs Committee\n'
    'Subject: H.R. 6508, the NATO Act. Recommendation: vote against\n\n'
    "The bill's sponsors make a serious case, and it should be met in their own words. "
    'Representative Massie argues that "America should not be the world\'s security '
    'blanket—especially when wealthy countries refuse to pay for their own defense", and former '
    'congressman Ron Paul said that NATO "costs us a lot of money". The bill\'s finding 16 adds '
    'that the European allies\' combined capacity "exceeds that of the Russian Federation". Part '
    "of this is true: in SIPRI's figures the European allies spent US$ 460 bn in 2024 (constant "
    "2023 dollars), about three times Russia's US$ 150.5 bn.\n\n"
    "But the charge that wealthy allies refuse to pay is out of date. By NATO's own figures, 3 "
    'allies were at or above 2 % of GDP in 2014 (June 2024 release); for 2025, all 29 allies in '
    "NATO's March 2026 report were. Pressure from inside the alliance worked without leaving it.\n\n"
    'The case for staying is best put by its advocates too. Senator Tim Kaine called NATO a '
    '"crucial alliance that is foundational for our national security", and Representative Don '
    'Bacon "the most successful military alliance in history". Those are judgements, not facts: '
    'no dataset can show that NATO deterred a war that did not happen. Leaving rests on a '
    'prediction as well: finding 16\'s claim that Europe is "a sufficient counterweight" without '
    'the United States is about the future, and spending is not capability. The United States '
    "still carries NATO's nuclear missions, and it spent about 66 % of the allies' total in 2024.\n\n"
    'Fact, prediction, value: the spending figures are facts the data can check; whether Europe '
    'would defend itself alone is a prediction; whether permanent alliances suit the Constitution '
    'is a value, which the sponsors are entitled to argue but which no figure settles.\n\n'
    'Recommendation: vote against H.R. 6508. Keep pressing the allies to spend, since the record '
    'shows that pressure works, but do not give up an alliance whose own budgets are small, about '
    'EUR 3.3 billion in 2023 for all the allies together, for a prediction no one can test.'
)

Written(
    "debate-07", "Write a memo to a member of Congress recommending a vote for or against H.R. 6508. Give the "
                 "strongest argument of each side in its advocates' own words (quoted and attributed), bring "
                 "at least two figures from the course's data with their years and sources, and say which "
                 "of the claims you rely on are facts, which predictions and which values.",
    word_range=(300, 450),
    guidance="Either recommendation can earn full marks: the rubric rewards a fair hearing of the other "
             "side and evidence used with its caveats, not the side you take. Quote only what the chapter "
             "quotes (or a source you cite), and name who said it and where.",
    hints=["Chapter 9 gives each side in its own words; the chapter's data section gives the counts of allies "
           "at 2 % by release and the spending of the United States, the European allies and Russia."],
    rubric=[
        {"criterion": "Recommendation", "points": 2, "levels": [
            {"points": 2, "descriptor": "A clear recommendation on H.R. 6508, in the form of a memo to a member of Congress."},
            {"points": 1, "descriptor": "A recommendation that is hedged or hard to find."},
            {"points": 0, "descriptor": "No recommendation."}]},
        {"criterion": "The other side", "points": 3, "levels": [
            {"points": 3, "descriptor": "The other side's strongest argument, quoted accurately and attributed "
                                        "(who, where), stated fairly and answered."},
            {"points": 2, "descriptor": "The other side quoted and attributed, but a weak argument of it, or "
                                        "not answered."},
            {"points": 1, "descriptor": "The other side paraphrased, or quoted without saying who said it."},
            {"points": 0, "descriptor": "The other side is missing or caricatured."}]},
        {"criterion": "Own side", "points": 2, "levels": [
            {"points": 2, "descriptor": "An advocate of the memo's own position quoted accurately and attributed."},
            {"points": 1, "descriptor": "Quoted without attribution, or paraphrased."},
            {"points": 0, "descriptor": "No advocate's own words."}]},
        {"criterion": "Evidence", "points": 3, "levels": [
            {"points": 3, "descriptor": "Two figures from the course's data, each with its year and its source or "
                                        "release, read correctly and bearing on the recommendation."},
            {"points": 2, "descriptor": "Two figures, but one without its year or source, or not bearing on the argument."},
            {"points": 1, "descriptor": "One figure, or figures misread."},
            {"points": 0, "descriptor": "No figure from the data."}]},
        {"criterion": "Fact, prediction, value", "points": 2, "levels": [
            {"points": 2, "descriptor": "Says which claims are facts the data can check, which predictions and "
                                        "which values, and does not present a prediction as a fact."},
            {"points": 1, "descriptor": "Separates some claims, or presents one prediction or value as a fact."},
            {"points": 0, "descriptor": "No separation; predictions or values given as facts."}]}],
    model_answer=MEMO_MODEL,
)
