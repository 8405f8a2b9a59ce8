"""Aids for a written answer: its word count and an evidence check, the same in Python and the book.

The engine knows no course. A course declares its evidence as the bank declares its data
(``EVIDENCE`` in the bank package names a module whose ``index()`` returns an :data:`index <INDEX>`,
see :func:`.registry.evidence_module`); this module reads a text and looks up what it cites:

- every *figure*: a number outside quotations, with its unit as written ("3.38 %", "US$ 997 bn",
  "29 allies"), compared with the course's values of that kind, rounded as the text rounds it
  ("66 %" matches 66.4; "3.4 %" matches 3.38). Numbers that are not figures are left alone: years
  (1800-2100, used as context, also as a price base: "2023 dollars"), days of a month ("4 April"), references ("H.R. 6508",
  "Article 5", "finding 14"), ordinals and codes ("20th", "F-35"), fractions ("1/3"). The match
  whose country and year the same sentence names comes first;
- every *quotation* of two words or more (between “ ” or « », straight double quotes, or single
  quotes that are not apostrophes), looked up, folded and without punctuation, in the passages the
  course may be quoted from; "..." or "…" inside a quotation marks a cut.

:func:`aids` returns the list a front end shows: ``{"kind", "ok", "text"}`` each, worded by
:data:`.policy.WORDS`. The book's ``engine.js`` mirrors this module line by line, with the index
written at build (:func:`prepared`); ``tests/browser/test_engine_parity.py`` holds the two to the
same aids. The check teaches: it never says an answer is right or wrong.

Reading is done code point by code point with fixed tables (spaces, the fold table of
:mod:`.answers`, :data:`NON_WORD`), never Unicode categories, so that Python and the browser,
whose Unicode versions differ, read a text alike.
"""

from __future__ import annotations

import warnings
from typing import Any, Iterable, Mapping

from . import registry
from .answers import SPACES, fold
from .policy import WORDS, say

#: The shape of a course's evidence index (what its ``index()`` returns, JSON-able):
#: ``labels`` {who: name shown}; ``names`` {who: [names and aliases, as written]};
#: ``series`` [{"who", "what", "unit" ("%", "US$ m", "EUR m" or "count"), "start" (first year),
#: "values" (one per year from start, as the data write them: strings, or null for none)}];
#: ``passages`` [{"source", "text"}]: what the course may be quoted from.
INDEX = ("labels", "names", "series", "passages")

#: Code point ranges at or above U+00C0 that are not parts of words (punctuation and symbols).
NON_WORD = ((0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x2000, 0x2BFF), (0x3000, 0x303F), (0xD800, 0xDFFF),
            (0xFE30, 0xFE4F), (0xFF00, 0xFF0F), (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65))

#: How far a figure may be from a value, by the number of decimals written (at most 4).
HALF = (0.5, 0.05, 0.005, 0.0005, 0.00005)

#: At most this many figures and quotations are checked in one text (a hostile text cannot stall a check).
MAX_FIGURES = 60
MAX_QUOTATIONS = 40

#: Words before a number that make it a reference, not a figure (folded, whole words).
REFERENCES = ("h.r.", "h. r.", "hr", "s.", "h.res.", "article", "articles", "art.", "finding", "findings",
              "section", "sections", "sec.", "chapter", "chapters", "ch.", "page", "pages", "p.", "pp.",
              "no.", "number", "paragraph", "para.", "figure", "fig.", "table", "question", "exercise",
              "amendment", "resolution", "res.", "law", "rule", "\u00a7", "title", "part", "step", "version")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec")
PERCENT = ("percentage points", "percentage point", "per cent", "percent", "pct", "%")
#: Scale words after a number: its value in millions.
SCALES = (("trillion", 1e6), ("tn", 1e6), ("billion", 1e3), ("bn", 1e3), ("million", 1.0), ("mn", 1.0),
          ("m", 1.0))
DOLLARS_BEFORE = ("us$", "usd", "$")
EUROS_BEFORE = ("\u20ac", "eur")
DOLLARS_AFTER = ("us dollars", "dollars", "usd")
EUROS_AFTER = ("euros", "euro", "eur")
#: Quotation marks: opening → closing. Straight and single quotes follow the rules of :func:`_quotes`.
PAIRS = {"\u201c": "\u201d", "\u00ab": "\u00bb", "\u201e": "\u201c"}


def _space(ch: str) -> bool:
    return ch in SPACES


def _ascii_alnum(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def word_char(ch: str) -> bool:
    """True for a character that is part of a word: an ASCII letter or digit, or a character from
    U+00C0 up that is not in :data:`NON_WORD` (a letter of any script, by this fixed rule)."""
    if _ascii_alnum(ch):
        return True
    code = ord(ch)
    return code >= 0xC0 and not any(low <= code <= high for low, high in NON_WORD)


def count_words(text: str) -> int:
    """Words in ``text``: runs between spaces that hold at least one :func:`word_char`."""
    count, inside = 0, False
    for ch in text:
        if _space(ch):
            inside = False
        elif not inside and word_char(ch):
            count, inside = count + 1, True
    return count


def word_aid(n: int, low: int, high: int) -> dict:
    """The word count against the range asked for."""
    if n < low:
        return {"kind": "words", "ok": False, "text": say("words_short", n=n, missing=low - n, low=low)}
    if n > high:
        return {"kind": "words", "ok": False, "text": say("words_over", n=n, extra=n - high, high=high)}
    return {"kind": "words", "ok": True, "text": say("words_in_range", n=n, low=low, high=high)}


# ---- reading a text ---------------------------------------------------------------------------

def _quotes(cps: list[str]) -> list[tuple[int, int]]:
    """The quotations in ``cps`` (code points) as (start, end) of their inside, in order."""
    found, i, n = [], 0, len(cps)
    while i < n:
        ch, closer = cps[i], ""
        before = cps[i - 1] if i > 0 else " "
        after = cps[i + 1] if i + 1 < n else " "
        if ch in PAIRS:
            closer = PAIRS[ch]
        elif ch == '"':
            closer = '"'
        elif ch in ("'", "\u2018") and not word_char(before) and word_char(after):
            closer = "'" if ch == "'" else "\u2019"
        if not closer:
            i += 1
            continue
        end = i + 1
        while end < n:
            mark = cps[end]
            if mark == closer and (closer not in ("'", "\u2019") or (
                    not _space(cps[end - 1]) and not word_char(cps[end + 1] if end + 1 < n else " "))):
                break
            end += 1
        if end >= n:  # never closed: not a quotation
            i += 1
            continue
        found.append((i + 1, end))
        i = end + 1
    return found


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


def _ends_with_word(text: str, words: Iterable[str]) -> str:
    """The first of ``words`` that ``text`` (folded) ends with as a whole word, else ""."""
    for word in words:
        if text.endswith(word):
            cut = len(text) - len(word)
            if cut == 0 or text[cut - 1] == " " or text[cut - 1] == "(":
                return word
    return ""


def _starts_with_word(text: str, words: Iterable[str]) -> str:
    """The first of ``words`` that ``text`` (folded) starts with, not followed by a letter or digit."""
    for word in words:
        if text.startswith(word) and (len(text) == len(word) or not _ascii_alnum(text[len(word)])
                                      or not _ascii_alnum(word[-1])):
            return word
    return ""


def _boundary(cps: list[str], i: int) -> bool:
    """True if the character at ``i`` ends a sentence: a line break, or . ! ? before a space or the
    end, except the dot of a one-letter abbreviation ("U.S.", "H.R.")."""
    ch = cps[i]
    if ch in ("\n", "\r", "\u2028", "\u2029"):
        return True
    if ch not in (".", "!", "?") or (i + 1 < len(cps) and not _space(cps[i + 1])):
        return False
    if ch == "." and i > 0 and "A" <= cps[i - 1] <= "Z" and (i < 2 or _space(cps[i - 2]) or cps[i - 2] == "."):
        return False
    return True


def _sentence(cps: list[str], start: int, end: int) -> tuple[int, int]:
    """The sentence around cps[start:end]."""
    low = start
    while low > 0 and not _boundary(cps, low - 1):
        low -= 1
    high = end
    while high < len(cps) and not _boundary(cps, high):
        high += 1
    return low, high


def _number_at(cps: list[str], i: int) -> int:
    """The end of the number that starts at ``i`` (digits, thousands in groups of three, decimals)."""
    n, end = len(cps), i
    while end < n and "0" <= cps[end] <= "9":
        end += 1
    if end - i <= 3:
        while (end + 3 < n and cps[end] == "," and all("0" <= c <= "9" for c in cps[end + 1:end + 4])
               and not (end + 4 < n and "0" <= cps[end + 4] <= "9")):
            end += 4
    if end + 1 < n and cps[end] == "." and "0" <= cps[end + 1] <= "9":
        end += 1
        while end < n and "0" <= cps[end] <= "9":
            end += 1
    return end


def read_numbers(text: str) -> list[dict]:
    """Every number in ``text`` with what it is: ``{"start", "end", "kind"}`` where kind is
    ``"year"``, ``"skip"`` or ``"figure"``; a figure also has ``value`` (as written), ``decimals``,
    ``unit`` ("%", "money" or "count"), ``currency`` ("usd", "eur" or "" for either), ``scale``
    (its value in millions, for money), ``shown`` (the figure as written) and ``quoted``."""
    cps = list(text)
    spans = _quotes(cps)
    found, i, n = [], 0, len(cps)
    while i < n:
        if not ("0" <= cps[i] <= "9") or (i > 0 and (_ascii_alnum(cps[i - 1]) or cps[i - 1] in ".,")):
            i += 1
            continue
        start, end = i, _number_at(cps, i)
        i = end
        digits = "".join(cps[start:end])
        entry = {"start": start, "end": end, "kind": "skip", "quoted": _inside(start, spans)}
        found.append(entry)
        prev = cps[start - 1] if start > 0 else " "
        nxt = cps[end] if end < n else " "
        if prev == "/" or (nxt == "/" and end + 1 < n and "0" <= cps[end + 1] <= "9"):
            continue  # a fraction or a date like 4/4/1949
        if prev == "-" and start > 1 and _ascii_alnum(cps[start - 2]):
            continue  # a code or the second half of a range: F-35, 1990-91
        if nxt == "-" and end + 1 < n and _ascii_alnum(cps[end + 1]) and not ("0" <= cps[end + 1] <= "9"):
            continue  # 3-year, 5-point
        before = fold("".join(cps[max(0, start - 24):start])).rstrip(" ")
        after_raw = fold("".join(cps[end:end + 32]))
        attached = ""
        if nxt.isascii() and nxt.isalpha():
            attached = _starts_with_word(after_raw, ("bn", "tn", "mn", "m"))
            if not attached:
                continue  # an ordinal or a code: 20th, 1250A
        whole = "," not in digits and "." not in digits
        if _ends_with_word(before, REFERENCES):
            continue
        after = after_raw.lstrip(" ")
        if whole and int(digits) <= 31 and (_starts_with_word(after, MONTHS) or _ends_with_word(before, MONTHS)):
            continue  # a day: 4 April, April 4
        percent = _starts_with_word(after, PERCENT)
        scale_word = "" if percent else (attached or _starts_with_word(after, tuple(w for w, _ in SCALES)))
        rest = after[len(percent or scale_word):].lstrip(" ")
        sign = _ends_with_word(before, DOLLARS_BEFORE + EUROS_BEFORE)
        dollars = sign in DOLLARS_BEFORE or bool(_starts_with_word(rest, DOLLARS_AFTER))
        euros = not dollars and (sign in EUROS_BEFORE or bool(_starts_with_word(rest, EUROS_AFTER)))
        money = bool(scale_word or dollars or euros)
        if whole and len(digits) == 4 and 1800 <= int(digits) <= 2100 and not (percent or scale_word or sign):
            entry["kind"] = "year"
            continue
        unit_end = end + (len(after_raw) - len(after)) + len(percent or scale_word) if (percent or scale_word) else end
        cut = start
        if sign:
            while cut > 0 and _space(cps[cut - 1]):
                cut -= 1
            cut -= len(sign)
        entry.update(kind="figure", value=digits.replace(",", ""),
                     decimals=len(digits.split(".")[1]) if "." in digits else 0,
                     unit="%" if percent else "money" if money else "count",
                     currency="usd" if dollars else "eur" if euros else "",
                     scale=dict(SCALES).get(scale_word, 1e-6) if money else 1.0,
                     shown=_collapse_spaces("".join(cps[cut:unit_end])))
    return found


def _collapse_spaces(text: str) -> str:
    out, gap = [], False
    for ch in text:
        if _space(ch):
            gap = True
            continue
        if gap and out:
            out.append(" ")
        gap = False
        out.append(ch)
    return "".join(out)


def _squeeze(text: str) -> str:
    return " ".join(part for part in text.split(" ") if part)


def normalise(text: str) -> str:
    """A text as quotations are compared: folded, every character that is not part of a word made
    a space, spaces collapsed."""
    return _squeeze("".join(ch if word_char(ch) else " " for ch in fold(text)))


def _plain(text: str) -> str:
    """A (folded) text as names are looked for in it: only ASCII letters and digits, single spaces."""
    return _squeeze("".join(ch if _ascii_alnum(ch) else " " for ch in text))


def _fragments(quotation: str) -> list[str]:
    """The normalised pieces of a quotation cut with "..." or "…"."""
    return [piece for piece in (normalise(p) for p in fold(quotation).split("...")) if piece]


def read_quotations(text: str) -> list[dict]:
    """Every quotation of two words or more: ``{"start", "end", "text"}`` (its inside, as written)."""
    cps = list(text)
    out = []
    for start, end in _quotes(cps):
        inside = "".join(cps[start:end])
        if count_words(inside) >= 2:
            out.append({"start": start, "end": end, "text": inside})
    return out


# ---- the index --------------------------------------------------------------------------------

def prepared(index: Mapping[str, Any] | None) -> dict | None:
    """A course's index made ready to look up (and to write into the book): names folded, passages
    normalised. None stays None."""
    if index is None:
        return None
    names = {str(who): sorted({_plain(fold(str(n))) for n in aliases} - {""})
             for who, aliases in dict(index.get("names", {})).items()}
    series = [{"who": str(s.get("who", "")), "what": str(s["what"]), "unit": str(s["unit"]), "start": int(s["start"]),
               "values": [None if v is None else str(v) for v in s["values"]]} for s in index.get("series", [])]
    passages = [{"source": str(p["source"]), "text": normalise(str(p["text"]))} for p in index.get("passages", [])]
    return {"labels": {str(k): str(v) for k, v in dict(index.get("labels", {})).items()}, "names": names,
            "series": series, "passages": passages}


_CURRENT: list = []


def current_index() -> dict | None:
    """The installed course's index, :func:`prepared` (built once; None if no bank declares one or
    it cannot be built, which a warning names)."""
    if not _CURRENT:
        module = registry.evidence_module()
        try:
            _CURRENT.append(prepared(module.index()) if module is not None else None)
        except Exception as exc:  # noqa: BLE001 - a broken index must not stop a student's answer
            warnings.warn(f"the course's evidence index could not be built ({type(exc).__name__}: {exc}); "
                          "written answers are saved without the evidence check", RuntimeWarning, stacklevel=2)
            _CURRENT.append(None)
    return _CURRENT[0]


def _named(sentence: str, index: Mapping) -> set[str]:
    """The ``who`` codes whose names a (folded) sentence holds as whole words."""
    padded = " " + _plain(sentence) + " "
    return {who for who, aliases in index["names"].items() if any(" " + a + " " in padded for a in aliases)}


def _label(index: Mapping, series: Mapping, year: int, value: str) -> str:
    who = index["labels"].get(series["who"], series["who"])
    return (f"{who}, " if who else "") + f"{year}: {series['what']} ({value})"


def _figure_aid(figure: Mapping, named: set, years: set, index: Mapping) -> dict:
    unit = figure["unit"]
    units = {"%": ("%",), "count": ("count",),
             "money": {"usd": ("US$ m",), "eur": ("EUR m",)}.get(figure["currency"], ("US$ m", "EUR m"))}[unit]
    x = float(figure["value"])
    tolerance = HALF[min(figure["decimals"], 4)] + 1e-9
    best, best_score, at_best, total = None, -1, 0, 0
    for series in index["series"]:
        if series["unit"] not in units:
            continue
        for offset, value in enumerate(series["values"]):
            if value is None:
                continue
            v = float(value)
            if unit == "money":
                v = v / figure["scale"]
            if abs(x - v) > tolerance:
                continue
            year = series["start"] + offset
            score = 2 * (series["who"] in named) + (year in years)
            total += 1
            if score > best_score:
                best, best_score, at_best = (series, year, value), score, 1
            elif score == best_score:
                at_best += 1
    if best is None:
        return {"kind": "figure", "ok": False, "text": say("evidence_unmatched", number=figure["shown"])}
    label = _label(index, *best)
    if total == 1 or (best_score > 0 and at_best == 1) or best_score >= 2:
        return {"kind": "figure", "ok": True, "text": say("evidence_match", number=figure["shown"], match=label)}
    return {"kind": "figure", "ok": True,
            "text": say("evidence_matches", number=figure["shown"], count=total, match=label)}


def _quotation_aid(quotation: str, index: Mapping) -> dict:
    pieces = _fragments(quotation)
    shown = _collapse_spaces(quotation)
    shown = shown if len(shown) <= 80 else shown[:79] + "\u2026"
    for passage in index["passages"]:
        text, at = " " + passage["text"] + " ", 0
        for piece in pieces:
            where = text.find(" " + piece + " ", at)
            if where < 0:
                break
            at = where + len(piece) + 1
        else:
            if pieces:
                return {"kind": "quotation", "ok": True,
                        "text": say("evidence_found", quote=shown, source=passage["source"])}
    return {"kind": "quotation", "ok": False, "text": say("evidence_missing", quote=shown)}


def check(text: str, index: Mapping | None) -> list[dict]:
    """The evidence aids for ``text``: one per figure, then one per quotation, in the order they
    appear (at most :data:`MAX_FIGURES` and :data:`MAX_QUOTATIONS`); ``index`` is :func:`prepared`."""
    if index is None:
        return [{"kind": "evidence", "ok": False, "text": WORDS["evidence_unavailable"]}]
    cps = list(text)
    numbers = read_numbers(text)
    aids = []
    figures = [f for f in numbers if f["kind"] == "figure" and not f["quoted"]][:MAX_FIGURES]
    for figure in figures:
        low, high = _sentence(cps, figure["start"], figure["end"])
        named = _named(fold("".join(cps[low:high])), index)
        years = {int("".join(cps[y["start"]:y["end"]])) for y in numbers
                 if y["kind"] == "year" and low <= y["start"] < high}
        aids.append(_figure_aid(figure, named, years, index))
    for quotation in read_quotations(text)[:MAX_QUOTATIONS]:
        aids.append(_quotation_aid(quotation["text"], index))
    if not aids:
        aids.append({"kind": "evidence", "ok": False, "text": WORDS["evidence_nothing"]})
    return aids


def aids(text: str, low: int, high: int, index: Mapping | None) -> list[dict]:
    """Everything a written answer's front end shows beside "Saved": the word count against
    ``low``-``high``, then the evidence check."""
    return [word_aid(count_words(text), low, high), *check(text, index)]
