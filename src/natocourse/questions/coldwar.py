"""Questions of chapter 2, "Founding and the Cold War (1949-1991)".

Facts: the ``members`` and ``timeline`` tables (founders, the 1952, 1955 and 1982 accessions, the
Warsaw Pact, France and the integrated command), SIPRI's military spending as a share of GDP
(``milex_sipri``) and the sources cited in the lesson. Hashed keys were made with
``python -m natocourse exercises key ID KIND ANSWER...``.
"""

from natocourse.engine import DataQuestion, MultipleChoice, MultipleSelect, Ordering, ShortText, generated, shuffled

from . import members_on_question

CHAPTER = (2, "Founding and the Cold War (1949–1991)")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("name the twelve founders and the three Cold War enlargements (1952, 1955, 1982) from the "
     "`members` table"):
        ["coldwar-01", "coldwar-02"],
    ("place the founding in its context: the Marshall Plan and the Berlin blockade"):
        ["coldwar-07"],
    ("date the Warsaw Pact and explain why the order of events is a fact but its causes are a matter "
     "of interpretation"):
        ["coldwar-03", "coldwar-06"],
    ("explain the difference between leaving the integrated military command (France, 1966) and "
     "leaving the treaty"):
        ["coldwar-05"],
    ("read SIPRI's long spending series and compare the United States with the European allies, saying "
     "what an unweighted median can and cannot show"):
        ["coldwar-04"],
}



shuffled(MultipleChoice(
    "coldwar-01", "Which of these states was **not** one of the twelve that signed the North Atlantic "
                  "Treaty on 4 April 1949?",
    options=["Iceland", "Italy", "Portugal", "West Germany"],
    key="6d3428818afa35a06c2e247fd96ec346286b5d09254e329522ee753b106500d1",
    hints=["One of the four was still under Allied military occupation in April 1949.",
           "Look for the state whose row in `members` has `founding == False`."],
    feedback={"Iceland": "Iceland signed on 4 April 1949: its row in `members` has `founding == True`, although "
                            "it has no armed forces.",
                 "Italy": "Italy signed on 4 April 1949: its row in `members` has `founding == True`.",
                 "Portugal": "Portugal signed on 4 April 1949: its row in `members` has `founding == True`."},
    explanation="West Germany (the Federal Republic of Germany) joined NATO on 6 May 1955, as the "
                "second enlargement. Iceland, Italy and Portugal were founders: their rows in "
                "`members` have `founding == True`.",
))


def _coldwar_02(event):
    if event == "Warsaw Pact signed":
        return DataQuestion(
            "coldwar-02", "The Warsaw Pact was signed on 14 May 1955. Using `data.members_on(...)` or "
                          "`data.load(\"members\")`, how many allies did NATO have that day? Store the number "
                          "in `answer`.",
            expected=lambda data: len(data.members_on("1955-05-14")),
            hints=["`data.members_on(\"1955-05-14\")` returns one row per ally that had joined by that day.",
                   "Count its rows with `len(...)`. Do not forget the accession of 6 May 1955."],
            feedback={14: "14 leaves out West Germany, which joined on 6 May 1955, eight days before the Warsaw Pact.",
                      12: "12 counts the founders only; Greece and Turkey joined in 1952 and West Germany on "
                          "6 May 1955."},
            explanation="`len(data.members_on(\"1955-05-14\"))` gives 15: the 12 founders, Greece and Turkey "
                        "(1952) and West Germany, which had joined eight days earlier.",
            register=False,
        )
    return members_on_question(
        "coldwar-02", event,
        prompt_end='Using `data.members_on(...)` or `data.load("members")`, how many allies did NATO have that '
                   "day? Store the number in `answer`.",
        hints=['`data.members_on("{iso}")` returns one row per ally that had joined by that day.',
               "Count its rows with `len(...)`. An ally that joined on that very day counts."])


#: Events of the Cold War timeline dated to the day (the accessions, the treaty, the Warsaw Pact, the end).
COLD_WAR_EVENTS = ("Treaty enters into force", "Greece and Turkey join", "West Germany joins", "Warsaw Pact signed",
                   "Article 13 withdrawal right becomes available", "Spain joins", "Warsaw Pact formally dissolved",
                   "USSR formally dissolved")

generated(_coldwar_02, default={"event": "Warsaw Pact signed"}, event=COLD_WAR_EVENTS)

Ordering(
    "coldwar-03", "Put these Cold War events in order, earliest first.",
    items=["Spain joins", "Warsaw Pact signed", "Greece and Turkey join",
           "France leaves the integrated military command", "North Atlantic Treaty signed",
           "West Germany joins"],
    key=["3bd6697e6f0e59f9eb649bf6e9dfa3375612508d9c718679ce9e24d083eb9e07",
         "881f83c4aca617027a3050264d5aa3af80b63edfb25d160d95ee82a9a4ac223b",
         "37cc894f8f11d060bf6deffe90a88f1946e95e42cbd0ae2e539bd14636c033f3",
         "ac831d38bb19781709ff31b25f4ed7387700e6f75394550968c7692b864a6061",
         "d15f8195b64838e6c87cfaf35a6e98ef4dd7e27dc70cdbea8080faf2142a7625",
         "1d40f9970e51856cb5f5693ea175310e8a22089c5eb3386d736ff7700f8bf6bf"],
    hints=["Two of the events happened in May 1955, eight days apart.",
           "Filter the timeline: `data.load(\"timeline\").query(\"date < '1992-01-01'\")`."],
    explanation="1949 treaty; 1952 Greece and Turkey; 6 May 1955 West Germany; 14 May 1955 the Warsaw "
                "Pact; 1966 France leaves the integrated command; 1982 Spain.",
)

def _peak_year(iso3):
    return lambda data: int(data.ally_series(iso3).query("1949 <= year <= 1991")
                            .sort_values("pct_gdp")["year"].iloc[-1])


def _coldwar_04(ally):
    if ally == "USA":
        return DataQuestion(
            "coldwar-04", "In which year from 1949 to 1991 did the United States spend the largest share of "
                          "its GDP on the military, according to SIPRI? Use `data.ally_series(\"USA\")` and "
                          "store the year (an integer) in `answer`.",
            expected=_peak_year("USA"),
            hints=["`data.ally_series(\"USA\")` has columns `year` and `pct_gdp`; keep the rows from 1949 to 1991.",
                   "`.loc[series[\"pct_gdp\"].idxmax(), \"year\"]` picks the year of the largest value."],
            feedback={3: "3 is the row label `idxmax()` returns, not a year: look its year up with "
                         "`.loc[..., \"year\"]`.",
                      13.8601: "13.8601 is the peak share of GDP itself (in %); the question asks in which year it "
                               "was reached.",
                      1991: "1991 has the smallest share of the period (4.9 %): `sort_values` puts the largest value "
                            "last, not first."},
            explanation="The peak is 1952, at about 13.9 % of GDP in SIPRI's series. "
                        "`us = data.ally_series(\"USA\").query(\"1949 <= year <= 1991\")` then "
                        "`int(us.loc[us[\"pct_gdp\"].idxmax(), \"year\"])`.",
            register=False,
        )
    from natocourse import data

    from . import country, wrong_values

    name = country(ally)
    series = data.ally_series(ally).query("1949 <= year <= 1991")
    label = series["pct_gdp"].idxmax()
    peak, low = series.loc[label], series.loc[series["pct_gdp"].idxmin()]
    answer = int(peak["year"])
    first = int(series["year"].min())
    starts = f" (SIPRI's series for {name} starts in {first})" if first > 1949 else ""
    return DataQuestion(
        "coldwar-04", f"In which year from 1949 to 1991 did {name} spend the largest share of its GDP on the "
                      f"military, according to SIPRI{starts}? Use `data.ally_series(\"{ally}\")` and store the year "
                      "(an integer) in `answer`.",
        expected=_peak_year(ally),
        hints=[f"`data.ally_series(\"{ally}\")` has columns `year` and `pct_gdp`; keep the rows from 1949 to 1991.",
               "`.loc[series[\"pct_gdp\"].idxmax(), \"year\"]` picks the year of the largest value."],
        feedback=wrong_values(answer, 0, [
            (label, f"{label} is the row label `idxmax()` returns, not a year: look its year up with "
                    "`.loc[..., \"year\"]`."),
            (round(float(peak["pct_gdp"]), 4),
             f"{round(float(peak['pct_gdp']), 4)} is the peak share of GDP itself (in %); the question asks in "
             "which year it was reached."),
            (int(low["year"]), f"{int(low['year'])} has the smallest share of the period "
                               f"({float(low['pct_gdp']):.1f} %): "
                               "`sort_values` puts the largest value last, not first."),
        ]),
        explanation=f"The peak is {answer}, at about {float(peak['pct_gdp']):.1f} % of GDP in SIPRI's series. "
                    f"`s = data.ally_series(\"{ally}\").query(\"1949 <= year <= 1991\")` then "
                    f"`int(s.loc[s[\"pct_gdp\"].idxmax(), \"year\"])`. The United States peaked in "
                    f"{_peak_year('USA')(data)}: "
                    "compare the two with the lesson's chart, and ask what each country was spending on.",
        register=False,
    )


#: Allies that were in NATO during the Cold War and whose SIPRI series (``milex_sipri``) starts by 1956.
COLD_WAR_ALLIES = ("USA", "GBR", "FRA", "CAN", "ITA", "NLD", "BEL", "NOR", "DNK", "PRT", "GRC", "DEU")

generated(_coldwar_04, default={"ally": "USA"}, ally=COLD_WAR_ALLIES)


MultipleSelect(
    "coldwar-05", "What did France's 1966 decision mean? Tick all that are true.",
    options=["France stopped placing its forces under NATO's integrated command",
             "France remained a Party to the North Atlantic Treaty",
             "France returned to full participation in the integrated command in 2009",
             "France gave notice of denunciation under Article 13",
             "The other allies voted to suspend France"],
    key="133cafcce6dd9386b6796e45eb32c1642e226ea0d3fc54704b6d346cbcaf5d18",
    hints=["De Gaulle's letter spoke of the 'integrated commands', not of the treaty.",
           "Article 13 could not be used before the treaty had been in force for twenty years, "
           "that is before August 1969."],
    feedback={"France gave notice of denunciation under Article 13":
                     "France never gave notice: it stayed a Party, and Article 13 could not be used before "
                     "August 1969 anyway.",
                 "The other allies voted to suspend France":
                     "The treaty has no procedure for suspending a member; leaving the integrated command was "
                     "France's own decision."},
    explanation="France left the integrated military command and asked allied forces to leave its "
                "territory, but stayed a Party to the treaty; it returned to the integrated command "
                "in 2009. Article 13 was not yet available in 1966, and the treaty has no procedure "
                "for suspending a member.",
)

ShortText(
    "coldwar-06", "What is the usual English name of the alliance the Soviet Union formed with "
                  "its Eastern European allies in May 1955?",
    key=["a6d028aa6475153c9a403fa05d2f2a8b2e177599f8032056f7d73670999f4d93",
         "d35279d48e7f021026c6e66f8486d40cf3b59e4853032757ad31528d75c62f16",
         "3c21ebf5d513814ade2c5424a8f4bde3ee42de46041a26a3c87b48716c759580",
         "7fe161f5c7fd0f1b52a2bfa229a652469df96c1b79840a38a7b4c8a892591fdf",
         "69dfd1b68698fe11ca6be6e287802689280e4b62fbb218763fb7491ce3a832b1"],
    hints=["It is named after the city where it was signed.", "The city is the capital of Poland."],
    feedback={"NATO": "NATO is the Western alliance; the question asks about the Soviet-led one formed in May 1955.",
                 "Soviet Union": "The Soviet Union led the alliance; the question asks for the alliance's name."},
    explanation="The Warsaw Pact (the Warsaw Treaty Organization), signed on 14 May 1955 and "
                "dissolved on 1 July 1991.",
)

Ordering(
    "coldwar-07", "Place the founding in its context: put these events of 1948–1949 in order, earliest first.",
    items=["Marshall Plan signed into law", "Berlin blockade begins", "North Atlantic Treaty signed",
           "Berlin blockade ends"],
    key=["876cb8512195c63f3cc9f5f228e0925a7b532558bc777abacbc7836d7ed64aeb",
         "3727d06031ba86b18d5b2f885608db66189869e63070d490f3f1e7e7693907f0",
         "f3e0bc972d2399e7c5d2ee92e915ac19f2a0a8d6fc29bd22713a046a9a358ff9",
         "014a03127288e97af282986961dc226ecfdc3c7c8e3002c96b6a09a0134b3814"],
    hints=["Re-read the section 'Why an alliance in 1949': it gives a date for each event.",
           "The treaty was signed while the blockade was still on."],
    explanation="3 April 1948, Truman signs the Economic Cooperation Act (the Marshall Plan); 24 June "
                "1948, the Soviet Union cuts access to West Berlin; 4 April 1949, the treaty is signed; "
                "12 May 1949, the blockade ends. The order is a fact; how far the blockade caused the "
                "treaty is a matter of interpretation.",
)
