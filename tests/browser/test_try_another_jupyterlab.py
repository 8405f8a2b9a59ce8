"""'Try another' in JupyterLab: the widget asks the kernel for another version, by keyboard.

A notebook registers the drill questions with variants (tests/variant_fixtures.py, in that kernel
only) and shows one with ``exercises.show``. Enter on Try another makes the kernel send the next
version (export.practice_variants, i.e. variants.practice(q, n)): the prompt changes, focus stays on
the button, the feedback region says so; an answer right for the question as set is wrong for the
version, the version's own right answer (Python's) is correct, and neither is recorded in the
progress file. In a problem set the widget offers none. axe-core finds no serious or critical
violation in the widget with its new button, in JupyterLab's light and dark themes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from axe_audit import audit_widget_in_lab_themes
from lab_page import jupyterlab_server, run_notebook, write_notebook
from natocourse.engine import export, policy

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))
from variant_fixtures import questions  # noqa: E402

SETUP = (f"import sys\nsys.path.insert(0, {str(TESTS)!r})\nfrom variant_fixtures import questions\n"
         "from natocourse.engine import registry\nfor q in questions():\n    registry.register(q)")


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving two notebooks that show drill-01: for self-study, and in a problem set."""
    workdir = tmp_path_factory.mktemp("another-lab")
    write_notebook(workdir / "practice.ipynb", SETUP, 'from natocourse import exercises\nexercises.show("drill-01")')
    write_notebook(workdir / "problem-set.ipynb", SETUP, 'from natocourse import exercises\n'
                   'exercises.assignment("ps1")', 'exercises.show("drill-01")')
    state = tmp_path_factory.mktemp("another-lab-state")
    every_cell = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    with jupyterlab_server(workdir, state, settings=every_cell) as (base, token):
        yield base, token, state / "home"


def recorded(home: Path) -> list:
    file = home / "progress.json"
    return json.loads(file.read_text(encoding="utf-8"))["attempts"] if file.exists() else []


def test_try_another_by_keyboard_asks_the_kernel_for_a_version_it_then_judges(lab, lab_page):
    base, token, home = lab
    page = lab_page
    number = questions()[0]
    made = export.practice_variants(number)
    run_notebook(page, f"{base}/lab/tree/practice.ipynb?token={token}",
                 "document.querySelectorAll('.natocourse-exercise .nc-another').length === 1")
    box = page.locator(".natocourse-exercise", has_text="drill-01").first
    feedback = box.locator(".nc-feedback")
    cells = page.evaluate("document.querySelectorAll('.jp-Notebook .jp-Notebook-cell').length")
    button = box.get_by_role("button", name="Try another", exact=True)
    assert feedback.get_attribute("aria-live") == "polite"
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("([p]) => document.querySelector('.natocourse-exercise .nc-prompt').textContent === p",
                           arg=[made[0].prompt.replace("**", "")], timeout=30000)
    assert page.evaluate("document.activeElement.textContent") == "Try another"  # focus stays on it
    assert feedback.inner_text() == policy.WORDS["another"]
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 0"

    answer = box.get_by_role("textbox")
    answer.focus()
    page.keyboard.type(f"{number.answer:g}")  # right for the question as set, wrong for this version
    page.keyboard.press("Enter")
    box.locator(".nc-feedback", has_text="Not yet").wait_for(timeout=30000)
    answer.fill("")
    page.keyboard.type(f"{made[0].answer:g} years")
    page.keyboard.press("Enter")
    box.locator(".nc-feedback", has_text="Correct.").wait_for(timeout=30000)
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 2"
    assert [a for a in recorded(home) if a["question"] == "drill-01"] == []  # practice is not recorded
    assert page.evaluate("document.querySelectorAll('.jp-Notebook .jp-Notebook-cell').length") == cells

    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("([p]) => document.querySelector('.natocourse-exercise .nc-prompt').textContent === p",
                           arg=[made[1].prompt.replace("**", "")], timeout=30000)
    assert box.get_by_role("textbox").input_value() == "" and box.locator(".nc-attempts").inner_text() == "Attempts: 0"

    audit_widget_in_lab_themes(page, "practice.ipynb")


def test_a_problem_set_offers_no_try_another(lab, lab_page):
    base, token, _ = lab
    run_notebook(lab_page, f"{base}/lab/workspaces/ps/tree/problem-set.ipynb?reset&token={token}",
                 "document.querySelectorAll('.natocourse-exercise .nc-check').length === 1")
    assert lab_page.locator(".natocourse-exercise .nc-another").count() == 0
