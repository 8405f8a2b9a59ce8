"""A simulated class whose properties are known in advance, for the report's tests and benchmark.

Students answer real course questions. Whether an answer is right follows a two-parameter item
response model (2PL): student ability θ ~ N(0, 1), question discrimination a and difficulty b,
P(right) = 1 / (1 + exp(-a (θ - b))), drawn with a fixed seed. Planted in it:

- ``negative``: a question with a < 0, so stronger students get it wrong more often;
- ``easy`` and ``hard``: questions with b = -3.5 and b = +3;
- ``distractor``: a multiple-choice question whose wrong answers go 70 % to one distractor;
- ``copier`` and ``copied``: a student whose answer sheet is a copy of another's, which holds
  several uncommon wrong answers (answers nobody else gives).

Wrong answers are drawn per type: common ones (the distractors, the wrong values and texts the
question already has feedback for, in several spellings) and a long tail of answers each given
once. About 3 % of answers are left blank.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from natocourse import exercises
from natocourse.engine.answers import canonical_text, serialise

#: A mix of every question type from chapters with objectives (and two from the tour), in course order.
TEST_QUESTIONS = ["tour-01", "tour-05", "coldwar-01", "coldwar-02", "coldwar-03", "coldwar-04", "coldwar-05",
                  "coldwar-06", "coldwar-07", "treaty-01", "treaty-02", "treaty-03", "treaty-04", "treaty-05",
                  "treaty-06", "treaty-07", "treaty-08", "leaving-04", "leaving-06", "bill-01", "bill-02", "bill-03",
                  "bill-04", "bill-05", "bill-06", "burden-02", "burden-03", "burden-04"]


@dataclass(frozen=True)
class Planted:
    """What the simulation planted, to be found by the report."""

    negative: str
    easy: str
    hard: str
    distractor: tuple[str, str]
    copier: str
    copied: str


@dataclass
class SimulatedClass:
    """Students × questions: who answered, who was right, and the raw answers as the grader writes them."""

    students: list[str]
    questions: list[str]
    answered: np.ndarray
    correct: np.ndarray
    invalid: np.ndarray
    answers: list[list[str]]
    attempts: np.ndarray
    planted: Planted

    def verdict(self, i: int, j: int) -> str:
        """The grader's verdict for student i on question j."""
        if not self.answered[i, j]:
            return "not_answered"
        if self.invalid[i, j]:
            return "invalid"
        return "correct" if self.correct[i, j] else "incorrect"

    def rows(self, *, attempts: bool = False, extra: bool = False) -> list[dict]:
        """The details rows, with an ``attempts`` column and columns the report does not know if asked."""
        rows = []
        for i, student in enumerate(self.students):
            for j, question in enumerate(self.questions):
                verdict = self.verdict(i, j)
                row = {"student": student, "notebook": f"{question.split('-')[0]}.ipynb", "question": question,
                       "answer": self.answers[i][j], "verdict": verdict,
                       "points": 1 if verdict == "correct" else 0, "max_points": 1,
                       "reason": "answered in code" if self.answered[i, j] else "no answer given"}
                if attempts:
                    row["attempts"] = int(self.attempts[i, j]) if self.answered[i, j] else 0
                if extra:
                    row["status"] = "graded"
                    row["submitted"] = "2026-11-30T09:00:00Z"
                rows.append(row)
        return rows

    def write(self, path: Path, *, attempts: bool = False, extra: bool = False, shuffle: bool = False) -> Path:
        """Write the details CSV (columns shuffled if asked, to show they are read by name)."""
        rows = self.rows(attempts=attempts, extra=extra)
        columns = list(rows[0])
        if shuffle:
            columns = columns[::-1]
        with Path(path).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
        return Path(path)

    def p_correct(self) -> np.ndarray:
        """Share correct among the students who answered, per question (independent of the report)."""
        return self.correct.sum(axis=0) / self.answered.sum(axis=0)

    def discrimination(self) -> np.ndarray:
        """Point-biserial of each question with the rest score, by SciPy if installed, else NumPy."""
        items = self.correct.astype(float)
        totals = items.sum(axis=1)
        found = []
        for j in range(items.shape[1]):
            rest = totals - items[:, j]
            try:
                from scipy.stats import pointbiserialr
                found.append(float(pointbiserialr(items[:, j], rest)[0]))
            except ImportError:
                found.append(float(np.corrcoef(items[:, j], rest)[0, 1]))
        return np.array(found)


@lru_cache(maxsize=None)
def right_answer(qid: str):
    """A right answer to a course question, found from its key (hashes are tried, never stored)."""
    q = exercises.get(qid)
    if q.kind == "choice":
        return next(o for o in q.options if q.is_right(o))
    if q.kind == "select":
        return q.right_options()
    if q.kind == "number":
        return q.answer
    if q.kind == "data":
        return q.expected()
    if q.kind == "order":
        return _order(q)
    if q.kind == "match":
        return {item: next(o for o in q.options if q.matches(q.canonical([f"{item}={o}"])[0])) for item in q.items}
    words = re.findall(r"[\w'’.-]+", q.explanation + " " + " ".join(q.hints))
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            candidate = " ".join(words[start:start + size]).strip(".,;:()")
            if q.matches(canonical_text(candidate)):
                return candidate
    raise LookupError(f"no right answer found for {qid}")


def _order(q) -> list[str]:
    placed = []
    for position in range(1, len(q.items) + 1):
        for item in q.items:
            if q.matches(q.canonical(["?"] * (position - 1) + [item])[-1]):
                placed.append(item)
                break
        else:
            raise LookupError(f"no item found for position {position} of {q.id}")
    return placed


def _spellings(text: str, rng) -> str:
    return [text, text.upper(), f" {text}.", text.lower(), text.title()][int(rng.integers(5))]


def wrong_answer(qid: str, rng, serial: int, *, favourite: str | None = None):
    """A wrong answer: usually a common one, sometimes one nobody else gives (using ``serial``)."""
    q = exercises.get(qid)
    right = right_answer(qid)
    tail = rng.random() < 0.25
    if q.kind == "choice":
        wrongs = [o for o in q.options if o != right]
        if favourite is not None and rng.random() < 0.7:
            return favourite
        others = [o for o in wrongs if o != favourite] if favourite else wrongs
        return others[int(rng.integers(len(others)))]
    if q.kind == "select":
        extra = [o for o in q.options if o not in right]
        if rng.random() < 0.5 and extra:
            return right + [extra[int(rng.integers(len(extra)))]]
        return [o for k, o in enumerate(right) if k != int(rng.integers(len(right)))] or extra[:1]
    if q.kind == "text":
        if tail:
            return f"unheard-of answer {serial}"
        known = sorted(q.feedback) or ["nobody"]
        return _spellings(known[int(rng.integers(len(known)))], rng)
    if q.kind in ("number", "data"):
        if tail:
            return 100000 + serial
        known = [float(k) for k in q.feedback] + [float(right) + 1, float(right) * 10 + 3]
        return known[int(rng.integers(len(known)))]
    if q.kind == "order":
        order = list(right)
        k = int(rng.integers(len(order) - 1))
        order[k], order[k + 1] = order[k + 1], order[k]
        return order
    pairs = dict(right)
    items = list(pairs)
    a, b = rng.choice(len(items), size=2, replace=False)
    pairs[items[a]], pairs[items[b]] = pairs[items[b]], pairs[items[a]]
    return pairs


def text_of(answer) -> str:
    """The answer as the grader writes it in the details file (JSON of the serialised answer)."""
    return json.dumps(serialise(answer), ensure_ascii=False)


def simulate(students: int = 300, questions: list[str] | None = None, seed: int = 29) -> SimulatedClass:
    """A class of ``students`` answering ``questions`` (default :data:`TEST_QUESTIONS`)."""
    rng = np.random.default_rng(seed)
    ids = list(questions or TEST_QUESTIONS)
    n, m = students, len(ids)
    kinds = [exercises.get(q).kind for q in ids]
    choice = [q for q, k in zip(ids, kinds) if k == "choice"]
    planted_distractor = choice[0]
    favourite = next(o for o in exercises.get(planted_distractor).options
                     if o != right_answer(planted_distractor) and o in exercises.get(planted_distractor).feedback)
    others = [q for q in ids if q != planted_distractor]
    negative, easy, hard = others[3], others[5], others[7]
    a = rng.uniform(0.9, 2.0, m)
    b = rng.normal(0, 0.7, m)
    column = {q: j for j, q in enumerate(ids)}
    a[column[negative]], b[column[negative]] = -1.6, 0.0
    a[column[easy]], b[column[easy]] = 1.2, -3.5
    a[column[hard]], b[column[hard]] = 1.2, 3.0
    theta = rng.normal(0, 1, n)
    copier, copied = n - 1, n // 2
    theta[copied] = -2.0
    chance = 1 / (1 + np.exp(-a[None, :] * (theta[:, None] - b[None, :])))
    correct = rng.random((n, m)) < chance
    answered = rng.random((n, m)) >= 0.03
    correct &= answered
    invalid = np.zeros((n, m), dtype=bool)
    attempts = rng.integers(1, 4, size=(n, m))
    answers = [[""] * m for _ in range(n)]
    serial = 0
    for i in range(n):
        for j, q in enumerate(ids):
            if not answered[i, j]:
                continue
            if correct[i, j]:
                answers[i][j] = text_of(right_answer(q))
            elif kinds[j] == "number" and rng.random() < 0.05:
                invalid[i, j] = True
                answers[i][j] = text_of("about 3, I think")
            else:
                serial += 1
                answers[i][j] = text_of(wrong_answer(q, rng, serial, favourite=favourite if q == planted_distractor
                                                     else None))
    # The copied sheet holds four answers nobody else gives, then the copier takes it whole.
    tails = [j for j, k in enumerate(kinds) if k in ("text", "number", "data")][:4]
    for j in tails:
        serial += 1
        answered[copied, j], correct[copied, j], invalid[copied, j] = True, False, False
        answers[copied][j] = text_of(f"unheard-of answer {serial}" if kinds[j] == "text" else 100000 + serial)
    for array in (answered, correct, invalid, attempts):
        array[copier] = array[copied]
    answers[copier] = list(answers[copied])
    names = [f"student-{k:04d}" for k in range(1, n + 1)]
    return SimulatedClass(names, ids, answered, correct, invalid, answers, attempts,
                          Planted(negative, easy, hard, (planted_distractor, favourite), names[copier], names[copied]))


def planted_distractor_share(simulated: SimulatedClass) -> float:
    """The share of the students who answered the planted question that chose the planted distractor."""
    qid, option = simulated.planted.distractor
    j = simulated.questions.index(qid)
    chose = sum(simulated.answers[i][j] == text_of(option) for i in range(len(simulated.students)))
    return chose / int(simulated.answered[:, j].sum())


def isclose(a: float, b: float) -> bool:
    """Equal to three decimals (closer than 0.0005)."""
    return abs(a - b) < 0.0005
