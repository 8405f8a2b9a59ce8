"""Grade submitted exercise notebooks: ``python -m natocourse grade SUBMISSIONS... --out grades.csv``.

Each submission runs top to bottom in a fresh kernel, with ``NATOCOURSE_HOME`` pointing at a fresh
temporary folder, so every ``exercises.check`` in it records its attempt there; the grade of a
question is the *last* recorded attempt. Cells that raise do not stop the run (later questions
still count); a notebook that is not valid JSON, that cannot start, or that runs longer than
``--timeout`` seconds in total gives ``error`` rows with the reason, and the batch goes on.
Submissions are graded in parallel, one process per job.

The CSV has one row per student and question: ``student, notebook, question, status, detail`` with
status ``correct``, ``incorrect``, ``not_answered`` or ``error``. The student is
``metadata.natocourse.student`` if the notebook sets it, else the folder name when the file keeps
the exercise's own name (``alice/01-exercise-tour.ipynb`` → ``alice``), else the file name
without the exercise's name (``alice_01-exercise-tour.ipynb`` → ``alice``).

The attempts are written by the student's own kernel, so this is a convenience for formative
feedback, not a tamper-proof exam: a determined student could forge the progress file.
"""

from __future__ import annotations

import csv
import multiprocessing
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

#: The statuses of a graded question.
STATUSES = ("correct", "incorrect", "not_answered", "error")
COLUMNS = ("student", "notebook", "question", "status", "detail")
_QUESTION_ID = re.compile(r"""["']([a-z][a-z0-9]*-\d{2})["']""")
_EXERCISE_NAME = re.compile(r"\d{2}-[a-z0-9-]+$")


class GradingError(ValueError):
    """A grading request that cannot be carried out (e.g. a missing submission)."""


@dataclass(frozen=True)
class Row:
    """One student's result on one question."""

    student: str
    notebook: str
    question: str
    status: str
    detail: str = ""


def find_submissions(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks to grade: files as given, folders searched recursively for ``*.ipynb``."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.is_file():
            found.append(path)
        else:
            raise GradingError(f"submission not found: {given} (give notebooks or folders of notebooks)")
    if not found:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def student_name(path: Path, metadata: dict | None = None) -> str:
    """Who submitted ``path`` (see the module docstring for the rule)."""
    named = ((metadata or {}).get("natocourse") or {}).get("student")
    if isinstance(named, str) and named.strip():
        return named.strip()
    stem = path.stem
    if _EXERCISE_NAME.fullmatch(stem):
        return path.parent.name or stem
    match = re.match(r"(.+?)[-_ .]+\d{2}-[a-z0-9-]+$", stem)
    return match[1] if match else stem


def _short(text: str, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell_errors(nb) -> list[str]:
    errors = []
    for index, cell in enumerate(nb.cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                errors.append(f"cell {index} raised {output.get('ename')}: {_short(output.get('evalue', ''), 80)}")
    return errors


def grade_notebook(path: str | Path, timeout: float = 60) -> list[Row]:
    """Execute one submission in a fresh kernel and return its rows (never raises)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .. import engine as exercises
    from ..engine import progress

    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is an error row
        return [Row(student_name(path), path.name, "", "error",
                    f"not a valid notebook ({type(exc).__name__}): {_short(exc)}")]
    student = student_name(path, nb.metadata)
    known = {q.id for q in exercises.all()}
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    expected = {m for m in _QUESTION_ID.findall(sources) if m in known}
    problem = ""
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory(prefix="natocourse-grade-") as home:
        client = NotebookClient(nb, kernel_name="python3", allow_errors=True, record_timing=False,
                                timeout_func=lambda _cell: max(1, int(deadline - time.monotonic()) + 1),
                                resources={"metadata": {"path": str(path.parent.resolve())}})
        try:
            client.execute(env={**os.environ, "NATOCOURSE_HOME": home})
        except CellTimeoutError:
            problem = f"the notebook did not finish within {timeout:g} s"
        except DeadKernelError:
            problem = "the kernel died while running the notebook"
        except Exception as exc:  # noqa: BLE001
            problem = f"the notebook could not run ({type(exc).__name__}): {_short(exc)}"
        try:
            last = progress.last_attempts(Path(home) / progress.FILENAME)
        except Exception as exc:  # noqa: BLE001
            last, problem = {}, problem or f"the recorded attempts could not be read: {_short(exc)}"
    errors = _cell_errors(nb)
    reason = problem or "; ".join(errors[:3])
    rows = []
    for question in sorted(expected | set(last)):
        attempt = last.get(question)
        if attempt is None:
            status = "error" if reason else "not_answered"
            detail = f"not checked: {reason}" if reason else "no check of this question ran"
        elif attempt["status"] == "invalid":
            status, detail = "incorrect", "the answer could not be checked (invalid)"
        elif attempt["status"] in STATUSES:
            status, detail = attempt["status"], ""
        else:
            status, detail = "error", f"unknown status {attempt['status']!r}"
        rows.append(Row(student, path.name, question, status, detail))
    if not rows:
        rows.append(Row(student, path.name, "", "error", reason or "no course questions found in this notebook"))
    return rows


def _grade_safely(path: str, timeout: float) -> list[Row]:
    try:
        return grade_notebook(path, timeout)
    except Exception as exc:  # noqa: BLE001 - one submission must never stop the batch
        return [Row(student_name(Path(path)), Path(path).name, "", "error",
                    f"grading failed ({type(exc).__name__}): {_short(exc)}")]


def grade(paths: Iterable[str | Path], *, timeout: float = 60, jobs: int | None = None,
          quiet: bool = False) -> list[Row]:
    """Grade submissions in parallel; rows in submission order. Progress goes to stderr."""
    submissions = find_submissions(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(submissions)))
    results: dict[int, list[Row]] = {}
    step = max(1, len(submissions) // 20)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_grade_safely, str(p), timeout): i for i, p in enumerate(submissions)}
        for done, future in enumerate(as_completed(futures), start=1):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. a worker process killed
                path = submissions[index]
                results[index] = [Row(student_name(path), path.name, "", "error",
                                      f"grading process failed ({type(exc).__name__})")]
            if not quiet and len(submissions) > 1 and (done % step == 0 or done == len(submissions)):
                print(f"graded {done}/{len(submissions)}", file=sys.stderr, flush=True)
    return [row for i in range(len(submissions)) for row in results[i]]


def write_csv(rows: Iterable[Row], out: str | Path) -> None:
    """Write the rows as CSV with a header."""
    out = Path(out)
    if out.parent and not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(r) for r in rows)


def grade_paths(paths: Iterable[str | Path], *, out: str | Path, timeout: float = 60,
                jobs: int | None = None) -> list[Row]:
    """Grade and write the CSV (what ``python -m natocourse grade`` does)."""
    if timeout <= 0:
        raise GradingError("--timeout must be a positive number of seconds")
    if jobs is not None and jobs < 1:
        raise GradingError("--jobs must be at least 1")
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    rows = grade(paths, timeout=timeout, jobs=jobs)
    write_csv(rows, out)
    return rows


def summary(rows: list[Row]) -> str:
    """One line: how many students, and rows per status."""
    students = len({(r.student, r.notebook) for r in rows})
    counts = ", ".join(f"{sum(r.status == s for r in rows)} {s}" for s in STATUSES)
    return f"graded {students} submission(s): {counts}"
