"""Each student their own variant, in class (issue 28): ``assign --roster`` writes each student's
notebook and solved copy, ``distribute`` puts the notebooks in the students' homes without
following links, ``collect`` and ``grade`` grade each student on the variant of the student who
handed in (never on what the notebook claims), ``exam --roster`` does the same with keys.json
version 2, and a bad class list or a failing generator is refused writing nothing.

The questions that vary here are throw-away generators wrapped around course questions (a
number, a data question and a shuffled select question), registered for this module only.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import re
import shutil
from pathlib import Path

import jsonschema
import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assignment_helpers import run_in_edition
from natocourse.engine import DataQuestion, Numeric, export, registry, variants
from natocourse.engine.answers import serialise
from natocourse.tooling.classroom import assign, distribute, grading, per_student, roster
from natocourse.tooling.classroom.submissions import Submission
from natocourse.tooling.cli import main

QUESTIONS = ["coldwar-06", "bill-01", "burden-02", "tour-02"]
#: The questions whose answer differs from student to student (tour-02 only shuffles its options).
VARIED = {"bill-01", "burden-02"}
CLASS = ["ann", "ben", "cy", "dan"]


@pytest.fixture(scope="module")
def varied():
    """bill-01 and burden-02 made generators, tour-02 shuffled, for this module; restored after."""
    originals = {q: registry.get(q) for q in ("bill-01", "burden-02", "tour-02")}
    bill, burden, tour = originals.values()

    def build_bill(days):
        return Numeric("bill-01", f"{bill.prompt} Suppose the bill allowed {days} more days.",
                       answer=bill.answer + days, tolerance=bill.tolerance, units=bill.units, register=False)

    def build_burden(shift):
        return DataQuestion("burden-02", f"{burden.prompt} Then add {shift}.",
                            expected=lambda data, s=shift: float(burden.expected_function(data)) + s,
                            tolerance=burden.tolerance, units=burden.units, register=False)

    for qid in originals:
        registry.unregister(qid)
    made = {"bill-01": variants.generated(build_bill, default={"days": 0}, days=[0, 5, 10, 15]),
            "burden-02": variants.generated(build_burden, default={"shift": 0}, shift=[0, 1, 2, 3]),
            "tour-02": variants.shuffled(copy.copy(tour))}
    registry.register(made["tour-02"])
    yield made
    for qid, question in originals.items():
        registry.unregister(qid)
        registry.register(question)


def class_list(folder: Path, *logins: str, header: str = "student,name") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "class.csv"
    path.write_text(header + "\n" + "".join(f"{login},Student {n}\n" for n, login in enumerate(logins)),
                    encoding="utf-8")
    return path


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def built(varied, tmp_path_factory):
    folder = tmp_path_factory.mktemp("variants-class")
    (folder / "ws").mkdir()
    return assign.build("ps1", QUESTIONS, {"burden-02": 2}, directory=folder / "ws",
                        roster=class_list(folder, *CLASS))


def cell(nb, cell_id: str) -> str:
    return next(c for c in nb.cells if c.get("id") == cell_id).source


# ---- assign --roster ----------------------------------------------------------------------------

def test_each_student_gets_their_own_notebook_and_solved_copy(built, varied):
    assert files_under(built.release) == ["ann", "ann/ps1.ipynb", "ben", "ben/ps1.ipynb", "cy", "cy/ps1.ipynb",
                                          "dan", "dan/ps1.ipynb", "manifest.json"]
    assert files_under(built.source) == ["ann", "ann/ps1.ipynb", "ben", "ben/ps1.ipynb", "cy", "cy/ps1.ipynb",
                                         "dan", "dan/ps1.ipynb", "roster.csv"]
    raw = json.loads((built.release / "manifest.json").read_text())
    assert raw["variants"] == "per-student" and raw["students"] == CLASS
    assert assign.load_manifest(built.release).students == tuple(CLASS)
    for student in CLASS:
        released = nbformat.read(built.notebook_of(student), as_version=4)
        assert cell(released, "assignment-setup").endswith(f"student={student!r})")
        assert f"Your own version, `{student}`" in cell(released, "assignment-intro")
        assert "BEGIN SOLUTION" not in built.notebook_of(student).read_text()
        solved = nbformat.read(built.solved_of(student), as_version=4)
        for qid in VARIED:  # the solved copy answers the student's variant, with its parameters named
            mine = variants.variant(varied[qid], student, "ps1")
            assert f"{student}'s variant ({', '.join(f'{k}={v!r}' for k, v in mine.parameters.items())})" \
                in cell(solved, f"{qid}-answer")
            assert "answer = None" in cell(released, f"{qid}-answer")


def test_two_students_variants_differ(varied):
    for qid in VARIED:
        ann, ben = (variants.variant(varied[qid], s, "ps1") for s in ("ann", "ben"))
        assert ann.parameters != ben.parameters and ann.prompt != ben.prompt
    ann, ben = (variants.variant(varied["tour-02"], s, "ps1") for s in ("ann", "ben"))
    assert ann.options != ben.options and sorted(ann.options) == sorted(ben.options)


def test_without_a_roster_or_a_question_that_varies_assign_writes_one_notebook(varied, tmp_path):
    plain = assign.build("ps2", QUESTIONS, directory=tmp_path)
    assert files_under(plain.release) == ["manifest.json", "ps2.ipynb"]
    assert "students" not in json.loads((plain.release / "manifest.json").read_text())
    same = assign.build("ps3", ["coldwar-03", "coldwar-06"], directory=tmp_path,
                        roster=class_list(tmp_path / "c", "ann", "ben"))
    assert files_under(same.release) == ["manifest.json", "ps3.ipynb"]
    assert not same.manifest.per_student


# ---- grading each student on their own variant ----------------------------------------------------

def answer(qid: str, value) -> Submission:
    """A hand-in by nobody yet: one code answer to ``qid``."""
    return Submission("", "ps1.ipynb", questions=[qid], code={qid: [serialise(value)]})


def test_the_grader_grades_the_variant_of_who_handed_in(built, varied):
    """No kernel: submissions as phase 1 leaves them. ann's right answers earn ann full marks and
    cost ben the varied questions; the notebook's claim is not even part of a submission."""
    plan = grading.Plan.from_manifest(assign.load_manifest(built.release))
    assert plan.variants == "ps1"
    bank = {q.id: q for q in registry.all()}
    bank_of = grading.banks(bank, plan)
    for qid in VARIED:
        right = per_student.right_answer(variants.variant(varied[qid], "ann", "ps1"))
        results = []
        for student in ("ann", "ben"):
            result = answer(qid, right)
            result.student = student
            results.append(result)
        rows = grading.score_all(results, bank, questions=[qid], bank_of=bank_of)
        assert [(r.student, r.verdict) for r in rows] == [("ann", "correct"), ("ben", "incorrect")], qid
        public = per_student.right_answer(varied[qid])  # the published solution's answer
        result = answer(qid, public)
        result.student = "ann"
        assert grading.score_all([result], bank, questions=[qid], bank_of=bank_of)[0].verdict == "incorrect"


def test_a_generator_that_fails_at_grading_gives_an_error_row(varied):
    def broken(days):
        raise ZeroDivisionError("no data for that year")

    question = variants.generated(lambda days: Numeric("bill-01", "How many days?", answer=30, register=False)
                                  if days == 0 else broken(days), default={"days": 0}, register=False,
                                  days=[0, 1])
    result = answer("bill-01", 30)
    result.student = "ann"
    bank_of = grading.banks({"bill-01": question}, grading.Plan(variants="ps1"))
    row, = grading.score_all([result], {"bill-01": question}, questions=["bill-01"], bank_of=bank_of)
    assert row.verdict == "error" and "generator failed" in row.reason and "days=1" in row.reason


@pytest.mark.skipif(not Path("/usr/bin/bwrap").exists(), reason="grading in a sandbox needs bubblewrap")
def test_distribute_collect_grade_each_student_on_their_own_variant(built, tmp_path, capsys):
    """Heavy (sandboxed grading). ann hands in her solved copy: full marks. ben hands in ann's
    solved copy (it claims ann): he loses exactly the varied questions. cy hands in her own solved
    copy with its first cell changed to claim ann: full marks all the same. dan hands in the
    notebook as distributed: nothing answered."""
    homes = tmp_path / "homes"
    for student in CLASS:
        (homes / student).mkdir(parents=True)
    assert main(["distribute", "ps1", "--homes", str(homes), "--dir", str(built.release.parents[1])]) == 0
    out = capsys.readouterr().out
    assert all(f"wrote {homes / s / 'ps1' / 'ps1.ipynb'}" in out for s in CLASS)
    for student, copied in {"ann": "ann", "ben": "ann", "cy": "cy"}.items():
        (homes / student / "ps1" / "ps1.ipynb").write_bytes(built.solved_of(copied).read_bytes())
    cy = nbformat.read(homes / "cy" / "ps1" / "ps1.ipynb", as_version=4)
    setup = next(c for c in cy.cells if c.get("id") == "assignment-setup")
    setup.source = setup.source.replace("student='cy'", "student='ann'")
    nbformat.write(cy, homes / "cy" / "ps1" / "ps1.ipynb")
    collected = tmp_path / "collected"
    assert main(["collect", "ps1", "--homes", str(homes), "--dir", str(built.release.parents[1]), "--out",
                 str(collected), "--jobs", "1"]) == 0
    with (collected / "ps1" / "grades.csv").open() as handle:
        book = {row["student"]: row for row in csv.DictReader(handle)}
    assert sorted(book) == CLASS
    total = 5.0
    assert float(book["ann"]["total"]) == total and float(book["cy"]["total"]) == total
    lost = {q for q in QUESTIONS if float(book["ben"][q]) == 0}
    assert lost == VARIED and float(book["ben"]["total"]) == total - 3
    assert float(book["dan"]["total"]) == 0
    feedback = (collected / "ps1" / "feedback" / "ps1" / "ben.md").read_text()
    assert variants.variant(registry.get("bill-01"), "ben", "ps1").prompt.split("Suppose")[1] in feedback


# ---- distribute: homes are the students' ----------------------------------------------------------

def distributed(built, homes: Path, *extra: str) -> int:
    return main(["distribute", "ps1", "--homes", str(homes), "--dir", str(built.release.parents[1]), *extra])


def test_distribute_never_writes_through_a_link_and_keeps_changed_work(built, tmp_path, capsys):
    homes, elsewhere = tmp_path / "homes", tmp_path / "elsewhere"
    elsewhere.mkdir()
    secret = elsewhere / "ps1.ipynb"
    secret.write_text("the instructor's file")
    for student in ("ann", "ben", "cy"):
        (homes / student).mkdir(parents=True)
    (homes / "ann" / "ps1").symlink_to(elsewhere)  # a planted link to a folder
    (homes / "ben" / "ps1").mkdir()
    (homes / "ben" / "ps1" / "ps1.ipynb").symlink_to(secret)  # a planted link to a file
    os.symlink(elsewhere, homes / "dan")  # a home that is a link
    assert distributed(built, homes) == 1
    out = capsys.readouterr().out
    assert secret.read_text() == "the instructor's file" and sorted(os.listdir(elsewhere)) == ["ps1.ipynb"]
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "refused" in lines["ann"] and "is a link or not a folder" in lines["ann"]
    assert "refused" in lines["ben"] and "is a link" in lines["ben"]
    assert "refused" in lines["dan"] and "is a link" in lines["dan"]
    assert "written" in lines["cy"]
    forced = distribute.distribute("ps1", homes, directory=built.release.parents[1], force=True)
    assert {s: forced.outcomes[s] for s in ("ann", "ben", "dan")} == dict.fromkeys(("ann", "ben", "dan"), "refused")
    assert secret.read_text() == "the instructor's file" and sorted(os.listdir(elsewhere)) == ["ps1.ipynb"]
    assert (homes / "cy" / "ps1" / "ps1.ipynb").read_bytes() == built.notebook_of("cy").read_bytes()
    # cy starts work: distributing again keeps it, --force replaces it; an identical copy is left alone
    (homes / "cy" / "ps1" / "ps1.ipynb").write_text("cy's work")
    done = distribute.distribute("ps1", homes, directory=built.release.parents[1])
    assert done.outcomes["cy"] == "kept" and (homes / "cy" / "ps1" / "ps1.ipynb").read_text() == "cy's work"
    done = distribute.distribute("ps1", homes, directory=built.release.parents[1], force=True)
    assert done.outcomes["cy"] == "replaced"
    assert distribute.distribute("ps1", homes, directory=built.release.parents[1]).outcomes["cy"] == "unchanged"
    assert not list(homes.rglob(".ps1.ipynb.natocourse-*"))


def test_distribute_goes_on_past_a_missing_home_and_fails_at_the_end(built, tmp_path, capsys):
    homes = tmp_path / "homes"
    for student in ("ann", "cy", "dan"):
        (homes / student).mkdir(parents=True)
    assert distributed(built, homes) == 1
    captured = capsys.readouterr()
    assert f"no home folder {homes / 'ben'}" in captured.out
    assert sorted(p.relative_to(homes).as_posix() for p in homes.rglob("*.ipynb")) == [
        "ann/ps1/ps1.ipynb", "cy/ps1/ps1.ipynb", "dan/ps1/ps1.ipynb"]
    assert "1 missing" in captured.err and "Traceback" not in captured.err


def test_distribute_refuses_a_set_with_one_notebook_for_everyone(varied, tmp_path, capsys):
    assign.build("ps2", ["coldwar-02"], directory=tmp_path)
    (tmp_path / "homes").mkdir()
    assert main(["distribute", "ps2", "--homes", str(tmp_path / "homes"), "--dir", str(tmp_path)]) == 2
    assert "one notebook for everyone" in capsys.readouterr().err
    assert not list((tmp_path / "homes").iterdir())


def test_publish_leaves_a_per_student_set_out_and_says_so(built, tmp_path, capsys):
    workspace = tmp_path / "ws"
    shutil.copytree(built.release, workspace / "release" / "ps1")
    assign.build("ps2", ["coldwar-02"], directory=workspace)
    assert main(["publish", str(tmp_path / "class"), "--dir", str(workspace), "--no-git"]) == 0
    assert (tmp_path / "class" / "release" / "ps2" / "ps2.ipynb").is_file()
    assert not (tmp_path / "class" / "release" / "ps1").exists()
    assert "left out ps1: one notebook per student" in capsys.readouterr().out


# ---- bad input: a class list or a generator ---------------------------------------------------------

BAD_ROSTERS = [
    ("student\nann\nben\nAnn\n", "row 4: 'Ann' is listed twice (row 2 has 'ann'"),
    ("student\nann\n../x\n", "row 3: '../x' is not a usable login"),
    ("student\nann\n.\n", "row 3: '.' is not a usable login"),
    ("student\nann\n..\n", "row 3: '..' is not a usable login"),
    ("student\nann\na/b\n", "row 3: 'a/b' is not a usable login"),
    ("student\nann\na\\b\n", "is not a usable login"),
    ("student\nann\n.hidden\n", "row 3: '.hidden' is not a usable login"),
    ("student\nann\nann smith\n", "row 3: 'ann smith' is not a usable login"),
    ("student,name\nann,Ann\n,Ben\n", "row 3: a login cannot be empty"),
    ("student\nann\nnul\x00x\n", "row 3"),
    ("student\nann\nmanifest.json\n", "row 3: the login 'manifest.json' is also the name of a file"),
    ("student\nann\nroster.csv\n", "row 3: the login 'roster.csv' is also the name of a file"),
]


@pytest.mark.parametrize("content, message", BAD_ROSTERS)
def test_a_bad_class_list_is_refused_naming_file_and_row_and_nothing_is_written(varied, tmp_path, capsys,
                                                                               content, message):
    path = tmp_path / "lists" / "class.csv"
    path.parent.mkdir()
    path.write_text(content, encoding="utf-8")
    work = tmp_path / "work"
    work.mkdir()
    assert main(["assign", "ps1", "--questions", *QUESTIONS, "--roster", str(path), "--dir", str(work)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and message in err and "Traceback" not in err, err
    assert files_under(work) == []
    if "also the name of a file" in message:
        return  # an exam keeps its students' folders in release/ and source/ alone: no file to collide with
    assert main(["exam", str(work / "exam1"), "--questions", *QUESTIONS, "--roster", str(path), "--no-git"]) == 2
    assert str(path) in capsys.readouterr().err and files_under(work) == []


def test_nbgrader_export_of_a_per_student_set_is_refused_writing_nothing(varied, tmp_path, capsys):
    roster_file = class_list(tmp_path / "lists", "ann", "ben")
    work = tmp_path / "work"
    work.mkdir()
    assert main(["assign", "ps1", "--questions", *QUESTIONS, "--roster", str(roster_file), "--nbgrader",
                 "--dir", str(work)]) == 2
    assert "--nbgrader grades every student with the same key" in capsys.readouterr().err
    assert files_under(work) == []


def failing(qid: str, how: str):
    def build(shift):
        if shift and how == "raises":
            raise KeyError(f"no row for {shift}")
        value = float("nan") if shift and how == "nan" else None if shift else 1.0
        return DataQuestion(qid, "How much?", expected=lambda data, v=value: v, register=False)

    return variants.generated(build, default={"shift": 0}, shift=[0, 7])


@pytest.mark.parametrize("how, message", [("raises", "its generator failed for ann's parameters (shift=7): KeyError"),
                                          ("nan", "gives no answer for ann's parameters (shift=7)"),
                                          ("none", "gives no answer for ann's parameters (shift=7)")])
def test_a_generator_without_an_answer_is_refused_naming_question_and_parameters(varied, tmp_path, capsys,
                                                                                how, message):
    original = registry.get("burden-02")
    registry.unregister("burden-02")
    try:
        failing("burden-02", how)
        work = tmp_path / "work"
        work.mkdir()
        roster_file = class_list(tmp_path, "ann", "ben")
        assert main(["assign", "ps1", "--questions", *QUESTIONS, "--roster", str(roster_file), "--dir",
                     str(work)]) == 2
        err = capsys.readouterr().err
        assert f"burden-02: {message}" in err and "Traceback" not in err, err
        assert main(["exam", str(work / "exam1"), "--questions", *QUESTIONS, "--roster", str(roster_file)]) == 2
        assert "burden-02: " in capsys.readouterr().err
        assert files_under(work) == []
    finally:
        registry.unregister("burden-02")
        registry.register(original)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.text(max_size=12), st.sampled_from(["..", ".", "../x", "a/b", "a\\b", "x\x00", ".x", "x.",
                                                         "-x", "ann", "ann.smith", "s2031", "ann@uni.example"])))
def test_a_login_is_a_plain_folder_name_or_refused(tmp_path_factory, name):
    try:
        roster.check_name(name)
    except roster.RosterError as exc:
        assert "login" in str(exc) or "student name" in str(exc)
        return
    assert name not in ("", ".", "..") and not name.startswith((".", "-"))
    assert not set(name) & {"/", "\\", "\x00", " "} and len(name) <= 100
    assert Path(name).name == name and os.path.basename(name) == name and os.path.normpath(name) == name
    folder = tmp_path_factory.mktemp("login")
    (folder / name).mkdir()
    assert os.listdir(folder) == [name] and (folder / name).resolve().parent == folder.resolve()


@pytest.mark.parametrize("extra, message", [
    ({"variants": "per-student", "students": ["ann", "../x"]}, "'../x' is not a usable login"),
    ({"variants": "per-student", "students": ["ann", "ANN"]}, "listed twice"),
    ({"variants": "per-student", "students": []}, "with 'students', the list of logins"),
    ({"students": ["ann"]}, "'variants' is 'per-student'"),
    ({"variants": "per-student"}, "'variants' is 'per-student'"),
])
def test_a_damaged_per_student_manifest_is_refused_with_a_message(tmp_path, extra, message):
    raw = {"name": "ps1", "questions": [{"id": "coldwar-02", "points": 1}], **extra}
    (tmp_path / "manifest.json").write_text(json.dumps(raw))
    with pytest.raises(assign.AssignmentError, match=re.escape(message)):
        assign.load_manifest(tmp_path)


# ---- exam mode ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def exam_written(varied, tmp_path_factory):
    folder = tmp_path_factory.mktemp("exam-variants")
    out = folder / "midterm"
    assert main(["exam", str(out), "--questions", *QUESTIONS, "--points", "burden-02=2", "--roster",
                 str(class_list(folder, "ann", "dan")), "--no-git"]) == 0
    return out


def test_the_exam_edition_holds_prompts_and_parameters_never_answers(exam_written, varied):
    out = exam_written
    assert files_under(out / "release") == ["ann", "ann/midterm.ipynb", "dan", "dan/midterm.ipynb"]
    assert files_under(out / "source") == ["ann", "ann/midterm.ipynb", "dan", "dan/midterm.ipynb"]
    assert not (out / "student" / "midterm.ipynb").exists()
    keys = json.loads((out / "keys.json").read_text())
    schema = export.schema()
    validator = jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/keys_file"})
    assert list(validator.iter_errors(keys)) == []
    assert keys["version"] == 2 and keys["assignment"] == "midterm" and sorted(keys["students"]) == ["ann", "dan"]
    for student in ("ann", "dan"):
        assert list(keys["students"][student]) == QUESTIONS
        mine = variants.variant(varied["bill-01"], student, "midterm")
        assert keys["students"][student]["bill-01"]["answer"] == mine.answer
    bank = out / "student" / "src" / "natocourse" / "questions"
    shown = json.loads((bank / "variants.json").read_text())
    public = jsonschema.Draft202012Validator({**schema, "$ref": "#/$defs/public"})
    assert sorted(shown) == sorted([*VARIED, "tour-02"])
    for qid, plan in shown.items():
        for parameters, spec in plan["made"]:
            assert list(public.iter_errors(spec)) == [], qid
            assert not {"answer", "keys", "explanation", "feedback"} & set(spec), qid
    text = (bank / "variants.json").read_text() + (bank / "questions.json").read_text()
    for student in ("ann", "dan"):
        assert str(variants.variant(varied["bill-01"], student, "midterm").answer) not in text
    released = (out / "release" / "ann" / "midterm.ipynb").read_text()
    assert "BEGIN SOLUTION" not in released and "student='ann'" in released and "feedback='none'" in released


def test_the_exam_edition_shows_each_student_their_variant(exam_written, varied, tmp_path):
    code = """
import json
from natocourse import exercises
from natocourse.engine import variants
seen = {}
for student in ("ann", "dan"):
    exercises.assignment("midterm", feedback="none", student=student)
    shown = {q: variants.current(exercises.get(q)) for q in ("bill-01", "burden-02", "tour-02")}
    seen[student] = {q: [s.prompt, getattr(s, "options", None), exercises.check(q, 1).message] for q, s in shown.items()}
print(json.dumps(seen))
"""
    seen = run_in_edition(exam_written, code, tmp_path / "home")
    for student in ("ann", "dan"):
        for qid in ("bill-01", "burden-02", "tour-02"):
            mine = variants.variant(varied[qid], student, "midterm")
            prompt, options, message = seen[student][qid]
            assert prompt == mine.prompt and options == getattr(mine, "options", None), (student, qid)
            assert message.startswith("Recorded"), message
    assert seen["ann"]["bill-01"][0] != seen["dan"]["bill-01"][0]


def test_grade_with_per_student_keys_and_a_student_not_in_them(exam_written, varied):
    bank = {q.id: q for q in registry.all()}
    plan = grading.Plan(keys=exam_written / "keys.json")
    bank_of = grading.banks(bank, plan)
    right = per_student.right_answer(variants.variant(varied["bill-01"], "ann", "midterm"))
    results = []
    for student in ("ann", "dan", "zed"):
        result = answer("bill-01", right)
        result.student = student
        results.append(result)
    rows = grading.score_all(results, bank, questions=["bill-01"], bank_of=bank_of)
    assert [r.verdict for r in rows] == ["correct", "incorrect", "error"]
    assert "zed is not in keys.json" in rows[2].reason


@pytest.mark.skipif(not Path("/usr/bin/bwrap").exists(), reason="grading in a sandbox needs bubblewrap")
def test_exam_with_variants_round_trip(exam_written, tmp_path, capsys):
    """Heavy (sandboxed grading, exam mode). ann hands in her solved copy, dan ann's: ann earns
    everything, dan loses the varied questions; zed, who is on no list of the exam, gets error
    rows saying so."""
    homes = tmp_path / "homes"
    for student in ("ann", "dan", "zed"):
        (homes / student).mkdir(parents=True)
    assert main(["distribute", "--exam", str(exam_written), "--homes", str(homes)]) == 0  # ann and dan only
    assert not (homes / "zed" / "midterm").exists()
    for student in ("ann", "dan", "zed"):
        target = homes / student / "midterm" / "midterm.ipynb"
        target.parent.mkdir(exist_ok=True)
        target.write_bytes((exam_written / "source" / "ann" / "midterm.ipynb").read_bytes())
    collected = tmp_path / "collected"
    assert main(["collect", "--exam", str(exam_written), "--homes", str(homes), "--out", str(collected),
                 "--students", "ann", "dan", "zed", "--jobs", "1"]) == 0
    with (collected / "midterm" / "grades.csv").open() as handle:
        book = {row["student"]: row for row in csv.DictReader(handle)}
    assert float(book["ann"]["total"]) == 5
    assert {q for q in QUESTIONS if float(book["dan"][q]) == 0} == VARIED
    assert float(book["zed"]["total"]) == 0
    with (collected / "midterm" / "grades-details.csv").open() as handle:
        zed = [row for row in csv.DictReader(handle) if row["student"] == "zed"]
    assert zed and all(r["verdict"] == "error" and "zed is not in keys.json" in r["reason"] for r in zed)


def test_the_guide_says_it_with_commands_that_parse():
    import shlex

    from natocourse.tooling import cli

    guide = (Path(__file__).resolve().parents[1] / "book" / "instructor-guide.md").read_text(encoding="utf-8")
    start = guide.index("### Each student their own variant")
    section = guide[start:guide.index("\n### ", start + 10)]
    commands = [shlex.split(line)[3:] for block in re.findall(r"```bash\n(.*?)```", section, re.S)
                for line in block.replace("\\\n", " ").splitlines() if line.startswith("python -m natocourse")]
    assert [c[0] for c in commands] == ["assign", "distribute", "collect", "grade"]
    for argv in commands:
        assert cli.parser().parse_args(argv).command == argv[0]
    secure = guide[guide.index("- *Who typed an answer.*"):]
    assert "On a question that varies" in secure.split("\n- ")[0]  # copying pays only where all are the same
