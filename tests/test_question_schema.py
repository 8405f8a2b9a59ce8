"""Every question spec the engine exports follows its versioned JSON Schema (engine/schema/question-spec.v3.json).

Held to it: the book's ``questions.js`` as written, the keys file of an exam, the student edition's
``questions.json`` (no secret may be in it), and what each JupyterLab widget's page is sent. The
schema itself is checked against the JSON Schema meta-schema, and shown to refuse specs that
break it (so these tests can fail). Version 2 added the written answer (``word_range``, ``rubric``,
``guidance``); version 1 stays valid for every other type, and refuses a written spec. Version 3
added variants (``parameters``, a book spec's ``variants``, a view's ``try_another``); version 2
stays valid for every spec without them.
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from natocourse.engine import export, registry, types
from natocourse.engine.widgets import QuestionWidget
from natocourse.tooling.classroom import exam


def validator(part: str = "question", version: int = 3) -> jsonschema.Draft202012Validator:
    """A validator for one definition of the schema (``question`` is its root)."""
    schema = export.schema(version)
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{part}"})


def problems(part: str, specs, version: int = 3) -> list[str]:
    check = validator(part, version)
    return [f"{spec.get('id', '?')}: {error.message[:200]}" for spec in specs for error in check.iter_errors(spec)]


def read_script(path, variable: str):
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{variable} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_the_schema_is_a_valid_versioned_json_schema():
    schema = export.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator.check_schema(export.schema(1))
    jsonschema.Draft202012Validator.check_schema(export.schema(2))
    assert schema["$id"] == export.SPEC_SCHEMA and schema["$id"].endswith(":v3")
    assert export.schema(1)["$id"].endswith(":v1") and export.schema(2)["$id"].endswith(":v2")
    assert export.engine_data()["spec_schema"] == export.SPEC_SCHEMA
    assert schema["$defs"]["checker"]["enum"] == list(types.CHECKERS)


def test_version_1_still_holds_every_type_but_the_written_answer():
    """v2 only adds fields: the specs of the types v1 knew follow v1 too (without v3's parameters);
    a written spec does not."""
    questions = registry.all()
    older = [q for q in questions if q.kind != "written" and not q.parameters]
    assert problems("question", [q.spec() for q in older], 1) == []
    assert problems("book", [q.book_spec() for q in older], 1) == []
    assert problems("public", [q.public_spec() for q in older], 1) == []
    written = [q for q in questions if q.kind == "written"]
    assert written, "the course has written questions"
    assert all(problems("question", [q.spec()], 1) for q in written)


def test_version_2_still_holds_every_spec_without_variants():
    """v3 only adds fields: a question that does not vary follows v2 as it did; a variant's spec,
    with its parameters, does not."""
    fixed = [q for q in registry.all() if not q.parameters]
    assert problems("question", [q.spec() for q in fixed], 2) == []
    assert problems("book", [q.book_spec() for q in fixed], 2) == []
    varied = [q for q in registry.all() if q.parameters]
    assert all(problems("question", [q.spec()], 2) for q in varied)


def test_the_book_questions_file_follows_the_schema(tmp_path):
    export.write_assets(tmp_path)
    specs = read_script(tmp_path / "natocourse" / "questions.js", "NATOCOURSE_QUESTIONS")
    assert set(specs) == {q.id for q in registry.all()}
    assert problems("book", specs.values()) == []


def test_the_full_and_public_specs_of_every_question_follow_the_schema():
    questions = registry.all()
    assert problems("question", [q.spec() for q in questions]) == []
    assert problems("public", [q.public_spec() for q in questions]) == []


def test_what_a_widget_page_is_sent_follows_the_schema():
    assert problems("view", [QuestionWidget(q).spec for q in registry.all()]) == []


def test_an_exam_keys_file_and_student_edition_follow_the_schema(tmp_path):
    written = exam.write_exam(tmp_path / "exam", git=False)
    keys = json.loads(written["keys"].read_text(encoding="utf-8"))
    assert list(validator("keys_file").iter_errors(keys)) == []
    student = written["student"] / "src" / "natocourse" / "questions" / "questions.json"
    specs = json.loads(student.read_text(encoding="utf-8"))
    assert set(specs) == set(keys["questions"])
    assert problems("public", specs.values()) == []


@pytest.mark.parametrize("part, change, why", [
    ("question", lambda s: s.pop("keys"), "a hashed question without keys"),
    ("question", lambda s: s.update(check="number"), "a choice checked as a number"),
    ("question", lambda s: s.update(check="riddle"), "an unknown checking family"),
    ("question", lambda s: s.update(surprise=1), "a field version 1 does not have"),
    ("question", lambda s: s.update(option_forms=[]), "the book's forms in a keys file"),
    ("book", lambda s: s.pop("option_forms"), "a book spec without its option forms"),
    ("public", lambda s: s.update(keys=["0" * 64]), "a key in the student edition"),
    ("public", lambda s: s.update(explanation="x"), "an explanation in the student edition"),
    ("view", lambda s: s.update(hints=["x"]), "the hints sent to the page before they are asked for"),
    ("question", lambda s: s.update(rubric=[]), "a choice with a rubric"),
])
def test_the_schema_refuses_a_spec_that_breaks_it(part, change, why):
    question = registry.get("tour-01")
    spec = {"question": question.spec, "book": question.book_spec, "public": question.public_spec,
            "view": lambda: QuestionWidget(question).spec}[part]()
    assert problems(part, [spec]) == [], "the unchanged spec must pass"
    change(spec)
    assert problems(part, [spec]), why


def written_question():
    return next(q for q in registry.all() if q.kind == "written")


@pytest.mark.parametrize("part, change, why", [
    ("question", lambda s: s.pop("rubric"), "a written answer without its rubric"),
    ("question", lambda s: s.update(word_range=[300]), "a word range that is not [low, high]"),
    ("question", lambda s: s["rubric"][0].pop("levels"), "a criterion without levels"),
    ("question", lambda s: s["rubric"][0]["levels"][0].pop("descriptor"), "a level without its descriptor"),
    ("question", lambda s: s["rubric"][0].update(points=0), "a criterion worth nothing"),
    ("question", lambda s: s.update(keys=["0" * 64]), "a written answer with an answer key"),
    ("question", lambda s: s.pop("explanation"), "a written answer's keys-file spec without its model answer"),
    ("public", lambda s: s.update(explanation="x"), "the model answer in the student edition"),
    ("view", lambda s: s.update(explanation="x"), "the model answer sent to the page"),
])
def test_the_schema_refuses_a_written_spec_that_breaks_it(part, change, why):
    question = written_question()
    spec = {"question": question.spec, "public": question.public_spec,
            "view": lambda: QuestionWidget(question).spec}[part]()
    assert problems(part, [spec]) == [], "the unchanged spec must pass"
    change(spec)
    assert problems(part, [spec]), why