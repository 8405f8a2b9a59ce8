"""Sphinx extension for the course's book, enabled in ``_config.yml``.

- Ships the data files with the built book: a lesson downloaded from the book (its download
  button) loads its data from a ``data/`` folder next to the course, so ``data/*.csv``,
  ``datapackage.json`` and ``README.md`` are copied into ``_build/html/data/``.
- Drops scripts that a page would include twice: sphinx-thebe (pulled in by Jupyter Book 1.x)
  adds its inline configuration twice, and the second copy re-declares a ``const``, which the
  browser reports as an error on every page.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from ..data import DEFAULT_DIR

SHIPPED = ("*.csv", "datapackage.json", "README.md")


def copy_data(app, exception) -> None:
    """After a successful HTML build, copy the data package to ``<outdir>/data``."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "data"
    target.mkdir(parents=True, exist_ok=True)
    for pattern in SHIPPED:
        for source in sorted(DEFAULT_DIR.glob(pattern)):
            shutil.copy2(source, target / source.name)


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


def setup(app):
    """Register the copy step and the script clean-up with Sphinx."""
    app.connect("build-finished", copy_data)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "version": "1"}
