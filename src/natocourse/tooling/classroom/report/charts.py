"""The report's figures, drawn with matplotlib in the course's colour-blind-safe palette.

Each function returns a :class:`Chart`: the PNG as a ``data:`` URI (the page needs no other file),
its alt text, which reads the data out (the kind of figure, its extremes, what stands out), and a
caption. The page puts the table each figure draws beside it. There are four figures whatever the
class size, so drawing costs the same for 30 students as for 3,000.
"""

from __future__ import annotations

import base64
import io
import math
from dataclasses import dataclass

import numpy as np

from ....presentation import plots
from .stats import TOO_EASY, TOO_HARD, WEAK

#: The heat map's colours: white to the palette's blue, one hue whose lightness falls steadily, so
#: that it reads the same under every colour-vision deficiency (and in grey).
HEAT_LOW, HEAT_HIGH = "#ffffff", plots.OKABE_ITO["blue"]
#: The heat map draws at most this many students (the weakest); mastery.csv holds them all.
HEAT_ROWS = 50


@dataclass(frozen=True)
class Chart:
    """A rendered figure: PNG data URI, alt text and caption."""

    uri: str
    alt: str
    caption: str


def _render(fig, alt: str, caption: str) -> Chart:
    """The figure as a PNG data URI. Margins are set by each chart (no tight layout, which would draw
    every text twice more), and the PNG is compressed lightly: the page is opened, not archived."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=plots.DPI, metadata={"Software": None},
                    pil_kwargs={"compress_level": 1})
    finally:
        plt.close(fig)
    return Chart("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii"), alt, caption)


def _margins(fig, *, left: float, bottom: float, right: float = 0.25, top: float = 0.45) -> None:
    """Set the axes' margins in inches (the labels' room), whatever the figure's size."""
    width, height = fig.get_size_inches()
    fig.subplots_adjust(left=left / width, right=1 - right / width, bottom=bottom / height, top=1 - top / height)


def _percent(value: float) -> str:
    return "no answers" if math.isnan(value) else f"{100 * value:.0f} %"


def item_map(ids: list[str], p: list[float], d: list[float], flagged: list[bool]) -> Chart:
    """Each question as a point: share correct across, discrimination up, the flags' thresholds dashed."""
    fig, ax = plots.new_figure(7.0, 4.6)
    shown = [(q, x, y, f) for q, x, y, f in zip(ids, p, d, flagged) if not (math.isnan(x) or math.isnan(y))]
    for value in (TOO_HARD, TOO_EASY):
        ax.axvline(value, color="#555555", linestyle="--", linewidth=1)
    for value in (0.0, WEAK):
        ax.axhline(value, color="#555555", linestyle="--" if value else "-", linewidth=1)
    fine = [(x, y) for _, x, y, f in shown if not f]
    bad = [(q, x, y) for q, x, y, f in shown if f]
    if fine:
        ax.scatter(*zip(*fine), color=plots.PALETTE[0], marker="o", s=30, label="no flag")
    if bad:
        ax.scatter([x for _, x, _ in bad], [y for _, _, y in bad], color=plots.PALETTE[1], marker="s", s=40,
                   label="flagged")
        for q, x, y in bad[:20]:
            ax.annotate(q, (x, y), xytext=(4, 3), textcoords="offset points", fontsize=7)
    low = min([y for _, _, y, _ in shown] + [-0.1])
    high = max([y for _, _, y, _ in shown] + [0.6])
    ax.set_xlim(-0.02, 1.02)
    ax.set_ylim(low - 0.08, high + 0.08)
    ax.set_xlabel("Share of answers correct")
    ax.set_ylabel("Discrimination (corrected item-total)")
    ax.set_title("Questions by share correct and discrimination")
    if fine or bad:
        ax.legend(frameon=False, loc="lower left", fontsize=8)
    _margins(fig, left=0.8, bottom=0.6)
    if shown:
        easiest = max(shown, key=lambda s: s[1])
        hardest = min(shown, key=lambda s: s[1])
        sharpest = max(shown, key=lambda s: s[2])
        bluntest = min(shown, key=lambda s: s[2])
        alt = (f"Scatter plot of {len(shown)} questions, share correct across and discrimination up. Share "
               f"correct runs from {_percent(hardest[1])} ({hardest[0]}) to {_percent(easiest[1])} "
               f"({easiest[0]}); discrimination from {bluntest[2]:.2f} ({bluntest[0]}) to {sharpest[2]:.2f} "
               f"({sharpest[0]}). {len(bad)} flagged question(s), drawn as squares"
               + (f": {', '.join(q for q, _, _ in bad[:12])}." if bad else "."))
    else:
        alt = ("Scatter plot of the questions by share correct and discrimination; no question has a "
               "discrimination to draw, because the class is too small or every answer was the same.")
    return _render(fig, alt, "Each question by share correct (across) and discrimination (up). Dashed lines: "
                             f"the flags' thresholds ({TOO_HARD:.0%} and {TOO_EASY:.0%} correct; "
                             f"discrimination 0 and {WEAK}).")


def objective_bars(keys: list[str], means: list[float], mastered: float) -> Chart:
    """The class's mean mastery of each objective as horizontal bars, with the mastery line."""
    rows = [(k, m) for k, m in zip(keys, means) if not math.isnan(m)]
    fig, ax = plots.new_figure(7.0, max(2.2, 0.28 * len(rows) + 1.2))
    positions = np.arange(len(rows))[::-1]
    ax.barh(positions, [100 * m for _, m in rows], color=plots.PALETTE[0], height=0.7)
    ax.axvline(100 * mastered, color="#555555", linestyle="--", linewidth=1)
    ax.set_yticks(positions)
    ax.set_yticklabels([k for k, _ in rows], fontsize=8)
    ax.set_xlim(0, 100)
    ax.set_xlabel("Class mastery, % of the objective's exercises right (mean over students)")
    ax.set_ylabel("Objective (chapter.number)")
    ax.set_title("Mastery of each objective")
    _margins(fig, left=0.9, bottom=0.75)
    if rows:
        low = min(rows, key=lambda r: r[1])
        high = max(rows, key=lambda r: r[1])
        below = sum(m < mastered for _, m in rows)
        alt = (f"Horizontal bar chart of the class's mastery of {len(rows)} objectives: lowest {low[0]} at "
               f"{_percent(low[1])}, highest {high[0]} at {_percent(high[1])}; {below} of them below the "
               f"{mastered:.0%} mastery line.")
    else:
        alt = "Horizontal bar chart of the class's mastery of the objectives: no objective is assessed."
    return _render(fig, alt, f"Mean share of each objective's exercises answered right; the dashed line is the "
                             f"{mastered:.0%} mastery criterion.")


def text_colour(value: float) -> str:
    """Black or white, whichever reads better on the heat map's colour for ``value`` (0–1)."""
    red, green, blue = heat_rgb(value)

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    luminance = 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#ffffff"


def heat_rgb(value: float) -> tuple[float, float, float]:
    """The heat map's colour for a share ``value`` (0–1), as RGB fractions."""
    low = [int(HEAT_LOW[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    high = [int(HEAT_HIGH[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    t = min(1.0, max(0.0, value))
    return tuple(a + (b - a) * t for a, b in zip(low, high))  # type: ignore[return-value]


def heat_hex(value: float) -> str:
    """:func:`heat_rgb` as ``#rrggbb``."""
    return "#" + "".join(f"{round(255 * c):02x}" for c in heat_rgb(value))


def heat_map(students: list[str], keys: list[str], shares: np.ndarray, *, of: int) -> Chart:
    """Students (rows) × objectives (columns), shaded by mastery; grey crosses where not assessed."""
    from matplotlib.colors import LinearSegmentedColormap

    colours = LinearSegmentedColormap.from_list("mastery", [HEAT_LOW, HEAT_HIGH])
    height = max(2.5, 0.2 * len(students) + 1.6)
    fig, ax = plots.new_figure(min(11.0, max(5.0, 0.32 * len(keys) + 3)), height)
    ax.grid(False)
    image = ax.imshow(np.ma.masked_invalid(shares), cmap=colours, vmin=0, vmax=1, aspect="auto",
                      interpolation="nearest")
    missing = np.argwhere(np.isnan(shares))
    if missing.size:
        ax.scatter(missing[:, 1], missing[:, 0], marker="x", color="#777777", s=12, linewidths=0.8)
    ax.set_xticks(range(len(keys)))
    ax.set_xticklabels(keys, rotation=90, fontsize=7)
    ax.set_yticks(range(len(students)))
    ax.set_yticklabels([s[:24] for s in students], fontsize=7)
    ax.set_xlabel("Objective (chapter.number)")
    ax.set_title("Mastery by student and objective")
    bar = fig.colorbar(image, ax=ax, fraction=0.04, pad=0.02)
    bar.set_label("Share of the objective's exercises right")
    for edge in ax.spines.values():
        edge.set_visible(True)
    longest = max((len(s[:24]) for s in students), default=4)
    _margins(fig, left=0.2 + 0.055 * longest, bottom=0.9, right=1.3)
    means = np.array([np.nanmean(r) if np.any(~np.isnan(r)) else np.nan for r in shares]) if len(students) \
        else np.array([])
    weakest = ""
    if means.size and not np.all(np.isnan(means)):
        i = int(np.nanargmin(means))
        weakest = f" The weakest row, {students[i]}, averages {_percent(float(means[i]))}."
    chosen = "all students" if len(students) == of else f"the {len(students)} students with the lowest mastery of {of}"
    alt = (f"Heat map of {chosen} (rows) by {len(keys)} objectives (columns), shaded from white for 0 % "
           f"to dark blue for 100 % of the objective's exercises right; a grey cross marks an objective not "
           f"assessed for that student.{weakest}")
    return _render(fig, alt, f"Mastery of each objective by {chosen}: the darker, the more of its exercises right.")


#: The score bands of the score histogram, in percent.
BANDS = [(0, 10), (10, 20), (20, 30), (30, 40), (40, 50), (50, 60), (60, 70), (70, 80), (80, 90), (90, 100)]


def band_counts(percents: list[float]) -> list[int]:
    """How many scores fall in each of :data:`BANDS` (the last band includes 100 %)."""
    counts = [0] * len(BANDS)
    for value in percents:
        if math.isnan(value):
            continue
        counts[min(len(BANDS) - 1, max(0, int(value // 10)))] += 1
    return counts


def score_histogram(percents: list[float]) -> Chart:
    """The students' scores in bands of 10 %."""
    counts = band_counts(percents)
    fig, ax = plots.new_figure(7.0, 3.4)
    ax.bar([f"{a}–{b}" for a, b in BANDS], counts, color=plots.PALETTE[2], width=0.8)
    ax.set_xlabel("Score, % of the points possible")
    ax.set_ylabel("Students")
    ax.set_title("Scores of the class")
    ax.tick_params(axis="x", labelsize=8)
    _margins(fig, left=0.75, bottom=0.6)
    scores = [v for v in percents if not math.isnan(v)]
    top = max(range(len(BANDS)), key=lambda k: counts[k])
    median = float(np.median(scores)) if scores else math.nan
    alt = (f"Bar chart of {len(scores)} students' scores in bands of 10 %: median "
           f"{'none' if math.isnan(median) else f'{median:.0f} %'}, the most students ({counts[top]}) in "
           f"{BANDS[top][0]}–{BANDS[top][1]} %, {counts[0]} below 10 % and {counts[-1]} at 90 % or more.")
    return _render(fig, alt, "How many students scored in each band of 10 % of the points possible.")
