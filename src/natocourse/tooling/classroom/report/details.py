"""Read a grader's details file (``grades-details.csv``) by column name, strictly but tolerantly.

The details file is written by the grader, one row per student, notebook and question. This module
reads only the columns the report needs, by name, in any order, and ignores any other column (the
grader may add some, e.g. a submission time). Required: ``student``, ``question``, ``answer`` and
``verdict``. Optional: ``points`` and ``max_points`` (without them a correct answer is worth 1),
``attempts`` (how many answers the student gave; shown where present), ``notebook`` and ``reason``.

Anything that is not a readable details file raises :class:`ReportError` with a message that names
the file and says what to do: a missing or empty file, bytes that are not UTF-8, a header without
the required columns, a row with more or fewer cells than the header, a points cell that is not a
number. Rows that can be read but not used (an unknown verdict, a question answered in several
notebooks) are kept or merged and described in :attr:`Details.notices`.
"""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

#: Columns without which there is no report.
REQUIRED = ("student", "question", "answer", "verdict")
#: Columns read when present.
OPTIONAL = ("points", "max_points", "attempts", "notebook", "reason")
#: The grader's verdicts; a verdict outside this list is read as "answered, not correct".
VERDICTS = ("correct", "incorrect", "invalid", "not_answered", "error")
#: Verdicts that mean the student gave no answer (any other verdict is an answer).
UNANSWERED = frozenset({"not_answered", "error"})
#: A details file larger than this is refused (a class of 10,000 students × 100 questions is ~150 MB).
MAX_BYTES = 500_000_000

_RANK = {"correct": 4, "incorrect": 3, "invalid": 2, "not_answered": 1, "error": 0}


class ReportError(ValueError):
    """Input the report cannot use; the message names the file and says what to do."""


class Entry(NamedTuple):
    """One student's graded answer to one question (a named tuple: a class has tens of thousands)."""

    student: str
    question: str
    answer: str
    verdict: str
    points: float
    max_points: float
    attempts: int | None = None
    notebook: str = ""
    reason: str = ""

    @property
    def answered(self) -> bool:
        """True if the student gave an answer (right, wrong or unreadable)."""
        return self.verdict not in UNANSWERED

    @property
    def correct(self) -> bool:
        """True for a correct answer."""
        return self.verdict == "correct"


@dataclass
class Details:
    """The usable content of a details file."""

    path: Path
    entries: list[Entry]
    #: Rows that name no question: a notebook that could not be graded at all.
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (student, notebook, reason)
    #: Every student named in the file, in the order first seen.
    students: list[str] = field(default_factory=list)
    #: True if the file has an ``attempts`` column.
    has_attempts: bool = False
    #: Things the reader did with rows it could read but not use as they were.
    notices: list[str] = field(default_factory=list)


def read(path: str | Path) -> Details:
    """Read ``path``; :class:`ReportError` if it is not a usable details file."""
    path = Path(path)
    text = _text(path)
    rows = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(rows)
    except csv.Error as exc:
        raise _damaged(path, 1, exc) from None
    except StopIteration:
        raise ReportError(f"{path} is empty; give the grades-details.csv that `python -m natocourse grade` "
                          "wrote beside the gradebook") from None
    columns = _columns(path, header)
    records, lines = _records(path, rows, len(header), columns["student"])
    cells = list(zip(*records)) if records else [()] * len(header)

    def column(name: str, default: str = "") -> list[str]:
        at = columns.get(name)
        return list(cells[at]) if at is not None else [default] * len(records)

    students = [s.strip() for s in column("student")]
    questions = [q.strip() for q in column("question")]
    verdicts = [v.strip().lower() for v in column("verdict")]
    worth = _numbers(path, lines, "max_points", column("max_points"))
    worth = [1.0 if w is None else w for w in worth]
    earned = _numbers(path, lines, "points", column("points"))
    earned = [(w if v == "correct" else 0.0) if e is None else e for e, w, v in zip(earned, worth, verdicts)]
    over = next((k for k, (e, w) in enumerate(zip(earned, worth)) if e > w), None)
    if over is not None:
        raise ReportError(f"{path}, line {lines[over]}: points {earned[over]:g} are more than max_points "
                          f"{worth[over]:g}")
    tries = _numbers(path, lines, "attempts", column("attempts"), whole=True) if "attempts" in columns \
        else [None] * len(records)
    notebooks, reasons = column("notebook"), column("reason")
    everyone = list(dict.fromkeys(students))
    entries = [Entry(*fields) for fields in zip(students, questions, column("answer"), verdicts, earned, worth, tries,
                                                notebooks, reasons) if fields[1]]
    problems = [(s, n, r) for s, q, n, r in zip(students, questions, notebooks, reasons) if not q]
    if not entries:
        raise ReportError(f"{path} holds no graded question (only a header, or only notebooks that could "
                          "not be graded); grade the class first with `python -m natocourse grade`")
    details = Details(path, [], problems, everyone, "attempts" in columns)
    details.entries = _best_per_question(entries, details.notices)
    unknown = Counter(v for v in verdicts if v not in VERDICTS)
    if unknown:
        listed = ", ".join(f"{v or '(empty)'!r} ({n} rows)" for v, n in sorted(unknown.items()))
        details.notices.append(f"Verdicts the report does not know were read as answered but not correct: {listed}.")
    return details


def _records(path: Path, rows, width: int, student: int) -> tuple[list[list[str]], list[int]]:
    """The records after the header, blank ones left out, and each one's line (the header is line 1).

    Records are counted: in any file the grader writes, a record is one physical line.
    """
    try:
        records = list(rows)
    except csv.Error as exc:
        raise _damaged(path, rows.line_num, exc) from None
    lines = list(range(2, len(records) + 2))
    suspect = [k for k, r in enumerate(records) if len(r) != width or not r[student].strip()]
    if not suspect:
        return records, lines
    blank = set()
    for k in suspect:
        record = records[k]
        if not any(c.strip() for c in record):
            blank.add(k)
        elif len(record) != width:
            raise ReportError(f"{path}, line {lines[k]}: {len(record)} cells where the header has {width}; "
                              "the file looks damaged (cut off, or edited by hand). Write it again with "
                              "`python -m natocourse grade`")
        else:
            raise ReportError(f"{path}, line {lines[k]}: no student named; every row needs one")
    kept = [k for k in range(len(records)) if k not in blank]
    return [records[k] for k in kept], [lines[k] for k in kept]


def _numbers(path: Path, lines: list[int], name: str, cells: list[str], *, whole: bool = False) -> list:
    """The numbers in a column (None for a blank cell), each distinct text read once; a cell that is
    not a number >= 0 (a whole number for ``whole``) is a :class:`ReportError` naming its line."""
    read: dict[str, float | int | None] = {}
    for text in set(cells):
        if not text.strip():
            read[text] = None
            continue
        try:
            value = float(text)
        except ValueError:
            value = math.nan
        if not math.isfinite(value) or value < 0 or (whole and value != int(value)):
            line = lines[cells.index(text)]
            kind = "a whole number >= 0" if whole else "a number of points >= 0"
            raise ReportError(f"{path}, line {line}: {name} {text[:20]!r} is not {kind}")
        read[text] = int(value) if whole else value
    return [read[text] for text in cells]


def _text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportError(f"details file not found: {path} (it is written beside the gradebook, e.g. "
                          "grades-details.csv)") from None
    except OSError as exc:
        raise ReportError(f"cannot read {path}: {exc.strerror or exc}") from None
    if not path.is_file():
        raise ReportError(f"{path} is not a file; give the grades-details.csv the grader wrote")
    if size > MAX_BYTES:
        raise ReportError(f"{path} is {size / 1e6:.0f} MB, more than any class's details; is it the right file?")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ReportError(f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}); "
                          "give the CSV file the grader wrote, or save it again as \"CSV UTF-8\"") from None
    if not text.strip():
        raise ReportError(f"{path} is empty; give the grades-details.csv that `python -m natocourse grade` "
                          "wrote beside the gradebook")
    return text


def _columns(path: Path, header: list[str]) -> dict[str, int]:
    names = [h.strip().lower() for h in header]
    wanted = {}
    for name in (*REQUIRED, *OPTIONAL):
        if names.count(name) > 1:
            raise ReportError(f"{path}: the column {name!r} appears {names.count(name)} times in the header")
        if name in names:
            wanted[name] = names.index(name)
    missing = [name for name in REQUIRED if name not in wanted]
    if missing:
        shown = ", ".join(h[:30] for h in header[:8]) + (", …" if len(header) > 8 else "")
        raise ReportError(f"{path} is not a details file: it lacks the column(s) {', '.join(missing)} "
                          f"(its header: {shown or 'nothing'}). Give the grades-details.csv written by "
                          "`python -m natocourse grade`, whose columns include "
                          f"{', '.join(REQUIRED)}")
    return wanted


def _damaged(path: Path, line: int, exc: Exception) -> ReportError:
    return ReportError(f"{path}, line {line}: not readable as CSV ({exc}); write it again with "
                       "`python -m natocourse grade`")


def _best_per_question(entries: list[Entry], notices: list[str]) -> list[Entry]:
    """One entry per student and question: the best, as the gradebook counts it."""
    best: dict[tuple[str, str], Entry] = {}
    repeated = 0
    for entry in entries:
        key = (entry.student, entry.question)
        held = best.get(key)
        if held is None:
            best[key] = entry
            continue
        repeated += 1
        if (entry.points, _RANK.get(entry.verdict, 2)) > (held.points, _RANK.get(held.verdict, 2)):
            best[key] = entry
    if repeated:
        notices.append(f"{repeated} answer(s) repeat a question the same student answered in another "
                       "notebook; the best one counts, as in the gradebook.")
    return list(best.values())
