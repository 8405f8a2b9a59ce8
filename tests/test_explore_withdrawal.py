"""The withdrawal date calculator widget (chapter 5) reacts to its controls."""

import datetime as dt

from natocourse import explore


def test_initial_card_shows_deadline_and_withdrawal():
    box = explore.withdrawal_calculator("2026-06-01")
    enacted, use_own, notice, card = box.parts
    assert "1 July 2026" in card.value  # +30 days
    assert "1 July 2027" in card.value  # + 1 year
    assert notice.disabled
    assert all(c.description for c in (enacted, use_own, notice))  # every control labelled


def test_own_notice_date_and_errors():
    box = explore.withdrawal_calculator("2026-06-01")
    enacted, use_own, notice, card = box.parts
    use_own.value = True
    assert not notice.disabled
    notice.value = dt.date(2026, 6, 10)
    assert "10 June 2027" in card.value
    notice.value = dt.date(2026, 5, 1)
    assert "Check the dates" in card.value
    notice.value = dt.date(2026, 8, 1)
    assert "later than the bill allows" in card.value
    enacted.value = None
    assert "Pick an enactment date" in card.value
