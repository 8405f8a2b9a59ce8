"""What this machine lets grading use: its CPUs and memory as the process's cgroup limits them.

In a Kubernetes pod or a container, ``os.cpu_count()`` is the node's count, not what the pod may
use: a pod limited to 2 CPUs on a 64-core node would start 64 grading kernels of up to 2 GB each.
:func:`resources` reads the limits that really apply:

- CPUs: the CPUs this process may run on (``os.sched_getaffinity``), and the cgroup's CPU quota,
  ``cpu.max`` (cgroup v2: ``"200000 100000"`` is 2 CPUs, ``"max 100000"`` no limit) or
  ``cpu.cfs_quota_us`` / ``cpu.cfs_period_us`` (v1; a quota of ``-1`` is no limit);
- memory: the machine's memory and the cgroup's limit, ``memory.max`` (v2; ``max`` is no limit)
  or ``memory.limit_in_bytes`` (v1, where "no limit" is a number near 2**63).

The cgroup is the one ``/proc/self/cgroup`` names, and every cgroup above it: the tightest limit
counts. A file that is missing or unreadable is no limit. Everything is read from ``root``
(``/sys/fs/cgroup``) and ``proc`` (``/proc/self``), which the tests point at fake trees.

:func:`kernel_memory_mb` and :func:`default_jobs` turn these into grading's defaults, used by
:func:`natocourse.tooling.course.worker_count` and the ``--memory`` option.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

#: The memory one grading kernel may take at most by default, in MB.
KERNEL_MEMORY_MB = 2048
#: The smallest default for one kernel, in MB (a notebook that loads pandas needs about this much).
MIN_KERNEL_MEMORY_MB = 384
#: Memory kept for the grader itself and the system, in MB, before kernels are counted.
RESERVED_MB = 512
_NO_LIMIT = 2**60  # v1 writes "no limit" as a page-rounded 2**63 - 1


@dataclass(frozen=True)
class Resources:
    """The CPUs (a number, maybe fractional) and megabytes of memory this process may use."""

    cpus: float
    memory_mb: int | None


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None


def _number(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _cgroups(proc: Path) -> dict[str, str]:
    """Controller (``""`` for v2) → this process's cgroup path, from ``/proc/self/cgroup``."""
    found: dict[str, str] = {}
    for line in (_read(proc / "cgroup") or "").splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for controller in parts[1].split(","):
                found.setdefault(controller, parts[2] or "/")
    return found


def _folders(mount: Path, path: str) -> list[Path]:
    """The cgroup's folder under ``mount`` and each folder above it, up to ``mount``.

    Inside a container the process's path may not exist under the mount (the mount is already
    the container's own cgroup): then the mount alone is read.
    """
    here = mount / path.strip("/")
    if not here.is_dir():
        return [mount]
    folders = [here]
    while here != mount and mount in here.parents:
        here = here.parent
        folders.append(here)
    return folders


def _v2_cpus(folder: Path) -> float | None:
    fields = (_read(folder / "cpu.max") or "").split()
    if len(fields) == 2 and fields[0] != "max":
        quota, period = _number(fields[0]), _number(fields[1])
        if quota and period and quota > 0 and period > 0:
            return quota / period
    return None


def _v1_cpus(folder: Path) -> float | None:
    quota, period = _number(_read(folder / "cpu.cfs_quota_us")), _number(_read(folder / "cpu.cfs_period_us"))
    if quota and period and quota > 0 and period > 0:
        return quota / period
    return None


def _v2_memory(folder: Path) -> int | None:
    value = _number(_read(folder / "memory.max"))  # "max" reads as None
    return value if value and value < _NO_LIMIT else None


def _v1_memory(folder: Path) -> int | None:
    value = _number(_read(folder / "memory.limit_in_bytes"))
    return value if value and 0 < value < _NO_LIMIT else None


def _tightest(values) -> float | None:
    present = [v for v in values if v is not None]
    return min(present) if present else None


def _v1_mount(root: Path, controller: str) -> Path:
    for name in (controller, f"{controller},cpuacct", f"cpuacct,{controller}"):
        if (root / name).is_dir():
            return root / name
    return root / controller


def cgroup_limits(root: Path = Path("/sys/fs/cgroup"), proc: Path = Path("/proc/self")
                  ) -> tuple[float | None, int | None]:
    """The cgroup's CPU quota (in CPUs) and memory limit (in bytes); ``None`` for no limit."""
    groups = _cgroups(proc)
    if (root / "cgroup.controllers").is_file():  # v2: one unified tree
        folders = _folders(root, groups.get("", "/"))
        return _tightest(map(_v2_cpus, folders)), _tightest(map(_v2_memory, folders))
    cpu_mount, memory_mount = _v1_mount(root, "cpu"), root / "memory"
    cpus = _tightest(map(_v1_cpus, _folders(cpu_mount, groups.get("cpu", "/"))))
    memory = _tightest(map(_v1_memory, _folders(memory_mount, groups.get("memory", "/"))))
    return cpus, memory


def _physical_memory() -> int | None:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):
        return None


def _usable_cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def resources(root: Path = Path("/sys/fs/cgroup"), proc: Path = Path("/proc/self"), *,
              cpus: int | None = None, memory_bytes: int | None = None) -> Resources:
    """The CPUs and memory this process may use: the machine's (``cpus``, ``memory_bytes``;
    default: the CPUs it may run on, the physical memory) within its cgroup's limits."""
    quota, limit = cgroup_limits(root, proc)
    machine_cpus = cpus if cpus is not None else _usable_cpus()
    machine_memory = memory_bytes if memory_bytes is not None else _physical_memory()
    memory = _tightest([limit, machine_memory])
    return Resources(cpus=min(machine_cpus, quota) if quota else float(machine_cpus),
                     memory_mb=int(memory // 2**20) if memory else None)


def kernel_memory_mb(available: Resources | None = None) -> int:
    """The default memory limit of one grading kernel, in MB: :data:`KERNEL_MEMORY_MB`, or less
    when the machine (or pod) has less to give after :data:`RESERVED_MB` for the grader."""
    available = available or resources()
    if available.memory_mb is None:
        return KERNEL_MEMORY_MB
    return max(MIN_KERNEL_MEMORY_MB, min(KERNEL_MEMORY_MB, available.memory_mb - RESERVED_MB))


def default_jobs(memory_mb: int, available: Resources | None = None) -> int:
    """How many kernels of ``memory_mb`` MB may run at once here: one per whole CPU the cgroup
    allows, and no more than its memory holds after :data:`RESERVED_MB`; at least 1."""
    available = available or resources()
    jobs = max(1, math.floor(available.cpus))
    if available.memory_mb is not None and memory_mb > 0:
        jobs = min(jobs, (available.memory_mb - RESERVED_MB) // memory_mb)
    return max(1, jobs)
