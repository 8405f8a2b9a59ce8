"""The kernel that grading runs a student's notebook in: limited memory, quiet logs.

``python -m natocourse.tooling.classroom.kernel --memory-mb N -f CONNECTION_FILE`` caps the kernel
process's address space (``RLIMIT_AS``), CPU seconds, the size of any file it writes
(``RLIMIT_FSIZE``, ``--file-bytes``) and, in a sandbox, the processes of its user (``RLIMIT_NPROC``,
``--processes``: counted per sandbox, since each has its own user namespace), and it writes no core
files, before starting ipykernel; it also silences
the kernel's own warnings (such as "running over TCP without encryption"), so that a batch of
hundreds of notebooks prints only its own progress. :func:`kernelspec_dir` writes a kernelspec
that starts this launcher, for nbclient to use through ``JUPYTER_PATH``.

These limits are applied from outside the student's code, before it runs; the time limit per
notebook and the cap on output size are enforced by the grading process itself
(:mod:`natocourse.tooling.classroom.run`), which the student's code cannot reach, and the sandbox
around the kernel by :mod:`natocourse.tooling.classroom.sandbox`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..course import Course


def kernelspec_dir(parent: Path, *, memory_mb: int, cpu_seconds: int, file_bytes: int = 0,
                   processes: int = 0) -> Path:
    """Write ``<parent>/kernels/<Course.grading_kernel>/kernel.json``; return ``parent`` (for JUPYTER_PATH).

    ``file_bytes`` and ``processes`` of 0 leave those limits unset."""
    spec = parent / "kernels" / Course.grading_kernel
    spec.mkdir(parents=True, exist_ok=True)
    argv = [sys.executable, "-m", "natocourse.tooling.classroom.kernel", "--memory-mb", str(memory_mb),
            "--cpu-seconds", str(cpu_seconds), "--file-bytes", str(file_bytes), "--processes", str(processes),
            "-f", "{connection_file}"]
    (spec / "kernel.json").write_text(json.dumps({
        "argv": argv, "display_name": "natocourse grader (limited)", "language": "python",
        "metadata": {"debugger": False}}), encoding="utf-8")
    return parent


def limit(memory_mb: int, cpu_seconds: int, file_bytes: int = 0, processes: int = 0) -> None:
    """Cap this process's memory, CPU time, file size and its user's processes; no core files
    (where the platform allows it; a limit of 0 is left unset)."""
    try:
        import resource
    except ImportError:  # Windows: no rlimits; the grader's time limit still applies
        return
    if memory_mb > 0:
        size = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (size, size))
    if cpu_seconds > 0:
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 5))
    if file_bytes > 0:
        resource.setrlimit(resource.RLIMIT_FSIZE, (file_bytes, file_bytes))
    if processes > 0:
        resource.setrlimit(resource.RLIMIT_NPROC, (processes, processes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str] | None = None) -> None:
    """Apply the limits, then run ipykernel with the remaining arguments and quiet logging."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory-mb", type=int, default=2048)
    parser.add_argument("--cpu-seconds", type=int, default=600)
    parser.add_argument("--file-bytes", type=int, default=0)
    parser.add_argument("--processes", type=int, default=0)
    known, rest = parser.parse_known_args(argv)
    limit(known.memory_mb, known.cpu_seconds, known.file_bytes, known.processes)
    from ipykernel import kernelapp

    kernelapp.launch_new_instance(argv=[*rest, "--IPKernelApp.log_level=CRITICAL",
                                        "--Application.log_level=CRITICAL"])


if __name__ == "__main__":
    main()
