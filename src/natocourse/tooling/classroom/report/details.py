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
    entries: list[Entry] = []
    problems: list[tuple[str, str, str]] = []
    students: dict[str, None] = {}
    unknown_verdicts: dict[str, int] = {}
    width = len(header)
    at = {name: columns.get(name) for name in (*REQUIRED, *OPTIONAL)}
    i_student, i_question, i_answer, i_verdict = (at[name] for name in REQUIRED)
    i_points, i_worth, i_attempts, i_notebook, i_reason = (at[name] for name in OPTIONAL)
    line = 1  # records are counted (the header is line 1): a physical line each in any file the grader writes
    try:
        for row in rows:
            line += 1
            if len(row) != width:
                if not any(c.strip() for c in row):
                    continue
                raise ReportError(f"{path}, line {line}: {len(row)} cells where the header has {width}; "
                                  "the file looks damaged (cut off, or edited by hand). Write it again with "
                                  "`python -m natocourse grade`")
            student = row[i_student].strip()
            if not student:
                if not any(c.strip() for c in row):
                    continue
                raise ReportError(f"{path}, line {line}: no student named; every row needs one")
            students[student] = None
            notebook = row[i_notebook] if i_notebook is not None else ""
            reason = row[i_reason] if i_reason is not None else ""
            question = row[i_question].strip()
            if not question:
                problems.append((student, notebook, reason))
                continue
            verdict = row[i_verdict].strip().lower()
            if verdict not in VERDICTS:
                unknown_verdicts[verdict] = unknown_verdicts.get(verdict, 0) + 1
            worth = _number(path, line, "max_points", row[i_worth] if i_worth is not None else None, default=1.0)
            earned = _number(path, line, "points", row[i_points] if i_points is not None else None,
                             default=worth if verdict == "correct" else 0.0)
            if earned > worth:
                raise ReportError(f"{path}, line {line}: points {earned:g} are more than max_points {worth:g}")
            tries = _attempts(path, line, row[i_attempts]) if i_attempts is not None else None
            entries.append(Entry(student, question, row[i_answer], verdict, earned, worth, tries, notebook, reason))
    except csv.Error as exc:  # raised while reading the next record
        raise _damaged(path, line + 1, exc) from None
    if not entries:
        raise ReportError(f"{path} holds no graded question (only a header, or only notebooks that could "
                          "not be graded); grade the class first with `python -m natocourse grade`")
    details = Details(path, [], problems, list(students), "attempts" in columns)
    details.entries = _best_per_question(entries, details.notices)
    if unknown_verdicts:
        listed = ", ".join(f"{v or '(empty)'!r} ({n} rows)" for v, n in sorted(unknown_verdicts.items()))
        details.notices.append(f"Verdicts the report does not know were read as answered but not correct: {listed}.")
    return details


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


_NUMBERS = {"0": 0.0, "1": 1.0, "0.0": 0.0, "1.0": 1.0}


def _number(path: Path, line: int, name: str, text: str | None, *, default: float) -> float:
    known = _NUMBERS.get(text)  # the common cells, without parsing
    if known is not None:
        return known
    if text is None or not text.strip():
        return default
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise ReportError(f"{path}, line {line}: {name} {text[:20]!r} is not a number of points >= 0")
    return value


def _attempts(path: Path, line: int, text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not (math.isfinite(value) and value >= 0 and value == int(value)):
        raise ReportError(f"{path}, line {line}: attempts {text[:20]!r} is not a whole number >= 0")
    return int(value)


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
