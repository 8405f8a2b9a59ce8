"""Long-text tables: left-aligned, complete (nothing truncated), escaped, with a text fallback."""

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from natocourse import data
from natocourse.presentation.tables import text_table


def test_findings_table_is_left_aligned_and_complete():
    findings = data.load("bill_findings")
    table = text_table(findings, ["number", "text", "checkable_with_data"])
    html = table._repr_html_()
    assert "text-align: left" in html and "text-align: right" not in html
    for text in findings["text"]:
        assert text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") \
            .replace("'", "&#x27;") in html        # every finding in full, nothing cut with "..."
    assert html.count("<tr>") == len(findings) + 1
    assert "yes" in repr(table) and "no" in repr(table)


def test_unknown_column_is_a_clear_error():
    with pytest.raises(ValueError, match="no column"):
        text_table(pd.DataFrame({"a": [1]}), ["b"])


@given(st.lists(st.text(max_size=40), min_size=1, max_size=5))
def test_any_text_is_escaped(texts):
    html = text_table(pd.DataFrame({"t": texts}))._repr_html_()
    body = html.split("<tbody>")[1]
    assert "<script" not in body.lower() or "&lt;script" in body.lower()
    assert body.count("<td ") == len(texts)


def test_dates_show_without_a_midnight_time():
    table = text_table(pd.DataFrame({"step": ["a"], "date": [pd.Timestamp("2027-07-01")]}))
    assert "2027-07-01" in table._repr_html_() and "00:00:00" not in table._repr_html_()
