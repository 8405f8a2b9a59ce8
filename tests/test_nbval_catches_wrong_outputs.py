"""The test command really compares stored outputs: a notebook whose stored output is wrong fails.

Runs nbval, exactly as ``python tasks.py test`` does, on a copy of a course notebook whose stored
output has been altered, and on an unaltered copy as a control.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tasks import SANITIZE  # noqa: E402

NOTEBOOK = ROOT / "notebooks" / "00-how-to-use.ipynb"


def run_nbval(path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--nbval", "--nbval-current-env",
         "--nbval-sanitize-with", str(SANITIZE), "--rootdir", str(path.parent), str(path)],
        cwd=path.parent, capture_output=True, text=True, timeout=300)


def _first_stream_output(nb):
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                return output
    raise AssertionError("the notebook has no printed output to alter")


def test_nbval_fails_when_a_stored_output_is_wrong(tmp_path):
    good, bad = tmp_path / "good", tmp_path / "bad"
    for folder in (good, bad):
        folder.mkdir()
        shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
    nb = nbformat.read(bad / NOTEBOOK.name, as_version=4)
    output = _first_stream_output(nb)
    output["text"] = output["text"].replace("32", "33")
    nbformat.write(nb, bad / NOTEBOOK.name)

    control = run_nbval(good / NOTEBOOK.name)
    assert control.returncode == 0, control.stdout[-2000:]
    broken = run_nbval(bad / NOTEBOOK.name)
    assert broken.returncode == 1
    assert "Cell outputs differ" in broken.stdout
