"""Collect a class's work and grade it: ``python -m natocourse collect NAME --homes DIR``.

On a JupyterHub whose students work in home folders the instructor can read (one folder per
student, e.g. ``/home/<student>`` with the local-process spawner, or a shared volume mounted for the
instructor on Kubernetes), this command:

1. finds each student's saved copy of the assignment's notebook (``<home>/**/NAME.ipynb``, the
   most recently saved one if there are several; checkpoints are ignored);
2. copies it to ``OUT/NAME/submitted/<student>.ipynb``, writing the home folder's name into
   ``metadata.natocourse.student`` (the hub's user name, not whatever the notebook claims);
3. grades the copies from their answers with :mod:`natocourse.tooling.classroom.grading` (each
   runs again in a fresh kernel under the limits given, as ``grade`` does; every answer is checked
   outside it), with the questions and points of the assignment's manifest
   (:func:`natocourse.tooling.classroom.assign.load_manifest`);
4. writes the gradebook ``OUT/NAME/grades.csv`` (``student, <question ids...>, total, percent``),
   ``OUT/NAME/grades-details.csv`` for audit and ``OUT/NAME/feedback/<student>.md``.

A student with no saved notebook gets a gradebook row of zeros and is named on the command's output.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..course import Course, Limits, worker_count
from .assign import AssignmentError, Manifest, load_manifest


class CollectError(ValueError):
    """A collection that cannot be carried out (the message says why)."""


@dataclass
class Collection:
    """What :func:`collect` found and wrote."""

    manifest: Manifest
    submitted: dict[str, Path] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    gradebook: dict[str, dict[str, float]] = field(default_factory=dict)
    grades_csv: Path | None = None


def find_notebook(home: Path, notebook: str) -> Path | None:
    """The student's saved copy of ``notebook`` under ``home`` (the newest), or ``None``."""
    found = [p for p in home.rglob(notebook)
             if p.is_file() and ".ipynb_checkpoints" not in p.parts
             and not any(part.startswith(".") for part in p.relative_to(home).parts[:-1])]
    return max(found, key=lambda p: (p.stat().st_mtime, str(p))) if found else None


def _stamp_student(source: Path, target: Path, student: str) -> None:
    """Copy a submission, recording who it belongs to; an unreadable file is copied as it is."""
    try:
        nb = json.loads(source.read_text(encoding="utf-8"))
        if not isinstance(nb, dict):
            raise ValueError("not a notebook")
    except (ValueError, UnicodeDecodeError):
        shutil.copyfile(source, target)
        return
    metadata = nb.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        metadata = nb["metadata"] = {}
    course = metadata.get("natocourse")
    metadata["natocourse"] = {**(course if isinstance(course, dict) else {}), "student": student}
    target.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def collect(name: str | None, homes: str | Path, *, directory: str | Path = ".", out: str | Path = "collected",
            limits: Limits = Limits(), jobs: int | None = None, students: Iterable[str] | None = None,
            exam: str | Path | None = None) -> Collection:
    """Collect ``release/NAME`` (or, with ``exam``, the exam that ``exam`` wrote into that folder)
    from every student's home under ``homes``, grade it under ``limits`` (``jobs`` notebooks at
    once; an exam with its keys file, in exam mode), write the CSVs.

    ``students`` restricts (or, for students without a home folder yet, extends) the class list;
    by default every folder in ``homes`` not starting with a dot is a student.
    """
    from . import gradebook, grading, score

    worker_count(jobs, 1)  # a bad --jobs is refused before anything is written
    keys = None
    if exam is not None:
        from .exam import ExamError, load

        try:
            manifest, keys = load(exam)
        except ExamError as exc:
            raise CollectError(str(exc)) from None
    else:
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
        found = find_notebook(homes / student, manifest.notebook) if (homes / student).is_dir() else None
        if found is None:
            result.missing.append(student)
            continue
        copy = submitted_dir / f"{student}.ipynb"
        _stamp_student(found, copy, student)
        result.submitted[student] = copy
    ids = [q for q, _ in manifest.questions]
    bank = score.load_bank(keys)
    rows = grading.grade(list(result.submitted.values()), keys=keys, points=manifest.points, questions=ids,
                         bank=bank, limits=limits, jobs=jobs) if result.submitted else []
    rows += [score.Row(student, manifest.notebook, q, "", "not_answered", 0, manifest.points[q],
                       "no saved notebook was found in this student's home")
             for student in result.missing for q in ids]
    result.grades_csv = target / "grades.csv"
    gradebook.write_reports(rows, result.grades_csv, questions=ids, points=manifest.points, bank=bank)
    _, table = gradebook.table(rows, ids, manifest.points)
    result.gradebook = {row["student"]: {q: float(row[q]) for q in ids} for row in table}
    return result
