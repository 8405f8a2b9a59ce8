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
