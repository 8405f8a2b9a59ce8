"""axe-core, the accessibility engine, over every page of the built book in Chromium.

The course promises WCAG 2.2 AA. These tests inject axe-core (node_modules/axe-core, pinned in
package-lock.json) into each page of _build/html, found from the build itself, and run every rule
tagged WCAG 2.0/2.1/2.2 A or AA or best practice, in the theme's light and dark colour modes. Any
serious or critical violation fails with the rule, the page and the element; moderate and minor
ones are listed in the test output. The repairs that got the book to zero are in
book/_static/natocourse-a11y.js, book/_static/natocourse.css and book/_templates/.
"""

import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from axe_audit import (AXE_JS, BLOCKING, HTML, audit_book, blocking, book_pages,
                       report, run_axe, summary)

ROOT = Path(__file__).resolve().parents[2]
REPAIRS = ROOT / "book" / "_static" / "natocourse-a11y.js"


pytestmark = pytest.mark.usefixtures("axe_installed")


def toc_pages() -> list[str]:
    """Every page _toc.yml lists, as built file names."""
    text = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    names = re.findall(r"^root:\s*(\S+)", text, re.MULTILINE) + re.findall(r"^\s*-\s*file:\s*(\S+)", text,
                                                                            re.MULTILINE)
    return [f"{name}.html" for name in names]


def test_the_audit_covers_every_page_of_the_build(book_url):
    pages = book_pages(HTML)
    assert set(toc_pages()) <= set(pages), f"pages of _toc.yml not audited: {set(toc_pages()) - set(pages)}"
    assert {"genindex.html", "search.html"} <= set(pages)
    assert "index.html" not in pages  # a bare redirect to the root page, which is audited itself


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_no_serious_or_critical_axe_violation_on_any_page(browser, book_url, mode):
    found = audit_book(browser, book_url, book_pages(HTML), mode=mode)
    lesser = [f"{impact} {rule}: {nodes} nodes on {pages} pages"
              for rule, impact, nodes, pages in summary(found) if impact not in BLOCKING]
    print(f"axe-core, {mode} mode, moderate and minor:", "; ".join(lesser) or "none")
    failing = {page: blocking(violations) for page, violations in found.items() if blocking(violations)}
    assert failing == {}, (f"axe-core finds serious or critical violations in {mode} mode:\n"
                           + report(failing))


# The markup the theme, myst-nb and docutils write, as it was before the repairs:
# each piece breaks one serious or critical axe-core rule.
BROKEN = """<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>
<h1>Page</h1>
<details><summary aria-label="Toggle hidden content"><p>Show code cell source</p></summary><pre>x = 1</pre></details>
<div role="list" class="citation-list">
  <div class="citation" id="c1" role="doc-biblioentry"><span>[A1]</span><p>A book. <a href="#x">link</a></p></div>
</div>
<table><thead><tr><th></th><th>spending</th></tr></thead><tbody><tr><th>2024</th><td>1</td></tr></tbody></table>
<button style="color: #ffffff; background: #2196f3; font-size: 13px">Check</button>
</main></body></html>"""


def test_axe_reports_each_defect_with_rule_impact_and_element(page):
    page.set_content(BROKEN)
    found = {"broken.html": run_axe(page)}
    rules = {v["id"] for v in blocking(found["broken.html"])}
    assert {"label-content-name-mismatch", "aria-required-children", "color-contrast"} <= rules
    text = report(found)
    assert "broken.html: color-contrast (serious, 1 nodes)" in text
    assert "button" in text and "3.12" in text  # the element and axe's explanation


def test_the_book_repairs_fix_the_markup_they_are_for(page):
    page.set_content(BROKEN)
    page.add_script_tag(path=str(REPAIRS))
    repaired = {v["id"] for v in run_axe(page)}
    for rule in ("label-content-name-mismatch", "aria-required-children", "aria-allowed-role",
                 "aria-deprecated-role", "empty-table-header"):
        assert rule not in repaired, rule
    assert "color-contrast" in repaired  # the stylesheet, not the script, fixes colours
    assert page.locator("table thead td").count() == 1


def test_the_repairs_reach_markup_added_after_the_page_loaded(page):
    page.set_content("<html lang='en'><head><title>t</title></head><body><main><h1>x</h1></main></body></html>")
    page.add_script_tag(path=str(REPAIRS))
    page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('beforeend',
        '<table><thead><tr><th></th><th>spending</th></tr></thead><tbody><tr><th>2024</th><td>1</td></tr></tbody></table>')""")
    page.wait_for_function("() => document.querySelectorAll('table thead td').length === 1")
    assert page.locator("table thead th").inner_text() == "spending"


def test_the_installed_axe_is_the_version_package_json_pins():
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["axe-core"]
    banner = AXE_JS.read_text(encoding="utf-8")[:200]
    assert f"axe v{pinned}" in banner, f"node_modules holds {banner.splitlines()[0]!r}, package.json pins {pinned}: run npm ci"


def test_the_colour_mode_button_says_which_mode_is_on_and_works_by_keyboard(page, book_url):
    page.goto(book_url + "book/intro.html", wait_until="load")
    button = page.locator(".theme-switch-button").first
    spoken = {"light": "Color mode: light", "dark": "Color mode: dark", "auto": "Color mode: system setting"}
    assert button.get_attribute("aria-label") == spoken["light"]
    button.focus()
    seen = ["light"]
    for key in ("Enter", "Space"):
        page.keyboard.press(key)
        page.wait_for_function(f"() => document.documentElement.dataset.mode !== '{seen[-1]}'")
        seen.append(page.evaluate("() => document.documentElement.dataset.mode"))
        assert button.get_attribute("aria-label") == spoken[seen[-1]]
        try:  # focus comes back on the next turn of the event loop, after the theme's blur
            page.wait_for_function("() => document.activeElement.classList.contains('theme-switch-button')",
                                   timeout=3000)
        except PlaywrightTimeout:
            pytest.fail(f"focus left the colour-mode button after {key}")
    assert sorted(seen) == ["auto", "dark", "light"]  # the theme cycles through all three
