"""Benchmark the whole course pipeline; prints medians over several runs.

(a) the full nbval pass over notebooks/, exercises/ and solutions/ (as the test command runs it);
(b) a clean book build; (c) a no-change rebuild; (d) the floor: one bare kernel start-and-stop,
times the number of notebooks. Goals for the finished course: (a)/(d) <= 2.0 and (c) < 10 s.

    python tasks.py bench            # or: .venv/bin/python bench/bench_course.py --runs 3
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from jupyter_client.manager import start_new_kernel

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tasks import NOTEBOOK_DIRS, SANITIZE, book_command  # noqa: E402

from natocourse.tooling.authoring.notebooks import course_notebooks  # noqa: E402


def timed(command: list[str]) -> float:
    """Run a command from the repository root and return its wall time in seconds."""
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode:
        tail = "\n".join(done.stdout.splitlines()[-40:])
        raise SystemExit(f"benchmark step failed (exit {done.returncode}): {' '.join(command)}\n{tail}")
    return elapsed


def nbval_pass() -> float:
    """(a) nbval over every notebook, in parallel as in the test command."""
    return timed([sys.executable, "-m", "pytest", *NOTEBOOK_DIRS, "--nbval", "--nbval-current-env",
                  "--nbval-sanitize-with", str(SANITIZE), "-n", str(max(2, os.cpu_count() or 1)),
                  "--dist", "loadscope", "-q"])


BOOK = [str(c) for c in book_command(Path(sys.executable))] + ["build", ".", "--builder", "html", "-W", "--keep-going"]


def clean_build() -> float:
    """(b) the book from scratch."""
    shutil.rmtree(ROOT / "_build", ignore_errors=True)
    return timed(BOOK)


def rebuild() -> float:
    """(c) the book again with nothing changed."""
    return timed(BOOK)


def kernel_start_stop() -> float:
    """One bare python3 kernel started, waited for and shut down."""
    started = time.perf_counter()
    manager, client = start_new_kernel(kernel_name="python3")
    client.stop_channels()
    manager.shutdown_kernel(now=False)
    return time.perf_counter() - started


def median(function, runs: int) -> float:
    """Median wall time of ``runs`` calls."""
    return statistics.median(function() for _ in range(runs))


def main() -> None:
    """Run the four measurements and print them with the ratio (a)/(d)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (default 3)")
    runs = parser.parse_args().runs
    notebooks = len(course_notebooks(ROOT))
    floor_one = median(kernel_start_stop, max(runs, 5))
    floor = floor_one * notebooks
    a = median(nbval_pass, runs)
    b = median(clean_build, runs)
    c = median(rebuild, runs)
    print(f"notebooks: {notebooks}; runs per figure: {runs}; cores: {os.cpu_count()}")
    print(f"(a) full nbval pass        {a:7.1f} s")
    print(f"(b) clean book build       {b:7.1f} s")
    print(f"(c) no-change rebuild      {c:7.1f} s   (goal < 10 s)")
    print(f"(d) floor: kernel x {notebooks:<3}    {floor:7.1f} s   ({floor_one:.2f} s per kernel)")
    print(f"(a)/(d) = {a / floor:.2f}   (goal <= 2.0)")


if __name__ == "__main__":
    main()
