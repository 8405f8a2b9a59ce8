"""The instructor guide's term plan works as written: every command parses, every question id
exists and can be assigned, the weekly sets follow the chapters, dates and weights add up, and
every reading is in the bibliography."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shlex
from pathlib import Path

import pytest

from natocourse import assign
from natocourse.engine import registry
from natocourse.tooling import cli

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "book" / "instructor-guide.md"
FIRST_MONDAY = dt.date(2027, 1, 18)


def section(text: str, heading: str) -> str:
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    return text[start:following if following >= 0 else len(text)]


def commands(text: str) -> list[list[str]]:
    """Every ``python -m natocourse ...`` command of the bash blocks, as its arguments."""
    found = []
    for block in re.findall(r"```bash\n(.*?)```", text, re.S):
        for line in block.replace("\\\n", " ").splitlines():
            words = shlex.split(line)
            if words[:3] == ["python", "-m", "natocourse"]:
                found.append(words[3:])
    return found


PLAN = section(GUIDE.read_text(encoding="utf-8"), "## A term plan")
COMMANDS = commands(PLAN)
def parsed(argv):
    """The command's arguments, or ``None`` if it does not parse (test_every_command_parses says why)."""
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            return cli.parser().parse_args(argv)
    except SystemExit:
        return None


PARSED = [p for p in map(parsed, COMMANDS) if p is not None]
ASSIGNED = {a.name: a for a in PARSED if a.command == "assign"}


def test_the_plan_has_its_commands():
    assert len(COMMANDS) >= 13 and set(ASSIGNED) == {f"ps{n}" for n in range(1, 10)} | {"midterm", "final"}
    assert {a.command for a in PARSED} == {"assign", "collect", "grade"}


@pytest.mark.parametrize("argv", COMMANDS, ids=lambda a: " ".join(a[:2]))
def test_every_command_parses(argv, capsys):
    try:
        cli.parser().parse_args(argv)
    except SystemExit:
        pytest.fail(f"python -m natocourse {' '.join(argv)} does not parse: {capsys.readouterr().err}")


@pytest.mark.parametrize("name", sorted(ASSIGNED))
def test_every_problem_set_can_be_built(name):
    args = ASSIGNED[name]
    manifest, _ = assign.plan(args.name, args.questions, args.points, args.due, timezone=args.timezone,
                              feedback=args.feedback or ("attempts" if args.attempts else "instant"),
                              attempts=args.attempts)
    assert [q for q, _ in manifest.questions] == args.questions


def test_the_weekly_sets_follow_the_chapters_and_no_question_is_used_twice():
    chapters = [slug for slug, _ in registry.chapters()]
    for n in range(1, 10):
        asked = {registry.get(q).chapter for q in ASSIGNED[f"ps{n}"].questions}
        assert asked == {chapters[n - 1]}, f"ps{n} asks {asked}, not chapter {chapters[n - 1]}"
    used = [q for a in ASSIGNED.values() for q in a.questions]
    assert sorted(set(used)) == sorted(used), "a question is used twice in the term"


def test_the_dates_fit_the_weeks_and_the_modes_fit_the_work():
    for name, args in ASSIGNED.items():
        due = dt.date.fromisoformat(args.due)
        week = (due - FIRST_MONDAY).days // 7 + 1
        if name.startswith("ps"):
            assert (week, due.weekday()) == (int(name[2:]), 4), f"{name} is due {due}, not on Friday of its week"
            assert (args.attempts, args.feedback) == ((None, "instant") if name == "ps1" else (3, None))
        else:
            assert (week, due.weekday(), args.feedback) == ({"midterm": 5, "final": 10}[name], 3, "none")
        assert args.timezone == "Europe/Brussels" and args.roster
        assert f"| {week} |" in PLAN


def test_the_weights_add_up_and_the_readings_are_in_the_bibliography():
    table = re.search(r"\| part \| weight \|\n\|---\|---\|\n((?:\|.*\|\n)+)", PLAN)[1]
    weights = [int(re.fullmatch(r"(\d+) %", row.split("|")[2].strip())[1]) for row in table.splitlines()]
    assert len(weights) == 4 and sum(weights) == 100
    bibliography = (ROOT / "book" / "references.bib").read_text(encoding="utf-8")
    keys = {k.strip() for group in re.findall(r"\{cite\}`([^`]+)`", PLAN) for k in group.split(",")}
    assert len(keys) >= 20
    assert [k for k in keys if f"{{{k}," not in bibliography] == []
