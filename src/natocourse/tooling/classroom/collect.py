"""Collect a class's work and grade it: ``python -m natocourse collect NAME --homes DIR``, or an
exam's: ``python -m natocourse collect --exam OUT --homes DIR`` (``OUT`` is the folder ``exam``
wrote: its manifest names the notebook, questions and points, and its keys file grades in exam mode).

On a JupyterHub whose students work in home folders the instructor can read (one folder per
student, e.g. ``/home/<student>`` with the local-process spawner, or a shared volume mounted for the
instructor on Kubernetes), this command:

1. takes the class list: ``--roster FILE`` (plain, Canvas or Moodle: :mod:`.roster`), or
   ``--students``, or the copy ``assign --roster`` kept in ``source/NAME/roster.csv``, or the class
   a per-student assignment or exam lists in its manifest; without one, every home folder holding the assignment's notebook is a student (a folder without it,
   such as the instructor's own, is skipped);
2. finds each student's saved copy of the assignment's notebook (``<home>/**/NAME.ipynb``, the
   most recently saved one if there are several; checkpoints and hidden folders are ignored): a
   home is searched without following links, and only regular files are copied, opened without
   following a link and at most :data:`.submissions.MAX_BYTES` long; a student whose only copy is
   a link or too large gets rows saying so. With a class list, a home folder not on it that holds
   the notebook is collected too, and listed apart as "not on roster";
3. copies it to ``OUT/NAME/submitted/<student>/NAME.ipynb``: the home folder names the student,
   never the notebook (:mod:`.submissions`). The copy keeps the file's modification time, never
   later than the moment of the copy (:mod:`.deadlines`). With ``--snapshot``, only files saved
   before the student's cut-off are copied; the others are listed, and their students marked late;
4. grades the copies as ``grade`` does (:func:`.grading.grade_class`: each runs again in a fresh
   kernel in its sandbox; every answer is checked outside it), with the manifest's
   questions, points, limit of attempts and due date, and writes ``OUT/NAME/grades.csv``, its
   details, ``OUT/NAME/feedback/NAME/<student>.md``, with written answers ``OUT/NAME/grades-to-mark.json``
   for the marking view (``python -m natocourse mark``; then ``grade --manifest ... --marks``
   merges the marks) and, with ``--format``, the LMS file.

A student on the class list with no saved notebook gets a gradebook row of zeros with the status
"no submission", and is named on the command's output with everyone else who needs attention.
"""

from __future__ import annotations

import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..course import Course, Limits, worker_count
from .assign import ROSTER, AssignmentError, Manifest, load_manifest
from .deadlines import Deadline, DeadlineError, file_time, now, parse_extensions
from .roster import Roster, RosterError, check_name, from_names
from .submissions import MAX_BYTES, Handin, read_below


class CollectError(ValueError):
    """A collection that cannot be carried out (the message says why)."""


@dataclass
class Collection:
    """What :func:`collect` found and wrote."""

    manifest: Manifest
    submitted: dict[str, Path] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    #: Files ``--snapshot`` left out: the student and when the file was last changed (shown).
    skipped: dict[str, str] = field(default_factory=dict)
    gradebook: dict[str, dict[str, float]] = field(default_factory=dict)
    statuses: dict[str, str] = field(default_factory=dict)
    grades_csv: Path | None = None
    report: object = None
    roster_source: str = ""


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


def _copy(home: Path, source: Path, target: Path) -> str:
    """Copy the hand-in ``source`` (below ``home``) as it is, read without following any link below
    ``home``, keeping its modification time but never one after this moment. Returns why it was
    not copied ("" when it was)."""
    taken = now().timestamp()
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
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    modified = min(os.stat(source, follow_symlinks=False).st_mtime, taken)
    os.utime(target, (modified, modified))
    return ""


def class_list(manifest: Manifest, directory: str | Path, roster: Roster | None,
               students: Iterable[str] | None) -> Roster | None:
    """The class list to collect for: ``roster``, else ``students``, else ``source/NAME/roster.csv``,
    else the class a per-student assignment or exam was made for (its manifest's ``students``)."""
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
    if manifest.students:
        return from_names(manifest.students)
    return None


def collect(name: str | None, homes: str | Path, *, directory: str | Path = ".", out: str | Path = "collected",
            limits: Limits = Limits(), jobs: int | None = None, students: Iterable[str] | None = None,
            roster: Roster | None = None, extensions: Iterable[str] = (), snapshot: bool = False,
            release_answers: bool = False, lms: str = "", grade_max: float | None = None,
            lms_column: str | None = None, quiet: bool = False, sandboxed: bool = True,
            exam: str | Path | None = None) -> Collection:
    """Collect ``release/NAME`` (or, with ``exam``, the exam that ``python -m natocourse exam``
    wrote into that folder) from the students' homes under ``homes``, grade it under ``limits``
    (``jobs`` notebooks at once; ``sandboxed=False`` is ``--no-sandbox``; an exam with its keys
    file, in exam mode) and write the reports (see the module docstring)."""
    from . import grading

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
    roster = class_list(manifest, directory, roster, students)
    try:
        deadline = Deadline(manifest.due, manifest.timezone, parse_extensions(extensions, roster))
    except DeadlineError as exc:
        raise CollectError(str(exc)) from None
    if snapshot and manifest.due is None:
        raise CollectError(f"--snapshot needs a due date; {manifest.name}'s manifest has none "
                           f"({'write the exam with --due' if exam is not None else 'assign it with --due'})")
    folders = sorted(p.name for p in homes.iterdir() if p.is_dir() and not p.name.startswith("."))
    candidates = list(roster.logins) if roster is not None else []
    candidates += [f for f in folders if roster is None or f not in roster]
    result = Collection(manifest, roster_source=roster.source if roster is not None else "")
    found: dict[str, Path] = {}
    unusable = []
    for student in candidates:
        home = homes / student
        linked = home.is_symlink()
        copies, passed = saved_copies(home, manifest.notebook) if home.is_dir() and not linked else ([], "")
        notebook = newest(copies)
        why = "" if notebook else "the home folder is a link, which is not followed" if linked else passed
        if notebook is None and not why:
            if roster is not None and student in roster:
                result.missing.append(student)
            continue
        try:
            check_name(student, "home folder name")
        except RosterError as exc:
            unusable.append(f"{home}: {exc}")
            continue
        if why:
            result.refused[student] = why
            continue
        if snapshot and deadline.late(student, file_time(notebook)):
            result.skipped[student] = deadline.shown(file_time(notebook))
            continue
        found[student] = notebook
    if unusable:
        raise CollectError("cannot collect from home folders whose names are not logins:\n  " + "\n  ".join(unusable))
    if not found and not result.missing and not result.skipped and not result.refused:
        raise CollectError(f"no home folder in {homes} holds {manifest.notebook}" +
                           (" and no class list was given" if roster is None else ""))
    target = Path(out) / manifest.name
    submitted_dir = target / "submitted"
    if submitted_dir.exists():
        shutil.rmtree(submitted_dir)
    submitted_dir.mkdir(parents=True)
    for student, notebook in found.items():
        copy = submitted_dir / student / manifest.notebook
        why = _copy(homes / student, notebook, copy)
        if why:
            result.refused[student] = why
        else:
            result.submitted[student] = copy
    plan = grading.Plan.from_manifest(manifest, extensions=dict(deadline.extensions), roster=roster,
                                      release_answers=release_answers, lms=lms or None, grade_max=grade_max,
                                      lms_column=lms_column, keys=keys)
    skipped_reason = {s: f"changed after the cut-off (last saved {t}), so --snapshot did not collect it"
                      for s, t in result.skipped.items()}
    extra_status = {s: "late" for s in result.skipped} | {s: "broken file" for s in result.refused}
    handins = [Handin(student, copy, file_time(copy), Path(manifest.notebook).stem)
               for student, copy in result.submitted.items()]
    result.grades_csv = target / "grades.csv"
    result.report = grading.grade_class([submitted_dir], out=result.grades_csv, plan=plan, limits=limits, jobs=jobs,
                                        quiet=quiet, handins=handins, absent_reason=skipped_reason | result.refused,
                                        extra_status=extra_status, sandboxed=sandboxed)
    from . import gradebook

    ids = [q for q, _ in manifest.questions]
    _, table = gradebook.table(result.report.rows, ids, manifest.points)
    result.gradebook = {row["student"]: {q: float(row[q]) for q in ids} for row in table}
    result.statuses = {row["student"]: row["status"] for row in table}
    return result
