"""Two repositories by design: `python -m natocourse publish OUT` writes the students' repository.

The main test publishes this course with a released problem set, clones the result as a student's
hub would, builds its book with warnings as errors, and searches the clone for everything that must
stay private: solution notebooks, the instructor's copies (source/), exam keys, notes for teachers,
and the code of every solution region of solutions/ and source/, found here independently of
publish's own check. The other tests hold the class's table of contents and configuration, the
refusals (nothing is written), republishing, and the package finding its data in a clone.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml
from bs4 import BeautifulSoup

from assignment_helpers import DUE, POINTS, QUESTIONS
from natocourse.tooling.authoring import solutions as authoring
from natocourse.tooling.book import class_edition
from natocourse.tooling.classroom import assign, publish
from natocourse.tooling.cli import main

ROOT = Path(__file__).resolve().parents[1]
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
CLASS_URL = CONFIG["sphinx"]["config"]["natocourse_class_repository"]
REGION = re.compile(r"^[ \t]*###\s*BEGIN SOLUTION[ \t]*\n(.*?)\n[ \t]*###\s*END SOLUTION", re.M | re.S)


def git(*args, cwd):
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout


def region_code(paths) -> dict[str, str]:
    """Each solution region's code (whitespace removed, at least 12 characters), by where."""
    found = {}
    for path in paths:
        for index, cell in enumerate(nbformat.read(path, as_version=4).cells):
            for number, match in enumerate(REGION.finditer(cell.source)):
                code = "".join(match[1].split())
                if len(code) >= 12:
                    found[f"{path.name}:{index}:{number}"] = code
    return found


def texts(folder: Path):
    """Each text file's text; a notebook's as its reader sees it (sources and text outputs, not JSON)."""
    for path in folder.rglob("*"):
        if ".git" not in path.parts and "_build" not in path.parts and path.is_file():
            text = path.read_bytes().decode("utf-8", errors="replace")
            if path.suffix == ".ipynb":
                nb = nbformat.reads(text, as_version=4)
                text = "\n".join([c.source for c in nb.cells] + [
                    str(o.get("text", "")) + "".join(str(v) for k, v in o.get("data", {}).items() if k.startswith("text/"))
                    for c in nb.cells for o in c.get("outputs", [])])
            yield path, text


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The course with problem set ps1 released, published and cloned as a hub would."""
    base = tmp_path_factory.mktemp("publish")
    workspace = base / "instructor"
    workspace.mkdir()
    assign.build("ps1", QUESTIONS, POINTS, DUE, directory=workspace)
    (workspace / "source" / "exam").mkdir()
    (workspace / "source" / "exam" / "keys.json").write_text("{}")  # an instructor's file nearby
    out = base / "natocourse-class"
    assert main(["publish", str(out), "--dir", str(workspace)]) == 0
    clone = base / "student" / "natocourse-class"
    git("clone", "--quiet", str(out), str(clone), cwd=base)
    return workspace, out, clone


def test_the_clone_holds_what_students_need(published):
    _, out, clone = published
    assert git("log", "--format=%s", cwd=out).strip().splitlines() == [
        "The class's edition of the course (python -m natocourse publish)"]
    names = {p.name for p in clone.iterdir()}
    assert {"notebooks", "exercises", "data", "book", "release", "src", "_toc.yml", "_config.yml",
            "pyproject.toml", "requirements.txt", "requirements-student.txt", "tasks.py", "README.md"} <= names
    for folder in ("notebooks", "exercises"):
        assert sorted(p.name for p in (clone / folder).glob("*.ipynb")) == \
            sorted(p.name for p in (ROOT / folder).glob("*.ipynb"))
    assert sorted(p.name for p in (clone / "release" / "ps1").iterdir()) == ["manifest.json", "ps1.ipynb"]
    assert (clone / "data" / "datapackage.json").is_file() and not list((clone / "data").glob("*.py"))
    assert (clone / "src" / "natocourse" / "questions" / "tour.py").is_file()  # instant feedback stays
    requirements = (clone / "requirements.txt").read_text().splitlines()
    assert "-r requirements-student.txt" in requirements and requirements[-1] == "."


def test_nothing_private_reaches_the_students(published):
    workspace, _, clone = published
    leaked = sorted(p.relative_to(clone).as_posix() for p in clone.rglob("*")
                    if ".git" not in p.parts and (p.name in ("solutions", "source", "nbgrader", "tests", "deploy",
                                                             "keys.json") or "solutions/" in p.as_posix()))
    assert leaked == []
    code = region_code([*sorted((ROOT / "solutions").glob("*.ipynb")), workspace / "source" / "ps1" / "ps1.ipynb"])
    assert len(code) > 50
    found = []
    for path, text in texts(clone):
        squeezed = "".join(text.split())
        found += [f"{path.relative_to(clone)}: {where}" for where, snippet in code.items() if snippet in squeezed]
        if path.suffix == ".ipynb":
            nb = nbformat.read(path, as_version=4)
            assert authoring.teacher_text(nb) == [], path
            assert not any("BEGIN SOLUTION" in c.source or "HIDDEN TESTS" in c.source for c in nb.cells), path
    assert found == []


def test_the_class_book_builds_strictly_from_the_clone(published):
    """One class build in the suite (about 30 s): the clone's own book, warnings as errors."""
    _, _, clone = published
    env = {**os.environ, "PYTHONPATH": str(clone / "src")}
    build = subprocess.run([sys.executable, "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())",
                            "build", str(clone), "--builder", "html", "-W", "--keep-going"],
                           capture_output=True, text=True, env=env, timeout=600)
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    html = clone / "_build" / "html"
    assert not (html / "solutions").exists() and (html / "exercises" / "06-the-bill.html").is_file()
    intro = BeautifulSoup((html / "book" / "intro.html").read_text(), "html.parser")
    assert intro.find("a", href="../exercises/01-exercise-tour.html") is not None  # the link to solutions/01
    page = (html / "exercises" / "06-the-bill.html").read_text()
    hub = re.findall(r'href="(https://hub\.example\.edu/hub/user-redirect/git-pull\?[^"]+)"', page)
    assert len(hub) == 1 and "natocourse-class/exercises/06-the-bill.ipynb" in hub[0]
    assert CLASS_URL.replace("https://", "https%3A//") in hub[0]
    for path in html.rglob("*.html"):
        assert "BEGIN SOLUTION" not in path.read_text(errors="replace"), path


def test_publishing_again_adds_a_commit_only_for_a_change(published, tmp_path):
    workspace, out, _ = published
    before = git("rev-parse", "HEAD", cwd=out).strip()
    assert publish.publish(out, workspace=workspace).commit is None
    (out / "stray.txt").write_text("left by hand")
    assign.build("ps2", ["bill-01"], directory=workspace)
    done = publish.publish(out, workspace=workspace, message="Problem set ps2")
    assert done.commit and done.commit != before
    assert (out / "release" / "ps2" / "ps2.ipynb").is_file() and not (out / "stray.txt").exists()
    assert git("log", "-1", "--format=%s", cwd=out).strip() == "Problem set ps2"
    shutil.rmtree(workspace / "release" / "ps2")
    shutil.rmtree(workspace / "source" / "ps2")


def test_publish_refuses_a_folder_it_did_not_write(tmp_path, capsys):
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "thesis.tex").write_text("x")
    assert main(["publish", str(tmp_path / "mine"), "--dir", str(tmp_path)]) == 2
    assert "did not write" in capsys.readouterr().err
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["thesis.tex"]


@pytest.fixture
def course_copy(tmp_path):
    """A copy of the course repository a test may damage."""
    copy = tmp_path / "course"
    for folder in ("notebooks", "exercises", "solutions", "data", "book", "src"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("_toc.yml", "_config.yml", "pyproject.toml", "tasks.py", "requirements.txt",
                 "requirements-student.txt"):
        shutil.copy2(ROOT / name, copy / name)
    return copy


def test_solution_code_in_a_lesson_stops_publish_and_nothing_is_written(course_copy, tmp_path):
    lesson = course_copy / "notebooks" / "08-burden-sharing.ipynb"
    source = nbformat.read(course_copy / "solutions" / "08-burden-sharing.ipynb", as_version=4)
    answer = next(m[1] for c in source.cells for m in REGION.finditer(c.source) if len(m[1]) > 30)
    nb = nbformat.read(lesson, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(answer))
    nbformat.write(nb, lesson)
    with pytest.raises(publish.PublishError, match="08-burden-sharing.ipynb: the solution code of solutions"):
        publish.publish(tmp_path / "out", root=course_copy, workspace=tmp_path)
    assert not (tmp_path / "out").exists()


def test_keys_and_notes_for_teachers_in_a_release_stop_publish(course_copy, tmp_path):
    release = tmp_path / "release" / "ps1"
    release.mkdir(parents=True)
    (release / "manifest.json").write_text(json.dumps({"name": "ps1", "questions": [{"id": "bill-01", "points": 1}]}))
    (release / "keys.json").write_text("{}")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("**For teachers.** The answer is 90.")])
    nbformat.write(nb, release / "ps1.ipynb")
    with pytest.raises(publish.PublishError) as refused:
        publish.publish(tmp_path / "out", root=course_copy, workspace=tmp_path, git=False)
    assert "release/ps1/keys.json: an exam's keys file" in str(refused.value)
    assert "release/ps1/ps1.ipynb, cell 1: '**For teachers': a note for teachers" in str(refused.value)
    assert not (tmp_path / "out").exists()


def test_exercises_out_of_date_stop_publish(course_copy, tmp_path):
    target = course_copy / "solutions" / "06-the-bill.ipynb"
    nb = nbformat.read(target, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A new closing note."))
    nbformat.write(nb, target)
    with pytest.raises(publish.PublishError, match="exercises/ is not in sync"):
        publish.publish(tmp_path / "out", root=course_copy, workspace=tmp_path, git=False)


def test_the_class_toc_and_config_are_made_not_edited(tmp_path):
    toc = class_edition.class_toc((ROOT / "_toc.yml").read_text(), ROOT / "exercises")
    files = [c["file"] for part in yaml.safe_load(toc)["parts"] for c in part["chapters"]]
    assert not [f for f in files if f.startswith("solutions/")]
    assert [f for f in files if f.startswith("exercises/")] == \
        sorted(f"exercises/{p.stem}" for p in (ROOT / "solutions").glob("*.ipynb"))
    config = yaml.safe_load(class_edition.class_config((ROOT / "_config.yml").read_text(), "https://x.test/c", "term"))
    assert config["repository"]["url"] == "https://x.test/c" and config["repository"]["branch"] == "term"
    assert "solutions" in config["exclude_patterns"] and "exercises" not in config["exclude_patterns"]
    with pytest.raises(class_edition.ClassEditionError, match="exercises build"):
        class_edition.class_toc("  - file: solutions/99-none\n", ROOT / "exercises")


def test_an_installed_package_finds_the_data_of_the_course_folder_it_runs_in(tmp_path, monkeypatch):
    from natocourse.data import loading

    course = tmp_path / "natocourse-class"
    shutil.copytree(ROOT / "data", course / "data")
    (course / "release" / "ps1").mkdir(parents=True)
    monkeypatch.delenv("NATOCOURSE_DATA", raising=False)
    monkeypatch.setattr(loading, "DEFAULT_DIR", tmp_path / "site-packages" / "data")
    monkeypatch.chdir(course / "release" / "ps1")
    assert loading.data_dir() == course / "data"
    monkeypatch.chdir(tmp_path)
    assert loading.data_dir() == tmp_path / "site-packages" / "data"


def load_tasks(root: Path):
    """The tasks.py of a course copy, as a module whose ROOT is that copy."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"tasks_{root.name}", root / "tasks.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tasks_book_class_builds_the_class_edition_with_or_without_solutions(course_copy, monkeypatch, capsys):
    """`python3 tasks.py book --class`, and `book` in a copy without solutions/: publish into
    _build/class (from this copy), then a strict build of that folder. The build itself is the one
    test_the_class_book_builds_strictly_from_the_clone runs; here it is recorded, not run."""
    tasks = load_tasks(course_copy)
    built = []
    monkeypatch.setattr(tasks, "ensure_environment", lambda: Path(sys.executable))
    monkeypatch.setattr(tasks, "build_book", lambda python, *, strict, source=tasks.ROOT, banks=(): built.append((strict, source)))
    class_book = course_copy / "_build" / "class"
    intro = course_copy / "book" / "intro.md"
    intro.write_text(intro.read_text() + "\n<!-- this copy's own intro -->\n")

    tasks.cmd_book(["--class"])  # the instructor's copy, solutions/ in it
    with_solutions = sorted(p.relative_to(class_book).as_posix() for p in class_book.rglob("*") if p.is_file())
    shutil.rmtree(course_copy / "solutions")
    tasks.cmd_book([])  # a copy without solutions/ builds the class's book by itself
    assert "no solutions/ here: building the class's book" in capsys.readouterr().out
    assert built == [(True, class_book), (True, class_book)]
    without = sorted(p.relative_to(class_book).as_posix() for p in class_book.rglob("*") if p.is_file())
    assert with_solutions == without and "_toc.yml" in without and "exercises/06-the-bill.ipynb" in without
    assert not [f for f in without if f.startswith(("solutions/", ".git/"))]
    assert "this copy's own intro" in (class_book / "book" / "intro.md").read_text()  # published from the copy
    toc = yaml.safe_load((class_book / "_toc.yml").read_text())
    assert "exercises/06-the-bill" in [c["file"] for part in toc["parts"] for c in part["chapters"]]
    with pytest.raises(SystemExit, match="takes only --class"):
        tasks.cmd_book(["--clas"])
