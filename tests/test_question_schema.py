"""Every question spec the engine exports follows its versioned JSON Schema (engine/schema/question-spec.v1.json).

Held to it: the book's ``questions.js`` as written, the keys file of an exam, the student edition's
``questions.json`` (no secret may be in it), and what each JupyterLab widget's page is sent. The
schema itself is checked against the JSON Schema meta-schema, and shown to refuse specs that
break it (so these tests can fail).
"""

from __future__ import annotations

import json

import jsonschema
import pytest

from natocourse.engine import export, registry, types
from natocourse.engine.widgets import QuestionWidget
from natocourse.tooling.classroom import exam


def validator(part: str = "question") -> jsonschema.Draft202012Validator:
    """A validator for one definition of the schema (``question`` is its root)."""
    schema = export.schema()
    return jsonschema.Draft202012Validator({**schema, "$ref": f"#/$defs/{part}"})


def problems(part: str, specs) -> list[str]:
    check = validator(part)
    return [f"{spec.get('id', '?')}: {error.message[:200]}" for spec in specs for error in check.iter_errors(spec)]


def read_script(path, variable: str):
    text = path.read_text(encoding="utf-8")
    prefix = f"window.{variable} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix):-2])


def test_the_schema_is_a_valid_versioned_json_schema():
    schema = export.schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$id"] == export.SPEC_SCHEMA and schema["$id"].endswith(":v1")
    assert export.engine_data()["spec_schema"] == export.SPEC_SCHEMA
    assert schema["$defs"]["checker"]["enum"] == list(types.CHECKERS)


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
])
def test_the_schema_refuses_a_spec_that_breaks_it(part, change, why):
    question = registry.get("tour-01")
    spec = {"question": question.spec, "book": question.book_spec, "public": question.public_spec,
            "view": lambda: QuestionWidget(question).spec}[part]()
    assert problems(part, [spec]) == [], "the unchanged spec must pass"
    change(spec)
    assert problems(part, [spec]), why
