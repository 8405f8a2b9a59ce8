"""Questions in the built book, answered as a reader would: no kernel, from a web server and file://.

The markup contract (issue 13) is what these tests hold on to: each question sits in an element
with ``data-question``; options are native radio buttons or checkboxes labelled with the option
text; free answers go in one labelled text input; ordering and matching use one labelled select
per position or item; the button named exactly "Check"; feedback in the question's first
``aria-live="polite"`` region, starting with "Correct" or "Not yet".
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
TOUR = "solutions/01-exercise-tour.html"

#: (id, right answer, wrong answer) for one question of every type, as a reader enters them.
TOUR_ANSWERS = [
    ("tour-01", "1949-04-04", "1952-02-18"),
    ("tour-02", ["Canada", "Iceland", "Portugal"], ["Canada", "Spain"]),
    ("tour-03", "3", "4"),
    ("tour-04", "1.4 %", "2.1"),
    ("tour-05", "Türkiye", "Greece"),
    ("tour-06", ["Spain", "Poland", "Estonia", "Montenegro", "Finland"],
     ["Poland", "Spain", "Estonia", "Montenegro", "Finland"]),
    ("tour-07", {"Germany": "1955", "Spain": "1982", "Croatia": "2009", "North Macedonia": "2020", "Sweden": "2024"},
     {"Germany": "1982", "Spain": "1955", "Croatia": "2009", "North Macedonia": "2020", "Sweden": "2024"}),
    ("tour-08", "7", "8"),
]


def open_page(page, url: str):
    page.goto(url, wait_until="load")
    page.wait_for_selector("html[data-natocourse-ready]")


def question(page, qid: str):
    return page.locator(f'[data-question="{qid}"]')


def enter(page, qid: str, answer) -> None:
    """Answer through the native controls, as a mouse-and-keyboard reader would."""
    q = question(page, qid)
    if isinstance(answer, dict):
        for item, option in answer.items():
            q.get_by_label(item, exact=True).select_option(option)
    elif isinstance(answer, list) and q.locator("select").count():
        for n, item in enumerate(answer, start=1):
            q.get_by_label(f"Position {n}", exact=True).select_option(item)
    elif isinstance(answer, list):
        for box in q.locator("input[type=checkbox]").all():
            box.uncheck()
        for option in answer:
            q.get_by_label(option, exact=True).check()
    elif q.locator("input[type=radio]").count():
        q.get_by_label(answer, exact=True).check()
    else:
        q.get_by_role("textbox").fill(answer)


def wait_for_check(page, qid: str, before: str) -> str:
    """Wait until the question has been checked once more; return its feedback's words."""
    q = question(page, qid)
    q.locator(f'xpath=self::*[@data-checks and @data-checks!="{before}"]').wait_for(timeout=5000)
    return q.locator('[aria-live="polite"]').first.inner_text().lstrip("✔✘… ").strip()


def checks(page, qid: str) -> str:
    return question(page, qid).get_attribute("data-checks") or ""


def check_and_read(page, qid: str) -> str:
    before = checks(page, qid)
    question(page, qid).get_by_role("button", name="Check", exact=True).click()
    return wait_for_check(page, qid, before)


@pytest.fixture(params=["http", "file"])
def tour_url(request, book_url):
    return book_url + TOUR if request.param == "http" else (HTML / TOUR).as_uri()


def test_every_type_answers_right_and_wrong(page, tour_url):
    open_page(page, tour_url)
    for qid, right, wrong in TOUR_ANSWERS:
        enter(page, qid, wrong)
        assert check_and_read(page, qid).startswith("Not yet"), qid
        enter(page, qid, right)
        assert check_and_read(page, qid).startswith("Correct"), qid
        assert question(page, qid).locator(".nc-attempts").inner_text() == "Attempts: 2"
    assert page.problems.items == []


def test_markup_contract(page, tour_url):
    open_page(page, tour_url)
    for qid, _, _ in TOUR_ANSWERS:
        q = question(page, qid)
        assert q.count() == 1
        assert q.get_by_role("button", name="Check", exact=True).count() == 1
        assert q.locator('[aria-live="polite"]').count() >= 1
    choice = question(page, "tour-01")
    assert choice.get_by_role("radio", name="1949-04-04").count() == 1
    assert question(page, "tour-02").get_by_role("checkbox", name="Canada").count() == 1
    assert question(page, "tour-05").get_by_role("textbox", name="Your answer").count() == 1
    assert question(page, "tour-06").get_by_role("combobox", name="Position 1").count() == 1
    assert question(page, "tour-07").get_by_role("combobox", name="Germany").count() == 1


def test_hints_one_at_a_time_and_explanation_only_after_trying(page, tour_url):
    open_page(page, tour_url)
    q = question(page, "tour-01")
    q.get_by_role("button", name=re.compile(r"^Hint 1 of")).click()
    assert q.locator(".nc-hints li").count() == 1
    q.get_by_role("button", name="Show explanation").click()
    assert "opens after a correct answer" in q.locator(".nc-explanation").inner_text()
    enter(page, "tour-01", "1949-04-04")
    check_and_read(page, "tour-01")
    q.get_by_role("button", name="Show explanation").click()
    assert "4 April 1949" in q.locator(".nc-explanation").inner_text()


def test_reload_keeps_the_last_answer_and_verdict(page, tour_url):
    open_page(page, tour_url)
    enter(page, "tour-05", "Turkey")
    assert check_and_read(page, "tour-05").startswith("Correct")
    enter(page, "tour-06", TOUR_ANSWERS[5][2])
    assert check_and_read(page, "tour-06").startswith("Not yet")
    page.reload()
    page.wait_for_selector("html[data-natocourse-ready]")
    assert question(page, "tour-05").get_by_role("textbox").input_value() == "Turkey"
    assert question(page, "tour-05").locator('[aria-live="polite"]').first.inner_text().lstrip("✔ ").startswith("Correct")
    assert question(page, "tour-06").get_by_label("Position 1", exact=True).input_value() == "Poland"
    assert question(page, "tour-06").locator('[aria-live="polite"]').first.inner_text().lstrip("✘ ").startswith("Not yet")
    assert "Solved 1 of 8" in page.locator(".nc-progress").inner_text()


def test_export_clear_and_import_progress(page, tour_url, tmp_path):
    open_page(page, tour_url)
    enter(page, "tour-01", "1949-04-04")
    check_and_read(page, "tour-01")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    content = json.loads(exported.read_text())
    assert content["version"] == 1 and content["attempts"][0]["question"] == "tour-01"
    assert content["attempts"][0]["answer"] == "1949-04-04" and content["attempts"][0]["source"] == "book"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear progress").click()
    assert "Solved 0 of 8" in page.locator(".nc-progress").inner_text()
    page.get_by_label("Import progress (JSON file)").set_input_files(str(exported))
    page.wait_for_function("document.querySelector('.nc-progress-status').textContent.includes('Imported')")
    assert "Imported 1 new attempts" in page.locator(".nc-progress-status").inner_text()
    assert "Solved 1 of 8" in page.locator(".nc-progress").inner_text()
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    page.get_by_label("Import progress (JSON file)").set_input_files(str(bad))
    page.wait_for_function("document.querySelector('.nc-progress-status').textContent.includes('Could not')")
    assert "Your progress is unchanged" in page.locator(".nc-progress-status").inner_text()


def test_book_progress_imports_into_the_kernel_and_back(page, tour_url, tmp_path, course_home):
    """The file the book exports is the kernel's progress format, both ways."""
    from natocourse import exercises, progress

    open_page(page, tour_url)
    enter(page, "tour-07", TOUR_ANSWERS[6][1])
    check_and_read(page, "tour-07")
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    exported = tmp_path / "from-book.json"
    download.value.save_as(exported)
    assert progress.import_file(exported) == 1
    [attempt] = progress.attempts()
    from natocourse.engine.answers import deserialise

    assert exercises.get("tour-07").check(deserialise(attempt["answer"])).correct
    exercises.check("tour-03", 3)
    back = progress.export_file(tmp_path / "from-lab.json")
    page.get_by_label("Import progress (JSON file)").set_input_files(str(back))
    page.wait_for_function("document.querySelector('.nc-progress-status').textContent.includes('Imported')")
    assert "Solved 2 of 8" in page.locator(".nc-progress").inner_text()


def test_one_question_of_every_type_by_keyboard_alone(page, tour_url):
    """Tab, Space, Enter and the arrow keys only; focus is visible; feedback lands in a live region."""
    open_page(page, tour_url)

    def focus_first(qid, selector):
        # Tab from the question's start until the wanted control has focus (as a keyboard user does).
        question(page, qid).locator(".nc-title").evaluate("t => { t.tabIndex = -1; t.focus(); }")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("sel => document.activeElement && document.activeElement.matches(sel)", selector):
                return
        raise AssertionError(f"{qid}: Tab never reached {selector}")

    def press_check(qid):
        focus_first(qid, "button.nc-check")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline != "none", "focus must be visible"
        before = checks(page, qid)
        page.keyboard.press("Enter")
        return wait_for_check(page, qid, before)

    focus_first("tour-01", "input[type=radio]")
    page.keyboard.press("Space")
    assert press_check("tour-01").startswith("Correct")
    focus_first("tour-02", "input[type=checkbox]")
    for _ in range(3):
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    assert press_check("tour-02").startswith("Not yet")
    focus_first("tour-03", "input[type=text]")
    page.keyboard.type("3")
    before = checks(page, "tour-03")
    page.keyboard.press("Enter")
    assert wait_for_check(page, "tour-03", before).startswith("Correct")
    focus_first("tour-06", "select")
    for target in TOUR_ANSWERS[5][1]:
        index = ["Estonia", "Finland", "Montenegro", "Poland", "Spain"].index(target) + 1
        for _ in range(index):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    assert press_check("tour-06").startswith("Correct")
    focus_first("tour-07", "select")
    for item in ["Germany", "Spain", "Croatia", "North Macedonia", "Sweden"]:
        year = TOUR_ANSWERS[6][1][item]
        index = ["1955", "1982", "2009", "2020", "2024"].index(year) + 1
        for _ in range(index):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
    assert press_check("tour-07").startswith("Correct")


def chapter_pages() -> list[str]:
    return sorted(str(p.relative_to(HTML)) for p in HTML.glob("solutions/*.html"))


@pytest.mark.parametrize("name", chapter_pages())
def test_exercise_page_weight_and_no_other_host(page, book_url, name):
    """An exercise chapter page loads at most 2 MB in all (the issue's limit is 3 MB; without the
    theme's 1.5 MB icon script a page weighs about 1.3 MB) and asks no other host for anything."""
    sizes: dict[str, int] = {}
    hosts: set[str] = set()

    def seen(response):
        hosts.add(urlparse(response.url).hostname or "")
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - a redirect has no body
            sizes[response.url] = 0

    page.on("response", seen)
    page.goto(book_url + name, wait_until="networkidle")
    total = sum(sizes.values())
    assert hosts == {"127.0.0.1"}, hosts
    assert total <= 2_000_000, f"{name}: {total} bytes"
    assert page.locator("[data-question]").count() >= 1
