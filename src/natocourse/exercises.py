"""Questions with instant feedback: declare them in a line or two, show them as widgets, check code.

Every chapter declares its questions in ``src/natocourse/questions/<slug>.py``; the module is
imported automatically the first time the registry is used. A question's id is the chapter slug,
a hyphen and two digits (``burden-03``). Declaring a question registers it::

    from natocourse.exercises import MultipleChoice, Numeric, DataQuestion

    MultipleChoice("tour-01", "When was the North Atlantic Treaty signed?",
                   options=["1949-04-04", "1952-02-18", "1955-05-06"],
                   key="<hash printed by the command below>",
                   hints=["It is the date in finding 1 of the bill."],
                   explanation="The treaty was signed in Washington on 4 April 1949.")

    Numeric("tour-04", "What share of GDP did European allies and Canada spend in 2014?",
            answer=1.4, tolerance=0.05, units="%", share=True)

    DataQuestion("tour-08", "How many allies joined in 2004?",
                 expected=lambda data: int((data.load("members").accession_date.dt.year == 2004).sum()))

Answer keys
-----------
Exact-match keys (:class:`MultipleChoice`, :class:`MultipleSelect`, :class:`ShortText`,
:class:`Ordering`, :class:`Matching`) are stored as salted SHA-256 hashes so that neither the
package source nor the notebooks show the answer. The salt is the question id plus
:data:`PACKAGE_SALT`. Print the key to paste into a declaration with::

    python -m natocourse exercises key tour-01 choice "1949-04-04"
    python -m natocourse exercises key tour-02 select Canada Iceland Portugal
    python -m natocourse exercises key tour-05 text "Türkiye" "Turkey"      # one hash per synonym
    python -m natocourse exercises key tour-06 order Spain Poland Estonia
    python -m natocourse exercises key tour-07 match "Germany=1955" "Spain=1982"  # one hash per pair

Numeric and data questions keep plain values: a tolerance cannot be checked against a hash (1.39
and 1.41 hash to unrelated values), and a data question's expected value is computed from
``natocourse.data`` by a function, which is already public.

Checking
--------
``question.check(answer)`` is pure and returns a :class:`Result`; it never raises, whatever the
answer. ``None``, ``...`` and empty strings mean "not answered yet". ``check(id, answer)`` also
displays the feedback in a notebook and records the attempt (:mod:`natocourse.progress`);
``show(id)`` displays the question's widget.
"""

from __future__ import annotations

import builtins
import difflib
import hashlib
import html
import importlib
import math
import numbers
import pkgutil
import re
import unicodedata
import warnings
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, ClassVar, Iterable, Mapping

import ipywidgets as widgets

#: Mixed into every answer hash together with the question id (change it and every key changes).
PACKAGE_SALT = "natocourse-answer-key-v1"

#: A question id: lower-case chapter slug, a hyphen, two digits.
ID_PATTERN = re.compile(r"^(?P<chapter>[a-z][a-z0-9]*)-(?P<number>\d{2})$")

#: The possible values of :attr:`Result.status`.
STATUSES = ("correct", "incorrect", "not_answered", "invalid")

#: Longest text answer read (longer answers are rejected with a message, not processed).
MAX_TEXT = 500

_SEP = "\x1e"
_PAIR = "\x1d"


# --------------------------------------------------------------------------------------------
# Results and small helpers
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer.

    ``status`` is one of :data:`STATUSES`; ``message`` is the sentence shown to the student
    ("Correct.", "Not yet: ...", "Not answered yet.", "Cannot check this answer: ...").
    """

    correct: bool
    status: str
    message: str

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, not {self.status!r}")


class Reject(Exception):
    """Raised inside a question's checking code to end the check with an ``invalid`` result."""


def correct(extra: str = "") -> Result:
    """A correct result, optionally with a remark after "Correct."."""
    return Result(True, "correct", "Correct." + (f" {extra}" if extra else ""))


def incorrect(reason: str) -> Result:
    """An incorrect result: "Not yet: <reason>"."""
    return Result(False, "incorrect", f"Not yet: {reason}")


def not_answered() -> Result:
    """The result for an answer that was not given yet."""
    return Result(False, "not_answered", "Not answered yet.")


def invalid(reason: str) -> Result:
    """The result for an answer that cannot be checked: "Cannot check this answer: <reason>"."""
    return Result(False, "invalid", f"Cannot check this answer: {reason}")


def is_unanswered(answer: Any) -> bool:
    """True for ``None``, ``...`` and empty or blank strings/bytes (no ``__eq__`` is called)."""
    if answer is None or answer is Ellipsis:
        return True
    if isinstance(answer, (str, bytes)):
        try:
            return not answer.strip()
        except Exception:
            return False
    return False


def describe(value: Any, limit: int = 60) -> str:
    """A short, safe description of any value for messages (never raises)."""
    try:
        text = repr(value)
    except Exception:
        text = f"<{type(value).__name__} object>"
    if not isinstance(text, str):
        text = f"<{type(value).__name__} object>"
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalise_text(text: str) -> str:
    """Fold case, accents and whitespace: ``"  Türkiye "`` → ``"turkiye"``."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split()).strip(" .;:!")


def as_text(answer: Any, what: str = "a text answer in quotes") -> str:
    """Read ``answer`` as a short string or raise :class:`Reject` with a clear message."""
    if isinstance(answer, bytes):
        raise Reject("you gave bytes; write the answer as a normal string in quotes")
    if not isinstance(answer, str):
        raise Reject(f"expected {what}, got {type(answer).__name__} {describe(answer)}")
    if len(answer) > MAX_TEXT:
        raise Reject(f"that answer is {len(answer)} characters long; keep it under {MAX_TEXT}")
    return answer


def answer_hash(question_id: str, canonical: str) -> str:
    """The salted SHA-256 of a canonical answer (see :func:`key`)."""
    salted = f"{PACKAGE_SALT}{_SEP}{question_id}{_SEP}{canonical}"
    return hashlib.sha256(salted.encode("utf-8")).hexdigest()


def markdown_to_html(text: str) -> str:
    """A small, safe Markdown subset for prompts: paragraphs, ``code``, **bold**, *italics*."""
    out = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        block = html.escape(block, quote=False)
        block = re.sub(r"`([^`]+)`", r"<code>\1</code>", block)
        block = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", block)
        block = re.sub(r"(?<!\*)\*([^*]+)\*(?!\*)", r"<em>\1</em>", block)
        out.append(f"<p>{block}</p>")
    return "\n".join(out)


# --------------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------------

class Question:
    """What every question has: id, chapter, prompt, hints, explanation and a pure ``check``.

    Subclasses implement :meth:`evaluate` (the type-specific check of an answered value) and
    :meth:`make_input` (the widget a student answers in). Declaring a question registers it
    (pass ``register=False`` for a throw-away question, e.g. in tests).
    """

    #: The kind name used by ``python -m natocourse exercises key`` (hashed types only).
    kind: ClassVar[str] = ""

    def __init__(self, id: str, prompt: str, *, hints: Iterable[str] = (), explanation: str = "",
                 reveal_after: int = 2, register: bool = True):
        match = ID_PATTERN.match(id) if isinstance(id, str) else None
        if not match:
            raise ValueError(f"question id {id!r} must be a chapter slug, a hyphen and two digits, "
                             "e.g. 'burden-03'")
        if not isinstance(prompt, str) or not prompt.strip():
            raise ValueError(f"{id}: the prompt must be a non-empty string")
        if not isinstance(reveal_after, int) or reveal_after < 0:
            raise ValueError(f"{id}: reveal_after must be a whole number of wrong attempts (>= 0)")
        self.id = id
        self.chapter = match["chapter"]
        self.prompt = prompt
        self.hints = [str(h) for h in hints]
        self.explanation = explanation
        self.reveal_after = reveal_after
        if register:
            _register(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    def check(self, answer: Any) -> Result:
        """Check ``answer`` and return a :class:`Result`; never raises, never records."""
        try:
            if is_unanswered(answer):
                return not_answered()
            return self.evaluate(answer)
        except Reject as reason:
            return invalid(str(reason.args[0]) if reason.args else "this answer cannot be read")
        except Exception as exc:  # noqa: BLE001 - a student's answer must never crash a notebook
            return invalid(f"reading it failed ({type(exc).__name__}); "
                           "give a plain value like the examples in the question")

    def evaluate(self, answer: Any) -> Result:
        """Check an answered value (not None/...); may raise :class:`Reject`."""
        raise NotImplementedError

    def instructions(self) -> str:
        """A line telling the student what form the answer takes (shown under the prompt)."""
        return ""

    def make_input(self):
        """The input widget and a function that reads the student's answer from it."""
        box = widgets.Text(description="Answer", placeholder="type your answer",
                     style={"description_width": "initial"})
        return box, lambda: box.value


class HashedQuestion(Question):
    """A question whose answer key is stored as salted hashes (see :func:`key`)."""

    def __init__(self, id: str, prompt: str, *, key: str | Iterable[str], **common):
        keys = [key] if isinstance(key, str) else list(key)
        if not keys or not builtins.all(isinstance(k, str) and re.fullmatch(r"[0-9a-f]{64}", k) for k in keys):
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
        """True if the canonical form of an answer hashes to one of the keys."""
        return answer_hash(self.id, canonical) in self.keys


class OptionsQuestion(HashedQuestion):
    """A hashed question whose answers are picked from a fixed list of texts."""

    def __init__(self, id: str, prompt: str, *, options: Iterable[str], key, **common):
        self.options = [str(o) for o in options]
        folded = [normalise_text(o) for o in self.options]
        if len(self.options) < 2 or len(set(folded)) != len(folded):
            raise ValueError(f"{id}: give at least two distinct options")
        self._by_folded = dict(zip(folded, self.options))
        super().__init__(id, prompt, key=key, **common)

    def resolve(self, answer: Any) -> str:
        """The option ``answer`` names (case/accents ignored) or :class:`Reject`."""
        text = as_text(answer, "one of the options in quotes")
        option = self._by_folded.get(normalise_text(text))
        if option is None:
            raise Reject(f"{describe(text)} is not one of the options: {', '.join(self.options)}")
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
        return [self.resolve(item) for item in answer]


class MultipleChoice(OptionsQuestion):
    """Pick exactly one option. Key: ``exercises key ID choice OPTION``."""

    kind = "choice"

    def __init__(self, id: str, prompt: str, *, options: Iterable[str], key: str, **common):
        super().__init__(id, prompt, options=options, key=key, **common)

    @classmethod
    def canonical(cls, answers):
        if len(answers) != 1:
            raise ValueError("a multiple-choice key is exactly one option")
        return [normalise_text(answers[0])]

    def instructions(self):
        return "Choose one option."

    def evaluate(self, answer):
        option = self.resolve(answer)
        return correct() if self.matches(normalise_text(option)) else incorrect(
            f"{option!r} is not the right option.")

    def make_input(self):
        radio = widgets.RadioButtons(options=self.options, index=None, description="Your answer",
                               style={"description_width": "initial"}, layout=widgets.Layout(width="auto"))
        return radio, lambda: radio.value


class MultipleSelect(OptionsQuestion):
    """Pick every option that applies. Key: ``exercises key ID select OPTION...``."""

    kind = "select"

    @classmethod
    def canonical(cls, answers):
        return [_SEP.join(sorted({normalise_text(a) for a in answers}))]

    def instructions(self):
        return "Tick every option that applies."

    def evaluate(self, answer):
        chosen = self.resolve_many(answer)
        if not chosen:
            return not_answered()
        if self.matches(self.canonical(chosen)[0]):
            return correct()
        return incorrect(f"your {len(set(chosen))} choice(s) are not exactly the right set; "
                         "check each option on its own.")

    def make_input(self):
        boxes = [widgets.Checkbox(value=False, description=o, indent=False,
                            layout=widgets.Layout(width="auto")) for o in self.options]
        group = widgets.VBox(boxes, layout=widgets.Layout(width="auto"))
        return group, lambda: [b.description for b in boxes if b.value]


class ShortText(HashedQuestion):
    """A short free-text answer; case, accents and spacing are ignored; synonyms accepted.

    Key: ``exercises key ID text ANSWER SYNONYM...`` (one hash per accepted spelling).
    """

    kind = "text"

    @classmethod
    def canonical(cls, answers):
        return [normalise_text(a) for a in answers]

    def instructions(self):
        return "Type a short answer (case and accents do not matter)."

    def evaluate(self, answer):
        text = as_text(answer)
        if self.matches(normalise_text(text)):
            return correct()
        return incorrect(f"{describe(text.strip())} is not an answer this question accepts.")


class Ordering(OptionsQuestion):
    """Put the items in order (e.g. events, earliest first). Key: ``exercises key ID order ITEM...``.

    Items are always shown in alphabetical order, so the declaration may list them in any order.
    """

    kind = "order"

    def __init__(self, id: str, prompt: str, *, items: Iterable[str], key: str, **common):
        super().__init__(id, prompt, options=sorted(str(i) for i in items), key=key, **common)

    @property
    def items(self) -> list[str]:
        """The items to order, alphabetically."""
        return self.options

    @classmethod
    def canonical(cls, answers):
        return [_SEP.join(normalise_text(a) for a in answers)]

    def instructions(self):
        return f"Put all {len(self.items)} items in order, one per position."

    def evaluate(self, answer):
        if isinstance(answer, str) or isinstance(answer, (set, frozenset)):
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
        if self.matches(self.canonical(order)[0]):
            return correct()
        return incorrect("that order is not right yet; find the earliest item first.")

    def make_input(self):
        choices = [("—", None)] + [(i, i) for i in self.items]
        drops = [widgets.Dropdown(options=choices, value=None, description=f"Position {n}",
                            style={"description_width": "initial"}) for n in range(1, len(self.items) + 1)]
        return widgets.VBox(drops), lambda: [d.value for d in drops]


class Matching(HashedQuestion):
    """Pair each item with one option (e.g. country → accession year).

    Key: ``exercises key ID match "ITEM=OPTION"...`` (one hash per correct pair, so the feedback
    can say how many pairs are right). The answer is a dict ``{item: option}``.
    """

    kind = "match"

    def __init__(self, id: str, prompt: str, *, items: Iterable[str], options: Iterable[str],
                 key: Iterable[str], **common):
        self.items = [str(i) for i in items]
        self.options = sorted({str(o) for o in options})
        if len(self.items) < 2 or len({normalise_text(i) for i in self.items}) != len(self.items):
            raise ValueError(f"{id}: give at least two distinct items")
        self._item_by = {normalise_text(i): i for i in self.items}
        self._option_by = {normalise_text(o): o for o in self.options}
        super().__init__(id, prompt, key=key, **common)

    @classmethod
    def canonical(cls, answers):
        pairs = []
        for pair in answers:
            item, sep, option = str(pair).partition("=")
            if not sep:
                raise ValueError(f"write each pair as ITEM=OPTION, not {pair!r}")
            pairs.append(normalise_text(item) + _PAIR + normalise_text(option))
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
            name = self._item_by.get(normalise_text(as_text(item, "an item name")))
            if name is None:
                raise Reject(f"{describe(item)} is not one of the items: {', '.join(self.items)}")
            if is_unanswered(option):
                continue
            if isinstance(option, numbers.Integral) and not isinstance(option, bool):
                option = str(option)
            value = self._option_by.get(normalise_text(as_text(option, "an option")))
            if value is None:
                raise Reject(f"{describe(option)} is not one of the options: {', '.join(self.options)}")
            chosen[name] = value
        if not chosen:
            return not_answered()
        missing = [i for i in self.items if i not in chosen]
        if missing:
            raise Reject(f"match every item; still missing: {', '.join(missing)}")
        right = sum(self.matches(self.canonical([f"{i}={o}"])[0]) for i, o in chosen.items())
        if right == len(self.items):
            return correct()
        return incorrect(f"{right} of {len(self.items)} pairs are right.")

    def make_input(self):
        choices = [("—", None)] + [(o, o) for o in self.options]
        drops = {i: widgets.Dropdown(options=choices, value=None, description=i,
                               style={"description_width": "initial"}) for i in self.items}
        return widgets.VBox(list(drops.values())), lambda: {i: d.value for i, d in drops.items()}


def read_number(answer: Any, units: str = "", unit_names: Iterable[str] = ()) -> tuple[float, bool]:
    """Read one number (int, float, numpy scalar, Decimal or text like "2 %") as (value, unit_given).

    Raises :class:`Reject` with a clear reason for anything else (bools, NaN, infinities, huge
    numbers, several numbers, unknown units).
    """
    if isinstance(answer, bool):
        raise Reject("True/False is not a number; give a number")
    if isinstance(answer, numbers.Integral):
        if abs(int(answer)) > 10**15:
            raise Reject("that number is far too large to be the answer")
        return float(answer), False
    if isinstance(answer, (numbers.Real, Decimal)):
        value = float(answer)
        if math.isnan(value):
            raise Reject("that is NaN (not a number); give a number")
        if math.isinf(value):
            raise Reject("that is infinite; give a finite number")
        return value, False
    text = as_text(answer, "a number").strip()
    match = re.fullmatch(r"([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d{1,3})?)\s*(.*)", text)
    if not match:
        hint = " (use a point for decimals and no thousands separators)" if "," in text else ""
        raise Reject(f"could not read {describe(text)} as one number{hint}; write e.g. 2.5")
    value, unit = float(match[1]), normalise_text(match[2])
    if re.search(r"[0-9,]", unit):
        hint = " (use a point for decimals and no thousands separators)" if "," in unit else ""
        raise Reject(f"could not read {describe(text)} as one number{hint}; write e.g. 2.5")
    if unit and unit not in unit_names:
        wanted = f"in {units}" if units else "without units"
        raise Reject(f"{describe(match[2])} is not a unit this question uses; answer {wanted}")
    if not math.isfinite(value):
        raise Reject("that number is too large; give a finite number")
    return value, bool(unit)


class Numeric(Question):
    """A number, within a tolerance, optionally with units.

    Accepts ``2``, ``2.0``, ``"2"``, ``"2.0"``, ``"2 %"``, ``"2%"``. With ``share=True`` (the
    answer is a percentage) a share such as ``0.02`` is also read as 2 %. ``tolerance`` is
    absolute. The key is plain: a tolerance cannot be checked against a hash.
    """

    _UNIT_ALIASES = {"%": ("%", "percent", "per cent", "pct")}

    def __init__(self, id: str, prompt: str, *, answer: float, tolerance: float = 0.0,
                 units: str = "", share: bool = False, **common):
        if isinstance(answer, bool) or not isinstance(answer, numbers.Real) or not math.isfinite(answer):
            raise ValueError(f"{id}: answer must be a finite number")
        if not isinstance(tolerance, numbers.Real) or tolerance < 0:
            raise ValueError(f"{id}: tolerance must be a number >= 0")
        self.answer = float(answer)
        self.tolerance = float(tolerance)
        self.units = units.strip()
        self.share = share
        aliases = self._UNIT_ALIASES.get(self.units, (self.units,) if self.units else ())
        self._unit_names = {normalise_text(a) for a in aliases} | ({"%"} if self.units == "%" else set())
        super().__init__(id, prompt, **common)

    def instructions(self):
        unit = f" in {self.units}" if self.units else ""
        return f"Give a number{unit}" + (" (a share such as 0.02 is read as 2 %)." if self.share else ".")

    def read(self, answer: Any) -> tuple[float, bool]:
        """(value, unit_given) from the answer, or :class:`Reject` with the reason."""
        return read_number(answer, self.units, self._unit_names)

    def close(self, value: float) -> bool:
        """True if ``value`` is within the tolerance of the answer."""
        return abs(value - self.answer) <= self.tolerance + 1e-9 * max(1.0, abs(self.answer))

    def evaluate(self, answer):
        value, unit_given = self.read(answer)
        if self.close(value):
            return correct()
        if self.share and not unit_given and self.close(value * 100):
            return correct(f"(read {value:g} as a share: {value * 100:g} %)")
        direction = "too high" if value > self.answer else "too low"
        unit = f" {self.units}" if self.units else ""
        return incorrect(f"{value:g}{unit} is {direction}.")


class DataQuestion(Question):
    """The student computes ``answer`` with pandas and calls ``exercises.check(id, answer)``.

    ``expected(data)`` receives the :mod:`natocourse.data` module (imported on first check, not
    when this module is imported) and returns a number, string, Series or DataFrame. Numbers are
    compared within ``tolerance`` (absolute); Series and DataFrames by columns, index (when
    ``check_index``), length and values; rows may come in any order unless ``check_order``.
    """

    def __init__(self, id: str, prompt: str, *, expected: Callable[[Any], Any], tolerance: float = 1e-6,
                 check_index: bool = True, check_order: bool = False, **common):
        if not callable(expected):
            raise ValueError(f"{id}: expected must be a function of the data module")
        self.expected_function = expected
        self.tolerance = float(tolerance)
        self.check_index = check_index
        self.check_order = check_order
        self._expected: Any = _UNSET
        super().__init__(id, prompt, **common)

    def expected(self) -> Any:
        """The expected value, computed once from :mod:`natocourse.data`."""
        if self._expected is _UNSET:
            data = importlib.import_module("natocourse.data")
            self._expected = self.expected_function(data)
        return self._expected

    def instructions(self):
        return f'Compute `answer` in a code cell, then run `exercises.check("{self.id}", answer)`.'

    def evaluate(self, answer):
        try:
            expected = self.expected()
        except Exception as exc:  # noqa: BLE001
            return invalid(f"the expected answer could not be computed ({type(exc).__name__}); "
                           "please tell your teacher")
        problem = compare_data(expected, answer, tolerance=self.tolerance,
                               check_index=self.check_index, check_order=self.check_order)
        return correct() if problem is None else incorrect(problem)

    def make_input(self):
        return None, None


_UNSET = object()


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


#: The hashed question types by the kind name used on the command line.
HASHED_KINDS: dict[str, type[HashedQuestion]] = {
    cls.kind: cls for cls in (MultipleChoice, MultipleSelect, ShortText, Ordering, Matching)}


def key(question_id: str, kind: str, *answers: str) -> list[str]:
    """The answer-key hash(es) for a declaration: ``key("tour-01", "choice", "1949-04-04")``."""
    if not ID_PATTERN.match(question_id or ""):
        raise ValueError(f"{question_id!r} is not a question id like 'burden-03'")
    if kind not in HASHED_KINDS:
        raise ValueError(f"kind must be one of {', '.join(HASHED_KINDS)}, not {kind!r}")
    if not answers:
        raise ValueError("give the correct answer(s) after the kind")
    return HASHED_KINDS[kind].key(question_id, *answers)


# --------------------------------------------------------------------------------------------
# Registry
# --------------------------------------------------------------------------------------------

_REGISTRY: dict[str, Question] = {}
_DISCOVERED = False
#: Chapter modules that failed to import: module name → error message.
discovery_errors: dict[str, str] = {}


class UnknownQuestionError(KeyError):
    """No question has this id; the message lists close matches."""

    def __str__(self) -> str:
        return str(self.args[0])


def _register(question: Question) -> None:
    old = _REGISTRY.get(question.id)
    if old is not None and (type(old), old.prompt) != (type(question), question.prompt):
        raise ValueError(f"question id {question.id!r} is already used by another question "
                         f"({type(old).__name__}: {old.prompt[:50]!r}); pick the next free number")
    _REGISTRY[question.id] = question


def unregister(question_id: str) -> None:
    """Remove a question from the registry (for tests and interactive authoring)."""
    _REGISTRY.pop(question_id, None)


def discover() -> None:
    """Import every chapter module in :mod:`natocourse.questions` once (registering questions)."""
    global _DISCOVERED
    if _DISCOVERED:
        return
    _DISCOVERED = True
    from . import questions

    for module in sorted(m.name for m in pkgutil.iter_modules(questions.__path__)):
        name = f"{questions.__name__}.{module}"
        try:
            importlib.import_module(name)
        except Exception as exc:  # noqa: BLE001 - one broken chapter must not break the others
            discovery_errors[name] = f"{type(exc).__name__}: {exc}"
            warnings.warn(f"questions of {name} could not be loaded: {exc}", stacklevel=2)


def all() -> list[Question]:  # noqa: A001 - the documented name
    """Every registered question, in id order."""
    discover()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get(question_id: str) -> Question:
    """The question with this id; an unknown id raises :class:`UnknownQuestionError`."""
    discover()
    if isinstance(question_id, str) and question_id in _REGISTRY:
        return _REGISTRY[question_id]
    close = difflib.get_close_matches(str(question_id), sorted(_REGISTRY), n=3, cutoff=0.5)
    also = f"; did you mean {', '.join(close)}?" if close else (
        f"; known chapters: {', '.join(sorted({q.chapter for q in _REGISTRY.values()}))}")
    raise UnknownQuestionError(f"no question with id {question_id!r}{also}")


def chapter(slug: str) -> list[Question]:
    """The questions of one chapter (by slug, e.g. ``"tour"``), in id order."""
    return [q for q in all() if q.chapter == slug]


# --------------------------------------------------------------------------------------------
# Comparing a data answer with the expected value
# --------------------------------------------------------------------------------------------

def _names(labels) -> list[str]:
    return [str(x) for x in list(labels)[:12]] + (["…"] if len(labels) > 12 else [])


def _is_number(value: Any) -> bool:
    return isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool)


def compare_data(expected: Any, got: Any, *, tolerance: float = 1e-6, check_index: bool = True,
                 check_order: bool = False) -> str | None:
    """``None`` if ``got`` matches ``expected`` (number, text, Series or DataFrame), else why not."""
    import pandas as pd

    if isinstance(expected, pd.DataFrame):
        return _compare_frame(expected, got, tolerance, check_index, check_order)
    if isinstance(expected, pd.Series):
        if isinstance(got, pd.DataFrame) and got.shape[1] == 1:
            got = got.iloc[:, 0]
        if not isinstance(got, pd.Series):
            raise Reject(f"expected a Series (one column of values), got {type(got).__name__} "
                         f"{describe(got)}")
        return _compare_columns(expected.rename("values").to_frame(), got.rename("values").to_frame(),
                                tolerance, check_index, check_order, what="Series")
    if isinstance(got, (pd.Series, pd.DataFrame)):
        if got.size != 1:
            raise Reject(f"you passed a {type(got).__name__} with {got.size} values; the answer is a "
                         "single value (try len(...), .sum() or .iloc[0])")
        got = got.to_numpy().ravel()[0]
    if hasattr(got, "item") and hasattr(got, "dtype") and getattr(got, "shape", None) == ():
        got = got.item()
    if isinstance(expected, bool):
        if not isinstance(got, bool):
            raise Reject(f"the answer is True or False, got {describe(got)}")
        return None if got == expected else f"{got} is not right."
    if _is_number(expected):
        value, _ = read_number(got)
        if abs(value - float(expected)) <= tolerance + 1e-9 * max(1.0, abs(float(expected))):
            return None
        return f"{value:g} is {'too high' if value > float(expected) else 'too low'}."
    if isinstance(expected, str):
        text = as_text(got)
        return None if normalise_text(text) == normalise_text(expected) else f"{describe(text)} is not right."
    if isinstance(got, type(expected)) and got == expected:
        return None
    return f"{describe(got)} is not the expected value."


def _compare_frame(expected, got, tolerance, check_index, check_order) -> str | None:
    import pandas as pd

    if isinstance(got, pd.Series):
        raise Reject(f"you passed a Series; expected a table (DataFrame) with columns "
                     f"{_names(expected.columns)} (try .to_frame() or df[[...]])")
    if not isinstance(got, pd.DataFrame):
        raise Reject(f"expected a table (DataFrame) with columns {_names(expected.columns)}, got "
                     f"{type(got).__name__} {describe(got)}")
    want = [str(c) for c in expected.columns]
    have = [str(c) for c in got.columns]
    if sorted(want) != sorted(have) or len(set(have)) != len(have):
        return f"your table has columns {_names(have)}; expected {_names(want)}."
    got = got.set_axis(have, axis=1)[want]
    return _compare_columns(expected.set_axis(want, axis=1), got, tolerance, check_index, check_order,
                            what="table")


def _compare_columns(expected, got, tolerance, check_index, check_order, what) -> str | None:
    import numpy as np
    import pandas as pd

    if len(got) != len(expected):
        return f"your {what} has {len(got)} rows; expected {len(expected)}."
    if check_index:
        want, have = [str(i) for i in expected.index], [str(i) for i in got.index]
        if sorted(want) != sorted(have):
            missing = sorted(set(want) - set(have))
            extra = sorted(set(have) - set(want))
            return (f"your {what}'s index (row labels) differs: missing {_names(missing)}, "
                    f"unexpected {_names(extra)}.")
        if not check_order:
            expected = expected.set_axis(want, axis=0).sort_index(kind="stable")
            got = got.set_axis(have, axis=0).sort_index(kind="stable")
        elif want != have:
            return f"your {what}'s rows are not in the expected order."
    else:
        expected, got = expected.reset_index(drop=True), got.reset_index(drop=True)
        if not check_order:
            expected = _sorted_rows(expected)
            got = _sorted_rows(got)
    for column in expected.columns:
        a, b = expected[column], got[column]
        if pd.api.types.is_numeric_dtype(a) and not pd.api.types.is_bool_dtype(a):
            try:
                b_values = pd.to_numeric(b, errors="raise").to_numpy(dtype=float)
            except (TypeError, ValueError):
                return f"column {column!r} should hold numbers; yours holds {b.dtype}."
            same = np.isclose(a.to_numpy(dtype=float), b_values, rtol=0, atol=tolerance, equal_nan=True)
        else:
            same = np.array([(x == y) or (pd.isna(x) and pd.isna(y)) if not isinstance(x, (list, dict))
                             else False for x, y in zip(a.astype(object), b.astype(object))], dtype=bool)
        if not same.all():
            position = int(np.argmin(same))
            label = got.index[position] if check_index else position
            where = f" (and {int((~same).sum()) - 1} more)" if (~same).sum() > 1 else ""
            name = f"column {column!r}" if what == "table" else "the values"
            return f"{name} differ at row {label!s}: yours is {describe(b.iloc[position])}{where}."
    return None


def _sorted_rows(frame):
    try:
        return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)
    except TypeError:
        return frame




# --------------------------------------------------------------------------------------------
# Feedback and widgets
# --------------------------------------------------------------------------------------------

_ICONS = {"correct": ("✔", "#1a7f37"), "incorrect": ("✘", "#b35900"),
          "not_answered": ("…", "#57606a"), "invalid": ("⚠", "#9a6700")}


def feedback_html(result: Result, explanation: str = "") -> str:
    """The feedback box: an icon and the message as text (never colour alone), live region."""
    icon, colour = _ICONS[result.status]
    extra = (f'<details open><summary>Explanation</summary>{markdown_to_html(explanation)}</details>'
             if explanation else "")
    return (f'<div class="natocourse-feedback natocourse-{result.status}" role="status" '
            f'aria-live="polite" style="border-left: 4px solid {colour}; padding: 0.2em 0.6em">'
            f'<span aria-hidden="true">{icon}</span> {html.escape(result.message, quote=False)}{extra}</div>')


_ECHO_SKIPPED: list = []
_HOOKED = False


def _display_now(obj: Any, bundle: dict) -> None:
    """Display ``bundle`` in IPython and skip ``obj``'s echo if it is also the cell's value."""
    global _HOOKED
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    display(bundle, raw=True)
    object.__setattr__(obj, "_skip_echo", True)
    _ECHO_SKIPPED.append(obj)
    if not _HOOKED:
        shell.events.register("post_run_cell", _end_of_cell)
        _HOOKED = True


def _end_of_cell(*_args) -> None:
    while _ECHO_SKIPPED:
        object.__setattr__(_ECHO_SKIPPED.pop(), "_skip_echo", False)


def _result_display(self: Result) -> None:
    """IPython display of a result: the feedback box (text/plain is the message, for nbval)."""
    if getattr(self, "_skip_echo", False):
        return
    from IPython.display import display

    display(self.bundle(), raw=True)


def _result_bundle(self: Result) -> dict:
    """The rich display of a result: text/plain is the message, text/html the feedback box."""
    return {"text/plain": self.message,
            "text/html": getattr(self, "_html", None) or feedback_html(self)}


Result._ipython_display_ = _result_display
Result.bundle = _result_bundle


class QuestionWidget(widgets.VBox):
    """A question's widget: prompt, input, Check, Hint, attempts, feedback and explanation.

    Pure Python state (``attempts``, ``wrong``, ``hints_shown``) so tests can drive it headless:
    set the input's value, call ``check_button.click()``, read ``feedback.value``.
    """

    def __init__(self, question: Question):
        self.question = question
        self.attempts = 0
        self.wrong = 0
        self.hints_shown = 0
        self.solved = False
        note = question.instructions()
        self.prompt = widgets.HTML(
            f'<div class="natocourse-question"><p><strong>Question {html.escape(question.id)}</strong></p>'
            f'{markdown_to_html(question.prompt)}'
            + (f"<p><em>{markdown_to_html(note)[3:-4]}</em></p>" if note else "") + "</div>")
        self.input, self._read = question.make_input()
        self.check_button = widgets.Button(description="Check", button_style="primary", icon="check",
                                           tooltip=f"Check your answer to question {question.id}")
        self.hint_button = widgets.Button(tooltip="Reveal the next hint", icon="lightbulb-o")
        self.explanation_button = widgets.Button(description="Show explanation", disabled=True,
                                                 tooltip="Available after a correct answer or "
                                                         f"{question.reveal_after} wrong attempts")
        self.attempt_counter = widgets.Label(value="Attempts: 0")
        self.feedback = widgets.HTML(value="")
        self.hints = widgets.HTML(value="")
        self.explanation = widgets.HTML(value="")
        self.check_button.on_click(self.check)
        self.hint_button.on_click(self.reveal_hint)
        self.explanation_button.on_click(self.reveal_explanation)
        self._update_hint_button()
        if self.input is None:  # data question: answered in code with exercises.check
            buttons = [self.hint_button, self.explanation_button]
            self.explanation_button.disabled = not question.explanation
            self.explanation_button.tooltip = "Show the worked explanation"
            body = [self.prompt]
        else:
            buttons = [self.check_button, self.hint_button, self.explanation_button, self.attempt_counter]
            body = [self.prompt, self.input]
        super().__init__(body + [widgets.HBox(buttons), self.feedback, self.hints, self.explanation])
        self.add_class("natocourse-exercise")

    def __repr__(self) -> str:
        return f"QuestionWidget({self.question.id!r})"

    def answer(self) -> Any:
        """The answer currently entered in the input."""
        return self._read() if self._read else None

    def check(self, _button=None) -> Result:
        """Check the entered answer, update feedback/attempts/explanation, record progress."""
        result = self.question.check(self.answer())
        if result.status in ("correct", "incorrect"):
            self.attempts += 1
            self.wrong += result.status == "incorrect"
            self.solved = self.solved or result.correct
        self.feedback.value = feedback_html(result)
        self.attempt_counter.value = f"Attempts: {self.attempts}"
        if self.question.explanation and (self.solved or self.wrong >= self.question.reveal_after):
            self.explanation_button.disabled = False
            self.explanation_button.tooltip = "Show the worked explanation"
        _record(self.question, result)
        return result

    def reveal_hint(self, _button=None) -> None:
        """Show the next hint (one at a time)."""
        if self.hints_shown < len(self.question.hints):
            self.hints_shown += 1
            items = "".join(f"<li>{markdown_to_html(h)}</li>" for h in self.question.hints[: self.hints_shown])
            self.hints.value = f'<div class="natocourse-hints"><strong>Hints</strong><ol>{items}</ol></div>'
        self._update_hint_button()

    def reveal_explanation(self, _button=None) -> None:
        """Show the worked explanation (the button is enabled only when allowed)."""
        self.explanation.value = (f'<div class="natocourse-explanation"><strong>Explanation</strong>'
                                  f"{markdown_to_html(self.question.explanation)}</div>")

    def _update_hint_button(self) -> None:
        total = len(self.question.hints)
        if self.hints_shown < total:
            self.hint_button.description = f"Hint {self.hints_shown + 1} of {total}"
            self.hint_button.disabled = False
        else:
            self.hint_button.description = "No more hints" if total else "No hints"
            self.hint_button.disabled = True

    def _ipython_display_(self) -> None:
        if getattr(self, "_skip_echo", False):
            return
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)


# --------------------------------------------------------------------------------------------
# In a notebook: show a widget, check an answer given in code
# --------------------------------------------------------------------------------------------

_WRONG_IN_SESSION: dict[str, int] = {}


def _record(question: Question, result: Result) -> None:
    from . import progress

    progress.record(question.id, question.chapter, result)


def show(question_id: str) -> QuestionWidget:
    """Display the widget of a question and return it."""
    widget = QuestionWidget(get(question_id))
    _display_now(widget, widget._repr_mimebundle_())
    return widget


def check(question_id: str, answer: Any) -> Result:
    """Check an answer given in code: display the feedback, record the attempt, return the result.

    The explanation is shown with the feedback once the answer is correct or after the question's
    ``reveal_after`` wrong attempts in this session.
    """
    question = get(question_id)
    result = question.check(answer)
    if result.status == "incorrect":
        _WRONG_IN_SESSION[question.id] = _WRONG_IN_SESSION.get(question.id, 0) + 1
    reveal = result.correct or _WRONG_IN_SESSION.get(question.id, 0) >= question.reveal_after
    object.__setattr__(result, "_html", feedback_html(result, question.explanation if reveal else ""))
    _record(question, result)
    _display_now(result, result.bundle())
    return result
