"""A real, throw-away JupyterHub for the classroom test, and the clients that talk to it.

- :func:`requirements_problem` says which part of the classroom cannot run here (never skipped:
  the test fails with that reason);
- :class:`Hub` writes a ``jupyterhub_config.py`` in a temporary folder and starts JupyterHub from
  PyPI with configurable-http-proxy from npm (``node_modules/.bin``, installed by ``npm ci``),
  the dummy authenticator and the simple local-process spawner (one home folder per student under
  the temporary folder), everything bound to 127.0.0.1 on free ports. The students' servers run
  the students' environment (``.venv-student/``: ``requirements-student.txt`` and the hub's
  jupyterhub, made by ``python tasks.py test``), each student with the course package found on the
  ``PYTHONPATH`` the test gives them (the published course's, or an exam's). ``stop()`` ends the hub,
  the proxy, every student's server and kernel: it asks the hub first, then kills whatever is left
  whose working folder is inside the temporary folder (only processes this test started);
- :class:`Kernel` runs code in a student's kernel through the server's REST and WebSocket API,
  the way the JupyterLab front end does.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

from lab_page import free_port

ROOT = Path(__file__).resolve().parents[2]
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
STUDENT_PYTHON = ROOT / ".venv-student" / ("Scripts" if os.name == "nt" else "bin") / "python"
CHROMIUM = Path("/usr/bin/chromium")
SERVICE = "classroom-test"


def requirements_problem() -> str | None:
    """Why the classroom cannot start here, or ``None`` when every part is installed."""
    for module, why in (("jupyterhub", "JupyterHub"), ("nbgitpuller", "nbgitpuller"),
                        ("websocket", "websocket-client (a jupyter_server dependency)")):
        try:
            __import__(module)
        except ImportError:
            return f"{why} is not installed in this environment: pip install -r requirements.txt"
    if not STUDENT_PYTHON.exists():
        return (f"{STUDENT_PYTHON.parents[1].name}/ is missing: run `python tasks.py test`, which makes the "
                "students' environment from requirements-student.txt")
    if not PROXY.exists():
        return (f"{PROXY.relative_to(ROOT)} is missing: run `npm ci` in the repository "
                "(python tasks.py test does it) to install configurable-http-proxy")
    if shutil.which("node") is None:
        return "node is not on PATH: configurable-http-proxy needs Node.js"
    if shutil.which("git") is None:
        return "git is not on PATH: nbgitpuller needs it"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: install Debian's chromium for the student who uses JupyterLab"
    return None


class Hub:
    """JupyterHub, its proxy and the students' servers, all under one temporary folder."""

    def __init__(self, workdir: Path, students: list[str], python_path: dict[str, str] | None = None):
        self.workdir = workdir.resolve()
        self.students = students
        #: Each student's PYTHONPATH: where their server finds the course package.
        self.python_path = dict(python_path or {})
        self.homes = self.workdir / "homes"
        self.homes.mkdir(parents=True)
        self.port, self.api_port, self.hub_port = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(24)
        self.process: subprocess.Popen | None = None
        self.log = self.workdir / "jupyterhub.log"

    def config(self) -> str:
        """The jupyterhub_config.py of the classroom."""
        settings = self.workdir / "lab-settings" / "@jupyterlab"
        (settings / "notebook-extension").mkdir(parents=True)
        (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text('{"windowingMode": "none"}')
        (settings / "apputils-extension").mkdir(parents=True)
        (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text('{"fetchNews": "false"}')
        environment = {"MPLBACKEND": "Agg", "JUPYTERLAB_SETTINGS_DIR": str(settings.parent)}
        if os.environ.get("IPYTHONDIR"):  # the tests' network guard reaches the students' kernels
            environment["IPYTHONDIR"] = os.environ["IPYTHONDIR"]
        values = {
            "bind_url": self.url, "hub_bind_url": f"http://127.0.0.1:{self.hub_port}",
            "api_url": f"http://127.0.0.1:{self.api_port}", "proxy": str(PROXY),
            "db": f"sqlite:///{self.workdir / 'jupyterhub.sqlite'}",
            "cookie": str(self.workdir / "cookie_secret"), "pid": str(self.workdir / "jupyterhub.pid"),
            "homes": str(self.homes / "{username}"), "python": str(STUDENT_PYTHON),
            "python_path": self.python_path,
            "students": sorted(self.students), "token": self.token, "service": SERVICE,
            "environment": environment,
        }
        return "\n".join([
            "c = get_config()  # noqa",
            f"values = {json.dumps(values)}",
            "c.JupyterHub.bind_url = values['bind_url']",
            "c.JupyterHub.hub_bind_url = values['hub_bind_url']",
            "c.ConfigurableHTTPProxy.api_url = values['api_url']",
            "c.ConfigurableHTTPProxy.command = [values['proxy']]",
            "c.JupyterHub.db_url = values['db']",
            "c.JupyterHub.cookie_secret_file = values['cookie']",
            "c.JupyterHub.pid_file = values['pid']",
            "c.JupyterHub.cleanup_servers = True",
            "c.JupyterHub.cleanup_proxy = True",
            "c.JupyterHub.authenticator_class = 'dummy'",
            "c.Authenticator.allowed_users = set(values['students'])",
            "c.JupyterHub.spawner_class = 'simple'",
            "c.SimpleLocalProcessSpawner.home_dir_template = values['homes']",
            "c.JupyterHub.tornado_settings = {'slow_spawn_timeout': 0}  # start several servers at once",
            "c.Spawner.cmd = [values['python'], '-m', 'jupyterhub.singleuser']",
            "c.Spawner.ip = '127.0.0.1'",
            "c.Spawner.default_url = '/lab'",
            "c.Spawner.start_timeout = 90",
            "c.Spawner.http_timeout = 90",
            "c.Spawner.environment = values['environment']",
            "def pre_spawn_hook(spawner):  # each student's course package: the published course's, or an exam's",
            "    spawner.environment = {**spawner.environment,",
            "                           'PYTHONPATH': values['python_path'].get(spawner.user.name, '')}",
            "c.Spawner.pre_spawn_hook = pre_spawn_hook",
            "c.Spawner.args = ['--ServerApp.allow_root=True', '--LabApp.news_url=None',",
            "    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',",
            "    '--LabApp.extension_manager=readonly']",
            "c.JupyterHub.services = [{'name': values['service'], 'api_token': values['token']}]",
            "c.JupyterHub.load_roles = [{'name': values['service'], 'services': [values['service']],",
            "    'scopes': ['admin:users', 'admin:servers', 'access:servers', 'read:users']}]",
            "",
        ])

    def start(self, timeout: float = 60) -> None:
        """Start JupyterHub (which starts the proxy) and wait until its API answers."""
        config = self.workdir / "jupyterhub_config.py"
        config.write_text(self.config())
        env = {**os.environ, "CONFIGPROXY_AUTH_TOKEN": secrets.token_hex(24),
               "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=self.workdir, env=env,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "/hub/api/")
                return
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(f"JupyterHub exited with status {self.process.returncode}:\n{self.tail()}")
                if time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterHub did not answer within {timeout:g} s:\n{self.tail()}")
                time.sleep(0.3)

    def tail(self, lines: int = 40) -> str:
        """The end of the hub's log (the proxy's and the servers' output go there too)."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"

    def api(self, method: str, path: str, body=None, *, raw: bool = False, timeout: float = 30):
        """A request to the hub (or through it to a student's server) with the service token."""
        data = None if body is None else (body if isinstance(body, bytes) else json.dumps(body).encode())
        request = urllib.request.Request(self.url + path, data=data, method=method,
                                         headers={"Authorization": f"token {self.token}",
                                                  "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = response.read()
        if raw:
            return payload
        return json.loads(payload) if payload.strip() else None

    def spawn(self, names: list[str], timeout: float = 90) -> None:
        """Start the students' servers at once and wait until all of them are ready."""
        for name in names:
            self.api("POST", f"/hub/api/users/{name}/server")
        deadline = time.monotonic() + timeout
        waiting = set(names)
        while waiting:
            for name in sorted(waiting):
                user = self.api("GET", f"/hub/api/users/{name}")
                server = (user.get("servers") or {}).get("", {})
                if server.get("ready"):
                    waiting.discard(name)
            if waiting and time.monotonic() > deadline:
                raise RuntimeError(f"servers of {sorted(waiting)} not ready within {timeout:g} s:\n{self.tail()}")
            time.sleep(0.5)

    def pull(self, name: str, repo: str, branch: str, targetpath: str, timeout: float = 60) -> list[dict]:
        """nbgitpuller's sync API in a student's server (what its launch page calls): the events."""
        query = urllib.parse.urlencode({"repo": repo, "branch": branch, "targetpath": targetpath})
        stream = self.api("GET", f"/user/{name}/git-pull/api?{query}", raw=True, timeout=timeout).decode()
        events = [json.loads(line[len("data: "):]) for line in stream.splitlines() if line.startswith("data: ")]
        if not events or events[-1].get("phase") != "finished":
            raise RuntimeError(f"nbgitpuller did not finish for {name}: {events[-3:]}")
        return events

    def contents(self, name: str, path: str) -> dict:
        """A notebook as the student's server stores it (contents API)."""
        return self.api("GET", f"/user/{name}/api/contents/{urllib.parse.quote(path)}?content=1")["content"]

    def save(self, name: str, path: str, nb: dict) -> None:
        """Save a notebook through the student's server (what File → Save does)."""
        self.api("PUT", f"/user/{name}/api/contents/{urllib.parse.quote(path)}",
                 {"type": "notebook", "format": "json", "content": nb})

    def _server_pids(self) -> list[int]:
        try:
            with sqlite3.connect(self.workdir / "jupyterhub.sqlite") as db:
                states = [row[0] for row in db.execute("SELECT state FROM spawners")]
        except sqlite3.Error:
            return []
        pids = []
        for state in states:
            try:
                pid = json.loads(state or "{}").get("pid")
            except (TypeError, ValueError):
                continue
            if isinstance(pid, int) and pid > 0:
                pids.append(pid)
        return pids

    def _ours(self) -> list[int]:
        """Processes still running whose working folder is inside the hub's temporary folder."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cwd = Path(os.readlink(entry / "cwd"))
            except OSError:
                continue
            if cwd == self.workdir or self.workdir in cwd.parents:
                found.append(int(entry.name))
        return found

    def stop(self) -> list[int]:
        """Stop everything this hub started; returns the pids that had to be killed."""
        pids = self._server_pids()
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        leftovers = sorted(set(self._ours()) | {p for p in pids if Path(f"/proc/{p}").exists()})
        for pid in leftovers:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        return leftovers


class Kernel:
    """A kernel of a student's server, driven over the Jupyter server's WebSocket channels."""

    def __init__(self, hub: Hub, user: str, notebook_path: str):
        import websocket

        self.hub, self.user = hub, user
        session = hub.api("POST", f"/user/{user}/api/sessions",
                          {"path": notebook_path, "type": "notebook", "name": "",
                           "kernel": {"name": "python3"}})
        self.kernel_id = session["kernel"]["id"]
        self.session = uuid.uuid4().hex
        url = hub.url.replace("http://", "ws://") + f"/user/{user}/api/kernels/{self.kernel_id}/channels"
        self.socket = websocket.create_connection(url, header=[f"Authorization: token {hub.token}"],
                                                  timeout=60)

    def execute(self, code: str, timeout: float = 60) -> list[dict]:
        """Run ``code``; return its outputs as nbformat output dicts (errors included)."""
        msg_id = uuid.uuid4().hex
        self.socket.send(json.dumps({
            "header": {"msg_id": msg_id, "username": self.user, "session": self.session,
                       "msg_type": "execute_request", "version": "5.3"},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True, "user_expressions": {},
                        "allow_stdin": False, "stop_on_error": True}}))
        outputs: list[dict] = []
        replied = idle = False
        deadline = time.monotonic() + timeout
        while not (replied and idle):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{self.user}'s kernel did not finish within {timeout:g} s")
            message = json.loads(self.socket.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if message["channel"] == "shell" and kind == "execute_reply":
                replied = True
            elif kind == "status" and content.get("execution_state") == "idle":
                idle = True
            elif kind in ("display_data", "execute_result"):
                outputs.append({"output_type": kind, "data": content["data"], "metadata": content.get("metadata", {}),
                                **({"execution_count": content.get("execution_count")} if kind == "execute_result" else {})})
            elif kind == "stream":
                outputs.append({"output_type": "stream", "name": content["name"], "text": content["text"]})
            elif kind == "error":
                outputs.append({"output_type": "error", "ename": content["ename"], "evalue": content["evalue"],
                                "traceback": content["traceback"]})
        return outputs

    def close(self) -> None:
        """Close the channels and shut the kernel down."""
        try:
            self.socket.close()
        finally:
            try:
                self.hub.api("DELETE", f"/user/{self.user}/api/kernels/{self.kernel_id}")
            except (OSError, urllib.error.HTTPError):
                pass
