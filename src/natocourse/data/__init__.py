"""The course's sourced datasets, loaded as typed pandas DataFrames.

``names()`` lists the datasets and ``load(name)`` returns one, typed from the Table Schema in
``data/datapackage.json`` (dates as ``datetime64``, years and counts as ``int64``, true/false as
``bool``, fields with a fixed list of values as ``category``, other text as ``str`` with empty
optional cells missing) and checked against it: a missing, truncated or malformed file raises
:class:`DataError` naming the file, the row and the field at fault. Tables are read once and cached;
each call returns a copy (a cheap copy-on-write one), so changing a table in a notebook never
changes what the next ``load`` returns.

Reading lives in :mod:`.loading`; the helpers that answer the questions the chapters ask again
and again (``nato_spending``, ``allies_meeting``, ``ally_series``, ``share_of_total`` …) live in
:mod:`.queries`, with examples. Both are re-exported here, so notebooks write ``data.load(...)``.

The data directory is the repository's ``data/``; set ``NATOCOURSE_DATA`` to use another copy.
"""

from .loading import DEFAULT_DIR, RESTORE, DataError, clear_cache, data_dir, describe, load, names
from .queries import (COVERAGE, MEASURES, alliance_total, allies_meeting, ally_series, as_timestamp,
                      as_year, count_meeting, country_name, latest_vintage, members_on, membership_growth,
                      nato_spending, share_of_total, sipri_spending, vintages, year_range)

__all__ = ["DEFAULT_DIR", "RESTORE", "DataError", "clear_cache", "data_dir", "describe", "load", "names",
           "COVERAGE", "MEASURES", "alliance_total", "allies_meeting", "ally_series", "as_timestamp",
           "as_year", "count_meeting", "country_name", "latest_vintage", "members_on",
           "membership_growth", "nato_spending", "share_of_total", "sipri_spending", "vintages",
           "year_range"]
