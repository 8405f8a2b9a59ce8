"""MyST in JupyterLab: a student who opens lesson 6 sees citations, admonitions and glossary terms
rendered as the book shows them (jupyterlab-myst), not as raw markup."""

import shutil
from pathlib import Path

from test_jupyterlab import jupyterlab  # noqa: F401 - the running JupyterLab server fixture

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "06-the-bill.ipynb"
RAW = ("{cite}", "{admonition}", "{term}", "{note}", "{doc}", "```")


def test_lesson_6_shows_no_raw_myst_in_jupyterlab(browser, jupyterlab):  # noqa: F811
    base, token, workdir = jupyterlab
    shutil.copy(LESSON, workdir / LESSON.name)
    source = LESSON.read_text(encoding="utf-8")
    assert source.count("{cite}") >= 10 and "{admonition}" in source   # the lesson does use the markup
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/{LESSON.name}?token={token}", timeout=90000)
        notebook = page.locator(".jp-Notebook").first
        notebook.wait_for(timeout=90000)
        page.locator(".jp-MarkdownCell", has_text="Learning objectives").first.wait_for(timeout=90000)
        # Rendering is asynchronous: wait until no markdown cell shows raw markup any more.
        page.wait_for_function(
            """(raw) => {
                const cells = [...document.querySelectorAll('.jp-MarkdownCell')];
                return cells.length > 5 && cells.every(c => raw.every(r => !c.innerText.includes(r)));
            }""", arg=list(RAW), timeout=60000)
        rendered = "\n".join(page.locator(".jp-MarkdownCell").all_inner_texts())
        for raw in RAW:
            assert raw not in rendered, f"{raw!r} shown as raw text in JupyterLab"
        # The objectives box is an admonition, not a grey code block.
        assert page.locator(".jp-MarkdownCell pre", has_text="Learning objectives").count() == 0
        assert page.locator(".jp-MarkdownCell code", has_text="{admonition}").count() == 0
        assert "sort them into checkable claims" in rendered
    finally:
        (ROOT / "_build" / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / "_build" / "screenshots" / "jupyterlab-myst-lesson-6.png"))
        context.close()


def test_the_how_to_lesson_links_to_the_student_exercise_tour(browser, jupyterlab):  # noqa: F811
    base, token, workdir = jupyterlab
    lesson = ROOT / "notebooks" / "00-how-to-use.ipynb"
    shutil.copy(lesson, workdir / lesson.name)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/{lesson.name}?token={token}", timeout=90000)
        link = page.locator(".jp-MarkdownCell a", has_text="exercises/01-exercise-tour.ipynb").first
        link.wait_for(state="attached", timeout=90000)
        href = link.get_attribute("href") or ""
        assert "exercises/01-exercise-tour" in href and "solutions" not in href, href
    finally:
        context.close()
