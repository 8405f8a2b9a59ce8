"""Accessibility checks axe-core cannot make (tests/browser/test_axe_book.py runs axe-core itself):
the checker catches each defect, the built book has none, figures' alt text describes them, the
palette is colour-blind safe, and every explorer control is labelled (the question widgets share the
book's markup, checked in the browser by test_keyboard_jupyterlab.py and test_axe_jupyterlab.py)."""

import html
from pathlib import Path

import ipywidgets as widgets
import pytest
from hypothesis import given
from hypothesis import strategies as st

import a11y
from natocourse import data, explore, lab, plots

HTML = Path(__file__).resolve().parents[1] / "_build" / "html"

GOOD_PAGE = """<html><body><article class="bd-article">
<h1>Title</h1>
<figure class="natocourse-figure"><img src="a.png" alt="Line chart of US spending from 1990 to 2024, falling from 71 % to 66 %"/>
<figcaption>Spending.</figcaption></figure>
</article></body></html>"""


def test_a_good_page_has_no_problems():
    assert a11y.page_problems(GOOD_PAGE) == []


@pytest.mark.parametrize("defect, check, expected", [
    ('<img src="a.png">', a11y.images_without_alt, "image without alt text"),
    ('<img src="a.png" alt="  ">', a11y.images_without_alt, "image without alt text"),
    ('<figure><img src="a.png" alt="x"></figure>', a11y.figures_without_captions, "figure without caption"),
    ('<figure><img src="a.png" alt="x"><figcaption> </figcaption></figure>', a11y.figures_without_captions,
     "figure without caption"),
    ('<figure><img alt="Chart"><figcaption>c</figcaption></figure>', a11y.figure_alt_problems, "fewer than 8 words"),
    ('<figure><img alt="The spending of the allies over the years since the end"><figcaption>c</figcaption></figure>',
     a11y.figure_alt_problems, "does not say what kind of figure it is"),
    ('<figure><img alt="Line chart of the spending of the allies over the years"><figcaption>c</figcaption></figure>',
     a11y.figure_alt_problems, "reads out no data"),
    ('<figure><img alt="Line chart of allies at 2 % of GDP by year"><figcaption>Line chart of allies at 2 % '
     'of GDP by year</figcaption></figure>', a11y.figure_alt_problems, "repeats the caption"),
])
def test_each_check_catches_its_defect(defect, check, expected):
    problems = check(defect)
    assert len(problems) == 1 and expected in problems[0]


def test_decorative_images_are_fine():
    assert a11y.images_without_alt('<img src="x.svg" role="presentation">') == []


@given(alt=st.text(max_size=200), caption=st.text(max_size=80))
def test_figure_alt_check_takes_any_text_and_flags_exactly_the_short_ones(alt, caption):
    page = f'<figure><img alt="{html.escape(alt, quote=True)}"><figcaption>{html.escape(caption)}</figcaption></figure>'
    problems = a11y.figure_alt_problems(page)
    assert isinstance(problems, list) and len(problems) <= 1
    short = len(" ".join(alt.split()).split()) < a11y.MIN_ALT_WORDS
    assert short == any("fewer than" in p for p in problems)


def test_every_figure_in_the_built_book_has_meaningful_alt_text():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first (python tasks.py book)")
    found = {}
    for page in sorted(HTML.rglob("*.html")):
        if page.relative_to(HTML).parts[0] not in ("_static", "_sources"):
            found[page.relative_to(HTML).as_posix()] = page.read_text(encoding="utf-8").count("<figure")
    assert sum(found.values()) >= 10, f"too few figures found to check: {found}"
    problems = {page: a11y.figure_alt_problems((HTML / page).read_text(encoding="utf-8"))
                for page, count in found.items() if count}
    assert {page: p for page, p in problems.items() if p} == {}


def test_the_built_book_has_no_accessibility_problems():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first (python tasks.py book)")
    assert a11y.book_problems(HTML) == {}


def test_the_checker_finds_a_defect_planted_in_a_copy_of_a_page(tmp_path):
    page = (HTML / "notebooks" / "00-how-to-use.html").read_text(encoding="utf-8")
    broken = page.replace('alt="', 'data-alt="', 1)
    (tmp_path / "page.html").write_text(broken, encoding="utf-8")
    problems = a11y.book_problems(tmp_path)
    assert list(problems) == ["page.html"]
    assert "image without alt text" in problems["page.html"][0]


def test_palette_is_colour_blind_safe_and_line_colours_contrast_with_white():
    assert a11y.palette_problems(plots.PALETTE[:plots.LINE_COLOURS]) == []
    assert a11y.palette_problems(plots.PALETTE, min_contrast=0) == []


def test_palette_check_rejects_a_red_green_pair():
    problems = a11y.palette_problems(["#d62728", "#2ca02c"], min_contrast=0)  # classic red / green
    assert any("deuteranopia" in p or "protanopia" in p for p in problems)


def test_simulation_keeps_greys_grey():
    for deficiency in a11y.DEFICIENCIES:
        r, g, b = a11y.simulate("#808080", deficiency)
        assert max(r, g, b) - min(r, g, b) < 0.02


def _inputs(widget):
    """Every input control inside a widget tree."""
    found = []
    stack = [widget]
    while stack:
        node = stack.pop()
        if isinstance(node, widgets.Box):
            stack.extend(node.children)
        elif isinstance(node, (widgets.ValueWidget, widgets.Button)) and not isinstance(
                node, (widgets.HTML, widgets.Label, widgets.HTMLMath)):
            found.append(node)
    return found


def _label(control) -> str:
    """The control's visible label (ipywidgets draws ``description`` as the control's ``<label>``)."""
    return (getattr(control, "description", "") or "").strip()


@pytest.mark.parametrize("make, expected", [
    (lambda: explore.ally_card(data.load("members")), {"Dropdown": 1}),
    (explore.withdrawal_calculator, {"DatePicker": 2, "Checkbox": 1}),
    (explore.membership_explorer, {"IntSlider": 1}),
    (lab.scenario_lab, {"FloatSlider": 3}),
], ids=["ally-card", "withdrawal-calculator", "membership-explorer", "scenario-lab"])
def test_explorer_widgets_label_their_controls(make, expected):
    controls = _inputs(make())
    kinds = {}
    for control in controls:
        kinds[type(control).__name__] = kinds.get(type(control).__name__, 0) + 1
    assert kinds == expected, f"controls found: {kinds}"
    unlabelled = [type(c).__name__ for c in controls if not _label(c)]
    assert unlabelled == [], f"controls without a visible label: {unlabelled}"
    assert len({_label(c) for c in controls}) == len(controls), "two controls share one label"
