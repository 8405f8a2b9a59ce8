"""Tests for natocourse.withdrawal: the date rules of Article 13 and the NATO Act."""

import datetime as dt

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from natocourse import withdrawal as w


def test_article13_available_twenty_years_after_entry_into_force():
    assert w.article13_available("1949-08-24") == dt.date(1969, 8, 24)


def test_taiwan_treaty_anniversary_convention():
    # Notice effective 1 January 1979; the treaty ended on 1 January 1980.
    assert w.cessation_date(dt.date(1979, 1, 1)) == dt.date(1980, 1, 1)


def test_default_notice_is_the_last_day_allowed():
    t = w.withdrawal_timeline("2026-03-02")
    assert t.enactment == dt.date(2026, 3, 2)
    assert t.notice_deadline == dt.date(2026, 4, 1)
    assert t.notice == t.notice_deadline
    assert t.effective == dt.date(2027, 4, 1)
    assert t.earliest_effective == dt.date(2027, 3, 2)
    assert t.latest_effective == t.effective
    assert t.on_time
    assert t.days_in_notice_period == 365
    assert t.days_from_enactment == 395


def test_explicit_notice_and_late_notice():
    t = w.withdrawal_timeline(dt.date(2026, 1, 10), notice_date="2026-01-20")
    assert t.effective == dt.date(2027, 1, 20) and t.on_time
    late = w.withdrawal_timeline("2026-01-10", "2026-03-01")
    assert not late.on_time
    assert [label for label, _ in late.steps()][1].startswith("Last day")


def test_notice_before_enactment_is_rejected():
    with pytest.raises(ValueError, match="cannot come before"):
        w.withdrawal_timeline("2026-01-10", "2026-01-09")


@pytest.mark.parametrize("bad", ["not a date", "2026-13-01", 20260101, None])
def test_bad_dates_are_rejected(bad):
    with pytest.raises(ValueError):
        w.withdrawal_timeline(bad)


def test_accepts_timestamps_and_leap_days():
    t = w.withdrawal_timeline(pd.Timestamp("2028-02-29"), pd.Timestamp("2028-02-29"))
    assert t.effective == dt.date(2029, 2, 28)


def test_as_frame_is_sorted_and_typed():
    frame = w.withdrawal_timeline("2026-03-02", "2026-03-05").as_frame()
    assert list(frame.columns) == ["step", "date"]
    assert frame["date"].is_monotonic_increasing
    assert len(frame) == 4


@given(st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2200, 12, 31)),
       st.integers(min_value=0, max_value=60))
def test_properties(enactment, delay):
    t = w.withdrawal_timeline(enactment, enactment + dt.timedelta(days=delay))
    assert t.enactment <= t.notice < t.effective
    assert t.earliest_effective <= t.latest_effective
    assert 365 <= t.days_in_notice_period <= 366
    assert t.on_time == (delay <= 30)
    assert [d for _, d in t.steps()] == sorted(d for _, d in t.steps())
