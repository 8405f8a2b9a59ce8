"""Grade submissions from the answers students gave, never from what their kernel claims.

``python -m natocourse grade SUBMISSIONS... --out grades.csv [--keys keys.json] [--points ID=N]``

Where the answers come from
    *Widget answers* travel inside the notebook: each question widget fills an invisible output
    (``application/vnd.natocourse.answers+json``) with the answers checked in it, and saving the
    notebook saves them. They are read from the submitted file before anything runs.
    *Code answers* come from running the notebook again, top to bottom, in a fresh kernel whose
    course home is an empty folder: each ``exercises.check(id, answer)`` records its raw answer
    there (as data: a DataFrame or Series as its values, never pickle). The grader reads the
    answers once the kernel is gone, never the statuses beside them.
    An answer given in code counts over one given through the widget (the grader ran the code
    itself); otherwise the last widget answer counts.

What counts
    Every answer is checked again here, in the grading process, with the course's question bank
    or, in exam mode, with the instructor's private ``keys.json``. Printed "Correct" outputs,
    outputs copied from a solved notebook, edited progress files and checking code patched in
    the student's kernel change nothing: none of them is an answer.

Student code is hostile
    Each notebook runs with a time limit, a cap on the bytes of output it may produce and a
    memory limit on its kernel (:mod:`natocourse.tooling.classroom.kernel`). A broken, truncated, looping or
    oversized notebook gets rows saying why, and the batch goes on.

What it writes
    ``--out`` is the gradebook, one row per student: ``student``, one column per question (points
    earned), ``total`` and ``percent``. Beside it, ``<out>-details.csv`` (one row per student,
    notebook and question: the answer, the verdict and the reason, for audit) and a ``feedback/``
    folder with one Markdown file per student (each question, the answer, the verdict and the
    explanation).

Who is who: ``metadata.natocourse.student`` if the notebook sets it, else the folder name when
the file keeps the exercise's own name (``alice/01-exercise-tour.ipynb`` → ``alice``), else the
file name without the exercise's name (``alice_01-exercise-tour.ipynb`` → ``alice``).
"""

from __future__ import annotations

import csv
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

#: The verdicts a graded question can get.
VERDICTS = ("correct", "incorrect", "invalid", "not_answered", "error")
#: The columns of the details file.
DETAIL_COLUMNS = ("student", "notebook", "question", "answer", "verdict", "points", "max_points", "reason")

_QUESTION_ID = re.compile(r"""["']([a-z][a-z0-9]*-\d{2})["']""")
_EXERCISE_NAME = re.compile(r"\d{2}-[a-z0-9-]+$")


class GradingError(ValueError):
    """A grading request that cannot be carried out; the message says what to do."""


@dataclass(frozen=True)
class Limits:
    """What one notebook may use: seconds in all, bytes of output, megabytes of kernel memory."""

    timeout: float = 60
    output_bytes: int = 2_000_000
    memory_mb: int = 2048
    #: Exam mode: a folder holding the keyless student package, put first on the kernel's path.
    python_path: str = ""


@dataclass
class Submission:
    """The raw answers found in one notebook, before any checking."""

    student: str
    notebook: str
    questions: list[str] = field(default_factory=list)
    code: dict[str, list] = field(default_factory=dict)
    widget: dict[str, list] = field(default_factory=dict)
    problem: str = ""


@dataclass(frozen=True)
class Row:
    """One student's result on one question of one notebook."""

    student: str
    notebook: str
    question: str
    answer: str
    verdict: str
    points: float
    max_points: float
    reason: str = ""


# ---- who, what, where --------------------------------------------------------------------------

def find_submissions(paths: Iterable[str | Path]) -> list[Path]:
    """The notebooks to grade: files as given, folders searched recursively for ``*.ipynb``."""
    found: list[Path] = []
    paths = list(paths)
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found += sorted(p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
        elif path.is_file():
            found.append(path)
        else:
            raise GradingError(f"submission not found: {given} (give notebooks or folders of notebooks)")
    if not found:
        raise GradingError("no notebooks to grade in " + ", ".join(str(p) for p in paths))
    return found


def student_name(path: Path, metadata: dict | None = None) -> str:
    """Who submitted ``path`` (see the module docstring for the rule)."""
    named = ((metadata or {}).get("natocourse") or {}).get("student")
    if isinstance(named, str) and named.strip():
        return named.strip()
    stem = path.stem
    if _EXERCISE_NAME.fullmatch(stem):
        return path.parent.name or stem
    match = re.match(r"(.+?)[-_ .]+\d{2}-[a-z0-9-]+$", stem)
    return match[1] if match else stem


def _short(text: Any, limit: int = 200) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- the question bank the grader trusts --------------------------------------------------------

def load_bank(keys: str | Path | None = None) -> dict:
    """``{question id: question}`` to check with: the course's bank, or the questions of a keys file."""
    from ...engine import registry
    from ...engine.types import from_spec

    if keys is None:
        return {q.id: q for q in registry.all()}
    path = Path(keys)
    try:
        specs = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GradingError(f"keys file not found: {path} (write it with python -m natocourse exam OUT)") from None
    except (OSError, ValueError) as exc:
        raise GradingError(f"{path} is not a keys file ({type(exc).__name__}); write it again with "
                           "python -m natocourse exam OUT") from None
    questions = specs.get("questions") if isinstance(specs, dict) else None
    if not isinstance(questions, dict) or not questions:
        raise GradingError(f"{path} holds no questions; write it again with python -m natocourse exam OUT")
    try:
        return {qid: from_spec(spec) for qid, spec in questions.items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise GradingError(f"{path} has a damaged question ({_short(exc, 120)}); write it again with "
                           "python -m natocourse exam OUT") from None


# ---- reading answers ----------------------------------------------------------------------------

def widget_answers(nb) -> dict[str, list]:
    """``{question id: [raw answers]}`` from the answers records saved in a notebook."""
    from ...engine import records

    return records.read(nb)


def _data_dir() -> Path:
    from ...data import data_dir

    return data_dir()


def _client_class():
    from nbclient import NotebookClient

    class CappedClient(NotebookClient):
        """Runs a notebook and stops it once its outputs pass ``output_cap`` bytes."""

        output_cap = 2_000_000
        produced = 0

        def output(self, outs, msg, display_id, cell_index):
            self.produced += len(json.dumps(msg.get("content", {}), default=str))
            if self.produced > self.output_cap:
                raise OutputLimitExceeded(f"the notebook printed more than {self.output_cap:,} bytes of output")
            return super().output(outs, msg, display_id, cell_index)

    return CappedClient


class OutputLimitExceeded(RuntimeError):
    """A notebook produced more output than grading allows."""


def _recorded_answers(home: Path) -> tuple[dict[str, list], str]:
    """The raw answers the run recorded, by question, and a problem if the file was unusable."""
    from ...engine import progress

    return progress.raw_answers(home / progress.FILENAME)


def read_submission(path: str | Path, limits: Limits = Limits()) -> Submission:
    """Widget answers from the file as submitted, code answers from running it again (never raises)."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    from .kernel import KERNEL_NAME, kernelspec_dir

    path = Path(path)
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as exc:  # noqa: BLE001 - any unreadable file is an error row
        return Submission(student_name(path), path.name,
                          problem=f"not a valid notebook ({type(exc).__name__}): {_short(exc)}")
    submission = Submission(student_name(path, nb.metadata), path.name)
    sources = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    submission.questions = sorted(set(_QUESTION_ID.findall(sources)))
    submission.widget = widget_answers(nb)
    for cell in nb.cells:  # the run must not see, or keep, anything the student stored
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    deadline = time.monotonic() + limits.timeout
    with tempfile.TemporaryDirectory(prefix="natocourse-grade-") as scratch:
        scratch = Path(scratch)
        home = scratch / "home"
        home.mkdir()
        jupyter_path = kernelspec_dir(scratch / "jupyter", memory_mb=limits.memory_mb,
                                      cpu_seconds=int(limits.timeout) + 30)
        client = _client_class()(nb, kernel_name=KERNEL_NAME, allow_errors=True, record_timing=False,
                                 timeout_func=lambda _cell: max(1, int(deadline - time.monotonic()) + 1),
                                 resources={"metadata": {"path": str(path.parent.resolve())}})
        client.output_cap = limits.output_bytes
        environment = {**os.environ, "NATOCOURSE_HOME": str(home), "PYTHONWARNINGS": "ignore",
                       **({"PYTHONPATH": limits.python_path} if limits.python_path else {}),
                       "NATOCOURSE_DATA": os.environ.get("NATOCOURSE_DATA") or str(_data_dir()),
                       "JUPYTER_PATH": os.pathsep.join([str(jupyter_path), os.environ.get("JUPYTER_PATH", "")])}
        previous = os.environ.get("JUPYTER_PATH")
        os.environ["JUPYTER_PATH"] = environment["JUPYTER_PATH"]
        try:
            client.execute(env=environment)
        except CellTimeoutError:
            submission.problem = f"the notebook did not finish within {limits.timeout:g} s"
        except DeadKernelError:
            submission.problem = ("the kernel died while running the notebook (it may have used more than "
                                  f"{limits.memory_mb} MB of memory)")
        except OutputLimitExceeded as exc:
            submission.problem = str(exc)
        except Exception as exc:  # noqa: BLE001
            submission.problem = f"the notebook could not run ({type(exc).__name__}): {_short(exc)}"
        finally:
            if previous is None:
                os.environ.pop("JUPYTER_PATH", None)
            else:
                os.environ["JUPYTER_PATH"] = previous
        submission.code, trouble = _recorded_answers(home)
        submission.problem = submission.problem or trouble
    if not submission.problem:
        errors = [f"cell {n} raised {o.get('ename')}" for n, c in enumerate(nb.cells, start=1)
                  for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            submission.problem = "; ".join(errors[:3])
    return submission


# ---- checking -----------------------------------------------------------------------------------

def score(submission: Submission, bank: Mapping, points: Mapping[str, float] | None = None,
          questions: Iterable[str] | None = None) -> list[Row]:
    """Check a submission's answers with ``bank`` (in this process) and give each question its points.

    ``questions`` are the ones to grade (default: those the notebook names or answered); an
    answer to a question outside the bank is ignored.
    """
    from ...engine.answers import deserialise

    points = points or {}
    wanted = list(questions) if questions is not None else sorted(
        {q for q in [*submission.questions, *submission.code, *submission.widget] if q in bank})
    if not wanted:
        reason = submission.problem or "no course questions found in this notebook"
        return [Row(submission.student, submission.notebook, "", "", "error", 0, 0, reason)]
    rows = []
    for qid in wanted:
        worth = float(points.get(qid, 1))
        question = bank.get(qid)
        if question is None:
            rows.append(Row(submission.student, submission.notebook, qid, "", "error", 0, worth,
                            "not a question of this course"))
            continue
        chosen, source, result = None, "", None
        for raw in reversed(submission.code.get(qid, [])):
            result = question.check(deserialise(raw))
            if result.status != "not_answered":
                chosen, source = raw, "code"
                break
        if chosen is None and submission.widget.get(qid):
            chosen, source = submission.widget[qid][-1], "widget"
            result = question.check(deserialise(chosen))
        if chosen is None:
            verdict = "error" if submission.problem and qid not in submission.code else "not_answered"
            reason = (f"not answered: {submission.problem}" if verdict == "error" else "no answer given")
            rows.append(Row(submission.student, submission.notebook, qid, "", verdict, 0, worth, reason))
            continue
        earned = worth if result.correct else 0.0
        reason = f"answered in {source}; {result.message}" + (
            f" (while running: {submission.problem})" if submission.problem else "")
        rows.append(Row(submission.student, submission.notebook, qid, _answer_text(chosen),
                        result.status, earned, worth, reason))
    return rows


def _answer_text(raw: Any) -> str:
    try:
        return _short(json.dumps(raw, ensure_ascii=False, default=str), 300)
    except (TypeError, ValueError):
        return "<unreadable>"


# ---- a batch -----------------------------------------------------------------------------------

def _read_safely(path: str, limits: Limits) -> Submission:
    try:
        return read_submission(path, limits)
    except Exception as exc:  # noqa: BLE001 - one submission must never stop the batch
        return Submission(student_name(Path(path)), Path(path).name,
                          problem=f"grading failed ({type(exc).__name__}): {_short(exc)}")


class ProgressBar:
    """``graded 37/100 · 2 errors · about 1 min 20 s left`` on stderr (a line per step off a terminal)."""

    def __init__(self, total: int, stream=None, quiet: bool = False):
        self.total, self.done, self.errors = total, 0, 0
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.started = time.monotonic()
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.step = max(1, total // 20)

    def update(self, failed: bool) -> None:
        """Count one finished notebook and redraw."""
        self.done += 1
        self.errors += bool(failed)
        if self.quiet or self.total < 2:
            return
        if not self.live and self.done % self.step and self.done != self.total:
            return
        elapsed = time.monotonic() - self.started
        left = elapsed / self.done * (self.total - self.done)
        width = 24
        filled = round(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        line = (f"graded {self.done}/{self.total} [{bar}] · {self.errors} error(s) · "
                f"{'done' if self.done == self.total else 'about ' + _duration(left) + ' left'}")
        if self.live:
            self.stream.write("\r" + line + ("\n" if self.done == self.total else ""))
        else:
            self.stream.write(line + "\n")
        self.stream.flush()


def _duration(seconds: float) -> str:
    seconds = int(round(seconds))
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"


def grade(paths: Iterable[str | Path], *, keys: str | Path | None = None, points: Mapping | None = None,
          questions: Iterable[str] | None = None, limits: Limits = Limits(), jobs: int | None = None,
          quiet: bool = False, bank: Mapping | None = None) -> list[Row]:
    """Grade submissions in parallel; rows in submission order. Progress goes to stderr.

    ``bank`` is the question bank read from ``keys`` (read here when not given).
    """
    bank = load_bank(keys) if bank is None else bank
    submissions = find_submissions(paths)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(submissions)))
    with tempfile.TemporaryDirectory(prefix="natocourse-exam-") as keyless:
        if keys is not None:
            from .exam import write_student_package

            write_student_package(Path(keyless))
            limits = Limits(limits.timeout, limits.output_bytes, limits.memory_mb, python_path=keyless)
        results = _read_all(submissions, limits, jobs, quiet)
    wanted = list(questions) if questions is not None else None
    return [row for i in range(len(submissions)) for row in score(results[i], bank, points, wanted)]


def _read_all(submissions: list[Path], limits: Limits, jobs: int, quiet: bool) -> dict[int, Submission]:
    results: dict[int, Submission] = {}
    bar = ProgressBar(len(submissions), quiet=quiet)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = {pool.submit(_read_safely, str(p), limits): i for i, p in enumerate(submissions)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                results[index] = future.result()
            except Exception as exc:  # noqa: BLE001 - e.g. a worker process killed
                path = submissions[index]
                results[index] = Submission(student_name(path), path.name,
                                            problem=f"grading process failed ({type(exc).__name__})")
            bar.update(bool(results[index].problem))
    return results


# ---- writing the gradebook ---------------------------------------------------------------------

def gradebook(rows: Iterable[Row], questions: Iterable[str] | None = None,
              points: Mapping[str, float] | None = None) -> tuple[list[str], list[dict]]:
    """(columns, one dict per student): points per question, ``total`` and ``percent``.

    A question answered in several notebooks by one student counts once, with its best points.
    """
    rows = list(rows)
    points = points or {}
    ids = list(questions) if questions is not None else sorted({r.question for r in rows if r.question})
    best: dict[str, dict[str, float]] = {}
    for row in rows:
        per = best.setdefault(row.student, {})
        if row.question:
            per[row.question] = max(per.get(row.question, 0.0), row.points)
    possible = sum(float(points.get(q, 1)) for q in ids)
    table = []
    for student in sorted(best):
        earned = {q: best[student].get(q, 0.0) for q in ids}
        total = sum(earned.values())
        table.append({"student": student, **{q: _number(v) for q, v in earned.items()},
                      "total": _number(total), "percent": round(100 * total / possible, 1) if possible else 0.0})
    return ["student", *ids, "total", "percent"], table


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else round(value, 2)


def write_reports(rows: list[Row], out: str | Path, *, questions: Iterable[str] | None = None,
                  points: Mapping[str, float] | None = None, bank: Mapping | None = None) -> dict[str, Path]:
    """Write the gradebook, the details file and the feedback folder; return their paths."""
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    columns, table = gradebook(rows, questions, points)
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(table)
    details = out.with_name(out.stem + "-details.csv")
    with details.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=DETAIL_COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(r) for r in rows)
    feedback = out.parent / "feedback"
    feedback.mkdir(exist_ok=True)
    for student in sorted({r.student for r in rows}):
        lines = [f"# Feedback for {student}", ""]
        for row in (r for r in rows if r.student == student):
            if not row.question:
                lines += [f"## {row.notebook}", "", f"Could not be graded: {row.reason}", ""]
                continue
            question = (bank or {}).get(row.question)
            lines += [f"## {row.question} ({row.notebook}): {row.verdict.replace('_', ' ')}, "
                      f"{_number(row.points)} of {_number(row.max_points)}", ""]
            if question is not None:
                lines += [f"**Question.** {question.prompt}", ""]
            lines += [f"**Your answer.** {row.answer or '(none)'}", "", f"**Verdict.** {row.reason}", ""]
            if question is not None and getattr(question, "explanation", ""):
                lines += [f"**Explanation.** {question.explanation}", ""]
        safe = re.sub(r"[^A-Za-z0-9_.-]+", "_", student) or "student"
        (feedback / f"{safe}.md").write_text("\n".join(lines), encoding="utf-8")
    return {"gradebook": out, "details": details, "feedback": feedback}


def parse_points(values: Iterable[str]) -> dict[str, float]:
    """``["bill-01=2", ...]`` → ``{"bill-01": 2.0}``; a clear error for anything else."""
    points = {}
    for value in values or []:
        qid, sep, amount = str(value).partition("=")
        try:
            worth = float(amount)
        except ValueError:
            worth = -1
        if not sep or not qid or worth < 0 or worth != worth:
            raise GradingError(f"--points takes ID=N with N a number >= 0, e.g. bill-01=2, not {value!r}")
        points[qid.strip()] = worth
    return points


def grade_paths(paths: Iterable[str | Path], *, out: str | Path, keys: str | Path | None = None,
                points: Mapping[str, float] | None = None, questions: Iterable[str] | None = None,
                limits: Limits = Limits(), jobs: int | None = None, quiet: bool = False) -> list[Row]:
    """Grade and write every report (what ``python -m natocourse grade`` does)."""
    if limits.timeout <= 0:
        raise GradingError("--timeout must be a positive number of seconds")
    if jobs is not None and jobs < 1:
        raise GradingError("--jobs must be at least 1")
    out = Path(out)
    if not out.parent.exists():
        raise GradingError(f"cannot write {out}: the folder {out.parent} does not exist")
    bank = load_bank(keys)
    unknown = sorted(set(points or {}) - set(bank))
    if unknown:
        raise GradingError(f"--points names questions this course does not have: {', '.join(unknown)}")
    rows = grade(paths, keys=keys, points=points, questions=questions, limits=limits, jobs=jobs, quiet=quiet,
                 bank=bank)
    write_reports(rows, out, questions=questions, points=points, bank=bank)
    return rows


def summary(rows: list[Row]) -> str:
    """One line: how many submissions, and rows per verdict."""
    submissions = len({(r.student, r.notebook) for r in rows})
    counts = ", ".join(f"{sum(r.verdict == v for r in rows)} {v.replace('_', ' ')}" for v in VERDICTS)
    return f"graded {submissions} submission(s): {counts}"
