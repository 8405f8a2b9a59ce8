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
the engine, with this course's question bank; ``progress`` the saved attempts). They are for
notebooks only: code in the package imports each module by its real path.

Importing the package, or one of its layers, does nothing else: no layer is imported before it is
asked for, and the course's question bank (``questions/``, declared as a ``natocourse.banks``
entry point in ``pyproject.toml``) is found by the engine's registry on its first look-up.
"""

import importlib

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
    "assign": "natocourse.tooling.classroom.assign",
    "collect": "natocourse.tooling.classroom.collect",
    "exam": "natocourse.tooling.classroom.exam",
    "nbgrader_export": "natocourse.tooling.classroom.nbgrader_export",
    "authoring": "natocourse.tooling.authoring.solutions",
    "cli": "natocourse.tooling.cli",
    "grading": "natocourse.tooling.classroom.grading",
    "notebooks": "natocourse.tooling.authoring.notebooks",
    "scaffold": "natocourse.tooling.authoring.scaffold",
}

def __getattr__(name: str):
    """``from natocourse import plots`` and friends: import the module on first use."""
    if name in MODULES:
        module = importlib.import_module(MODULES[name])
        globals()[name] = module
        return module
    raise AttributeError(f"module 'natocourse' has no attribute {name!r}")


def __dir__():
    return sorted(list(globals()) + list(MODULES))
