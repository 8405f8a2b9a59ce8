"""Grading a class against the kernel floor: the cost of grading beyond running the notebooks.

A class of ``--students`` × ``--notebooks`` submissions is made from the solution notebooks (the
exercise chapters, answered; every fifth student's answers made wrong). Three timings, each the
median of ``--runs`` whole runs at the same ``--jobs``, taken in turn within each run (each kind
first in one run out of three) so that a busy machine slows them alike; the load average is printed:

- **grading**: ``grading.grade`` over the class (read widget answers, run each notebook in a fresh
  limited kernel in its bubblewrap sandbox, check every answer again, build the rows);
- **grading, no sandbox**: the same with ``--no-sandbox`` (kernels started as before issue 23);
- **kernel floor**: the same notebooks, each run in a fresh plain kernel by nbclient in the same
  number of worker processes, and nothing else.

The goal (issues 15 and 23) is grading, in the sandbox, ≤ 1.5 × the floor per notebook. Figures
are printed, never asserted.

    python bench/bench_grading.py [--students 100] [--notebooks 10] [--jobs 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_class(folder: Path, students: int, notebooks: int) -> list[Path]:
    """``folder/<student>/<chapter>.ipynb`` copies of the first ``notebooks`` solution notebooks."""
    import nbformat

    chapters = sorted((ROOT / "solutions").glob("*.ipynb"))[:notebooks]
    made = []
    for n in range(students):
        for chapter in chapters:
            nb = nbformat.read(chapter, as_version=4)
            if n % 5 == 4:
                for cell in nb.cells:
                    if cell.cell_type == "code" and "### BEGIN SOLUTION" in cell.source:
                        head, _, rest = cell.source.partition("### BEGIN SOLUTION")
                        cell.source = head + 'answer = "nope"\n' + rest.partition("### END SOLUTION")[2]
            target = folder / f"student{n:03d}" / chapter.name
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, target)
            made.append(target)
    return made


def _floor_one(path: str) -> None:
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    NotebookClient(nb, kernel_name="python3", allow_errors=True, timeout=120,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()


def floor(paths: list[Path], jobs: int) -> float:
    """Seconds to run every notebook once in a fresh plain kernel, ``jobs`` at a time."""
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=get_context("spawn")) as pool:
        list(pool.map(_floor_one, [str(p) for p in paths]))
    return time.perf_counter() - start


def grading_time(folder: Path, jobs: int, sandboxed: bool = True) -> tuple[float, str]:
    from natocourse.tooling.classroom import gradebook, grading
    from natocourse.tooling.course import Limits

    start = time.perf_counter()
    rows = grading.grade([folder], limits=Limits(timeout=120), jobs=jobs, quiet=True, sandboxed=sandboxed)
    return time.perf_counter() - start, gradebook.summary(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--notebooks", type=int, default=10)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="natocourse-bench-grading-"))
    os.environ["NATOCOURSE_HOME"] = str(scratch / "home")
    try:
        paths = make_class(scratch / "class", args.students, args.notebooks)
        count = len(paths)
        graded, bare, floors, summary = [], [], [], ""
        load = os.getloadavg()[0]
        timings = [lambda: graded.append(grading_time(scratch / "class", args.jobs)),
                   lambda: bare.append(grading_time(scratch / "class", args.jobs, sandboxed=False)),
                   lambda: floors.append((floor(paths, args.jobs), ""))]
        for run in range(args.runs):
            for timing in timings[run % 3:] + timings[:run % 3]:  # each kind first in turn
                timing()
        summary = graded[-1][1]
        g, b, f = (statistics.median(t for t, _ in kind) for kind in (graded, bare, floors))
        print(f"class: {args.students} students x {args.notebooks} notebooks = {count} notebooks, "
              f"--jobs {args.jobs}, {args.runs} runs (medians); load average {load:.1f} at the start and "
              f"{os.getloadavg()[0]:.1f} at the end on {os.cpu_count()} cores (a shared machine slows all three alike)")
        print(f"grading (sandbox)    {g:8.1f} s  ({g / count:.2f} s per notebook)   {summary}")
        print(f"grading (no sandbox) {b:8.1f} s  ({b / count:.2f} s per notebook)")
        print(f"kernel floor         {f:8.1f} s  ({f / count:.2f} s per notebook)")
        print(f"ratio grading / floor per notebook: {g / f:.2f} in the sandbox, {b / f:.2f} without  (goal <= 1.5)")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
