"""HTML for questions and feedback, shared by the kernel widgets and the static export."""

from __future__ import annotations

import html
import re

from .results import Result

#: The symbol and the words that start each kind of feedback: never colour alone.
_STATUS_LOOK = {"correct": ("✔", "#1a7f37"), "incorrect": ("✘", "#a04100"),
                "not_answered": ("…", "#57606a"), "invalid": ("⚠", "#7d5300")}


def markdown_to_html(text: str) -> str:
    """A small, safe Markdown subset for prompts: paragraphs, ``code``, **bold**, *italics*."""
    out = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        block = html.escape(block, quote=False)
        block = re.sub(r"`([^`]+)`", r"<code>\1</code>", block)
        block = re.sub(r"\*\*([^*]+)\*\*", r"<strong>\1</strong>", block)
        block = re.sub(r"(?<!\*)\*([^*]+)\*(?!\*)", r"<em>\1</em>", block)
        out.append(f"<p>{block}</p>")
    return "\n".join(out)


def feedback_html(result: Result, explanation: str = "") -> str:
    """The feedback box: a symbol and the message in words; the explanation when it is allowed."""
    icon, colour = _STATUS_LOOK[result.status]
    extra = (f'<details open><summary>Explanation</summary>{markdown_to_html(explanation)}</details>'
             if explanation else "")
    return (f'<div class="natocourse-feedback natocourse-{result.status}" role="status" '
            f'aria-live="polite" style="border-left: 4px solid {colour}; padding: 0.2em 0.6em">'
            f'<span aria-hidden="true">{icon}</span> {html.escape(result.message, quote=False)}{extra}</div>')
