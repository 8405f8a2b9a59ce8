"""The questions of each chapter, one module per chapter slug (``tour.py`` → ``tour-01``, ...).

Every module here is imported automatically the first time :mod:`natocourse.exercises` looks a
question up, so adding a chapter's questions needs no registration step: create
``<slug>.py``, declare the questions (see :mod:`natocourse.exercises` for the format) and they
appear in ``exercises.all()`` and in the property tests.
"""
