"""The command line: ``python -m natocourse COMMAND ...`` (or ``natocourse COMMAND ...``).

Commands::

    python -m natocourse exercises build [--check] [--execute]   # solutions/ -> exercises/
    python -m natocourse exercises check                         # is exercises/ in sync?
    python -m natocourse exercises key ID KIND ANSWER...         # answer-key hash(es)
    python -m natocourse exercises list                          # registered questions
    python -m natocourse grade SUBMISSIONS... --out grades.csv [--manifest M] [--keys keys.json]
                               [--points ID=N]... [--roster CLASS.csv] [--extension LOGIN=DATE]...
                               [--only LOGIN] [--release-answers] [--format canvas|moodle]
                               [--timeout 60] [--output-limit BYTES] [--memory MB] [--jobs N] [--report DIR]
                               [--marks OUT-marks.jsonl]         # merge the marks given to written answers
    python -m natocourse mark OUT-to-mark.json                   # the marking notebook for written answers
    python -m natocourse exam OUT --questions ID... [--points ID=N]... [--due YYYY-MM-DD] [--roster CLASS.csv]
    python -m natocourse execute [NOTEBOOK...]                   # store outputs (all by default)
    python -m natocourse new-chapter 11-my-topic "My topic"      # a chapter from the template
    python -m natocourse quotations [--check]                    # the lessons' quotations, for written answers
    python -m natocourse currency [--today YYYY-MM-DD] [--check] # time-sensitive facts due for re-checking
    python -m natocourse assign NAME --questions ID... [--points ID=N]... [--due YYYY-MM-DD]
                               [--timezone ZONE] [--feedback instant|none | --attempts N]
                               [--roster CLASS.csv] [--nbgrader]
    python -m natocourse distribute NAME --homes DIR [--force]   # each student's own notebook, into their home
    python -m natocourse collect NAME --homes DIR [--out DIR]    # gather and grade a class's work
                               [--roster CLASS.csv] [--snapshot] [--extension LOGIN=DATE]...
                               [--format canvas|moodle] [--timeout 60] [--jobs N] ...
    python -m natocourse collect --exam OUT --homes DIR [...]    # gather and grade an exam
    python -m natocourse publish OUT [--no-git]                  # the students' repository
    python -m natocourse nbgrader-kernel [--user|--sys-prefix|--prefix P]  # the kernel for nbgrader
    python -m natocourse report DETAILS.csv --out DIR            # what the class got wrong (HTML + CSV)
    python -m natocourse questions check BANK.yml...             # your own question bank: every problem
                                                                 # (assign, exam, grade, collect: --bank PATH)

Adding a command is one entry in :data:`COMMANDS`: a :class:`Command` with a help line, a
function that adds arguments to its ``argparse`` parser and a function that runs it and returns
the exit status; the authors' commands live in :mod:`.authoring.commands`, the classroom's in
:mod:`.classroom.commands`. A :class:`UserError` (or ``ValueError``/``OSError``) raised by a
command is printed as ``error: ...`` without a traceback, exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Callable

from .authoring import commands as authoring
from .authoring import currency
from . import banks
from .classroom import commands as classroom
from .classroom.report import command as report


class UserError(Exception):
    """A mistake in how a command was called; printed without a traceback."""


@dataclass(frozen=True)
class Command:
    """One sub-command: ``configure(parser)`` adds its arguments, ``run(args)`` returns the exit status."""

    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


#: Every sub-command by name; add an entry to add a command.
COMMANDS: dict[str, Command] = {
    "currency": Command("list the time-sensitive facts, when each was checked and when it is due again",
                        currency.configure, currency.run),
    "exercises": Command("build, check and key the exercises", authoring.configure_exercises,
                         authoring.run_exercises),
    "grade": Command("grade submitted notebooks from their answers into a gradebook", classroom.configure_grade,
                     classroom.run_grade),
    "mark": Command("mark written answers with their rubric: writes the marking notebook",
                    classroom.configure_mark, classroom.run_mark),
    "exam": Command("write an exam: a student edition without keys, and the keys", classroom.configure_exam,
                    classroom.run_exam),
    "execute": Command("execute notebooks and store their outputs", authoring.configure_execute,
                       authoring.run_execute),
    "new-chapter": Command("start a chapter from the template", authoring.configure_new_chapter,
                           authoring.run_new_chapter),
    "quotations": Command("collect the passages the lessons quote, for checking written answers",
                          authoring.configure_quotations, authoring.run_quotations),
    "assign": Command("build a problem set from the question bank into release/NAME/",
                      classroom.configure_assign, classroom.run_assign),
    "report": Command("what the class got wrong: an item-analysis and mastery report from grades-details.csv",
                      report.configure, report.run),
    "distribute": Command("copy each student's own notebook (assign --roster) into their home folder",
                          classroom.configure_distribute, classroom.run_distribute),
    "collect": Command("collect a class's saved notebooks from their home folders and grade them",
                       classroom.configure_collect, classroom.run_collect),
    "publish": Command("write the students' repository: no solutions, no answers",
                       classroom.configure_publish, classroom.run_publish),
    "questions": Command("check your own question bank files (YAML) before assign, exam, grade or the book "
                         "take them with --bank", banks.configure, banks.run),
    "nbgrader-kernel": Command("install the kernel nbgrader's autograde needs (this Python, with the course)",
                               classroom.configure_nbgrader_kernel, classroom.run_nbgrader_kernel),
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
