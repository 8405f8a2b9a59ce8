"""natocourse: the Python package behind the NATO course.

Notebooks import its modules: ``data`` (sourced datasets), ``exercises`` (questions with instant
feedback), ``progress`` (saved attempts), ``plots`` (accessible figures) and ``scenarios``
(the burden-sharing what-if calculations).
"""

__version__ = "0.1.0"
