"""Burden-sharing calculations and their figure."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse import burden, data, plots


def test_us_share_matches_share_of_total():
    series = burden.us_share_series(2020, 2024)
    assert series["year"].tolist() == list(range(2020, 2025))
    assert series["us_share"].iloc[-1] == pytest.approx(data.share_of_total("USA", 2024))
    assert series["us_share"].between(0, 1).all()


def test_implied_gdp_reproduces_spending():
    table = burden.size_and_share(2024).set_index("iso3")
    usd = data.load("milex_sipri_usd").query("year == 2024").set_index("iso3")["usd_constant_2023_millions"]
    for iso3 in ("USA", "DEU", "EST"):
        assert table.loc[iso3, "gdp_bn"] * table.loc[iso3, "pct_gdp"] / 100 * 1000 == pytest.approx(usd[iso3])
    assert table.index[0] == "USA" and "ISL" not in table.index


def test_fit_line_recovers_a_known_line():
    x = np.arange(10.0)
    fit = burden.fit_line(x, 2 * x + 1)
    assert fit.slope == pytest.approx(2) and fit.intercept == pytest.approx(1) and fit.r == pytest.approx(1)


@pytest.mark.parametrize("x, y", [([1, 2], [1, 2]), ([1, 1, 1], [1, 2, 3]), ([1, 2, float("nan")], [1, 2, 3]),
                                  ([1, 2, 3], [1, 2])])
def test_fit_line_rejects_unusable_input(x, y):
    with pytest.raises(ValueError, match="fit_line needs"):
        burden.fit_line(x, y)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=3, max_size=30))
def test_fit_line_gives_a_finite_fit_or_a_clear_error(points):
    x, y = zip(*points)
    try:
        fit = burden.fit_line(x, y)
    except ValueError as error:
        assert "fit_line needs" in str(error)
    else:
        assert np.isfinite([fit.slope, fit.intercept, fit.r]).all() and -1.0001 <= fit.r <= 1.0001


def test_size_vs_share_draws_points_line_and_labels():
    table = burden.size_and_share(2024)
    fit = burden.fit_line(np.log10(table["gdp_bn"]), table["pct_gdp"])
    fig = plots.size_vs_share(table, fit, title="t")
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and len(ax.collections[0].get_offsets()) == len(table)
    labelled = plots.size_vs_share_labelled(table)
    assert [t.get_text() for t in ax.texts] == labelled["country"].tolist()
    assert set(table.nlargest(5, "gdp_bn")["country"]) <= set(labelled["country"])
    assert set(table.nlargest(5, "pct_gdp")["country"]) <= set(labelled["country"])
    plt.close(fig)
