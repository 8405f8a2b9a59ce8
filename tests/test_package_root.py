"""A thin package root: importing ``natocourse`` or one layer does nothing else.

No layer is imported before it is asked for, the engine is not imported by the data or analysis
layers (so they work without the engine's own dependencies, such as ``filelock``), and the
course's question bank registers on the engine's first look-up, found through the
``natocourse.banks`` entry point. Notebooks keep their short names; code in the package does not
use them.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import natocourse

PACKAGE = Path(natocourse.__file__).resolve().parent


def run(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)


def test_importing_the_package_imports_no_layer():
    done = run("import sys, natocourse\n"
               "print(sorted(m for m in sys.modules if m.startswith('natocourse.')))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_data_and_analysis_work_without_the_engine_or_its_dependencies():
    done = run("import sys\n"
               "sys.modules['filelock'] = None  # as if filelock were not installed\n"
               "import natocourse.data, natocourse.analysis.burden\n"
               "from natocourse import data\n"
               "assert len(data.load('members')) > 20\n"
               "print(sorted(m for m in sys.modules if m.startswith('natocourse.engine')))")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_the_short_names_are_the_real_modules_and_the_bank_registers_on_first_use():
    done = run("import sys\n"
               "from natocourse import exercises, progress, plots\n"
               "import natocourse.engine, natocourse.engine.progress, natocourse.presentation.plots\n"
               "assert exercises is natocourse.engine and progress is natocourse.engine.progress\n"
               "assert plots is natocourse.presentation.plots\n"
               "assert not any(m.startswith('natocourse.questions') for m in sys.modules)\n"
               "print(exercises.get('tour-01').id, len(exercises.all()) > 40)")
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["tour-01", "True"]


def test_without_an_installed_bank_a_look_up_says_what_to_do():
    done = run("import importlib.metadata as m\n"
               "m.entry_points = lambda **kw: []\n"
               "from natocourse.engine import registry\n"
               "try:\n"
               "    registry.get('tour-01')\n"
               "except registry.UnknownQuestionError as e:\n"
               "    print(e)\n")
    assert done.returncode == 0, done.stderr
    assert "no question bank is installed" in done.stdout and "natocourse.banks" in done.stdout


def aliased_imports(path: Path, source: str | None = None) -> list[str]:
    """``from natocourse import X`` (or a relative form reaching the package root) where X is a
    short name for a module elsewhere."""
    depth = len(path.relative_to(PACKAGE).parts) - 1
    found = []
    for node in ast.walk(ast.parse(source if source is not None else path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.ImportFrom):
            continue
        at_root = (node.level == 0 and node.module == "natocourse") or (node.level == depth + 1 and not node.module)
        for alias in node.names if at_root else []:
            real = natocourse.MODULES.get(alias.name)
            if real and real != f"natocourse.{alias.name}":
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno} imports {alias.name} (it is {real})")
    return found


def test_code_in_the_package_imports_modules_by_their_real_path():
    found = [f for path in sorted(PACKAGE.rglob("*.py")) if "templates" not in path.parts
             for f in aliased_imports(path)]
    assert found == []


@pytest.mark.parametrize("source, hit", [("from natocourse import burden\n", True),
                                         ("from .. import scenarios\n", True),
                                         ("from .. import data\n", False),
                                         ("from natocourse.analysis import burden\n", False)])
def test_the_alias_check_catches_a_short_name(source, hit):
    assert bool(aliased_imports(PACKAGE / "questions" / "probe.py", source)) is hit
