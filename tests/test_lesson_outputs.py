"""Lessons show no truncated text: no table cell or printed line cut with "..." by pandas."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
CUT = re.compile(r"\w\.\.\.(?=<|\s|$)", re.M)


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name)
def test_no_lesson_output_is_cut_short(path):
    cut = []
    for number, cell in enumerate(nbformat.read(path, as_version=4).cells):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            text = data.get("text/html") or output.get("text") or data.get("text/plain", "")
            cut += [(number, m.group(0)) for m in CUT.finditer(text)]
    assert not cut, f"{path.name}: text cut short in cells {cut}; show it whole (e.g. text_table)"
