"""Execute the course notebooks and store their outputs.

The book shows the outputs stored in each notebook and nbval checks on every test run that a fresh
execution reproduces them, so outputs are regenerated with this module whenever a notebook changes::

    python tasks.py execute                          # every notebook
    python tasks.py execute notebooks/00-how-to-use.ipynb

Execution stores no widget state: a stored widget only looks live, in JupyterLab before the
notebook runs and in the book alike. The book shows each widget's static HTML instead, which its
JavaScript front end brings to life. Execution also drops timing metadata (it changes on every
run and would only add noise to diffs), and runs with a throw-away course home so that checks in
solution notebooks never touch a real student's progress.
"""

from __future__ import annotations

import os
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from ..course import Course

#: The course folders whose notebooks are executed and committed with outputs.
NOTEBOOK_DIRS = ("notebooks", "solutions", "exercises")


@dataclass
class Execution:
    """What happened when one notebook was executed."""

    path: Path
    seconds: float
    error: str | None = None

    @property
    def ok(self) -> bool:
        """True when every cell ran without an error."""
        return self.error is None


def course_notebooks(root: Path | None = None) -> list[Path]:
    """Every notebook under :data:`NOTEBOOK_DIRS` of the course at ``root``, sorted, checkpoints excluded."""
    course = Course(root)
    found = []
    for folder in NOTEBOOK_DIRS:
        found += [p for p in sorted(getattr(course, folder).glob("*.ipynb")) if ".ipynb_checkpoints" not in p.parts]
    return found


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Drop the parts of a notebook that change on every run (timings, trust flags).

    Execution counts stay: a fresh top-to-bottom run numbers cells 1, 2, 3... every time, and
    nbval skips the output comparison of any cell whose stored execution count is empty.
    """
    nb.metadata["kernelspec"] = dict(Course.kernelspec)
    nb.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("trusted", None)
    return nb


def execute(path: Path | str, *, timeout: int = 120) -> Execution:
    """Execute one notebook in a fresh kernel in its own folder and save it with its outputs.

    The notebook is saved only if every cell succeeds, so a failing run never replaces good
    outputs; the error is returned in :attr:`Execution.error` instead.
    """
    path = Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="natocourse-home-") as home:
        client = NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
            store_widget_state=False,
            record_timing=False,
        )
        try:
            client.execute(env={**os.environ, "NATOCOURSE_HOME": home})
        except CellExecutionError as exc:
            return Execution(path, time.perf_counter() - started, error=str(exc))
    nbformat.write(normalise(nb), path)
    return Execution(path, time.perf_counter() - started)


def execute_all(paths: Iterable[Path | str] | None = None, *, jobs: int | None = None) -> list[Execution]:
    """Execute several notebooks in parallel (one kernel per core) and return what happened."""
    targets = [Path(p) for p in paths] if paths else course_notebooks()
    jobs = jobs or max(1, os.cpu_count() or 1)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(execute, targets))


def main(argv: list[str] | None = None) -> int:
    """``python -m natocourse.notebooks [PATH...]``: execute notebooks, report, exit non-zero on failure."""
    import sys

    paths = sys.argv[1:] if argv is None else argv
    results = execute_all(paths or None)
    root = Course().root or Path.cwd()
    for result in results:
        status = "ok" if result.ok else "FAILED"
        print(f"{status:6} {result.seconds:6.1f}s  {os.path.relpath(result.path, root)}")
        if result.error:
            print(result.error)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
