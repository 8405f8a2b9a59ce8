"""Finding the plain answers of hashed questions in their public source.

A hashed question keeps its answer out of sight: the key is a salted hash. The source of
``src/natocourse/questions/*.py`` is public, so the answer must not sit beside the question in a
form a student can read: in a comment, in the ``key=`` argument (``key=exercises.key("tour-01",
"choice", "1949-04-04")`` is a valid declaration that prints its answer), in any other argument the
student is not shown, or in a string near the declaration or filed under the question's id
(``_ANSWERS = {"tour-05": "Turkey"}``).

The question itself decides what gives it away, so no answer is written here: the right option of
a multiple-choice question (tried against the key), every right option and nothing else for
multiple select (``right_options()``), every item in the right order for an ordering, an item
followed by its right option for a matching, and, for short text, any run of up to six words the
question accepts as correct. The fields a student sees (prompt, options, items, hints, feedback,
explanation, units) are not searched: the explanation states the answer by design, once solved.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize

from natocourse.engine import HashedQuestion
from natocourse.engine.answers import canonical_text, matching_form

#: Arguments of a declaration that a student is shown (the explanation once the question is solved).
SHOWN = {"options", "items", "hints", "feedback", "explanation", "units", "reveal_after", "tolerance"}
#: The module-level names whose strings are not about one question.
MODULE_PARTS = {"CHAPTER", "OBJECTIVES"}
_HASH = re.compile(r"[0-9a-f]{64}")
_LONGEST_ANSWER = 6


def _named(form: str, text: str) -> int:
    """Where ``form`` (canonical) first appears in ``text`` as whole words, or -1."""
    match = re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) if form else None
    return match.start() if match else -1


def _first_named(options, text: str) -> dict[str, int]:
    """The options ``text`` names, with where each is first named."""
    found = {}
    for option in options:
        places = [p for p in (_named(canonical_text(option), text), _named(matching_form(option), text)) if p >= 0]
        if places:
            found[option] = min(places)
    return found


def gives_away(question: HashedQuestion, text: str) -> str | None:
    """What of ``question``'s answer ``text`` reveals (as a short description), or None."""
    plain = canonical_text(text)
    kind = question.kind
    if kind == "choice":
        right = [o for o in _first_named(question.options, plain) if question.is_right(o)]
        return f"the right option {right[0]!r}" if right else None
    if kind == "select":
        named = set(_first_named(question.options, plain))
        right = set(question.right_options())
        return f"the right options {sorted(named)}" if named and named <= right else None
    if kind == "order":
        named = _first_named(question.items, plain)
        order = sorted(named, key=named.get)
        if len(order) == len(question.items) and question.check(order).correct:
            return "the items in the right order"
        return None
    if kind == "match":
        named_items = _first_named(question.items, plain)
        for item, start in sorted(named_items.items(), key=lambda pair: pair[1]):
            later = [p for p in named_items.values() if p > start]
            segment = plain[start:min(later) if later else len(plain)]
            for option in _first_named(question.options, segment):
                if question.matches(question.canonical([f"{item}={option}"])[0]):
                    return f"the pair {item!r} = {option!r}"
        return None
    if kind == "text":
        words = re.findall(r"[\w'’.-]+", plain)
        for size in range(1, _LONGEST_ANSWER + 1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start:start + size])
                if question.check(phrase).correct:
                    return f"the accepted answer {phrase!r}"
        return None
    return None


#: Calls that wrap a declaration and return it: ``shuffled(MultipleChoice("id", ...))``.
WRAPPERS = {"shuffled"}


def _declaration(node) -> ast.Call | None:
    """The ``Kind("id", ...)`` call a top-level statement declares, unwrapped from :data:`WRAPPERS`."""
    call = node.value if isinstance(node, ast.Expr) else None
    while (isinstance(call, ast.Call) and len(call.args) == 1 and isinstance(call.args[0], ast.Call)
           and getattr(call.func, "id", getattr(call.func, "attr", None)) in WRAPPERS):
        call = call.args[0]
    if (isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Constant)
            and isinstance(call.args[0].value, str)):
        return call
    return None


def _declared_id(node) -> str | None:
    """The question id a top-level ``Kind("id", ...)`` declaration starts with."""
    call = _declaration(node)
    return call.args[0].value if call is not None else None


def _strings(node) -> list[ast.Constant]:
    return [n for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _hidden_strings(call: ast.Call) -> list[ast.Constant]:
    """The strings of a declaration outside what the student is shown (hashes aside)."""
    found = [s for arg in call.args[2:] for s in _strings(arg)]
    for keyword in call.keywords:
        if keyword.arg not in SHOWN:
            found += _strings(keyword.value)
    return [s for s in found if not _HASH.fullmatch(s.value)]


def leaks(source: str, questions: dict[str, HashedQuestion]) -> list[str]:
    """Every place in one question module's ``source`` that gives a hashed question's answer away.

    ``questions`` are the module's hashed questions by id. Each finding reads
    ``line N: ID: <where> gives away <what>``.
    """
    tree = ast.parse(source)
    comments = [(tok.start[0], tok.string) for tok in tokenize.generate_tokens(io.StringIO(source).readline)
                if tok.type == tokenize.COMMENT]
    found: dict[tuple[int, str], str] = {}     # one finding per line and question

    def check(qid: str, line: int, where: str, text: str) -> None:
        what = None if (line, qid) in found else gives_away(questions[qid], text)
        if what:
            found[line, qid] = f"line {line}: {qid}: {where} gives away {what}"

    body = [n for n in tree.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))
            and not isinstance(n, (ast.Import, ast.ImportFrom))
            and not (isinstance(n, ast.Assign) and {getattr(t, "id", "") for t in n.targets} & MODULE_PARTS)]
    first_line, last = 1, None
    for node in body:
        qid = _declared_id(node)
        if qid is None:
            continue
        if qid in questions:
            # Next to the question: the lines since the previous declaration, and its own.
            region = range(first_line, node.end_lineno + 1)
            for line, comment in comments:
                if line in region:
                    check(qid, line, "a comment", comment)
            for other in body:
                if _declared_id(other) is None and other.lineno in region:
                    for string in _strings(other):
                        check(qid, string.lineno, "a string beside the declaration", string.value)
            for string in _hidden_strings(_declaration(node)):
                check(qid, string.lineno, "an argument the student is not shown", string.value)
        first_line, last = node.end_lineno + 1, qid
    if last in questions:               # after the last declaration: beside the last question
        for line, comment in comments:
            if line >= first_line:
                check(last, line, "a comment", comment)
    # Anywhere in the module: a comment or a statement that names the question's id.
    for qid in questions:
        for line, comment in comments:
            if qid in comment:
                check(qid, line, "a comment naming it", comment.replace(qid, " "))
        for node in body:
            strings = _strings(node)
            if _declared_id(node) is None and any(s.value == qid for s in strings):
                for string in strings:
                    if string.value != qid:
                        check(qid, string.lineno, "a string filed under its id", string.value)
    return [found[place] for place in sorted(found)]
