"""The explorers in the built book, where no kernel runs.

In JupyterLab each explorer (:mod:`natocourse.presentation.explore`, :mod:`natocourse.presentation.lab`)
is a live ipywidgets container. The book cannot run Python, so each explorer also renders as static
HTML, ``<div class="natocourse-explorer" data-explorer="NAME" data-start='JSON'>``, holding its
starting card; the hand-written ``static/explorers.js`` replaces that card with native controls that
recompute in the browser, from the data :func:`explorer_data` exports at build time.

- :class:`Explorer`: the ipywidgets ``VBox`` every explorer returns; its ``_repr_mimebundle_`` adds
  the ``text/html`` rendering next to the widget view (JupyterLab shows the widget, the book the HTML).
- :func:`explorer_data`: everything the browser needs (allies, scenario baselines, the rules' constants).
- :func:`write_explorer_assets`: writes ``natocourse/explorer-data.js`` (sets
  ``window.NATOCOURSE_EXPLORER_DATA``, so it also works from ``file://`` where pages cannot fetch JSON)
  and copies ``explorers.js`` next to it.
"""

from __future__ import annotations

import html
import json
import shutil
from pathlib import Path

import ipywidgets as widgets

#: The explorers the browser front end knows, by their ``data-explorer`` name.
NAMES = ("ally-card", "withdrawal-calculator", "membership-explorer", "scenario-lab")
#: The hand-written front end, shipped with the package.
SCRIPT = Path(__file__).with_name("static") / "explorers.js"
#: The scenario lab's sliders (% of GDP): the same bounds and step as the widget in ``lab.scenario_lab``.
SCENARIO_SLIDER = {"min": 0.0, "max": 10.0, "step": 0.1}
#: The columns of each exported baseline row (the rows of ``scenarios.baseline``, in its order).
BASELINE_COLUMNS = ("iso3", "country", "group", "gdp_bn", "pct_gdp", "spend_bn")


def static_html(name: str, start: dict, body: str) -> str:
    """The book's rendering of an explorer: its starting ``body`` in a ``data-explorer`` container."""
    if name not in NAMES:
        raise ValueError(f"unknown explorer {name!r}; known: {', '.join(NAMES)}")
    start_json = html.escape(json.dumps(start, sort_keys=True), quote=True)
    return (f"<div class=\"natocourse-explorer\" data-explorer=\"{name}\" data-start='{start_json}'>"
            f"{body}</div>")


class Explorer(widgets.VBox):
    """A ``VBox`` that also renders as static HTML (``text/html``) for the book.

    ``name`` is one of :data:`NAMES`, ``start`` the explorer's starting arguments (JSON-serialisable)
    and ``body`` the HTML of its starting card, fixed when the explorer is made.
    """

    def __init__(self, children, *, name: str, start: dict, body: str, **kwargs):
        super().__init__(children, **kwargs)
        self._static_html = static_html(name, start, body)

    def _repr_mimebundle_(self, **kwargs):
        bundle = dict(super()._repr_mimebundle_(**kwargs) or {})
        bundle["text/html"] = self._static_html
        return bundle


def _iso(day) -> str:
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def explorer_data() -> dict:
    """All the data the browser explorers use, as plain JSON-ready values.

    ``members``: one row per ally sorted by name (``iso3``, ``country``, ``accession_date`` as
    ``YYYY-MM-DD``, ``enlargement``); ``membership``: the slider's years and the Warsaw Pact's
    dissolution date; ``withdrawal``: the rule constants of :mod:`natocourse.analysis.withdrawal`;
    ``scenario``: groups, thresholds (and their labels as the lab prints them), the largest share
    accepted, the sliders, and for every year with data for all three groups, keyed by year, the
    baseline rows (``baselines``, lists in the order of ``baseline_columns``) and where each group's
    slider starts (``starts``, from :func:`natocourse.presentation.lab.starting_shares`).
    """
    from .. import data
    from ..analysis import history, scenarios, withdrawal
    from . import lab

    members = data.load("members").sort_values("country")
    years = members["accession_date"].dt.year
    sipri_years = sorted(int(y) for y in data.load("milex_sipri")["year"].unique())
    baselines, starts = {}, {}
    for year in sipri_years:
        base = scenarios.baseline(year)
        if len(base) and set(base["group"]) == set(scenarios.GROUPS):
            starts[str(year)] = {group: float(share) for group, share in lab.starting_shares(base).items()}
            baselines[str(year)] = [[r.iso3, r.country, r.group, float(r.gdp_bn), float(r.pct_gdp),
                                     float(r.spend_bn)] for r in base.itertuples(index=False)]
    return {
        "members": [{"iso3": r.iso3, "country": r.country, "accession_date": _iso(r.accession_date),
                     "enlargement": int(r.enlargement)} for r in members.itertuples(index=False)],
        "membership": {"first_year": int(years.min()), "last_year": int(years.max()),
                       "warsaw_pact_dissolved": history.WARSAW_PACT_DISSOLVED},
        "withdrawal": {"notice_deadline_days": withdrawal.NOTICE_DEADLINE_DAYS,
                       "notice_period_years": withdrawal.NOTICE_PERIOD_YEARS},
        "scenario": {"groups": list(scenarios.GROUPS),
                     "thresholds": [float(t) for t in scenarios.THRESHOLDS],
                     "threshold_labels": [f"{t:g}" for t in scenarios.THRESHOLDS],
                     "max_share": float(scenarios.MAX_SHARE),
                     "slider": dict(SCENARIO_SLIDER),
                     "baseline_columns": list(BASELINE_COLUMNS),
                     "baselines": baselines,
                     "starts": starts},
    }


def write_explorer_assets(static_dir: Path) -> list[Path]:
    """Write ``natocourse/explorer-data.js`` and copy ``explorers.js`` into ``static_dir``; return both paths."""
    target = Path(static_dir) / "natocourse"
    target.mkdir(parents=True, exist_ok=True)
    data_js = target / "explorer-data.js"
    payload = json.dumps(explorer_data(), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    data_js.write_text("/* Generated by natocourse.presentation.static at build time: do not edit. */\n"
                       f"window.NATOCOURSE_EXPLORER_DATA = {payload};\n", encoding="utf-8")
    script = target / SCRIPT.name
    shutil.copyfile(SCRIPT, script)
    return [data_js, script]
