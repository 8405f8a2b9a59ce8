"""One verdict everywhere: the book's JavaScript checker agrees with Python on every answer tried.

The corpus (tests/answer_corpus.py) holds, for all questions, the right answers, the variants a
reader would write, near misses and hostile input. Python checks each; the same JSON goes to
engine.js in Chromium, once with Web Crypto and once with the engine's own SHA-256, from file://.
Statuses must be equal everywhere: 0 disagreements. The count compared is printed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from natocourse import exercises
from natocourse.engine import export

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from answer_corpus import corpus  # noqa: E402

REPORTS = Path(__file__).resolve().parents[2] / "_build" / "reports"
PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>parity</title>
<script src="natocourse/engine-data.js"></script><script src="natocourse/questions.js"></script>
<script src="natocourse/engine.js"></script></head><body><main><article></article></main></body></html>"""


@pytest.fixture(scope="module")
def engine_page(tmp_path_factory):
    """A bare page with the engine's three scripts, written fresh from Python."""
    folder = tmp_path_factory.mktemp("parity")
    export.write_assets(folder)
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    return folder / "index.html"


def run_js(page, pairs, fallback: bool) -> list[str]:
    return page.evaluate(
        """async ([pairs, fallback]) => {
            NatoCourse.settings.forceFallbackHash = fallback;
            const out = [];
            for (const [id, answer] of pairs) out.push((await NatoCourse.check(id, answer)).status);
            return out;
        }""", [pairs, fallback])


@pytest.mark.parametrize("fallback", [False, True], ids=["web-crypto-or-native", "own-sha256"])
def test_python_and_javascript_give_the_same_verdicts(page, engine_page, fallback, capsys):
    pairs = corpus()
    python = [exercises.get(qid).check(answer).status for qid, answer in pairs]
    page.goto(engine_page.as_uri())
    javascript = run_js(page, [list(p) for p in pairs], fallback)
    disagreements = [(qid, answer, p, j) for (qid, answer), p, j in zip(pairs, python, javascript) if p != j]
    questions = {qid for qid, _ in pairs}
    statuses = {s: python.count(s) for s in sorted(set(python))}
    how = "own SHA-256" if fallback else "Web Crypto" if page.evaluate("isSecureContext") else "own SHA-256 (no secure context)"
    line = (f"engine parity, Python vs JavaScript ({how}): {len(pairs)} answers over {len(questions)} questions "
            f"compared, {len(disagreements)} disagreements; Python verdicts {statuses}")
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"engine-parity-{'own-sha256' if fallback else 'web-crypto'}.txt").write_text(line + "\n")
    with capsys.disabled():
        print("\n" + line)
    assert questions == {q.id for q in exercises.all()}
    assert {"correct", "incorrect", "invalid", "not_answered"} <= set(python)
    assert not disagreements, "\n".join(
        f"{qid}: {json.dumps(answer, ensure_ascii=True)[:80]} python={p} js={j}" for qid, answer, p, j in disagreements[:25])
    assert not page.problems.items


def test_every_right_answer_is_right_in_both(page, engine_page):
    """The corpus's right answers really are right (so the parity test covers correct verdicts)."""
    from answer_corpus import jsonable, right_answer, solution_answers

    literals = solution_answers()
    pairs = []
    for question in exercises.all():
        right = right_answer(question)
        answers = [float(right)] if question.kind in ("number", "data") else (
            [right] if right is not None else literals.get(question.id, []))
        assert answers, f"no right answer known for {question.id}"
        pairs += [(question.id, jsonable(a)) for a in answers]
    page.goto(engine_page.as_uri())
    statuses = run_js(page, [list(p) for p in pairs], False)
    assert all(exercises.get(q).check(a).correct for q, a in pairs)
    assert statuses == ["correct"] * len(pairs)


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
