"""Launch buttons that open the student's copy, from the students' repository: a Sphinx extension.

With ``launch_buttons.jupyterhub_url`` set in ``_config.yml`` the book theme gives every notebook
page a "JupyterHub" launch button: an nbgitpuller link
``<hub>/hub/user-redirect/git-pull?repo=<repository>&urlpath=lab/tree/<clone>/<page>.ipynb&branch=<branch>``
that clones (or updates) a repository in the student's home on the hub and opens the page's
notebook in JupyterLab.

A class's hub pulls the **students' repository** (written by ``python -m natocourse publish``: no
``solutions/``, no answers), never the instructor's. This extension (run after the theme):

- points every JupyterHub button at that repository and branch, named in ``_config.yml`` as
  ``sphinx.config.natocourse_class_repository`` and ``natocourse_class_branch`` (the Binder button
  keeps ``repository.url``, the public course, for self-learners);
- points the JupyterHub and Binder buttons of every ``solutions/NN-slug`` page at
  ``exercises/NN-slug.ipynb``: a student who launches an exercise page gets the notebook to work
  in, not the answers.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path


def _student_copy(app, pagename: str) -> str | None:
    if not pagename.startswith("solutions/"):
        return None
    name = pagename.split("/", 1)[1]
    exercise = Path(app.srcdir) / "exercises" / f"{name}.ipynb"
    return f"exercises/{name}.ipynb" if exercise.is_file() else None


def clone_name(repository: str) -> str:
    """The folder nbgitpuller clones ``repository`` into (its last path part, without ``.git``)."""
    name = repository.rstrip("/").rsplit("/", 1)[-1]
    return name[:-4] if name.endswith(".git") else name


def class_hub_link(url: str, repository: str, branch: str, notebook: str) -> str:
    """A JupyterHub launch link pulling ``repository`` at ``branch`` and opening ``notebook``."""
    parts = urllib.parse.urlsplit(url)
    query = urllib.parse.urlencode({"repo": repository, "urlpath": f"lab/tree/{clone_name(repository)}/{notebook}",
                                    "branch": branch}, safe="/")
    return urllib.parse.urlunsplit(parts._replace(query=query))


def point_launch_buttons(app, pagename, templatename, context, doctree) -> None:
    """Rewrite a notebook page's launch links: the students' repository on the hub, and the
    exercise notebook for a solutions page."""
    notebook = _student_copy(app, pagename) or f"{pagename}.ipynb"
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            url = button.get("url", "")
            if button.get("text") == "JupyterHub" and "git-pull" in url:
                given = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
                repository = app.config.natocourse_class_repository or given.get("repo", [""])[0]
                branch = app.config.natocourse_class_branch or given.get("branch", ["main"])[0]
                button["url"] = class_hub_link(url, repository, branch, notebook)
                button["tooltip"] = button.get("tooltip", "") + " (the class's repository)"
            elif button.get("text") == "Binder" and notebook != f"{pagename}.ipynb" and f"{pagename}.ipynb" in url:
                button["url"] = url.replace(f"{pagename}.ipynb", notebook)
            if notebook != f"{pagename}.ipynb" and button.get("text") in ("JupyterHub", "Binder"):
                button["tooltip"] = button.get("tooltip", "") + " (the exercise notebook, without answers)"


def setup(app):
    """Register the students' repository settings and the rewrite, after the theme's buttons."""
    app.add_config_value("natocourse_class_repository", "", "html", types=[str])
    app.add_config_value("natocourse_class_branch", "main", "html", types=[str])
    app.connect("html-page-context", point_launch_buttons, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
