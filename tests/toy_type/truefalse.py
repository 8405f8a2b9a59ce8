"""A new question type, declared the way CONTRIBUTING.md says: one class and one input view.

``TrueFalse`` is a statement the student marks true or false. It reuses the multiple-choice
checking family (hashed options) in Python and in the book, so it needs no checking code; its
control, two toggle buttons, is its view file ``truefalse.js``. Nothing else in the engine knows
of it: the tests run it through the JupyterLab widget, the book, grading and exam mode.
"""

from pathlib import Path

from natocourse.engine import MultipleChoice


class TrueFalse(MultipleChoice):
    """Mark a statement true or false. Key: ``exercises key ID truefalse True`` (or ``False``)."""

    kind = "truefalse"
    input = "truefalse"
    view = Path(__file__).with_suffix(".js")

    def __init__(self, id: str, prompt: str, *, key: str, **common):
        super().__init__(id, prompt, options=["True", "False"], key=key, **common)

    @classmethod
    def arguments(cls, spec):
        arguments = super().arguments(spec)
        del arguments["options"]  # always True and False
        return arguments

    def instructions(self):
        return "Mark the statement true or false."
