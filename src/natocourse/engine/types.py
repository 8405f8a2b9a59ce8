"""The question types and how each checks an answer: pure Python, no widgets, no display.

Declaring a question registers it (:mod:`.registry`); ``question.check(answer)`` returns a
:class:`~.results.Result` and never raises; ``question.spec()`` is the JSON description the book's
JavaScript front end checks with (:mod:`.export`). Answers are read through :mod:`.answers`, the
one normalisation layer, so every type accepts the same reasonable variants.

Feedback that teaches: ``feedback={wrong answer: why}`` gives a wrong answer its own sentence.
For multiple choice and multiple select the keys are the distractors; for short text the common
wrong answers ("Massie"); for numbers and data questions the common wrong values. Ordering and
matching say which items are misplaced without being told.
"""

from __future__ import annotations

import builtins
import itertools
import math
import numbers
import re
from typing import Any, Callable, ClassVar, Iterable, Mapping

from . import registry
from .answers import (Reject, as_text, canonical_text, close, describe, format_number, is_unanswered,
                      matching_form, percent_matches, read_number, text_variants)
from .compare import compare_data, single_value
from .keys import PAIR, POSITION, SEPARATOR, answer_hash
from .results import Result, correct, incorrect, invalid, not_answered, recorded

#: A question id: lower-case chapter slug, a hyphen, two digits.
ID_PATTERN = re.compile(r"^(?P<chapter>[a-z][a-z0-9]*)-(?P<number>\d{2})$")

_HASH = re.compile(r"[0-9a-f]{64}")


class Question:
    """What every question has: id, chapter, prompt, hints, explanation, feedback and ``check``.

    Subclasses implement :meth:`evaluate` (the check of an answered value) and add their fields
    to :meth:`spec`. Pass ``register=False`` for a throw-away question (e.g. in tests).
    """

    #: The type's name in specs, progress files and ``python -m natocourse exercises key``.
    kind: ClassVar[str] = ""

    def __init__(self, id: str, prompt: str, *, hints: Iterable[str] = (), explanation: str = "",
                 reveal_after: int = 2, feedback: Mapping[Any, str] | None = None, register: bool = True,
                 record_only: bool = False):
        match = ID_PATTERN.match(id) if isinstance(id, str) else None
        if not match:
            raise ValueError(f"question id {id!r} must be a chapter slug, a hyphen and two digits, "
                             "e.g. 'burden-03'")
        if not isinstance(prompt, str) or not prompt.strip():
            raise ValueError(f"{id}: the prompt must be a non-empty string")
        if not isinstance(reveal_after, int) or reveal_after < 1:
            raise ValueError(f"{id}: reveal_after must be a whole number of wrong attempts (>= 1)")
        self.id = id
        self.chapter = match["chapter"]
        self.prompt = prompt
        self.hints = [str(h) for h in hints]
        self.explanation = explanation
        self.reveal_after = reveal_after
        #: Exam mode: the question has no key; a check only says that the answer was recorded.
        self.record_only = record_only
        self.feedback = self._read_feedback(dict(feedback or {}))
        if register:
            registry.register(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    def _read_feedback(self, feedback: dict) -> dict:
        """Check and store the wrong-answer feedback (types override what the keys mean)."""
        return {canonical_text(str(k)): str(v) for k, v in feedback.items()}

    def check(self, answer: Any) -> Result:
        """Check ``answer`` and return a :class:`Result`; never raises, never records."""
        try:
            if is_unanswered(answer):
                return not_answered()
            if self.record_only:
                return recorded()
            return self.evaluate(answer)
        except Reject as reason:
            return invalid(str(reason.args[0]) if reason.args else "this answer cannot be read")
        except RecursionError:
            return invalid("that answer is nested too deeply to read")
        except Exception as exc:  # noqa: BLE001 - a student's answer must never crash a notebook
            return invalid(f"reading it failed ({type(exc).__name__}); "
                           "give a plain value like the examples in the question")

    def evaluate(self, answer: Any) -> Result:
        """Check an answered value (not None/...); may raise :class:`Reject`."""
        raise NotImplementedError

    def instructions(self) -> str:
        """A line telling the student what form the answer takes (shown under the prompt)."""
        return ""

    def spec(self) -> dict:
        """The JSON-safe description of this question that the book's front end checks with."""
        return {"id": self.id, "chapter": self.chapter, "type": self.kind, "prompt": self.prompt,
                "instructions": self.instructions(), "hints": list(self.hints),
                "explanation": self.explanation, "reveal_after": self.reveal_after,
                "feedback": dict(self.feedback)}


class HashedQuestion(Question):
    """A question whose answer key is stored as salted hashes (see :mod:`.keys`)."""

    def __init__(self, id: str, prompt: str, *, key: str | Iterable[str] | None, **common):
        keys = [] if key is None else [key] if isinstance(key, str) else list(key)
        if common.get("record_only") and not keys:
            self.keys = frozenset()
            super().__init__(id, prompt, **common)
            return
        if not keys or not builtins.all(isinstance(k, str) and _HASH.fullmatch(k) for k in keys):
            raise ValueError(f"{id}: key must be the SHA-256 hash(es) printed by "
                             f"`python -m natocourse exercises key {id} {self.kind} ...`")
        self.keys = frozenset(keys)
        super().__init__(id, prompt, **common)

    @classmethod
    def canonical(cls, answers: list[str]) -> list[str]:
        """The canonical strings hashed for a key (one per hash)."""
        raise NotImplementedError

    @classmethod
    def key(cls, question_id: str, *answers: str) -> list[str]:
        """The hash(es) to paste into the declaration for the given correct answer(s)."""
        return [answer_hash(question_id, c) for c in cls.canonical(list(answers))]

    def matches(self, canonical: str) -> bool:
        """True if this canonical answer hashes to one of the keys."""
        return answer_hash(self.id, canonical) in self.keys

    def spec(self) -> dict:
        return {**super().spec(), "keys": sorted(self.keys)}


class OptionsQuestion(HashedQuestion):
    """A hashed question whose answers are picked from a fixed list of texts."""

    def __init__(self, id: str, prompt: str, *, options: Iterable[str], key, **common):
        self.options = [str(o) for o in options]
        forms = [matching_form(o) for o in self.options]
        if len(self.options) < 2 or len(set(forms)) != len(forms) or "" in forms:
            raise ValueError(f"{id}: give at least two options that differ in more than spelling")
        self._by_form = dict(zip(forms, self.options))
        super().__init__(id, prompt, key=key, **common)

    def _read_feedback(self, feedback: dict) -> dict:
        known = {}
        for option, why in feedback.items():
            named = self._by_form.get(matching_form(str(option)))
            if named is None:
                raise ValueError(f"{self.id}: feedback for {option!r}, which is not an option")
            known[named] = str(why)
        return known

    def resolve(self, answer: Any) -> str:
        """The option ``answer`` names, in any reasonable spelling, or :class:`Reject`."""
        text = as_text(answer, "one of the options in quotes")
        option = self._by_form.get(matching_form(text))
        if option is None:
            raise Reject(f"{describe(text.strip())} is not one of the options: {'; '.join(self.options)}")
        return option

    def resolve_many(self, answer: Any) -> list[str]:
        """A list of options from a list/tuple/set of option texts (or one text)."""
        if isinstance(answer, str):
            return [self.resolve(answer)]
        if isinstance(answer, Mapping) or not isinstance(answer, (list, tuple, set, frozenset)):
            raise Reject(f"give a list of options in quotes, e.g. [{self.options[0]!r}], "
                         f"not {type(answer).__name__}")
        if len(answer) > 10 * len(self.options):
            raise Reject(f"that list has {len(answer)} items; there are only {len(self.options)} options")
        return [self.resolve(item) for item in answer if not is_unanswered(item)]

    def spec(self) -> dict:
        return {**super().spec(), "options": list(self.options)}


class MultipleChoice(OptionsQuestion):
    """Pick exactly one option. Key: ``exercises key ID choice OPTION``."""

    kind = "choice"

    def __init__(self, id: str, prompt: str, *, options: Iterable[str], key: str, **common):
        super().__init__(id, prompt, options=options, key=key, **common)

    @classmethod
    def canonical(cls, answers):
        if len(answers) != 1:
            raise ValueError("a multiple-choice key is exactly one option")
        return [canonical_text(answers[0])]

    def instructions(self):
        return "Choose one option."

    def is_right(self, option: str) -> bool:
        """True if ``option`` (one of :attr:`options`) is the answer."""
        return self.matches(canonical_text(option))

    def evaluate(self, answer):
        option = self.resolve(answer)
        if self.is_right(option):
            return correct()
        return incorrect(self.feedback.get(option) or f"{option!r} is not the right option.")


class MultipleSelect(OptionsQuestion):
    """Pick every option that applies. Key: ``exercises key ID select OPTION...``."""

    kind = "select"

    @classmethod
    def canonical(cls, answers):
        return [SEPARATOR.join(sorted({canonical_text(a) for a in answers}))]

    def instructions(self):
        return "Tick every option that applies."

    def evaluate(self, answer):
        chosen = sorted(set(self.resolve_many(answer)), key=self.options.index)
        if not chosen:
            return not_answered()
        if self.matches(self.canonical(chosen)[0]):
            return correct()
        reasons = [self.feedback[o] for o in chosen if o in self.feedback]
        if reasons:
            return incorrect(" ".join(reasons))
        return incorrect(f"your {len(chosen)} choice(s) are right as far as they go, but at least one "
                         "option that applies is missing.")

    def right_options(self) -> list[str]:
        """The options that apply, found by trying the subsets against the key (for tests and authors)."""
        for size in range(1, len(self.options) + 1):
            for subset in itertools.combinations(self.options, size):
                if self.matches(self.canonical(list(subset))[0]):
                    return list(subset)
        return []


class ShortText(HashedQuestion):
    """A short free-text answer; case, accents, spacing, spelling and titles are forgiven.

    Key: ``exercises key ID text ANSWER SYNONYM...`` (one hash per accepted spelling).
    """

    kind = "text"

    @classmethod
    def canonical(cls, answers):
        return [canonical_text(a) for a in answers]

    def instructions(self):
        return "Type a short answer (case and accents do not matter)."

    def _read_feedback(self, feedback: dict) -> dict:
        return {canonical_text(str(k)): str(v) for k, v in feedback.items()}

    def evaluate(self, answer):
        text = as_text(answer)
        variants = text_variants(text)
        if builtins.any(self.matches(v) for v in variants):
            return correct()
        for variant in variants:
            if variant in self.feedback:
                return incorrect(self.feedback[variant])
        return incorrect(f"{describe(text.strip())} is not an answer this question accepts.")


class Ordering(OptionsQuestion):
    """Put the items in order (e.g. events, earliest first).

    Key: ``exercises key ID order ITEM...`` gives one hash per item and position, so the feedback
    can say which items are misplaced. Items are shown in alphabetical order.
    """

    kind = "order"

    def __init__(self, id: str, prompt: str, *, items: Iterable[str], key: Iterable[str], **common):
        super().__init__(id, prompt, options=sorted(str(i) for i in items), key=key, **common)
        if len(self.keys) != len(self.items) and not self.record_only:
            raise ValueError(f"{id}: an ordering key has one hash per item ({len(self.items)}); "
                             f"make it with `python -m natocourse exercises key {id} order ...`")

    @property
    def items(self) -> list[str]:
        """The items to order, alphabetically."""
        return self.options

    @classmethod
    def canonical(cls, answers):
        return [f"{canonical_text(a)}{POSITION}{n}" for n, a in enumerate(answers, start=1)]

    def instructions(self):
        return f"Put all {len(self.items)} items in order, one per position."

    def evaluate(self, answer):
        if isinstance(answer, (str, set, frozenset)):
            raise Reject("give the items as a list in order, e.g. "
                         f"[{', '.join(repr(i) for i in self.items[:2])}, ...]")
        order = [None if is_unanswered(item) else item for item in _as_sequence(answer)]
        if builtins.all(item is None for item in order):
            return not_answered()
        if None in order:
            raise Reject(f"fill every position (position {order.index(None) + 1} is empty)")
        order = [self.resolve(item) for item in order]
        missing = [i for i in self.items if i not in order]
        repeated = sorted({i for i in order if order.count(i) > 1})
        if repeated or missing or len(order) != len(self.items):
            parts = ([f"repeated: {', '.join(repeated)}"] if repeated else []) + (
                [f"missing: {', '.join(missing)}"] if missing else [])
            raise Reject(f"use each of the {len(self.items)} items exactly once ({'; '.join(parts)})")
        placed = self.canonical(order)
        wrong = [(n, item) for n, (item, c) in enumerate(zip(order, placed), start=1) if not self.matches(c)]
        if not wrong:
            return correct()
        where = "; ".join(f"{item} (position {n})" for n, item in wrong)
        return incorrect(f"{len(order) - len(wrong)} of {len(order)} items are in the right place. "
                         f"Misplaced: {where}.")


class Matching(HashedQuestion):
    """Pair each item with one option (e.g. country → accession year).

    Key: ``exercises key ID match "ITEM=OPTION"...`` (one hash per correct pair, so the feedback
    can say which pairs are wrong). The answer is a dict ``{item: option}``.
    """

    kind = "match"

    def __init__(self, id: str, prompt: str, *, items: Iterable[str], options: Iterable[str],
                 key: Iterable[str], **common):
        self.items = [str(i) for i in items]
        self.options = sorted({str(o) for o in options})
        item_forms = [matching_form(i) for i in self.items]
        if len(self.items) < 2 or len(set(item_forms)) != len(item_forms):
            raise ValueError(f"{id}: give at least two distinct items")
        option_forms = [matching_form(o) for o in self.options]
        if len(set(option_forms)) != len(option_forms):
            raise ValueError(f"{id}: options must differ in more than spelling")
        self._item_by = dict(zip(item_forms, self.items))
        self._option_by = dict(zip(option_forms, self.options))
        super().__init__(id, prompt, key=key, **common)

    @classmethod
    def canonical(cls, answers):
        pairs = []
        for pair in answers:
            item, sep, option = str(pair).partition("=")
            if not sep:
                raise ValueError(f"write each pair as ITEM=OPTION, not {pair!r}")
            pairs.append(canonical_text(item) + PAIR + canonical_text(option))
        return pairs

    def instructions(self):
        return "Match every item with one option."

    def evaluate(self, answer):
        if isinstance(answer, Mapping):
            pairs = list(answer.items())
        else:
            pairs = [_as_pair(p) for p in _as_sequence(answer)]
        if len(pairs) > 10 * len(self.items):
            raise Reject(f"that answer has {len(pairs)} pairs; there are {len(self.items)} items")
        chosen = {}
        for item, option in pairs:
            name = self._item_by.get(matching_form(as_text(item, "an item name")))
            if name is None:
                raise Reject(f"{describe(item)} is not one of the items: {', '.join(self.items)}")
            if is_unanswered(option):
                continue
            if isinstance(option, numbers.Integral) and not isinstance(option, bool):
                option = str(option)
            value = self._option_by.get(matching_form(as_text(option, "an option")))
            if value is None:
                raise Reject(f"{describe(option)} is not one of the options: {', '.join(self.options)}")
            chosen[name] = value
        if not chosen:
            return not_answered()
        missing = [i for i in self.items if i not in chosen]
        if missing:
            raise Reject(f"match every item; still missing: {', '.join(missing)}")
        wrong = [i for i in self.items if not self.matches(self.canonical([f"{i}={chosen[i]}"])[0])]
        if not wrong:
            return correct()
        return incorrect(f"{len(self.items) - len(wrong)} of {len(self.items)} pairs are right. "
                         f"Not matched right yet: {', '.join(wrong)}.")

    def spec(self) -> dict:
        return {**super().spec(), "items": list(self.items), "options": list(self.options)}


class _Valued(Question):
    """A question answered by a number compared within a tolerance (numeric and data questions)."""

    units: str = ""
    tolerance: float = 0.0

    def _read_feedback(self, feedback: dict) -> dict:
        known = {}
        for value, why in feedback.items():
            if isinstance(value, bool) or not isinstance(value, numbers.Real):
                raise ValueError(f"{self.id}: feedback keys are the wrong numbers, not {value!r}")
            known[format_number(float(value))] = str(why)
        return known

    def judge_number(self, value: float, unit_given: bool, expected: float) -> Result:
        """The verdict on a number read from an answer (the percent/share rule included)."""
        if self.units == "%":
            how = percent_matches(value, unit_given, expected, self.tolerance)
            if how == "percent":
                return correct()
            if how == "share":
                return correct(f"(read {format_number(value)} as a share: "
                               f"{format_number(value * 100)} %)")
        elif close(value, expected, self.tolerance):
            return correct()
        for wrong, why in self.feedback.items():
            shown = float(wrong)
            if close(value, shown, self.tolerance) or (
                    self.units == "%" and not unit_given and -1 <= value <= 1
                    and close(value * 100, shown, self.tolerance)):
                return incorrect(why)
        unit = f" {self.units}" if self.units else ""
        direction = "too high" if value > expected else "too low"
        return incorrect(f"{format_number(value)}{unit} is {direction}.")

    def spec(self) -> dict:
        return {**super().spec(), "units": self.units, "tolerance": self.tolerance}


class Numeric(_Valued):
    """A number, within a tolerance, optionally with units.

    Accepts ``2``, ``2.0``, ``"2"``, ``"2.0"``, ``"1,500"``, ``"2 %"``, ``"30 days"``. A question
    in ``%`` also accepts the share (``0.02`` for 2 %), the rule the exercise tour teaches.
    ``tolerance`` is absolute. The key is plain: a tolerance cannot be checked against a hash.
    """

    kind = "number"

    def __init__(self, id: str, prompt: str, *, answer: float | None, tolerance: float = 0.0,
                 units: str = "", **common):
        if answer is None and common.get("record_only"):
            answer = 0.0
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real) or not math.isfinite(answer):
            raise ValueError(f"{id}: answer must be a finite number")
        if isinstance(tolerance, bool) or not isinstance(tolerance, numbers.Real) or not tolerance >= 0:
            raise ValueError(f"{id}: tolerance must be a number >= 0")
        self.answer = float(answer)
        self.tolerance = float(tolerance)
        self.units = str(units).strip()
        super().__init__(id, prompt, **common)

    def instructions(self):
        unit = f" in {self.units}" if self.units else ""
        share = " (a share such as 0.02 is read as 2 %)" if self.units == "%" else ""
        return f"Give a number{unit}{share}."

    def evaluate(self, answer):
        value, unit_given = read_number(answer, self.units)
        return self.judge_number(value, unit_given, self.answer)

    def spec(self) -> dict:
        return {**super().spec(), "answer": self.answer}


class DataQuestion(_Valued):
    """The student computes ``answer`` with pandas and calls ``exercises.check(id, answer)``.

    ``expected(data)`` receives the data module of the question bank (see
    :func:`.registry.use_bank`) and returns a number, string, Series or DataFrame. Numbers are
    compared within ``tolerance`` (absolute; with ``units="%"`` the percent/share rule applies);
    Series and DataFrames by columns, index (when ``check_index``), length and values; rows may
    come in any order unless ``check_order``. In the book the reader types the number they computed.
    """

    kind = "data"

    def __init__(self, id: str, prompt: str, *, expected: Callable[[Any], Any] | None, tolerance: float = 1e-6,
                 units: str = "", check_index: bool = True, check_order: bool = False, **common):
        if expected is None and common.get("record_only"):
            expected = _no_expected
        if not callable(expected):
            raise ValueError(f"{id}: expected must be a function of the data module")
        self.expected_function = expected
        self.tolerance = float(tolerance)
        self.units = str(units).strip()
        self.check_index = check_index
        self.check_order = check_order
        self._expected: Any = _UNSET
        super().__init__(id, prompt, **common)

    def expected(self) -> Any:
        """The expected value, computed once from the bank's data module."""
        if self._expected is _UNSET:
            self._expected = self.expected_function(registry.data_module(self))
        return self._expected

    def instructions(self):
        return f'Compute `answer` in a code cell, then run `exercises.check("{self.id}", answer)`.'

    def evaluate(self, answer):
        try:
            expected = self.expected()
        except Exception as exc:  # noqa: BLE001
            return invalid(f"the expected answer could not be computed ({type(exc).__name__}); "
                           "please tell your teacher")
        if _is_plain_number(expected):
            value = single_value(answer)
            number, unit_given = read_number(value, self.units)
            return self.judge_number(number, unit_given, float(expected))
        problem = compare_data(expected, answer, tolerance=self.tolerance,
                               check_index=self.check_index, check_order=self.check_order)
        return correct() if problem is None else incorrect(problem)

    def spec(self) -> dict:
        expected = self.expected()
        if not _is_plain_number(expected):
            raise ValueError(f"{self.id}: only data questions with a single number can be exported "
                             f"to the book (this one expects {type(expected).__name__})")
        return {**super().spec(), "answer": float(expected),
                "instructions": "Compute the value in JupyterLab (or by hand from the data), "
                                "then type the number here."}


_UNSET = object()


def _no_expected(_data):
    raise LookupError("an exam question has no expected value")


def _is_plain_number(value: Any) -> bool:
    if hasattr(value, "item") and getattr(value, "shape", None) == ():
        value = value.item()
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _as_sequence(answer: Any) -> list:
    if isinstance(answer, (list, tuple)):
        if len(answer) > 1000:
            raise Reject(f"that list has {len(answer)} items; far more than the question has")
        return list(answer)
    raise Reject(f"give a list, not {type(answer).__name__} {describe(answer)}")


def _as_pair(pair: Any) -> tuple:
    if isinstance(pair, (list, tuple)) and len(pair) == 2:
        return pair[0], pair[1]
    raise Reject("give a dict {item: option} or a list of (item, option) pairs")


#: Every question type by its kind name.
KINDS: dict[str, type[Question]] = {cls.kind: cls for cls in (
    MultipleChoice, MultipleSelect, ShortText, Ordering, Matching, Numeric, DataQuestion)}

#: The hashed question types by kind name (those ``key`` makes keys for).
HASHED_KINDS: dict[str, type[HashedQuestion]] = {
    kind: cls for kind, cls in KINDS.items() if issubclass(cls, HashedQuestion)}


def from_spec(spec: Mapping[str, Any], *, record_only: bool = False) -> Question:
    """A question rebuilt from its :meth:`Question.spec` (unregistered), e.g. from a keys file.

    With ``record_only`` the spec may lack keys and answers (an exam's student edition).
    """
    kind = spec["type"]
    cls = KINDS[kind]
    common = {"hints": spec.get("hints", ()), "explanation": spec.get("explanation", ""),
              "reveal_after": int(spec.get("reveal_after", 2)), "register": False, "record_only": record_only}
    feedback = dict(spec.get("feedback") or {})
    if kind in ("number", "data"):
        feedback = {float(k): v for k, v in feedback.items()}
    common["feedback"] = feedback
    keys = spec.get("keys") or None
    if kind in ("choice", "select", "text"):
        options = {"options": spec["options"]} if kind != "text" else {}
        return cls(spec["id"], spec["prompt"], key=keys, **options, **common)
    if kind == "order":
        return cls(spec["id"], spec["prompt"], items=spec["options"], key=keys, **common)
    if kind == "match":
        return cls(spec["id"], spec["prompt"], items=spec["items"], options=spec["options"], key=keys, **common)
    value = spec.get("answer")
    if kind == "number":
        return cls(spec["id"], spec["prompt"], answer=value, tolerance=float(spec.get("tolerance", 0)),
                   units=spec.get("units", ""), **common)
    expected = None if value is None else (lambda _data, v=float(value): v)
    return cls(spec["id"], spec["prompt"], expected=expected, tolerance=float(spec.get("tolerance", 1e-6)),
               units=spec.get("units", ""), **common)


def key(question_id: str, kind: str, *answers: str) -> list[str]:
    """The answer-key hash(es) for a declaration: ``key("tour-01", "choice", "1949-04-04")``."""
    if not ID_PATTERN.match(question_id or ""):
        raise ValueError(f"{question_id!r} is not a question id like 'burden-03'")
    if kind not in HASHED_KINDS:
        raise ValueError(f"kind must be one of {', '.join(HASHED_KINDS)}, not {kind!r}")
    if not answers:
        raise ValueError("give the correct answer(s) after the kind")
    return HASHED_KINDS[kind].key(question_id, *answers)
