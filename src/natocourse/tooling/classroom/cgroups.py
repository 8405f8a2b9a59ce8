"""Control groups for one sandboxed run: a cap on its processes, memory and CPU, where the host allows.

A sandbox (:mod:`.sandbox`) keeps a notebook away from everything else; a control group keeps it
from taking the whole machine. A fork bomb inside a sandbox is stopped by the ``pids``
controller; a grader that runs as root gets nothing from ``RLIMIT_NPROC``, which the kernel
does not apply to root's processes. So, per run, when the host lets this process make child
groups under its own (cgroup v1 with a writable hierarchy, or a delegated cgroup v2 subtree):

- ``pids``: at most ``processes`` processes and threads in the run;
- ``memory``: the run's memory, its scratch folder (tmpfs) included;
- ``cpu``: at most one CPU, so that a busy run cannot starve the others.

:func:`available` says which controllers can be used here (it makes a probe group and removes it);
:class:`RunGroup` makes one group per controller for a run, names the ``cgroup.procs`` files the
sandbox's launcher joins before it starts anything (:func:`join_command`), and kills whatever is
left in them and removes them afterwards; :func:`sweep` removes those of a grading run whose
worker process died before it could. Groups are made only below this process's own group, never
elsewhere in the hierarchy, and are named for the grading process that owns them.
"""

from __future__ import annotations

import itertools
import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

#: The controllers used, in the order they are reported.
CONTROLLERS = ("pids", "memory", "cpu")

_counter = itertools.count()


@dataclass(frozen=True)
class Hierarchy:
    """Where run groups for ``controllers`` are made: ``parent`` (this process's own group)."""

    controllers: tuple[str, ...]
    parent: str
    version: int


def _mounts(mountinfo: str) -> list[tuple[str, str, str, str]]:
    """``(mount root, mount point, fs type, super options)`` of each cgroup mount."""
    found = []
    for line in mountinfo.splitlines():
        left, _, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if len(fields) >= 5 and len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
            found.append((_unescape(fields[3]), _unescape(fields[4]), tail[0], tail[2]))
    return found


def _unescape(text: str) -> str:
    return text.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\")


def _own_groups(cgroup: str) -> dict[str, str]:
    """``{controller or "": path}`` from ``/proc/self/cgroup`` ("" is the v2 unified group)."""
    own = {}
    for line in cgroup.splitlines():
        parts = line.split(":", 2)
        if len(parts) == 3:
            for name in parts[1].split(",") if parts[1] else [""]:
                own[name] = parts[2]
    return own


def _inside(mount_root: str, point: str, path: str) -> str | None:
    """The folder of group ``path`` under a mount of ``mount_root`` at ``point`` (None if outside it)."""
    relative = os.path.relpath(path, mount_root)
    if relative.startswith(".."):
        return None
    return os.path.normpath(os.path.join(point, relative))


def hierarchies(mountinfo: str, cgroup: str) -> list[Hierarchy]:
    """Candidate places for run groups, from the text of ``/proc/self/mountinfo`` and ``/proc/self/cgroup``."""
    own = _own_groups(cgroup)
    found: list[Hierarchy] = []
    taken: set[str] = set()
    for root, point, kind, options in _mounts(mountinfo):
        if kind != "cgroup":
            continue
        wanted = tuple(c for c in CONTROLLERS if c in options.split(",") and c in own and c not in taken)
        folder = _inside(root, point, own[wanted[0]]) if wanted else None
        if folder:
            found.append(Hierarchy(wanted, folder, 1))
            taken.update(wanted)
    for root, point, kind, _ in _mounts(mountinfo):
        if kind == "cgroup2" and "" in own:
            folder = _inside(root, point, own[""])
            try:
                offered = Path(folder, "cgroup.controllers").read_text().split() if folder else []
            except OSError:
                offered = []
            wanted = tuple(c for c in CONTROLLERS if c in offered and c not in taken)
            if folder and wanted:
                found.append(Hierarchy(wanted, folder, 2))
            break
    return found


def _usable(hierarchy: Hierarchy) -> Hierarchy | None:
    """``hierarchy`` reduced to the controllers a child group really gets, or None if no child
    group can be made there (probed with a group that is removed at once)."""
    controllers = hierarchy.controllers
    if hierarchy.version == 2:
        control = Path(hierarchy.parent, "cgroup.subtree_control")
        try:
            enabled = control.read_text().split()
            missing = [c for c in controllers if c not in enabled]
            if missing:  # refused when the group holds processes itself (cgroup v2's "no internal processes")
                control.write_text(" ".join("+" + c for c in missing))
            enabled = control.read_text().split()
        except OSError:
            return None
        controllers = tuple(c for c in controllers if c in enabled)
    probe = Path(hierarchy.parent, f"natocourse-probe-{os.getpid()}-{next(_counter)}")
    try:
        probe.mkdir()
    except OSError:
        return None
    try:
        writable = os.access(probe / "cgroup.procs", os.W_OK)
    finally:
        _remove(probe)
    return Hierarchy(controllers, hierarchy.parent, hierarchy.version) if writable and controllers else None


def available() -> tuple[Hierarchy, ...]:
    """The hierarchies where this process can make run groups (empty off Linux or without rights)."""
    try:
        mountinfo = Path("/proc/self/mountinfo").read_text()
        cgroup = Path("/proc/self/cgroup").read_text()
    except OSError:
        return ()
    return tuple(h for h in (_usable(c) for c in hierarchies(mountinfo, cgroup)) if h)


def controllers(found: tuple[Hierarchy, ...]) -> list[str]:
    """The controllers in ``found``, in :data:`CONTROLLERS` order."""
    names = {c for h in found for c in h.controllers}
    return [c for c in CONTROLLERS if c in names]


def _prefix(owner: int) -> str:
    return f"natocourse-run-{owner}-"


class RunGroup:
    """The control groups of one run (one per hierarchy), with their limits set; ``owner`` is the
    grading process (its groups can be swept when a worker dies)."""

    def __init__(self, found: tuple[Hierarchy, ...], *, processes: int, memory_bytes: int, owner: int = 0):
        self.folders: list[Path] = []
        name = f"{_prefix(owner or os.getpid())}{os.getpid()}-{next(_counter)}"
        try:
            for hierarchy in found:
                folder = Path(hierarchy.parent, name)
                folder.mkdir()
                self.folders.append(folder)
                for setting, value in self._settings(hierarchy, processes, memory_bytes):
                    if (folder / setting).exists():
                        (folder / setting).write_text(value)
        except OSError:
            self.remove()
            raise

    @staticmethod
    def _settings(hierarchy: Hierarchy, processes: int, memory_bytes: int) -> list[tuple[str, str]]:
        settings = []
        if "pids" in hierarchy.controllers:
            settings.append(("pids.max", str(processes)))
        if "memory" in hierarchy.controllers:
            settings += [("memory.limit_in_bytes", str(memory_bytes))] if hierarchy.version == 1 else [
                ("memory.max", str(memory_bytes)), ("memory.swap.max", "0")]
        if "cpu" in hierarchy.controllers:
            settings += [("cpu.cfs_period_us", "100000"), ("cpu.cfs_quota_us", "100000")] \
                if hierarchy.version == 1 else [("cpu.max", "100000 100000")]
        return settings

    @property
    def procs(self) -> list[str]:
        """The ``cgroup.procs`` files the run's first process writes its id into."""
        return [str(folder / "cgroup.procs") for folder in self.folders]

    def members(self) -> set[int]:
        """The processes still in the run's groups."""
        found: set[int] = set()
        for folder in self.folders:
            try:
                found.update(int(p) for p in (folder / "cgroup.procs").read_text().split())
            except (OSError, ValueError):
                pass
        return found

    def remove(self, wait: float = 2.0) -> None:
        """Kill every process left in the groups, then remove the groups (never raises)."""
        deadline = time.monotonic() + wait
        for folder in self.folders:
            try:
                (folder / "cgroup.kill").write_text("1")
            except OSError:
                pass
        while self.members() and time.monotonic() < deadline:
            for pid in self.members():
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            time.sleep(0.02)
        for folder in self.folders:
            while not _remove(folder) and time.monotonic() < deadline:
                time.sleep(0.02)
        self.folders = []


def sweep(found: tuple[Hierarchy, ...], owner: int) -> None:
    """Kill and remove every run group left by the grading process ``owner`` (never raises)."""
    for hierarchy in found:
        try:
            leftovers = [p for p in Path(hierarchy.parent).iterdir() if p.name.startswith(_prefix(owner))]
        except OSError:
            continue
        for folder in leftovers:
            group = RunGroup.__new__(RunGroup)
            group.folders = [folder]
            group.remove()


def _remove(folder: Path) -> bool:
    try:
        folder.rmdir()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    return True


def join_command(procs: list[str], command: list[str]) -> list[str]:
    """``command`` started by a shell that first joins the groups ``procs`` (and stops if it cannot),
    so that everything the command starts is counted from its first process on."""
    if not procs:
        return command
    script = 'for f do [ "$f" = -- ] && break; echo $$ > "$f" || exit 97; shift; done; shift; exec "$@"'
    return ["/bin/sh", "-c", script, "natocourse-sandbox", *procs, "--", *command]
