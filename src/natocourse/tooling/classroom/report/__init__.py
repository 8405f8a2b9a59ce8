"""What the class got wrong: an item-analysis and mastery report for instructors.

``python -m natocourse report grades-details.csv --out report/`` (or ``grade ... --report report/``)
reads the grader's details file and writes a folder an instructor opens in a browser, offline:

- ``index.html``: one self-contained page (figures inline, no script, no request to any host);
- ``items.csv`` and the other tables behind the page (:mod:`.tables`), safe to open in a spreadsheet.

The pipeline, one module per step, each a pure function of the step before except the last:

``details``      read the details file by column name (:class:`ReportError` for bad input)
``stats``        the students × questions grid; share correct, discrimination, flags
``distractors``  option shares and the commonest wrong answers, normalised as the checks read them
``objectives``   the chapters' objectives and the class's mastery (``lessons``: where each is taught)
``pairs``        pairs sharing uncommon wrong answers (signals to judge, never verdicts)
``analysis``     all of the above for one class
``charts``       four matplotlib figures with alt text
``page``, ``tables``  the HTML page and the CSV files
``files``        spreadsheet-safe CSV cells; the folder written whole or not at all
"""

from __future__ import annotations

import gc
from pathlib import Path

from .details import ReportError

__all__ = ["ReportError", "check_destination", "write_report"]


def check_destination(out: str | Path) -> Path:
    """Raise :class:`ReportError` now if a report could not be written to ``out`` (e.g. before grading)."""
    from .files import check_destination as check

    return check(out)


def write_report(details: str | Path, out: str | Path, *, bank: dict | None = None,
                 root: str | Path | None = None):
    """Read ``details``, analyse the class and write the report folder ``out``; return the analysis.

    ``bank`` is ``{question id: question}`` (default: the course's questions); ``root`` the course
    repository whose ``notebooks/`` hold the lessons (default: the package's). On any error nothing
    is written and an earlier report in ``out`` is left as it was.
    """
    from . import details as reader, page, tables
    from .analysis import analyse
    from .files import check_destination as check, staged

    # A class is hundreds of thousands of small objects, none in a reference cycle: the cyclic
    # garbage collector would only scan them again and again while they are made (a third of the time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        check(out)
        if bank is None:
            from ....engine import registry

            bank = {q.id: q for q in registry.all()}
        report = analyse(reader.read(details), bank, root=Path(root) if root else None)
        text = page.render(report, _draw(report))
        with staged(out) as folder:
            (folder / "index.html").write_text(text, encoding="utf-8")
            tables.write_tables(report, folder)
    finally:
        if collecting:
            gc.enable()
    return report


def _draw(report) -> dict:
    """The page's figures: items, scores, and where objectives are assessed, objectives and heat."""
    from . import charts, page
    from .objectives import MASTERED

    stats = [item.stats for item in report.items]
    drawn = {"items": charts.item_map([s.question for s in stats], [s.p_correct for s in stats],
                                      [s.discrimination for s in stats], [bool(item.flags) for item in report.items]),
             "scores": charts.score_histogram([line.percent for line in report.students])}
    taught = report.mastery
    if taught.objectives:
        keys = [o.key for o in taught.objectives]
        shown = page.heat_rows(report)
        drawn["objectives"] = charts.objective_bars(keys, list(taught.class_mean()), MASTERED)
        drawn["heat"] = charts.heat_map([report.grid.students[i] for i in shown], keys, taught.shares[shown],
                                        of=len(report.grid.students))
    return drawn
