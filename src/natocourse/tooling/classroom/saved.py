"""Grading, step 2: what the saved notebook holds, read before anything runs.

:func:`read` opens a submitted file, lists the course questions its code names and reads the *widget answers* saved in it: each question
widget fills an invisible output (``application/vnd.natocourse.answers+json``) with the answers
checked in it, and saving the notebook saves them. :func:`natocourse.engine.records.read` is the
one reader of that record.

It hands back the notebook ready to run again (:mod:`.run`): code outputs and execution counts
cleared, so that the run neither sees nor keeps anything the student stored. An unreadable file
is a submission with a problem, never an exception. Whose the file is, grading knows from its
hand-in (:func:`.submissions.handins`), never from the notebook.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from .submissions import MAX_BYTES, Submission, failed, read_below, short

_QUESTION_ID = re.compile(r"""["']([a-z][a-z0-9]*-\d{2})["']""")


def read(path: str | Path):
    """``(submission, notebook to run)`` for the file at ``path``; the notebook is ``None`` when the
    file is not a notebook (the submission then says why). The file is opened without following a
    link and read only if it is a regular file of at most :data:`.submissions.MAX_BYTES`."""
    import nbformat

    path = Path(path)
    try:
        folder = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        return failed(path, f"the hand-in cannot be read ({exc.strerror or exc})", "broken"), None
    try:
        content, problem = read_below(folder, path.name, MAX_BYTES)
    finally:
        os.close(folder)
    if content is None:
        return failed(path, f"the hand-in was not read: it is {problem}" if problem else "the hand-in is gone",
                      "broken"), None
    try:
        nb = nbformat.reads(content.decode("utf-8"), as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is an error row
        return failed(path, f"not a valid notebook ({type(exc).__name__}): {short(exc)}", "broken"), None
    submission = Submission("", path.name)
    submission.questions = questions_named(nb)
    submission.widget = widget_answers(nb)
    return submission, cleared(nb)


def questions_named(nb) -> list[str]:
    """The question ids (``tour-01``...) that the notebook's code cells name, sorted."""
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    return sorted(set(_QUESTION_ID.findall(sources)))


def widget_answers(nb) -> dict[str, list]:
    """``{question id: [raw answers]}`` from the answers records saved in a notebook."""
    from ...engine import records

    return records.read(nb)


def cleared(nb):
    """``nb`` with every code cell's outputs and execution count removed (changed in place)."""
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb
