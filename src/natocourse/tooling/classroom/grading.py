"""Grade submissions from the answers students gave, never from what their kernel claims.

``python -m natocourse grade SUBMISSIONS... --out grades.csv [--keys keys.json] [--points ID=N]``

Grading is a pipeline of small steps, each a module tested on its own; this module chains them::

    submissions.handins       the notebooks to grade, and whose each one is (the folder it was
         │                    handed in from; never what the notebook says), and when
    saved.read                the saved file: questions named, widget answers     ┐ phase 1, one worker
    run.run                   the notebook run again under limits in a fresh      │ process per notebook
         │                    kernel; the code answers its checks recorded        ┘ (batch.run_all)
         │                    (raw answers and problems only: nothing is checked)
    score.score               every raw answer checked with the trusted bank        phase 2: no kernel
         │
    roll.call                 the class list's order, absent students, a status each
         │
    gradebook.write_reports   the gradebook, the details and feedback/<assignment>/
    lms.prepare               with --format: a file Canvas or Moodle imports

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

from dataclasses import dataclass, field, replace

from ..course import Limits, worker_count
from . import batch, feedback, gradebook, lms, roll, score, submissions
from .deadlines import Deadline
from .roster import Roster
from .score import Row
from .submissions import GradingError, Handin, Submission


@contextlib.contextmanager
def _student_edition(keys: str | Path | None):
    """Exam mode (``keys`` given): a folder holding the keyless student package, to put first on
    the kernels' path; otherwise ``""``."""
    if keys is None:
        yield ""
        return
    from .exam import write_student_package

    with tempfile.TemporaryDirectory(prefix="natocourse-exam-") as keyless:
        write_student_package(Path(keyless))
        yield keyless


def score_all(results: Iterable[Submission], bank: Mapping, points: Mapping[str, float] | None = None,
              questions: Iterable[str] | None = None, attempts: int | None = None) -> list[Row]:
    """Phase 2: every submission scored with ``bank``, rows in submission order (no kernel)."""
    wanted = list(questions) if questions is not None else None
    return [row for result in results for row in score.score(result, bank, points, wanted, attempts)]


def run_handins(handins: list[Handin], *, keys: str | Path | None = None, limits: Limits = Limits(),
                jobs: int | None = None, quiet: bool = False) -> list[Submission]:
    """Phase 1 for hand-ins: each read and run; each submission named for its hand-in's student."""
    if not handins:
        return []
    jobs = worker_count(jobs, len(handins))
    with _student_edition(keys) as python_path:
        results = batch.run_all([h.path for h in handins], limits, jobs, quiet=quiet, python_path=python_path)
    for result, handin in zip(results, handins):
        result.student = handin.student
    return results


def grade(paths: Iterable[str | Path], *, keys: str | Path | None = None, points: Mapping | None = None,
          questions: Iterable[str] | None = None, limits: Limits = Limits(), jobs: int | None = None,
          quiet: bool = False, bank: Mapping | None = None, assignment: str | None = None,
          attempts: int | None = None) -> list[Row]:
    """Grade submissions in parallel; rows in submission order. Progress goes to stderr.

    ``bank`` is the question bank read from ``keys`` (read here when not given); ``assignment``
    the assignment's notebook name without ``.ipynb`` (:func:`.submissions.handins`); ``attempts``
    its limit of attempts (:func:`.score.score`).
    """
    bank = score.load_bank(keys) if bank is None else bank
    results = run_handins(submissions.handins(paths, assignment=assignment), keys=keys, limits=limits, jobs=jobs,
                          quiet=quiet)
    return score_all(results, bank, points, questions, attempts)


@dataclass(frozen=True)
class Plan:
    """What one grading of a class is asked for, besides the notebooks and the limits.

    From an assignment's manifest (:meth:`from_manifest`) or options: the questions and their
    points, the keys file (exam mode), the assignment's name and notebook, its limit of
    attempts, the class list, the deadline with its extensions, whether the explanations are
    released in the feedback, and the LMS export asked for."""

    questions: tuple[str, ...] | None = None
    points: Mapping[str, float] = field(default_factory=dict)
    keys: str | Path | None = None
    assignment: str = ""
    notebook: str | None = None
    attempts: int | None = None
    roster: Roster | None = None
    deadline: Deadline = Deadline()
    release_answers: bool = False
    lms: str = ""
    grade_max: float | None = None
    lms_column: str | None = None

    @classmethod
    def from_manifest(cls, manifest, **given) -> "Plan":
        """The plan of an assignment (``assign``'s manifest), with ``given`` over it."""
        deadline = Deadline(manifest.due, manifest.timezone, given.pop("extensions", None) or {})
        plan = cls(questions=tuple(q for q, _ in manifest.questions), points=dict(manifest.points),
                   assignment=manifest.name, notebook=Path(manifest.notebook).stem, attempts=manifest.attempts,
                   deadline=deadline)
        return replace(plan, **{k: v for k, v in given.items() if v is not None})


@dataclass
class Report:
    """What :func:`grade_class` wrote: the rows, the files, the "needs attention" list, the exports."""

    rows: list[Row]
    written: dict[str, Path]
    attention: str
    exports: list = field(default_factory=list)


def grade_class(paths: Iterable[str | Path], *, out: str | Path, plan: Plan = Plan(), limits: Limits = Limits(),
                jobs: int | None = None, quiet: bool = False, only: str | None = None,
                handins: list[Handin] | None = None, absent_reason: Mapping[str, str] | None = None,
                extra_status: Mapping[str, str] | None = None) -> Report:
    """Grade a class and write every report (what ``grade`` and ``collect`` do).

    ``only`` regrades one student into the existing gradebook ``out``. ``handins`` are given by
    ``collect`` when it knows them (default: found in ``paths``); ``absent_reason`` and
    ``extra_status`` go to :func:`.roll.call`.
    """
    worker_count(jobs, 1)  # a bad --jobs is refused before anything is read
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    if plan.lms and plan.roster is None:
        raise GradingError(f"--format {plan.lms} needs the class list the LMS knows: give --roster FILE")
    bank = score.load_bank(plan.keys)
    unknown = sorted(set(plan.points or {}) - set(bank))
    if unknown:
        raise GradingError(f"--points names questions this course does not have: {', '.join(unknown)}")
    roster = plan.roster
    found = list(handins) if handins is not None else submissions.handins(paths, assignment=plan.notebook,
                                                                           allow_empty=roster is not None)
    if roster is not None:
        found = [replace(h, student=roster.canonical(h.student)) for h in found]
    old: list[Row] = []
    if only is not None:
        only = roster.canonical(only) if roster is not None else only
        old = gradebook.read_details(gradebook.details_path(out))
        _same_questions(out, plan.questions)
        found = [h for h in found if h.student == only]
        if not found and (roster is None or only not in roster):
            raise GradingError(f"--only {only}: no notebook of {only} among the submissions given, and "
                               f"{only} is not on the class list")
    results = run_handins(found, keys=plan.keys, limits=limits, jobs=jobs, quiet=quiet)
    rows = score_all(results, bank, plan.points, plan.questions, plan.attempts)
    rows = roll.call(rows, results, found, roster=roster, deadline=plan.deadline, questions=plan.questions,
                     points=plan.points, notebook=f"{plan.notebook}.ipynb" if plan.notebook else "",
                     absent_reason=absent_reason, extra_status=extra_status)
    if only is not None:
        rows = gradebook.merge(old, [r for r in rows if r.student == only], only)
    students = {r.student for r in rows}
    due = {s: (plan.deadline.due_for(s).isoformat() if plan.deadline.due_for(s) else "") for s in students}
    assignment = feedback.Assignment(plan.assignment or out.stem, plan.deadline, plan.release_answers)
    columns, table = gradebook.table(rows, plan.questions, plan.points, due)
    exports = []
    if plan.lms:
        possible = sum(float(plan.points.get(q, 1)) for q in columns[len(gradebook.GRADEBOOK_START):
                                                                    -len(gradebook.GRADEBOOK_END)])
        exports.append(lms.prepare(plan.lms, out, table, roster, assignment=assignment.name, possible=possible,
                                   grade_max=plan.grade_max, column=plan.lms_column))
    written = gradebook.write_reports(rows, out, questions=plan.questions, points=plan.points, bank=bank,
                                      assignment=assignment, due=due,
                                      students=[only] if only is not None else None)
    exports = [lms.write(export, content) for export, content in exports]
    attention = roll.attention({r["student"]: r["status"] for r in table})
    return Report(rows, written, attention, exports)


def _same_questions(out: Path, questions) -> None:
    """Refuse ``--only`` into a gradebook made for other questions."""
    import csv

    try:
        with out.open(newline="", encoding="utf-8") as handle:
            header = next(csv.reader(handle), [])
    except FileNotFoundError:
        raise GradingError(f"no gradebook at {out}: grade the whole class first (without --only)") from None
    made = header[len(gradebook.GRADEBOOK_START):-len(gradebook.GRADEBOOK_END)]
    if questions is not None and list(questions) != made:
        raise GradingError(f"{out} was graded with the questions {', '.join(made) or 'none'}; grade --only with "
                           "the same --manifest or --questions")


def grade_paths(paths: Iterable[str | Path], *, out: str | Path, keys: str | Path | None = None,
                points: Mapping[str, float] | None = None, questions: Iterable[str] | None = None,
                limits: Limits = Limits(), jobs: int | None = None, quiet: bool = False) -> list[Row]:
    """Grade and write every report with no class list or deadline (kept for scripts)."""
    plan = Plan(questions=tuple(questions) if questions is not None else None, points=dict(points or {}), keys=keys)
    return grade_class(paths, out=out, plan=plan, limits=limits, jobs=jobs, quiet=quiet).rows
