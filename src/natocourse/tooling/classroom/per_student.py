"""Each student their own variant: what ``assign --roster``, ``exam --roster`` and the grader
need of :mod:`natocourse.engine.variants`.

A question that varies (:func:`...engine.variants.varies`) has one variant per student and
assignment. Before anything is written, :func:`class_variants` makes every student's variant of
every such question, and refuses, naming the question, the student and the parameters, a
generator that raises or gives no answer. :func:`answer_code` is the line a student's solved copy
answers their variant with (a literal of its right answer, checked by the question itself).
:func:`check_logins` refuses logins that cannot be a folder beside the assignment's own files.

The grader grades each student with the variants of the student it is grading, as it knows them
from the hand-in (the folder, the class list), never from what the notebook claims:
:func:`grading_bank` gives those questions, from the course's generators (a problem set) or from
an exam's keys file (:func:`read_keys`, version 2: each student's questions written by ``exam``).
A variant that cannot be made stands in the bank as an :class:`Unavailable`, which the grader
turns into an error row, never a crash.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import numbers
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Mapping

if TYPE_CHECKING:
    from ...engine.question import Question


class VariantError(ValueError):
    """A student's variant that cannot be made or answered; the message names the question, the
    student and the parameters. Nothing was written."""


@dataclasses.dataclass(frozen=True)
class Unavailable:
    """Stands in a student's bank for a question whose variant could not be made (``reason``)."""

    id: str
    reason: str


def varying(questions: Iterable[Question]) -> list[Question]:
    """The questions among ``questions`` that have more than one variant."""
    from ...engine import variants

    return [q for q in questions if variants.varies(q)]


def _shown(parameters: Mapping[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in parameters.items()) or "no parameters"


def student_variant(question: Question, student: str, assignment: str) -> Question:
    """``student``'s variant of ``question`` in ``assignment``, with a right answer; else
    :class:`VariantError` naming the question, the student and the parameters."""
    from ...engine import variants
    from ...engine.question import Question

    chosen: dict = {}
    plan = getattr(question, "variants", None)
    probe = question
    if plan is not None and plan.build is not None:
        def build(**parameters):
            chosen.update(parameters)
            return plan.build(**parameters)

        probe = copy.copy(question)
        probe.variants = dataclasses.replace(plan, build=build)
    try:
        made = variants.variant(probe, student, assignment)
    except Exception as exc:  # noqa: BLE001 - an author's generator may fail any way
        raise VariantError(f"{question.id}: its generator failed for {student}'s parameters ({_shown(chosen)}): "
                           f"{type(exc).__name__}: {exc}; fix the generator or leave the question out") from None
    if made is probe:
        return question
    if not isinstance(made, Question):
        raise VariantError(f"{question.id}: its generator gave {made!r} for {student}'s parameters "
                           f"({_shown(chosen)}), not a question")
    made.variants = plan
    from ...engine.types import DataQuestion

    if isinstance(made, DataQuestion):  # a number question's answer is checked when it is declared
        _right(made, f"{student}'s parameters ({_shown(made.parameters or chosen)})")
    return made


def class_variants(questions: Iterable[Question], students: Iterable[str], assignment: str
                   ) -> dict[str, dict[str, Question]]:
    """``{student: {id: variant}}`` for every student and question (a question that does not vary
    is itself); raises :class:`VariantError` at the first variant that cannot be made."""
    from ...engine import variants

    questions = list(questions)
    return {s: {q.id: student_variant(q, s, assignment) if variants.varies(q) else q for q in questions}
            for s in students}


def check_logins(roster, reserved: Iterable[str]) -> None:
    """Refuse a login of ``roster`` (a :class:`.roster.Roster`) that is also the name of a file
    beside the students' folders (``reserved``: e.g. ``manifest.json``), naming the file and row."""
    taken = {r.casefold() for r in reserved}
    for student in roster.students:
        if student.login.casefold() in taken:
            row = f", row {student.number}" if student.number else ""
            raise VariantError(f"{roster.source or 'the class list'}{row}: the login {student.login!r} is also the "
                               "name of a file beside the students' folders; give that student another login")


# --------------------------------------------------------------------------------------------
# A variant's right answer, written into a student's solved copy
# --------------------------------------------------------------------------------------------

def _missing(value: Any) -> bool:
    if value is None:
        return True
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        value = value.item()
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and not math.isfinite(float(value))


def right_answer(question: Question) -> Any:
    """A right answer of ``question`` as a student would give it in code (a number, text, list,
    dict, Series or table), found from its key; :class:`VariantError` if it has none to give."""
    from ...engine.keys import POSITION
    from ...engine.answers import canonical_text
    from ...engine.types import DataQuestion, Matching, MultipleChoice, MultipleSelect, Numeric, Ordering

    if isinstance(question, DataQuestion):
        value = question.expected()
        return value.item() if hasattr(value, "item") and getattr(value, "shape", None) == () else value
    if isinstance(question, Numeric):
        return question.answer
    if isinstance(question, MultipleChoice):
        return next((o for o in question.options if question.is_right(o)), None)
    if isinstance(question, MultipleSelect):
        return question.right_options() or None
    if isinstance(question, Ordering):
        order = [next((i for i in question.items if question.matches(f"{canonical_text(i)}{POSITION}{n}")), None)
                 for n in range(1, len(question.items) + 1)]
        return None if None in order else order
    if isinstance(question, Matching):
        pairs = {i: next((o for o in question.options if question.matches(question.canonical([f"{i}={o}"])[0])), None)
                 for i in question.items}
        return None if None in pairs.values() else pairs
    raise VariantError(f"{question.id}: a {question.kind} question keeps only hashes of its answers, so a "
                       "solved copy cannot be written for each student's variant of it")


def _right(question: Question, whose: str) -> Any:
    try:
        value = right_answer(question)
    except VariantError:
        raise
    except Exception as exc:  # noqa: BLE001 - the expected value is an author's function
        raise VariantError(f"{question.id}: its answer for {whose} could not be computed "
                           f"({type(exc).__name__}: {exc}); fix the generator or leave the question out") from None
    if _missing(value) or (hasattr(value, "empty") and value.empty):
        raise VariantError(f"{question.id}: gives no answer for {whose} (it computed {value!r}); fix the "
                           "generator or leave the question out")
    return value


def _literal(value: Any) -> str:
    """Python source that evaluates to ``value`` (with ``pd`` for pandas); ValueError if none."""
    kind = type(value).__module__.split(".")[0] + "." + type(value).__name__
    if value is None or isinstance(value, (bool, str)):
        return repr(value)
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        value = value.item()
    if isinstance(value, numbers.Integral):
        return repr(int(value))
    if isinstance(value, numbers.Real):
        number = float(value)
        return repr(number) if math.isfinite(number) else f"float({str(number)!r})"
    if kind == "pandas.Timestamp":
        return f"pd.Timestamp({value.isoformat()!r})"
    if isinstance(value, (list, tuple)):
        inner = ", ".join(_literal(v) for v in value)
        return f"[{inner}]" if isinstance(value, list) else f"({inner}{',' if len(value) == 1 else ''})"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(k)}: {_literal(v)}" for k, v in value.items()) + "}"
    if kind == "pandas.Series":
        return (f"pd.Series({_literal(value.tolist())}, index={_index(value.index)}, "
                f"name={_literal(value.name)})")
    if kind == "pandas.DataFrame":
        columns = "{" + ", ".join(f"{_literal(c)}: {_literal(value[c].tolist())}" for c in value.columns) + "}"
        return f"pd.DataFrame({columns}, index={_index(value.index)})"
    raise ValueError(f"no literal for {type(value).__name__}")


def _index(index) -> str:
    return f"pd.Index({_literal(index.tolist())}, name={_literal(index.name)})"


def answer_code(question: Question, student: str) -> str:
    """The code that answers ``student``'s variant ``question`` in their solved copy: a comment
    naming the variant, then ``answer = <its right answer>`` (checked with the question itself)."""
    import pandas as pd

    whose = f"{student}'s parameters ({_shown(question.parameters)})"
    value = _right(question, whose)
    try:
        code = _literal(value)
        given = eval(code, {"pd": pd, "__builtins__": {"float": float}})  # noqa: S307 - our own literal
    except Exception as exc:  # noqa: BLE001
        raise VariantError(f"{question.id}: its answer for {whose} ({type(value).__name__}) cannot be written "
                           f"into a notebook ({exc})") from None
    if not question.check(given).correct:
        raise VariantError(f"{question.id}: the answer written for {whose} is not accepted by the question "
                           f"itself ({question.check(given).message}); check its generator")
    lines = [f"# {student}'s variant ({_shown(question.parameters)}): its answer, from the course's generator"]
    if "pd." in code:
        lines.append("import pandas as pd")
    return "\n".join([*lines, f"answer = {code}"])


# --------------------------------------------------------------------------------------------
# Grading each student with their own variants
# --------------------------------------------------------------------------------------------

def read_keys(path: str | Path) -> tuple[str, dict[str, dict]] | None:
    """An exam keys file's ``(assignment, {student: {id: spec}})`` (version 2), or ``None`` for a
    keys file without per-student variants (version 1). The caller has checked it is readable."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    students = raw.get("students") if isinstance(raw, dict) else None
    if not isinstance(students, dict):
        return None
    return str(raw.get("assignment") or ""), students


def _from_keys(path: str | Path, student: str, specs: Mapping[str, dict] | None, wanted: Iterable[str]) -> dict:
    from ...engine.types import from_spec

    if specs is None:
        reason = (f"{student} is not in {Path(path).name}: the exam was written for another class list, so "
                  "there is no variant of theirs to grade with (write the exam again with them on --roster)")
        return {q: Unavailable(q, reason) for q in wanted}
    bank = {}
    for qid, spec in specs.items():
        try:
            bank[qid] = from_spec(spec)
        except (KeyError, TypeError, ValueError) as exc:
            bank[qid] = Unavailable(qid, f"{student}'s variant in {Path(path).name} is damaged ({exc})")
    return bank


def grading_bank(bank: Mapping[str, Question], student: str, *, assignment: str = "",
                 keys: str | Path | None = None, keyed: Mapping[str, Mapping[str, dict]] | None = None) -> dict:
    """The questions ``student`` is graded with: with ``keyed`` (an exam's per-student specs, from
    ``keys``), theirs; with ``assignment``, their variants of ``bank``'s questions; else ``bank``.
    A question whose variant cannot be made is an :class:`Unavailable` saying why."""
    from ...engine import variants

    if keyed is not None:
        specs = keyed.get(student)
        if specs is None:
            specs = next((v for k, v in keyed.items() if k.casefold() == student.casefold()), None)
        return _from_keys(keys or "keys.json", student, specs, bank)
    if not assignment:
        return dict(bank)
    made: dict = {}
    for qid, question in bank.items():
        if not variants.varies(question):
            made[qid] = question
            continue
        try:
            made[qid] = student_variant(question, student, assignment)
        except VariantError as exc:
            made[qid] = Unavailable(qid, str(exc))
    return made
