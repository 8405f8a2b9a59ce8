"""The scenario lab's widget: labelled sliders for each group's share of GDP and a results table.

Every number comes from :mod:`natocourse.scenarios`; this module only lays out the controls and
formats the summary, so the widget's initial (stored) state reads well in the static book.
"""

from __future__ import annotations

import html

import ipywidgets as widgets

from ..analysis import scenarios
from .explorer import Explorer


#: The caption of the results table (the book's JavaScript copy takes it from the exported data).
SUMMARY_CAPTION = "Scenario results (SIPRI Military Expenditure Database, 2025 release)"


def summary_html(result: dict) -> str:
    """An HTML table of a scenario summary, with units."""
    rows = [("Allies' total", f"US$ {result['total_bn']:,.0f} bn"),
            ("Without the United States", f"US$ {result['without_us_bn']:,.0f} bn"),
            ("United States' share", f"{100 * result['us_share']:.1f} %")]
    rows += [(f"Allies at or above {t:g} % of GDP", str(result[f"allies at {t:g} %"])) for t in scenarios.THRESHOLDS]
    body = "".join(f"<tr><th scope='row'>{html.escape(k)}</th><td>{html.escape(v)}</td></tr>" for k, v in rows)
    return f"<table class='natocourse-scenario'><caption>{html.escape(SUMMARY_CAPTION)}</caption>{body}</table>"


def starting_shares(base) -> dict:
    """Each group's spending-weighted share of GDP (% , 2 dp): where its slider starts."""
    totals = base.groupby("group")[["spend_bn", "gdp_bn"]].sum()
    return {group: round(100 * totals.loc[group, "spend_bn"] / totals.loc[group, "gdp_bn"], 2)
            for group in scenarios.GROUPS}


def changed_groups(start: dict, values: dict) -> dict:
    """The slider values that differ from their start: only these groups get one common share.

    A slider at its starting value leaves every ally of its group at its own baseline share, so the
    lab's starting state is the baseline exactly (17 allies at 2 % in 2024, not all of them).
    """
    return {group: value for group, value in values.items() if abs(value - start[group]) > 1e-9}


def scenario_lab(year: int = 2024) -> widgets.VBox:
    """Sliders for the United States, Canada and the European allies (% of GDP) and live results.

    Each slider starts at the group's spending-weighted share of GDP in ``year``, and the results
    start at the baseline itself: a group's allies keep their own shares until its slider is moved
    away from its starting value (:func:`changed_groups`).
    """
    base = scenarios.baseline(year)
    start = starting_shares(base)
    sliders = {
        group: widgets.FloatSlider(value=start[group],
                                   min=0.0, max=10.0, step=0.1, description=f"{group} (% of GDP):",
                                   style={"description_width": "initial"}, layout=widgets.Layout(width="32em"),
                                   continuous_update=False)
        for group in scenarios.GROUPS}
    results = widgets.HTML()

    def update(change=None) -> None:
        moved = changed_groups(start, {g: s.value for g, s in sliders.items()})
        results.value = summary_html(scenarios.summary(scenarios.apply(base, moved)))

    for slider in sliders.values():
        slider.observe(update, names="value")
    update()
    note = widgets.HTML(f"<p>Start: {year}, SIPRI figures (2025 release). Move a slider to set that group's share of GDP "
                        "for every ally in it (economies held at their size).</p>")
    # the book keeps the note (class natocourse-explorer-note) and replaces the results with live ones
    body = f"<div class='natocourse-explorer-note'>{note.value}</div>{results.value}"
    return Explorer([note, *sliders.values(), results], name="scenario-lab", start={"year": int(year)}, body=body,
                    layout=widgets.Layout(border="1px solid #ccc", padding="0.5em"))
