"""Your saved attempts: every check is recorded, and ``progress()`` sums them up per chapter.

Attempts live in ``progress.json`` under the course home: the folder named by the environment
variable ``NATOCOURSE_HOME``, or ``~/.natocourse``. Each attempt is
``{"question", "chapter", "correct", "status", "time"}`` (time in ISO 8601, UTC).

Writes are safe when several notebooks check answers at once: a file lock serialises them and each
write replaces the file atomically (a temporary file in the same folder, then ``os.replace``). A
damaged file is moved aside as ``progress.json.corrupt-<timestamp>`` with a warning and a fresh one
is started, so the notebook keeps working. Recording never raises: if the home cannot be written,
a warning says so and the check still gives its feedback.
"""

from __future__ import annotations

import json
import os
import tempfile
import warnings
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

#: The file name of the attempts file inside the course home.
FILENAME = "progress.json"

#: The structure version written in the file.
VERSION = 1

_FIELDS = {"question": str, "chapter": str, "correct": bool, "status": str, "time": str}


def home() -> Path:
    """The course home: ``$NATOCOURSE_HOME`` or ``~/.natocourse``."""
    configured = os.environ.get("NATOCOURSE_HOME")
    return Path(configured).expanduser() if configured else Path.home() / ".natocourse"


def path() -> Path:
    """The attempts file, ``<home>/progress.json``."""
    return home() / FILENAME


def _lock(file: Path) -> FileLock:
    return FileLock(str(file) + ".lock", timeout=30)


def _valid(content: Any) -> bool:
    if not isinstance(content, dict) or not isinstance(content.get("attempts"), list):
        return False
    return all(isinstance(a, dict) and all(isinstance(a.get(k), t) for k, t in _FIELDS.items())
               for a in content["attempts"])


def _read_unlocked(file: Path) -> list[dict]:
    """The attempts in ``file``; a damaged file is moved aside (call with the lock held)."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    try:
        content = json.loads(text)
    except ValueError:
        content = None
    if _valid(content):
        return content["attempts"]
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    aside = file.with_name(f"{file.name}.corrupt-{stamp}")
    os.replace(file, aside)
    warnings.warn(f"your progress file {file} was damaged; it was moved to {aside.name} and a fresh "
                  "one was started", RuntimeWarning, stacklevel=3)
    return []


def _write_unlocked(file: Path, attempts: list[dict]) -> None:
    content = json.dumps({"version": VERSION, "attempts": attempts}, indent=1, sort_keys=True)
    handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(content)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, file)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def now() -> str:
    """The current time, ISO 8601 in UTC with a ``Z``."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def record(question: str, chapter: str, result: Any) -> dict | None:
    """Append one attempt (from a :class:`natocourse.exercises.Result`); returns it, or None on failure."""
    attempt = {"question": str(question), "chapter": str(chapter), "correct": bool(result.correct),
               "status": str(result.status), "time": now()}
    file = path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _lock(file):
            attempts = _read_unlocked(file)
            attempts.append(attempt)
            _write_unlocked(file, attempts)
    except (OSError, Timeout) as exc:
        warnings.warn(f"your attempt could not be saved in {file}: {exc}", RuntimeWarning, stacklevel=2)
        return None
    return attempt


def attempts(file: Path | str | None = None) -> list[dict]:
    """Every recorded attempt, oldest first (from ``file`` or the course home)."""
    file = Path(file) if file else path()
    if not file.exists():
        return []
    with _lock(file):
        return _read_unlocked(file)


def last_attempts(file: Path | str | None = None) -> dict[str, dict]:
    """The latest attempt per question id."""
    return {a["question"]: a for a in attempts(file)}


def reset() -> None:
    """Forget every attempt (the file is replaced by an empty one)."""
    file = path()
    file.parent.mkdir(parents=True, exist_ok=True)
    with _lock(file):
        _write_unlocked(file, [])


def progress():
    """Your progress per chapter: questions, attempted, correct and percent correct.

    A question counts as attempted once you gave an answer (right or wrong), and as correct once
    you answered it correctly at least once.
    """
    import pandas as pd

    from . import exercises

    per_chapter: dict[str, set] = {}
    for question in exercises.all():
        per_chapter.setdefault(question.chapter, set()).add(question.id)
    tried: set = set()
    solved: set = set()
    for attempt in attempts():
        if attempt["status"] in ("correct", "incorrect"):
            tried.add(attempt["question"])
        if attempt["correct"]:
            solved.add(attempt["question"])
    rows = []
    for chapter, ids in sorted(per_chapter.items()):
        done = len(ids & solved)
        rows.append({"chapter": chapter, "questions": len(ids), "attempted": len(ids & tried),
                     "correct": done, "percent": round(100 * done / len(ids))})
    table = pd.DataFrame(rows, columns=["chapter", "questions", "attempted", "correct", "percent"])
    return table.set_index("chapter")
