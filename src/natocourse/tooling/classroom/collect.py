"""Collect a class's work and grade it: ``python -m natocourse collect NAME --homes DIR``.

On a JupyterHub whose students work in home folders the instructor can read (one folder per
student, e.g. ``/home/<student>`` with the local-process spawner, or a shared volume mounted for the
instructor on Kubernetes), this command:

1. takes the class list: ``--roster FILE`` (plain, Canvas or Moodle: :mod:`.roster`), or
   ``--students``, or the copy ``assign --roster`` kept in ``source/NAME/roster.csv``; without
   one, every home folder holding the assignment's notebook is a student (a folder without it,
   such as the instructor's own, is skipped);
2. finds each student's saved copy of the assignment's notebook (``<home>/**/NAME.ipynb``, the
   most recently saved one if there are several; checkpoints and hidden folders are ignored);
   with a class list, a home folder not on it that holds the notebook is collected too, and
   listed apart as "not on roster";
3. copies it to ``OUT/NAME/submitted/<student>/NAME.ipynb``: the home folder names the student,
   never the notebook (:mod:`.submissions`). The copy keeps the file's modification time, never
   later than the moment of the copy (:mod:`.deadlines`). With ``--snapshot``, only files saved
   before the student's cut-off are copied; the others are listed, and their students marked late;
4. grades the copies as ``grade`` does (:func:`.grading.grade_class`), with the manifest's
   questions, points, limit of attempts and due date, and writes ``OUT/NAME/grades.csv``, its
   details, ``OUT/NAME/feedback/NAME/<student>.md`` and, with ``--format``, the LMS file.

A student on the class list with no saved notebook gets a gradebook row of zeros with the status
"no submission", and is named on the command's output with everyone else who needs attention.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..course import Course, Limits, worker_count
from .assign import ROSTER, AssignmentError, Manifest, load_manifest
from .deadlines import Deadline, DeadlineError, file_time, now, parse_extensions
from .roster import Roster, RosterError, check_name, from_names


class CollectError(ValueError):
    """A collection that cannot be carried out (the message says why)."""


@dataclass
class Collection:
    """What :func:`collect` found and wrote."""

    manifest: Manifest
    submitted: dict[str, Path] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    #: Files ``--snapshot`` left out: the student and when the file was last changed (shown).
    skipped: dict[str, str] = field(default_factory=dict)
    gradebook: dict[str, dict[str, float]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    grades_csv: Path | None = None
    report: object = None
    roster_source: str = ""


def find_notebook(home: Path, notebook: str) -> Path | None:
    """The student's saved copy of ``notebook`` under ``home`` (the newest), or ``None``."""
    found = [p for p in home.rglob(notebook)
             if p.is_file() and not any(part.startswith(".") for part in p.relative_to(home).parts[:-1])]
    return max(found, key=lambda p: (p.stat().st_mtime, str(p))) if found else None


def _copy(source: Path, target: Path) -> None:
    """Copy a hand-in as it is, keeping its modification time but never one after this moment."""
    taken = now().timestamp()
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    modified = min(os.stat(source).st_mtime, taken)
    os.utime(target, (modified, modified))


def class_list(manifest: Manifest, directory: str | Path, roster: Roster | None,
               students: Iterable[str] | None) -> Roster | None:
    """The class list to collect for: ``roster``, else ``students``, else ``source/NAME/roster.csv``."""
    from .roster import load

    if roster is not None and students is not None:
        raise CollectError("give the class list once: --roster FILE or --students, not both")
    if students is not None:
        try:
            return from_names(sorted(set(students)), "user name in --students")
        except RosterError as exc:
            raise CollectError(f"--students takes user names (folder names in --homes): {exc}") from None
    if roster is not None:
        return roster
    kept = Course(workspace=directory).source / manifest.name / ROSTER
    if kept.is_file():
        try:
            return load(kept)
        except RosterError as exc:
            raise CollectError(str(exc)) from None
    return None


def collect(name: str, homes: str | Path, *, directory: str | Path = ".", out: str | Path = "collected",
            limits: Limits = Limits(), jobs: int | None = None, students: Iterable[str] | None = None,
            roster: Roster | None = None, extensions: Iterable[str] = (), snapshot: bool = False,
            release_answers: bool = False, lms: str = "", grade_max: float | None = None,
            lms_column: str | None = None, quiet: bool = False) -> Collection:
    """Collect ``release/NAME`` from the students' homes under ``homes``, grade it under ``limits``
    (``jobs`` notebooks at once) and write the reports (see the module docstring)."""
    from . import grading

    worker_count(jobs, 1)  # a bad --jobs is refused before anything is written
    try:
        manifest = load_manifest(Course(workspace=directory).release / name)
    except AssignmentError as exc:
        raise CollectError(f"{exc} (run `python -m natocourse assign {name} ...` first, in this folder "
                           "or the one given with --dir)") from None
    homes = Path(homes)
    if not homes.is_dir():
        raise CollectError(f"--homes {homes} is not a folder of student home folders")
    roster = class_list(manifest, directory, roster, students)
    try:
        deadline = Deadline(manifest.due, manifest.timezone, parse_extensions(extensions, roster))
    except DeadlineError as exc:
        raise CollectError(str(exc)) from None
    if snapshot and manifest.due is None:
        raise CollectError(f"--snapshot needs a due date; {name}'s manifest has none (assign it with --due)")
    folders = sorted(p.name for p in homes.iterdir() if p.is_dir() and not p.name.startswith("."))
    candidates = list(roster.logins) if roster is not None else []
    candidates += [f for f in folders if roster is None or f not in roster]
    result = Collection(manifest, roster_source=roster.source if roster is not None else "")
    found: dict[str, Path] = {}
    unusable = []
    for student in candidates:
        home = homes / student
        notebook = find_notebook(home, manifest.notebook) if home.is_dir() else None
        if notebook is None:
            if roster is not None and student in roster:
                result.missing.append(student)
            continue
        try:
            check_name(student, "home folder name")
        except RosterError as exc:
            unusable.append(f"{home}: {exc}")
            continue
        if snapshot and deadline.late(student, file_time(notebook)):
            result.skipped[student] = deadline.shown(file_time(notebook))
            continue
        found[student] = notebook
    if unusable:
        raise CollectError("cannot collect from home folders whose names are not logins:\n  " + "\n  ".join(unusable))
    if not found and not result.missing and not result.skipped:
        raise CollectError(f"no home folder in {homes} holds {manifest.notebook}" +
                           (" and no class list was given" if roster is None else ""))
    target = Path(out) / manifest.name
    submitted_dir = target / "submitted"
    if submitted_dir.exists():
        shutil.rmtree(submitted_dir)
    submitted_dir.mkdir(parents=True)
    for student, notebook in found.items():
        copy = submitted_dir / student / manifest.notebook
        _copy(notebook, copy)
        result.submitted[student] = copy
    plan = grading.Plan.from_manifest(manifest, extensions=dict(deadline.extensions), roster=roster,
                                      release_answers=release_answers, lms=lms or None, grade_max=grade_max,
                                      lms_column=lms_column)
    skipped_reason = {s: f"changed after the cut-off (last saved {t}), so --snapshot did not collect it"
                      for s, t in result.skipped.items()}
    result.grades_csv = target / "grades.csv"
    result.report = grading.grade_class([submitted_dir], out=result.grades_csv, plan=plan, limits=limits, jobs=jobs,
                                        quiet=quiet, absent_reason=skipped_reason,
                                        extra_status={s: "late" for s in result.skipped})
    from . import gradebook

    ids = [q for q, _ in manifest.questions]
    _, table = gradebook.table(result.report.rows, ids, manifest.points)
    result.gradebook = {row["student"]: {q: float(row[q]) for q in ids} for row in table}
    result.statuses = {row["student"]: row["status"] for row in table}
    return result
