"""No text for teachers in what students get: the exercise notebooks, every problem set `assign`
releases, and (tests/test_publish.py) the students' repository. A note for teachers lives in a
cell tagged `solution` of solutions/ (or a solution region), and the build refuses it anywhere else."""

from pathlib import Path

import nbformat
import pytest

from natocourse.tooling.authoring import solutions
from natocourse.tooling.classroom import assign

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.name)
def test_exercise_notebooks_hold_no_text_for_teachers(path):
    assert solutions.teacher_text(nbformat.read(path, as_version=4)) == []


def test_solutions_keep_their_notes_for_teachers_where_students_never_see_them():
    notes = 0
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if solutions.TEACHER_TEXT.search(cell.source):
                notes += 1
                assert solutions.has_solution(cell), f"{path.name}: {cell.source[:60]!r} is not in a solution"
    assert notes >= 5  # the "For teachers" notes of chapters 1 to 5 and the hint of chapter 8


def test_a_problem_set_of_every_question_holds_no_text_for_teachers(tmp_path):
    ids = sorted(assign.locate())
    built = assign.build("every", ids, directory=tmp_path)
    assert solutions.teacher_text(nbformat.read(built.notebook, as_version=4)) == []


@pytest.mark.parametrize("text", ["**For teachers.** Every check should say *Correct.*",
                                  "Note for the instructor: discuss this in class.",
                                  "_Hints for teachers_ below", "The student version replaces it."])
def test_the_build_refuses_a_note_for_teachers_outside_a_solution(text):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Exercises"),
                                         nbformat.v4.new_markdown_cell(text)])
    with pytest.raises(solutions.AuthoringError, match="text for teachers"):
        solutions.exercise_notebook(nb, "99-x.ipynb")
    nb.cells[1].metadata["tags"] = [solutions.SOLUTION_TAG]
    assert len(solutions.exercise_notebook(nb, "99-x.ipynb").cells) == 1
    nb.cells[1].metadata["tags"] = []
    nb.cells[1].source = f"<!-- BEGIN SOLUTION -->\n{text}\n<!-- END SOLUTION -->"
    assert solutions.exercise_notebook(nb, "99-x.ipynb").cells[1].source == solutions.MARKDOWN_PLACEHOLDER


@pytest.mark.parametrize("text", ["Send the saved notebook to your teacher.",
                                  "Your teacher's grading will check it.", "Useful for teachers and students alike."])
def test_words_to_students_about_their_teacher_are_not_notes_for_teachers(text):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(text)])
    assert solutions.exercise_notebook(nb, "99-x.ipynb").cells[0].source == text
