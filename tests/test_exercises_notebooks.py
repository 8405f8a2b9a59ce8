"""Every solutions notebook runs and answers each of its chapters' questions correctly."""

import importlib.util
import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from natocourse import exercises, progress

ROOT = __import__("pathlib").Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))


def run(path, home):
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute(env={**os.environ, "NATOCOURSE_HOME": str(home)})
    return nb


def chapters_of(nb):
    ids = set(re.findall(r"""["']([a-z][a-z0-9]*-\d{2})["']""", "\n".join(c.source for c in nb.cells)))
    return {exercises.get(i).chapter for i in ids if i in {q.id for q in exercises.all()}}


@pytest.mark.skipif(importlib.util.find_spec("natocourse.data") is None,
                    reason="natocourse.data is not written yet")
@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_solutions_answer_every_question(path, tmp_path):
    nb = run(path, tmp_path)
    chapters = chapters_of(nb)
    assert chapters, f"{path.name} uses no registered question"
    last = progress.last_attempts(tmp_path / "progress.json")
    for chapter in chapters:
        for question in exercises.chapter(chapter):
            assert question.id in last, f"{path.name} never checks {question.id}"
            expected = "to_mark" if question.marked else "correct"  # a written answer is saved, never judged
            assert last[question.id]["status"] == expected, f"{path.name}: {question.id} is not {expected}"
