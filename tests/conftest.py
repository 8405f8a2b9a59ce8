"""Fixtures shared by the package tests (the session setup is in the root conftest.py)."""

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
