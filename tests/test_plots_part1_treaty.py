"""Tests for the Part I figures of chapters 4-5 (treaty articles, leaving the treaty)."""

import datetime as dt

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from natocourse import plots
from natocourse.analysis.withdrawal import withdrawal_timeline


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_milestone_timeline_has_one_marker_and_label_per_event():
    events = pd.DataFrame({"date": ["2001-09-12", "1949-04-04", "1969-08-24"],
                           "label": ["Article 5 invoked", "Signed", "Article 13 available"]})
    fig = plots.milestone_timeline(events, title="Treaty milestones")
    ax = fig.axes[0]
    markers = [line for line in ax.get_lines() if line.get_marker() not in (None, "None", "")]
    assert len(markers) == 3
    texts = [t.get_text() for t in ax.texts]
    assert texts[0].startswith("Signed") and "04 Apr 1949" in texts[0]  # sorted by date
    assert ax.get_title() == "Treaty milestones"
    assert len({line.get_marker() for line in markers}) == 3  # not colour alone


def test_milestone_timeline_accepts_pairs_and_rejects_empty():
    fig = plots.milestone_timeline([(dt.date(1949, 8, 24), "In force")], title="One")
    assert len(fig.axes[0].texts) == 1
    with pytest.raises(plots.FigureError):
        plots.milestone_timeline([], title="None")


def test_joined_by_round_bars_and_running_total():
    rounds = pd.Series([12, 2, 7], index=["1949", "1952", "2004"])
    fig = plots.joined_by_round(rounds)
    ax = fig.axes[0]
    assert len(ax.patches) == 3
    assert [p.get_height() for p in ax.patches] == [12, 2, 7]
    assert "total 21" in ax.texts[-1].get_text()
    assert ax.get_ylabel() == "States joining"


def test_withdrawal_chart_two_spans_and_step_markers():
    timeline = withdrawal_timeline("2026-03-02", "2026-03-20")
    fig = plots.withdrawal_chart(timeline, title="Hypothetical")
    ax = fig.axes[0]
    assert len(ax.patches) == 2
    widths = sorted(round(p.get_width()) for p in ax.patches)
    assert widths == [30, 365]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(labels) == 4 and labels[-1].startswith("20 Mar 2027")
    assert ax.get_title() == "Hypothetical"


def test_vote_shares_stacks_yes_and_no_with_threshold():
    votes = pd.DataFrame({"vote": ["A", "B"], "yes": [82, 310], "no": [13, 118]})
    fig = plots.vote_shares(votes, title="Votes")
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    yes_widths = [p.get_width() for p in ax.patches[:2]]
    assert yes_widths == pytest.approx([82 / 95, 310 / 428])
    assert any(line.get_xdata()[0] == pytest.approx(2 / 3) for line in ax.get_lines())
    assert "82–13" in ax.texts[0].get_text()
    with pytest.raises(plots.FigureError):
        plots.vote_shares(votes.iloc[0:0], title="Empty")


def test_show_rejects_empty_alt_for_part1_figures():
    fig = plots.joined_by_round(pd.Series([1], index=["2024"]))
    with pytest.raises(plots.FigureError):
        plots.show(fig, alt="  ", caption="Caption")
    shown = plots.show(plots.joined_by_round(pd.Series([1], index=["2024"])), alt="Bar", caption="Cap")
    assert 'alt="Bar"' in shown._repr_html_()
