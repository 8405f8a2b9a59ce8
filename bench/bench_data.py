"""Benchmark the data loader: every resource cold (cache cleared) and warm; medians over runs.

Goal: all resources cold in under 0.5 s; a warm load is served from the cache.

    .venv/bin/python bench/bench_data.py [--runs 7]
"""

import argparse
import statistics
import time

from natocourse import data


def load_all() -> float:
    """Seconds to load every resource once."""
    started = time.perf_counter()
    for name in data.names():
        data.load(name)
    return time.perf_counter() - started


def main() -> None:
    """Print the cold and warm medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    cold, warm = [], []
    for _ in range(runs):
        data.clear_cache()
        cold.append(load_all())
        warm.append(load_all())
    print(f"resources: {len(data.names())}; runs: {runs}")
    print(f"cold load of every resource: median {statistics.median(cold) * 1000:7.1f} ms  (goal < 500 ms)")
    print(f"warm load of every resource: median {statistics.median(warm) * 1000:7.1f} ms  (from the cache)")


if __name__ == "__main__":
    main()
