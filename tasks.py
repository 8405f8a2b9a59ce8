#!/usr/bin/env python3
"""One entry point for the course, on Linux, macOS and Windows alike (no make needed).

    python tasks.py book       set up .venv if needed, then build the book into _build/html
                               (--class: the class's book, from the students' repository that
                               `python -m natocourse publish` writes, into _build/class/_build/html;
                               also what a copy without solutions/ builds; --bank PATH, repeatable:
                               your own question bank's questions join the book's, checked first)
    python tasks.py test       set up .venv if needed, then run every test (book build included;
                               --no-browser leaves out the browser tests, explicitly)
    python tasks.py lab        open the course in JupyterLab
    python tasks.py execute    re-run notebooks and store their outputs (maintainers)
    python tasks.py bench      run the benchmarks in bench/ (maintainers)

Only the Python standard library is used here, because this file runs before anything is
installed. The virtual environment is `.venv/` next to this file; it is (re)installed from
requirements.txt whenever that file or pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".natocourse-installed"
NBGRADER_VENV = ROOT / ".venv-nbgrader"
NBGRADER_REQUIREMENTS = ROOT / "tests" / "nbgrader" / "requirements.txt"
NODE_MODULES = ROOT / "node_modules"
NODE_STAMP = NODE_MODULES / ".natocourse-installed"
BUILD = ROOT / "_build"
BOOK_INDEX = BUILD / "html" / "index.html"
SANITIZE = ROOT / "tests" / "sanitize.cfg"
NOTEBOOK_DIRS = ["notebooks", "exercises", "solutions"]


def say(message: str) -> None:
    """Print a progress line that stands out from the tools' own output."""
    print(f"==> {message}", flush=True)


def venv_python() -> Path:
    """The interpreter inside .venv (bin/ on POSIX, Scripts\\ on Windows)."""
    scripts = "Scripts" if os.name == "nt" else "bin"
    suffix = ".exe" if os.name == "nt" else ""
    return VENV / scripts / f"python{suffix}"


def requirements_digest() -> str:
    """A hash of everything that decides what .venv must contain."""
    digest = hashlib.sha256()
    for name in ("requirements.txt", "pyproject.toml", "requirements-student.txt"):
        if (ROOT / name).exists():
            digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_environment() -> Path:
    """Create .venv and install requirements.txt into it unless it is already up to date."""
    if sys.version_info < (3, 11):
        sys.exit(f"The course needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    python = venv_python()
    if not python.exists():
        say(f"creating the virtual environment {VENV.name}/")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    wanted = requirements_digest()
    if not STAMP.exists() or STAMP.read_text().strip() != wanted:
        say("installing requirements.txt into .venv (first run takes a few minutes)")
        run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", "pip"])
        run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "requirements.txt"])
        STAMP.write_text(wanted)
    return python


def ensure_node_tools() -> None:
    """Install the test-time npm tools of package-lock.json (axe-core, configurable-http-proxy).

    Only the tests need them; ``npm ci`` reinstalls exactly the locked versions whenever
    package.json or package-lock.json change. Without npm the tests cannot run, so say why.
    """
    npm = shutil.which("npm")
    if npm is None:
        sys.exit("The tests need Node.js and npm (for axe-core and configurable-http-proxy); "
                 "install them (Debian: apt-get install nodejs npm) and run this again.")
    digest = hashlib.sha256(b"".join((ROOT / n).read_bytes()
                                     for n in ("package.json", "package-lock.json"))).hexdigest()
    if not NODE_STAMP.exists() or NODE_STAMP.read_text().strip() != digest:
        say("installing the npm test tools of package-lock.json into node_modules/")
        run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
        NODE_STAMP.write_text(digest)


def ensure_nbgrader() -> None:
    """Install nbgrader (tests/nbgrader/requirements.txt) into .venv-nbgrader/ for the export test.

    nbgrader is a grading tool of the instructor's hub, not part of the students' environment, and
    it brings server and JupyterLab extensions of its own: it gets a virtual environment of its
    own, reinstalled whenever its requirements file changes. The test runs nbgrader from there
    and points its kernels at .venv's Python, which has the course.
    """
    scripts = "Scripts" if os.name == "nt" else "bin"
    python = NBGRADER_VENV / scripts / ("python.exe" if os.name == "nt" else "python")
    stamp = NBGRADER_VENV / ".natocourse-installed"
    wanted = hashlib.sha256(NBGRADER_REQUIREMENTS.read_bytes()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return
    say(f"installing nbgrader for the tests into {NBGRADER_VENV.name}/ (apart from the course's .venv)")
    venv.EnvBuilder(with_pip=True, clear=True).create(NBGRADER_VENV)
    run([python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", NBGRADER_REQUIREMENTS])
    stamp.write_text(wanted)


STUDENT_VENV = ROOT / ".venv-student"
STUDENT_REQUIREMENTS = ROOT / "requirements-student.txt"
CLASSROOM_REQUIREMENTS = ROOT / "tests" / "classroom" / "requirements.txt"


def hub_pin() -> str:
    """The jupyterhub pin of requirements.txt: the hub's version, which a hub's user environment has."""
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        if line.startswith("jupyterhub=="):
            return line.strip()
    sys.exit("requirements.txt pins no jupyterhub")


def ensure_student_environment() -> None:
    """Install the students' environment into .venv-student/ for the classroom test.

    It is what a hub's user environment holds: requirements-student.txt, and the hub's own
    jupyterhub (requirements.txt's pin), which the student file must not change; and the build
    backend (tests/classroom/requirements.txt). The course package is not in it: the classroom test
    installs it from the repository `publish` writes, as an instructor would. Reinstalled whenever
    one of these changes.

    For speed (CI's budget), .venv's pip installs into it (``pip --python``) and compiles nothing
    ahead (``--no-compile``: a server compiles what it imports, once): the environment itself has
    no pip and nothing from .venv. Measured side by side on the shared 2-core machine, two runs each:
    about 119 s with its own pip and compiled, 37 s this way.
    """
    scripts = "Scripts" if os.name == "nt" else "bin"
    python = STUDENT_VENV / scripts / ("python.exe" if os.name == "nt" else "python")
    stamp = STUDENT_VENV / ".natocourse-installed"
    wanted = hashlib.sha256(STUDENT_REQUIREMENTS.read_bytes() + CLASSROOM_REQUIREMENTS.read_bytes() +
                            hub_pin().encode()).hexdigest()
    if python.exists() and stamp.exists() and stamp.read_text().strip() == wanted:
        return
    say(f"installing the students' environment for the classroom test into {STUDENT_VENV.name}/")
    venv.EnvBuilder(with_pip=False, clear=True).create(STUDENT_VENV)
    run([venv_python(), "-m", "pip", "--python", python, "install", "--quiet", "--disable-pip-version-check",
         "--no-compile", "-r", STUDENT_REQUIREMENTS, "-r", CLASSROOM_REQUIREMENTS, hub_pin()])
    stamp.write_text(wanted)


CHROMIUM = Path("/usr/bin/chromium")
_APT_UPDATED = []


def apt_install(package: str) -> bool:
    """Install a Debian package when this is a Debian-like system and we are root; False otherwise."""
    apt = shutil.which("apt-get")
    if not (apt and hasattr(os, "geteuid") and os.geteuid() == 0):
        return False
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    if not _APT_UPDATED:
        run([apt, "update", "-qq"], env=env)
        _APT_UPDATED.append(True)
    run([apt, "install", "-y", "-qq", package], env=env)
    return True


def ensure_bubblewrap() -> None:
    """Make sure grading's sandbox can run: install Debian's bubblewrap where we can, else stop.

    Every notebook the grader runs (and so every grading test) runs in a bubblewrap sandbox; the
    tests never skip it. Without apt-get or root, or off Linux, say what to do instead.
    """
    if not sys.platform.startswith("linux"):
        sys.exit("The grading tests run students' notebooks in a bubblewrap sandbox, which needs Linux. "
                 "Run the tests on Linux or in the course's container image (deploy/Dockerfile).")
    if not shutil.which("bwrap"):
        say("installing Debian's bubblewrap for grading's sandbox")
        if not apt_install("bubblewrap"):
            sys.exit("The grading tests need bubblewrap (bwrap), which is missing and cannot be installed from "
                     "here (no apt-get, or not root). Install it (sudo apt-get install bubblewrap, or your "
                     "distribution's package) and run this again.")
    bwrap = shutil.which("bwrap")
    if not bwrap:
        sys.exit("bubblewrap was installed, but no bwrap is on PATH; add its folder (usually /usr/bin) to PATH.")
    try:
        probe = subprocess.run([bwrap, "--unshare-all", "--unshare-user", "--die-with-parent",
                                "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"],
                               capture_output=True, text=True, timeout=60)
        said = (probe.stderr or probe.stdout).strip() if probe.returncode else ""
    except (OSError, subprocess.TimeoutExpired) as exc:
        said = f"{type(exc).__name__}: {exc}"
    if said:
        sys.exit(f"bubblewrap is installed but cannot make a sandbox here ({said}): this kernel or container "
                 "refuses unprivileged user namespaces. The instructor guide's \"Grading securely\" lists the "
                 "settings to change.")


def ensure_chromium(args: list[str]) -> list[str]:
    """Make sure the browser tests can run: install Debian's Chromium where we can, else stop.

    The browser tests never skip quietly. ``--no-browser`` is the explicit way to leave them out
    (pytest's ``-m "not browser"``); it is passed through, and everything else is left as it is.
    """
    if "--no-browser" in args:
        say("leaving out the browser tests, as asked (--no-browser)")
        return [a for a in args if a != "--no-browser"] + ["-m", "not browser"]
    if CHROMIUM.exists():
        return args
    say("installing Debian's chromium for the browser tests")
    if apt_install("chromium"):
        return args
    sys.exit(f"The browser tests need Debian's Chromium at {CHROMIUM}, which is missing and cannot be "
             "installed from here (no apt-get, or not root). Install it (sudo apt-get install chromium) "
             "and run this again, or leave the browser tests out explicitly: python tasks.py test --no-browser")


def run(command: list, **kwargs) -> None:
    """Run a command from the repository root; stop with its exit code if it fails."""
    env = {**os.environ, "PYTHONNOUSERSITE": "1", **kwargs.pop("env", {})}
    result = subprocess.run([str(c) for c in command], cwd=ROOT, env=env, **kwargs)
    if result.returncode != 0:
        sys.exit(result.returncode)


def build_book(python: Path, *, strict: bool, source: Path = ROOT, banks: list[Path] = ()) -> None:
    """Build the HTML book; with ``strict`` any Sphinx warning fails the build.

    Sphinx rebuilds only changed pages, but a change to _toc.yml or _config.yml can change every
    page (navigation, next/previous links), and a change to a theme template or a static file
    (book/_templates, book/_static) alone makes Sphinx find nothing out of date, so it would not
    even copy the new file: in all these cases the old build is removed first.
    """
    build = source / "_build"
    structure = [source / "_toc.yml", source / "_config.yml"]
    for folder in ("book/_templates", "book/_static"):
        structure += sorted(p for p in (source / folder).rglob("*") if p.is_file())
    digest = hashlib.sha256(b"".join(p.relative_to(source).as_posix().encode() + b"\0" + p.read_bytes()
                                     for p in structure)).hexdigest()
    stamp = build / ".structure"
    if not stamp.exists() or stamp.read_text() != digest:
        shutil.rmtree(build, ignore_errors=True)
    flags = ["-W", "--keep-going"] if strict else []
    say("building the book" + (" (warnings are errors)" if strict else ""))
    # the book's Sphinx extension registers these banks' questions (natocourse.tooling.book.sphinxext)
    run([*book_command(python), "build", source, "--builder", "html", *flags],
        env={"NATOCOURSE_BANKS": os.pathsep.join(str(b) for b in banks)})
    stamp.write_text(digest)


def book_command(python: Path) -> list:
    """The jupyter-book command of .venv (Jupyter Book 1.x has no ``python -m`` entry point)."""
    return [python, "-c", "import sys; from jupyter_book.cli.main import main; sys.exit(main())"]


CLASS_BOOK = BUILD / "class"
#: The file `python -m natocourse publish` leaves in a students' repository.
CLASS_MARKER = ROOT / ".natocourse-class"


def book_arguments(args: list[str]) -> tuple[bool, list[Path]]:
    """``--class`` and the ``--bank PATH`` options of ``book`` (each path made absolute)."""
    rest, banks = list(args), []
    while "--bank" in rest:
        at = rest.index("--bank")
        if at + 1 >= len(rest) or rest[at + 1].startswith("--"):
            sys.exit("python tasks.py book: --bank takes a path, e.g. --bank private/bank.yml")
        banks.append(Path(rest[at + 1]).resolve())
        del rest[at:at + 2]
    unknown = [a for a in rest if a != "--class"]
    if unknown:
        sys.exit(f"python tasks.py book takes only --class and --bank PATH, not {' '.join(unknown)}")
    return "--class" in rest, banks


def cmd_book(args: list[str]) -> None:
    """Set up the environment and build the book (``--class``: the class's book; ``--bank PATH``:
    with your own question bank's questions, checked before the build)."""
    for_class, banks = book_arguments(args)
    python = ensure_environment()
    if banks:
        say("checking your question bank (python -m natocourse questions check)")
        run([python, "-m", "natocourse", "questions", "check", *banks])
    if CLASS_MARKER.exists() or (not for_class and (ROOT / "solutions").is_dir()):
        build_book(python, strict=True, banks=banks)  # this book (a students' repository is already the class's)
        say(f"done: open {BOOK_INDEX} in a web browser")
        return
    if not for_class:
        say("no solutions/ here: building the class's book")
    say("writing the students' repository into _build/class (python -m natocourse publish)")
    run([python, "-m", "natocourse", "publish", CLASS_BOOK, "--root", ROOT, "--no-git"])
    build_book(python, strict=True, source=CLASS_BOOK, banks=banks)
    say(f"done: open {CLASS_BOOK / '_build' / 'html' / 'index.html'} in a web browser")


def cmd_test(args: list[str]) -> None:
    """Set up the environment, build the book with warnings as errors, then run every test."""
    if not (ROOT / "tests").is_dir():
        sys.exit("This copy has no tests/: it is a students' repository (python -m natocourse publish "
                 "writes it). The tests run in the course's own repository.")
    args = ensure_chromium(args)
    ensure_bubblewrap()
    python = ensure_environment()
    ensure_node_tools()
    ensure_nbgrader()
    ensure_student_environment()
    build_book(python, strict=True)
    say("running pytest: package tests, nbval over every notebook, browser tests")
    run([python, "-m", "pytest", *pytest_arguments(), *args])


def pytest_arguments() -> list[str]:
    """The arguments of the full test run, shared with the benchmarks."""
    return [
        "tests", *NOTEBOOK_DIRS,
        "--nbval", "--nbval-current-env", "--nbval-sanitize-with", str(SANITIZE),
        "-n", str(max(2, os.cpu_count() or 1)), "--dist", "loadscope", "--timeout", "900",
        "-q",
    ]


def cmd_lab(args: list[str]) -> None:
    """Open the course in JupyterLab."""
    python = ensure_environment()
    run([python, "-m", "jupyter", "lab", *args])


def cmd_execute(args: list[str]) -> None:
    """Regenerate exercises/ from solutions/ and re-execute notebooks, storing their outputs."""
    python = ensure_environment()
    run([python, "-m", "natocourse", "execute", *args])


def cmd_bench(args: list[str]) -> None:
    """Run every benchmark script in bench/."""
    python = ensure_environment()
    for script in sorted((ROOT / "bench").glob("bench_*.py")):
        say(f"benchmark {script.name}")
        run([python, script, *args])


def cmd_clean(args: list[str]) -> None:
    """Remove the built book (the environment is kept)."""
    shutil.rmtree(BUILD, ignore_errors=True)


COMMANDS = {
    "book": cmd_book,
    "test": cmd_test,
    "lab": cmd_lab,
    "execute": cmd_execute,
    "bench": cmd_bench,
    "clean": cmd_clean,
}


def main(argv: list[str]) -> None:
    """Dispatch ``python tasks.py COMMAND [ARGS...]``."""
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        sys.exit(0 if argv and argv[0] in ("-h", "--help") else 2)
    COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
