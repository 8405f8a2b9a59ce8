"""Colour-blind safety of the figures students actually see, not only of the palette's design.

tests/test_a11y.py checks the palette of natocourse.plots: under simulated protanopia,
deuteranopia and tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, a11y.simulate) every
pair of its colours stays at least a11y.MIN_DELTA_E (CIE76 ΔE 10) apart. Here the rendered PNG
of every figure in the built book is read back: each colour that covers a visible part of a figure
must be a palette colour, alone or blended with grey, white or black (transparency,
anti-aliasing), so that the palette's guarantee covers the figure; and the palette colours one
figure combines must stay that far apart under each simulated deficiency.
"""

import base64
import io
import itertools
import re
from pathlib import Path

import matplotlib
import numpy as np
import pytest
from PIL import Image

import a11y
from natocourse import plots

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

HTML = Path(__file__).resolve().parents[1] / "_build" / "html"

#: A colour counts as part of the figure's design when it covers this share of the pixels
#: (and at least MIN_PIXELS), so stray anti-aliasing pixels are left out.
MIN_SHARE, MIN_PIXELS = 0.001, 100
#: Colours closer to grey than this (max - min channel, 0-255) carry no hue: axes, text, grid.
MIN_CHROMA = 30
#: How far (0-255, any channel) a colour may sit from an exact palette-and-grey blend.
TOLERANCE = 6.0
#: How far a pixel may sit from a palette colour and still be that colour (PNG rounding).
EXACT = 2

_PALETTE = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in plots.PALETTE], dtype=float)


def palette_source(colour) -> str | None:
    """The palette colour that ``colour`` (RGB 0-255) is a blend of with a grey, or None.

    A blend is ``a * p + (1 - a) * (v, v, v)`` with ``a`` in (0, 1]: solved by least squares for
    each palette colour ``p``; the best fit within :data:`TOLERANCE` wins.
    """
    target = np.asarray(colour, dtype=float)
    best, best_error = None, TOLERANCE
    for hex_colour, p in zip(plots.PALETTE, _PALETTE):
        system = np.stack([p, np.ones(3)], axis=1)
        (alpha, grey_part), *_ = np.linalg.lstsq(system, target, rcond=None)
        if not 0.05 < alpha <= 1.05:
            continue
        error = float(np.abs(system @ np.array([alpha, grey_part]) - target).max())
        if error <= best_error:
            best, best_error = hex_colour, error
    return best


def figure_colours(png: bytes) -> tuple[set[str], list[str]]:
    """(palette colours a figure draws with, colours it uses that come from no palette colour).

    A palette colour is drawn with when its exact pixels (lines, bars, markers) cover a visible
    part of the figure; lighter or darker blends (fills, edges) only show that a colour is not
    foreign, since a blend of one palette colour can look like another (sky blue is nearly a
    lighter blue).
    """
    pixels = np.asarray(Image.open(io.BytesIO(png)).convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    chroma = colours.max(axis=1).astype(int) - colours.min(axis=1)
    visible = (chroma > MIN_CHROMA) & (counts >= max(MIN_PIXELS, MIN_SHARE * len(pixels)))
    used, foreign = set(), []
    for colour in colours[visible]:
        exact = np.abs(_PALETTE - colour).max(axis=1)
        if exact.min() <= EXACT:
            used.add(plots.PALETTE[int(exact.argmin())])
        elif palette_source(colour) is None:
            foreign.append("#%02x%02x%02x" % tuple(int(c) for c in colour))
    return used, foreign


def confusable_pairs(colours) -> list[str]:
    """Pairs of colours closer than a11y.MIN_DELTA_E under some simulated deficiency."""
    found = []
    for a, b in itertools.combinations(sorted(colours), 2):
        for deficiency in a11y.DEFICIENCIES:
            difference = a11y.delta_e(a11y.simulate(a, deficiency), a11y.simulate(b, deficiency))
            if difference < a11y.MIN_DELTA_E:
                found.append(f"{a} and {b}: ΔE {difference:.1f} with {deficiency}")
    return found


def book_figures() -> list[tuple[str, bytes]]:
    """(page, PNG) for every course figure embedded in the built book, once each."""
    figures, seen = [], set()
    for page in sorted(HTML.rglob("*.html")):
        if page.relative_to(HTML).parts[0] in ("_static", "_sources"):
            continue
        for encoded in re.findall(r'<figure class="natocourse-figure"><img src="data:image/png;base64,([^"]+)"',
                                  page.read_text(encoding="utf-8")):
            if encoded not in seen:
                seen.add(encoded)
                figures.append((page.relative_to(HTML).as_posix(), base64.b64decode(encoded)))
    return figures


def _png(draw) -> bytes:
    fig, ax = plots.new_figure()
    draw(ax)
    try:
        return plots.png_bytes(fig)
    finally:
        plt.close(fig)


def test_every_book_figure_draws_only_with_the_palette_and_stays_distinguishable():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first (python tasks.py book)")
    figures = book_figures()
    assert len(figures) >= 10, f"only {len(figures)} course figures found in the built book"
    problems = []
    for page, png in figures:
        used, foreign = figure_colours(png)
        if foreign:
            problems.append(f"{page}: colours outside the palette {foreign[:5]}")
        problems += [f"{page}: {pair}" for pair in confusable_pairs(used)]
    assert problems == [], "\n".join(problems)


def test_a_figure_in_palette_colours_passes():
    png = _png(lambda ax: [ax.plot([0, 1], [i, i + 1], linewidth=3, **plots.style(i)) for i in range(3)]
               + [ax.fill_between([0, 1], [0, 0], [1, 1], color=plots.PALETTE[0], alpha=0.2)])
    used, foreign = figure_colours(png)
    assert foreign == []
    assert used == set(plots.PALETTE[:3])
    assert confusable_pairs(used) == []


def test_a_red_green_figure_is_caught():
    png = _png(lambda ax: [ax.plot([0, 1], [0, 1], color="#d62728", linewidth=4),
                           ax.plot([0, 1], [1, 0], color="#2ca02c", linewidth=4)])
    used, foreign = figure_colours(png)
    assert len(foreign) >= 2  # neither colour is in the course palette
    assert any("deuteranopia" in pair or "protanopia" in pair for pair in confusable_pairs(["#d62728", "#2ca02c"]))


@pytest.mark.parametrize("deficiency", sorted(a11y.DEFICIENCIES))
def test_the_simulation_merges_what_the_deficiency_cannot_see(deficiency):
    """Each matrix keeps white and black, and loses the axis its cone type senses: red-green for
    protanopia and deuteranopia, blue-yellow for tritanopia (ΔE falls by more than half)."""
    assert a11y.delta_e(a11y.simulate("#ffffff", deficiency), (1, 1, 1)) < 1
    assert a11y.delta_e(a11y.simulate("#000000", deficiency), (0, 0, 0)) < 1
    pair = ("#d62728", "#2ca02c") if deficiency != "tritanopia" else ("#1f77b4", "#bcbd22")
    seen = a11y.delta_e(a11y.simulate(pair[0], deficiency), a11y.simulate(pair[1], deficiency))
    normal = a11y.delta_e(a11y._hex_to_rgb(pair[0]), a11y._hex_to_rgb(pair[1]))
    assert seen < normal / 2
