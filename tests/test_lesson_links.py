"""Links inside lessons lead students to the student versions of the exercises, not the answers."""

import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[1]
LESSONS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LINK = re.compile(r"\]\(([^)\s]+)\)|\{(?:doc|download)\}`(?:[^`<]*<)?([^`>]+)>?`")


def links(path):
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            for match in LINK.finditer(cell.source):
                yield match[1] or match[2]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_links_never_lead_into_solutions(path):
    bad = [target for target in links(path) if "solutions/" in target]
    assert not bad, f"{path.name} links to the answers: {bad}; link to ../exercises/... instead"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_links_to_exercise_notebooks_exist(path):
    for target in links(path):
        if "exercises/" in target:
            assert (path.parent / target).resolve().is_file(), f"{path.name}: {target} does not exist"


def test_the_how_to_lesson_points_to_the_exercise_tour():
    assert "../exercises/01-exercise-tour.ipynb" in list(links(ROOT / "notebooks" / "00-how-to-use.ipynb"))
