"""Sphinx extension for the course's book, enabled in ``_config.yml``.

- Ships the data files with the built book: a lesson downloaded from the book (its download
  button) loads its data from a ``data/`` folder next to the course, so ``data/*.csv``,
  ``datapackage.json`` and ``README.md`` are copied into ``_build/html/data/``.
- Brings the exercises and explorers to life without a kernel: writes the engine's JSON specs,
  JavaScript front end and stylesheet (:func:`natocourse.engine.export.write_assets`) and the
  explorers' data and script (:mod:`natocourse.presentation.static`) into ``_static/natocourse/``,
  and adds them to the pages that hold a ``data-question`` or ``data-explorer`` element (and to
  no other page); the data a question type needs besides (``Question.book_data``: the written
  answer's evidence index, ``evidence.js``) only to the pages that hold a question of that type.
- Adds an instructor's own question banks (``python tasks.py book --bank PATH``, which passes
  them in ``NATOCOURSE_BANKS``, paths joined by ``os.pathsep``): their questions are registered
  when the builder starts, so ``questions.js`` holds them and a page of your own shows one with
  ``<div class="natocourse-question" data-question="ID"></div>``.
- Drops scripts that a page would include twice: sphinx-thebe (pulled in by Jupyter Book 1.x)
  adds its inline configuration twice, and the second copy re-declares a ``const``, which the
  browser reports as an error on every page.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ...data import DEFAULT_DIR
from ...engine import export, records, registry

#: The engine's scripts, in load order (data first, the front end last).
ENGINE_SCRIPTS = ("natocourse/engine-data.js", "natocourse/questions.js", "natocourse/engine.js")
#: The engine's stylesheet (questions and the progress box).
ENGINE_STYLE = "natocourse/question.css"
#: The explorers' scripts, in load order.
EXPLORER_SCRIPTS = ("natocourse/explorer-data.js", "natocourse/explorers.js")

SHIPPED = ("*.csv", "datapackage.json", "README.md")


def _book_data(app) -> Path:
    """The data package of the book being built: its own ``data/`` (a class's repository has
    one), else the package's."""
    own = Path(app.srcdir) / "data"
    return own if (own / "datapackage.json").is_file() else DEFAULT_DIR


def copy_data(app, exception) -> None:
    """After a successful HTML build, copy the data package to ``<outdir>/data``."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "data"
    target.mkdir(parents=True, exist_ok=True)
    for pattern in SHIPPED:
        for source in sorted(_book_data(app).glob(pattern)):
            shutil.copy2(source, target / source.name)


def write_front_end(app, exception) -> None:
    """After a successful HTML build, write the exercise engine's and the explorers' assets."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    export.write_assets(static)
    try:
        from ...presentation import static as explorer_assets
    except ImportError:  # the explorers' front end is optional for a book without explorers
        return
    explorer_assets.write_explorer_assets(static)


def add_front_end_scripts(app, pagename, templatename, context, doctree) -> None:
    """Add the engine's scripts and stylesheet to pages with questions, the explorers' scripts to
    pages with explorers."""
    from sphinx.builders.html._assets import _CascadingStyleSheet, _JavaScript

    body = context.get("body") or ""
    questions = "data-question=" in body
    engine = ENGINE_SCRIPTS
    if questions:
        found = [registry.get(qid) for qid in sorted(set(re.findall(r'data-question="([^"]+)"', body)))
                 if qid in {q.id for q in registry.all()}]
        engine = (*ENGINE_SCRIPTS[:-1], *(f"natocourse/{name}.js" for name in export.book_data(found)),
                  ENGINE_SCRIPTS[-1])
    wanted = (engine if questions else ()) + (EXPLORER_SCRIPTS if "data-explorer=" in body else ())
    if wanted and "script_files" in context:
        context["script_files"] = list(context["script_files"]) + [
            _JavaScript(f"_static/{name}", priority=900) for name in wanted]
    if questions and "css_files" in context:
        context["css_files"] = list(context["css_files"]) + [
            _CascadingStyleSheet(f"_static/{ENGINE_STYLE}", priority=900)]


#: The theme's Font Awesome SVG script (1.5 MB, two thirds of a page's weight) draws the same icons
#: that the theme's Font Awesome web fonts, which its CSS loads anyway, already draw. The theme
#: writes its tag from a template macro, so it is taken out of the written pages.
UNNEEDED_SCRIPT = re.compile(r'<script[^>]*src="[^"]*_static/scripts/fontawesome\.js[^"]*"[^>]*></script>\s*')


def drop_unneeded_scripts(app, exception) -> None:
    """After a successful HTML build, remove the theme's Font Awesome script tag from every page."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lighter = UNNEEDED_SCRIPT.sub("", text)
        if lighter != text:
            page.write_text(lighter, encoding="utf-8")


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep only the first of identical script entries (same file and same inline body)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = (getattr(script, "filename", script) or "",  # inline scripts: None or ""
               tuple(sorted((k, str(v)) for k, v in getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


class AnswersOutput:
    """A myst-nb mime renderer that renders a widget's answers output as nothing.

    The answers output (``application/vnd.natocourse.answers+json``) carries a student's answers to
    grading inside a saved notebook; readers of the book never see it. Registered as a
    ``myst_nb.mime_renderers`` entry point in ``pyproject.toml``, it keeps myst-nb from warning
    about an unknown output type, and its priority keeps it out of every page.
    """

    mime_priority_overrides = [("*", records.MIME, None)]

    @staticmethod
    def handle_mime(renderer, data, inline):
        """Nothing to show for an answers output; ``None`` (not ours) for any other type."""
        return [] if data.mime_type == records.MIME else None


#: The environment variable that names an instructor's question banks (``tasks.py book --bank``).
BANKS_VARIABLE = "NATOCOURSE_BANKS"


def load_banks(app=None) -> list:
    """Register the questions of the banks :data:`BANKS_VARIABLE` names (none: nothing); a bank
    with a problem stops the build with every problem listed."""
    import os

    from ..banks import BankError, load

    paths = [p for p in os.environ.get(BANKS_VARIABLE, "").split(os.pathsep) if p]
    if not paths:
        return []
    try:
        return load(paths)
    except BankError as exc:
        from sphinx.errors import ExtensionError

        raise ExtensionError(str(exc)) from None


def setup(app):
    """Register the copy step and the script clean-up with Sphinx."""
    app.connect("builder-inited", load_banks)
    app.connect("build-finished", copy_data)
    app.connect("build-finished", write_front_end)
    app.connect("build-finished", drop_unneeded_scripts)
    app.connect("html-page-context", add_front_end_scripts, priority=800)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
