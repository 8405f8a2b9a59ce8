"""axe-core over an exercise notebook open in JupyterLab, with every question's widget rendered, in
JupyterLab's light and dark themes.

The same rules as the book (WCAG 2.0/2.1/2.2 A and AA, best practice). Violations inside the
course's widgets (``.natocourse-exercise``) are ours and must have no serious or critical ones;
violations elsewhere belong to JupyterLab itself, are outside the course's control, and are only
reported in the test output. The lab server comes from test_jupyterlab.py's fixture.
"""

import re

import pytest

from axe_audit import AxeMissing, axe_source, blocking, report, run_axe, split, summary
from lab_page import run_notebook, use_theme
from test_jupyterlab import NOTEBOOK, jupyterlab  # noqa: F401  (the fixture that runs JupyterLab)

WIDGET = ".natocourse-exercise"


def shown_questions() -> int:
    """How many question widgets the exercise notebook displays (its ``exercises.show`` calls)."""
    return len(re.findall(r"exercises\.show\(", NOTEBOOK.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def lab_violations(browser, jupyterlab):  # noqa: F811
    """axe-core's violations in JupyterLab once every cell of the exercise notebook has run, in
    JupyterLab's light theme and then its dark one: ``{theme: violations}``, and the widget count."""
    try:
        axe_source()
    except AxeMissing as missing:
        pytest.fail(str(missing))
    base, token, workdir = jupyterlab
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        run_notebook(page, f"{base}/lab/tree/{NOTEBOOK.name}?token={token}",
                     f"document.querySelectorAll('{WIDGET}').length >= {shown_questions()}")
        violations = {"light": run_axe(page, mark=WIDGET)}
        rendered = page.locator(WIDGET).count()
        use_theme(page, "JupyterLab Dark")
        violations["dark"] = run_axe(page, mark=WIDGET)
        use_theme(page, "JupyterLab Light")
    finally:
        context.close()
    return violations, rendered


def test_every_question_widget_was_rendered_before_the_audit(lab_violations):
    violations, rendered = lab_violations
    assert rendered >= shown_questions() > 0


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_jupyterlab_itself_is_reported_not_judged(lab_violations, theme):
    """JupyterLab's own violations are listed for the record; the course cannot fix them."""
    violations, _ = lab_violations
    theirs = split(violations[theme], inside=False)
    print(f"axe-core, JupyterLab ({theme}) outside the course widgets:",
          "; ".join(f"{impact} {rule}: {nodes} nodes" for rule, impact, nodes, _ in summary({"lab": theirs}))
          or "none")
    assert all(n["inside"] is False for v in theirs for n in v["nodes"])


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_no_serious_or_critical_axe_violation_in_the_course_widgets(lab_violations, theme):
    violations, _ = lab_violations
    ours = split(violations[theme], inside=True)
    lesser = [f"{impact} {rule}: {nodes} nodes" for rule, impact, nodes, _ in summary({"widgets": ours})
              if impact not in ("serious", "critical")]
    print(f"axe-core, course widgets in JupyterLab ({theme}), moderate and minor:", "; ".join(lesser) or "none")
    assert blocking(ours) == [], (f"axe-core finds serious or critical violations in the course's widgets "
                                  f"in JupyterLab ({theme} theme):\n" + report({NOTEBOOK.name: blocking(ours)}))


def test_violations_are_told_apart_by_whether_they_are_inside_a_course_widget(page):
    page.set_content("""<html lang="en"><head><title>t</title></head><body><main><h1>x</h1>
        <div class="natocourse-exercise"><input type="text" id="ours"></div>
        <div class="jp-Cell"><input type="text" id="theirs"></div></main></body></html>""")
    violations = run_axe(page, mark=WIDGET)
    ours, theirs = split(violations, inside=True), split(violations, inside=False)
    assert {n["target"] for v in blocking(ours) for n in v["nodes"]} == {"#ours"}
    assert {n["target"] for v in blocking(theirs) for n in v["nodes"]} == {"#theirs"}
