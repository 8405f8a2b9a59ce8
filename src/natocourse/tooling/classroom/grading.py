"""Grade submissions from the answers students gave, never from what their kernel claims.

``python -m natocourse grade SUBMISSIONS... --out grades.csv [--keys keys.json] [--points ID=N]``

Grading is a pipeline of small steps, each a module tested on its own; this module chains them::

    submissions.survey        the hand-ins: notebooks to grade, and files refused (links, oversized,
         │                    not notebooks) with the reason; submissions.student_name says whose
    sandbox.prepare           a sandbox can run here (or --no-sandbox said to go without), checked
         │                    before anything runs
    saved.read                the saved file: questions named, widget answers     ┐ phase 1, one worker
    run.run                   the notebook run again under limits in a fresh      │ process per notebook,
         │                    kernel in its sandbox; the code answers its checks  │ no key file opened
         │                    recorded (raw answers and problems only)            ┘ (batch.run_all)
    score.load_bank           the trusted bank, loaded once every sandbox is gone   phase 2: no kernel
    score.score               every raw answer checked with it
         │
    gradebook.write_reports   the gradebook, the details and feedback/, each written atomically

Where the answers come from: answers given in a question's widget are saved in the notebook and
travel inside it (:mod:`.saved`); *code answers* come from running it again (:mod:`.run`). An answer
given in code counts over one given through the widget; otherwise the last widget answer counts.
Every answer is checked in the grading process (:mod:`.score`), with
the course's question bank or, in exam mode, with the instructor's private ``keys.json``, whose
students' notebooks then run against the keyless student edition (:mod:`.exam`). The keys file is
opened only in phase 2, after the last student process has ended.

Student code is hostile: each notebook runs in its own sandbox (:mod:`.sandbox`) under
:class:`natocourse.tooling.course.Limits`, and a broken, truncated, looping or oversized notebook
gets rows saying why while the batch goes on. Without a sandbox (``--no-sandbox``, refused in exam
mode) every report says "graded without a sandbox".
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from pathlib import Path
from typing import Iterable, Mapping

from ..course import Limits, worker_count
from . import batch, cgroups, gradebook, sandbox as sandboxes, score, submissions
from .score import Row
from .submissions import GradingError, Submission

#: The note every report carries when students' code ran without a sandbox.
UNSANDBOXED = "graded without a sandbox"


@contextlib.contextmanager
def _student_edition(exam: bool):
    """Exam mode: a folder holding the keyless student package, to put first on the kernels'
    path; otherwise ``""``."""
    if not exam:
        yield ""
        return
    from .exam import write_student_package

    with tempfile.TemporaryDirectory(prefix="natocourse-exam-") as keyless:
        write_student_package(Path(keyless))
        yield keyless


def check_keys(keys: str | Path | None) -> None:
    """Refuse, before anything runs, a keys file that is not there (it is not opened here)."""
    if keys is not None and not Path(keys).is_file():
        raise GradingError(f"keys file not found: {keys} (write it with python -m natocourse exam OUT)")


def check_points(points: Mapping[str, float] | None, ids: Iterable[str]) -> None:
    """Refuse ``--points`` for questions that are not among ``ids``."""
    unknown = sorted(set(points or {}) - set(ids))
    if unknown:
        raise GradingError(f"--points names questions this course does not have: {', '.join(unknown)}")


def extract(paths: Iterable[str | Path], *, exam: bool = False, limits: Limits = Limits(),
            jobs: int | None = None, quiet: bool = False, sandboxed: bool = True) -> list[Submission]:
    """Phase 1: the raw answers of every hand-in, in order, refused hand-ins included; opens no key.

    Each notebook runs in a sandbox (exam mode: against the keyless student edition); every
    sandbox is gone when this returns.
    """
    handins = submissions.survey(paths)
    results: list[Submission] = []
    if handins.notebooks:
        jobs = worker_count(jobs, len(handins.notebooks))
        with _student_edition(exam) as keyless:
            sandbox = sandboxes.prepare(sandboxed=sandboxed, student_edition=keyless, exam=exam)
            if not quiet:
                print("grading " + "; ".join(sandbox.protections(limits.memory_mb)), file=sys.stderr)
            try:
                results = batch.run_all(handins.notebooks, limits, jobs, sandbox=sandbox, quiet=quiet)
            finally:
                cgroups.sweep(sandbox.groups, sandbox.owner)  # a worker that died left its groups
    return results + handins.refused


def score_all(results: Iterable[Submission], bank: Mapping, points: Mapping[str, float] | None = None,
              questions: Iterable[str] | None = None) -> list[Row]:
    """Phase 2: every submission scored with ``bank``, rows in submission order (no kernel)."""
    wanted = list(questions) if questions is not None else None
    return [row for result in results for row in score.score(result, bank, points, wanted)]


def grade(paths: Iterable[str | Path], *, keys: str | Path | None = None, points: Mapping | None = None,
          questions: Iterable[str] | None = None, limits: Limits = Limits(), jobs: int | None = None,
          quiet: bool = False, bank: Mapping | None = None, sandboxed: bool = True) -> list[Row]:
    """Grade submissions in parallel, in two phases; rows in submission order. Progress goes to stderr.

    ``bank`` is the question bank to score with (loaded from ``keys`` after phase 1 when not given).
    """
    check_keys(keys)
    results = extract(paths, exam=keys is not None, limits=limits, jobs=jobs, quiet=quiet, sandboxed=sandboxed)
    bank = score.load_bank(keys) if bank is None else bank
    check_points(points, bank)
    return score_all(results, bank, points, questions)


def grade_paths(paths: Iterable[str | Path], *, out: str | Path, keys: str | Path | None = None,
                points: Mapping[str, float] | None = None, questions: Iterable[str] | None = None,
                limits: Limits = Limits(), jobs: int | None = None, quiet: bool = False,
                sandboxed: bool = True) -> list[Row]:
    """Grade and write every report (what ``python -m natocourse grade`` does).

    Every request that can be refused without a key (jobs, the report's folder, the keys file's
    presence, ``--points`` for questions the course does not have, no sandbox in exam mode) is
    refused before any notebook runs; the keys are read after the last one has.
    """
    worker_count(jobs, 1)  # a bad --jobs is refused before anything is read
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    check_keys(keys)
    if keys is not None and not sandboxed:
        sandboxes.prepare(sandboxed=False, exam=True)  # refuses, with the reason
    check_points(points, score.load_bank())
    results = extract(paths, exam=keys is not None, limits=limits, jobs=jobs, quiet=quiet, sandboxed=sandboxed)
    bank = score.load_bank(keys)
    check_points(points, bank)
    rows = score_all(results, bank, points, questions)
    gradebook.write_reports(rows, out, questions=questions, points=points, bank=bank,
                            note="" if sandboxed else UNSANDBOXED)
    return rows
