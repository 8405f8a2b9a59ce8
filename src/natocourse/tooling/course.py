"""The course the tools work on: its folders, what grading may use, and the rules of points.

A :class:`Course` is two places and the limits of grading:

- ``root``, the course repository: ``notebooks/`` (lessons), ``exercises/`` (generated),
  ``solutions/`` (exercises with answers), ``data/``, ``_toc.yml`` and the chapters' question
  modules; by default the repository the package is installed from, found once, when asked for;
- ``workspace``, the instructor's folder (default: the current one): ``release/NAME/`` what
  students receive, ``source/NAME/`` the same with the answers;
- ``limits``, what a student's notebook may use when it is graded (:class:`Limits`).

It also names the two kernels: the one every course notebook declares (:attr:`Course.kernelspec`)
and the limited one grading runs students' notebooks in (:attr:`Course.grading_kernel`, written by
:mod:`natocourse.tooling.classroom.kernel`).

Every tool takes these from here rather than finding them on its own, and the checks of what a
user gives (limits, points, the number of notebooks run at once) are made here once, so that
``assign``, ``grade`` and ``collect`` accept the same things and say the same thing when they refuse.

**Points** (:func:`points`, :func:`parse_points`) are a number more than 0 and at most
:data:`MAX_POINTS`, everywhere: ``--points`` of ``assign``, ``grade`` and ``collect``'s manifests.
Zero is refused: a question worth nothing has no place in a graded set, and the way to leave one
out is to leave it out of ``--questions``.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import ClassVar, Iterable, Mapping

#: The largest number of points one question may carry.
MAX_POINTS = 1000

_POINTS_TEXT = re.compile(r"\d+(\.\d+)?")


class CourseError(ValueError):
    """A course folder that is missing, or a limit or points value that is refused (the message
    says which and what to give instead)."""


@dataclass(frozen=True)
class Limits:
    """What one student's notebook may use when it is graded: seconds in all, bytes of output,
    megabytes of kernel memory. Each must be a positive number; anything else is refused here."""

    timeout: float = 60
    output_bytes: int = 2_000_000
    memory_mb: int = 2048

    #: Each limit's command-line option and unit, for the messages and the help.
    OPTIONS: ClassVar[Mapping[str, tuple[str, str]]] = MappingProxyType({
        "timeout": ("--timeout", "seconds"), "output_bytes": ("--output-limit", "bytes"),
        "memory_mb": ("--memory", "MB")})

    def __post_init__(self):
        for name, (option, unit) in self.OPTIONS.items():
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                    or value <= 0:
                raise CourseError(f"{option} must be a positive number of {unit}, not {value!r}")


def worker_count(jobs: int | None, notebooks: int, memory_mb: int | None = None) -> int:
    """How many notebooks to run at once: ``jobs``, never more than there are notebooks.

    ``jobs`` is ``--jobs``: a whole number of at least 1, or ``None`` for the default, which is
    what this machine allows as its cgroup (a pod's or a container's limits) says, not the host's
    core count: one kernel per CPU of the cgroup's quota, and no more kernels of ``memory_mb``
    (default: :func:`.machine.kernel_memory_mb`) than its memory holds (:func:`.machine.default_jobs`).
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise CourseError(f"--jobs must be at least 1, not {jobs!r}")
    if jobs is None:
        from . import machine

        available = machine.resources()
        jobs = machine.default_jobs(memory_mb or machine.kernel_memory_mb(available), available)
    return max(1, min(jobs, notebooks))


def points(value) -> float:
    """Points for one question: a number more than 0 and at most :data:`MAX_POINTS`.

    Takes a number or its text (``2``, ``1.5``, ``"2"``); anything else, zero included, raises
    :class:`CourseError`.
    """
    number = float(value.strip()) if isinstance(value, str) and _POINTS_TEXT.fullmatch(value.strip()) else value
    is_number = isinstance(number, int) and not isinstance(number, bool) or \
        isinstance(number, float) and math.isfinite(number)
    if is_number and 0 < number <= MAX_POINTS:
        return float(number)
    if is_number:
        shown = f"{number:g}" if abs(number) < 10**15 else "a huge number"
    else:
        shown = repr(value)
    hint = "; leave a question worth nothing out of --questions" if is_number and number == 0 else ""
    raise CourseError(f"points must be a positive number (more than 0, at most {MAX_POINTS}), not {shown}{hint}")


def parse_points(options: Iterable[str]) -> dict[str, float]:
    """``--points`` options → points by question: ``["coldwar-02=2", "bill-01=1.5"]`` →
    ``{"coldwar-02": 2.0, "bill-01": 1.5}``. Each value follows :func:`points`; a question given
    twice is refused."""
    given: dict[str, float] = {}
    for option in options or ():
        qid, sep, value = str(option).partition("=")
        qid = qid.strip()
        if not sep or not qid:
            raise CourseError(f"--points {option!r} must be written ID=N, e.g. coldwar-02=2")
        if qid in given:
            raise CourseError(f"--points gives {qid} twice")
        try:
            given[qid] = points(value)
        except CourseError as exc:
            raise CourseError(f"--points takes ID=N: in {option!r}, {exc}") from None
    return given


@functools.lru_cache(maxsize=1)
def _installed_repository() -> Path | None:
    """The course repository holding this package (``None`` when installed without one)."""
    for parent in Path(__file__).resolve().parents:
        if (parent / "_toc.yml").is_file() and (parent / "solutions").is_dir():
            return parent
    return None


@dataclass(frozen=True)
class Course:
    """The course repository, the instructor's workspace and the limits of grading (see the module).

    ``Course()`` is the repository the package is installed from, worked on from the current
    folder; ``Course(root=..., workspace=...)`` another one. A folder of a repository that cannot
    be found raises :class:`CourseError` only when it is asked for, so that the commands that need
    only the workspace (``grade``, ``collect``) work wherever the package is installed.
    """

    root: Path | None = None
    workspace: Path = Path(".")
    limits: Limits = field(default_factory=Limits)

    #: The kernel every course notebook declares.
    kernelspec: ClassVar[Mapping[str, str]] = MappingProxyType(
        {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"})
    #: The kernelspec grading runs a student's notebook with: limited memory and CPU, quiet logs.
    grading_kernel: ClassVar[str] = "natocourse-grader"

    def __post_init__(self):
        object.__setattr__(self, "root", Path(self.root) if self.root is not None else _installed_repository())
        object.__setattr__(self, "workspace", Path(self.workspace))

    def _in_root(self, *parts: str) -> Path:
        if self.root is None:
            raise CourseError("the course repository (the folder holding _toc.yml and solutions/) was not "
                              "found; pass --root")
        return self.root.joinpath(*parts)

    @property
    def notebooks(self) -> Path:
        """The lessons."""
        return self._in_root("notebooks")

    @property
    def exercises(self) -> Path:
        """The student notebooks, generated from :attr:`solutions`."""
        return self._in_root("exercises")

    @property
    def solutions(self) -> Path:
        """The exercise notebooks with their answers."""
        return self._in_root("solutions")

    @property
    def data(self) -> Path:
        """The sourced data package."""
        return self._in_root("data")

    @property
    def questions(self) -> Path:
        """The chapters' question modules."""
        return self._in_root("src", "natocourse", "questions")

    @property
    def toc(self) -> Path:
        """The book's table of contents, ``_toc.yml``."""
        return self._in_root("_toc.yml")

    @property
    def release(self) -> Path:
        """``release/``: one folder per assignment, what students receive."""
        return self.workspace / "release"

    @property
    def source(self) -> Path:
        """``source/``: one folder per assignment, with the answers (instructors only)."""
        return self.workspace / "source"

    def require(self, *folders: str) -> Course:
        """Check that the repository has ``folders`` (names of its properties above, e.g. ``"solutions"``);
        return the course."""
        for name in folders:
            path = getattr(self, name)
            if not path.exists():
                shown = path.relative_to(self.root).as_posix() + ("" if path.suffix else "/")
                raise CourseError(f"{self.root} has no {shown}: give the course repository")
        return self
