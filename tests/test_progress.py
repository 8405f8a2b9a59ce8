"""The attempts file: location, atomic locked writes, corruption recovery, the summary table."""

import json
import multiprocessing
import os

import pytest

from natocourse import exercises, progress


def _result(correct=True):
    return exercises.Result(correct, "correct" if correct else "incorrect", "x")


def test_home_from_environment(course_home):
    assert progress.path() == course_home / "progress.json"


def test_default_home(monkeypatch, tmp_path):
    monkeypatch.delenv("NATOCOURSE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert progress.home() == tmp_path / ".natocourse"


def test_record_and_read(course_home):
    progress.record("tour-01", "tour", _result(False))
    progress.record("tour-01", "tour", _result(True))
    content = json.loads(progress.path().read_text())
    assert content["version"] == 1 and len(content["attempts"]) == 2
    assert progress.last_attempts()["tour-01"]["correct"] is True
    assert not list(course_home.glob("*.tmp"))


@pytest.mark.parametrize("damage", ["{not json", '{"attempts": 3}', '[1, 2]', '{"attempts": [{"question": 1}]}'])
def test_corrupt_file_is_moved_aside(course_home, damage):
    course_home.mkdir(parents=True)
    progress.path().write_text(damage)
    with pytest.warns(RuntimeWarning, match="damaged"):
        progress.record("tour-01", "tour", _result())
    [aside] = list(course_home.glob("progress.json.corrupt-*"))
    assert aside.read_text() == damage
    assert len(progress.attempts()) == 1


def test_unwritable_home_warns_but_does_not_raise(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("NATOCOURSE_HOME", str(blocker / "home"))
    with pytest.warns(RuntimeWarning, match="could not be saved"):
        assert progress.record("tour-01", "tour", _result()) is None


def _writer(home, worker, count):
    os.environ["NATOCOURSE_HOME"] = home
    for i in range(count):
        progress.record(f"tour-{worker:02d}", "tour", _result(i % 2 == 0))


def test_concurrent_processes_lose_nothing(course_home):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(str(course_home), n, 25)) for n in range(1, 5)]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
        assert w.exitcode == 0
    attempts = progress.attempts()
    assert len(attempts) == 100
    assert {a["question"] for a in attempts} == {"tour-01", "tour-02", "tour-03", "tour-04"}


def test_summary_per_chapter(course_home):
    exercises.check("tour-01", "1952-02-18")
    exercises.check("tour-02", ["Canada", "Iceland", "Portugal"])
    exercises.check("tour-03", None)
    exercises.check("tour-02", ["Canada", "Iceland", "Portugal"])
    exercises.check("tour-01", "1949-04-04")
    table = progress.progress()
    assert list(table.columns) == ["questions", "solved", "open", "tries_to_solve", "first_try"]
    assert list(table.index[:3]) == ["1. An exercise tour", "2. Founding and the Cold War (1949–1991)",
                                     "3. After the Cold War: enlargement and new missions"]
    assert table.index[-1] == "10. Scenario lab"  # course order, not alphabetical
    row = table.loc["1. An exercise tour"]
    assert row["questions"] == len(exercises.chapter("tour"))
    assert row["solved"] == 2 and row["first_try"] == 1
    assert row["tries_to_solve"] == 2 + 1  # tour-01: one wrong, then right; tour-02: right at once
    assert "tour-01" not in row["open"] and "tour-03" in row["open"]
