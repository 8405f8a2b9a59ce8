"""Questions of chapter 4, "The treaty, article by article".

Facts: the treaty text (Articles 3, 4, 5, 10, 13), NATO's page on the 2001 invocation of Article 5,
and the course's membership and timeline tables. Hashed keys were made with
``python -m natocourse exercises key ID KIND ANSWER...``.
"""

from natocourse.engine import (DataQuestion, Matching, MultipleChoice, MultipleSelect, Numeric,
                                  Ordering, generated, shuffled)

CHAPTER = (4, "The treaty, article by article")

#: The lesson's learning objectives (as its objectives box words them, without MyST roles) and
#: the exercises that make the student practise each one.
OBJECTIVES = {
    ("explain Articles 3, 4, 5, 10 and 13 in plain language and quote their key words"):
        ["treaty-02", "treaty-06"],
    ("say what Article 5 obliges an ally to do, and what it leaves to each ally's judgement"):
        ["treaty-01"],
    ("describe why deterrence depends on belief, using a NATO official's \"Schr\u00f6dinger's cat\" image"):
        ["treaty-08"],
    ("compute membership growth by accession from the course data"):
        ["treaty-03"],
    ("compute, from the timeline data, the date from which Article 13 could be used"):
        ["treaty-07", "treaty-04", "treaty-05"],
}


shuffled(MultipleChoice(
    "treaty-01", "If an ally in Europe or North America is attacked, what does **Article 5** oblige "
                 "every other ally to do?",
    options=["Declare war on the attacker at once",
             "Take such action as it deems necessary, which may include the use of armed force",
             "Send troops to the attacked ally within 30 days",
             "Nothing until the UN Security Council has voted"],
    key="7c4cfc6b920ac5158930186ee2edaf270f435d130c03f2ea42df1c086f060a3b",
    hints=["Read the quoted text again: who decides what action is taken?",
           "The words are \"such action as it deems necessary, including the use of armed force\"."],
    feedback={"Declare war on the attacker at once":
                    "Article 5 leaves each ally to take 'such action as it deems necessary'; it requires no "
                    "declaration of war.",
                "Send troops to the attacked ally within 30 days":
                    "Article 5 sets no deadline and no particular kind of help; each ally decides what is "
                    "necessary.",
                "Nothing until the UN Security Council has voted":
                    "Measures are reported to the UN Security Council, but they do not wait for its vote."},
    explanation="Each ally must assist the attacked ally, but each decides for itself what action is "
                "necessary; armed force is included as a possibility, not required. Measures must "
                "be reported to the UN Security Council, but they do not wait for it.",
))

Matching(
    "treaty-02", "Match each article of the North Atlantic Treaty with what it says.",
    items=["Article 3", "Article 4", "Article 5", "Article 10", "Article 13"],
    options=["Keep up the capacity to resist armed attack, alone and together",
             "Consult when any ally's security is threatened",
             "Treat an armed attack on one as an attack on all",
             "Invite other European states, by unanimous agreement",
             "Leave one year after giving notice of denunciation"],
    key=["f4a017a6980137acc5764371a2eb6e1f69f476f769602b47bc361246628035b2",
         "d5e3b0857718cfb2a4b2ce8748b6e203ab1feb50184396fe02611c8681afb1bc",
         "f38f76dc49c5e8fb90fdde634ac3362195c7cd71e96f5a041b34229ccfba7b54",
         "75648012a5fc315f61bda320410d4a002abbc62068bf319056845c5008be1dcc",
         "f91633dad85107d901fe38bc8d09b8b4dc1e341c3c7bb8a3a074891cd173eb42"],
    hints=["Article 5 is the collective-defence clause; Article 13 is the last article before the "
           "one about the treaty's original copies.",
           "Article 3 is about preparing (self-help and mutual aid), Article 4 about talking."],
    explanation="Article 3: self-help and mutual aid to resist armed attack; Article 4: consultation "
                "when territorial integrity, political independence or security is threatened; "
                "Article 5: collective defence; Article 10: invitations to accede; Article 13: "
                "denunciation with one year's notice.",
)

DataQuestion(
    "treaty-03", 'Using `data.load("members")`, how many of today\'s allies joined **after** 1949, '
                 "that is, by invitation under Article 10 rather than as founders? "
                 "Store the number in `answer`.",
    expected=lambda data: int((data.load("members")["accession_date"].dt.year > 1949).sum()),
    hints=['`members["accession_date"].dt.year` gives the year each ally joined.',
           "Compare with 1949 using `>` and add up the `True` values with `.sum()`."],
    feedback={32: "32 is every ally; the 12 founders signed in 1949 and needed no invitation.",
                12: "12 is the founders; the question asks about the allies that joined later."},
    explanation='`(members["accession_date"].dt.year > 1949).sum()` counts the allies that acceded '
                "after the founding year: every ally except the 12 founders.",
)

Ordering(
    "treaty-04", "Put these events in time order, earliest first.",
    items=["Article 13 becomes available", "Article 5 invoked", "Finland joins",
           "Treaty enters into force", "Treaty signed"],
    key=["dad218065eb2505b880b553e2b2fbe22df0884d4e409ea83b52ca5724db8fdd5",
         "03bfe0d97e43b60a150434c9565ec9e4f08a976f5fb5fc616b54694dc0c84362",
         "ec61c2f73110f4d6362ffbfa5223362b236b15425016a8a4c7c0634fc9febfd0",
         "eb910628846d4ccd4278c1f93102b8ef7c10ae63a0b38f338ba2ddbef614ef8b",
         "62f55460c318849dcaabeded45fca12dc4f86abdd6c31fc5affdbfb4048b7e28"],
    hints=["Signature comes before entry into force; Article 13 needs twenty years of the treaty "
           "in force.",
           "Article 5 was invoked after the attacks of 11 September 2001; Finland joined in 2023."],
    explanation="Signed 4 April 1949; in force 24 August 1949; Article 13 available 24 August 1969 "
                "(twenty years later); Article 5 invoked 12 September 2001; Finland joined "
                "4 April 2023.",
)

Numeric(
    "treaty-05", "How many days passed between the signature of the treaty (4 April 1949) and its "
                 "entry into force (24 August 1949)?",
    answer=142, units="days",
    hints=["In pandas: `pd.Timestamp(\"1949-08-24\") - pd.Timestamp(\"1949-04-04\")`.",
           "April has 30 days: 26 days remain after 4 April, then May, June, July and 24 days of "
           "August."],
    feedback={143: "143 counts both the first and the last day; count the days between them: 26 left in "
                     "April, then May, June, July and 24 days of August."},
    explanation="26 (rest of April) + 31 + 30 + 31 + 24 = 142 days, the time it took for the "
                "ratifications required by Article 11 to be deposited.",
)

MultipleSelect(
    "treaty-06", "Which statements about **Article 13** are true? Tick all that apply.",
    options=["A Party must give notice to the Government of the United States",
             "The withdrawal takes effect one year after the notice",
             "It could not be used before the treaty had been in force for twenty years",
             "The other Parties must agree to the withdrawal",
             "A Party must first have met NATO's spending guideline"],
    key="dd8b326c5579dc823eda1938105bc664f5fc6622845644886a9f6cbdcecc7485",
    hints=["Read the article's single sentence: what conditions does it set?",
           "Nothing in Article 13 asks for anyone else's agreement."],
    feedback={"The other Parties must agree to the withdrawal":
                    "Article 13 asks for no one's agreement: a notice to the US Government and a year's wait "
                    "are enough.",
                "A Party must first have met NATO's spending guideline":
                    "Article 13 sets no spending condition; the 2 % guideline was agreed by defence ministers "
                    "in 2006 and is not in the treaty."},
    explanation="Article 13 sets three conditions only: twenty years in force (met since 1969), a "
                "notice of denunciation to the US Government (the depositary), and a year's wait. "
                "No vote of the other Parties and no spending condition is involved.",
)

def _first_exit_year(data):
    timeline = data.load("timeline")
    in_force = timeline.loc[timeline["title"] == "Treaty enters into force", "date"].iloc[0]
    return int(in_force.year) + 20 + 1


def _first_exit(joined):
    """The year in which the states that joined in ``joined`` could have left at the earliest."""
    def expected(data):
        from natocourse.analysis import withdrawal

        timeline = data.load("timeline")
        in_force = timeline.loc[timeline["title"] == "Treaty enters into force", "date"].iloc[0]
        members = data.load("members")
        joined_on = members.loc[members["enlargement"] == joined, "accession_date"].min()
        first_notice = max(withdrawal.article13_available(in_force), withdrawal.as_date(joined_on))
        return withdrawal.cessation_date(first_notice).year
    return expected


def _treaty_07(joined):
    if joined == 1949:
        return DataQuestion(
            "treaty-07", "Article 13: a Party may give notice once the treaty has been in force for twenty years, "
                         "and it ceases to be a Party one year after its notice. Using the `timeline` table, in "
                         "which year could a Party that gave notice on the first day allowed have left at the "
                         "earliest? Store the year in `answer`.",
            expected=_first_exit_year,
            hints=['Find the row titled "Treaty enters into force" in `data.load("timeline")` and read its '
                   "`date`.",
                   "Add twenty years (when notice becomes possible), then one more year (the notice period)."],
            feedback={1969: "1969 is when notice first became possible; leaving takes one more year.",
                      1949: "1949 is when the treaty was signed and entered into force; add the twenty years "
                            "and the year of notice."},
            explanation="The treaty entered into force on 24 August 1949; twenty years later, on 24 August 1969, "
                        "notice became possible; a notice given that day would have taken effect on 24 August "
                        "1970. `timeline.query('title == \"Treaty enters into force\"')[\"date\"].dt.year` "
                        "gives 1949; 1949 + 20 + 1 = 1970.",
            register=False,
        )
    from natocourse import data
    from natocourse.analysis import withdrawal

    from . import long_date, names, wrong_values

    timeline = data.load("timeline")
    in_force = timeline.loc[timeline["title"] == "Treaty enters into force", "date"].iloc[0]
    available = withdrawal.article13_available(in_force)
    members = data.load("members")
    states = members.loc[members["enlargement"] == joined, "country"].tolist()
    joined_on = withdrawal.as_date(members.loc[members["enlargement"] == joined, "accession_date"].min())
    first_notice = max(available, joined_on)
    leaves = withdrawal.cessation_date(first_notice)
    answer = leaves.year
    who, verb = names(states), "they" if len(states) > 1 else "it"
    founders = withdrawal.cessation_date(available).year
    why = (f"the twenty years had been up since {long_date(available)}, so {verb} could give notice the day {verb} "
           "joined" if joined_on >= available else
           f"{verb} joined before the twenty years were up, so {verb} had to wait, like the founders, until "
           f"{long_date(available)}")
    return DataQuestion(
        "treaty-07", "Article 13: a Party may give notice once the treaty has been in force for twenty years, and it "
                     f"ceases to be a Party one year after its notice. {who} joined NATO on {long_date(joined_on)}. "
                     f"Using the `timeline` and `members` tables, in which year could {who} have left at the "
                     "earliest, giving notice on the first day allowed? Store the year in `answer`.",
        expected=_first_exit(joined),
        hints=['Find the row titled "Treaty enters into force" in `data.load("timeline")`: the twenty years run '
               f"from that day for every Party, whenever it joined. Compare the day they end with the day {who} "
               'joined (`data.load("members")`).',
               "Notice is possible from the later of the two days; leaving takes one more year."],
        feedback=wrong_values(answer, 0, [
            (joined_on.year + 21, f"{joined_on.year + 21} counts the twenty years from {who}'s accession; Article 13 "
                                  f"counts them from the treaty's entry into force in {in_force.year}, for every "
                                  "Party."),
            (answer - 1, f"{answer - 1} is when {who} could first give notice; leaving takes one more year."),
            (founders, f"{founders} is the earliest exit of a founding Party; {who} joined only in {joined_on.year}, "
                       "and a state can leave only a treaty it has joined."),
            (joined_on.year, f"{joined_on.year} is when {who} joined; a notice takes a year to take effect"
                             + ("." if joined_on >= available else
                                f", and none was possible before {long_date(available)}.")),
        ]),
        explanation=(f"The treaty entered into force on {long_date(in_force)}; notice became possible on "
                     f"{long_date(available)}. {who} joined on {long_date(joined_on)}: {why}. A notice given on "
                     f"{long_date(first_notice)} would have taken effect on {long_date(leaves)}."),
        register=False,
    )


#: The years of the accession rounds (``enlargement`` in the members table); 1949 is the founders'.
ROUNDS = (1949, 1952, 1955, 1982, 1999, 2004, 2009, 2017, 2020, 2023, 2024)

generated(_treaty_07, default={"joined": 1949}, joined=ROUNDS)

shuffled(MultipleChoice(
    "treaty-08", "A NATO official compared Article 5 to Schrödinger's cat. Which point does the image make?",
    options=["Its force rests on belief that it will hold, which stays uncertain until it is tested",
             "Article 5 has never been invoked",
             "The United States has said it will not honour Article 5",
             "Article 5 obliges every ally to use armed force"],
    key="cc369fe998012b26ec7f021e944fc74ff731a6eabc26170c24b7c6c4c59286de",
    hints=["Read the quotation again: 'until Article 5 is actually tested, we won't really know'.",
           "The report's point is about belief, not about the text of the article."],
    feedback={"Article 5 has never been invoked":
                  "It was invoked once, after 11 September 2001; the image is about whether it would hold "
                  "if tested again.",
              "The United States has said it will not honour Article 5":
                  "At The Hague in June 2025 all 32 allies, the United States included, reaffirmed their "
                  "'ironclad commitment' to Article 5; the image is about belief and doubt.",
              "Article 5 obliges every ally to use armed force":
                  "Article 5 leaves each ally to take 'such action as it deems necessary'; the image is "
                  "about whether the promise is believed."},
    explanation="'It exists in both states, alive and dead, until the box is opened': deterrence depends "
                "on allies and adversaries believing that the promise will hold, and that belief cannot "
                "be proven until an attack tests it.",
))
