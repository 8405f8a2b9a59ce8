"""Grade submissions from the answers students gave, never from what their kernel claims.

``python -m natocourse grade SUBMISSIONS... --out grades.csv [--keys keys.json] [--points ID=N] [--marks FILE]``

Grading is a pipeline of small steps, each a module tested on its own; this module chains them::

    submissions.handins       the hand-ins: notebooks to grade, and files refused (links, oversized,
         │                    not notebooks) with the reason; whose each one is (the folder it was
         │                    handed in from; never what the notebook says), and when
    sandbox.prepare           a sandbox can run here (or --no-sandbox said to go without), checked
         │                    before anything runs
    saved.read                the saved file: questions named, widget answers     ┐ phase 1, one worker
    run.run                   the notebook run again under limits in a fresh      │ process per notebook,
         │                    kernel in its sandbox; the code answers its checks  │ no key file opened
         │                    recorded (raw answers and problems only)            ┘ (batch.run_all)
    score.load_bank           the trusted bank, loaded once every sandbox is gone   phase 2: no kernel
    score.score               every raw answer checked with it
         │
    roll.call                 the class list's order, absent students, a status each
         │
    marks.merge               written answers: the to-mark file, and the marks given (--marks)
         │
    gradebook.write_reports   the gradebook, the details and feedback/<assignment>/, each written
         │                    atomically
    lms.prepare               with --format: a file Canvas or Moodle imports

Where the answers come from: answers given in a question's widget are saved in the notebook and
travel inside it (:mod:`.saved`); *code answers* come from running it again (:mod:`.run`). An answer
given in code counts over one given through the widget; otherwise the last widget answer counts.
Every answer is checked in the grading process (:mod:`.score`), with
the course's question bank or, in exam mode, with the instructor's private ``keys.json``, whose
students' notebooks then run against the keyless student edition (:mod:`.exam`). The keys file is
opened only in phase 2, after the last student process has ended. When each student has their own
variants (a manifest listing its class, or a keys file of version 2), each is checked with the
variants of the student who handed it in (:func:`banks`), never those its notebook claims.

Student code is hostile: each notebook runs in its own sandbox (:mod:`.sandbox`) under
:class:`natocourse.tooling.course.Limits`, and a broken, truncated, looping or oversized notebook
gets rows saying why while the batch goes on. Without a sandbox (``--no-sandbox``, refused in exam
mode) every report says "graded without a sandbox".
"""

from __future__ import annotations

import contextlib
import functools
import sys
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping

from ..course import Limits, worker_count
from . import batch, cgroups, feedback, gradebook, lms, marks, roll, sandbox as sandboxes, score, submissions
from .deadlines import Deadline
from .roster import Roster
from .score import Row
from .submissions import GradingError, Handin, Submission, failed

#: The note every report carries when students' code ran without a sandbox.
UNSANDBOXED = "graded without a sandbox"


@contextlib.contextmanager
def _student_edition(exam: bool, questions: Iterable[str] | None = None):
    """Exam mode: a folder holding the keyless student package of the exam's ``questions`` (ids;
    default every question), to put first on the kernels' path; otherwise ``""``. Built from the
    course's own bank: the keys file is not opened here."""
    if not exam:
        yield ""
        return
    from .exam import write_student_package

    from ...engine import registry

    known = {q.id: q for q in registry.all()}
    chosen = None if questions is None else [known[q] for q in questions if q in known]
    with tempfile.TemporaryDirectory(prefix="natocourse-exam-") as keyless:
        write_student_package(Path(keyless), chosen)
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


def run_handins(handins: Iterable[Handin], *, exam: bool = False, limits: Limits = Limits(),
                jobs: int | None = None, quiet: bool = False, sandboxed: bool = True,
                questions: Iterable[str] | None = None) -> list[Submission]:
    """Phase 1: the raw answers of every hand-in, in order, each named for its hand-in's student;
    opens no key.

    Each notebook runs in a sandbox (exam mode: against the keyless student edition of the exam's
    ``questions``, by default every question); a refused hand-in is not read and becomes a
    submission saying why. Every sandbox is gone when this returns.
    """
    handins = list(handins)
    to_run = [h for h in handins if not h.refused]
    ran: list[Submission] = []
    if to_run:
        jobs = worker_count(jobs, len(to_run), limits.memory_mb)
        with _student_edition(exam, questions) as keyless:
            sandbox = sandboxes.prepare(sandboxed=sandboxed, student_edition=keyless, exam=exam)
            if not quiet:
                print("grading " + "; ".join(sandbox.protections(limits.memory_mb)), file=sys.stderr)
            try:
                ran = batch.run_all([h.path for h in to_run], limits, jobs, sandbox=sandbox, quiet=quiet)
            finally:
                cgroups.sweep(sandbox.groups, sandbox.owner)  # a worker that died left its groups
    results, outcomes = [], iter(ran)
    for handin in handins:
        result = failed(handin.path, handin.refused, "broken") if handin.refused else next(outcomes)
        result.student = handin.student
        results.append(result)
    return results


def extract(paths: Iterable[str | Path], *, exam: bool = False, limits: Limits = Limits(),
            jobs: int | None = None, quiet: bool = False, sandboxed: bool = True,
            assignment: str | None = None, questions: Iterable[str] | None = None) -> list[Submission]:
    """Phase 1 for the hand-ins found in ``paths`` (:func:`.submissions.handins`, :func:`run_handins`)."""
    return run_handins(submissions.handins(paths, assignment=assignment), exam=exam, limits=limits, jobs=jobs,
                       quiet=quiet, sandboxed=sandboxed, questions=questions)


def score_all(results: Iterable[Submission], bank: Mapping, points: Mapping[str, float] | None = None,
              questions: Iterable[str] | None = None, attempts: int | None = None,
              bank_of: Callable[[str], Mapping] | None = None) -> list[Row]:
    """Phase 2: every submission scored with ``bank`` (or, with ``bank_of``, with the bank of the
    student it was handed in by: their own variants), rows in submission order (no kernel)."""
    wanted = list(questions) if questions is not None else None
    return [row for result in results
            for row in score.score(result, bank_of(result.student) if bank_of else bank, points, wanted, attempts)]


def banks(bank: Mapping, plan: "Plan") -> Callable[[str], Mapping] | None:
    """Each student's bank when the plan grades each student on their own variants (an
    assignment's manifest lists its class, or an exam's keys file holds each student's questions);
    ``None`` when everyone is graded with ``bank``. The student is the one who handed the notebook
    in (its folder, the class list), never what the notebook says."""
    from . import per_student

    keyed = per_student.read_keys(plan.keys) if plan.keys is not None else None
    if keyed is not None:
        students = keyed[1]
        made = lambda student: per_student.grading_bank(bank, student, keys=plan.keys, keyed=students)  # noqa: E731
    elif plan.variants:
        # only the assignment's questions: a variant is built (and its answer computed) per student
        graded = bank if plan.questions is None else {q: bank[q] for q in plan.questions if q in bank}
        made = lambda student: per_student.grading_bank(graded, student, assignment=plan.variants)  # noqa: E731
    else:
        return None
    return functools.cache(made)  # scoring and the feedback ask for each student's bank: made once


def grade(paths: Iterable[str | Path], *, keys: str | Path | None = None, points: Mapping | None = None,
          questions: Iterable[str] | None = None, limits: Limits = Limits(), jobs: int | None = None,
          quiet: bool = False, bank: Mapping | None = None, sandboxed: bool = True,
          assignment: str | None = None, attempts: int | None = None) -> list[Row]:
    """Grade submissions in parallel, in two phases; rows in submission order. Progress goes to stderr.

    ``bank`` is the question bank to score with (loaded from ``keys`` after phase 1 when not given);
    ``assignment`` the assignment's notebook name without ``.ipynb`` (:func:`.submissions.handins`);
    ``attempts`` its limit of attempts (:func:`.score.score`).
    """
    check_keys(keys)
    questions = list(questions) if questions is not None else None
    results = extract(paths, exam=keys is not None, limits=limits, jobs=jobs, quiet=quiet, sandboxed=sandboxed,
                      assignment=assignment, questions=questions)
    bank = score.load_bank(keys) if bank is None else bank
    check_points(points, bank)
    return score_all(results, bank, points, questions, attempts)


@dataclass(frozen=True)
class Plan:
    """What one grading of a class is asked for, besides the notebooks and the limits.

    From an assignment's manifest (:meth:`from_manifest`) or options: the questions and their
    points, the keys file (exam mode), the assignment's name and notebook, its limit of
    attempts, the class list, the deadline with its extensions, whether the explanations are
    released in the feedback, the LMS export asked for, and the marks file of written answers
    (``--marks``: the marking view's ``OUT-marks.jsonl``, merged by :mod:`.marks`)."""

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
    marks: str | Path | None = None
    #: Grade each student on their own variants of this assignment (its manifest lists its class:
    #: ``assign --roster``); "" grades everyone with the same questions.
    variants: str = ""

    @classmethod
    def from_manifest(cls, manifest, **given) -> "Plan":
        """The plan of an assignment (``assign``'s manifest), with ``given`` over it."""
        deadline = Deadline(manifest.due, manifest.timezone, given.pop("extensions", None) or {})
        plan = cls(questions=tuple(q for q, _ in manifest.questions), points=dict(manifest.points),
                   assignment=manifest.name, notebook=Path(manifest.notebook).stem, attempts=manifest.attempts,
                   deadline=deadline, variants=manifest.name if manifest.per_student else "")
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
                extra_status: Mapping[str, str] | None = None, sandboxed: bool = True) -> Report:
    """Grade a class and write every report (what ``grade`` and ``collect`` do).

    ``only`` regrades one student into the existing gradebook ``out``. ``handins`` are given by
    ``collect`` when it knows them (default: found in ``paths``); ``absent_reason`` and
    ``extra_status`` go to :func:`.roll.call`.

    Every request that can be refused without a key (jobs, the report's folder, the keys file's
    presence, ``--points`` for questions the course does not have, no sandbox in exam mode, who
    handed in what) is refused before any notebook runs; the keys are read after the last one has.
    """
    worker_count(jobs, 1)  # a bad --jobs is refused before anything is read
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    if plan.lms and plan.roster is None:
        raise GradingError(f"--format {plan.lms} needs the class list the LMS knows: give --roster FILE")
    check_keys(plan.keys)
    if plan.keys is not None and not sandboxed:
        sandboxes.prepare(sandboxed=False, exam=True)  # refuses, with the reason
    # an exam's questions (its manifest's) may come from an instructor's bank: its keys file knows them
    check_points(plan.points, {*score.load_bank(), *((plan.questions or ()) if plan.keys else ())})
    if plan.marks is not None:
        marks.read(plan.marks)  # a missing or unreadable marks file is refused before anything runs
    roster = plan.roster
    found = list(handins) if handins is not None else submissions.handins(paths, assignment=plan.notebook,
                                                                           allow_empty=roster is not None)
    if roster is not None:
        found = [replace(h, student=roster.canonical(h.student)) for h in found]
    old: list[Row] = []
    if only is not None:
        only = roster.canonical(only) if roster is not None else only
        old = marks.with_texts(gradebook.read_details(gradebook.details_path(out)), out)
        _same_questions(out, plan.questions)
        found = [h for h in found if h.student == only]
        if not found and (roster is None or only not in roster):
            raise GradingError(f"--only {only}: no notebook of {only} among the submissions given, and "
                               f"{only} is not on the class list")
    results = run_handins(found, exam=plan.keys is not None, limits=limits, jobs=jobs, quiet=quiet,
                          sandboxed=sandboxed, questions=plan.questions)
    bank = score.load_bank(plan.keys)  # phase 2: every student process is gone
    check_points(plan.points, bank)
    bank_of = banks(bank, plan)
    rows = score_all(results, bank, plan.points, plan.questions, plan.attempts, bank_of)
    rows = roll.call(rows, results, found, roster=roster, deadline=plan.deadline, questions=plan.questions,
                     points=plan.points, notebook=f"{plan.notebook}.ipynb" if plan.notebook else "",
                     absent_reason=absent_reason, extra_status=extra_status)
    if only is not None:
        rows = gradebook.merge(old, [r for r in rows if r.student == only], only)
    rows, merge = marks.merge(rows, out, bank, plan.marks)  # refuses wrong marks before anything is written
    for line in merge.skipped:
        print(f"warning: {line}", file=sys.stderr)
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
                                      bank_of=bank_of, assignment=assignment, due=due,
                                      students=[only] if only is not None else None,
                                      note="" if sandboxed else UNSANDBOXED, merge=merge)
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
                limits: Limits = Limits(), jobs: int | None = None, quiet: bool = False,
                sandboxed: bool = True, marks_file: str | Path | None = None) -> list[Row]:
    """Grade and write every report with no class list or deadline (kept for scripts);
    ``marks_file`` merges the marks given to written answers (:mod:`.marks`)."""
    plan = Plan(questions=tuple(questions) if questions is not None else None, points=dict(points or {}), keys=keys,
                marks=marks_file)
    return grade_class(paths, out=out, plan=plan, limits=limits, jobs=jobs, quiet=quiet, sandboxed=sandboxed).rows
