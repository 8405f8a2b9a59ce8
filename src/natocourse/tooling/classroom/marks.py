"""Marks given with a rubric: the answers to mark, the marks file, and merging marks into grading.

Grading gives a written answer the verdict "to_mark" (:mod:`.score`). Around it:

- :func:`to_mark_file` is what ``grade`` writes beside the gradebook, ``OUT-to-mark.json``: each
  written question (prompt, word range, rubric, model answer) and each answer to mark with its
  whole text, its SHA-256, the aids the student saw, and the student behind a code for blind
  marking (:func:`code`). The marking view (:mod:`.marking`) reads it and nothing else.
- The marks file (``OUT-marks.jsonl``, JSON Lines) is what the marking view appends to, one line
  per mark as it is given (:func:`append`, flushed and synced): ``{"question", "student",
  "notebook", "sha256", "criterion", "points"}`` or, for the comment, ``"comment"`` instead of a
  criterion. The last line for a criterion (or comment) wins, so changing a mark is one more line
  and nothing is ever rewritten; a line torn by a crash is reported and skipped (:func:`read`).
- ``grade --marks FILE`` merges them (:func:`apply`): an answer marked on every criterion becomes
  "marked", its points the question's points times the share of the rubric's total it was given,
  the points per criterion in the details' reason; an answer changed since it was marked stays "to
  mark", saying so. :func:`report_files` adds ``OUT-marks.csv`` (one row per criterion) and
  :func:`feedback` the rubric, the levels given and the comment to each student's feedback file.

Student text is data everywhere: in Markdown it is a fenced block (:func:`literal`), in CSV a
cell that cannot start a formula (:func:`cell`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import secrets
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Mapping

from .gradebook import safe_cell
from .score import Row
from .submissions import GradingError

VERSION = 1
KIND = "natocourse-to-mark"
#: The columns of ``OUT-marks.csv``.
MARK_COLUMNS = ("student", "notebook", "question", "criterion", "points", "max_points", "level", "comment")


def sha256(text: str) -> str:
    """The fingerprint a mark carries of the answer it was given to."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def code(student: str, salt: str) -> str:
    """The code a student is shown as while marking blind: the same for every question of one
    to-mark file, and nothing of the name in it."""
    return "S-" + hashlib.sha256(f"{salt}\x1f{student}".encode("utf-8", "surrogatepass")).hexdigest()[:6].upper()


def paths(out: str | Path) -> dict[str, Path]:
    """The files beside a gradebook ``OUT.csv``: ``to_mark`` (JSON), ``marks`` (JSON Lines), ``csv``."""
    out = Path(out)
    return {"to_mark": out.with_name(out.stem + "-to-mark.json"), "marks": out.with_name(out.stem + "-marks.jsonl"),
            "csv": out.with_name(out.stem + "-marks.csv")}


def _questions(rows: Iterable[Row], bank: Mapping) -> dict[str, dict]:
    out = {}
    for row in rows:
        question = bank.get(row.question)
        if row.question in out or question is None or not getattr(question, "marked", False):
            continue
        out[row.question] = {"prompt": question.prompt, "word_range": list(question.word_range),
                             "rubric": question.spec()["rubric"], "model_answer": question.explanation,
                             "total": question.total}
    return out


def to_mark_file(rows: Iterable[Row], bank: Mapping, *, salt: str | None = None) -> dict | None:
    """The content of ``OUT-to-mark.json`` for the written answers among ``rows`` (to mark or
    marked), or None if there are none. ``salt`` keeps the codes of an earlier file."""
    rows = [r for r in rows if r.verdict in ("to_mark", "marked") and r.question in bank]
    if not rows:
        return None
    salt = salt or secrets.token_hex(8)
    answers = []
    for row in rows:
        question = bank[row.question]
        answers.append({"student": row.student, "notebook": row.notebook, "question": row.question,
                        "code": code(row.student, salt), "text": row.text, "sha256": sha256(row.text),
                        "aids": [dict(a) for a in question.aids(row.text)]})
    answers.sort(key=lambda a: (a["question"], a["code"], a["notebook"]))
    return {"version": VERSION, "kind": KIND, "salt": salt, "questions": _questions(rows, bank), "answers": answers}


def load_to_mark(path: str | Path) -> dict:
    """Read a to-mark file; :class:`GradingError` naming it if it is missing or not one."""
    path = Path(path)
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GradingError(f"{path} does not exist: grade the submissions first (python -m natocourse grade "
                           "... --out grades.csv writes grades-to-mark.json when there are written answers)") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise GradingError(f"{path} is not a to-mark file ({type(exc).__name__}); grade the submissions again") from None
    if not isinstance(content, dict) or content.get("kind") != KIND or not isinstance(content.get("answers"), list) \
            or not isinstance(content.get("questions"), dict):
        raise GradingError(f"{path} is not a to-mark file (written by python -m natocourse grade); grade again")
    return content


def with_texts(rows: list[Row], out: str | Path) -> list[Row]:
    """Rows read back from a details file (``grade --only``) with the whole text of each written
    answer, which the details file cuts: from the to-mark file beside the gradebook ``out``. Without
    that file the texts would be lost, so written answers among ``rows`` make its absence an error."""
    if not any(r.verdict in ("to_mark", "marked") for r in rows):
        return rows
    where = paths(out)["to_mark"]
    try:
        content = load_to_mark(where)
    except GradingError as problem:
        raise GradingError(f"grade --only needs {where.name} beside the gradebook, as it keeps the whole text of "
                           f"the written answers ({problem}); grade the whole class again") from None
    texts = {(str(a.get("student")), str(a.get("notebook")), str(a.get("question"))): a["text"]
             for a in content["answers"] if isinstance(a, dict) and isinstance(a.get("text"), str)}
    return [replace(r, text=texts.get((r.student, r.notebook, r.question), r.text))
            if r.verdict in ("to_mark", "marked") else r for r in rows]


def salt_of(path: Path) -> str | None:
    """The salt of an existing to-mark file (so its codes stay the same), or None."""
    try:
        return load_to_mark(path).get("salt") or None
    except GradingError:
        return None


# ---- the marks file ------------------------------------------------------------------------------

def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def append(path: str | Path, record: Mapping[str, Any]) -> dict:
    """Append one mark (or comment) to the marks file, flushed and synced to disk before returning."""
    line = {"version": VERSION, "time": now(), **dict(record)}
    text = json.dumps(line, ensure_ascii=False) + "\n"
    path = Path(path)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    return line


@dataclass
class Given:
    """The marks and comment given to one answer (the last line for each wins)."""

    sha256: str = ""
    points: dict[str, float] = field(default_factory=dict)
    comment: str = ""


@dataclass
class Marks:
    """A marks file read: what was given, by (question, student, notebook), and lines skipped."""

    given: dict[tuple[str, str, str], Given] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def get(self, question: str, student: str, notebook: str) -> Given | None:
        return self.given.get((question, student, notebook))


def read(path: str | Path, *, missing_ok: bool = False) -> Marks:
    """Read a marks file. A line that is not a mark (torn by a crash, or edited by hand) is
    skipped and named in ``skipped``; a file that does not exist is an error unless ``missing_ok``."""
    path = Path(path)
    marks = Marks()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if missing_ok:
            return marks
        raise GradingError(f"marks file not found: {path} (the marking view writes it: python -m natocourse "
                           "mark OUT-to-mark.json)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GradingError(f"{path} cannot be read as a marks file ({type(exc).__name__})") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            key = (str(record["question"]), str(record["student"]), str(record["notebook"]))
            digest = str(record["sha256"])
        except (ValueError, KeyError, TypeError):
            marks.skipped.append(f"{path.name} line {number}: not a mark; skipped")
            continue
        given = marks.given.setdefault(key, Given(digest))
        if given.sha256 != digest:  # a mark for another version of the answer: start again from it
            marks.given[key] = given = Given(digest)
        if "comment" in record and record.get("criterion") is None:
            given.comment = str(record["comment"])
        elif isinstance(record.get("criterion"), str):
            points = record.get("points")
            if points is None:
                given.points.pop(record["criterion"], None)
            elif isinstance(points, (int, float)) and not isinstance(points, bool):
                given.points[record["criterion"]] = float(points)
            else:
                marks.skipped.append(f"{path.name} line {number}: points must be a number; skipped")
    return marks


# ---- merging ------------------------------------------------------------------------------------

def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


@dataclass(frozen=True)
class Marked:
    """One answer's marks as merged: the rubric rows ``(criterion, points, of, level)`` and the comment."""

    row: Row
    rubric: tuple
    comment: str
    total: float
    of: float


def _check_levels(question, given: Given, where: str) -> None:
    for name, points in given.points.items():
        criterion = next((c for c in question.rubric if c["criterion"] == name), None)
        if criterion is None:
            raise GradingError(f"{where}: {question.id} has no criterion {name!r} "
                               f"(its rubric: {', '.join(c['criterion'] for c in question.rubric)})")
        if points not in [lv["points"] for lv in criterion["levels"]]:
            raise GradingError(f"{where}: {question.id}, {name}: no level is worth {_number(points)} "
                               f"(levels: {', '.join(str(_number(lv['points'])) for lv in criterion['levels'])})")


def apply(rows: list[Row], marks: Marks, bank: Mapping, source: str = "the marks file") -> tuple[list[Row], list[Marked]]:
    """Rows with the marks merged (see the module doc), and what was merged for each marked answer.

    Marks that name an unknown criterion or a level the rubric does not have raise
    :class:`GradingError` before anything is written. A row already "marked" (read back from the
    details file by ``grade --only``) is merged again from the same marks, or kept as it was if
    they no longer mark it in full."""
    out, merged = [], []
    for row in rows:
        question = bank.get(row.question)
        given = marks.get(row.question, row.student, row.notebook) if row.verdict in ("to_mark", "marked") else None
        if given is None or question is None or not getattr(question, "marked", False):
            out.append(row)
            continue
        _check_levels(question, given, source)
        done = [c for c in question.rubric if c["criterion"] in given.points]
        if row.verdict == "marked" and (given.sha256 != sha256(row.text) or len(done) < len(question.rubric)):
            out.append(row)
            continue
        if given.sha256 != sha256(row.text):
            out.append(replace(row, reason=row.reason + "; marked before, but the answer has changed since: "
                                                        "mark it again"))
            continue
        listed = "; ".join(f"{c['criterion']} {_number(given.points[c['criterion']])} of {_number(c['points'])}"
                           for c in done)
        if len(done) < len(question.rubric):
            out.append(replace(row, reason=row.reason + f"; partly marked ({len(done)} of {len(question.rubric)} "
                                                        f"criteria: {listed})"))
            continue
        total = sum(given.points[c["criterion"]] for c in question.rubric)
        earned = row.max_points * total / question.total if question.total else 0.0
        marked = replace(row, verdict="marked", points=round(earned, 4),
                         reason=f"marked with the rubric: {_number(total)} of {_number(question.total)} ({listed})"
                                + ("; a comment is in the feedback file" if given.comment else ""))
        levels = tuple((c["criterion"], given.points[c["criterion"]], c["points"],
                        next(lv["descriptor"] for lv in c["levels"] if lv["points"] == given.points[c["criterion"]]))
                       for c in question.rubric)
        out.append(marked)
        merged.append(Marked(marked, levels, given.comment, total, question.total))
    return out, merged


# ---- text as data -------------------------------------------------------------------------------

def literal(text: str) -> str:
    """``text`` as a fenced Markdown block: shown exactly as written, no Markdown or HTML in it runs."""
    longest, run = 0, 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


#: A CSV cell that no spreadsheet reads as a formula (the gradebook's rule, :func:`.gradebook.safe_cell`).
cell = safe_cell


def feedback(student: str, merged: Iterable[Marked]) -> dict[tuple[str, str], str]:
    """``{(notebook, question): Markdown}``: for each of ``student``'s marked answers, the rubric
    with the level given on each criterion, the total and the comment."""
    out = {}
    for item in merged:
        if item.row.student != student:
            continue
        lines = [f"**Marked with the rubric: {_number(item.total)} of {_number(item.of)}.**", "",
                 "| criterion | the level given | points |", "|---|---|---|"]
        for name, points, of, level in item.rubric:
            lines.append(f"| {_table(name)} | {_table(level)} | {_number(points)} of {_number(of)} |")
        lines += ["", "**Your whole answer.**", "", literal(item.row.text)]
        if item.comment:
            lines += ["", "**Comment.**", "", literal(item.comment)]
        out[(item.row.notebook, item.row.question)] = "\n".join(lines)
    return out


def _table(text: str) -> str:
    import html

    return html.escape(" ".join(str(text).split()), quote=False).replace("|", "\\|")


def marks_csv(merged: Iterable[Marked]) -> str:
    """``OUT-marks.csv``: one row per student, notebook, question and criterion (and its comment)."""
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=list(MARK_COLUMNS))
    writer.writeheader()
    for item in merged:
        for name, points, of, level in item.rubric:
            writer.writerow({k: cell(v) for k, v in {
                "student": item.row.student, "notebook": item.row.notebook, "question": item.row.question,
                "criterion": name, "points": _number(points), "max_points": _number(of), "level": level,
                "comment": item.comment}.items()})
    return text.getvalue()


@dataclass
class Merge:
    """What ``grade --marks`` adds to the reports: the merged answers, and the to-mark file to write."""

    merged: list[Marked] = field(default_factory=list)
    to_mark: dict | None = None
    #: Lines of the marks file that were not marks (named, and skipped).
    skipped: list[str] = field(default_factory=list)

    def files(self, out: Path) -> dict[Path, str]:
        """The report files this adds beside the gradebook ``out``."""
        where = paths(out)
        files = {}
        if self.to_mark is not None:
            files[where["to_mark"]] = json.dumps(self.to_mark, indent=1, ensure_ascii=False) + "\n"
        if self.merged:
            files[where["csv"]] = marks_csv(self.merged)
        return files

    def feedback(self, student: str) -> dict[tuple[str, str], str]:
        return feedback(student, self.merged)


def merge(rows: list[Row], out: str | Path, bank: Mapping, marks_file: str | Path | None = None
          ) -> tuple[list[Row], Merge]:
    """Rows with the marks of ``marks_file`` merged (if given), and the :class:`Merge` for the reports."""
    merged: list[Marked] = []
    skipped: list[str] = []
    if marks_file is not None:
        marks = read(marks_file)
        rows, merged = apply(rows, marks, bank, source=str(marks_file))
        skipped = marks.skipped
    to_mark = to_mark_file(rows, bank, salt=salt_of(paths(out)["to_mark"]))
    return rows, Merge(merged, to_mark, skipped)
