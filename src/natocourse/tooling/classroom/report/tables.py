"""The report's CSV files: the tables behind the page, one file each (see :data:`.files.FILES`)."""

from __future__ import annotations

from pathlib import Path

from .analysis import Analysis
from .files import write_csv

#: The columns of items.csv.
ITEM_COLUMNS = ["question", "type", "graded", "n", "n_correct", "p_correct", "discrimination", "attempts",
                "top_wrong", "top_wrong_count", "top_wrong_share", "flags", "prompt"]


def _round(value, places: int = 6):
    return value if value is None else round(float(value), places)


def write_tables(report: Analysis, folder: Path) -> None:
    """Write every CSV file of the report into ``folder``."""
    items = []
    for item in report.items:
        s, top = item.stats, item.answers.top_wrong
        items.append([item.id, item.answers.kind, s.graded, s.n, s.n_correct, _round(s.p_correct),
                      _round(s.discrimination), _round(s.attempts) if s.attempts is not None else "",
                      top.answer if top else "", top.count if top else 0, _round(top.share) if top else "",
                      "; ".join(item.flags), getattr(item.question, "prompt", "")])
    write_csv(folder / "items.csv", ITEM_COLUMNS, items)
    write_csv(folder / "options.csv", ["question", "option", "right", "students", "share", "feedback"],
              ([item.id, o.option, o.right, o.count, _round(o.share), o.feedback]
               for item in report.items for o in item.answers.options))
    write_csv(folder / "wrong-answers.csv",
              ["question", "answer", "as_written", "students", "share", "has_feedback", "feedback"],
              ([item.id, w.answer, w.written, w.count, _round(w.share), bool(w.feedback), w.feedback]
               for item in report.items for w in item.answers.wrong))
    taught = report.mastery
    means, mastered = taught.class_mean(), taught.mastered_share()
    write_csv(folder / "objectives.csv",
              ["objective", "chapter", "text", "questions", "class_mastery", "mastered_share", "lesson", "sections"],
              ([o.key, o.chapter, o.text, " ".join(taught.practised[k]), _round(means[k]), _round(mastered[k]),
                o.lesson, "; ".join(o.sections)] for k, o in enumerate(taught.objectives)))
    write_csv(folder / "mastery.csv", ["student", *(o.key for o in taught.objectives)],
              ([student, *(_round(v) for v in taught.shares[i])] for i, student in enumerate(report.grid.students)))
    write_csv(folder / "students.csv",
              ["student", "points", "possible", "percent", "objectives_mastered", "objectives_assessed",
               "not_answered", "not_graded"],
              ([line.student, line.points, line.possible, _round(line.percent, 2), line.mastered, line.assessed,
                " ".join(line.not_answered), "; ".join(line.problems)] for line in report.students))
    write_csv(folder / "pairs.csv", ["first", "second", "shared", "questions", "answers"],
              ([p.first, p.second, len(p.shared), " ".join(s.question for s in p.shared),
                " | ".join(s.answer for s in p.shared)] for p in report.pairs))
