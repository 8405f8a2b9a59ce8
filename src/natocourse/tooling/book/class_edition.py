"""The class's book: the same pages with the exercise notebooks in place of the solutions.

The public book shows each exercise notebook from ``solutions/``, its answers behind toggles, for
self-learners. A class gets the book of the students' repository (``python -m natocourse
publish``), which has no ``solutions/``: its table of contents and configuration are made from
the instructor's by :func:`class_toc` and :func:`class_config`, never edited by hand.

As a Sphinx extension (in ``_config.yml``) this module lets a page link to an exercise the same
way in both books: a ``{doc}`` link to ``solutions/NN-slug`` leads, in a book without that page,
to ``exercises/NN-slug`` (``book/intro.md`` links to the exercise tour so).
"""

from __future__ import annotations

import re
from pathlib import Path

SOLUTIONS, EXERCISES = "solutions/", "exercises/"
_TOC_FILE = re.compile(r"^(?P<lead>\s*-?\s*file:\s*)solutions/(?P<name>[^\s#]+)(?P<rest>.*)$", re.MULTILINE)


class ClassEditionError(ValueError):
    """The instructor's book cannot be turned into the class's (the message says why)."""


def class_toc(text: str, exercises: Path) -> str:
    """``_toc.yml`` for the class: each ``file: solutions/NN-slug`` becomes ``exercises/NN-slug``.

    ``exercises`` is the folder of student notebooks; a solutions page without its exercise
    notebook there is refused (run ``python -m natocourse exercises build``).
    """
    def swap(match: re.Match) -> str:
        name = match["name"]
        if not (exercises / f"{Path(name).stem}.ipynb").is_file():
            raise ClassEditionError(f"_toc.yml lists solutions/{name}, but {exercises.name}/ has no "
                                    f"{Path(name).stem}.ipynb: run `python -m natocourse exercises build`")
        return f"{match['lead']}{EXERCISES}{name}{match['rest']}"

    return _TOC_FILE.sub(swap, text)


def _set(text: str, pattern: str, value: str, what: str) -> str:
    new, count = re.subn(pattern, lambda m: m[1] + value, text, count=1, flags=re.MULTILINE)
    if count != 1:
        raise ClassEditionError(f"_config.yml has no {what} to set")
    return new


def class_config(text: str, repository: str, branch: str) -> str:
    """``_config.yml`` for the class: its repository (the launch buttons' and the repository
    button's) is the students' repository, and ``exercises/`` is part of the book instead of
    ``solutions/``. Comments and everything else stay as they are."""
    text = _set(text, r"^(repository:\n(?:[ \t]+.*\n)*?[ \t]+url:[ \t]*).*$", repository, "repository.url")
    text = _set(text, r"^(repository:\n(?:[ \t]+.*\n)*?[ \t]+branch:[ \t]*).*$", branch, "repository.branch")
    return _set(text, r"^([ \t]+-[ \t]+)exercises[ \t]*$", "solutions  # the students' repository has none",
                "'exercises' in exclude_patterns")


def class_repository(config: dict) -> tuple[str, str]:
    """The students' repository and branch named in a parsed ``_config.yml``
    (``sphinx.config.natocourse_class_repository`` and ``natocourse_class_branch``)."""
    settings = ((config.get("sphinx") or {}).get("config") or {})
    url = settings.get("natocourse_class_repository")
    if not isinstance(url, str) or not url.strip():
        raise ClassEditionError("_config.yml names no students' repository: set "
                                "sphinx.config.natocourse_class_repository (and natocourse_class_branch)")
    return url.strip(), str(settings.get("natocourse_class_branch") or "main").strip()


def link_solutions_to_exercises(app, env, node, contnode):
    """``missing-reference``: a ``{doc}`` link to a solutions page absent from this book leads to
    its exercise notebook's page."""
    if node.get("refdomain") != "std" or node.get("reftype") != "doc":
        return None
    from docutils import nodes
    from sphinx.util.nodes import make_refnode
    from sphinx.util import docname_join

    target = docname_join(node.get("refdoc", ""), node["reftarget"])
    if not target.startswith(SOLUTIONS):
        return None
    exercise = EXERCISES + target[len(SOLUTIONS):]
    if exercise not in env.all_docs:
        return None
    if node.get("refexplicit"):
        inner = contnode
    else:
        title = env.titles[exercise].astext()
        inner = nodes.inline(title, title, classes=["doc"])
    return make_refnode(app.builder, node["refdoc"], exercise, None, inner)


def setup(app):
    """Register the link rule."""
    app.connect("missing-reference", link_solutions_to_exercises)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
