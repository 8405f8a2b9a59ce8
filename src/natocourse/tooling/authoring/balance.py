"""How much of a lesson each side of the withdrawal debate gets, counted in words.

A markdown cell that states one side's case starts with a marker, an HTML comment that neither
JupyterLab nor the book shows::

    <!-- side: leave -->     the case for withdrawal, in its advocates' words
    <!-- side: stay -->      the case for staying in the alliance, in its advocates' words

Unmarked cells (history, the law, the data, analysis that takes no side) count for neither.
:func:`side_words` counts the words of each side's cells; :func:`balance` adds the ratio and the
share of the chapter's prose, so that ``tests/test_balance.py`` can require comparable space for
each side (:data:`RATIO`) and the review page can quote the counts.

Words are what a reader reads: citations (``{cite}`...```), other MyST roles' targets, HTML
comments and URLs are left out; "2 %" counts as one word and "H.R. 6508" as two.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

#: The sides a cell can be marked with.
SIDES = ("leave", "stay")
#: The smallest and largest ratio of words (leave / stay) the tests accept in a chapter that marks
#: both sides: neither side gets more than a quarter more room than the other.
RATIO = (0.8, 1.25)

_MARKER = re.compile(r"<!--\s*side:\s*([a-z]+)\s*-->")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`[^`]*`")
_ROLE = re.compile(r"\{[a-z]+\}`([^`<]*)(?:<[^`]*>)?`")
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[\w][\w'’.%/-]*")


class BalanceError(ValueError):
    """A marker names a side that does not exist, or a notebook cannot be read."""


@dataclass(frozen=True)
class Balance:
    """Words per side in one lesson, and the words of the whole lesson's prose."""

    path: str
    leave: int
    stay: int
    total: int

    @property
    def ratio(self) -> float:
        """Words for leaving divided by words for staying (``inf`` when staying has none)."""
        return self.leave / self.stay if self.stay else float("inf")

    @property
    def shares(self) -> tuple[float, float]:
        """Each side's share of the lesson's prose, (leave, stay)."""
        return (self.leave / self.total, self.stay / self.total) if self.total else (0.0, 0.0)

    def line(self) -> str:
        """One line for a report: ``06-the-bill: leave 480 (21 %), stay 455 (20 %), ratio 1.05``."""
        leave, stay = self.shares
        return (f"{Path(self.path).stem}: leave {self.leave} words ({leave:.0%}), stay {self.stay} words "
                f"({stay:.0%}) of {self.total}; ratio {self.ratio:.2f}")


def words(markdown: str) -> int:
    """The number of words a reader reads in a markdown text (see the module docstring)."""
    text = _COMMENT.sub(" ", markdown)
    text = _CITE.sub(" ", text)
    text = _ROLE.sub(r"\1", text)
    text = _URL.sub(" ", text)
    return len(_WORD.findall(text))


def cell_side(markdown: str) -> str | None:
    """The side a markdown cell is marked with, or None; BalanceError for an unknown side."""
    found = _MARKER.search(markdown)
    if not found:
        return None
    if found[1] not in SIDES:
        raise BalanceError(f"unknown side {found[1]!r} in <!-- side: ... --> (use one of {', '.join(SIDES)})")
    return found[1]


def side_words(cells: list[str]) -> dict[str, int]:
    """Words per side over markdown cell sources, plus ``"total"`` for all of them."""
    counts = dict.fromkeys(SIDES, 0) | {"total": 0}
    for source in cells:
        n = words(source)
        counts["total"] += n
        side = cell_side(source)
        if side:
            counts[side] += n
    return counts


def markdown_cells(path: Path | str) -> list[str]:
    """The markdown cell sources of a notebook; BalanceError naming the file if it cannot be read."""
    try:
        notebook = json.loads(Path(path).read_text(encoding="utf-8"))
        return ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
                for c in notebook["cells"] if c.get("cell_type") == "markdown"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BalanceError(f"{path}: cannot read the notebook's cells ({exc})") from None


def balance(path: Path | str) -> Balance:
    """Words per side in the notebook at ``path``."""
    counts = side_words(markdown_cells(path))
    return Balance(str(path), counts["leave"], counts["stay"], counts["total"])
