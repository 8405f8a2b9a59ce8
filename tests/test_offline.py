"""Nothing in the package or the notebooks may touch the network.

conftest.py installs ``network_guard`` here and in every notebook kernel; these tests prove the
guard really blocks (so a notebook that reached out would fail under nbval) and that the built book
loads no script, style sheet or image from another host.
"""

import re
import socket
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

import network_guard

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"


def test_guard_blocks_outside_addresses_in_this_process():
    with pytest.raises(network_guard.NetworkBlocked):
        socket.create_connection(("192.0.2.10", 80), timeout=1)
    with pytest.raises(network_guard.NetworkBlocked):
        socket.getaddrinfo("example.org", 443)


def test_guard_allows_loopback():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    try:
        client = socket.create_connection(server.getsockname(), timeout=1)
        client.close()
    finally:
        server.close()


def test_guard_is_active_inside_notebook_kernels():
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        "import socket\n"
        "try:\n"
        "    socket.create_connection(('192.0.2.10', 80), timeout=1)\n"
        "    print('CONNECTED')\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__)\n"
    )])
    NotebookClient(nb, timeout=60, kernel_name="python3").execute()
    assert nb.cells[0].outputs[0]["text"].strip() == "NetworkBlocked"


def _built_pages():
    if not (HTML / "index.html").exists():
        pytest.fail(f"{HTML / 'index.html'} is missing: build the book first (python tasks.py book)")
    return sorted(HTML.rglob("*.html"))


REMOTE = re.compile(r"""<(script|link|img|iframe)\b[^>]*\b(src|href)=["'](https?:)?//""", re.IGNORECASE)


def test_built_book_loads_nothing_from_other_hosts():
    offenders = []
    for page in _built_pages():
        for match in REMOTE.finditer(page.read_text(encoding="utf-8")):
            tag = match.group(0)
            if match.group(1).lower() == "link" and not re.search(r"rel=[\"']?(stylesheet|preload|icon)", tag):
                continue  # plain hyperlinks in <link rel="next"> etc. load nothing
            offenders.append(f"{page.relative_to(HTML)}: {tag}")
    assert not offenders, "pages load remote resources:\n" + "\n".join(offenders)


def test_question_pages_load_the_course_front_end_from_the_book_itself():
    """Pages with questions load the engine's three scripts from _static, and only those pages do."""
    scripts = ("_static/natocourse/engine-data.js", "_static/natocourse/questions.js", "_static/natocourse/engine.js")
    with_questions = [p for p in _built_pages() if "data-question=" in p.read_text(encoding="utf-8")]
    assert with_questions, "no page holds a question: the exercise pages should"
    for page in _built_pages():
        text = page.read_text(encoding="utf-8")
        assert all(s in text for s in scripts) == (page in with_questions), page
    assert all((HTML / s).stat().st_size > 1_000 for s in scripts)
