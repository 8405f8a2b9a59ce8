"""The built book as a reader sees it, in headless Chromium.

Every page in _toc.yml loads without console errors or failed requests; internal links and images
resolve; solutions stay hidden until their toggle is clicked; search finds a chapter's term; no
frozen widget state is shipped; next/previous walk the whole book in order. One chapter is saved
as a screenshot in _build/screenshots/ for a person to look at. Accessibility (alt text included)
is checked by axe-core in test_axe_book.py and by tests/test_a11y.py.
"""

import re
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

import a11y

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SCREENSHOTS = ROOT / "_build" / "screenshots"
SOLUTION_MARKER = "### BEGIN SOLUTION"


def toc_pages() -> list[str]:
    """Page paths (without suffix) in reading order: the root, then every ``file:`` in _toc.yml."""
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    root = re.search(r"^root:\s*(\S+)", text, re.MULTILINE).group(1)
    return [root] + re.findall(r"^\s*-\s*file:\s*(\S+)", text, re.MULTILINE)


def page_url(base: str, page: str) -> str:
    """URL of a built page (index.html only redirects to the root document, so use the latter)."""
    return urljoin(base, f"{page}.html")


def load(page, url: str) -> None:
    """Open a page and give its scripts (widgets, search) time to finish."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def visible_solutions(page) -> list[str]:
    """Solution code that a reader can see without clicking anything."""
    shown = []
    for block in page.locator("pre", has_text=SOLUTION_MARKER).all():
        if block.is_visible():
            shown.append(block.inner_text()[:80])
    return shown


@pytest.mark.parametrize("name", toc_pages())
def test_page_loads_without_console_errors_or_failed_requests(page, book_url, name):
    load(page, page_url(book_url, name))
    assert page.title()
    assert page.problems.items == [], "\n".join(page.problems.items)


def test_internal_links_and_images_resolve():
    missing = []
    for built in sorted(HTML.rglob("*.html")):
        soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
        targets = [a.get("href") for a in soup.find_all("a")] + [img.get("src") for img in soup.find_all("img")]
        for target in filter(None, targets):
            parsed = urlparse(target)
            if parsed.scheme or target.startswith(("#", "mailto:", "//")) or not parsed.path:
                continue
            resolved = (built.parent / unquote(parsed.path)).resolve()
            if not resolved.exists():
                missing.append(f"{built.relative_to(HTML)} → {target}")
    assert missing == [], "broken internal links or images:\n" + "\n".join(missing[:30])


def test_solutions_are_hidden_until_their_toggle_is_clicked(page, book_url):
    solution_pages = [p for p in toc_pages() if p.startswith("solutions/")]
    assert solution_pages, "the book has no exercise pages"
    for name in solution_pages:
        load(page, page_url(book_url, name))
        blocks = page.locator("pre", has_text=SOLUTION_MARKER)
        assert blocks.count() > 0, f"{name} shows no solutions at all"
        assert visible_solutions(page) == [], f"{name} shows solutions before any click"
        first = blocks.first
        first.locator("xpath=ancestor::details[1]/summary").click()
        assert first.is_visible(), f"{name}: clicking the toggle did not reveal the solution"


def test_the_solution_check_fails_on_a_page_that_shows_a_solution(page):
    page.set_content(f"<html><body><pre>{SOLUTION_MARKER}\nanswer = 12\n</pre>"
                     f"<details><summary>Show</summary><pre>{SOLUTION_MARKER}\nanswer = 3</pre></details></body></html>")
    assert len(visible_solutions(page)) == 1


def test_search_finds_a_term_from_a_chapter(page, book_url):
    load(page, urljoin(book_url, "search.html?q=denunciation"))
    results = page.locator("#search-results li")
    results.first.wait_for(timeout=15000)
    assert results.count() >= 1
    assert any("treaty" in results.nth(i).inner_text().lower() or "leave" in results.nth(i).inner_text().lower()
               for i in range(results.count()))


def test_the_alt_text_check_fails_on_an_image_without_alt(tmp_path):
    page = (HTML / "notebooks" / "00-how-to-use.html").read_text(encoding="utf-8")
    assert a11y.images_without_alt(page) == []
    assert a11y.images_without_alt(re.sub(r'alt="[^"]*"', "", page, count=1))


def test_no_page_loads_the_widget_manager_or_frozen_widget_state():
    """Stored ipywidgets would only look live in the book: no page carries their state or manager."""
    frozen = []
    for built in sorted(HTML.rglob("*.html")):
        text = built.read_text(encoding="utf-8")
        if "widget-state+json" in text or "embed-amd" in text or "html-manager" in text:
            frozen.append(str(built.relative_to(HTML)))
    assert frozen == []


def test_next_and_previous_walk_the_whole_book_in_order(page, book_url):
    expected = [page_url(book_url, name) for name in toc_pages()]
    load(page, expected[0])
    walked = [page.url]
    while page.locator("a.right-next").count():
        page.locator("a.right-next").first.click()
        page.wait_for_load_state("load")
        walked.append(page.url.split("#")[0])
    assert walked == expected
    back = [page.url]
    while page.locator("a.left-prev").count():
        page.locator("a.left-prev").first.click()
        page.wait_for_load_state("load")
        back.append(page.url.split("#")[0])
    assert back == expected[::-1]


def test_lesson_pages_offer_their_notebook_for_download(page, book_url):
    load(page, page_url(book_url, "notebooks/00-how-to-use"))
    link = page.locator('a[href$="00-how-to-use.ipynb"]')
    assert link.count() >= 1
    assert (HTML / "_sources" / "notebooks" / "00-how-to-use.ipynb").exists()
    assert (HTML / "data" / "datapackage.json").exists() and (HTML / "data" / "members.csv").exists()


def test_screenshot_of_a_chapter_for_a_person_to_look_at(page, book_url):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    chapters = [p for p in toc_pages() if p.startswith("notebooks/")]
    load(page, page_url(book_url, chapters[-1]))
    target = SCREENSHOTS / (Path(chapters[-1]).name + ".png")
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
