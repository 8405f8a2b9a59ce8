"""Small interactive explorers used in the lessons (not graded: for that see ``exercises``).

Each function returns an ipywidgets container whose every control has a visible label, and whose
initial state is meaningful on its own, so the stored widget state also reads well in the static
book where no kernel runs.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd


def ally_card(members: pd.DataFrame, start: str = "USA") -> widgets.VBox:
    """A dropdown of allies that shows the chosen ally's accession date and enlargement round.

    ``members`` is the ``members`` table (``iso3``, ``country``, ``accession_date``,
    ``enlargement``); ``start`` is the ISO3 code selected first.
    """
    table = members.sort_values("country").set_index("iso3")
    options = [(row.country, iso3) for iso3, row in table.iterrows()]
    picker = widgets.Dropdown(options=options, value=start if start in table.index else options[0][1],
                              description="Ally:", style={"description_width": "initial"})
    card = widgets.HTML(layout=widgets.Layout(margin="0 0 0 1em"))

    def describe(iso3: str) -> str:
        row = table.loc[iso3]
        joined = f"{row.accession_date.day} {row.accession_date:%B %Y}"
        round_ = "a founding member" if int(row.enlargement) == 1949 else f"the {int(row.enlargement)} enlargement"
        return (f"<p><strong>{html.escape(row.country)}</strong> ({iso3}) joined NATO on {joined}, "
                f"as {html.escape(round_)}.</p>")

    def update(change=None) -> None:
        card.value = describe(picker.value)

    picker.observe(update, names="value")
    update()
    return widgets.VBox([picker, card], layout=widgets.Layout(border="1px solid #ccc", padding="0.5em"))
