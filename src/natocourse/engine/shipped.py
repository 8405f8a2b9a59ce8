"""Questions that travel inside a notebook: ``add_questions(specs)`` registers them in the kernel.

A problem set built from an instructor's own question bank (``assign --bank``) is opened in a
kernel that has only the course's questions. Each such question's setup cell therefore carries
its spec, in the form the book publishes for the course's own questions (prompt, options, hints
and hashed keys), or without any key at all (``record_only``: its checks only record the answer,
as in an exam's student edition), and registers it here before the question is shown. Grading
never trusts that copy: it checks every answer with the instructor's bank.
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from . import registry
from .question import from_spec


def add_questions(specs: Mapping[str, Mapping[str, Any]] | Iterable[Mapping[str, Any]], *,
                  record_only: bool = False) -> list[str]:
    """Register the questions of ``specs`` (``{id: spec}`` or a list of specs, each a question's
    ``spec()`` or ``public_spec()``) in this kernel and return their ids. With ``record_only``
    their checks record answers without a verdict. Running the cell again is harmless; an id the
    kernel already holds for another question is refused (ValueError)."""
    listed = list(specs.values()) if isinstance(specs, Mapping) else list(specs)
    made = [from_spec(spec, record_only=record_only) for spec in listed]
    for question in made:
        registry.register(question)
    return [question.id for question in made]
