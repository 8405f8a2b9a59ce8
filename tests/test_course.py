"""The course object and the rules it holds once for every command: folders, limits, points."""

import json
import re
from pathlib import Path

import nbformat
import pytest
from hypothesis import given
from hypothesis import strategies as st

from natocourse import assign
from natocourse.tooling import course as course_module
from natocourse.tooling.cli import main
from natocourse.tooling.course import MAX_POINTS, Course, CourseError, Limits, parse_points, points, worker_count

ROOT = Path(__file__).resolve().parents[1]


# ---- where things are ---------------------------------------------------------------------------

def test_the_installed_course_is_this_repository():
    course = Course()
    assert course.root == ROOT and course.workspace == Path(".")
    assert (course.notebooks, course.exercises, course.solutions, course.data, course.toc) == (
        ROOT / "notebooks", ROOT / "exercises", ROOT / "solutions", ROOT / "data", ROOT / "_toc.yml")
    assert course.questions == ROOT / "src" / "natocourse" / "questions"
    assert course.require("notebooks", "exercises", "solutions", "data", "questions", "toc") is course


def test_assignments_go_to_the_workspace(tmp_path):
    course = Course(workspace=tmp_path)
    assert (course.release, course.source) == (tmp_path / "release", tmp_path / "source")


def test_a_missing_folder_is_named(tmp_path):
    with pytest.raises(CourseError, match=re.escape(f"{tmp_path} has no solutions/: give the course repository")):
        Course(tmp_path).require("solutions")
    with pytest.raises(CourseError, match="has no _toc.yml"):
        Course(tmp_path).require("toc")


def test_without_a_repository_only_the_workspace_works(tmp_path, monkeypatch):
    monkeypatch.setattr(course_module, "_installed_repository", lambda: None)
    course = Course(workspace=tmp_path)
    assert course.release == tmp_path / "release"
    with pytest.raises(CourseError, match="pass --root"):
        course.solutions


def test_every_course_notebook_declares_the_course_kernel():
    declared = {json.dumps(nbformat.read(p, as_version=4).metadata.get("kernelspec"), sort_keys=True)
                for folder in ("notebooks", "exercises", "solutions") for p in sorted((ROOT / folder).glob("*.ipynb"))}
    assert declared == {json.dumps(dict(Course.kernelspec), sort_keys=True)}


# ---- limits ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("given, option", [
    (dict(timeout=0), "--timeout"), (dict(timeout=-5), "--timeout"), (dict(timeout=float("nan")), "--timeout"),
    (dict(timeout=float("inf")), "--timeout"), (dict(output_bytes=0), "--output-limit"),
    (dict(memory_mb=-1), "--memory"), (dict(memory_mb=True), "--memory"), (dict(timeout="60"), "--timeout"),
])
def test_limits_refuse_anything_but_positive_numbers(given, option):
    with pytest.raises(CourseError, match=f"^{option} must be a positive number of "):
        Limits(**given)


def test_jobs_are_at_least_one_and_never_more_than_the_notebooks():
    assert worker_count(4, 2) == 2 and worker_count(1, 10) == 1 and worker_count(None, 1) == 1
    for bad in (0, -1, True, 1.5):
        with pytest.raises(CourseError, match="--jobs must be at least 1"):
            worker_count(bad, 3)


def limit_help(command: str, capsys) -> str:
    """The part of ``command --help`` from ``--timeout`` to the end of ``--jobs``: its limit options."""
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    limits = text[text.index("\n  --timeout"):]
    jobs = limits.index("\n  --jobs")
    after_jobs = re.search(r"\n  -", limits[jobs + 1:])
    return (limits[:jobs + 1 + after_jobs.start()] if after_jobs else limits).rstrip("\n")


def test_grade_and_collect_offer_the_same_limits(capsys):
    grade, collect = limit_help("grade", capsys), limit_help("collect", capsys)
    assert grade == collect
    assert [line.split()[0] for line in grade.splitlines() if line.startswith("  --")] == [
        "--timeout", "--output-limit", "--memory", "--jobs"]
    assert "(default 60)" in grade and "(default 2048)" in grade


@pytest.mark.parametrize("command", ["grade", "collect"])
@pytest.mark.parametrize("option, value, message", [
    ("--timeout", "0", "--timeout must be a positive number of seconds"),
    ("--output-limit", "-1", "--output-limit must be a positive number of bytes"),
    ("--memory", "0", "--memory must be a positive number of MB"),
    ("--jobs", "0", "--jobs must be at least 1"),
])
def test_grade_and_collect_refuse_the_same_bad_limits(tmp_path, capsys, command, option, value, message):
    (tmp_path / "homes" / "ann").mkdir(parents=True)
    (tmp_path / "release" / "ps1").mkdir(parents=True)
    (tmp_path / "release" / "ps1" / "manifest.json").write_text(
        json.dumps({"name": "ps1", "questions": [{"id": "tour-01", "points": 1}]}))
    (tmp_path / "ann.ipynb").write_text(nbformat.writes(nbformat.v4.new_notebook()))
    arguments = {"grade": ["grade", str(tmp_path / "ann.ipynb"), "--out", str(tmp_path / "g.csv")],
                 "collect": ["collect", "ps1", "--homes", str(tmp_path / "homes"), "--dir", str(tmp_path),
                             "--out", str(tmp_path / "collected")]}[command]
    before = sorted(tmp_path.rglob("*"))
    assert main([*arguments, option, value]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert sorted(tmp_path.rglob("*")) == before  # a bad request writes nothing


# ---- points: one parser, one rule ------------------------------------------------------------

@given(st.one_of(st.text(max_size=8), st.integers(), st.floats(), st.none(), st.booleans()))
def test_points_are_a_number_more_than_zero_and_at_most_the_maximum(value):
    try:
        worth = points(value)
    except CourseError as exc:
        assert str(exc).startswith("points must be a positive number (more than 0, at most 1000), not ")
    else:
        assert 0 < worth <= MAX_POINTS and isinstance(worth, float)


def test_point_options():
    assert parse_points(["coldwar-02=2", " bill-01 = 1.5 "]) == {"coldwar-02": 2.0, "bill-01": 1.5}
    for option, message in (("coldwar-02", "must be written ID=N"), ("=2", "must be written ID=N"),
                            ("coldwar-02=two", "not 'two'"), ("coldwar-02=1e3", "not '1e3'"),
                            ("coldwar-02=1001", "at most 1000")):
        with pytest.raises(CourseError, match=re.escape(message)):
            parse_points([option])
    with pytest.raises(CourseError, match="gives coldwar-02 twice"):
        parse_points(["coldwar-02=1", "coldwar-02=2"])


ZERO = "points must be a positive number (more than 0, at most 1000), not 0; leave a question worth nothing out of --questions"


def test_zero_points_are_refused_alike_by_grade_assign_and_manifests(tmp_path, capsys):
    nb = tmp_path / "ann.ipynb"
    nb.write_text(nbformat.writes(nbformat.v4.new_notebook()))
    assert main(["grade", str(nb), "--out", str(tmp_path / "g.csv"), "--points", "tour-01=0"]) == 2
    assert main(["assign", "ps1", "--questions", "tour-01", "--points", "tour-01=0", "--dir", str(tmp_path)]) == 2
    errors = capsys.readouterr().err.splitlines()
    assert errors == [f"error: --points takes ID=N: in 'tour-01=0', {ZERO}"] * 2
    (tmp_path / "manifest.json").write_text(json.dumps({"name": "ps1", "questions": [{"id": "tour-01", "points": 0}]}))
    with pytest.raises(assign.AssignmentError, match=re.escape(f"tour-01: {ZERO}")):
        assign.load_manifest(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ann.ipynb", "manifest.json"]
