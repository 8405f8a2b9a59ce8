"""Exam mode: ``python -m natocourse exam OUT`` writes a student edition with no answer keys at all.

``OUT/student/`` is everything a student gets: the exercise notebooks, the data, and an
installable copy of the package (``pip install -e OUT/student``) whose question bank is
``questions.json``: prompts, options, hints and units only. No key, answer, explanation or
wrong-answer feedback is in it, so a check there says only that the answer was recorded, and no
code run with ``OUT/student/`` alone can learn whether an answer is right.

``OUT/keys.json`` is the instructor's private key file: every question's full spec (hashed keys,
numeric answers, tolerances, explanations), which ``python -m natocourse grade SUBMISSIONS --keys
OUT/keys.json`` checks with. Grading in exam mode also runs the students' notebooks against the
student edition, so that their code cannot reach the keys either.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ...engine import registry
from ...engine.export import SPEC_SCHEMA
from ..course import Course

#: The package folder that holds the course's own question modules (with their keys).
BANK = "questions"

_STUDENT_BANK = '''"""The exam's questions: prompts, options and hints only, read from questions.json.

This is the student edition written by ``python -m natocourse exam``: it holds no answer keys, so
every check records the answer for grading and says nothing about whether it is right.
"""

import json
from pathlib import Path

from natocourse.engine.types import from_spec
from natocourse.engine import registry

for _spec in json.loads((Path(__file__).with_name("questions.json")).read_text(encoding="utf-8")).values():
    registry.register(from_spec(_spec, record_only=True))
'''


class ExamError(ValueError):
    """The exam cannot be written where asked; the message says why."""


def student_specs(questions=None) -> dict[str, dict]:
    """Every question's spec without the fields that reveal answers (each type's public spec)."""
    return {q.id: q.public_spec() for q in (registry.all() if questions is None else questions)}


def write_student_package(target: Path) -> Path:
    """Copy the package into ``target/natocourse`` with the keyless bank; return the package folder."""
    source = Path(__file__).resolve().parents[2]
    package = target / "natocourse"
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", BANK))
    bank = package / BANK
    bank.mkdir()
    (bank / "__init__.py").write_text('"""The exam\'s question bank (student edition)."""\n', encoding="utf-8")
    (bank / "exam.py").write_text(_STUDENT_BANK, encoding="utf-8")
    (bank / "questions.json").write_text(json.dumps(student_specs(), indent=1, ensure_ascii=False),
                                         encoding="utf-8")
    return package


def write_exam(out: str | Path, *, root: Path | None = None) -> dict[str, Path]:
    """Write ``OUT/student/`` and ``OUT/keys.json``; refuse to overwrite an existing OUT."""
    out = Path(out)
    root = Course(root).require("data", "exercises").root
    if out.exists() and any(out.iterdir()):
        raise ExamError(f"{out} already exists and is not empty; choose a new folder")
    if registry.discovery_errors:
        raise ExamError("some chapters' questions failed to load: " + "; ".join(registry.discovery_errors))
    student = out / "student"
    (student / "src").mkdir(parents=True)
    write_student_package(student / "src")
    shutil.copytree(root / "data", student / "data", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    shutil.copytree(root / "exercises", student / "exercises",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    (student / "pyproject.toml").write_text((root / "pyproject.toml").read_text(encoding="utf-8")
                                            .replace('readme = "README.md"\n', ""), encoding="utf-8")
    (student / "README.md").write_text(
        "# NATO course: exam edition\n\nInstall with `pip install -e .` in this folder, then open the "
        "notebooks in `exercises/`.\nChecks here record your answers for grading; they do not say whether "
        "an answer is right.\n", encoding="utf-8")
    keys = out / "keys.json"
    specs = {q.id: q.spec() for q in registry.all()}
    keys.write_text(json.dumps({"version": 1, "schema": SPEC_SCHEMA, "questions": specs}, indent=1, ensure_ascii=False),
                    encoding="utf-8")
    return {"student": student, "keys": keys}
