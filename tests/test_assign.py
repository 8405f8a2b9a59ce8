"""Assignments from the question bank: ``assign`` builds a problem set that runs on its own, shows
its points and due date, keeps its answers out of the release, and refuses bad input writing
nothing; ``collect`` gathers a class's notebooks and turns their grades into points."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assignment_helpers import DUE, POINTS, QUESTIONS, TOTAL, WRONG, answered, expected_points, solution_code
from natocourse import assign, authoring, collect, exercises, grading, notebooks
from natocourse.tooling.classroom import gradebook
from natocourse.tooling.cli import main

ROOT = Path(__file__).resolve().parents[1]
SANITIZE = ROOT / "tests" / "sanitize.cfg"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course")
    return assign.build("ps1", QUESTIONS, POINTS, DUE, directory=folder)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def test_layout_and_manifest(built):
    assert built.notebook == built.release / "ps1.ipynb" and built.notebook.is_file()
    assert built.solved == built.release.parents[1] / "source" / "ps1" / "ps1.ipynb"
    raw = json.loads((built.release / "manifest.json").read_text())
    assert raw == {"name": "ps1", "due": DUE, "timezone": "UTC", "feedback": "instant", "attempts": None,
                   "notebook": "ps1.ipynb", "questions": [{"id": q, "points": POINTS.get(q, 1)} for q in QUESTIONS]}
    manifest = assign.load_manifest(built.release)
    assert manifest.total == TOTAL and manifest.points["burden-04"] == 3
    assert str(manifest.due) == DUE
    assert {exercises.get(q).chapter for q in QUESTIONS} == {"coldwar", "bill", "burden"}


def test_student_sees_points_due_date_and_no_answers(built):
    released = nbformat.read(built.notebook, as_version=4)
    solved = nbformat.read(built.solved, as_version=4)
    intro = released.cells[0].source
    assert f"**Due:** {DUE}" in intro and f"**Total:** {TOTAL:g} points" in intro
    for number, question in enumerate(QUESTIONS, start=1):
        points = POINTS.get(question, 1)
        heading = next(c for c in released.cells if c.get("id") == f"{question}-context").source
        assert heading.startswith(f"## Question {number} ({points} point")
        assert f"`{question}`" in intro
        answer = next(c for c in released.cells if c.get("id") == f"{question}-answer")
        assert authoring.ANSWER_PLACEHOLDER in answer.source
        assert answer.metadata["natocourse"] == {"question": question, "points": points, "answer": True}
        key = next(c for c in solved.cells if c.get("id") == f"{question}-answer").source
        assert "### BEGIN SOLUTION" in key
        assert solution_code(solved, question) not in answer.source
    assert "BEGIN SOLUTION" not in json.dumps(released)
    # every question can run on its own: its section loads what it needs
    for question in QUESTIONS:
        setup = next(c for c in released.cells if c.get("id") == f"{question}-setup").source
        assert "from natocourse import" in setup


def test_released_assignment_runs_under_nbval(built, tmp_path):
    copy = tmp_path / "ps1.ipynb"
    copy.write_bytes(built.notebook.read_bytes())
    outcome = notebooks.execute(copy)
    assert outcome.ok, outcome.error
    checks = [o for c in nbformat.read(copy, as_version=4).cells if c.get("id", "").endswith("-answer")
              for o in c.outputs]
    assert len(checks) == len(QUESTIONS)
    assert all("Not answered yet." in json.dumps(o) for o in checks)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(SANITIZE), "-c", str(tmp_path / "pytest.ini"), str(copy)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={**os.environ, "NATOCOURSE_HOME": str(tmp_path / "home")})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    code_cells = sum(c.cell_type == "code" for c in nbformat.read(copy, as_version=4).cells)
    assert f"{code_cells} passed" in result.stdout, result.stdout[-2000:]


def test_solved_copy_full_marks_partial_and_wrong(built, tmp_path):
    half = QUESTIONS[::2]
    partial = answered(built.notebook, built.solved, right=half, wrong=[q for q in QUESTIONS if q not in half])
    nbformat.write(partial, tmp_path / "partial.ipynb")
    wrong = answered(built.notebook, built.solved, right=[], wrong=list(WRONG))
    nbformat.write(wrong, tmp_path / "wrong.ipynb")
    manifest = assign.load_manifest(built.release)
    rows = grading.grade([built.solved, tmp_path / "partial.ipynb", tmp_path / "wrong.ipynb"], quiet=True,
                         points=manifest.points, questions=[q for q, _ in manifest.questions])
    _, table = gradebook.table(rows, [q for q, _ in manifest.questions], manifest.points)
    book = {row["student"]: row["total"] for row in table}
    assert book["ps1"] == TOTAL  # the solved copy's student is its file name
    assert book["partial"] == expected_points(half) < TOTAL
    assert book["wrong"] == 0
    statuses = {r.question: r.verdict for r in rows if r.student == "wrong"}
    assert statuses == {q: "incorrect" for q in QUESTIONS}


def test_every_question_in_the_bank_can_be_assigned_and_solved(tmp_path):
    every = [q.id for q in exercises.all()]
    everything = assign.build("everything", every, directory=tmp_path)
    rows = grading.grade([everything.solved], quiet=True)
    assert {r.question for r in rows} == set(every)
    marked = {q.id for q in exercises.all() if q.marked}  # written answers: saved to mark, never judged
    assert marked and {r.verdict for r in rows if r.question in marked} == {"to_mark"}
    assert [r for r in rows if r.verdict != "correct" and r.question not in marked] == []


def test_collect_gathers_homes_and_writes_a_gradebook(built, tmp_path):
    homes = tmp_path / "homes"
    for student, right in {"ann": QUESTIONS, "ben": QUESTIONS[:2], "cy": []}.items():
        target = homes / student / "course" / "release" / "ps1"
        target.mkdir(parents=True)
        nb = answered(built.notebook, built.solved, right=right)
        nb.metadata["natocourse"]["student"] = "someone-else"  # a claim the hub's user name overrides
        nbformat.write(nb, target / "ps1.ipynb")
    (homes / "ann" / "course" / "release" / "ps1" / ".ipynb_checkpoints").mkdir()
    (homes / "dee").mkdir()
    (homes / "instructor" / "notes").mkdir(parents=True)  # a home with no notebook of ps1: no row
    out = tmp_path / "collected"
    status = main(["collect", "ps1", "--homes", str(homes), "--dir", str(built.release.parents[1]),
                   "--out", str(out)])
    assert status == 0
    with (out / "ps1" / "grades.csv").open() as handle:
        table = {row["student"]: row for row in csv.DictReader(handle)}
    assert list(next(iter(table.values()))) == ["student", "status", *QUESTIONS, "total", "percent", "submitted", "due"]
    assert {s: float(r["total"]) for s, r in table.items()} == {
        "ann": TOTAL, "ben": expected_points(QUESTIONS[:2]), "cy": 0}
    assert table["ann"]["percent"] == "100.0"
    assert sorted(p.relative_to(out / "ps1" / "submitted").as_posix()
                  for p in (out / "ps1" / "submitted").rglob("*.ipynb")) == [
        "ann/ps1.ipynb", "ben/ps1.ipynb", "cy/ps1.ipynb"]


def test_graded_modes_are_kept_in_the_manifest_and_said_in_the_notebook(tmp_path):
    from natocourse.engine import policy

    (tmp_path / "class.csv").write_text("student\nann\nben\n")
    # Questions that do not vary: one notebook for the class (test_variants_class: one per student)
    built = assign.build("ps2", ["coldwar-06", "bill-01"], due=DUE, attempts=3, timezone="Europe/Brussels",
                         roster=tmp_path / "class.csv", directory=tmp_path)
    manifest = assign.load_manifest(built.release)
    assert (manifest.feedback, manifest.attempts, manifest.timezone) == ("attempts", 3, "Europe/Brussels")
    released = nbformat.read(built.notebook, as_version=4)
    setup = next(c for c in released.cells if c.get("id") == "assignment-setup")
    assert setup.source.endswith(f"exercises.assignment('ps2', feedback='attempts', attempts=3, due='{DUE}')")
    assert released.cells.index(setup) == 1  # before any question is shown or checked
    header = released.cells[0].source
    assert "the first 3 checked answers count" in header and policy.Mode("ps2", "attempts", 3).describe() in header
    assert f"**Due:** {DUE} (late from midnight after it, Europe/Brussels)" in header
    assert (built.source / "roster.csv").read_text() == "student\nann\nben\n"
    assert not (built.release / "roster.csv").exists()  # the class list stays with the instructor
    blind = assign.build("ps3", ["coldwar-02"], feedback="none", directory=tmp_path)
    header = nbformat.read(blind.notebook, as_version=4).cells[0].source
    assert "the check records your answer without saying whether it is right" in header
    assert "tells you at once" not in header and policy.WORDS["mode_none"] in header
    old = json.loads((blind.release / "manifest.json").read_text())
    for key in ("timezone", "feedback", "attempts"):
        del old[key]
    (blind.release / "manifest.json").write_text(json.dumps(old))
    assert assign.load_manifest(blind.release).feedback == "instant"  # a manifest from before reads as before


@pytest.mark.parametrize("arguments, message", [
    (["--feedback", "none", "--attempts", "2"], "cannot go with --feedback none"),
    (["--attempts", "0"], "--attempts must be a whole number from 1 to 20"),
    (["--timezone", "Mars/Olympus"], "time zone 'Mars/Olympus' is not known"),
    (["--roster", "missing.csv"], "class list not found"),
])
def test_bad_modes_and_class_lists_are_refused_writing_nothing(tmp_path, capsys, arguments, message):
    assert main(["assign", "ps1", "--questions", "coldwar-02", "--dir", str(tmp_path), *arguments]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("kwargs, message", [
    (dict(questions=["coldwar-02", "nope-01"]), "unknown question"),
    (dict(questions=["coldwar-02", "coldwar-02"]), "listed twice"),
    (dict(questions=[]), "at least one question"),
    (dict(questions=["coldwar-02"], due="2027-02-30"), "not a day of the calendar"),
    (dict(questions=["coldwar-02"], due="15/03/2027"), "YYYY-MM-DD"),
    (dict(questions=["coldwar-02"], points=["coldwar-02=0"]), "more than 0"),
    (dict(questions=["coldwar-02"], points=["coldwar-02=two"]), "positive number"),
    (dict(questions=["coldwar-02"], points=["coldwar-02"]), "ID=N"),
    (dict(questions=["coldwar-02"], points=["bill-01=2"]), "not in --questions"),
    (dict(questions=["coldwar-02"], name="Problem Set!"), "assignment name"),
])
def test_bad_input_is_refused_and_writes_nothing(tmp_path, kwargs, message):
    arguments = {"name": "ps9", "points": (), "due": None, **kwargs}
    with pytest.raises(assign.AssignmentError, match=message):
        assign.build(arguments.pop("name"), arguments.pop("questions"), **arguments, directory=tmp_path)
    assert files_under(tmp_path) == []


def test_cli_reports_errors_without_traceback(tmp_path, capsys):
    assert main(["assign", "ps1", "--questions", "coldwar-02", "--dir", str(tmp_path)]) == 0
    before = files_under(tmp_path)
    assert main(["assign", "ps1", "--questions", "coldwar-06", "--dir", str(tmp_path)]) == 2
    assert main(["assign", "ps2", "--questions", "coldwar-2", "--dir", str(tmp_path)]) == 2
    assert main(["assign", "ps2", "--questions", "coldwar-02", "--due", "2027-13-01", "--dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "already exists" in err and "did you mean coldwar-02" in err and "not a day" in err
    assert "Traceback" not in err
    assert files_under(tmp_path) == before
    assert main(["assign", "ps1", "--questions", "coldwar-06", "--force", "--dir", str(tmp_path)]) == 0
    assert assign.load_manifest(tmp_path / "release" / "ps1").points == {"coldwar-06": 1.0}


@pytest.mark.parametrize("content, message", [
    (None, "no assignment manifest"),
    ("{not json", "not a readable JSON"),
    ('["ps1"]', "JSON object"),
    ('{"name": "ps1", "questions": []}', "non-empty list"),
    ('{"name": "ps1", "questions": [{"id": "coldwar-02", "points": -1}]}', "more than 0"),
    ('{"name": "ps1", "questions": [{"id": "coldwar-02"}, {"id": "coldwar-02"}]}', "points"),
    ('{"name": "ps1", "due": "soon", "questions": [{"id": "coldwar-02", "points": 1}]}', "YYYY-MM-DD"),
    ('{"name": "ps1", "feedback": "quiz", "questions": [{"id": "coldwar-02", "points": 1}]}', "--feedback must be"),
    ('{"name": "ps1", "feedback": "attempts", "questions": [{"id": "coldwar-02", "points": 1}]}', "--attempts must"),
    ('{"name": "ps1", "timezone": "Nowhere", "questions": [{"id": "coldwar-02", "points": 1}]}', "not known"),
])
def test_load_manifest_explains_bad_manifests(tmp_path, content, message):
    if content is not None:
        (tmp_path / "manifest.json").write_text(content)
    with pytest.raises(assign.AssignmentError, match=message):
        assign.load_manifest(tmp_path)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(due=st.one_of(st.none(), st.text(max_size=12), st.dates().map(str)),
       points=st.lists(st.text(max_size=15), max_size=3),
       questions=st.lists(st.one_of(st.sampled_from(QUESTIONS), st.text(max_size=12)), max_size=4))
def test_any_input_builds_or_is_refused_cleanly(tmp_path_factory, due, points, questions):
    folder = tmp_path_factory.mktemp("any")
    try:
        result = assign.build("ps", questions, points, due, directory=folder)
    except assign.AssignmentError as exc:
        assert str(exc)
        assert files_under(folder) == []
    else:
        manifest = assign.load_manifest(result.release)
        assert [q for q, _ in manifest.questions] == questions
        assert all(p > 0 for _, p in manifest.questions)


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.one_of(json_values, st.fixed_dictionaries(
    {"name": st.sampled_from(["ps1", "Bad Name", ""]), "due": st.one_of(st.none(), st.text(max_size=10)),
     "questions": st.lists(st.fixed_dictionaries({"id": st.text(max_size=10), "points": json_values}), max_size=3)})))
def test_any_manifest_loads_or_is_refused_with_a_message(tmp_path_factory, raw):
    folder = tmp_path_factory.mktemp("manifest")
    (folder / "manifest.json").write_text(json.dumps(raw))
    try:
        manifest = assign.load_manifest(folder)
    except assign.AssignmentError as exc:
        assert str(exc)
    else:
        assert manifest.total > 0 and manifest.questions


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(students=st.lists(st.text(max_size=12), min_size=1, max_size=4))
def test_collect_any_class_list_is_collected_or_refused(built, tmp_path_factory, students):
    homes = tmp_path_factory.mktemp("homes")
    out = tmp_path_factory.mktemp("out")
    try:
        result = collect.collect("ps1", homes, directory=built.release.parents[1], out=out, students=students,
                                 quiet=True)
    except collect.CollectError as exc:
        assert "--students" in str(exc)
    else:  # nobody saved anything: everyone is listed with zero points and "no submission"
        assert set(result.gradebook) == set(students) and set(result.missing) == set(students)
        assert all(sum(marks.values()) == 0 for marks in result.gradebook.values())
        assert set(result.statuses.values()) == {"no submission"}
        assert all(Path(p).resolve().is_relative_to(out.resolve()) for p in out.rglob("*"))
