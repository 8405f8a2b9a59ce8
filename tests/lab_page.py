"""Starting JupyterLab for a test, and driving a notebook page in it with Playwright, as the browser
and classroom tests do."""

import contextlib
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

KERNEL_IDLE = "Python 3 (ipykernel) | Idle"


def wait_for_idle_kernel(page, timeout: int = 90000) -> None:
    """Wait for the notebook's kernel to be idle, choosing it if JupyterLab asks which kernel."""
    page.locator(".jp-Notebook").first.wait_for(timeout=timeout)
    idle = page.get_by_text(KERNEL_IDLE)
    choose = page.get_by_role("button", name="Select", exact=True)
    idle.or_(choose).first.wait_for(timeout=timeout)
    if choose.is_visible():
        choose.click()
    idle.wait_for(timeout=timeout)


def run_all_cells(page) -> None:
    """Run → Run All Cells, from the menu bar."""
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()


def run_notebook(page, url: str, ready: str, timeout: int = 120000) -> None:
    """Open the notebook at ``url``, run all its cells, and wait until the JavaScript ``ready``
    expression is true and the kernel is idle again (then close the Run menu if it is still open)."""
    page.goto(url, timeout=90000)
    wait_for_idle_kernel(page)
    run_all_cells(page)
    page.wait_for_function(f"() => {ready}", timeout=timeout)
    page.get_by_text(KERNEL_IDLE).wait_for(timeout=timeout)
    page.keyboard.press("Escape")


def write_notebook(path, *sources: str):
    """A notebook of code cells (one per source) with the Python 3 kernel, written to ``path``."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in sources]
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(notebook, path)
    return path


def use_theme(page, name: str) -> None:
    """Switch JupyterLab's theme from its command palette, as a user can."""
    page.keyboard.press("Control+Shift+C")
    page.keyboard.type(name)
    page.locator(".lm-CommandPalette-item", has_text=name).first.wait_for(timeout=10000)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.body.dataset.jpThemeName === '{name}'", timeout=30000)


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def jupyterlab_server(workdir: Path, state: Path, *, settings: dict | None = None, disabled: tuple = ()):
    """A JupyterLab server on a loopback port with a random token, serving ``workdir``: yields its
    base URL and token, and is always stopped at the end.

    Everything it reads or writes besides ``workdir`` lives in ``state``, never in the user's home:
    its configuration (so ``~/.jupyter`` changes nothing), user settings, workspaces, runtime files
    and the course's progress. ``settings`` are user settings by plugin, e.g.
    ``{"@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"}}``; ``disabled`` names
    extensions to switch off (as ``jupyter labextension disable`` would). News and update checks,
    which would go to the network, are off.
    """
    settings = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false"}, **(settings or {})}
    for plugin, values in settings.items():
        package, name = plugin.split(":")
        path = state / "settings" / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    (state / "config" / "labconfig").mkdir(parents=True, exist_ok=True)
    (state / "config" / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {name: True for name in disabled}}))
    port, token = free_port(), secrets.token_hex(16)
    env = {**os.environ, "NATOCOURSE_HOME": str(state / "home"), "JUPYTER_CONFIG_DIR": str(state / "config"),
           "JUPYTERLAB_SETTINGS_DIR": str(state / "settings"),
           "JUPYTER_RUNTIME_DIR": str(state / "runtime"), "JUPYTERLAB_WORKSPACES_DIR": str(state / "ws")}
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "lab", "--no-browser", f"--ServerApp.port={port}",
         "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={workdir}",
         "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
         "--LabApp.extension_manager=readonly", "--ServerApp.port_retries=0", "--allow-root"],
        cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("JupyterLab did not start within 90 s") from None
                time.sleep(0.5)
        yield base, token
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
