"""Accessibility checks for the built book and the course's figures.

The book as a whole is checked by axe-core in a browser (tests/browser/test_axe_book.py): WCAG
2.2 A/AA rules, including labels, headings, landmarks and contrast. These are the checks axe-core
cannot make. Pure functions over HTML text (BeautifulSoup) that return a list of human-readable
problems, so a test can assert the list is empty and print it when it is not:

- :func:`images_without_alt`: every ``<img>`` needs non-empty alt text (axe-core accepts
  ``alt=""``, which would hide a figure from a screen reader);
- :func:`figures_without_captions`: every ``<figure>`` needs a non-empty ``<figcaption>``;
- :func:`figure_alt_problems`: a figure's alt text must say what it shows: the kind of figure and
  its data, in more than a few words, and not merely repeat the caption.

and colour checks for :mod:`natocourse.plots`: :func:`simulate` shows a colour as seen with a
colour-vision deficiency (Machado, Oliveira & Fernandes 2009, severity 1.0), :func:`delta_e` is the
CIE76 colour difference, and :func:`palette_problems` lists the palette pairs that become hard to
tell apart and the colours that are too light to draw lines on white.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from bs4 import BeautifulSoup

#: Minimum CIE76 ΔE between two palette colours under every simulated deficiency.
MIN_DELTA_E = 10.0
#: Minimum contrast ratio against white for a colour used to draw lines and markers (WCAG 1.4.11).
MIN_CONTRAST = 3.0


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def _where(tag) -> str:
    text = str(tag)
    return text if len(text) <= 120 else text[:117] + "..."


def images_without_alt(html: str) -> list[str]:
    """Images whose ``alt`` is missing or empty (decorative images must say ``role="presentation"``)."""
    problems = []
    for img in _soup(html).find_all("img"):
        if img.get("role") == "presentation" or img.get("aria-hidden") == "true":
            continue
        if not (img.get("alt") or "").strip():
            problems.append(f"image without alt text: {_where(img)}")
    return problems


def figures_without_captions(html: str) -> list[str]:
    """``<figure>`` elements with no or an empty ``<figcaption>``."""
    problems = []
    for figure in _soup(html).find_all("figure"):
        caption = figure.find("figcaption")
        if caption is None or not caption.get_text(strip=True):
            problems.append(f"figure without caption: {_where(figure)}")
    return problems


#: Words that name the kind of figure; a figure's alt text says which it is.
FIGURE_KINDS = ("chart", "timeline", "plot", "graph", "map", "diagram", "histogram")
#: Fewer words than this cannot describe a data figure.
MIN_ALT_WORDS = 8


def figure_alt_problems(html: str) -> list[str]:
    """Images in a ``<figure>`` whose alt text does not describe them.

    Meaningful alt text here: at least :data:`MIN_ALT_WORDS` words, names the kind of figure (one
    of :data:`FIGURE_KINDS`), reads out data (contains a number), and is not the caption again.
    """
    problems = []
    for figure in _soup(html).find_all("figure"):
        caption = figure.find("figcaption")
        caption_text = " ".join(caption.get_text(" ").split()).lower() if caption else ""
        for img in figure.find_all("img"):
            alt = " ".join((img.get("alt") or "").split())
            reasons = []
            if len(alt.split()) < MIN_ALT_WORDS:
                reasons.append(f"fewer than {MIN_ALT_WORDS} words")
            if not any(kind in alt.lower() for kind in FIGURE_KINDS):
                reasons.append("does not say what kind of figure it is")
            if not any(ch.isdigit() for ch in alt):
                reasons.append("reads out no data")
            if alt and alt.lower() == caption_text:
                reasons.append("repeats the caption")
            if reasons:
                problems.append(f"figure alt text {alt[:60]!r} {', '.join(reasons)}")
    return problems


def page_problems(html: str) -> list[str]:
    """Every problem the checks above find in one page."""
    return images_without_alt(html) + figures_without_captions(html) + figure_alt_problems(html)


def book_problems(html_dir: Path | str) -> dict[str, list[str]]:
    """Problems per page of a built book (pages with none are left out)."""
    root = Path(html_dir)
    found = {}
    for page in sorted(root.rglob("*.html")):
        if page.parts[len(root.parts)] in ("_static", "_sources", "_images"):
            continue
        problems = page_problems(page.read_text(encoding="utf-8"))
        if problems:
            found[page.relative_to(root).as_posix()] = problems
    return found


# ---- colour ------------------------------------------------------------------------------------

#: Machado et al. (2009) simulation matrices at severity 1.0, applied to linear RGB.
DEFICIENCIES = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def _hex_to_rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i:i + 2], 16) / 255 for i in (0, 2, 4))


def _to_linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _to_srgb(c: float) -> float:
    c = min(1.0, max(0.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def simulate(colour: str, deficiency: str) -> tuple[float, float, float]:
    """The sRGB colour (0-1 floats) that ``colour`` appears as with ``deficiency``."""
    linear = [_to_linear(c) for c in _hex_to_rgb(colour)]
    matrix = DEFICIENCIES[deficiency]
    return tuple(_to_srgb(sum(m * c for m, c in zip(row, linear))) for row in matrix)


def _lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = (_to_linear(c) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t):
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """CIE76 difference between two sRGB colours (0-1 floats); about 2.3 is just noticeable."""
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b))) ** 0.5


def contrast_with_white(colour: str) -> float:
    """WCAG contrast ratio of ``colour`` against a white background."""
    r, g, b = (_to_linear(c) for c in _hex_to_rgb(colour))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


def palette_problems(palette: list[str], *, min_delta_e: float = MIN_DELTA_E,
                     min_contrast: float = MIN_CONTRAST) -> list[str]:
    """Pairs of colours too alike for any simulated deficiency (or normal vision), and colours
    too light to draw on white."""
    problems = []
    views = {"normal vision": lambda c: _hex_to_rgb(c)} | {
        name: (lambda c, n=name: simulate(c, n)) for name in DEFICIENCIES}
    for (i, a), (j, b) in itertools.combinations(enumerate(palette), 2):
        for name, view in views.items():
            difference = delta_e(view(a), view(b))
            if difference < min_delta_e:
                problems.append(f"{a} and {b} (series {i + 1} and {j + 1}) differ by only "
                                f"ΔE {difference:.1f} with {name}")
    for colour in palette:
        ratio = contrast_with_white(colour)
        if ratio < min_contrast:
            problems.append(f"{colour} has contrast {ratio:.2f}:1 against white (needs {min_contrast}:1)")
    return problems
