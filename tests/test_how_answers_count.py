"""One truth about widget answers: what students and instructors read says what the grader does.

The grader (``tooling/classroom/grading.py``) collects widget answers: they travel inside the saved notebook
(``engine/records.py``); code answers are found by running it again; an answer in code counts over
the widget's, and otherwise the last widget answer counts. No text of the course may say that
widget answers are practice or not collected, except about nbgrader, which grades the answer
cells only; the problem set's header, the student guide and the instructor guide state the rule.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import nbformat
import pytest

from assignment_helpers import DUE, POINTS, QUESTIONS
from natocourse import assign, grading, nbgrader_export

ROOT = Path(__file__).resolve().parents[1]
GUIDES = [ROOT / "book" / "student-guide.md", ROOT / "book" / "instructor-guide.md"]

_ANSWER_BOX = r"\b(widgets?|box(es)?)\b"
_DENIED = (r"(\b(for|is|are|as|only|just) practice\b|\bpractice (only|answers?)\b|\bnot (be )?(collected|graded|counted|kept|saved)\b|\bnever (collected|graded|"
           r"counted|counts?)\b|\b(does|do|will) not count\b|\b(doesn't|don't|won't) count\b|\bignored\b)")
#: A sentence saying that answers given in a widget (or "box") are not collected or do not count.
DENIAL = re.compile(rf"{_ANSWER_BOX}.*{_DENIED}|{_DENIED}.*{_ANSWER_BOX}", re.I | re.S)
#: What a text must say to state the rule, each part as a pattern over one sentence.
RULE = {
    "widget answers are saved in the notebook": rf"{_ANSWER_BOX}.*\b(sav|travel)\w*\b.*\bnotebook\b",
    "an answer in code counts over the widget's": r"\bcode\b[^;]*\bcounts\b",
    "otherwise the last widget answer counts": rf"\blast\b[^;]*{_ANSWER_BOX}[^;]*\bcounts?\b",
}


def sentences(text: str) -> list[str]:
    """The sentences of a Markdown text or docstring, each on one line (a paragraph ends one)."""
    return [s.strip() for paragraph in re.split(r"\n\s*\n", text)
            for s in re.split(r"(?<=[.!?])\s+", " ".join(paragraph.split())) if s.strip()]


def denials(text: str) -> list[str]:
    """The sentences saying widget answers are not collected (a sentence about nbgrader may)."""
    return [s for s in sentences(text) if DENIAL.search(s) and "nbgrader" not in s]


def unstated(text: str) -> list[str]:
    """The parts of the rule that no sentence of ``text`` states."""
    return [part for part, pattern in RULE.items()
            if not any(re.search(pattern, s, re.I) for s in sentences(text))]


@pytest.fixture(scope="module")
def problem_set(tmp_path_factory):
    folder = tmp_path_factory.mktemp("course")
    built = assign.build("ps1", QUESTIONS, POINTS, DUE, directory=folder)
    released = nbformat.read(built.notebook, as_version=4)
    exported = nbgrader_export.source_assignment(nbformat.read(built.solved, as_version=4), built.manifest)
    return released.cells[0].source, exported.cells[0].source


def _prose_of_python(source: str) -> str:
    """The docstrings, strings and comments of a Python module, one paragraph each."""
    # tokenize rather than ast.parse: before 3.11.9, CPython's AST converter kept its recursion counter
    # in state shared by all threads (CPython issue 106905), and with another thread of the test process
    # parsing at the same moment, ast.parse raised "AST constructor recursion depth mismatch" in CI.
    tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    strings = [_unquote(t.string) for t in tokens if t.type == tokenize.STRING]
    comments = [t.string.lstrip("#: ") for t in tokens if t.type == tokenize.COMMENT]
    return "\n\n".join(strings + comments)


def _unquote(literal: str) -> str:
    """The text of a string literal's token, without its prefix and quotes (escapes left as written)."""
    body = literal.lstrip("rRbBuUfF")
    quote = body[:3] if body[:3] in ('"""', "'''") else body[0]
    return body[len(quote):-len(quote)]


def _texts() -> dict[str, str]:
    """Every text of the repository that may talk about answers: pages, READMEs, notebooks' Markdown,
    the package's docstrings, strings and comments."""
    texts = {p.relative_to(ROOT).as_posix(): p.read_text(encoding="utf-8")
             for p in [*ROOT.glob("*.md"), *(ROOT / "book").rglob("*.md"), *(ROOT / "deploy").rglob("*.md")]}
    texts |= {p.relative_to(ROOT).as_posix(): _prose_of_python(p.read_text(encoding="utf-8"))
              for p in (ROOT / "src").rglob("*.py")}
    for folder in ("notebooks", "exercises", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            cells = nbformat.read(path, as_version=4).cells
            texts[path.relative_to(ROOT).as_posix()] = "\n\n".join(c.source for c in cells if c.cell_type == "markdown")
    return texts


def test_the_grader_states_the_rule_the_texts_repeat():
    assert unstated(grading.__doc__) == []


def test_the_problem_set_header_states_how_widget_answers_count(problem_set):
    header, _ = problem_set
    assert denials(header) == []
    assert unstated(header) == []


def test_the_nbgrader_edition_says_widget_answers_are_not_graded_there(problem_set):
    _, header = problem_set
    assert "nbgrader" in header and re.search(r"widget\W+is not graded", header)
    assert set(unstated(header)) >= {"an answer in code counts over the widget's",
                                     "otherwise the last widget answer counts"}


@pytest.mark.parametrize("path", GUIDES, ids=lambda p: p.name)
def test_the_guides_state_how_widget_answers_count(path):
    text = path.read_text(encoding="utf-8")
    assert denials(text) == []
    assert unstated(text) == []


def test_no_text_of_the_course_says_widget_answers_are_not_collected():
    found = {name: d for name, text in _texts().items() if (d := denials(text))}
    assert found == {}


@pytest.mark.parametrize("claim", [
    "An answer clicked in a widget is for practice and is not collected.",
    "Answers in the box are practice.",
    "Widget answers do not count; only code answers are graded.",
    "Only the answer cells are graded: what you click in a widget is ignored.",
])
def test_the_old_claim_is_caught_in_any_wording(claim):
    assert denials(f"Save the notebook. {claim} Then hand it in.") == [claim]


@pytest.mark.parametrize("part", RULE)
def test_a_header_without_a_part_of_the_rule_is_caught(part):
    wording = {"widget answers are saved in the notebook": "Answers given in a widget are saved inside the notebook",
               "an answer in code counts over the widget's": "that answer counts",
               "otherwise the last widget answer counts": "otherwise your last answer in its widget counts"}
    assert all(w in assign.HOW_ANSWERS_COUNT for w in wording.values())
    assert unstated(assign.HOW_ANSWERS_COUNT.replace(wording[part], "You may answer")) == [part]
