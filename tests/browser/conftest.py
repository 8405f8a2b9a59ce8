"""Fixtures for the real-browser tests: the built book served on loopback, and Debian's Chromium
driven by Playwright (which must never download a browser of its own)."""

import functools
import http.server
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(config, items):
    """Mark every test here ``browser``. They never skip: ``-m "not browser"`` leaves them out."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session", autouse=True)
def chromium_is_installed():
    """Fail, with the reason and the fix, where Debian's Chromium is missing."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (python tasks.py test does it where it "
                    "can), or leave the browser tests out explicitly with -m 'not browser'", pytrace=False)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def book_url():
    """Base URL of the built book served from a loopback HTTP server for one test module."""
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first (python tasks.py book)")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    """Headless Debian Chromium for one test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageProblems:
    """Console errors and failed or refused requests seen while a page was open."""

    def __init__(self, page):
        self.items: list[str] = []
        page.on("console", lambda m: self.items.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: self.items.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.items.append(f"request failed: {r.url}"))
        page.on("response", lambda r: self.items.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)


@pytest.fixture
def page(browser):
    """A fresh page (own context) whose problems are collected in ``page.problems``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    new = context.new_page()
    new.problems = PageProblems(new)
    yield new
    context.close()


@pytest.fixture
def lab_page(browser):
    """A page for a JupyterLab test, wide enough for the notebook and its side bar."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def axe_installed():
    """Fail, never skip, when axe-core is not installed: an audit would silently vanish.
    A module that audits with axe-core uses it with ``pytestmark = pytest.mark.usefixtures(...)``."""
    from axe_audit import AxeMissing, axe_source

    try:
        axe_source()
    except AxeMissing as missing:
        pytest.fail(str(missing))
