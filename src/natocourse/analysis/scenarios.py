"""What-if calculations for the scenario lab: change allies' defence spending as a share of GDP and
see the alliance's totals.

A scenario starts from a :func:`baseline` year of SIPRI data: each ally's economic size (implied GDP,
as in :mod:`natocourse.burden`) and its spending as a share of GDP. :func:`apply` sets new shares for
groups ("United States", "Canada", "European allies") or single allies (ISO3 codes), keeping GDP fixed,
and :func:`summary` gives the figures the lab shows. Everything is pure: the widgets only call these.
"""

from __future__ import annotations

from typing import Mapping

import pandas as pd

from .. import data
from . import burden

#: The groups a scenario can change, and how an ally's group is decided.
GROUPS = ("United States", "Canada", "European allies")
#: Thresholds the lab counts allies against (% of GDP): the 2006 guideline, and the 2025 goal's core
#: and total (chapter 8).
THRESHOLDS = (2.0, 3.5, 5.0)
#: Highest share of GDP a scenario accepts; above it the numbers stop meaning anything.
MAX_SHARE = 20.0


class ScenarioError(data.DataError):
    """A scenario asked for something impossible; the message says what and how to fix it."""


def _group(iso3: str) -> str:
    return {"USA": "United States", "CAN": "Canada"}.get(iso3, "European allies")


def baseline(year: int = 2024) -> pd.DataFrame:
    """Each ally in ``year``: ``iso3``, ``country``, ``group``, ``gdp_bn``, ``pct_gdp``, ``spend_bn``."""
    table = burden.size_and_share(year)
    table = table.assign(group=table["iso3"].map(_group))
    return table.assign(spend_bn=table["gdp_bn"] * table["pct_gdp"] / 100)[
        ["iso3", "country", "group", "gdp_bn", "pct_gdp", "spend_bn"]]


def _share(key, value) -> float:
    try:
        share = float(value)
    except (TypeError, ValueError):
        raise ScenarioError(f"the share for {key!r} must be a number of percent, like 2.5, not {value!r}") from None
    if not 0 <= share <= MAX_SHARE:
        raise ScenarioError(f"the share for {key!r} must be between 0 and {MAX_SHARE:g} % of GDP, not {value!r}")
    return share


def apply(base: pd.DataFrame, shares: Mapping[str, float]) -> pd.DataFrame:
    """A copy of ``base`` with new shares of GDP: keys are group names or ISO3 codes of allies.

    Groups are applied first, then single allies, so ``{"European allies": 2, "POL": 4}`` sets every
    European ally to 2 % except Poland.
    """
    if not isinstance(shares, Mapping):
        raise ScenarioError("give the new shares as a dict, e.g. {\"European allies\": 3.5}")
    table = base.copy()
    known = set(table["iso3"])
    for key in sorted(shares, key=lambda k: k not in GROUPS):
        share = _share(key, shares[key])
        if key in GROUPS:
            rows = table["group"] == key
        elif isinstance(key, str) and key.upper() in known:
            rows = table["iso3"] == key.upper()
        else:
            raise ScenarioError(f"{key!r} is neither a group ({', '.join(GROUPS)}) nor an ally's ISO3 code "
                                "in this year's data (e.g. 'POL')")
        table.loc[rows, "pct_gdp"] = share
    return table.assign(spend_bn=table["gdp_bn"] * table["pct_gdp"] / 100)


def summary(table: pd.DataFrame) -> dict:
    """The lab's figures: totals (US$ bn), the US share (0-1), allies at each threshold."""
    total = float(table["spend_bn"].sum())
    by_group = table.groupby("group")["spend_bn"].sum()
    result = {"total_bn": total,
              "without_us_bn": total - float(by_group.get("United States", 0.0)),
              "us_share": float(by_group.get("United States", 0.0)) / total if total else 0.0,
              **{f"{group} (US$ bn)": float(by_group.get(group, 0.0)) for group in GROUPS}}
    for threshold in THRESHOLDS:
        result[f"allies at {threshold:g} %"] = int((table["pct_gdp"] >= threshold).sum())
    return result


def share_needed(base: pd.DataFrame, group: str, target_bn: float) -> float:
    """The share of GDP ``group`` would need for the alliance without the US to spend ``target_bn``."""
    if group not in GROUPS or group == "United States":
        raise ScenarioError(f"choose 'Canada' or 'European allies', not {group!r}")
    others = base[(base["group"] != group) & (base["group"] != "United States")]["spend_bn"].sum()
    gdp = base.loc[base["group"] == group, "gdp_bn"].sum()
    return float((target_bn - others) / gdp * 100)
