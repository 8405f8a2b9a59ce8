"""Launch buttons that open the student's copy: a Sphinx extension for the book.

With ``launch_buttons.jupyterhub_url`` set in ``_config.yml`` the book theme gives every notebook
page a "JupyterHub" launch button: an nbgitpuller link
``<hub>/hub/user-redirect/git-pull?repo=<repository.url>&urlpath=lab/tree/<repo>/<page>.ipynb&branch=<branch>``
that clones (or updates) the course repository in the student's home on the hub and opens the
page's notebook in JupyterLab.

The exercise pages of the book are built from ``solutions/``; a student who launches one should
get the notebook to work in, not the answers. This extension (run after the theme) points the
JupyterHub and Binder buttons of every ``solutions/NN-slug`` page at ``exercises/NN-slug.ipynb``.
"""

from __future__ import annotations

from pathlib import Path


def _student_copy(app, pagename: str) -> str | None:
    if not pagename.startswith("solutions/"):
        return None
    name = pagename.split("/", 1)[1]
    exercise = Path(app.srcdir) / "exercises" / f"{name}.ipynb"
    return f"exercises/{name}.ipynb" if exercise.is_file() else None


def point_launch_buttons_at_exercises(app, pagename, templatename, context, doctree) -> None:
    """Rewrite the launch links of a solutions page to open its exercise notebook."""
    target = _student_copy(app, pagename)
    if target is None:
        return
    for group in context.get("header_buttons", []):
        for button in group.get("buttons", []) if isinstance(group, dict) else []:
            url = button.get("url", "")
            if button.get("text") in ("JupyterHub", "Binder") and f"{pagename}.ipynb" in url:
                button["url"] = url.replace(f"{pagename}.ipynb", target)
                button["tooltip"] = button.get("tooltip", "") + " (the exercise notebook, without answers)"


def setup(app):
    """Register the rewrite after the theme has added its launch buttons (priority 501)."""
    app.connect("html-page-context", point_launch_buttons_at_exercises, priority=700)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
