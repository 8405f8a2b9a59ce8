"""The dated record of what changes with time (data/currency.csv) and ``python -m natocourse currency``."""

import datetime as dt
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from natocourse import currency, data, exercises, hypothetical
from natocourse.tooling import cli

ROOT = Path(__file__).resolve().parents[1]
MONTHS = "January February March April May June July August September October November December".split()
CHECKED_AS_OF = re.compile(r"[Ff]acts checked as of \**(\d{1,2}) (%s) (\d{4})" % "|".join(MONTHS))


def _pages():
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            yield path.name, "".join(cell["source"])
    for path in sorted((ROOT / "book").glob("*.md")):
        if not path.name.startswith("review-"):  # a review page records the date of its own review
            yield path.name, path.read_text(encoding="utf-8")


def test_every_facts_checked_note_gives_the_date_of_the_record():
    checked = currency.date_of("facts_checked")
    notes = [(where, dt.date(int(y), MONTHS.index(m) + 1, int(d)))
             for where, text in _pages() for d, m, y in CHECKED_AS_OF.findall(text)]
    assert len({where for where, _ in notes}) >= 3, notes  # the introduction, chapters 6 and 9
    stale = [(where, day) for where, day in notes if day != checked]
    assert not stale, f"'Facts checked as of' notes that differ from data/currency.csv ({checked}): {stale}"


def test_the_record_is_consistent():
    record = currency.record()
    assert record["key"].is_unique
    assert (record["recheck_by"] >= record["checked"]).all()
    assert (record["checked"].dt.date <= currency.date_of("facts_checked")).all()
    assert record["checked"].max().date() <= dt.date.today()


def test_the_record_agrees_with_the_dates_and_data_it_describes():
    assert currency.value("congress_119_end") == hypothetical.END_OF_119TH_CONGRESS
    assert currency.value("nato_vintage_latest").startswith(data.vintages()[-1])


def test_a_lesson_reads_the_record():
    chapter6 = json.loads((ROOT / "notebooks" / "06-the-bill.ipynb").read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in chapter6["cells"] if c["cell_type"] == "code")
    assert 'currency.rows("bill", "congress")' in code


def test_an_exercise_computes_its_answer_from_the_record():
    record = data.load("currency").set_index("key")
    days = (pd.Timestamp(record.loc["congress_119_end", "value"]) - record.loc["bill_s2174", "checked"]).days
    assert exercises.get("bill-07").check(days).correct
    assert not exercises.get("bill-07").check(days + 1).correct


def test_an_updated_record_changes_the_exercise_answer(data_copy):
    path = data_copy / "currency.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("2026-12-02,2027-01-04,05 ; 06 ; 09,https://www.congress.gov",
                                 "2026-12-22,2027-01-04,05 ; 06 ; 09,https://www.congress.gov"), encoding="utf-8")
    data.clear_cache()
    assert currency.checked("bill_s2174") == dt.date(2026, 12, 22)
    assert exercises.get("bill-07").expected_function(data) == 12


def test_due_lists_what_must_be_checked_by_a_day():
    assert currency.due(dt.date(2026, 12, 2)).empty
    assert currency.due(dt.date(2026, 12, 31))["key"].tolist() == ["ndaa_fy2026"]
    after_lapse = set(currency.due(dt.date(2027, 1, 4))["key"])
    assert {"bill_hr6508", "bill_s2174", "congress_119_end", "facts_checked"} <= after_lapse


def test_the_command_lists_the_record_and_the_dates(capsys):
    assert cli.main(["currency", "--today", "2026-12-02", "--check"]) == 0
    out = capsys.readouterr().out
    assert "soon    2026-12-31" in out and "ndaa_fy2026" in out
    assert "2027-01-03  both-sides    32 days ahead" in out
    assert "Nothing is due for re-checking." in out
    assert cli.main(["currency", "--today", "2027-01-05", "--check"]) == 1
    out = capsys.readouterr().out
    assert "DUE     2027-01-04" in out and "passed: re-read the pages once" in out
    assert "2027-06-01  hypothetical  147 days ahead" in out
    assert cli.main(["currency", "--today", "2027-06-02"]) == 0
    assert "PASSED: rewrite the pages" in capsys.readouterr().out


def test_the_command_refuses_a_bad_date_without_a_traceback(capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["currency", "--today", "next week"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "'next week' is not a date written YYYY-MM-DD" in err and "Traceback" not in err


def test_an_unknown_key_names_the_file_and_the_keys():
    with pytest.raises(data.DataError, match=r"data/currency.csv has no row 'bill_hr9999'.*bill_hr6508"):
        currency.value("bill_hr9999")
    with pytest.raises(data.DataError, match="not a date"):
        currency.date_of("bill_s2174")


def test_a_damaged_record_is_refused_with_its_name(data_copy):
    path = data_copy / "currency.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("2027-01-04", "soon", 1), encoding="utf-8")
    data.clear_cache()
    with pytest.raises(data.DataError, match="currency.csv"):
        currency.record()
