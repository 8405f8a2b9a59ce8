"""Writing the report's folder: CSV files safe to open in a spreadsheet, all or nothing.

Student text is data. A CSV cell whose text starts with ``=``, ``+``, ``-``, ``@``, a tab, a
carriage return or a NUL would be run as a formula by Excel, LibreOffice or Google Sheets, so it
gets a leading ``'`` (OWASP's advice on CSV injection); every text cell is quoted. Numbers we
computed are written as numbers.

The folder is written into a temporary folder beside it and moved into place only once every file
is written, so an error leaves no half-written report. An earlier report in the same folder is
replaced; a folder holding anything else is refused.
"""

from __future__ import annotations

import csv
import math
import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from .details import ReportError

#: The files a report folder holds (a folder with anything else is not replaced).
FILES = ("index.html", "items.csv", "options.csv", "wrong-answers.csv", "objectives.csv", "mastery.csv",
         "students.csv", "pairs.csv")
#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\0")


def safe_cell(value) -> str | float | int:
    """A CSV cell: numbers as numbers (NaN empty), text with formula starts neutralised."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (int, float)):
        return "" if isinstance(value, float) and math.isnan(value) else value
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def write_csv(path: Path, header: list[str], rows: Iterable[Iterable]) -> None:
    """Write ``rows`` under ``header`` to ``path`` (UTF-8, text quoted, cells made safe)."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC)
        writer.writerow(header)
        for row in rows:
            writer.writerow([safe_cell(v) for v in row])


def check_destination(out: str | Path) -> Path:
    """``out`` if a report may be written there; :class:`ReportError` saying why not otherwise."""
    out = Path(out)
    if not out.parent.is_dir():
        raise ReportError(f"cannot write the report to {out}: the folder {out.parent} does not exist")
    if out.exists() or out.is_symlink():
        if not out.is_dir() or out.is_symlink():
            raise ReportError(f"{out} exists and is not a folder; give --out a new folder's name")
        strangers = sorted(p.name for p in out.iterdir() if p.name not in FILES)
        if strangers:
            raise ReportError(f"{out} holds files that are not a report ({', '.join(strangers[:5])}); "
                              "give --out a new folder, or an earlier report's folder to replace it")
    return out


@contextmanager
def staged(out: str | Path) -> Iterator[Path]:
    """A temporary folder to write the report in, moved to ``out`` when the block ends without error."""
    out = check_destination(out)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        yield staging
        os.chmod(staging, 0o755)
        old = None
        if out.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.replace(out, old / "report")
        try:
            os.replace(staging, out)
        except BaseException:
            if old is not None:
                os.replace(old / "report", out)
            raise
        finally:
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
