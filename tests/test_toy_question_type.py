"""A new question type is one class and one view: a toy type runs through every front end.

``tests/toy_type/truefalse.py`` declares ``TrueFalse`` (one class; it reuses the multiple-choice
checking family) and ``truefalse.js`` its control (one input view). No engine file names it, yet
it works in the JupyterLab widget (headless here), in grading, in exam mode and in the book
(``tests/browser/test_toy_question_type_book.py``), and its specs follow the schema.
"""

from __future__ import annotations

import json

import jsonschema
import nbformat
import pytest

from natocourse.engine import export, records, types
from natocourse.engine.policy import WORDS
from natocourse.engine.widgets import QuestionWidget
from natocourse.tooling.classroom import exam, saved, score, submissions
from toy_type.truefalse import TrueFalse

WHY_NOT = "Only the 12 founding members signed in 1949; the treaty was signed, not just drafted, that year."


@pytest.fixture(autouse=True)
def _home(course_home):
    return course_home


def toy() -> TrueFalse:
    """A toy question, not registered (the course's bank stays as it is)."""
    return TrueFalse("toy-01", "The North Atlantic Treaty was signed in 1949.",
                     key=TrueFalse.key("toy-01", "True")[0], hints=["Look at the treaty's date."],
                     feedback={"False": WHY_NOT}, explanation="It was signed in Washington on 4 April 1949.",
                     register=False)


def test_declaring_the_class_is_all_the_registration_there_is():
    assert types.KINDS["truefalse"] is TrueFalse and "truefalse" in types.hashed_kinds()
    assert types.key("toy-01", "truefalse", "True") == TrueFalse.key("toy-01", "True")
    question = toy()
    assert question.check("true").correct and question.check("False").message == f"Not yet: {WHY_NOT}"
    with pytest.raises(TypeError, match="checker"):
        type("Riddle", (TrueFalse,), {"kind": "riddle", "checker": "riddle"})


def test_in_the_widget_it_draws_its_own_input_and_the_kernel_checks(tmp_path):
    question = toy()
    w = QuestionWidget(question)
    assert w.spec["input"] == "truefalse" and w.spec["options"] == ["True", "False"]
    assert w._esm.index("var NatoCourseView") < w._esm.index('addInput("truefalse"') < w._esm.index("export default")
    state = json.dumps(w.get_state())
    assert not [k for k in question.keys if k in state] and WHY_NOT not in state and question.explanation not in state
    w._from_front_end(w, {"event": "check", "answer": "False"}, [])
    assert w.verdict["status"] == "incorrect" and w.verdict["message"] == f"Not yet: {WHY_NOT}"
    w.reveal_explanation()
    assert not w.explanation["open"]
    w._from_front_end(w, {"event": "check", "answer": "True"}, [])
    assert w.verdict["status"] == "correct" and w.attempts == 2
    w.reveal_explanation()
    assert w.explanation == {"open": True, "text": "It was signed in Washington on 4 April 1949."}
    assert [g["answer"] for g in w.given] == ["False", "True"]


def test_grading_scores_the_answers_a_notebook_kept():
    question = toy()
    w = QuestionWidget(question)
    w.value = "True"
    w.check()
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('exercises.show("toy-01")', outputs=[
        nbformat.v4.new_output("display_data", data=records.bundle(question.id, w.given))])])
    submission = submissions.Submission("ada", "toy.ipynb", widget=saved.widget_answers(nb))
    [row] = score.score(submission, {question.id: question})
    assert (row.question, row.verdict, row.points) == ("toy-01", "correct", 1.0)


def test_in_exam_mode_the_student_spec_holds_no_secret_and_the_keys_file_grades(tmp_path):
    question = toy()
    public = exam.student_specs([question])["toy-01"]
    text = json.dumps(public)
    assert not [k for k in question.keys if k in text] and WHY_NOT not in text and question.explanation not in text
    keyless = types.from_spec(public, record_only=True)
    assert keyless.check("True").message == WORDS["recorded"] == keyless.check("False").message
    w = QuestionWidget(keyless)
    w.value = "False"
    w.check()
    assert w.verdict["status"] == "recorded" and w.given
    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({"version": 1, "schema": export.SPEC_SCHEMA, "questions": {"toy-01": question.spec()}}))
    bank = score.load_bank(keys)
    assert type(bank["toy-01"]) is TrueFalse
    assert bank["toy-01"].check("True").correct and not bank["toy-01"].check("False").correct


def test_its_specs_follow_the_schema():
    question = toy()
    schema = export.schema()
    for part, spec in (("book", question.book_spec()), ("question", question.spec()),
                       ("public", question.public_spec()), ("view", QuestionWidget(question).spec)):
        assert list(jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{part}"}).iter_errors(spec)) == [], part


def test_the_book_loads_its_view_after_the_shared_one(tmp_path):
    export.write_assets(tmp_path, questions=[toy()])
    engine = (tmp_path / "natocourse" / "engine.js").read_text()
    assert engine.index("var NatoCourseView") < engine.index('addInput("truefalse"') < engine.index("window.NatoCourse =")
