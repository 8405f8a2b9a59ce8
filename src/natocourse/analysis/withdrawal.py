"""Date arithmetic for leaving the North Atlantic Treaty (chapters 4 and 5).

Two rules are modelled, each quoted in the lessons with its source:

- **Article 13 of the treaty**: after the treaty had been in force for twenty years, "any Party may
  cease to be a Party one year after its notice of denunciation has been given to the Government of
  the United States of America".
- **H.R. 6508 / S. 2174** (the "NATO Act", not law): "not later than 30 days after the date of the
  enactment of this Act, the President shall give notice of denunciation".

Counting conventions (stated here so that students can question them): "N days after" a date is
that date plus N calendar days; "one year after" a date is the same day and month a year later, and
a 29 February falls back to 28 February in a year without one. The 1978 termination of the
US-Republic of China defence treaty, whose notice took effect on 1 January 1979 and which ended on
1 January 1980, follows the same anniversary convention. Real legal effect can depend on details
(time zones, when a notice counts as "given") that no calculator settles.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

#: Years the treaty had to be in force before Article 13 could be used.
ARTICLE13_WAITING_YEARS = 20
#: Years between a notice of denunciation and the day a Party ceases to be a Party (Article 13).
NOTICE_PERIOD_YEARS = 1
#: Days the NATO Act (H.R. 6508 / S. 2174) would give the President to give notice after enactment.
NOTICE_DEADLINE_DAYS = 30


def as_date(value) -> _dt.date:
    """Read a date from a ``datetime.date``, a ``datetime``/pandas ``Timestamp`` or an ISO string.

    Raises :class:`ValueError` (with the value in the message) for anything else.
    """
    if isinstance(value, _dt.datetime):  # includes pandas.Timestamp
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        try:
            return _dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a date such as '2026-01-15', got {value!r}")


def add_years(day, years: int) -> _dt.date:
    """The same day and month ``years`` later; 29 February becomes 28 February if needed."""
    day = as_date(day)
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def add_days(day, days: int) -> _dt.date:
    """``day`` plus ``days`` calendar days."""
    return as_date(day) + _dt.timedelta(days=days)


def article13_available(entry_into_force) -> _dt.date:
    """The first day a notice of denunciation could be given: entry into force + 20 years."""
    return add_years(entry_into_force, ARTICLE13_WAITING_YEARS)


def cessation_date(notice_date) -> _dt.date:
    """The day a Party ceases to be a Party under Article 13: one year after its notice."""
    return add_years(notice_date, NOTICE_PERIOD_YEARS)


@dataclass(frozen=True)
class WithdrawalTimeline:
    """The steps of a withdrawal under the NATO Act and Article 13 (all ``datetime.date``).

    ``earliest_effective`` assumes notice on the day of enactment, ``latest_effective`` notice on
    the last day the bill allows; ``effective`` follows from the notice actually assumed.
    """

    enactment: _dt.date
    notice_deadline: _dt.date
    notice: _dt.date
    effective: _dt.date
    earliest_effective: _dt.date
    latest_effective: _dt.date

    @property
    def on_time(self) -> bool:
        """True if the notice falls within the 30 days the bill allows."""
        return self.notice <= self.notice_deadline

    @property
    def days_in_notice_period(self) -> int:
        """Days from notice to the day the United States would cease to be a Party."""
        return (self.effective - self.notice).days

    @property
    def days_from_enactment(self) -> int:
        """Days from enactment to the day the United States would cease to be a Party."""
        return (self.effective - self.enactment).days

    def steps(self) -> list[tuple[str, _dt.date]]:
        """``(label, date)`` pairs in time order, for tables and charts."""
        if self.notice == self.notice_deadline:
            steps = [("Notice of denunciation given (last day allowed, +30 days)", self.notice)]
        else:
            steps = [("Notice of denunciation given", self.notice),
                     ("Last day for notice under the bill (+30 days)", self.notice_deadline)]
        steps = [("Act enacted", self.enactment), *steps,
                 ("United States ceases to be a Party (notice + 1 year)", self.effective)]
        return sorted(steps, key=lambda step: step[1])

    def as_frame(self):
        """The steps as a pandas DataFrame with columns ``step`` and ``date`` (sorted by date)."""
        import pandas as pd

        frame = pd.DataFrame(self.steps(), columns=["step", "date"])
        frame["date"] = pd.to_datetime(frame["date"])
        return frame.sort_values("date", kind="stable").reset_index(drop=True)


def withdrawal_timeline(enactment_date, notice_date=None) -> WithdrawalTimeline:
    """Dates of a withdrawal if the NATO Act were enacted on ``enactment_date``.

    ``notice_date`` is when the President gives notice of denunciation; by default the last day the
    bill allows (enactment + 30 days). A notice before enactment raises :class:`ValueError`; a late
    notice is allowed (``on_time`` is then False) because the treaty itself sets no deadline.

    >>> t = withdrawal_timeline("2026-03-02")
    >>> t.notice_deadline, t.effective
    (datetime.date(2026, 4, 1), datetime.date(2027, 4, 1))
    """
    enactment = as_date(enactment_date)
    deadline = add_days(enactment, NOTICE_DEADLINE_DAYS)
    notice = deadline if notice_date is None else as_date(notice_date)
    if notice < enactment:
        raise ValueError(f"the notice ({notice}) cannot come before the Act is enacted ({enactment})")
    return WithdrawalTimeline(
        enactment=enactment,
        notice_deadline=deadline,
        notice=notice,
        effective=cessation_date(notice),
        earliest_effective=cessation_date(enactment),
        latest_effective=cessation_date(deadline),
    )
