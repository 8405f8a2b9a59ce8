"""Each question type's own fields in a bank: its right answer, written plainly, made a key."""

from __future__ import annotations

from typing import Iterable

from ...engine.answers import canonical_text, matching_form
from .reader import _Reader, _is_number, _shown, _text, read_id


def _options(read: _Reader, key: str = "options", *, required: bool = True) -> list[str] | None:
    options = read.texts(key, required=required, single=False, what="the options")
    if options is None:
        return None
    if required and len(options) < 2:
        read.problem(key, f"it has {len(options)} option(s); give at least two")
        return None
    seen: dict[str, str] = {}
    for n, option in enumerate(options):
        form = matching_form(option)
        if not form:
            read.problem(key, f"its option {_shown(option)} has no letters or digits to tell it by",
                         read.item_line(key, n))
            return None
        if form in seen:
            read.problem(key, f"its options {_shown(seen[form])} and {_shown(option)} differ only in spelling; "
                              "make every option differ in its words", read.item_line(key, n))
            return None
        seen[form] = option
    return options


def _pick(read: _Reader, options: list[str], value: str, key: str, line: int | None = None) -> str | None:
    """The option ``value`` names (in any spelling the engine forgives), or a problem."""
    by_form = {matching_form(o): o for o in options}
    found = by_form.get(matching_form(value))
    if found is None:
        listed = "; ".join(options) if len(options) <= 8 else "; ".join(options[:8]) + "; …"
        read.problem(key, f"its {key} {_shown(value)} is not one of its options ({listed}); write one of them "
                          "exactly", line)
    return found


def _option_feedback(read: _Reader, feedback: dict, options: list[str], right: Iterable[str]) -> dict:
    known = {}
    for key, why in feedback.items():
        text = _text(key)
        option = _pick(read, options, text, "feedback", feedback.lines.get(key)) if text is not None else None
        if option is None:
            continue
        if option in right and read.entry.get("type") == "choice":
            read.problem("feedback", f"its feedback is for {_shown(option)}, the right answer; feedback explains "
                                     "wrong answers (put what the right answer teaches in explanation)",
                         feedback.lines.get(key))
            continue
        known[option] = _text(why) or ""
    return known


def _choice(read, entry, feedback):
    from ...engine.types import MultipleChoice

    options = _options(read)
    if "answers" in entry:
        read.problem("answers", "a choice question has one right option: write `answer: <option>` "
                                "(for several right options use type: select)")
        return None
    answer = read.text("answer", required=True, what="one of the options")
    if options is None or answer is None:
        return None
    chosen = _pick(read, options, answer, "answer")
    if chosen is None:
        return None
    known = _option_feedback(read, feedback, options, [chosen])
    return dict(options=options, key=MultipleChoice.key(read_id(read), chosen)[0], feedback=known), chosen


def _select(read, entry, feedback):
    from ...engine.types import MultipleSelect

    options = _options(read)
    if "answer" in entry and "answers" not in entry:
        read.problem("answer", "a select question lists every option that applies: write "
                               "`answers: [<option>, ...]`")
        return None
    answers = read.texts("answers", required=True, what="every option that applies")
    if options is None or answers is None:
        return None
    chosen = []
    for n, answer in enumerate(answers):
        option = _pick(read, options, answer, "answers", read.item_line("answers", n))
        if option is None:
            return None
        if option in chosen:
            read.problem("answers", f"its answers list {_shown(option)} twice", read.item_line("answers", n))
            return None
        chosen.append(option)
    known = _option_feedback(read, feedback, options, chosen)
    return dict(options=options, key=MultipleSelect.key(read_id(read), *chosen), feedback=known), chosen


def _text_question(read, entry, feedback):
    from ...engine.types import ShortText

    if "answer" in entry and "answers" in entry:
        read.problem("answers", "it has both answer and answers; list every accepted spelling under answers")
        return None
    key = "answers" if "answers" in entry else "answer"
    answers = read.texts(key, required=True, what="every accepted spelling")
    if answers is None:
        return None
    for n, answer in enumerate(answers):
        if not canonical_text(answer):
            read.problem(key, f"its answer {_shown(answer)} has no letters or digits a student could type",
                         read.item_line(key, n))
            return None
    known = {}
    for wrong, why in feedback.items():
        text = _text(wrong)
        if text is None or not canonical_text(text):
            read.problem("feedback", f"its feedback is for {_shown(wrong)}, which is no answer a student types",
                         feedback.lines.get(wrong))
            continue
        if canonical_text(text) in {canonical_text(a) for a in answers}:
            read.problem("feedback", f"its feedback is for {_shown(wrong)}, which is an accepted answer; feedback "
                                     "explains wrong answers", feedback.lines.get(wrong))
            continue
        known[text] = _text(why) or ""
    return dict(key=ShortText.key(read_id(read), *answers), feedback=known), answers[0]


def _order(read, entry, feedback):
    from ...engine.types import Ordering

    if "answer" in entry or "answers" in entry:
        read.problem("answer" if "answer" in entry else "answers",
                     "an order question gives its items in their right order: write `order: [first, second, ...]`")
        return None
    items = _options(read, "order")
    if items is None:
        return None
    if feedback:
        read.problem("feedback", "an order question says itself which items are misplaced; it takes no feedback")
        return None
    return dict(items=items, key=Ordering.key(read_id(read), *items)), list(items)


def _match(read, entry, feedback):
    from ...engine.types import Matching

    pairs = entry.get("pairs")
    if pairs is None:
        read.problem(None, "it has no pairs; add `pairs: {<item>: <its option>, ...}`")
        return None
    if not isinstance(pairs, dict) or len(pairs) < 2:
        read.problem("pairs", "its pairs must be a mapping of at least two items, each to its option, e.g. "
                              "`pairs: {Greece: \"1952\", Spain: \"1982\"}`")
        return None
    items, chosen, seen = [], {}, {}
    for item, option in pairs.items():
        where = pairs.lines.get(item)
        item_text, option_text = _text(item), _text(option)
        if not item_text or not item_text.strip() or "=" in item_text or not matching_form(item_text):
            read.problem("pairs", f"its item {_shown(item)} must be a text with letters or digits and no '='", where)
            return None
        if option_text is None or not matching_form(option_text):
            read.problem("pairs", f"the option of {_shown(item)} must be a text, not {_shown(option)}", where)
            return None
        if matching_form(item_text) in seen:
            read.problem("pairs", f"its items {_shown(seen[matching_form(item_text)])} and {_shown(item_text)} differ "
                                  "only in spelling", where)
            return None
        seen[matching_form(item_text)] = item_text
        items.append(item_text)
        chosen[item_text] = option_text
    extra = _options(read, "options", required=False) or []
    options, forms = [], set()
    for option in [*chosen.values(), *extra]:
        if matching_form(option) not in forms:
            forms.add(matching_form(option))
            options.append(option)
    by_form = {matching_form(o): o for o in options}
    chosen = {item: by_form[matching_form(option)] for item, option in chosen.items()}
    if feedback:
        read.problem("feedback", "a match question says itself which pairs are wrong; it takes no feedback")
        return None
    key = Matching.key(read_id(read), *[f"{item}={option}" for item, option in chosen.items()])
    return dict(items=items, options=options, key=key), dict(chosen)


def _valued(read, entry, feedback, *, default_tolerance):
    answer = read.number("answer", required=True)
    tolerance = read.number("tolerance", default=default_tolerance, minimum=0)
    units = read.text("units") or ""
    known = {}
    for wrong, why in feedback.items():
        if not _is_number(wrong):
            read.problem("feedback", f"its feedback is for {_shown(wrong)}; a number question's feedback is for "
                                     "wrong numbers, written without quotes", feedback.lines.get(wrong))
            continue
        known[float(wrong)] = _text(why) or ""
    if answer is None or tolerance is None:
        return None
    return dict(tolerance=tolerance, units=units, feedback=known), answer


def _number(read, entry, feedback):
    built = _valued(read, entry, feedback, default_tolerance=0.0)
    if built is None:
        return None
    arguments, answer = built
    return {**arguments, "answer": answer}, answer


def _data(read, entry, feedback):
    built = _valued(read, entry, feedback, default_tolerance=1e-6)
    if built is None:
        return None
    arguments, answer = built
    return {**arguments, "expected": lambda _data, value=answer: value}, answer


def _written(read, entry, feedback):
    from ...engine.written import read_rubric

    if "explanation" in entry:
        read.problem("explanation", "a written question shows its model answer as the explanation: write it "
                                    "under model_answer")
    if feedback:
        read.problem("feedback", "a written question is marked with its rubric; it takes no feedback")
    words = entry.get("word_range")
    if words is None:
        read.problem(None, "it has no word_range; add `word_range: [80, 150]` (the fewest and most words)")
    elif (not isinstance(words, list) or len(words) != 2 or
          not all(isinstance(w, int) and not isinstance(w, bool) for w in words) or not 1 <= words[0] <= words[1] <= 3000):
        read.problem("word_range", f"its word_range must be [low, high], whole numbers with 1 <= low <= high <= 3000, "
                                   f"not {_shown(words)}")
        words = None
    rubric = entry.get("rubric")
    if rubric is None:
        read.problem(None, "it has no rubric; add `rubric:` with at least one criterion (criterion, points, levels)")
    else:
        try:
            read_rubric(rubric if isinstance(rubric, list) else [rubric], "")
        except (ValueError, TypeError) as exc:
            said = str(exc).removeprefix(": ").removeprefix(", ")
            read.problem("rubric", f"its rubric: {said}")
            rubric = None
    model = read.text("model_answer", required=True, what="an answer that earns full marks")
    guidance = read.text("guidance") or ""
    if words is None or rubric is None or model is None:
        return None
    return dict(word_range=tuple(words), rubric=rubric, model_answer=model, guidance=guidance), model
