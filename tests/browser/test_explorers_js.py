"""The explorers in the browser, without a kernel: explorers.js must show what Python shows.

A standalone page is built in a temporary folder from the explorers' static renderings (their
``text/html``) and the assets ``write_explorer_assets`` writes; it is opened from a loopback HTTP
server and from ``file://``. The tests drive the native controls (select, date fields, checkbox,
keyboard on the range inputs) and compare the live card with the card the Python widget shows for
the same inputs, after letting the browser parse both (so only markup differences a browser would
show count). Batch tests compare the script's functions with the Python functions over thousands
of inputs.
"""

import datetime as dt
import functools
import http.server
import random
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natocourse import data, explore, lab
from natocourse.analysis import history, scenarios, withdrawal
from natocourse.presentation import static

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Explorers</title><link rel="icon" href="data:,"></head>
<body><main>
{explorers}
</main>
{scripts}
</body></html>
"""
SCRIPTS = ('<script src="natocourse/explorer-data.js"></script>\n'
           '<script src="natocourse/explorers.js"></script>')
NAMES = ["ally-card", "withdrawal-calculator", "membership-explorer", "scenario-lab"]
GROUPS = list(scenarios.GROUPS)


def _rendering(box) -> str:
    return box._repr_mimebundle_()["text/html"]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A folder with index.html (the four explorers and both scripts) and nodata.html (no data script)."""
    root = tmp_path_factory.mktemp("explorers")
    static.write_explorer_assets(root)
    boxes = [explore.ally_card(data.load("members")), explore.withdrawal_calculator("2027-06-01"),
             explore.membership_explorer(1991), lab.scenario_lab(2024)]
    explorers = "\n".join(f'<section id="{name}">{_rendering(box)}</section>' for name, box in zip(NAMES, boxes))
    (root / "index.html").write_text(PAGE.format(explorers=explorers, scripts=SCRIPTS), encoding="utf-8")
    (root / "nodata.html").write_text(
        PAGE.format(explorers=explorers, scripts='<script src="natocourse/explorers.js"></script>'), encoding="utf-8")
    reversed_scripts = "\n".join(reversed(SCRIPTS.split("\n")))
    (root / "later.html").write_text(PAGE.format(explorers=explorers, scripts=reversed_scripts), encoding="utf-8")
    odd = "\n".join(static.static_html(name, start, f"<p>static {k}</p>") for k, (name, start) in enumerate([
        ("scenario-lab", {"year": 1800}), ("withdrawal-calculator", {"enactment": "not a date"}),
        ("ally-card", {"iso3": "USA", "allies": []})]))
    odd += "\n<div data-explorer='chart' data-start='{}'><p>static 3</p></div>"
    odd += "\n<div data-explorer='ally-card' data-start='{not json'><p>static 4</p></div>"
    (root / "odd.html").write_text(PAGE.format(explorers=odd, scripts=SCRIPTS), encoding="utf-8")
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def http_url(site):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(params=["http", "file"])
def base_url(request, site):
    """The page's folder, from the loopback server and from file://."""
    return request.getfixturevalue("http_url") if request.param == "http" else site.as_uri() + "/"


def _open(page, base, name="index.html"):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(base + name)
    page.requests = requests
    return page


@pytest.fixture
def live(page, base_url):
    """index.html opened, every explorer live; afterwards: no page problem, nothing asked of another host."""
    _open(page, base_url)
    page.wait_for_function("document.querySelectorAll('[data-live=true]').length === 4")
    yield page
    assert page.problems.items == []
    assert all(url.startswith(base_url) for url in page.requests), page.requests


def _same_html(page, selector: str, python_html: str):
    """The live element's inner HTML, and Python's HTML as the browser parses it."""
    return page.evaluate("""([selector, html]) => {
        const scratch = document.createElement('div');
        scratch.innerHTML = html;
        return [document.querySelector(selector).innerHTML, scratch.innerHTML];
    }""", [selector, python_html])


def _assert_card(page, name: str, python_html: str):
    shown, expected = _same_html(page, f"#{name} [aria-live=polite]", python_html)
    assert shown == expected


# ---------------------------------------------------------------- markup and accessibility contract

def test_every_explorer_goes_live_with_labelled_controls(live):
    report = live.evaluate("""() => [...document.querySelectorAll('[data-explorer]')].map(root => ({
        name: root.dataset.explorer,
        live: root.querySelectorAll('[aria-live=polite]').length,
        controls: [...root.querySelectorAll('input, select')].map(c => ({
            type: c.type,
            label: c.labels.length ? c.labels[0].textContent.trim() : '',
            visible: c.labels.length ? c.labels[0].getBoundingClientRect().width > 0 : false,
        })),
    }))""")
    assert [r["name"] for r in report] == NAMES
    assert all(r["live"] == 1 for r in report)
    types = {r["name"]: [c["type"] for c in r["controls"]] for r in report}
    assert types == {"ally-card": ["select-one"], "withdrawal-calculator": ["date", "checkbox", "date"],
                     "membership-explorer": ["range"], "scenario-lab": ["range", "range", "range"]}
    for r in report:
        for control in r["controls"]:
            assert control["label"] and control["visible"], (r["name"], control)
    labels = [c["label"] for c in report[3]["controls"]]
    assert labels == [f"{g} (% of GDP):" for g in GROUPS]


def test_starting_cards_equal_python(live):
    _assert_card(live, "ally-card", explore.ally_card(data.load("members")).parts[-1].value)
    _assert_card(live, "withdrawal-calculator", explore.withdrawal_calculator("2027-06-01").parts[-1].value)
    _assert_card(live, "membership-explorer", explore.membership_explorer(1991).parts[-1].value)
    _assert_card(live, "scenario-lab", lab.scenario_lab(2024).parts[-1].value)
    # the lab keeps its note, and its starting state is the baseline (issue 17)
    assert live.locator("#scenario-lab .natocourse-explorer-note").count() == 1
    assert live.locator("#scenario-lab [aria-live=polite]").inner_text().count("\n") >= 6
    start = lab.starting_shares(scenarios.baseline(2024))
    shown = live.locator("#scenario-lab output").all_inner_texts()
    assert shown == [f"{start[g]:.2f}" for g in GROUPS]


def test_without_data_the_static_cards_stay_and_no_control_appears(page, base_url):
    _open(page, base_url, "nodata.html")
    page.wait_for_load_state("load")
    assert page.locator("input, select").count() == 0
    assert page.locator("[data-live]").count() == 0
    card = explore.membership_explorer(1991).parts[-1].value
    shown, expected = _same_html(page, "#membership-explorer .natocourse-explorer", card)
    assert shown == expected
    assert page.problems.items == []


def test_data_script_after_the_explorers_script(page, base_url):
    _open(page, base_url, "later.html")
    page.wait_for_function("document.querySelectorAll('[data-live=true]').length === 4")
    _assert_card(page, "membership-explorer", _python_membership_card(1991))
    assert page.problems.items == []


def test_explorers_that_cannot_work_stay_static(page, base_url):
    """A start the data cannot serve (no 1800 baseline, no date, no ally, bad JSON, unknown name):
    the static card stays, and no control appears."""
    _open(page, base_url, "odd.html")
    page.wait_for_load_state("load")
    assert page.locator("input, select").count() == 0
    assert page.locator("[data-live]").count() == 0
    assert page.locator("main").inner_text().split() == [w for k in range(5) for w in ("static", str(k))]
    assert page.problems.items == []


# ---------------------------------------------------------------- ally card

def test_ally_card_every_ally(live):
    members = data.load("members")
    for iso3 in sorted(members["iso3"]):
        live.select_option("#ally-card select", iso3)
        _assert_card(live, "ally-card", explore.ally_card(members, iso3).parts[-1].value)


def test_ally_card_by_keyboard(live):
    members = data.load("members").sort_values("country")
    live.focus("#ally-card select")
    live.keyboard.press("Home")
    live.keyboard.press("ArrowDown")
    live.keyboard.press("ArrowDown")
    third = members["iso3"].iloc[2]
    assert live.eval_on_selector("#ally-card select", "s => s.value") == third
    _assert_card(live, "ally-card", explore.ally_card(data.load("members"), third).parts[-1].value)


# ---------------------------------------------------------------- withdrawal calculator

def _python_withdrawal_card(enactment, notice):
    """The Python widget's card after the same actions: set the enactment, tick, set the notice."""
    enacted, use_own, notice_picker, card = explore.withdrawal_calculator("2027-06-01").parts
    enacted.value = dt.date.fromisoformat(enactment) if enactment else None
    if notice is not None:
        use_own.value = True
        notice_picker.value = dt.date.fromisoformat(notice) if notice else None
    return card.value


WITHDRAWAL_CASES = [
    ("2027-06-01", None),               # the default: notice on the deadline
    ("2028-01-30", None),               # deadline 29 February 2028, withdrawal 28 February 2029
    ("2028-02-29", None),               # enacted on 29 February
    ("2028-02-29", "2028-02-29"),       # notice on 29 February: one year later is 28 February
    ("2027-06-01", "2027-06-10"),       # notice inside the 30 days
    ("2027-06-01", "2027-07-01"),       # notice on the last day
    ("2027-06-01", "2027-07-02"),       # after the deadline: later than the bill allows
    ("2027-06-01", "2030-01-01"),
    ("2027-06-01", "2027-05-31"),       # before enactment: an error message, not a traceback
    ("2027-12-15", None),               # across the year end
    ("2099-12-31", None),
    ("1949-08-24", None),
    ("9998-12-31", None),               # the last enactment day whose withdrawal still exists
    ("9999-12-15", None),               # past 31 December 9999: a message
    ("9999-01-01", "9999-01-02"),       # withdrawal in year 10000: a message
    ("", None),                         # no date: asks for one
    ("2027-06-01", ""),                 # own notice ticked but empty: the deadline
]


@pytest.mark.parametrize("enactment, notice", WITHDRAWAL_CASES)
def test_withdrawal_calculator(live, enactment, notice):
    live.fill("#withdrawal-calculator input[type=date] >> nth=0", enactment)
    if notice is not None:
        live.check("#withdrawal-calculator input[type=checkbox]")
        live.fill("#withdrawal-calculator input[type=date] >> nth=1", notice)
    _assert_card(live, "withdrawal-calculator", _python_withdrawal_card(enactment, notice))


def test_withdrawal_checkbox_by_keyboard_enables_the_notice(live):
    notice = live.locator("#withdrawal-calculator input[type=date]").nth(1)
    assert notice.is_disabled()
    live.focus("#withdrawal-calculator input[type=checkbox]")
    live.keyboard.press("Space")
    assert notice.is_enabled()
    notice.fill("2027-06-05")
    _assert_card(live, "withdrawal-calculator", _python_withdrawal_card("2027-06-01", "2027-06-05"))
    live.focus("#withdrawal-calculator input[type=checkbox]")
    live.keyboard.press("Space")  # unticked: back to the deadline, the notice field disabled again
    assert notice.is_disabled()
    _assert_card(live, "withdrawal-calculator", _python_withdrawal_card("2027-06-01", None))
    assert "Check the dates" not in live.locator("#withdrawal-calculator [aria-live=polite]").inner_text()


# ---------------------------------------------------------------- membership explorer

def _python_membership_card(year):
    return explore.membership_explorer(year).parts[-1].value


def test_membership_explorer_keyboard(live):
    years = data.load("members")["accession_date"].dt.year
    first, last = int(years.min()), int(years.max())
    slider = "#membership-explorer input[type=range]"
    live.focus(slider)
    live.keyboard.press("Home")
    assert live.locator("#membership-explorer output").inner_text() == str(first)
    _assert_card(live, "membership-explorer", _python_membership_card(first))
    live.keyboard.press("End")
    assert live.locator("#membership-explorer output").inner_text() == str(last)
    _assert_card(live, "membership-explorer", _python_membership_card(last))
    for _ in range(3):
        live.keyboard.press("ArrowLeft")
    _assert_card(live, "membership-explorer", _python_membership_card(last - 3))
    live.keyboard.press("ArrowRight")
    _assert_card(live, "membership-explorer", _python_membership_card(last - 2))


def test_membership_explorer_every_year(live):
    years = data.load("members")["accession_date"].dt.year
    for year in range(int(years.min()), int(years.max()) + 1):
        live.eval_on_selector("#membership-explorer input[type=range]",
                              "(s, y) => { s.value = y; s.dispatchEvent(new Event('input')); }", year)
        _assert_card(live, "membership-explorer", _python_membership_card(year))


# ---------------------------------------------------------------- scenario lab

def _python_lab_card(values: dict):
    box = lab.scenario_lab(2024)
    sliders = [child for child in box.children if hasattr(child, "step")]
    for group, slider in zip(GROUPS, sliders):
        if group in values:
            slider.value = values[group]
    return box.parts[-1].value


def _lab_slider(live, k):
    return f"#scenario-lab input[type=range] >> nth={k}"


@pytest.mark.parametrize("k", range(3))
def test_scenario_lab_sliders_by_keyboard(live, k):
    group = GROUPS[k]
    start = lab.starting_shares(scenarios.baseline(2024))[group]
    live.focus(_lab_slider(live, k))
    live.keyboard.press("ArrowRight")  # a step of 0.1 from the start, rounded to the slider's step
    moved = round(start + 0.1, 1)
    assert live.locator("#scenario-lab output").nth(k).inner_text() == f"{moved:.2f}"
    _assert_card(live, "scenario-lab", _python_lab_card({group: moved}))
    live.keyboard.press("Home")
    _assert_card(live, "scenario-lab", _python_lab_card({group: 0.0}))
    live.keyboard.press("ArrowLeft")  # stays at 0
    _assert_card(live, "scenario-lab", _python_lab_card({group: 0.0}))
    live.keyboard.press("End")
    assert live.locator("#scenario-lab output").nth(k).inner_text() == "10.00"
    _assert_card(live, "scenario-lab", _python_lab_card({group: 10.0}))
    live.keyboard.press("ArrowLeft")
    live.keyboard.press("ArrowLeft")
    _assert_card(live, "scenario-lab", _python_lab_card({group: 9.8}))


def test_scenario_lab_all_sliders_together(live):
    values = {}
    for k, group in enumerate(GROUPS):  # all at 0, then all at the top
        live.focus(_lab_slider(live, k))
        live.keyboard.press("Home")
        values[group] = 0.0
        _assert_card(live, "scenario-lab", _python_lab_card(values))
    assert "US$ 0 bn" in live.locator("#scenario-lab [aria-live=polite]").inner_text()
    for k, group in enumerate(GROUPS):
        live.focus(_lab_slider(live, k))
        live.keyboard.press("End")
        values[group] = 10.0
        _assert_card(live, "scenario-lab", _python_lab_card(values))


def test_scenario_lab_dragged_values_snap_to_the_step(live):
    rng = random.Random(13)
    for _ in range(12):
        values = {group: round(rng.uniform(0, 10), 3) for group in GROUPS}
        for k, group in enumerate(GROUPS):
            live.eval_on_selector(_lab_slider(live, k),
                                  "(s, v) => { s.value = v; s.dispatchEvent(new Event('input')); }", values[group])
        snapped = {group: round(value * 10) / 10 for group, value in values.items()}
        shown = live.locator("#scenario-lab output").all_inner_texts()
        assert shown == [f"{snapped[g]:.2f}" for g in GROUPS]
        _assert_card(live, "scenario-lab", _python_lab_card(snapped))


# ---------------------------------------------------------------- the functions, in bulk

@pytest.fixture
def api(page, http_url):
    _open(page, http_url)
    page.wait_for_function("window.NatocourseExplorers !== undefined")
    yield page
    assert page.problems.items == []


def test_withdrawal_timeline_every_day_2024_to_2032(api):
    offsets = [None, 0, 1, 29, 30, 31, 365, 366, 1461]
    start, end = dt.date(2024, 1, 1), dt.date(2032, 12, 31)
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    cases = [(day.isoformat(), None if o is None else (day + dt.timedelta(days=o)).isoformat())
             for day in days for o in offsets]
    shown = api.evaluate("""cases => cases.map(([e, n]) => {
        const t = NatocourseExplorers.withdrawalTimeline(window.NATOCOURSE_EXPLORER_DATA, e, n);
        return [t.notice_deadline, t.notice, t.effective, t.earliest_effective, t.latest_effective]
            .map(NatocourseExplorers.isoDate).concat([t.on_time, t.days_from_enactment]);
    })""", cases)
    for (enactment, notice), got in zip(cases, shown):
        t = withdrawal.withdrawal_timeline(enactment, notice)
        expected = [d.isoformat() for d in (t.notice_deadline, t.notice, t.effective, t.earliest_effective,
                                            t.latest_effective)] + [t.on_time, t.days_from_enactment]
        assert got == expected, (enactment, notice)
    assert len(cases) == 3288 * len(offsets)


def test_long_dates_and_leap_years(api):
    days = [dt.date(1, 1, 1), dt.date(1900, 2, 28), dt.date(2000, 2, 29), dt.date(2100, 3, 1), dt.date(9999, 12, 31)]
    days += [dt.date(1600, 1, 1) + dt.timedelta(days=n) for n in range(0, 400 * 366, 97)]
    shown = api.evaluate("""days => days.map(d => {
        const day = NatocourseExplorers.parseIso(d);
        return [NatocourseExplorers.longDate(day), NatocourseExplorers.isoDate(NatocourseExplorers.addDays(day, 0)),
                NatocourseExplorers.isoDate(NatocourseExplorers.addYears(day, d.startsWith('9999') ? -1 : 1))];
    })""", [d.isoformat() for d in days])
    for day, got in zip(days, shown):
        other = withdrawal.add_years(day, -1 if day.year == 9999 else 1)
        assert got == [f"{day.day} {day:%B %Y}", day.isoformat(), other.isoformat()]


def test_membership_snapshots_every_year(api):
    years = list(range(1949, 2031))
    shown = api.evaluate("""years => years.map(y => {
        const s = NatocourseExplorers.membershipSnapshot(window.NATOCOURSE_EXPLORER_DATA, y);
        return [s.allies, s.joined_that_year, s.joined_since_warsaw_pact, NatocourseExplorers.membershipSentence(s)];
    })""", years)
    for year, got in zip(years, shown):
        s = history.membership_snapshot(year)
        assert got == [list(s.allies), list(s.joined_that_year), list(s.joined_since_warsaw_pact), s.sentence()]


def test_python_number_formats(api):
    rng = random.Random(17)
    values = [0.0, 0.5, 1.5, 2.5, 1234.5, 999999.5, 1000000.0, 12.25, 12.75, 0.05, 0.15, 0.25, 99.95, 0.45,
              -0.4, -0.25, 62.05, 1e-12, 123456789.49]
    values += [rng.uniform(0, 2e6) for _ in range(300)] + [rng.uniform(0, 100) for _ in range(300)]
    values += [rng.randrange(0, 4000) / 4 for _ in range(200)] + [rng.randrange(0, 4000) / 2 for _ in range(200)]
    shown = api.evaluate("xs => xs.map(x => [NatocourseExplorers.pyThousands0(x), NatocourseExplorers.pyFixed(x, 1)])",
                         values)
    for x, got in zip(values, shown):
        assert got == [f"{x:,.0f}", f"{x:.1f}"], x


@pytest.mark.parametrize("year", [2024, 2014, 1991, 1970])
def test_scenario_summaries(api, year):
    """Random slider positions (0.1 steps, unmoved sliders included): the lab's table, character for character."""
    base = scenarios.baseline(year)
    start = lab.starting_shares(base)
    rng = random.Random(year)
    cases = [{}, {g: 0.0 for g in GROUPS}, {g: 10.0 for g in GROUPS}, dict(start)]
    for _ in range(150):
        cases.append({g: (start[g] if rng.random() < 0.3 else rng.randrange(0, 101) / 10) for g in GROUPS})
    shown = api.evaluate("""([year, cases]) => {
        const data = window.NATOCOURSE_EXPLORER_DATA, api = NatocourseExplorers;
        const start = data.scenario.starts[String(year)];
        return cases.map(values => {
            const result = api.scenarioSummary(data, year, api.changedGroups(start, Object.assign({}, start, values)));
            return [result, api.summaryHtml(data, result)];
        });
    }""", [year, cases])
    for values, (result, table) in zip(cases, shown):
        moved = lab.changed_groups(start, {**start, **values})
        expected = scenarios.summary(scenarios.apply(base, moved))
        assert table == lab.summary_html(expected), values
        assert set(result) == set(expected)
        for key, value in expected.items():
            assert result[key] == pytest.approx(value, rel=1e-12, abs=1e-9), (key, values)


# ---------------------------------------------------------------- accessibility rules (axe-core)

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


def test_live_explorers_pass_axe(live):
    """axe-core's WCAG 2.x A/AA rules on the live explorers, after some use (a late notice shown)."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (python tasks.py test does) to install axe-core")
    live.check("#withdrawal-calculator input[type=checkbox]")
    live.fill("#withdrawal-calculator input[type=date] >> nth=1", "2027-08-01")
    live.add_script_tag(path=str(AXE))
    result = live.evaluate("""() => axe.run(document.querySelector('main'),
        {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
        .then(r => r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))""")
    assert result == []


_DAYS = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_DAYS, st.one_of(st.none(), _DAYS)), min_size=1, max_size=60))
def test_withdrawal_any_dates_property(api, cases):
    """Any dates a date field can hold (years 1-9999): the same dates, or the same message, as Python."""
    iso = [(e.isoformat(), None if n is None else n.isoformat()) for e, n in cases]
    shown = api.evaluate("""cases => cases.map(([e, n]) => {
        try {
            const t = NatocourseExplorers.withdrawalTimeline(window.NATOCOURSE_EXPLORER_DATA, e, n);
            return [t.notice_deadline, t.notice, t.effective].map(NatocourseExplorers.isoDate);
        } catch (problem) { return problem.message; }
    })""", iso)
    for (enactment, notice), got in zip(iso, shown):
        try:
            t = withdrawal.withdrawal_timeline(enactment, notice)
            expected = [t.notice_deadline.isoformat(), t.notice.isoformat(), t.effective.isoformat()]
        except (ValueError, OverflowError) as problem:
            expected = str(problem)
        assert got == expected, (enactment, notice)
