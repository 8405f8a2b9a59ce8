"""Your saved attempts: every check is recorded, and ``progress()`` sums them up per chapter.

Attempts live in ``progress.json`` under the course home: the folder named by the environment
variable ``NATOCOURSE_HOME``, or ``~/.natocourse``. Each attempt is
``{"question", "chapter", "correct", "status", "time", "answer", "source", "notebook"}``: time in
ISO 8601 (UTC); ``answer`` the raw answer as JSON data (:func:`.answers.serialise`, never pickle);
``source`` where it was given (``"code"``, ``"widget"`` or ``"book"``); ``notebook`` the notebook's
file name when known; ``assignment``, only on attempts made in a problem set, its name (attempts
are counted within it: :mod:`.policy`). In the feedback mode ``none`` the status is ``recorded``
and ``correct`` false: the file never holds a verdict the student was not shown. The book's JavaScript front end reads and writes the same format, so
:func:`export_file` and :func:`import_file` carry progress between the book and JupyterLab.

``correct`` and ``status`` are what the student saw; grading never trusts them and checks
``answer`` again (:mod:`natocourse.tooling.classroom.grading`).

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
from typing import Any, Iterable

from filelock import FileLock, Timeout

from . import policy, registry
from .answers import serialise

#: The file name of the attempts file inside the course home.
FILENAME = "progress.json"

#: The structure version written in the file.
VERSION = 1

_FIELDS = {"question": str, "chapter": str, "correct": bool, "status": str, "time": str}

#: Where an answer was given.
SOURCES = ("code", "widget", "book")


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


_MISSING = object()


def current_notebook() -> str:
    """The file name of the notebook this kernel runs for, when Jupyter says so (else "")."""
    session = os.environ.get("JPY_SESSION_NAME", "")
    return Path(session).name if session.endswith(".ipynb") else ""


def record(question: str, chapter: str, result: Any, answer: Any = _MISSING, *,
           source: str = "code", status: str | None = None, assignment: str = "") -> dict | None:
    """Append one attempt with its raw answer; returns it, or None if it could not be saved.

    ``status`` replaces the result's (``"recorded"`` in the mode ``none``: then ``correct`` is
    false too); ``assignment`` names the problem set the attempt was made in."""
    shown = status or str(result.status)
    attempt = {"question": str(question), "chapter": str(chapter),
               "correct": bool(result.correct) and shown == "correct",
               "status": shown, "time": now(), "source": source if source in SOURCES else "code",
               "notebook": current_notebook()}
    if assignment:
        attempt["assignment"] = str(assignment)
    if answer is not _MISSING:
        attempt["answer"] = serialise(answer)
    return _append([attempt])


def _append(new: list[dict]) -> dict | None:
    file = path()
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        with _lock(file):
            attempts = _read_unlocked(file)
            attempts.extend(new)
            _write_unlocked(file, attempts)
    except (OSError, Timeout) as exc:
        warnings.warn(f"your attempt could not be saved in {file}: {exc}", RuntimeWarning, stacklevel=3)
        return None
    return new[-1] if new else None


def attempts(file: Path | str | None = None) -> list[dict]:
    """Every recorded attempt, oldest first (from ``file`` or the course home)."""
    file = Path(file) if file else path()
    if not file.exists():
        return []
    with _lock(file):
        return _read_unlocked(file)


#: Largest attempts file :func:`raw_answers` reads (a grading run's file is never this large).
MAX_READ_BYTES = 5_000_000


def raw_answers(file: Path | str) -> tuple[dict[str, list], str]:
    """``({question id: [raw answers, oldest first]}, problem)`` from an attempts file written by a
    run the reader does not trust (grading): statuses are ignored, and a missing file gives no
    answers, an oversized or unreadable one a problem to report instead of an exception."""
    file = Path(file)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        return {}, ""
    except OSError:
        return {}, "the run left a progress file that cannot be read"
    if size > MAX_READ_BYTES:
        return {}, "the notebook wrote a progress file far larger than any answers need"
    try:
        content = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return {}, "the run left an unreadable progress file"
    answers: dict[str, list] = {}
    entries = content.get("attempts") if isinstance(content, dict) else None
    for attempt in entries if isinstance(entries, list) else []:
        if isinstance(attempt, dict) and isinstance(attempt.get("question"), str) and "answer" in attempt:
            answers.setdefault(attempt["question"], []).append(attempt["answer"])
    return answers, ""


def standing(question_id: str, assignment: str = "") -> policy.Standing:
    """What the attempts file knows of one question's checked attempts (see :mod:`.policy`);
    with ``assignment``, only those made in that problem set."""
    return policy.standing(a for a in attempts() if a.get("question") == question_id
                           and (not assignment or a.get("assignment") == assignment))


def last_attempts(file: Path | str | None = None) -> dict[str, dict]:
    """The latest attempt per question id."""
    return {a["question"]: a for a in attempts(file)}


def reset() -> None:
    """Forget every attempt (the file is replaced by an empty one)."""
    file = path()
    file.parent.mkdir(parents=True, exist_ok=True)
    with _lock(file):
        _write_unlocked(file, [])


def export_file(target: Path | str) -> Path:
    """Write your attempts to ``target`` (the same JSON the book's "Export progress" writes)."""
    target = Path(target)
    content = json.dumps({"version": VERSION, "attempts": attempts()}, indent=1, sort_keys=True)
    target.write_text(content, encoding="utf-8")
    return target


class ProgressFileError(ValueError):
    """A progress file to import is missing or not in the progress format; the message says which."""


def import_file(source: Path | str) -> int:
    """Add the attempts of a progress file (e.g. exported from the book); returns how many were new.

    Attempts already present are not added twice. A missing or malformed file raises
    :class:`ProgressFileError` naming the file, and your own progress is left as it was.
    """
    source = Path(source)
    try:
        content = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ProgressFileError(f"{source} does not exist; give the path of the file you exported") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise ProgressFileError(f"{source} is not a progress file ({type(exc).__name__}); export it "
                                "again from the book or JupyterLab") from None
    if not _valid(content):
        raise ProgressFileError(f"{source} is not a progress file: it needs a list of attempts with "
                                f"the fields {', '.join(_FIELDS)}")
    mine = {_identity(a) for a in attempts()}
    new = [a for a in content["attempts"] if _identity(a) not in mine]
    if new:
        _append(new)
    return len(new)


def _identity(attempt: dict) -> str:
    return json.dumps([attempt.get(k) for k in ("question", "time", "status", "answer", "source")],
                      sort_keys=True, default=str)


def summary(chapters: Iterable[tuple[str, str]] | None = None, file: Path | str | None = None):
    """Your progress per chapter, in course order: what is done, what is still open, and how hard.

    ``chapters`` is ``[(slug, title), ...]`` in course order (default: the question bank's
    chapters, see :func:`registry.chapters`). Columns: ``questions``; ``solved`` (answered
    correctly at least once); ``open`` (the ids not solved yet); ``tries_to_solve`` (answers given
    up to and including the first correct one, summed over the solved questions, so twelve wrong
    tries then a right one count 13, not "100 %"); ``first_try`` (solved at the first answer).
    """
    import pandas as pd

    chapters = list(chapters) if chapters is not None else registry.chapters()
    history: dict[str, list[dict]] = {}
    for attempt in attempts(file):
        if attempt["status"] in ("correct", "incorrect"):
            history.setdefault(attempt["question"], []).append(attempt)
    rows = []
    for slug, title in chapters:
        ids = [q.id for q in registry.chapter(slug)]
        solved, tries, first = [], 0, 0
        for question in ids:
            answers = history.get(question, [])
            right = next((n for n, a in enumerate(answers, start=1) if a["correct"]), 0)
            if right:
                solved.append(question)
                tries += right
                first += right == 1
        rows.append({"chapter": title, "questions": len(ids), "solved": len(solved),
                     "open": ", ".join(q for q in ids if q not in solved) or "none",
                     "tries_to_solve": tries, "first_try": first})
    columns = ["chapter", "questions", "solved", "open", "tries_to_solve", "first_try"]
    return pd.DataFrame(rows, columns=columns).set_index("chapter")


def progress():
    """Your progress per chapter (see :func:`summary`)."""
    return summary()
