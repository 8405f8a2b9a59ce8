"""The static front end: every question as a JSON spec, and the JavaScript that checks it in a browser.

Python stays the source of truth. At book build, :func:`write_assets` writes into the book's
``_static/natocourse/``:

- ``engine-data.js``: the normalisation tables of :mod:`.answers` (the character folding table,
  spellings, titles, units, limits) and the key salt and separators of :mod:`.keys`;
- ``questions.js``: :func:`question_specs`, every registered question as ``Question.spec()``
  gives it: prompt, type, options, hints, explanation, feedback, units, tolerance and the keys,
  hashed exactly as Python holds them;
- ``engine.js``: the hand-written vanilla JavaScript front end, which renders every
  ``[data-question]`` element of a page and checks answers with the same rules as
  :meth:`Question.check`. It is ``static/view.js`` (the question's markup, which the JupyterLab
  widget draws with too) followed by ``static/engine.js``, in one file so a page makes one request;
- ``question.css``: the stylesheet of that markup (``static/question.css``), also the widget's.

Each file sets one global (``window.NATOCOURSE_ENGINE``, ``window.NATOCOURSE_QUESTIONS``), so the
book works from ``file://`` as well as from any web server, with no request to another host.
"""

from __future__ import annotations

import json
from pathlib import Path

from . import answers, keys, registry

STATIC = Path(__file__).resolve().parent / "static"
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
        "american_british": answers.AMERICAN_BRITISH,
        "titles": list(answers.TITLES_LONGEST_FIRST),
        "percent_names": list(answers.PERCENT_NAMES),
        "max_text": answers.MAX_TEXT,
        "spaces": "".join(sorted(answers.SPACES)),
        "salt": keys.PACKAGE_SALT,
        "separator": keys.SEPARATOR,
        "pair": keys.PAIR,
        "position": keys.POSITION,
    }


def question_specs(questions=None) -> dict[str, dict]:
    """``{id: spec}`` for the given questions (default: every registered one), with the option
    forms and unit spellings precomputed by Python so both sides start from the same strings."""
    specs = {}
    for question in (registry.all() if questions is None else questions):
        spec = question.spec()
        if "options" in spec:
            spec["option_forms"] = {answers.matching_form(o): o for o in spec["options"]}
        if "items" in spec:
            spec["item_forms"] = {answers.matching_form(i): i for i in spec["items"]}
        if "units" in spec:
            spec["unit_names"] = sorted(answers.unit_names(spec["units"]))
        specs[question.id] = spec
    return specs


def _script(variable: str, value) -> str:
    payload = json.dumps(value, ensure_ascii=True, separators=(",", ":"))
    # "</" could end an inline script; escaping it keeps the file safe to inline as well.
    safe = payload.replace("</", "<\\/")
    return f"window.{variable} = {safe};\n"


def write_assets(static_dir: Path | str) -> list[Path]:
    """Write ``engine-data.js``, ``questions.js``, ``question.css`` and ``engine.js`` into
    ``static_dir/natocourse``."""
    target = Path(static_dir) / "natocourse"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, variable, value in (("engine-data.js", "NATOCOURSE_ENGINE", engine_data()),
                                  ("questions.js", "NATOCOURSE_QUESTIONS", question_specs())):
        path = target / name
        path.write_text(_script(variable, value), encoding="utf-8")
        written.append(path)
    style = target / "question.css"
    style.write_text(QUESTION_CSS.read_text(encoding="utf-8"), encoding="utf-8")
    written.append(style)
    engine = target / "engine.js"
    engine.write_text(VIEW_JS.read_text(encoding="utf-8") + "\n" + ENGINE_JS.read_text(encoding="utf-8"),
                      encoding="utf-8")
    written.append(engine)
    return written
