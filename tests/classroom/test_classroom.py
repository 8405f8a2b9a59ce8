"""A real classroom, end to end: an instructor sets a problem set, five students pull it from a git
repository with nbgitpuller on a JupyterHub, answer it (one in JupyterLab in Chromium, four
through their kernels), and the instructor collects and grades their work.

Nothing is simulated: JupyterHub and nbgitpuller come from PyPI, configurable-http-proxy from npm,
the students' servers run the course package in this environment, and the instructor uses the
course's own commands (``assign``, ``collect``). Everything listens on 127.0.0.1 only and lives
in a temporary folder; every process is ended at the end, even when the test fails. If a part
is not installed the test fails with the reason: it is never skipped.

Why four students answer "through their kernels" over the server's REST and WebSocket API rather
than by running the notebook elsewhere: that is the path the JupyterLab front end takes (open a
session, run each cell in the student's kernel, save through the contents API), so their kernels
run in their own servers with their own home folders, the saved notebooks land in the homes the
instructor collects from, and the check feedback each student saw is asserted too.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest

from lab_page import KERNEL_IDLE, run_all_cells, wait_for_idle_kernel
from assignment_helpers import DUE, POINTS, QUESTIONS, TOTAL, WRONG, expected_points, solution_code
from classroom_hub import CHROMIUM, Hub, Kernel, requirements_problem
from natocourse import authoring

ROOT = Path(__file__).resolve().parents[2]
REPO_NAME = "natocourse-class"
NOTEBOOK = f"{REPO_NAME}/release/ps1/ps1.ipynb"
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


def expected_feedback(question: str, plan: dict) -> str:
    if question in plan["right"]:
        return "Correct."
    return "Not yet" if question in plan["wrong"] else "Not answered yet."


def publish(course: Path, tmp_path: Path) -> str:
    """The instructor puts release/ in the class's git repository; returns its file:// URL."""
    work = tmp_path / "class-work"
    shutil.copytree(course / "release", work / "release")
    identity = ["-c", "user.name=Instructor", "-c", "user.email=instructor@example.invalid"]
    run("git", "init", "--quiet", "--initial-branch=main", cwd=work)
    run("git", "add", "release", cwd=work)
    run("git", *identity, "commit", "--quiet", "-m", "Problem set ps1", cwd=work)
    remote = tmp_path / "remote" / REPO_NAME
    run("git", "clone", "--quiet", "--bare", work, remote)
    return remote.as_uri()


def kernel_student(hub: Hub, name: str, repo: str, source_nb) -> None:
    """Pull with nbgitpuller, answer in the notebook, run every cell in the kernel, save."""
    events = hub.pull(name, repo, "main", REPO_NAME)
    assert any("clone" in str(e.get("output", "")).lower() for e in events), events
    nb = hub.contents(name, NOTEBOOK)
    plan = PLANS[name]
    for cell in nb["cells"]:
        question = cell["metadata"].get("natocourse", {}).get("question")
        if cell["id"].endswith("-answer"):
            new = answer_source(cell["source"], question, source_nb, plan)
            if new is not None:
                cell["source"] = new
    kernel = Kernel(hub, name, NOTEBOOK)
    try:
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
                assert shown.startswith(expected_feedback(question, plan)), (name, question, shown)
    finally:
        kernel.close()
    hub.save(name, NOTEBOOK, nb)


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
    repo = publish(course, tmp_path)

    phases = {"assign and publish": time.monotonic() - started}

    def lap(name):
        phases[name] = time.monotonic() - started - sum(phases.values())

    hub = Hub(tmp_path / "hub", list(PLANS))
    try:
        hub.start()
        lap("hub start")
        kernel_students = [s for s in PLANS if s != BROWSER_STUDENT]
        hub.spawn(kernel_students)
        lap("spawn four servers")
        for name in kernel_students:
            kernel_student(hub, name, repo, source_nb)
        lap("four students through their kernels")
        browser_student(hub, BROWSER_STUDENT, repo, source_nb,
                        ROOT / "_build" / "screenshots" / "classroom-jupyterlab.png")
        lap("one student in JupyterLab")
        for name in PLANS:  # each student's own copy, pulled into their own home
            assert (hub.homes / name / NOTEBOOK).is_file(), f"{name} has no pulled notebook"
            assert not (hub.homes / name / REPO_NAME / "source").exists()

        out = tmp_path / "collected"
        collected = run(python, "-m", "natocourse", "collect", "ps1", "--homes", hub.homes, "--dir", course,
                     "--out", out)
        lap("collect and grade")
    except Exception:
        print(hub.tail(80))
        raise
    finally:
        hub.stop()
        lap("stop")
        print("classroom phases (s):", ", ".join(f"{k} {v:.1f}" for k, v in phases.items()))
    assert hub._ours() == [], "processes of the classroom are still running"

    with (out / "ps1" / "grades.csv").open() as handle:
        gradebook = {row["student"]: row for row in csv.DictReader(handle)}
    assert set(gradebook) == set(PLANS)
    for name, plan in PLANS.items():
        row = gradebook[name]
        assert float(row["total"]) == expected_points(plan["right"]), (name, row)
        for question in QUESTIONS:
            worth = POINTS.get(question, 1) if question in plan["right"] else 0
            assert float(row[question]) == worth, (name, question, row)
        assert f"{name:20} {expected_points(plan['right']):g}/{TOTAL:g}" in collected
    assert gradebook["ann"]["percent"] == "100.0" and gradebook["dee"]["total"] == "0"
    elapsed = time.monotonic() - started
    # How long a class takes is a figure to watch (bench/ holds speed targets), not a pass/fail.
    report("classroom", f"classroom on a real hub: {elapsed:.0f} s in all ("
           + ", ".join(f"{k} {v:.1f} s" for k, v in phases.items()) + ")")
