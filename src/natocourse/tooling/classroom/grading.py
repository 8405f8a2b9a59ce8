"""Grade submissions from the answers students gave, never from what their kernel claims.

``python -m natocourse grade SUBMISSIONS... --out grades.csv [--keys keys.json] [--points ID=N]``

Grading is a pipeline of small steps, each a module tested on its own; this module chains them::

    submissions.find          the notebooks to grade; submissions.student_name says whose
         │
    saved.read                the saved file: questions named, widget answers     ┐ phase 1, one worker
    run.run                   the notebook run again under limits in a fresh      │ process per notebook
         │                    kernel; the code answers its checks recorded        ┘ (batch.run_all)
         │                    (raw answers and problems only: nothing is checked)
    score.score               every raw answer checked with the trusted bank        phase 2: no kernel
         │
    gradebook.write_reports   the gradebook, the details and feedback/

Where the answers come from: answers given in a question's widget are saved in the notebook and
travel inside it (:mod:`.saved`); *code answers* come from running it again (:mod:`.run`). An answer
given in code counts over one given through the widget; otherwise the last widget answer counts.
Every answer is checked in the grading process (:mod:`.score`), with
the course's question bank or, in exam mode, with the instructor's private ``keys.json``, whose
students' notebooks then run against the keyless student edition (:mod:`.exam`).

Student code is hostile: each notebook runs under :class:`natocourse.tooling.course.Limits`, and a
broken, truncated, looping or oversized notebook gets rows saying why while the batch goes on.
"""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from ..course import Limits, worker_count
from . import batch, gradebook, score, submissions
from .score import Row
from .submissions import GradingError, Submission


@contextlib.contextmanager
def _student_edition(keys: str | Path | None, bank: Mapping):
    """Exam mode (``keys`` given): a folder holding the keyless student package of the exam's
    questions (``bank``), to put first on the kernels' path; otherwise ``""``."""
    if keys is None:
        yield ""
        return
    from .exam import write_student_package

    with tempfile.TemporaryDirectory(prefix="natocourse-exam-") as keyless:
        write_student_package(Path(keyless), list(bank.values()))
        yield keyless


def score_all(results: Iterable[Submission], bank: Mapping, points: Mapping[str, float] | None = None,
              questions: Iterable[str] | None = None) -> list[Row]:
    """Phase 2: every submission scored with ``bank``, rows in submission order (no kernel)."""
    wanted = list(questions) if questions is not None else None
    return [row for result in results for row in score.score(result, bank, points, wanted)]


def grade(paths: Iterable[str | Path], *, keys: str | Path | None = None, points: Mapping | None = None,
          questions: Iterable[str] | None = None, limits: Limits = Limits(), jobs: int | None = None,
          quiet: bool = False, bank: Mapping | None = None) -> list[Row]:
    """Grade submissions in parallel; rows in submission order. Progress goes to stderr.

    ``bank`` is the question bank read from ``keys`` (read here when not given).
    """
    bank = score.load_bank(keys) if bank is None else bank
    found = submissions.find(paths)
    jobs = worker_count(jobs, len(found), limits.memory_mb)
    with _student_edition(keys, bank) as python_path:
        results = batch.run_all(found, limits, jobs, quiet=quiet, python_path=python_path)
    return score_all(results, bank, points, questions)


def grade_paths(paths: Iterable[str | Path], *, out: str | Path, keys: str | Path | None = None,
                points: Mapping[str, float] | None = None, questions: Iterable[str] | None = None,
                limits: Limits = Limits(), jobs: int | None = None, quiet: bool = False) -> list[Row]:
    """Grade and write every report (what ``python -m natocourse grade`` does)."""
    worker_count(jobs, 1)  # a bad --jobs is refused before anything is read
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    bank = score.load_bank(keys)
    unknown = sorted(set(points or {}) - set(bank))
    if unknown:
        raise GradingError(f"--points names questions this course does not have: {', '.join(unknown)}")
    rows = grade(paths, keys=keys, points=points, questions=questions, limits=limits, jobs=jobs, quiet=quiet,
                 bank=bank)
    gradebook.write_reports(rows, out, questions=questions, points=points, bank=bank)
    return rows
