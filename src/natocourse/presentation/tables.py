"""Tables of long text that read well in JupyterLab and in the book: left-aligned, wrapped, aligned
to the top of each row (pandas right-aligns cells and truncates long strings)."""

from __future__ import annotations

from html import escape

import pandas as pd

_CELL = "text-align: left; vertical-align: top; white-space: normal; padding: 0.25em 0.6em"


class TextTable:
    """A table shown as left-aligned HTML in a notebook, with a plain-text fallback."""

    def __init__(self, frame: pd.DataFrame, caption: str = ""):
        self.frame = frame
        self.caption = caption

    def _repr_html_(self) -> str:
        head = "".join(f'<th style="{_CELL}">{escape(str(c))}</th>' for c in self.frame.columns)
        rows = "".join("<tr>" + "".join(f'<td style="{_CELL}">{escape(_text(v))}</td>' for v in row) + "</tr>"
                       for row in self.frame.itertuples(index=False))
        caption = f'<caption style="text-align: left">{escape(self.caption)}</caption>' if self.caption else ""
        return (f'<table class="natocourse-text-table">{caption}<thead><tr>{head}</tr></thead>'
                f"<tbody>{rows}</tbody></table>")

    def __repr__(self) -> str:
        lines = [self.caption] if self.caption else []
        for row in self.frame.itertuples(index=False):
            lines.append(" | ".join(_text(v) for v in row))
        return "\n".join(lines)


def _text(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")      # a date, without a midnight time
    return "" if pd.isna(value) else str(value)


def text_table(frame: pd.DataFrame, columns: list[str] | None = None, *, caption: str = "") -> TextTable:
    """``frame`` (or its ``columns``) as a :class:`TextTable`; true/false values read "yes"/"no"."""
    if columns is not None:
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"no column(s) {missing}; the table has {list(frame.columns)}")
        frame = frame[columns]
    return TextTable(frame.reset_index(drop=True), caption)
