"""Comparable space for each side of the withdrawal debate in chapters 6 and 9.

Cells that state one side's case are marked ``<!-- side: leave -->`` or ``<!-- side: stay -->``
(``natocourse.tooling.authoring.balance``); the words of each side must be within ``balance.RATIO`` of each
other. The counts are reported under "figures reported by tests".
"""

import json
from pathlib import Path

import pytest

from natocourse.tooling.authoring import balance

ROOT = Path(__file__).resolve().parents[1]
CHAPTERS = [ROOT / "notebooks" / "06-the-bill.ipynb", ROOT / "notebooks" / "09-debate.ipynb"]
REPORTS = ROOT / "_build" / "reports"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_each_side_gets_comparable_space(path):
    counts = balance.balance(path)
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"balance-{path.stem}.txt").write_text(counts.line() + "\n", encoding="utf-8")
    assert counts.leave and counts.stay, f"{path.name}: mark each side's cells ({counts.line()})"
    low, high = balance.RATIO
    assert low <= counts.ratio <= high, (f"{path.name}: {counts.line()}; the sides must be within "
                                         f"{low}-{high} of each other")


def test_the_marked_cells_are_the_cases_in_their_advocates_words():
    cells = balance.markdown_cells(CHAPTERS[1])
    leave = " ".join(c for c in cells if balance.cell_side(c) == "leave")
    stay = " ".join(c for c in cells if balance.cell_side(c) == "stay")
    for finding in ("(15)", "(16)", "(17)"):
        assert finding in leave, f"chapter 9 quotes the bill's finding {finding} on the withdrawal side"
    assert "{cite}`lee2025statement`" in leave and "{cite}`massie2025article`" in leave
    assert "{cite}`kaine2023ndaa`" in stay and "{cite}`hague2025declaration`" in stay
    assert "answer" in leave.lower() and "answer" in stay.lower(), "each side answers the other"


def test_words_leave_out_what_a_reader_does_not_read():
    assert balance.words("Two words") == 2
    assert balance.words("<!-- side: leave -->\nTwo words {cite}`massie2025article,s2174`") == 2
    assert balance.words("See {term}`Article 13` and {term}`the depositary <Depositary>`.") == 6
    assert balance.words("At 2 % of GDP (https://example.org/x)") == 4


def test_a_lopsided_chapter_fails(tmp_path):
    def notebook(*sources):
        cells = [{"cell_type": "markdown", "metadata": {}, "source": s} for s in sources]
        path = tmp_path / "chapter.ipynb"
        path.write_text(json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
        return path

    even = balance.balance(notebook("<!-- side: leave -->\none two three", "<!-- side: stay -->\nfour five six",
                                    "neither side here"))
    assert (even.leave, even.stay, even.total, even.ratio) == (3, 3, 9, 1.0)
    lopsided = balance.balance(notebook("<!-- side: leave -->\none", "<!-- side: stay -->\n" + "word " * 10))
    assert not balance.RATIO[0] <= lopsided.ratio <= balance.RATIO[1]
    with pytest.raises(balance.BalanceError, match="unknown side 'neutral'"):
        balance.balance(notebook("<!-- side: neutral -->\ntext"))
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{not json")
    with pytest.raises(balance.BalanceError, match="broken.ipynb"):
        balance.balance(broken)
