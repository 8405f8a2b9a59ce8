"""The kernel that grading runs a student's notebook in: limited memory, quiet logs.

``python -m natocourse.tooling.classroom.kernel --memory-mb N -f CONNECTION_FILE`` caps the kernel
process's address space (``RLIMIT_AS``) and CPU seconds before starting ipykernel, and silences
the kernel's own warnings (such as "running over TCP without encryption"), so that a batch of
hundreds of notebooks prints only its own progress. :func:`kernelspec_dir` writes a kernelspec
that starts this launcher, for nbclient to use through ``JUPYTER_PATH``.

These limits are applied from outside the student's code, before it runs; the time limit per
notebook and the cap on output size are enforced by the grading process itself
(:mod:`natocourse.tooling.classroom.run`), which the student's code cannot reach.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..course import Course


def kernelspec_dir(parent: Path, *, memory_mb: int, cpu_seconds: int) -> Path:
    """Write ``<parent>/kernels/<Course.grading_kernel>/kernel.json``; return ``parent`` (for JUPYTER_PATH)."""
    spec = parent / "kernels" / Course.grading_kernel
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "natocourse.tooling.classroom.kernel", "--memory-mb", str(memory_mb),
            "--cpu-seconds", str(cpu_seconds), "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": "natocourse grader (limited)", "language": "python",
        "metadata": {"debugger": False}}), encoding="utf-8")
    return parent


def limit(memory_mb: int, cpu_seconds: int) -> None:
    """Cap this process's memory and CPU time (where the platform allows it)."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the grader's time limit still applies
        return
    if memory_mb > 0:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))


def main(argv: list[str] | None = None) -> None:
    """Apply the limits, then run ipykernel with the remaining arguments and quiet logging."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--cpu-seconds", type=int, default=600)
    known, rest = parser.parse_known_args(argv)
    limit(known.memory_mb, known.cpu_seconds)
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=[*rest, "--IPKernelApp.log_level=CRITICAL",
                                        "--Application.log_level=CRITICAL"])


if __name__ == "__main__":
    main()
