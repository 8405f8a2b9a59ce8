"""Grading that student code cannot reach: every notebook runs in a bubblewrap sandbox (issue 23).

The attacks of a hostile student, each graded in one batch with an honest control, a solved
notebook that must still earn full marks (a grader that ran nothing could not pass):

- key theft, through the grader's command line in ``/proc`` and through a walk of the file system;
- a detached process that rewrites the gradebook once grading is over;
- one student's code reading and emptying another's hand-in;
- a hand-in that is a symbolic link to a solution notebook outside the submissions (and a folder
  that is a link out of them);
- a fork bomb, filling the disk, a network connection, killing the grader's processes.

Each must change nothing but its author's own row. The batch is graded once, in exam mode, by the
real command in a process of its own (so that its command line really names the keys), with short
time limits. The other tests look at what a notebook sees from inside, what happens where no
sandbox can run, and the hand-in checks and report writing that need no kernel.
"""

import ast
import csv
import hashlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest

from natocourse.engine import registry
from natocourse.engine.export import SPEC_SCHEMA
from natocourse.tooling.classroom import cgroups, collect, gradebook, run, sandbox, submissions
from natocourse.tooling.classroom.score import Row
from natocourse.tooling.cli import main
from natocourse.tooling.course import Limits

ROOT = Path(__file__).resolve().parents[1]
SOLVED = ROOT / "solutions" / "01-exercise-tour.ipynb"
TOUR = [f"tour-0{n}" for n in range(1, 9)]
SETUP = "from natocourse import exercises"
MARKER = "natocourse-sleeper-d41d8cd9"

# ---- the attacks, as a student would write them -------------------------------------------------

#: Find the grader's command line in /proc (its --keys, --out and submissions) and its folder.
GRADER = '''
import os
def grader_args():
    found = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            args = [a.decode() for a in open(f"/proc/{pid}/cmdline", "rb").read().split(b"\\0") if a]
            cwd = os.readlink(f"/proc/{pid}/cwd")
        except OSError:
            continue
        if "grade" in args and any("natocourse" in a for a in args):
            found.append((args, cwd))
    return found
def walk(tops, wanted, seconds=10):
    """Files whose name passes ``wanted`` under ``tops``, skipping the system, for a few seconds."""
    import time
    deadline, hits = time.monotonic() + seconds, []
    skip = {"proc", "sys", "dev", "usr", "site-packages", "node_modules", ".git", ".venv", "__pycache__", ".pyenv"}
    for top in tops:
        for folder, folders, files in os.walk(top):
            folders[:] = [d for d in folders if d not in skip]
            hits += [os.path.join(folder, f) for f in files if wanted(f)]
            if time.monotonic() > deadline:
                return hits
    return hits
'''

THIEF = GRADER + '''
import json
from natocourse import exercises
from natocourse.engine.types import from_spec
named = [os.path.join(cwd, args[args.index("--keys") + 1]) for args, cwd in grader_args() if "--keys" in args]
walked = walk(["/tmp", "/home", "/root", "/work", "/srv", "/opt", "/"], lambda f: f == "keys.json")
places = named + walked
exercises.check("tour-05", f"named {len(named)}, found {len(walked)}")
stolen = {}
for place in places:
    try:
        specs = json.load(open(place))["questions"]
    except Exception:
        continue
    for qid, spec in specs.items():
        try:
            question = from_spec(spec)
            if "answer" in spec:
                stolen[qid] = spec["answer"]
            for option in spec.get("options", []):
                if question.check(option).correct:
                    stolen[qid] = option
        except Exception:
            pass
try:
    import natocourse.questions.tour  # the course's own bank, keys and all
    stolen["bank"] = True
except ImportError:
    pass
for qid, answer in stolen.items():
    if qid.startswith("tour-"):
        exercises.check(qid, answer)
print(places, sorted(stolen))
'''

NEIGHBOUR = GRADER + '''
from natocourse import exercises
mine = os.path.realpath(os.getcwd())
tops = [a if a.startswith("/") else os.path.join(cwd, a) for args, cwd in grader_args() for a in args]
others = [p for p in walk([t for t in tops if os.path.isdir(t)] + ["/tmp", "/"], lambda f: f.endswith(".ipynb"))
          if not os.path.realpath(p).startswith(mine) and "/natocourse/" not in p]  # the package's own templates
read, emptied = [], []
for path in others:
    try:
        read.append(open(path).read())
        with open(path, "w") as handle:
            handle.write("{}")
        emptied.append(path)
    except OSError:
        pass
exercises.check("tour-05", f"read {len(read)}, emptied {len(emptied)}: {emptied[:3]}")
'''

#: Runs on in a process of its own, detached: rewrites the gradebook once the grader has written it.
LATER = GRADER + '''
import time
deadline, done = time.monotonic() + 90, set()
while time.monotonic() < deadline:
    for args, cwd in grader_args():
        if "--out" in args:
            done.add(os.path.join(cwd, args[args.index("--out") + 1]))
    for path in done:
        if os.path.exists(path) and "sleeper,100" not in open(path).read():
            open(path, "w").write("student,total,percent\\nsleeper,100,100.0\\nzoe,0,0.0\\n")
    time.sleep(0.2)
'''

SLEEPER = f'''
import subprocess, sys
subprocess.Popen([sys.executable, "-c", {LATER!r}, "{MARKER}"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
from natocourse import exercises
exercises.check("tour-05", "started")
'''

BOMB = '''
import os, time
from natocourse import exercises
started = 0
for _ in range(400):
    try:
        pid = os.fork()
    except OSError:
        break
    if pid == 0:
        time.sleep(60)
        os._exit(0)
    started += 1
exercises.check("tour-05", f"started {started}")
'''

FILLER = '''
import os
from natocourse import exercises
written, made = 0, []
for place in (".", "/tmp", "/dev/shm", os.path.dirname(os.__file__), "/"):
    for n in range(200):
        try:
            made.append(os.path.join(place, f"fill-{n}"))
            with open(made[-1], "wb") as handle:
                handle.write(b"x" * 1_000_000)
            written += 1
        except OSError:
            break
for path in made:  # make room again, to record the figure
    try:
        os.remove(path)
    except OSError:
        pass
exercises.check("tour-05", f"wrote {written} MB")
'''

NETWORK = '''
import socket
from natocourse import exercises
outcomes = []
for host, port in (("127.0.0.1", {port}), ("localhost", {port}), ("192.0.2.1", 80)):
    try:
        socket.create_connection((host, port), timeout=2).close()
        outcomes.append("connected")
    except OSError as error:
        outcomes.append(type(error).__name__)
exercises.check("tour-05", " ".join(outcomes))
'''

KILLER = '''
import os, signal
from natocourse import exercises
sent, pid = [], os.getpid()
for _ in range(4):  # the parent, then its parent... as long as they are Python (never the host's init)
    try:
        parent = int(open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[1])
        if parent <= 1 or b"python" not in open(f"/proc/{parent}/cmdline", "rb").read():
            break
        os.kill(parent, signal.SIGKILL)
        sent.append(parent)
        pid = parent
    except (OSError, ValueError, IndexError):
        break
for target in (1, os.getppid()):
    try:
        os.kill(target, signal.SIGKILL)
    except OSError:
        pass
exercises.check("tour-05", f"killed {len(sent)}")
'''


def notebook(path, *sources):
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources]), path)
    return path


def digest(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def survivors():
    """Processes on this host carrying the sleeper's marker."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and MARKER.encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            pass
    return found


class Listener:
    """A TCP server on the host's loopback that counts connections (none may come from a sandbox)."""

    def __init__(self):
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(8)
        self.server.settimeout(0.2)
        self.port, self.connections, self.running = self.server.getsockname()[1], 0, True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                client, _ = self.server.accept()
                self.connections += 1
                client.close()
            except OSError:
                pass

    def close(self):
        self.running = False
        self.thread.join()
        self.server.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Every attack and an honest control, graded together in exam mode by the real command."""
    base = tmp_path_factory.mktemp("batch")
    keys = base / "instructor" / "keys.json"
    keys.parent.mkdir()
    keys.write_text(json.dumps({"version": 1, "schema": SPEC_SCHEMA,
                                "questions": {q.id: q.spec() for q in registry.all()}}))
    outside = base / "outside"
    outside.mkdir()
    shutil.copy(SOLVED, outside / "solved.ipynb")
    (outside / "folder").mkdir()
    shutil.copy(SOLVED, outside / "folder" / "01-exercise-tour.ipynb")
    subs = base / "submissions"
    name = "01-exercise-tour.ipynb"
    listener = Listener()
    attacks = {"aaron": NEIGHBOUR, "bomb": BOMB, "disk": FILLER, "killer": KILLER,
               "net": NETWORK.replace("{port}", str(listener.port)), "sleeper": SLEEPER, "thief": THIEF}
    for student, attack in attacks.items():
        notebook(subs / student / name, SETUP, attack)
    (subs / "zoe").mkdir()
    shutil.copy(SOLVED, subs / "zoe" / name)
    (subs / "linky").mkdir()
    (subs / "linky" / name).symlink_to(outside / "solved.ipynb")
    (subs / "lulu").symlink_to(outside / "folder", target_is_directory=True)
    before = {p: digest(p) for p in [subs / "zoe" / name, outside / "solved.ipynb"]}
    out = base / "grades" / "grades.csv"
    out.parent.mkdir()
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "natocourse", "grade", str(subs), "--keys", str(keys),
                           "--out", str(out), "--timeout", "25", "--jobs", "2"],
                          capture_output=True, text=True, timeout=300, cwd=base)
    seconds = time.monotonic() - started
    right_after = survivors()
    gradebook_then = out.read_bytes() if out.exists() else b""
    time.sleep(3)  # time for a detached process to act, had one survived
    listener.close()
    details = list(csv.DictReader((base / "grades" / "grades-details.csv").open())) if out.exists() else []
    result = {"done": done, "seconds": seconds, "out": out, "before": before, "subs": subs,
              "gradebook_then": gradebook_then, "right_after": right_after, "later": survivors(),
              "listener": listener, "details": {(d["student"], d["question"]): d for d in details},
              "rows": {r["student"]: r for r in csv.DictReader(out.open())} if out.exists() else {}}
    for pid in result["later"]:  # never leave one behind, even when the test fails
        os.kill(pid, 9)
    return result


def answer(batch, student):
    """The text a student's code answered tour-05 with, as the details file shows it (in quotes)."""
    return ast.literal_eval(batch["details"][student, "tour-05"]["answer"])


def test_the_batch_is_graded_and_the_honest_control_earns_full_marks(batch):
    done = batch["done"]
    assert done.returncode == 0, done.stderr[-3000:]
    assert "sandboxed (bubblewrap)" in done.stderr and "without a sandbox" not in done.stderr
    zoe = batch["rows"]["zoe"]
    assert [zoe[q] for q in TOUR] == ["1"] * 8 and zoe["percent"] == "100.0", zoe
    assert digest(batch["subs"] / "zoe" / "01-exercise-tour.ipynb") == batch["before"][batch["subs"] / "zoe" /
                                                                                        "01-exercise-tour.ipynb"]
    assert batch["seconds"] < 240, f"the attack batch took {batch['seconds']:.0f} s"


def test_keys_cannot_be_stolen_through_proc_or_a_walk_of_the_file_system(batch):
    assert answer(batch, "thief") == "named 0, found 0"  # no command line seen, no keys file found
    thief = batch["rows"]["thief"]
    assert thief["total"] == "0", thief  # nothing stolen
    assert [k for k in batch["details"] if k[0] == "thief" and batch["details"][k]["answer"]] == [("thief", "tour-05")]


def test_a_detached_process_cannot_outlive_its_notebook_or_touch_the_gradebook(batch):
    assert answer(batch, "sleeper") == "started"  # it did start its process
    assert batch["right_after"] == [] and batch["later"] == []
    assert batch["out"].read_bytes() == batch["gradebook_then"]
    assert b"sleeper,100" not in batch["gradebook_then"]


def test_one_students_code_cannot_read_or_change_another_hand_in(batch):
    assert answer(batch, "aaron") == "read 0, emptied 0: []"
    for path, before in batch["before"].items():
        assert digest(path) == before, path


def test_a_linked_hand_in_is_refused_unread(batch):
    for student, notebook_name in (("linky", "01-exercise-tour.ipynb"), ("lulu", "lulu")):
        row = batch["details"][student, ""]
        assert row["verdict"] == "error" and "symbolic link" in row["reason"], row
        assert row["notebook"] == notebook_name
        assert batch["rows"][student]["total"] == "0"


def test_a_fork_bomb_is_capped(batch):
    started = int(answer(batch, "bomb").split()[1])
    assert 0 < started < sandbox.PROCESSES, started
    assert batch["later"] == []


def test_filling_the_disk_stops_at_the_scratch_folder(batch):
    written = int(answer(batch, "disk").split()[1])
    assert 0 < written <= sandbox.Sandbox().writable_bytes // 1_000_000, written


def test_no_network_not_even_the_hosts_loopback(batch):
    outcomes = answer(batch, "net").split()
    assert len(outcomes) == 3 and "connected" not in outcomes, outcomes
    assert batch["listener"].connections == 0


def test_killing_the_graders_processes_reaches_nothing(batch):
    assert answer(batch, "killer") == "killed 0"


# ---- what a notebook sees --------------------------------------------------------------------------

LOOK = '''
import os, json, socket
from natocourse.engine import progress, results
seen = {"uid": os.getuid(), "cwd": os.getcwd(), "files": sorted(os.listdir(".")), "home": os.path.expanduser("~"),
        "processes": len([p for p in os.listdir("/proc") if p.isdigit()]), "tmp": os.listdir("/tmp"),
        "capabilities": open("/proc/self/status").read().split("CapEff:")[1].split()[0],
        "secret": os.environ.get("NATOCOURSE_TEST_SECRET"), "environment": sorted(os.environ),
        "visible": {p: os.path.exists(p) for p in PATHS}, "writable": {}}
import natocourse, sys
for place in ("/usr", os.path.dirname(natocourse.__file__), sys.prefix, "/etc", "/", "/dev"):
    try:
        open(os.path.join(place, "probe"), "w").close()
        seen["writable"][place] = True
    except OSError:
        seen["writable"][place] = False
for setting in ("/proc/sys/vm/drop_caches", "/proc/sys/kernel/printk_ratelimit"):
    try:
        os.close(os.open(setting, os.O_WRONLY))
        seen["writable"][setting] = True
    except OSError:
        seen["writable"][setting] = False
try:
    import natocourse.questions.tour
    seen["bank"] = True
except ImportError:
    seen["bank"] = False
seen["bank_file"] = os.path.exists(BANK)  # the course's own question module, wherever it is installed
progress.record("look-01", "look", results.Result(False, "incorrect", ""), answer=json.dumps(seen))
'''


def look(tmp_path, monkeypatch, student_edition=""):
    monkeypatch.setenv("NATOCOURSE_TEST_SECRET", "s3cret")
    import natocourse.questions.tour as bank

    hand_in = notebook(tmp_path / "submissions" / "kim" / "look.ipynb", "PATHS = " + repr(
        [str(tmp_path), str(tmp_path / "submissions"), str(ROOT / "solutions"), str(ROOT / "tasks.py"),
         str(Path.home() / ".bashrc"), "/etc/shadow", "/var"]), f"BANK = {bank.__file__!r}", LOOK)
    box = sandbox.prepare(student_edition=student_edition, exam=bool(student_edition))
    outcome = run.run(nbformat.read(hand_in, as_version=4), "look.ipynb", Limits(timeout=30), sandbox=box)
    assert outcome.problem == "", outcome.problem
    return json.loads(outcome.code["look-01"][-1])


def test_inside_the_notebook_sees_its_own_copy_and_nothing_of_the_grader(tmp_path, monkeypatch):
    seen = look(tmp_path, monkeypatch)
    assert seen["uid"] == sandbox.UID and seen["capabilities"] == "0000000000000000"
    assert seen["cwd"] == seen["home"] == sandbox.SCRATCH and "look.ipynb" in seen["files"]
    under_tmp = {Path(f).parts[2] for f in sandbox.configure().readable if f.startswith("/tmp/")}
    assert seen["processes"] <= 3 and set(seen["tmp"]) <= under_tmp  # only where the environment is bound
    assert seen["secret"] is None and "JPY_PARENT_PID" not in seen["environment"]
    assert seen["visible"] == {p: False for p in seen["visible"]}, seen["visible"]
    assert not any(seen["writable"].values()), seen["writable"]
    assert seen["bank"] is seen["bank_file"] is True  # self-study: the course package is there, read-only


@pytest.mark.parametrize("installed", ["apart", "inside the environment"])
def test_in_exam_mode_the_course_bank_is_not_even_visible(tmp_path, monkeypatch, installed):
    from natocourse.tooling.classroom.exam import write_student_package

    write_student_package(tmp_path / "edition")
    if installed != "apart":  # as a non-editable install puts it in site-packages, shown to the kernel
        monkeypatch.setattr(sandbox.sys, "exec_prefix", sandbox._package().rsplit("/", 1)[0])
    seen = look(tmp_path, monkeypatch, student_edition=str(tmp_path / "edition"))
    assert seen["bank"] is seen["bank_file"] is False


# ---- where no sandbox can run ----------------------------------------------------------------------

def test_without_bubblewrap_grade_stops_before_anything_runs_and_says_what_to_do(tmp_path, monkeypatch, capsys):
    marker = tmp_path / "ran"
    hand_in = notebook(tmp_path / "subs" / "amy.ipynb", f"open({str(marker)!r}, 'w').close()")
    monkeypatch.setattr(sandbox.shutil, "which", lambda name: None)
    assert main(["grade", str(hand_in.parent), "--out", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert "bubblewrap (bwrap) is not installed" in err and "apt-get install bubblewrap" in err
    assert "deploy/Dockerfile" in err and "--no-sandbox" in err and "Traceback" not in err
    assert not marker.exists() and not (tmp_path / "g.csv").exists()


@pytest.mark.parametrize("said, hint", [
    ("bwrap: setting up uid map: Permission denied", "kernel.unprivileged_userns_clone"),
    ("bwrap: No permissions to create new namespace", "user.max_user_namespaces"),
])
def test_where_namespaces_are_refused_the_message_names_the_settings(tmp_path, said, hint):
    fake = tmp_path / "bwrap"
    fake.write_text(f"#!/bin/sh\necho '{said}' >&2\nexit 1\n")
    fake.chmod(0o755)
    problem = sandbox.probe(sandbox.configure(bwrap=str(fake)))
    assert said in problem
    message = sandbox.unavailable(problem)
    assert hint in message and "Grading securely" in message and "--no-sandbox" in message


@pytest.mark.parametrize("platform, name", [("darwin", "macOS"), ("win32", "Windows")])
def test_on_macos_and_windows_the_message_says_where_to_grade(monkeypatch, platform, name):
    monkeypatch.setattr(sandbox.sys, "platform", platform)
    problem = sandbox.probe(sandbox.Sandbox(bwrap="/usr/bin/bwrap"))
    assert problem == f"this is {name}, where bubblewrap does not run"
    assert "container image" in sandbox.unavailable(problem)


def test_exam_mode_never_grades_without_a_sandbox(tmp_path, capsys):
    keys = tmp_path / "keys.json"
    keys.write_text("{}")
    hand_in = notebook(tmp_path / "amy.ipynb", SETUP)
    assert main(["grade", str(hand_in), "--keys", str(keys), "--no-sandbox", "--out", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert "exam mode (--keys) never grades without a sandbox" in err and not (tmp_path / "g.csv").exists()


def test_no_sandbox_grades_and_every_report_says_so(tmp_path, capsys):
    notebook(tmp_path / "subs" / "ann.ipynb", SETUP, 'exercises.check("tour-03", 3)')
    out = tmp_path / "grades.csv"
    assert main(["grade", str(tmp_path / "subs"), "--out", str(out), "--no-sandbox", "--timeout", "30",
                 "--report", str(tmp_path / "report")]) == 0
    err = capsys.readouterr().err
    assert any(line.startswith("graded 1 submission") and line.endswith("(graded without a sandbox)")
               for line in err.splitlines()) and "sandboxed (bubblewrap)" not in err
    [row] = list(csv.DictReader(out.open()))
    assert row["tour-03"] == "1" and row["note"] == "graded without a sandbox"
    assert {d["note"] for d in csv.DictReader((tmp_path / "grades-details.csv").open())} == {"graded without a sandbox"}
    [feedback] = (tmp_path / "feedback").rglob("ann.md")
    assert "**Note.** Graded without a sandbox." in feedback.read_text()
    assert "The grader noted on this file: graded without a sandbox." in (tmp_path / "report" / "index.html").read_text()


# ---- hand-ins are data -------------------------------------------------------------------------------

def test_links_oversized_and_other_files_are_refused_with_the_reason(tmp_path):
    subs = tmp_path / "subs"
    good = notebook(subs / "amy" / "01-exercise-tour.ipynb", SETUP)
    outside = notebook(tmp_path / "solutions" / "01-exercise-tour.ipynb", SETUP)
    (subs / "bob").mkdir()
    (subs / "bob" / "01-exercise-tour.ipynb").symlink_to(outside)
    (subs / "cy").symlink_to(outside.parent, target_is_directory=True)
    with (subs / "dee.ipynb").open("wb") as handle:
        handle.truncate(submissions.MAX_BYTES + 1)
    (subs / "eve.txt").write_text("my answers")
    os.mkfifo(subs / "fay.ipynb")
    found = submissions.survey([subs])
    assert found.notebooks == [good]
    assert len(found.refused) == 5
    reasons = {h.student: h.refused for h in submissions.handins([subs])}  # each named by the one rule
    assert reasons["amy"] == ""
    assert "symbolic link" in reasons["bob"] and "symbolic link" in reasons["cy"]
    assert "larger than 20 MB" in reasons["dee"] and "not a notebook" in reasons["eve"]
    assert "not a regular file" in reasons["fay"]
    given = submissions.survey([subs / "bob" / "01-exercise-tour.ipynb"])  # a link given by name, too
    assert given.notebooks == [] and "symbolic link" in given.refused[0][1]


def test_reading_below_a_folder_never_follows_a_link(tmp_path):
    (tmp_path / "box" / "sub").mkdir(parents=True)
    (tmp_path / "secret").write_text("keys")
    (tmp_path / "box" / "ok.json").write_text("{}")
    (tmp_path / "box" / "link.json").symlink_to(tmp_path / "secret")
    (tmp_path / "box" / "dir").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(tmp_path / "box" / "pipe")
    folder = os.open(tmp_path / "box", os.O_RDONLY | os.O_DIRECTORY)
    try:
        assert submissions.read_below(folder, "ok.json", 100) == (b"{}", "")
        assert submissions.read_below(folder, "missing.json", 100) == (None, "")
        for linked in ("link.json", "dir/secret", "../secret"):
            content, why = submissions.read_below(folder, linked, 100)
            assert content is None and why, linked
        assert submissions.read_below(folder, "pipe", 100)[1] == "something other than a regular file"
        assert "larger than 1 bytes" in submissions.read_below(folder, "ok.json", 1)[1]
    finally:
        os.close(folder)


def test_collect_never_follows_a_link_out_of_a_home(tmp_path):
    homes = tmp_path / "homes"
    solved = notebook(tmp_path / "instructor" / "ps1.ipynb", SETUP)
    notebook(homes / "ann" / "work" / "other.ipynb", SETUP)
    (homes / "bob").mkdir(parents=True)
    (homes / "bob" / "ps1.ipynb").symlink_to(solved)
    (homes / "cy" / "course").mkdir(parents=True)
    (homes / "cy" / "course" / "linked").symlink_to(solved.parent, target_is_directory=True)
    (homes / "dee").symlink_to(solved.parent, target_is_directory=True)
    assert collect.saved_copies(homes / "ann", "ps1.ipynb") == ([], "")
    assert collect.saved_copies(homes / "bob", "ps1.ipynb") == ([], "ps1.ipynb is a link")
    assert collect.saved_copies(homes / "cy", "ps1.ipynb") == ([], "")
    copy = tmp_path / "copy.ipynb"
    real = notebook(homes / "eve" / "ps1.ipynb", SETUP)
    assert collect._copy(homes / "eve", real, copy) == ""
    assert copy.read_bytes() == real.read_bytes()
    (homes / "eve" / "ps1.ipynb").unlink()
    (homes / "eve" / "ps1.ipynb").symlink_to(solved)  # swapped for a link after it was found
    assert "ps1.ipynb was not copied: it is a link" in collect._copy(homes / "eve", real, copy)


# ---- two phases: the keys are read once every student process is gone -----------------------------

def test_the_keys_file_is_read_only_after_every_notebook_has_run(tmp_path, monkeypatch):
    from natocourse.tooling.classroom import batch, score
    from natocourse.tooling.classroom.submissions import Submission

    keys = tmp_path / "keys.json"
    keys.write_text(json.dumps({"version": 1, "schema": SPEC_SCHEMA, "questions": {
        q.id: q.spec() for q in registry.all() if q.id.startswith("tour-")}}))
    events, real_load = [], score.load_bank
    monkeypatch.setattr(score, "load_bank", lambda given=None: events.append(("bank", given)) or real_load(given))

    def run_all(paths, limits, jobs, *, sandbox, quiet):
        events.append(("run", sandbox.enabled, bool(sandbox.student_edition)))
        return [Submission("amy", "amy.ipynb", code={"tour-03": [3]})]

    monkeypatch.setattr(batch, "run_all", run_all)
    hand_in = notebook(tmp_path / "amy.ipynb", SETUP)
    out = tmp_path / "grades.csv"
    assert main(["grade", str(hand_in), "--keys", str(keys), "--out", str(out), "--points", "tour-03=2"]) == 0
    assert events == [("bank", None), ("run", True, True), ("bank", str(keys))]  # the course's ids, the runs, the keys
    assert [r["tour-03"] for r in csv.DictReader(out.open())] == ["2"]
    events.clear()
    assert main(["grade", str(hand_in), "--keys", str(tmp_path / "gone.json"), "--out", str(out)]) == 2
    assert main(["grade", str(hand_in), "--keys", str(keys), "--out", str(out), "--points", "nope-01=2"]) == 2
    assert [e for e in events if e[0] == "run"] == []  # refused before anything ran


# ---- reports and control groups -------------------------------------------------------------------

ROWS = [Row("ann", "a.ipynb", "tour-01", '"1949-04-04"', "correct", 1, 1, "answered in code; Correct.")]


def test_reports_are_replaced_whole_or_not_at_all(tmp_path, monkeypatch):
    out = tmp_path / "grades.csv"
    out.write_text("old gradebook\n")
    real_fsync = os.fsync
    calls = []

    def failing(fd):
        calls.append(fd)
        if len(calls) == 1:
            raise OSError(28, "No space left on device")
        return real_fsync(fd)

    monkeypatch.setattr(gradebook.os, "fsync", failing)
    with pytest.raises(OSError):
        gradebook.write_reports(ROWS, out)
    assert out.read_text() == "old gradebook\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.setattr(gradebook.os, "fsync", real_fsync)
    inode = out.stat().st_ino
    gradebook.write_reports(ROWS, out)
    assert out.read_text().startswith("student,status,tour-01,total,percent") and out.stat().st_ino != inode


MOUNTINFO_V1 = """\
31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
32 31 0:29 / /sys/fs/cgroup/cpu,cpuacct rw,relatime - cgroup cgroup rw,cpu,cpuacct
35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
"""
CGROUP_V1 = "8:pids:/user.slice\n4:memory:/grading/job 1\n2:cpu,cpuacct:/\n0::/\n"


def test_run_groups_go_below_this_process_own_group():
    found = cgroups.hierarchies(MOUNTINFO_V1, CGROUP_V1)
    assert found == [cgroups.Hierarchy(("cpu",), "/sys/fs/cgroup/cpu,cpuacct", 1),
                     cgroups.Hierarchy(("memory",), "/sys/fs/cgroup/memory/grading/job 1", 1),
                     cgroups.Hierarchy(("pids",), "/sys/fs/cgroup/pids/user.slice", 1)]
    mounted_below = "39 31 0:36 /box /sys/fs/cgroup/pids rw - cgroup cgroup rw,pids\n"
    assert cgroups.hierarchies(mounted_below, "8:pids:/box/job\n") == [
        cgroups.Hierarchy(("pids",), "/sys/fs/cgroup/pids/job", 1)]
    assert cgroups.hierarchies(mounted_below, "8:pids:/elsewhere\n") == []  # not reachable: never made
    assert cgroups.join_command([], ["bwrap"]) == ["bwrap"]
    assert cgroups.join_command(["/g/cgroup.procs"], ["bwrap", "x"])[-4:] == ["/g/cgroup.procs", "--", "bwrap", "x"]


def test_this_host_reports_the_protections_it_gives(report):
    box = sandbox.prepare()
    words = box.protections(2048)
    report("sandbox-protections", "sandbox protections on this host: " + "; ".join(words))
    assert words[0].startswith("sandboxed (bubblewrap)")
    if box.as_root:  # RLIMIT_NPROC does not bind root: a pids cgroup must be there
        assert "pids cgroup" in words[1]


def test_as_root_without_a_pids_cgroup_grade_refuses_and_says_why(tmp_path, monkeypatch, capsys):
    marker = tmp_path / "ran"
    hand_in = notebook(tmp_path / "subs" / "amy.ipynb", f"open({str(marker)!r}, 'w').close()")
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 0)
    monkeypatch.setattr(sandbox.cgroups, "available", lambda: ())
    assert main(["grade", str(hand_in.parent), "--out", str(tmp_path / "g.csv")]) == 2
    err = capsys.readouterr().err
    assert "runs as root and cannot make a pids control group" in err and "ordinary user" in err
    assert "Traceback" not in err and not marker.exists() and not (tmp_path / "g.csv").exists()
    monkeypatch.setattr(sandbox.os, "geteuid", lambda: 1000)  # an ordinary user: RLIMIT_NPROC caps it
    box = sandbox.prepare()
    assert box.protections(2048)[1] == f"at most {sandbox.PROCESSES} processes (RLIMIT_NPROC)"


def test_grading_where_the_courses_data_is_not_found_is_refused_before_anything_runs(tmp_path, monkeypatch):
    """A package installed on its own (the students' image) has no data/ of its own: the sandbox
    would bind a folder that is not there, so grading stops first and says what to do."""
    monkeypatch.setenv("NATOCOURSE_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(submissions.GradingError, match="data was not found in .*nowhere.*NATOCOURSE_DATA"):
        sandbox.prepare()
