"""MyST in JupyterLab: a student who opens lesson 6 sees citations, admonitions and glossary terms
rendered as the book shows them (jupyterlab-myst), not as raw markup.

The lesson is read as a student sees it, with JupyterLab's own settings (its default windowing
draws a cell only once it comes into view): each markdown cell is scrolled into view and its
visible text is read once it has been rendered. The same reading on a JupyterLab with
jupyterlab-myst switched off must find the raw markup, or the check would not see it either.
"""

import json
import re
import shutil
from pathlib import Path

import pytest

from lab_page import jupyterlab_server

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "06-the-bill.ipynb"
RAW = ("{cite}", "{admonition}", "{term}", "{note}", "{tip}", "{doc}", "```")
#: A MyST directive opening a box (admonition, note, tip ...) in the lesson's source.
BOX = re.compile(r"^```\{(admonition|note|tip|warning|important|seealso)\}", re.M)


def _server(tmp_path_factory, *disabled):
    workdir = tmp_path_factory.mktemp("lab")
    shutil.copy(LESSON, workdir / LESSON.name)
    shutil.copy(ROOT / "notebooks" / "00-how-to-use.ipynb", workdir / "00-how-to-use.ipynb")
    with jupyterlab_server(workdir, tmp_path_factory.mktemp("lab-state"), disabled=disabled) as (base, token):
        yield base, token


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """JupyterLab as a student has it: its default settings, jupyterlab-myst on."""
    yield from _server(tmp_path_factory)


@pytest.fixture(scope="module")
def jupyterlab_without_myst(tmp_path_factory):
    """The same JupyterLab with the jupyterlab-myst extension disabled."""
    yield from _server(tmp_path_factory, "jupyterlab-myst")


def markdown_sources(path: Path) -> list[str]:
    return ["".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
            if c["cell_type"] == "markdown"]


def shown_markdown(page, base: str, token: str, path: Path) -> list[str]:
    """The text a student sees in each markdown cell of the notebook, in order.

    A cell's visible text is empty until its Markdown has been rendered (the source sits in a
    hidden editor) and, with JupyterLab's windowing, until it has come into view: so each cell is
    scrolled into view and read once it shows text.
    """
    count = len(markdown_sources(path))
    page.goto(f"{base}/lab/tree/{path.name}?token={token}", timeout=90000)
    page.wait_for_function("n => document.querySelectorAll('.jp-MarkdownCell').length === n",
                           arg=count, timeout=90000)
    cells = page.locator(".jp-MarkdownCell")
    shown = []
    for n in range(count):
        cell = cells.nth(n)
        cell.scroll_into_view_if_needed()
        page.wait_for_function("cell => cell.innerText.trim().length > 0", arg=cell.element_handle(),
                               timeout=60000)
        shown.append(cell.inner_text())
    return shown


def raw_myst(page, shown: list[str]) -> list[str]:
    """What shows lesson 6's MyST unrendered on its open ``page`` (``shown``: its cells' visible
    text): raw markup, a box drawn as a code block, or not as many boxes drawn as the source has."""
    problems = [f"markdown cell {n + 1} shows {raw!r}" for n, text in enumerate(shown) for raw in RAW if raw in text]
    if page.locator(".jp-MarkdownCell pre", has_text="By the end of this chapter you can").count():
        problems.append("the learning objectives are a code block, not a box")
    boxes = sum(len(BOX.findall(source)) for source in markdown_sources(LESSON))
    drawn = page.locator(".jp-MarkdownCell aside[class*=admonition]").count()
    if drawn != boxes:
        problems.append(f"{drawn} boxes drawn for the {boxes} admonitions of the source")
    return problems


def test_lesson_6_shows_no_raw_myst_in_jupyterlab(browser, jupyterlab):
    base, token = jupyterlab
    source = LESSON.read_text(encoding="utf-8")
    assert source.count("{cite}") >= 10 and "{admonition}" in source and "{term}" in source   # it uses MyST
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        shown = shown_markdown(page, base, token, LESSON)
        assert raw_myst(page, shown) == []
        assert "sort them into checkable claims" in " ".join(" ".join(shown).split())
    finally:
        (ROOT / "_build" / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / "_build" / "screenshots" / "jupyterlab-myst-lesson-6.png"))
        context.close()


def test_without_jupyterlab_myst_the_check_sees_raw_myst(browser, jupyterlab_without_myst):
    base, token = jupyterlab_without_myst
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        problems = raw_myst(page, shown_markdown(page, base, token, LESSON))
    finally:
        context.close()
    assert any("shows '{cite}'" in p for p in problems), problems
    assert "the learning objectives are a code block, not a box" in problems
    assert any("boxes drawn" in p for p in problems), problems


def test_the_how_to_lesson_links_to_the_student_exercise_tour(browser, jupyterlab):
    base, token = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/00-how-to-use.ipynb?token={token}", timeout=90000)
        link = page.locator(".jp-MarkdownCell a", has_text="exercises/01-exercise-tour.ipynb").first
        link.wait_for(state="attached", timeout=90000)
        href = link.get_attribute("href") or ""
        assert "exercises/01-exercise-tour" in href and "solutions" not in href, href
    finally:
        context.close()
