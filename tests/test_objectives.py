"""Items 3 and 4 of issue 14: exercises practise every learning objective, and nothing is tested
before a lesson has taught it."""

from __future__ import annotations

import importlib
import pkgutil
import re
from pathlib import Path

import nbformat
import pytest

import natocourse.questions
from natocourse import MODULES, data, exercises

ROOT = Path(__file__).resolve().parents[1]


def lesson_objectives(path: Path) -> list[str]:
    """The bullets of a lesson's "Learning objectives" box, without MyST roles or end punctuation."""
    for cell in nbformat.read(path, as_version=4).cells:
        match = re.search(r"```\{admonition\} Learning objectives\n(.*?)```", cell.source, re.S)
        if match:
            body = match[1].split(":\n", 1)[1]
            bullets = [" ".join(b.split()) for b in re.split(r"\n- ", "\n" + body.strip())]
            bullets = [re.sub(r"\{term\}`([^`<]*?)\s*<[^`]*>`", r"\1", b) for b in bullets if b]
            return [re.sub(r"\{term\}`([^`]*)`", r"\1", b).rstrip(";.") for b in bullets]
    return []


def chapter_modules():
    for info in pkgutil.iter_modules(natocourse.questions.__path__):
        module = importlib.import_module(f"natocourse.questions.{info.name}")
        number, _ = module.CHAPTER
        lessons = sorted((ROOT / "notebooks").glob(f"{number:02d}-*.ipynb"))
        yield info.name, module, (lessons[0] if lessons else None)


MODULES_WITH_LESSONS = [(n, m, p) for n, m, p in chapter_modules() if p is not None]


def test_only_the_tour_has_no_lesson_of_its_own():
    assert {n for n, _, p in chapter_modules() if p is None} == {"tour"}


@pytest.mark.parametrize("name, module, lesson", MODULES_WITH_LESSONS, ids=[n for n, _, _ in MODULES_WITH_LESSONS])
def test_objectives_are_the_lessons_and_each_is_practised(name, module, lesson):
    objectives = lesson_objectives(lesson)
    assert objectives, f"{lesson.name} has no learning-objectives box"
    declared = getattr(module, "OBJECTIVES", None)
    assert isinstance(declared, dict), f"questions/{name}.py declares no OBJECTIVES"
    assert list(declared) == objectives, f"questions/{name}.py OBJECTIVES differ from {lesson.name}'s box"
    ids = {q.id for q in exercises.chapter(name)}
    for objective, practised in declared.items():
        assert practised, f"no exercise practises {objective!r}"
        unknown = [q for q in practised if q not in ids]
        assert not unknown, f"{objective!r} names questions not in chapter {name}: {unknown}"


def test_sorting_the_findings_is_practised_by_sorting_them():
    import natocourse.questions.bill as bill
    sorting = next(o for o in bill.OBJECTIVES if "sort them" in o)
    kinds = {exercises.get(q).kind for q in bill.OBJECTIVES[sorting]}
    assert kinds & {"match", "select"}, "the findings must be sorted by the student, not only counted"


def test_the_findings_to_sort_agree_with_the_fact_check():
    """bill-06's key gives each finding the verdict chapter 7 gives it: a finding only partly
    supported (a fact inside a judgement) is not sorted as a plain checkable fact."""
    from natocourse import factcheck

    question = exercises.get("bill-06")
    table = data.load("bill_findings").set_index("number")["checkable_with_data"]
    by_verdict = {"supported by the data": "A claim data can check",
                  "partly supported": "Partly: data can check only part of it",
                  "opinion or prediction: not checkable": "An opinion or prediction"}
    for item in question.items:
        number = int(re.match(r"Finding (\d+):", item)[1])
        expected = by_verdict[factcheck.check(number).verdict]
        assert question.matches(question.canonical([f"{item}={expected}"])[0]), item
        assert table[number] == (expected != "An opinion or prediction"), item


def test_every_exercise_practises_an_objective_and_the_counts_are_reported(report):
    lines = []
    for name, module, _ in MODULES_WITH_LESSONS:
        chapter = {q.id for q in exercises.chapter(name)}
        practised = set().union(*module.OBJECTIVES.values())
        assert sorted(chapter - practised) == [], f"questions/{name}.py: exercises that practise no objective"
        counts = [len(v) for v in module.OBJECTIVES.values()]
        assert counts and min(counts) >= 1, f"questions/{name}.py: an objective no exercise practises"
        lines.append(f"{name}: {len(counts)} objectives, {len(chapter)} exercises, "
                     f"exercises per objective {counts}")
    assert len(lines) == len(list((ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb"))) - 1   # all but 00
    report("objectives", "learning objectives (chapter: objectives, exercises, exercises per objective)\n"
           + "\n".join(lines))


# ---- taught before tested ----------------------------------------------------------------------

COURSE_NAMES = [m for m in MODULES if m not in ("exercises", "progress")]
CALL = re.compile(r"\b(%s)\.([a-z_][a-z0-9_]*)\b" % "|".join(COURSE_NAMES))


def _code(path: Path) -> str:
    return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)


def taught_by(number: int) -> set[str]:
    """Every ``module.function`` the lessons up to chapter ``number`` show."""
    shown = set()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        if int(path.name[:2]) <= number:
            shown |= {f"{m}.{f}" for m, f in CALL.findall(_code(path))}
    return shown


def _used(text: str) -> set[str]:
    return {f"{m}.{f}" for m, f in CALL.findall(text)}


EXERCISE_NOTEBOOKS = sorted((ROOT / "solutions").glob("*.ipynb"))


@pytest.mark.parametrize("path", EXERCISE_NOTEBOOKS, ids=lambda p: p.name)
def test_every_function_a_solution_hint_or_task_uses_was_taught_first(path):
    number = int(path.name[:2])
    used = _used(_code(path))
    for qid in set(re.findall(r'exercises\.(?:show|check)\("([a-z0-9-]+)"', _code(path))):
        question = exercises.get(qid)
        used |= _used(" ".join([question.prompt, *question.hints, question.explanation]))
    untaught = sorted(used - taught_by(number))
    assert not untaught, f"{path.name} uses what no lesson up to chapter {number} shows: {untaught}"


@pytest.mark.parametrize("path", sorted((ROOT / "exercises").glob("*.ipynb")), ids=lambda p: p.name)
def test_each_exercise_notebook_imports_what_its_tasks_need(path):
    notebook = nbformat.read(path, as_version=4)
    imported = set()
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for match in re.finditer(r"from natocourse import ([\w ,]+)", cell.source):
                imported |= {name.strip() for name in match[1].split(",")}
            imported |= set(re.findall(r"import numpy as (np)", cell.source))
    needed = set()
    for cell in notebook.cells:     # code cells and the tasks written in markdown
        needed |= {m for m, _ in CALL.findall(cell.source)}
        if re.search(r"\bnp\.", cell.source):
            needed.add("np")
    missing = sorted(needed - imported)
    assert not missing, f"{path.name} uses {missing} without importing them"


@pytest.mark.parametrize("name, module, lesson", MODULES_WITH_LESSONS, ids=[n for n, _, _ in MODULES_WITH_LESSONS])
def test_fewer_than_a_third_of_the_exercises_repeat_a_question_the_lesson_asked(name, module, lesson):
    asked = set(re.findall(r'exercises\.show\(\\?"([a-z0-9-]+)\\?"\)', lesson.read_text(encoding="utf-8")))
    chapter = {q.id for q in exercises.chapter(name)}
    repeated = asked & chapter
    assert 3 * len(repeated) < len(chapter), (
        f"{lesson.name} asks {sorted(repeated)}: {len(repeated)} of the {len(chapter)} exercises repeat it")
