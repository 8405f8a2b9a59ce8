"""The passages the lessons quote, for the evidence check of written answers.

``python -m natocourse quotations`` reads every lesson notebook (``notebooks/*.ipynb``), finds each
quotation of two words or more in its prose (with the same reader the evidence check uses,
:func:`natocourse.engine.evidence.read_quotations`; code is left out) and writes them, each with
where it is quoted and the source the lesson cites for it, to
``src/natocourse/analysis/quotations.json``, which ships with the package
(:mod:`natocourse.analysis.evidence`). ``--check`` only says whether that file is up to date
(``tests/test_written.py`` holds it so): run the command after changing a lesson's quotations.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from ...analysis import evidence as course_evidence
from ...engine.evidence import read_quotations
from ..course import Course

_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_CODE = re.compile(r"`[^`\n]*`")
_CITE = re.compile(r"\{cite(?::[a-z]+)?\}`([^`]+)`")
_MARK = re.compile(r"\u27e6([^\u27e7]*)\u27e7")
_ENTRY = re.compile(r"@\w+\{([^,\s]+),(.*?)\n\}", re.S)


def bibliography(path: Path) -> dict[str, str]:
    """``{key: "Author (year)"}`` from a BibTeX file (the author without braces; a body's name as written)."""
    found = {}
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    for key, body in _ENTRY.findall(text):
        fields = dict(re.findall(r"(\w+)\s*=\s*\{((?:[^{}]|\{[^{}]*\})*)\}", body))
        author = re.sub(r"[{}]", "", fields.get("author", "")).split(" and ")[0].strip()
        if "," in author:
            author = author.split(",")[0].strip()
        found[key] = f"{author} ({fields.get('year', 'n.d.')})" if author else key
    return found


def _prose(source: str) -> str:
    """A Markdown paragraph without its code (fenced blocks and inline code become nothing), each
    citation kept as a mark ``⟦key⟧``."""
    marked = _CITE.sub(lambda m: "\u27e6" + m[1].split(",")[0].strip() + "\u27e7", _FENCE.sub("", source))
    return _CODE.sub("", marked)


def extract(root: str | Path | None = None) -> list[dict]:
    """Every lesson's quotations: ``[{"source", "text"}]``, in the order of the lessons, each once."""
    course = Course(root).require("notebooks")
    cited = bibliography(course.root / "book" / "references.bib")
    out, seen = [], set()
    for path in sorted(course.notebooks.glob("[0-9][0-9]-*.ipynb")):
        chapter = int(path.name[:2])
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type != "markdown":
                continue
            for paragraph in re.split(r"\n\s*\n", cell.source):
                prose = _prose(paragraph)
                cites = [(m.start(), m[1]) for m in _MARK.finditer(prose)]
                for quotation in read_quotations(_MARK.sub(lambda m: " " * len(m[0]), prose)):
                    text = " ".join(quotation["text"].split())
                    if text in seen:
                        continue
                    seen.add(text)
                    after = [key for at, key in cites if at >= quotation["end"]] or [key for _, key in cites]
                    source = f"the lesson of chapter {chapter}" + (
                        f", citing {cited.get(after[0], after[0])}" if after else "")
                    out.append({"source": source, "text": text})
    return out


def write(root: str | Path | None = None, *, check: bool = False) -> tuple[bool, int]:
    """Write (or with ``check`` only compare) ``quotations.json``: (up to date before, passages)."""
    passages = extract(root)
    text = json.dumps(passages, indent=1, ensure_ascii=False) + "\n"
    target = course_evidence.QUOTATIONS
    current = target.read_text(encoding="utf-8") if target.is_file() else ""
    if not check and current != text:
        target.write_text(text, encoding="utf-8")
    return current == text, len(passages)
