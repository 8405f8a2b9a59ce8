"""A written answer in JupyterLab, and an instructor marking a class of 30 in the marking view, by keyboard.

The question widget: a labelled text box with a live word count and a Submit button; submitting
says "Saved ...", shows the aids and the rubric checklist, keeps the text in the notebook's answers
(so grading finds it) and opens the model answer. Keys typed into the box stay in the box (the
notebook's command-mode keys never fire), hostile text (markup, Markdown, a formula, a quotation of
markup) is saved and shown as text, and axe-core finds nothing serious in it.

The marking view (``python -m natocourse mark``'s notebook) over a class of 30 written answers, one
of them hostile: an instructor marks every answer with digits and Enter only, each mark is in the
marks file the moment it is given, and the time and keystrokes per answer are reported (see
``test_marking_a_class_of_30_by_keyboard`` for what that figure measures and what it does not).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from axe_audit import AxeMissing, audit_widget_in_lab_themes, axe_source, blocking, report, run_axe, split
from lab_page import jupyterlab_server, run_notebook, write_notebook

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "_build" / "reports"
QID, MARKED = "burden-05", "factcheck-05"
TEXT = "Share of GDP is fair: Poland spent 4.07 % of GDP in 2024 (NATO, April 2025 release)."
CLASS = 30
HOSTILE = '<img src=x onerror="window.__pwned = 1"> **not bold** =HYPERLINK("http://x")'
ESSAY_HOSTILE = HOSTILE + ' and a quotation: "<b>not in any source</b> at all"'


def class_answers() -> list[str]:
    """Thirty different fact-checks, one of them hostile, as a class would hand them in."""
    figures = ["9 of 31 allies", "19 of 30 allies", "29 %", "63 %", "17 allies", "8 named allies"]
    out = [f"Student {n}: finding 14 says \"nearly 1/3\" of allies fail; by NATO's releases {figures[n % 6]} "
           f"in {2023 + n % 3} were below 2 %. " + "More detail. " * (n % 7) for n in range(CLASS - 1)]
    return out + [HOSTILE + " In 2024, 9 of 31 allies were below 2 %."]


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab serving a folder with a notebook showing a written question, and the marking
    files of a graded class of 30."""
    from natocourse.engine import registry
    from natocourse.tooling.classroom import marking, marks, score, submissions

    workdir = tmp_path_factory.mktemp("written-lab")
    write_notebook(workdir / "written.ipynb", f'from natocourse import exercises\nexercises.show("{QID}")')
    bank = {q.id: q for q in registry.all()}
    rows = [row for n, text in enumerate(class_answers())
            for row in score.score(submissions.Submission(f"student{n:02d}", "ps.ipynb", widget={MARKED: [text]}),
                                   bank, {MARKED: 5})]
    assert {r.verdict for r in rows} == {"to_mark"}
    content = marks.to_mark_file(rows, bank)
    to_mark = workdir / "grades-to-mark.json"
    to_mark.write_text(json.dumps(content), encoding="utf-8")
    marking.write_notebook(to_mark)
    every_cell = {"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}
    with jupyterlab_server(workdir, tmp_path_factory.mktemp("written-lab-state"), settings=every_cell) as (base, token):
        yield base, token, workdir


def cells(page) -> int:
    return page.evaluate("document.querySelectorAll('.jp-Notebook .jp-Notebook-cell').length")


def test_write_and_submit_in_the_widget_by_keyboard_and_grading_finds_it(lab, lab_page, tmp_path):
    base, token, workdir = lab
    page = lab_page
    run_notebook(page, f"{base}/lab/tree/written.ipynb?token={token}",
                 "document.querySelectorAll('.natocourse-exercise textarea').length >= 1")
    box = page.locator(".natocourse-exercise", has_text=QID).first
    area = box.get_by_role("textbox", name="Your answer (150\u2013300 words)")
    before = cells(page)
    area.focus()
    page.keyboard.type("a b d d x ")  # JupyterLab's command keys: add, delete, cut cells
    page.keyboard.press("Enter")  # a new line in the box, never the cell's editor
    area.fill(ESSAY_HOSTILE)  # markup, Markdown and a formula in the text, and a quotation of markup
    box.get_by_role("button", name="Submit", exact=True).click()
    box.locator(".nc-aids li", has_text="not in any source").wait_for(timeout=30000)
    assert box.locator("img").count() == 0 and box.locator(".nc-aids b").count() == 0
    assert page.evaluate("window.__pwned") is None and area.input_value() == ESSAY_HOSTILE
    assert any("\u201c<b>not in any source</b> at all\u201d is not in the course's sources" in a
               for a in box.locator(".nc-aids li").all_inner_texts())
    area.fill("")
    page.keyboard.type(TEXT)
    assert cells(page) == before and area.input_value() == TEXT
    from natocourse.engine import evidence

    assert box.locator(".nc-word-count").inner_text() == f"{evidence.count_words(TEXT)} words (asked: 150\u2013300)"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Submit"
    page.keyboard.press("Enter")
    box.locator(".nc-aids li", has_text="4.07 % matches Poland").wait_for(timeout=30000)
    assert box.locator(".nc-feedback").inner_text().lstrip("✎ ").startswith("Saved")
    assert any("4.07 % matches Poland, 2024" in a for a in box.locator(".nc-aids li").all_inner_texts())
    rubric = box.get_by_role("group", name="Rubric: tick each criterion your answer meets")
    assert rubric.get_by_role("checkbox").count() == 4
    rubric.get_by_role("checkbox").first.focus()
    page.keyboard.press("Space")
    assert rubric.get_by_role("checkbox").first.is_checked() and cells(page) == before
    box.get_by_role("button", name="Show model answer").click()
    box.locator(".nc-explanation", has_text="Model answer").wait_for(timeout=30000)
    audit_widget_in_lab_themes(page, "written.ipynb")

    saved = (workdir / "written.ipynb").stat().st_mtime
    page.keyboard.press("Control+s")
    deadline = time.monotonic() + 30
    while (workdir / "written.ipynb").stat().st_mtime == saved and time.monotonic() < deadline:
        time.sleep(0.2)
    from natocourse import grading
    from natocourse.tooling.course import Limits

    [row] = [r for r in grading.grade([workdir / "written.ipynb"], limits=Limits(timeout=60), quiet=True)
             if r.question == QID]
    assert (row.verdict, row.text) == ("to_mark", TEXT) and "answered in widget" in row.reason


def test_marking_a_class_of_30_by_keyboard(lab, lab_page):
    """Every answer marked with four digits (one per criterion) and Enter (an empty or short
    comment), nothing else. What the figure measures: the tool's own cost per answer (keystrokes,
    and the seconds a scripted marker waits for the view: each mark's round trip to the kernel and
    the marks file, and the next answer's drawing). What it does not: the minutes a person spends
    reading an answer and choosing the levels, which no script can stand in for."""
    from natocourse.tooling.classroom import marks

    base, token, workdir = lab
    page = lab_page
    run_notebook(page, f"{base}/lab/workspaces/marking/tree/grades-marking.ipynb?reset&token={token}",
                 "document.querySelectorAll('.natocourse-marking .mk-criterion').length === 4")
    view = page.locator(".natocourse-marking")
    assert view.locator("img").count() == 0 and page.evaluate("window.__pwned") is None
    where = view.locator(".mk-where")
    assert where.inner_text().startswith(f"Answer 1 of {CLASS}: S-")
    assert "student" not in where.inner_text()  # blind: a code, no name
    try:
        axe_source()
    except AxeMissing as missing:
        pytest.fail(str(missing))
    ours = split(run_axe(page, mark=".natocourse-marking"), inside=True)
    assert blocking(ours) == [], report({"grades-marking.ipynb": blocking(ours)})

    view.locator(".mk-answer").focus()
    levels = [(2, 1, 4, 2), (1, 2, 2, 0), (2, 2, 0, 1)]
    keystrokes, hostile_seen = 0, False
    started = time.monotonic()
    for n in range(CLASS):
        where.filter(has_text=f"Answer {n + 1} of {CLASS}").wait_for(timeout=30000)
        hostile_seen = hostile_seen or "<img src=x" in view.locator(".mk-answer").inner_text()
        for digit in levels[n % 3]:
            page.keyboard.press(str(digit))
            keystrokes += 1
        assert page.evaluate("document.activeElement.tagName") == "TEXTAREA"
        if n % 5 == 0:
            page.keyboard.type("Good.")
            keystrokes += len("Good.")
        page.keyboard.press("Enter")
        keystrokes += 1
    view.locator(".mk-status", has_text="That was the last answer").wait_for(timeout=30000)
    seconds = time.monotonic() - started
    assert hostile_seen and page.evaluate("window.__pwned") is None and view.locator(".mk-answer img").count() == 0
    marks_file = workdir / "grades-marks.jsonl"
    read = marks.read(marks_file)
    content = marks.load_to_mark(workdir / "grades-to-mark.json")
    complete = [a for a in content["answers"]
                if len(read.get(a["question"], a["student"], a["notebook"]).points) == 4
                and read.get(a["question"], a["student"], a["notebook"]).sha256 == a["sha256"]]
    assert len(complete) == CLASS and read.skipped == []
    assert sum(1 for g in read.given.values() if g.comment == "Good.") == CLASS // 5
    line = (f"marking view, JupyterLab, scripted keyboard: {CLASS} written answers (4 criteria each) marked in "
            f"{seconds:.1f} s, {seconds / CLASS:.2f} s and {keystrokes / CLASS:.1f} keystrokes per answer "
            "(the tool's cost only; a person's reading time is not measured)")
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "marking-time.txt").write_text(line + "\n", encoding="utf-8")
    print(line)
    view.locator("select").select_option(MARKED)
    assert page.locator(".natocourse-marking option").first.inner_text() == f"{MARKED}: {CLASS} of {CLASS} answers marked"
