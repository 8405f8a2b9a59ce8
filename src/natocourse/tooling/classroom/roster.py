"""The class list: who is in the class, by the login each student hands in under.

A student is named everywhere by their **login**: the name of the folder they handed in from, the
hub's user name ``collect`` copies from, and the key a learning management system (LMS) matches
grades on. :func:`check_name` is the one rule for what a login may be: a folder name that is safe
on every system, ``[\\w][\\w.@+-]*`` (letters, digits, ``_``, then also ``.``, ``@``, ``+`` and
``-``; at most 100 characters; no spaces, no ``/``, nothing hidden such as ``.x``, nothing like
``..``), so that ``ann``, ``ann.smith``, ``s2031`` and ``ann@uni.example`` are logins and ``../x``,
``""`` and ``Ann Smith`` are not.

:func:`load` reads a class list from a CSV file, in any of three layouts (recognised by their
header row; the delimiter may be ``,``, ``;`` or a tab, and Excel's byte-order mark is fine):

- **plain**: a ``student`` column of logins (other columns, such as ``name`` or ``email``, kept),
  where every row needs a login; or a file of one column with no header, one login a line;
- **Canvas**: the gradebook export (*Grades → Export*): ``Student, ID, SIS User ID, SIS Login ID,
  Section`` then one column per assignment, with a ``Points Possible`` row under the header. The
  login is ``SIS Login ID``; rows without one (Canvas's "Test Student") are skipped and listed;
- **Moodle**: the grader report's plain-text export (*Grades → Export → Plain text file*): ``First
  name, Last name`` and the identity fields the site shows (``ID number, Institution, Department,
  Email address``, ``Username`` where shown), then one column per grade item. The login is
  ``Username`` when the export has it, else ``Email address``.

``login_column`` names another column to read logins from (for example ``SIS User ID``). Every
login is checked with :func:`check_name`, and a login given twice (letter case aside) is refused:
a class list either loads whole or raises :class:`RosterError` naming the file, the row and what
to do.

A :class:`Roster` keeps its students in the file's order with the identifying columns of their
rows (the LMS exports of :mod:`.lms` write them back), and looks students up by login (letter case
aside, as LMS logins are): ``roster.get("Ann")``, ``"ann" in roster``, ``roster.logins``;
iterating over it gives the logins, ``roster.students`` the :class:`Student` records.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, Mapping

#: A login: a safe folder name (see the module docstring).
NAME_PATTERN = re.compile(r"\w[\w.@+-]{0,99}")

#: The layouts :func:`load` recognises.
FORMATS = ("plain", "canvas", "moodle")

#: The columns of a Canvas gradebook export that identify a student (the rest are assignments).
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section")
#: The user fields a Moodle grade export may hold before its grade items.
MOODLE_IDENTITY = ("First name", "Last name", "Username", "ID number", "Institution", "Department",
                   "Email address", "Phone", "Mobile phone", "Address", "City/town", "Country")


class RosterError(ValueError):
    """A class list or a name that cannot be used; the message says which and what to do."""


def check_name(name, what: str = "student name") -> str:
    """``name`` if it is a safe login (see the module docstring), else :class:`RosterError`."""
    if not isinstance(name, str) or not name:
        raise RosterError(f"a {what} cannot be empty")
    if not NAME_PATTERN.fullmatch(name) or name.endswith("."):
        shown = name if len(name) <= 60 else name[:59] + "…"
        raise RosterError(f"{shown!r} is not a usable {what}: use the student's login, a folder name of "
                          "letters, digits and _ . @ + - (no spaces or /, not starting with . or -)")
    return name


@dataclass(frozen=True)
class Student:
    """One student of a class list: the login, and the row of the file it came from (its columns
    as read, and its number; empty for a list of names)."""

    login: str
    row: Mapping[str, str] = field(default_factory=dict)
    #: The file's row number it was read from (1 is the header); 0 for a list of names.
    number: int = 0

    @property
    def name(self) -> str:
        """A display name when the list has one (Canvas's ``Student``, Moodle's first and last
        name, a plain list's ``name``), else the login."""
        for column in ("name", "Student"):
            if self.row.get(column, "").strip():
                return self.row[column].strip()
        full = " ".join(self.row.get(c, "").strip() for c in ("First name", "Last name")).strip()
        return full or self.login


@dataclass(frozen=True)
class Roster:
    """A class list (see the module docstring): students in order, looked up by login."""

    students: tuple[Student, ...]
    format: str = "plain"
    login_column: str = "student"
    #: The identifying columns of the file (those an LMS export writes back), in its order.
    identity: tuple[str, ...] = ()
    #: Where it was read from ("" for a list of names).
    source: str = ""
    #: Rows skipped because they hold no login (their display names).
    skipped: tuple[str, ...] = ()
    #: The file's other columns (assignments or grade items), in its order.
    others: tuple[str, ...] = ()

    def __post_init__(self):
        seen: dict[str, str] = {}
        for student in self.students:
            check_name(student.login)
            key = student.login.casefold()
            if key in seen:
                where = f" in {self.source}" if self.source else ""
                raise RosterError(f"{student.login!r} is listed twice{where} (as {seen[key]!r} too); "
                                  "each student once, please")
            seen[key] = student.login

    @property
    def logins(self) -> list[str]:
        """Every login, in the list's order."""
        return [s.login for s in self.students]

    def get(self, login: str) -> Student | None:
        """The student with this login (letter case aside), or ``None``."""
        key = login.casefold() if isinstance(login, str) else None
        return next((s for s in self.students if s.login.casefold() == key), None)

    def __contains__(self, login) -> bool:
        return self.get(login) is not None

    def __iter__(self) -> Iterator[str]:
        """The logins, in the list's order."""
        return iter(self.logins)

    def __len__(self) -> int:
        return len(self.students)

    def canonical(self, login: str) -> str:
        """The login as the list spells it (``Ann`` → ``ann`` if the list says ``ann``); unknown
        logins are returned as given."""
        student = self.get(login)
        return student.login if student else login


def from_names(names: Iterable[str], what: str = "student name") -> Roster:
    """A class list of logins given directly (e.g. ``collect --students``), each checked."""
    names = list(names)
    for name in names:
        check_name(name, what)
    return Roster(tuple(Student(n) for n in names))


def _rows(path: Path) -> list[list[str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RosterError(f"class list not found: {path} (give a CSV file with a 'student' column, or "
                          "your LMS's gradebook export)") from None
    except UnicodeDecodeError:
        raise RosterError(f"{path} is not UTF-8 text; save the class list as CSV (UTF-8)") from None
    except OSError as exc:
        raise RosterError(f"cannot read the class list {path}: {exc.strerror or exc}") from None
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if first else ","
    try:
        return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise RosterError(f"{path} is not a readable CSV file ({exc})") from None


def _layout(header: list[str]) -> tuple[str, str]:
    """``(format, default login column)`` for a header row, or ``("", "")``."""
    names = [h.strip() for h in header]
    if "student" in names:
        return "plain", "student"
    if len(names) > 3 and "Student" in names[0] and "ID" in names[1] and "SIS Login ID" in names:
        return "canvas", "SIS Login ID"
    if "First name" in names and "Last name" in names and ("Username" in names or "Email address" in names):
        return "moodle", "Username" if "Username" in names else "Email address"
    return "", ""


def load(path: str | Path, *, login_column: str | None = None) -> Roster:
    """Read a class list (plain, Canvas or Moodle; see the module docstring)."""
    path = Path(path)
    rows = [r for r in _rows(path) if any(cell.strip() for cell in r)]
    if not rows:
        raise RosterError(f"{path} is empty; give a CSV file with a header row and one student per row")
    header = [h.strip() for h in rows[0]]
    layout, default = _layout(header)
    if not layout and all(len(r) == 1 for r in rows):  # one login a line, no header
        header, rows, layout, default = ["student"], [["student"], *rows], "plain", "student"
    if not layout:
        raise RosterError(f"{path}: no 'student' column, and not a Canvas or Moodle gradebook export "
                          f"(its columns are {', '.join(repr(h) for h in header[:8])}); add a 'student' "
                          "column of logins")
    column = login_column or default
    if column not in header:
        raise RosterError(f"{path} has no column {column!r}; its columns are "
                          + ", ".join(repr(h) for h in header[:12]))
    known = CANVAS_IDENTITY if layout == "canvas" else MOODLE_IDENTITY if layout == "moodle" else header
    identity = tuple(h for h in header if h in known)
    others = tuple(h for h in header if h not in identity)
    students, skipped, seen = [], [], {}
    for number, raw in enumerate(rows[1:], start=2):
        row = {h: (raw[i].strip() if i < len(raw) else "") for i, h in enumerate(header)}
        if layout == "canvas" and ("Points Possible" in row["Student"] or _canvas_note(raw)):
            continue
        login = row[column]
        if not login and layout == "plain":
            raise RosterError(f"{path}, row {number}: a login cannot be empty; give each student's login in "
                              f"the {column!r} column (or delete the row)")
        if not login:
            skipped.append(Student("-", row).name if any(row.values()) else f"row {number}")
            continue
        try:
            check_name(login, f"login in column {column!r}")
        except RosterError as exc:
            raise RosterError(f"{path}, row {number}: {exc}") from None
        first = seen.setdefault(login.casefold(), (number, login))
        if first[0] != number:
            raise RosterError(f"{path}, row {number}: {login!r} is listed twice (row {first[0]} has {first[1]!r}; "
                              "logins are the same whatever the letter case); each student once, please")
        students.append(Student(login, row, number))
    if not students:
        raise RosterError(f"{path} lists no students (no row has a {column!r})")
    return Roster(tuple(students), layout, column, identity, str(path), tuple(skipped), others)


def _canvas_note(raw: list[str]) -> bool:
    """Canvas's rows under the header that are not students (muted or manual-posting notes)."""
    return all(re.fullmatch(r"\s*(Muted|Manual Posting.*)?\s*", cell, re.I) for cell in raw)

