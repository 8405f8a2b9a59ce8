"""What the commands share (--bank), the problem-set cells, and ``questions check``."""

from __future__ import annotations

import argparse
import pprint
import sys
from pathlib import Path
from typing import Iterable

from ...engine import registry
from .format import Entry
from .loading import _LOADED, check, files, load


# ---- what commands share ----------------------------------------------------------------------

def add_bank_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--bank PATH`` (repeat for more): your own question bank files or folders."""
    parser.add_argument("--bank", action="append", default=[], metavar="PATH",
                        help="your own question bank: a YAML file or a folder of them (repeat for more; "
                             "check them with python -m natocourse questions check)")


def load_banks(args: argparse.Namespace) -> list[Entry]:
    """Load and register the banks ``--bank`` names (none: nothing happens); :class:`BankError`
    before the command writes anything."""
    paths = getattr(args, "bank", None) or []
    return load(paths) if paths else []


def require_known(questions: Iterable[str], where: str) -> None:
    """Refuse, before anything runs, questions of ``where`` (a manifest) that neither the course
    nor a bank given with ``--bank`` has: they come from a bank the command was not given."""
    known = {q.id for q in registry.all()}
    missing = [qid for qid in questions if qid not in known]
    if missing:
        raise ValueError(f"{where} names question(s) that are not the course's: {', '.join(missing)}; give the "
                         "question bank they come from with --bank FILE (your own bank, never a student's copy)")


def require_assignment(directory: str | Path, name: str) -> None:
    """:func:`require_known` for the problem set ``name`` of the workspace ``directory`` (its
    ``release/NAME/manifest.json``; a missing or broken one is left to the command to report)."""
    import json

    where = Path(directory) / "release" / str(name) / "manifest.json"
    try:
        manifest = json.loads(where.read_text(encoding="utf-8"))
        ids = [entry["id"] for entry in manifest["questions"]]
    except (OSError, ValueError, TypeError, KeyError):
        return
    if not manifest.get("keys") and all(isinstance(qid, str) for qid in ids):
        require_known(ids, str(where))


def with_default_points(questions: Iterable[str], given: Iterable[str]) -> list[str]:
    """``--points`` options with each chosen bank question's ``points`` added where none is given."""
    given = list(given or [])
    named = {str(option).partition("=")[0].strip() for option in given}
    extra = [f"{qid}={_LOADED[qid].points:g}" for qid in questions or ()
             if qid in _LOADED and _LOADED[qid].points is not None and qid not in named]
    return extra + given


def setup_source(entry: Entry, feedback: str) -> str:
    """The setup cell of a bank question in a problem set: it registers the question in the
    student's kernel, with its hashed keys, or without any key when ``feedback`` is ``"none"``."""
    question = entry.question
    keyless = feedback == "none"
    spec = question.public_spec() if keyless else question.spec()
    literal = pprint.pformat(spec, width=110, sort_dicts=False)
    return ("from natocourse import exercises\n\n"
            f"# Question {question.id} of your instructor's own bank"
            + (" (no answer key: checks only record your answer)" if keyless else "") + "\n"
            f"exercises.add_questions([{literal}]" + (", record_only=True)" if keyless else ")"))


def cells(ids: Iterable[str], feedback: str = "instant") -> dict[str, dict]:
    """The problem-set cells of the bank questions among ``ids``, as the fields of
    :class:`.classroom.assign.QuestionCells` (which ``assign`` makes of them): the question's
    setup (which registers it, its input folded), its widget, and its answer cell, whose solution
    region holds the bank's answer."""
    made = {}
    for qid in ids:
        entry = _LOADED.get(qid)
        if entry is None:
            continue
        answer = ("### BEGIN SOLUTION\n" f"answer = {entry.solution!r}\n" "### END SOLUTION\n"
                  f'exercises.check("{qid}", answer)')
        made[qid] = {"id": qid, "chapter_file": Path(entry.path).name,
                     "chapter_title": entry.title or "your instructor's own questions", "context": (),
                     "setup": setup_source(entry, feedback), "show": f'exercises.show("{qid}")',
                     "answer": answer, "fold_setup": True}
    return made


def summary(entries: list[Entry]) -> str:
    """``N questions (choice 1, number 2, ...)``."""
    kinds: dict[str, int] = {}
    for entry in entries:
        kinds[entry.question.kind] = kinds.get(entry.question.kind, 0) + 1
    listed = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    return f"{len(entries)} question{'s' if len(entries) != 1 else ''}" + (f" ({listed})" if listed else "")


# ---- python -m natocourse questions check FILE... ---------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    """``questions check FILE...``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    checking = actions.add_parser("check", help="check your own question bank files: every problem with its "
                                                "file, line and what to write instead")
    checking.add_argument("paths", nargs="+", metavar="FILE", help="bank files (.yml) or folders of them")


def run(args: argparse.Namespace) -> int:
    """Check the banks; print every problem (exit 1) or a summary (exit 0)."""
    entries, problems = check(args.paths)
    if problems:
        for problem in problems:
            print(problem)
        named = len({p.path for p in problems})
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {named} file{'s' if named != 1 else ''}: "
              "fix each as it says, then check again", file=sys.stderr)
        return 1
    found, _ = files(args.paths)
    for path in found:
        mine = [e for e in entries if Path(e.path) == path]
        print(f"{path}: {summary(mine)}")
    print(f"ok: {summary(entries)} in {len(found)} file{'s' if len(found) != 1 else ''}, no problems")
    return 0
