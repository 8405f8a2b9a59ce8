"""An instructor's own question bank: YAML files kept outside the package, answers written plainly.

An instructor who grades for credit keeps questions the public course does not hold in a private
repository, one or more YAML files, and hands them to ``assign``, ``exam``, ``grade``, ``collect``
and the book build with ``--bank PATH`` (a file, or a folder searched for ``*.yml`` and ``*.yaml``;
repeat ``--bank`` for more). ``python -m natocourse questions check FILE...`` reports every
problem of a bank with its file, line and what to write instead.

A bank file holds a list of questions, or a mapping with an optional ``title`` (what a problem set
says a question comes from) and ``questions`` (a list, or a mapping id → question)::

    title: Alliance history, spring quiz
    questions:
      - id: quiz-01
        type: choice
        prompt: On which date was the North Atlantic Treaty signed?
        options: ["1949-04-04", "1952-02-18", "1955-05-06"]
        answer: "1949-04-04"
        shuffle: true
        feedback: {"1952-02-18": That is when Greece and Türkiye joined.}
        hints: [The treaty created NATO.]
        explanation: It was signed in Washington on 4 April 1949.
        points: 2
        objectives: [date the founding of the alliance]

Each type's answer, written plainly (:data:`ANSWER_FIELDS`): ``answer`` (choice: one of the
options; number and data: a number, with ``tolerance`` and ``units``), ``answers`` (select: the
options that apply; text: every accepted spelling), ``order`` (order: the items in order),
``pairs`` (match: item → option, ``options`` adding distractors), and for a written answer
``word_range``, ``rubric``, ``guidance`` and ``model_answer``. Every type also takes ``prompt``,
``hints``, ``explanation``, ``feedback`` (wrong answer → why), ``reveal_after``, ``points`` (the
default when ``--points`` gives none) and ``objectives``. A ``data`` question's answer is the
number the student computes in code (the file holds the number, not the computation).

Loading hashes each answer with its type's own key function (:meth:`.HashedQuestion.key`) and
builds real engine questions, so the widget, the book, grading and exam keys handle them as they
handle the course's. Ids follow the course's pattern (``slug-NN``); a bank's chapter slug is never
one of the course's, and an id is refused when another bank already uses it.

In a problem set each bank question's setup cell carries the question's spec and registers it in
the student's kernel (:func:`natocourse.engine.add_questions`): with hashed keys (a number's answer
is plain, as in the book), or with no key at all under ``--feedback none``. Grading checks every
answer with the instructor's bank (``--bank``), never with that copy.
"""

from __future__ import annotations

import argparse
import difflib
import importlib.util
import math
import numbers
import pprint
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ..engine import registry
from ..engine.answers import canonical_text, matching_form
from ..engine.question import ID_PATTERN

#: The suffixes of bank files (a folder given to ``--bank`` is searched for them).
SUFFIXES = (".yml", ".yaml")
#: The largest bank file read (bytes): far more than a term's questions.
MAX_BYTES = 2_000_000
#: What every question may have, whatever its type.
COMMON_FIELDS = ("id", "type", "prompt", "hints", "explanation", "feedback", "reveal_after", "points",
                 "objectives")
#: Each type's own fields (answers written plainly).
TYPE_FIELDS = {
    "choice": ("options", "answer", "shuffle"),
    "select": ("options", "answers", "shuffle"),
    "text": ("answer", "answers"),
    "order": ("order",),
    "match": ("pairs", "options"),
    "number": ("answer", "tolerance", "units"),
    "data": ("answer", "tolerance", "units"),
    "written": ("word_range", "rubric", "guidance", "model_answer"),
}
#: How each type's right answer is written, for messages.
ANSWER_FIELDS = {
    "choice": "answer: <one of the options>",
    "select": "answers: [<every option that applies>]",
    "text": "answers: [<every accepted spelling>]",
    "order": "order: [<the items, in order>]",
    "match": "pairs: {<item>: <its option>, ...}",
    "number": "answer: <a number>",
    "data": "answer: <the number the code computes>",
    "written": "model_answer: <an answer that earns full marks>",
}
_TOP_FIELDS = ("title", "questions")


class BankError(ValueError):
    """A bank that cannot be used: the message lists every problem, one per line; nothing was
    registered or written."""

    def __init__(self, problems: Iterable["Problem"]):
        self.problems = list(problems)
        count = len(self.problems)
        super().__init__(f"the question bank has {count} problem{'s' if count != 1 else ''} (nothing was "
                         "written):\n  " + "\n  ".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Problem:
    """One problem of a bank file: where (file, line, column if known) and what to write instead."""

    path: str
    line: int
    message: str
    column: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" + (f":{self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class Entry:
    """A question read from a bank file: the engine question, where it was written, its default
    points and objectives, and its answer as a student would give it (for the solved notebook)."""

    question: Any
    path: str
    line: int
    title: str
    solution: Any
    points: float | None = None
    objectives: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        """``file:line`` of the question's entry."""
        return f"{self.path}:{self.line}"


# ---- reading YAML with the line of every key --------------------------------------------------

class _Map(dict):
    """A YAML mapping with its line, each key's line and the keys written twice."""

    line = 1

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: dict = {}
        self.twice: list = []


class _List(list):
    """A YAML sequence with its line and each item's line."""

    line = 1

    def __init__(self, *args):
        super().__init__(*args)
        self.lines: list[int] = []


class _Int(int):
    """A YAML integer that remembers how it was written (an option "1952" stays "1952")."""

    text = ""


class _Float(float):
    """A YAML float that remembers how it was written (an option "1.40" stays "1.40")."""

    text = ""


def _loader():
    import yaml

    class Loader(yaml.SafeLoader):
        """SafeLoader whose mappings and lists know their lines, whose dates stay texts and whose
        booleans are only true and false (YAML 1.1 also reads yes, no, on and off)."""

    def mapping(loader, node):
        data = _Map()
        data.line = node.start_mark.line + 1
        yield data
        loader.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise yaml.constructor.ConstructorError(
                    "while reading a mapping", node.start_mark,
                    "found a key that is a list or a mapping (a key is a plain text)", key_node.start_mark) from None
            if key in data:
                data.twice.append((key, key_node.start_mark.line + 1))
            data[key] = loader.construct_object(value_node, deep=True)
            data.lines[key] = key_node.start_mark.line + 1

    def sequence(loader, node):
        data = _List()
        data.line = node.start_mark.line + 1
        yield data
        for child in node.value:
            data.append(loader.construct_object(child, deep=True))
            data.lines.append(child.start_mark.line + 1)

    def integer(loader, node):
        value = _Int(yaml.SafeLoader.construct_yaml_int(loader, node))
        value.text = node.value
        return value

    def real(loader, node):
        value = _Float(yaml.SafeLoader.construct_yaml_float(loader, node))
        value.text = node.value
        return value

    def boolean(loader, node):
        text = loader.construct_scalar(node)
        return {"true": True, "false": False}.get(text.lower(), text)

    Loader.add_constructor("tag:yaml.org,2002:map", mapping)
    Loader.add_constructor("tag:yaml.org,2002:seq", sequence)
    Loader.add_constructor("tag:yaml.org,2002:int", integer)
    Loader.add_constructor("tag:yaml.org,2002:float", real)
    Loader.add_constructor("tag:yaml.org,2002:bool", boolean)
    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return Loader


def _parse(text: str, path: str) -> tuple[Any, list[Problem]]:
    """The YAML document of ``text`` (with lines), or the parser's problem in plain words."""
    try:
        import yaml
    except ImportError:
        return None, [Problem(path, 1, "reading a bank needs PyYAML: python -m pip install pyyaml")]
    try:
        return yaml.load(text, Loader=_loader()), []  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        said = " ".join(str(part).strip() for part in (exc.context, exc.problem) if part)
        began = exc.context_mark
        if began is not None and "end of stream" in str(exc.problem):
            mark, said = began, f"{str(exc.context or '').strip()} that starts here, and the file ends before it does"
        elif began is not None and mark is not None and began.line != mark.line:
            said += f" (what it was reading began on line {began.line + 1}, column {began.column + 1})"
        for jargon, plain in (("while scanning a", "reading a"), ("while parsing a", "reading a"),
                              ("scalar", "text"), ("block mapping", "block of fields"), ("block end", "end of a block")):
            said = said.replace(jargon, plain)
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, None)
        return None, [Problem(path, line, f"this is not valid YAML: {said or 'the parser stopped here'}. "
                                          "Put a text that holds ': ', ' #' or starts with a quote, [, {, *, &, ! "
                                          "or % in double quotes, and indent the fields of a question alike",
                              column)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 1, f"this is not valid YAML: {' '.join(str(exc).split())}")]
    except RecursionError:
        return None, [Problem(path, 1, "this YAML is nested too deeply to read; a question is one level of fields")]


# ---- checking one file ------------------------------------------------------------------------

def _text(value: Any) -> str | None:
    """A scalar as the text it was written as (None for a list, a mapping or nothing)."""
    if isinstance(value, str):
        return value
    if isinstance(value, (_Int, _Float)) and value.text:
        return value.text
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Real):
        return str(value)
    return None


def _shown(value: Any, limit: int = 60) -> str:
    text = _text(value)
    text = repr(value) if text is None else text
    text = " ".join(str(text).split())
    return repr(text if len(text) <= limit else text[:limit - 1] + "…")


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


class _Reader:
    """Checks one question of one file, collecting problems with their lines."""

    def __init__(self, path: str, entry: _Map, label: str, problems: list[Problem]):
        self.path, self.entry, self.label, self.problems = path, entry, label, problems

    def line(self, key: str | None = None) -> int:
        return self.entry.lines.get(key, self.entry.line) if key is not None else self.entry.line

    def item_line(self, key: str, index: int) -> int:
        value = self.entry.get(key)
        if isinstance(value, _List) and index < len(value.lines):
            return value.lines[index]
        return self.line(key)

    def problem(self, key: str | None, message: str, line: int | None = None) -> None:
        self.problems.append(Problem(self.path, line or self.line(key), f"{self.label}: {message}"))

    def text(self, key: str, *, required: bool = False, what: str = "a text") -> str | None:
        if key not in self.entry or self.entry[key] is None:
            if required:
                self.problem(None, f"it has no {key}; add `{key}: {what}`")
            return None
        value = _text(self.entry[key])
        if value is None:
            self.problem(key, f"its {key} must be {what}, not a list or a mapping; write `{key}: {what}`")
            return None
        if required and not value.strip():
            self.problem(key, f"its {key} is empty; write `{key}: {what}`")
            return None
        return value

    def texts(self, key: str, *, required: bool = False, single: bool = True, what: str = "texts") -> list[str] | None:
        if key not in self.entry or self.entry[key] is None:
            if required:
                self.problem(None, f"it has no {key}; add `{key}: [{what}]`")
            return None
        value = self.entry[key]
        if single and _text(value) is not None:
            value = [value]
        if not isinstance(value, list):
            self.problem(key, f"its {key} must be a list of {what}, written `{key}: [..., ...]` or one per "
                              "line starting with '- '")
            return None
        out = []
        for n, item in enumerate(value):
            text = _text(item)
            if text is None or not text.strip():
                self.problem(key, f"item {n + 1} of its {key} must be a text, not {_shown(item)}; put it in quotes",
                             self.item_line(key, n))
                return None
            out.append(text)
        if required and not out:
            self.problem(key, f"its {key} is empty; give [{what}]")
            return None
        return out

    def number(self, key: str, *, default: float | None = None, required: bool = False,
               minimum: float | None = None) -> float | None:
        if key not in self.entry or self.entry[key] is None:
            if required:
                self.problem(None, f"it has no {key}; add `{key}: <a number>`")
            return default
        value = self.entry[key]
        if isinstance(value, str):
            try:
                float(value.replace(",", ""))
                self.problem(key, f"its {key} {_shown(value)} is a text; write the number without quotes "
                                  "(and without a unit or a thousands separator)")
            except ValueError:
                self.problem(key, f"its {key} must be a number, not {_shown(value)}; write e.g. `{key}: 0.5`")
            return None
        if not _is_number(value) or not math.isfinite(float(value)):
            self.problem(key, f"its {key} must be a finite number, not {_shown(value)}; write e.g. `{key}: 0.5`")
            return None
        if minimum is not None and value < minimum:
            self.problem(key, f"its {key} is {_shown(value)}; it must be {minimum:g} or more")
            return None
        return float(value)


def _suggest(name: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _read_question(path: str, entry: Any, number: int, title: str, problems: list[Problem],
                   line: int) -> Entry | None:
    """One question of a file, checked and built (None, with problems, if it cannot be)."""
    from ..engine import KINDS, variants

    if not isinstance(entry, _Map):
        problems.append(Problem(path, line, f"question {number} must be a mapping of fields (id: ..., type: ..., "
                                            f"prompt: ...), not {_shown(entry)}"))
        return None
    qid = entry.get("id")
    kind = entry.get("type")
    kind_text = _text(kind) if kind is not None else None
    label = (f"{kind_text} question" if kind_text in TYPE_FIELDS else "question") + (
        f" {_text(qid)!r}" if _text(qid) else f" {number}")
    read = _Reader(path, entry, label, problems)
    before = len(problems)
    for key, where in entry.twice:
        read.problem(key, f"the field {key!r} is written twice; keep one", where)
    qid = read.text("id", required=True, what="an id like 'quiz-01'")
    if qid is not None and not ID_PATTERN.match(qid):
        read.problem("id", f"its id {qid!r} must be a chapter slug of lower-case letters and digits, a hyphen and "
                           "two digits, e.g. 'quiz-01'")
    if kind is None:
        read.problem(None, f"it has no type; add `type: ` one of {', '.join(TYPE_FIELDS)}")
        return None
    if kind_text not in TYPE_FIELDS:
        read.problem("type", f"its type {_shown(kind)} is not one the bank knows{_suggest(kind_text, TYPE_FIELDS)}; "
                             f"write one of {', '.join(TYPE_FIELDS)}")
        return None
    kind = kind_text
    allowed = COMMON_FIELDS + TYPE_FIELDS[kind]
    for key in entry:
        if key not in allowed:
            also = _suggest(key, allowed)
            where = [k for k, fields in TYPE_FIELDS.items() if key in fields]
            hint = f" ({key} belongs to {', '.join(where)} questions)" if where and not also else ""
            read.problem(key, f"it has a field {_shown(key)} that a {kind} question does not take{also}{hint}; "
                              f"its fields are {', '.join(allowed)}")
    prompt = read.text("prompt", required=True, what="the question, in Markdown")
    hints = read.texts("hints") or []
    explanation = read.text("explanation") or ""
    reveal = entry.get("reveal_after")
    if reveal is not None and (not isinstance(reveal, int) or isinstance(reveal, bool) or reveal < 1):
        read.problem("reveal_after", f"its reveal_after must be a whole number of wrong attempts, 1 or more, not "
                                     f"{_shown(reveal)}")
    points = None
    if entry.get("points") is not None:
        from .course import CourseError, points as checked_points

        raw = entry["points"]
        if isinstance(raw, bool) or not _is_number(raw):
            read.problem("points", f"its points must be a number, not {_shown(raw)}; write e.g. `points: 2`")
        else:
            try:
                points = checked_points(raw)
            except CourseError as exc:
                read.problem("points", f"its points {_shown(raw)}: {exc}")
    objectives = read.texts("objectives") or []
    shuffle = entry.get("shuffle", False)
    if not isinstance(shuffle, bool):
        read.problem("shuffle", f"its shuffle must be true or false, not {_shown(shuffle)}")
    feedback = entry.get("feedback")
    if feedback is not None and not isinstance(feedback, dict):
        read.problem("feedback", "its feedback must be a mapping of wrong answer → why, e.g. "
                                 "`feedback: {\"1952-02-18\": That is when Greece joined.}`")
        feedback = None
    feedback = feedback or {}
    for key, value in feedback.items():
        if _text(value) is None or not _text(value).strip():
            read.problem("feedback", f"its feedback for {_shown(key)} must be a sentence saying why, not "
                                     f"{_shown(value)}", feedback.lines.get(key))

    built = _BUILDERS[kind](read, entry, feedback)
    if len(problems) > before or built is None or qid is None or prompt is None:
        return None
    arguments, solution = built
    common = dict(hints=hints, explanation=explanation, register=False)
    if reveal is not None:
        common["reveal_after"] = int(reveal)
    try:
        question = KINDS[kind](qid, prompt, **{**common, **arguments})
        if shuffle:
            variants.shuffled(question)
    except ValueError as exc:
        said = str(exc).removeprefix(f"{qid}: ").removeprefix(f"{qid}, ")
        read.problem(None, f"{said}")
        return None
    result = question.check(solution)
    if not (result.correct or result.status == "to_mark"):
        read.problem(None, f"its own answer {_shown(solution)} is not accepted by its check ({result.message}); "
                           "write the answer as a student would give it")
        return None
    return Entry(question, path, entry.line, title, solution, points, tuple(objectives))


def _options(read: _Reader, key: str = "options", *, required: bool = True) -> list[str] | None:
    options = read.texts(key, required=required, single=False, what="the options")
    if options is None:
        return None
    if required and len(options) < 2:
        read.problem(key, f"it has {len(options)} option(s); give at least two")
        return None
    seen: dict[str, str] = {}
    for n, option in enumerate(options):
        form = matching_form(option)
        if not form:
            read.problem(key, f"its option {_shown(option)} has no letters or digits to tell it by",
                         read.item_line(key, n))
            return None
        if form in seen:
            read.problem(key, f"its options {_shown(seen[form])} and {_shown(option)} differ only in spelling; "
                              "make every option differ in its words", read.item_line(key, n))
            return None
        seen[form] = option
    return options


def _pick(read: _Reader, options: list[str], value: str, key: str, line: int | None = None) -> str | None:
    """The option ``value`` names (in any spelling the engine forgives), or a problem."""
    by_form = {matching_form(o): o for o in options}
    found = by_form.get(matching_form(value))
    if found is None:
        listed = " , ".join(options) if len(options) <= 8 else " , ".join(options[:8]) + " , …"
        read.problem(key, f"its {key} {_shown(value)} is not one of its options ({listed}); write one of them "
                          "exactly", line)
    return found


def _option_feedback(read: _Reader, feedback: dict, options: list[str], right: Iterable[str]) -> dict:
    known = {}
    for key, why in feedback.items():
        text = _text(key)
        option = _pick(read, options, text, "feedback", feedback.lines.get(key)) if text is not None else None
        if option is None:
            continue
        if option in right and read.entry.get("type") == "choice":
            read.problem("feedback", f"its feedback is for {_shown(option)}, the right answer; feedback explains "
                                     "wrong answers (put what the right answer teaches in explanation)",
                         feedback.lines.get(key))
            continue
        known[option] = _text(why) or ""
    return known


def _choice(read, entry, feedback):
    from ..engine.types import MultipleChoice

    options = _options(read)
    if "answers" in entry:
        read.problem("answers", "a choice question has one right option: write `answer: <option>` "
                                "(for several right options use type: select)")
        return None
    answer = read.text("answer", required=True, what="one of the options")
    if options is None or answer is None:
        return None
    chosen = _pick(read, options, answer, "answer")
    if chosen is None:
        return None
    known = _option_feedback(read, feedback, options, [chosen])
    return dict(options=options, key=MultipleChoice.key(read_id(read), chosen)[0], feedback=known), chosen


def _select(read, entry, feedback):
    from ..engine.types import MultipleSelect

    options = _options(read)
    if "answer" in entry and "answers" not in entry:
        read.problem("answer", "a select question lists every option that applies: write "
                               "`answers: [<option>, ...]`")
        return None
    answers = read.texts("answers", required=True, what="every option that applies")
    if options is None or answers is None:
        return None
    chosen = []
    for n, answer in enumerate(answers):
        option = _pick(read, options, answer, "answers", read.item_line("answers", n))
        if option is None:
            return None
        if option in chosen:
            read.problem("answers", f"its answers list {_shown(option)} twice", read.item_line("answers", n))
            return None
        chosen.append(option)
    known = _option_feedback(read, feedback, options, chosen)
    return dict(options=options, key=MultipleSelect.key(read_id(read), *chosen), feedback=known), chosen


def _text_question(read, entry, feedback):
    from ..engine.types import ShortText

    if "answer" in entry and "answers" in entry:
        read.problem("answers", "it has both answer and answers; list every accepted spelling under answers")
        return None
    key = "answers" if "answers" in entry else "answer"
    answers = read.texts(key, required=True, what="every accepted spelling")
    if answers is None:
        return None
    for n, answer in enumerate(answers):
        if not canonical_text(answer):
            read.problem(key, f"its answer {_shown(answer)} has no letters or digits a student could type",
                         read.item_line(key, n))
            return None
    known = {}
    for wrong, why in feedback.items():
        text = _text(wrong)
        if text is None or not canonical_text(text):
            read.problem("feedback", f"its feedback is for {_shown(wrong)}, which is no answer a student types",
                         feedback.lines.get(wrong))
            continue
        if canonical_text(text) in {canonical_text(a) for a in answers}:
            read.problem("feedback", f"its feedback is for {_shown(wrong)}, which is an accepted answer; feedback "
                                     "explains wrong answers", feedback.lines.get(wrong))
            continue
        known[text] = _text(why) or ""
    return dict(key=ShortText.key(read_id(read), *answers), feedback=known), answers[0]


def _order(read, entry, feedback):
    from ..engine.types import Ordering

    if "answer" in entry or "answers" in entry:
        read.problem("answer" if "answer" in entry else "answers",
                     "an order question gives its items in their right order: write `order: [first, second, ...]`")
        return None
    items = _options(read, "order")
    if items is None:
        return None
    if feedback:
        read.problem("feedback", "an order question says itself which items are misplaced; it takes no feedback")
        return None
    return dict(items=items, key=Ordering.key(read_id(read), *items)), list(items)


def _match(read, entry, feedback):
    from ..engine.types import Matching

    pairs = entry.get("pairs")
    if pairs is None:
        read.problem(None, "it has no pairs; add `pairs: {<item>: <its option>, ...}`")
        return None
    if not isinstance(pairs, dict) or len(pairs) < 2:
        read.problem("pairs", "its pairs must be a mapping of at least two items, each to its option, e.g. "
                              "`pairs: {Greece: \"1952\", Spain: \"1982\"}`")
        return None
    items, chosen, seen = [], {}, {}
    for item, option in pairs.items():
        where = pairs.lines.get(item)
        item_text, option_text = _text(item), _text(option)
        if not item_text or not item_text.strip() or "=" in item_text or not matching_form(item_text):
            read.problem("pairs", f"its item {_shown(item)} must be a text with letters or digits and no '='", where)
            return None
        if option_text is None or not matching_form(option_text):
            read.problem("pairs", f"the option of {_shown(item)} must be a text, not {_shown(option)}", where)
            return None
        if matching_form(item_text) in seen:
            read.problem("pairs", f"its items {_shown(seen[matching_form(item_text)])} and {_shown(item_text)} differ "
                                  "only in spelling", where)
            return None
        seen[matching_form(item_text)] = item_text
        items.append(item_text)
        chosen[item_text] = option_text
    extra = _options(read, "options", required=False) or []
    options, forms = [], set()
    for option in [*chosen.values(), *extra]:
        if matching_form(option) not in forms:
            forms.add(matching_form(option))
            options.append(option)
    by_form = {matching_form(o): o for o in options}
    chosen = {item: by_form[matching_form(option)] for item, option in chosen.items()}
    if feedback:
        read.problem("feedback", "a match question says itself which pairs are wrong; it takes no feedback")
        return None
    key = Matching.key(read_id(read), *[f"{item}={option}" for item, option in chosen.items()])
    return dict(items=items, options=options, key=key), dict(chosen)


def _valued(read, entry, feedback, *, default_tolerance):
    answer = read.number("answer", required=True)
    tolerance = read.number("tolerance", default=default_tolerance, minimum=0)
    units = read.text("units") or ""
    known = {}
    for wrong, why in feedback.items():
        if not _is_number(wrong):
            read.problem("feedback", f"its feedback is for {_shown(wrong)}; a number question's feedback is for "
                                     "wrong numbers, written without quotes", feedback.lines.get(wrong))
            continue
        known[float(wrong)] = _text(why) or ""
    if answer is None or tolerance is None:
        return None
    return dict(tolerance=tolerance, units=units, feedback=known), answer


def _number(read, entry, feedback):
    built = _valued(read, entry, feedback, default_tolerance=0.0)
    if built is None:
        return None
    arguments, answer = built
    return {**arguments, "answer": answer}, answer


def _data(read, entry, feedback):
    built = _valued(read, entry, feedback, default_tolerance=1e-6)
    if built is None:
        return None
    arguments, answer = built
    return {**arguments, "expected": lambda _data, value=answer: value}, answer


def _written(read, entry, feedback):
    from ..engine.written import read_rubric

    if "explanation" in entry:
        read.problem("explanation", "a written question shows its model answer as the explanation: write it "
                                    "under model_answer")
    if feedback:
        read.problem("feedback", "a written question is marked with its rubric; it takes no feedback")
    words = entry.get("word_range")
    if words is None:
        read.problem(None, "it has no word_range; add `word_range: [80, 150]` (the fewest and most words)")
    elif (not isinstance(words, list) or len(words) != 2 or
          not all(isinstance(w, int) and not isinstance(w, bool) for w in words) or not 1 <= words[0] <= words[1] <= 3000):
        read.problem("word_range", f"its word_range must be [low, high], whole numbers with 1 <= low <= high <= 3000, "
                                   f"not {_shown(words)}")
        words = None
    rubric = entry.get("rubric")
    if rubric is None:
        read.problem(None, "it has no rubric; add `rubric:` with at least one criterion (criterion, points, levels)")
    else:
        try:
            read_rubric(rubric if isinstance(rubric, list) else [rubric], "")
        except (ValueError, TypeError) as exc:
            said = str(exc).removeprefix(": ").removeprefix(", ")
            read.problem("rubric", f"its rubric: {said}")
            rubric = None
    model = read.text("model_answer", required=True, what="an answer that earns full marks")
    guidance = read.text("guidance") or ""
    if words is None or rubric is None or model is None:
        return None
    return dict(word_range=tuple(words), rubric=rubric, model_answer=model, guidance=guidance), model


def read_id(read: _Reader) -> str:
    """The question's id as written (checked before the type's fields are)."""
    return _text(read.entry.get("id")) or ""


_BUILDERS = {"choice": _choice, "select": _select, "text": _text_question, "order": _order, "match": _match,
             "number": _number, "data": _data, "written": _written}


def read_file(path: str | Path) -> tuple[list[Entry], list[Problem]]:
    """The questions of one bank file and its problems (each with its line); never raises."""
    entries, problems, _ids = _read_file(path)
    return entries, problems


def read_text(text: str, path: str = "<bank>") -> tuple[list[Entry], list[Problem]]:
    """The questions of a bank file's ``text`` and its problems; never raises."""
    entries, problems, _ids = _read(text, path)
    return entries, problems


def _read(text: str, path: str) -> tuple[list[Entry], list[Problem], list[tuple[str, int]]]:
    """The questions, the problems and every well-formed id written (with its line, even of a
    question with problems, so that a collision is reported with them)."""
    document, problems = _parse(text, path)
    if problems:
        return [], problems, []
    ids: list[tuple[str, int]] = []
    try:
        entries, problems = _read_document(document, path, ids)
    except RecursionError:
        return [], [Problem(path, 1, "this YAML is nested too deeply to read; a question is one level of fields")], []
    return entries, sorted(problems, key=lambda p: p.line), ids


def _read_document(document: Any, path: str, ids: list) -> tuple[list[Entry], list[Problem]]:
    problems: list[Problem] = []
    title = ""
    if document is None:
        return [], [Problem(path, 1, "is empty; write a list of questions, each starting with '- id: ...'")]
    if isinstance(document, _Map) and "questions" in document:
        for key in document:
            if key not in _TOP_FIELDS:
                problems.append(Problem(path, document.lines.get(key, 1),
                                        f"the bank has a field {_shown(key)}{_suggest(key, _TOP_FIELDS)}; a bank "
                                        "file holds title and questions"))
        for key, where in document.twice:
            problems.append(Problem(path, where, f"the field {key!r} is written twice; keep one"))
        if document.get("title") is not None:
            title = _text(document["title"]) or ""
            if not title.strip():
                problems.append(Problem(path, document.lines.get("title", 1), "the bank's title must be a text"))
        questions = document["questions"]
    elif isinstance(document, _Map):
        problems.append(Problem(path, document.line, "a bank file holds a list of questions, or `title:` and "
                                                     "`questions:`; add `questions:` above the questions"))
        return [], problems
    else:
        questions = document
    entries: list[tuple[Any, int]] = []
    if isinstance(questions, _Map):
        for key, value in questions.items():
            if isinstance(value, _Map) and "id" not in value:
                value["id"] = key
                value.lines["id"] = questions.lines.get(key, value.line)
            elif isinstance(value, _Map) and _text(value.get("id")) != _text(key):
                problems.append(Problem(path, value.lines.get("id", value.line),
                                        f"question {_shown(key)} says its id is {_shown(value.get('id'))}; keep one"))
                continue
            entries.append((value, questions.lines.get(key, 1)))
    elif isinstance(questions, _List):
        entries = list(zip(questions, questions.lines))
    else:
        line = document.lines.get("questions", 1) if isinstance(document, _Map) else 1
        problems.append(Problem(path, line, "the questions must be a list, each question starting with '- id: ...'"))
        return [], problems
    if not entries:
        problems.append(Problem(path, 1, "holds no questions; write a list of questions, each starting with "
                                         "'- id: ...'"))
    read: list[Entry] = []
    seen: dict[str, int] = {}
    for number, (entry, line) in enumerate(entries, start=1):
        built = _read_question(path, entry, number, title, problems, line)
        qid = _text(entry.get("id")) if isinstance(entry, _Map) else None
        if qid and ID_PATTERN.match(qid):
            where = entry.lines.get("id", entry.line)
            if qid in seen:
                problems.append(Problem(path, where, f"the id {qid!r} is used twice in this file (first on line "
                                                     f"{seen[qid]}); give each question its own number"))
                continue
            seen[qid] = where
            ids.append((qid, where))
        if built is not None:
            read.append(built)
    return read, problems


# ---- checking banks together, and against the course ------------------------------------------

#: The bank questions registered in this process, by id (so that a second load knows them).
_LOADED: dict[str, Entry] = {}


def files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """The bank files ``paths`` name (a folder: its ``*.yml`` and ``*.yaml``, sorted), and the
    paths that name none."""
    found: list[Path] = []
    problems: list[Problem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not inside:
                problems.append(Problem(str(path), 1, "is a folder with no .yml or .yaml bank file in it"))
            found += [p for p in inside if p not in found]
        elif path.is_file():
            if path not in found:
                found.append(path)
        else:
            problems.append(Problem(str(path), 1, "no such file or folder; give a bank file (.yml) or a folder of them"))
    return found, problems


def _course_file(chapter: str) -> str:
    """Where the course declares a chapter's questions (a module's file, or its name)."""
    for package in list(registry._BANKS):
        try:
            spec = importlib.util.find_spec(f"{package}.{chapter}")
        except (ImportError, ValueError):
            continue
        if spec is not None:
            return spec.origin or spec.name
    return f"the course's chapter {chapter!r}"


def check(paths: Iterable[str | Path]) -> tuple[list[Entry], list[Problem]]:
    """Every question of the banks at ``paths`` and every problem: of each file, an id used by two
    files, an id or chapter slug of the course's. Registers nothing; never raises."""
    found, problems = files(paths)
    course = {q.id: q for q in registry.all() if q.id not in _LOADED}
    chapters = sorted({q.chapter for q in course.values()})
    entries: list[Entry] = []
    first: dict[str, Entry] = {}
    for path in found:
        read, trouble, ids = _read_file(path)
        refused = set()
        for qid, line in ids:
            chapter = qid.rpartition("-")[0]
            said = ""
            if qid in course:
                said = (f"question {qid!r}: the course already has a question {qid!r} ({_course_file(chapter)}); "
                        f"a bank uses a chapter slug of its own, e.g. 'quiz-{qid[-2:]}'")
            elif chapter in chapters:
                said = (f"question {qid!r}: its chapter slug {chapter!r} is one of the course's "
                        f"({', '.join(chapters)}); give your bank a slug of its own, e.g. 'quiz-{qid[-2:]}'")
            else:
                other = first.get(qid) or (_LOADED[qid].where if qid in _LOADED and
                                           Path(_LOADED[qid].path).resolve() != Path(path).resolve() else None)
                if other is not None:
                    said = (f"question {qid!r} is also in {other}; each id may be used once across your banks: "
                            "renumber one of them")
                else:
                    first[qid] = f"{path}:{line}"
            if said:
                trouble.append(Problem(str(path), line, said))
                refused.add(qid)
        problems += sorted(trouble, key=lambda p: p.line)
        entries += [entry for entry in read if entry.question.id not in refused]
    return entries, problems


def _read_file(path: str | Path) -> tuple[list[Entry], list[Problem], list[tuple[str, int]]]:
    """:func:`read_file` with every well-formed id written (see :func:`_read`)."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()[:MAX_BYTES + 1]
    except OSError as exc:
        return [], [Problem(shown, 1, f"cannot be read ({exc.strerror or type(exc).__name__}); give a bank file "
                                      "(.yml) that exists")], []
    if len(raw) > MAX_BYTES:
        return [], [Problem(shown, 1, f"is larger than {MAX_BYTES // 1_000_000} MB; split the bank into files")], []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return [], [Problem(shown, line, "is not UTF-8 text; save it as UTF-8 (every editor can)")], []
    return _read(text, shown)


def load(paths: Iterable[str | Path], *, register: bool = True) -> list[Entry]:
    """The questions of the banks at ``paths``, registered in the engine's registry when
    ``register``; :class:`BankError` listing every problem if there is one (then nothing is
    registered)."""
    entries, problems = check(list(paths))
    if problems:
        raise BankError(problems)
    if register:
        for entry in entries:
            old = _LOADED.get(entry.question.id)
            if old is not None:
                registry.unregister(entry.question.id)
            registry.register(entry.question)
            _LOADED[entry.question.id] = entry
    return entries


def loaded() -> dict[str, Entry]:
    """The bank questions registered in this process, by id."""
    return dict(_LOADED)


def forget() -> None:
    """Unregister every bank question loaded in this process (for tests)."""
    for qid in list(_LOADED):
        registry.unregister(qid)
        del _LOADED[qid]


# ---- what commands share ----------------------------------------------------------------------

def add_bank_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--bank PATH`` (repeat for more): your own question bank files or folders."""
    parser.add_argument("--bank", action="append", default=[], metavar="PATH",
                        help="your own question bank: a YAML file or a folder of them (repeat for more; "
                             "check them with python -m natocourse questions check)")


def load_banks(args: argparse.Namespace) -> list[Entry]:
    """Load and register the banks ``--bank`` names (none: nothing happens); :class:`BankError`
    before the command writes anything."""
    paths = getattr(args, "bank", None) or []
    return load(paths) if paths else []


def require_known(questions: Iterable[str], where: str) -> None:
    """Refuse, before anything runs, questions of ``where`` (a manifest) that neither the course
    nor a bank given with ``--bank`` has: they come from a bank the command was not given."""
    known = {q.id for q in registry.all()}
    missing = [qid for qid in questions if qid not in known]
    if missing:
        raise ValueError(f"{where} names question(s) that are not the course's: {', '.join(missing)}; give the "
                         "question bank they come from with --bank FILE (your own bank, never a student's copy)")


def require_assignment(directory: str | Path, name: str) -> None:
    """:func:`require_known` for the problem set ``name`` of the workspace ``directory`` (its
    ``release/NAME/manifest.json``; a missing or broken one is left to the command to report)."""
    import json

    where = Path(directory) / "release" / str(name) / "manifest.json"
    try:
        manifest = json.loads(where.read_text(encoding="utf-8"))
        ids = [entry["id"] for entry in manifest["questions"]]
    except (OSError, ValueError, TypeError, KeyError):
        return
    if not manifest.get("keys") and all(isinstance(qid, str) for qid in ids):
        require_known(ids, str(where))


def with_default_points(questions: Iterable[str], given: Iterable[str]) -> list[str]:
    """``--points`` options with each chosen bank question's ``points`` added where none is given."""
    given = list(given or [])
    named = {str(option).partition("=")[0].strip() for option in given}
    extra = [f"{qid}={_LOADED[qid].points:g}" for qid in questions or ()
             if qid in _LOADED and _LOADED[qid].points is not None and qid not in named]
    return extra + given


def setup_source(entry: Entry, feedback: str) -> str:
    """The setup cell of a bank question in a problem set: it registers the question in the
    student's kernel, with its hashed keys, or without any key when ``feedback`` is ``"none"``."""
    question = entry.question
    keyless = feedback == "none"
    spec = question.public_spec() if keyless else question.spec()
    literal = pprint.pformat(spec, width=110, sort_dicts=False)
    return ("from natocourse import exercises\n\n"
            f"# Question {question.id} of your instructor's own bank"
            + (" (no answer key: checks only record your answer)" if keyless else "") + "\n"
            f"exercises.add_questions([{literal}]" + (", record_only=True)" if keyless else ")"))


def cells(ids: Iterable[str], feedback: str = "instant") -> dict[str, dict]:
    """The problem-set cells of the bank questions among ``ids``, as the fields of
    :class:`.classroom.assign.QuestionCells` (which ``assign`` makes of them): the question's
    setup (which registers it, its input folded), its widget, and its answer cell, whose solution
    region holds the bank's answer."""
    made = {}
    for qid in ids:
        entry = _LOADED.get(qid)
        if entry is None:
            continue
        answer = ("### BEGIN SOLUTION\n" f"answer = {entry.solution!r}\n" "### END SOLUTION\n"
                  f'exercises.check("{qid}", answer)')
        made[qid] = {"id": qid, "chapter_file": Path(entry.path).name,
                     "chapter_title": entry.title or "your instructor's own questions", "context": (),
                     "setup": setup_source(entry, feedback), "show": f'exercises.show("{qid}")',
                     "answer": answer, "fold_setup": True}
    return made


def summary(entries: list[Entry]) -> str:
    """``N questions (choice 1, number 2, ...)``."""
    kinds: dict[str, int] = {}
    for entry in entries:
        kinds[entry.question.kind] = kinds.get(entry.question.kind, 0) + 1
    listed = ", ".join(f"{kind} {n}" for kind, n in sorted(kinds.items()))
    return f"{len(entries)} question{'s' if len(entries) != 1 else ''}" + (f" ({listed})" if listed else "")


# ---- python -m natocourse questions check FILE... ---------------------------------------------

def configure(parser: argparse.ArgumentParser) -> None:
    """``questions check FILE...``."""
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    checking = actions.add_parser("check", help="check your own question bank files: every problem with its "
                                                "file, line and what to write instead")
    checking.add_argument("paths", nargs="+", metavar="FILE", help="bank files (.yml) or folders of them")


def run(args: argparse.Namespace) -> int:
    """Check the banks; print every problem (exit 1) or a summary (exit 0)."""
    entries, problems = check(args.paths)
    if problems:
        for problem in problems:
            print(problem)
        named = len({p.path for p in problems})
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {named} file{'s' if named != 1 else ''}: "
              "fix each as it says, then check again", file=sys.stderr)
        return 1
    found, _ = files(args.paths)
    for path in found:
        mine = [e for e in entries if Path(e.path) == path]
        print(f"{path}: {summary(mine)}")
    print(f"ok: {summary(entries)} in {len(found)} file{'s' if len(found) != 1 else ''}, no problems")
    return 0
