"""Small interactive explorers used in the lessons (not graded: for that see ``exercises``).

Each function returns an ipywidgets container whose every control has a visible label, and whose
initial state is meaningful on its own. In the book, where no kernel runs, the container renders as
static HTML that ``static/explorers.js`` turns into the same explorer in the browser
(:mod:`natocourse.presentation.static`); keep the two in step when changing a card's text.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd

from .explorer import Explorer


def _explorer(name: str, start: dict, controls: list, describe, before_update=None) -> Explorer:
    """The labelled ``controls`` above an HTML card that shows ``describe()`` and follows every change.

    ``before_update`` (optional) runs first on each change, e.g. to enable or disable a control.
    ``name`` and ``start`` (the starting arguments) label the static rendering the book shows.
    """
    card = widgets.HTML(layout=widgets.Layout(margin="0.5em 0 0 0"))

    def update(change=None) -> None:
        if before_update is not None:
            before_update()
        card.value = describe()

    for control in controls:
        control.observe(update, names="value")
    update()
    return Explorer([*controls, card], name=name, start=start, body=card.value, result=card,
                    layout=widgets.Layout(border="1px solid #ccc", padding="0.5em"))


def ally_card(members: pd.DataFrame, start: str = "USA") -> widgets.VBox:
    """A dropdown of allies that shows the chosen ally's accession date and enlargement round.

    ``members`` is the ``members`` table (``iso3``, ``country``, ``accession_date``,
    ``enlargement``); ``start`` is the ISO3 code selected first.
    """
    table = members.sort_values("country").set_index("iso3")
    options = [(row.country, iso3) for iso3, row in table.iterrows()]
    picker = widgets.Dropdown(options=options, value=start if start in table.index else options[0][1],
                              description="Ally:", style={"description_width": "initial"})

    def describe() -> str:
        iso3 = picker.value
        row = table.loc[iso3]
        joined = f"{row.accession_date.day} {row.accession_date:%B %Y}"
        round_ = "a founding member" if int(row.enlargement) == 1949 else f"the {int(row.enlargement)} enlargement"
        return (f"<p><strong>{html.escape(row.country)}</strong> ({iso3}) joined NATO on {joined}, "
                f"as {html.escape(round_)}.</p>")

    from natocourse import data

    start_args = {"iso3": picker.value}
    if set(table.index) != set(data.load("members")["iso3"]):  # a subset: the book offers only those
        start_args["allies"] = sorted(table.index)
    return _explorer("ally-card", start_args, [picker], describe)


def withdrawal_calculator(enactment: str | None = None) -> widgets.VBox:
    """Date calculator for the NATO Act: enactment → notice deadline → withdrawal (hypothetical).

    A date picker for a *hypothetical* enactment date and an optional notice date; the card shows
    the last day the bill allows for notice (+30 days), and the day the United States would cease
    to be a Party under Article 13 (notice + 1 year). The logic is
    :func:`natocourse.analysis.withdrawal.withdrawal_timeline`. The default date is the course's
    registered hypothetical date, :data:`natocourse.analysis.hypothetical.EXAMPLE_ENACTMENT`.
    """
    from natocourse.analysis.hypothetical import EXAMPLE_ENACTMENT
    from natocourse.analysis.withdrawal import as_date, withdrawal_timeline

    start = as_date(enactment or EXAMPLE_ENACTMENT)
    enacted = widgets.DatePicker(value=start, description="Hypothetical enactment date:",
                                 style={"description_width": "initial"})
    use_own = widgets.Checkbox(value=False, description="Notice earlier than the deadline",
                               style={"description_width": "initial"}, indent=False)
    notice = widgets.DatePicker(value=start, description="Notice given on:",
                                style={"description_width": "initial"}, disabled=True)

    def describe() -> str:
        if enacted.value is None:
            return "<p>Pick an enactment date.</p>"
        try:
            t = withdrawal_timeline(enacted.value, notice.value if use_own.value else None)
        except (ValueError, OverflowError) as problem:  # OverflowError: a date past 31 December 9999
            return f"<p><strong>Check the dates:</strong> {html.escape(str(problem))}.</p>"

        def fmt(day) -> str:
            return f"{day.day} {day:%B %Y}"

        late = "" if t.on_time else " <em>(later than the bill allows)</em>"
        return (
            "<table>"
            f"<tr><td>Act enacted (hypothetical)</td><td><strong>{fmt(t.enactment)}</strong></td></tr>"
            f"<tr><td>Last day for notice (+30 days)</td><td>{fmt(t.notice_deadline)}</td></tr>"
            f"<tr><td>Notice of denunciation given</td><td>{fmt(t.notice)}{late}</td></tr>"
            f"<tr><td>United States ceases to be a Party (notice + 1 year)</td>"
            f"<td><strong>{fmt(t.effective)}</strong></td></tr>"
            f"<tr><td>Days from enactment to withdrawal</td><td>{t.days_from_enactment}</td></tr>"
            "</table>"
            f"<p>Range if the President complies with the bill: {fmt(t.earliest_effective)} "
            f"(notice on the day of enactment) to {fmt(t.latest_effective)} (notice on the last day).</p>"
        )

    def enable_notice() -> None:
        notice.disabled = not use_own.value

    return _explorer("withdrawal-calculator", {"enactment": start.isoformat()}, [enacted, use_own, notice],
                     describe, before_update=enable_notice)


def membership_explorer(year: int = 1991) -> widgets.VBox:
    """A year slider that lists the allies at the end of the chosen year and who had just joined.

    The logic is :func:`natocourse.history.membership_snapshot`; the slider runs from the founding
    year to the latest accession in the ``members`` table.
    """
    from natocourse import data
    from natocourse.analysis.history import membership_snapshot

    years = data.load("members")["accession_date"].dt.year
    slider = widgets.IntSlider(value=min(max(int(year), int(years.min())), int(years.max())),
                               min=int(years.min()), max=int(years.max()), step=1,
                               description="End of year:", style={"description_width": "initial"},
                               continuous_update=False)

    def describe() -> str:
        snapshot = membership_snapshot(slider.value)
        new = set(snapshot.joined_that_year)
        names = ", ".join(f"<strong>{html.escape(name)}</strong>" if name in new else html.escape(name)
                          for name in snapshot.allies)
        return (f"<p>{html.escape(snapshot.sentence())}</p>"
                f"<p>Allies, in order of joining (new that year in bold): {names}.</p>")

    return _explorer("membership-explorer", {"year": slider.value}, [slider], describe)
