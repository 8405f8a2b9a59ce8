"""Accessible figures for the course.

Every figure a student sees is drawn by a function in this module and shown with :func:`show`,
which renders an HTML ``<figure>`` holding the PNG, its alt text and its caption. The same markup
appears in JupyterLab (where screen readers read the alt text) and in the built book.

Colours come from the Okabe–Ito palette, designed to stay distinguishable for the common forms of
colour-vision deficiency; lines also differ by marker and dash so that no figure relies on colour
alone.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Iterable

import matplotlib

matplotlib.use("Agg")  # figures are rendered to PNG; no GUI backend is needed or wanted
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

#: Okabe & Ito (2008), "Color Universal Design": eight colours safe for colour-blind readers.
OKABE_ITO: dict[str, str] = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}

#: The order in which series take colours. Yellow is last: it has poor contrast on white.
PALETTE: list[str] = [
    OKABE_ITO[name]
    for name in ("blue", "vermillion", "bluish_green", "orange", "reddish_purple", "sky_blue", "black", "yellow")
]

#: Markers and dash styles paired with the palette, so series differ by more than colour.
MARKERS: list[str] = ["o", "s", "^", "D", "v", "P", "X", "*"]
LINESTYLES: list[str] = ["-", "--", "-.", ":", "-", "--", "-.", ":"]

#: Resolution of the PNG embedded by :func:`figure_html`; 100 dpi keeps notebooks small.
DPI = 100


class FigureError(ValueError):
    """A figure was asked for without the text that makes it accessible."""


def style(index: int) -> dict[str, str]:
    """Return colour, marker and line style for the ``index``-th series of a figure."""
    i = index % len(PALETTE)
    return {"color": PALETTE[i], "marker": MARKERS[i], "linestyle": LINESTYLES[i]}


def new_figure(width: float = 7.0, height: float = 4.0) -> tuple[Figure, "matplotlib.axes.Axes"]:
    """Create a figure and axes in the course style (light grid, no top/right spines)."""
    fig, ax = plt.subplots(figsize=(width, height), dpi=DPI)
    ax.grid(True, color="#dddddd", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _require_text(name: str, value: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FigureError(f"A course figure needs a non-empty {name} (got {value!r}).")
    return value.strip()


def png_bytes(fig: Figure) -> bytes:
    """Render ``fig`` to PNG bytes with the metadata that would change between runs removed."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def figure_html(fig: Figure, alt: str, caption: str) -> str:
    """Return an HTML ``<figure>`` with ``fig`` as an embedded PNG, its alt text and caption.

    Both ``alt`` (what the figure shows, for readers who cannot see it) and ``caption`` (what it
    means) are required: a :class:`FigureError` is raised if either is empty.
    """
    alt = _require_text("alt text", alt)
    caption = _require_text("caption", caption)
    encoded = base64.b64encode(png_bytes(fig)).decode("ascii")
    return (
        '<figure class="natocourse-figure">'
        f'<img src="data:image/png;base64,{encoded}" alt="{html.escape(alt, quote=True)}"/>'
        f"<figcaption>{html.escape(caption)}</figcaption>"
        "</figure>"
    )


class AccessibleFigure:
    """A rendered figure that displays as HTML in Jupyter and as its caption in plain text."""

    def __init__(self, fig: Figure, alt: str, caption: str):
        self.alt = _require_text("alt text", alt)
        self.caption = _require_text("caption", caption)
        self.html = figure_html(fig, self.alt, self.caption)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"Figure: {self.caption}"


def show(fig: Figure, alt: str, caption: str) -> AccessibleFigure:
    """Close ``fig`` and return it as an :class:`AccessibleFigure` for the notebook to display.

    Use it as the last expression of a cell::

        fig = plots.membership_growth(data.membership_growth())
        plots.show(fig, alt="Line chart: ...", caption="NATO membership, 1949-2024.")
    """
    shown = AccessibleFigure(fig, alt, caption)
    plt.close(fig)
    return shown


def line_chart(
    series: Iterable[tuple[str, Iterable[float], Iterable[float]]],
    *,
    title: str,
    xlabel: str,
    ylabel: str,
    hlines: Iterable[tuple[float, str]] = (),
) -> Figure:
    """Draw labelled lines, one per ``(label, x, y)`` tuple, with optional labelled reference lines.

    ``hlines`` are ``(value, label)`` pairs drawn as grey dotted lines, e.g. ``(2.0, "2% guideline")``.
    """
    fig, ax = new_figure()
    for index, (label, x, y) in enumerate(series):
        ax.plot(list(x), list(y), label=label, linewidth=1.8, markersize=4, markevery=5, **style(index))
    for value, label in hlines:
        ax.axhline(value, color="#555555", linestyle=":", linewidth=1.2)
        ax.annotate(label, xy=(1.0, value), xycoords=("axes fraction", "data"), xytext=(-4, 3),
                    textcoords="offset points", ha="right", fontsize=8, color="#333333")
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def membership_growth(members, *, until: int | None = None) -> Figure:
    """Step chart of the number of allies at the end of each year, from a ``members`` table.

    ``members`` needs an ``accession_date`` column (datetimes); ``until`` is the last year shown
    (default: the latest accession year).
    """
    years = members["accession_date"].dt.year
    last = until or int(years.max())
    x = list(range(int(years.min()), last + 1))
    counts = [int((years <= year).sum()) for year in x]
    fig, ax = new_figure()
    ax.step(x, counts, where="post", color=PALETTE[0], linewidth=2)
    joined = sorted(set(years))
    ax.plot(joined, [int((years <= year).sum()) for year in joined], linestyle="none",
            marker=MARKERS[0], color=PALETTE[0])
    for year in joined:
        ax.annotate(str(year), xy=(year, int((years <= year).sum())), xytext=(0, 6),
                    textcoords="offset points", ha="center", fontsize=8)
    ax.set_title("NATO members at the end of each year")
    ax.set_xlabel("Year")
    ax.set_ylabel("Number of allies")
    ax.set_ylim(0, max(counts) + 4)
    fig.tight_layout()
    return fig


# --- Part I: history and the treaty (chapters 2-5) ---------------------------------------------


# --- Part II: the bill and burden-sharing (chapters 6-10) --------------------------------------
