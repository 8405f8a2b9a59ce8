"""Questions of the worked example chapter "An exercise tour": one of every question type.

Facts come from the course's reference data: the membership table (founding date, founding
members, accession dates), the H.R. 6508 provisions note (Article 13) and NATO's counts of allies
at 2 % of GDP. Hashed keys were made with ``python -m natocourse exercises key ID KIND ANSWER...``.
"""

from natocourse.engine import (DataQuestion, Matching, MultipleChoice, MultipleSelect, Numeric,
                                  Ordering, ShortText, generated)

CHAPTER = (1, "An exercise tour")

MultipleChoice(
    "tour-01", "On which date was the North Atlantic Treaty signed in Washington?",
    options=["1949-04-04", "1952-02-18", "1955-05-06", "1999-03-12"],
    key="aa67c20ec4109bf5f6ed27d20d8bbe2025b3a71bc190827bc2b061600443688e",
    hints=["The treaty created NATO, so its date is the accession date of the founding members.",
           "Finding 1 of H.R. 6508 repeats the date: April 4 of the year the alliance began."],
    feedback={"1952-02-18": "That is when Greece and Türkiye joined, the first enlargement, three years after "
                            "the treaty was signed.",
              "1955-05-06": "That is when West Germany joined, the second enlargement.",
              "1999-03-12": "That is when Czechia, Hungary and Poland joined, the first enlargement after the "
                            "Cold War."},
    explanation="The treaty was signed on 4 April 1949 (1949-04-04) by the 12 founding members; "
                "the other dates are later accessions (Greece and Türkiye 1952, West Germany 1955, "
                "Czechia, Hungary and Poland 1999).",
)

MultipleSelect(
    "tour-02", "Which of these countries were **founding members** of NATO in 1949?",
    options=["Canada", "Germany", "Greece", "Iceland", "Portugal", "Spain"],
    key="4d313567d77f94060ebce80970e55c27139ede5b200519be9dac9e2ca2d3968d",
    hints=["There were 12 founding members, on both sides of the Atlantic.",
           "Three of the six options are founders; the others joined in 1952, 1955 and 1982."],
    feedback={"Germany": "(West) Germany joined on 6 May 1955, six years after the treaty was signed.",
              "Greece": "Greece joined on 18 February 1952, with Türkiye, in the first enlargement.",
              "Spain": "Spain joined on 30 May 1982, as the 16th ally."},
    explanation="Canada, Iceland and Portugal signed in 1949. Greece joined in 1952, "
                "(West) Germany in 1955 and Spain in 1982.",
)

Numeric(
    "tour-03", "According to NATO, how many allies spent at least 2 % of GDP on defence in 2014, "
               "the year of the Wales summit?",
    answer=3,
    hints=["NATO's August 2025 statement compares today's count with the count in 2014.",
           "The allies were the United States, the United Kingdom and Greece."],
    feedback={23: "23 is NATO's June 2024 estimate for 2024, ten years after Wales; the question asks about 2014.",
              2: "2 % of GDP is the guideline; the question asks how many allies met it."},
    explanation="Only three allies were at or above 2 % in 2014 (United States 3.71 %, Greece 2.22 %, "
                "United Kingdom 2.14 % in NATO's June 2024 table).",
)

Numeric(
    "tour-04", "In 2014, what share of their combined GDP did the European allies and Canada spend on "
               "defence, according to NATO's August 2025 figures? Answer in percent.",
    answer=1.40, tolerance=0.05, units="%",
    hints=["It was below the 2 % guideline: that is why the Wales pledge asked allies to move "
           "towards 2 % within a decade.",
           "It is between 1.3 % and 1.5 %."],
    feedback={2.27: "2.27 % is NATO's estimate for 2025; the question asks about 2014.",
              2: "2 % is the guideline the allies were asked to move towards; they spent less in 2014."},
    explanation="NATO put European allies and Canada at 1.40 % of GDP in 2014 (an earlier vintage "
                "said 1.43 %; both are accepted) and at 2.27 % in its 2025 estimates.",
)

ShortText(
    "tour-05", "Which country joined NATO on the same day as Greece, 18 February 1952?",
    key=["23f8215fd1538eaccde80df53762c3bbfa16c1383e4216b172dda133137fe723",
         "a6efc9e0fdce85842532f182244e191f6d0c68737d8c57bea7bce75522afa46b",
         "902ac9b0f81f2643268a986c08a36267e9c6001644adc44dcc2b65d93306cffc"],
    hints=["It borders Greece.", "Its capital is Ankara."],
    feedback={"Greece": "Greece is the other state of that accession; which country joined with it?",
              "Germany": "West Germany joined on 6 May 1955, three years later.",
              "West Germany": "West Germany joined on 6 May 1955, three years later."},
    explanation="Türkiye (Turkey) and Greece joined together on 18 February 1952, the first "
                "enlargement of the alliance.",
)

Ordering(
    "tour-06", "Put these countries in the order in which they joined NATO, earliest first.",
    items=["Estonia", "Finland", "Montenegro", "Poland", "Spain"],
    key=["bc2079eb9a3b1392d3dc0ab22bd61241bbb71800aca793f8d2b8d354d4a36f57",
         "22563a1005ac458712ea97bf09b817fabfce526bbded4cff1601fdb8c99427df",
         "558c6a1208a21102929c29067baad0c931b1142e796da024f2c2b7945f7f5010",
         "b4b51c50b0c78017b716ba7cf989fd66e8aeefc8f2b7e3f8e243c599b9ad4467",
         "74a11674ec6a2bad17d2131f217c9d449a3043027549f4f7c77025be99bf24b1"],
    hints=["One of them joined during the Cold War.",
           "The eastward enlargement began in 1999; the most recent accessions followed Russia's "
           "full-scale invasion of Ukraine in 2022."],
    explanation="Spain 1982, Poland 1999, Estonia 2004, Montenegro 2017, Finland 2023.",
)

Matching(
    "tour-07", "Match each country with the year it joined NATO.",
    items=["Germany", "Spain", "Croatia", "North Macedonia", "Sweden"],
    options=["1955", "1982", "2009", "2020", "2024"],
    key=["8f36c82ddfa9524d4ea7fab81e32340fb006a52dc65eaaa2326e1cb0cf67c3b1",
         "ac7b7f9fd8c4ce25e1757358a1ff2ce1564cee3cc8a08ba3100b3bcf85930faa",
         "3d731d095eedd3535ddcfb403a8faf05c4b6ac137ac75745b519b8a248313788",
         "d55af99aea8b5854f0bc5d5634e6e83c4d6f2722b0122b66ec1ff79a3bf86529",
         "fbb4f7034220e7b8e48968c2c65ec146e01a62b3fae97cff0a72ccc500c77b29"],
    hints=["Sweden is the most recent ally.", "Germany joined (as West Germany) ten years after 1945."],
    explanation="West Germany 1955, Spain 1982, Croatia 2009 (with Albania), North Macedonia 2020, "
                "Sweden 2024.",
)

def _joined_in(year):
    return lambda data: int((data.load("members")["accession_date"].dt.year == year).sum())


def _tour_08(year):
    if year == 2004:
        return DataQuestion(
            "tour-08", 'Using `data.load("members")`, how many allies joined NATO in 2004? '
                       "Store the number in `answer`.",
            expected=_joined_in(2004),
            hints=['`members["accession_date"].dt.year` gives the year each ally joined.',
                   "Compare the years with 2004 and add up the `True` values with `.sum()`."],
            feedback={13: "13 counts every ally that joined in 2004 or later (`>=` where `==` is meant): Albania, "
                          "Croatia, Montenegro, North Macedonia, Finland and Sweden joined after 2004.",
                      26: "26 is the size of the alliance at the end of 2004 (19 allies before, 7 that year); the "
                          "question asks how many joined in 2004."},
            explanation='`(members["accession_date"].dt.year == 2004).sum()` counts 7: Bulgaria, Estonia, '
                        "Latvia, Lithuania, Romania, Slovakia and Slovenia, the largest single enlargement.",
            register=False,
        )
    from natocourse import data

    from . import names, wrong_values

    members = data.load("members")
    years = members["accession_date"].dt.year
    joined = members.loc[years == year, "country"].tolist()
    later = members.loc[years > year, "country"].tolist()
    before = int((years < year).sum())
    answer = len(joined)
    after = names(later) if 0 < len(later) <= 6 else f"{len(later)} allies of later rounds"
    feedback = wrong_values(answer, 0, [
        (answer + len(later), f"{answer + len(later)} counts every ally that joined in {year} or later (`>=` "
                              f"where `==` is meant): {after} joined after {year}."),
        (before + answer, f"{before + answer} is the size of the alliance at the end of {year} ({before} allies "
                          f"before, {answer} that year); the question asks how many joined in {year}."),
    ])
    return DataQuestion(
        "tour-08", f'Using `data.load("members")`, how many allies joined NATO in {year}? '
                   "Store the number in `answer`.",
        expected=_joined_in(year),
        hints=['`members["accession_date"].dt.year` gives the year each ally joined.',
               f"Compare the years with {year} and add up the `True` values with `.sum()`."],
        feedback=feedback,
        explanation=f'`(members["accession_date"].dt.year == {year}).sum()` counts {answer}: {names(joined)}.',
        register=False,
    )


#: The years in which allies joined after the founding (members table); tests check them against the data.
ACCESSION_YEARS = (1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020, 2023, 2024)

generated(_tour_08, default={"year": 2004}, year=ACCESSION_YEARS)
