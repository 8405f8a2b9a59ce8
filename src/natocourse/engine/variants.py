"""Variants: one question, a different version for every student.

A question may declare **parameters** (an ally, a year in a range, a threshold: each a name and the
values it may take, as plain data) and a **build** function that makes the question for one choice
of them, its prompt and its answer computed from the course's data; a choice or select question
may **shuffle** its options. :func:`generated` declares such a question; :func:`shuffled` makes a
declared one shuffle its options.

Which variant a student gets is a pure function of (student, assignment, question id): SHA-256 of
the three picks each parameter and orders the options, never Python's ``hash``, a random generator's
state or a dict's order, so the same student sees the same variant on every run and machine
(:func:`variant`). The question as declared (its ``default`` parameters, in its declared order) is
what the public course shows and its solutions answer; a student's variant is never that one when
the question has another. :func:`practice` gives the n-th variant for self-study ("Try another").

In a notebook, ``exercises.assignment(NAME, student=LOGIN)`` (the first cell of a student's own
notebook, written by ``assign --roster``) says whose variants to show (:func:`use`,
:func:`current`). That cell only chooses what is shown: grading computes each student's variant
from who handed the notebook in, never from what the notebook claims.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping

from . import registry
from .question import Question, from_spec

#: Parameter values a variant may take: what a spec's ``parameters`` can hold.
SCALARS = (str, int, float, bool)
#: The assignment name of self-study variants (:func:`practice`).
PRACTICE = "practice"


def digest(*parts: Any) -> bytes:
    """SHA-256 of ``parts`` joined unambiguously (each as text, with its length)."""
    text = "".join(f"{len(str(p))}:{p};" for p in parts)
    return hashlib.sha256(text.encode("utf-8")).digest()


def _number(*parts: Any) -> int:
    return int.from_bytes(digest(*parts)[:8], "big")


@dataclass(frozen=True)
class Variants:
    """How a generated question varies: ``space`` (parameter name → the values it may take, in
    order), ``build(**parameters)`` making one variant (an unregistered question), the
    ``default`` parameters (the declared question's), and whether options are shuffled."""

    space: tuple[tuple[str, tuple], ...] = ()
    build: Callable[..., Question] | None = None
    default: Mapping[str, Any] = field(default_factory=dict)
    shuffle: bool = False

    def combinations(self) -> int:
        """How many choices of parameters there are (1 with none)."""
        return math.prod(len(values) for _, values in self.space)

    def parameters(self, *parts: Any) -> dict:
        """The parameters picked by ``parts`` (each value chosen by its own SHA-256)."""
        return {name: values[_number(*parts, name) % len(values)] for name, values in self.space}


def _check_space(qid: str, space: Mapping[str, Iterable], default: Mapping[str, Any]) -> tuple:
    checked = []
    for name, values in space.items():
        values = tuple(values)
        if not values:
            raise ValueError(f"{qid}: the parameter {name!r} has no values")
        bad = [v for v in values if not isinstance(v, SCALARS) or (isinstance(v, float) and not math.isfinite(v))]
        if bad:
            raise ValueError(f"{qid}: the parameter {name!r} takes texts and finite numbers, not {bad[0]!r}")
        if len(set(values)) != len(values):
            raise ValueError(f"{qid}: the parameter {name!r} lists a value twice")
        if name not in default or default[name] not in values:
            raise ValueError(f"{qid}: the default of {name!r} must be one of its values")
        checked.append((name, values))
    extra = set(default) - set(space)
    if extra:
        raise ValueError(f"{qid}: default names parameters that are not declared: {', '.join(sorted(extra))}")
    return tuple(checked)


def generated(build: Callable[..., Question], *, default: Mapping[str, Any], shuffle: bool = False,
              register: bool = True, **space: Iterable) -> Question:
    """Declare a generated question: ``build(**parameters)`` returns the question (declared with
    ``register=False``) for one choice of parameters; ``space`` gives each parameter's values,
    ``default`` the choice the public course shows. Returns the default variant, registered."""
    question = build(**default)
    if not isinstance(question, Question):
        raise TypeError(f"the build function of a generated question must return a question, not {question!r}")
    question.variants = Variants(_check_space(question.id, space, default), build, dict(default), shuffle)
    question.parameters = dict(default)
    if shuffle:
        _check_shuffle(question)
    if register:
        registry.register(question)
    return question


def shuffled(question: Question) -> Question:
    """Make a declared choice or select question shuffle its options in each student's variant."""
    _check_shuffle(question)
    question.variants = Variants(shuffle=True)
    return question


def _check_shuffle(question: Question) -> None:
    if question.checker not in ("choice", "select") or not isinstance(question.spec().get("options"), list):
        raise ValueError(f"{question.id}: only choice and select questions can shuffle their options")


def varies(question: Question) -> bool:
    """True if ``question`` has more than one variant."""
    plan = getattr(question, "variants", None)
    return plan is not None and (plan.shuffle or plan.combinations() > 1)


def count(question: Question) -> int:
    """How many distinct variants ``question`` has (parameter choices times option orders)."""
    plan = getattr(question, "variants", None)
    if plan is None:
        return 1
    orders = math.factorial(len(question.spec().get("options", ()))) if plan.shuffle else 1
    return plan.combinations() * orders


def _make(question: Question, *parts: Any) -> Question:
    """The variant of ``question`` that ``parts`` pick (the declared question if it has none)."""
    plan = getattr(question, "variants", None)
    if plan is None or not varies(question):
        return question
    chosen = plan.parameters(*parts)
    if plan.combinations() > 1 and chosen == dict(plan.default):
        # Never the public version (its solution is published): move each parameter on by one.
        chosen = {name: values[(values.index(chosen[name]) + 1) % len(values)] for name, values in plan.space}
    made = plan.build(**chosen) if plan.build is not None and plan.space else question
    if plan.shuffle:
        spec = made.spec()
        options = spec["options"]
        order = sorted(options, key=lambda option: digest(*parts, "order", option))
        if order == options and len(options) > 1:
            order = options[1:] + options[:1]
        made = from_spec({**spec, "options": order}, record_only=made.record_only)  # an exam edition: no keys
    if made is question:
        return question
    made.variants = plan
    made.parameters = dict(chosen) if plan.space else {}
    return made


def variant(question: Question, student: str, assignment: str) -> Question:
    """``student``'s variant of ``question`` in ``assignment`` (the declared question when the
    student is "" or the question has no variants). The same on every run and machine."""
    if not student:
        return question
    return _make(question, "student", str(student), str(assignment), question.id)


def practice(question: Question, n: int) -> Question:
    """The ``n``-th self-study variant of ``question`` (n = 0 is the declared question)."""
    if n == 0:
        return question
    return _make(question, PRACTICE, int(n), question.id)


def bank_for(bank: Mapping[str, Question], student: str, assignment: str) -> dict[str, Question]:
    """``bank`` with every question replaced by ``student``'s variant in ``assignment``."""
    return {qid: variant(q, student, assignment) for qid, q in bank.items()}


_WHO = {"student": ""}
#: Question id → the practice version a widget shows ("Try another"), for the code that answers it.
_PRACTISING: dict[str, Question] = {}


def use(student: str) -> None:
    """Show ``student``'s variants in this kernel from now on ("" for the public questions)."""
    if not isinstance(student, str):
        raise TypeError("the student is a login (a text)")
    _WHO["student"] = student


def student() -> str:
    """Whose variants this kernel shows ("" for the public questions)."""
    return _WHO["student"]


def practise(question_id: str, version: Question | None) -> None:
    """Say that a widget now shows ``version`` of a question for self-study ("Try another"), or
    None when it shows the question as set again: :func:`current` then gives that version, so an
    answer given in code is judged against the version on screen."""
    if version is None:
        _PRACTISING.pop(question_id, None)
    else:
        _PRACTISING[question_id] = version


def practising(question_id: str) -> bool:
    """True while a practice version of the question is on screen (its answers are not recorded)."""
    return question_id in _PRACTISING and not _WHO["student"]


def current(question: Question) -> Question:
    """The variant of ``question`` this kernel shows: the student's named by :func:`use`, in the
    assignment of the feedback mode of the moment; outside both, the practice version a widget
    shows (:func:`practise`), if any."""
    from .policy import current as mode

    assignment = mode().assignment
    if not _WHO["student"] and not assignment and question.id in _PRACTISING:
        return _PRACTISING[question.id]
    return variant(question, _WHO["student"], assignment)
