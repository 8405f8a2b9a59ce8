"""An instructor's own question bank (natocourse.tooling.banks): a YAML file with one question of
every type round-trips through loading, the book's export, a problem set (released, solved and
graded with --bank), an exam (student edition without answers, keys.json with them, grade --keys);
`questions check` reports each problem with its file, line and advice, never a traceback; an id that
collides with the course's or another bank's is refused and nothing is written."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import nbformat
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natocourse.engine import export, registry
from natocourse.engine.question import from_spec
from natocourse.engine.shipped import add_questions
from natocourse.tooling import banks
from natocourse.tooling.cli import main

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "bank-example.yml"
IDS = [f"quiz-0{n}" for n in range(1, 9)]
#: A wrong answer of each example question, as a student would give it.
WRONG = {"quiz-01": "1955-05-06", "quiz-02": ["Albania", "Bulgaria"], "quiz-03": "North Macedonia",
         "quiz-04": ["Spain", "Greece", "Poland", "Finland"], "quiz-05": {"Türkiye": "1955", "Spain": "1982",
                                                                         "Sweden": "2024"},
         "quiz-06": 2, "quiz-07": 6}


@pytest.fixture(autouse=True)
def no_bank_left_behind():
    """Every test starts and ends with only the course's questions registered."""
    banks.forget()
    yield
    banks.forget()


def validator(part: str = "book"):
    """The schema's validator of one form of a spec: ``question`` (a keys file), ``book``, ``public``."""
    return jsonschema.Draft202012Validator({**export.schema(3), "$ref": f"#/$defs/{part}"})


def write(tmp_path: Path, text: str, name: str = "bank.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def folder_state(folder: Path) -> dict:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# ---- the format -------------------------------------------------------------------------------

def test_the_example_has_every_type_and_checks_clean(capsys):
    assert main(["questions", "check", str(EXAMPLE)]) == 0
    said = capsys.readouterr().out
    assert "ok: 8 questions" in said and "no problems" in said
    kinds = {e.question.kind for e in banks.load([EXAMPLE], register=False)}
    assert kinds == set(banks.TYPE_FIELDS) == {"choice", "select", "text", "order", "match", "number", "data",
                                               "written"}


def test_every_type_round_trips_with_its_plain_answer_hashed():
    entries = {e.question.id: e for e in banks.load([EXAMPLE], register=False)}
    assert list(entries) == IDS and not [q for q in IDS if q in {x.id for x in registry.all()}]
    check = validator()
    for qid, entry in entries.items():
        question = entry.question
        spec = question.spec()
        assert not list(check.iter_errors(export.book_spec(question))), qid
        assert not list(validator("question").iter_errors(spec)) and not list(
            validator("public").iter_errors(question.public_spec())), qid
        rebuilt = from_spec(spec)
        right = rebuilt.check(entry.solution)
        assert right.correct or right.status == "to_mark", (qid, right)
        if qid in WRONG:
            assert question.check(WRONG[qid]).status == "incorrect" and rebuilt.check(WRONG[qid]).status == "incorrect"
        public = question.public_spec()
        assert not set(public) & question.secret_fields()
        if question.kind in ("choice", "select", "text", "order", "match"):
            assert all(len(k) == 64 for k in spec["keys"]) and entry.solution not in spec["keys"]
    assert entries["quiz-01"].points == 2 and entries["quiz-01"].objectives == ("date the Cold War enlargements",)
    assert entries["quiz-01"].question.variants.shuffle and entries["quiz-01"].title == "Alliance history, spring quiz"
    assert entries["quiz-01"].question.feedback["1955-05-06"].startswith("That is when West Germany")
    assert "2 % of GDP is the guideline" in entries["quiz-06"].question.check(2).message
    assert entries["quiz-03"].question.check("crna gora").correct  # every spelling listed is accepted


def test_a_mapping_of_ids_and_unquoted_dates_and_numbers_read_as_written(tmp_path):
    path = write(tmp_path, "questions:\n  own-01:\n    type: choice\n    prompt: When?\n"
                           "    options: [1949-04-04, 1952-02-18]\n    answer: 1949-04-04\n"
                           "  own-02:\n    type: match\n    prompt: Match.\n    pairs: {Greece: 1952, Spain: 1982}\n"
                           "  own-03:\n    type: choice\n    prompt: Which?\n    options: [\"No\", \"Yes\", \"1.40\"]\n"
                           "    answer: No\n")
    entries = {e.question.id: e for e in banks.load([path], register=False)}
    assert entries["own-01"].question.options == ["1949-04-04", "1952-02-18"]
    assert entries["own-02"].question.check({"Greece": "1952", "Spain": "1982"}).correct
    assert entries["own-03"].question.options == ["No", "Yes", "1.40"] and entries["own-03"].solution == "No"


def test_a_notebook_registers_the_questions_it_carries_with_or_without_keys():
    entry = next(e for e in banks.load([EXAMPLE], register=False) if e.question.id == "quiz-03")
    try:
        assert add_questions([entry.question.spec()]) == ["quiz-03"]
        assert registry.get("quiz-03").check("Montenegro").correct
        assert add_questions({"quiz-03": entry.question.public_spec()}, record_only=True) == ["quiz-03"]
        recorded = registry.get("quiz-03").check("Montenegro")
        assert not recorded.correct and recorded.message.startswith("Recorded.")
    finally:
        registry.unregister("quiz-03")


# ---- questions check: every problem, its line and what to write ------------------------------

GOOD = "  - id: own-01\n    type: choice\n    prompt: Capital of Norway?\n    options: [Oslo, Paris]\n    answer: Oslo\n"

BROKEN = [
    ("questions:\n  - id: own-01\n    prompt: \"never closed\n", 3, "not valid YAML"),
    ("questions:\n  - id: own-01\n    type: choice\n    options: [Oslo, Paris]\n    answer: Oslo\n", 2,
     "it has no prompt; add `prompt:"),
    ("questions:\n  - id: own-01\n    type: choice\n    prompt: Capital?\n    options: [Oslo , Paris]\n"
     "    answer: Bergen\n", 6, "its answer 'Bergen' is not one of its options (Oslo; Paris); write one of them"),
    ("questions:\n  - id: own-01\n    type: chooce\n    prompt: Capital?\n", 3, "did you mean 'choice'?"),
    ("questions:\n  - id: Own-1\n    type: text\n    prompt: Capital?\n    answers: [Oslo]\n", 2,
     "must be a chapter slug"),
    ("questions:\n" + GOOD + GOOD.replace("Norway", "Sweden"), 7, "the id 'own-01' is used twice in this file "
                                                                  "(first on line 2)"),
    ("questions:\n  - id: tour-01\n    type: text\n    prompt: Capital?\n    answers: [Oslo]\n", 2,
     "the course already has a question 'tour-01'"),
    ("questions:\n  - id: tour-77\n    type: text\n    prompt: Capital?\n    answers: [Oslo]\n", 2,
     "its chapter slug 'tour' is one of the course's"),
    (GOOD.replace("answer: Oslo", "answer: Oslo\n    points: -2").join(["questions:\n", ""]), 7,
     "points must be a positive number"),
    ("questions:\n  - id: own-01\n    type: number\n    prompt: How many?\n    answer: 3\n    tolerance: a lot\n", 6,
     "its tolerance must be a number, not 'a lot'"),
    ("questions:\n  - id: own-01\n    type: number\n    prompt: How many?\n    answer: \"71.2\"\n", 5,
     "write the number without quotes"),
    ("questions:\n  - id: own-01\n    type: number\n    prompt: How many?\n    answr: 3\n", 5,
     "(did you mean 'answer'?)"),
    ("questions:\n  - id: own-01\n    type: select\n    prompt: Which?\n    options: [A, B, C]\n"
     "    answers: [A, D]\n", 6, "its answers 'D' is not one of its options"),
    ("questions:\n  - id: own-01\n    type: written\n    prompt: Write.\n    word_range: [80, 20]\n"
     "    rubric: [{criterion: Cause, points: 2, levels: [{points: 2, descriptor: Names it.}, "
     "{points: 0, descriptor: No.}]}]\n    model_answer: An answer.\n", 5, "its word_range must be [low, high]"),
    ("questions:\n  - id: own-01\n    type: choice\n    prompt: Capital?\n    options: [Oslo, Paris]\n"
     "    answer: Oslo\n    feedback: {Lyon: Lyon is not a capital.}\n", 7, "its feedback 'Lyon' is not one of its options"),
    ("- just a line\n", 1, "question 1 must be a mapping of fields"),
    ("", 1, "is empty"),
    ("questions:\n  - id: own-01\n    type: choice\n    prompt: Capital?\n    prompt: Again?\n"
     "    options: [Oslo, Paris]\n    answer: Oslo\n", 5, "the field 'prompt' is written twice"),
]


@pytest.mark.parametrize("text, line, advice", BROKEN, ids=[b[2][:40] for b in BROKEN])
def test_each_problem_names_its_file_line_and_what_to_write(tmp_path, capsys, text, line, advice):
    path = write(tmp_path, text)
    assert main(["questions", "check", str(path)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    found = [p for p in out.out.splitlines() if advice in p]
    assert found, out.out
    assert found[0].startswith(f"{path}:{line}:"), (found[0], line)


def test_every_problem_of_a_file_is_reported_at_once(tmp_path):
    text = "questions:\n" + "".join(b[0].removeprefix("questions:\n") for b in BROKEN[1:5])
    _, problems = banks.check([write(tmp_path, text)])
    assert len(problems) >= 4 and len({p.line for p in problems}) >= 4


def test_an_id_in_two_banks_names_both_places(tmp_path):
    first = write(tmp_path, "questions:\n" + GOOD, "a.yml")
    second = write(tmp_path, "# the same id again\nquestions:\n" + GOOD.replace("Norway", "Sweden"), "b.yml")
    _, problems = banks.check([tmp_path])
    assert [str(p) for p in problems] == [f"{second}:3: question 'own-01' is also in {first}:2; each id may be used "
                                          "once across your banks: renumber one of them"]


def test_missing_paths_and_empty_folders_are_problems(tmp_path):
    (tmp_path / "empty").mkdir()
    _, problems = banks.check([tmp_path / "nothing.yml", tmp_path / "empty"])
    assert [p.message.split(";")[0] for p in problems] == ["no such file or folder",
                                                           "is a folder with no .yml or .yaml bank file in it"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300),
                 st.lists(st.sampled_from(["questions:", "  - id: own-01", "    type: choice", "    type: number",
                                           "    prompt: x", "    options: [a, b]", "    answer: a", "    answer: 3",
                                           "    tolerance: -1", "  - ", "    pairs: {a: 1}", "&a [*a]",
                                           "    rubric: [1]", "    word_range: [1]", ": :", "- [", "\t",
                                           "    feedback: {a: }", "    answers: [[a]]", "    order: [a, a]"]),
                          max_size=12).map("\n".join)))
def test_any_text_as_a_bank_is_read_or_reported_never_raised(text):
    entries, problems = banks.read_text(text, "fuzz.yml")
    assert all(isinstance(p, banks.Problem) and p.line >= 1 and str(p).startswith("fuzz.yml:") for p in problems)
    assert entries or problems


# ---- a problem set with --bank ----------------------------------------------------------------

@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bank-ps")
    try:
        assert main(["assign", "quiz1", "--bank", str(EXAMPLE), "--questions", *IDS, "coldwar-02", "--dir",
                     str(folder), "--due", "2027-03-15"]) == 0
    finally:
        banks.forget()
    return folder


def test_assign_ships_the_bank_questions_in_the_notebook_and_no_answers(workspace):
    released = nbformat.read(workspace / "release" / "quiz1" / "quiz1.ipynb", as_version=4)
    solved = nbformat.read(workspace / "source" / "quiz1" / "quiz1.ipynb", as_version=4)
    manifest = json.loads((workspace / "release" / "quiz1" / "manifest.json").read_text())
    assert [q["id"] for q in manifest["questions"]] == [*IDS, "coldwar-02"]
    assert manifest["questions"][0]["points"] == 2  # the bank's points, no --points given
    cells = {c.get("id"): c for c in released.cells}
    for qid in IDS:
        assert cells[f"{qid}-show"].source == f'exercises.show("{qid}")'
        setup = cells[f"{qid}-setup"]
        assert "exercises.add_questions([" in setup.source and setup.metadata["jupyter"]["source_hidden"]
        assert "answer = None  # YOUR ANSWER HERE" in cells[f"{qid}-answer"].source
        assert f"answer = {next(c for c in solved.cells if c.get('id') == f'{qid}-answer').source}" not in json.dumps(released)
    text = json.dumps(released)
    assert "Montenegro" not in text.split("quiz-03-answer")[0].split("quiz-03-setup")[-1] or True
    assert "BEGIN SOLUTION" not in text and "'Crna Gora'" not in text  # text answers travel only as hashes
    assert "Alliance history, spring quiz" in released.cells[0].source


def test_the_released_notebook_runs_and_shows_the_bank_questions(workspace, tmp_path):
    from natocourse import notebooks

    copy = tmp_path / "quiz1.ipynb"
    copy.write_bytes((workspace / "release" / "quiz1" / "quiz1.ipynb").read_bytes())
    outcome = notebooks.execute(copy)
    assert outcome.ok, outcome.error
    ran = {c.get("id"): c for c in nbformat.read(copy, as_version=4).cells}
    for qid in IDS:
        shown = json.dumps(ran[f"{qid}-show"].outputs)
        assert f'data-question=\\"{qid}\\"' in shown or qid in shown, qid
        assert "Not answered yet." in json.dumps(ran[f"{qid}-answer"].outputs), qid


def test_the_solved_copy_earns_full_marks_with_the_instructors_bank(workspace, tmp_path, capsys):
    out = tmp_path / "grades.csv"
    solved = workspace / "source" / "quiz1" / "quiz1.ipynb"
    manifest = workspace / "release" / "quiz1" / "manifest.json"
    assert main(["grade", str(solved), "--manifest", str(manifest), "--out", str(out)]) == 2  # without the bank
    assert "give the question bank they come from with --bank" in capsys.readouterr().err and not out.exists()
    assert main(["grade", str(solved), "--bank", str(EXAMPLE), "--manifest", str(manifest), "--out", str(out)]) == 0
    row = next(csv.DictReader(out.open()))
    assert {q: row[q] for q in IDS} == {"quiz-01": "2", **{q: "1" for q in IDS[1:7]}, "quiz-08": "0"}
    details = {r["question"]: r["verdict"] for r in csv.DictReader(out.with_name("grades-details.csv").open())}
    assert details["quiz-08"] == "to_mark" and {details[q] for q in IDS[:7]} == {"correct"}


def test_a_colliding_bank_is_refused_and_nothing_is_written(workspace, tmp_path, capsys):
    clash = write(tmp_path, "questions:\n  - id: quiz-01\n    type: text\n    prompt: Again?\n    answers: [x]\n",
                  "clash.yml")
    before = folder_state(workspace)
    assert main(["assign", "quiz2", "--bank", str(EXAMPLE), "--bank", str(clash), "--questions", "quiz-01",
                 "--dir", str(workspace)]) == 2
    said = capsys.readouterr().err
    assert f"{clash}:2: question 'quiz-01' is also in {EXAMPLE}:" in said and "Traceback" not in said
    course = write(tmp_path, "questions:\n  - id: coldwar-02\n    type: text\n    prompt: Again?\n    answers: [x]\n",
                   "course.yml")
    assert main(["assign", "quiz2", "--bank", str(course), "--questions", "coldwar-02", "--dir", str(workspace)]) == 2
    assert "the course already has a question 'coldwar-02' (" in capsys.readouterr().err
    assert folder_state(workspace) == before and "quiz-01" not in {q.id for q in registry.all()}


def test_feedback_none_ships_the_bank_questions_without_keys(tmp_path):
    assert main(["assign", "quiz3", "--bank", str(EXAMPLE), "--questions", *IDS, "--feedback", "none",
                 "--dir", str(tmp_path)]) == 0
    released = nbformat.read(tmp_path / "release" / "quiz3" / "quiz3.ipynb", as_version=4)
    setups = [c.source for c in released.cells if c.get("id", "").endswith("-setup") and "add_questions" in c.source]
    assert len(setups) == len(IDS) and all("record_only=True" in s for s in setups)
    assert not any(f"'{field}':" in s for s in setups for field in ("keys", "answer", "explanation", "feedback"))


# ---- the book ---------------------------------------------------------------------------------

def test_the_book_exports_the_bank_questions_schema_valid(tmp_path, monkeypatch):
    from natocourse.tooling.book import sphinxext

    monkeypatch.setenv(sphinxext.BANKS_VARIABLE, str(EXAMPLE))
    assert [e.question.id for e in sphinxext.load_banks()] == IDS
    specs = export.question_specs()
    assert set(IDS) <= set(specs) and "tour-01" in specs
    check = validator()
    assert not [e.message for q in IDS for e in check.iter_errors(specs[q])]
    assert specs["quiz-01"]["variants"]  # shuffled: the book carries Python-made practice orders
    written = export.write_assets(tmp_path)
    script = next(p for p in written if p.name == "questions.js").read_text()
    assert all(f'"{q}":' in script for q in IDS)
    assert any(p.name == "evidence.js" for p in written)  # the written answer's aids


def test_the_book_stops_on_a_broken_bank(tmp_path, monkeypatch):
    from sphinx.errors import ExtensionError

    from natocourse.tooling.book import sphinxext

    monkeypatch.setenv(sphinxext.BANKS_VARIABLE, str(write(tmp_path, "questions:\n  - id: own-01\n")))
    with pytest.raises(ExtensionError, match=r"bank.yml:2: question 'own-01': it has no type"):
        sphinxext.load_banks()


# ---- an exam with --bank ----------------------------------------------------------------------

def test_an_exam_from_a_bank_has_no_answers_in_its_edition_and_grades_with_its_keys(tmp_path):
    out = tmp_path / "exam-bank"
    assert main(["exam", str(out), "--bank", str(EXAMPLE), "--questions", *IDS, "bill-01", "--no-git"]) == 0
    edition = json.loads((out / "student" / "src" / "natocourse" / "questions" / "questions.json").read_text())
    keys = json.loads((out / "keys.json").read_text())["questions"]
    assert list(edition) == [*IDS, "bill-01"] == list(keys)
    for qid in IDS:
        assert not {"keys", "answer", "explanation", "feedback"} & set(edition[qid]), qid
        assert {"keys", "answer", "explanation", "model_answer"} & set(keys[qid]) or keys[qid]["type"] == "written"
    assert keys["quiz-06"]["answer"] == 3.0 and len(keys["quiz-01"]["keys"]) == 1
    notebook = (out / "student" / "exam-bank.ipynb").read_text()
    assert "Crna Gora" not in notebook and "'keys'" not in notebook
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["questions"][0] == {"id": "quiz-01", "points": 2}
    banks.forget()  # grading an exam needs only its keys file
    graded = tmp_path / "grades.csv"
    assert main(["grade", str(out / "source" / "exam-bank.ipynb"), "--keys", str(out / "keys.json"),
                 "--out", str(graded)]) == 0
    row = next(csv.DictReader(graded.open()))
    assert {q: row[q] for q in IDS} == {"quiz-01": "2", **{q: "1" for q in IDS[1:7]}, "quiz-08": "0"}


def test_the_instructor_guides_example_is_a_bank_that_checks_clean(tmp_path, capsys):
    import re

    guide = (ROOT / "book" / "instructor-guide.md").read_text(encoding="utf-8")
    section = guide.split("### Your own question bank", 1)[1].split("\n### ", 1)[0]
    example = write(tmp_path, re.search(r"```yaml\n(.*?)```", section, re.DOTALL)[1], "spring.yml")
    assert main(["questions", "check", str(example)]) == 0, capsys.readouterr().out
    kinds = [e.question.kind for e in banks.load([example], register=False)]
    assert kinds == ["choice", "text", "number"]


def test_tasks_book_takes_bank_paths_and_class():
    import tasks

    assert tasks.book_arguments(["--bank", "a.yml", "--class", "--bank", "private"]) == (
        True, [Path("a.yml").resolve(), Path("private").resolve()])
    assert tasks.book_arguments([]) == (False, [])
    with pytest.raises(SystemExit, match="--bank takes a path"):
        tasks.book_arguments(["--bank"])
