"""natocourse.history (chapters 2-3), its figure and the membership explorer."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse import data, explore, history, plots


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_events_between_two_dates_in_order():
    cold_war = history.events("1949-01-01", "1991-12-31")
    assert cold_war["label"].iloc[0] == "North Atlantic Treaty signed"
    assert cold_war["label"].iloc[-1] == "USSR formally dissolved"
    assert cold_war["date"].is_monotonic_increasing
    assert list(cold_war.columns) == ["date", "label", "precision", "category"]


def test_events_filter_by_category_and_reject_unknown_ones():
    rounds = history.events("1949-01-01", "2024-12-31", categories="enlargement")
    assert set(rounds["category"]) == {"enlargement"}
    assert "Finland joins" in set(rounds["label"])
    with pytest.raises(data.DataError, match="no timeline category 'wars'"):
        history.events("1949-01-01", "2024-12-31", categories=["wars"])


@pytest.mark.parametrize("start, end, message", [
    ("1991-12-31", "1949-01-01", "is after the end"),
    ("the fifties", "1991-12-31", "is not a date"),
    (None, "1991-12-31", "give start as a date"),
])
def test_events_bad_dates_get_a_clear_message(start, end, message):
    with pytest.raises(data.DataError, match=message):
        history.events(start, end)


def test_enlargement_rounds_add_up_to_the_members_table():
    rounds = history.enlargement_rounds()
    members = data.load("members")
    assert rounds["joined"].sum() == len(members)
    assert rounds["total"].iloc[-1] == len(members)
    assert rounds["year"].is_monotonic_increasing
    largest = rounds.loc[rounds["joined"].iloc[1:].idxmax()]  # after the founders
    assert (int(largest["year"]), int(largest["joined"])) == (2004, 7)
    assert rounds.set_index("year").loc[1955, "states"] == "Germany"


def test_membership_snapshot_at_the_end_of_the_cold_war_and_today():
    end_of_cold_war = history.membership_snapshot(1991)
    assert end_of_cold_war.count == 16
    assert end_of_cold_war.joined_that_year == ()
    assert end_of_cold_war.joined_since_warsaw_pact == ()
    today = history.membership_snapshot(2024)
    assert today.count == len(data.load("members"))
    assert today.joined_that_year == ("Sweden",)
    assert len(today.joined_since_warsaw_pact) == today.count - 16
    assert today.sentence().startswith("At the end of 2024 NATO had 32 allies. Joined that year: Sweden.")


@pytest.mark.parametrize("year, message", [(1948, "founded in 1949"), ("1999", "not a year"),
                                           (1999.5, "not a year"), (True, "not a year")])
def test_membership_snapshot_bad_years(year, message):
    with pytest.raises(data.DataError, match=message):
        history.membership_snapshot(year)


@settings(max_examples=40, deadline=None)
@given(st.integers(min_value=1949, max_value=2030))
def test_membership_never_shrinks_and_matches_members_on(year):
    snapshot = history.membership_snapshot(year)
    assert snapshot.count == len(data.members_on(f"{year}-12-31"))
    if year > 1949:
        assert snapshot.count >= history.membership_snapshot(year - 1).count
    assert set(snapshot.joined_that_year) <= set(snapshot.allies)


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.integers(), st.floats(allow_nan=True), st.text(max_size=8), st.none()))
def test_membership_snapshot_any_input_is_a_snapshot_or_a_data_error(value):
    try:
        snapshot = history.membership_snapshot(value)
    except data.DataError as error:
        assert str(error)
    else:
        assert snapshot.count >= 12


def test_gdp_shares_in_the_korean_war_and_at_the_end_of_the_cold_war():
    table = history.gdp_shares(1949, 1991).set_index("year")
    sipri_us = data.ally_series("USA").set_index("year")["pct_gdp"]
    assert table.loc[1952, "united_states"] == pytest.approx(sipri_us.loc[1952])
    assert table["united_states"].idxmax() == 1952
    assert (table["european_low"] <= table["european_median"]).all()
    assert (table["european_median"] <= table["european_high"]).all()
    # Iceland has no armed forces, so one European ally never reports
    assert (table.loc[1960:, "european_reporting"] == table.loc[1960:, "european_allies"] - 1).all()
    assert table.loc[1991, "european_allies"] == 14


def test_gdp_shares_median_matches_a_direct_computation():
    sipri = data.load("milex_sipri")
    europeans = [c for c in data.members_on("1975-12-31")["iso3"] if c not in ("USA", "CAN")]
    direct = sipri[(sipri["year"] == 1975) & sipri["iso3"].isin(europeans)]["milex_pct_gdp"].median()
    assert history.gdp_shares(1975, 1975)["european_median"].iloc[0] == pytest.approx(direct)


def test_gdp_share_band_draws_two_lines_and_a_band():
    fig = plots.gdp_share_band(history.gdp_shares(1950, 1991), title="Cold War")
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 2
    assert len(ax.collections) == 1
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["European allies: lowest to highest", "United States", "European allies: median"]
    assert ax.get_lines()[0].get_marker() != ax.get_lines()[1].get_marker()  # not colour alone
    with pytest.raises(plots.FigureError):
        plots.gdp_share_band(pd.DataFrame(columns=["year"]), title="Empty")


def test_timeline_labels_show_only_the_precision_the_date_has():
    events = history.events("1966-01-01", "1969-12-31")
    fig = plots.milestone_timeline(events, title="1966-1969")
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert [t.replace("\n", " ") for t in texts] == [
        "France leaves integrated military command 1966",
        "Article 13 withdrawal right becomes available 24 Aug 1969"]


def test_timeline_labels_that_would_overlap_are_stacked():
    events = history.events("1949-01-01", "1955-12-31")  # 1949 has three events within five months
    fig = plots.milestone_timeline(events, title="1949-1955")
    heights = [t.xy[1] for t in fig.axes[0].texts]
    assert heights[0] > 0 and heights[2] > 0  # April and August 1949 both go above the line...
    assert heights[2] > heights[0]  # ...so the later one is lifted clear of the first
    assert heights[4] == heights[0]  # 1955 is far enough away to use the first height again


def test_membership_explorer_reacts_to_the_slider():
    box = explore.membership_explorer(1991)
    slider, card = box.parts
    assert slider.description and slider.min == 1949 and slider.max == 2024
    assert "NATO had 16 allies" in card.value
    slider.value = 2004
    assert "NATO had 26 allies" in card.value
    assert "<strong>Estonia</strong>" in card.value
    assert "Belgium" in card.value and "<strong>Belgium</strong>" not in card.value
    assert explore.membership_explorer(1900).parts[0].value == 1949  # clamped into range
