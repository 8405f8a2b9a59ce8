"""Collect a class's work and grade it: ``python -m natocourse collect NAME --homes DIR``.

On a JupyterHub whose students work in home folders the instructor can read (one folder per
student, e.g. ``/home/<student>`` with the local-process spawner, or a shared volume mounted for the
instructor on Kubernetes), this command:

1. finds each student's saved copy of the assignment's notebook (``<home>/**/NAME.ipynb``, the
   most recently saved one if there are several; checkpoints and hidden folders are ignored): a
   home is searched without following links, and only regular files are copied, opened without
   following a link and at most :data:`.submissions.MAX_BYTES` long; a student whose only copy is
   a link or too large gets a row saying so;
2. copies it to ``OUT/NAME/submitted/<student>.ipynb``, writing the home folder's name into
   ``metadata.natocourse.student`` (the hub's user name, not whatever the notebook claims);
3. grades the copies from their answers with :mod:`natocourse.tooling.classroom.grading` (each
   runs again in a fresh kernel in its sandbox under the limits given, as ``grade`` does; every
   answer is checked outside it), with the questions and points of the assignment's manifest
   (:func:`natocourse.tooling.classroom.assign.load_manifest`);
4. writes the gradebook ``OUT/NAME/grades.csv`` (``student, <question ids...>, total, percent``),
   ``OUT/NAME/grades-details.csv`` for audit and ``OUT/NAME/feedback/<student>.md``.

A student with no saved notebook gets a gradebook row of zeros and is named on the command's output.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..course import Course, Limits, worker_count
from .assign import AssignmentError, Manifest, load_manifest
from .submissions import MAX_BYTES, read_below


class CollectError(ValueError):
    """A collection that cannot be carried out (the message says why)."""


@dataclass
class Collection:
    """What :func:`collect` found and wrote."""

    manifest: Manifest
    submitted: dict[str, Path] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    gradebook: dict[str, dict[str, float]] = field(default_factory=dict)
    grades_csv: Path | None = None


def saved_copies(home: Path, notebook: str) -> tuple[list[Path], str]:
    """The regular files named ``notebook`` under ``home`` (searched without following links), and
    why a file of that name was passed over ("" if none was)."""
    found, passed = [], ""
    for folder, folders, files in os.walk(home, followlinks=False):
        folders[:] = [d for d in folders if not d.startswith(".")]
        for name in (n for n in [*files, *folders] if n == notebook):
            path = Path(folder, name)
            info = os.lstat(path)
            if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
                found.append(path)
            else:
                passed = (f"{path.relative_to(home)} is a link" if stat.S_ISLNK(info.st_mode) else
                          f"{path.relative_to(home)} is larger than {MAX_BYTES // 1_000_000} MB"
                          if stat.S_ISREG(info.st_mode) else f"{path.relative_to(home)} is not a regular file")
    return found, passed


def newest(found: list[Path]) -> Path | None:
    """The most recently saved of ``found`` (None if empty)."""
    return max(found, key=lambda p: (p.stat(follow_symlinks=False).st_mtime, str(p))) if found else None


def find_notebook(home: Path, notebook: str) -> Path | None:
    """The student's saved copy of ``notebook`` under ``home`` (the newest regular file), or ``None``."""
    return newest(saved_copies(home, notebook)[0])


def _stamp_student(home: Path, source: Path, target: Path, student: str) -> str:
    """Copy a submission, recording who it belongs to (an unreadable notebook is copied as it is);
    the file is read without following any link below ``home``. Returns why it was not copied ("")."""
    try:
        folder = os.open(home, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError as exc:
        return f"the home folder cannot be read ({exc.strerror or exc})"
    try:
        content, problem = read_below(folder, source.relative_to(home).as_posix(), MAX_BYTES)
    finally:
        os.close(folder)
    if content is None:
        return f"{source.relative_to(home)} was not copied: it is {problem or 'gone'}"
    try:
        nb = json.loads(content.decode("utf-8"))
        if not isinstance(nb, dict):
            raise ValueError("not a notebook")
    except (ValueError, UnicodeDecodeError):
        target.write_bytes(content)
        return ""
    metadata = nb.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        metadata = nb["metadata"] = {}
    course = metadata.get("natocourse")
    metadata["natocourse"] = {**(course if isinstance(course, dict) else {}), "student": student}
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return ""


def collect(name: str, homes: str | Path, *, directory: str | Path = ".", out: str | Path = "collected",
            limits: Limits = Limits(), jobs: int | None = None, students: Iterable[str] | None = None,
            sandboxed: bool = True) -> Collection:
    """Collect ``release/NAME`` from every student's home under ``homes``, grade it under ``limits``
    (``jobs`` notebooks at once; ``sandboxed=False`` is ``--no-sandbox``), write the CSVs.

    ``students`` restricts (or, for students without a home folder yet, extends) the class list;
    by default every folder in ``homes`` not starting with a dot is a student.
    """
    from . import gradebook, grading, score

    worker_count(jobs, 1)  # a bad --jobs is refused before anything is written
    try:
        manifest = load_manifest(Course(workspace=directory).release / name)
    except AssignmentError as exc:
        raise CollectError(f"{exc} (run `python -m natocourse assign {name} ...` first, in this folder "
                           "or the one given with --dir)") from None
    homes = Path(homes)
    if not homes.is_dir():
        raise CollectError(f"--homes {homes} is not a folder of student home folders")
    if students is not None:
        roster = sorted(set(students))
        odd = [s for s in roster if not isinstance(s, str) or not s.strip() or Path(s).name != s
               or s.startswith(".") or "\\" in s or "\x00" in s]
        if odd:
            raise CollectError(f"--students takes user names (folder names in --homes), not {odd[0]!r}")
    else:
        roster = sorted(p.name for p in homes.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not roster:
        raise CollectError(f"no student folders in {homes}")
    target = Path(out) / manifest.name
    submitted_dir = target / "submitted"
    if submitted_dir.exists():
        shutil.rmtree(submitted_dir)
    submitted_dir.mkdir(parents=True)
    result = Collection(manifest)
    for student in roster:
        home = homes / student
        linked = home.is_symlink()
        found, passed = saved_copies(home, manifest.notebook) if home.is_dir() and not linked else ([], "")
        latest = newest(found)
        copy = submitted_dir / f"{student}.ipynb"
        why = _stamp_student(home, latest, copy, student) if latest else (
            "the home folder is a link, which is not followed" if linked else passed)
        if latest and not why:
            result.submitted[student] = copy
        elif why:
            result.refused[student] = why
        else:
            result.missing.append(student)
    ids = [q for q, _ in manifest.questions]
    rows = grading.grade(list(result.submitted.values()), points=manifest.points, questions=ids,
                         limits=limits, jobs=jobs, sandboxed=sandboxed) if result.submitted else []
    bank = score.load_bank()
    rows += [score.Row(student, manifest.notebook, q, "", "not_answered", 0, manifest.points[q],
                       "no saved notebook was found in this student's home")
             for student in result.missing for q in ids]
    rows += [score.Row(student, manifest.notebook, q, "", "error", 0, manifest.points[q], why)
             for student, why in result.refused.items() for q in ids]
    result.grades_csv = target / "grades.csv"
    gradebook.write_reports(rows, result.grades_csv, questions=ids, points=manifest.points, bank=bank,
                            note="" if sandboxed else grading.UNSANDBOXED)
    _, table = gradebook.table(rows, ids, manifest.points)
    result.gradebook = {row["student"]: {q: float(row[q]) for q in ids} for row in table}
    return result
