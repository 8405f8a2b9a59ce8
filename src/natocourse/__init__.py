"""natocourse: the Python package behind the NATO course.

The folders are the layers, each importing only from the ones above it in this list:

- ``data/``          the sourced datasets (``data.load``, ``data.nato_spending`` …);
- ``analysis/``      the computations of the chapters: ``blocs``, ``burden``, ``factcheck``,
                     ``history``, ``releases``, ``scenarios``, ``withdrawal``, and
                     ``hypothetical`` (the dates the course presents as hypothetical or upcoming),
                     ``currency`` (the dated record of what changes with time);
- ``presentation/``  figures and interactive explorers: ``plots``, ``explore``, ``lab``;
- ``engine/``        the exercise engine, free of course content: question types, answer
                     reading, registry, progress, kernel widgets and the book's static front end;
- ``questions/``     the course content: each chapter's questions, one module per chapter;
- ``tooling/``       the book extension, notebook authoring and execution, assignments, collecting,
                     grading, exams, the nbgrader export, CLI.

Notebooks keep the short names: ``from natocourse import data, exercises, plots`` (``exercises`` is
the engine, with this course's question bank; ``progress`` the saved attempts).
"""

import importlib

from .engine import registry as _registry

__version__ = "0.1.0"

#: The short names notebooks import, and the module each one is.
MODULES = {
    "data": "natocourse.data",
    "blocs": "natocourse.analysis.blocs",
    "burden": "natocourse.analysis.burden",
    "currency": "natocourse.analysis.currency",
    "factcheck": "natocourse.analysis.factcheck",
    "history": "natocourse.analysis.history",
    "hypothetical": "natocourse.analysis.hypothetical",
    "releases": "natocourse.analysis.releases",
    "scenarios": "natocourse.analysis.scenarios",
    "withdrawal": "natocourse.analysis.withdrawal",
    "plots": "natocourse.presentation.plots",
    "tables": "natocourse.presentation.tables",
    "explore": "natocourse.presentation.explore",
    "lab": "natocourse.presentation.lab",
    "exercises": "natocourse.engine",
    "progress": "natocourse.engine.progress",
    "a11y": "natocourse.tooling.a11y",
    "assign": "natocourse.tooling.assign",
    "collect": "natocourse.tooling.collect",
    "exam": "natocourse.tooling.exam",
    "nbgrader_export": "natocourse.tooling.nbgrader_export",
    "authoring": "natocourse.tooling.authoring",
    "cli": "natocourse.tooling.cli",
    "grading": "natocourse.tooling.grading",
    "notebooks": "natocourse.tooling.notebooks",
    "scaffold": "natocourse.tooling.scaffold",
}

_registry.use_bank("natocourse.questions", data="natocourse.data")


def __getattr__(name: str):
    """``from natocourse import plots`` and friends: import the module on first use."""
    if name in MODULES:
        module = importlib.import_module(MODULES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module 'natocourse' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(MODULES))
