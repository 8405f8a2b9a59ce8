"""The marking view: an instructor marks a class's written answers with their rubric, in JupyterLab.

``python -m natocourse mark grades-to-mark.json`` writes a marking notebook beside the to-mark file
(``grades-marking.ipynb``) and says to open it in JupyterLab; its one cell shows
:func:`view`. Why a notebook with a widget rather than an offline HTML page: the marks are written
by the kernel to the marks file on disk *as each is given* (:func:`.marks.append`, flushed and
synced), so closing the tab, the browser or the kernel loses nothing, and opening the notebook again
resumes at the first answer not yet marked; a page without a server could only keep marks in the
browser's storage and ask the marker to download them. It also runs where instructors already
grade (JupyterHub, next to nbgrader's formgrader) and computes the aids with the same Python as the
student's check.

The view, one question at a time across the class:

- the answers are **blind** by default: each student is a code (``S-3F2A1C``), in an order that
  follows the codes, not the names; "Show names" unblinds;
- for each answer: its whole text (as text, never markup), its word count and the evidence aids
  the student saw, the rubric as one group of radio buttons per criterion (each level labelled
  with its points and descriptor), a comment box, and the model answer on request;
- **keyboard**: a digit gives the current criterion the level worth that many points and moves to
  the next criterion, then to the comment box; Enter in the comment box saves it and opens the
  next answer (Shift+Enter is a new line); ``n`` and ``p`` go to the next and previous answer,
  ``c`` to the comment, Tab and the arrows work as in any form;
- every mark and comment is saved at once (a line in the marks file) and said in a live region.

``grade --marks grades-marks.jsonl`` then merges the marks (:mod:`.marks`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import anywidget
import traitlets

from . import marks

STATIC = Path(__file__).resolve().parent / "static"


class MarkingWidget(anywidget.AnyWidget):
    """The marking view of one to-mark file; marks go to ``marks_file``. Headless tests drive it with
    :meth:`mark`, :meth:`comment`, :meth:`go`, :meth:`choose` and :meth:`unblind`."""

    _esm = (STATIC / "marking.js").read_text(encoding="utf-8")
    _css = (STATIC / "marking.css").read_text(encoding="utf-8")

    #: ``[{"id", "prompt", "count", "marked"}]``: the questions, and how many answers each has marked.
    questions = traitlets.List().tag(sync=True)
    #: The question being marked, its rubric and its model answer.
    question = traitlets.Unicode("").tag(sync=True)
    prompt = traitlets.Unicode("").tag(sync=True)
    rubric = traitlets.List().tag(sync=True)
    model_answer = traitlets.Unicode("").tag(sync=True)
    #: The answer shown: ``{"position", "count", "code", "name", "text", "words", "aids"}``.
    card = traitlets.Dict().tag(sync=True)
    #: The marks and comment already given to the answer shown.
    given = traitlets.Dict().tag(sync=True)
    comment_text = traitlets.Unicode("").tag(sync=True)
    blind = traitlets.Bool(True).tag(sync=True)
    #: The last thing done, in words (a live region).
    status = traitlets.Unicode("").tag(sync=True)

    def __init__(self, to_mark: str | Path, marks_file: str | Path | None = None):
        self.source = Path(to_mark)
        self.content = marks.load_to_mark(self.source)
        self.marks_file = Path(marks_file) if marks_file else marks.paths(
            self.source.with_name(self.source.name.replace("-to-mark.json", ".csv")))["marks"]
        read = marks.read(self.marks_file, missing_ok=True)
        self.given_by: dict[tuple, marks.Given] = {}
        for answer in self.content["answers"]:
            given = read.get(answer["question"], answer["student"], answer["notebook"])
            if given is not None and given.sha256 == answer["sha256"]:
                self.given_by[self._key(answer)] = given
        super().__init__()
        self.on_msg(self._handle)
        self.index = 0
        first = next((qid for qid in self.content["questions"] if self._unmarked(qid)), None)
        self.choose(first or next(iter(self.content["questions"]), ""))
        skipped = f" ({len(read.skipped)} damaged line(s) of the marks file skipped)" if read.skipped else ""
        self.status = f"Marks are saved to {self.marks_file.name} as you give them{skipped}."

    # ---- what is shown --------------------------------------------------------------------

    @staticmethod
    def _key(answer: dict) -> tuple:
        return answer["question"], answer["student"], answer["notebook"]

    def answers(self, question: str | None = None) -> list[dict]:
        """The answers of a question (default: the one being marked), in marking order."""
        question = question or self.question
        return [a for a in self.content["answers"] if a["question"] == question]

    def criteria(self, question: str | None = None) -> list[dict]:
        return self.content["questions"].get(question or self.question, {}).get("rubric", [])

    def complete(self, answer: dict) -> bool:
        """True once every criterion of the answer's rubric has a mark."""
        given = self.given_by.get(self._key(answer))
        return given is not None and all(c["criterion"] in given.points for c in self.criteria(answer["question"]))

    def _unmarked(self, question: str) -> list[int]:
        return [n for n, a in enumerate(self.answers(question)) if not self.complete(a)]

    @property
    def current(self) -> dict:
        answers = self.answers()
        return answers[self.index] if answers else {}

    def _refresh(self) -> None:
        self.questions = [{"id": qid, "prompt": q["prompt"], "count": len(self.answers(qid)),
                           "marked": sum(self.complete(a) for a in self.answers(qid))}
                          for qid, q in self.content["questions"].items()]
        answer = self.current
        # One message for the card, its marks and its comment: sent one by one, the view could draw
        # the next answer with the previous one's comment in the box, and Enter would save it there.
        with self.hold_sync():
            if not answer:
                self.card, self.given, self.comment_text = {}, {}, ""
                return
            given = self.given_by.get(self._key(answer))
            self.card = {"position": self.index + 1, "count": len(self.answers()), "code": answer["code"],
                         "name": "" if self.blind else answer["student"], "text": answer["text"],
                         "aids": answer.get("aids", []), "notebook": answer["notebook"]}
            self.given = dict(given.points) if given else {}
            self.comment_text = given.comment if given else ""

    # ---- what the marker does ------------------------------------------------------------

    def choose(self, question: str) -> None:
        """Mark ``question`` now, starting at its first answer not yet marked."""
        if question not in self.content["questions"]:
            self.status = f"No question {question!r} in {self.source.name}."
            return
        spec = self.content["questions"][question]
        self.question, self.prompt = question, spec["prompt"]
        self.rubric, self.model_answer = spec["rubric"], spec.get("model_answer", "")
        unmarked = self._unmarked(question)
        self.index = unmarked[0] if unmarked else 0
        self._refresh()

    def go(self, where: str | int) -> None:
        """Show the ``"next"`` or ``"previous"`` answer, or the one at a position (from 1)."""
        count = len(self.answers())
        if not count:
            return
        target = self.index + 1 if where == "next" else self.index - 1 if where == "previous" else int(where) - 1
        if not 0 <= target < count:
            left = len(self._unmarked(self.question))
            self.status = ("That was the last answer. " if target >= count else "This is the first answer. ") + (
                f"{left} answer(s) of {self.question} are not fully marked yet." if left else
                f"Every answer of {self.question} is marked.")
            return
        self.index = target
        self._refresh()

    def _save(self, record: dict) -> dict:
        answer = self.current
        return marks.append(self.marks_file, {"question": answer["question"], "student": answer["student"],
                                              "notebook": answer["notebook"], "sha256": answer["sha256"], **record})

    def mark(self, criterion: str, points: float) -> bool:
        """Give the answer shown ``points`` on ``criterion`` (one of its levels); saved at once."""
        answer = self.current
        found = next((c for c in self.criteria() if c["criterion"] == criterion), None)
        if not answer or found is None:
            self.status = f"Not saved: {criterion!r} is not a criterion of {self.question}."
            return False
        levels = [lv["points"] for lv in found["levels"]]
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points not in levels:
            self.status = (f"Not saved: {criterion} has no level worth {points} "
                           f"(levels: {', '.join(f'{p:g}' for p in levels)}).")
            return False
        try:
            self._save({"criterion": criterion, "points": points})
        except OSError as exc:
            self.status = f"Not saved: the marks file cannot be written ({exc}). Your marks so far are safe."
            return False
        given = self.given_by.setdefault(self._key(answer), marks.Given(answer["sha256"]))
        given.points[criterion] = float(points)
        done = sum(c["criterion"] in given.points for c in self.criteria())
        self.status = (f"Saved: {criterion} {points:g} of {found['points']:g} for {self._who(answer)} "
                       f"({done} of {len(self.criteria())} criteria marked).")
        self._refresh()
        return True

    def comment(self, text: str) -> bool:
        """Give the answer shown a comment (replacing any earlier one); saved at once."""
        answer = self.current
        if not answer or not isinstance(text, str):
            return False
        given = self.given_by.get(self._key(answer))
        if text == (given.comment if given else ""):
            return True
        try:
            self._save({"criterion": None, "comment": text})
        except OSError as exc:
            self.status = f"Not saved: the marks file cannot be written ({exc})."
            return False
        self.given_by.setdefault(self._key(answer), marks.Given(answer["sha256"])).comment = text
        self.status = f"Saved: the comment for {self._who(answer)}."
        self._refresh()
        return True

    def unblind(self, show: bool = True) -> None:
        """Show the students' names (or hide them again)."""
        self.blind = not show
        self.status = "Names are shown." if show else "Names are hidden: students are codes."
        self._refresh()

    def _who(self, answer: dict) -> str:
        return answer["code"] if self.blind else f"{answer['student']} ({answer['code']})"

    def _handle(self, _widget, content: Any, _buffers) -> None:
        """A message from the page: trust only its shape. A mark or comment names the answer it was
        given to; if another answer is shown by now, it is refused, never given to the wrong one."""
        if not isinstance(content, dict):
            return
        event = content.get("event")
        if event in ("mark", "comment") and (content.get("question"), content.get("code")) != (
                self.question, self.current.get("code")):
            self.status = "Not saved: the view had moved to another answer; give that mark again."
            return
        if event == "mark" and isinstance(content.get("criterion"), str):
            self.mark(content["criterion"], content.get("points"))
        elif event == "comment":
            self.comment(content.get("text"))
        elif event == "go" and (content.get("to") in ("next", "previous") or isinstance(content.get("to"), int)):
            self.go(content["to"])
        elif event == "question" and isinstance(content.get("id"), str):
            self.choose(content["id"])
        elif event == "blind":
            self.unblind(not bool(content.get("value", True)))



def view(to_mark: str | Path, marks_file: str | Path | None = None) -> MarkingWidget:
    """The marking view of a to-mark file (marks saved to ``marks_file``, default beside it)."""
    return MarkingWidget(to_mark, marks_file)


NOTEBOOK_INTRO = """# Marking written answers

Run the cell below (Shift+Enter) to open the marking view. It shows one question at a time, every
answer of the class in turn, **blind** (students are codes until you press *Show names*).

- **A digit** gives the current criterion the level worth that many points, then moves on to the
  next criterion and, after the last, to the comment box. The arrow keys choose a level too.
- **Enter** in the comment box saves the comment and opens the next answer; **Shift+Enter** starts
  a new line in it.
- **n** / **p**: next / previous answer; **c**: the comment box.

Every mark is saved to the marks file the moment you give it; close this notebook whenever you like
and run the cell again to carry on where you stopped. When you are done, merge the marks:
`python -m natocourse grade SUBMISSIONS... --out {gradebook} --marks {marks}`.
"""


def write_notebook(to_mark: str | Path, marks_file: str | Path | None = None,
                   notebook: str | Path | None = None) -> Path:
    """Write the marking notebook for a to-mark file (kept if it already exists); return its path."""
    import json

    import nbformat

    from ..course import Course

    source = Path(to_mark)
    marks.load_to_mark(source)  # refuse a file that is not a to-mark file before writing anything
    gradebook = source.with_name(source.name.replace("-to-mark.json", ".csv"))
    marks_path = Path(marks_file) if marks_file else marks.paths(gradebook)["marks"]
    target = Path(notebook) if notebook else source.with_name(source.name.replace("-to-mark.json", "-marking.ipynb"))
    if target.exists():
        return target
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell(NOTEBOOK_INTRO.format(gradebook=gradebook.name, marks=marks_path.name)),
                nbformat.v4.new_code_cell("from natocourse.tooling.classroom import marking\n\n"
                                          f"marking.view({json.dumps(str(source))}, {json.dumps(str(marks_path))})")]
    nb.metadata["kernelspec"] = dict(Course.kernelspec)
    nbformat.write(nb, target)
    return target
