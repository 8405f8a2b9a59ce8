"""Burden-sharing calculations for chapter 8.

- :func:`us_share_series`: the US share of the allies' military spending, year by year (SIPRI);
- :func:`size_and_share`: each ally's economic size and defence effort in one year, for testing
  Olson and Zeckhauser's (1966) claim that larger allies bear a disproportionate share;
- :func:`fit_line`: an ordinary least-squares line, with its slope, intercept and correlation.

Economic size is *implied* GDP: SIPRI's spending in constant 2023 US$ divided by SIPRI's spending
as a share of GDP, for the same country and year. It is derived, not observed: the course has no
separate GDP series, and the chapter says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .. import data


def us_share_series(start: int, end: int) -> pd.DataFrame:
    """Columns ``year`` and ``us_share`` (0-1): the US share of the allies' total, SIPRI constant US$."""
    years = data.year_range(start, end)
    return pd.DataFrame({"year": list(years), "us_share": [data.share_of_total("USA", y) for y in years]})


def size_and_share(year: int) -> pd.DataFrame:
    """One row per ally with SIPRI data in ``year``: ``iso3``, ``country``, ``gdp_bn`` (implied, constant
    2023 US$ billion), ``pct_gdp`` (SIPRI), sorted by size."""
    share = data.sipri_spending(year)[["iso3", "country", "pct_gdp"]]
    usd = data.load("milex_sipri_usd").query("year == @year")[["iso3", "usd_constant_2023_millions"]]
    table = share.merge(usd, on="iso3")
    table = table[table["pct_gdp"] > 0]
    table = table.assign(gdp_bn=table["usd_constant_2023_millions"] / (table["pct_gdp"] / 100) / 1000)
    return table[["iso3", "country", "gdp_bn", "pct_gdp"]].sort_values("gdp_bn", ascending=False).reset_index(drop=True)


@dataclass(frozen=True)
class Fit:
    """A fitted line ``y = slope * x + intercept`` and the correlation ``r`` of x and y."""

    slope: float
    intercept: float
    r: float

    def predict(self, x):
        """The line's value at ``x``."""
        return self.slope * np.asarray(x, dtype=float) + self.intercept


def fit_line(x, y) -> Fit:
    """Least-squares line through the points; needs at least three points with varying x."""
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if x.shape != y.shape or x.size < 3 or not np.isfinite(x).all() or not np.isfinite(y).all():
        raise ValueError("fit_line needs two equally long lists of at least three finite numbers")
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy, sxy = float(dx @ dx), float(dy @ dy), float(dx @ dy)
    if not sxx > 0 or not math.isfinite(sxx):
        raise ValueError("fit_line needs x values that vary")
    slope = sxy / sxx
    intercept = float(y.mean() - slope * x.mean())
    r = sxy / math.sqrt(sxx * syy) if syy > 0 and math.isfinite(sxx * syy) and sxx * syy > 0 else 0.0
    return Fit(slope, intercept, max(-1.0, min(1.0, r)))
