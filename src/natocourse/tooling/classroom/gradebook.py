"""Grading, step 5: the reports, made from the scored rows of the class (:mod:`.roll`).

:func:`write_reports` writes, for a gradebook path ``OUT.csv``:

- ``OUT.csv``, the gradebook: one row per student (:data:`GRADEBOOK_START`: ``student``,
  ``status``; then one column per question holding the points earned; then :data:`GRADEBOOK_END`:
  ``total``, ``percent``, ``submitted``, ``due``), in the class list's order, students not on it
  last (:func:`table`);
- ``OUT-details.csv``: one row per student, notebook and question, with the answer, the verdict,
  the points and the reason, for audit (:data:`DETAIL_COLUMNS`);
- ``feedback/<assignment>/<student>.md`` beside them (:mod:`.feedback`): one folder per
  assignment, so that two assignments graded into one folder never overwrite each other's;
- with written answers, ``OUT-to-mark.json`` for the marking view and, once marks are merged,
  ``OUT-marks.csv`` (:mod:`.marks`).

Every file's text is made first and the files are written last, together, by :func:`_write_all`,
each atomically: a temporary file in the same folder, then renamed over the old one, so that a
reader (or a crash) never sees half a gradebook. A run graded without a sandbox says so in every
file (``note``): a ``note`` column in both CSV files and a line at the top of each feedback.
Cells that hold student text (answers, reasons, names from a class list) are neutralised against
spreadsheet formulas (:func:`safe_cell`). :func:`read_details` reads a details file back, so that
``grade --only STUDENT`` can regrade one student into an existing gradebook (:func:`merge`).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from dataclasses import asdict, fields
from pathlib import Path
from typing import Iterable, Mapping

from . import feedback
from .score import VERDICTS, Row
from .submissions import GradingError

#: The columns of the details file.
DETAIL_COLUMNS = ("student", "status", "notebook", "submitted", "question", "answer", "verdict", "points",
                  "max_points", "reason")
#: The gradebook's columns before and after the questions' columns.
GRADEBOOK_START = ("student", "status")
GRADEBOOK_END = ("total", "percent", "submitted", "due")

#: The first characters that make a spreadsheet read a cell as a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def safe_cell(value):
    """A CSV cell that no spreadsheet reads as a formula: text starting with one of
    :data:`FORMULA_START` gets a leading ``'``; numbers are kept as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def table(rows: Iterable[Row], questions: Iterable[str] | None = None,
          points: Mapping[str, float] | None = None, due: Mapping[str, str] | None = None
          ) -> tuple[list[str], list[dict]]:
    """(columns, one dict per student, in the rows' order): status, points per question, ``total``,
    ``percent``, when they handed in and their due day (``due``: by student).

    A question answered in several notebooks by one student counts once, with its best points.
    """
    rows = list(rows)
    points, due = points or {}, due or {}
    ids = list(questions) if questions is not None else sorted({r.question for r in rows if r.question})
    best: dict[str, dict[str, float]] = {}
    status: dict[str, str] = {}
    submitted: dict[str, str] = {}
    for row in rows:
        per = best.setdefault(row.student, {})
        status.setdefault(row.student, row.status or "ok")
        if row.submitted:
            submitted[row.student] = max(submitted.get(row.student, ""), row.submitted)
        if row.question:
            per[row.question] = max(per.get(row.question, 0.0), row.points)
    possible = sum(float(points.get(q, 1)) for q in ids)
    students = []
    for student in best:
        earned = {q: best[student].get(q, 0.0) for q in ids}
        total = sum(earned.values())
        students.append({"student": student, "status": status[student],
                         **{q: feedback.number(v) for q, v in earned.items()},
                         "total": feedback.number(total),
                         "percent": round(100 * total / possible, 1) if possible else 0.0,
                         "submitted": submitted.get(student, ""), "due": due.get(student, "")})
    return [*GRADEBOOK_START, *ids, *GRADEBOOK_END], students


def csv_text(columns: Iterable[str], records: Iterable[dict]) -> str:
    """CSV text with a header, every text cell made safe (:func:`safe_cell`)."""
    columns = list(columns)
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=columns, extrasaction="ignore")
    writer.writerow({c: safe_cell(c) for c in columns})
    writer.writerows({k: safe_cell(v) for k, v in record.items()} for record in records)
    return text.getvalue()


def _write_all(files: Mapping[Path, str]) -> None:
    """Write each file's text (the one place the reports reach the disk), each atomically: a
    temporary file in the same folder, renamed over the file when complete."""
    for path, content in files.items():
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", newline="", encoding="utf-8") as out:
                out.write(content)
                out.flush()
                os.fsync(out.fileno())
            os.chmod(temporary, 0o666 & ~_umask())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _noted(columns: Iterable[str], records: Iterable[dict], note: str) -> tuple[list[str], list[dict]]:
    """``columns`` and ``records`` with a ``note`` column holding ``note`` (unchanged when it is "")."""
    columns, records = list(columns), list(records)
    if not note:
        return columns, records
    return [*columns, "note"], [{**record, "note": note} for record in records]


def details_path(out: str | Path) -> Path:
    """The details file beside the gradebook ``out``."""
    out = Path(out)
    return out.with_name(out.stem + "-details.csv")


def write_reports(rows: list[Row], out: str | Path, *, questions: Iterable[str] | None = None,
                  points: Mapping[str, float] | None = None, bank: Mapping | None = None, bank_of=None,
                  assignment: feedback.Assignment | None = None, due: Mapping[str, str] | None = None,
                  students: Iterable[str] | None = None, note: str = "", merge=None) -> dict[str, Path]:
    """Write the gradebook ``out``, the details file and the feedback folder; return their paths.

    ``assignment`` says what the feedback files name (default: the gradebook's name, no due date);
    ``students`` limits the feedback files written (``--only``; default: everyone's); ``note``
    (e.g. "graded without a sandbox") goes into every file; ``bank_of(student)``, when given, is the
    bank of each student's own variants (their feedback shows their prompts); ``merge`` (:class:`.marks.Merge`) adds
    the files of written answers and their marks, and their rubric and marks to the feedback.
    """
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    questions = list(questions) if questions is not None else None
    assignment = assignment or feedback.Assignment(out.stem)
    folder = out.parent / "feedback" / feedback.file_stem(assignment.name)
    columns, students_table = table(rows, questions, points, due)
    files = {out: csv_text(*_noted(columns, students_table, note)),
             details_path(out): csv_text(*_noted(DETAIL_COLUMNS, (asdict(r) for r in rows), note))}
    wanted = set(students) if students is not None else None
    for record in students_table:
        student = record["student"]
        if wanted is None or student in wanted:
            text = feedback.text(student, rows, bank_of(student) if bank_of else bank, assignment, record,
                                 notes=merge.feedback(student) if merge is not None else None)
            if note:
                title, _, rest = text.partition("\n")
                text = f"{title}\n\n**Note.** {note[0].upper()}{note[1:]}.\n{rest}"
            files[folder / feedback.file_name(student)] = text
    if merge is not None:
        files.update(merge.files(out))
    folder.mkdir(parents=True, exist_ok=True)
    _write_all(files)
    return {"gradebook": out, "details": details_path(out), "feedback": folder}


def read_details(path: str | Path) -> list[Row]:
    """The rows of a details file written by :func:`write_reports` (for ``grade --only``)."""
    path = Path(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            records = list(csv.DictReader(handle))
    except FileNotFoundError:
        raise GradingError(f"no details file at {path}: grade the whole class first (without --only)") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GradingError(f"cannot read {path} ({type(exc).__name__}); grade the whole class again") from None
    names = {f.name for f in fields(Row)}
    rows = []
    for number, record in enumerate(records, start=2):
        if set(record) - {"note"} != set(DETAIL_COLUMNS):
            raise GradingError(f"{path} is not a details file of this version (its columns differ); grade the "
                               "whole class again")
        try:
            values = {k: unsafe_cell(v) for k, v in record.items() if k in names}
            values["points"], values["max_points"] = float(values["points"]), float(values["max_points"])
        except ValueError:
            raise GradingError(f"{path}, row {number}: points are not numbers; grade the whole class again") from None
        rows.append(Row(**values))
    return rows


def unsafe_cell(text: str) -> str:
    """A text cell as :func:`safe_cell` got it (its leading ``'`` removed again): how every reader
    of the gradebook's and the details file's text cells reads them."""
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def merge(old: Iterable[Row], new: Iterable[Row], student: str) -> list[Row]:
    """The rows of an existing gradebook with ``student``'s replaced by ``new`` (kept in place)."""
    old, new = list(old), list(new)
    first = next((n for n, r in enumerate(old) if r.student == student), len(old))
    kept = [r for r in old if r.student != student]
    at = sum(1 for r in old[:first] if r.student != student)
    return kept[:at] + new + kept[at:]


def summary(rows: list[Row]) -> str:
    """One line: how many submissions, and rows per verdict."""
    submissions = len({(r.student, r.notebook) for r in rows if r.status != "no submission"})
    counts = ", ".join(f"{sum(r.verdict == v for r in rows)} {v.replace('_', ' ')}" for v in VERDICTS
                       if v not in ("to_mark", "marked") or any(r.verdict == v for r in rows))
    return f"graded {submissions} submission(s): {counts}"
