"""The question types the engine offers, each one class that carries everything about itself.

Every type is a subclass of :class:`.question.Question`, the format's contract (what a type
declares is listed there). ``question.check(answer)`` returns a :class:`~.results.Result` and
never raises; answers are read through :mod:`.answers`, the one normalisation layer, so every
type accepts the same reasonable variants. Declaring a question registers it (:mod:`.registry`).

Feedback that teaches: ``feedback={wrong answer: why}`` gives a wrong answer its own sentence.
For multiple choice and multiple select the keys are the distractors; for short text the common
wrong answers ("Massie"); for numbers and data questions the common wrong values. Ordering and
matching say which items are misplaced without being told.
"""

from __future__ import annotations

import builtins
import copy
import itertools
import math
import numbers
import re
from typing import Any, Callable, Iterable, Mapping

from . import registry
from .answers import (Reject, as_text, canonical_text, close, describe, format_number, is_unanswered,
                      matching_form, percent_matches, quote, read_number, strip_spaces, text_variants,
                      unit_names)
from .compare import compare_data, single_value
from .keys import PAIR, POSITION, SEPARATOR, answer_hash
from .question import CHECKERS, ID_PATTERN, KINDS, Question, from_spec
from .results import Result, correct, incorrect, invalid, not_answered

__all__ = ["CHECKERS", "ID_PATTERN", "KINDS", "Question", "HashedQuestion", "OptionsQuestion", "MultipleChoice",
           "MultipleSelect", "ShortText", "Ordering", "Matching", "Numeric", "DataQuestion", "from_spec",
           "hashed_kinds", "key"]

_HASH = re.compile(r"[0-9a-f]{64}")


class HashedQuestion(Question):
    """A question whose answer key is stored as salted hashes (see :mod:`.keys`)."""

    secrets = ("keys",)

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

    @classmethod
    def arguments(cls, spec):
        return {"key": spec.get("keys") or None}

    def nbgrader_key(self) -> dict:
        return {"keys": sorted(self.keys)}

    def with_key(self, key):
        if not isinstance(key.get("keys"), list):
            raise ValueError(f"{self.id}: the key holds no answer hashes")
        keyed = copy.copy(self)
        keyed.keys = frozenset(key["keys"])
        return keyed


class OptionsQuestion(HashedQuestion):
    """A hashed question whose answers are picked from a fixed list of texts."""

    shows = ("options",)

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
            raise Reject(f"{describe(strip_spaces(text))} is not one of the options: {'; '.join(self.options)}")
        return option

    def resolve_many(self, answer: Any) -> list[str]:
        """A list of options from a list/tuple/set of option texts (or one text)."""
        if isinstance(answer, str):
            return [self.resolve(answer)]
        if isinstance(answer, Mapping) or not isinstance(answer, (list, tuple, set, frozenset)):
            raise Reject(f"give a list of options in quotes, e.g. [{quote(self.options[0])}], "
                         f"not {type(answer).__name__}")
        if len(answer) > 10 * len(self.options):
            raise Reject(f"that list has {len(answer)} items; there are only {len(self.options)} options")
        return [self.resolve(item) for item in answer if not is_unanswered(item)]

    def spec(self) -> dict:
        return {**super().spec(), "options": list(self.options)}

    def forms(self) -> dict:
        return {**super().forms(), "option_forms": [matching_form(o) for o in self.options]}

    @classmethod
    def arguments(cls, spec):
        return {**super().arguments(spec), "options": spec["options"]}


class MultipleChoice(OptionsQuestion):
    """Pick exactly one option. Key: ``exercises key ID choice OPTION``."""

    kind = "choice"
    checker = "choice"
    input = "radio"

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
        return incorrect(self.feedback.get(option) or f"{quote(option)} is not the right option.")


class MultipleSelect(OptionsQuestion):
    """Pick every option that applies. Key: ``exercises key ID select OPTION...``."""

    kind = "select"
    checker = "select"
    input = "checkboxes"

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
    checker = "text"
    input = "text"

    @classmethod
    def canonical(cls, answers):
        return [canonical_text(a) for a in answers]

    def instructions(self):
        return "Type a short answer (case and accents do not matter)."

    def evaluate(self, answer):
        text = as_text(answer)
        variants = text_variants(text)
        if builtins.any(self.matches(v) for v in variants):
            return correct()
        for variant in variants:
            if variant in self.feedback:
                return incorrect(self.feedback[variant])
        return incorrect(f"{describe(strip_spaces(text))} is not an answer this question accepts.")


class Ordering(OptionsQuestion):
    """Put the items in order (e.g. events, earliest first).

    Key: ``exercises key ID order ITEM...`` gives one hash per item and position, so the feedback
    can say which items are misplaced. Items are shown in alphabetical order (the spec's ``options``).
    """

    kind = "order"
    checker = "order"
    input = "positions"

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

    @classmethod
    def arguments(cls, spec):
        arguments = super().arguments(spec)
        arguments["items"] = arguments.pop("options")
        return arguments

    def instructions(self):
        return f"Put all {len(self.items)} items in order, one per position."

    def evaluate(self, answer):
        if isinstance(answer, (str, set, frozenset)):
            raise Reject("give the items as a list in order, e.g. "
                         f"[{', '.join(quote(i) for i in self.items[:2])}, ...]")
        order = [None if is_unanswered(item) else item for item in _as_sequence(answer)]
        if builtins.all(item is None for item in order):
            return not_answered()
        if None in order:
            raise Reject(f"fill every position (position {order.index(None) + 1} is empty)")
        order = [self.resolve(item) for item in order]
        missing = [i for i in self.items if i not in order]
        repeated = [i for i in self.items if order.count(i) > 1]
        if repeated or missing or len(order) != len(self.items):
            parts = ([f"repeated: {', '.join(repeated)}"] if repeated else []) + (
                [f"missing: {', '.join(missing)}"] if missing else [])
            detail = f" ({'; '.join(parts)})" if parts else ""
            raise Reject(f"use each of the {len(self.items)} items exactly once{detail}")
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
    checker = "match"
    input = "pairs"
    shows = ("items", "options")

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

    def forms(self) -> dict:
        return {**super().forms(), "option_forms": [matching_form(o) for o in self.options],
                "item_forms": [matching_form(i) for i in self.items]}

    @classmethod
    def arguments(cls, spec):
        return {**super().arguments(spec), "items": spec["items"], "options": spec["options"]}


class _Valued(Question):
    """A question answered by a number compared within a tolerance (numeric and data questions)."""

    checker = "number"
    shows = ("units",)
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
        """The verdict on a number read from an answer (the percent/share rule included).

        A wrong number near one of the common wrong values gets that value's feedback; near
        several, the closest one's (ties: the smaller value), so the order the feedback was
        written in never matters (the book's JavaScript cannot keep it).
        """
        if self.units == "%":
            how = percent_matches(value, unit_given, expected, self.tolerance)
            if how == "percent":
                return correct()
            if how == "share":
                return correct(f"(read {format_number(value)} as a share: "
                               f"{format_number(value * 100)} %)")
        elif close(value, expected, self.tolerance):
            return correct()
        near = []
        for wrong, why in self.feedback.items():
            shown = float(wrong)
            if close(value, shown, self.tolerance):
                near.append((abs(value - shown), shown, why))
            elif self.units == "%" and not unit_given and -1 <= value <= 1 and close(value * 100, shown, self.tolerance):
                near.append((abs(value * 100 - shown), shown, why))
        if near:
            return incorrect(min(near, key=lambda n: (n[0], n[1]))[2])
        unit = f" {self.units}" if self.units else ""
        direction = "too high" if value > expected else "too low"
        return incorrect(f"{format_number(value)}{unit} is {direction}.")

    def spec(self) -> dict:
        return {**super().spec(), "units": self.units, "tolerance": self.tolerance}

    def forms(self) -> dict:
        return {**super().forms(), "unit_names": sorted(unit_names(self.units))}

    @classmethod
    def arguments(cls, spec):
        return {"feedback": {float(k): v for k, v in (spec.get("feedback") or {}).items()},
                "units": spec.get("units", "")}


class Numeric(_Valued):
    """A number, within a tolerance, optionally with units.

    Accepts ``2``, ``2.0``, ``"2"``, ``"2.0"``, ``"1,500"``, ``"2 %"``, ``"30 days"``. A question
    in ``%`` also accepts the share (``0.02`` for 2 %), the rule the exercise tour teaches.
    ``tolerance`` is absolute. The key is plain: a tolerance cannot be checked against a hash.
    """

    kind = "number"
    input = "number"
    secrets = ("answer",)

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

    @classmethod
    def arguments(cls, spec):
        return {**super().arguments(spec), "answer": spec.get("answer"),
                "tolerance": float(spec.get("tolerance", 0))}

    def nbgrader_key(self) -> dict:
        return {"answer": self.answer, "tolerance": self.tolerance}

    def with_key(self, key):
        try:
            answer, tolerance = float(key["answer"]), float(key["tolerance"])
        except (KeyError, TypeError, ValueError):
            raise ValueError(f"{self.id}: the key holds no answer and tolerance") from None
        keyed = copy.copy(self)
        keyed.answer, keyed.tolerance = answer, tolerance
        return keyed


class DataQuestion(_Valued):
    """The student computes ``answer`` with pandas and calls ``exercises.check(id, answer)``.

    ``expected(data)`` receives the data module of the question bank (see
    :func:`.registry.use_bank`) and returns a number, string, Series or DataFrame. Numbers are
    compared within ``tolerance`` (absolute; with ``units="%"`` the percent/share rule applies);
    Series and DataFrames by columns, index (when ``check_index``), length and values; rows may
    come in any order unless ``check_order``. In the book the reader types the number they computed.
    """

    kind = "data"
    input = "value"
    code_answer = True
    secrets = ("answer",)

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
        if self.record_only and self.expected_function is _no_expected:
            # an exam's student edition: the prompt and how to answer, and no answer to give away
            return {**super().spec(), "instructions": self.instructions()}
        expected = self.expected()
        if not _is_plain_number(expected):
            raise ValueError(f"{self.id}: only data questions with a single number can be exported "
                             f"to the book (this one expects {type(expected).__name__})")
        return {**super().spec(), "answer": float(expected),
                "instructions": "Compute the value in JupyterLab (or by hand from the data), "
                                "then type the number here."}

    @classmethod
    def arguments(cls, spec):
        value = spec.get("answer")
        expected = None if value is None else (lambda _data, v=float(value): v)
        return {**super().arguments(spec), "expected": expected, "tolerance": float(spec.get("tolerance", 1e-6))}

    def nbgrader_key(self) -> dict:
        expected = self.expected()
        if hasattr(expected, "item") and getattr(expected, "shape", None) == ():
            expected = expected.item()
        if isinstance(expected, bool) or isinstance(expected, (int, str)) or (
                isinstance(expected, float) and math.isfinite(expected)):
            return {"expected": expected}
        raise ValueError(f"{self.id}: its expected value ({type(expected).__name__}) cannot be "
                         "written into an nbgrader test; leave it out of the --nbgrader export")

    def with_key(self, key):
        if "expected" not in key:
            raise ValueError(f"{self.id}: the key holds no expected value")
        keyed = copy.copy(self)
        keyed._expected = key["expected"]
        return keyed


_UNSET = object()


def _no_expected(_data):
    raise LookupError("an exam's student edition has no expected values: its checks only record answers")


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


def hashed_kinds() -> dict[str, type[HashedQuestion]]:
    """The hashed question types by kind name (those :func:`key` makes keys for)."""
    return {kind: cls for kind, cls in KINDS.items() if issubclass(cls, HashedQuestion)}


def key(question_id: str, kind: str, *answers: str) -> list[str]:
    """The answer-key hash(es) for a declaration: ``key("tour-01", "choice", "1949-04-04")``."""
    if not ID_PATTERN.match(question_id or ""):
        raise ValueError(f"{question_id!r} is not a question id like 'burden-03'")
    hashed = hashed_kinds()
    if kind not in hashed:
        raise ValueError(f"kind must be one of {', '.join(hashed)}, not {kind!r}")
    if not answers:
        raise ValueError("give the correct answer(s) after the kind")
    return hashed[kind].key(question_id, *answers)
