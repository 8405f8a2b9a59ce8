"""Group comparisons used by the debate chapter, and their figures."""

import matplotlib.pyplot as plt
import pytest

from natocourse import blocs, data, plots


def test_bloc_spending_adds_up_to_the_alliance_total():
    table = blocs.bloc_spending(2014, 2024)
    assert table["year"].tolist() == list(range(2014, 2025))
    canada = data.load("milex_sipri_usd").query("iso3 == 'CAN'").set_index("year")["usd_constant_2023_millions"]
    for row in table.itertuples():
        assert row.united_states + row.european_allies + canada[row.year] / 1000 == pytest.approx(row.all_allies)
    assert (table["european_allies"] > table["russia"]).all()


def test_russia_is_missing_before_sipri_has_it():
    table = blocs.bloc_spending(1990, 1993)
    assert table["russia"].isna().tolist() == [True, True, False, False]


@pytest.mark.parametrize("start, end", [(2024, 2014), ("2014", 2024), (2014, None)])
def test_bad_years_get_a_clear_message(start, end):
    with pytest.raises(data.DataError, match="give two years"):
        blocs.bloc_spending(start, end)


def test_allies_at_threshold_names_the_release():
    table = blocs.allies_at_threshold(2.0, [2014, 2024])
    assert table.to_dict("records") == [
        {"year": 2014, "vintage": "2024-06", "listed": 31, "at_or_above": 3},
        {"year": 2024, "vintage": "2025-04", "listed": 30, "at_or_above": 22},
    ]


def test_threshold_counts_draws_two_bar_series_with_labels():
    fig = plots.threshold_counts(blocs.allies_at_threshold(2.0, [2014, 2024]), threshold=2.0, title="t")
    ax = fig.axes[0]
    assert len(ax.patches) == 4 and ax.get_title() == "t"
    assert [t.get_text() for t in ax.texts] == ["3/31\n(2024-06)", "22/30\n(2025-04)"]
    plt.close(fig)


def test_bloc_lines_draws_three_labelled_lines():
    fig = plots.bloc_lines(blocs.bloc_spending(2020, 2024), title="t")
    ax = fig.axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["United States", "European allies", "Russia"]
    assert len({line.get_color() for line in ax.get_lines()}) == 3
    plt.close(fig)


def test_findings_by_topic_stacks_checkable_and_other_findings():
    findings = data.load("bill_findings")
    fig = plots.findings_by_topic(findings, title="t")
    ax = fig.axes[0]
    heights = [p.get_height() for p in ax.patches]
    assert sum(heights) == 18 and len(ax.patches) == 2 * findings["topic"].nunique()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "checkable with the course's data", "opinion, prediction or treaty text"]
    plt.close(fig)
