"""The course's learning objectives, the exercises that practise them, and a class's mastery of each.

Each chapter module ``questions/<slug>.py`` declares ``CHAPTER = (number, title)`` and
``OBJECTIVES = {objective: [question ids]}``, in the order of its lesson's objectives box
(``tests/test_objectives.py`` holds them to it). An objective's key is ``N.K``: chapter N, its
K-th objective.

A student's mastery of an objective is the share of its exercises (those in the details file and
graded for that student) they answered correctly; they have *mastered* it at :data:`MASTERED` or
more, the usual 80 % criterion of mastery learning (with one or two exercises: all of them).
The class's mastery is the mean of the students' shares.
"""

from __future__ import annotations

import importlib
import math
import pkgutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .lessons import cached_sections
from .stats import Grid

#: A student has mastered an objective with at least this share of its exercises right.
MASTERED = 0.8


@dataclass(frozen=True)
class Objective:
    """One learning objective of a chapter."""

    key: str
    chapter: str
    number: int
    title: str
    text: str
    questions: tuple[str, ...]
    #: The lesson notebook (relative to the course root), "" if not found.
    lesson: str = ""
    #: The lesson's sections that teach it (see :mod:`.lessons`).
    sections: tuple[str, ...] = ()


def course_root() -> Path:
    """The repository the package runs from (its ``notebooks/`` hold the lessons)."""
    return Path(__file__).resolve().parents[5]


def chapters() -> list[tuple[str, int, str, dict[str, list[str]]]]:
    """``[(slug, number, title, OBJECTIVES)]`` of every chapter module, in chapter order."""
    import natocourse.questions as bank

    found = []
    for info in pkgutil.iter_modules(bank.__path__):
        try:
            module = importlib.import_module(f"{bank.__name__}.{info.name}")
            number, title = module.CHAPTER
        except Exception:  # noqa: BLE001 - the registry reports a broken chapter; the report goes on
            continue
        found.append((info.name, int(number), str(title), dict(getattr(module, "OBJECTIVES", {}) or {})))
    return sorted(found, key=lambda c: c[1])


def course_objectives(bank: dict, root: Path | None = None) -> list[Objective]:
    """Every objective of the course, with the lesson sections that teach it where the lesson is found."""
    root = course_root() if root is None else Path(root)
    found = []
    for slug, number, title, declared in chapters():
        lessons = sorted((root / "notebooks").glob(f"{number:02d}-*.ipynb")) if declared else []
        taught: dict[str, tuple[str, ...]] = {}
        if lessons:
            text = tuple((i, _exercise_text(bank.get(i))) for ids in declared.values() for i in ids)
            frozen = tuple((o, tuple(ids)) for o, ids in declared.items())
            try:
                taught = dict(cached_sections(str(lessons[0]), lessons[0].stat().st_mtime, frozen, text))
            except (OSError, ValueError):
                taught = {}
        for k, (objective, ids) in enumerate(declared.items(), start=1):
            found.append(Objective(f"{number}.{k}", slug, number, title, objective, tuple(ids),
                                   _relative(lessons[0], root) if lessons else "", taught.get(objective, ())))
    return found


def _exercise_text(question) -> str:
    if question is None:
        return ""
    return " ".join([question.prompt, *question.hints, question.explanation])


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


@dataclass(frozen=True)
class Mastery:
    """The class's mastery of the objectives the details assess."""

    objectives: list[Objective]
    #: students × objectives: each student's share right (NaN where none of its exercises was graded).
    shares: np.ndarray
    #: Per objective: the questions of the details that practise it.
    practised: list[tuple[str, ...]]

    def class_mean(self) -> np.ndarray:
        """Per objective, the mean share over the students graded on it."""
        return np.array([_mean(self.shares[:, k]) for k in range(len(self.objectives))])

    def mastered_share(self) -> np.ndarray:
        """Per objective, the share of its students who mastered it."""
        result = []
        for k in range(len(self.objectives)):
            column = self.shares[:, k]
            graded = column[~np.isnan(column)]
            result.append(float((graded >= MASTERED).mean()) if graded.size else math.nan)
        return np.array(result)

    def mastered_by(self, i: int) -> tuple[int, int]:
        """(objectives student ``i`` mastered, objectives assessed for them)."""
        row = self.shares[i]
        graded = row[~np.isnan(row)]
        return int((graded >= MASTERED).sum()), int(graded.size)


def _mean(values: np.ndarray) -> float:
    graded = values[~np.isnan(values)]
    return float(graded.mean()) if graded.size else math.nan


def mastery(data: Grid, objectives: list[Objective]) -> Mastery:
    """The mastery of each objective that at least one question of ``data`` practises."""
    column = {q: j for j, q in enumerate(data.questions)}
    kept, practised, shares = [], [], []
    for objective in objectives:
        js = [column[q] for q in objective.questions if q in column]
        if not js:
            continue
        graded = data.assigned[:, js].sum(axis=1)
        right = data.correct[:, js].sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            shares.append(np.where(graded > 0, right / np.maximum(graded, 1), np.nan))
        kept.append(objective)
        practised.append(tuple(data.questions[j] for j in js))
    matrix = np.column_stack(shares) if shares else np.zeros((len(data.students), 0))
    return Mastery(kept, matrix, practised)
