"""The class report's cost as the class grows: medians for 100, 300, 1,000 and 3,000 students.

Each class answers 60 course questions (every type), drawn from the 2PL model of
``tests/report_class.py`` with a fixed seed. Two timings per class size, each the median of
``--runs`` runs:

- **command**: ``python -m natocourse report DETAILS --out DIR`` in a fresh process, as an
  instructor runs it (Python, NumPy and matplotlib imports included), in wall-clock seconds and in
  CPU seconds (user + system): on a machine shared with other work the wall clock grows with the
  load, the CPU time much less, so the two side by side show what the report itself costs;
- **in process**: ``write_report`` again in a process that has already made one report (what the
  ``grade --report`` hook adds to a grading run, and the report's own work).

The goal (issue 29) is the command in ≤ 5 s for 1,000 students × 60 questions on a 2-core
machine. Figures are printed, never asserted.

    python bench/bench_report.py [--sizes 100 300 1000 3000] [--questions 60] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def course_questions(count: int) -> list[str]:
    """The first ``count`` questions of the course, in course order."""
    from natocourse import exercises
    from natocourse.tooling.classroom.report.analysis import course_order

    return course_order([q.id for q in exercises.all()])[:count]


def command_seconds(details: Path, out: Path) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) for the report command in a fresh process."""
    import resource

    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "natocourse", "report", str(details), "--out", str(out)], check=True,
                   stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process_seconds(details: Path, out: Path) -> float:
    """Seconds for ``write_report`` in this (warm) process."""
    from natocourse.tooling.classroom.report import write_report

    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    write_report(details, out)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    """Print the medians per class size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000, 3000])
    parser.add_argument("--questions", type=int, default=60)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from report_class import simulate

    questions = course_questions(args.questions)
    print(f"{len(questions)} questions; medians of {args.runs} runs; goal: command ≤ 5 s at 1,000 students; "
          f"load average at the start {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'students':>8}  {'rows':>8}  {'command':>9}  {'(CPU)':>7}  {'in process':>10}  per 1,000 rows (in process)")
    with tempfile.TemporaryDirectory(prefix="natocourse-bench-report-") as scratch:
        scratch = Path(scratch)
        in_process_seconds(simulate(20, questions).write(scratch / "warm.csv"), scratch / "warm")
        for size in args.sizes:
            details = simulate(size, questions).write(scratch / f"class-{size}-details.csv")
            out = scratch / f"report-{size}"
            runs = [command_seconds(details, out) for _ in range(args.runs)]
            command, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
            warm = statistics.median(in_process_seconds(details, out) for _ in range(args.runs))
            rows = size * len(questions)
            print(f"{size:8,}  {rows:8,}  {command:8.2f}s  {cpu:6.2f}s  {warm:9.2f}s  {1000 * warm / rows:.3f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
