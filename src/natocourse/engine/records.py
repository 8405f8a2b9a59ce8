"""The widget answers record: how a question widget's answers travel inside a saved notebook.

One module writes and reads this record, so the widget (which writes it) and the grader (which
reads it) cannot drift apart. Each question widget displays an invisible output whose data holds

    {"application/vnd.natocourse.answers+json":
        {"version": 1, "question": "<id>", "answers": [{"answer": <serialised>, "time": "..."}]},
     "text/markdown": ""}

and refills it after every checked answer, so saving the notebook saves the answers. The record
carries no verdict: grading checks the answers itself.
"""

from __future__ import annotations

import json
from typing import Any, Iterable

#: The output type that carries a widget's answers into the saved notebook.
MIME = "application/vnd.natocourse.answers+json"
#: The structure version written in the record.
VERSION = 1


def bundle(question_id: str, answers: list[dict]) -> dict:
    """The output data of one widget's record: ``answers`` are ``{"answer", "time"}``, oldest first."""
    return {MIME: {"version": VERSION, "question": question_id, "answers": list(answers)},
            "text/markdown": ""}


def _outputs(nb: Any) -> Iterable[dict]:
    cells = nb.get("cells", []) if isinstance(nb, dict) else []
    for cell in cells if isinstance(cells, list) else []:
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        outputs = cell.get("outputs", [])
        for output in outputs if isinstance(outputs, list) else []:
            if isinstance(output, dict):
                yield output


def read(nb: Any) -> dict[str, list]:
    """``{question id: [raw answers, oldest first]}`` from the records saved in a notebook.

    ``nb`` is a notebook as a dict (nbformat's or plain JSON). Damaged records are skipped, never
    raised: a student's file is data.
    """
    found: dict[str, list] = {}
    for output in _outputs(nb):
        data = output.get("data")
        record = data.get(MIME) if isinstance(data, dict) else None
        if isinstance(record, str):
            try:
                record = json.loads(record)
            except ValueError:
                continue
        if not isinstance(record, dict) or not isinstance(record.get("question"), str):
            continue
        entries = record.get("answers")
        given = [a.get("answer") for a in entries if isinstance(a, dict) and "answer" in a] \
            if isinstance(entries, list) else []
        if given:
            found.setdefault(record["question"], []).extend(given)
    return found
