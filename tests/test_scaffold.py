"""The chapter template: one command makes the three files and lists them in the book."""

import json
import shutil

import pytest

from natocourse import scaffold
from natocourse.tooling.course import Course

TOC = """format: jb-book
root: book/intro
parts:
  - caption: Getting started
    chapters:
      - file: notebooks/00-how-to-use
  - caption: Exercises
    chapters:
      - file: solutions/01-exercise-tour
  - caption: Reference
    chapters:
      - file: book/glossary
"""


@pytest.fixture
def fake_repo(tmp_path):
    (tmp_path / "_toc.yml").write_text(TOC)
    return tmp_path


def test_new_chapter_creates_three_files_and_two_toc_lines(fake_repo):
    created = scaffold.new_chapter("11-my-topic", "My topic", root=fake_repo)
    names = sorted(p.relative_to(fake_repo).as_posix() for p in created)
    assert names == ["_toc.yml", "notebooks/11-my-topic.ipynb", "solutions/11-my-topic.ipynb",
                     "src/natocourse/questions/mytopic.py"]
    toc = (fake_repo / "_toc.yml").read_text().splitlines()
    assert toc.index("      - file: notebooks/11-my-topic") < toc.index("  - caption: Exercises")
    assert toc.index("      - file: solutions/01-exercise-tour") < toc.index("      - file: solutions/11-my-topic") \
        < toc.index("  - caption: Reference")
    lesson = json.loads((fake_repo / "notebooks/11-my-topic.ipynb").read_text())
    assert lesson["cells"][0]["source"].startswith("# 11. My topic")
    assert "mytopic-01" in (fake_repo / "solutions/11-my-topic.ipynb").read_text()
    assert "{slug}" not in (fake_repo / "src/natocourse/questions/mytopic.py").read_text()


def test_the_template_question_module_registers_a_working_question(fake_repo):
    from natocourse import exercises

    scaffold.new_chapter("11-my-topic", "My topic", root=fake_repo)
    source = (fake_repo / "src/natocourse/questions/mytopic.py").read_text()
    try:
        exec(compile(source, "mytopic.py", "exec"), {})  # the template must be valid, importable code
        question = exercises.get("mytopic-01")
        assert question.check(None).status == "not_answered"
        assert question.check(-1).status == "incorrect"
    finally:
        exercises.unregister("mytopic-01")


@pytest.mark.parametrize("stem", ["my-topic", "1-topic", "11_topic", "11-Topic", "11-", ""])
def test_bad_names_get_a_clear_message(fake_repo, stem):
    with pytest.raises(scaffold.ScaffoldError, match="chapter name"):
        scaffold.new_chapter(stem, "Title", root=fake_repo)


def test_existing_files_are_never_overwritten(fake_repo):
    scaffold.new_chapter("11-my-topic", "My topic", root=fake_repo)
    with pytest.raises(scaffold.ScaffoldError, match="already exists"):
        scaffold.new_chapter("11-my-topic", "My topic", root=fake_repo)


def test_the_real_toc_accepts_a_new_chapter(tmp_path):
    shutil.copy(Course().toc, tmp_path / "_toc.yml")
    scaffold.new_chapter("99-scratch", "Scratch", root=tmp_path)
    assert "solutions/99-scratch" in (tmp_path / "_toc.yml").read_text()


def test_a_chosen_question_prefix_is_used(fake_repo):
    scaffold.new_chapter("12-burden-sharing", "Burden", root=fake_repo, slug="burden")
    assert (fake_repo / "src/natocourse/questions/burden.py").exists()
    with pytest.raises(scaffold.ScaffoldError, match="question ids"):
        scaffold.new_chapter("13-x", "X", root=fake_repo, slug="Bad-Slug")
