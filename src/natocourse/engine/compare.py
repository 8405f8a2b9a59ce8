"""Comparing a data answer (number, text, Series or DataFrame) with the expected value."""

from __future__ import annotations

import numbers
from decimal import Decimal
from typing import Any

from .answers import Reject, as_text, canonical_text, describe, read_number


def _names(labels) -> list[str]:
    return [str(x) for x in list(labels)[:12]] + (["…"] if len(labels) > 12 else [])


def _is_number(value: Any) -> bool:
    return isinstance(value, (numbers.Real, Decimal)) and not isinstance(value, bool)


def compare_data(expected: Any, got: Any, *, tolerance: float = 1e-6, check_index: bool = True,
                 check_order: bool = False) -> str | None:
    """``None`` if ``got`` matches ``expected`` (number, text, Series or DataFrame), else why not."""
    import pandas as pd

    if isinstance(expected, pd.DataFrame):
        return _compare_frame(expected, got, tolerance, check_index, check_order)
    if isinstance(expected, pd.Series):
        if isinstance(got, pd.DataFrame) and got.shape[1] == 1:
            got = got.iloc[:, 0]
        if not isinstance(got, pd.Series):
            raise Reject(f"expected a Series (one column of values), got {type(got).__name__} "
                         f"{describe(got)}")
        return _compare_columns(expected.rename("values").to_frame(), got.rename("values").to_frame(),
                                tolerance, check_index, check_order, what="Series")
    got = single_value(got)
    if isinstance(expected, bool):
        if not isinstance(got, bool):
            raise Reject(f"the answer is True or False, got {describe(got)}")
        return None if got == expected else f"{got} is not right."
    if _is_number(expected):
        value, _ = read_number(got)
        if abs(value - float(expected)) <= tolerance + 1e-9 * max(1.0, abs(float(expected))):
            return None
        return f"{value:g} is {'too high' if value > float(expected) else 'too low'}."
    if isinstance(expected, str):
        text = as_text(got)
        return None if canonical_text(text) == canonical_text(expected) else f"{describe(text)} is not right."
    if isinstance(got, type(expected)) and got == expected:
        return None
    return f"{describe(got)} is not the expected value."


def _compare_frame(expected, got, tolerance, check_index, check_order) -> str | None:
    import pandas as pd

    if isinstance(got, pd.Series):
        raise Reject(f"you passed a Series; expected a table (DataFrame) with columns "
                     f"{_names(expected.columns)} (try .to_frame() or df[[...]])")
    if not isinstance(got, pd.DataFrame):
        raise Reject(f"expected a table (DataFrame) with columns {_names(expected.columns)}, got "
                     f"{type(got).__name__} {describe(got)}")
    want = [str(c) for c in expected.columns]
    have = [str(c) for c in got.columns]
    if sorted(want) != sorted(have) or len(set(have)) != len(have):
        return f"your table has columns {_names(have)}; expected {_names(want)}."
    got = got.set_axis(have, axis=1)[want]
    return _compare_columns(expected.set_axis(want, axis=1), got, tolerance, check_index, check_order,
                            what="table")


def _compare_columns(expected, got, tolerance, check_index, check_order, what) -> str | None:
    import numpy as np
    import pandas as pd

    if len(got) != len(expected):
        return f"your {what} has {len(got)} rows; expected {len(expected)}."
    if check_index:
        want, have = [str(i) for i in expected.index], [str(i) for i in got.index]
        if sorted(want) != sorted(have):
            missing = sorted(set(want) - set(have))
            extra = sorted(set(have) - set(want))
            return (f"your {what}'s index (row labels) differs: missing {_names(missing)}, "
                    f"unexpected {_names(extra)}.")
        if not check_order:
            expected = expected.set_axis(want, axis=0).sort_index(kind="stable")
            got = got.set_axis(have, axis=0).sort_index(kind="stable")
        elif want != have:
            return f"your {what}'s rows are not in the expected order."
    else:
        expected, got = expected.reset_index(drop=True), got.reset_index(drop=True)
        if not check_order:
            expected = _sorted_rows(expected)
            got = _sorted_rows(got)
    for column in expected.columns:
        a, b = expected[column], got[column]
        if pd.api.types.is_numeric_dtype(a) and not pd.api.types.is_bool_dtype(a):
            try:
                b_values = pd.to_numeric(b, errors="raise").to_numpy(dtype=float)
            except (TypeError, ValueError):
                return f"column {column!r} should hold numbers; yours holds {b.dtype}."
            same = np.isclose(a.to_numpy(dtype=float), b_values, rtol=0, atol=tolerance, equal_nan=True)
        else:
            same = np.array([(x == y) or (pd.isna(x) and pd.isna(y)) if not isinstance(x, (list, dict))
                             else False for x, y in zip(a.astype(object), b.astype(object))], dtype=bool)
        if not same.all():
            position = int(np.argmin(same))
            label = got.index[position] if check_index else position
            where = f" (and {int((~same).sum()) - 1} more)" if (~same).sum() > 1 else ""
            name = f"column {column!r}" if what == "table" else "the values"
            return f"{name} differ at row {label!s}: yours is {describe(b.iloc[position])}{where}."
    return None


def _sorted_rows(frame):
    try:
        return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)
    except TypeError:
        return frame


def single_value(answer: Any) -> Any:
    """One plain value from an answer that may be a one-element Series or DataFrame or a NumPy scalar."""
    kind = type(answer).__module__.split(".")[0]
    if kind == "pandas" and hasattr(answer, "size") and hasattr(answer, "to_numpy"):
        if answer.size != 1:
            raise Reject(f"you passed a {type(answer).__name__} with {answer.size} values; the answer "
                         "is a single value (try len(...), .sum() or .iloc[0])")
        answer = answer.to_numpy().ravel()[0]
    if hasattr(answer, "item") and hasattr(answer, "dtype") and getattr(answer, "shape", None) == ():
        answer = answer.item()
    return answer
