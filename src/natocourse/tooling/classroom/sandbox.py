"""The walls around a student's notebook while it is graded: a bubblewrap sandbox per run.

Student code is hostile, and grading runs it. Each notebook's kernel starts inside
`bubblewrap <https://github.com/containers/bubblewrap>`_ (``bwrap``), which gives it its own
user, PID, network, mount, IPC and UTS namespaces. Inside, the notebook sees:

- its own copy of its notebook (read-only) in ``/sandbox``, its home and working folder: a
  private tmpfs of :data:`SCRATCH_BYTES` (``TMPDIR`` too; ``/tmp`` is a small tmpfs of its own, so that
  an environment installed under the host's ``/tmp`` can still be shown), where its checks record
  their answers;
- read-only: the system's ``/usr``, the Python environment, the course package (in exam mode
  only the keyless student edition, :mod:`.exam`) and the course's data;
- a fresh ``/proc`` that shows its own processes only (``/proc/sys`` read-only), a minimal
  ``/dev``, and no network at all (not even the host's loopback);
- nothing else: no home folder, no ``/tmp`` of the host, no submissions folder, no other
  student's files, no keys, no gradebook, no instructor's files, no process of the grader.

The sandbox's user has no capabilities and may not make user namespaces of its own. Its
processes die with it: when the kernel is shut down or killed, the PID namespace goes and with
it every process the notebook started, detached or not. Where the host lets the grader make
control groups (:mod:`.cgroups`), each run also gets a cap on processes, memory and CPU;
otherwise ``RLIMIT_NPROC`` caps processes. That does not bind a grader running as root, so as root
:func:`prepare` refuses to grade without a ``pids`` control group. The
kernel's own limits (memory, CPU seconds, file size) come from :mod:`.kernel`.

The grader talks to the kernel over ZeroMQ on Unix sockets in a small tmpfs of the sandbox,
which it reaches through the sandbox's root (``/proc/<pid>/root``), and it reads the recorded
answers from the sandbox's scratch folder the same way, opening every component without
following links: nothing the grader reads or writes lies on a disk the student's code can fill.

:func:`prepare` checks, before anything runs, that a sandbox can start here (:func:`probe`), and
otherwise stops with a message that says what to install or where to grade
(:func:`unavailable`); ``--no-sandbox`` grades without one, never in exam mode. A
:class:`Sandbox` is the picklable description each worker process gets;
:func:`kernel_manager` makes the Jupyter kernel manager that launches one sandboxed kernel.
"""

from __future__ import annotations

import asyncio
import functools
import os
import platform
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from . import cgroups
from .submissions import GradingError, read_below, short

#: The notebook's scratch folder inside the sandbox: its home and its working folder.
SCRATCH = "/sandbox"
#: The small tmpfs holding the kernel's sockets.
KERNEL_DIR = "/run/kernel"
#: The connection file, bound read-only.
CONNECTION = "/run/connection.json"
#: Where the course's data and, in exam mode, the keyless student edition are bound read-only.
DATA = "/opt/natocourse/data"
EXAM = "/opt/natocourse/exam"
#: The sandbox's user (no capabilities; on the host it is the grading user).
UID = 1000

#: Size of the scratch folder (bytes).
SCRATCH_BYTES = 64 * 1024 * 1024
#: Most processes and threads one run may have (pids cgroup, and RLIMIT_NPROC).
PROCESSES = 128
_SMALL = 4 * 1024 * 1024
#: Files of ``/etc`` the sandbox sees (read-only, when the host has them).
ETC = ("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "localtime", "nsswitch.conf", "alternatives", "mime.types")
#: How long a sandbox may take to start.
START_SECONDS = 30

_INSTALL = ("install bubblewrap (Debian and Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf "
            "install bubblewrap)")
_ELSEWHERE = ("or grade on a Linux machine or in the course's container image (deploy/Dockerfile; the "
              "instructor guide's \"Grading securely\" says how, also on a hub)")
_ROOT_WITHOUT_PIDS = (
    "cannot grade: this grader runs as root and cannot make a pids control group here, so nothing would cap "
    "the processes of a student's notebook (RLIMIT_NPROC does not bind root's processes, even in the "
    "sandbox): one fork bomb could fill the machine's process table. Grade as an ordinary user (where "
    "RLIMIT_NPROC caps each sandbox), or as root where it may make control groups below its own (a writable "
    "cgroup v1 pids hierarchy, or a delegated cgroup v2 subtree); the instructor guide's \"Grading "
    "securely\" says more.")
_ANYWAY = ("To grade anyway, with every student's code running with your own rights, pass --no-sandbox "
           "(never in exam mode).")


@dataclass(frozen=True)
class Sandbox:
    """How the kernels of one grading run are started: in a bubblewrap sandbox (``bwrap`` set) or,
    when the instructor asked for it with ``--no-sandbox``, without one (``bwrap`` empty).

    ``readable`` are host folders bound read-only at their own paths (Python, the course package);
    ``hidden`` are folders inside them covered by an empty one (exam mode: the course package, when
    it is installed inside the Python environment); ``data`` and ``student_edition`` are bound at
    :data:`DATA` and :data:`EXAM`; ``groups`` are the control groups available (:mod:`.cgroups`).
    """

    bwrap: str = ""
    readable: tuple[str, ...] = ()
    data: str = ""
    student_edition: str = ""
    groups: tuple[cgroups.Hierarchy, ...] = ()
    processes: int = PROCESSES
    scratch_bytes: int = SCRATCH_BYTES
    as_root: bool = False
    system: tuple[tuple[str, ...], ...] = field(default=())
    owner: int = 0
    hidden: tuple[str, ...] = ()

    @property
    def enabled(self) -> bool:
        """Whether kernels run sandboxed."""
        return bool(self.bwrap)

    @property
    def writable_bytes(self) -> int:
        """All a sandboxed run can write: its scratch folder, ``/tmp``, ``/dev/shm`` and the socket folder."""
        return self.scratch_bytes + 3 * _SMALL

    def protections(self, memory_mb: int) -> list[str]:
        """What protects the host during this run, in words (for the terminal and the reports)."""
        if not self.enabled:
            return ["graded without a sandbox: students' code ran with the grading user's rights"]
        used = cgroups.controllers(self.groups)
        processes = f"at most {self.processes} processes ({'pids cgroup' if 'pids' in used else 'RLIMIT_NPROC'})"
        memory = f"{memory_mb} MB of address space per process (RLIMIT_AS)" + (
            "; memory cgroup for the whole run" if "memory" in used else "")
        return ["sandboxed (bubblewrap): own user, PID, network and mount namespaces, read-only system",
                processes, memory, f"scratch folder of {self.scratch_bytes // 2**20} MB (tmpfs)"
                + ("; one CPU (cpu cgroup)" if "cpu" in used else "")]

    def command(self, inner: list[str], *, run_dir: Path, notebook: str,
                environment: Mapping[str, str]) -> list[str]:
        """The ``bwrap`` command that runs ``inner`` in this sandbox (see the module)."""
        argv = [self.bwrap, "--unshare-all", "--unshare-user", "--uid", str(UID), "--gid", str(UID),
                "--disable-userns", "--cap-drop", "ALL", "--die-with-parent", "--new-session",
                "--hostname", "sandbox", "--clearenv"]
        for name, value in environment.items():
            argv += ["--setenv", name, value]
        for entry in self.system:
            argv += list(entry)
        argv += ["--proc", "/proc", "--ro-bind", "/proc/sys", "/proc/sys",
                 "--ro-bind-try", "/proc/pressure", "/proc/pressure",
                 "--dev", "/dev", "--perms", "1777", "--size", str(_SMALL), "--tmpfs", "/dev/shm",
                 "--remount-ro", "/dev",
                 "--perms", "0700", "--size", str(self.scratch_bytes), "--tmpfs", SCRATCH,
                 "--dir", SCRATCH + "/.tmp", "--perms", "1777", "--size", str(_SMALL), "--tmpfs", "/tmp",
                 "--perms", "0700", "--size", str(_SMALL), "--tmpfs", KERNEL_DIR,
                 "--ro-bind", str(run_dir / "connection.json"), CONNECTION,
                 "--ro-bind", str(run_dir / "notebook.ipynb"), f"{SCRATCH}/{notebook}",
                 "--ro-bind", str(run_dir / "passwd"), "/etc/passwd",
                 "--ro-bind", str(run_dir / "group"), "/etc/group"]
        for folder in self.readable:
            argv += ["--ro-bind", folder, folder]
        for folder in self.hidden:
            argv += ["--size", "4096", "--tmpfs", folder, "--remount-ro", folder]
        if self.data:
            argv += ["--ro-bind", self.data, DATA]
        if self.student_edition:
            argv += ["--ro-bind", self.student_edition, EXAM]
        return argv + ["--chdir", SCRATCH, "--remount-ro", "/", "--", *inner]


def _system() -> tuple[tuple[str, ...], ...]:
    """The host's system folders, read-only: ``/usr``, the top-level links into it (or folders, on
    systems without a merged ``/usr``) and the few files of ``/etc`` a Python program needs."""
    entries: list[tuple[str, ...]] = [("--ro-bind", "/usr", "/usr")]
    for name in ("bin", "sbin", "lib", "lib32", "lib64", "libx32"):
        path = Path("/", name)
        if path.is_symlink():
            entries.append(("--symlink", os.readlink(path), str(path)))
        elif path.is_dir():
            entries.append(("--ro-bind", str(path), str(path)))
    entries += [("--ro-bind-try", f"/etc/{name}", f"/etc/{name}") for name in ETC]
    return tuple(entries)


def _package() -> str:
    """The folder of the course package this grader runs (its question modules hold the keys)."""
    from ... import __file__ as package_init

    return str(Path(os.path.realpath(package_init)).parent)


def _readable(package: bool) -> tuple[str, ...]:
    """Host folders the kernel needs at their own paths: the Python installation and environment and,
    unless it is already in them, the course package (not in exam mode: ``package`` false)."""
    folders: set[str] = set()
    for prefix in {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}:
        folders.update({os.path.abspath(prefix), os.path.realpath(prefix)})
    folders.add(str(Path(os.path.realpath(sys.executable)).parents[1]))
    if package:
        folders.add(_package())
    folders = {f for f in folders if os.path.isdir(f) and f != "/"}
    kept = sorted(f for f in folders if not _under(f, "/usr")
                  and not any(f != other and _under(f, other) for other in folders))
    return tuple(kept)


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def configure(student_edition: str = "", *, bwrap: str | None = None) -> Sandbox:
    """The sandbox for a grading run on this host (nothing is checked yet: see :func:`probe`).

    ``student_edition`` is exam mode's keyless package folder (its ``natocourse`` is imported
    instead of the course's, which is then not visible at all).
    """
    from ...data import data_dir

    found = bwrap if bwrap is not None else (shutil.which("bwrap") or "")
    readable = _readable(package=not student_edition)
    hidden = tuple(p for p in [_package()] if student_edition and any(_under(p, f) for f in readable))
    return Sandbox(bwrap=found, readable=readable, hidden=hidden,
                   data=os.environ.get("NATOCOURSE_DATA") or str(data_dir()), student_edition=student_edition,
                   groups=cgroups.available(), as_root=hasattr(os, "geteuid") and os.geteuid() == 0,
                   system=_system(), owner=os.getpid())


def probe(sandbox: Sandbox) -> str:
    """Why ``sandbox`` cannot run a program here ("" if it can): the platform, a missing ``bwrap``,
    or what ``bwrap`` said when it tried (the real configuration, with Python, is tried)."""
    if not sys.platform.startswith("linux"):
        name = {"darwin": "macOS", "win32": "Windows"}.get(sys.platform, platform.system() or sys.platform)
        return f"this is {name}, where bubblewrap does not run"
    if not sandbox.bwrap:
        return "bubblewrap (bwrap) is not installed"
    import tempfile

    with tempfile.TemporaryDirectory(prefix="natocourse-probe-") as scratch:
        run_dir = prepare_run_dir(Path(scratch), b"{}")
        argv = sandbox.command([sys.executable, "-c", "import natocourse"], run_dir=run_dir,
                               notebook="notebook.ipynb", environment=_probe_environment(sandbox))
        try:
            done = subprocess.run(argv, capture_output=True, text=True, timeout=START_SECONDS,
                                  stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"bubblewrap could not start a sandbox here ({type(exc).__name__}: {short(exc, 160)})"
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split()[-40:]) or f"exit status {done.returncode}"
        return f"bubblewrap could not start a sandbox here ({short(said, 240)})"
    return ""


def _probe_environment(sandbox: Sandbox) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": SCRATCH, **({"PYTHONPATH": EXAM} if sandbox.student_edition else {})}


def unavailable(problem: str) -> str:
    """The message of a grade that cannot be sandboxed: what is wrong, what to install or where to grade."""
    if problem.startswith("this is"):
        fix = "Grade on Linux with bubblewrap installed, " + _ELSEWHERE.removeprefix("or ") + "."
    elif "not installed" in problem:
        fix = f"{_INSTALL[0].upper()}{_INSTALL[1:]}, {_ELSEWHERE}."
    else:
        fix = ("This kernel or container does not let the grading user make the namespaces a sandbox "
               "needs (the instructor guide's \"Grading securely\" lists the settings: "
               "kernel.unprivileged_userns_clone and user.max_user_namespaces, Ubuntu's AppArmor "
               "restriction on user namespaces, a container's seccomp and AppArmor profiles and masked /proc), "
               f"{_ELSEWHERE}.")
    return f"cannot grade: students' notebooks run in a bubblewrap sandbox, but {problem}. {fix} {_ANYWAY}"


def prepare(*, sandboxed: bool = True, student_edition: str = "", exam: bool = False) -> Sandbox:
    """The sandbox to grade with, checked before anything runs; :class:`GradingError` if there is none.

    ``sandboxed=False`` (``--no-sandbox``) grades without one, refused in exam mode (``exam``). A
    grader running as root needs a ``pids`` control group (nothing else caps a fork bomb there).
    """
    if not sandboxed:
        if exam:
            raise GradingError("exam mode (--keys) never grades without a sandbox: drop --no-sandbox, and "
                               "grade where bubblewrap runs")
        return Sandbox(student_edition=student_edition)
    sandbox = configure(student_edition)
    if not (Path(sandbox.data) / "datapackage.json").is_file():
        # a package installed on its own (the students' image) finds the data in the course folder
        # it runs in; the sandbox binds the grader's, which must exist before anything runs
        raise GradingError(f"the course's data was not found in {sandbox.data}: grade from inside a copy of the "
                           "course (the students' repository has its data/), or set NATOCOURSE_DATA to its data "
                           "folder")
    problem = probe(sandbox)
    if problem:
        raise GradingError(unavailable(problem))
    if sandbox.as_root and "pids" not in cgroups.controllers(sandbox.groups):
        raise GradingError(_ROOT_WITHOUT_PIDS)
    return sandbox


def prepare_run_dir(run_dir: Path, notebook: bytes) -> Path:
    """Fill a run's private host folder: the notebook's copy, and the sandbox's ``/etc/passwd`` and ``group``."""
    run_dir.chmod(0o700)
    (run_dir / "notebook.ipynb").write_bytes(notebook)
    (run_dir / "passwd").write_text(f"student:x:{UID}:{UID}:student:{SCRATCH}:/bin/sh\n")
    (run_dir / "group").write_text(f"student:x:{UID}:\n")
    (run_dir / "connection.json").touch()
    return run_dir


def environment(*, data: str, python_path: str, extra: Mapping[str, str] = {}) -> dict[str, str]:
    """The whole environment of a sandboxed kernel (nothing of the grader's own is passed in)."""
    return {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": SCRATCH, "LANG": "C.UTF-8",
            "TMPDIR": f"{SCRATCH}/.tmp", "NATOCOURSE_HOME": f"{SCRATCH}/.natocourse", "NATOCOURSE_DATA": data,
            "MPLCONFIGDIR": f"{SCRATCH}/.config/matplotlib", "IPYTHONDIR": f"{SCRATCH}/.ipython",
            "PYTHONWARNINGS": "ignore", **({"PYTHONPATH": python_path} if python_path else {}), **extra}


# ---- reading from a sandbox -------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


async def enter(process, deadline: float) -> tuple[int, int]:
    """Open the scratch folder and the socket folder of the sandbox ``process`` (the ``bwrap``
    the grader started) once it is set up: ``(scratch fd, kernel dir fd)``. Raises RuntimeError
    if it dies or does not get there by ``deadline``. The open folders stay usable after the
    sandbox is gone, until they are closed."""
    host_root = os.stat("/")
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the sandbox did not start (bubblewrap exited with status {process.returncode})")
        for child in _children(process.pid):
            try:
                root = os.open(f"/proc/{child}/root", os.O_PATH | os.O_DIRECTORY | os.O_CLOEXEC)
            except OSError:
                continue
            try:
                info = os.fstat(root)
                if (info.st_dev, info.st_ino) == (host_root.st_dev, host_root.st_ino):
                    continue
                flags = os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
                kernel_dir = os.open(KERNEL_DIR.lstrip("/"), flags, dir_fd=root)
                try:
                    scratch = os.open(SCRATCH.lstrip("/"), flags, dir_fd=root)
                except OSError:
                    os.close(kernel_dir)
                    raise
                return scratch, kernel_dir
            except OSError:
                continue
            finally:
                os.close(root)
        await asyncio.sleep(0.003)
    raise RuntimeError(f"the sandbox did not start within {START_SECONDS} s")


@functools.lru_cache(maxsize=1)
def _manager_class():
    """The kernel manager class (made on first use, so that importing this module needs no Jupyter)."""
    from jupyter_client.manager import AsyncKernelManager

    class SandboxedKernelManager(AsyncKernelManager):
        """Starts the grading kernel inside the :class:`Sandbox`, talks to it over the Unix sockets
        of the sandbox's socket folder, and keeps its scratch folder open for reading afterwards."""

        def setup(self, sandbox: Sandbox, run_dir: Path, notebook: str, environment: Mapping[str, str],
                  group: cgroups.RunGroup | None) -> None:
            self.sandbox, self.run_dir, self.notebook = sandbox, run_dir, notebook
            self.inner_environment, self.group = dict(environment), group
            self.scratch_fd = self.kernel_fd = -1
            self.connection_file = str(run_dir / "connection.json")

        def format_kernel_cmd(self, extra_arguments=None):
            inner = super().format_kernel_cmd(extra_arguments)
            host_file = os.path.realpath(self.connection_file)
            inner = [CONNECTION if argument == host_file else argument for argument in inner]
            command = self.sandbox.command(inner, run_dir=self.run_dir, notebook=self.notebook,
                                           environment=self.inner_environment)
            return cgroups.join_command(self.group.procs if self.group else [], command)

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            kw.update(stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                      env={"PATH": "/usr/bin:/bin"}, cwd=str(self.run_dir))
            await super()._async_launch_kernel(kernel_cmd, **kw)
            self.scratch_fd, self.kernel_fd = await enter(self.provisioner.process,
                                                          time.monotonic() + START_SECONDS)
            self.ip = f"/proc/self/fd/{self.kernel_fd}/k"

        def cleanup_ipc_files(self):
            """Nothing to remove: the sockets lived in the sandbox's tmpfs."""

        def read(self, relative: str, limit: int) -> tuple[bytes | None, str]:
            """A file of the sandbox's scratch folder, read without following links
            (:func:`.submissions.read_below`); works after the kernel has ended."""
            if self.scratch_fd < 0:
                return None, ""
            content, problem = read_below(self.scratch_fd, relative, limit)
            return content, f"the run's {relative} was not read: it is {problem}" if problem else ""

        def release(self) -> None:
            """Close the sandbox's folders (its tmpfs is freed) and remove the run's control groups."""
            for fd in (self.scratch_fd, self.kernel_fd):
                if fd >= 0:
                    os.close(fd)
            self.scratch_fd = self.kernel_fd = -1
            if self.group is not None:
                self.group.remove()
                self.group = None

    return SandboxedKernelManager


def kernel_manager(sandbox: Sandbox, *, run_dir: Path, notebook: str, environment: Mapping[str, str],
                   kernel_name: str, memory_mb: int):
    """A kernel manager that starts ``kernel_name`` in ``sandbox`` for one run (its control groups made
    here, when the host has them; :meth:`release` removes them)."""
    group = cgroups.RunGroup(sandbox.groups, processes=sandbox.processes, owner=sandbox.owner,
                             memory_bytes=(memory_mb + 256) * 2**20 + sandbox.scratch_bytes) \
        if sandbox.groups else None
    manager = _manager_class()(transport="ipc", ip=f"{KERNEL_DIR}/k", kernel_name=kernel_name)
    manager.setup(sandbox, run_dir, notebook, environment, group)
    return manager
