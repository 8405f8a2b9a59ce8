"""The toy question type in the book: its own input view drawn by view.js's registry, checked by
engine.js with the checking family its class names (tests/toy_type, tests/test_toy_question_type.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from natocourse.engine import export

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from toy_type.truefalse import TrueFalse  # noqa: E402

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>toy</title>
<script src="natocourse/engine-data.js"></script><script src="natocourse/questions.js"></script>
<script src="natocourse/engine.js"></script></head><body><main><article><section>
<div data-question="toy-01"></div></section></article></main></body></html>"""


def test_a_new_type_is_rendered_answered_and_checked_in_the_book(page, tmp_path):
    question = TrueFalse("toy-01", "The North Atlantic Treaty was signed in 1949.",
                         key=TrueFalse.key("toy-01", "True")[0], feedback={"False": "It was 1949."},
                         explanation="Signed on 4 April 1949.", register=False)
    export.write_assets(tmp_path, questions=[question])
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_selector("html[data-natocourse-ready='1']")
    box = page.locator('[data-question="toy-01"]')
    assert box.get_by_role("group", name="True or false").count() == 1
    feedback = box.locator(".nc-feedback")

    box.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function("document.querySelector('.nc-feedback').textContent.includes('Not yet answered')")
    box.get_by_role("button", name="False", exact=True).click()
    box.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function("document.querySelector('.nc-feedback').textContent.includes('It was 1949')")
    assert feedback.inner_text().endswith("Not yet: It was 1949.")
    box.get_by_role("button", name="True", exact=True).focus()
    page.keyboard.press("Enter")
    assert box.get_by_role("button", name="True", exact=True).get_attribute("aria-pressed") == "true"
    box.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function("document.querySelector('.nc-feedback').textContent.includes('Correct')")
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 2"
    box.get_by_role("button", name="Show explanation").click()
    assert "Signed on 4 April 1949." in box.locator(".nc-explanation").inner_text()
    stored = page.evaluate("NatoCourse.progress.read()")
    assert [(a["question"], a["answer"], a["status"]) for a in stored] == [
        ("toy-01", "False", "incorrect"), ("toy-01", "True", "correct")]
    assert page.problems.items == []
