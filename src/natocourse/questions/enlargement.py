"""Questions of chapter 3, "After the Cold War: enlargement and new missions".

Facts: the ``members`` and ``timeline`` tables (the Warsaw Pact's dissolution, every enlargement
round, Article 5 in 2001, Crimea, the 2022 invasion, Finland and Sweden) and the sources cited in
the lesson (the 1990 assurances debate, ISAF, the Bucharest, Vilnius and Washington summit texts).
Hashed keys were made with ``python -m natocourse exercises key ID KIND ANSWER...``.
"""

from natocourse.engine import DataQuestion, Matching, MultipleChoice, MultipleSelect, Ordering, generated, shuffled

CHAPTER = (3, "After the Cold War: enlargement and new missions")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("date the end of the Warsaw Pact and of the Soviet Union from the `timeline` table"):
        ["enlargement-01"],
    ("set out the documentary record of the 1990 assurances to Gorbachev and the two main "
     "interpretations of it, each with its strongest sources"):
        ["enlargement-02", "enlargement-03"],
    ("count the enlargement rounds from 1999 to 2024 with pandas, and explore membership year by year"):
        ["enlargement-05", "enlargement-01"],
    ("describe NATO's operations in the Balkans and Afghanistan and the one invocation of Article 5"):
        ["enlargement-04"],
    ("trace the events from Crimea in 2014 to Finland's and Sweden's accessions, and the summit texts "
     "on Ukraine's path to membership"):
        ["enlargement-04", "enlargement-06"],
}



def _joined_after(day):
    return lambda data: int((data.load("members")["accession_date"] > day).sum())


def _enlargement_01(event):
    if event == "Warsaw Pact formally dissolved":
        return DataQuestion(
            "enlargement-01", "The Warsaw Pact was formally dissolved on 1 July 1991. Using "
                              "`data.load(\"members\")`, how many of today's allies joined NATO **after** "
                              "that day? Store the number in `answer`.",
            expected=_joined_after("1991-07-01"),
            hints=['Compare the `accession_date` column with the string `"1991-07-01"` using `>`.',
                   "`.sum()` counts the `True` values."],
            feedback={20: "20 counts every ally that joined after 1949, but Greece, Türkiye, West Germany and Spain "
                          "joined before 1991.",
                      32: "32 is every ally today, founders included."},
            explanation='`(members["accession_date"] > "1991-07-01").sum()` is 16: every ally from the 1999 '
                        "round onwards, half of today's alliance.",
            register=False,
        )
    from natocourse import data

    from . import long_date, names, wrong_values

    day = data.load("timeline").set_index("title").loc[event, "date"]
    iso = f"{day:%Y-%m-%d}"
    members = data.load("members")
    after = members[members["accession_date"] > day]
    answer = len(after)
    invited_before = members.loc[~members["founding"] & (members["accession_date"] <= day), "country"].tolist()
    same_day = members.loc[members["accession_date"] == day, "country"].tolist()
    candidates = [(len(members), f"{len(members)} is every ally today, founders included.")]
    if invited_before:
        shown = names(invited_before) if len(invited_before) <= 6 else f"{len(invited_before)} of them"
        candidates.append((int((~members["founding"]).sum()),
                           f"{int((~members['founding']).sum())} counts every ally that joined after 1949, but "
                           f"{shown} joined by {long_date(day)}."))
    if same_day:
        candidates.append((answer + len(same_day),
                           f"{answer + len(same_day)} counts {names(same_day)}, which joined on that very day: "
                           "**after** means `>`, not `>=`."))
    rounds = sorted(after["accession_date"].dt.year.unique().tolist())
    return DataQuestion(
        "enlargement-01", f'The timeline dates "{event}" to {long_date(day)}. Using `data.load("members")`, how many '
                          "of today's allies joined NATO **after** that day? Store the number in `answer`.",
        expected=_joined_after(iso),
        hints=[f'Compare the `accession_date` column with the string `"{iso}"` using `>`.',
               "`.sum()` counts the `True` values."],
        feedback=wrong_values(answer, 0, candidates),
        explanation=(f'`(members["accession_date"] > "{iso}").sum()` is {answer}: '
                     + (f"every ally that joined in {names(rounds)}, {answer} of today's {len(members)}."
                        if rounds else "no ally has joined since.")),
        register=False,
    )


#: Events of the timeline after the Cold War, dated to the day: how far had enlargement gone by then?
AFTER_COLD_WAR_EVENTS = ("Warsaw Pact military structures dissolved", "Warsaw Pact formally dissolved",
                         "USSR formally dissolved", "Czech Republic, Hungary and Poland join", "Article 5 invoked",
                         "Seven states join", "Wales Defence Investment Pledge",
                         "Russia's full-scale invasion of Ukraine", "Finland joins")

generated(_enlargement_01, default={"event": "Warsaw Pact formally dissolved"}, event=AFTER_COLD_WAR_EVENTS)

shuffled(MultipleChoice(
    "enlargement-02", "Which statement about 1990 do historians on **both** sides of the assurances "
                      "debate accept?",
    options=["A 1990 treaty forbids NATO to admit former Warsaw Pact states",
             "Assurances were spoken, but no limit beyond Germany was signed",
             "No Western leader spoke of NATO's eastward extent in 1990",
             "The Soviet Union signed a document approving later enlargement"],
    key="efdbacf2f1073bcc4f7e42cabd5e95e0df1608fc1703fb9d0d9ff10b4503c6f7",
    hints=["The debate is about what spoken words meant, not about a lost treaty.",
           "The 1990 treaty on Germany limits foreign forces in the former East Germany only."],
    feedback={"A 1990 treaty forbids NATO to admit former Warsaw Pact states":
                         "No treaty says so: the 1990 treaty on Germany limits foreign forces in the former "
                         "East Germany only.",
                     "No Western leader spoke of NATO's eastward extent in 1990":
                         "Baker's words about 'one inch to the east' are in both the US and the Soviet record "
                         "of 9 February 1990.",
                     "The Soviet Union signed a document approving later enlargement":
                         "Nothing about enlargement beyond Germany was put in writing, neither a ban nor an "
                         "approval."},
    explanation="Baker's words about 'one inch to the east' are in both the US and the Soviet record of "
                "9 February 1990, and Shifrinson and Kramer agree that nothing about enlargement beyond Germany "
                "was put in writing. They disagree about what the spoken assurances covered and "
                "whether they bound anyone.",
))

Matching(
    "enlargement-03", "Match each source with the position the lesson quotes from it.",
    items=["National Security Archive (2017)", "Kramer (2009)", "Shifrinson (2016)",
           "Gorbachev (October 2014 interview)"],
    options=["Declassified records show a 'cascade of assurances' to Soviet leaders",
             "The talks were about Germany only; the pledge is a myth",
             "US officials offered informal assurances while keeping expansion open",
             "NATO expansion 'was not discussed at all' in those years"],
    key=["0b9b5e220f8474e04840a5be571df106f838dc73d91c16c1d5c43eb48abc7862",
         "cd561e063d7e073baa3ee11b5ad5d2c77ff34a0462501ea250f26f4ebe9b3801",
         "9ff398011f88e3b01c42614c7fa8a19c6818ce57b345b45cba638b447ab23795",
         "5cbaf1c359158b0b43c0d8806175dfdd910ebcb43d73f8b764c7cc6d7a16f0b1"],
    hints=["The archive published the documents; the two scholars read them differently.",
           "The surprising one: the Soviet leader himself said the topic did not come up."],
    explanation="The National Security Archive's 2017 briefing book speaks of a 'cascade of "
                "assurances'; Kramer (2009) calls the pledge a myth because the talks concerned "
                "Germany; Shifrinson (2016) finds informal non-expansion assurances given while the "
                "United States kept expansion open; in a 2014 interview Gorbachev said the topic 'was "
                "not discussed at all'.",
)

Ordering(
    "enlargement-04", "Put these events in order, earliest first.",
    items=["Russia annexes Crimea", "Finland joins", "Article 5 invoked",
           "Bucharest: allies say Ukraine and Georgia will become members",
           "NATO takes command of ISAF in Afghanistan", "Russia's full-scale invasion of Ukraine"],
    key=["98ef697965a41cda2e068917efcf8c5e6610b5d8f1ebd044b6c675b46ee2184e",
         "f5bad66b92ecb62e77b61a33297ffa6aefd92300fb02dbac65cbd261fb455783",
         "e3b17eb25839d1b2c219c1f4c80d1fe2fde5049cf13f0ed1d4396af55e7c244c",
         "6ffa4800d2b1865aee8178d5d5261a8826763841ba2aeb3d378fb9edbb67e8b2",
         "e331d1dcc1f92808ed9533b6a4b73e0f87d187c6959e0bc9c04bcdc0d196c54e",
         "6f012ae4bbaf6f8a6151de3e22225cd22b0024f44bc269563cedd5afeba8858f"],
    hints=["Article 5 came the day after 11 September 2001; NATO's Afghanistan command followed it.",
           "Bucharest was in 2008, Crimea in 2014."],
    explanation="2001 Article 5; 2003 ISAF; 2008 Bucharest; 2014 Crimea; 2022 full-scale invasion; "
                "2023 Finland.",
)

DataQuestion(
    "enlargement-05", "How many states joined in the **largest** enlargement round (not counting the "
                      "twelve founders)? Use `data.load(\"members\")` and store the number in `answer`.",
    expected=lambda data: int(data.load("members").query("not founding")
                              .groupby("enlargement").size().max()),
    hints=["Drop the founders with `.query(\"not founding\")`.",
           "Group by the `enlargement` column and count: `.groupby(\"enlargement\").size()`, then `.max()`."],
    feedback={12: "12 is the founders, whom the question leaves out; count each later round instead.",
                     3: "3 is the 1999 round (Czechia, Hungary, Poland); one round was larger."},
    explanation='`members.query("not founding").groupby("enlargement").size().max()` is 7: the 2004 '
                "round (Bulgaria, Estonia, Latvia, Lithuania, Romania, Slovakia and Slovenia).",
)

shuffled(MultipleSelect(
    "enlargement-06", "Which statements about Ukraine's path towards NATO are supported by the "
                      "summit texts quoted in the lesson? Tick all that apply.",
    options=["In 2008 the allies agreed that Ukraine and Georgia will become members of NATO",
             "In 2023 the allies said they would invite Ukraine when Allies agree and conditions are met",
             "In 2024 the allies called Ukraine's path to membership irreversible",
             "Ukraine was given a Membership Action Plan at Bucharest in 2008",
             "The 2024 Washington declaration set a date for Ukraine's accession"],
    key="1f7ae18d5e0275b01ba483aff07a6b849c02997bb2b1911cd8e7342e954254b6",
    hints=["Three summits, three promises; none of them has a date.",
           "At Bucharest the Membership Action Plan was called 'the next step', not granted."],
    feedback={"Ukraine was given a Membership Action Plan at Bucharest in 2008":
                         "At Bucharest the Membership Action Plan was called 'the next step', not granted.",
                     "The 2024 Washington declaration set a date for Ukraine's accession":
                         "The Washington declaration spoke of an 'irreversible path' but gave no date; none "
                         "of the three summits set one."},
    explanation="Bucharest (2008): 'these countries will become members of NATO', with the Membership "
                "Action Plan as the next step, not granted. Vilnius (2023): an invitation 'when Allies "
                "agree and conditions are met'. Washington (2024): an 'irreversible path', still "
                "without a date.",
))
