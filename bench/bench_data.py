"""Benchmark the data loader: every resource cold (cache cleared) and warm; medians over runs.

Goal: all resources cold in under 0.5 s; a warm load is served from the cache. Also measures how
``load`` hands out cached tables: a deep copy, a shallow copy-on-write copy (what ``load`` does:
pandas >= 3 copies on write, so callers still cannot change the cache) and no copy at all.

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


def copy_all(deep: bool | None) -> float:
    """Seconds to hand out every cached table once: deep copy, shallow copy, or (None) the table itself."""
    tables = list(data._cache.values())  # noqa: SLF001 - the benchmark inspects the cache on purpose
    started = time.perf_counter()
    for table in tables:
        if deep is not None:
            table.copy(deep=deep)
    return time.perf_counter() - started


def median_ms(samples: list[float]) -> str:
    """The median of ``samples`` (seconds) formatted in milliseconds."""
    return f"{statistics.median(samples) * 1000:8.2f} ms"


def main() -> None:
    """Print the cold and warm medians and the cost of each copy strategy."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    cold, warm = [], []
    for _ in range(runs):
        data.clear_cache()
        cold.append(load_all())
        warm.append(load_all())
    print(f"resources: {len(data.names())}; runs: {runs}")
    print(f"cold load of every resource:  median {median_ms(cold)}  (goal < 500 ms)")
    print(f"warm load of every resource:  median {median_ms(warm)}  (served from the cache)")
    for label, deep in (("deep copy", True), ("copy-on-write copy (used)", False), ("no copy (unsafe)", None)):
        samples = [copy_all(deep) for _ in range(runs * 20)]
        print(f"  handing out all tables, {label:26s} median {median_ms(samples)}")


if __name__ == "__main__":
    main()
