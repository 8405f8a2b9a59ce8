"""Grading, step 4b: the class roll. Every student gets rows, and each student a status.

After scoring, :func:`call` puts the scored rows in the class's order and completes them:

- with a class list (:mod:`.roster`), every student on it gets rows, in its order; a student with
  no notebook gets one row per question, all "not answered", with the status ``no submission``;
  hand-ins from names not on the list keep their rows, after the class, with the status
  ``not on roster`` (listed apart, never taken for new students; the LMS exports leave them out);
- each student's rows carry their status and when they handed in (:mod:`.deadlines`).

A **status** is ``ok`` or the things that need the instructor's attention, in this order, joined
with ``"; "`` (``late; timed out``): :data:`STATUSES`. :func:`attention` groups the students who
need attention with what to do for each status; ``grade`` and ``collect`` print it at the end.
"""

from __future__ import annotations

import dataclasses
from typing import Iterable, Mapping

from .deadlines import Deadline
from .roster import Roster
from .score import Row
from .submissions import Handin, Submission

#: Every status, in the order a combined status lists them; ``ok`` stands alone.
STATUSES = ("not on roster", "no submission", "broken file", "timed out", "output cap", "memory",
            "grading failed", "late", "ok")

#: The status a submission's problem kind gives (a cell that raised is the student's own error: ok).
BY_KIND = {"broken": "broken file", "timeout": "timed out", "output": "output cap", "memory": "memory",
           "failed": "grading failed"}

#: What to do about each status that needs attention (printed by :func:`attention`).
ACTIONS = {
    "not on roster": "not on the class list: rename the folder to a login on the list (or add the student "
                     "to the list), then grade again with --only LOGIN",
    "no submission": "nothing was handed in: if the student hands in later, or has an extension "
                     "(--extension LOGIN=YYYY-MM-DD), grade them with --only LOGIN",
    "broken file": "the file is not a readable notebook: ask for it again, then grade --only LOGIN",
    "timed out": "the notebook did not finish in time: open it to see why, or raise --timeout, then grade "
                 "--only LOGIN",
    "output cap": "the notebook printed more than --output-limit allows: open it to see why, then grade "
                  "--only LOGIN",
    "memory": "the notebook ran out of memory: open it to see why, or raise --memory, then grade --only LOGIN",
    "grading failed": "grading itself failed on this notebook (see the details file): grade --only LOGIN",
    "late": "handed in after the cut-off (the grade is not reduced): apply your late policy",
}


def combine(statuses: Iterable[str]) -> str:
    """One status from several: those that apply, in :data:`STATUSES` order, or ``ok``."""
    found = {s for s in statuses if s and s != "ok"}
    return "; ".join(s for s in STATUSES if s in found) or "ok"


def needs_attention(status: str) -> bool:
    """True for any status but ``ok``."""
    return status != "ok"


def call(rows: Iterable[Row], results: Iterable[Submission], handins: Iterable[Handin], *,
         roster: Roster | None = None, deadline: Deadline = Deadline(),
         questions: Iterable[str] | None = None, points: Mapping[str, float] | None = None,
         notebook: str = "", absent_reason: Mapping[str, str] | None = None,
         extra_status: Mapping[str, str] | None = None) -> list[Row]:
    """The scored ``rows`` completed for the class (see the module docstring), in its order.

    ``results`` and ``handins`` are the submissions and hand-ins the rows were scored from;
    ``questions`` and ``points`` give the rows of absent students (``notebook`` names their
    notebook). ``absent_reason`` replaces "nothing was handed in" for some absent students (e.g.
    ``collect --snapshot``'s "changed after the cut-off"); ``extra_status`` adds a status to some
    students (e.g. ``late`` for a hand-in that snapshot left out).
    """
    rows, points = list(rows), dict(points or {})
    absent_reason, extra_status = dict(absent_reason or {}), dict(extra_status or {})
    kinds: dict[str, set[str]] = {}
    times: dict[str, object] = {}
    for result, handin in zip(results, handins):
        kinds.setdefault(handin.student, set()).add(BY_KIND.get(result.kind, ""))
        if handin.submitted is not None:
            previous = times.get(handin.student)
            times[handin.student] = max(previous, handin.submitted) if previous else handin.submitted
    graded = list(dict.fromkeys(r.student for r in rows))
    if roster is not None:
        on_list = roster.logins
        for student in graded:
            if student not in roster:
                kinds.setdefault(student, set()).add("not on roster")
        absent = [s for s in on_list if s not in kinds]
        order = on_list + sorted(s for s in graded if s not in roster)
    else:
        absent = [s for s in extra_status if s not in graded]
        order = sorted(set(graded) | set(absent))
    ids = list(questions) if questions is not None else sorted({r.question for r in rows if r.question})
    for student in absent:
        kinds.setdefault(student, set()).add("no submission")
        reason = absent_reason.get(student, "nothing was handed in")
        rows += [Row(student, notebook, q, "", "not_answered", 0.0, float(points.get(q, 1)), reason) for q in ids] \
            or [Row(student, notebook, "", "", "error", 0.0, 0.0, reason)]
    for student, status in extra_status.items():
        kinds.setdefault(student, set()).add(status)
    for student, when in times.items():
        if deadline.late(student, when):
            kinds[student].add("late")
    position = {s: n for n, s in enumerate(order)}
    rows.sort(key=lambda r: position.get(r.student, len(position)))
    return [dataclasses.replace(r, status=combine(kinds.get(r.student, ())),
                                submitted=deadline.shown(times.get(r.student))) for r in rows]


def attention(statuses: Mapping[str, str]) -> str:
    """The "needs attention" list: for each status but ``ok``, the students and what to do
    (``""`` when everyone is ok). ``statuses`` is the status by student, as the gradebook has it."""
    groups: dict[str, list[str]] = {}
    for student, status in statuses.items():
        for part in status.split("; "):
            if part != "ok":
                groups.setdefault(part, []).append(student)
    if not groups:
        return ""
    people = sum(needs_attention(s) for s in statuses.values())
    lines = [f"needs attention ({people} of {len(statuses)} students):"]
    for status in STATUSES:
        if status in groups:
            lines.append(f"  {status}: {', '.join(groups[status])}")
            lines.append(f"      {ACTIONS[status]}")
    return "\n".join(lines)
