"""The classroom's commands: ``grade``, ``exam``, ``assign``, ``collect`` and ``publish`` (listed in
:data:`natocourse.tooling.cli.COMMANDS`).

Each command is a ``configure_*`` function that adds its arguments to an ``argparse`` parser and a
``run_*`` function that carries it out and returns the exit status. ``grade`` and ``collect``
take the same limits from :func:`add_limit_options`.
"""

from __future__ import annotations

import argparse
import sys

from ..course import Limits
from .report import command as report_command


def add_limit_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--timeout``, ``--output-limit``, ``--memory`` and ``--jobs``: what each student's
    notebook may use when graded, and how many are graded at once (defaults: :class:`Limits`;
    memory and jobs within what this machine's cgroup allows, :mod:`natocourse.tooling.machine`)."""
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


def limits_from(args: argparse.Namespace) -> Limits:
    """The :class:`Limits` that the options of :func:`add_limit_options` ask for (checked)."""
    from ..machine import kernel_memory_mb

    memory = kernel_memory_mb() if args.memory is None else args.memory
    return Limits(timeout=args.timeout, output_bytes=args.output_limit, memory_mb=memory)


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
    add_limit_options(parser)
    report_command.add_grade_option(parser)


def run_grade(args: argparse.Namespace) -> int:
    from pathlib import Path

    from ..course import parse_points
    from . import gradebook, grading

    limits = limits_from(args)
    report_command.check_before_grading(args)
    points, questions, keys = parse_points(args.points), args.questions, args.keys
    manifest_path = args.manifest
    if manifest_path is None and keys and (Path(keys).parent / "manifest.json").is_file():
        manifest_path = Path(keys).parent / "manifest.json"  # an exam's, beside its keys
    if manifest_path:
        from .assign import load_manifest

        manifest = load_manifest(manifest_path)
        points = {**manifest.points, **points}
        questions = questions or [q for q, _ in manifest.questions]
        manifest_folder = Path(manifest_path).parent if Path(manifest_path).suffix == ".json" else Path(manifest_path)
        keys = keys or (str(manifest_folder / manifest.keys) if manifest.keys else None)
    rows = grading.grade_paths(args.submissions, out=args.out, keys=keys, points=points,
                               questions=questions, limits=limits, jobs=args.jobs)
    print(gradebook.summary(rows), file=sys.stderr)
    report_command.after_grading(args)
    return 0


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


def run_exam(args: argparse.Namespace) -> int:
    from . import exam

    written = exam.write_exam(args.out, args.questions, args.points, args.due, name=args.name, root=args.root,
                              git=args.git)
    print(f"exam edition (no answer keys; hand it out in an environment of its own): {written['student']}")
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
    parser.add_argument("--nbgrader", action="store_true",
                        help="also write an nbgrader source assignment in nbgrader/source/NAME/")
    parser.add_argument("--dir", default=".", help="folder receiving release/ and source/ (default: here)")
    parser.add_argument("--root", help="course repository holding solutions/ (default: the package's)")
    parser.add_argument("--force", action="store_true", help="replace an assignment of the same name")


def run_assign(args: argparse.Namespace) -> int:
    from . import assign

    if args.nbgrader:  # check the export too before anything is written
        from . import nbgrader_export

        manifest, _ = assign.plan(args.name, args.questions, args.points, args.due, root=args.root)
        nbgrader_export.check(manifest, directory=args.dir, force=args.force)
    built = assign.build(args.name, args.questions, args.points, args.due, directory=args.dir,
                         root=args.root, force=args.force)
    manifest = built.manifest
    print(f"wrote {built.notebook} ({len(manifest.questions)} questions, {manifest.total:g} points, "
          f"due {manifest.due.isoformat() if manifest.due else 'not set'})")
    print(f"wrote {built.release / assign.MANIFEST}")
    print(f"wrote {built.solved} (answers: keep it out of what students can see)")
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


def configure_collect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", nargs="?", help="the assignment's name (release/NAME/manifest.json must exist)")
    parser.add_argument("--exam", metavar="OUT",
                        help="collect an exam instead: the folder `python -m natocourse exam` wrote (its "
                             "manifest.json and keys.json)")
    parser.add_argument("--homes", required=True,
                        help="folder holding one home folder per student (e.g. /home)")
    parser.add_argument("--students", nargs="+", metavar="USER",
                        help="the class list (default: every folder in --homes)")
    parser.add_argument("--out", default="collected", help="where to write NAME/ (default: collected)")
    parser.add_argument("--dir", default=".", help="folder holding release/NAME (default: here)")
    add_limit_options(parser)


def run_collect(args: argparse.Namespace) -> int:
    from . import collect

    if (args.name is None) == (args.exam is None):
        raise collect.CollectError("give an assignment's name, or --exam with an exam's folder (not both)")
    result = collect.collect(args.name, args.homes, directory=args.dir, out=args.out,
                             limits=limits_from(args), jobs=args.jobs, students=args.students, exam=args.exam)
    total = result.manifest.total
    for student, marks in result.gradebook.items():
        note = " (no saved notebook found)" if student in result.missing else ""
        print(f"{student:20} {sum(marks.values()):g}/{total:g}{note}")
    print(f"wrote the gradebook {result.grades_csv}, its details and feedback/ beside it", file=sys.stderr)
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
    if not args.git:
        print(f"next: cd {done.out} && git init && git add -A && git commit, then push it")
    elif done.commit:
        print(f"committed {done.commit[:12]}; push it: cd {done.out} && git push (add the remote the first time)")
    else:
        print("nothing changed since the last publish: no new commit")
    return 0
