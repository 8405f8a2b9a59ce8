"""Where a lesson teaches an objective: the notebook sections whose words match it best.

The chapters declare which exercises practise each objective (``OBJECTIVES`` in
``questions/<chapter>.py``) but not which section of the lesson teaches it, so this module derives
it from the lesson notebook itself. Each ``##`` section (and each ``###`` sub-section, as
"Section › Sub-section") of ``notebooks/NN-*.ipynb`` is a document: its heading (counted twice)
and its text and code. The objective is compared with each document by TF-IDF cosine similarity,
as is the text of the exercises that practise it (prompt, hints, explanation); the score is
0.6 × the first + 0.4 × the second, plus 0.1 where the section itself shows one of those
exercises. The best section is kept, with any other scoring at least :data:`CLOSE` of it (up to
three), since an objective such as "explain Articles 3, 4, 5, 10 and 13" spans several.

"Summary" and "For discussion" sections, and the text before the first section (which holds the
objectives box itself), are left out: they mention everything. ``tests/test_report.py`` compares
the result with a table checked by hand.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

#: Other sections within this share of the best one's score are listed too.
CLOSE = 0.85
#: At most this many sections per objective.
MOST = 3

_STOP = frozenset("""a an the of and or to in on for by with from is are was were be it its that this what which
as at not their them they how can cannot does do did each one two who why when than then into also any all
more most other has have had would could should will""".split())
_LEFT_OUT = re.compile(r"(Summary|For discussion)\b")
_HEADING = re.compile(r"(?m)^(#{2,3}) +(.+?) *#*$")
_ROLE = re.compile(r"\{[a-z]+\}`([^`<]*)[^`]*`")


def words(text: str) -> list[str]:
    """The content words of ``text``: lower case, MyST roles unwrapped, stop words and plural -s dropped."""
    found = []
    for word in re.findall(r"[a-z][a-z0-9]+", _ROLE.sub(r"\1", text).lower()):
        if word in _STOP:
            continue
        found.append(word[:-1] if len(word) > 4 and word.endswith("s") else word)
    return found


def sections(notebook: Path) -> list[tuple[str, str]]:
    """``[(heading, text)]`` of a lesson notebook's sections and sub-sections (see the module doc)."""
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    found: list[list[str]] = []
    current: list[str] | None = None
    top = ""
    for cell in cells:
        source = "".join(cell.get("source", "")) if isinstance(cell.get("source"), list) else cell.get("source", "")
        if cell.get("cell_type") != "markdown":
            if current is not None:
                current[1] += source + "\n"
            continue
        for part in re.split(r"(?m)^(?=#{2,3} )", source):
            match = _HEADING.match(part)
            if match:
                title = match[2].strip()
                if len(match[1]) == 2:
                    top = title
                current = [top if len(match[1]) == 2 else f"{top} › {title}", ""]
                found.append(current)
            if current is not None:
                current[1] += part + "\n"
    return [(heading, text) for heading, text in found if not _LEFT_OUT.match(heading)]


def _vector(counts: Counter, idf: dict[str, float]) -> dict[str, float]:
    return {w: (1 + math.log(n)) * idf.get(w, 0.0) for w, n in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def teaching_sections(notebook: Path, objectives: dict[str, list[str]],
                      exercise_text: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """``{objective: (heading, ...)}``: the sections of ``notebook`` that teach each objective.

    ``objectives`` maps each objective to its exercise ids; ``exercise_text`` maps an id to the
    text of its prompt, hints and explanation.
    """
    found = sections(notebook)
    if not found:
        return {objective: () for objective in objectives}
    documents = [Counter(words(heading.split(" › ")[-1] * 2 + " " + text)) for heading, text in found]
    frequency = Counter(w for document in documents for w in document)
    idf = {w: math.log((1 + len(documents)) / (1 + n)) + 1 for w, n in frequency.items()}
    vectors = [_vector(d, idf) for d in documents]
    result = {}
    for objective, ids in objectives.items():
        aim = _vector(Counter(words(objective)), idf)
        practice = _vector(Counter(words(" ".join(exercise_text.get(i, "") for i in ids))), idf)
        shows = [re.compile(r'show\(\\?"%s\\?"' % re.escape(i)) for i in ids]
        scores = []
        for vector, (heading, text) in zip(vectors, found):
            shown = any(s.search(text) for s in shows)
            scores.append((0.6 * _cosine(aim, vector) + 0.4 * _cosine(practice, vector) + 0.1 * shown, heading))
        best = max(score for score, _ in scores)
        ranked = sorted(((s, h) for s, h in scores if best > 0 and s >= CLOSE * best), key=lambda x: -x[0])
        result[objective] = tuple(h for _, h in ranked[:MOST])
    return result


@lru_cache(maxsize=32)
def cached_sections(notebook: str, stamp: float, objectives: tuple, exercise_text: tuple) -> tuple:
    """:func:`teaching_sections` remembered per notebook version (``stamp`` is its modification time)."""
    found = teaching_sections(Path(notebook), {o: list(ids) for o, ids in objectives}, dict(exercise_text))
    return tuple(found.items())
