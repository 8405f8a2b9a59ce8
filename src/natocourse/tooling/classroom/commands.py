"""The command-line side of ``assign`` and ``collect`` (registered in :mod:`natocourse.tooling.cli`)."""

from __future__ import annotations

import argparse
import sys


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
        print(f"wrote {path} (nbgrader source assignment: in {path.parents[2]}, run "
              f"nbgrader generate_assignment {manifest.name})")
    return 0


def configure_collect(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="the assignment's name (release/NAME/manifest.json must exist)")
    parser.add_argument("--homes", required=True,
                        help="folder holding one home folder per student (e.g. /home)")
    parser.add_argument("--students", nargs="+", metavar="USER",
                        help="the class list (default: every folder in --homes)")
    parser.add_argument("--out", default="collected", help="where to write NAME/ (default: collected)")
    parser.add_argument("--dir", default=".", help="folder holding release/NAME (default: here)")
    parser.add_argument("--timeout", type=float, default=60, help="seconds per notebook (default 60)")
    parser.add_argument("--jobs", type=int, default=None, help="notebooks graded at once (default: cores)")


def run_collect(args: argparse.Namespace) -> int:
    from ..course import Limits
    from . import collect

    result = collect.collect(args.name, args.homes, directory=args.dir, out=args.out,
                             limits=Limits(timeout=args.timeout), jobs=args.jobs, students=args.students)
    total = result.manifest.total
    for student, marks in result.gradebook.items():
        note = " (no saved notebook found)" if student in result.missing else ""
        print(f"{student:20} {sum(marks.values()):g}/{total:g}{note}")
    print(f"wrote the gradebook {result.grades_csv}, its details and feedback/ beside it", file=sys.stderr)
    return 0
