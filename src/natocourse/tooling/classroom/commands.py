"""The classroom's commands: ``grade``, ``mark``, ``exam``, ``assign``, ``distribute``, ``collect`` and
``publish`` (listed in :data:`natocourse.tooling.cli.COMMANDS`).

Each command is a ``configure_*`` function that adds its arguments to an ``argparse`` parser and a
``run_*`` function that carries it out and returns the exit status. ``grade`` and ``collect``
take the same limits from :func:`add_limit_options`.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from ..banks import add_bank_option, load_banks, require_assignment, require_known, with_default_points
from ..course import Limits
from .report import command as report_command


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--timeout``, ``--output-limit``, ``--memory`` and ``--jobs``: what each student's
    notebook may use when graded, and how many are graded at once (defaults: :class:`Limits`;
    memory and jobs within what this machine's cgroup allows, :mod:`natocourse.tooling.machine`);
    and ``--no-sandbox``, to grade where no sandbox can run (never in exam mode)."""
    default = Limits()
    parser.add_argument("--timeout", type=float, default=default.timeout,
                        help=f"seconds per notebook (default {default.timeout:g})")
    parser.add_argument("--output-limit", type=int, default=default.output_bytes,
                        help=f"bytes of output a notebook may produce (default {default.output_bytes})")
    parser.add_argument("--memory", type=int, default=None,
                        help=f"MB of memory per kernel (default {default.memory_mb}), less if this machine's "
                             "cgroup (e.g. a pod's limit) leaves less")
    parser.add_argument("--jobs", type=int, default=None,
                        help="notebooks graded at once (default: the CPUs this machine's cgroup allows, "
                             "as many as its memory holds)")
    parser.add_argument("--no-sandbox", action="store_true",
                        help="run students' code without a sandbox, with your own rights (every report says "
                             "so; refused in exam mode)")


def limits_from(args: argparse.Namespace) -> Limits:
    """The :class:`Limits` that the options of :func:`add_limit_options` ask for (checked)."""
    from ..machine import kernel_memory_mb

    memory = kernel_memory_mb() if args.memory is None else args.memory
    return Limits(timeout=args.timeout, output_bytes=args.output_limit, memory_mb=memory)


def add_class_options(parser: argparse.ArgumentParser) -> None:
    """Add what ``grade`` and ``collect`` share about the class: the class list, extensions, the
    release of explanations and the LMS export."""
    parser.add_argument("--roster", metavar="FILE",
                        help="the class list: a CSV with a 'student' column, or your Canvas or Moodle gradebook "
                             "export; everyone on it gets a row")
    parser.add_argument("--login-column", metavar="COLUMN",
                        help="the class list's column holding the logins students hand in under (default: "
                             "student, Canvas's SIS Login ID, Moodle's Username or Email address)")
    parser.add_argument("--extension", action="append", default=[], metavar="STUDENT=YYYY-MM-DD",
                        help="a later due day for one student (repeat)")
    parser.add_argument("--release-answers", action="store_true",
                        help="put each question's worked explanation (which states its answer) in the feedback")
    parser.add_argument("--format", choices=["csv", *_lms_formats()], default="csv",
                        help="also write a file your LMS imports (needs --roster): canvas or moodle")
    parser.add_argument("--grade-max", type=float, default=None, metavar="N",
                        help="the LMS grade is out of N (default: the assignment's points)")
    parser.add_argument("--lms-column", metavar="TITLE",
                        help="the LMS column (assignment or grade item) to fill (default: the assignment's name)")


def _lms_formats() -> tuple[str, ...]:
    from .lms import FORMATS

    return FORMATS


def roster_from(args: argparse.Namespace):
    """The class list ``--roster`` names (``None`` without one); ``--login-column`` alone is refused."""
    from .roster import load

    if args.roster is None:
        if args.login_column:
            raise ValueError("--login-column goes with --roster FILE")
        return None
    return load(args.roster, login_column=args.login_column)


def report(result, total: float | None = None) -> None:
    """Print what a grading wrote: the "needs attention" list and the LMS notes (stderr)."""
    for export in result.exports:
        print(f"wrote {export.path} and {export.notes_path.name}:", file=sys.stderr)
        print("  " + export.notes.strip().replace("\n", "\n  "), file=sys.stderr)
    print(result.attention or "needs attention: nobody, every student is ok", file=sys.stderr)


# ---- grade ------------------------------------------------------------------------------------

def configure_grade(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSION",
                        help="submitted notebooks, or folders searched for *.ipynb")
    parser.add_argument("--out", required=True,
                        help="gradebook CSV to write (one row per student); details and feedback go beside it")
    parser.add_argument("--manifest", default=None,
                        help="an assignment's manifest.json (release/NAME/): its questions and points")
    parser.add_argument("--keys", default=None,
                        help="exam mode: the instructor's keys.json written by `python -m natocourse exam` "
                             "(its manifest.json beside it gives the questions and points)")
    parser.add_argument("--points", action="append", default=[], metavar="ID=N",
                        help="points for a question (repeat; default 1 each)")
    parser.add_argument("--questions", nargs="+", default=None, metavar="ID",
                        help="grade these questions only, in this order (default: those in the notebooks)")
    parser.add_argument("--attempts", type=int, default=None, metavar="N",
                        help="count only the first N checked answers of each question (default: the manifest's)")
    parser.add_argument("--only", metavar="STUDENT",
                        help="regrade one student into the existing gradebook --out")
    add_class_options(parser)
    parser.add_argument("--marks", default=None, metavar="FILE",
                        help="merge the marks given to written answers (the marking view's OUT-marks.jsonl)")
    add_limit_options(parser)
    report_command.add_grade_option(parser)
    add_bank_option(parser)


def run_grade(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..course import parse_points
    from . import gradebook, grading
    from .deadlines import Deadline, parse_extensions

    load_banks(args)
    limits = limits_from(args)
    report_command.check_before_grading(args)
    roster = roster_from(args)
    points, questions, keys = parse_points(args.points), args.questions, args.keys
    extensions = parse_extensions(args.extension, roster)
    options = dict(keys=keys, roster=roster, release_answers=args.release_answers,
                   lms="" if args.format == "csv" else args.format, grade_max=args.grade_max,
                   lms_column=args.lms_column, marks=args.marks)
    manifest_path = args.manifest
    if manifest_path is None and keys and (Path(keys).parent / "manifest.json").is_file():
        manifest_path = Path(keys).parent / "manifest.json"  # an exam's, beside its keys
    if manifest_path:
        from .assign import load_manifest

        manifest = load_manifest(manifest_path)
        if not (keys or manifest.keys):
            require_known([q for q, _ in manifest.questions], str(manifest_path))
        if keys is None and manifest.keys:  # an exam's manifest names its keys file, beside it
            folder = Path(manifest_path).parent if Path(manifest_path).suffix == ".json" else Path(manifest_path)
            options["keys"] = str(folder / manifest.keys)
        plan = grading.Plan.from_manifest(manifest, extensions=extensions, **options)
        plan = replace(plan, points={**manifest.points, **points},
                       questions=tuple(questions) if questions else plan.questions)
    else:
        if extensions:
            raise ValueError("--extension needs the assignment's due date: give --manifest release/NAME/manifest.json")
        plan = grading.Plan(questions=tuple(questions) if questions else None, points=points, deadline=Deadline(),
                            **options)
    if args.attempts is not None:
        plan = replace(plan, attempts=_attempts(args.attempts))
    result = grading.grade_class(args.submissions, out=args.out, plan=plan, limits=limits, jobs=args.jobs,
                                 only=args.only, sandboxed=not args.no_sandbox)
    regraded = [r for r in result.rows if args.only is None or r.student.casefold() == args.only.casefold()]
    print(gradebook.summary(regraded) + (f" (--only {args.only}, into {args.out})" if args.only else "")
          + (f" ({grading.UNSANDBOXED})" if args.no_sandbox else ""), file=sys.stderr)
    report(result)
    report_command.after_grading(args)
    waiting = sum(r.verdict == "to_mark" for r in result.rows)
    if waiting:
        from .marks import paths

        where = paths(args.out)
        print(f"{waiting} written answer(s) to mark: python -m natocourse mark {where['to_mark']} "
              f"(then grade again with --marks {where['marks']})", file=sys.stderr)
    return 0


# ---- mark -------------------------------------------------------------------------------------

def configure_mark(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("to_mark", metavar="TO_MARK", help="the OUT-to-mark.json that grade wrote beside the gradebook")
    parser.add_argument("--marks", default=None, metavar="FILE",
                        help="the marks file to append to (default: OUT-marks.jsonl beside it)")
    parser.add_argument("--notebook", default=None, help="the marking notebook to write (default: OUT-marking.ipynb)")


def run_mark(args: argparse.Namespace) -> int:
    from . import marking
    from .marks import load_to_mark

    content = load_to_mark(args.to_mark)
    notebook = marking.write_notebook(args.to_mark, args.marks, args.notebook)
    print(f"{len(content['answers'])} written answer(s) of {len(content['questions'])} question(s) to mark.")
    print(f"marking notebook: {notebook} (open it in JupyterLab and run its cell; marks are saved as you give them)")
    return 0


def _attempts(value: int) -> int:
    from ...engine.policy import check_mode

    try:
        check_mode("attempts", value)
    except ValueError as exc:
        raise ValueError(f"--{exc}") from None
    return value


# ---- exam -------------------------------------------------------------------------------------

def configure_exam(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", help="new folder: OUT/student (the exam edition, no keys), OUT/manifest.json, "
                                    "OUT/keys.json and OUT/source (private)")
    parser.add_argument("--questions", nargs="+", required=True, metavar="ID",
                        help="the exam's question ids, in order (python -m natocourse exercises list)")
    parser.add_argument("--points", action="append", default=[], metavar="ID=N",
                        help="points for one question (default 1); repeat for several")
    parser.add_argument("--due", metavar="YYYY-MM-DD", help="the exam's day, shown to students and kept in the manifest")
    parser.add_argument("--name", help="the exam's name and notebook (default: OUT's folder name)")
    parser.add_argument("--no-git", dest="git", action="store_false",
                        help="leave OUT/student a folder instead of a git repository with one commit")
    parser.add_argument("--root", help="course repository holding solutions/ (default: the package's)")
    parser.add_argument("--roster", metavar="FILE",
                        help="the class list: if a question varies, each student sits their own variant "
                             "(OUT/release/<student>/, handed out with distribute --exam OUT)")
    add_bank_option(parser)


def run_exam(args: argparse.Namespace) -> int:
    from . import exam

    load_banks(args)
    args.points = with_default_points(args.questions, args.points)
    written = exam.write_exam(args.out, args.questions, args.points, args.due, name=args.name, root=args.root,
                              git=args.git, roster=args.roster)
    print(f"exam edition (no answer keys; hand it out in an environment of its own): {written['student']}")
    if "release" in written:
        print(f"each student's own exam notebook: {written['release']}/<student>/ (hand them out with "
              f"python -m natocourse distribute --exam {args.out} --homes HOMES)")
    elif args.roster:
        print("no question of this exam varies: one notebook for everyone")
    print(f"manifest: {written['manifest']}")
    print(f"instructor's keys and solved exam (keep private): {written['keys']}, {written['source']}")
    print(f"collect and grade with: python -m natocourse collect --exam {args.out} --homes HOMES")
    return 0


# ---- assign and collect -----------------------------------------------------------------------

def configure_assign(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the assignment's name, e.g. ps1 (a folder and file name)")
    parser.add_argument("--questions", nargs="+", required=True, metavar="ID",
                        help="question ids in the order students see them (python -m natocourse exercises list)")
    parser.add_argument("--points", action="append", default=[], metavar="ID=N",
                        help="points for one question (default 1); repeat for several")
    parser.add_argument("--due", metavar="YYYY-MM-DD", help="due date shown to students and kept in the manifest")
    parser.add_argument("--timezone", metavar="ZONE", default=None,
                        help="the due date's time zone, an IANA name such as Europe/Brussels (default UTC); "
                             "work is late from midnight after the due date there")
    parser.add_argument("--feedback", choices=["instant", "none"], default=None,
                        help="instant: each check says right or wrong at once (default); none: checks only "
                             "record answers, like an exam")
    parser.add_argument("--attempts", type=int, default=None, metavar="N",
                        help="graded attempts: checks say right or wrong, at most N answers per question are "
                             "recorded and count, no explanation before the due date")
    parser.add_argument("--roster", metavar="FILE",
                        help="the class list (kept, private, in source/NAME/ for collect); if a question varies, "
                             "each student gets their own notebook (release/NAME/<student>/, handed out with "
                             "distribute)")
    parser.add_argument("--nbgrader", action="store_true",
                        help="also write an nbgrader source assignment in nbgrader/source/NAME/")
    parser.add_argument("--dir", default=".", help="folder receiving release/ and source/ (default: here)")
    parser.add_argument("--root", help="course repository holding solutions/ (default: the package's)")
    parser.add_argument("--force", action="store_true", help="replace an assignment of the same name")
    add_bank_option(parser)


def run_assign(args: argparse.Namespace) -> int:
    from . import assign

    load_banks(args)
    args.points = with_default_points(args.questions, args.points)
    if args.feedback == "none" and args.attempts is not None:
        raise ValueError("--attempts N gives instant verdicts with a limit; it cannot go with --feedback none")
    mode = dict(feedback=args.feedback or ("attempts" if args.attempts is not None else "instant"),
                attempts=args.attempts, timezone=args.timezone)
    if args.nbgrader:  # check the export too before anything is written
        from . import nbgrader_export

        manifest, _ = assign.plan(args.name, args.questions, args.points, args.due, root=args.root, **mode)
        nbgrader_export.check(manifest, directory=args.dir, force=args.force)
        if args.roster and assign.personal(manifest, args.roster)[0].per_student:
            raise ValueError("--nbgrader grades every student with the same key, and a question here varies "
                             "from student to student: leave out --nbgrader (or --roster)")
    built = assign.build(args.name, args.questions, args.points, args.due, directory=args.dir,
                         root=args.root, force=args.force, roster=args.roster, **mode)
    manifest = built.manifest
    summary = (f"{len(manifest.questions)} questions, {manifest.total:g} points, "
               f"due {manifest.due.isoformat() if manifest.due else 'not set'}, feedback {manifest.feedback}"
               + (f", {manifest.attempts} attempts" if manifest.attempts else ""))
    if manifest.per_student:
        print(f"wrote {len(manifest.students)} notebooks, one per student, each showing their own variants: "
              f"{built.notebook_of('<student>')} ({summary})")
        print(f"hand them out with: python -m natocourse distribute {manifest.name} --homes HOMES "
              "(publish leaves them out)")
    else:
        print(f"wrote {built.notebook} ({summary})")
    print(f"wrote {built.release / assign.MANIFEST}")
    print(f"wrote {built.solved if not manifest.per_student else built.solved_of('<student>')} "
          "(answers: keep it out of what students can see)")
    if args.roster:
        print(f"wrote {built.source / assign.ROSTER} (the class list, for collect: keep it private too)")
    if args.nbgrader:
        path = nbgrader_export.write(built, directory=args.dir, force=args.force)
        print(f"wrote {path} (nbgrader source assignment) and its due date in "
              f"{path.parents[2] / nbgrader_export.DUE_DATES}: in {path.parents[2]}, run nbgrader db assignment "
              f"import {nbgrader_export.DUE_DATES} and nbgrader generate_assignment {manifest.name} "
              "(once: python -m natocourse nbgrader-kernel, the kernel autograde needs)")
    return 0


def configure_nbgrader_kernel(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--user", dest="where", action="store_const", const="user",
                       help="in your Jupyter data folder, where nbgrader run by you finds it (the default)")
    where.add_argument("--sys-prefix", dest="where", action="store_const", const="sys-prefix",
                       help="in this environment's share/jupyter")
    where.add_argument("--prefix", help="in PREFIX/share/jupyter (e.g. nbgrader's environment)")
    parser.set_defaults(where="user")


def run_nbgrader_kernel(args: argparse.Namespace) -> int:
    from . import nbgrader_export

    folder = nbgrader_export.install_kernel("prefix" if args.prefix else args.where, args.prefix)
    print(f"installed the kernel {nbgrader_export.KERNEL!r} ({folder}): nbgrader's autograde runs submissions "
          "in this Python, which has the course package")
    return 0


def configure_distribute(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the assignment's name (release/NAME/ made with assign --roster)")
    parser.add_argument("--exam", metavar="OUT", help="distribute an exam's notebooks instead (exam OUT --roster)")
    parser.add_argument("--homes", required=True, help="folder holding one home folder per student (e.g. /home)")
    parser.add_argument("--force", action="store_true",
                        help="replace a notebook the student has already changed (their work is lost)")
    parser.add_argument("--dir", default=".", help="folder holding release/NAME (default: here)")


def run_distribute(args: argparse.Namespace) -> int:
    from .distribute import DistributeError, distribute

    if (args.name is None) == (args.exam is None):
        raise DistributeError("give an assignment's name, or --exam with an exam's folder (not both)")
    done = distribute(args.name, args.homes, directory=args.dir, force=args.force, exam=args.exam)
    for student in done.manifest.students:
        print(f"{student:20} {done.outcomes[student]:9} {done.lines[student]}")
    counts = {o: list(done.outcomes.values()).count(o) for o in dict.fromkeys(done.outcomes.values())}
    print(", ".join(f"{n} {o}" for o, n in counts.items()), file=sys.stderr)
    if not done.ok:
        print("some students did not get their notebook (see above): fix their homes and distribute again",
              file=sys.stderr)
    return 0 if done.ok else 1


def configure_collect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the assignment's name (release/NAME/manifest.json must exist)")
    parser.add_argument("--exam", metavar="OUT",
                        help="collect an exam instead: the folder `python -m natocourse exam` wrote (its "
                             "manifest.json and keys.json)")
    parser.add_argument("--homes", required=True,
                        help="folder holding one home folder per student (e.g. /home)")
    parser.add_argument("--students", nargs="+", metavar="USER",
                        help="the class list as user names (instead of --roster)")
    parser.add_argument("--snapshot", action="store_true",
                        help="collect only notebooks saved before each student's cut-off; list the others")
    parser.add_argument("--out", default="collected", help="where to write NAME/ (default: collected)")
    parser.add_argument("--dir", default=".", help="folder holding release/NAME (default: here)")
    add_class_options(parser)
    add_limit_options(parser)
    add_bank_option(parser)


def run_collect(args: argparse.Namespace) -> int:
    from . import collect, grading

    load_banks(args)
    if (args.name is None) == (args.exam is None):
        raise collect.CollectError("give an assignment's name, or --exam with an exam's folder (not both)")
    if args.name:
        require_assignment(args.dir, args.name)
    result = collect.collect(args.name, args.homes, directory=args.dir, out=args.out,
                             limits=limits_from(args), jobs=args.jobs, students=args.students,
                             roster=roster_from(args), extensions=args.extension, snapshot=args.snapshot,
                             release_answers=args.release_answers,
                             lms="" if args.format == "csv" else args.format, grade_max=args.grade_max,
                             lms_column=args.lms_column, sandboxed=not args.no_sandbox, exam=args.exam)
    total = result.manifest.total
    if result.roster_source:
        print(f"class list: {result.roster_source}", file=sys.stderr)
    for student, marks in result.gradebook.items():
        status = result.statuses.get(student, "ok")
        note = "" if status == "ok" else f" ({status})"
        print(f"{student:20} {sum(marks.values()):g}/{total:g}{note}")
    for student, when in result.skipped.items():
        print(f"not collected by --snapshot: {student}'s notebook was last saved {when}, after the cut-off",
              file=sys.stderr)
    print(f"wrote the gradebook {result.grades_csv}, its details and feedback/ beside it"
          + (f" ({grading.UNSANDBOXED})" if args.no_sandbox else ""), file=sys.stderr)
    report(result.report)
    return 0


# ---- publish ----------------------------------------------------------------------------------

def configure_publish(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", help="the students' repository to write (a new folder, or an earlier publish's)")
    parser.add_argument("--repository", help="its URL, for the class's book (default: "
                        "natocourse_class_repository in _config.yml)")
    parser.add_argument("--branch", help="its branch (default: natocourse_class_branch in _config.yml, or main)")
    parser.add_argument("--no-git", dest="git", action="store_false",
                        help="write a folder ready for git init instead of a git repository with a commit")
    parser.add_argument("--message", help="the commit message")
    parser.add_argument("--dir", default=".", help="the workspace holding release/ (default: here)")
    parser.add_argument("--root", help="the course repository (default: the package's)")


def run_publish(args: argparse.Namespace) -> int:
    from . import publish

    done = publish.publish(args.out, root=args.root, workspace=args.dir, repository=args.repository,
                           branch=args.branch, git=args.git, message=args.message)
    released = sorted({f.split("/")[1] for f in done.files if f.startswith("release/")})
    print(f"wrote the students' repository {done.out}: {len(done.files)} files, problem sets: "
          f"{', '.join(released) or 'none yet'}; no solutions/, source/, keys or solution code")
    if done.skipped:
        print(f"left out {', '.join(done.skipped)}: one notebook per student (assign --roster), handed out with "
              "python -m natocourse distribute NAME --homes HOMES instead")
    if not args.git:
        print(f"next: cd {done.out} && git init && git add -A && git commit, then push it")
    elif done.commit:
        print(f"committed {done.commit[:12]}; push it: cd {done.out} && git push (add the remote the first time)")
    else:
        print("nothing changed since the last publish: no new commit")
    return 0
