"""An explorer that also renders as static HTML, so that the book can bring it to life without a kernel.

JupyterLab shows the live ipywidgets container, guarded so that its keys stay with its controls
(:mod:`.guard`); the book shows the ``text/html`` copy, which ``static/explorers.js``
(:mod:`natocourse.presentation.static`) replaces with native controls.
"""

from __future__ import annotations

import html
import json

import ipywidgets as widgets

from .guard import KeyGuard

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
    and ``body`` the HTML of its starting card, fixed when the explorer is made. ``result``, if
    given, is the child whose every change a screen reader should hear (a short result card).
    """

    def __init__(self, children, *, name: str, start: dict, body: str, result: widgets.Widget | None = None,
                 **kwargs):
        if result is not None:
            result.add_class("natocourse-explorer-result")
        super().__init__([*children, KeyGuard(announces_result=result is not None)], **kwargs)
        self.add_class("natocourse-explorer-live")
        self._static_html = static_html(name, start, body)

    @property
    def parts(self) -> tuple:
        """The explorer's controls and cards, in order (its children without the key guard)."""
        return tuple(c for c in self.children if not isinstance(c, KeyGuard))

    def _repr_mimebundle_(self, **kwargs):
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = self._static_html
        return bundle
