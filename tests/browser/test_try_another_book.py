"""'Try another' in the book, by keyboard only, offline: the versions Python made at build.

The page holds the drill questions with variants (tests/variant_fixtures.py) in the files the book
build writes into ``_static/natocourse`` (export.write_assets: engine.js with view.js, question.css (inlined),
questions.js with each question's ``variants``), opened from file:// with no kernel and no server.
Try another swaps the prompt for the next variant's, a right answer for that variant (Python's:
export.practice_variants, i.e. variants.practice(q, n)) is judged correct, the question as set comes
back after the last one, no practice answer is recorded, and a problem set's page offers none.
axe-core finds no serious or critical violation in the question with the new button.
Where the course's own questions vary, the built book (_build/html) is checked the same way.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from natocourse.engine import export, policy, registry, variants

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from variant_fixtures import questions  # noqa: E402

from axe_audit import blocking, report, run_axe  # noqa: E402

pytestmark = pytest.mark.usefixtures("axe_installed")

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Try another</title>
<style>{style}</style>
<script src="natocourse/engine-data.js"></script><script src="natocourse/questions.js"></script>
<script src="natocourse/engine.js"></script></head><body><main><article><h1>Drill</h1><section>
{mode}<div data-question="drill-01"></div><div data-question="drill-02"></div>
<div data-question="drill-03"></div></section></article></main></body></html>"""


def write_page(folder: Path, mode: dict | None = None) -> str:
    export.write_assets(folder, questions=questions())
    declared = (f"<div data-natocourse-mode='{json.dumps(mode)}'></div>" if mode else "")
    style = (folder / "natocourse" / "question.css").read_text(encoding="utf-8")  # inline: axe reads it from file://
    (folder / "index.html").write_text(PAGE.replace("{mode}", declared).replace("{style}", style), encoding="utf-8")
    return (folder / "index.html").as_uri()


def tab_to(page, selector: str, limit: int = 40) -> None:
    """Press Tab until the element matching ``selector`` has focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_try_another_by_keyboard_shows_a_variant_that_is_checked_as_itself(page, tmp_path):
    number = questions()[0]
    made = export.practice_variants(number)
    page.goto(write_page(tmp_path))
    page.wait_for_selector("html[data-natocourse-ready='3']")
    box = page.locator('[data-question="drill-01"]')
    prompt = box.locator(".nc-prompt")
    assert number.prompt.split("**")[0] in prompt.inner_text()
    button = box.get_by_role("button", name="Try another", exact=True)
    assert button.count() == 1 and button.evaluate("b => b.tagName") == "BUTTON"

    tab_to(page, '[data-question="drill-01"] .nc-another')
    page.keyboard.press("Enter")
    assert prompt.inner_text() == made[0].prompt.replace("**", "")
    assert page.evaluate("document.activeElement.classList.contains('nc-another')")  # focus stays on it
    feedback = box.locator(".nc-feedback")
    assert feedback.get_attribute("aria-live") == "polite"
    assert feedback.inner_text() == policy.WORDS["another"]
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 0"

    page.keyboard.press("Shift+Tab")  # back through Show explanation, Hint, Check to the answer box
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("document.activeElement.type") == "text"
    page.keyboard.type(str(number.answer))  # right for the question as set, wrong for this variant
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[data-question=\"drill-01\"] .nc-feedback').textContent.includes('Not yet')")
    page.keyboard.press("Control+a")
    page.keyboard.type(f"{made[0].answer:g} years")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelector('[data-question=\"drill-01\"] .nc-feedback').textContent.includes('Correct')")
    assert box.locator(".nc-attempts").inner_text() == "Attempts: 2"
    assert page.evaluate("NatoCourse.progress.read()") == []  # practice answers are not recorded

    tab_to(page, '[data-question="drill-01"] .nc-another')
    for n in range(1, len(made)):
        page.keyboard.press("Enter")
        assert prompt.inner_text() == made[n].prompt.replace("**", "")
    page.keyboard.press("Enter")  # after the last variant: the question as set again
    assert prompt.inner_text() == number.prompt.replace("**", "")
    assert feedback.inner_text() == policy.WORDS["another_back"]

    violations = run_axe(page, include='[data-question="drill-01"]')
    assert blocking(violations) == [], report({"Try another": blocking(violations)})
    assert page.problems.items == []


def test_a_shuffled_choice_and_a_text_variant_are_judged_as_python_made_them(page, tmp_path):
    drill = {q.id: q for q in questions()}
    page.goto(write_page(tmp_path))
    page.wait_for_selector("html[data-natocourse-ready='3']")
    choice = page.locator('[data-question="drill-02"]')
    made = export.practice_variants(drill["drill-02"])[0]
    right = next(o for o in made.options if made.check(o).correct)
    tab_to(page, '[data-question="drill-02"] .nc-another')
    page.keyboard.press("Enter")
    labels = choice.locator(".nc-option label").all_inner_texts()
    assert labels == made.options and choice.locator(".nc-prompt").inner_text() == made.prompt
    choice.get_by_label(right, exact=True).check()
    choice.get_by_role("button", name="Check", exact=True).press("Enter")
    choice.locator(".nc-feedback", has_text="Correct.").wait_for(timeout=5000)

    text = page.locator('[data-question="drill-03"]')
    made = export.practice_variants(drill["drill-03"])[0]
    tab_to(page, '[data-question="drill-03"] .nc-another')
    page.keyboard.press("Enter")
    assert text.locator(".nc-prompt").inner_text() == made.prompt
    text.get_by_role("textbox").fill(made.parameters["ally"].upper())
    text.get_by_role("textbox").press("Enter")
    text.locator(".nc-feedback", has_text="Correct.").wait_for(timeout=5000)
    assert made.check(made.parameters["ally"].upper()).correct
    assert page.problems.items == []


def test_a_problem_sets_page_offers_no_try_another(page, tmp_path):
    page.goto(write_page(tmp_path, {"assignment": "ps1", "feedback": "instant", "attempts": None, "due": ""}))
    page.wait_for_selector("html[data-natocourse-ready='3']")
    assert page.locator(".nc-another").count() == 0
    assert page.locator(".nc-check").count() == 3


def test_where_the_course_varies_the_built_book_offers_try_another(page, book_url):
    """The built book (python tasks.py book): every course question that varies carries its variants,
    and on a page holding one, Try another by keyboard changes the prompt or the options and a right
    answer for the variant (Python's) is judged correct. While no course question varies, the built
    book carries no variants and offers no Try another."""
    html = Path(__file__).resolve().parents[2] / "_build" / "html"
    text = (html / "_static" / "natocourse" / "questions.js").read_text(encoding="utf-8")
    built = json.loads(text[text.index("=") + 1:].strip().rstrip(";"))
    varying = [q for q in registry.all() if variants.varies(q)]
    assert {qid for qid, spec in built.items() if spec.get("variants")} == {q.id for q in varying}
    pages = sorted(html.rglob("*.html"))
    shown = [(q, next((p for p in pages if f'data-question="{q.id}"' in p.read_text(encoding="utf-8")), None))
             for q in varying if q.kind in ("choice", "number", "data")]
    for question, where in [(q, w) for q, w in shown if w is not None][:3]:
        made = export.practice_variants(question)
        page.goto(book_url + str(where.relative_to(html)))
        page.wait_for_selector("html[data-natocourse-ready]")
        box = page.locator(f'[data-question="{question.id}"]').first
        before = box.inner_text()
        box.locator(".nc-explain").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Try another"
        page.keyboard.press("Enter")
        assert box.locator(".nc-feedback").inner_text() == policy.WORDS["another"]
        assert box.locator(".nc-prompt").inner_text().strip() and box.inner_text() != before
        right = _right(made[0])
        if made[0].kind == "choice":
            box.get_by_label(right, exact=True).check()
            box.get_by_role("button", name="Check", exact=True).press("Enter")
        else:
            box.get_by_role("textbox").fill(str(right))
            box.get_by_role("textbox").press("Enter")
        box.locator(".nc-feedback", has_text="Correct.").wait_for(timeout=5000)
    assert page.problems.items == []


def _right(question):
    """A right answer of ``question`` as the page would get it (from its key, as the parity corpus finds it)."""
    from answer_corpus import jsonable, right_answer

    right = right_answer(question)
    return jsonable(float(right) if question.kind in ("number", "data") else right)
