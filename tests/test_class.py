"""A term with a real class: who handed in what, a class list, deadlines, statuses, feedback a
student can read, and files an LMS takes (issue 24).

Most tests feed one step made-up input and need no kernel (who handed in what, the class list,
deadlines, the roll, feedback, the LMS exports, each parsed back by the rules its LMS documents).
One test grades a class of 33 hand-ins end to end, every layout at once, with the smallest
notebooks that prove the point; one collects from homes with a snapshot.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from pathlib import Path

import nbformat
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natocourse.engine.answers import Unreadable, serialise
from natocourse.engine.records import bundle as answers_bundle
from natocourse.tooling.classroom import (deadlines, feedback, gradebook, grading, lms, roll, roster, score,
                                          submissions)
from natocourse.tooling.classroom.score import Row
from natocourse.tooling.classroom.submissions import GradingError, Handin, Submission
from natocourse.tooling.cli import main

SETUP = "from natocourse import exercises"
BRUSSELS = "Europe/Brussels"


def notebook(path: Path, *sources, metadata=None, outputs=None) -> Path:
    cells = [nbformat.v4.new_code_cell(s) for s in sources]
    for index, outs in (outputs or {}).items():
        cells[index].outputs = outs
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=cells, metadata=metadata or {}), path)
    return path


def touch(path: Path, when: dt.datetime) -> None:
    os.utime(path, (when.timestamp(), when.timestamp()))


def who(paths, assignment=None) -> dict[str, str]:
    """``{path relative to its given folder's parent: student}`` from :func:`submissions.handins`."""
    found = submissions.handins(paths, assignment=assignment)
    return {h.path.name if not h.path.parent.name else h.path.relative_to(Path(paths[0]).parent).as_posix():
            h.student for h in found}


# ---- who handed in what -----------------------------------------------------------------------------

def test_a_student_is_the_folder_they_handed_in_from_whatever_the_notebook_is_called(tmp_path):
    subs = tmp_path / "subs"
    for name in ("ann/ps1.ipynb", "ben/my answers.ipynb", "cy/work/ps1.ipynb", "dee/.ipynb_checkpoints/ps1-checkpoint.ipynb",
                 "dee/ps1.ipynb"):
        notebook(subs / name)
    assert who([subs], "ps1") == {"subs/ann/ps1.ipynb": "ann", "subs/ben/my answers.ipynb": "ben",
                                  "subs/cy/work/ps1.ipynb": "cy", "subs/dee/ps1.ipynb": "dee"}
    assert who([subs]) == who([subs], "ps1")  # without the assignment's name too


def test_nbgraders_submitted_layout_names_the_student_not_the_assignment(tmp_path):
    submitted = tmp_path / "submitted"
    for student in ("ann", "ben"):
        notebook(submitted / student / "ps1" / "ps1.ipynb")
    assert {h.student for h in submissions.handins([submitted], assignment="ps1")} == {"ann", "ben"}
    alone = submissions.handins([submitted / "ann" / "ps1" / "ps1.ipynb"], assignment="ps1")
    assert [h.student for h in alone] == ["ann"]  # a file given alone: the folder it was handed in from


def test_one_file_per_student_is_named_for_its_student(tmp_path):
    subs = tmp_path / "subs"
    for name in ("ann_ps1.ipynb", "ps1-ben.ipynb", "cy.ipynb", "dee.ps1.ipynb", "eve ps1.ipynb"):
        notebook(subs / name)
    assert sorted(h.student for h in submissions.handins([subs], assignment="ps1")) == ["ann", "ben", "cy", "dee", "eve"]
    notebook(tmp_path / "chapters" / "fay_02-cold-war.ipynb")
    assert [h.student for h in submissions.handins([tmp_path / "chapters"])] == ["fay"]
    assert submissions.name_from_file("s01_ps1", "ps1") == ("s01", "ps1")
    assert submissions.name_from_file("s01_ps1") == ("s01_ps1", "")  # without the assignment's name, the stem


def test_a_file_that_names_no_student_and_two_files_of_one_student_are_refused(tmp_path):
    subs = tmp_path / "subs"
    notebook(subs / "ps1.ipynb")
    with pytest.raises(GradingError, match=r"ps1.ipynb names no student: put it in a folder named for the student"):
        submissions.handins([subs], assignment="ps1")
    other = tmp_path / "other"
    notebook(other / "ann" / "ps1.ipynb")
    notebook(other / "ann_ps1.ipynb")
    notebook(other / "ben" / "ps1.ipynb")
    notebook(other / "ben" / "ps1 (copy).ipynb")
    with pytest.raises(GradingError) as refused:
        submissions.handins([other], assignment="ps1")
    message = str(refused.value)
    assert "ann/ps1.ipynb and" in message and "ann_ps1.ipynb are both ann's ps1: keep one" in message
    assert "ben's ps1" in message  # every problem at once, before anything runs
    chapters = tmp_path / "chapters"  # without an assignment a student hands in several notebooks, once each
    notebook(chapters / "ann" / "01-exercise-tour.ipynb")
    notebook(chapters / "ann" / "02-cold-war.ipynb")
    assert len(submissions.handins([chapters])) == 2
    notebook(chapters / "ann" / "old" / "02-cold-war.ipynb")
    with pytest.raises(GradingError, match="both ann's 02-cold-war.ipynb"):
        submissions.handins([chapters])


@pytest.mark.parametrize("name", ["Ann Smith/ps1.ipynb", "x y_ps1.ipynb", "-rf/ps1.ipynb"])
def test_names_that_are_not_logins_are_refused(tmp_path, name):
    notebook(tmp_path / "subs" / name)
    with pytest.raises(GradingError, match="is not a usable student name: use the student's login"):
        submissions.handins([tmp_path / "subs"], assignment="ps1")


def test_a_notebook_never_names_its_own_author(tmp_path):
    from natocourse.tooling.classroom import saved

    path = notebook(tmp_path / "subs" / "ben" / "ps1.ipynb", metadata={"natocourse": {"student": "ann"}})
    assert [h.student for h in submissions.handins([tmp_path / "subs"])] == ["ben"]
    assert saved.read(path)[0].student == ""  # the file's own claim is never read


# ---- the class list ------------------------------------------------------------------------------------

CANVAS_EXPORT = (
    "Student,ID,SIS User ID,SIS Login ID,Section,Problem set 1 (4711),Current Score,Final Score\n"
    "    Points Possible,,,,,10,(read only),(read only)\n"
    '"Smith, Ann",101,S-001,ann,NATO 101,,,\n'
    '"Jones, Ben",102,S-002,ben,NATO 101,,,\n'
    '"=HYPERLINK(""http://x""), Cy",103,S-003,cy,NATO 101,,,\n'
    '"Student, Test",999,,,NATO 101,,,\n')
MOODLE_EXPORT = (
    "First name,Last name,ID number,Institution,Department,Email address,Assignment: ps1 (Real),"
    "Course total (Real),Last downloaded from this course\n"
    "Ann,Smith,S-001,Uni,Politics,ann@uni.example,-,-,1796000000\n"
    "Ben,Jones,S-002,Uni,Politics,ben@uni.example,-,-,1796000000\n")


def test_a_plain_class_list(tmp_path):
    path = tmp_path / "class.csv"
    path.write_text("\ufeffstudent;name\nann;Ann Smith\nBen;Ben Jones\n\n", encoding="utf-8")  # Excel's BOM and ;
    loaded = roster.load(path)
    assert loaded.logins == ["ann", "Ben"] and loaded.format == "plain"
    assert "ben" in loaded and loaded.canonical("BEN") == "Ben" and loaded.get("ann").name == "Ann Smith"
    assert "cy" not in loaded and list(loaded) == ["ann", "Ben"]  # iterating gives the logins
    (tmp_path / "logins.txt").write_text("ann\nben\n", encoding="utf-8")  # one login a line, no header
    assert roster.load(tmp_path / "logins.txt").logins == ["ann", "ben"]


def test_canvas_and_moodle_exports_are_class_lists(tmp_path):
    (tmp_path / "canvas.csv").write_text(CANVAS_EXPORT, encoding="utf-8")
    canvas = roster.load(tmp_path / "canvas.csv")
    assert canvas.format == "canvas" and canvas.login_column == "SIS Login ID"
    assert canvas.logins == ["ann", "ben", "cy"] and canvas.skipped == ("Student, Test",)
    assert canvas.identity == ("Student", "ID", "SIS User ID", "SIS Login ID", "Section")
    assert canvas.get("ann").row["ID"] == "101" and canvas.get("ben").name == "Jones, Ben"
    by_id = roster.load(tmp_path / "canvas.csv", login_column="SIS User ID")
    assert by_id.logins == ["S-001", "S-002", "S-003"]
    (tmp_path / "moodle.csv").write_text(MOODLE_EXPORT, encoding="utf-8")
    moodle = roster.load(tmp_path / "moodle.csv")
    assert moodle.format == "moodle" and moodle.login_column == "Email address"
    assert moodle.logins == ["ann@uni.example", "ben@uni.example"] and moodle.get("ann@uni.example").name == "Ann Smith"
    assert "Last downloaded from this course" not in moodle.identity


@pytest.mark.parametrize("content, message", [
    (None, "class list not found"),
    ("", "is empty"),
    ("name,email\nAnn,a@x\n", "no 'student' column, and not a Canvas or Moodle gradebook export"),
    ("student\nann\nANN\n", "'ANN' is listed twice"),
    ("student\nann\n../x\n", r"row 3: '\.\./x' is not a usable login"),
    ("student\nAnn Smith\n", "is not a usable login"),
    ("student\n.hidden\n", "is not a usable login"),
    ("student\n\n", "lists no students"),
    ("student,name\nann,Ann\n,Bob\n", "row 3: a login cannot be empty"),
])
def test_a_bad_class_list_is_refused_whole_with_a_message(tmp_path, content, message):
    path = tmp_path / "class.csv"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(roster.RosterError, match=message):
        roster.load(path)


@settings(max_examples=300, deadline=None)
@given(name=st.text(max_size=30))
def test_a_login_is_accepted_only_if_it_is_one_safe_folder_name(name):
    try:
        roster.check_name(name)
    except roster.RosterError as exc:
        assert str(exc)
    else:
        assert Path(name).name == name and name not in (".", "..") and not name.startswith((".", "-"))
        assert "/" not in name and "\\" not in name and name.strip() == name and name.isprintable()


# ---- deadlines -----------------------------------------------------------------------------------------

def test_the_cut_off_is_midnight_after_the_due_day_in_the_manifests_time_zone():
    deadline = deadlines.Deadline(dt.date(2027, 3, 15), BRUSSELS, {"ann": dt.date(2027, 3, 20)})
    brussels = deadlines.zone(BRUSSELS)
    assert deadline.cutoff("ben").isoformat() == "2027-03-16T00:00:00+01:00"
    just_before = dt.datetime(2027, 3, 15, 23, 59, 59, 999999, tzinfo=brussels)
    assert not deadline.late("ben", just_before)
    assert deadline.late("ben", dt.datetime(2027, 3, 16, 0, 0, tzinfo=brussels))
    assert not deadline.late("ben", dt.datetime(2027, 3, 15, 22, 59, tzinfo=dt.timezone.utc))  # 23:59 in Brussels
    assert deadline.late("ben", dt.datetime(2027, 3, 15, 23, 0, tzinfo=dt.timezone.utc))  # 00:00 in Brussels
    assert not deadline.late("ann", dt.datetime(2027, 3, 18, tzinfo=brussels))  # her extension
    assert deadline.describe("ann") == "2027-03-20 (extended), late from 2027-03-21 00:00 Europe/Brussels"
    assert not deadlines.Deadline().late("ann", just_before)  # no due date: nobody is late
    summer = deadlines.Deadline(dt.date(2027, 6, 1), BRUSSELS)
    assert summer.cutoff().isoformat() == "2027-06-02T00:00:00+02:00"  # summer time


@pytest.mark.parametrize("options, message", [
    (["ann"], "STUDENT=YYYY-MM-DD"), (["ann=2027-02-30"], "not a day of the calendar"),
    (["zed=2027-03-20"], "not on the class list"), (["ann=2027-03-20", "ANN=2027-03-21"], "gives ann twice"),
    (["../x=2027-03-20"], "not a usable student name"),
])
def test_bad_extensions_are_refused(options, message):
    with pytest.raises(deadlines.DeadlineError, match=message):
        deadlines.parse_extensions(options, roster.from_names(["ann", "ben"]))


def test_an_extension_before_the_due_date_and_an_unknown_zone_are_refused():
    with pytest.raises(deadlines.DeadlineError, match="before the due date"):
        deadlines.Deadline(dt.date(2027, 3, 15), "UTC", {"ann": dt.date(2027, 3, 1)})
    with pytest.raises(deadlines.DeadlineError, match="time zone 'Mars/Olympus' is not known"):
        deadlines.Deadline(dt.date(2027, 3, 15), "Mars/Olympus")


# ---- the roll: everyone a row, each a status -------------------------------------------------------------

QUESTIONS = ["tour-01", "tour-03"]


def scored(student, *verdicts, kind="", problem=""):
    rows = [Row(student, "ps1.ipynb", q, "'x'", v, float(v == "correct"), 1.0, "r") for q, v in zip(QUESTIONS, verdicts)]
    return rows, Submission(student, "ps1.ipynb", problem=problem, kind=kind)


def test_the_roll_gives_every_student_a_row_and_a_status():
    deadline = deadlines.Deadline(dt.date(2027, 3, 15), "UTC", {"eve": dt.date(2027, 3, 20)})
    on_time, late = dt.datetime(2027, 3, 15, 12, tzinfo=dt.timezone.utc), dt.datetime(2027, 3, 17, tzinfo=dt.timezone.utc)
    parts = [("ben", scored("ben", "correct", "incorrect"), on_time),
             ("ann", scored("ann", "correct", "correct"), late),
             ("cy", scored("cy", "error", "error", kind="broken", problem="not a valid notebook"), on_time),
             ("dan", scored("dan", "correct", "error", kind="timeout", problem="did not finish"), late),
             ("eve", scored("eve", "correct", "correct"), late),
             ("zed", scored("zed", "correct", "correct"), on_time)]
    rows = [r for _, (rs, _), _ in parts for r in rs]
    results = [s for _, (_, s), _ in parts]
    handins = [Handin(name, Path(f"{name}.ipynb"), when) for name, _, when in parts]
    class_list = roster.from_names(["ann", "ben", "cy", "dan", "eve", "fay"])
    called = roll.call(rows, results, handins, roster=class_list, deadline=deadline, questions=QUESTIONS,
                       notebook="ps1.ipynb")
    _, table = gradebook.table(called, QUESTIONS)
    statuses = {r["student"]: r["status"] for r in table}
    assert list(statuses) == ["ann", "ben", "cy", "dan", "eve", "fay", "zed"]  # the list's order, others last
    assert statuses == {"ann": "late", "ben": "ok", "cy": "broken file", "dan": "timed out; late", "eve": "ok",
                        "fay": "no submission", "zed": "not on roster"}
    assert {r["student"]: r["total"] for r in table}["fay"] == 0
    attention = roll.attention(statuses)
    assert attention.startswith("needs attention (5 of 7 students):")
    assert "  no submission: fay\n" in attention and "  late: ann, dan\n" in attention
    assert "ben" not in attention and "eve" not in attention


def test_scoring_with_limited_attempts_counts_the_first_n_checked_answers(tmp_path):
    bank = score.load_bank()
    guesser = Submission("ann", "ps1.ipynb", widget={"tour-01": ["1952-02-18", "x-not-an-option", "1955-05-06",
                                                                 "1949-04-04"]})
    assert score.score(guesser, bank, questions=["tour-01"])[0].verdict == "correct"  # the last answer counts
    assert score.score(guesser, bank, questions=["tour-01"], attempts=2)[0].verdict == "incorrect"
    found = score.score(guesser, bank, questions=["tour-01"], attempts=3)[0]
    assert found.verdict == "correct" and "attempt 3 of the 3 counted" in found.reason  # unreadable ones use none
    late_code = Submission("ben", "ps1.ipynb", widget={"tour-03": [1, 2]}, code={"tour-03": [3]})
    assert score.score(late_code, bank, questions=["tour-03"])[0].verdict == "correct"  # code over widget
    assert score.score(late_code, bank, questions=["tour-03"], attempts=2)[0].verdict == "incorrect"


# ---- feedback a student can read ---------------------------------------------------------------------------

def test_answers_are_shown_as_written_and_student_markup_never_runs():
    from markdown_it import MarkdownIt

    assert score.answer_text(serialise({"Germany": "1955", "Spain": "1982"})) == "{'Germany': '1955', 'Spain': '1982'}"
    assert score.answer_text(serialise(["Canada", "Iceland"])) == "['Canada', 'Iceland']"
    assert score.answer_text({"__repr__": "<function f>"}) == "(<function f>: not data)"
    hostile = "<script>alert(1)</script> **bold** [link](http://x.example) <img src=x onerror=alert(1)>"
    row = Row("ann", "ps1.ipynb", "tour-05", score.answer_text(hostile), "incorrect", 0, 1,
              f"answered in code; Not yet: {hostile}")
    html = MarkdownIt().render(feedback.text("ann", [row]))
    assert "<script" not in html and "<img" not in html and "<a " not in html and "<strong>bold" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; **bold** [link](http://x.example)" in html


def test_the_unreadable_answer_message_reads_as_a_sentence():
    from natocourse.engine import registry

    message = registry.get("tour-02").check(Unreadable("<function guess at 0x1>")).message
    assert message == ("Cannot check this answer: the answer was <function guess at 0x1>, which is not data; "
                       "give a plain value like the examples in the question")


def test_a_broken_notebook_says_its_problem_once(tmp_path):
    bank = score.load_bank()
    broken = Submission("cy", "ps1.ipynb", problem="not a valid notebook (NotJSONError): nope", kind="broken")
    rows = roll.call(score.score(broken, bank, questions=QUESTIONS), [broken], [Handin("cy", Path("x"))],
                     questions=QUESTIONS)
    text = feedback.text("cy", rows, bank, feedback.Assignment("ps1"))
    assert text.count("not a valid notebook") == 1 and text.count("(not graded: see above)") == 2
    assert "- **Status:** broken file" in text


def test_two_assignments_graded_into_one_folder_keep_their_feedback(tmp_path):
    bank = score.load_bank()
    for name, answer in (("ps1", "'1949-04-04'"), ("ps2", "'1952-02-18'")):
        rows = [Row("ann", f"{name}.ipynb", "tour-01", answer, "correct", 1, 1, "r", "ok")]
        gradebook.write_reports(rows, tmp_path / f"{name}.csv", bank=bank,
                                assignment=feedback.Assignment(name, deadlines.Deadline(dt.date(2027, 3, 15))))
    ps1, ps2 = (tmp_path / "feedback" / n / "ann.md" for n in ("ps1", "ps2"))
    assert "# ps1: feedback for ann" in ps1.read_text() and "1949" in ps1.read_text()
    assert "# ps2: feedback for ann" in ps2.read_text() and "1952" in ps2.read_text()
    assert "- **Due:** 2027-03-15, late from 2027-03-16 00:00 UTC" in ps1.read_text()
    assert "- **Total:** 1 of 1 points (100.0 %)" in ps2.read_text()


def test_one_student_is_regraded_in_place_and_the_rest_read_back_as_written(tmp_path):
    old = [Row(s, "ps1.ipynb", q, "'x'", "incorrect", 0, 1, "r", "ok", "2027-03-15T10:00:00+00:00")
           for s in ("ann", "ben", "cy") for q in QUESTIONS]
    gradebook.write_reports(old, tmp_path / "g.csv", questions=QUESTIONS)
    back = gradebook.read_details(tmp_path / "g-details.csv")
    assert back == old
    new = [Row("ben", "ps1.ipynb", q, "'y'", "correct", 1, 1, "r", "late", "2027-03-17T10:00:00+00:00")
           for q in QUESTIONS]
    merged = gradebook.merge(back, new, "ben")
    assert [r.student for r in merged] == ["ann"] * 2 + ["ben"] * 2 + ["cy"] * 2
    assert [r for r in merged if r.student != "ben"] == [r for r in old if r.student != "ben"]
    assert [r.status for r in merged if r.student == "ben"] == ["late", "late"]
    (tmp_path / "g-details.csv").write_text("student,answer\nann,x\n")
    with pytest.raises(GradingError, match="not a details file of this version"):
        gradebook.read_details(tmp_path / "g-details.csv")


def test_text_cells_are_neutralised_against_spreadsheet_formulas(tmp_path):
    rows = [Row("ann", "ps1.ipynb", "tour-05", "=1+1", "incorrect", 0, 1, "@SUM(A1)"),
            Row("ann", "ps1.ipynb", "tour-03", "-0.47", "incorrect", 0, 1, "\tx")]
    gradebook.write_reports(rows, tmp_path / "g.csv")
    details = list(csv.DictReader((tmp_path / "g-details.csv").open(encoding="utf-8")))
    assert [(d["answer"], d["reason"]) for d in details] == [("'=1+1", "'@SUM(A1)"), ("'-0.47", "'\tx")]
    assert [(r.answer, r.reason) for r in gradebook.read_details(tmp_path / "g-details.csv")] == [
        (r.answer, r.reason) for r in rows]


def test_the_class_report_reads_answers_as_written_not_as_neutralised(tmp_path):
    from natocourse.tooling.classroom.report import details

    rows = [Row("ann", "ps1.ipynb", "burden-02", "-0.47", "incorrect", 0, 1, "=1+1 is not it"),
            Row("ben", "ps1.ipynb", "burden-02", "2", "incorrect", 0, 1, "r")]
    gradebook.write_reports(rows, tmp_path / "g.csv")
    assert "'-0.47" in (tmp_path / "g-details.csv").read_text(encoding="utf-8")  # safe in a spreadsheet
    read = details.read(tmp_path / "g-details.csv")
    assert [(e.answer, e.reason) for e in read.entries] == [("-0.47", "=1+1 is not it"), ("2", "r")]


# ---- LMS exports, parsed back by each LMS's documented rules ------------------------------------------------

def canvas_import(text: str, course: list[dict]) -> dict:
    """What Canvas's gradebook importer (canvas-lms lib/gradebook_importer.rb) makes of a file:
    ``{"assignments": [...], "grades": {canvas id: {assignment: grade}}, "points": {...}, "unknown": [...]}``."""
    rows = [r for r in csv.reader(io.StringIO(text)) if not re.fullmatch(r"[;, ]*", ",".join(r))]
    header = rows[0]
    if not (len(header) > 3 and "Student" in header[0] and "ID" in header[1]):
        raise ValueError("Invalid header row")
    columns = 3
    if re.search(r"SIS\s+Login\s+ID", header[2]):
        login_at = 2
        columns += 1
    elif re.search(r"SIS\s+User\s+ID", header[2]) and re.search(r"SIS\s+Login\s+ID", header[3]):
        extra = 1 if re.search(r"Integration\s+ID", header[4]) else 0
        login_at = 3
        columns += 2 + extra
    else:
        login_at = None
    if "Section" not in header[columns - 1]:
        raise ValueError("Invalid header row")
    skip = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade")
    assignments = [(i, h) for i, h in enumerate(header) if i >= columns and not any(s in h for s in skip)]
    result = {"assignments": [h for _, h in assignments], "grades": {}, "points": {}, "unknown": []}
    for row in rows[1:]:
        if "Points Possible" in row[0]:
            result["points"] = {h: row[i] for i, h in assignments}
            continue
        student = next((s for s in course if row[1] and str(s["id"]) == row[1]), None) or \
            next((s for s in course if header[2].startswith("SIS User") and row[2] and s["sis_user_id"] == row[2]), None) or \
            next((s for s in course if login_at is not None and row[login_at] and s["login"] == row[login_at]), None) or \
            next((s for s in course if s["name"] == row[0]), None)
        if student is None:
            result["unknown"].append(row[0])
            continue
        result["grades"][student["id"]] = {h: row[i].strip() for i, h in assignments}
    return result


def moodle_import(text: str, users: list[dict], map_from: str, map_to: str, item: str, grademax: float,
                  grademin: float = 0.0) -> dict:
    """What Moodle's CSV grade import (grade/import/csv/classes/load_data.php) makes of a file: the
    grades by username, or an exception for the errors that abort the whole import."""
    rows = list(csv.reader(io.StringIO(text)))
    header = [h.strip() for h in rows[0]]
    grades = {}
    for line in rows[1:]:
        if len(line) <= 1:
            continue
        values = dict(zip(header, (v.strip() for v in line)))
        user = next((u for u in users if values[map_from] and u[map_to] == values[map_from]), None)
        if user is None:
            raise ValueError(f"user mapping error: could not find user with {map_to} {values[map_from]!r}")
        value = values[item]
        if value in ("", "-"):
            grades[user["username"]] = None
            continue
        try:
            number = float(value.replace(",", ".")) if re.fullmatch(r"-?\d+([.,]\d+)?", value) else float("nan")
        except ValueError:
            number = float("nan")
        if number != number:
            raise ValueError("bad grade value: import failed")
        if number > grademax:
            raise ValueError(f"One of the grade values is larger than the allowed grade maximum of {grademax}")
        if number < grademin:
            raise ValueError(f"One of the grade values is smaller than the allowed grade minimum of {grademin}")
        grades[user["username"]] = number
    return grades


TABLE = [{"student": "ann", "status": "ok", "total": 8, "percent": 80.0},
         {"student": "ben", "status": "late", "total": 10, "percent": 100.0},
         {"student": "cy", "status": "no submission", "total": 0, "percent": 0.0},
         {"student": "zed", "status": "not on roster", "total": 10, "percent": 100.0}]


def test_the_parsers_refuse_what_the_lms_refuses():
    with pytest.raises(ValueError, match="Invalid header row"):
        canvas_import("student,total\nann,3\n", [])
    users = [{"username": "ann", "email": "ann@uni.example"}]
    with pytest.raises(ValueError, match="could not find user"):
        moodle_import("student,ps1\nzed,3\n", users, "student", "username", "ps1", 10)
    with pytest.raises(ValueError, match="larger than the allowed grade maximum"):
        moodle_import("student,ps1\nann,30\n", users, "student", "username", "ps1", 10)


def test_a_canvas_export_imports_into_the_assignments_own_column(tmp_path):
    (tmp_path / "canvas.csv").write_text(CANVAS_EXPORT, encoding="utf-8")
    class_list = roster.load(tmp_path / "canvas.csv")
    table = [dict(r, student=s) for r, s in zip(TABLE, ["ann", "ben", "cy", "zed"])]
    export, content = lms.prepare("canvas", tmp_path / "grades.csv", table, class_list, assignment="ps1",
                                  possible=10, column="Problem set 1")
    course = [{"id": 101, "sis_user_id": "S-001", "login": "ann", "name": "Smith, Ann"},
              {"id": 102, "sis_user_id": "S-002", "login": "ben", "name": "Jones, Ben"},
              {"id": 103, "sis_user_id": "S-003", "login": "cy", "name": '=HYPERLINK("http://x"), Cy'}]
    imported = canvas_import(content, course)
    assert imported["assignments"] == ["Problem set 1 (4711)"] and imported["unknown"] == []
    assert imported["grades"] == {101: {"Problem set 1 (4711)": "8"}, 102: {"Problem set 1 (4711)": "10"},
                                  103: {"Problem set 1 (4711)": "0"}}
    assert "'=HYPERLINK" in content  # a name from the list never runs as a formula
    assert "zed" not in content and "Not on the class list, so not in the file: zed" in export.notes
    assert "Late, graded as handed in (apply your late policy): ben" in export.notes
    assert "Student, Test" in export.notes and "grades-canvas.csv: 3 students of" in export.notes


def test_a_plain_class_list_gives_canvas_its_columns_and_a_new_assignment(tmp_path):
    class_list = roster.from_names(["ann", "ben", "cy"])
    table = [dict(r) for r in TABLE[:2]] + [{"student": "cy", "status": "timed out", "total": 4, "percent": 40.0}]
    export, content = lms.prepare("canvas", tmp_path / "grades.csv", table, class_list, assignment="ps1", possible=10,
                                  grade_max=20)
    assert content.splitlines()[0] == "Student,ID,SIS User ID,SIS Login ID,Section,ps1"
    course = [{"id": 1, "sis_user_id": "", "login": "ann", "name": "Ann"}, {"id": 2, "sis_user_id": "", "login": "ben",
                                                                          "name": "Ben"}]
    imported = canvas_import(content, course)
    assert imported["points"] == {"ps1": "20"} and imported["unknown"] == []
    assert imported["grades"] == {1: {"ps1": "16"}, 2: {"ps1": "20"}}  # scaled to 20
    assert "Left out until you settle them (grade --only LOGIN, then export again): cy" in export.notes


def test_a_moodle_export_imports_with_no_unknown_user_and_no_value_above_the_maximum(tmp_path):
    (tmp_path / "moodle.csv").write_text(MOODLE_EXPORT, encoding="utf-8")
    class_list = roster.load(tmp_path / "moodle.csv")
    table = [{"student": "ann@uni.example", "status": "ok", "total": 7.5},
             {"student": "ben@uni.example", "status": "no submission", "total": 0},
             {"student": "zed@uni.example", "status": "not on roster", "total": 10}]
    export, content = lms.prepare("moodle", tmp_path / "grades.csv", table, class_list, assignment="ps1", possible=10)
    users = [{"username": "ann", "email": "ann@uni.example"}, {"username": "ben", "email": "ben@uni.example"}]
    grades = moodle_import(content, users, "Email address", "email", "ps1", grademax=10)
    assert grades == {"ann": 7.5, "ben": 0.0}
    assert "Identify user by: Map from 'Email address' to Email address (useremail)." in export.notes
    assert "the grade item's maximum grade must be at least 10" in export.notes
    assert "Last downloaded" not in content  # a stale export time would abort Moodle's import
    with pytest.raises(ValueError, match="larger than the allowed grade maximum"):
        moodle_import(content, users, "Email address", "email", "ps1", grademax=5)  # the notes say why
    plain = roster.from_names(["ann", "ben"])
    _, content = lms.prepare("moodle", tmp_path / "grades.csv", [dict(table[0], student="ann")], plain,
                             assignment="ps1", possible=10, grade_max=100)
    assert moodle_import(content, users, "student", "username", "ps1", grademax=100) == {"ann": 75.0, "ben": 0.0}


def test_an_lms_format_needs_a_class_list(tmp_path, capsys):
    notebook(tmp_path / "subs" / "ann" / "ps1.ipynb", SETUP)
    assert main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"), "--format", "canvas"]) == 2
    assert "--format canvas needs the class list" in capsys.readouterr().err
    assert not (tmp_path / "g.csv").exists()


# ---- a class of 33 hand-ins, end to end -----------------------------------------------------------------------

ROSTER = [f"s{n:02d}" for n in range(1, 31)]
RIGHT = 'exercises.check("tour-03", 3)'


def class_folder(root: Path) -> dict[str, int]:
    """Hand-ins of every layout; returns the points each student on the list should get (of 2)."""
    subs, nbg = root / "subs", root / "nbgrader" / "submitted"
    expected = {}
    due_day = dt.datetime(2027, 3, 15, 12, tzinfo=dt.timezone.utc)

    def hand_in(path, student, tour01, late=False, **kwargs):
        cells = [SETUP, RIGHT if tour01 != "skip" else "x = 1", f'exercises.check("tour-01", {tour01!r})']
        notebook(path, *cells, **kwargs)
        touch(path, due_day + dt.timedelta(days=3 if late else 0))
        expected[student] = 1 + (tour01 == "1949-04-04")

    for n, student in enumerate(ROSTER[:10]):  # one folder each, any notebook name
        hand_in(subs / student / ("ps1.ipynb" if n % 2 else "my work.ipynb"), student, "1949-04-04" if n % 3 else "1952")
    for n, student in enumerate(ROSTER[10:18]):  # one file each
        name = f"{student}_ps1.ipynb" if n % 2 else f"ps1-{student}.ipynb"
        hand_in(subs / name, student, "1949-04-04")
    for student in ROSTER[18:24]:  # nbgrader's layout
        hand_in(nbg / student / "ps1" / "ps1.ipynb", student, "1955-05-06")
    # s25 claims to be s01 in its metadata, with other answers: it stays s25's
    hand_in(subs / "s25" / "ps1.ipynb", "s25", "1949-04-04", metadata={"natocourse": {"student": "s01"}})
    (subs / "s26").mkdir()
    (subs / "s26" / "ps1.ipynb").write_text('{"cells": [')  # broken: no kernel needed
    expected["s26"] = 0
    hand_in(subs / "s27" / "ps1.ipynb", "s27", "1949-04-04", late=True)
    hand_in(subs / "s28" / "ps1.ipynb", "s28", "1949-04-04", late=True)  # with an extension
    expected.update({"s29": 0, "s30": 0})  # absent
    hand_in(subs / "visitor" / "ps1.ipynb", "visitor", "1949-04-04")  # not on the list
    return expected


def test_a_class_of_thirty_in_every_layout_graded_end_to_end(tmp_path, capsys):
    from natocourse import assign

    built = assign.build("ps1", ["tour-03", "tour-01"], due="2027-03-15", timezone=BRUSSELS, directory=tmp_path)
    expected = class_folder(tmp_path)
    (tmp_path / "class.csv").write_text("student,name\n" + "".join(f"{s},Student {s}\n" for s in ROSTER))
    out = tmp_path / "grades" / "ps1.csv"
    out.parent.mkdir()
    common = ["--manifest", str(built.release / "manifest.json"), "--roster", str(tmp_path / "class.csv"),
              "--out", str(out), "--timeout", "60", "--jobs", "2", "--extension", "s28=2027-03-20"]
    assert main(["grade", str(tmp_path / "subs"), str(tmp_path / "nbgrader" / "submitted"), *common,
                 "--format", "canvas"]) == 0
    err = capsys.readouterr().err
    book = {r["student"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert list(book) == [*ROSTER, "visitor"]
    assert {s: float(book[s]["total"]) for s in ROSTER} == {s: float(expected[s]) for s in ROSTER}
    statuses = {s: r["status"] for s, r in book.items() if r["status"] != "ok"}
    assert statuses == {"s26": "broken file", "s27": "late", "s29": "no submission", "s30": "no submission",
                        "visitor": "not on roster"}
    assert book["s28"]["due"] == "2027-03-20" and book["s28"]["submitted"].startswith("2027-03-18T13:00:00+01:00")
    assert book["s25"]["tour-01"] == "1" and book["s01"]["tour-01"] == "0"  # s25's own answers, not s01's
    assert "needs attention (5 of 31 students):" in err and "Traceback" not in err
    feedback_dir = out.parent / "feedback" / "ps1"
    assert sorted(p.stem for p in feedback_dir.iterdir()) == sorted([*ROSTER, "visitor"])
    assert "Nothing was handed in" in (feedback_dir / "s29.md").read_text()
    canvas = canvas_import((out.parent / "ps1-canvas.csv").read_text(),
                           [{"id": n, "sis_user_id": "", "login": s, "name": ""} for n, s in enumerate(ROSTER)])
    assert canvas["unknown"] == [] and len(canvas["grades"]) == 29  # s26 is left out until settled
    before = out.read_text()

    # s29 hands in late after all: regrade only them into the same gradebook
    late = notebook(tmp_path / "subs" / "s29" / "ps1.ipynb", SETUP, RIGHT, 'exercises.check("tour-01", "1949-04-04")')
    touch(late, dt.datetime(2027, 3, 16, tzinfo=dt.timezone.utc))  # 01:00 in Brussels: late
    assert main(["grade", str(tmp_path / "subs"), str(tmp_path / "nbgrader" / "submitted"), *common,
                 "--only", "s29"]) == 0
    after = {r["student"]: r for r in csv.DictReader(out.open(encoding="utf-8"))}
    assert after["s29"]["total"] == "2" and after["s29"]["status"] == "late"
    assert {s: r for s, r in after.items() if s != "s29"} == {s: r for s, r in book.items() if s != "s29"}
    assert "graded 1 submission(s)" in capsys.readouterr().err
    assert before != out.read_text()


def test_only_needs_a_gradebook_of_the_same_questions(tmp_path, capsys):
    notebook(tmp_path / "subs" / "ann" / "a.ipynb", SETUP)
    assert main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"), "--only", "ann"]) == 2
    assert "grade the whole class first" in capsys.readouterr().err
    (tmp_path / "g.csv").write_text("student,status,tour-01,total,percent,submitted,due\n")
    (tmp_path / "g-details.csv").write_text(",".join(gradebook.DETAIL_COLUMNS) + "\n")
    assert main(["grade", str(tmp_path / "subs"), "--out", str(tmp_path / "g.csv"), "--only", "ann",
                 "--questions", "tour-03"]) == 2
    assert "was graded with the questions tour-01" in capsys.readouterr().err


def test_collect_with_a_class_list_a_snapshot_and_an_extension(tmp_path, capsys):
    from natocourse import assign

    due = (deadlines.now() - dt.timedelta(days=20)).date()  # in the past: copies cannot postdate their collection
    assign.build("ps1", ["tour-03"], due=due.isoformat(), directory=tmp_path)
    homes = tmp_path / "homes"
    on_time = dt.datetime.combine(due, dt.time(20), tzinfo=dt.timezone.utc)
    for student, when in (("ann", on_time), ("ben", on_time + dt.timedelta(days=2)),
                          ("dee", on_time + dt.timedelta(days=2)), ("visitor", on_time)):
        path = notebook(homes / student / "course" / "ps1.ipynb", SETUP, RIGHT,
                        metadata={"natocourse": {"student": "ann"}})
        touch(path, when)
    (homes / "instructor").mkdir()
    (tmp_path / "class.csv").write_text("student\nann\nben\ncy\ndee\n")
    extension = (due + dt.timedelta(days=5)).isoformat()
    assert main(["collect", "ps1", "--homes", str(homes), "--dir", str(tmp_path), "--out", str(tmp_path / "out"),
                 "--roster", str(tmp_path / "class.csv"), "--snapshot", "--extension", f"dee={extension}",
                 "--jobs", "2"]) == 0
    captured = capsys.readouterr()
    book = {r["student"]: r for r in csv.DictReader((tmp_path / "out" / "ps1" / "grades.csv").open())}
    assert {s: (r["status"], r["total"]) for s, r in book.items()} == {
        "ann": ("ok", "1"), "ben": ("no submission; late", "0"), "cy": ("no submission", "0"),
        "dee": ("ok", "1"), "visitor": ("not on roster", "1")}
    saved = (on_time + dt.timedelta(days=2)).isoformat()
    assert f"not collected by --snapshot: ben's notebook was last saved {saved}" in captured.err
    assert sorted(p.parent.name for p in (tmp_path / "out" / "ps1" / "submitted").rglob("*.ipynb")) == [
        "ann", "dee", "visitor"]
    assert book["ann"]["submitted"] == on_time.isoformat() and book["dee"]["due"] == extension
    assert "changed after the cut-off" in (tmp_path / "out" / "ps1" / "feedback" / "ps1" / "ben.md").read_text()


def test_a_collected_copy_is_never_handed_in_after_it_was_taken(tmp_path):
    from natocourse.tooling.classroom import collect

    source = notebook(tmp_path / "home" / "ps1.ipynb", SETUP)
    touch(source, deadlines.now() + dt.timedelta(days=400))  # a modification time set in the future
    assert collect._copy(tmp_path / "home", source, tmp_path / "copy" / "ps1.ipynb") == ""
    assert deadlines.file_time(tmp_path / "copy" / "ps1.ipynb") <= deadlines.now()
    touch(source, dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc))
    assert collect._copy(tmp_path / "home", source, tmp_path / "copy" / "ps1.ipynb") == ""
    assert deadlines.file_time(tmp_path / "copy" / "ps1.ipynb") == dt.datetime(2026, 1, 5, tzinfo=dt.timezone.utc)


def test_the_nbgrader_export_carries_each_assignments_due_date(tmp_path, capsys):
    for name, options in (("ps1", ["--due", "2027-03-15", "--timezone", BRUSSELS]), ("ps2", []),
                          ("ps1", ["--due", "2027-03-22", "--timezone", BRUSSELS, "--force"])):
        assert main(["assign", name, "--questions", "tour-01", "--dir", str(tmp_path), "--nbgrader", *options]) == 0
    assert "nbgrader db assignment import assignments.csv" in capsys.readouterr().out
    dates = list(csv.DictReader((tmp_path / "nbgrader" / "assignments.csv").open(encoding="utf-8")))
    # nbgrader is late *after* its due date; the course from midnight: the last microsecond of the day
    assert dates == [{"name": "ps2", "duedate": ""}, {"name": "ps1", "duedate": "2027-03-22T23:59:59.999999+01:00"}]
    (tmp_path / "nbgrader" / "assignments.csv").write_bytes(b"\xff\xfe")
    assert main(["assign", "ps3", "--questions", "tour-01", "--dir", str(tmp_path), "--nbgrader"]) == 2
    assert "assignments.csv is not a readable CSV file" in capsys.readouterr().err
    assert not (tmp_path / "release" / "ps3").exists()


def test_grading_writes_nothing_git_would_keep(tmp_path):
    import shutil
    import subprocess

    root = Path(__file__).resolve().parents[1]
    shutil.copy(root / ".gitignore", tmp_path / ".gitignore")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    rows = [Row("ann", "ps1.ipynb", "tour-01", "'1949-04-04'", "correct", 1, 1, "r", "ok")]
    written = gradebook.write_reports(rows, tmp_path / "grades.csv", assignment=feedback.Assignment("ps1"))
    columns, table = gradebook.table(rows)
    for kind in lms.FORMATS:
        lms.write(*lms.prepare(kind, tmp_path / "grades.csv", table, roster.from_names(["ann"]), assignment="ps1",
                               possible=1))
    (tmp_path / "roster.csv").write_text("student\nann\n")
    for folder in ("submissions/ann", "collected/ps1/submitted/ann", "source/ps1"):
        notebook(tmp_path / folder / "ps1.ipynb")
    made = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                  if p.is_file() and ".git" not in p.parts)
    assert {"grades.csv", "grades-details.csv", "grades-canvas.csv", "grades-moodle-notes.txt",
            "feedback/ps1/ann.md"} <= set(made) and written["feedback"].is_dir()
    kept = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                          capture_output=True, text=True, check=True).stdout.split()
    assert [k for k in kept if k != "??"] == [".gitignore"]
