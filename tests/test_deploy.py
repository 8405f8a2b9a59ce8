"""The Zero to JupyterHub files in deploy/: no cluster or container engine is available here, so
these tests check what can be checked without one (see deploy/README.md)."""

import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"


def pins(text: str) -> dict[str, str]:
    return dict(line.split("==", 1) for line in text.splitlines() if "==" in line and not line.startswith("#"))


def test_image_requirements_keep_the_course_and_drop_the_test_tools():
    result = subprocess.run([shutil.which("sh") or "/bin/sh", str(DEPLOY / "student-requirements.sh"),
                             str(ROOT / "requirements.txt")], capture_output=True, text=True, check=True)
    image, everything = pins(result.stdout), pins((ROOT / "requirements.txt").read_text())
    for package in ("jupyterlab", "ipywidgets", "ipykernel", "pandas", "matplotlib", "jupyterhub", "nbgitpuller"):
        assert image[package] == everything[package], package
    for package in ("pytest", "nbval", "hypothesis", "playwright", "jupyter-book", "nbgrader"):
        assert package not in image, package
    assert all(line.strip() and not line.startswith(("-e", "#")) for line in result.stdout.splitlines())


def test_values_pull_the_course_with_nbgitpuller_into_the_image():
    values = yaml.safe_load((DEPLOY / "z2jh-values.yaml").read_text())
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    single = values["singleuser"]
    command = single["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[0] == "gitpuller" and (Path(sys.executable).parent / "gitpuller").exists()
    assert command[1:] == [config["repository"]["url"], config["repository"]["branch"],
                           config["repository"]["url"].rstrip("/").split("/")[-1]]
    assert single["cmd"] == "jupyterhub-singleuser" and single["defaultUrl"] == "/lab"
    assert single["storage"]["homeMountPath"] == "/home/jovyan"
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert 'CMD ["jupyterhub-singleuser"]' in dockerfile and "--uid 1000" in dockerfile
    assert "deploy/student-requirements.sh" in dockerfile
    assert "bubblewrap" in dockerfile.split("apt-get install", 1)[1].split("&&", 1)[0]  # grading's sandbox
    assert values["cull"]["enabled"] is True
