"""End to end in JupyterLab: a student opens an exercise notebook, runs every cell, answers
questions through their widgets, presses Check, reads the feedback and saves; the instructor
collects the saved notebook and grades it, and the widget answers count.

JupyterLab runs on a loopback port with a random token (``lab_page.jupyterlab_server``), in a
temporary folder holding a copy of the exercise notebook, with its own configuration and settings
(never the user's ``~/.jupyter``); news and update checks (which would go to the network) are
switched off. The server is always stopped at the end.
"""

import shutil
import time
from pathlib import Path

import pytest

from lab_page import jupyterlab_server, run_all_cells, wait_for_idle_kernel, write_notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "exercises" / "01-exercise-tour.ipynb"


@pytest.fixture(scope="module")
def jupyterlab(tmp_path_factory):
    """A running JupyterLab server (lab_page.jupyterlab_server) that renders every cell, not only
    those in view: yields its base URL, token and folder; stops it afterwards."""
    workdir = tmp_path_factory.mktemp("lab")
    shutil.copy(NOTEBOOK, workdir / NOTEBOOK.name)
    every_cell = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    with jupyterlab_server(workdir, tmp_path_factory.mktemp("lab-state"), settings=every_cell) as (base, token):
        yield base, token, workdir


def test_student_answers_a_question_in_jupyterlab(browser, jupyterlab):
    base, token, workdir = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/{NOTEBOOK.name}?token={token}", timeout=90000)
        wait_for_idle_kernel(page)  # the kernel starts on its own, or JupyterLab asks which one
        run_all_cells(page)

        question = page.locator(".natocourse-exercise", has_text="tour-01").first
        question.wait_for(state="attached", timeout=60000)  # cells out of view may be hidden
        question.scroll_into_view_if_needed()
        question.get_by_label("1949-04-04", exact=True).check()
        question.get_by_role("button", name="Check", exact=True).click()
        feedback = question.locator(".nc-feedback", has_text="Correct.")
        feedback.wait_for(timeout=30000)
        assert "Correct." in feedback.inner_text()
        assert question.locator(".nc-attempts").inner_text() == "Attempts: 1"

        text = page.locator(".natocourse-exercise", has_text="tour-05").first
        text.scroll_into_view_if_needed()
        text.get_by_role("textbox").fill("Turkey")
        text.get_by_role("button", name="Check", exact=True).click()
        text.locator(".nc-feedback", has_text="Correct.").wait_for(timeout=30000)

        saved_before = (workdir / NOTEBOOK.name).stat().st_mtime
        page.keyboard.press("Control+s")
        deadline = time.monotonic() + 30
        while (workdir / NOTEBOOK.name).stat().st_mtime == saved_before and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        (ROOT / "_build" / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / "_build" / "screenshots" / "jupyterlab-exercise.png"))
        context.close()


def test_widget_answers_saved_in_jupyterlab_are_graded(jupyterlab, tmp_path):
    """Collect the notebook the student saved above and grade it: the widget answers count."""
    from natocourse import grading
    from natocourse.tooling.course import Limits

    base, token, workdir = jupyterlab
    submitted = tmp_path / "lin" / NOTEBOOK.name
    submitted.parent.mkdir()
    shutil.copy(workdir / NOTEBOOK.name, submitted)
    rows = {r.question: r for r in grading.grade([submitted], limits=Limits(timeout=60), quiet=True)}
    assert rows["tour-01"].verdict == "correct" and "widget" in rows["tour-01"].reason
    assert rows["tour-05"].verdict == "correct" and rows["tour-05"].answer == "'Turkey'"
    assert rows["tour-03"].verdict == "not_answered"


def test_explorer_is_the_live_widget_in_jupyterlab(browser, jupyterlab):
    """An explorer also carries a static text/html rendering for the book; JupyterLab must keep
    showing the live widget (a date picker that recomputes), not that static copy."""
    base, token, workdir = jupyterlab
    write_notebook(workdir / "explorer.ipynb", 'from natocourse import explore\nexplore.withdrawal_calculator("2027-06-01")')
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{base}/lab/tree/explorer.ipynb?token={token}", timeout=90000)
        page.locator(".jp-Notebook").first.wait_for(timeout=90000)
        choose = page.get_by_role("button", name="Select", exact=True)
        panel = page.locator(".jp-NotebookPanel", has_text="withdrawal_calculator")
        prompt = panel.locator(".jp-InputArea-prompt").first
        picker = panel.locator(".jp-OutputArea .widget-datepicker input[type=date]").first
        deadline = time.monotonic() + 120
        while True:  # the kernel may still be starting: run (once it is not queued) until the output appears
            if choose.is_visible():
                choose.click()
            if prompt.inner_text().strip() == "[ ]:":
                run_all_cells(page)
            try:
                picker.wait_for(timeout=10000)
                break
            except Exception:  # playwright's TimeoutError: not run yet (kernel still starting)
                if time.monotonic() > deadline:
                    raise
        assert panel.locator(".jp-OutputArea [data-explorer]").count() == 0  # not the book's static copy
        card = panel.locator(".jp-OutputArea .widget-html", has_text="Act enacted").first
        assert "1 July 2028" in card.inner_text()
        picker.fill("2028-01-30")
        picker.press("Enter")
        panel.locator(".jp-OutputArea .widget-html", has_text="28 February 2029").first.wait_for(timeout=30000)
    finally:
        (ROOT / "_build" / "screenshots").mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ROOT / "_build" / "screenshots" / "jupyterlab-explorer.png"))
        context.close()
