"""Benchmarks of the exercise machinery (figures are printed; tests never time things).

Goals: ``check()`` median < 5 ms per question type; widget feedback update (Python side of a
Check click) median < 50 ms; making a question's widget, which reads its earlier attempts, median
< 50 ms with 500 attempts saved. Grading a class is measured by ``bench_grading.py``.

    python bench/bench_exercises.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def median_ms(function, repeat: int = 200) -> float:
    """Median wall time of ``function()`` in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_checks() -> None:
    """Median check() time per question type, on the tour's questions (wrong and right answers)."""
    from natocourse import exercises

    answers = {"tour-01": "1952-02-18", "tour-02": ["Canada", "Spain"], "tour-03": "2.5 %",
               "tour-04": 0.014, "tour-05": "Türkiye", "tour-06": ["Spain", "Poland", "Finland", "Estonia", "Montenegro"],
               "tour-07": {"Germany": "1955", "Spain": "1982", "Croatia": "2009", "North Macedonia": "2024",
                           "Sweden": "2020"}}
    for question in exercises.chapter("tour"):
        answer = answers.get(question.id, 7)
        question.check(answer)  # warm up (the data question computes its expected value once)
        print(f"check() {type(question).__name__:15} {question.id}: median {median_ms(lambda: question.check(answer)):.3f} ms"
              "  (goal < 5 ms)")


def bench_widget() -> None:
    """Median time of a Check click in Python: read input, check, update feedback, record progress."""
    from natocourse import exercises

    from natocourse.engine.widgets import QuestionWidget

    widget = QuestionWidget(exercises.get("tour-01"))
    widget.value = "1952-02-18"
    print(f"widget feedback update (tour-01, incl. progress write): median "
          f"{median_ms(widget.check, 100):.2f} ms  (goal < 50 ms)")


def bench_widget_creation() -> None:
    """Median time to make a question's widget when 500 attempts are saved (it picks up its own)."""
    from natocourse import exercises, progress

    from natocourse.engine.widgets import QuestionWidget

    question = exercises.get("tour-01")
    result = question.check("1952-02-18")
    for n in range(500 - len(progress.attempts())):
        progress.record("tour-02" if n % 2 else "tour-01", "tour", result, "1952-02-18", source="widget")
    print(f"widget creation (tour-01, 500 attempts saved): median "
          f"{median_ms(lambda: QuestionWidget(question), 50):.2f} ms  (goal < 50 ms)")


def main(argv: list[str] | None = None) -> int:
    """Run both benchmarks with a throw-away course home."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as home:
        os.environ["NATOCOURSE_HOME"] = home
        bench_checks()
        bench_widget()
        bench_widget_creation()
    return 0


if __name__ == "__main__":
    sys.exit(main())
