"""Exams: ``python -m natocourse exam OUT --questions ID... [--points ID=N]... [--due YYYY-MM-DD]``.

An exam is a set of questions, chosen like a problem set's (``assign``), answered in an
environment of its own whose package holds no answer key at all::

    OUT/student/                 the exam edition: a git repository with one commit (--no-git: a
        NAME.ipynb               folder), to push to the exam's own repository or bake into an
        data/  src/natocourse/   image; the notebook, the data, and the package whose question
        pyproject.toml           bank is questions.json, the chosen questions' prompts, options
        requirements-student.txt and hints only (no key, answer, explanation or wrong-answer
        README.md                feedback): a check there says only that the answer was recorded
    OUT/manifest.json            the questions, points and due date (feedback "none": checks
                                 record), and the keys file's name:
                                 what ``collect --exam OUT`` and ``grade --keys OUT/keys.json`` read
    OUT/keys.json                the chosen questions' full specs: yours alone
    OUT/source/NAME.ipynb        the exam with its answers (run it in the course's environment:
                                 every check says Correct.)

With ``--roster FILE`` and a question that varies, each student sits their own variant
(:mod:`.per_student`)::

    OUT/release/<student>/NAME.ipynb   each student's exam notebook, showing their variants
                                       (``distribute --exam OUT --homes DIR`` puts them in their homes)
    OUT/source/<student>/NAME.ipynb    each student's solved copy, answering their variants
    OUT/student/                       the exam edition, with no notebook of its own: its package's
        src/natocourse/questions/variants.json   also holds each student's variants, prompts,
                                       options and parameters only (each type's public spec)
    OUT/keys.json                      version 2: also ``"assignment"`` and ``"students"``, each
                                       student's questions with their keys (the grader grades each
                                       student with theirs)
    OUT/manifest.json                  also lists the class (``"students"``)

``NAME`` is ``--name``, by default the name of ``OUT`` (``exam-2027/`` → ``exam-2027.ipynb``).
A data question shows its prompt and records the student's answer, like any other. Grading in exam
mode runs the students' notebooks against this keyless package (only the exam's questions), so
their code cannot reach the keys either; every answer is then checked with ``keys.json``.

Every check (question ids, points, the date, the name, an existing ``OUT``) happens before
anything is written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Mapping

import nbformat

from ...engine import registry
from ...engine.export import SPEC_SCHEMA
from ...engine.question import Question
from ...engine.variants import varies
from ..course import Course
from . import assign

#: The exam edition's file of each student's variants (public specs only).
VARIANTS = "variants.json"

#: The package folder that holds the course's own question modules (with their keys).
BANK = "questions"
MANIFEST = "manifest.json"
KEYS = "keys.json"

_STUDENT_BANK = '''"""The exam's questions: prompts, options and hints only, read from questions.json.

This is the student edition written by ``python -m natocourse exam``: it holds no answer keys, so
every check records the answer for grading and says nothing about whether it is right.
"""

import json
from pathlib import Path

from natocourse.engine.types import from_spec
from natocourse.engine import registry

_QUESTIONS = {}
for _spec in json.loads((Path(__file__).with_name("questions.json")).read_text(encoding="utf-8")).values():
    _QUESTIONS[_spec["id"]] = from_spec(_spec, record_only=True)
    registry.register(_QUESTIONS[_spec["id"]])

_VARIANTS = Path(__file__).with_name("variants.json")
if _VARIANTS.is_file():  # each student's own variant: the notebook's first cell says whose to show
    from natocourse.engine.variants import Variants

    def _builder(qid, made):
        def build(**parameters):
            spec = made.get(json.dumps(parameters, sort_keys=True))
            if spec is None:
                raise LookupError(f"{qid}: this exam has no variant for {parameters}; ask your teacher")
            return from_spec(spec, record_only=True)
        return build

    for _qid, _plan in json.loads(_VARIANTS.read_text(encoding="utf-8")).items():
        _space = tuple((name, tuple(values)) for name, values in _plan["space"])
        _made = {json.dumps(parameters, sort_keys=True): spec for parameters, spec in _plan["made"]}
        _QUESTIONS[_qid].variants = Variants(_space, _builder(_qid, _made) if _space else None,
                                             _plan["default"], _plan["shuffle"])
'''

#: The exam's "How to answer": as in a problem set, but a check says only "Recorded".
HOW_ANSWERS_COUNT = (
    "**How to answer.** Run the cells from the top. Answer each question in its widget (press "
    "**Check**) or in code: replace `None` in `answer = None` with your answer and run that cell. "
    "In this exam a check says only that your answer was recorded: your teacher's grading checks it. "
    "Then save the notebook (File → Save): your grade comes from the answers saved in it. Answers "
    "given in a widget are saved inside the notebook and collected with it; answers in code are "
    "found by running your notebook again. If you answer a question in code (anything but `None`), "
    "that answer counts; otherwise your last answer in its widget counts.")

README = """\
# Exam `{name}`

Open `{notebook}` and answer every question. A check here records your answer: it does not say
whether it is right. Save the notebook (File → Save) before the end: your grade comes from the
answers saved in it.

Installing this edition (instructors): `python -m pip install -r requirements-student.txt` then
`python -m pip install --no-deps .` in this folder, in an environment of its own (or an image
built from this folder with the course's deploy/Dockerfile), never in the course's.
"""


README_PER_STUDENT = """\
# Exam `{name}`

Each student sits their own version of this exam: your teacher puts your notebook, `{notebook}`,
in your home folder. Open it there and answer every question. A check records your answer: it
does not say whether it is right. Save the notebook (File → Save) before the end: your grade comes
from the answers saved in it, checked against your own version.

Installing this edition (instructors): `python -m pip install -r requirements-student.txt` then
`python -m pip install --no-deps .` in this folder, in an environment of its own (or an image
built from this folder with the course's deploy/Dockerfile), never in the course's. Hand out the
notebooks with `python -m natocourse distribute --exam OUT --homes DIR`.
"""


class ExamError(ValueError):
    """The exam cannot be written where asked; the message says why."""


def student_specs(questions=None) -> dict[str, dict]:
    """Every question's spec without the fields that reveal answers (each type's public spec)."""
    return {q.id: q.public_spec() for q in (registry.all() if questions is None else questions)}


def write_student_package(target: Path, questions=None, variants: Mapping[str, dict] | None = None) -> Path:
    """Copy the package into ``target/natocourse`` with a keyless bank of ``questions`` (default:
    every registered question) and, if given, their students' ``variants`` (:func:`variant_specs`);
    return the package folder."""
    source = Path(__file__).resolve().parents[2]
    package = target / "natocourse"
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", BANK, "templates"))
    bank = package / BANK
    bank.mkdir()
    (bank / "__init__.py").write_text('"""The exam\'s question bank (student edition)."""\n\n'
                                      'DATA = "natocourse.data"\n', encoding="utf-8")
    (bank / "exam.py").write_text(_STUDENT_BANK, encoding="utf-8")
    (bank / "questions.json").write_text(json.dumps(student_specs(questions), indent=1, ensure_ascii=False),
                                         encoding="utf-8")
    if variants:
        (bank / VARIANTS).write_text(json.dumps(variants, indent=1, ensure_ascii=False), encoding="utf-8")
    return package


def variant_specs(made: Mapping[str, Mapping[str, Question]]) -> dict[str, dict]:
    """What the exam edition needs to show each student their variants (``variants.json``): for
    each question that varies, its parameters' values, its default, whether it shuffles, and the
    public spec of every variant the class drew, by its parameters. No key, no answer."""
    found: dict[str, dict] = {}
    for mine in made.values():
        for qid, question in mine.items():
            plan = getattr(question, "variants", None)
            if plan is None or not varies(question):
                continue
            entry = found.setdefault(qid, {"space": [[n, list(v)] for n, v in plan.space],
                                           "default": dict(plan.default), "shuffle": plan.shuffle, "made": []})
            if plan.space and question.parameters:
                public = question.public_spec()
                if plan.shuffle:  # the order is made again from the student, as in the course
                    public["options"] = sorted(public["options"])
                pair = [dict(question.parameters), public]
                if pair not in entry["made"]:
                    entry["made"].append(pair)
    return found


def write_exam(out: str | Path, questions=None, points=(), due: str | None = None, *, name: str | None = None,
               root: Path | None = None, git: bool = True, roster: str | Path | None = None) -> dict[str, Path]:
    """Write the exam (see the module): ``questions`` are ids (default: every question the
    solutions answer); with ``roster`` and a question that varies, each student's own variant.
    Returns the paths written: ``student``, ``notebook`` (``None`` for a per-student exam),
    ``manifest``, ``keys``, ``source`` (the solved exam, or the folder of solved copies) and, per
    student, ``release`` (the folder of their notebooks). Refuses an existing, non-empty ``OUT``.
    Everything is checked and written in a temporary folder first: a refused exam writes nothing."""
    out = Path(out)
    course = Course(root).require("data", "solutions")
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExamError(f"{out} already exists and is not empty; choose a new folder")
    if registry.discovery_errors:
        raise ExamError("some chapters' questions failed to load: " + "; ".join(registry.discovery_errors))
    name = name or out.resolve().name
    try:
        assign.parse_name(name)
    except assign.AssignmentError:
        raise ExamError(f"the exam's name {name!r} (from OUT's folder name) must be 1-40 lower-case letters, "
                        "digits, '-' or '_': pass --name, e.g. --name exam1") from None
    ids = list(questions) if questions is not None else sorted(assign.locate(course.root))
    try:
        planned, located = assign.plan(name, ids, points, due, root=course.root, feedback="none")
        answers: dict[str, dict[str, str]] = {}
        made: dict[str, dict] = {}
        if roster is not None:
            planned, answers, made = assign.personal(planned, roster, reserved=())
    except assign.AssignmentError as exc:
        raise ExamError(str(exc)) from None
    manifest = replace(planned, keys=KEYS)
    chosen = [registry.get(q) for q, _ in manifest.questions]
    # each student's questions: their variants (made and checked by personal()), the others as they are
    mine = {s: {q.id: made[s].get(q.id, q) for q in chosen} for s in manifest.students}
    try:  # before writing: a question whose key cannot be written down stops here
        keys = {"version": 1, "schema": SPEC_SCHEMA, "questions": {q.id: q.spec() for q in chosen}}
        if mine:
            keys.update(version=2, assignment=manifest.name,
                        students={s: {qid: q.spec() for qid, q in qs.items()} for s, qs in mine.items()})
        shown = variant_specs(mine)
    except ValueError as exc:
        raise ExamError(f"{exc}; leave it out of the exam") from None
    notebooks = {}
    for login in manifest.students or [""]:
        solved = assign.source_notebook(manifest, located, title="Exam", how=HOW_ANSWERS_COUNT, setup=False,
                                        student=login, answers=answers.get(login), feedback="instant")
        for_student = assign.source_notebook(manifest, located, title="Exam", how=HOW_ANSWERS_COUNT, setup=False,
                                             student=login) if login else solved
        notebooks[login] = (assign.student_notebook(for_student), solved)

    parent = out.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="natocourse-exam-", dir=parent) as scratch:
        staged = Path(scratch) / "exam"
        student = staged / "student"
        (student / "src").mkdir(parents=True)
        for login, (released, solved) in notebooks.items():
            if login:
                (staged / "release" / login).mkdir(parents=True)
                nbformat.write(released, staged / "release" / login / manifest.notebook)
            else:
                nbformat.write(released, student / manifest.notebook)
            (staged / "source" / login).mkdir(parents=True, exist_ok=True)
            nbformat.write(solved, staged / "source" / login / manifest.notebook)
        write_student_package(student / "src", chosen, shown)
        shutil.copytree(course.data, student / "data", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
        (student / "pyproject.toml").write_text((course.root / "pyproject.toml").read_text(encoding="utf-8"),
                                                encoding="utf-8")
        shutil.copy2(course.root / "requirements-student.txt", student / "requirements-student.txt")
        readme = README_PER_STUDENT if manifest.per_student else README
        (student / "README.md").write_text(readme.format(name=name, notebook=manifest.notebook), encoding="utf-8")
        (student / ".gitignore").write_text("__pycache__/\n*.egg-info/\n.ipynb_checkpoints/\n", encoding="utf-8")
        (staged / KEYS).write_text(json.dumps(keys, indent=1, ensure_ascii=False), encoding="utf-8")
        (staged / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=2) + "\n", encoding="utf-8")
        if git:
            from .publish import commit

            commit(student, f"Exam {name}")
        if out.is_dir():
            out.rmdir()  # empty, checked above
        shutil.move(str(staged), str(out))
    written = {"student": out / "student", "manifest": out / MANIFEST, "keys": out / KEYS}
    if manifest.per_student:
        return {**written, "notebook": None, "source": out / "source", "release": out / "release"}
    return {**written, "notebook": out / "student" / manifest.notebook, "source": out / "source" / manifest.notebook}


def load(folder: str | Path) -> tuple[assign.Manifest, Path]:
    """An exam's manifest and keys file, from the folder ``exam`` wrote (``OUT``)."""
    folder = Path(folder)
    try:
        manifest = assign.load_manifest(folder / MANIFEST)
    except assign.AssignmentError as exc:
        raise ExamError(f"{exc} (give the folder `python -m natocourse exam` wrote)") from None
    if not manifest.keys:
        raise ExamError(f"{folder / MANIFEST} is a problem set's manifest, not an exam's (it names no keys file)")
    return manifest, folder / manifest.keys
