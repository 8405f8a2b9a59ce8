"""The class report's page in Chromium: axe-core finds nothing serious, it asks no host for anything,
it works by keyboard and it prints.

The page is the report of the simulated class of tests/report_class.py, opened from disk (file://),
as an instructor opens it. Screenshots are saved in _build/reports/ for people to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from axe_audit import blocking, report, run_axe
from natocourse.tooling.classroom.report import write_report
from report_class import simulate

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "_build" / "reports"


pytestmark = pytest.mark.usefixtures("axe_installed")


@pytest.fixture(scope="module")
def class_report(tmp_path_factory):
    """The simulated class's report folder and what it planted."""
    folder = tmp_path_factory.mktemp("class")
    simulated = simulate(300)
    write_report(simulated.write(folder / "grades-details.csv"), folder / "report")
    return folder / "report", simulated


@pytest.fixture
def opened(page, class_report):
    """The report page opened from disk, with every request it made."""
    out, simulated = class_report
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto((out / "index.html").as_uri(), wait_until="load")
    page.requests = requests
    page.simulated = simulated
    return page


def test_axe_finds_no_serious_or_critical_violation(opened):
    violations = run_axe(opened)
    lesser = [f"{v['impact']} {v['id']}: {len(v['nodes'])} nodes" for v in violations if v not in blocking(violations)]
    print("axe-core on the report, moderate and minor:", "; ".join(lesser) or "none")
    assert blocking(violations) == [], "axe-core finds serious or critical violations:\n" + report(
        {"report": blocking(violations)})


def test_the_page_asks_no_host_for_anything_and_logs_no_error(opened):
    assert [u for u in opened.requests if not u.startswith(("file:", "data:"))] == []
    assert opened.problems.items == []
    widths = opened.evaluate("Array.from(document.images).map(i => i.complete && i.naturalWidth)")
    assert len(widths) == 4 and all(widths), "every figure is drawn from its data: URI"


def test_a_screenshot_for_people_to_look_at(opened):
    SHOTS.mkdir(parents=True, exist_ok=True)
    opened.screenshot(path=str(SHOTS / "class-report.png"))
    qid = opened.simulated.planted.distractor[0]
    opened.locator(f"#q-{qid}").screenshot(path=str(SHOTS / "class-report-question.png"))
    opened.locator("#who").screenshot(path=str(SHOTS / "class-report-who.png"))
    assert (SHOTS / "class-report.png").stat().st_size > 10_000
    heat = opened.locator("#who figure img")
    assert heat.is_visible() and heat.bounding_box()["height"] > 300, "the heat map is drawn, and large"
    popular = opened.locator(f"#q-{qid} td.popular")
    assert popular.is_visible() and popular.text_content() == "wrong, and popular"
    print(f"screenshots: {SHOTS / 'class-report.png'}, {SHOTS / 'class-report-question.png'}, "
          f"{SHOTS / 'class-report-who.png'}")


def test_keyboard_skips_to_the_report_and_reaches_the_wide_tables(opened):
    opened.keyboard.press("Tab")
    assert opened.evaluate("document.activeElement.textContent") == "Skip to the report"
    assert opened.evaluate("getComputedStyle(document.activeElement).left") != "-999px"
    opened.keyboard.press("Enter")
    assert opened.evaluate("location.hash") == "#main"
    regions = opened.evaluate("Array.from(document.querySelectorAll('.scroll')).filter("
                              "e => e.scrollWidth > e.clientWidth).map(e => e.tabIndex)")
    assert all(index == 0 for index in regions)
    opened.locator("nav a[href='#worth-a-look']").focus()
    opened.keyboard.press("Enter")
    assert opened.evaluate("location.hash") == "#worth-a-look"
    outline = opened.evaluate("""() => { const a = document.querySelector('#worth-a-look a');
        a.focus(); const s = getComputedStyle(a); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert outline[0] != "none" and outline[1] >= 2


def test_the_page_prints_without_its_navigation(opened):
    opened.emulate_media(media="print")
    assert opened.evaluate("getComputedStyle(document.querySelector('nav')).display") == "none"
    assert opened.evaluate("getComputedStyle(document.querySelector('figure')).breakInside") == "avoid"
    pdf = opened.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 5
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / "class-report.pdf").write_bytes(pdf)
