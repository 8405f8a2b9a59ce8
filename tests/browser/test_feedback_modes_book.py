"""A problem set's feedback mode in the book: engine.js follows the mode the page declares.

A problem set's first cell, ``exercises.assignment(...)``, displays the mode with the mode as data
(``data-natocourse-mode``); when the notebook is built into a page, its questions' outputs and
that one arrive together, and engine.js reads it. Each mode is tried here in Chromium on a page
made from the engine's own assets, with the cell's own markup (``notebook.mode_bundle``).
"""

from __future__ import annotations

import pytest

from natocourse.engine import export, notebook, policy, registry

RIGHT, WRONG, OTHER = "1949-04-04", "1952-02-18", "1955-05-06"


def make_page(folder, mode: policy.Mode | None):
    export.write_assets(folder, questions=[registry.get("tour-01")])
    declared = notebook.mode_bundle(mode)["text/html"] if mode else ""
    (folder / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>modes</title>'
        '<script src="natocourse/engine-data.js"></script><script src="natocourse/questions.js"></script>'
        '<script src="natocourse/engine.js"></script></head><body><main><article><section>'
        f'{declared}<div data-question="tour-01"></div></section></article></main></body></html>', encoding="utf-8")
    return (folder / "index.html").as_uri()


def answer(page, option: str) -> str:
    box = page.locator('[data-question="tour-01"]')
    box.get_by_role("radio", name=option).check()
    before = int(box.get_attribute("data-checks") or 0)
    box.get_by_role("button", name="Check", exact=True).click()
    page.wait_for_function(f"""Number(document.querySelector('[data-question="tour-01"]')
                               .getAttribute('data-checks') || 0) > {before}
                               || document.querySelector('.nc-feedback').className.includes('nc-closed')""")
    return box.locator(".nc-feedback").inner_text()


def explanation(page) -> str:
    box = page.locator('[data-question="tour-01"]')
    box.get_by_role("button", name="Show explanation").click()
    return box.locator(".nc-explanation").inner_text()


def test_feedback_none_records_without_saying_right_or_wrong(page, tmp_path):
    page.goto(make_page(tmp_path, policy.Mode("ps1", "none", None, "2027-03-15")))
    page.wait_for_selector("html[data-natocourse-ready='1']")
    assert answer(page, RIGHT).endswith(policy.WORDS["recorded"])
    assert answer(page, WRONG).endswith(policy.WORDS["recorded"])
    assert explanation(page) == policy.WORDS["explanation_graded"]
    stored = page.evaluate("NatoCourse.progress.read()")
    assert [(a["status"], a["correct"], a["assignment"], a["answer"]) for a in stored] == [
        ("recorded", False, "ps1", RIGHT), ("recorded", False, "ps1", WRONG)]
    assert page.locator(".nc-summary-text").inner_text().startswith("Answered 1 of 1")
    page.reload()
    page.wait_for_selector("html[data-natocourse-ready='1']")
    assert page.locator(".nc-feedback").inner_text().endswith(policy.WORDS["kept_recorded"])
    assert page.problems.items == []


def test_limited_attempts_give_verdicts_then_close(page, tmp_path):
    page.goto(make_page(tmp_path, policy.Mode("ps2", "attempts", 2)))
    page.wait_for_selector("html[data-natocourse-ready='1']")
    page.evaluate("""NatoCourse.progress.write([{question: "tour-01", chapter: "tour", correct: false,
                     status: "incorrect", time: "2026-01-01T00:00:00Z", source: "book", notebook: ""}])""")
    page.reload()  # a practice attempt outside the problem set uses none of its attempts
    page.wait_for_selector("html[data-natocourse-ready='1']")
    box = page.locator('[data-question="tour-01"]')
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 0 of 2"
    assert "Not yet" in answer(page, WRONG)
    assert "Not yet" in answer(page, OTHER)
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 2 of 2"
    assert answer(page, RIGHT).endswith(policy.say("attempts_used", max=2))
    assert explanation(page) == policy.WORDS["explanation_graded"]
    stored = [a for a in page.evaluate("NatoCourse.progress.read()") if a.get("assignment") == "ps2"]
    assert [a["answer"] for a in stored] == [WRONG, OTHER]  # the third was not checked, nor recorded
    assert page.problems.items == []


def test_a_right_answer_closes_the_question_under_attempts(page, tmp_path):
    page.goto(make_page(tmp_path, policy.Mode("ps3", "attempts", 3)))
    page.wait_for_selector("html[data-natocourse-ready='1']")
    assert answer(page, RIGHT).endswith("Correct.")
    assert answer(page, WRONG).endswith(policy.WORDS["already_right"])
    assert explanation(page) == policy.WORDS["explanation_graded"]


@pytest.mark.parametrize("mode", [None, policy.Mode("ps4", "instant")], ids=["practice page", "instant set"])
def test_instant_feedback_opens_the_explanation_after_tries(page, tmp_path, mode):
    page.goto(make_page(tmp_path, mode))
    page.wait_for_selector("html[data-natocourse-ready='1']")
    assert "Not yet" in answer(page, WRONG)
    assert "Not yet" in answer(page, OTHER)
    assert registry.get("tour-01").explanation[:40] in explanation(page)
