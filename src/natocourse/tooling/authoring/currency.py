"""The command ``python -m natocourse currency`` (registered in :mod:`natocourse.tooling.cli`; one of the maintainers' commands).

It lists the course's time-sensitive facts (``data/currency.csv``) with the date each was last
checked and the date it is due for re-checking, most urgent first, and the dates the lessons
present as hypothetical, upcoming or written for both sides. ``--today`` pretends another day
(to see what will be due); ``--check`` exits with status 1 when something is due, for a scheduled job.
"""

from __future__ import annotations

import argparse
import datetime as dt


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                        help="list as if today were this day (default: today)")
    parser.add_argument("--check", action="store_true",
                        help="exit with status 1 when a fact is due for re-checking")


def run(args: argparse.Namespace) -> int:
    from ...analysis import currency

    today = args.today or dt.date.today()
    for line in currency.listing(today):
        print(line)
    return 1 if args.check and len(currency.due(today)) else 0
