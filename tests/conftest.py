"""Fixtures shared by the package tests (the session setup is in the root conftest.py)."""

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def course_home(tmp_path, monkeypatch):
    """A fresh, empty course home for one test."""
    home = tmp_path / "course-home"
    monkeypatch.setenv("NATOCOURSE_HOME", str(home))
    return home


@pytest.fixture
def report():
    """``report(name, text)``: a figure for the "figures reported by tests" section at the end of the
    run (the root conftest prints every ``_build/reports/*.txt``, also under xdist)."""
    def write(name: str, text: str) -> None:
        folder = ROOT / "_build" / "reports"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.txt").write_text(text.strip() + "\n", encoding="utf-8")
    return write


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return ROOT


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    """A private copy of data/ that a test may damage; the loader reads it."""
    from natocourse import data

    copy = tmp_path / "data"
    shutil.copytree(data.DEFAULT_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    monkeypatch.setenv("NATOCOURSE_DATA", str(copy))
    data.clear_cache()
    yield copy
    data.clear_cache()
