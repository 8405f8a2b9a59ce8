"""The static front end: every question as a JSON spec, and the JavaScript that checks it in a browser.

Python stays the source of truth. At book build, :func:`write_assets` writes into the book's
``_static/natocourse/``:

- ``engine-data.js``: the normalisation tables of :mod:`.answers` (the character folding table,
  spellings, titles, units, limits, the characters a message escapes), the key salt and
  separators of :mod:`.keys`, and the words of :mod:`.policy`;
- ``questions.js``: :func:`question_specs`, every registered question as its type's
  ``book_spec()`` gives it: prompt, type, checking family, input, options, hints, explanation,
  feedback, units, tolerance and the keys, hashed exactly as Python holds them, with the forms
  Python precomputes. Every spec is held to :data:`SPEC_SCHEMA` (``schema/question-spec.v2.json``);
- ``evidence.js`` (only when a question's type needs it, ``Question.book_data``): the course's
  evidence index (:func:`.evidence.prepared`) that written answers are checked against, loaded
  only by the pages that hold such a question;
- ``engine.js``: the hand-written vanilla JavaScript front end, which renders every
  ``[data-question]`` element of a page and checks answers with the same rules as
  :meth:`Question.check`. It is ``static/view.js`` (the question's markup, which the JupyterLab
  widget draws with too), the input views of question types that bring their own
  (``Question.view``), then ``static/engine.js``, in one file so a page makes one request, and
  without their comment-only lines (the page weighs less; the sources keep them);
- ``question.css``: the stylesheet of that markup (``static/question.css``), also the widget's.

Each file sets one global (``window.NATOCOURSE_ENGINE``, ``window.NATOCOURSE_QUESTIONS``), so the
book works from ``file://`` as well as from any web server, with no request to another host.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from . import answers, evidence, keys, policy, registry, variants
from .written import Written

STATIC = Path(__file__).resolve().parent / "static"
#: The JSON Schema every exported question spec follows, and its id (the version is in both).
SCHEMA_FILE = Path(__file__).resolve().parent / "schema" / "question-spec.v3.json"
SPEC_SCHEMA = "urn:natocourse:question-spec:v3"
#: Versions 1 and 2, which every spec without the later versions' fields still follows.
SCHEMA_FILE_V1 = SCHEMA_FILE.with_name("question-spec.v1.json")
SCHEMA_FILE_V2 = SCHEMA_FILE.with_name("question-spec.v2.json")
#: How many self-study variants ("Try another") the book carries for a question that varies.
BOOK_VARIANTS = 8
#: The hand-written front end shipped with the package: the book's checker and its question view.
ENGINE_JS = STATIC / "engine.js"
VIEW_JS = STATIC / "view.js"
#: The stylesheet of view.js's markup, shared with the JupyterLab widget.
QUESTION_CSS = STATIC / "question.css"


def engine_data() -> dict:
    """The constants the JavaScript front end needs to read answers exactly as Python does."""
    return {
        "fold": answers.fold_table(),
        "end_punctuation": answers.END_PUNCTUATION,
        "british_american": answers.BRITISH_AMERICAN,
        "titles": list(answers.TITLES_LONGEST_FIRST),
        "percent_names": list(answers.PERCENT_NAMES),
        "max_text": answers.MAX_TEXT,
        "written_max": Written.MAX_CHARACTERS,
        "spaces": "".join(sorted(answers.SPACES)),
        "salt": keys.PACKAGE_SALT,
        "separator": keys.SEPARATOR,
        "pair": keys.PAIR,
        "position": keys.POSITION,
        "escaped": [list(r) for r in answers.ESCAPED],
        "words": dict(policy.WORDS),
        "spec_schema": SPEC_SCHEMA,
        "evidence": {"non_word": [list(r) for r in evidence.NON_WORD], "half": list(evidence.HALF),
                     "max_figures": evidence.MAX_FIGURES, "max_quotations": evidence.MAX_QUOTATIONS,
                     "references": list(evidence.REFERENCES), "months": list(evidence.MONTHS),
                     "percent": list(evidence.PERCENT), "scales": [list(s) for s in evidence.SCALES],
                     "dollars_before": list(evidence.DOLLARS_BEFORE), "euros_before": list(evidence.EUROS_BEFORE),
                     "dollars_after": list(evidence.DOLLARS_AFTER), "euros_after": list(evidence.EUROS_AFTER),
                     "pairs": dict(evidence.PAIRS)},
    }


def question_specs(questions=None) -> dict[str, dict]:
    """``{id: spec}`` for the given questions (default: every registered one), as each type's
    ``book_spec()`` gives it (the option forms and unit spellings precomputed by Python, so both
    sides start from the same strings)."""
    return {q.id: book_spec(q) for q in (registry.all() if questions is None else questions)}


def practice_variants(question) -> list:
    """The self-study variants of ``question`` that "Try another" goes through, in order, in the
    book and in JupyterLab alike: :func:`.variants.practice` 1 to :data:`BOOK_VARIANTS`, each
    distinct one once and none the same as the question itself (none for a question that does not
    vary)."""
    if not variants.varies(question):
        return []
    made, specs = [], [question.book_spec()]
    for n in range(1, BOOK_VARIANTS + 1):
        practice = variants.practice(question, n)
        spec = practice.book_spec()
        if spec not in specs:
            made.append(practice)
            specs.append(spec)
    return made


def book_spec(question) -> dict:
    """A question's spec in the book: its ``book_spec()`` and, if it varies, its self-study
    variants generated here by Python (:func:`practice_variants`), each a book spec of its own."""
    spec = question.book_spec()
    if variants.varies(question):
        spec["variants"] = [made.book_spec() for made in practice_variants(question)]
    return spec


def schema(version: int = 3) -> dict:
    """The JSON Schema of a question spec (``schema/question-spec.v3.json``; 1 and 2 for the earlier)."""
    path = {3: SCHEMA_FILE, 2: SCHEMA_FILE_V2, 1: SCHEMA_FILE_V1}[version]
    return json.loads(path.read_text(encoding="utf-8"))


#: The book's data files a question type may need (``Question.book_data``): name → (global, value).
BOOK_DATA = {"evidence": ("NATOCOURSE_EVIDENCE", lambda: evidence.current_index())}


def book_data(questions) -> list[str]:
    """The data files the types of ``questions`` need (``Question.book_data``), each once, in order."""
    names: list[str] = []
    for question in questions:
        for name in type(question).book_data:
            if name not in names:
                names.append(name)
    return names


def type_views(questions) -> list[Path]:
    """The input views that the types of ``questions`` bring (``Question.view``), each once."""
    views: list[Path] = []
    for question in questions:
        view = type(question).view
        if view and Path(view) not in views:
            views.append(Path(view))
    return views


#: A comment that fills its lines: ``// ...`` or ``/* ... */`` (never past its first ``*/``).
_COMMENT_LINES = re.compile(r"^[ \t]*(?://[^\n]*|/\*(?:[^*]|\*(?!/))*\*/)[ \t]*\n", re.MULTILINE)


def without_comment_lines(source: str) -> str:
    """JavaScript without its comment-only lines: what the book ships (the sources keep them)."""
    return _COMMENT_LINES.sub("", source)


def _script(variable: str, value) -> str:
    payload = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    # "</" could end an inline script; escaping it keeps the file safe to inline as well.
    safe = payload.replace("</", "<\\/")
    return f"window.{variable} = {safe};\n"


def write_assets(static_dir: Path | str, questions=None) -> list[Path]:
    """Write ``engine-data.js``, ``questions.js``, ``question.css`` and ``engine.js`` into
    ``static_dir/natocourse``, for ``questions`` (default: every registered one), and the data
    files their types need (:func:`book_data`, e.g. ``evidence.js``)."""
    questions = registry.all() if questions is None else list(questions)
    target = Path(static_dir) / "natocourse"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, variable, value in (("engine-data.js", "NATOCOURSE_ENGINE", engine_data()),
                                  ("questions.js", "NATOCOURSE_QUESTIONS", question_specs(questions))):
        path = target / name
        path.write_text(_script(variable, value), encoding="utf-8")
        written.append(path)
    for name in book_data(questions):
        variable, value = BOOK_DATA[name]
        path = target / f"{name}.js"
        path.write_text(_script(variable, value()), encoding="utf-8")
        written.append(path)
    style = target / "question.css"
    style.write_text(QUESTION_CSS.read_text(encoding="utf-8"), encoding="utf-8")
    written.append(style)
    engine = target / "engine.js"
    engine.write_text(without_comment_lines("\n".join(Path(part).read_text(encoding="utf-8")
                                                      for part in (VIEW_JS, *type_views(questions), ENGINE_JS))),
                      encoding="utf-8")
    written.append(engine)
    return written
