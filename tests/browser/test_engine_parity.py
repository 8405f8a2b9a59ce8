"""One verdict and one wording everywhere: the book's JavaScript agrees with Python on every answer tried.

The corpus (tests/answer_corpus.py) holds, for all questions, the right answers, the variants a
reader would write, near misses and hostile input. Python checks each; the same JSON goes to
engine.js in Chromium, once with Web Crypto and once with the engine's own SHA-256, from file://.
Statuses must be equal everywhere, and so must the full message (the reason a wrong answer gets,
how an answer is quoted) and the message as a question's view shows it: 0 verdict and 0 message
disagreements. Written answers are compared on their aids as well (the word count and every figure
and quotation the evidence check reports, worded alike): 0 aid disagreements. The counts are
reported (conftest.py's "figures reported by tests"). The policy of when hints and the explanation
open, and its notes, is compared over a grid of states, for questions judged and marked alike.
Every variant the book carries for "Try another" (a spec Python made at build, in a question's
``variants``) is compared the same way, with the answers corpus made for that variant.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from natocourse.engine import export, policy, registry, types, variants

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from answer_corpus import corpus, variant_corpus  # noqa: E402
from variant_fixtures import questions as drill_questions  # noqa: E402

REPORTS = Path(__file__).resolve().parents[2] / "_build" / "reports"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>parity</title>
<script src="natocourse/engine-data.js"></script><script src="natocourse/questions.js"></script>
<script src="natocourse/evidence.js"></script>
<script src="natocourse/engine.js"></script></head><body><main><article></article></main></body></html>"""


#: Throw-away questions with variants (tests/variant_fixtures.py), beside the course's own, so the
#: variant parity test covers every checking family that varies whatever the course declares.
DRILL = drill_questions()


@pytest.fixture(scope="module")
def engine_page(tmp_path_factory):
    """A bare page with the engine's three scripts, written fresh from Python (the course's
    questions and the drill questions with variants)."""
    folder = tmp_path_factory.mktemp("parity")
    export.write_assets(folder, questions=[*registry.all(), *DRILL])
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    return folder / "index.html"


def run_js(page, pairs, fallback: bool) -> list[list]:
    """``[status, message, message as the view shows it, aids]`` from engine.js for each (id, answer)."""
    return page.evaluate(
        """async ([pairs, fallback]) => {
            NatoCourse.settings.forceFallbackHash = fallback;
            const out = [];
            for (const [id, answer] of pairs) {
                const verdict = await NatoCourse.check(id, answer);
                out.push([verdict.status, verdict.message, NatoCourse.policy.shown(verdict, NatoCourse.questions[id]),
                          verdict.aids || []]);
            }
            return out;
        }""", [pairs, fallback])


def run_python(pairs) -> list[list]:
    out = []
    for qid, answer in pairs:
        question = registry.get(qid)
        result = question.check(answer)
        out.append([result.status, result.message, question.policy().shown(result.status, result.message),
                    [dict(a) for a in result.aids]])
    return out


@pytest.mark.parametrize("fallback", [False, True], ids=["web-crypto-or-native", "own-sha256"])
def test_python_and_javascript_give_the_same_verdicts_and_words(page, engine_page, fallback, capsys):
    pairs = corpus()
    python = run_python(pairs)
    page.goto(engine_page.as_uri())
    javascript = run_js(page, [list(p) for p in pairs], fallback)
    verdicts = [(qid, answer, p[0], j[0]) for (qid, answer), p, j in zip(pairs, python, javascript) if p[0] != j[0]]
    messages = [(qid, answer, p[1:3], j[1:3]) for (qid, answer), p, j in zip(pairs, python, javascript) if p[1:3] != j[1:3]]
    aids = [(qid, answer, p[3], j[3]) for (qid, answer), p, j in zip(pairs, python, javascript) if p[3] != j[3]]
    written = sum(registry.get(qid).kind == "written" for qid, _ in pairs)
    reported = sum(len(p[3]) for p in python)
    questions = {qid for qid, _ in pairs}
    statuses = {s: [p[0] for p in python].count(s) for s in sorted({p[0] for p in python})}
    how = "own SHA-256" if fallback else "Web Crypto" if page.evaluate("isSecureContext") else "own SHA-256 (no secure context)"
    line = (f"engine parity, Python vs JavaScript ({how}): {len(pairs)} answers over {len(questions)} questions "
            f"compared, {len(verdicts)} verdict and {len(messages)} message disagreements; {written} written answers, "
            f"{reported} aids, {len(aids)} aid disagreements; Python verdicts {statuses}")
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"engine-parity-{'own-sha256' if fallback else 'web-crypto'}.txt").write_text(line + "\n")
    with capsys.disabled():
        print("\n" + line)
    assert questions == {q.id for q in registry.all()}
    assert {"correct", "incorrect", "invalid", "not_answered", "to_mark"} <= set(statuses)
    assert not verdicts, "\n".join(
        f"{qid}: {json.dumps(answer, ensure_ascii=True)[:80]} python={p} js={j}" for qid, answer, p, j in verdicts[:25])
    assert not messages, "\n".join(
        f"{qid}: {json.dumps(answer, ensure_ascii=True)[:80]}\n  python={p}\n  js    ={j}" for qid, answer, p, j in messages[:15])
    assert not aids, "\n".join(
        f"{qid}: {json.dumps(answer, ensure_ascii=True)[:120]}\n  python={[a for a in p if a not in j]}\n"
        f"  js    ={[a for a in j if a not in p]}" for qid, answer, p, j in aids[:10])
    assert not page.problems.items


def test_every_variant_in_the_book_gets_the_same_verdicts_and_words(page, engine_page, capsys):
    """"Try another" in the book checks with each variant's spec, made by Python at build: for every
    question that varies (the course's and the drill questions), for every variant the book carries,
    the answers corpus checked by Python (variants.practice(q, n).check) and by engine.js with that
    variant's spec: 0 verdict and 0 message disagreements."""
    varying = [q for q in [*registry.all(), *DRILL] if variants.varies(q)]
    made = {q.id: export.practice_variants(q) for q in varying}
    triples = variant_corpus(varying)
    python = []
    for qid, n, answer in triples:
        question = made[qid][n]
        result = question.check(answer)
        python.append([result.status, result.message, question.policy().shown(result.status, result.message)])
    page.goto(engine_page.as_uri())
    books = page.evaluate("ids => ids.map(id => NatoCourse.questions[id].variants)", list(made))
    assert books == [[m.book_spec() for m in made[qid]] for qid in made]  # the book carries Python's specs
    javascript = page.evaluate(
        """async (triples) => {
            const out = [];
            for (const [id, n, answer] of triples) {
                const spec = NatoCourse.questions[id].variants[n];
                const verdict = await NatoCourse.check(spec, answer);
                out.push([verdict.status, verdict.message, NatoCourse.policy.shown(verdict, spec)]);
            }
            return out;
        }""", [list(t) for t in triples])
    verdicts = [(t, p[0], j[0]) for t, p, j in zip(triples, python, javascript) if p[0] != j[0]]
    messages = [(t, p[1:], j[1:]) for t, p, j in zip(triples, python, javascript) if p[1:] != j[1:]]
    specs = sum(len(m) for m in made.values())
    statuses = {s: [p[0] for p in python].count(s) for s in sorted({p[0] for p in python})}
    course = sum(q.id not in {d.id for d in DRILL} for q in varying)
    line = (f"engine parity over the book's variants: {len(triples)} answers over {specs} variant specs of "
            f"{len(made)} questions ({course} of the course's, {len(made) - course} drill questions) compared, "
            f"{len(verdicts)} verdict and {len(messages)} message disagreements; Python verdicts {statuses}")
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "engine-parity-variants.txt").write_text(line + "\n")
    with capsys.disabled():
        print("\n" + line)
    assert {q.id for q in DRILL} <= set(made) and all(made.values())
    assert {"correct", "incorrect", "invalid", "not_answered"} <= set(statuses)
    covered = {(qid, n) for qid, n, _ in triples}
    assert covered == {(qid, n) for qid in made for n in range(len(made[qid]))}  # every variant in the book
    assert all(any(p[0] == "correct" for t, p in zip(triples, python) if t[:2] == key) for key in covered
               if made[key[0]][key[1]].kind not in ("text", "written")), \
        "each variant's right answer (found from its key) is among those tried"
    assert not verdicts, "\n".join(
        f"{t[0]} variant {t[1]}: {json.dumps(t[2], ensure_ascii=True)[:80]} python={p} js={j}" for t, p, j in verdicts[:25])
    assert not messages, "\n".join(
        f"{t[0]} variant {t[1]}: {json.dumps(t[2], ensure_ascii=True)[:80]}\n  python={p}\n  js    ={j}"
        for t, p, j in messages[:15])
    assert not page.problems.items


def test_python_and_javascript_follow_one_policy(page, engine_page):
    """When the explanation opens, what its locked note says, how hints come out and the words of
    an answer kept from before: the same in engine.js as in policy.py, over a grid of states; and
    engine.js checks exactly the checking families types.py names."""
    page.goto(engine_page.as_uri())
    states = [(solved, wrong, reveal_after, submitted, marked) for solved in (False, True) for wrong in range(5)
              for reveal_after in (1, 2, 3) for submitted in (0, 1, 2) for marked in (False, True)]
    hints = [(shown, total) for total in range(4) for shown in range(total + 2)]
    javascript = page.evaluate(
        """([states, hints, words]) => ({
            open: states.map(([solved, wrong, after, submitted, marked]) => NatoCourse.policy.explanationOpen(
                {reveal_after: after, check: marked ? "written" : "choice"},
                {attempts: wrong + solved + submitted, wrong: wrong, solved: solved, submitted: submitted})),
            notes: [1, 2, 3].map(after => NatoCourse.policy.explanationNote({reveal_after: after}))
                .concat([NatoCourse.policy.explanationNote({reveal_after: 1, check: "written"})]),
            shown: [["not_answered", words.not_answered], ["invalid", words.invalid.replace("{reason}", "why")],
                    ["to_mark", words.to_mark]].map(([status, message]) => [false, true].map(marked =>
                NatoCourse.policy.shown({status: status, message: message}, {check: marked ? "written" : "choice"}))),
            hints: hints.map(([shown, total]) => NatoCourse.policy.nextHint(shown, total)),
            kept: [[true, ""], [false, ""], [false, "to_mark"], [false, "recorded"]].map(([c, s]) => NatoCourse.policy.kept(c, s)),
            checkers: NatoCourse.checkers,
            standing: NatoCourse.policy.standing([{status: "incorrect"}, {status: "invalid"}, {status: "correct"},
                                                  {status: "not_answered"}, {status: "incorrect"}, {status: "to_mark"},
                                                  {status: "recorded"}]),
        })""", [states, hints, policy.WORDS])
    python = {
        "open": [policy.Policy(reveal_after=after, marked=marked).explanation_open(
                     policy.Standing(wrong + solved + submitted, wrong, solved, submitted))
                 for solved, wrong, after, submitted, marked in states],
        "notes": [policy.Policy(reveal_after=after).explanation_note() for after in (1, 2, 3)]
                 + [policy.Policy(marked=True).explanation_note()],
        "shown": [[policy.Policy(marked=marked).shown(status, message) for marked in (False, True)]
                  for status, message in (("not_answered", policy.WORDS["not_answered"]),
                                          ("invalid", policy.WORDS["invalid"].replace("{reason}", "why")),
                                          ("to_mark", policy.WORDS["to_mark"]))],
        "hints": [list(policy.Policy().next_hint(shown, total)) for shown, total in hints],
        "kept": [policy.Policy.kept(c, s) for c, s in ((True, ""), (False, ""), (False, "to_mark"), (False, "recorded"))],
        "checkers": list(types.CHECKERS),
        "standing": dict(vars(policy.standing([{"status": s} for s in ("incorrect", "invalid", "correct",
                                                                         "not_answered", "incorrect", "to_mark",
                                                                         "recorded")]))),
    }
    assert javascript == python
    assert True in python["open"] and False in python["open"]


MODES = [{"assignment": "", "feedback": "instant", "attempts": None, "due": ""},
         {"assignment": "ps1", "feedback": "none", "attempts": None, "due": "2027-03-15"},
         *({"assignment": "ps2", "feedback": "attempts", "attempts": n, "due": ""} for n in (1, 2, 3))]


def test_python_and_javascript_follow_one_policy_in_every_feedback_mode(page, engine_page):
    """Each feedback mode decides the same in engine.js as in policy.py, for a question checked
    automatically and one marked by a person (a written answer): whether the explanation opens and
    what its note says, whether a check is still made, what a check reports, the attempt count's
    words and the mode's description; and a declared mode is read as check_mode reads it."""
    page.goto(engine_page.as_uri())
    states = [(solved, attempts, wrong, submitted) for solved in (False, True) for attempts in range(5)
              for wrong in range(attempts + 1) for submitted in (0, 2) if not solved or attempts > wrong]
    verdicts = [["correct", "Correct."], ["incorrect", "Not yet: no."], ["invalid", "Cannot check this answer: x"],
                ["not_answered", policy.WORDS["not_answered"]], ["not_answered", policy.WORDS["recorded"]],
                ["to_mark", policy.WORDS["to_mark"]]]
    javascript = page.evaluate(
        """([modes, states, verdicts]) => [false, true].map(marked => modes.map(mode => {
            const spec = {reveal_after: 2, check: marked ? "written" : "choice"};
            return {
            open: states.map(([solved, attempts, wrong, submitted]) => NatoCourse.policy.explanationOpen(
                spec, {attempts: attempts, wrong: wrong, solved: solved, submitted: submitted}, mode)),
            note: NatoCourse.policy.explanationNote(spec, mode),
            closed: states.map(([solved, attempts, wrong, submitted]) => NatoCourse.policy.closed(
                mode, {attempts: attempts, wrong: wrong, solved: solved, submitted: submitted}, spec)),
            reported: verdicts.map(([status, message]) => {
                const v = NatoCourse.policy.reported(mode, {status: status, message: message});
                return [v.status, v.message]; }),
            words: NatoCourse.policy.attemptsWords(mode, spec),
            describe: NatoCourse.policy.describe(mode),
            kept: ["correct", "incorrect", "recorded", "to_mark"].map(s => NatoCourse.policy.kept(s === "correct", s)),
        }; }))""", [MODES, states, verdicts])
    python = []
    for marked in (False, True):
        python.append([])
        for mode in MODES:
            rules = policy.Policy(reveal_after=2, feedback=mode["feedback"], attempts=mode["attempts"], marked=marked)
            python[-1].append({
                "open": [rules.explanation_open(policy.Standing(a, w, s, n)) for s, a, w, n in states],
                "note": rules.explanation_note(),
                "closed": [rules.closed(policy.Standing(a, w, s, n)) for s, a, w, n in states],
                "reported": [list(rules.reported(status, message)) for status, message in verdicts],
                "words": rules.attempts_words(),
                "describe": policy.Mode(**mode).describe(),
                "kept": [policy.Policy.kept(s == "correct", s) for s in ("correct", "incorrect", "recorded", "to_mark")],
            })
    written = python[1]
    assert not any(m["closed"][n] for m in written for n in range(len(states)))  # a submission is never judged
    assert all(r == ["to_mark", policy.WORDS["to_mark"]] for m in written for r in m["reported"][-1:])
    assert [any(m["open"]) for m in written] == [True, False, False, False, False]  # graded modes: with the feedback
    assert javascript == python
    declared = [*MODES, {"feedback": "quiz"}, {"feedback": "attempts", "attempts": 0},
                {"feedback": "attempts", "attempts": 21}, {"feedback": "attempts", "attempts": 2.5},
                {"feedback": "none", "attempts": 3}, "instant", None]
    read = page.evaluate("declared => declared.map(d => NatoCourse.policy.mode(d).feedback)", declared)

    def python_reads(value):
        if value is None:
            return "instant"
        try:
            return policy.Mode(feedback=value.get("feedback"), attempts=value.get("attempts")).feedback
        except (ValueError, AttributeError):
            return "none"  # a declared mode that cannot be read gives nothing away
    assert read == [python_reads(d) for d in declared]


def test_every_right_answer_is_right_in_both(page, engine_page):
    """The corpus's right answers really are right (so the parity test covers correct verdicts)."""
    from answer_corpus import jsonable, right_answer, solution_answers

    literals = solution_answers()
    pairs = []
    for question in registry.all():
        if question.marked:  # a written answer is never right: test_python_and_javascript_... compares its aids
            continue
        right = right_answer(question)
        answers = [float(right)] if question.kind in ("number", "data") else (
            [right] if right is not None else literals.get(question.id, []))
        assert answers, f"no right answer known for {question.id}"
        pairs += [(question.id, jsonable(a)) for a in answers]
    page.goto(engine_page.as_uri())
    statuses = run_js(page, [list(p) for p in pairs], False)
    assert all(registry.get(q).check(a).correct for q, a in pairs)
    assert [s[0] for s in statuses] == ["correct"] * len(pairs)


def test_sha256_fallback_matches_python(page, engine_page):
    import hashlib

    page.goto(engine_page.as_uri())
    texts = ["", "abc", "é" * 100, "x" * 55, "x" * 56, "x" * 64, "\U0001f600" * 20, "a\x1eb\x1dc\x1fd"]
    got = page.evaluate("texts => texts.map(t => NatoCourse.sha256Fallback(t))", texts)
    assert got == [hashlib.sha256(t.encode()).hexdigest() for t in texts]


def test_number_formatting_matches_python(page, engine_page):
    page.goto(engine_page.as_uri())
    values = [0.0, -0.0, 1.0, 1.4, 70.7, 3768.1, 123456.0, 1234567.0, 0.0001, 0.00001234, -2.5e-7, 1e15,
              6.2767527970696175, 99.99995, 0.014, 100.0, 1e-05, 33.333333333]
    got = page.evaluate("values => values.map(v => NatoCourse.formatNumber(v))", values)
    assert got == [f"{v:g}" for v in values]
