"""Launch buttons: with ``launch_buttons.jupyterhub_url`` in ``_config.yml`` every notebook page of
the built book links to an nbgitpuller URL on that hub that clones the students' repository
(``natocourse_class_repository``, written by ``publish``: never this one, which has the solutions)
and opens the page's notebook (the exercise notebook, for the exercise pages)."""

import urllib.parse
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text())
HUB = CONFIG["launch_buttons"]["jupyterhub_url"].rstrip("/")
REPOSITORY = CONFIG["sphinx"]["config"]["natocourse_class_repository"]
BRANCH = CONFIG["sphinx"]["config"]["natocourse_class_branch"]
CLONE = REPOSITORY.rstrip("/").split("/")[-1]
NOTEBOOK_PAGES = sorted(str(p.with_suffix("").relative_to(ROOT))
                        for d in ("notebooks", "solutions") for p in (ROOT / d).glob("*.ipynb"))


def hub_link(page: str) -> urllib.parse.ParseResult:
    built = HTML / f"{page}.html"
    if not built.exists():
        pytest.fail(f"{built} is missing: build the book first (python tasks.py book)")
    soup = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser")
    links = [a["href"] for a in soup.find_all("a", href=True) if a["href"].startswith(f"{HUB}/hub/")]
    assert len(links) == 1, f"{page}: expected one JupyterHub launch link, found {links}"
    return urllib.parse.urlparse(links[0])


def test_a_lesson_page_opens_its_notebook_on_the_hub():
    link = hub_link("notebooks/08-burden-sharing")
    assert f"{link.scheme}://{link.netloc}" == HUB
    assert link.path == "/hub/user-redirect/git-pull"
    query = urllib.parse.parse_qs(link.query, strict_parsing=True)
    assert REPOSITORY != CONFIG["repository"]["url"], "the hub must pull the students' repository"
    assert query == {"repo": [REPOSITORY], "branch": [BRANCH],
                     "urlpath": [f"lab/tree/{CLONE}/notebooks/08-burden-sharing.ipynb"]}


def test_an_exercise_page_opens_the_student_notebook_not_the_answers():
    query = urllib.parse.parse_qs(hub_link("solutions/06-the-bill").query)
    assert query["urlpath"] == [f"lab/tree/{CLONE}/exercises/06-the-bill.ipynb"]
    assert query["repo"] == [REPOSITORY]


@pytest.mark.parametrize("page", NOTEBOOK_PAGES)
def test_every_notebook_page_links_to_a_notebook_in_the_repository(page):
    urlpath = urllib.parse.parse_qs(hub_link(page).query)["urlpath"][0]
    prefix = f"lab/tree/{CLONE}/"
    assert urlpath.startswith(prefix)
    opened = ROOT / urlpath[len(prefix):]
    assert opened.is_file(), f"{page} launches {opened}, which is not in the repository"
    assert opened.parts[-2] in ("notebooks", "exercises")
