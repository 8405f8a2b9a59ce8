"""The students' repository: ``python -m natocourse publish OUT``.

A class works from two repositories. The instructor's (this one, kept private or public as the
course is) holds ``solutions/``, and the workspace's ``source/`` holds each problem set with its
answers. The students' repository holds only what students may see, and is what their hub pulls
(nbgitpuller links, the book's JupyterHub buttons, ``deploy/z2jh-values.yaml``)::

    notebooks/  exercises/  data/            lessons, exercise notebooks (no answers), the data
    release/NAME/                            the problem sets released so far, with their manifests
                                             (not those with a notebook per student: ``distribute``
                                             hands those out, each into its student's home)
    book/  _config.yml  _toc.yml             the class's book: exercises/ in place of solutions/
    src/natocourse/  pyproject.toml          the package, installed from here (not editable)
    requirements-student.txt                 the students' environment (no test tools, no jupyterhub)
    requirements.txt  tasks.py  README.md    `python3 tasks.py lab` and `book` work here too

It is an allow-list: nothing else is copied. So ``solutions/``, ``source/``, ``nbgrader/``,
``collected/``, an exam's ``keys.json``, ``tests/``, ``deploy/`` and any question bank of the
instructor's own outside ``src/natocourse`` never reach it. Practice questions keep their instant
feedback, as in the public book: their (hashed) keys ship in the package, as they must. Before
anything is written, the staged copy is searched for what must stay private (:func:`leaks`): a
solution region, a hidden test, a note for teachers, a keys file, a private folder, or the code
of any solution region of ``solutions/`` or ``source/``. Any of these stops the command.

``OUT`` becomes a git repository on branch ``main`` with one commit (``--no-git``: a folder ready
for ``git init``); add the remote and push. Publishing again into the same ``OUT`` (after
``assign`` released a new problem set, say) replaces what publish wrote, keeps ``.git`` (and
``.github/``, ``_build/``, ``.venv/``), and adds one commit if anything changed, which
nbgitpuller then merges into each student's copy.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import nbformat

from ..authoring import solutions as authoring
from ..book import class_edition
from ..course import Course

#: The marker a students' repository carries (publish replaces only a folder that has it).
MARKER = ".natocourse-class"
#: Folders and files publish never touches in an existing students' repository.
KEPT = {".git", ".github", "_build", ".venv", ".jupyter_cache"}
#: Names that must never be in a students' repository.
PRIVATE_FOLDERS = {"solutions", "source", "nbgrader", "collected", "tests", "deploy"}
PRIVATE_FILES = {"keys.json"}
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".ipynb_checkpoints", ".DS_Store")
#: A solution region's code shorter than this (whitespace removed) is too short to search for.
MIN_CODE = 12

GITIGNORE = """\
# Build output, environments and local progress
_build/
.jupyter_cache/
__pycache__/
*.egg-info/
.ipynb_checkpoints/
.venv/
.natocourse/
"""

README = """\
# {title}: the class's repository

This is the students' copy of the course, written by `python -m natocourse publish` from the
instructor's repository: the lessons (`notebooks/`), your exercise notebooks (`exercises/`), the
data (`data/`), the problem sets your instructor has released (`release/`), the book's pages and
the `natocourse` package. It holds no solutions. The checks give instant feedback as in the book.

On your class's JupyterHub, a link from your instructor (or the book's JupyterHub button) pulls
this repository into your home and opens a notebook; pulling again later brings new problem sets
without overwriting your work.

To work on your own computer (Python 3.11 or newer), from this folder:

```bash
python3 tasks.py lab     # installs the course the first time, then opens JupyterLab
python3 tasks.py book    # builds the book into _build/html
```

Do not edit this repository by hand: the next publish replaces its files.
"""

REQUIREMENTS = """\
# What `python3 tasks.py lab` and `python3 tasks.py book` install here: the students' environment,
# the book's tools, and this course package (not editable).
-r requirements-student.txt
{book}
.
"""


class PublishError(ValueError):
    """The students' repository cannot be written (the message says why); nothing was written."""


@dataclass(frozen=True)
class Published:
    """What :func:`publish` wrote: the folder, its files, and the new commit (``None``: no git,
    or nothing changed since the last publish)."""

    out: Path
    files: tuple[str, ...]
    commit: str | None
    #: Assignments left out: one notebook per student, handed out with ``distribute`` instead.
    skipped: tuple[str, ...] = ()


def _book_requirements(root: Path) -> str:
    """The ``# Book`` block of the instructor's requirements.txt (the book's pins)."""
    lines, inside = [], False
    for line in (root / "requirements.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            inside = line.startswith("# Book")
        elif inside and line.strip():
            lines.append(line)
    if not lines:
        raise PublishError(f"{root / 'requirements.txt'} has no '# Book' block of pins")
    return "# Book\n" + "\n".join(lines)


def _config(root: Path) -> dict:
    try:
        import yaml
    except ImportError:
        raise PublishError("publish reads _config.yml with PyYAML: run it in the course's environment "
                           "(pip install -r requirements.txt)") from None
    return yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8")) or {}


def class_repository(root: Path) -> tuple[str, str]:
    """The students' repository URL and branch that the course's ``_config.yml`` names."""
    try:
        return class_edition.class_repository(_config(root))
    except class_edition.ClassEditionError as exc:
        raise PublishError(str(exc)) from None


def solution_code(course: Course) -> dict[str, str]:
    """The code of every solution region of ``solutions/`` and the workspace's ``source/``, each
    with its whitespace removed, by where it comes from (``solutions/02-cold-war.ipynb, cell 9``)."""
    found: dict[str, str] = {}
    paths = sorted(course.solutions.glob("*.ipynb")) if course.root and course.solutions.is_dir() else []
    paths += sorted(course.source.glob("*/*.ipynb")) if course.source.is_dir() else []
    for path in paths:
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            if cell.cell_type != "code":
                continue
            region: list[str] | None = None
            for line in cell.source.splitlines():
                if authoring.BEGIN_CODE.match(line):
                    region = []
                elif authoring.END_CODE.match(line) and region is not None:
                    code = "".join("".join(region).split())
                    if len(code) >= MIN_CODE:
                        found[f"{path.parent.name}/{path.name}, cell {index + 1}"] = code
                    region = None
                elif region is not None:
                    region.append(line)
    return found


def _texts(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".ipynb", ".md", ".json", ".yml", ".toml", ".txt", ".js", ".cfg"):
            yield path, path.read_text(encoding="utf-8", errors="replace")


def _notebook_sources(text: str) -> str:
    """A notebook's cell sources and text outputs, as a reader sees them (not JSON-escaped)."""
    try:
        nb = nbformat.reads(text, as_version=4)
    except Exception:  # noqa: BLE001 - not a notebook: searched as plain text
        return text
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for output in cell.get("outputs", []):
            parts.append(str(output.get("text", "")))
            parts += [str(v) for k, v in output.get("data", {}).items() if k.startswith("text/")]
    return "\n".join(parts)


def leaks(folder: Path, code: dict[str, str]) -> list[str]:
    """What in ``folder`` must stay private: private folders and keys files, solution regions,
    hidden tests and notes for teachers in notebooks, and solution ``code`` (see
    :func:`solution_code`) in any text file."""
    found = []
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if path.is_dir() and path.name in PRIVATE_FOLDERS and relative.parts[0] != "src":
            found.append(f"{relative.as_posix()}/: a private folder")
        elif path.is_file() and path.name in PRIVATE_FILES:
            found.append(f"{relative.as_posix()}: an exam's keys file")
    for path, text in _texts(folder):
        relative = path.relative_to(folder).as_posix()
        if path.suffix == ".ipynb":
            sources = _notebook_sources(text)
            if re.search(r"###\s*BEGIN (SOLUTION|HIDDEN TESTS)|<!--\s*BEGIN SOLUTION", sources):
                found.append(f"{relative}: a solution region or hidden test")
            for where in authoring.teacher_text(nbformat.reads(text, as_version=4)):
                found.append(f"{relative}, {where}: a note for teachers")
        squeezed = "".join((_notebook_sources(text) if path.suffix == ".ipynb" else text).split())
        for origin, snippet in code.items():
            if snippet in squeezed:
                found.append(f"{relative}: the solution code of {origin}")
    return found


def _stage(course: Course, staged: Path, repository: str, branch: str) -> list[str]:
    """Copy what students get into ``staged`` (the allow-list of the module's docstring); return
    the per-student assignments left out (:func:`per_student`)."""
    root = course.root
    for folder in ("notebooks", "exercises", "data", "book"):
        shutil.copytree(root / folder, staged / folder, ignore=_IGNORED)
    for build_script in (staged / "data").glob("*.py"):
        build_script.unlink()  # how the instructor rebuilds the data, not part of the data
    shutil.copytree(root / "src" / "natocourse", staged / "src" / "natocourse", ignore=_IGNORED)
    # the authors' chapter template: its solutions notebook is a solutions notebook
    shutil.rmtree(staged / "src" / "natocourse" / "tooling" / "authoring" / "templates", ignore_errors=True)
    for name in ("pyproject.toml", "tasks.py", "requirements-student.txt"):
        shutil.copy2(root / name, staged / name)
    skipped = []
    if course.release.is_dir():
        for assignment in sorted(course.release.iterdir()):
            if (assignment / "manifest.json").is_file():
                if per_student(assignment / "manifest.json"):
                    skipped.append(assignment.name)
                    continue
                shutil.copytree(assignment, staged / "release" / assignment.name, ignore=_IGNORED)
    title = str(_config(root).get("title") or "The course")
    (staged / "README.md").write_text(README.format(title=title), encoding="utf-8")
    (staged / "requirements.txt").write_text(REQUIREMENTS.format(book=_book_requirements(root)), encoding="utf-8")
    (staged / ".gitignore").write_text(GITIGNORE, encoding="utf-8")
    (staged / MARKER).write_text("Written by `python -m natocourse publish`: the next publish replaces "
                                 "every file here but .git/, .github/ and what .gitignore ignores.\n",
                                 encoding="utf-8")
    try:
        toc = class_edition.class_toc((root / "_toc.yml").read_text(encoding="utf-8"), staged / "exercises")
        config = class_edition.class_config((root / "_config.yml").read_text(encoding="utf-8"), repository, branch)
    except class_edition.ClassEditionError as exc:
        raise PublishError(str(exc)) from None
    (staged / "_toc.yml").write_text(toc, encoding="utf-8")
    (staged / "_config.yml").write_text(config, encoding="utf-8")
    return skipped


def per_student(manifest: Path) -> bool:
    """True for the manifest of an assignment with a notebook per student (``assign --roster``
    with questions that vary): those notebooks go to each home with ``distribute``, and the class
    list in the manifest is the instructor's, so publish leaves the whole assignment out."""
    from .assign import PER_STUDENT

    try:
        raw = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return isinstance(raw, dict) and (raw.get("variants") == PER_STUDENT or "students" in raw)


def _sync(staged: Path, out: Path) -> None:
    """Make ``out`` hold exactly the staged files (besides :data:`KEPT`), writing only what changed."""
    wanted = {p.relative_to(staged) for p in staged.rglob("*") if p.is_file()}
    for path in sorted(out.rglob("*"), reverse=True):
        relative = path.relative_to(out)
        if relative.parts[0] in KEPT:
            continue
        if path.is_file() or path.is_symlink():
            if relative not in wanted:
                path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for relative in sorted(wanted):
        source, target = staged / relative, out / relative
        if target.is_file() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)


def _git(out: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=out, capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError(f"git {' '.join(args)} failed in {out}: {result.stderr.strip()[-500:]}")
    return result.stdout.strip()


def commit(out: Path, message: str, branch: str = "main") -> str | None:
    """Make ``out`` a git repository (on ``branch``) if it is not one, and commit everything in it;
    returns the new commit, or ``None`` if nothing changed."""
    if shutil.which("git") is None:
        raise PublishError("git is not installed: install it, or pass --no-git and run git init yourself")
    if not (out / ".git").exists():
        _git(out, "init", "--quiet", f"--initial-branch={branch}")
    _git(out, "add", "--all")
    if subprocess.run(["git", "diff", "--cached", "--quiet"], cwd=out).returncode == 0 and \
            subprocess.run(["git", "rev-parse", "--verify", "--quiet", "HEAD"], cwd=out,
                           capture_output=True).returncode == 0:
        return None
    identity = []
    if subprocess.run(["git", "config", "user.email"], cwd=out, capture_output=True).returncode != 0:
        identity = ["-c", "user.name=natocourse publish", "-c", "user.email=publish@natocourse.invalid"]
    _git(out, *identity, "commit", "--quiet", "-m", message)
    return _git(out, "rev-parse", "HEAD")


def publish(out: str | Path, *, root: str | Path | None = None, workspace: str | Path = ".",
            repository: str | None = None, branch: str | None = None, git: bool = True,
            message: str | None = None) -> Published:
    """Write the students' repository into ``out`` (see the module); refuse, writing nothing, if
    the exercises are out of date or anything private would reach it."""
    course = Course(root, workspace=workspace).require("notebooks", "exercises", "data", "toc")
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out} is a file, not a folder")
    if out.is_dir() and any(p.name not in KEPT for p in out.iterdir()) and not (out / MARKER).is_file():
        raise PublishError(f"{out} holds files that publish did not write; choose a new folder, or "
                           "the folder of an earlier publish")
    if out.resolve() == course.root.resolve() or course.root.resolve() in out.resolve().parents and \
            out.resolve().relative_to(course.root.resolve()).parts[0] != "_build":
        raise PublishError(f"{out} is inside the course repository; publish next to it (or under _build/)")
    if course.solutions.is_dir():
        stale = authoring.build(course.root, check=True)
        if not stale.in_sync:
            raise PublishError("exercises/ is not in sync with solutions/ (" + "; ".join(stale.lines()[:3]) +
                               "): run `python -m natocourse exercises build --execute` first")
    named_repository, named_branch = class_repository(course.root)
    repository, branch = repository or named_repository, branch or named_branch
    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="natocourse-publish-", dir=parent) as scratch:
        staged = Path(scratch) / "class"
        skipped = _stage(course, staged, repository, branch)
        found = leaks(staged, solution_code(course))
        if found:
            raise PublishError("nothing was published: what students must not see would reach them:\n  " +
                               "\n  ".join(found[:20]))
        out.mkdir(parents=True, exist_ok=True)
        _sync(staged, out)
        files = tuple(sorted(p.relative_to(staged).as_posix() for p in staged.rglob("*") if p.is_file()))
    made = commit(out, message or "The class's edition of the course (python -m natocourse publish)", branch) \
        if git else None
    return Published(out, files, made, tuple(skipped))
