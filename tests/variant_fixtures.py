"""Throw-away questions with variants, for the tests of "Try another" (never registered: the
course's bank stays as it is). One per checking family that varies by parameters or by the order of
its options: a number, a choice (parameters and shuffled options), a short text and a select
(shuffled only). Their chapter, ``drill``, is no chapter of the course.

The facts are real (the year each ally joined NATO), but these questions are no part of the course.
"""

from __future__ import annotations

from natocourse.engine import MultipleChoice, MultipleSelect, Numeric, ShortText, variants

#: The year each of these allies joined NATO (the North Atlantic Treaty was signed in 1949).
JOINED = {"Greece": 1952, "Germany": 1955, "Spain": 1982, "Poland": 1999, "Albania": 2009}


def years_after(ally: str) -> Numeric:
    """drill-01: how many years after the treaty an ally joined (a number with units)."""
    return Numeric("drill-01", f"The North Atlantic Treaty was signed in 1949. How many years later did "
                   f"**{ally}** join, in {JOINED[ally]}?", answer=JOINED[ally] - 1949, units="years",
                   hints=[f"Subtract 1949 from {JOINED[ally]}."], feedback={JOINED[ally] - 1948: "Off by one."},
                   explanation=f"{JOINED[ally]} − 1949 = {JOINED[ally] - 1949} years.", register=False)


def joined_when(ally: str) -> MultipleChoice:
    """drill-02: the year an ally joined (a choice whose options are also shuffled)."""
    options = [str(year) for year in sorted(JOINED.values())][:4] if JOINED[ally] != 2009 else \
        [str(year) for year in sorted(JOINED.values())][1:]
    right = str(JOINED[ally])
    wrong = next(o for o in options if o != right)
    return MultipleChoice("drill-02", f"In which year did {ally} join NATO?", options=options,
                          key=MultipleChoice.key("drill-02", right)[0], feedback={wrong: f"Not {wrong}."},
                          hints=["Think of the enlargement rounds."], explanation=f"{ally} joined in {right}.",
                          register=False)


def who_joined(ally: str) -> ShortText:
    """drill-03: which ally joined in a year (a short text)."""
    year = JOINED[ally]
    return ShortText("drill-03", f"Which of Greece, Germany, Spain, Poland and Albania joined NATO in {year}?",
                     key=ShortText.key("drill-03", ally), explanation=f"{ally}, in {year}.", register=False)


def questions() -> list:
    """The four varying questions, declared afresh (unregistered)."""
    number = variants.generated(years_after, default={"ally": "Greece"}, register=False, ally=list(JOINED))
    choice = variants.generated(joined_when, default={"ally": "Spain"}, shuffle=True, register=False,
                                ally=list(JOINED))
    text = variants.generated(who_joined, default={"ally": "Spain"}, register=False, ally=list(JOINED))
    options = ["Poland", "Hungary", "Czechia", "Spain", "Greece"]
    select = variants.shuffled(MultipleSelect(
        "drill-04", "Which of these allies joined NATO in 1999?", options=options,
        key=MultipleSelect.key("drill-04", "Poland", "Hungary", "Czechia")[0],
        feedback={"Spain": "Spain joined in 1982."}, register=False))
    return [number, choice, text, select]
