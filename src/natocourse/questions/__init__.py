"""The questions of each chapter, one module per chapter slug (``tour.py`` → ``tour-01``, ...).

This package is the course's question bank, declared to the engine as the ``natocourse.banks``
entry point in ``pyproject.toml``. Every module here is imported automatically the first time the
engine (:mod:`natocourse.engine`, ``exercises`` in notebooks) looks a question up, so adding a
chapter's questions needs no registration step: create ``<slug>.py``, declare the questions (see
:mod:`natocourse.engine` for the format) and they appear in ``exercises.all()`` and in the
property tests.
"""

#: The module whose tables the data questions of this bank compute from.
DATA = "natocourse.data"

#: The module whose ``index()`` written answers' figures and quotations are checked against.
EVIDENCE = "natocourse.analysis.evidence"


# ---- helpers for generated questions (engine.variants.generated) ----------------------------
# A variant's prompt, hints, explanation and feedback are computed from the data by its chapter's
# build function; these helpers word what the build functions share. They read no data at import:
# the declared (default) variant of each question keeps its own wording, and only another variant,
# built when a student or the book asks for it, reads the tables.

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def long_date(when) -> str:
    """A date as the lessons write it: ``14 May 1955``."""
    return f"{when.day} {_MONTHS[when.month - 1]} {when.year}"


def release_name(vintage: str) -> str:
    """A NATO release by its month: ``"2025-04"`` → ``"April 2025"``."""
    year, month = vintage.split("-")
    return f"{_MONTHS[int(month) - 1]} {year}"


def names(items) -> str:
    """``A``, ``A and B``, ``A, B and C``."""
    items = [str(i) for i in items]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def country(iso3: str) -> str:
    """An ally's name as a sentence needs it: ``the United States``, ``Poland``."""
    from natocourse import data

    name = data.country_name(iso3)
    return f"the {name}" if name.startswith(("United ", "Netherlands")) else name


def plural(count: int, one: str, many: str = "") -> str:
    """``1 ally``, ``2 allies``."""
    return f"{count} {one if count == 1 else (many or one + 's')}"


def wrong_values(answer: float, tolerance: float, candidates) -> dict:
    """The feedback of a variant: ``candidates`` (``[(wrong value, why), ...]``) without the values
    that are not finite, that the check would accept as right (within twice the tolerance of
    ``answer``), or that an earlier candidate already explains."""
    import math

    kept: dict = {}
    for value, why in candidates:
        value = float(value)
        if not math.isfinite(value) or abs(value - answer) <= 2 * tolerance + 1e-9:
            continue
        if any(abs(value - other) <= 2 * tolerance + 1e-9 for other in kept):
            continue
        kept[value] = why
    return kept


def _members_on(day):
    return lambda data: len(data.members_on(day))


def _rounds(rows) -> str:
    """The accessions among ``rows`` of ``members`` after the founding: ``Greece and Türkiye (1952); ...``
    (in short once there are more than four rounds)."""
    later = rows[~rows["founding"]]
    rounds = [(day, group["country"].tolist()) for day, group in later.groupby("accession_date")]
    if len(rounds) <= 4:
        return "; ".join(f"{names(countries)} ({day.year})" for day, countries in rounds)
    day, countries = rounds[-1]
    return f"{len(later)} allies in {len(rounds)} rounds, the latest {names(countries)} ({day.year})"


def members_on_question(qid, title, *, prompt_end, hints, code='len(data.members_on("{iso}"))'):
    """A variant of coldwar-02 or leaving-04: how many allies NATO had on the day of the timeline event
    ``title`` (its prompt is the event's date and ``prompt_end``; ``hints`` and the explanation's ``code`` may
    name ``{iso}``, the day)."""
    from natocourse import data
    from natocourse.engine import DataQuestion

    day = data.load("timeline").set_index("title").loc[title, "date"]
    iso = f"{day:%Y-%m-%d}"
    allies = data.members_on(iso)
    answer = len(allies)
    latest = allies["accession_date"].max()
    newest = allies.loc[allies["accession_date"] == latest, "country"].tolist()
    gap = (day - latest).days
    when = ("that very day" if gap == 0 else f"on {long_date(latest)}, {plural(gap, 'day')} before" if gap < 60
            else f"on {long_date(latest)}")
    candidates = []
    if latest.year > 1949:
        candidates.append((answer - len(newest), f"{answer - len(newest)} leaves out {names(newest)}, which joined "
                                                 f"{when}: an ally that joined on or before the day counts (`<=`)."))
        candidates.append((12, f"12 counts the founders only; {_rounds(allies)} had joined by {long_date(day)}."))
    if answer < len(data.load("members")):
        total = len(data.load("members"))
        candidates.append((total, f"{total} is every ally today; {total - answer} of them joined after "
                                  f"{long_date(day)}."))
    return DataQuestion(
        qid, f'The timeline dates "{title}" to {long_date(day)}. {prompt_end}',
        expected=_members_on(iso),
        hints=[h.format(iso=iso) for h in hints],
        feedback=wrong_values(answer, 0, candidates),
        explanation=(f"`{code.format(iso=iso)}` gives {answer}: "
                     + (f"the 12 founders, then {_rounds(allies)}." if latest.year > 1949 else "the 12 founders.")),
        register=False,
    )
