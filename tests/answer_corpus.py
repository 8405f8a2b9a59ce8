"""Answers to try on every question: the right ones, variants a reader would write, near misses and
hostile input. Shared by the Python property tests and the Python-vs-JavaScript parity test.

Right answers come from the questions themselves (options whose hash matches the key, orders and
pairs found position by position) and, for short-text questions whose keys hide their spellings,
from the literal ``answer = ...`` of the solution notebooks. Everything is JSON-shaped (strings,
numbers, lists, dicts, None, booleans), because the book's JavaScript only ever sees JSON.
"""

from __future__ import annotations

import ast
import itertools
import json
import random
from pathlib import Path

import nbformat

from natocourse import exercises

ROOT = Path(__file__).resolve().parents[1]

#: Characters hostile strings are built from: every kind of space and dash, accents, combining
#: marks, fullwidth and other-script digits, letters of Unicode versions newer than Python's,
#: astral characters and the characters numbers and units are made of.
HOSTILE_POOL = (
    "abcxyzAZ019 .,;:!%()[]-+e'\"\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2007\u200a\u2028\u2029"
    "\u202f\u205f\u3000\ufeff\u180e\u200b\u200d\u2010\u2011\u2013\u2014\u2212\u2018\u2019\u201c\u201d"
    "éÉüÜßẞıİçÇøØæÆœŒñÑ\u0301\u0308\u0327ΣσςΩДд\uff10\uff11\uff05\uff0e\u0663\u06f3\u0966"
    "\U0001ccf0\U0001ccf5\U00010efd\U0001f600\U0001d7d8\u2460\u00bd\u2153\u212a\u2126\u1e9e\ufb01"
    "\u0130\u0149\u01c5\u1f88\u0345\u03d0"
)


def solution_answers() -> dict[str, list]:
    """``{question id: [literal answers]}`` from the solution notebooks' ``answer = <literal>`` lines."""
    found: dict[str, list] = {}
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "code" or "exercises.check(" not in cell.source:
                continue
            try:
                tree = ast.parse(cell.source)
            except SyntaxError:
                continue
            literal = None
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "answer" for t in node.targets):
                    try:
                        literal = ast.literal_eval(node.value)
                    except ValueError:
                        literal = None
                if (isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "check"
                        and node.args and isinstance(node.args[0], ast.Constant) and literal is not None):
                    found.setdefault(node.args[0].value, []).append(literal)
    return found


def right_answer(question):
    """One right answer of ``question``, found from its key (None if the key cannot be inverted)."""
    kind = question.kind
    if kind == "choice":
        return next(o for o in question.options if question.is_right(o))
    if kind == "select":
        return question.right_options()
    if kind == "order":
        slots = []
        for position in range(1, len(question.items) + 1):
            slots.append(next(i for i in question.items
                              if question.matches(question.canonical(["x"] * (position - 1) + [i])[-1])))
        return slots
    if kind == "match":
        return {i: next(o for o in question.options if question.matches(question.canonical([f"{i}={o}"])[0]))
                for i in question.items}
    if kind == "number":
        return question.answer
    if kind == "data":
        return question.expected()
    return None


def jsonable(value):
    """``value`` as the JavaScript side will see it: through JSON, whole floats read as integers."""
    def whole(v):
        if isinstance(v, float) and v.is_integer() and abs(v) < 2**53:
            return int(v)
        if isinstance(v, list):
            return [whole(x) for x in v]
        if isinstance(v, dict):
            return {str(k): whole(x) for k, x in v.items()}
        return v
    return whole(json.loads(json.dumps(value, allow_nan=False)))


def text_variants_of(text: str) -> list[str]:
    """Ways a reader may write ``text`` that must still count as it."""
    return [text, text.upper(), text.lower(), f"  {text}  ", text.replace(" ", "  "), text + ".",
            text.replace("'", "\u2019"), f"The {text}", f"{text} (as the lesson says)"]


def near_misses_of(text: str) -> list[str]:
    """Near misses that must not count: a letter changed, dropped or added, a word dropped."""
    misses = []
    letters = [i for i, ch in enumerate(text) if ch.isalpha()]
    if letters:
        i = letters[len(letters) // 2]
        misses += [text[:i] + ("x" if text[i].lower() != "x" else "y") + text[i + 1:], text[:i] + text[i + 1:]]
    words = text.split()
    if len(words) > 2:
        misses.append(" ".join(words[:-1]))
    return [m for m in misses if m.strip()]


def number_variants(value: float, units: str, tolerance: float) -> tuple[list, list]:
    """(accepted, refused) forms of a number answer."""
    accepted = [value, f"{value:g}", f" {value:g} ", f"{value:,.10g}" if abs(value) >= 1000 else f"{value:g}"]
    if units == "%":
        accepted += [f"{value:g} %", f"{value:g}%", f"{value:g} percent"]
        if abs(value) <= 100:
            accepted.append(round(value / 100, 12))
    elif units:
        accepted.append(f"{value:g} {units}")
    step = max(tolerance * 3, abs(value) * 0.05, 1.0)
    refused = [value + step, value - step, f"{value + step:g}", str(int(value) + 7)]
    return accepted, refused


def hostile(rng: random.Random, seeds: list[str], count: int) -> list:
    """Random hostile answers: strings from the pool, mutations of real answers, odd shapes."""
    out: list = [None, "", " ", "\u3000", "\ufeff", True, False, 0, -0.0, 1e15, 1e16, -1e300, [], {}, [None],
                 [[]], {"a": None}, "1,5", "1,500", "1,50", "1.5e3", ".5", "5.", "+.5", "-5 %", "½", "٣",
                 "\uff13\uff10", "30 day", "30 days", "30days", "30 DAYS", "1e999", "nan", "inf", "0x10",
                 "1_000", "1 000", "1\u00a0000", "2 2", "x" * 501, "é" * 500, "e" * 501]
    for _ in range(count):
        roll = rng.random()
        if roll < 0.45:
            out.append("".join(rng.choice(HOSTILE_POOL) for _ in range(rng.randint(1, 12))))
        elif roll < 0.85 and seeds:
            seed = rng.choice(seeds)
            at = rng.randint(0, len(seed))
            noise = "".join(rng.choice(HOSTILE_POOL) for _ in range(rng.randint(1, 3)))
            out.append(seed[:at] + noise + seed[at:] if rng.random() < 0.7 else seed.swapcase())
        elif roll < 0.92:
            out.append(rng.choice([rng.uniform(-1e6, 1e6), rng.randint(-10**6, 10**6), rng.uniform(-2, 2)]))
        else:
            out.append([rng.choice(seeds) if seeds else "x" for _ in range(rng.randint(0, 4))])
    return out


#: Pieces a written answer is built from: figures in every form the evidence reader knows, years,
#: references, dates, names, quotation marks and the characters around them.
WRITTEN_PIECES = (
    "3.38 %", "3.4%", "2 per cent", "66 percent", "US$ 968 bn", "$968bn", "US$1,458 billion", "1.46 trillion",
    "EUR 2,030 million", "\u20ac3.3 billion", "29 allies", "9 of 31", "19", "150.5 billion dollars",
    "in constant 2023 dollars", "2024", "in 2014", "2035", "H.R. 6508", "S. 2174", "Article 5", "finding 14",
    "4 April 1949", "April 4, 1949", "1/3", "F-35", "20th", "1990-91", "the United States", "Poland", "the U.S.",
    "European allies", "Russia's", "NATO", "Germany", " ", " ", ". ", ", ", "; ", "\n\n", "\"", "'", "\u201c",
    "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "...", "\u2026", "[...]", "It's", "allies'", "(", ")",
    "a sufficient counterweight", "exceeds that of the Russian Federation", "crucial alliance",
    "nearly 1/3 of NATO members fail to meet the Wales Pledge", "\u00e9t\u00e9", "\U0001f600", "\u4e2d\u6587")


def written_answers(question, rng: random.Random, count: int = 120) -> list:
    """Answers to a written question: its model answer and changes to it (a figure off, a quotation
    reworded, straight and curly quotes swapped, cut, doubled), texts built from
    :data:`WRITTEN_PIECES`, hostile and empty texts, and one over the length limit."""
    model = question.model_answer
    answers = [model, model.replace('"', "\u201c", 1), model.replace("2024", "2023"), model.replace(" bn", " billion"),
               model.replace("%", " per cent"), model[: len(model) // 2], model + "\n\n" + model,
               model.replace("the ", "the the ", 3), model.upper(), model.replace(" ", "\u00a0"),
               "x" * (question.MAX_CHARACTERS + 1), "<script>alert(1)</script> " + model[:200],
               '=HYPERLINK("http://x","y") ' + model[:100], "", "   ", "\u3000"]
    words = model.split(" ")
    for _ in range(count // 2):
        at = rng.randrange(len(words))
        changed = list(words)
        changed[at] = rng.choice(WRITTEN_PIECES)
        answers.append(" ".join(changed))
    for _ in range(count // 2):
        answers.append("".join(rng.choice(WRITTEN_PIECES) + rng.choice(("", " ", " the ", " in "))
                               for _ in range(rng.randint(1, 30))))
    return answers


def answers_for(question, rng: random.Random, known: list, hostile_per_question: int = 150) -> list:
    """The JSON-shaped answers to try on one question (a registered one or a variant of one):
    ``known`` holds right answers known from elsewhere (the solutions' literals)."""
    answers: list = []
    seeds: list[str] = []
    right = right_answer(question)
    known = [a for a in known if not isinstance(a, (set, tuple))]
    if question.kind in ("choice", "select", "order", "match"):
        options = list(question.options)
        seeds += options
        answers += [right, *known, *options, list(reversed(options)), options[:1], options[-1:]]
        for option in options:
            answers += text_variants_of(option)[:6]
            answers += near_misses_of(option)
        if question.kind == "select":
            answers += [list(c) for r in (1, 2) for c in itertools.combinations(options, r)]
        if question.kind == "order":
            answers += [list(p) for p in itertools.islice(itertools.permutations(right), 40)]
            answers += [right[:-1] + [None], [None] * len(right), right + right[:1], right[:1] * len(right)]
        if question.kind == "match":
            items = list(question.items)
            seeds += items
            answers += [dict(zip(items, rng.sample(options * len(items), len(items)))) for _ in range(15)]
            answers += [{k: v for k, v in right.items() if k != items[0]}, [[k, v] for k, v in right.items()],
                        {k.upper(): v for k, v in right.items()}, {**right, "Atlantis": options[0]}]
    elif question.kind == "written":
        answers += written_answers(question, rng)
        seeds += [s for s in question.model_answer.split(". ") if s]
    elif question.kind == "text":
        for text in known:
            if isinstance(text, str):
                seeds.append(text)
                answers += text_variants_of(text) + near_misses_of(text)
        answers += [f"Senator {t}" for t in known] + list(question.feedback)
    else:
        value = float(right)
        accepted, refused = number_variants(value, question.units, question.tolerance)
        answers += accepted + refused + list(known)
        answers += [float(k) for k in question.feedback]
        seeds += [str(a) for a in accepted if isinstance(a, str)]
    answers += hostile(rng, seeds, hostile_per_question)
    out = []
    for answer in answers:
        try:
            out.append(jsonable(answer))
        except (TypeError, ValueError):
            continue
    return out


def corpus(seed: int = 2026, hostile_per_question: int = 150) -> list[tuple[str, object]]:
    """``[(question id, JSON-shaped answer), ...]`` for every registered question."""
    rng = random.Random(seed)
    literals = solution_answers()
    return [(question.id, answer) for question in exercises.all()
            for answer in answers_for(question, rng, literals.get(question.id, []), hostile_per_question)]


def variant_corpus(questions, seed: int = 2028, hostile_per_variant: int = 60) -> list[tuple[str, int, object]]:
    """``[(question id, n, JSON-shaped answer), ...]``: answers to try on the n-th self-study variant
    (0-based, in the book's order: :func:`natocourse.engine.export.practice_variants`) of each
    question of ``questions`` that varies. A variant's right answers come from its own key; for a
    short-text variant, its parameters (often the answer, e.g. the ally it names) and the
    solutions' literals are tried as well."""
    from natocourse.engine import export

    rng = random.Random(seed)
    literals = solution_answers()
    pairs: list[tuple[str, int, object]] = []
    for question in questions:
        for n, made in enumerate(export.practice_variants(question)):
            known = [*literals.get(question.id, []), *(v for v in made.parameters.values() if isinstance(v, str))]
            pairs += [(question.id, n, answer) for answer in answers_for(made, rng, known, hostile_per_variant)]
    return pairs
