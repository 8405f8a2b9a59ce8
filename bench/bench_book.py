"""Benchmark the book as readers get it: clean build, no-change rebuild (goal < 10 s) and the
browser test suite (built book + JupyterLab), as medians over several runs.

    .venv/bin/python bench/bench_book.py [--runs 3]
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_course import clean_build, median, rebuild, timed  # noqa: E402


def browser_suite() -> float:
    """The browser tests against the built book and JupyterLab."""
    return timed([sys.executable, "-m", "pytest", "tests/browser", "-q"])


def main() -> None:
    """Print the three medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    build = median(clean_build, runs)
    again = median(rebuild, runs)
    browser = median(browser_suite, runs)
    print(f"runs per figure: {runs}")
    print(f"clean book build       {build:7.1f} s")
    print(f"no-change rebuild      {again:7.1f} s   (goal < 10 s)")
    print(f"browser test suite     {browser:7.1f} s")


if __name__ == "__main__":
    main()
