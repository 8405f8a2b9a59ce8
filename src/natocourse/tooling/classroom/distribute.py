"""Hand each student their own notebook: ``python -m natocourse distribute NAME --homes DIR``
(or an exam's: ``distribute --exam OUT --homes DIR``).

A problem set made with ``assign NAME --roster FILE`` whose questions vary has one notebook per
student, ``release/NAME/<student>/NAME.ipynb`` (an exam's, ``OUT/release/<student>/NAME.ipynb``).
These do not go through the students' repository (``publish`` leaves them out): this command
copies each into the student's home on the hub, as ``DIR/<student>/NAME/NAME.ipynb``, where
``collect NAME --homes DIR`` finds it again (it searches each home for ``NAME.ipynb``).

A home belongs to its student, so nothing in it is trusted:

- the home, the ``NAME`` folder and the notebook are each opened without following a link: a link
  planted at any of them is refused with a message, and nothing is written through it;
- the notebook is written to a new file beside it, then renamed over it (a rename replaces a name,
  never writes through a link); run as root, the folder and the file are given to the home's owner;
- a notebook already there that differs from the student's copy (the student has started on it)
  is kept, unless ``--force``; an identical one is left as it is.

Each student gets a line saying what was done. A student with no home folder, or whose notebook
could not be written, is reported and the others go on; the command then ends with status 1.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from ..course import Course
from .assign import AssignmentError, Manifest, load_manifest

#: What became of each student's notebook.
OUTCOMES = ("written", "replaced", "unchanged", "kept", "missing", "refused")


class DistributeError(ValueError):
    """A distribution that cannot start (the message says why); nothing was written."""


@dataclass
class Distribution:
    """What :func:`distribute` did: per student, an outcome (one of :data:`OUTCOMES`) and a line."""

    manifest: Manifest
    outcomes: dict[str, str] = field(default_factory=dict)
    lines: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True if every student's notebook is in place (written, unchanged, or kept as changed)."""
        return not any(o in ("missing", "refused") for o in self.outcomes.values())


def _folder(parent: int, name: str, owner: tuple[int, int] | None) -> int:
    """Open (making it if missing) the folder ``name`` in the open folder ``parent``, never
    following a link; OSError otherwise."""
    try:
        os.mkdir(name, 0o755, dir_fd=parent)
        made = True
    except FileExistsError:
        made = False
    fd = os.open(name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=parent)
    if made and owner is not None:
        os.fchown(fd, *owner)
    return fd


def _place(home: Path, folder: str, filename: str, content: bytes, force: bool) -> tuple[str, str]:
    """Put ``content`` at ``home/folder/filename`` safely (see the module); ``(outcome, why)``."""
    try:
        info = os.lstat(home)
    except FileNotFoundError:
        return "missing", f"no home folder {home}: not distributed"
    if stat.S_ISLNK(info.st_mode):
        return "refused", f"{home} is a link, which is not followed: not distributed"
    if not stat.S_ISDIR(info.st_mode):
        return "refused", f"{home} is not a folder: not distributed"
    owner = (info.st_uid, info.st_gid) if os.geteuid() == 0 else None
    opened: list[int] = []
    try:
        opened.append(os.open(home, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC))
        try:
            opened.append(_folder(opened[-1], folder, owner))
        except OSError as exc:
            if exc.errno not in (errno.ELOOP, errno.ENOTDIR):
                raise
            return "refused", (f"{home / folder} is a link or not a folder ({exc.strerror or exc}); "
                               "nothing was written through it: remove it and distribute again")
        place = opened[-1]
        existed = False
        try:
            there = os.stat(filename, dir_fd=place, follow_symlinks=False)
            existed = True
        except FileNotFoundError:
            pass
        target = home / folder / filename
        if existed:
            if stat.S_ISLNK(there.st_mode) or not stat.S_ISREG(there.st_mode):
                what = "a link" if stat.S_ISLNK(there.st_mode) else "not a regular file"
                return "refused", (f"{target} is {what}; nothing was written through it: remove it and "
                                   "distribute again")
            current = _read(place, filename)
            if current == content:
                return "unchanged", f"{target} is already this student's notebook"
            if not force:
                return "kept", (f"{target} differs from the one to hand out (the student's work?): kept; "
                                "--force replaces it")
        temporary = f".{filename}.natocourse-{os.getpid()}"
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644,
                     dir_fd=place)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
                if owner is not None:
                    os.fchown(handle.fileno(), *owner)
            os.replace(temporary, filename, src_dir_fd=place, dst_dir_fd=place)
        except BaseException:
            try:
                os.unlink(temporary, dir_fd=place)
            except OSError:
                pass
            raise
        return ("replaced", f"replaced {target} (--force)") if existed else ("written", f"wrote {target}")
    except OSError as exc:
        return "refused", f"cannot write into {home}: {exc.strerror or exc}"
    finally:
        for fd in reversed(opened):
            os.close(fd)


def _read(folder: int, name: str) -> bytes | None:
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, dir_fd=folder)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def distribute(name: str | None, homes: str | Path, *, directory: str | Path = ".", force: bool = False,
               exam: str | Path | None = None) -> Distribution:
    """Copy each student's own notebook of ``release/NAME`` (or of the exam in ``exam``) into
    their home under ``homes`` (see the module)."""
    if exam is not None:
        from .exam import ExamError, load

        try:
            manifest, _ = load(exam)
        except ExamError as exc:
            raise DistributeError(str(exc)) from None
        release = Path(exam) / "release"
        how = f"write the exam with --roster FILE (python -m natocourse exam {exam} ... --roster FILE)"
    else:
        release = Course(workspace=directory).release / str(name)
        try:
            manifest = load_manifest(release)
        except AssignmentError as exc:
            raise DistributeError(f"{exc} (run `python -m natocourse assign {name} ... --roster FILE` first, "
                                  "in this folder or the one given with --dir)") from None
        how = "hand it out with publish, or assign it again with --roster FILE"
    if not manifest.per_student:
        raise DistributeError(f"{manifest.name} has one notebook for everyone, not one per student: {how}")
    homes = Path(homes)
    if not homes.is_dir():
        raise DistributeError(f"--homes {homes} is not a folder of student home folders")
    missing = [s for s in manifest.students if not (release / s / manifest.notebook).is_file()]
    if missing:
        raise DistributeError(f"no notebook for {', '.join(missing[:5])} in {release}: assign it again")
    done = Distribution(manifest)
    for student in manifest.students:
        content = (release / student / manifest.notebook).read_bytes()
        outcome, line = _place(homes / student, manifest.name, manifest.notebook, content, force)
        done.outcomes[student], done.lines[student] = outcome, line
    return done
