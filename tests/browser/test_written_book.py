"""A written answer in the built book, with no kernel: write, Submit, aids, rubric, model answer,
reload, export and import, hostile text, the length limit, keyboard only and axe-core.

The markup contract: the question's ``data-question`` element holds one labelled ``textarea``, a
live word count, a button named exactly "Submit", and its first live region says "Saved ..." once
the text is kept in the browser (localStorage, the same progress format as every answer). After a
submission the aids (word count and evidence check) and the rubric, one labelled checkbox per
criterion, are shown, and "Show model answer" opens the model answer.
"""

from __future__ import annotations

import json

import pytest

from axe_audit import AxeMissing, axe_source, blocking, report, run_axe
from natocourse.engine import evidence, export, notebook, policy, registry
from test_book_exercises import open_page

PAGE = "solutions/08-burden-sharing.html"
QID = "burden-05"
TEXT = ("Share of GDP is the fair measure. Poland spent 4.07 % of GDP in 2024 in NATO's April 2025 release, and "
        "the United States spent US$ 968 bn in 2024 (SIPRI). The objection that size matters is about capability.")
HOSTILE = ('<img src=x onerror="window.__pwned = 1"> **bold** =HYPERLINK("http://x") and '
           'a quotation: "<b>not in any source</b> at all"')


@pytest.fixture
def essay(page, book_url):
    open_page(page, book_url + PAGE)
    box = page.locator(f'[data-question="{QID}"]')
    box.scroll_into_view_if_needed()
    return box


def feedback(box) -> str:
    return box.locator('[aria-live="polite"]').first.inner_text().lstrip("✔✘…✎ ").strip()


def submit(page, box, before: str | None = None) -> str:
    checks = box.get_attribute("data-checks") or ""
    box.get_by_role("button", name="Submit", exact=True).click()
    box.locator(f'xpath=self::*[@data-checks and @data-checks!="{checks}"]').wait_for(timeout=10000)
    return feedback(box)


def stored(page) -> list[dict]:
    return [a for a in page.evaluate("NatoCourse.progress.read()") if a["question"] == QID]


def test_write_submit_and_see_the_aids_the_rubric_and_the_model_answer(page, essay, tmp_path):
    box = essay
    text = box.get_by_role("textbox", name="Your answer (150\u2013300 words)")
    assert text.evaluate("t => t.tagName") == "TEXTAREA"
    count = box.locator(".nc-word-count")
    assert count.inner_text() == "0 words (asked: 150\u2013300)"
    assert box.locator(".nc-rubric").is_hidden()
    assert submit(page, box) == "Nothing to save yet: write your answer in the box, then press Submit."
    assert stored(page) == []
    text.fill(TEXT)
    words = evidence.count_words(TEXT)  # the live count in the page is Python's count
    assert count.inner_text() == f"{words} words (asked: 150\u2013300)"
    said = submit(page, box)
    assert said.startswith("Saved") and "Correct" not in said and "Not yet" not in said
    aids = box.locator(".nc-aids li").all_inner_texts()
    assert aids[0].endswith(f"{words} words: {150 - words} short of the 150 asked for.")
    assert any("4.07 % matches Poland, 2024" in a for a in aids) and any("US$ 968 bn matches United States" in a for a in aids)
    rubric = box.get_by_role("group", name="Rubric: tick each criterion your answer meets")
    assert rubric.is_visible() and rubric.get_by_role("checkbox").count() == 4
    rubric.get_by_label("Claim (2 points): Chooses one measure and says why it captures what fair means in the argument.").check()
    box.get_by_role("button", name="Show model answer").click()
    assert box.locator(".nc-explanation").inner_text().split(None, 2)[2].startswith("I would measure a fair share by effort")
    [attempt] = stored(page)
    assert (attempt["status"], attempt["answer"], attempt["source"]) == ("to_mark", TEXT, "book")
    assert "Solved" in page.locator(".nc-progress").inner_text() and "1 written answer saved for marking" in \
        page.locator(".nc-progress").inner_text()

    page.reload()
    page.wait_for_selector("html[data-natocourse-ready]")
    box = page.locator(f'[data-question="{QID}"]')
    assert box.get_by_role("textbox", name="Your answer (150\u2013300 words)").input_value() == TEXT
    page.wait_for_function(f"document.querySelectorAll('[data-question=\"{QID}\"] .nc-aids li').length > 1")
    assert feedback(box) == "Saved before: your last submitted answer is in the box, kept for your teacher to mark."
    assert box.locator(".nc-rubric").is_visible()

    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    assert [a["answer"] for a in json.loads(exported.read_text())["attempts"] if a["question"] == QID] == [TEXT]
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear progress").click()
    page.reload()
    page.wait_for_selector("html[data-natocourse-ready]")
    assert page.locator(f'[data-question="{QID}"] textarea').input_value() == ""
    page.get_by_label("Import progress (JSON file)").set_input_files(str(exported))
    page.wait_for_function("document.querySelector('.nc-progress-status').textContent.includes('Imported 1')")
    page.reload()
    page.wait_for_selector("html[data-natocourse-ready]")
    assert page.locator(f'[data-question="{QID}"] textarea').input_value() == TEXT
    assert page.problems.items == []


def test_hostile_text_is_shown_as_text(page, essay):
    box = essay
    box.locator("textarea").fill(HOSTILE)
    assert submit(page, box).startswith("Saved")
    assert box.locator("img").count() == 0 and page.evaluate("window.__pwned") is None
    quoted = [a for a in box.locator(".nc-aids li").all_inner_texts() if "quotation" in a]
    assert any("\u201c<b>not in any source</b> at all\u201d is not in the course's sources" in q for q in quoted)
    assert box.locator(".nc-aids b").count() == 0
    page.reload()
    page.wait_for_selector("html[data-natocourse-ready]")
    assert page.locator(f'[data-question="{QID}"] textarea').input_value() == HOSTILE
    assert page.locator(f'[data-question="{QID}"] img').count() == 0 and page.evaluate("window.__pwned") is None


def test_over_the_limit_nothing_is_saved_and_the_text_stays(page, essay):
    box = essay
    long = "word " * 4000 + "x" * 1
    box.locator("textarea").fill(long)
    said = submit(page, box)
    assert said.startswith("Not saved: it is 20001 characters long, and a written answer holds at most 20000")
    assert box.locator("textarea").input_value() == long and stored(page) == []
    box.locator("textarea").fill(" ".join(["word"] * 320))
    assert submit(page, box).startswith("Saved")
    assert box.locator(".nc-aids li").first.inner_text().endswith(
        "320 words: 20 over the 300 asked for. The whole text is kept, and your teacher sees the count.")
    assert len(stored(page)[-1]["answer"].split()) == 320


def test_keyboard_only(page, essay):
    box = essay
    box.locator(".nc-title").click()
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "TEXTAREA":
            break
    assert page.evaluate("document.activeElement.id").endswith("-answer")
    page.keyboard.type("Typed by keyboard alone.\nA second line, with Enter inside the box.")
    assert "\n" in box.locator("textarea").input_value() and (box.get_attribute("data-checks") or "") == ""
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Submit"
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineWidth")
    assert float(outline.replace("px", "")) >= 2
    page.keyboard.press("Enter")
    box.locator('xpath=self::*[@data-checks="1"]').wait_for(timeout=10000)
    assert feedback(box).startswith("Saved")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "checkbox":
            break
    page.keyboard.press("Space")
    assert box.locator(".nc-rubric input[type=checkbox]").first.is_checked()


def test_axe_core_finds_nothing_serious_in_a_submitted_written_answer(page, essay):
    try:
        axe_source()
    except AxeMissing as missing:
        pytest.fail(str(missing))
    box = essay
    box.locator("textarea").fill(TEXT)
    submit(page, box)
    box.get_by_role("button", name="Show model answer").click()
    violations = run_axe(page, include=f'[data-question="{QID}"]')
    assert blocking(violations) == [], report({PAGE: blocking(violations)})


@pytest.mark.parametrize("mode", [policy.Mode("ps1", "none", None, "2027-03-15"), policy.Mode("ps2", "attempts", 1)],
                         ids=["feedback none", "one attempt"])
def test_in_a_graded_mode_a_written_answer_is_saved_never_judged_and_its_model_answer_waits(page, tmp_path, mode):
    """Issue 24's feedback modes on a page that declares one (as a problem set's first cell does):
    each Submit still says "Saved", never Correct, Not yet or Recorded; it uses no attempt, so the
    question never closes; the model answer waits for the released feedback; the page's summary
    counts the answer as saved for marking, and a reload keeps it."""
    export.write_assets(tmp_path, questions=[registry.get(QID)])
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>written, graded</title>'
        '<script src="natocourse/engine-data.js"></script><script src="natocourse/questions.js"></script>'
        '<script src="natocourse/evidence.js"></script><script src="natocourse/engine.js"></script></head><body><main>'
        f'<article><section>{notebook.mode_bundle(mode)["text/html"]}<div data-question="{QID}"></div></section>'
        '</article></main></body></html>', encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri())
    page.wait_for_selector("html[data-natocourse-ready='1']")
    box = page.locator(f'[data-question="{QID}"]')
    for n in range(3):
        box.get_by_role("textbox").fill(f"{TEXT} Draft {n}.")
        said = submit(page, box)
        assert said == policy.WORDS["to_mark"], n
        assert box.locator(".nc-aids li").count() >= 2 and box.locator(".nc-rubric").is_visible()
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 3"  # no limit to count against
    assert not any(word in box.inner_text() for word in ("Correct", "Not yet", "Recorded", "No attempts left"))
    box.get_by_role("button", name="Show model answer").click()
    assert box.locator(".nc-explanation").inner_text() == policy.WORDS["model_answer_graded"]
    assert [(a["status"], a["assignment"], a["answer"]) for a in stored(page)] == [
        ("to_mark", mode.assignment, f"{TEXT} Draft {n}.") for n in range(3)]
    summary = page.locator(".nc-summary-text").inner_text()
    assert summary.startswith("Answered 0 of 1" if mode.feedback == "none" else "Solved 0 of 1")
    assert "1 written answer saved for marking" in summary and "Still open" not in summary
    page.reload()
    page.wait_for_selector("html[data-natocourse-ready='1']")
    assert feedback(box) == policy.WORDS["kept_to_mark"]
    assert box.get_by_role("textbox").input_value() == f"{TEXT} Draft 2."
    assert page.problems.items == []
