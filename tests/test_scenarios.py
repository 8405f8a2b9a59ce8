"""The scenario lab's calculations, widget and figure."""

import matplotlib.pyplot as plt
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse import lab, plots, scenarios

BASE = scenarios.baseline(2024)
SHARE = st.floats(0, scenarios.MAX_SHARE, allow_nan=False)


def test_baseline_reproduces_sipri_totals():
    summary = scenarios.summary(BASE)
    assert summary["total_bn"] == pytest.approx(sum(summary[f"{g} (US$ bn)"] for g in scenarios.GROUPS))
    assert summary["without_us_bn"] == pytest.approx(summary["total_bn"] - summary["United States (US$ bn)"])
    assert 0.6 < summary["us_share"] < 0.7


def test_groups_first_then_single_allies():
    table = scenarios.apply(BASE, {"POL": 4.0, "European allies": 2.0}).set_index("iso3")
    assert table.loc["POL", "pct_gdp"] == 4.0 and table.loc["DEU", "pct_gdp"] == 2.0
    assert table.loc["USA", "pct_gdp"] == BASE.set_index("iso3").loc["USA", "pct_gdp"]


@pytest.mark.parametrize("shares, message", [
    ({"European allies": -1}, "between 0 and"), ({"European allies": 50}, "between 0 and"),
    ({"European allies": "lots"}, "must be a number"), ({"XXX": 2}, "neither a group"),
    ({"European allies": float("nan")}, "between 0 and"), ([("USA", 2)], "as a dict"),
])
def test_bad_scenarios_get_clear_messages(shares, message):
    with pytest.raises(scenarios.ScenarioError, match=message):
        scenarios.apply(BASE, shares)


@settings(max_examples=40, deadline=None)
@given(SHARE, SHARE)
def test_raising_one_share_never_lowers_the_total(low, high):
    low, high = sorted((low, high))
    for key in ("European allies", "Canada", "DEU"):
        a = scenarios.summary(scenarios.apply(BASE, {key: low}))["total_bn"]
        b = scenarios.summary(scenarios.apply(BASE, {key: high}))["total_bn"]
        assert b >= a - 1e-9


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(scenarios.GROUPS), SHARE, max_size=3))
def test_us_share_stays_between_zero_and_one(shares):
    result = scenarios.summary(scenarios.apply(BASE, shares))
    assert 0 <= result["us_share"] <= 1
    assert result["allies at 2 %"] >= result["allies at 3.5 %"] >= result["allies at 5 %"]


def test_share_needed_closes_the_gap():
    target = scenarios.summary(BASE)["total_bn"]
    share = scenarios.share_needed(BASE, "European allies", target)
    after = scenarios.summary(scenarios.apply(BASE, {"European allies": share}))
    assert after["without_us_bn"] == pytest.approx(target)
    with pytest.raises(scenarios.ScenarioError):
        scenarios.share_needed(BASE, "United States", target)


def test_widget_updates_results_when_a_slider_moves():
    box = lab.scenario_lab(2024)
    sliders = [c for c in box.children if hasattr(c, "min")]
    results = box.parts[-1]
    assert [s.description for s in sliders] == [f"{g} (% of GDP):" for g in scenarios.GROUPS]
    before = results.value
    sliders[2].value = 5.0
    europeans = int((BASE["group"] == "European allies").sum())
    assert results.value != before and f"Allies at or above 5 % of GDP</th><td>{europeans}<" in results.value


def test_scenario_groups_figure():
    after = scenarios.summary(scenarios.apply(BASE, {"European allies": 3.5}))
    fig = plots.scenario_groups(scenarios.summary(BASE), after, title="t")
    ax = fig.axes[0]
    assert len(ax.patches) == 6 and [t.get_text() for t in ax.get_xticklabels()] == list(scenarios.GROUPS)
    plt.close(fig)


def _shown(results_html: str, threshold: str) -> int:
    marker = f"Allies at or above {threshold} % of GDP</th><td>"
    return int(results_html.split(marker)[1].split("<")[0])


def test_sliders_start_at_the_baseline_exactly():
    """The lab's starting state is the 2024 baseline: allies at 2 % and 3.5 % as in the data."""
    expected = scenarios.summary(BASE)
    box = lab.scenario_lab(2024)
    results = box.parts[-1].value
    assert results == lab.summary_html(expected)
    assert _shown(results, "2") == expected["allies at 2 %"] == int((BASE["pct_gdp"] >= 2.0).sum())
    assert _shown(results, "3.5") == expected["allies at 3.5 %"] == int((BASE["pct_gdp"] >= 3.5).sum())
    # the 2024 SIPRI baseline is far from "every ally at 2 %": the old start showed 30 and 0
    assert expected["allies at 2 %"] < len(BASE) and expected["allies at 3.5 %"] >= 1


def test_moving_a_slider_back_restores_the_baseline():
    box = lab.scenario_lab(2024)
    sliders = [c for c in box.children if hasattr(c, "min")]
    results = box.parts[-1]
    start, before = sliders[2].value, results.value
    sliders[2].value = 3.5
    assert results.value != before
    sliders[2].value = start
    assert results.value == before


@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(scenarios.GROUPS), SHARE, max_size=3))
def test_only_moved_sliders_override_the_baseline(values):
    start = lab.starting_shares(BASE)
    moved = lab.changed_groups(start, {**start, **values})
    assert set(moved) <= set(values)
    assert all(moved[g] == values[g] for g in moved)
