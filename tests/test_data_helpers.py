"""The chapter helpers of ``natocourse.data``: published headline figures, the doctest examples,
and properties over arbitrary user input (a result or a DataError, never another exception)."""

import doctest
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse import data

# ---- counts of allies at or above 2 %, as the releases themselves state them --------------------


@pytest.mark.parametrize("year, vintage, stated", [
    # NATO, Aug 2025 ("compared to only three allies in 2014") and the June 2024 table's 2014 column.
    (2014, "2024-06", 3),
    # SG Annual Report 2023 (expressandstar.com, PA): 11 allies met 2 % in 2023.
    (2023, "2024-03", 11),
    # June 2024 release (Graphic News GN46054): "23 of the 32 members are projected".
    (2024, "2024-06", 23),
    # SG Annual Report 2024 (smartfinhub/knews): "22 of the alliance's 32 members met or exceeded".
    (2024, "2025-04", 22),
    # June 2022 release (shephardmedia.com): 9 of 30 projected to reach 2 % in 2022.
    (2022, "2022-06", 9),
])
def test_count_meeting_matches_what_the_release_said(year, vintage, stated):
    assert data.count_meeting(2.0, year, vintage=vintage) == stated
    statements = data.load("allied_2pct_statements")
    said = statements[(statements["data_year"] == year) & (statements["vintage"] == vintage)
                      & (statements["metric"] == "allies_at_or_above_2pct")]
    assert said["value"].tolist() == [float(stated)]


def test_top_of_the_august_2025_release():
    # NATO, 28 Aug 2025 (polskieradio, TASS, news.az/Euronews): POL 4.48, LTU 4.00, LVA 3.73.
    top = data.nato_spending(2025, vintage="2025-08").head(3)
    assert top["iso3"].tolist() == ["POL", "LTU", "LVA"]
    assert top["pct_gdp"].tolist() == [4.48, 4.00, 3.73]


def test_sipri_and_nato_differ_as_documented():
    # SOURCES.md: 2024 LUX SIPRI 0.96 vs NATO 1.30; USA SIPRI 3.42 vs NATO 3.19 (April 2025 release).
    sipri = data.sipri_spending(2024).set_index("iso3")["pct_gdp"]
    nato = data.nato_spending(2024, vintage="2025-04").set_index("iso3")["pct_gdp"]
    assert round(sipri["LUX"], 2) == 0.96 and nato["LUX"] == 1.30
    assert round(sipri["USA"], 2) == 3.42 and nato["USA"] == 3.19


def test_sipri_counts_only_the_allies_of_that_year():
    assert "POL" not in set(data.sipri_spending(1998)["iso3"])  # Poland joined 1999-03-12
    assert "POL" in set(data.allies_meeting(2.0, 1999, source="sipri")["iso3"]) or \
        data.sipri_spending(1999).set_index("iso3").loc["POL", "pct_gdp"] < 2
    assert not {"RUS", "UKR", "ISL"} & set(data.sipri_spending(2024)["iso3"])


def test_ally_series_from_nato_keeps_the_newest_release_per_year():
    usa = data.ally_series("usa", source="nato").set_index("year")
    assert usa.loc[2024, "vintage"] == "2026-03"  # 3.3 (1 dp), the newest release quoting 2024
    assert data.ally_series("USA", source="nato", vintage="2024-06")["pct_gdp"].tolist() == [3.71, 3.38]


def test_alliance_total_counts_members_of_that_year_only():
    # USSR (SUN) 1988-1990 and Russia are never allies; Poland not before 1999.
    usd = data.load("milex_sipri_usd")
    year_1990 = usd[usd["year"] == 1990]
    members_1990 = set(data.members_on("1990-12-31")["iso3"])
    expected = year_1990.loc[year_1990["iso3"].isin(members_1990), "usd_constant_2023_millions"].sum()
    assert data.alliance_total(1990) == pytest.approx(expected)
    assert data.alliance_total(1990, members_only=False) > data.alliance_total(1990)


def test_numpy_years_from_a_table_are_accepted():
    year = data.load("defence_expenditure")["year"].max()
    assert isinstance(year, np.integer)
    assert len(data.nato_spending(year)) > 0


def test_country_names():
    assert data.country_name("USA") == "United States"
    assert data.country_name(" pol ") == "Poland"
    with pytest.raises(data.DataError, match="no country has the code 'XXX'"):
        data.country_name("XXX")


@pytest.mark.parametrize("call, message", [
    (lambda: data.nato_spending(2024, vintage="2099-01"), "releases: 2017-06"),
    (lambda: data.nato_spending(1990), "no NATO release in the data has figures for 1990"),
    (lambda: data.nato_spending(2014, vintage="2025-04"), "release 2025-04 has no figures for 2014"),
    (lambda: data.ally_series("ISL"), "Iceland has no armed forces"),
    (lambda: data.ally_series("USA", source="imf"), "source must be"),
    (lambda: data.allies_meeting(-1, 2024), "not a percentage"),
    (lambda: data.alliance_total(2024, measure="nato_usd"), "measure must be one of"),
    (lambda: data.alliance_total(2024, exclude=["ZZZ"]), "no country has the code"),
    (lambda: data.alliance_total(1900), "the series runs"),
    (lambda: data.members_on("not a date"), "is not a date"),
])
def test_helpers_explain_bad_input(call, message):
    with pytest.raises(data.DataError, match=message):
        call()


def test_docstring_examples_run():
    result = doctest.testmod(data.queries, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 10 and result.failed == 0


# ---- properties over arbitrary input -----------------------------------------------------------

anything = st.one_of(st.text(max_size=12), st.integers(), st.floats(allow_nan=True), st.none(),
                     st.booleans(), st.lists(st.text(max_size=4), max_size=3), st.dates().map(str))
years = st.one_of(st.integers(min_value=1900, max_value=2100), anything)
codes = st.one_of(st.sampled_from(["USA", "POL", "ISL", "RUS", "SUN", "usa", "XXX"]), anything)


def _data_error_or_result(call):
    try:
        return call()
    except data.DataError as error:
        assert str(error)
        return None


@settings(max_examples=80, deadline=None)
@given(threshold=anything, year=years, vintage=st.one_of(st.none(), st.sampled_from(["2024-06", "x"]), anything),
       source=st.one_of(st.sampled_from(["nato", "sipri"]), anything))
def test_meeting_helpers_raise_only_data_errors(threshold, year, vintage, source):
    _data_error_or_result(lambda: data.allies_meeting(threshold, year, vintage=vintage, source=source))
    _data_error_or_result(lambda: data.count_meeting(threshold, year, vintage=vintage, source=source))
    _data_error_or_result(lambda: data.latest_vintage(year))


@settings(max_examples=80, deadline=None)
@given(code=codes, year=years, exclude=st.one_of(st.lists(codes, max_size=3), codes),
       source=st.one_of(st.sampled_from(["nato", "sipri"]), anything))
def test_country_helpers_raise_only_data_errors(code, year, exclude, source):
    _data_error_or_result(lambda: data.ally_series(code, source=source))
    _data_error_or_result(lambda: data.alliance_total(year, exclude=exclude))
    _data_error_or_result(lambda: data.share_of_total(code, year))
    _data_error_or_result(lambda: data.sipri_spending(year))
    _data_error_or_result(lambda: data.members_on(year))


@settings(max_examples=40, deadline=None)
@given(low=st.floats(0, 6), high=st.floats(0, 6), year=st.sampled_from([2014, 2023, 2024]))
def test_a_higher_threshold_never_counts_more_allies(low, high, year):
    low, high = sorted((low, high))
    for source in ("nato", "sipri"):
        assert data.count_meeting(high, year, source=source) <= data.count_meeting(low, year, source=source)


@settings(max_examples=40, deadline=None)
@given(st.dates(min_value=pd.Timestamp("1940-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()),
       st.dates(min_value=pd.Timestamp("1940-01-01").date(), max_value=pd.Timestamp("2030-12-31").date()))
def test_membership_never_shrinks(earlier, later):
    earlier, later = sorted((earlier, later))
    assert set(data.members_on(earlier)["iso3"]) <= set(data.members_on(later)["iso3"])


@settings(max_examples=30, deadline=None)
@given(st.integers(1949, 2024), st.lists(st.sampled_from(["USA", "DEU", "GBR", "FRA", "POL"]), max_size=5))
def test_excluding_allies_never_raises_the_total(year, exclude):
    total = _data_error_or_result(lambda: data.alliance_total(year))
    if total is not None:
        assert data.alliance_total(year, exclude=exclude) <= total
        share = data.share_of_total("USA", year)
        assert math.isnan(share) or 0 <= share <= 1
