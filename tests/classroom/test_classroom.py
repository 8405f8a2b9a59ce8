"""A real classroom, end to end: an instructor sets a problem set and publishes the students'
repository (``publish``); five students pull it with nbgitpuller on a JupyterHub, answer it (one in
JupyterLab in Chromium, four through their kernels), and the instructor collects and grades their
work. Then an exam: ``exam`` writes its edition, two students pull it into an environment of its
own (the exam's keyless package), answer in a widget and in code, and ``collect --exam`` grades it.

Nothing is simulated: JupyterHub and nbgitpuller come from PyPI, configurable-http-proxy from npm;
the students' servers run the students' environment (``.venv-student/``, from
``requirements-student.txt``) with the course package installed, not editable, from the published
repository (the exam's students: from the exam edition); the instructor uses the course's own
commands (``assign``, ``publish``, ``exam``, ``collect``). Everything listens on 127.0.0.1 only and
lives in a temporary folder; every process is ended at the end, even when the test fails. If a part
is not installed the test fails with the reason: it is never skipped.

Why four students answer "through their kernels" over the server's REST and WebSocket API rather
than by running the notebook elsewhere: that is the path the JupyterLab front end takes (open a
session, run each cell in the student's kernel, save through the contents API), so their kernels
run in their own servers with their own home folders, the saved notebooks land in the homes the
instructor collects from, and the check feedback each student saw is asserted too.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from lab_page import KERNEL_IDLE, run_all_cells, wait_for_idle_kernel
from assignment_helpers import DUE, POINTS, QUESTIONS, TOTAL, WRONG, expected_points, solution_code
from classroom_hub import CHROMIUM, STUDENT_PYTHON, Hub, Kernel, requirements_problem
from natocourse import authoring
from natocourse.engine.records import MIME as ANSWERS_MIME

ROOT = Path(__file__).resolve().parents[2]
REPO_NAME = "natocourse-class"
NOTEBOOK = f"{REPO_NAME}/release/ps1/ps1.ipynb"
EXAM = "exam1"
EXAM_REPO = "natocourse-exam1"
EXAM_NOTEBOOK = f"{EXAM_REPO}/{EXAM}.ipynb"
EXAM_QUESTIONS = ["coldwar-06", "burden-02", "tour-02"]
EXAM_POINTS = {"burden-02": 2}
#: The exam's students: fay answers in JupyterLab (tour-02 in its widget, the rest in code), gus
#: through his kernel; each answer right, wrong or left blank.
EXAM_PLANS = {
    "fay": {"right": ["burden-02", "tour-02"], "wrong": ["coldwar-06"]},
    "gus": {"right": ["coldwar-06"], "wrong": ["burden-02"]},
}
RECORDED = "Recorded. Your teacher's grading will check it."
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
HALF = QUESTIONS[::2]

#: Each student's plan: which questions they answer right and which wrong (the rest stay blank).
PLANS = {
    "ann": {"right": QUESTIONS, "wrong": []},                    # in JupyterLab, in Chromium
    "ben": {"right": QUESTIONS, "wrong": []},
    "cy": {"right": HALF, "wrong": [q for q in QUESTIONS if q not in HALF]},
    "dee": {"right": [], "wrong": QUESTIONS},
    "eve": {"right": ["bill-01"], "wrong": []},
}
BROWSER_STUDENT = "ann"


def run(*command, cwd=None) -> str:
    """Run a command; fail the test with its output if it fails."""
    result = subprocess.run([str(c) for c in command], cwd=cwd, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(f"{' '.join(map(str, command))} failed ({result.returncode}):\n"
                    f"{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def answer_source(template: str, question: str, source_nb, plan: dict) -> str | None:
    """The answer cell as the student leaves it (``None``: left blank)."""
    if question in plan["right"]:
        code = solution_code(source_nb, question)
    elif question in plan["wrong"]:
        code = WRONG[question]
    else:
        return None
    return template.replace(authoring.ANSWER_PLACEHOLDER, code)


def expected_feedback(question: str, plan: dict, exam: bool = False) -> str:
    if exam:
        return RECORDED if question in plan["right"] + plan["wrong"] else "Not answered yet."
    if question in plan["right"]:
        return "Correct."
    return "Not yet" if question in plan["wrong"] else "Not answered yet."


def push(repository: Path, tmp_path: Path, name: str) -> str:
    """The instructor pushes a repository written by publish or exam to the remote the hub pulls
    from (here a bare clone); returns its file:// URL."""
    remote = tmp_path / "remote" / name
    run("git", "clone", "--quiet", "--bare", repository, remote)
    return remote.as_uri()


def install(package: Path, target: Path) -> str:
    """Install a course package into the students' environment, not editable, as pip does from a
    repository (offline, into ``target``: each server finds it on its PYTHONPATH). The students'
    environment has no pip of its own (tasks.py installs it from outside): this pip runs in it."""
    run(sys.executable, "-m", "pip", "--python", STUDENT_PYTHON, "install", "--quiet", "--no-deps", "--no-index",
        "--no-build-isolation", "--target", target, package)
    return str(target)


def kernel_student(hub: Hub, name: str, repo: str, source_nb, *, exam: bool = False) -> None:
    """Pull with nbgitpuller, answer in the notebook, run every cell in the kernel, save."""
    clone, notebook = (EXAM_REPO, EXAM_NOTEBOOK) if exam else (REPO_NAME, NOTEBOOK)
    events = hub.pull(name, repo, "main", clone)
    assert any("clone" in str(e.get("output", "")).lower() for e in events), events
    nb = hub.contents(name, notebook)
    plan = (EXAM_PLANS if exam else PLANS)[name]
    for cell in nb["cells"]:
        question = cell["metadata"].get("natocourse", {}).get("question")
        if cell["id"].endswith("-answer"):
            new = answer_source(cell["source"], question, source_nb, plan)
            if new is not None:
                cell["source"] = new
    kernel = Kernel(hub, name, notebook)
    try:
        where = kernel.execute("import natocourse, natocourse.questions as bank, pathlib\n"
                               "print(natocourse.__file__, sorted(p.name for p in pathlib.Path(bank.__file__).parent.iterdir()"
                               " if p.suffix in ('.py', '.json')))")
        shown = where[0]["text"]
        assert str(hub.python_path[name]) in shown, shown  # the installed package, not the instructor's
        if exam:  # the exam's keyless bank, in the exam's environment
            assert "['__init__.py', 'exam.py', 'questions.json']" in shown, shown
        else:
            assert "'tour.py'" in shown, shown
        count = 0
        for cell in nb["cells"]:
            if cell["cell_type"] != "code":
                continue
            count += 1
            cell["outputs"] = kernel.execute(cell["source"])
            cell["execution_count"] = count
            errors = [o for o in cell["outputs"] if o["output_type"] == "error"]
            assert not errors, f"{name}, cell {cell['id']}: {errors[0]['ename']}: {errors[0]['evalue']}"
            if cell["id"].endswith("-answer"):
                question = cell["metadata"]["natocourse"]["question"]
                shown = " ".join(o.get("data", {}).get("text/plain", "") for o in cell["outputs"])
                assert shown.startswith(expected_feedback(question, plan, exam)), (name, question, shown)
    finally:
        kernel.close()
    hub.save(name, notebook, nb)


def browser_student(hub: Hub, name: str, repo: str, source_nb, screenshot: Path) -> None:
    """Log in, follow the nbgitpuller launch link, answer in JupyterLab's editor, run, save."""
    from playwright.sync_api import sync_playwright

    link = "/hub/user-redirect/git-pull?" + urllib.parse.urlencode(
        {"repo": repo, "branch": "main", "targetpath": REPO_NAME, "urlpath": f"lab/tree/{NOTEBOOK}"})
    plan = PLANS[name]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        try:
            page.goto(f"{hub.url}/hub/login?next={urllib.parse.quote(link)}", timeout=60000)
            page.fill("#username_input", name)
            page.fill("#password_input", "any password: the dummy authenticator")
            page.click("#login_submit")
            page.wait_for_url(f"**/user/{name}/lab/tree/**", timeout=120000)
            wait_for_idle_kernel(page)
            template = hub.contents(name, NOTEBOOK)
            for question in QUESTIONS:
                cell_source = next(c["source"] for c in template["cells"] if c["id"] == f"{question}-answer")
                new = answer_source(cell_source, question, source_nb, plan)
                if new is None:
                    continue
                cell = page.locator(".jp-CodeCell").filter(has_text=f'exercises.check("{question}", answer)')
                editor = cell.locator(".cm-content").first
                editor.scroll_into_view_if_needed()
                editor.click()
                page.keyboard.press("Control+A")
                page.keyboard.insert_text(new)
            page.keyboard.press("Escape")
            run_all_cells(page)
            for question in QUESTIONS:
                cell = page.locator(".jp-CodeCell").filter(has_text=f'exercises.check("{question}", answer)')
                cell.locator(".jp-OutputArea-output", has_text=expected_feedback(question, plan)).first.wait_for(
                    timeout=60000)
            page.get_by_text(KERNEL_IDLE).wait_for(timeout=60000)
            page.keyboard.press("Control+S")
            deadline = time.monotonic() + 30
            while True:  # the saved file, not the page, is what the instructor collects
                saved = hub.contents(name, NOTEBOOK)
                sources = {c["id"]: c["source"] for c in saved["cells"]}
                if all(solution_code(source_nb, q) in sources[f"{q}-answer"] for q in plan["right"]):
                    break
                if time.monotonic() > deadline:
                    pytest.fail(f"{name}'s answers were not saved within 30 s")
                time.sleep(0.5)
        finally:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=False)
            browser.close()


def browser_exam_student(hub: Hub, name: str, repo: str, source_nb, screenshot: Path) -> None:
    """An exam in JupyterLab: follow the link, write the code answers, run, answer tour-02 in its
    widget (which says only "Recorded"), save."""
    from playwright.sync_api import sync_playwright

    link = "/hub/user-redirect/git-pull?" + urllib.parse.urlencode(
        {"repo": repo, "branch": "main", "targetpath": EXAM_REPO, "urlpath": f"lab/tree/{EXAM_NOTEBOOK}"})
    plan = EXAM_PLANS[name]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
        try:
            page.goto(f"{hub.url}/hub/login?next={urllib.parse.quote(link)}", timeout=60000)
            page.fill("#username_input", name)
            page.fill("#password_input", "any password: the dummy authenticator")
            page.click("#login_submit")
            page.wait_for_url(f"**/user/{name}/lab/tree/**", timeout=120000)
            wait_for_idle_kernel(page)
            template = hub.contents(name, EXAM_NOTEBOOK)
            for question in ("coldwar-06", "burden-02"):
                cell_source = next(c["source"] for c in template["cells"] if c["id"] == f"{question}-answer")
                new = answer_source(cell_source, question, source_nb, plan)
                cell = page.locator(".jp-CodeCell").filter(has_text=f'exercises.check("{question}", answer)')
                editor = cell.locator(".cm-content").first
                editor.scroll_into_view_if_needed()
                editor.click()
                page.keyboard.press("Control+A")
                page.keyboard.insert_text(new)
            page.keyboard.press("Escape")
            run_all_cells(page)
            for question in ("coldwar-06", "burden-02"):
                cell = page.locator(".jp-CodeCell").filter(has_text=f'exercises.check("{question}", answer)')
                cell.locator(".jp-OutputArea-output", has_text=RECORDED).first.wait_for(timeout=60000)
            page.get_by_text(KERNEL_IDLE).wait_for(timeout=60000)
            widget = page.locator(".natocourse-exercise", has_text="tour-02").first
            widget.scroll_into_view_if_needed()
            for ally in ("Canada", "Iceland", "Portugal"):
                widget.get_by_label(ally, exact=True).check()
            widget.get_by_role("button", name="Check", exact=True).click()
            widget.locator(".nc-feedback", has_text="Recorded").wait_for(timeout=30000)
            page.keyboard.press("Control+S")
            deadline = time.monotonic() + 30
            while True:  # the saved file, widget answer included, is what the instructor collects
                saved = {c["id"]: c for c in hub.contents(name, EXAM_NOTEBOOK)["cells"]}
                records = [json.dumps(o.get("data", {}).get(ANSWERS_MIME)) for o in saved["tour-02-show"]["outputs"]]
                if any("Iceland" in r for r in records) and \
                        solution_code(source_nb, "burden-02") in saved["burden-02-answer"]["source"]:
                    break
                if time.monotonic() > deadline:
                    pytest.fail(f"{name}'s exam answers were not saved within 30 s")
                time.sleep(0.5)
        finally:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(screenshot), full_page=False)
            browser.close()


def gradebook(path: Path) -> dict[str, dict]:
    with path.open() as handle:
        return {row["student"]: row for row in csv.DictReader(handle)}


def test_a_class_pulls_answers_and_is_graded_on_a_real_hub(tmp_path, report):
    problem = requirements_problem()
    if problem:
        pytest.fail(f"the classroom cannot run: {problem}")
    started = time.monotonic()
    python = sys.executable
    course = tmp_path / "instructor"
    course.mkdir()
    points = [f"--points={q}={p}" for q, p in POINTS.items()]
    run(python, "-m", "natocourse", "assign", "ps1", "--questions", *QUESTIONS, *points, "--due", DUE,
        "--dir", course)
    import nbformat

    source_nb = nbformat.read(course / "source" / "ps1" / "ps1.ipynb", as_version=4)
    published = tmp_path / "published" / REPO_NAME
    run(python, "-m", "natocourse", "publish", published, "--dir", course)
    repo = push(published, tmp_path, REPO_NAME)
    practice = install(published, tmp_path / "students-env")

    exam_dir = tmp_path / "instructor" / EXAM
    run(python, "-m", "natocourse", "exam", exam_dir, "--questions", *EXAM_QUESTIONS,
        *(f"--points={q}={p}" for q, p in EXAM_POINTS.items()))
    exam_source = nbformat.read(exam_dir / "source" / f"{EXAM}.ipynb", as_version=4)
    exam_repo = push(exam_dir / "student", tmp_path, EXAM_REPO)
    exam_env = install(exam_dir / "student", tmp_path / "exam-env")

    phases = {"assign, publish, exam, install": time.monotonic() - started}

    def lap(name):
        phases[name] = time.monotonic() - started - sum(phases.values())

    environments = {**{name: practice for name in PLANS}, **{name: exam_env for name in EXAM_PLANS}}
    hub = Hub(tmp_path / "hub", [*PLANS, *EXAM_PLANS], environments)
    try:
        hub.start()
        lap("hub start")
        kernel_students = [s for s in PLANS if s != BROWSER_STUDENT]
        hub.spawn(kernel_students + ["gus"])
        lap("spawn five servers")
        for name in kernel_students:
            kernel_student(hub, name, repo, source_nb)
        lap("four students through their kernels")
        browser_student(hub, BROWSER_STUDENT, repo, source_nb,
                        ROOT / "_build" / "screenshots" / "classroom-jupyterlab.png")
        lap("one student in JupyterLab")
        for name in PLANS:  # each student's own copy of the students' repository, pulled into their home
            clone = hub.homes / name / REPO_NAME
            assert (hub.homes / name / NOTEBOOK).is_file(), f"{name} has no pulled notebook"
            assert (clone / "exercises" / "06-the-bill.ipynb").is_file()
            assert not [p for p in ("solutions", "source", "tests") if (clone / p).exists()]

        out = tmp_path / "collected"
        collected = run(python, "-m", "natocourse", "collect", "ps1", "--homes", hub.homes, "--dir", course,
                        "--out", out, "--students", *PLANS)
        lap("collect and grade")

        kernel_student(hub, "gus", exam_repo, exam_source, exam=True)
        browser_exam_student(hub, "fay", exam_repo, exam_source, ROOT / "_build" / "screenshots" / "classroom-exam.png")
        lap("exam: two students")
        exam_report = run(python, "-m", "natocourse", "collect", "--exam", exam_dir, "--homes", hub.homes,
                          "--out", out, "--students", *EXAM_PLANS)
        lap("collect and grade the exam")
    except Exception:
        print(hub.tail(80))
        raise
    finally:
        hub.stop()
        lap("stop")
        print("classroom phases (s):", ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
    assert hub._ours() == [], "processes of the classroom are still running"

    book = gradebook(out / "ps1" / "grades.csv")
    assert set(book) == set(PLANS)
    for name, plan in PLANS.items():
        row = book[name]
        assert float(row["total"]) == expected_points(plan["right"]), (name, row)
        for question in QUESTIONS:
            worth = POINTS.get(question, 1) if question in plan["right"] else 0
            assert float(row[question]) == worth, (name, question, row)
        assert f"{name:20} {expected_points(plan['right']):g}/{TOTAL:g}" in collected
    assert book["ann"]["percent"] == "100.0" and book["dee"]["total"] == "0"

    exam_book = gradebook(out / EXAM / "grades.csv")
    for name, plan in EXAM_PLANS.items():
        for question in EXAM_QUESTIONS:
            worth = EXAM_POINTS.get(question, 1) if question in plan["right"] else 0
            assert float(exam_book[name][question]) == worth, (name, question, exam_book[name])
    assert exam_book["fay"]["total"] == "3" and exam_book["gus"]["total"] == "1"
    assert "fay                  3/4" in exam_report
    with (out / EXAM / "grades-details.csv").open() as handle:
        widget = next(r for r in csv.DictReader(handle) if (r["student"], r["question"]) == ("fay", "tour-02"))
    assert widget["verdict"] == "correct" and "widget" in widget["reason"]  # the widget answer counted
    elapsed = time.monotonic() - started
    # How long a class takes is a figure to watch (bench/ holds speed targets), not a pass/fail.
    report("classroom", f"classroom on a real hub: {elapsed:.0f} s in all ("
           + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()) + ")")
