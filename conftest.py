"""Session-wide test setup for every pytest run in this repository: no network, a throw-away home.

It lives at the repository root so that it applies to the notebooks nbval collects from
``notebooks/``, ``exercises/`` and ``solutions/`` as well as to ``tests/``. Both settings are made
through the environment before any kernel starts, so they reach the kernels nbval launches:

- ``NATOCOURSE_HOME`` points at a temporary folder, so checks never write a real student's progress;
- ``IPYTHONDIR`` points at a temporary IPython profile whose startup file installs
  ``tests/network_guard.py`` in every kernel; the guard is installed in this process too.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
TESTS = ROOT / "tests"
sys.path.insert(0, str(TESTS))

import network_guard  # noqa: E402


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


REPORTS = ROOT / "_build" / "reports"


def pytest_sessionstart(session):
    """Forget the figures of an earlier run (only the controller process does this)."""
    if not hasattr(session.config, "workerinput"):
        for old in REPORTS.glob("*.txt") if REPORTS.exists() else []:
            old.unlink()


def pytest_terminal_summary(terminalreporter):
    """Print the figures tests report (e.g. how many answers the parity test compared), also under xdist."""
    files = sorted(REPORTS.glob("*.txt")) if REPORTS.exists() else []
    if files:
        terminalreporter.section("figures reported by tests")
        for file in files:
            terminalreporter.write_line(file.read_text(encoding="utf-8").strip())


def pytest_unconfigure(config):
    """Remove the scratch folder made for this session."""
    shutil.rmtree(_SCRATCH, ignore_errors=True)
