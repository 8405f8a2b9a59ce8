"""Run axe-core (the npm package pinned in package-lock.json) in a Playwright page.

Used by the accessibility tests of the built book and of JupyterLab. Run as a script it audits
every page of ``_build/html`` and prints the violations per rule, with counts of nodes and pages:

    .venv/bin/python tests/browser/axe_audit.py [--dark] [--report] [--json FILE] [--html BUILD_DIR]
"""

from __future__ import annotations

import collections
import functools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

#: WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus Deque's best practices (landmarks, headings...).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
#: Impacts that fail a test; moderate and minor ones are reported but tolerated.
BLOCKING = ("critical", "serious")
#: Folders of a Sphinx build that hold assets, not pages.
NOT_PAGES = {"_static", "_sources", "_images", "_downloads"}

_REDIRECT = re.compile(r'<meta\s+http-equiv="refresh"', re.IGNORECASE)


class AxeMissing(RuntimeError):
    """node_modules/axe-core is not installed."""


@functools.lru_cache(maxsize=1)
def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def axe_source() -> str:
    """The text of axe.min.js, or :class:`AxeMissing` saying how to install it."""
    if not AXE_JS.exists():
        raise AxeMissing(f"{AXE_JS.relative_to(ROOT)} is missing: the accessibility tests need the npm "
                         "test tools; run `python3 tasks.py test` (it runs `npm ci`) or `npm ci` yourself")
    return _read(AXE_JS)


def book_pages(html_dir: Path = HTML) -> list[str]:
    """Every HTML page of a built book, as paths relative to ``html_dir``, in sorted order.

    Asset folders are left out, and so are pages that only redirect elsewhere (Jupyter Book's
    ``index.html`` is a ``<meta http-equiv="refresh">`` to the root document, audited itself).
    """
    pages = []
    for path in sorted(html_dir.rglob("*.html")):
        relative = path.relative_to(html_dir)
        if relative.parts[0] in NOT_PAGES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if _REDIRECT.search(text) and "<article" not in text:
            continue
        pages.append(relative.as_posix())
    return pages


_RUN = """async ([tags, include, mark]) => {
  const context = include ? {include: [[include]]} : document;
  const result = await axe.run(context, {runOnly: {type: 'tag', values: tags},
                                         resultTypes: ['violations'], elementRef: true});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' '),
                              html: n.html.slice(0, 160), impact: n.impact || v.impact,
                              inside: Boolean(mark && n.element && n.element.closest && n.element.closest(mark)),
                              summary: (n.failureSummary || '').split('\\n').slice(0, 3).join(' ')}))
  }));
}"""


def run_axe(page, *, tags: list[str] = TAGS, include: str | None = None, mark: str | None = None) -> list[dict]:
    """axe-core's violations on the page as it is now (inject axe first if the page lacks it).

    ``include`` restricts the audit to one CSS selector. Each violation is a dict with ``id``,
    ``impact``, ``help`` and ``nodes`` (``target``, ``html``, ``impact``, ``summary``, and
    ``inside``: whether the element is inside an element matching the CSS selector ``mark``).
    """
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source())
    return page.evaluate(_RUN, [tags, include, mark])


def split(violations: list[dict], *, inside: bool) -> list[dict]:
    """The violations restricted to their nodes inside (or outside) the ``mark`` of :func:`run_axe`."""
    kept = []
    for v in violations:
        nodes = [n for n in v["nodes"] if n["inside"] == inside]
        if nodes:
            kept.append({**v, "nodes": nodes})
    return kept


def blocking(violations: list[dict]) -> list[dict]:
    """Only the serious and critical violations."""
    return [v for v in violations if v["impact"] in BLOCKING]


def report(found: dict[str, list[dict]], *, limit: int = 6) -> str:
    """A readable report of violations per page: rule, impact, what it means, the nodes."""
    lines = []
    for where, violations in found.items():
        for v in violations:
            lines.append(f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])} nodes): {v['help']}")
            for node in v["nodes"][:limit]:
                lines.append(f"    {node['target']}    {node['html'][:100]}")
                if node["summary"]:
                    lines.append(f"        {node['summary'][:200]}")
            if len(v["nodes"]) > limit:
                lines.append(f"    ... and {len(v['nodes']) - limit} more")
    return "\n".join(lines)


def summary(found: dict[str, list[dict]]) -> list[tuple[str, str, int, int]]:
    """(rule, impact, nodes, pages) for every rule broken anywhere, most serious first."""
    nodes: dict[tuple[str, str], int] = collections.Counter()
    pages: dict[tuple[str, str], int] = collections.Counter()
    for violations in found.values():
        for v in violations:
            nodes[v["id"], v["impact"]] += len(v["nodes"])
            pages[v["id"], v["impact"]] += 1
    order = {"critical": 0, "serious": 1, "moderate": 2, "minor": 3}
    return sorted(((rule, impact, nodes[rule, impact], pages[rule, impact]) for rule, impact in nodes),
                  key=lambda row: (order.get(row[1], 9), row[0]))


#: True once the page's live controls are drawn: stored widget views (if any) by a widget manager,
#: the questions by engine.js and the explorers by explorers.js.
_WIDGETS_RENDERED = """() => Array.from(document.querySelectorAll(
    'script[type="application/vnd.jupyter.widget-view+json"]')).every(
    s => s.parentElement.querySelector('.widget-subarea > *'))
  && (!document.querySelector('[data-question]') || document.documentElement.hasAttribute('data-natocourse-ready'))
  && Array.from(document.querySelectorAll('[data-explorer]')).every(e => e.querySelector('input, select'))"""


def open_page(page, url: str) -> None:
    """Open a page and wait until its scripts have settled and its widgets are drawn, so that
    axe-core sees the page as a reader does (an unrendered widget would hide its violations)."""
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.wait_for_function(_WIDGETS_RENDERED, timeout=30000)


def audit_book(browser, base_url: str, pages: list[str], *, mode: str = "light") -> dict[str, list[dict]]:
    """axe-core's violations (all impacts) for every page of the built book served at ``base_url``,
    in the theme's ``light`` or ``dark`` colour mode (what the colour-mode button stores)."""
    found = {}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(f"localStorage.setItem('mode', '{mode}'); localStorage.setItem('theme', '{mode}');")
    try:
        page = context.new_page()
        for name in pages:
            open_page(page, base_url + name)
            violations = run_axe(page)
            if violations:
                found[name] = violations
    finally:
        context.close()
    return found


def _main(argv: list[str]) -> int:
    import http.server
    import threading

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    html = Path(argv[argv.index("--html") + 1]) if "--html" in argv else HTML
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    pages = book_pages(html)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                 args=["--no-sandbox", "--disable-gpu"])
            mode = "dark" if "--dark" in argv else "light"
            found = audit_book(browser, f"http://127.0.0.1:{server.server_address[1]}/", pages, mode=mode)
            browser.close()
    finally:
        server.shutdown()
    print(f"{len(pages)} pages audited with axe-core ({', '.join(TAGS)})")
    for rule, impact, nodes, on_pages in summary(found):
        print(f"  {impact:9} {rule:32} {nodes:4} nodes on {on_pages:2} pages")
    if "--report" in argv:
        print(report(found))
    if "--json" in argv:
        import json
        Path(argv[argv.index("--json") + 1]).write_text(json.dumps(found, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


def audit_widget_in_lab_themes(page, notebook: str, *, mark: str = ".natocourse-exercise") -> None:
    """axe-core over the JupyterLab widget marked ``mark``, in the light and the dark theme: the
    test fails on a serious or critical violation, or when axe-core is missing. Ends in the light
    theme."""
    import pytest
    from lab_page import use_theme

    try:
        axe_source()
    except AxeMissing as missing:
        pytest.fail(str(missing))
    for theme in ("JupyterLab Light", "JupyterLab Dark"):
        if theme != "JupyterLab Light":
            use_theme(page, theme)
        ours = split(run_axe(page, mark=mark), inside=True)
        assert blocking(ours) == [], report({f"{notebook} ({theme})": blocking(ours)})
    use_theme(page, "JupyterLab Light")
