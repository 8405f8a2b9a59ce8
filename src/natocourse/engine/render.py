"""HTML for questions and feedback, shared by the kernel widgets and the static export."""

from __future__ import annotations

import html
import re

from .results import Result

#: The symbol and the words that start each kind of feedback: never colour alone.
_STATUS_LOOK = {"correct": ("✔", "#1a7f37"), "incorrect": ("✘", "#a04100"),
                "not_answered": ("…", "#57606a"), "invalid": ("⚠", "#7d5300"), "to_mark": ("✎", "#0b5cad")}


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


def aids_html(aids) -> str:
    """A written answer's aids (:attr:`Result.aids`) as a list, every text escaped."""
    if not aids:
        return ""
    items = "".join(f'<li><span aria-hidden="true">{"✔" if a.get("ok") else "⚠"}</span> '
                    f'{html.escape(str(a.get("text", "")), quote=False)}</li>' for a in aids)
    return f'<p><strong>Aids (not a grade)</strong></p><ul class="natocourse-aids">{items}</ul>'


def rubric_html(rubric) -> str:
    """A rubric as a checklist to assess an answer against: each criterion, its points, its top level."""
    items = "".join(f'<li>☐ <strong>{html.escape(c["criterion"], quote=False)}</strong> ({c["points"]:g} points): '
                    f'{html.escape(c["levels"][0]["descriptor"], quote=False)}</li>' for c in rubric)
    return f'<details open><summary>Rubric: check your answer against it</summary><ul>{items}</ul></details>'


def feedback_html(result: Result, explanation: str = "", *, rubric=None) -> str:
    """The feedback box: a symbol and the message in words; a written answer's aids; the
    explanation when it is allowed (for a question with a ``rubric``, the rubric and the model answer)."""
    icon, colour = _STATUS_LOOK[result.status]
    label = "Model answer" if rubric else "Explanation"
    extra = aids_html(result.aids) + (rubric_html(rubric) if rubric and explanation else "") + (
        f'<details open><summary>{label}</summary>{markdown_to_html(explanation)}</details>' if explanation else "")
    return (f'<div class="natocourse-feedback natocourse-{result.status}" role="status" '
            f'aria-live="polite" style="border-left: 4px solid {colour}; padding: 0.2em 0.6em">'
            f'<span aria-hidden="true">{icon}</span> {html.escape(result.message, quote=False)}{extra}</div>')
