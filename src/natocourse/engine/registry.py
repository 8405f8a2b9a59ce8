"""The registry of questions: declared questions register here; banks are found and imported lazily.

The engine knows no course. A course declares its question bank, a package with one module per
chapter, as an entry point of the ``natocourse.banks`` group in its ``pyproject.toml``::

    [project.entry-points."natocourse.banks"]
    natocourse = "natocourse.questions"

and the bank package names the data module its data questions compute from
(``DATA = "natocourse.data"`` in its ``__init__.py``) and, optionally, the module whose ``index()``
gives the evidence written answers are checked against (``EVIDENCE``, see :mod:`.evidence`). A bank can also be named in code with
:func:`use_bank`. Nothing happens on import: the first look-up (:func:`get`, :func:`all`, ...)
finds the installed banks and imports every module of every bank once. A chapter module that
fails to import is reported in :data:`discovery_errors` and with a warning, and the other chapters
still load. The entry point names a module path, so an exam's student edition, whose package
replaces the bank, is found the same way when it comes first on ``sys.path``.
"""

from __future__ import annotations

import difflib
import importlib
import pkgutil
import warnings
from typing import Any

# Questions are typed loosely here: the registry sits below the question types and never imports them.
Question = Any

_REGISTRY: dict[str, Question] = {}
#: Bank package → its data module ("" for none; None: the package's ``DATA`` says, once imported).
_BANKS: dict[str, str | None] = {}
#: Bank package → its evidence module ("" for none), from the package's ``EVIDENCE`` or :func:`use_bank`.
_EVIDENCE: dict[str, str] = {}
_DISCOVERED: set[str] = set()
_INSTALLED: list[bool] = []
#: The entry-point group in which an installed course declares its question bank.
BANK_GROUP = "natocourse.banks"
#: Chapter modules that failed to import: module name → error message.
discovery_errors: dict[str, str] = {}


class UnknownQuestionError(KeyError):
    """No question has this id; the message lists close matches."""

    def __str__(self) -> str:
        return str(self.args[0])


def use_bank(package: str, *, data: str | None = None, evidence: str | None = None) -> None:
    """Register a question bank: ``package`` holds one module per chapter; ``data`` is the module
    whose tables data questions compute from (default: the package's ``DATA``, if it has one);
    ``evidence`` the module whose ``index()`` written answers are checked against (default: the
    package's ``EVIDENCE``)."""
    _BANKS[package] = data
    if evidence is not None:
        _EVIDENCE[package] = evidence


def _find_installed_banks() -> None:
    """Add the banks installed courses declare (entry points of :data:`BANK_GROUP`), once."""
    if _INSTALLED:
        return
    _INSTALLED.append(True)
    from importlib.metadata import entry_points

    for point in entry_points(group=BANK_GROUP):
        _BANKS.setdefault(point.value.split(":")[0].strip(), None)


def register(question: Question) -> None:
    """Add a declared question (its id must be new, or the same question declared again)."""
    old = _REGISTRY.get(question.id)
    if old is not None and (type(old), old.prompt) != (type(question), question.prompt):
        raise ValueError(f"question id {question.id!r} is already used by another question "
                         f"({type(old).__name__}: {old.prompt[:50]!r}); pick the next free number")
    _REGISTRY[question.id] = question


def unregister(question_id: str) -> None:
    """Remove a question from the registry (for tests and interactive authoring)."""
    _REGISTRY.pop(question_id, None)


def discover() -> None:
    """Import every chapter module of every bank once (which registers their questions)."""
    _find_installed_banks()
    for package in list(_BANKS):
        if package in _DISCOVERED:
            continue
        _DISCOVERED.add(package)
        try:
            bank = importlib.import_module(package)
        except Exception as exc:  # noqa: BLE001 - a broken bank must not break the others
            discovery_errors[package] = f"{type(exc).__name__}: {exc}"
            warnings.warn(f"the question bank {package} could not be loaded: {exc}", stacklevel=2)
            continue
        if _BANKS[package] is None:
            data = getattr(bank, "DATA", "")
            _BANKS[package] = data if isinstance(data, str) else ""
        if package not in _EVIDENCE:
            named = getattr(bank, "EVIDENCE", "")
            _EVIDENCE[package] = named if isinstance(named, str) else ""
        for module in sorted(m.name for m in pkgutil.iter_modules(bank.__path__)):
            name = f"{package}.{module}"
            try:
                importlib.import_module(name)
            except Exception as exc:  # noqa: BLE001 - one broken chapter must not break the others
                discovery_errors[name] = f"{type(exc).__name__}: {exc}"
                warnings.warn(f"questions of {name} could not be loaded: {exc}", stacklevel=2)


def all() -> list[Question]:  # noqa: A001 - the documented name
    """Every registered question, in id order."""
    discover()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def get(question_id: str) -> Question:
    """The question with this id; an unknown id raises :class:`UnknownQuestionError`."""
    discover()
    if isinstance(question_id, str) and question_id in _REGISTRY:
        return _REGISTRY[question_id]
    if not _REGISTRY:
        raise UnknownQuestionError(f"no question with id {question_id!r}: no question bank is installed "
                                   f"(a course declares one as a {BANK_GROUP!r} entry point; run "
                                   "`pip install -e .` in the course's folder)")
    close = difflib.get_close_matches(str(question_id), sorted(_REGISTRY), n=3, cutoff=0.5)
    also = f"; did you mean {', '.join(close)}?" if close else (
        f"; known chapters: {', '.join(sorted({q.chapter for q in _REGISTRY.values()}))}")
    raise UnknownQuestionError(f"no question with id {question_id!r}{also}")


def chapter(slug: str) -> list[Question]:
    """The questions of one chapter (by slug, e.g. ``"tour"``), in id order."""
    return [q for q in all() if q.chapter == slug]


def chapters() -> list[tuple[str, str]]:
    """``[(slug, title), ...]`` of every chapter with questions, in course order.

    A chapter module may set ``CHAPTER = (number, "Title")``; chapters without one follow, by slug.
    """
    discover()
    found: dict[str, tuple] = {}
    for package in _BANKS:
        for slug in sorted({q.chapter for q in _REGISTRY.values()}):
            try:
                module = importlib.import_module(f"{package}.{slug}")
            except ImportError:
                continue
            number, title = getattr(module, "CHAPTER", (None, ""))
            found[slug] = (number if isinstance(number, int) else 10**6, slug,
                           f"{number}. {title}" if title else slug)
    for slug in {q.chapter for q in _REGISTRY.values()} - set(found):
        found[slug] = (10**6, slug, slug)
    return [(slug, title) for _, slug, title in sorted(found.values())]


def data_module(question: Question) -> Any:
    """The data module that data questions compute from (named by the bank, see the module doc)."""
    discover()
    named = [data for data in _BANKS.values() if data]
    if not named:
        raise LookupError(f"{question.id}: no question bank names a data module; set DATA in the "
                          "bank package or call registry.use_bank(package, data=module)")
    return importlib.import_module(named[-1])


def evidence_module() -> Any:
    """The module whose ``index()`` written answers are checked against (named by a bank's
    ``EVIDENCE``), or None when no bank names one."""
    discover()
    named = [_EVIDENCE.get(package, "") for package in _BANKS if _EVIDENCE.get(package, "")]
    return importlib.import_module(named[-1]) if named else None
