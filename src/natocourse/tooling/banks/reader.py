"""Reading one question's fields, each problem with its line and what to write instead."""

from __future__ import annotations

import difflib
import math
import numbers
from typing import Any, Iterable

from .format import Problem
from .yaml_lines import _Float, _Int, _List, _Map


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

def read_id(read: _Reader) -> str:
    """The question's id as written (checked before the type's fields are)."""
    return _text(read.entry.get("id")) or ""
