"""What grading with per-student variants adds in phase 2: each student's bank of variants.

A class with its own variants (``assign --roster`` with questions that vary) is scored with each
student's variants of the assignment's questions (``grading.banks``); the feedback pass asks for
each student's bank again. The figure is the median of ``--runs`` runs of both passes for
``--students`` students, in a process that has already loaded the course's questions. The goal:
each student's bank made once, and only of the assignment's questions (before this was measured,
every varying question of the course was built twice per student: 10.5 s for 30 students and three
questions, against 0.6 s since). Figures are printed, never asserted.

    python bench/bench_variants.py [--students 30] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

from natocourse.tooling.classroom import grading, score

QUESTIONS = ("burden-02", "tour-08", "bill-01")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bank = score.load_bank()
    plan = grading.Plan(questions=QUESTIONS, variants="ps1")
    logins = [f"s{n:03d}" for n in range(args.students)]
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        bank_of = grading.banks(bank, plan)
        for _pass in ("scoring", "feedback"):
            for login in logins:
                bank_of(login)
        times.append(time.perf_counter() - started)
    print(f"per-student banks, {args.students} students × {len(QUESTIONS)} questions ({', '.join(QUESTIONS)}), "
          f"scoring and feedback: median {statistics.median(times):.2f} s over {args.runs} runs")


if __name__ == "__main__":
    main()
