"""Banks together: checked against each other and the course, registered once."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Iterable

from ...engine import registry
from .files import _read_file
from .format import SUFFIXES, BankError, Entry, Problem


# ---- checking banks together, and against the course ------------------------------------------

#: The bank questions registered in this process, by id (so that a second load knows them).
_LOADED: dict[str, Entry] = {}


def files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The bank files ``paths`` name (a folder: its ``*.yml`` and ``*.yaml``, sorted), and the
    paths that name none."""
    found: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not inside:
                problems.append(Problem(str(path), 1, "is a folder with no .yml or .yaml bank file in it"))
            found += [p for p in inside if p not in found]
        elif path.is_file():
            if path not in found:
                found.append(path)
        else:
            problems.append(Problem(str(path), 1, "no such file or folder; give a bank file (.yml) or a folder of them"))
    return found, problems


def _course_file(chapter: str) -> str:
    """Where the course declares a chapter's questions (a module's file, or its name)."""
    for package in list(registry._BANKS):
        try:
            spec = importlib.util.find_spec(f"{package}.{chapter}")
        except (ImportError, ValueError):
            continue
        if spec is not None:
            return spec.origin or spec.name
    return f"the course's chapter {chapter!r}"


def check(paths: Iterable[str | Path]) -> tuple[list[Entry], list[Problem]]:
    """Every question of the banks at ``paths`` and every problem: of each file, an id used by two
    files, an id or chapter slug of the course's. Registers nothing; never raises."""
    found, problems = files(paths)
    course = {q.id: q for q in registry.all() if q.id not in _LOADED}
    chapters = sorted({q.chapter for q in course.values()})
    entries: list[Entry] = []
    first: dict[str, Entry] = {}
    for path in found:
        read, trouble, ids = _read_file(path)
        refused = set()
        for qid, line in ids:
            chapter = qid.rpartition("-")[0]
            said = ""
            if qid in course:
                said = (f"question {qid!r}: the course already has a question {qid!r} ({_course_file(chapter)}); "
                        f"a bank uses a chapter slug of its own, e.g. 'quiz-{qid[-2:]}'")
            elif chapter in chapters:
                said = (f"question {qid!r}: its chapter slug {chapter!r} is one of the course's "
                        f"({', '.join(chapters)}); give your bank a slug of its own, e.g. 'quiz-{qid[-2:]}'")
            else:
                other = first.get(qid) or (_LOADED[qid].where if qid in _LOADED and
                                           Path(_LOADED[qid].path).resolve() != Path(path).resolve() else None)
                if other is not None:
                    said = (f"question {qid!r} is also in {other}; each id may be used once across your banks: "
                            "renumber one of them")
                else:
                    first[qid] = f"{path}:{line}"
            if said:
                trouble.append(Problem(str(path), line, said))
                refused.add(qid)
        problems += sorted(trouble, key=lambda p: p.line)
        entries += [entry for entry in read if entry.question.id not in refused]
    return entries, problems



def load(paths: Iterable[str | Path], *, register: bool = True) -> list[Entry]:
    """The questions of the banks at ``paths``, registered in the engine's registry when
    ``register``; :class:`BankError` listing every problem if there is one (then nothing is
    registered)."""
    entries, problems = check(list(paths))
    if problems:
        raise BankError(problems)
    if register:
        for entry in entries:
            old = _LOADED.get(entry.question.id)
            if old is not None:
                registry.unregister(entry.question.id)
            registry.register(entry.question)
            _LOADED[entry.question.id] = entry
    return entries


def loaded() -> dict[str, Entry]:
    """The bank questions registered in this process, by id."""
    return dict(_LOADED)


def forget() -> None:
    """Unregister every bank question loaded in this process (for tests)."""
    for qid in list(_LOADED):
        registry.unregister(qid)
        del _LOADED[qid]
