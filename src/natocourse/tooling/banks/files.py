"""Reading one bank file: each question checked and built, or its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ...engine.question import ID_PATTERN
from .format import COMMON_FIELDS, MAX_BYTES, TYPE_FIELDS, _TOP_FIELDS, Entry, Problem
from .kinds import _choice, _data, _match, _number, _order, _select, _text_question, _written
from .reader import _Reader, _is_number, _shown, _suggest, _text
from .yaml_lines import _List, _Map, _parse


def _read_question(path: str, entry: Any, number: int, title: str, problems: list[Problem],
                   line: int) -> Entry | None:
    """One question of a file, checked and built (None, with problems, if it cannot be)."""
    from ...engine import KINDS, variants

    if not isinstance(entry, _Map):
        problems.append(Problem(path, line, f"question {number} must be a mapping of fields (id: ..., type: ..., "
                                            f"prompt: ...), not {_shown(entry)}"))
        return None
    qid = entry.get("id")
    kind = entry.get("type")
    kind_text = _text(kind) if kind is not None else None
    label = (f"{kind_text} question" if kind_text in TYPE_FIELDS else "question") + (
        f" {_text(qid)!r}" if _text(qid) else f" {number}")
    read = _Reader(path, entry, label, problems)
    before = len(problems)
    for key, where in entry.twice:
        read.problem(key, f"the field {key!r} is written twice; keep one", where)
    qid = read.text("id", required=True, what="an id like 'quiz-01'")
    if qid is not None and not ID_PATTERN.match(qid):
        read.problem("id", f"its id {qid!r} must be a chapter slug of lower-case letters and digits, a hyphen and "
                           "two digits, e.g. 'quiz-01'")
    if kind is None:
        read.problem(None, f"it has no type; add `type: ` one of {', '.join(TYPE_FIELDS)}")
        return None
    if kind_text not in TYPE_FIELDS:
        read.problem("type", f"its type {_shown(kind)} is not one the bank knows{_suggest(kind_text, TYPE_FIELDS)}; "
                             f"write one of {', '.join(TYPE_FIELDS)}")
        return None
    kind = kind_text
    allowed = COMMON_FIELDS + TYPE_FIELDS[kind]
    for key in entry:
        if key not in allowed:
            also = _suggest(key, allowed)
            where = [k for k, fields in TYPE_FIELDS.items() if key in fields]
            hint = f" ({key} belongs to {', '.join(where)} questions)" if where and not also else ""
            read.problem(key, f"it has a field {_shown(key)} that a {kind} question does not take{also}{hint}; "
                              f"its fields are {', '.join(allowed)}")
    prompt = read.text("prompt", required=True, what="the question, in Markdown")
    hints = read.texts("hints") or []
    explanation = read.text("explanation") or ""
    reveal = entry.get("reveal_after")
    if reveal is not None and (not isinstance(reveal, int) or isinstance(reveal, bool) or reveal < 1):
        read.problem("reveal_after", f"its reveal_after must be a whole number of wrong attempts, 1 or more, not "
                                     f"{_shown(reveal)}")
    points = None
    if entry.get("points") is not None:
        from ..course import CourseError, points as checked_points

        raw = entry["points"]
        if isinstance(raw, bool) or not _is_number(raw):
            read.problem("points", f"its points must be a number, not {_shown(raw)}; write e.g. `points: 2`")
        else:
            try:
                points = checked_points(raw)
            except CourseError as exc:
                read.problem("points", f"its points {_shown(raw)}: {exc}")
    objectives = read.texts("objectives") or []
    shuffle = entry.get("shuffle", False)
    if not isinstance(shuffle, bool):
        read.problem("shuffle", f"its shuffle must be true or false, not {_shown(shuffle)}")
    feedback = entry.get("feedback")
    if feedback is not None and not isinstance(feedback, dict):
        read.problem("feedback", "its feedback must be a mapping of wrong answer → why, e.g. "
                                 "`feedback: {\"1952-02-18\": That is when Greece joined.}`")
        feedback = None
    feedback = feedback or {}
    for key, value in feedback.items():
        if _text(value) is None or not _text(value).strip():
            read.problem("feedback", f"its feedback for {_shown(key)} must be a sentence saying why, not "
                                     f"{_shown(value)}", feedback.lines.get(key))

    built = _BUILDERS[kind](read, entry, feedback)
    if len(problems) > before or built is None or qid is None or prompt is None:
        return None
    arguments, solution = built
    common = dict(hints=hints, explanation=explanation, register=False)
    if reveal is not None:
        common["reveal_after"] = int(reveal)
    try:
        question = KINDS[kind](qid, prompt, **{**common, **arguments})
        if shuffle:
            variants.shuffled(question)
    except ValueError as exc:
        said = str(exc).removeprefix(f"{qid}: ").removeprefix(f"{qid}, ")
        read.problem(None, f"{said}")
        return None
    result = question.check(solution)
    if not (result.correct or result.status == "to_mark"):
        read.problem(None, f"its own answer {_shown(solution)} is not accepted by its check ({result.message}); "
                           "write the answer as a student would give it")
        return None
    return Entry(question, path, entry.line, title, solution, points, tuple(objectives))


_BUILDERS = {"choice": _choice, "select": _select, "text": _text_question, "order": _order, "match": _match,
             "number": _number, "data": _data, "written": _written}


def read_file(path: str | Path) -> tuple[list[Entry], list[Problem]]:
    """The questions of one bank file and its problems (each with its line); never raises."""
    entries, problems, _ids = _read_file(path)
    return entries, problems


def read_text(text: str, path: str = "<bank>") -> tuple[list[Entry], list[Problem]]:
    """The questions of a bank file's ``text`` and its problems; never raises."""
    entries, problems, _ids = _read(text, path)
    return entries, problems


def _read(text: str, path: str) -> tuple[list[Entry], list[Problem], list[tuple[str, int]]]:
    """The questions, the problems and every well-formed id written (with its line, even of a
    question with problems, so that a collision is reported with them)."""
    document, problems = _parse(text, path)
    if problems:
        return [], problems, []
    ids: list[tuple[str, int]] = []
    try:
        entries, problems = _read_document(document, path, ids)
    except RecursionError:
        return [], [Problem(path, 1, "this YAML is nested too deeply to read; a question is one level of fields")], []
    return entries, sorted(problems, key=lambda p: p.line), ids


def _read_document(document: Any, path: str, ids: list) -> tuple[list[Entry], list[Problem]]:
    problems: list[Problem] = []
    title = ""
    if document is None:
        return [], [Problem(path, 1, "is empty; write a list of questions, each starting with '- id: ...'")]
    if isinstance(document, _Map) and "questions" in document:
        for key in document:
            if key not in _TOP_FIELDS:
                problems.append(Problem(path, document.lines.get(key, 1),
                                        f"the bank has a field {_shown(key)}{_suggest(key, _TOP_FIELDS)}; a bank "
                                        "file holds title and questions"))
        for key, where in document.twice:
            problems.append(Problem(path, where, f"the field {key!r} is written twice; keep one"))
        if document.get("title") is not None:
            title = _text(document["title"]) or ""
            if not title.strip():
                problems.append(Problem(path, document.lines.get("title", 1), "the bank's title must be a text"))
        questions = document["questions"]
    elif isinstance(document, _Map):
        problems.append(Problem(path, document.line, "a bank file holds a list of questions, or `title:` and "
                                                     "`questions:`; add `questions:` above the questions"))
        return [], problems
    else:
        questions = document
    entries: list[tuple[Any, int]] = []
    if isinstance(questions, _Map):
        for key, value in questions.items():
            if isinstance(value, _Map) and "id" not in value:
                value["id"] = key
                value.lines["id"] = questions.lines.get(key, value.line)
            elif isinstance(value, _Map) and _text(value.get("id")) != _text(key):
                problems.append(Problem(path, value.lines.get("id", value.line),
                                        f"question {_shown(key)} says its id is {_shown(value.get('id'))}; keep one"))
                continue
            entries.append((value, questions.lines.get(key, 1)))
    elif isinstance(questions, _List):
        entries = list(zip(questions, questions.lines))
    else:
        line = document.lines.get("questions", 1) if isinstance(document, _Map) else 1
        problems.append(Problem(path, line, "the questions must be a list, each question starting with '- id: ...'"))
        return [], problems
    if not entries:
        problems.append(Problem(path, 1, "holds no questions; write a list of questions, each starting with "
                                         "'- id: ...'"))
    read: list[Entry] = []
    seen: dict[str, int] = {}
    for number, (entry, line) in enumerate(entries, start=1):
        built = _read_question(path, entry, number, title, problems, line)
        qid = _text(entry.get("id")) if isinstance(entry, _Map) else None
        if qid and ID_PATTERN.match(qid):
            where = entry.lines.get("id", entry.line)
            if qid in seen:
                problems.append(Problem(path, where, f"the id {qid!r} is used twice in this file (first on line "
                                                     f"{seen[qid]}); give each question its own number"))
                continue
            seen[qid] = where
            ids.append((qid, where))
        if built is not None:
            read.append(built)
    return read, problems

def _read_file(path: str | Path) -> tuple[list[Entry], list[Problem], list[tuple[str, int]]]:
    """:func:`read_file` with every well-formed id written (see :func:`_read`)."""
    shown = str(path)
    try:
        raw = Path(path).read_bytes()[:MAX_BYTES + 1]
    except OSError as exc:
        return [], [Problem(shown, 1, f"cannot be read ({exc.strerror or type(exc).__name__}); give a bank file "
                                      "(.yml) that exists")], []
    if len(raw) > MAX_BYTES:
        return [], [Problem(shown, 1, f"is larger than {MAX_BYTES // 1_000_000} MB; split the bank into files")], []
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return [], [Problem(shown, line, "is not UTF-8 text; save it as UTF-8 (every editor can)")], []
    return _read(text, shown)
