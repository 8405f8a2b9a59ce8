"""Grading, step 5: the reports, made from the scored rows.

:func:`write_reports` writes, for a gradebook path ``OUT.csv``:

- ``OUT.csv``, the gradebook: one row per student, ``student``, one column per question (points
  earned), ``total`` and ``percent`` (:func:`table`);
- ``OUT-details.csv``: one row per student, notebook and question, with the answer, the verdict,
  the points and the reason, for audit (:data:`DETAIL_COLUMNS`);
- ``feedback/<student>.md`` beside them (:mod:`.feedback`);
- with written answers, ``OUT-to-mark.json`` for the marking view and, once marks are merged,
  ``OUT-marks.csv`` (:mod:`.marks`).

Every file's text is made first and the files are written last, together, by :func:`_write_all`.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Mapping

from . import feedback
from .score import VERDICTS, Row
from .submissions import GradingError

#: The columns of the details file.
DETAIL_COLUMNS = ("student", "notebook", "question", "answer", "verdict", "points", "max_points", "reason")


def table(rows: Iterable[Row], questions: Iterable[str] | None = None,
          points: Mapping[str, float] | None = None) -> tuple[list[str], list[dict]]:
    """(columns, one dict per student): points per question, ``total`` and ``percent``.

    A question answered in several notebooks by one student counts once, with its best points.
    """
    rows = list(rows)
    points = points or {}
    ids = list(questions) if questions is not None else sorted({r.question for r in rows if r.question})
    best: dict[str, dict[str, float]] = {}
    for row in rows:
        per = best.setdefault(row.student, {})
        if row.question:
            per[row.question] = max(per.get(row.question, 0.0), row.points)
    possible = sum(float(points.get(q, 1)) for q in ids)
    students = []
    for student in sorted(best):
        earned = {q: best[student].get(q, 0.0) for q in ids}
        total = sum(earned.values())
        students.append({"student": student, **{q: feedback.number(v) for q, v in earned.items()},
                         "total": feedback.number(total),
                         "percent": round(100 * total / possible, 1) if possible else 0.0})
    return ["student", *ids, "total", "percent"], students


def _csv(columns: Iterable[str], records: Iterable[dict]) -> str:
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=list(columns))
    writer.writeheader()
    writer.writerows(records)
    return text.getvalue()


def _write_all(files: Mapping[Path, str]) -> None:
    """Write each file's text (the one place the reports reach the disk)."""
    for path, content in files.items():
        with path.open("w", newline="", encoding="utf-8") as handle:
            handle.write(content)


def write_reports(rows: list[Row], out: str | Path, *, questions: Iterable[str] | None = None,
                  points: Mapping[str, float] | None = None, bank: Mapping | None = None,
                  merge=None) -> dict[str, Path]:
    """Write the gradebook ``out``, the details file and the feedback folder; return their paths.
    ``merge`` (:class:`.marks.Merge`) adds the files of written answers and their marks."""
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    details = out.with_name(out.stem + "-details.csv")
    folder = out.parent / "feedback"
    files = {out: _csv(*table(rows, questions, points)),
             details: _csv(DETAIL_COLUMNS, ({k: asdict(r)[k] for k in DETAIL_COLUMNS} for r in rows))}
    for student in sorted({r.student for r in rows}):
        files[folder / feedback.file_name(student)] = feedback.text(
            student, rows, bank, notes=merge.feedback(student) if merge is not None else None)
    if merge is not None:
        files.update(merge.files(out))
    folder.mkdir(exist_ok=True)
    _write_all(files)
    return {"gradebook": out, "details": details, "feedback": folder}


def summary(rows: list[Row]) -> str:
    """One line: how many submissions, and rows per verdict."""
    submissions = len({(r.student, r.notebook) for r in rows})
    counts = ", ".join(f"{sum(r.verdict == v for r in rows)} {v.replace('_', ' ')}" for v in VERDICTS
                       if v not in ("to_mark", "marked") or any(r.verdict == v for r in rows))
    return f"graded {submissions} submission(s): {counts}"
