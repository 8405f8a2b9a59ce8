"""Reading the data package: ``names()``, ``describe(name)``, ``load(name)`` and :class:`DataError`.

Each table is typed from the Table Schema in ``data/datapackage.json`` (dates as ``datetime64``,
years and counts as ``int64``, true/false as ``bool``, fields with a fixed list of values as
``category``, other text as ``str`` with empty optional cells missing) and checked against it: a
missing, truncated or malformed file raises :class:`DataError` naming the file, the row and the
field at fault. Tables are read once and cached; each call returns a copy (a cheap copy-on-write
one), so changing a table in a notebook never changes what the next ``load`` returns.

The data directory is the repository's ``data/``; set ``NATOCOURSE_DATA`` to use another copy.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import os
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: Default location of the data package: ``data/`` at the repository root.
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "data"

_cache: dict[tuple[str, str], pd.DataFrame] = {}


class DataError(ValueError):
    """A dataset is unknown, missing or malformed; the message names the file and what to do."""


def data_dir() -> Path:
    """The folder the datasets are read from: ``$NATOCOURSE_DATA``; else the ``data/`` of the
    repository the package is installed from (an editable install); else, for a package installed
    on its own (a hub's student environment), the ``data/`` of the course folder the notebook runs
    in: the nearest one above the current folder that holds a ``datapackage.json``."""
    if os.environ.get("NATOCOURSE_DATA"):
        return Path(os.environ["NATOCOURSE_DATA"])
    if (DEFAULT_DIR / "datapackage.json").is_file():
        return DEFAULT_DIR
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / "data" / "datapackage.json").is_file():
            return folder / "data"
    return DEFAULT_DIR


RESTORE = "restore it from the course repository (git checkout -- data) or re-clone the course"


def _package() -> dict:
    """The resources of ``datapackage.json`` by name; DataError if it is missing or damaged."""
    path = data_dir() / "datapackage.json"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DataError(f"{path} is missing: restore the data/ folder from the course repository "
                        "(git checkout -- data), open the notebook from inside the course folder, or set "
                        "NATOCOURSE_DATA to a folder that has it") from None
    except UnicodeDecodeError:
        raise DataError(f"{path} is not UTF-8 text: {RESTORE}") from None
    try:
        return _parse_package(text)
    except json.JSONDecodeError as exc:
        raise DataError(f"{path} is not valid JSON (line {exc.lineno}): {RESTORE}") from None
    except (KeyError, TypeError, AttributeError):
        raise DataError(f"{path} is not a data package with a name, path and schema for every "
                        f"resource: {RESTORE}") from None


@lru_cache(maxsize=8)
def _parse_package(text: str) -> dict:
    """Parse the package text (cached by content) into ``{name: resource}``, checking its shape."""
    resources = {resource["name"]: resource for resource in json.loads(text)["resources"]}
    for resource in resources.values():
        if not isinstance(resource["path"], str) or not isinstance(resource["schema"]["fields"], list):
            raise TypeError(resource["name"])
    return resources


def names() -> list[str]:
    """The names of every dataset, in the order ``datapackage.json`` documents them."""
    return list(_package())


def describe(name: str) -> str:
    """The title and description of a dataset, with its sources, as plain text."""
    resource = _resource(name)
    sources = "; ".join(s.get("title", "") + (f" <{s['path']}>" if s.get("path") else "")
                        for s in resource.get("sources", []))
    return f"{resource['title']}\n{resource['description']}\nSources: {sources}"


def _resource(name: str) -> dict:
    resources = _package()
    if not isinstance(name, str) or name not in resources:
        close = difflib.get_close_matches(str(name), list(resources), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        raise DataError(f"no dataset is called {name!r}.{hint} Valid names: {', '.join(resources)}")
    return resources[name]


def load(name: str) -> pd.DataFrame:
    """Return the dataset ``name`` as a DataFrame typed from its Table Schema.

    The first call reads and checks the file; later calls are served from a cache (until the file
    changes or :func:`clear_cache`). Each call returns its own copy, so editing the result never
    changes the next ``load``.

    >>> members = load("members")
    >>> len(members), members["accession_date"].dtype.kind
    (32, 'M')
    """
    resource = _resource(name)
    path = data_dir() / resource["path"]
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataError(f"{path} is missing: restore the data/ folder from the course repository "
                        f"(git checkout -- data/{resource['path']})") from None
    key = (str(path), f"{stat.st_mtime_ns}:{stat.st_size}")
    if key not in _cache:
        _cache[key] = _read(path, resource["schema"])
    # pandas >= 3 copies on write: a shallow copy shares memory until either side is changed, so
    # callers cannot alter the cached table, and it is faster than a deep copy (bench/bench_data.py).
    return _cache[key].copy(deep=False)


def clear_cache() -> None:
    """Forget every table read so far (the next ``load`` reads the file again)."""
    _cache.clear()


def _text(path: Path) -> str:
    """The file's text (UTF-8, a byte-order mark tolerated); DataError naming the line if it is not UTF-8."""
    content = path.read_bytes()
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise DataError(f"{path}, line {line}: not UTF-8 text (the file is damaged): {RESTORE}") from None


def _records(path: Path, expected: list[str]) -> tuple[list[list[str]], list[int]]:
    """The CSV records after the header and the line each starts on; DataError for a damaged file."""
    reader = csv.reader(io.StringIO(_text(path)))
    rows, lines, start = [], [], 1
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(f"{path} is empty: {RESTORE}")
        if header != expected:
            raise DataError(f"{path}: the header is {header}, expected {expected}; the file is damaged: {RESTORE}")
        start = reader.line_num + 1
        for row in reader:
            if len(row) != len(expected):
                raise DataError(f"{path}, line {start}: {len(row)} values for {len(expected)} columns "
                                f"(the file may be truncated or a quote left open): {RESTORE}")
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        raise DataError(f"{path}, line {start}: not valid CSV ({exc}): {RESTORE}") from None
    if not rows:
        raise DataError(f"{path} has a header but no rows (the file is truncated): {RESTORE}")
    return rows, lines


def _read(path: Path, schema: dict) -> pd.DataFrame:
    """Read and check one CSV file against its Table Schema; the typed table, index 0..n-1."""
    fields = schema["fields"]
    expected = [f["name"] for f in fields]
    rows, lines = _records(path, expected)
    # While checking, the index is each record's line in the file, so errors can name it.
    frame = pd.DataFrame(rows, columns=expected, index=lines, dtype=object)
    for spec in fields:
        frame[spec["name"]] = _column(path, frame[spec["name"]], spec)
    _check_keys(path, frame, schema)
    return frame.reset_index(drop=True)


def _check_keys(path: Path, frame: pd.DataFrame, schema: dict) -> None:
    """DataError for a repeated primary key or a foreign key missing from the table it refers to."""
    key = schema.get("primaryKey")
    if key:
        duplicated = frame.duplicated(subset=key, keep=False)
        if duplicated.any():
            line = duplicated.idxmax()
            raise DataError(f"{path}, line {line}: duplicate key {key} = {frame.loc[line, key].tolist()}")
    for foreign in schema.get("foreignKeys", []):
        (column,), (target,) = foreign["fields"], foreign["reference"]["fields"]
        reference = foreign["reference"]["resource"]
        known = load(reference)[target]
        dangling = frame[column].notna() & ~frame[column].isin(known)
        if dangling.any():
            line = dangling.idxmax()
            raise DataError(f"{path}, line {line}, field {column!r}: {frame.loc[line, column]!r} is not "
                            f"in {reference}.{target}: {RESTORE}")


def _fail(path: Path, line, spec: dict, value, problem: str):
    """Raise the DataError for one bad value at ``line`` of ``path``."""
    raise DataError(f"{path}, line {int(line)}, field {spec['name']!r}: {value!r} {problem}")


def _column(path: Path, raw: pd.Series, spec: dict) -> pd.Series:
    """Convert one column of raw text to the field's type, checking its constraints."""
    constraints = spec.get("constraints", {})
    empty = raw == ""
    if constraints.get("required") and empty.any():
        _fail(path, empty.idxmax(), spec, "", "is empty but required")
    kind = spec["type"]
    if kind == "integer":
        values = pd.to_numeric(raw.where(~empty), errors="coerce")
        bad = ~empty & ~raw.str.fullmatch(r"[+-]?[0-9]+").astype(bool)
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not a whole number")
        values = values.astype("int64") if not empty.any() else values.astype("Int64")
    elif kind == "number":
        values = pd.to_numeric(raw.where(~empty), errors="coerce").astype("float64")
        bad = ~empty & values.isna()
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not a number")
    elif kind == "boolean":
        bad = ~raw.isin(["true", "false"]) & ~empty
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not true or false")
        values = raw == "true"
    elif kind == "date":
        values = pd.to_datetime(raw.where(~empty), format="%Y-%m-%d", errors="coerce")
        bad = ~empty & values.isna()
        if bad.any():
            _fail(path, bad.idxmax(), spec, raw[bad.idxmax()], "is not a date like 2024-03-07")
    else:
        values = raw.where(~empty).astype("str")
    _check_constraints(path, raw, values, spec, constraints)
    if kind == "string" and "enum" in constraints:
        values = values.astype(pd.CategoricalDtype(constraints["enum"]))
    return values


def _check_constraints(path, raw, values, spec, constraints) -> None:
    """DataError for the first value outside the field's range, enum, pattern or uniqueness rule."""
    present = raw != ""
    bound = (lambda v: pd.Timestamp(v)) if spec["type"] == "date" else (lambda v: v)
    if "minimum" in constraints:
        low = present & (values < bound(constraints["minimum"]))
        if low.any():
            _fail(path, low.idxmax(), spec, raw[low.idxmax()], f"is below the minimum {constraints['minimum']}")
    if "maximum" in constraints:
        high = present & (values > bound(constraints["maximum"]))
        if high.any():
            _fail(path, high.idxmax(), spec, raw[high.idxmax()], f"is above the maximum {constraints['maximum']}")
    if "enum" in constraints:
        allowed = constraints["enum"]
        outside = present & ~values.isin(allowed)
        if outside.any():
            _fail(path, outside.idxmax(), spec, raw[outside.idxmax()], f"is not one of {allowed}")
    if "pattern" in constraints:
        mismatched = present & ~raw.str.fullmatch(constraints["pattern"].strip("^$")).astype(bool)
        if mismatched.any():
            _fail(path, mismatched.idxmax(), spec, raw[mismatched.idxmax()],
                  f"does not match the pattern {constraints['pattern']}")
    if constraints.get("unique"):
        repeated = present & raw.duplicated(keep=False)
        if repeated.any():
            _fail(path, repeated.idxmax(), spec, raw[repeated.idxmax()], "appears twice but must be unique")
