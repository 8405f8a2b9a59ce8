"""An explorer's keyboard guard in JupyterLab: keys pressed on its controls stay with the controls.

JupyterLab's notebook takes keys pressed anywhere outside a text box for its own commands: on an
explorer's list the arrows would move to another cell and typed letters could delete cells.
:class:`KeyGuard` is an invisible widget (``static/guard.js``, an anywidget module) that sits in
an explorer's box and keeps those keys with the box's controls. It also makes the result card a
live region, so a screen reader hears each new result, and draws a clear focus outline on the
box's controls (``static/guard.css``).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

_STATIC = Path(__file__).resolve().parent / "static"


class KeyGuard(anywidget.AnyWidget):
    """Put one in a box of controls (last); it guards the box's keys once the box is drawn."""

    _esm = (_STATIC / "guard.js").read_text(encoding="utf-8")
    _css = (_STATIC / "guard.css").read_text(encoding="utf-8")
    #: Whether the box has a result card (class ``natocourse-explorer-result``) to announce.
    announces_result = traitlets.Bool(False).tag(sync=True)

    def __repr__(self) -> str:
        return "KeyGuard()"
