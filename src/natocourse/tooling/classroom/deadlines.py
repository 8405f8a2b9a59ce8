"""Deadlines: when an assignment is due, for whom, and whether a hand-in came late.

**The cut-off.** An assignment is due on a day (``assign --due 2027-03-15``), in the time zone its
manifest states (``assign --timezone Europe/Brussels``; UTC when none is given). Work is on time
if it was handed in before the end of that day there, that is strictly before midnight at the
start of the next day (2027-03-16 00:00 in Brussels); at midnight or later it is late. A student
with an extension (``--extension ann=2027-03-20``) has their own due day, with the same rule.

**When work was handed in.** ``grade`` takes a notebook's file modification time; ``collect``
takes the modification time of the student's saved copy, never later than the moment ``collect``
copied it (a copy cannot have been handed in after it was taken). Modification times are set by
whoever writes the file, and students on a hub can change those of their own files; for a
deadline nobody can dispute, run ``collect`` at the cut-off (e.g. with ``at`` or ``cron``), and
collect again later, into another ``--out`` folder, for late work. Times are shown in the
assignment's time zone.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping

from .roster import Roster, RosterError, check_name


class DeadlineError(ValueError):
    """A date, time zone or extension that cannot be used (the message says what to give)."""


def parse_day(text, what: str = "due date") -> dt.date:
    """A calendar day written ``YYYY-MM-DD``."""
    if isinstance(text, dt.date):
        return text
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise DeadlineError(f"{what} {text!r} must be written YYYY-MM-DD, e.g. 2027-03-15")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise DeadlineError(f"{what} {text!r} is not a day of the calendar") from None


def zone(name: str | None) -> dt.tzinfo:
    """The time zone named ``name`` (an IANA name such as ``Europe/Brussels``; ``None`` or ``UTC``
    is UTC)."""
    if name in (None, "", "UTC"):
        return dt.timezone.utc
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*", name):
            raise ValueError(name)
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise DeadlineError(f"time zone {name!r} is not known; give an IANA name such as Europe/Brussels, "
                            "America/New_York or UTC") from None


def check_zone(name: str | None) -> str:
    """``name`` if it is a known time zone (``"UTC"`` for none)."""
    zone(name)
    return name or "UTC"


def parse_extensions(options: Iterable[str], roster: Roster | None = None) -> dict[str, dt.date]:
    """``--extension`` options → due day by student: ``["ann=2027-03-20"]`` → ``{"ann": date}``.

    A student must be a usable login, on the class list when one is given, and named once."""
    found: dict[str, dt.date] = {}
    for option in options or ():
        student, sep, day = str(option).partition("=")
        student = student.strip()
        if not sep or not student:
            raise DeadlineError(f"--extension {option!r} must be written STUDENT=YYYY-MM-DD, e.g. ann=2027-03-20")
        try:
            check_name(student)
        except RosterError as exc:
            raise DeadlineError(f"--extension {option!r}: {exc}") from None
        if roster is not None:
            if student not in roster:
                raise DeadlineError(f"--extension names {student!r}, who is not on the class list")
            student = roster.canonical(student)
        if student in found:
            raise DeadlineError(f"--extension gives {student} twice")
        found[student] = parse_day(day, f"--extension date for {student}")
    return found


@dataclass(frozen=True)
class Deadline:
    """An assignment's due day in its time zone, and the students' extensions."""

    due: dt.date | None = None
    timezone: str = "UTC"
    extensions: Mapping[str, dt.date] = field(default_factory=dict)

    def __post_init__(self):
        check_zone(self.timezone)
        late = {s: d for s, d in self.extensions.items() if self.due and d < self.due}
        if late:
            student, day = next(iter(late.items()))
            raise DeadlineError(f"the extension for {student} ({day}) is before the due date ({self.due})")

    @property
    def tz(self) -> dt.tzinfo:
        """The assignment's time zone."""
        return zone(self.timezone)

    def due_for(self, student: str) -> dt.date | None:
        """The day ``student``'s work is due (their extension's, if they have one)."""
        return self.extensions.get(student, self.due)

    def cutoff(self, student: str = "") -> dt.datetime | None:
        """The first instant at which ``student``'s work is late: midnight after their due day, in
        the assignment's time zone (``None`` without a due date)."""
        day = self.due_for(student)
        if day is None:
            return None
        return dt.datetime.combine(day + dt.timedelta(days=1), dt.time(0), tzinfo=self.tz)

    def late(self, student: str, handed_in: dt.datetime | None) -> bool:
        """True if ``handed_in`` is at or after ``student``'s cut-off."""
        cutoff = self.cutoff(student)
        return cutoff is not None and handed_in is not None and handed_in >= cutoff

    def shown(self, when: dt.datetime | None) -> str:
        """A time as the reports show it, in the assignment's time zone (``""`` for none)."""
        if when is None:
            return ""
        return when.astimezone(self.tz).isoformat(timespec="seconds")

    def describe(self, student: str = "") -> str:
        """The due date in words: ``2027-03-15 (late from 2027-03-16 00:00, Europe/Brussels)``."""
        day, cutoff = self.due_for(student), self.cutoff(student)
        if day is None:
            return "no due date"
        extended = " (extended)" if student in self.extensions else ""
        return f"{day.isoformat()}{extended}, late from {cutoff:%Y-%m-%d %H:%M} {self.timezone}"


def file_time(path: str | Path) -> dt.datetime:
    """A file's modification time, as an aware time in UTC."""
    return dt.datetime.fromtimestamp(os.stat(path).st_mtime, dt.timezone.utc)


def now() -> dt.datetime:
    """The current time, aware, in UTC."""
    return dt.datetime.now(dt.timezone.utc)
