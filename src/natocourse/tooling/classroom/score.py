"""Grading, step 4: check each raw answer with the trusted question bank and give it its points.

Every answer is checked again here, in the grading process, never in the student's kernel: with
the course's question bank or, in exam mode, with the questions of the instructor's private
``keys.json`` (:func:`load_bank`). Printed "Correct" outputs, outputs copied from a solved
notebook, edited progress files and checking code patched in the student's kernel change nothing:
none of them is an answer. Scoring needs no kernel and runs nothing of the student's. With
per-student variants the bank given is the handing-in student's own (:mod:`.per_student`); a
variant that could not be made stands in it as an ``Unavailable``, and its row says why.

Which answer counts depends on the assignment's feedback mode (its manifest; :mod:`..engine.policy`
words the same rule for students):

- **instant** and **none**: one given in code counts over one given through the widget (the
  grader ran the code itself), the last code answer that is an answer at all; otherwise the last
  widget answer;
- **attempts N**: the first N checked answers count (those saved by the widget first, then those of
  the code), and the question earns its points if one of them is right, as the notebook allowed
  no more than N and closed the question after a right one. Answers that could not be checked
  (unreadable, or left empty) use no attempt, as in the notebook.

Answers are shown as a person writes them in Python (:func:`answer_text`), never as the JSON
they travel in.

A written answer (a question marked by a person) is never judged here: its verdict is "to_mark",
0 points until ``grade --marks`` merges the marks given with the rubric (:mod:`.marks`); its row
keeps the whole text (``Row.text``) for the marking view. In every feedback mode the last
written answer counts (in the mode ``attempts`` too: a submission is never judged, so it uses no
attempt and the student may revise the text until the due date).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

from .per_student import Unavailable
from .submissions import GradingError, Submission, short

#: The verdicts a graded question can get ("to_mark": a written answer waiting for its marks;
#: "marked": one whose marks were merged).
VERDICTS = ("correct", "incorrect", "invalid", "not_answered", "error", "to_mark", "marked")


@dataclass(frozen=True)
class Row:
    """One student's result on one question of one notebook."""

    student: str
    notebook: str
    question: str
    answer: str
    verdict: str
    points: float
    max_points: float
    reason: str = ""
    #: The student's status in the gradebook (:mod:`.roll`), the same on each of their rows.
    status: str = ""
    #: When the notebook was handed in (ISO 8601, in the assignment's time zone; "" if unknown).
    submitted: str = ""
    #: The whole answer, for an answer a person marks (a written answer); "" otherwise.
    text: str = ""


def load_bank(keys: str | Path | None = None) -> dict:
    """``{question id: question}`` to check with: the course's bank, or the questions of a keys file."""
    from ...engine import registry
    from ...engine.types import from_spec

    if keys is None:
        return {q.id: q for q in registry.all()}
    path = Path(keys)
    try:
        specs = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GradingError(f"keys file not found: {path} (write it with python -m natocourse exam OUT)") from None
    except (OSError, ValueError) as exc:
        raise GradingError(f"{path} is not a keys file ({type(exc).__name__}); write it again with "
                           "python -m natocourse exam OUT") from None
    questions = specs.get("questions") if isinstance(specs, dict) else None
    if not isinstance(questions, dict) or not questions:
        raise GradingError(f"{path} holds no questions; write it again with python -m natocourse exam OUT")
    try:
        return {qid: from_spec(spec) for qid, spec in questions.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise GradingError(f"{path} has a damaged question ({short(exc, 120)}); write it again with "
                           "python -m natocourse exam OUT") from None


def score(submission: Submission, bank: Mapping, points: Mapping[str, float] | None = None,
          questions: Iterable[str] | None = None, attempts: int | None = None) -> list[Row]:
    """Check a submission's answers with ``bank`` (in this process) and give each question its points.

    ``questions`` are the ones to grade (default: those the notebook names or answered); an
    answer to a question outside the bank is ignored. ``points`` default to 1 each. ``attempts``
    is the assignment's limit (``assign --attempts N``): then only the first N checked answers count.
    """
    from ...engine.answers import deserialise

    points = points or {}
    wanted = list(questions) if questions is not None else sorted(
        {q for q in [*submission.questions, *submission.code, *submission.widget] if q in bank})
    if not wanted:
        reason = submission.problem or "no course questions found in this notebook"
        return [Row(submission.student, submission.notebook, "", "", "error", 0, 0, reason)]
    rows = []
    for qid in wanted:
        worth = float(points.get(qid, 1))
        question = bank.get(qid)
        if question is None or isinstance(question, Unavailable):
            rows.append(Row(submission.student, submission.notebook, qid, "", "error", 0, worth,
                            question.reason if question is not None else "not a question of this course"))
            continue
        if attempts:
            chosen, source, result = _within_attempts(question, submission, qid, attempts)
        else:
            chosen, source, result = _last_answer(question, submission, qid)
        if chosen is None:
            verdict = "error" if submission.problem and qid not in submission.code else "not_answered"
            reason = (f"not answered: {submission.problem}" if verdict == "error" else "no answer given")
            rows.append(Row(submission.student, submission.notebook, qid, "", verdict, 0, worth, reason))
            continue
        earned = worth if result.correct else 0.0
        marked = result.status == "to_mark"
        said = f"to mark with the rubric ({result.aids[0]['text']})" if marked and result.aids else result.message
        reason = f"answered in {source}; {said}" + (
            f" (while running: {submission.problem})" if submission.problem else "")
        rows.append(Row(submission.student, submission.notebook, qid, answer_text(chosen),
                        result.status, earned, worth, reason, text=deserialise(chosen) if marked else ""))
    return rows


def _last_answer(question, submission: Submission, qid: str):
    """Instant feedback and none: the last code answer that is an answer, else the last widget one."""
    from ...engine.answers import deserialise

    for raw in reversed(submission.code.get(qid, [])):
        result = question.check(deserialise(raw))
        if result.status != "not_answered":
            return raw, "code", result
    if submission.widget.get(qid):
        raw = submission.widget[qid][-1]
        return raw, "widget", question.check(deserialise(raw))
    return None, "", None


def _within_attempts(question, submission: Submission, qid: str, attempts: int):
    """Limited attempts: the first ``attempts`` checked answers (widget's, then code's); the first
    right one among them, else the last of them."""
    from ...engine.answers import deserialise

    counted = []
    for source in ("widget", "code"):
        for raw in getattr(submission, source).get(qid, []):
            result = question.check(deserialise(raw))
            if result.status in ("correct", "incorrect") and len(counted) < attempts:
                counted.append((raw, source, result))
    if not counted:
        return _last_answer(question, submission, qid)
    raw, source, result = next((c for c in counted if c[2].correct), counted[-1])
    n = counted.index((raw, source, result)) + 1
    return raw, f"{source} (attempt {n} of the {len(counted)} counted, at most {attempts})", result


def answer_text(raw: Any, limit: int = 300) -> str:
    """A raw answer as the reports show it: as a person writes it in Python (``'1949-04-04'``,
    ``['Canada', 'Iceland']``, ``{'Article 5': 'collective defence'}``), a table by its size, on
    one line and cut to ``limit`` characters."""
    from ...engine.answers import Unreadable, describe, deserialise

    try:
        value = deserialise(raw)
    except Exception:  # noqa: BLE001 - a damaged record is shown as such, never raised
        return "(an answer that could not be read back)"
    kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
    if kind == "pandas.DataFrame":
        return f"a table of {value.shape[0]} rows and {value.shape[1]} columns"
    if kind == "pandas.Series":
        return f"a series of {len(value)} values"
    if isinstance(value, Unreadable):
        return f"({value.text}: not data)"
    return short(describe(value, limit), limit)
