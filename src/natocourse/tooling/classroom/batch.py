"""Grading, steps 2 and 3 for a whole class: every notebook read and run, in parallel.

Each notebook is read (:mod:`.saved`) and run (:mod:`.run`, in the :class:`.sandbox.Sandbox` the
grading process prepared) in a worker process of its own (``spawn``: nothing of the grading
process is inherited), ``jobs`` at once. A notebook that fails
in any way, even by killing its worker, becomes a submission with a problem, and the batch goes
on. Progress goes to stderr (:class:`ProgressBar`). Nothing here opens an answer key or checks an
answer: the result is the raw answers, for :mod:`.score`.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from ..course import Limits
from . import run, saved
from .sandbox import Sandbox
from .submissions import Submission, failed, short


def read_and_run(path: str | Path, limits: Limits = Limits(), sandbox: Sandbox | None = None) -> Submission:
    """Widget answers from the file as submitted, code answers from running it again in ``sandbox``
    (default: one prepared here), never raises."""
    try:
        submission, nb = saved.read(path)
        if nb is not None:
            outcome = run.run(nb, Path(path).name, limits, sandbox=sandbox)
            submission.code, submission.problem, submission.kind = outcome.code, outcome.problem, outcome.kind
        return submission
    except Exception as exc:  # noqa: BLE001 - one submission must never stop the batch
        return failed(path, f"grading failed ({type(exc).__name__}): {short(exc)}")


def run_all(paths: list[Path], limits: Limits, jobs: int, *, sandbox: Sandbox, quiet: bool = False
            ) -> list[Submission]:
    """:func:`read_and_run` over ``paths`` in ``jobs`` worker processes; submissions in path order."""
    results: dict[int, Submission] = {}
    bar = ProgressBar(len(paths), quiet=quiet)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(read_and_run, str(p), limits, sandbox): i for i, p in enumerate(paths)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. a worker process killed
                results[index] = failed(paths[index], f"grading process failed ({type(exc).__name__})")
            bar.update(bool(results[index].problem))
    return [results[i] for i in range(len(paths))]


class ProgressBar:
    """``graded 37/100 · 2 errors · about 1 min 20 s left`` on stderr (a line per step off a terminal)."""

    def __init__(self, total: int, stream=None, quiet: bool = False):
        self.total, self.done, self.errors = total, 0, 0
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.started = time.monotonic()
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.step = max(1, total // 20)

    def update(self, failed: bool) -> None:
        """Count one finished notebook and redraw."""
        self.done += 1
        self.errors += bool(failed)
        if self.quiet or self.total < 2:
            return
        if not self.live and self.done % self.step and self.done != self.total:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        width = 24
        filled = round(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        line = (f"graded {self.done}/{self.total} [{bar}] · {self.errors} error(s) · "
                f"{'done' if self.done == self.total else 'about ' + _duration(left) + ' left'}")
        if self.live:
            self.stream.write("\r" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"
