"""The authors' commands: ``exercises``, ``execute``, ``new-chapter`` and ``quotations`` (listed in
:data:`natocourse.tooling.cli.COMMANDS`).

Each command is a ``configure_*`` function that adds its arguments to an ``argparse`` parser and a
``run_*`` function that carries it out and returns the exit status.
"""

from __future__ import annotations

import argparse
import sys


# ---- exercises -------------------------------------------------------------------------------

def configure_exercises(parser: argparse.ArgumentParser) -> None:
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


def run_exercises(args: argparse.Namespace) -> int:
    if args.action == "key":
        from ... import engine as exercises

        for digest in exercises.key(args.id, args.kind, *args.answers):
            print(digest)
        return 0
    if args.action == "list":
        from ... import engine as exercises

        for question in exercises.all():
            print(f"{question.id:12} {type(question).__name__:15} {question.prompt[:60]}")
        for module, error in exercises.discovery_errors.items():
            print(f"error: {module}: {error}", file=sys.stderr)
        return 1 if exercises.discovery_errors else 0
    from . import solutions

    only_check = args.action == "check" or args.check
    report = solutions.build(root=args.root, check=only_check, execute=getattr(args, "execute", False))
    for line in report.lines():
        print(line)
    return 1 if only_check and not report.in_sync else 0


# ---- execute ----------------------------------------------------------------------------------

def configure_execute(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("notebooks", nargs="*", metavar="NOTEBOOK",
                        help="notebooks to execute (default: regenerate exercises/, then all of them)")


def run_execute(args: argparse.Namespace) -> int:
    from . import notebooks, solutions

    if not args.notebooks:
        for line in solutions.build().lines():
            print(line)
    return notebooks.main(args.notebooks)


# ---- new-chapter ------------------------------------------------------------------------------

def configure_new_chapter(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="file stem: two digits and lower-case words, e.g. 11-my-topic")
    parser.add_argument("title", help="the chapter's title, e.g. \"My topic\"")
    parser.add_argument("--slug", default="", help="question-id prefix (default: the name's words, e.g. mytopic)")


def run_new_chapter(args: argparse.Namespace) -> int:
    from . import scaffold

    for path in scaffold.new_chapter(args.name, args.title, slug=args.slug):
        print(f"wrote {path}")
    print("next: write the lesson, the questions and the solutions, then python tasks.py execute")
    return 0


# ---- quotations -------------------------------------------------------------------------------

def configure_quotations(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="only say whether the file is up to date")
    parser.add_argument("--root", help="repository root (default: the one the package is in)")


def run_quotations(args: argparse.Namespace) -> int:
    from . import quotations

    fresh, count = quotations.write(args.root, check=args.check)
    where = "src/natocourse/analysis/quotations.json"
    if args.check:
        print(f"{where} is {'up to date' if fresh else 'out of date: run python -m natocourse quotations'} "
              f"({count} passages quoted in the lessons)")
        return 0 if fresh else 1
    print(f"{where}: {count} passages quoted in the lessons" + (" (unchanged)" if fresh else " (written)"))
    return 0
