"""Session-wide test setup: no network, and a throw-away course home.

Both settings are made through the environment before any kernel starts, so they reach the
kernels nbval launches for the notebooks as well as this process:
- ``NATOCOURSE_HOME`` points at a temporary folder, so checks never write a real student's progress;
- ``IPYTHONDIR`` points at a temporary IPython profile whose startup file installs
  ``network_guard`` in every kernel.
"""

import os
import shutil
import tempfile
from pathlib import Path

import pytest

import network_guard

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent


def _prepare_environment() -> Path:
    scratch = Path(tempfile.mkdtemp(prefix="natocourse-tests-"))
    os.environ["NATOCOURSE_HOME"] = str(scratch / "home")
    startup = scratch / "ipython" / "profile_default" / "startup"
    startup.mkdir(parents=True)
    guard_source = (TESTS / "network_guard.py").read_text()
    (startup / "00-network-guard.py").write_text(guard_source + "\ninstall()\n")
    os.environ["IPYTHONDIR"] = str(scratch / "ipython")
    os.environ["MPLBACKEND"] = "Agg"
    return scratch


_SCRATCH = _prepare_environment()
network_guard.install()


def pytest_unconfigure(config):
    shutil.rmtree(_SCRATCH, ignore_errors=True)


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
