"""``python -m natocourse report DETAILS --out DIR``, and the ``--report DIR`` option of ``grade``.

Registered in :data:`natocourse.tooling.cli.COMMANDS`. Nothing heavy is imported until a report is
written, so the command line starts as fast as before.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    """The ``report`` command's arguments."""
    parser.add_argument("details", metavar="DETAILS.csv",
                        help="the details file the grader wrote beside the gradebook (grades-details.csv)")
    parser.add_argument("--out", required=True, metavar="DIR",
                        help="folder to write the report into (new, or an earlier report's, which is replaced)")


def run(args: argparse.Namespace) -> int:
    """Write the report and say where it is."""
    return _write(args.details, args.out)


def _write(details, out) -> int:
    from . import write_report

    report = write_report(details, out)
    index = Path(out) / "index.html"
    for notice in report.notices:
        print(f"note: {notice}", file=sys.stderr)
    print(f"wrote the report {index} ({len(report.grid.students)} students, {len(report.items)} questions, "
          f"{sum(bool(i.flags) for i in report.items)} flagged, {len(report.pairs)} pair(s) worth a look); "
          "open it in a browser")
    return 0


def add_grade_option(parser: argparse.ArgumentParser) -> None:
    """``grade --report DIR``."""
    parser.add_argument("--report", default=None, metavar="DIR",
                        help="also write the class report (python -m natocourse report) into DIR")


def check_before_grading(args: argparse.Namespace) -> None:
    """Refuse a ``--report`` folder that could not be written before any notebook is graded."""
    if getattr(args, "report", None):
        from . import check_destination

        check_destination(args.report)


def after_grading(args: argparse.Namespace) -> None:
    """Write the report from the details file the grader just wrote beside ``--out``."""
    if getattr(args, "report", None):
        gradebook = Path(args.out)
        _write(gradebook.with_name(gradebook.stem + "-details.csv"), args.report)
