"""Written answers through the classroom pipeline: graded "to mark", marked with the rubric, merged.

A class submits notebooks with written answers (in the widget, in code, hostile, empty). ``grade``
gives them the verdict "to_mark" (never wrong) and writes the to-mark file; the instructor marks
them in the marking view (driven here through the messages its page sends, as the JupyterLab test
drives it by keyboard), which saves every mark as it is given and resumes where it stopped;
``grade --marks`` merges the marks into the gradebook, the details, the feedback files and a marks
CSV, where no student text runs as markup or as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import nbformat
import pytest

from natocourse.engine import registry
from natocourse.engine.records import bundle as answers_bundle
from natocourse.tooling.classroom import marking, marks, score, submissions
from natocourse.tooling.cli import main

SETUP = "from natocourse import exercises"
QID = "factcheck-05"
ANN = ('Finding 14 says "nearly 1/3" of allies fail the pledge. In 2024, by the April 2025 release, 9 of 31 '
       "allies were below 2 %: 29 %. <script>alert('ann')</script> **not bold** =HYPERLINK(\"http://x\")")
BEN = "For 2023 the March 2024 report lists 30 allies and 19 were below 2 %: the finding undercounts."
LIMITS = ["--timeout", "60", "--jobs", "2"]


def widget_output(qid, *answers):
    return nbformat.v4.new_output("display_data", data=answers_bundle(
        qid, [{"answer": a, "time": "2026-12-01T09:00:00Z"} for a in answers]))


def notebook(path: Path, *cells, outputs=None) -> Path:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    for index, outs in (outputs or {}).items():
        nb.cells[index].outputs = outs
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """A class graded once: ann answered in the widget, ben in code (two notebooks, run side by side)."""
    folder = tmp_path_factory.mktemp("class")
    subs = folder / "subs"
    notebook(subs / "ann.ipynb", SETUP, f'exercises.show("{QID}")', outputs={1: [widget_output(QID, "draft", ANN)]})
    notebook(subs / "ben.ipynb", SETUP, f"answer = {BEN!r}\nexercises.check({QID!r}, answer)")
    out = folder / "grades.csv"
    assert main(["grade", str(subs), "--out", str(out), "--points", f"{QID}=5", *LIMITS]) == 0
    return folder, subs, out


def rows_of(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_grading_collects_written_answers_to_mark_never_as_wrong(graded, capsys):
    folder, _, out = graded
    details = {r["student"]: r for r in rows_of(folder / "grades-details.csv")}
    assert {s: details[s]["verdict"] for s in details} == {"ann": "to_mark", "ben": "to_mark"}
    assert "to mark with the rubric" in details["ann"]["reason"] and "answered in widget" in details["ann"]["reason"]
    assert "answered in code" in details["ben"]["reason"]
    assert {r["student"]: r[QID] for r in rows_of(out)} == {"ann": "0", "ben": "0"}
    bank = {q.id: q for q in registry.all()}
    [cat] = score.score(submissions.Submission("cat", "cat.ipynb", questions=[QID]), bank, {QID: 5})
    [blank] = score.score(submissions.Submission("dee", "dee.ipynb", widget={QID: ["  \n "]}), bank, {QID: 5})
    assert (cat.verdict, blank.verdict, cat.points, blank.points) == ("not_answered", "not_answered", 0, 0)
    to_mark = marks.load_to_mark(marks.paths(out)["to_mark"])
    texts = {a["student"]: a["text"] for a in to_mark["answers"]}
    assert texts == {"ann": ANN, "ben": BEN}  # the whole text, the last widget answer
    assert to_mark["questions"][QID]["rubric"] == registry.get(QID).spec()["rubric"]
    assert all(a["code"].startswith("S-") and a["student"] not in a["code"] for a in to_mark["answers"])
    assert [a["aids"][0]["kind"] for a in to_mark["answers"]] == ["words", "words"]


def test_no_cell_of_the_reports_starts_a_formula(graded):
    folder, _, out = graded
    for name in (out, folder / "grades-details.csv"):
        for row in rows_of(name):
            assert not [v for v in row.values() if v and v[0] in "=+-@"], (name, row)


def rows_from(folder: Path) -> list:
    """The rows of the class as grading scored them, rebuilt from the details and the to-mark file."""
    texts = {(a["student"], a["question"]): a["text"] for a in marks.load_to_mark(folder / "grades-to-mark.json")["answers"]}
    return [score.Row(d["student"], d["notebook"], d["question"], d["answer"], "to_mark", 0.0,
                      float(d["max_points"]), d["reason"], text=texts.get((d["student"], d["question"]), ""))
            for d in rows_of(folder / "grades-details.csv") if (d["student"], d["question"]) in texts]


def send(view: marking.MarkingWidget, **message) -> None:
    """What the page sends: every mark and comment names the answer it is for."""
    view._handle(view, {"question": view.question, "code": view.current.get("code"), **message}, [])


@pytest.fixture(scope="module")
def marked(graded):
    """The instructor marks the class in the marking view, closing it halfway and coming back;
    what the view showed and said along the way, for the tests to look at."""
    folder, _, out = graded
    where = marks.paths(out)
    seen: dict = {}
    view = marking.view(where["to_mark"])
    seen["start"] = (view.marks_file, view.question, view.blind, json.dumps(view.get_state(), default=str),
                     [a["code"] for a in view.answers()], view.card["code"])
    first = view.current["student"]
    rubric = view.rubric
    seen["saved at once"] = []
    for criterion, points in zip((c["criterion"] for c in rubric), (2, 1, 4, 2)):
        send(view, event="mark", criterion=criterion, points=points)
        lines = where["marks"].read_text(encoding="utf-8").splitlines()
        seen["saved at once"].append(json.loads(lines[-1])["criterion"] == criterion)
    seen["after the first"] = view.status
    send(view, event="comment", text='=HYPERLINK("http://x") <b>good</b> | evidence')
    send(view, event="go", to="next")
    second = view.current["student"]
    send(view, event="mark", criterion=rubric[0]["criterion"], points=5)  # no such level
    seen["no such level"] = view.status
    send(view, event="mark", criterion=rubric[0]["criterion"], points=2)
    view._handle(view, {"event": "mark", "question": QID, "code": "S-NOPE", "criterion": rubric[1]["criterion"],
                        "points": 2}, [])
    seen["another answer"] = view.status
    del view  # the tab closes: nothing is lost, and the next view starts where marking stopped
    again = marking.view(where["to_mark"])
    seen["resumed"] = (again.current["student"], dict(again.given))
    again._handle(again, {"event": "blind", "value": False}, [])
    seen["unblinded"] = (again.card["name"], again.blind)
    for criterion, points in zip((c["criterion"] for c in rubric[1:]), (2, 2, 0)):
        send(again, event="mark", criterion=criterion, points=points)
    send(again, event="go", to="previous")
    seen["back"] = (again.current["student"], again.comment_text, [q["marked"] for q in again.questions])
    return seen, first, second, rubric


def test_marking_blind_saving_each_mark_and_resuming(graded, marked):
    folder, _, out = graded
    seen, first, second, rubric = marked
    marks_file, question, blind, state, codes, shown = seen["start"]
    assert marks_file == marks.paths(out)["marks"] and question == QID and blind
    assert '"name": ""' in state and not any(f'"{name}"' in state for name in ("ann", "ben"))
    assert codes == sorted(codes) and shown == codes[0]
    assert seen["saved at once"] == [True] * 4  # each mark in the file the moment it was given
    assert seen["after the first"].startswith("Saved: Caveats 2 of 2") and "S-" in seen["after the first"]
    assert first not in seen["after the first"]
    assert seen["no such level"].startswith("Not saved: The finding has no level worth 5")
    assert seen["another answer"].startswith("Not saved: the view had moved")
    assert seen["resumed"] == (second, {rubric[0]["criterion"]: 2.0})
    assert seen["unblinded"] == (second, False)
    student, comment, progress = seen["back"]
    assert student == first and comment.startswith("=HYPERLINK") and progress == [2]


def test_moving_to_the_next_answer_reaches_the_page_in_one_message(graded, marked, monkeypatch):
    """The card, its marks and its comment travel together: sent one by one, the page drew the next
    answer with the previous one's comment in the box, and Enter saved it there (seen in CI)."""
    folder, _, out = graded
    view = marking.view(marks.paths(out)["to_mark"])
    sent: list[set] = []
    monkeypatch.setattr(view, "send_state", lambda key=None: sent.append(
        set([key] if isinstance(key, str) else key or ())))
    send(view, event="go", to="next")
    moves = [keys for keys in sent if "card" in keys]
    assert moves and all({"card", "given", "comment_text"} <= keys for keys in moves), sent


def test_grade_with_marks_fills_the_gradebook_details_feedback_and_marks_csv(graded, marked, capsys):
    folder, subs, out = graded
    where = marks.paths(out)
    assert main(["grade", str(subs), "--out", str(out), "--points", f"{QID}=5", "--marks", str(where["marks"]),
                 *LIMITS]) == 0
    details = {r["student"]: r for r in rows_of(folder / "grades-details.csv")}
    gradebook = {r["student"]: r for r in rows_of(out)}
    by_student = {a["student"]: a for a in marks.load_to_mark(where["to_mark"])["answers"]}
    assert details["ann"]["verdict"] == details["ben"]["verdict"] == "marked"
    first, second = [a["student"] for a in marks.load_to_mark(where["to_mark"])["answers"]]  # marking order
    totals = {first: (9, "The finding 2 of 2; Verdict 1 of 2; Evidence 4 of 4; Caveats 2 of 2"),
              second: (6, "The finding 2 of 2; Verdict 2 of 2; Evidence 2 of 4; Caveats 0 of 2")}
    for student, (total, listed) in totals.items():
        assert details[student]["reason"].startswith(f"marked with the rubric: {total} of 10 ({listed})")
        assert float(gradebook[student][QID]) == pytest.approx(5 * total / 10)
    feedback = (folder / "feedback" / "grades" / f"{first}.md").read_text(encoding="utf-8")  # feedback/<assignment>/
    assert "**Marked with the rubric: 9 of 10.**" in feedback
    assert "| Verdict | A verdict that overstates the evidence, or hedges without saying what it depends on. | 1 of 2 |" in feedback
    assert "```text\n=HYPERLINK(\"http://x\") <b>good</b>" in feedback
    ann = (folder / "feedback" / "grades" / "ann.md").read_text(encoding="utf-8")
    assert "```text\n" + ANN + "\n```" in ann
    assert "<script>" not in ann.replace("```text\n" + ANN + "\n```", "")  # only inside its fenced block
    marks_csv = rows_of(where["csv"])
    assert {(r["student"], r["criterion"], r["points"]) for r in marks_csv} >= {(first, "Evidence", "4"),
                                                                                (second, "Caveats", "0")}
    assert all(not (v or " ")[0] in "=+-@" for r in marks_csv for v in r.values())
    assert [r["comment"] for r in marks_csv if r["student"] == first][0].startswith("'=HYPERLINK")
    assert by_student["ann"]["sha256"] == marks.sha256(ANN)
    assert "2 marked" in capsys.readouterr().err


def test_grade_only_one_student_keeps_the_others_written_answers_whole_and_merges_their_marks(graded, marked,
                                                                                           tmp_path, capsys):
    """``grade --only`` (issue 24) reads the other students' rows back from the details file, which
    cuts answers to 300 characters: their whole written texts come from the to-mark file, so their
    answers stay markable and their marks merge again; without that file it refuses, writing nothing."""
    import shutil

    folder, subs, out = graded
    copy = tmp_path / "class"
    shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("subs", "feedback"))
    out, where = copy / "grades.csv", marks.paths(copy / "grades.csv")
    long = "A longer fact-check. " * 40  # over the details file's 300 characters
    ben = {**json.loads(where["to_mark"].read_text(encoding="utf-8"))}
    for answer in ben["answers"]:
        if answer["student"] == "ben":
            answer["text"], answer["sha256"] = BEN + long, marks.sha256(BEN + long)
    where["to_mark"].write_text(json.dumps(ben), encoding="utf-8")
    lines = [json.loads(line) for line in where["marks"].read_text(encoding="utf-8").splitlines()]
    with where["marks"].open("a", encoding="utf-8") as handle:  # ben's marks, given to his longer text
        for line in lines:
            if line["student"] == "ben":
                handle.write(json.dumps({**line, "sha256": marks.sha256(BEN + long)}) + "\n")
    assert main(["grade", str(subs), "--out", str(out), "--points", f"{QID}=5", "--only", "ann",
                 "--marks", str(where["marks"]), *LIMITS]) == 0
    details = {r["student"]: r for r in rows_of(copy / "grades-details.csv")}
    assert details["ann"]["verdict"] == details["ben"]["verdict"] == "marked"
    first = marks.load_to_mark(where["to_mark"])["answers"][0]["student"]  # marking order: 9 first, then 6
    assert details["ben"]["reason"].startswith(f"marked with the rubric: {9 if first == 'ben' else 6} of 10")
    texts = {a["student"]: a["text"] for a in marks.load_to_mark(where["to_mark"])["answers"]}
    assert texts == {"ann": ANN, "ben": BEN + long}  # whole, never the details file's cut answer
    assert {r["student"] for r in rows_of(where["csv"])} == {"ann", "ben"}
    where["to_mark"].unlink()
    before = out.read_text(encoding="utf-8")
    assert main(["grade", str(subs), "--out", str(out), "--points", f"{QID}=5", "--only", "ann", *LIMITS]) == 2
    assert "needs grades-to-mark.json" in capsys.readouterr().err and out.read_text(encoding="utf-8") == before


def test_an_answer_changed_since_it_was_marked_is_to_mark_again(graded, marked, tmp_path):
    folder, _, out = graded
    bank = {q.id: q for q in registry.all()}
    changed = submissions.Submission("ann", "ann.ipynb", widget={QID: [ANN + " One more sentence."]})
    [row] = score.score(changed, bank, {QID: 5})
    [merged], done = marks.apply([row], marks.read(marks.paths(out)["marks"]), bank)
    assert merged.verdict == "to_mark" and "has changed since: mark it again" in merged.reason and not done


def test_a_damaged_marks_file_is_read_up_to_its_damage_and_a_wrong_one_is_refused(graded, marked, tmp_path, capsys):
    folder, subs, out = graded
    good = marks.paths(out)["marks"].read_text(encoding="utf-8")
    torn = tmp_path / "torn.jsonl"
    torn.write_text(good + '{"question": "factcheck-05", "stud', encoding="utf-8")
    read = marks.read(torn)
    assert read.skipped == [f"torn.jsonl line {len(good.splitlines()) + 1}: not a mark; skipped"]
    assert len(read.given) == 2
    wrong = tmp_path / "wrong.jsonl"
    line = json.loads(good.splitlines()[0])
    wrong.write_text(json.dumps({**line, "criterion": "Style", "points": 1}) + "\n", encoding="utf-8")
    bank = {q.id: q for q in registry.all()}
    rows = [r for r in rows_from(folder) if r.verdict == "to_mark" or r.question != QID]
    with pytest.raises(submissions.GradingError, match="has no criterion 'Style'"):
        marks.merge(rows, tmp_path / "g.csv", bank, wrong)  # refused before any report is made
    elsewhere = tmp_path / "g.csv"
    assert main(["grade", str(subs / "ann.ipynb"), "--out", str(elsewhere), "--marks", str(tmp_path / "none.jsonl")]) == 2
    assert "marks file not found" in capsys.readouterr().err and not elsewhere.exists()


def test_the_mark_command_writes_the_marking_notebook_once(graded, capsys, tmp_path):
    folder, _, out = graded
    to_mark = marks.paths(out)["to_mark"]
    assert main(["mark", str(to_mark)]) == 0
    notebook_path = folder / "grades-marking.ipynb"
    nb = nbformat.read(notebook_path, as_version=4)
    assert "marking.view(" in nb.cells[1].source and str(to_mark) in nb.cells[1].source
    assert "2 written answer(s) of 1 question(s) to mark" in capsys.readouterr().out
    nb.cells[0].source += "\n\nmy notes"
    nbformat.write(nb, notebook_path)
    assert main(["mark", str(to_mark)]) == 0 and "my notes" in notebook_path.read_text(encoding="utf-8")
    bogus = tmp_path / "x-to-mark.json"
    bogus.write_text("{}", encoding="utf-8")
    assert main(["mark", str(bogus)]) == 2 and "is not a to-mark file" in capsys.readouterr().err


def test_literal_and_cell_keep_text_as_data():
    assert marks.literal("a ``` b") == "````text\na ``` b\n````"
    assert [marks.cell(v) for v in ("=1+1", "+1", "-1", "@x", "\tx", "ok", 3)] == ["'=1+1", "'+1", "'-1", "'@x", "'\tx", "ok", 3]


def test_the_class_report_leaves_written_answers_out_of_its_item_analysis(tmp_path):
    """The class report (issue 29) counts right and wrong; a written answer is neither."""
    from natocourse.tooling.classroom.report import details

    path = tmp_path / "grades-details.csv"
    path.write_text("student,notebook,question,answer,verdict,points,max_points,reason\n"
                    "ann,a.ipynb,tour-01,\"\"\"1949-04-04\"\"\",correct,1,1,ok\n"
                    "ann,a.ipynb,factcheck-05,\"\"\"text\"\"\",to_mark,0,5,to mark\n"
                    "ben,b.ipynb,factcheck-05,\"\"\"text\"\"\",marked,4,5,marked\n", encoding="utf-8")
    read = details.read(path)
    assert [(e.student, e.question) for e in read.entries] == [("ann", "tour-01")]
    assert any("2 written answer(s)" in n for n in read.notices)
    assert not any("do not know" in n for n in read.notices)
