"""The question format's one owner: :class:`Question`, the contract every question type fulfils.

A question type is one subclass of :class:`Question` (:mod:`.types` has the course-independent
ones), and declaring it is all the registration there is (it joins :data:`KINDS`). The class
says, for every layer that handles its questions:

=====================  =============================================================================
``kind``               its name in specs, progress files and ``exercises key``
``checker``            the checking family the book's ``engine.js`` checks it with (one of
                       :data:`CHECKERS`); ``evaluate`` is the Python check that family mirrors
``input``              the input builder that draws its answer control (``view.js`` has
                       ``radio``, ``checkboxes``, ``positions``, ``pairs``, ``text``, ``number``,
                       ``value``); ``view`` a JavaScript file that registers a new one
``code_answer``        answered in code in a notebook (the JupyterLab widget then shows no input)
``marked``             marked by a person with a rubric, never judged: a check saves the answer
                       (status ``"to_mark"``), grading says "to mark", nbgrader gets a manually
                       graded cell (:mod:`.written`)
``book_data``          data files of the book a type needs besides the specs (``"evidence"``:
                       the course's evidence index, written at build by :mod:`.export`)
``secrets``            the spec fields that tell whether an answer is right (exam editions and the
                       JupyterLab page never hold them); ``shows`` the fields a view draws
:meth:`spec`           its JSON spec (:meth:`public_spec`, :meth:`view_spec`, :meth:`book_spec`
                       derive from it, :meth:`forms` are the book's precomputed forms), held to
                       ``schema/question-spec.v3.json``
:meth:`arguments`      how it is rebuilt from a spec (:meth:`from_spec`, e.g. from a keys file)
:meth:`nbgrader_key`   the key an nbgrader hidden test carries, and :meth:`with_key` to check with it
=====================  =============================================================================
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, ClassVar, Iterable, Mapping

from . import registry
from .answers import Reject, Unreadable, canonical_text, is_unanswered
from .policy import Policy, current
from .results import Result, invalid, not_answered, recorded

#: A question id: lower-case chapter slug, a hyphen, two digits.
ID_PATTERN = re.compile(r"^(?P<chapter>[a-z][a-z0-9]*)-(?P<number>\d{2})$")

#: The checking families of the book's ``engine.js`` (``CHECKERS`` there): a new question type
#: reuses one of them, so it needs no JavaScript to be checked in the book.
CHECKERS = ("choice", "select", "text", "order", "match", "number", "written")

#: Every question type by its kind name, filled by declaring a subclass of :class:`Question`.
KINDS: dict[str, type[Question]] = {}

_NAME = re.compile(r"[a-z][a-z0-9_-]*")


def _own(cls: type, name: str) -> list[str]:
    """The union of a tuple class attribute over the class and its bases (bases first)."""
    found: list[str] = []
    for klass in reversed(cls.__mro__):
        for field in vars(klass).get(name, ()):
            if field not in found:
                found.append(field)
    return found


class Question:
    """What every question has: id, chapter, prompt, hints, explanation, feedback and ``check``.

    Subclasses implement :meth:`evaluate` (the check of an answered value), add their fields to
    :meth:`spec` and read them back in :meth:`arguments`. A subclass that sets ``kind`` is a new
    question type (see the module doc). Pass ``register=False`` for a throw-away question (e.g. in
    tests).
    """

    #: The type's name in specs, progress files and ``python -m natocourse exercises key``.
    kind: ClassVar[str] = ""
    #: The checking family of the book's engine.js (one of :data:`CHECKERS`).
    checker: ClassVar[str] = ""
    #: The view's input builder that draws the answer control.
    input: ClassVar[str] = ""
    #: A JavaScript file that registers :attr:`input` with view.js (``NatoCourseView.addInput``),
    #: for a type whose input view.js does not have; the book and the widget load it after view.js.
    view: ClassVar[Path | None] = None
    #: Answered in code (``exercises.check``) in a notebook: the JupyterLab widget shows no input.
    code_answer: ClassVar[bool] = False
    #: Marked by a person with a rubric (its answers are saved "to mark", never judged).
    marked: ClassVar[bool] = False
    #: Data files the book loads for this type, besides the specs (names :mod:`.export` writes).
    book_data: ClassVar[tuple[str, ...]] = ()
    #: Spec fields that would tell a student whether an answer is right (a subclass adds its own).
    secrets: ClassVar[tuple[str, ...]] = ("explanation", "feedback")
    #: Spec fields a question's view draws, besides id, type, prompt and instructions (attributes too).
    shows: ClassVar[tuple[str, ...]] = ()
    #: How this question varies from student to student (:class:`.variants.Variants`), or None.
    variants: Any = None
    #: The parameters this variant was built with (:mod:`.variants`); empty for a fixed question.
    parameters: Mapping[str, Any] = {}

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        kind = vars(cls).get("kind")
        if not kind:
            return
        if not isinstance(kind, str) or not _NAME.fullmatch(kind):
            raise TypeError(f"{cls.__name__}: kind must be a lower-case name like 'choice', not {kind!r}")
        if cls.checker not in CHECKERS:
            raise TypeError(f"{cls.__name__}: checker must be one of {', '.join(CHECKERS)}, not {cls.checker!r}")
        if not isinstance(cls.input, str) or not _NAME.fullmatch(cls.input):
            raise TypeError(f"{cls.__name__}: input must name the view's input builder, not {cls.input!r}")
        old = KINDS.get(kind)
        if old is not None and (old.__module__, old.__qualname__) != (cls.__module__, cls.__qualname__):
            raise TypeError(f"question type {kind!r} is already {old.__module__}.{old.__qualname__}")
        KINDS[kind] = cls

    def __init__(self, id: str, prompt: str, *, hints: Iterable[str] = (), explanation: str = "",
                 reveal_after: int = 2, feedback: Mapping[Any, str] | None = None, register: bool = True,
                 record_only: bool = False):
        match = ID_PATTERN.match(id) if isinstance(id, str) else None
        if not match:
            raise ValueError(f"question id {id!r} must be a chapter slug, a hyphen and two digits, "
                             "e.g. 'burden-03'")
        if not isinstance(prompt, str) or not prompt.strip():
            raise ValueError(f"{id}: the prompt must be a non-empty string")
        if isinstance(reveal_after, bool) or not isinstance(reveal_after, int) or reveal_after < 1:
            raise ValueError(f"{id}: reveal_after must be a whole number of wrong attempts (>= 1)")
        self.id = id
        self.chapter = match["chapter"]
        self.prompt = prompt
        self.hints = [str(h) for h in hints]
        self.explanation = explanation
        self.reveal_after = reveal_after
        #: Exam mode: the question has no key; a check only says that the answer was recorded.
        self.record_only = record_only
        self.feedback = self._read_feedback(dict(feedback or {}))
        if register:
            registry.register(self)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.id!r})"

    def _read_feedback(self, feedback: dict) -> dict:
        """Check and store the wrong-answer feedback (types override what the keys mean)."""
        return {canonical_text(str(k)): str(v) for k, v in feedback.items()}

    def policy(self) -> Policy:
        """When this question's hints and explanation open, and what its checks say, in the
        feedback mode of the moment (:func:`.policy.current`; an exam's keyless question always
        records without a verdict)."""
        if self.record_only:
            return Policy(reveal_after=self.reveal_after, feedback="none", marked=self.marked)
        mode = current()
        return Policy(reveal_after=self.reveal_after, feedback=mode.feedback, attempts=mode.attempts,
                      marked=self.marked)

    def check(self, answer: Any) -> Result:
        """Check ``answer`` and return a :class:`Result`; never raises, never records."""
        try:
            if is_unanswered(answer):
                return not_answered()
            if isinstance(answer, Unreadable):
                return invalid(f"the answer was {answer.text}, which is not data; give a plain value like "
                               "the examples in the question")
            if self.record_only:
                return recorded()
            return self.evaluate(answer)
        except Reject as reason:
            return invalid(str(reason.args[0]) if reason.args else "this answer cannot be read")
        except RecursionError:
            return invalid("that answer is nested too deeply to read")
        except Exception as exc:  # noqa: BLE001 - a student's answer must never crash a notebook
            return invalid(f"reading it failed ({type(exc).__name__}); "
                           "give a plain value like the examples in the question")

    def evaluate(self, answer: Any) -> Result:
        """Check an answered value (not None/...); may raise :class:`Reject`."""
        raise NotImplementedError

    def instructions(self) -> str:
        """A line telling the student what form the answer takes (shown under the prompt)."""
        return ""

    # ---- the formats this question crosses layers in ----------------------------------------

    def spec(self) -> dict:
        """The JSON-safe description of this question: everything needed to rebuild and check it
        (:meth:`from_spec`), as the keys file of an exam holds it. Held to
        ``schema/question-spec.v3.json``."""
        spec = {"id": self.id, "chapter": self.chapter, "type": self.kind, "check": self.checker,
                "input": self.input, "prompt": self.prompt, "instructions": self.instructions(),
                "hints": list(self.hints), "explanation": self.explanation, "reveal_after": self.reveal_after,
                "feedback": dict(self.feedback)}
        if self.parameters:
            spec["parameters"] = dict(self.parameters)
        return spec

    @classmethod
    def secret_fields(cls) -> frozenset[str]:
        """Every spec field of this type that would tell a student whether an answer is right."""
        return frozenset(_own(cls, "secrets"))

    def public_spec(self) -> dict:
        """The spec without its secrets: what an exam's student edition may hold."""
        secret = self.secret_fields()
        return {k: v for k, v in self.spec().items() if k not in secret}

    def view_spec(self) -> dict:
        """What a question's view in JupyterLab is sent to draw it: no keys, no feedback, no
        hints (``hint_count`` only: the kernel sends each hint when asked), no explanation."""
        shown = {"id": self.id, "type": self.kind, "prompt": self.prompt,
                 "instructions": self.instructions(), "hint_count": len(self.hints)}
        if not self.code_answer:
            shown["input"] = self.input
        for name in _own(type(self), "shows"):
            value = getattr(self, name)
            shown[name] = list(value) if isinstance(value, (list, tuple)) else value
        return shown

    def forms(self) -> dict:
        """Forms the book's JavaScript would otherwise compute itself, precomputed by Python so
        both sides start from the same strings: the matching form of each option and item (in
        their order), the spellings of the units."""
        return {}

    def book_spec(self) -> dict:
        """The spec the book's engine.js checks with: :meth:`spec` and :meth:`forms`."""
        return {**self.spec(), **self.forms()}

    @classmethod
    def from_spec(cls, spec: Mapping[str, Any], *, record_only: bool = False) -> "Question":
        """A question of this type rebuilt from its :meth:`spec` (unregistered). With
        ``record_only`` the spec may lack its secrets (an exam's student edition)."""
        common = {"hints": spec.get("hints", ()), "explanation": spec.get("explanation", ""),
                  "reveal_after": int(spec.get("reveal_after", 2)), "feedback": dict(spec.get("feedback") or {}),
                  "register": False, "record_only": record_only}
        question = cls(spec["id"], spec["prompt"], **{**common, **cls.arguments(spec)})
        if spec.get("parameters"):
            question.parameters = dict(spec["parameters"])
        return question

    @classmethod
    def arguments(cls, spec: Mapping[str, Any]) -> dict:
        """This type's own constructor arguments, read from its spec."""
        return {}

    def nbgrader_key(self) -> dict:
        """The key an nbgrader hidden test carries for this question (JSON-able); ValueError if
        this question cannot be graded that way."""
        raise ValueError(f"{self.id}: {type(self).__name__} questions cannot be exported to nbgrader")

    def with_key(self, key: Mapping[str, Any]) -> "Question":
        """A copy of this question that checks with ``key`` (an :meth:`nbgrader_key`); ValueError
        if ``key`` is not one."""
        raise ValueError(f"{self.id}: {type(self).__name__} questions take no nbgrader key")


def from_spec(spec: Mapping[str, Any], *, record_only: bool = False) -> Question:
    """A question rebuilt from its :meth:`Question.spec` (unregistered), e.g. from a keys file:
    its type (``spec["type"]``) rebuilds it. With ``record_only`` the spec may lack keys and
    answers (an exam's student edition). ValueError for a type this engine does not know."""
    kind = spec.get("type") if isinstance(spec, Mapping) else None
    if not isinstance(kind, str) or kind not in KINDS:
        raise ValueError(f"unknown question type {kind!r}; known: {', '.join(KINDS)}")
    return KINDS[kind].from_spec(spec, record_only=record_only)
