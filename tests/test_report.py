"""Issue 29: the class report finds what was planted in a simulated class, and refuses bad input.

The class (tests/report_class.py) is drawn from a 2PL item response model with a fixed seed and
holds a question with negative discrimination, an easy and a hard question, a popular distractor
and a copied answer sheet. The report must find each, and its shares and coefficients must agree
with an independent computation (NumPy, or SciPy's pointbiserialr where installed) to 3 decimals.
"""

from __future__ import annotations

import base64
import csv
import io
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natocourse import exercises
from natocourse.engine.answers import canonical_text
from natocourse.tooling.classroom import report as class_report
from natocourse.tooling.classroom.report import ReportError, details, files, lessons, page, stats, write_report
from natocourse.tooling.classroom.report.analysis import analyse
from natocourse.tooling.classroom.report.charts import Chart
from natocourse.tooling.classroom.report.objectives import MASTERED, chapters, course_objectives
from natocourse.tooling.cli import main
from report_class import isclose, planted_distractor_share, simulate

ROOT = Path(__file__).resolve().parents[1]
BANK = {q.id: q for q in exercises.all()}
COLUMNS = ["student", "notebook", "question", "answer", "verdict", "points", "max_points", "reason"]


@pytest.fixture(scope="module")
def simulated():
    return simulate(300)


@pytest.fixture(scope="module")
def built(simulated, tmp_path_factory):
    """The report of the simulated class, its details written with extra columns in reversed order."""
    folder = tmp_path_factory.mktemp("report")
    source = simulated.write(folder / "grades-details.csv", extra=True, shuffle=True)
    out = folder / "report"
    analysis = write_report(source, out)
    return analysis, out


def read_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def items(out: Path) -> dict[str, dict]:
    return {row["question"]: row for row in read_csv(out / "items.csv")}


def write_details(path: Path, rows: list[dict], columns=COLUMNS) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def row(student, question, answer, verdict, points=None):
    points = (1 if verdict == "correct" else 0) if points is None else points
    return {"student": student, "notebook": "ps1.ipynb", "question": question, "answer": answer,
            "verdict": verdict, "points": points, "max_points": 1, "reason": ""}


# ---- what the report finds in the simulated class ----------------------------------------------

def test_items_csv_has_one_row_per_question_and_the_columns_it_promises(built, simulated):
    _, out = built
    rows = read_csv(out / "items.csv")
    assert [r["question"] for r in rows] == simulated.questions  # the simulation lists them in course order
    assert {"question", "n", "p_correct", "discrimination", "top_wrong", "flags"} <= set(rows[0])
    for r in rows:
        j = simulated.questions.index(r["question"])
        assert int(r["n"]) == int(simulated.answered[:, j].sum())


def test_shares_and_discrimination_agree_with_an_independent_computation(built, simulated):
    _, out = built
    found = items(out)
    p, d = simulated.p_correct(), simulated.discrimination()
    for j, qid in enumerate(simulated.questions):
        assert isclose(float(found[qid]["p_correct"]), p[j]), qid
        assert isclose(float(found[qid]["discrimination"]), d[j]), qid


def test_point_biserial_is_pearson_with_a_binary_item():
    rng = np.random.default_rng(3)
    item = rng.integers(0, 2, 200)
    rest = rng.normal(size=200) + item
    assert isclose(stats.point_biserial(item, rest), float(np.corrcoef(item, rest)[0, 1]))
    assert math.isnan(stats.point_biserial(np.ones(10), rest[:10]))  # no variance: undefined, not 0


def test_the_planted_negative_question_is_flagged_check_the_key_and_no_other(built, simulated):
    _, out = built
    found = items(out)
    negative = simulated.planted.negative
    assert float(found[negative]["discrimination"]) < -0.2
    assert stats.FLAG_NEGATIVE in found[negative]["flags"]
    assert [q for q, r in found.items() if stats.FLAG_NEGATIVE in r["flags"]] == [negative]


def test_the_planted_easy_and_hard_questions_are_flagged(built, simulated):
    _, out = built
    found = items(out)
    assert stats.FLAG_EASY in found[simulated.planted.easy]["flags"]
    assert stats.FLAG_HARD in found[simulated.planted.hard]["flags"]
    assert float(found[simulated.planted.easy]["p_correct"]) >= stats.TOO_EASY


def test_the_planted_distractor_is_reported_with_its_share_and_its_feedback(built, simulated):
    _, out = built
    qid, option = simulated.planted.distractor
    expected = planted_distractor_share(simulated)
    shares = {r["option"]: r for r in read_csv(out / "options.csv") if r["question"] == qid}
    assert isclose(float(shares[option]["share"]), expected)
    assert shares[option]["right"] == "no"
    assert shares[option]["feedback"] == exercises.get(qid).feedback[option]
    found = items(out)[qid]
    assert found["top_wrong"] == option and isclose(float(found["top_wrong_share"]), expected)
    assert stats.FLAG_POPULAR in found["flags"]
    text = (out / "index.html").read_text(encoding="utf-8")
    article = text[text.index(f'id="q-{qid}"'):text.index("</article>", text.index(f'id="q-{qid}"'))]
    option_row = re.search(r"<tr><th scope=\"row\">%s</th>.*?</tr>" % re.escape(option), article)[0]
    assert f"{round(100 * expected)} %" in option_row
    assert exercises.get(qid).feedback[option].replace("'", "&#x27;") in option_row


def test_the_copied_answer_sheet_is_the_first_pair_worth_a_look(built, simulated):
    analysis, out = built
    planted = {simulated.planted.copier, simulated.planted.copied}
    pairs = read_csv(out / "pairs.csv")
    assert pairs and {pairs[0]["first"], pairs[0]["second"]} == planted
    assert int(pairs[0]["shared"]) >= 4
    assert all(int(p["shared"]) < int(pairs[0]["shared"]) for p in pairs[1:])
    text = (out / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="worth-a-look"'):text.index('id="how"')]
    assert "worth a look" in section.lower() and "never a verdict" in section
    assert not re.search(r"cheat|plagiar|guilty|copied", section, re.I)


def test_wrong_text_answers_are_counted_after_the_engines_normalisation(built, simulated):
    analysis, out = built
    j = simulated.questions.index("tour-05")
    written = [json.loads(simulated.answers[i][j]) for i in range(len(simulated.students))
               if simulated.verdict(i, j) == "incorrect"]
    expected = {}
    for answer in written:
        expected[canonical_text(answer)] = expected.get(canonical_text(answer), 0) + 1
    assert len(set(written)) > len(expected)  # spellings differ, and are grouped
    rows = {r["answer"]: r for r in read_csv(out / "wrong-answers.csv") if r["question"] == "tour-05"}
    assert {a: int(r["students"]) for a, r in rows.items()} == expected
    assert rows["greece"]["has_feedback"] == "yes" and rows["greece"]["feedback"].startswith("Greece is")
    assert all(r["has_feedback"] == "no" for a, r in rows.items() if a.startswith("unheard-of"))


def test_wrong_numbers_are_grouped_by_value_and_known_ones_carry_their_feedback(built, simulated):
    _, out = built
    j = simulated.questions.index("treaty-05")  # a number question in days, with feedback
    question = exercises.get("treaty-05")
    values = {}
    for i in range(len(simulated.students)):
        verdict, given = simulated.verdict(i, j), json.loads(simulated.answers[i][j] or "null")
        if verdict == "incorrect":
            key = f"{float(given):g} {question.units}"
        elif verdict == "invalid":  # unreadable as a number: kept as text, normalised
            key = canonical_text(given)
        else:
            continue
        values[key] = values.get(key, 0) + 1
    rows = {r["answer"]: r for r in read_csv(out / "wrong-answers.csv") if r["question"] == "treaty-05"}
    assert {a: int(r["students"]) for a, r in rows.items()} == values
    known = [(f"{wrong} {question.units}", why) for wrong, why in question.feedback.items()]
    assert any(shown in rows for shown, _ in known)
    for shown, why in known:
        if shown in rows:
            assert rows[shown]["feedback"] == why and rows[shown]["has_feedback"] == "yes"


def test_objective_mastery_agrees_with_an_independent_computation(built, simulated):
    _, out = built
    declared = {}
    for slug, number, _, objectives in chapters():
        for k, (text, ids) in enumerate(objectives.items(), start=1):
            declared[f"{number}.{k}"] = [simulated.questions.index(q) for q in ids if q in simulated.questions]
    rows = {r["objective"]: r for r in read_csv(out / "objectives.csv")}
    assert set(rows) == {key for key, js in declared.items() if js}
    for key, r in rows.items():
        share = simulated.correct[:, declared[key]].mean(axis=1)  # every student is graded on every question
        assert isclose(float(r["class_mastery"]), float(share.mean())), key
        assert isclose(float(r["mastered_share"]), float((share >= MASTERED).mean())), key


def test_teach_again_names_the_weakest_objectives_and_their_lesson_sections(built):
    analysis, out = built
    rows = sorted(read_csv(out / "objectives.csv"), key=lambda r: float(r["class_mastery"]))
    text = (out / "index.html").read_text(encoding="utf-8")
    section = text[text.index('id="teach-again"'):text.index('id="questions"')]
    shown = re.findall(r"<li><strong>([0-9.]+)</strong>", section)
    assert shown == [r["objective"] for r in rows[:3]]
    for r in rows[:3]:
        assert r["sections"] and r["lesson"].startswith("notebooks/")
        for heading in r["sections"].split("; "):
            assert f"“{page.esc(heading)}”" in section


def test_student_lines_follow_the_gradebook_beside_the_details(simulated, tmp_path):
    source = simulated.write(tmp_path / "grades-details.csv")
    order = list(reversed(simulated.students))
    (tmp_path / "grades.csv").write_text("student,total\n" + "".join(f"{s},0\n" for s in order), encoding="utf-8")
    write_report(source, tmp_path / "report")
    lines = read_csv(tmp_path / "report" / "students.csv")
    assert [r["student"] for r in lines] == order
    last = len(order) - 1  # the first line is the simulation's last student
    assert lines[0]["not_answered"].split() == [q for j, q in enumerate(simulated.questions)
                                                if not simulated.answered[last, j]]
    right = int(simulated.correct[last].sum())
    assert float(lines[0]["points"]) == right
    assert abs(float(lines[0]["percent"]) - 100 * right / len(simulated.questions)) < 0.01


def test_without_a_gradebook_students_come_in_the_graders_order(simulated, tmp_path):
    source = simulated.write(tmp_path / "class.csv")
    analysis = write_report(source, tmp_path / "report")
    assert [line.student for line in analysis.students] == sorted(simulated.students)


def test_attempts_are_shown_where_the_details_record_them_and_said_missing_otherwise(built, simulated, tmp_path):
    _, out = built
    assert all(r["attempts"] == "" for r in read_csv(out / "items.csv"))
    assert "Attempts are not recorded" in (out / "index.html").read_text(encoding="utf-8")
    source = simulated.write(tmp_path / "grades-details.csv", attempts=True)
    write_report(source, tmp_path / "report")
    found = items(tmp_path / "report")
    for j, qid in enumerate(simulated.questions):
        mean = simulated.attempts[simulated.answered[:, j], j].mean()
        assert isclose(float(found[qid]["attempts"]), float(mean)), qid
    assert "Attempts are not recorded" not in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")


def test_the_page_is_self_contained_and_its_figures_have_alt_text_and_a_table(built):
    _, out = built
    text = (out / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text)
    assert "<script" not in text and "@import" not in text and "url(" not in text
    figures = list(re.finditer(r"<figure>(.*?)</figure>", text, re.S))
    assert len(figures) == 4
    for figure in figures:
        alt = re.search(r'alt="([^"]+)"', figure[1])[1]
        assert len(alt.split()) >= 12 and re.search(r"\d", alt)
        assert 'src="data:image/png;base64,' in figure[1]
        assert text[figure.end():].startswith('<div class="scroll"'), "each figure has its table beside it"
    assert "@media print" in text


def test_every_report_figure_draws_only_with_the_palette_and_stays_distinguishable(built):
    from test_colour_vision import confusable_pairs, figure_colours

    _, out = built
    text = (out / "index.html").read_text(encoding="utf-8")
    figures = [base64.b64decode(encoded) for encoded in re.findall(r'src="data:image/png;base64,([^"]+)"', text)]
    assert len(figures) == 4
    for png in figures:
        used, foreign = figure_colours(png)
        assert foreign == [] and used, f"colours outside the palette: {foreign[:5]}"
        assert confusable_pairs(used) == []


# ---- student text is data ------------------------------------------------------------------------

HOSTILE_NAME = '=HYPERLINK("http://evil.example","x")'
HOSTILE_ANSWER = '<img src=x onerror=alert(1)>'


def small_class(rows_per_student=None) -> list[dict]:
    rows = []
    for s in range(8):
        student = HOSTILE_NAME if s == 0 else f"s{s}"
        rows.append(row(student, "tour-05", json.dumps(HOSTILE_ANSWER if s < 3 else "Turkey"),
                        "incorrect" if s < 3 else "correct"))
        rows.append(row(student, "tour-03", json.dumps("-2+3" if s < 4 else 3), "invalid" if s < 4 else "correct"))
        rows.append(row(student, "tour-01", json.dumps("1949-04-04" if s % 2 else "1952-02-18"),
                        "correct" if s % 2 else "incorrect"))
    return rows


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path):
    source = write_details(tmp_path / "d.csv", small_class())
    write_report(source, tmp_path / "report")
    for name in files.FILES[1:]:
        for record in csv.reader(io.StringIO((tmp_path / "report" / name).read_text(encoding="utf-8"))):
            for cell in record:
                assert not cell.startswith(files.FORMULA_START), (name, cell)
    students = (tmp_path / "report" / "students.csv").read_text(encoding="utf-8")
    assert "\"'" + HOSTILE_NAME.replace('"', '""') in students
    wrong = read_csv(tmp_path / "report" / "wrong-answers.csv")
    assert any(r["answer"] == "'-2+3" for r in wrong)


def test_numbers_the_report_computed_stay_numbers_in_the_csv(built, simulated):
    _, out = built
    text = (out / "items.csv").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f'"{simulated.planted.negative}"'))
    assert re.search(r",-0\.\d+,", line)


@given(st.text(max_size=30))
def test_safe_cell_never_starts_like_a_formula_and_keeps_the_text(text):
    cell = files.safe_cell(text)
    assert not cell.startswith(files.FORMULA_START)
    assert cell in (text, "'" + text)


def test_student_text_is_escaped_in_the_page(tmp_path):
    source = write_details(tmp_path / "d.csv", small_class())
    write_report(source, tmp_path / "report")
    text = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert HOSTILE_ANSWER not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert "<img" not in text.replace('<img src="data:image/png;base64,', "")


# ---- bad input gets a clear message and writes nothing -----------------------------------------

BAD_INPUTS = {
    "missing columns": (b"student,question,points\nada,tour-01,1\n", "lacks the column(s) answer, verdict"),
    "empty": (b"", "is empty"),
    "blank": (b"\n\n  \n", "is empty"),
    "header only": (",".join(COLUMNS).encode() + b"\n", "holds no graded question"),
    "latin-1": (",".join(COLUMNS).encode() + b"\nJos\xe9,nb,tour-01,\"x\",incorrect,0,1,\n", "not UTF-8"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not UTF-8"),
    "json": (b'{"student": "ada", "question": "tour-01"}', "lacks the column(s)"),
    "cut row": (",".join(COLUMNS).encode() + b"\nada,nb,tour-01,\"x\"\n", "4 cells where the header has 8"),
    "bad points": (",".join(COLUMNS).encode() + b"\nada,nb,tour-01,\"\"\"x\"\"\",correct,lots,1,\n",
                   "points 'lots' is not a number"),
    "points above max": (",".join(COLUMNS).encode() + b"\nada,nb,tour-01,\"\"\"x\"\"\",correct,3,1,\n",
                         "more than max_points"),
    "no student": (",".join(COLUMNS).encode() + b"\n,nb,tour-01,\"x\",correct,1,1,\n", "no student named"),
    "duplicate column": (b"student,question,answer,verdict,verdict\na,tour-01,x,correct,correct\n",
                         "appears 2 times"),
    "only unknown questions": (",".join(COLUMNS).encode() + b"\nada,nb,zzz-01,\"x\",correct,1,1,\n",
                               "none of its question ids is a question of this course"),
}


@pytest.mark.parametrize("content, message", BAD_INPUTS.values(), ids=list(BAD_INPUTS))
def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path, capsys, content, message):
    source = tmp_path / "grades-details.csv"
    source.write_bytes(content)
    out = tmp_path / "report"
    with pytest.raises(ReportError, match=re.escape(message)) as raised:
        write_report(source, out)
    assert str(source) in str(raised.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["grades-details.csv"]
    assert main(["report", str(source), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "Traceback" not in err and message in err
    assert not out.exists()


def test_a_missing_file_or_a_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ReportError, match="details file not found"):
        write_report(tmp_path / "nope.csv", tmp_path / "out")
    with pytest.raises(ReportError, match="is not a file"):
        write_report(tmp_path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_unknown_question_ids_are_reported_and_the_rest_analysed(tmp_path):
    rows = small_class() + [row(f"s{s}", "nosuch-07", '"x"', "correct") for s in range(1, 8)]
    source = write_details(tmp_path / "d.csv", rows)
    analysis = write_report(source, tmp_path / "report")
    assert [r["question"] for r in read_csv(tmp_path / "report" / "items.csv")] == ["tour-01", "tour-03", "tour-05"]
    assert any("'nosuch-07' (7 rows)" in n for n in analysis.notices)
    assert "nosuch-07" in (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert analysis.students[1].possible == 3  # scores leave the unknown question out


def test_extra_columns_and_any_column_order_are_read_by_name(simulated, tmp_path):
    plain = write_report(simulated.write(tmp_path / "a.csv"), tmp_path / "a")
    shuffled = write_report(simulated.write(tmp_path / "b.csv", extra=True, shuffle=True), tmp_path / "b")
    assert (tmp_path / "a" / "items.csv").read_text() == (tmp_path / "b" / "items.csv").read_text()
    assert [s.p_correct for s in (i.stats for i in plain.items)] == [s.p_correct for s in (i.stats for i in shuffled.items)]


def test_only_the_needed_columns_are_required(tmp_path):
    rows = [{"student": f"s{s}", "question": "tour-01", "answer": json.dumps("1949-04-04"), "verdict": "correct"}
            for s in range(6)]
    source = write_details(tmp_path / "d.csv", rows, columns=["verdict", "answer", "question", "student"])
    analysis = write_report(source, tmp_path / "report")
    assert analysis.students[0].points == 1 and analysis.items[0].stats.p_correct == 1


@pytest.mark.parametrize("size", [1, 4])
def test_a_class_too_small_for_statistics_gets_a_report_without_them_and_is_told_why(tmp_path, size):
    rows = [r for r in small_class() if r["student"] in {f"s{k}" for k in range(1, size + 1)}]
    analysis = write_report(write_details(tmp_path / "d.csv", rows), tmp_path / "report")
    assert any(f"This class has {size} student(s)" in n and "need at least 5" in n for n in analysis.notices)
    found = read_csv(tmp_path / "report" / "items.csv")
    assert all(r["discrimination"] == "" and r["flags"] == "" for r in found)
    assert [r["question"] for r in found] == ["tour-01", "tour-03", "tour-05"]
    if size == 1:
        assert [r["p_correct"] for r in found] == ["1.0", "0.0", "0.0"]
    text = (tmp_path / "report" / "index.html").read_text(encoding="utf-8")
    assert "Not computed: with fewer than 5 students" in text


def test_mastery_counts_the_exercises_graded_for_each_student(tmp_path):
    # coldwar-03 and coldwar-06 practise objective 2.3; s0 was graded on coldwar-06 only
    rows = [row(f"s{k}", "coldwar-03", '"x"', "correct" if k % 2 else "incorrect") for k in range(1, 6)]
    rows += [row(f"s{k}", "coldwar-06", '"Warsaw Pact"', "correct") for k in range(0, 6)]
    write_report(write_details(tmp_path / "d.csv", rows), tmp_path / "report")
    shares = {r["student"]: r["2.3"] for r in read_csv(tmp_path / "report" / "mastery.csv")}
    assert shares == {"s0": "1.0", "s1": "1.0", "s2": "0.5", "s3": "1.0", "s4": "0.5", "s5": "1.0"}
    objective = next(r for r in read_csv(tmp_path / "report" / "objectives.csv") if r["objective"] == "2.3")
    assert isclose(float(objective["class_mastery"]), 5 / 6) and isclose(float(objective["mastered_share"]), 4 / 6)


def test_repeated_answers_count_once_with_the_best_as_in_the_gradebook(tmp_path):
    rows = small_class()
    rows.append(dict(row("s2", "tour-01", json.dumps("1949-04-04"), "correct"), notebook="other.ipynb"))
    analysis = write_report(write_details(tmp_path / "d.csv", rows), tmp_path / "report")
    line = next(line for line in analysis.students if line.student == "s2")
    assert line.points == 1  # tour-01 right in the other notebook; tour-03 unreadable and tour-05 wrong
    assert any("best one counts" in n for n in analysis.notices)


def test_an_unknown_verdict_is_read_as_not_correct_and_reported(tmp_path):
    rows = small_class()
    rows[2]["verdict"] = "pending"
    analysis = write_report(write_details(tmp_path / "d.csv", rows), tmp_path / "report")
    assert any("'pending' (1 rows)" in n for n in analysis.notices)


# ---- the report folder is written whole or not at all -------------------------------------------

def test_an_earlier_report_is_replaced_and_a_stranger_folder_refused(tmp_path):
    source = write_details(tmp_path / "d.csv", small_class())
    out = tmp_path / "report"
    write_report(source, out)
    (out / "index.html").write_text("old", encoding="utf-8")
    write_report(source, out)
    assert (out / "index.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    (out / "thesis.docx").write_text("mine", encoding="utf-8")
    with pytest.raises(ReportError, match="holds files that are not a report"):
        write_report(source, out)
    assert (out / "thesis.docx").read_text() == "mine"
    with pytest.raises(ReportError, match="does not exist"):
        write_report(source, tmp_path / "no" / "such" / "report")


def test_a_failure_while_writing_leaves_the_earlier_report_and_no_partial_folder(tmp_path, monkeypatch):
    source = write_details(tmp_path / "d.csv", small_class())
    out = tmp_path / "report"
    write_report(source, out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(report, folder):
        (folder / "items.csv").write_text("half", encoding="utf-8")
        raise OSError("disk full")

    monkeypatch.setattr(class_report.tables, "write_tables", broken)
    with pytest.raises(OSError, match="disk full"):
        write_report(source, out)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.csv", "report"]


# ---- the command line -------------------------------------------------------------------------

def test_the_report_command_writes_the_folder_and_says_where(tmp_path, capsys):
    source = write_details(tmp_path / "grades-details.csv", small_class())
    assert main(["report", str(source), "--out", str(tmp_path / "report")]) == 0
    said = capsys.readouterr().out
    assert str(tmp_path / "report" / "index.html") in said and "open it in a browser" in said
    assert sorted(p.name for p in (tmp_path / "report").iterdir()) == sorted(files.FILES)


def test_grade_with_report_writes_the_report_from_the_details_it_wrote(tmp_path, monkeypatch, capsys):
    from natocourse.tooling.classroom import grading

    calls = []

    def fake_grade_paths(paths, *, out, **options):
        calls.append(out)
        write_details(Path(out).with_name(Path(out).stem + "-details.csv"), small_class())
        return []

    monkeypatch.setattr(grading, "grade_paths", fake_grade_paths)
    out = tmp_path / "grades.csv"
    assert main(["grade", str(tmp_path), "--out", str(out), "--report", str(tmp_path / "class-report")]) == 0
    assert (tmp_path / "class-report" / "index.html").exists()
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    assert main(["grade", str(tmp_path), "--out", str(out), "--report", str(tmp_path / "taken")]) == 2
    assert len(calls) == 1, "a --report folder that cannot be written is refused before grading"
    assert "holds files that are not a report" in capsys.readouterr().err


# ---- where the lessons teach each objective ----------------------------------------------------

#: Checked by hand against the lessons: the sections that teach each objective. The derived best
#: section must be one of them.
TAUGHT = {
    "2.1": {"Three Cold War enlargements", "Why an alliance in 1949"},
    "2.2": {"Why an alliance in 1949"},
    "2.3": {"The Cold War on one line"},
    "2.4": {"France and the integrated command"},
    "2.5": {"What the allies spent"},
    "3.1": {"The end of the Soviet bloc"},
    "3.2": {"1990: what was Gorbachev told? › Two readings", "1990: what was Gorbachev told? › The record",
            "1990: what was Gorbachev told?"},
    "3.3": {"Enlargement, 1999-2024", "Enlargement, 1999-2024 › Explore: the alliance at the end of any year"},
    "3.4": {"New missions › Article 5 and Afghanistan", "New missions › The Balkans", "New missions"},
    "3.5": {"Ukraine's path", "From Crimea to Finland and Sweden"},
    "4.1": {"Article 3: preparing together", "Article 4: consultation",
            "Article 5: an attack on one is an attack on all", "Article 10: invitations to join",
            "Article 13: leaving"},
    "4.2": {"Article 5: an attack on one is an attack on all"},
    "4.3": {"Article 5: an attack on one is an attack on all › Deterrence depends on belief"},
    "4.4": {"Article 10: invitations to join"},
    "4.5": {"Article 13: leaving"},
    "5.1": {"What the Constitution says, and does not say", "Two views of the President's power",
            "Congress acts: 22 U.S.C. 1928f"},
    "5.2": {"The Taiwan precedent", "The Taiwan precedent › *Goldwater v. Carter* (1979)"},
    "5.3": {"Congress acts: 22 U.S.C. 1928f"},
    "5.4": {"The year after notice", "The NATO Act: H.R. 6508 and S. 2174"},
    "5.5": {"Open legal questions"},
    "6.1": {"What the bill would do", "Two bills, one text"},
    "6.2": {"The 18 findings"},
    "6.3": {"How the bill would become law", "Where the bills stand"},
    "7.1": {"Three helpers for your own checks", "Dates and counts: findings 1, 2, 4, 7 and 10",
            "The burden and the balance: findings 12 and 16"},
    "7.2": {"The Wales pledge: findings 13 and 14", "Every finding, with its verdict"},
    "7.3": {"Checked against sources, not data: findings 5, 9 and 11"},
    "8.1": {"The targets: 2 %, Wales and The Hague"},
    "8.2": {"Share of GDP or dollars?", "The US share of the allies' spending"},
    "8.3": {"National spending versus NATO's common budgets"},
    "8.4": {"An economic theory of alliances"},
    "9.1": {"Position 1: leave NATO", "Position 2: stay — the case for the alliance",
            'Position 3: the administration, from burden-shifting (2025) to "considering" withdrawal (2026)',
            "Position 4: the critique of burden-shifting (2025)"},
    "9.2": {"Facts, predictions and values"},
    "9.3": {"A structured debate for class", "What the data can bring to the debate"},
    "10.1": {"Try it: the lab", "A scenario: every European ally at 3.5 %", "What would replace the United States?"},
    "10.2": {"What would replace the United States?"},
    "10.3": {"What would replace the United States?", "A scenario: every European ally at 3.5 %"},
}


def test_every_objective_is_placed_in_a_section_of_its_own_lesson_checked_by_hand():
    found = {o.key: o for o in course_objectives(BANK)}
    assert set(found) == set(TAUGHT), "a chapter's objectives changed: check the table by hand"
    for key, objective in found.items():
        number = int(key.split(".")[0])
        assert objective.lesson.startswith(f"notebooks/{number:02d}-"), key
        headings = {h for h, _ in lessons.sections(ROOT / objective.lesson)}
        assert objective.sections and set(objective.sections) <= headings, key
        assert objective.sections[0] in TAUGHT[key], (key, objective.text, objective.sections)


def test_sections_leave_out_the_summary_discussion_and_objectives_box():
    headings = [h for h, _ in lessons.sections(ROOT / "notebooks" / "02-cold-war.ipynb")]
    assert headings[0] == "Why an alliance in 1949"
    assert not any(h.startswith(("Summary", "For discussion")) for h in headings)


def test_without_the_lessons_objectives_are_still_reported(tmp_path):
    objectives = course_objectives(BANK, root=tmp_path)
    assert objectives and all(o.lesson == "" and o.sections == () for o in objectives)


# ---- property tests over the details input -----------------------------------------------------

QUESTIONS = ["tour-01", "tour-02", "tour-03", "tour-05", "tour-06", "tour-07", "tour-08", "coldwar-02", "nosuch-01"]
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)
ANSWERS = st.one_of(TEXT, TEXT.map(json.dumps), st.integers(-10**6, 10**6).map(json.dumps),
                    st.lists(TEXT, max_size=4).map(json.dumps),
                    st.sampled_from(["1949-04-04", '"Turkey"', "", "{", '"<b>x</b>"', "<script>alert(1)</script>",
                                     '"=1+1"']))
NAMES = st.one_of(st.sampled_from(["ada", "bo", "=cmd|' /C calc'!A0", "<b>x</b>", "cy", "di", "ed"]),
                  TEXT.filter(str.strip))
ROWS = st.lists(st.fixed_dictionaries({
    "student": NAMES, "question": st.sampled_from(QUESTIONS), "answer": ANSWERS,
    "verdict": st.sampled_from([*details.VERDICTS, "weird"]),
    "points": st.sampled_from(["0", "1", "", "0.5"]), "max_points": st.sampled_from(["1", "", "2"]),
}), min_size=1, max_size=40)
OBJECTIVES = course_objectives(BANK)
STUB = Chart("data:image/png;base64,", "alt text", "caption")
#: Every element the page writes itself: anything else came from student text.
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "h3", "p", "code", "nav",
             "ul", "ol", "li", "main", "section", "article", "div", "table", "caption", "thead", "tbody", "tr", "th",
             "td", "figure", "img", "figcaption", "span", "strong", "dl", "dt", "dd", "footer"}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS)
def test_any_well_formed_details_file_gives_a_sound_report_with_no_student_markup(tmp_path, rows):
    source = write_details(tmp_path / "d.csv", rows, columns=["student", "question", "answer", "verdict", "points",
                                                              "max_points"])
    try:
        analysis = analyse(details.read(source), BANK, OBJECTIVES)
    except ReportError as error:  # only a file naming no question of the course is refused
        assert "none of its question ids" in str(error) and str(source) in str(error)
        return
    students = {r["student"].strip() for r in rows}
    assert set(analysis.grid.students) == students
    for item in analysis.items:
        s = item.stats
        assert 0 <= s.n <= len(students) and s.n_correct <= s.n
        assert math.isnan(s.p_correct) if s.n == 0 else 0 <= s.p_correct <= 1
        assert math.isnan(s.discrimination) or -1 <= s.discrimination <= 1
        assert sum(w.count for w in item.answers.wrong) == s.n - s.n_correct
    text = page.render(analysis, {"items": STUB, "scores": STUB, "objectives": STUB, "heat": STUB})
    tags = {tag.name for tag in BeautifulSoup(text, "html.parser").find_all(True)}
    assert tags <= PAGE_TAGS, f"markup from the details file reached the page: {tags - PAGE_TAGS}"
    assert text.count("<table") == text.count("</table>")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=ROWS, column=st.sampled_from(["student", "points", "max_points"]), junk=TEXT, at=st.integers(0, 39))
def test_a_details_file_with_a_bad_cell_is_refused_with_its_line(tmp_path, rows, column, junk, at):
    valid = {"student": lambda t: bool(t.strip()), "points": _is_points, "max_points": _is_points}[column]
    if valid(junk):
        return
    at = at % len(rows)
    rows = [dict(r) for r in rows]
    rows[at][column] = junk
    if column == "points":
        rows[at]["max_points"] = "1000"
    source = write_details(tmp_path / "d.csv", rows, columns=["student", "question", "answer", "verdict", "points",
                                                              "max_points"])
    with pytest.raises(ReportError) as raised:
        analyse(details.read(source), BANK, OBJECTIVES)
    assert str(source) in str(raised.value) and f"line {at + 2}" in str(raised.value)


def _is_points(text: str) -> bool:
    try:
        return not text.strip() or (math.isfinite(float(text)) and float(text) >= 0)
    except ValueError:
        return False
