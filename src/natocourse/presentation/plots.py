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
import textwrap
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

#: The order in which series take colours. The first five have at least 3:1 contrast against
#: white (WCAG 1.4.11, graphical objects), so lines and markers stay visible; orange, sky blue and
#: yellow come last, for filled areas and for figures with more than five series.
PALETTE: list[str] = [
    OKABE_ITO[name]
    for name in ("blue", "vermillion", "bluish_green", "reddish_purple", "black", "orange", "sky_blue", "yellow")
]

#: How many of the first palette colours are safe for thin lines on white.
LINE_COLOURS = 5

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

# Chapters 2-3 (founding and the Cold War; enlargement) and 4-5 (the treaty; how the United
# States could leave).


def gdp_share_band(table, *, title: str) -> Figure:
    """The US share of GDP spent on the military against the European allies' median and range.

    ``table`` has the columns made by :func:`natocourse.history.gdp_shares`: ``year``,
    ``united_states``, ``european_median``, ``european_low`` and ``european_high``. The range is a
    light band behind the lines, so the lines stay readable where it overlaps them.
    """
    if len(table) == 0:
        raise FigureError("gdp_share_band needs at least one year")
    fig, ax = new_figure()
    ax.fill_between(table["year"], table["european_low"], table["european_high"], color=PALETTE[6],
                    alpha=0.35, linewidth=0, label="European allies: lowest to highest")
    ax.plot(table["year"], table["united_states"], label="United States", linewidth=2, markersize=4,
            markevery=5, **style(0))
    ax.plot(table["year"], table["european_median"], label="European allies: median", linewidth=2,
            markersize=4, markevery=5, **style(1))
    ax.set_ylim(bottom=0)
    ax.set_title(title)
    ax.set_xlabel("Year")
    ax.set_ylabel("Military spending, % of GDP")
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def milestone_timeline(events, *, title: str, xlabel: str = "Year") -> Figure:
    """A one-line timeline: a marker and a label for each ``(date, label)`` pair in ``events``.

    ``events`` is an iterable of pairs or a DataFrame with ``date`` and ``label`` columns; dates may
    be ``datetime.date``, pandas timestamps or ISO strings. A DataFrame may also have a
    ``precision`` column (``day``, ``month`` or ``year``, as in the ``timeline`` table): an event
    known only to the year is labelled "1966", not "01 Jan 1966". Labels alternate above and below
    the line so that close events stay readable; each event has its own marker as well as colour.
    """
    import pandas as pd

    formats = {"year": "%Y", "month": "%b %Y"}
    if hasattr(events, "columns"):
        precision = events["precision"] if "precision" in events.columns else ["day"] * len(events)
        events = [(day, label, formats.get(str(p), "%d %b %Y"))
                  for day, label, p in zip(events["date"], events["label"], precision)]
    else:
        events = [(day, label, "%d %b %Y") for day, label in events]
    rows = sorted((pd.Timestamp(day), str(label), shown) for day, label, shown in events)
    if not rows:
        raise FigureError("milestone_timeline needs at least one event")
    texts = [f"{textwrap.fill(label, 24)}\n{day.strftime(shown)}" for day, label, shown in rows]
    levels = _label_levels([day for day, _, _ in rows], texts)
    extent = max(abs(level) + LINE_HEIGHT * len(text.splitlines()) for level, text in zip(levels, texts)) + 0.1
    fig, ax = new_figure(8.0, 2 * extent + 1.1)
    ax.grid(False)
    ax.axhline(0, color="#555555", linewidth=1.2, zorder=1)
    for index, ((day, _, _), text, level) in enumerate(zip(rows, texts, levels)):
        look = style(index)
        ax.plot([day], [0], linestyle="none", marker=look["marker"], color=look["color"],
                markersize=9, zorder=3)
        ax.vlines(day, 0, level - 0.04 * (1 if level > 0 else -1), color=look["color"], linewidth=1,
                  linestyle=":")
        ax.annotate(text, xy=(day, level), ha="center", va="bottom" if level > 0 else "top", fontsize=8)
    ax.set_ylim(-extent, extent)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    pad = (rows[-1][0] - rows[0][0]) * 0.08 + pd.Timedelta(days=30)
    ax.set_xlim(rows[0][0] - pad, rows[-1][0] + pad)
    ax.set_title(title)
    ax.set_xlabel(xlabel)
    fig.tight_layout()
    return fig


def _label_levels(days, texts) -> list[float]:
    """Heights (in inches from the line) for timeline labels.

    Labels alternate above and below the line; a label that would overlap an earlier one on its
    side is lifted above it. Widths and heights are estimated from the characters and lines of
    8-point text on an 8-inch-wide figure.
    """
    span = max((days[-1] - days[0]).days, 1) * 1.16
    placed: dict[int, list[tuple[float, float, float]]] = {1: [], -1: []}  # side -> (start, end, top)
    levels = []
    for index, (day, text) in enumerate(zip(days, texts)):
        side = 1 if index % 2 == 0 else -1
        lines = text.splitlines()
        width = max(len(line) for line in lines) * 0.0085 * span
        centre = (day - days[0]).days
        start, end = centre - width / 2, centre + width / 2
        level = max([top + 0.08 for s, e, top in placed[side] if s < end and start < e], default=0.3)
        placed[side].append((start, end, level + LINE_HEIGHT * len(lines)))
        levels.append(side * level)
    return levels


#: Height of one line of 8-point label text, in inches (the unit of the timeline's y axis).
LINE_HEIGHT = 0.16

def joined_by_round(rounds, *, title: str = "New allies by enlargement round") -> Figure:
    """Bars of the number of states joining in each round, labelled with the running total.

    ``rounds`` is a pandas Series indexed by round label (in time order) with the number of states
    that joined in that round, e.g. ``members.groupby("round").size()``.
    """
    labels = [str(label) for label in rounds.index]
    counts = [int(value) for value in rounds.to_numpy()]
    if not counts:
        raise FigureError("joined_by_round needs at least one round")
    fig, ax = new_figure(8.0, 4.0)
    bars = ax.bar(labels, counts, color=PALETTE[0], edgecolor="black", linewidth=0.6)
    total = 0
    for bar, count in zip(bars, counts):
        total += count
        ax.annotate(f"+{count}\n(total {total})", xy=(bar.get_x() + bar.get_width() / 2, count),
                    xytext=(0, 3), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    ax.set_ylim(0, max(counts) * 1.35 + 1)
    ax.set_title(title)
    ax.set_xlabel("Year of joining (founders: signature in 1949; others: accession deposited)")
    ax.set_ylabel("States joining")
    ax.tick_params(axis="x", labelrotation=45)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")
    fig.tight_layout()
    return fig


def withdrawal_chart(timeline, *, title: str) -> Figure:
    """Gantt-style chart of a withdrawal: the bill's 30-day notice window and Article 13's year.

    ``timeline`` is a :class:`natocourse.withdrawal.WithdrawalTimeline`. Two bars (the window in
    which the bill requires notice, and the year from notice to withdrawal) and a marker per step.
    """
    import matplotlib.dates as mdates

    fig, ax = new_figure(8.0, 3.4)
    spans = [
        ("Notice window under the bill\n(enactment to +30 days)", timeline.enactment,
         timeline.notice_deadline, PALETTE[3], "//"),
        ("Article 13 notice period\n(notice to +1 year)", timeline.notice, timeline.effective,
         PALETTE[0], ""),
    ]
    for row, (label, start, end, colour, hatch) in enumerate(spans):
        ax.barh(row, mdates.date2num(end) - mdates.date2num(start), left=mdates.date2num(start),
                height=0.5, color=colour, edgecolor="black", hatch=hatch, linewidth=0.6)
    for index, (label, day) in enumerate(timeline.steps()):
        look = style(index)
        ax.plot([mdates.date2num(day)], [len(spans) - 0.2], linestyle="none", marker=look["marker"],
                color=look["color"], markersize=8, label=f"{day:%d %b %Y}: {label}")
    ax.set_yticks(range(len(spans)), [label for label, *_ in spans])
    ax.set_ylim(-0.6, len(spans) + 0.3)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))
    ax.set_title(title)
    ax.set_xlabel("Date")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(0, -0.22))
    fig.tight_layout()
    return fig


def vote_shares(votes, *, title: str, threshold: float = 2 / 3,
                threshold_label: str = "two-thirds") -> Figure:
    """Horizontal stacked bars of yes and no votes as shares of votes cast, with a threshold line.

    ``votes`` is a DataFrame with columns ``vote`` (a label), ``yes`` and ``no`` (counts). Each bar
    is annotated with the tally; "no" is hatched so that the two parts differ without colour.
    """
    if len(votes) == 0:
        raise FigureError("vote_shares needs at least one vote")
    labels = [str(label) for label in votes["vote"]]
    yes = [int(v) for v in votes["yes"]]
    no = [int(v) for v in votes["no"]]
    share_yes = [y / (y + n) for y, n in zip(yes, no)]
    fig, ax = new_figure(8.0, 0.9 * len(labels) + 1.8)
    rows = list(range(len(labels)))
    ax.barh(rows, share_yes, color=PALETTE[0], edgecolor="black", linewidth=0.6, label="Yes")
    ax.barh(rows, [1 - s for s in share_yes], left=share_yes, color=PALETTE[1], edgecolor="black",
            hatch="xx", linewidth=0.6, label="No")
    for row, (y, n, s) in enumerate(zip(yes, no, share_yes)):
        ax.annotate(f"{y}–{n} ({s:.0%} yes)", xy=(s / 2, row), ha="center", va="center",
                    fontsize=9, color="white", fontweight="bold")
    ax.axvline(threshold, color="black", linestyle="--", linewidth=1.4)
    ax.set_yticks(rows, labels)
    ax.set_ylim(len(labels) - 0.5, -0.9)
    ax.annotate(f"{threshold_label} ({threshold:.1%})", xy=(threshold, -0.55), xytext=(4, 0),
                textcoords="offset points", fontsize=8, va="center")
    ax.set_xlim(0, 1)
    from matplotlib.ticker import PercentFormatter

    ax.xaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_xlabel("Share of votes cast")
    ax.set_title(title)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.22), ncol=2, fontsize=8)
    fig.tight_layout()
    return fig


# --- Part II: the bill and burden-sharing (chapters 6-10) --------------------------------------


def threshold_counts(table, *, threshold: float, title: str) -> Figure:
    """Bars of how many allies met ``threshold`` % of GDP each year, out of those the release lists.

    ``table`` has columns ``year``, ``vintage``, ``listed`` and ``at_or_above`` (as made by
    :func:`natocourse.blocs.allies_at_threshold`); each bar is labelled "met / listed" and its release.
    """
    fig, ax = new_figure()
    labels = [str(y) for y in table["year"]]
    ax.bar(labels, table["listed"], color="#ffffff", edgecolor=PALETTE[4], linewidth=1, hatch="//",
           label="allies listed in the release")
    ax.bar(labels, table["at_or_above"], color=PALETTE[0], edgecolor="black", linewidth=0.6,
           label=f"at or above {threshold:g} % of GDP")
    for x, row in enumerate(table.itertuples()):
        ax.annotate(f"{row.at_or_above}/{row.listed}\n({row.vintage})", xy=(x, row.listed), xytext=(0, 3),
                    textcoords="offset points", ha="center", fontsize=8)
    ax.set_ylim(0, max(table["listed"]) * 1.25)
    ax.set_title(title)
    ax.set_xlabel("Year (NATO release in brackets)")
    ax.set_ylabel("Number of allies")
    ax.legend(frameon=False, loc="upper left")
    fig.tight_layout()
    return fig


def bloc_lines(table, *, title: str) -> Figure:
    """Lines of military spending of the United States, the European allies and Russia.

    ``table`` has columns ``year``, ``united_states``, ``european_allies`` and ``russia`` in US$
    billion (as made by :func:`natocourse.blocs.bloc_spending`).
    """
    series = [("United States", table["year"], table["united_states"]),
              ("European allies", table["year"], table["european_allies"]),
              ("Russia", table["year"], table["russia"])]
    fig = line_chart(series, title=title, xlabel="Year", ylabel="US$ billion, constant 2023 prices")
    fig.axes[0].set_ylim(bottom=0)
    return fig


def findings_by_topic(findings, *, title: str) -> Figure:
    """Stacked bars: the bill's findings per topic, split into checkable with data or not.

    ``findings`` is the ``bill_findings`` table (columns ``topic`` and ``checkable_with_data``).
    """
    counts = (findings.assign(topic=findings["topic"].astype(str).str.replace("_", " "))
              .groupby(["topic", "checkable_with_data"]).size().unstack(fill_value=0)
              .reindex(columns=[True, False], fill_value=0))
    fig, ax = new_figure()
    ax.bar(counts.index, counts[True], color=PALETTE[0], edgecolor="black", linewidth=0.6,
           label="checkable with the course's data")
    ax.bar(counts.index, counts[False], bottom=counts[True], color="#ffffff", edgecolor=PALETTE[1],
           hatch="..", linewidth=1, label="opinion, prediction or treaty text")
    ax.set_title(title)
    ax.set_xlabel("Topic")
    ax.set_ylabel("Number of findings")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def verdict_counts(summary, *, verdicts, title: str) -> Figure:
    """Horizontal bars: how many findings received each verdict (in the order of ``verdicts``)."""
    counts = summary["verdict"].value_counts().reindex(list(verdicts), fill_value=0)
    fig, ax = new_figure(7.5, 3.6)
    bars = ax.barh(list(counts.index)[::-1], list(counts.values)[::-1], color=PALETTE[0], edgecolor="black",
                   linewidth=0.6)
    ax.bar_label(bars, padding=3)
    ax.set_title(title)
    ax.set_xlabel("Number of findings")
    ax.xaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    return fig


def size_vs_share(table, fit, *, title: str) -> Figure:
    """Scatter of allies' economic size (log scale) against defence spending as a share of GDP,
    with the fitted line; the largest economies and the highest shares are labelled by name.

    ``table`` has ``iso3``, ``gdp_bn`` and ``pct_gdp``; ``fit`` is a
    :class:`natocourse.burden.Fit` of ``pct_gdp`` on ``log10(gdp_bn)``.
    """
    import numpy as np

    fig, ax = new_figure()
    ax.scatter(table["gdp_bn"], table["pct_gdp"], color=PALETTE[0], edgecolor="black", linewidth=0.5,
               marker=MARKERS[0], label="allies", zorder=3)
    xs = np.logspace(np.log10(table["gdp_bn"].min()), np.log10(table["gdp_bn"].max()), 50)
    ax.plot(xs, fit.predict(np.log10(xs)), color=PALETTE[1], linestyle="--", linewidth=1.6,
            label=f"fitted line (r = {fit.r:.2f})")
    for row in size_vs_share_labelled(table).itertuples():
        ax.annotate(getattr(row, "country", row.iso3), xy=(row.gdp_bn, row.pct_gdp), xytext=(4, 4),
                    textcoords="offset points", fontsize=8)
    ax.set_xscale("log")
    ax.set_title(title)
    ax.set_xlabel("Economic size: implied GDP, US$ billion (log scale)")
    ax.set_ylabel("Military spending, % of GDP")
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig


def size_vs_share_labelled(table):
    """The allies :func:`size_vs_share` labels by name: the five largest economies and the five
    highest shares of GDP, so that claims about either group can be checked on the chart."""
    largest = table.nlargest(5, "gdp_bn")
    highest = table.nlargest(5, "pct_gdp")
    return table[table["iso3"].isin(set(largest["iso3"]) | set(highest["iso3"]))]


def scenario_groups(before: dict, after: dict, *, title: str) -> Figure:
    """Grouped bars of each group's spending (US$ bn) in the baseline and in a scenario.

    ``before`` and ``after`` are :func:`natocourse.scenarios.summary` results.
    """
    from ..analysis.scenarios import GROUPS

    fig, ax = new_figure()
    x = range(len(GROUPS))
    width = 0.38
    ax.bar([i - width / 2 for i in x], [before[f"{g} (US$ bn)"] for g in GROUPS], width, color=PALETTE[0],
           edgecolor="black", linewidth=0.6, label="baseline")
    ax.bar([i + width / 2 for i in x], [after[f"{g} (US$ bn)"] for g in GROUPS], width, color="#ffffff",
           edgecolor=PALETTE[1], hatch="//", linewidth=1, label="scenario")
    ax.set_xticks(list(x), GROUPS)
    ax.set_title(title)
    ax.set_ylabel("US$ billion, constant 2023 prices")
    ax.legend(frameon=False)
    fig.tight_layout()
    return fig
