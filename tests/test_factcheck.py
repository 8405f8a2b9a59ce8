"""The fact-checks of the bill's findings: every finding gets a verdict, and the evidence is computed."""

import pytest

from natocourse import data, factcheck


def test_every_finding_has_a_known_verdict():
    summary = factcheck.summary()
    assert summary["number"].tolist() == list(range(1, 19))
    assert set(summary["verdict"]) <= set(factcheck.VERDICTS)


def test_checkable_findings_in_the_data_are_the_ones_checked():
    findings = data.load("bill_findings").set_index("number")
    checkable = set(findings.index[findings["checkable_with_data"]])
    assert checkable == set(factcheck.CHECKS)
    assert set(factcheck.CHECKS) | set(factcheck.NOT_CHECKED) == set(range(1, 19))


def test_dates_and_counts_are_read_from_the_data():
    assert "4 April 1949" in factcheck.finding_1().evidence
    assert "12 founding members" in factcheck.finding_2().evidence
    assert "1 July 1991" in factcheck.finding_4().evidence and "26 December 1991" in factcheck.finding_4().evidence
    assert "1999 (Czechia, Hungary, Poland)" in factcheck.finding_7().evidence


def test_wales_pledge_verdict_depends_on_the_release():
    result = factcheck.finding_14()
    assert result.verdict == "depends on the year and release"
    assert "2024 (2025-04 release): 9 of 31 below 2 % (incl. 1 unnamed entry), 29%" in result.evidence
    assert "2025 (2026-03 release): 0 of 29 below 2 %" in result.evidence
    assert "1.86 %" in result.caveat


def test_europe_outspends_russia_but_sufficiency_is_a_prediction():
    result = factcheck.finding_16()
    assert result.verdict == "partly supported" and "prediction" in result.caveat


@pytest.mark.parametrize("number", [0, 19, -1, "3", None])
def test_unknown_findings_get_a_clear_message(number):
    with pytest.raises(data.DataError, match="findings 1 to 18"):
        factcheck.check(number)


def test_a_check_refuses_an_unknown_verdict():
    with pytest.raises(ValueError):
        factcheck.Check(1, "true-ish", "")


def test_verdict_counts_figure_has_one_bar_per_verdict():
    import matplotlib.pyplot as plt

    from natocourse import plots

    fig = plots.verdict_counts(factcheck.summary(), verdicts=factcheck.VERDICTS, title="t")
    ax = fig.axes[0]
    assert len(ax.patches) == len(factcheck.VERDICTS)
    assert sum(p.get_width() for p in ax.patches) == 18
    plt.close(fig)


def test_findings_settled_or_disputed_by_sources_say_so_consistently_with_chapter_3():
    assert factcheck.check(5).verdict == "contested: sources disagree" and "Chapter 3" in factcheck.check(5).caveat
    assert factcheck.check(9).verdict == "supported by cited sources" and "serious provocation" in factcheck.check(9).caveat
    assert factcheck.check(11).verdict == "supported by cited sources" and "Article 10" in factcheck.check(11).caveat
    assert "1,584 miles" in factcheck.finding_7().caveat


def test_the_unnamed_2024_entry_is_counted_not_dropped():
    from natocourse import releases

    assert releases.unnamed_entries(2024, "2025-04") == [1.86]
    count = releases.count_below(2.0, 2024, "2025-04")
    assert (count["listed"], count["named_below"], count["unnamed_below"], count["below"], count["in_release"]) == \
        (30, 8, 1, 9, 31)
    assert releases.missing_allies(2024, "2025-04") == ["Croatia", "Iceland"]
    assert releases.missing_allies(2025, "2026-03") == ["Czechia", "Hungary", "Iceland"]
    table = releases.threshold_table(2.0, [2024])
    assert table.loc[0, "below"] + table.loc[0, "at_or_above"] == table.loc[0, "in_release"] == 31
