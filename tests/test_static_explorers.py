"""The explorers' static renderings and the data exported for the browser explorers.

The browser side (explorers.js computing the same numbers as Python) is in
``tests/browser/test_explorers_js.py``.
"""

import html
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse import data, explore, lab
from natocourse.analysis import history, scenarios, withdrawal
from natocourse.presentation import static


@pytest.fixture(scope="module")
def exported():
    return static.explorer_data()


class _Attributes(HTMLParser):
    """The attributes of the first tag of an HTML fragment, as a browser would read them."""

    def __init__(self):
        super().__init__()
        self.attrs = None

    def handle_starttag(self, tag, attrs):
        if self.attrs is None:
            self.attrs = dict(attrs)


def _outer(fragment: str) -> dict:
    parser = _Attributes()
    parser.feed(fragment)
    return parser.attrs


def test_members_are_the_members_table(exported):
    members = data.load("members")
    rows = exported["members"]
    assert [r["country"] for r in rows] == sorted(members["country"])
    by_code = members.set_index("iso3")
    for row in rows:
        source = by_code.loc[row["iso3"]]
        assert row["country"] == source["country"]
        assert row["accession_date"] == source["accession_date"].strftime("%Y-%m-%d")
        assert row["enlargement"] == int(source["enlargement"])
    years = members["accession_date"].dt.year
    assert exported["membership"] == {"first_year": int(years.min()), "last_year": int(years.max()),
                                      "warsaw_pact_dissolved": history.WARSAW_PACT_DISSOLVED}


def test_rule_constants(exported):
    assert exported["withdrawal"] == {"notice_deadline_days": withdrawal.NOTICE_DEADLINE_DAYS,
                                      "notice_period_years": withdrawal.NOTICE_PERIOD_YEARS}


@pytest.mark.parametrize("year", [1950, 1991, 2014, 2024])
def test_scenario_baselines_and_starts_are_the_python_ones(exported, year):
    scenario = exported["scenario"]
    assert scenario["baseline_columns"] == list(static.BASELINE_COLUMNS)
    base = scenarios.baseline(year)
    rows = [dict(zip(scenario["baseline_columns"], values)) for values in scenario["baselines"][str(year)]]
    assert rows == base[list(static.BASELINE_COLUMNS)].to_dict("records")  # exact floats, same order
    assert scenario["starts"][str(year)] == lab.starting_shares(base)


def test_scenario_constants_match_the_widget(exported):
    scenario = exported["scenario"]
    assert scenario["groups"] == list(scenarios.GROUPS)
    assert scenario["thresholds"] == list(scenarios.THRESHOLDS)
    assert scenario["threshold_labels"] == ["2", "3.5", "5"]
    assert scenario["max_share"] == scenarios.MAX_SHARE
    box = lab.scenario_lab(2024)
    sliders = [child for child in box.children if hasattr(child, "step")]
    assert len(sliders) == len(scenarios.GROUPS)
    for slider in sliders:
        assert {"min": slider.min, "max": slider.max, "step": slider.step} == scenario["slider"]
    # every year with data for the three groups has a start; a year without does not
    assert set(scenario["starts"]) <= set(scenario["baselines"])
    assert "2024" in scenario["starts"]


def test_write_explorer_assets(tmp_path, exported):
    written = static.write_explorer_assets(tmp_path)
    assert written == [tmp_path / "natocourse" / "explorer-data.js", tmp_path / "natocourse" / "explorers.js"]
    text = written[0].read_text(encoding="utf-8")
    match = re.search(r"^window\.NATOCOURSE_EXPLORER_DATA = (\{.*\});$", text, re.MULTILINE)
    assert match, text[:200]
    assert json.loads(match.group(1)) == json.loads(json.dumps(exported))
    assert written[1].read_bytes() == static.SCRIPT.read_bytes()
    assert "fetch(" not in written[1].read_text(encoding="utf-8")  # works from file://
    assert not re.search(r"https?://", written[1].read_text(encoding="utf-8"))  # asks no host for anything


@pytest.mark.parametrize("make, name, start", [
    (lambda: explore.ally_card(data.load("members"), "POL"), "ally-card", {"iso3": "POL"}),
    (lambda: explore.ally_card(data.load("members"), "XXX"), "ally-card", {"iso3": "ALB"}),  # unknown: 1st
    (lambda: explore.withdrawal_calculator("2027-06-01"), "withdrawal-calculator", {"enactment": "2027-06-01"}),
    (lambda: explore.membership_explorer(1991), "membership-explorer", {"year": 1991}),
    (lambda: explore.membership_explorer(1900), "membership-explorer", {"year": 1949}),  # clamped like the slider
    (lambda: lab.scenario_lab(2024), "scenario-lab", {"year": 2024}),
])
def test_explorers_render_static_html_beside_the_widget(make, name, start):
    box = make()
    bundle = box._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # JupyterLab keeps the live widget
    rendering = bundle["text/html"]
    attrs = _outer(rendering)
    assert attrs["class"] == "natocourse-explorer" and attrs["data-explorer"] == name
    assert json.loads(attrs["data-start"]) == start
    card = box.parts[-1].value  # the starting card is in the static rendering, unchanged
    assert card in rendering
    assert "<input" not in rendering and "<select" not in rendering and "<button" not in rendering


def test_static_rendering_is_fixed_at_creation():
    box = explore.membership_explorer(1991)
    before = box._repr_mimebundle_()["text/html"]
    box.parts[0].value = 2004
    assert box._repr_mimebundle_()["text/html"] == before  # data-start and card still agree


def test_ally_card_subset_is_passed_on():
    members = data.load("members")
    subset = members[members["enlargement"] == 1999]
    attrs = _outer(explore.ally_card(subset, "POL")._repr_mimebundle_()["text/html"])
    assert json.loads(attrs["data-start"]) == {"iso3": "POL", "allies": sorted(subset["iso3"])}


def test_unknown_explorer_name_is_refused():
    with pytest.raises(ValueError, match="unknown explorer 'chart'"):
        static.static_html("chart", {}, "<p>x</p>")


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=20), st.integers(), st.booleans()),
                       max_size=4))
def test_data_start_round_trips_any_text(start):
    """Quotes, ampersands and angle brackets in a start value cannot break out of the attribute."""
    rendering = static.static_html("ally-card", start, "<p>card</p>")
    attrs = _outer(rendering)
    assert json.loads(attrs["data-start"]) == start
    assert rendering.endswith("<p>card</p></div>")
    assert html.unescape(rendering.split("data-start='")[1].split("'>")[0]) == json.dumps(start, sort_keys=True)
