"""solutions/ → exercises/: regions replaced, solution cells dropped, deterministic, in sync."""

import shutil

import nbformat
import pytest

from natocourse import authoring
from natocourse.tooling.cli import main


def test_code_region_with_answer_keeps_indentation():
    source = "x = 1\nif x:\n    ### BEGIN SOLUTION\n    answer = x + 1\n    ### END SOLUTION\ncheck(answer)"
    new, found = authoring.strip_code(source)
    assert found and new == "x = 1\nif x:\n    answer = None  # YOUR ANSWER HERE\ncheck(answer)"


def test_code_region_without_answer():
    new, _ = authoring.strip_code("### BEGIN SOLUTION\nmembers = load()\n### END SOLUTION\nprint(1)")
    assert new == "# YOUR CODE HERE\nprint(1)"


@pytest.mark.parametrize("bad", ["### BEGIN SOLUTION\nx = 1", "x = 1\n### END SOLUTION",
                                 "### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION"])
def test_unbalanced_regions_are_errors(bad):
    with pytest.raises(authoring.AuthoringError, match="cell 3"):
        authoring.strip_code(bad, "nb.ipynb, cell 3")


def test_markdown_region():
    new, found = authoring.strip_markdown("Q?\n\n<!-- BEGIN SOLUTION -->\nBecause.\n<!-- END SOLUTION -->\n")
    assert found and new == "Q?\n\n_Write your answer here._\n"


def make_solutions(folder):
    cells = [nbformat.v4.new_markdown_cell("# T"),
             nbformat.v4.new_code_cell("### BEGIN SOLUTION\nanswer = 3\n### END SOLUTION\nexercises.check('tour-03', answer)",
                                       outputs=[nbformat.v4.new_output("stream", text="Correct.")], execution_count=2),
             nbformat.v4.new_markdown_cell("secret", metadata={"tags": ["solution"]})]
    nb = nbformat.v4.new_notebook(cells=cells)
    for i, c in enumerate(nb.cells):
        c["id"] = f"cell-{i}"
    folder.mkdir()
    nbformat.write(nb, folder / "99-demo.ipynb")


def test_build_check_and_idempotence(tmp_path):
    make_solutions(tmp_path / "solutions")
    assert not authoring.build(tmp_path, check=True).in_sync
    report = authoring.build(tmp_path)
    assert report.written == ["exercises/99-demo.ipynb"] and report.tagged == ["solutions/99-demo.ipynb"]
    solutions = nbformat.read(tmp_path / "solutions/99-demo.ipynb", 4)
    assert "hide-cell" in solutions.cells[1].metadata["tags"] and solutions.cells[1].outputs
    generated = nbformat.read(tmp_path / "exercises/99-demo.ipynb", 4)
    assert [c.id for c in generated.cells] == ["cell-0", "cell-1"]
    assert generated.cells[1].outputs == [] and generated.cells[1].execution_count is None
    assert "tags" not in generated.cells[1].metadata
    assert generated.nbformat_minor == 5
    first = (tmp_path / "exercises/99-demo.ipynb").read_bytes()
    assert authoring.build(tmp_path, check=True).in_sync
    # outputs added later by execution do not make the notebook out of sync, and are kept
    generated.cells[1].outputs = [nbformat.v4.new_output("stream", text="Not answered yet.")]
    generated.metadata["widgets"] = {"state": {}}
    nbformat.write(generated, tmp_path / "exercises/99-demo.ipynb")
    assert authoring.build(tmp_path).in_sync
    assert nbformat.read(tmp_path / "exercises/99-demo.ipynb", 4).cells[1].outputs
    shutil.rmtree(tmp_path / "exercises")
    authoring.build(tmp_path)
    assert (tmp_path / "exercises/99-demo.ipynb").read_bytes() == first  # deterministic


def test_stale_exercise_is_reported(tmp_path):
    make_solutions(tmp_path / "solutions")
    authoring.build(tmp_path)
    shutil.copy(tmp_path / "exercises/99-demo.ipynb", tmp_path / "exercises/98-old.ipynb")
    assert authoring.build(tmp_path, check=True).stale == ["exercises/98-old.ipynb"]


def test_repository_exercises_are_in_sync_and_hold_no_solutions(repo_root, tmp_path):
    shutil.copytree(repo_root / "solutions", tmp_path / "solutions")
    authoring.build(tmp_path)
    for generated in sorted((tmp_path / "exercises").glob("*.ipynb")):
        committed = repo_root / "exercises" / generated.name
        assert committed.exists(), f"{committed.name} missing: run python -m natocourse exercises build"
        assert authoring.comparable(nbformat.read(committed, 4)) == authoring.comparable(nbformat.read(generated, 4))
        text = "\n".join(c.source for c in nbformat.read(committed, 4).cells)
        assert "SOLUTION" not in text
    assert authoring.build(repo_root, check=True).in_sync
    solutions = (tmp_path / "solutions" / "01-exercise-tour.ipynb")
    answers = [line for c in nbformat.read(solutions, 4).cells if c.cell_type == "code"
               for line in authoring.strip_code(c.source)[0].splitlines() if line.startswith("answer =")]
    assert all(a == authoring.ANSWER_PLACEHOLDER for a in answers)


def test_check_command_exit_status(repo_root, tmp_path, capsys):
    assert main(["exercises", "check"]) == 0
    make_solutions(tmp_path / "solutions")
    assert main(["exercises", "check", "--root", str(tmp_path)]) == 1
    assert "out of sync" in capsys.readouterr().out
    assert main(["exercises", "check", "--root", str(tmp_path / "nowhere")]) == 2
