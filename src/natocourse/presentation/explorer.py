"""An explorer that also renders as static HTML, so that the book can bring it to life without a kernel.

JupyterLab shows the live ipywidgets container; the book shows the ``text/html`` copy, which
``static/explorers.js`` (:mod:`natocourse.presentation.static`) replaces with native controls.
"""

from __future__ import annotations

import html
import json

import ipywidgets as widgets

#: The explorers the browser front end knows, by their ``data-explorer`` name.
NAMES = ("ally-card", "withdrawal-calculator", "membership-explorer", "scenario-lab")


def static_html(name: str, start: dict, body: str) -> str:
    """The book's rendering of an explorer: its starting ``body`` in a ``data-explorer`` container."""
    if name not in NAMES:
        raise ValueError(f"unknown explorer {name!r}; known: {', '.join(NAMES)}")
    start_json = html.escape(json.dumps(start, sort_keys=True), quote=True)
    return (f"<div class=\"natocourse-explorer\" data-explorer=\"{name}\" data-start='{start_json}'>"
            f"{body}</div>")


class Explorer(widgets.VBox):
    """A ``VBox`` that also renders as static HTML (``text/html``) for the book.

    ``name`` is one of :data:`NAMES`, ``start`` the explorer's starting arguments (JSON-serialisable)
    and ``body`` the HTML of its starting card, fixed when the explorer is made.
    """

    def __init__(self, children, *, name: str, start: dict, body: str, **kwargs):
        super().__init__(children, **kwargs)
        self._static_html = static_html(name, start, body)

    def _repr_mimebundle_(self, **kwargs):
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = self._static_html
        return bundle
