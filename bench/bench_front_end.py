"""The book's front end as a reader gets it, in Debian's Chromium: bytes, readiness, check latency.

- **page bytes**: every response a chapter page loads (HTML, CSS, scripts, fonts, images), per page;
- **time to the first usable question**: from navigation start to the moment engine.js has
  rendered the page's questions (``NatoCourse.readyAt``), median over ``--loads`` loads;
- **check latency**: ``NatoCourse.check`` over 1,000 checks of mixed answers (right, wrong,
  variants, invalid) on the tour's questions, timed in batches of 20 (the browser's clock is
  coarse): median per check, once with Web Crypto and once with the engine's own SHA-256.

Serves the built book (``_build/html``) on loopback; build it first (``python tasks.py book``).

    .venv/bin/python bench/bench_front_end.py [--loads 10]
"""

from __future__ import annotations

import argparse
import functools
import http.server
import statistics
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

CHECKS = """async ([rounds, fallback, fresh]) => {
  NatoCourse.settings.forceFallbackHash = fallback;
  const answers = [["tour-01", "1949-04-04"], ["tour-01", "1952-02-18"], ["tour-02", ["Canada", "Iceland", "Portugal"]],
    ["tour-02", ["Canada"]], ["tour-03", "3"], ["tour-04", "1.4 %"], ["tour-04", 0.014], ["tour-05", "Turkey"],
    ["tour-05", "Senator Greece (X)"], ["tour-06", ["Spain", "Poland", "Estonia", "Montenegro", "Finland"]],
    ["tour-07", {"Germany": "1955", "Spain": "1982", "Croatia": "2009", "North Macedonia": "2020", "Sweden": "2024"}],
    ["tour-08", "7"], ["tour-08", "seven"], ["tour-03", "1,5"]];
  const batches = [];  // the browser's clock is coarse (0.1 ms), so time batches of 20 checks
  for (let b = 0; b < rounds / 20; b++) {
    const t = performance.now();
    for (let i = 0; i < 20; i++) {
      const [id, answer] = fresh ? ["tour-05", "Turkey " + (b * 20 + i)] : answers[(b * 20 + i) % answers.length];
      await NatoCourse.check(id, answer);
    }
    batches.push((performance.now() - t) / 20);
  }
  return batches;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def page_bytes(browser, url: str) -> int:
    page = browser.new_page()
    sizes = {}

    def seen(response):
        try:
            sizes[response.url] = len(response.body())
        except Exception:  # noqa: BLE001 - redirects have no body
            sizes[response.url] = 0

    page.on("response", seen)
    page.goto(url, wait_until="networkidle")
    page.close()
    return sum(sizes.values())


def main(argv: list[str] | None = None) -> int:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=10)
    args = parser.parse_args(argv)
    if not (HTML / "index.html").exists():
        sys.exit(f"{HTML / 'index.html'} is missing: build the book first (python tasks.py book)")
    server, base = serve()
    pages = sorted(str(p.relative_to(HTML)) for folder in ("solutions", "notebooks") for p in (HTML / folder).glob("*.html"))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=ARGS)
            print("page bytes (all responses of one load):")
            for name in pages:
                print(f"  {name:38} {page_bytes(browser, base + name) / 1e6:6.3f} MB")
            ready = []
            for _ in range(args.loads):
                context = browser.new_context()
                page = context.new_page()
                page.goto(base + "solutions/01-exercise-tour.html")
                page.wait_for_selector("html[data-natocourse-ready]")
                ready.append(page.evaluate("NatoCourse.readyAt"))
                context.close()
            print(f"first usable question (exercise tour, {args.loads} loads): median {statistics.median(ready):.0f} ms "
                  f"(min {min(ready):.0f}, max {max(ready):.0f})")
            page = browser.new_page()
            page.goto(base + "solutions/01-exercise-tour.html")
            page.wait_for_selector("html[data-natocourse-ready]")
            for fallback, label in ((False, "Web Crypto"), (True, "own SHA-256")):
                page.evaluate("() => location.reload()")
                page.wait_for_selector("html[data-natocourse-ready]")
                for fresh, kind in ((False, "mixed answers, hashes cached after warm-up"),
                                    (True, "1000 distinct text answers, every hash computed")):
                    page.evaluate(CHECKS, [200, fallback, False])  # warm up the JIT
                    times = sorted(page.evaluate(CHECKS, [1000, fallback, fresh]))
                    print(f"check latency ({label}; {kind}): median {statistics.median(times):.3f} ms per check, "
                          f"slowest batch {times[-1]:.3f} ms per check")
            browser.close()
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
