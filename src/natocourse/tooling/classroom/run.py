"""Grading, step 3: run a notebook again, under limits, and read the answers its checks record.

The notebook (cleared by :mod:`.saved`) runs top to bottom, started by nbclient in a fresh kernel
of the grading kernelspec (:mod:`.kernel`: limited memory, CPU, file size and processes, quiet
logs), inside a bubblewrap sandbox (:mod:`.sandbox`) that holds its own copy of the notebook in a
private scratch folder of limited size, which is also its course home: each
``exercises.check(id, answer)`` records its raw answer there (as data: a DataFrame or Series as
its values, never pickle). Once the kernel is gone the grader reads that attempts file out of the
sandbox without following links and hands it to :func:`natocourse.engine.progress.raw_answers`,
the one reader of the format, for the *code answers*; the statuses beside them are never read.
Without a sandbox (``--no-sandbox``) the same happens in a private folder of the host.

Student code is hostile. What it may use is a :class:`natocourse.tooling.course.Limits`: seconds
for the whole notebook, bytes of output (counted here, out of the student's reach:
:func:`capped_client`) and megabytes of kernel memory. A notebook that breaks a limit, raises,
dies or cannot start gives a :class:`Run` with a problem saying why; :func:`run` never raises.

The run opens no answer key and checks nothing: it returns raw answers and problems, which
:mod:`.score` checks later without any kernel. :func:`kernel_environment` is everything the
kernel is given, in one place.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..course import Course, Limits
from .sandbox import (DATA, EXAM, SCRATCH_BYTES, Sandbox, kernel_manager, prepare, prepare_run_dir)
from .sandbox import environment as sandbox_environment
from .submissions import GradingError, short


@dataclass
class Run:
    """What running a notebook gave: the raw answers its checks recorded, by question, and the
    problem that stopped or spoiled the run ("" if none) with its kind (one of
    :data:`.submissions.PROBLEM_KINDS`)."""

    code: dict[str, list] = field(default_factory=dict)
    problem: str = ""
    kind: str = ""


class OutputLimitExceeded(RuntimeError):
    """A notebook produced more output than grading allows."""


def capped_client(nb, *, folder: Path, limits: Limits, deadline: float):
    """An nbclient client for ``nb`` in ``folder`` that stops it once its outputs pass
    ``limits.output_bytes`` bytes, and gives each cell only the time left until ``deadline``."""
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """Runs a notebook and stops it once its outputs pass ``output_cap`` bytes."""

        output_cap = 2_000_000
        produced = 0

        async def _async_poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive):
            # nbclient stops its kernel-liveness poll only on the paths it expects; when the output
            # cap (or anything else) ends the wait, the poll would outlive the kernel and print
            # "Task exception was never retrieved" with a traceback under the progress bar.
            try:
                return await super()._async_poll_for_reply(msg_id, cell, timeout, task_poll_output_msg,
                                                           task_poll_kernel_alive)
            except BaseException:
                task_poll_kernel_alive.cancel()
                raise

        def output(self, outs, msg, display_id, cell_index):
            self.produced += len(json.dumps(msg.get("content", {}), default=str))
            if self.produced > self.output_cap:
                raise OutputLimitExceeded(f"the notebook printed more than {self.output_cap:,} bytes of output")
            return super().output(outs, msg, display_id, cell_index)

    client = CappedClient(nb, kernel_name=Course.grading_kernel, allow_errors=True, record_timing=False,
                          timeout_func=lambda _cell: max(1, int(deadline - time.monotonic()) + 1),
                          resources={"metadata": {"path": str(Path(folder).resolve())}})
    client.output_cap = limits.output_bytes
    return client


def kernel_environment(home: Path, jupyter: Path, limits: Limits, python_path: str = "", *,
                       sandbox: Sandbox | None = None) -> dict[str, str]:
    """The environment the kernel starts with; writes the grading kernelspec under ``jupyter``.

    In a ``sandbox`` (enabled): nothing of the grader's environment, only the sandbox's paths
    (:func:`.sandbox.environment`: its scratch folder as home and course home, the data, the
    keyless student edition first on the path in exam mode). Without one: the grader's environment
    with ``home`` as course home, the course's data and ``python_path`` first on the path when given.
    ``JUPYTER_PATH`` (the kernelspec, for the grader's own lookup) is set in both.
    """
    from ...data import data_dir
    from .kernel import kernelspec_dir

    sandboxed = sandbox is not None and sandbox.enabled
    specs = kernelspec_dir(jupyter, memory_mb=limits.memory_mb, cpu_seconds=int(limits.timeout) + 30,
                           file_bytes=sandbox.scratch_bytes if sandbox else SCRATCH_BYTES,
                           processes=sandbox.processes if sandboxed else 0)
    search = {"JUPYTER_PATH": os.pathsep.join([str(specs), os.environ.get("JUPYTER_PATH", "")])}
    if sandboxed:
        inner = sandbox_environment(data=DATA, python_path=EXAM if sandbox.student_edition else "")
        return {**inner, **search}
    return {**os.environ, "NATOCOURSE_HOME": str(home), "PYTHONWARNINGS": "ignore",
            **({"PYTHONPATH": python_path} if python_path else {}),
            "NATOCOURSE_DATA": os.environ.get("NATOCOURSE_DATA") or str(data_dir()), **search}


@contextlib.contextmanager
def _jupyter_path(value: str):
    """Set ``JUPYTER_PATH`` in this process while nbclient looks up the kernelspec."""
    previous = os.environ.get("JUPYTER_PATH")
    os.environ["JUPYTER_PATH"] = value
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("JUPYTER_PATH", None)
        else:
            os.environ["JUPYTER_PATH"] = previous


def recorded_answers(home: Path) -> tuple[dict[str, list], str]:
    """The raw answers a run recorded in the course home ``home``, by question, and a problem if
    the attempts file was unusable."""
    from ...engine import progress

    return progress.raw_answers(home / progress.FILENAME)


def cell_errors(nb) -> str:
    """The first three errors the run left in ``nb``'s outputs ("" if none)."""
    errors = [f"cell {n} raised {o.get('ename')}" for n, c in enumerate(nb.cells, start=1)
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return "; ".join(errors[:3])


def _inner_name(name: str) -> str:
    """The notebook's file name in its scratch folder: its own name when that is a plain one."""
    name = Path(str(name)).name
    return name if re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 _.,+-]{0,120}\.ipynb", name) else "notebook.ipynb"


def run(nb, name: str = "notebook.ipynb", limits: Limits = Limits(), *, sandbox: Sandbox | None = None) -> Run:
    """Run the cleared notebook ``nb`` (its file name ``name``) under ``limits`` in ``sandbox``
    (default: a sandbox on this host, :func:`.sandbox.prepare`); never raises."""
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from ...engine import progress

    outcome = Run()
    try:
        sandbox = sandbox if sandbox is not None else prepare()
    except GradingError as exc:
        return Run(problem=str(exc), kind="failed")
    deadline = time.monotonic() + limits.timeout
    notebook = _inner_name(name)
    with tempfile.TemporaryDirectory(prefix="natocourse-grade-") as scratch:
        run_dir = prepare_run_dir(Path(scratch), nbformat_bytes(nb))
        home = Path(scratch) / "home"
        home.mkdir()
        work = Path(scratch) / "work"  # the working folder of a kernel without a sandbox
        work.mkdir()
        (work / notebook).write_bytes((run_dir / "notebook.ipynb").read_bytes())
        environment = kernel_environment(home, Path(scratch) / "jupyter", limits, sandbox.student_edition,
                                         sandbox=sandbox)
        client = capped_client(nb, folder=work, limits=limits, deadline=deadline)
        manager = None
        try:
            with _jupyter_path(environment.pop("JUPYTER_PATH")):
                if sandbox.enabled:
                    manager = kernel_manager(sandbox, run_dir=run_dir, notebook=notebook, environment=environment,
                                             kernel_name=Course.grading_kernel, memory_mb=limits.memory_mb)
                    client.km, client.shutdown_kernel = manager, "immediate"
                    client.execute(cleanup_kc=True)
                else:
                    client.execute(env=environment)
        except CellTimeoutError:
            outcome.problem, outcome.kind = f"the notebook did not finish within {limits.timeout:g} s", "timeout"
        except DeadKernelError:
            outcome.problem, outcome.kind = ("the kernel died while running the notebook (it may have used more "
                                             f"than {limits.memory_mb} MB of memory)"), "memory"
        except OutputLimitExceeded as exc:
            outcome.problem, outcome.kind = str(exc), "output"
        except Exception as exc:  # noqa: BLE001
            outcome.problem, outcome.kind = f"the notebook could not run ({type(exc).__name__}): {short(exc)}", "failed"
        finally:
            if manager is not None:
                _stop(manager)
                content, trouble = manager.read(f".natocourse/{progress.FILENAME}", progress.MAX_READ_BYTES)
                manager.release()
                if content is not None:
                    (home / progress.FILENAME).write_bytes(content)
                if trouble and not outcome.problem:
                    outcome.problem, outcome.kind = trouble, "failed"
        outcome.code, trouble = recorded_answers(home)
        if trouble and not outcome.problem:
            outcome.problem, outcome.kind = trouble, "failed"
    if not outcome.problem:
        outcome.problem = cell_errors(nb)
        outcome.kind = ("memory" if "MemoryError" in outcome.problem else "error") if outcome.problem else ""
    return outcome


def _stop(manager) -> None:
    """Make sure the sandbox is gone (nbclient shuts the kernel down; this covers a failed start)."""
    process = getattr(manager.provisioner, "process", None) if manager.provisioner else None
    if process is not None and process.poll() is None:
        process.kill()
        process.wait()


def nbformat_bytes(nb) -> bytes:
    """The notebook as the JSON text of a ``.ipynb`` file."""
    import nbformat

    return nbformat.writes(nb).encode("utf-8")
