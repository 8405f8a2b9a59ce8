"""Problem sets from the question bank: ``python -m natocourse assign NAME --questions ID...``.

An instructor picks questions from any chapters, gives them points and a due date::

    python -m natocourse assign ps1 --questions coldwar-02 coldwar-06 bill-01 bill-03 burden-02 burden-05 \\
        --points coldwar-02=2 --points burden-05=3 --due 2027-03-15

and gets, under the current folder (or ``--dir``)::

    release/ps1/ps1.ipynb        the student notebook: no answers, one answer cell per question
    release/ps1/manifest.json    {"name", "due", "timezone", "feedback", "attempts", "notebook",
                                  "questions": [{"id", "points"}]}
    source/ps1/ps1.ipynb         the same notebook with the answers (instructors only)
    source/ps1/roster.csv        with --roster: the class list, for collect (instructors only)

``release/`` is what students receive (push it to the repository the class pulls with
nbgitpuller); ``source/`` holds the answers and must stay with the instructor.

**Each student their own variant.** With ``--roster`` and a question that varies
(:mod:`...engine.variants`), each student gets a notebook of their own instead
(:func:`personal`, :mod:`.per_student`)::

    release/ps1/<student>/ps1.ipynb   their notebook: its first cell, exercises.assignment(...,
                                      student="<student>"), shows their variants
    release/ps1/manifest.json         also "variants": "per-student" and "students": the logins
    source/ps1/<student>/ps1.ipynb    their solved copy: each varied question answered for their
                                      variant (graded as that student, it earns full marks)

``distribute`` puts each notebook in its student's home (``publish`` leaves such a set out), and
the grader grades each student on the variant of the student who handed in.

Each question comes with what it needs to run on its own: the Markdown that introduces it in its
chapter's exercise notebook, the chapter's setup cell (imports and data loading), the cell that
shows the question and the answer cell. The answer cell is the chapter's solution cell, whose
solution region becomes ``answer = None  # YOUR ANSWER HERE`` in the student notebook (the same
rule as ``exercises build``). Cells carry stable ids (``<question>-context``, ``-setup``,
``-show``, ``-answer``) and ``metadata.natocourse`` with the question id and its points.

What counts is what the student saves in the notebook, read as :mod:`.grading` reads it: widget
answers travel inside the saved notebook, code answers are found by running it again, an answer in
code counts over the widget's, and otherwise the last widget answer counts. The notebook says so
at the top (:data:`HOW_ANSWERS_COUNT`).

**How checks answer** (``--feedback instant|none``, ``--attempts N``: :mod:`...engine.policy`) is
kept in the manifest and set by the notebook's first code cell,
``exercises.assignment("ps1", feedback=..., attempts=..., due=...)``, whose output says what it
means; the header says it too (:func:`how_answers_count`). With ``--attempts N`` the grader counts
only the first N checked answers of each question, as the notebook allowed. The due date is a day
in the manifest's time zone (``--timezone``, default UTC); work is late from midnight after it
(:mod:`.deadlines`).

Every check happens before anything is written: an unknown question id, a repeated id, points that
are not a positive number (more than 0, at most 1000: :func:`natocourse.tooling.course.points`),
points for a question that is not in the set, a date that is not a real ``YYYY-MM-DD`` day or an
assignment that already exists (without ``--force``) stop the command with a message and leave the
disk untouched.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Mapping

import nbformat

from ..authoring.solutions import SOLUTION_TAG
from ..course import Course, CourseError, parse_points, points as checked_points

#: An assignment name: a lower-case letter or digit, then letters, digits, '-' or '_' (max 40).
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
MANIFEST = "manifest.json"
#: A manifest's ``variants`` when each student has their own notebook (``assign --roster``).
PER_STUDENT = "per-student"
#: The copy of the class list ``assign --roster`` keeps in ``source/NAME/`` for ``collect``.
ROSTER = "roster.csv"
_SECTION_NUMBER = re.compile(r"^(#+)\s*\d+\.\s*", re.MULTILINE)


class AssignmentError(ValueError):
    """An assignment that cannot be built (the message says why); nothing was written."""


@dataclass(frozen=True)
class Manifest:
    """An assignment's manifest: its name, due date and questions with their points, in order."""

    name: str
    due: dt.date | None
    notebook: str
    questions: tuple[tuple[str, float], ...]
    timezone: str = "UTC"
    feedback: str = "instant"
    attempts: int | None = None
    #: An exam's keys file, beside the manifest (``exam`` writes it); ``None`` for a problem set.
    keys: str | None = None
    #: Each student their own variant (``assign --roster``): the class list's logins, in its order;
    #: empty when every student gets the same notebook.
    students: tuple[str, ...] = ()

    @property
    def per_student(self) -> bool:
        """True when each student has a notebook of their own variants (:mod:`.per_student`)."""
        return bool(self.students)

    @property
    def points(self) -> dict[str, float]:
        """Points by question id."""
        return dict(self.questions)

    @property
    def total(self) -> float:
        """The points of the whole assignment."""
        return sum(p for _, p in self.questions)

    def to_json(self) -> dict:
        """The manifest as written to ``manifest.json``."""
        written = {"name": self.name, "due": self.due.isoformat() if self.due else None,
                   "timezone": self.timezone, "feedback": self.feedback, "attempts": self.attempts,
                   "notebook": self.notebook,
                   "questions": [{"id": q, "points": _plain(p)} for q, p in self.questions]}
        if self.keys:
            written["keys"] = self.keys
        if self.students:
            written["variants"] = PER_STUDENT
            written["students"] = list(self.students)
        return written

    @property
    def mode(self):
        """The feedback mode the notebook's first cell sets (:class:`...engine.policy.Mode`)."""
        from ...engine.policy import Mode

        return Mode(self.name, self.feedback, self.attempts, self.due.isoformat() if self.due else "")


def _plain(points: float) -> int | float:
    return int(points) if float(points).is_integer() else points


def parse_name(name: str) -> str:
    """Check an assignment name (it becomes a folder and a file name)."""
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise AssignmentError(f"assignment name {name!r} must be 1-40 lower-case letters, digits, "
                              "'-' or '_', starting with a letter or digit (e.g. ps1)")
    return name


def parse_due(text: str | None) -> dt.date | None:
    """A due date from ``YYYY-MM-DD`` (``None`` for no due date)."""
    if text is None:
        return None
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise AssignmentError(f"due date {text!r} must be written YYYY-MM-DD, e.g. 2027-03-15")
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise AssignmentError(f"due date {text!r} is not a day of the calendar") from None


def load_manifest(path: str | Path) -> Manifest:
    """Read and check ``release/NAME/manifest.json`` (or the folder holding it).

    The grader calls this to learn an assignment's questions and their points. Raises
    :class:`AssignmentError` with the reason for a missing, unreadable or malformed manifest.
    """
    path = Path(path)
    if path.is_dir() or path.suffix != ".json":
        path = path / MANIFEST
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise AssignmentError(f"no assignment manifest at {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise AssignmentError(f"{path} is not a readable JSON manifest: {exc}") from None
    if not isinstance(raw, dict):
        raise AssignmentError(f"{path}: a manifest is a JSON object")
    name = parse_name(raw.get("name"))
    due = parse_due(raw.get("due"))
    entries = raw.get("questions")
    if not isinstance(entries, list) or not entries:
        raise AssignmentError(f"{path}: 'questions' must be a non-empty list")
    questions = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            raise AssignmentError(f"{path}: each question is {{\"id\": ..., \"points\": ...}}, not {entry!r}")
        try:
            questions.append((entry["id"], checked_points(entry.get("points"))))
        except CourseError as exc:
            raise AssignmentError(f"{path}: {entry['id']}: {exc}") from None
    if len({q for q, _ in questions}) != len(questions):
        raise AssignmentError(f"{path}: a question appears twice")
    notebook = raw.get("notebook") or f"{name}.ipynb"
    if not isinstance(notebook, str) or Path(notebook).name != notebook:
        raise AssignmentError(f"{path}: 'notebook' must be a file name")
    try:
        timezone, feedback, attempts = _mode(raw.get("timezone") or "UTC", raw.get("feedback") or "instant",
                                             raw.get("attempts"))
    except AssignmentError as exc:
        raise AssignmentError(f"{path}: {exc}") from None
    keys = raw.get("keys")
    if keys is not None and (not isinstance(keys, str) or Path(keys).name != keys or not keys):
        raise AssignmentError(f"{path}: 'keys' must be the name of the keys file beside it")
    return Manifest(name, due, notebook, tuple(questions), timezone, feedback, attempts, keys,
                    _students(path, raw.get("variants"), raw.get("students")))


def _students(path: Path, kind, logins) -> tuple[str, ...]:
    """A manifest's per-student class list (empty for one notebook for everyone), checked."""
    from .roster import RosterError, from_names

    if kind is None and logins is None:
        return ()
    if kind != PER_STUDENT or not isinstance(logins, list) or not logins:
        raise AssignmentError(f"{path}: 'variants' is {PER_STUDENT!r} with 'students', the list of logins; "
                              "write the assignment again with assign --roster")
    try:
        return tuple(from_names(logins, "login in 'students'").logins)
    except RosterError as exc:
        raise AssignmentError(f"{path}: {exc}") from None


def _mode(timezone, feedback, attempts) -> tuple[str, str, int | None]:
    """A checked time zone, feedback mode and limit of attempts."""
    from ...engine.policy import check_mode
    from .deadlines import DeadlineError, check_zone

    try:
        timezone = check_zone(timezone)
    except DeadlineError as exc:
        raise AssignmentError(str(exc)) from None
    try:
        check_mode(feedback, attempts)
    except ValueError as exc:
        raise AssignmentError(str(exc).replace("feedback must", "--feedback must").replace("attempts must",
                                                                                          "--attempts must")) from None
    return timezone, feedback, attempts


# --------------------------------------------------------------------------------------------
# Where each question lives in the chapters' exercise notebooks
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class QuestionCells:
    """The cells of one question in its chapter's solutions notebook."""

    id: str
    chapter_file: str
    chapter_title: str
    context: tuple[str, ...]
    setup: str
    show: str
    answer: str
    #: The setup cell's input starts collapsed in JupyterLab (a bank question's spec: --bank).
    fold_setup: bool = False


def _mentions(source: str, kind: str) -> list[str]:
    return re.findall(rf"""exercises\.{kind}\(\s*["']([a-z][a-z0-9]*-\d{{2}})["']""", source)


def _heading(path: Path) -> str:
    """The first level-1 heading of a notebook ("" if none)."""
    if not path.is_file():
        return ""
    for cell in nbformat.read(path, as_version=4).cells:
        if cell.cell_type == "markdown":
            match = re.search(r"^#\s+(.+)$", cell.source, re.MULTILINE)
            if match:
                return match[1].strip()
    return ""


def _title(course: Course, name: str) -> str:
    """A chapter's title: the lesson's heading, else the exercise notebook's without "exercises"."""
    title = _heading(course.notebooks / name) or _heading(course.solutions / name) or Path(name).stem
    title = re.sub(r"^Exercises:\s*|:\s*exercises$", "", re.sub(r"^(\d+)\.\s*", r"\1. ", title))
    number = re.match(r"^(\d+)\.\s*(.*)$", title)
    if number:
        rest = number[2]
        return f"chapter {int(number[1])}, {rest[:1].upper()}{rest[1:]}"
    return title[:1].upper() + title[1:]


def locate(root: str | Path | None = None) -> dict[str, QuestionCells]:
    """Every question that a solutions notebook of the course at ``root`` shows and answers, by id."""
    found: dict[str, QuestionCells] = {}
    course = Course(root).require("solutions")
    for path in sorted(course.solutions.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        title = _title(course, path.name)
        setup = ""
        pending: list[str] = []
        shown: dict[str, str] = {}
        for cell in nb.cells:
            if SOLUTION_TAG in cell.metadata.get("tags", []):
                continue  # for teachers only (e.g. "For teachers. Every check above ...")
            if cell.cell_type == "markdown":
                pending.append(cell.source)
                continue
            if cell.cell_type != "code":
                continue
            shows, checks = _mentions(cell.source, "show"), _mentions(cell.source, "check")
            if not shows and not checks:
                if not setup:
                    setup, pending = cell.source, []
                continue
            for qid in shows:
                shown[qid] = cell.source
            for qid in checks:
                if qid in shown and qid not in found:
                    found[qid] = QuestionCells(qid, path.name, title, tuple(pending), setup,
                                               shown[qid], cell.source)
            if checks:
                pending = []
    return found


# --------------------------------------------------------------------------------------------
# Building the notebooks
# --------------------------------------------------------------------------------------------

def _points_text(points: float) -> str:
    return f"{points:g} point" + ("" if points == 1 else "s")


def _demote(markdown: str) -> str:
    """Chapter section headings become sub-headings of the question, without their numbers."""
    text = _SECTION_NUMBER.sub(lambda m: m[1] + " ", markdown)
    return re.sub(r"^(#{1,5})(\s)", r"#\1\2", text, flags=re.MULTILINE)


def _cell(kind: str, source: str, cell_id: str, meta: dict | None = None):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source=source)
    cell["id"] = cell_id
    if meta:
        cell.metadata["natocourse"] = meta
    return cell


#: The problem set's "How to answer", saying how answers count as :mod:`.grading` counts them.
HOW_ANSWERS_COUNT = (
    "**How to answer.** Run the cells from the top. Answer each question in its widget (press "
    "**Check**) or in code: replace `None` in `answer = None` with your answer and run that cell. "
    "Either way the check tells you at once whether it is right. Then save the notebook (File → "
    "Save): your grade comes from the answers saved in it. Answers given in a widget are saved inside "
    "the notebook and collected with it; answers in code are found by running your notebook again. "
    "If you answer a question in code (anything but `None`), that answer counts; otherwise your last "
    "answer in its widget counts.")


#: What the header says of answers in the mode ``attempts`` (the rule of :func:`.score.score`).
HOW_ATTEMPTS_COUNT = (
    "**How to answer.** Run the cells from the top. Answer each question in its widget (press **Check**) or "
    "in code: replace `None` in `answer = None` with your answer and run that cell. Then save the notebook "
    "(File → Save): your grade comes from the answers saved in it. Answers given in a widget are saved inside "
    "the notebook and collected with it; answers in code are found by running your notebook again. For each "
    "question the first {max} checked answers count (those saved by its widget first, then the one in "
    "your code), and one right answer among them earns the points.")


def how_answers_count(manifest: Manifest, rule: str | None = None) -> str:
    """The header's "How to answer" (``rule``, by default the one for the manifest's feedback mode)
    and "How checks answer"."""
    if rule is not None:
        return f"{rule}\n\n**How checks answer.** {manifest.mode.describe()}"
    rule = (HOW_ATTEMPTS_COUNT.replace("{max}", str(manifest.attempts)) if manifest.feedback == "attempts"
            else HOW_ANSWERS_COUNT)
    if manifest.feedback == "none":
        rule = rule.replace("Either way the check tells you at once whether it is right. ",
                            "Either way the check records your answer without saying whether it is right. ")
    return f"{rule}\n\n**How checks answer.** {manifest.mode.describe()}"


def _setup_source(manifest: Manifest, student: str = "", feedback: str | None = None) -> str:
    """The first code cell: the problem set's feedback mode (``feedback`` over the manifest's),
    set and shown; with ``student``, whose variants the notebook shows."""
    feedback = feedback or manifest.feedback
    arguments = [repr(manifest.name), f"feedback={feedback!r}"]
    if manifest.attempts and feedback == "attempts":
        arguments.append(f"attempts={manifest.attempts}")
    if manifest.due:
        arguments.append(f"due={manifest.due.isoformat()!r}")
    if student:
        arguments.append(f"student={student!r}")
    return "from natocourse import exercises\n\nexercises.assignment(" + ", ".join(arguments) + ")"


def source_notebook(manifest: Manifest, located: Mapping[str, QuestionCells], *, title: str = "Problem set",
                    how: str | None = None, setup: bool = True, student: str = "",
                    answers: Mapping[str, str] | None = None, feedback: str | None = None):
    """The instructor's notebook (with answers) for a manifest. An exam's says ``title`` "Exam",
    how its answers count (``how``, over the feedback mode's rule) and has no first cell setting
    a mode (``setup=False``: its keyless questions only record, and its solved copy says Correct.).

    ``student``'s own notebook (``assign --roster``) has a first cell showing their variants (in
    the mode ``feedback``, by default the manifest's), and answers each question of ``answers``
    (id → code, :func:`.per_student.answer_code`) in its solution region instead of the chapter's."""
    due = (f"{manifest.due.isoformat()} (late from midnight after it, {manifest.timezone})" if manifest.due
           else "no due date set")
    rows = "\n".join(
        f"| {n} | `{qid}` | {located[qid].chapter_title} | {_points_text(p)} |"
        for n, (qid, p) in enumerate(manifest.questions, start=1))
    intro = (
        f"# {title} `{manifest.name}`\n\n"
        f"**Due:** {due} · **Total:** {_points_text(manifest.total)} · "
        f"**Questions:** {len(manifest.questions)}\n\n"
        "| # | question | chapter | points |\n|---|---|---|---|\n" + rows + "\n\n"
        + how_answers_count(manifest, how))
    if student:
        intro += "\n\n" + YOUR_OWN.format(student=student)
    cells = [_cell("markdown", intro, "assignment-intro", {"assignment": manifest.name})]
    if setup or student:
        cells.append(_cell("code", _setup_source(manifest, student, feedback), "assignment-setup",
                           {"assignment": manifest.name}))
    for number, (qid, points) in enumerate(manifest.questions, start=1):
        where = located[qid]
        meta = {"question": qid, "points": _plain(points)}
        heading = (f"## Question {number} ({_points_text(points)})\n\n"
                   f"Question `{qid}` from {where.chapter_title}.")
        context = "\n\n".join(_demote(c) for c in where.context if c.strip())
        cells.append(_cell("markdown", heading + ("\n\n" + context if context else ""),
                           f"{qid}-context", meta))
        cells.append(_cell("code", where.setup, f"{qid}-setup", meta))
        if where.fold_setup:
            cells[-1].metadata["jupyter"] = {"source_hidden": True}
        cells.append(_cell("code", where.show, f"{qid}-show", meta))
        code = where.answer if qid not in (answers or {}) else _solved_with(where.answer, answers[qid])
        answer = _cell("code", code, f"{qid}-answer", {**meta, "answer": True})
        answer.metadata["tags"] = ["hide-cell"]
        cells.append(answer)
    cells.append(_cell("markdown", "**Done?** Save the notebook (File → Save). "
                       "Your instructor collects the saved notebook after the due date.",
                       "assignment-end", {"assignment": manifest.name}))
    nb = nbformat.v4.new_notebook(cells=cells)
    nb.nbformat, nb.nbformat_minor = 4, 5
    nb.metadata["kernelspec"] = dict(Course.kernelspec)
    nb.metadata["natocourse"] = {"assignment": manifest.name, "due": manifest.to_json()["due"],
                                 "points": _plain(manifest.total), "feedback": manifest.feedback}
    if student:
        nb.metadata["natocourse"]["student"] = student  # for people: the grader never reads it
    return nb


#: What a student's own notebook says of its variants (``assign --roster``).
YOUR_OWN = ("**Your own version, `{student}`.** Some questions here are drawn for you alone: their "
            "numbers, years or options differ from a classmate's. The notebook you hand in is graded against "
            "your version, so work in this one: an answer to a classmate's version is wrong wherever the two "
            "differ.")


def _solved_with(source: str, code: str) -> str:
    """An answer cell whose solution region holds ``code`` instead of the chapter's solution."""
    from ..authoring.solutions import replace_regions

    def answered(region) -> list[str]:
        given = [region.indent + line for line in code.splitlines()] if region.number == 0 else []
        return [region.begin, *given, region.end]

    return replace_regions(source, answered)[0]


def student_notebook(source):
    """The released notebook: the source with every solution region replaced by a placeholder."""
    from ..authoring import solutions as authoring

    released = authoring.exercise_notebook(copy.deepcopy(source), source.metadata["natocourse"]["assignment"])
    released.metadata["natocourse"] = dict(source.metadata["natocourse"])
    return released


@dataclass(frozen=True)
class Built:
    """What :func:`build` wrote."""

    manifest: Manifest
    release: Path
    source: Path

    @property
    def notebook(self) -> Path:
        """The student notebook (one for everyone; see :meth:`notebook_of` for a per-student set)."""
        return self.release / self.manifest.notebook

    @property
    def solved(self) -> Path:
        """The instructor's notebook with the answers (one for everyone; see :meth:`solved_of`)."""
        return self.source / self.manifest.notebook

    def notebook_of(self, student: str) -> Path:
        """``student``'s own notebook (``release/NAME/<student>/NAME.ipynb``) in a per-student set."""
        return self.release / student / self.manifest.notebook

    def solved_of(self, student: str) -> Path:
        """``student``'s solved copy (``source/NAME/<student>/NAME.ipynb``) in a per-student set."""
        return self.source / student / self.manifest.notebook


def plan(name: str, questions: Iterable[str], points: Mapping[str, float] | Iterable[str] = (),
         due: str | dt.date | None = None, *, root: str | Path | None = None, feedback: str = "instant",
         attempts: int | None = None, timezone: str | None = None
         ) -> tuple[Manifest, dict[str, QuestionCells]]:
    """Check everything and return the manifest and the questions' cells (writes nothing).

    ``attempts`` alone means ``feedback="attempts"``."""
    from ... import engine as exercises

    name = parse_name(name)
    ids = [str(q).strip() for q in questions]
    if not ids:
        raise AssignmentError("give at least one question id after --questions")
    repeated = sorted({q for q in ids if ids.count(q) > 1})
    if repeated:
        raise AssignmentError(f"question(s) listed twice: {', '.join(repeated)}")
    for qid in ids:
        try:
            exercises.get(qid)
        except KeyError as exc:
            raise AssignmentError(f"unknown question: {exc}") from None
    try:
        given = ({str(k): checked_points(v) for k, v in points.items()} if isinstance(points, Mapping)
                 else parse_points(points))
    except CourseError as exc:
        raise AssignmentError(str(exc)) from None
    stray = sorted(set(given) - set(ids))
    if stray:
        raise AssignmentError(f"--points names question(s) not in --questions: {', '.join(stray)}")
    due_date = due if isinstance(due, dt.date) else parse_due(due)
    if attempts is not None and feedback == "instant":
        feedback = "attempts"
    timezone, feedback, attempts = _mode(timezone or "UTC", feedback, attempts)
    from ..banks import cells as bank_cells

    own = {qid: QuestionCells(**fields) for qid, fields in bank_cells(ids, feedback).items()}  # --bank
    located = {**locate(root), **own}
    missing = [q for q in ids if q not in located]
    if missing:
        raise AssignmentError("no exercise notebook in solutions/ answers "
                              f"{', '.join(missing)}; only such questions can be assigned")
    manifest = Manifest(name, due_date, f"{name}.ipynb", tuple((q, given.get(q, 1.0)) for q in ids), timezone,
                        feedback, attempts)
    return manifest, located


def build(name: str, questions: Iterable[str], points: Mapping[str, float] | Iterable[str] = (),
          due: str | dt.date | None = None, *, directory: str | Path = ".",
          root: str | Path | None = None, force: bool = False, feedback: str = "instant",
          attempts: int | None = None, timezone: str | None = None, roster: str | Path | None = None) -> Built:
    """Write ``release/NAME/`` (student notebook and manifest) and ``source/NAME/`` (answers, and
    with ``roster`` a copy of the class list for ``collect``).

    With ``roster`` and a question that varies, each student gets their own notebook
    (``release/NAME/<student>/NAME.ipynb``, showing their variants) and their own solved copy
    (``source/NAME/<student>/NAME.ipynb``, answering them), and the manifest lists the class
    (:func:`personal`).

    Everything is checked (every student's variants made and answered), and both folders are
    prepared in a temporary folder, before anything under ``directory`` changes.
    """
    manifest, located = plan(name, questions, points, due, root=root, feedback=feedback, attempts=attempts,
                             timezone=timezone)
    answers: dict[str, dict[str, str]] = {}
    if roster is not None:
        manifest, answers, _ = personal(manifest, roster)
    course = Course(root, workspace=directory)
    if not course.workspace.is_dir():
        raise AssignmentError(f"{course.workspace} is not a folder")
    release, source_dir = course.release / manifest.name, course.source / manifest.name
    existing = [p for p in (release, source_dir) if p.exists()]
    if existing and not force:
        raise AssignmentError(f"{existing[0]} already exists; choose another name or pass --force "
                              "to replace it")
    notebooks = {}
    for student in manifest.students or [""]:
        solved = source_notebook(manifest, located, student=student, answers=answers.get(student))
        notebooks[student] = (student_notebook(solved), solved)
    with tempfile.TemporaryDirectory(prefix="natocourse-assign-", dir=course.workspace) as scratch:
        staged_release, staged_source = Path(scratch) / "release", Path(scratch) / "source"
        staged_release.mkdir()
        staged_source.mkdir()
        for student, (released, solved) in notebooks.items():
            for staged, notebook in ((staged_release, released), (staged_source, solved)):
                (staged / student).mkdir(exist_ok=True)
                nbformat.write(notebook, staged / student / manifest.notebook)
        (staged_release / MANIFEST).write_text(json.dumps(manifest.to_json(), indent=2) + "\n",
                                               encoding="utf-8")
        if roster is not None:
            shutil.copyfile(roster, staged_source / ROSTER)
        for staged, final in ((staged_release, release), (staged_source, source_dir)):
            final.parent.mkdir(parents=True, exist_ok=True)
            if final.exists():
                shutil.rmtree(final)
            shutil.move(str(staged), str(final))
    return Built(manifest, release, source_dir)


def personal(manifest: Manifest, roster: str | Path, reserved: Iterable[str] = (MANIFEST, ROSTER)
             ) -> tuple[Manifest, dict[str, dict[str, str]], dict[str, dict]]:
    """Check the class list ``roster`` and, if a question of ``manifest`` varies, make every
    student's variants: the manifest listing the class, each student's answers to write in their
    solved copy (student → question id → code) and the variants themselves (student → question id
    → question, the questions that vary only). Writes nothing; :class:`AssignmentError` names the
    file and row, or the question, student and parameters, of what cannot be used."""
    from ... import engine as exercises
    from . import per_student
    from .roster import RosterError, load

    try:
        loaded = load(roster)
    except RosterError as exc:
        raise AssignmentError(str(exc)) from None
    students = loaded.logins
    vary = per_student.varying(exercises.get(q) for q, _ in manifest.questions)
    if not vary:
        return manifest, {}, {}
    try:
        per_student.check_logins(loaded, reserved)
        made = per_student.class_variants(vary, students, manifest.name)
        answers = {s: {qid: per_student.answer_code(q, s) for qid, q in mine.items() if q.parameters}
                   for s, mine in made.items()}
    except per_student.VariantError as exc:
        raise AssignmentError(str(exc)) from None
    return replace(manifest, students=tuple(students)), answers, made
