"""Keyboard only, in JupyterLab: one question of every type answered with Tab, Space, Enter, arrows
and typing, in the exercise notebook's widgets, as a keyboard user does it.

JupyterLab's notebook listens to keys on the whole page, and in command mode the arrows move to
another cell, letters add or delete cells and Enter opens a cell's editor. These tests hold that
keys pressed on a question's controls do the control's own work instead (choose an option, change
a list, press a button), that the notebook stays where it was, that focus is always visible, that
the options are one named group tied to the question, and that the feedback, the attempt count,
the hints and the explanation land in live regions that existed before the change.
"""

import re

import pytest

from lab_page import run_notebook, use_theme, write_notebook
from test_jupyterlab import NOTEBOOK, jupyterlab  # noqa: F401  (the fixture that runs JupyterLab)

QUESTIONS = 8

# The element that has focus, and how its focus is drawn: outline style, width and colour, and the
# colour it is drawn on: the background of the first ancestor that holds the whole outline (a
# slider's thin track does not), or the page's white.
FOCUS = """() => {
  const a = document.activeElement, s = getComputedStyle(a);
  const reach = (parseFloat(s.outlineWidth) || 0) + (parseFloat(s.outlineOffset) || 0);
  const box = a.getBoundingClientRect();
  let node = a.parentElement, behind = "rgb(255, 255, 255)";
  while (node) {
    const bg = getComputedStyle(node).backgroundColor, r = node.getBoundingClientRect();
    const holds = r.left <= box.left - reach && r.top <= box.top - reach &&
                  r.right >= box.right + reach && r.bottom >= box.bottom + reach;
    if (holds && bg && bg !== "transparent" && !/^rgba\\(.*, 0\\)$/.test(bg)) { behind = bg; break; }
    node = node.parentElement;
  }
  const question = a.closest(".natocourse-exercise");
  return { explorer: !!a.closest(".natocourse-explorer-live"), tag: a.tagName.toLowerCase(), type: a.type || "",
           name: a.textContent.trim() || a.value || "",
           question: question ? question.querySelector(".nc-title").textContent : null,
           style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, behind: behind };
}"""

ACTIVE_CELL = "() => document.querySelector('.jp-Notebook-cell.jp-mod-active .jp-InputArea-editor').textContent"
CELLS = "() => document.querySelectorAll('.jp-Notebook .jp-Notebook-cell').length"


def rgb(colour: str) -> tuple[float, float, float, float]:
    """An ``rgb()``/``rgba()`` computed colour as four numbers (alpha 1 when absent)."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def contrast(front: str, back: str) -> float:
    """WCAG contrast ratio of ``front`` (blended over ``back`` if translucent) against ``back``."""
    r1, g1, b1, alpha = rgb(front)
    r2, g2, b2, _ = rgb(back)
    blended = [alpha * f + (1 - alpha) * b for f, b in ((r1, r2), (g1, g2), (b1, b2))]

    def luminance(channels):
        linear = [c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(blended), luminance((r2, g2, b2))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_is_the_wcag_ratio():
    assert contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(21, abs=0.01)
    assert contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)") == pytest.approx(4.54, abs=0.01)
    assert contrast("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)") == pytest.approx(1)


@pytest.fixture(scope="module")
def lab(browser, jupyterlab):  # noqa: F811
    """The exercise notebook open in JupyterLab with every cell run and every widget drawn."""
    base, token, _ = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    run_notebook(page, f"{base}/lab/tree/{NOTEBOOK.name}?token={token}",
                 f"document.querySelectorAll('.natocourse-exercise .nc-title').length >= {QUESTIONS}")
    yield page
    context.close()


def chosen(select) -> str:
    """The text of a list's chosen option (ipywidgets writes its spaces as no-break spaces)."""
    return select.evaluate("s => s.options[s.selectedIndex].text").replace("\xa0", " ")


class Keyboard:
    """A keyboard user in the notebook: every step is a key press; every focus is checked visible."""

    def __init__(self, page):
        self.page = page
        self.focus_seen: list[dict] = []

    def press(self, key: str, times: int = 1) -> None:
        for _ in range(times):
            self.page.keyboard.press(key)

    def focused(self) -> dict:
        return self.page.evaluate(FOCUS)

    def tab_to(self, qid: str, tag: str, name: str | None = None) -> dict:
        """Tab (never click) until a ``tag`` control of question ``qid`` has focus."""
        for _ in range(60):
            self.press("Tab")
            now = self.focused()
            if now["question"] == f"Question {qid}":
                self.focus_seen.append(now)
            if now["question"] == f"Question {qid}" and now["tag"] == tag and name in (None, now["name"]):
                return now
        raise AssertionError(f"{qid}: Tab never reached a {tag} {name or ''}")

    def start_at_cell(self, source: str) -> None:
        """Command mode, then the arrows (the notebook's own keys) until ``source``'s cell is active."""
        self.page.locator(".jp-Notebook-cell").first.locator(".jp-InputPrompt").click()
        self.press("Escape")
        for _ in range(80):
            if source in self.page.evaluate(ACTIVE_CELL):
                return
            self.press("ArrowDown")
        raise AssertionError(f"the arrows never reached the cell {source}")

    def check(self, qid: str) -> str:
        """Tab to Check, press Enter; the verdict as the feedback's live region shows it."""
        question = self.page.locator(".natocourse-exercise", has_text=f"Question {qid}")
        region = question.locator(".nc-feedback")
        region.evaluate("r => { r.dataset.before = r.textContent; r.dataset.kept = 'yes'; }")
        self.tab_to(qid, "button", "Check")
        self.press("Enter")
        self.page.wait_for_function("r => r.textContent && r.textContent !== r.dataset.before", arg=region.element_handle(),
                                    timeout=30000)
        assert region.get_attribute("data-kept") == "yes", "the live region must be the same node, refilled"
        assert region.get_attribute("aria-live") == "polite"
        return region.inner_text().lstrip("✔✘… ")


def test_one_question_of_every_type_by_keyboard_alone_in_jupyterlab(lab):
    page = lab
    keys = Keyboard(page)
    cells = page.evaluate(CELLS)
    keys.start_at_cell('exercises.show("tour-01")')

    # Choice: Tab into the options, arrows move the choice (and not the notebook), Space picks.
    keys.tab_to("tour-01", "input")
    keys.press("ArrowDown", 2)  # 1952 -> 1955
    radios = page.locator(".natocourse-exercise", has_text="Question tour-01").locator("input[type=radio]")
    assert [r.is_checked() for r in radios.all()] == [False, False, True, False]
    assert 'exercises.show("tour-01")' in page.evaluate(ACTIVE_CELL), "the arrows moved the notebook"
    assert keys.check("tour-01").startswith("Not yet")
    assert page.locator(".natocourse-exercise", has_text="Question tour-01").locator(".nc-attempts").inner_text() \
        == "Attempts: 1"
    keys.press("Shift+Tab")  # back from Check to the options, which keep the choice
    keys.press("ArrowUp", 2)
    assert keys.check("tour-01").startswith("Correct")

    # Several options: Tab from box to box, Space ticks.
    keys.tab_to("tour-02", "input", "Canada")
    for option in ["Canada", "Germany", "Greece", "Iceland", "Portugal", "Spain"]:
        if option in ("Canada", "Iceland", "Portugal"):
            keys.press("Space")
        keys.press("Tab")
    keys.press("Shift+Tab")
    assert keys.check("tour-02").startswith("Correct")

    # Numbers and text: type, Enter checks from the text box.
    for qid, typed in (("tour-03", "3"), ("tour-04", "1.4 %"), ("tour-05", "Turkey")):
        keys.tab_to(qid, "input")
        page.keyboard.type(typed)
        region = page.locator(".natocourse-exercise", has_text=f"Question {qid}").locator(".nc-feedback")
        keys.press("Enter")
        region.filter(has_text="Correct").wait_for(timeout=30000)

    # Ordering and matching: arrows on a closed list change it; letters jump to an option.
    keys.tab_to("tour-06", "select")
    for n, country in enumerate(["Spain", "Poland", "Estonia", "Montenegro", "Finland"]):
        keys.press(country[0])  # type-ahead: S, P, E, M, F (none of them may touch the notebook)
        if n < 4:
            keys.press("Tab")
    assert page.evaluate(CELLS) == cells, "a letter key added or deleted a notebook cell"
    assert keys.check("tour-06").startswith("Correct")
    keys.tab_to("tour-07", "select")
    for n, year in enumerate(["1955", "1982", "2009", "2020", "2024"]):  # Germany, Spain, Croatia, N. Macedonia, Sweden
        keys.press("ArrowDown", n + 1)
        if n < 4:
            keys.press("Tab")
    assert keys.check("tour-07").startswith("Correct")

    # A data question (answered in code): its hints by keyboard, into their live region.
    hint = keys.tab_to("tour-08", "button", "Hint 1 of 2")
    hints = page.locator(".natocourse-exercise", has_text="Question tour-08").locator(".nc-hints")
    assert hints.get_attribute("aria-live") == "polite"
    keys.press("Enter")
    hints.locator("li").first.wait_for(timeout=30000)
    assert keys.focused()["name"] == "Hint 2 of 2", "focus stays on the Hint button, which now offers the next hint"
    assert hint["question"] == "Question tour-08"

    assert page.evaluate(CELLS) == cells
    assert page.locator(".jp-Notebook.jp-mod-commandMode").count() == 1, "Enter on a button opened a cell editor"

    # Every control reached showed a focus outline of at least 2 px and 3:1 against its background.
    assert {(f["tag"], f["type"]) for f in keys.focus_seen} >= {("input", "radio"), ("input", "checkbox"),
                                                                ("input", "text"), ("select", "select-one"),
                                                                ("button", "button")}
    faint = [f for f in keys.focus_seen if f["style"] == "none" or f["width"] < 2 or contrast(f["colour"], f["behind"]) < 3]
    assert faint == [], faint


def test_the_explanation_and_attempts_are_live_regions_by_keyboard(lab):
    page = lab
    keys = Keyboard(page)
    question = page.locator(".natocourse-exercise", has_text="Question tour-01")
    for region in ("nc-feedback", "nc-attempts", "nc-hints", "nc-explanation"):
        assert question.locator(f".{region}").get_attribute("aria-live") == "polite", region
    keys.start_at_cell('exercises.show("tour-01")')
    keys.tab_to("tour-01", "button", "Show explanation")
    keys.press("Enter")
    question.locator(".nc-explanation .nc-label", has_text="Explanation").wait_for(timeout=30000)


def test_each_question_is_a_named_group_whose_options_are_a_group(lab):
    """What a screen reader hears: the question's title names its group; the options are one
    group with its legend; every control has its own name."""
    snapshot = lab.locator(".natocourse-exercise", has_text="Question tour-01").aria_snapshot()
    assert snapshot.startswith('- group "Question tour-01"')
    assert '- group "Choose one option"' in snapshot
    for option in ("1949-04-04", "1952-02-18", "1955-05-06", "1999-03-12"):
        assert f'- radio "{option}"' in snapshot
    names = lab.locator(".natocourse-exercise", has_text="Question tour-01").locator("input[type=radio]")
    assert len({n.get_attribute("name") for n in names.all()}) == 1
    matching = lab.locator(".natocourse-exercise", has_text="Question tour-07").aria_snapshot()
    for item in ("Germany", "Spain", "Croatia", "North Macedonia", "Sweden"):
        assert f'- combobox "{item}"' in matching
    text = lab.locator(".natocourse-exercise", has_text="Question tour-04").aria_snapshot()
    assert '- textbox "Your answer (in %)"' in text


def test_focus_stays_visible_in_the_dark_theme(lab):
    """Switch JupyterLab to its dark theme from the command palette, then Tab through a question."""
    page = lab
    use_theme(page, "JupyterLab Dark")
    keys = Keyboard(page)
    keys.start_at_cell('exercises.show("tour-07")')
    try:
        keys.tab_to("tour-07", "button", "Show explanation")
    finally:
        use_theme(page, "JupyterLab Light")
    faint = [f for f in keys.focus_seen if f["style"] == "none" or f["width"] < 2 or contrast(f["colour"], f["behind"]) < 3]
    assert keys.focus_seen and faint == [], faint


def test_an_explorer_list_and_slider_work_by_keyboard_and_keep_the_notebook_still(browser, jupyterlab):  # noqa: F811
    """The ally card's list: arrows and letters choose allies (before, they moved to another cell
    and "d d" deleted one); the card that answers is a live region. The membership slider moves by
    arrows, and the notebook's active cell stays put. Focus on both shows, in the light and dark themes."""
    base, token, workdir = jupyterlab
    write_notebook(workdir / "explorers-by-keyboard.ipynb",
                   'from natocourse import data, explore\nexplore.ally_card(data.load("members"))',
                   "explore.membership_explorer(1991)", "1 + 1")
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        # a workspace of its own, so that only this notebook is open
        run_notebook(page, f"{base}/lab/workspaces/explorers/tree/explorers-by-keyboard.ipynb?token={token}",
                     "document.querySelectorAll('.natocourse-explorer-result[aria-live=polite]').length >= 2")
        keys = Keyboard(page)
        cells = page.evaluate(CELLS)
        keys.start_at_cell("explore.ally_card")
        for _ in range(20):
            keys.press("Tab")
            if page.evaluate("() => document.activeElement.tagName") == "SELECT":
                break
        ally = page.locator(".natocourse-explorer-live select").first
        card = page.locator(".natocourse-explorer-live .natocourse-explorer-result").first
        card_before = card.inner_text()
        focus = [keys.focused()]
        keys.press("ArrowUp")  # the list starts at its last ally, the United States
        assert chosen(ally) == "United Kingdom", "the arrow did not change the list"
        keys.press("d", 2)
        assert chosen(ally) == "Denmark"
        page.wait_for_function("([c, old]) => c.innerText !== old", arg=[card.element_handle(), card_before])
        assert page.evaluate(CELLS) == cells, "a key pressed on the list added or deleted a cell"
        assert "explore.ally_card" in page.evaluate(ACTIVE_CELL), "the arrows moved the notebook"

        slider = page.locator(".natocourse-explorer-live [role=slider]").first
        for _ in range(20):
            keys.press("Tab")
            if page.evaluate("() => document.activeElement.getAttribute('role')") == "slider":
                break
        focus.append(keys.focused())
        year = float(slider.get_attribute("aria-valuenow"))
        keys.press("ArrowUp")
        keys.press("ArrowRight")
        assert float(slider.get_attribute("aria-valuenow")) > year
        assert "explore.membership_explorer" in page.evaluate(ACTIVE_CELL)
        assert page.evaluate(CELLS) == cells
        use_theme(page, "JupyterLab Dark")  # the same control again, in the dark theme
        keys.press("Shift+Tab")
        keys.press("Tab")
        focus.append(keys.focused())
        use_theme(page, "JupyterLab Light")
        assert all(f["explorer"] for f in focus) and [f["tag"] for f in focus] == ["select", "div", "div"]
        faint = [f for f in focus if f["style"] == "none" or f["width"] < 2 or contrast(f["colour"], f["behind"]) < 3]
        assert faint == [], faint
    finally:
        context.close()
