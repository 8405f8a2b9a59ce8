"""The data package: valid, sourced, consistent with published headline figures, and a loader that
types every column and explains every broken file."""

import json
from pathlib import Path

import frictionless
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse import data

DATA = Path(data.DEFAULT_DIR)


# ---- the package -------------------------------------------------------------------------------


def test_frictionless_validates_the_package_including_foreign_keys():
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]


def test_every_resource_is_documented_with_licence_sources_and_schema():
    package = json.loads((DATA / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert resource["title"] and resource["description"], resource["name"]
        assert resource["licenses"] and resource["sources"], resource["name"]
        assert all(f.get("description") for f in resource["schema"]["fields"]), resource["name"]
        assert (DATA / resource["path"]).exists()


@pytest.mark.parametrize("name", data.names())
def test_every_row_has_a_source(name):
    table = data.load(name)
    assert "source" in table.columns
    assert (table["source"].str.strip().str.len() > 0).all()


def test_every_foreign_key_resolves():
    countries = set(data.load("countries")["iso3"])
    members = set(data.load("members")["iso3"])
    assert set(data.load("defence_expenditure")["iso3"]) <= members
    for name in ("milex_sipri", "milex_sipri_usd", "members"):
        assert set(data.load(name)["iso3"]) <= countries, name


def test_the_readme_documents_every_resource():
    readme = (DATA / "README.md").read_text()
    for name in data.names():
        assert f"`{name}`" in readme, name


# ---- headline figures published by NATO and SIPRI ----------------------------------------------


def test_twelve_founding_members_signed_on_4_april_1949():
    # North Atlantic Treaty, signed in Washington on 4 April 1949 by twelve states (finding 1-2 of
    # H.R. 6508; treaty text cited in references.bib as natotreaty1949).
    founders = data.members_on("1949-04-04")
    assert len(founders) == 12
    assert set(founders["iso3"]) >= {"USA", "CAN", "GBR", "FRA", "ISL", "NOR"}


def test_membership_after_each_enlargement():
    # NATO's enlargement rounds: 12 → 14 (1952) → 15 (1955) → 16 (1982) → 19 (1999) → 26 (2004)
    # → 28 (2009) → 29 (2017) → 30 (2020) → 31 (2023) → 32 (2024).
    growth = data.membership_growth().set_index("year")["members"]
    expected = {1949: 12, 1952: 14, 1955: 15, 1982: 16, 1999: 19, 2004: 26, 2009: 28,
                2017: 29, 2020: 30, 2023: 31, 2024: 32}
    assert {year: int(growth[year]) for year in expected} == expected
    assert sorted(data.load("members")["enlargement"].unique()) == sorted(expected)


def test_three_allies_met_two_percent_in_2014():
    # NATO, August 2025: "compared to only three allies in 2014"; the June 2024 table agrees.
    met = data.allies_meeting(2.0, 2014, vintage="2024-06")
    assert sorted(met["iso3"]) == ["GBR", "GRC", "USA"]
    statements = data.load("allied_2pct_statements")
    said = statements[(statements["data_year"] == 2014) & (statements["metric"] == "allies_at_or_above_2pct")]
    assert set(said["value"]) == {3.0}


def test_poland_led_in_2024_in_the_june_2024_release():
    # June 2024 release: Poland 4.12 %, Estonia 3.43 %, United States 3.38 % (err.ee, pravda.com.ua).
    top = data.nato_spending(2024, vintage="2024-06").head(3)
    assert top["iso3"].tolist() == ["POL", "EST", "USA"]
    assert top["pct_gdp"].tolist() == [4.12, 3.43, 3.38]


def test_every_listed_ally_met_two_percent_in_2025():
    # NATO, August 2025: all allies expected to meet 2 % in 2025.
    spending = data.nato_spending(2025, vintage="2025-08")
    assert (spending["pct_gdp"] >= 2.0).all()


def test_vintages_are_kept_side_by_side():
    # USA 2024: 3.38 (June 2024 estimate) → 3.19 (April 2025): both releases stay in the data.
    usa = data.load("defence_expenditure").query("iso3 == 'USA' and year == 2024").set_index("vintage")
    assert usa.loc["2024-06", "pct_gdp"] == 3.38 and usa.loc["2025-04", "pct_gdp"] == 3.19


def test_sipri_united_states_series_starts_in_1949():
    usa = data.ally_series("USA", source="sipri")
    assert usa["year"].iloc[0] == 1949 and usa["year"].is_monotonic_increasing


# ---- the loader --------------------------------------------------------------------------------


def test_columns_are_typed_from_the_schema():
    members = data.load("members")
    assert pd.api.types.is_datetime64_any_dtype(members["accession_date"])
    assert members["enlargement"].dtype == "int64"
    assert members["founding"].dtype == bool
    spending = data.load("defence_expenditure")
    assert spending["year"].dtype == "int64" and spending["pct_gdp"].dtype == "float64"
    assert spending["estimate"].dtype == bool
    assert pd.api.types.is_datetime64_any_dtype(data.load("timeline")["date"])


def test_enum_fields_are_categories_and_empty_optional_text_is_missing():
    timeline = data.load("timeline")
    assert isinstance(timeline["category"].dtype, pd.CategoricalDtype)
    package = json.loads((DATA / "datapackage.json").read_text())
    schema = next(r["schema"] for r in package["resources"] if r["name"] == "timeline")
    enum = next(f["constraints"]["enum"] for f in schema["fields"] if f["name"] == "category")
    assert list(timeline["category"].cat.categories) == enum
    notes = data.load("members")["notes"]
    assert pd.api.types.is_string_dtype(notes) and notes.isna().any() and not (notes == "").any()


def test_second_load_is_served_from_the_cache_and_cannot_be_poisoned(monkeypatch):
    data.clear_cache()
    first = data.load("members")
    first.loc[0, "country"] = "changed by a student"
    monkeypatch.setattr(data.loading, "_read", lambda *a: pytest.fail("read the file again"))
    first["enlargement"] += 1
    del first["notes"]
    second = data.load("members")
    assert second.loc[0, "country"] != "changed by a student"
    assert "notes" in second and (second["enlargement"] >= 1949).all()


def test_unknown_name_lists_the_valid_names():
    with pytest.raises(data.DataError) as error:
        data.load("member")
    assert "Did you mean 'members'" in str(error.value)
    for name in data.names():
        assert name in str(error.value)


def test_missing_file_names_the_file_and_what_to_do(data_copy):
    (data_copy / "members.csv").unlink()
    with pytest.raises(data.DataError, match=r"members\.csv is missing.*git checkout"):
        data.load("members")


def test_missing_datapackage_is_explained(data_copy):
    (data_copy / "datapackage.json").unlink()
    with pytest.raises(data.DataError, match=r"datapackage\.json is missing"):
        data.names()


def test_truncated_file_names_the_line(data_copy):
    path = data_copy / "members.csv"
    text = path.read_text()
    path.write_text(text[: len(text) // 2])  # cut in the middle of a row
    with pytest.raises(data.DataError, match=r"members\.csv, line \d+: \d+ values for 8 columns"):
        data.load("members")


def test_damaged_header_is_explained(data_copy):
    path = data_copy / "timeline.csv"
    path.write_text("garbage\n" + path.read_text())
    with pytest.raises(data.DataError, match=r"timeline\.csv: the header is"):
        data.load("timeline")


@pytest.mark.parametrize("old, new, problem", [
    ("1949-04-04", "4 April 1949", "is not a date"),
    (",1949,true", ",nineteen,true", "is not a whole number"),
    (",1949,true", ",1950,true", "is not one of"),
    (",1949,true", ",1949,yes", "is not true or false"),
])
def test_wrongly_typed_value_names_line_and_field(data_copy, old, new, problem):
    path = data_copy / "members.csv"
    path.write_text(path.read_text().replace(old, new, 1))
    with pytest.raises(data.DataError, match=rf"members\.csv, line 2, field '\w+': .* {problem}"):
        data.load("members")


def test_out_of_range_number_is_caught(data_copy):
    path = data_copy / "defence_expenditure.csv"
    lines = path.read_text().splitlines()
    fields = lines[1].split(",")
    fields[3] = "42"  # pct_gdp above the maximum of 10
    lines[1] = ",".join(fields)
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(data.DataError, match=r"line 2, field 'pct_gdp': '42' is above the maximum"):
        data.load("defence_expenditure")


def test_duplicate_primary_key_is_caught(data_copy):
    path = data_copy / "milex_sipri.csv"
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines + [lines[1]]) + "\n")
    with pytest.raises(data.DataError, match="duplicate key"):
        data.load("milex_sipri")


# ---- helpers: any input gives a result or a DataError ------------------------------------------


def test_latest_vintage_skips_releases_that_list_only_a_few_allies():
    # The March 2026 report quotes one 2024 figure; the April 2025 report lists 30 allies.
    assert data.latest_vintage(2024) == "2025-04"
    assert len(data.nato_spending(2024)) == 30


def test_alliance_total_without_the_united_states():
    total = data.alliance_total(2024)
    without = data.alliance_total(2024, exclude=["USA"])
    usa = data.load("milex_sipri_usd").query("iso3 == 'USA' and year == 2024")["usd_constant_2023_millions"].item()
    assert total - without == pytest.approx(usa)
    assert 0.5 < data.share_of_total("USA", 2024) < 0.8


@settings(max_examples=60, deadline=None)
@given(st.one_of(st.text(max_size=20), st.integers(), st.none(), st.floats(allow_nan=True)))
def test_load_and_helpers_raise_only_data_errors(value):
    for call in (lambda: data.load(value), lambda: data.ally_series(value),
                 lambda: data.nato_spending(value), lambda: data.members_on(value),
                 lambda: data.allies_meeting(value, 2024), lambda: data.country_name(value),
                 lambda: data.alliance_total(value)):
        try:
            call()
        except data.DataError as error:
            assert str(error)
