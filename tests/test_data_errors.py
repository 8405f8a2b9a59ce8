"""Damaged files beyond the basic cases in test_data.py: every one gives a DataError naming the file
(and the line and field where there is one), never a raw pandas, csv, json or codec exception."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natocourse import data

DATA = Path(data.DEFAULT_DIR)


def _damage(path: Path, old: bytes, new: bytes) -> None:
    content = path.read_bytes()
    assert old in content
    path.write_bytes(content.replace(old, new, 1))


@pytest.mark.parametrize("file, old, new, name, message", [
    ("milex_sipri.csv", b"ALB,1980,6.052", b"ALB,1980,6.0\xff52", "milex_sipri",
     r"milex_sipri\.csv, line 2: not UTF-8"),
    ("milex_sipri.csv", b"ALB,1980,", b"alb,1980,", "milex_sipri",
     r"milex_sipri\.csv, line 2, field 'iso3': 'alb' does not match the pattern"),
    ("milex_sipri.csv", b"ALB,1981,", b"XYZ,1981,", "milex_sipri",
     r"milex_sipri\.csv, line 3, field 'iso3': 'XYZ' is not in countries\.iso3"),
    # Russia is a country of the package but not an ally: NATO's figures must refer to members.
    ("defence_expenditure.csv", b"\nBEL,2017,", b"\nRUS,2017,", "defence_expenditure",
     r"defence_expenditure\.csv, line 3, field 'iso3': 'RUS' is not in members\.iso3"),
    ("milex_sipri.csv", b"ALB,1980,", b"ALB,1.98e3,", "milex_sipri",
     r"line 2, field 'year': '1\.98e3' is not a whole number"),
    ("members.csv", b"BEL,Belgium,1949-04-04", b"BEL,,1949-04-04", "members",
     r"members\.csv, line 2, field 'country': '' is empty but required"),
    ("timeline.csv", b",day,", b",daily,", "timeline",
     r"timeline\.csv, line 2, field 'date_precision': 'daily' is not one of"),
])
def test_damaged_value_is_explained(data_copy, file, old, new, name, message):
    _damage(data_copy / file, old, new)
    with pytest.raises(data.DataError, match=message):
        data.load(name)


def test_a_quote_left_open_is_explained(data_copy):
    path = data_copy / "members.csv"
    lines = path.read_text().splitlines()
    lines[3] = lines[3].replace(",1949,", ',"1949,', 1)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(data.DataError, match=r"members\.csv, line 4"):
        data.load("members")


def test_header_without_rows_is_called_truncated(data_copy):
    path = data_copy / "timeline.csv"
    path.write_text(path.read_text().splitlines()[0] + "\n")
    with pytest.raises(data.DataError, match=r"timeline\.csv has a header but no rows"):
        data.load("timeline")


def test_windows_line_endings_and_a_byte_order_mark_are_accepted(data_copy):
    path = data_copy / "members.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    assert len(data.load("members")) == 32


@pytest.mark.parametrize("text", ['{"name": "x"}', "[1, 2]", '{"resources": [{"name": "members"}]}', "{"])
def test_damaged_datapackage_is_explained(data_copy, text):
    (data_copy / "datapackage.json").write_text(text)
    with pytest.raises(data.DataError, match=r"datapackage\.json is not"):
        data.load("members")


def test_data_folder_that_does_not_exist(tmp_path, monkeypatch):
    monkeypatch.setenv("NATOCOURSE_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(data.DataError, match="NATOCOURSE_DATA"):
        data.names()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cut=st.integers(min_value=0, max_value=3000), junk=st.binary(max_size=20))
def test_any_truncation_or_junk_gives_a_result_or_a_data_error(data_copy, cut, junk):
    path = data_copy / "members.csv"
    original = (DATA / "members.csv").read_bytes()
    path.write_bytes(original[:cut] + junk)
    data.clear_cache()
    try:
        data.load("members")
    except data.DataError as error:
        assert "members.csv" in str(error)
