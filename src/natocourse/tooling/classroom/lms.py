"""Grades for a learning management system: files Canvas and Moodle import as they are.

``grade --format canvas|moodle --roster FILE`` (and ``collect``) write, beside the gradebook
``OUT.csv``, ``OUT-canvas.csv`` or ``OUT-moodle.csv`` and a notes file ``OUT-<format>-notes.txt``
saying how to import it. Both need the class list (:mod:`.roster`): an LMS refuses students it does
not know, so the file holds exactly the students of the list, matched on their login.

**Canvas** (*Grades → Import*), as its gradebook importer reads a file (``lib/gradebook_importer.rb``
in canvas-lms): the header starts with ``Student`` and ``ID``, then ``SIS User ID`` and ``SIS Login
ID``, then ``Section`` closes the student columns; every later column is an assignment, matched by
its ``Title (id)`` or its title, else created. A ``Points Possible`` row under the header sets the
points of a new assignment. A student is matched on ``ID``, then ``SIS User ID``, then ``SIS Login
ID``, then the name. With a Canvas gradebook export as the class list, its student columns are kept
as exported and the assignment column is the export's column for the assignment when it has one
(``--lms-column`` names it), so Canvas matches both on its own ids; with a plain list, ``SIS Login
ID`` holds the login and the other ids are empty.

**Moodle** (*Grades → Import → CSV file*), as its CSV import reads a file (``grade/import/csv``):
the user is identified by one column mapped to ``username``, ``useremail``, ``useridnumber`` or
``userid``; one user it cannot find, or one value above the grade item's maximum (or below its
minimum), aborts the whole import. So the file holds only the class list's students, their
identifying columns as the list has them, and one grade column whose values lie between 0 and the
maximum the notes state (``--grade-max``, default the assignment's points).

Grades: the student's total, scaled to ``grade_max``, rounded to two places. A student with no
submission gets 0. A student whose notebook needs attention (broken file, timed out, output cap,
memory, grading failed) is left out, so the LMS keeps what it had until ``grade --only`` settles
it; the notes list them. Late work keeps its grade (a late policy is the instructor's); the notes
list it too. Every text cell is neutralised against spreadsheet formulas (:func:`.gradebook.safe_cell`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from .gradebook import csv_text
from .roster import Roster

#: The formats ``--format`` takes.
FORMATS = ("canvas", "moodle")
#: Statuses whose grade is not sent to an LMS until the instructor settles them.
HELD = ("broken file", "timed out", "output cap", "memory", "grading failed")
#: Canvas's student columns, in the order its importer reads them.
CANVAS_COLUMNS = ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
#: Moodle's "Map to" choice for the column a login is read from.
MOODLE_MAP_TO = {"Email address": "Email address (useremail)", "ID number": "ID number (useridnumber)"}


class LmsError(ValueError):
    """An LMS export that cannot be written (the message says why)."""


@dataclass(frozen=True)
class Export:
    """A written LMS file and its notes."""

    path: Path
    notes_path: Path
    notes: str


def grade_of(record: Mapping, possible: float, grade_max: float) -> float:
    """A gradebook record's total, out of ``grade_max``, rounded to two places (never above it)."""
    total = float(record.get("total") or 0)
    value = round(total / possible * grade_max, 2) if possible else 0.0
    return min(max(value, 0.0), grade_max)


def _plain(value: float):
    return int(value) if float(value).is_integer() else value


def _column(roster: Roster, assignment: str, wanted: str | None) -> str:
    """The assignment's column: the list's own (``Title (id)``) when it has one, else ``wanted``."""
    title = wanted or assignment
    for column in roster.others:
        if column == title or re.fullmatch(rf"{re.escape(title)} \(\d+\)", column):
            return column
    return title


def prepare(kind: str, out: Path, table: list[dict], roster: Roster, *, assignment: str, possible: float,
            grade_max: float | None = None, column: str | None = None) -> tuple[Export, str]:
    """``OUT-<kind>.csv`` and its notes for the gradebook ``table`` (:func:`.gradebook.table`),
    made but not written: ``(export, its CSV text)``."""
    if kind not in FORMATS:
        raise LmsError(f"--format takes {', '.join(FORMATS)}, not {kind!r}")
    grade_max = float(grade_max) if grade_max is not None else float(possible)
    if not grade_max > 0:
        raise LmsError(f"--grade-max must be a positive number, not {grade_max:g}")
    by_student = {r["student"]: r for r in table}
    held = [s.login for s in roster.students if any(h in by_student.get(s.login, {}).get("status", "") for h in HELD)]
    late = [s.login for s in roster.students if "late" in by_student.get(s.login, {}).get("status", "")]
    outside = [r["student"] for r in table if r["student"] not in roster]
    grades = {s.login: grade_of(by_student.get(s.login, {}), possible, grade_max)
              for s in roster.students if s.login not in held}
    target = out.with_name(f"{out.stem}-{kind}.csv")
    if kind == "canvas":
        header_column = _column(roster, assignment, column)
        columns, records = _canvas(roster, grades, header_column, grade_max)
        how = [f"Canvas: Grades → Import, choose {target.name}. The column {header_column!r} "
               + ("is the assignment's own column of your export, so Canvas fills that assignment."
                  if header_column in roster.others else
                  "is new to Canvas: the import creates an assignment of that name, worth "
                  f"{_plain(grade_max)} points (the Points Possible row)."),
               "Canvas shows the changes before it saves them."]
    else:
        header_column = column or assignment
        columns, records = _moodle(roster, grades, header_column)
        map_to = MOODLE_MAP_TO.get(roster.login_column, "Username (username)")
        how = [f"Moodle: Grades → Import → CSV file, choose {target.name} (separator: comma, encoding: UTF-8).",
               f"Identify user by: Map from {roster.login_column!r} to {map_to}.",
               f"Grade item mappings: map {header_column!r} to your grade item (or to a new grade item).",
               f"The values are out of {_plain(grade_max)}: the grade item's maximum grade must be at least "
               f"{_plain(grade_max)} (Moodle refuses the whole file otherwise); pass --grade-max to match "
               "another maximum."]
    notes = [f"{target.name}: {len(grades)} students of {roster.source or 'the class list'}, "
             f"grades out of {_plain(grade_max)}.", *how]
    if held:
        notes.append("Left out until you settle them (grade --only LOGIN, then export again): " + ", ".join(held))
    if late:
        notes.append("Late, graded as handed in (apply your late policy): " + ", ".join(late))
    if outside:
        notes.append("Not on the class list, so not in the file: " + ", ".join(outside))
    if roster.skipped:
        notes.append("Rows of the class list without a login, not in the file: " + ", ".join(roster.skipped))
    text = "\n".join(notes) + "\n"
    notes_path = out.with_name(f"{out.stem}-{kind}-notes.txt")
    return Export(target, notes_path, text), csv_text(columns, records)


def _canvas(roster: Roster, grades: Mapping[str, float], column: str, grade_max: float):
    own = roster.format == "canvas"
    identity = list(roster.identity) if own else list(CANVAS_COLUMNS)
    columns = [*identity, column]
    points = {c: "" for c in identity}
    points[identity[0]] = "    Points Possible"
    records = [{**points, column: _plain(grade_max)}]
    for student in roster.students:
        if student.login not in grades:
            continue
        row = ({c: student.row.get(c, "") for c in identity} if own else
               {"Student": student.name, "ID": "", "SIS User ID": "", "SIS Login ID": student.login, "Section": ""})
        records.append({**row, column: _plain(grades[student.login])})
    return columns, records


def _moodle(roster: Roster, grades: Mapping[str, float], column: str):
    identity = list(roster.identity) or [roster.login_column]
    if roster.login_column not in identity:
        identity.insert(0, roster.login_column)
    records = [{**{c: student.row.get(c, student.login if c == roster.login_column else "") for c in identity},
                column: _plain(grades[student.login])} for student in roster.students if student.login in grades]
    return [*identity, column], records


def write(export_: Export, content: str) -> Export:
    """Write an export's file and notes (through the reports' one writer)."""
    from .gradebook import _write_all

    _write_all({export_.path: content, export_.notes_path: export_.notes})
    return export_
