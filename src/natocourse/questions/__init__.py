"""The questions of each chapter, one module per chapter slug (``tour.py`` → ``tour-01``, ...).

This package is the course's question bank, declared to the engine as the ``natocourse.banks``
entry point in ``pyproject.toml``. Every module here is imported automatically the first time the
engine (:mod:`natocourse.engine`, ``exercises`` in notebooks) looks a question up, so adding a
chapter's questions needs no registration step: create ``<slug>.py``, declare the questions (see
:mod:`natocourse.engine` for the format) and they appear in ``exercises.all()`` and in the
property tests.
"""

#: The module whose tables the data questions of this bank compute from.
DATA = "natocourse.data"

#: The module whose ``index()`` written answers' figures and quotations are checked against.
EVIDENCE = "natocourse.analysis.evidence"
