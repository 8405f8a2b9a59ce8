"""The command line: ``python -m natocourse COMMAND ...`` (or ``natocourse COMMAND ...``).

Commands::

    python -m natocourse exercises build [--check] [--execute]   # solutions/ -> exercises/
    python -m natocourse exercises check                         # is exercises/ in sync?
    python -m natocourse exercises key ID KIND ANSWER...         # answer-key hash(es)
    python -m natocourse exercises list                          # registered questions
    python -m natocourse grade SUBMISSIONS... --out grades.csv [--keys keys.json] [--points ID=N]...
                               [--timeout 60] [--output-limit BYTES] [--memory MB] [--jobs N] [--report DIR]
    python -m natocourse exam OUT                                # student edition + private keys
    python -m natocourse execute [NOTEBOOK...]                   # store outputs (all by default)
    python -m natocourse new-chapter 11-my-topic "My topic"      # a chapter from the template
    python -m natocourse assign NAME --questions ID... [--points ID=N]... [--due YYYY-MM-DD] [--nbgrader]
    python -m natocourse collect NAME --homes DIR [--out DIR]    # gather and grade a class's work
    python -m natocourse report DETAILS.csv --out DIR            # what the class got wrong (HTML + CSV)

Adding a command is one entry in :data:`COMMANDS`: a :class:`Command` with a help line, a
function that adds arguments to its ``argparse`` parser and a function that runs it and returns
the exit status. A :class:`UserError` (or ``ValueError``/``OSError``) raised by a command is printed
as ``error: ...`` without a traceback, exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Callable


class UserError(Exception):
    """A mistake in how a command was called; printed without a traceback."""


@dataclass(frozen=True)
class Command:
    """One sub-command: ``configure(parser)`` adds its arguments, ``run(args)`` returns the exit status."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


# ---- exercises -------------------------------------------------------------------------------

def _configure_exercises(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="generate exercises/*.ipynb from solutions/*.ipynb")
    build.add_argument("--check", action="store_true", help="only verify that exercises/ is in sync")
    build.add_argument("--execute", action="store_true",
                       help="execute the notebooks that changed, storing their outputs")
    build.add_argument("--root", help="repository root (default: the one the package is in)")
    check = actions.add_parser("check", help="verify that exercises/ is in sync (writes nothing)")
    check.add_argument("--root", help="repository root (default: the one the package is in)")
    key = actions.add_parser("key", help="print the answer-key hash(es) to paste into a declaration")
    key.add_argument("id", help="question id, e.g. tour-01")
    key.add_argument("kind", help="choice, select, text, order or match")
    key.add_argument("answers", nargs="+", help="the correct answer(s); for match: ITEM=OPTION")
    actions.add_parser("list", help="list the registered questions")


def _run_exercises(args: argparse.Namespace) -> int:
    if args.action == "key":
        from .. import engine as exercises

        for digest in exercises.key(args.id, args.kind, *args.answers):
            print(digest)
        return 0
    if args.action == "list":
        from .. import engine as exercises

        for question in exercises.all():
            print(f"{question.id:12} {type(question).__name__:15} {question.prompt[:60]}")
        for module, error in exercises.discovery_errors.items():
            print(f"error: {module}: {error}", file=sys.stderr)
        return 1 if exercises.discovery_errors else 0
    from . import authoring

    only_check = args.action == "check" or args.check
    report = authoring.build(root=args.root, check=only_check, execute=getattr(args, "execute", False))
    for line in report.lines():
        print(line)
    return 1 if only_check and not report.in_sync else 0


# ---- grade ------------------------------------------------------------------------------------

def _configure_grade(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("submissions", nargs="+", metavar="SUBMISSION",
                        help="submitted notebooks, or folders searched for *.ipynb")
    parser.add_argument("--out", required=True,
                        help="gradebook CSV to write (one row per student); details and feedback go beside it")
    parser.add_argument("--manifest", default=None,
                        help="an assignment's manifest.json (release/NAME/): its questions and points")
    parser.add_argument("--keys", default=None,
                        help="exam mode: the instructor's keys.json written by `python -m natocourse exam`")
    parser.add_argument("--points", action="append", default=[], metavar="ID=N",
                        help="points for a question (repeat; default 1 each)")
    parser.add_argument("--questions", nargs="+", default=None, metavar="ID",
                        help="grade these questions only, in this order (default: those in the notebooks)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per notebook (default 60)")
    parser.add_argument("--output-limit", type=int, default=2_000_000,
                        help="bytes of output a notebook may produce (default 2000000)")
    parser.add_argument("--memory", type=int, default=2048, help="MB of memory per kernel (default 2048)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks graded at once (default: cores)")
    report_command.add_grade_option(parser)


def _run_grade(args: argparse.Namespace) -> int:
    from . import grading

    report_command.check_before_grading(args)

    limits = grading.Limits(timeout=args.timeout, output_bytes=args.output_limit, memory_mb=args.memory)
    points, questions = grading.parse_points(args.points), args.questions
    if args.manifest:
        from .assign import load_manifest

        manifest = load_manifest(args.manifest)
        points = {**manifest.points, **points}
        questions = questions or [q for q, _ in manifest.questions]
    rows = grading.grade_paths(args.submissions, out=args.out, keys=args.keys, points=points,
                               questions=questions, limits=limits, jobs=args.jobs)
    print(grading.summary(rows), file=sys.stderr)
    report_command.after_grading(args)
    return 0


# ---- exam -------------------------------------------------------------------------------------

def _configure_exam(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("out", help="new folder: OUT/student (no keys) and OUT/keys.json (private)")


def _run_exam(args: argparse.Namespace) -> int:
    from . import exam

    written = exam.write_exam(args.out)
    print(f"student edition (no answer keys): {written['student']}")
    print(f"instructor's keys (keep private): {written['keys']}")
    print(f"grade with: python -m natocourse grade SUBMISSIONS --keys {written['keys']} --out grades.csv")
    return 0


# ---- execute ----------------------------------------------------------------------------------

def _configure_execute(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                        help="notebooks to execute (default: regenerate exercises/, then all of them)")


def _run_execute(args: argparse.Namespace) -> int:
    from . import authoring, notebooks

    if not args.notebooks:
        for line in authoring.build().lines():
            print(line)
    return notebooks.main(args.notebooks)


# ---- new-chapter ------------------------------------------------------------------------------

def _configure_new_chapter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="file stem: two digits and lower-case words, e.g. 11-my-topic")
    parser.add_argument("title", help="the chapter's title, e.g. \"My topic\"")
    parser.add_argument("--slug", default="", help="question-id prefix (default: the name's words, e.g. mytopic)")


def _run_new_chapter(args: argparse.Namespace) -> int:
    from . import scaffold

    for path in scaffold.new_chapter(args.name, args.title, slug=args.slug):
        print(f"wrote {path}")
    print("next: write the lesson, the questions and the solutions, then python tasks.py execute")
    return 0


# ---- assign and collect (the commands live in natocourse.classroom_cli) ------------------------

from . import classroom_cli  # noqa: E402
from .classroom.report import command as report_command  # noqa: E402


#: Every sub-command by name; add an entry to add a command.
COMMANDS: dict[str, Command] = {
    "exercises": Command("build, check and key the exercises", _configure_exercises, _run_exercises),
    "grade": Command("grade submitted notebooks from their answers into a gradebook", _configure_grade, _run_grade),
    "exam": Command("write an exam: a student edition without keys, and the keys", _configure_exam, _run_exam),
    "execute": Command("execute notebooks and store their outputs", _configure_execute, _run_execute),
    "new-chapter": Command("start a chapter from the template", _configure_new_chapter, _run_new_chapter),
    "assign": Command("build a problem set from the question bank into release/NAME/",
                      classroom_cli.configure_assign, classroom_cli.run_assign),
    "collect": Command("collect a class's saved notebooks from their home folders and grade them",
                       classroom_cli.configure_collect, classroom_cli.run_collect),
    "report": Command("what the class got wrong: an item-analysis and mastery report from grades-details.csv",
                      report_command.configure, report_command.run),
}


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-parser per entry of :data:`COMMANDS`."""
    top = argparse.ArgumentParser(prog="python -m natocourse", description="The NATO course tools.")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help, description=command.help)
        command.configure(sub)
        sub.set_defaults(_run=command.run)
    return top


def main(argv: list[str] | None = None) -> int:
    """Run a command and return its exit status (2 for user errors, printed without traceback)."""
    args = parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except (UserError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
