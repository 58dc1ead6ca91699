"""Report sections that display several outputs per goal (verdict, chart, figures).

Each goal's heading carries the goal's anchor (:func:`helpers.report.layout.goal_anchor`),
so that the index's overview links to it; charts are SVG, sharp in print.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML, SVG, display

from helpers.core import charts
from helpers.evaluation.related import related_series
from helpers.report.layout import goal_anchor
from helpers.report.loading import ReportInputs, goal_series, indicator_name
from helpers.report.scorecards import evaluable, verdict_da
from helpers.report.tables import badge, observations_table


def goal_heading(goal_id: str, title: str, goal_ids: str) -> str:
    """A goal section's heading with the goal's anchor as its ``id``, and the goal ids
    under it (text escaped)."""
    return (
        f'<h3 id="{goal_anchor(goal_id)}">{html.escape(str(title))}</h3>\n'
        f"<p><em>Mål {html.escape(str(goal_ids))}</em></p>"
    )


def show_goal_charts(inputs: ReportInputs) -> None:
    """One section per goal with data: verdict, reason, chart and figures."""
    goals = inputs.goals.set_index("goal_id") if len(inputs.goals) else None
    for row in evaluable(inputs).to_dict("records"):
        title = goals.loc[row["goal_id"], "title_da"] if goals is not None else row["goal_id"]
        data = goal_series(inputs, row)
        fan = inputs.paths[inputs.paths["goal_id"] == row["goal_id"]] if len(inputs.paths) else None
        display(HTML(goal_heading(row["goal_id"], title, row["goal_ids"])))
        display(
            HTML(
                f"<p>{badge(row['colour'], verdict_da(row['verdict']))} "
                f"{html.escape(str(row['reason_da']))}</p>"
            )
        )
        note = uncertainty_note(row)
        if note:
            display(HTML(f'<p class="usikkerhed">{html.escape(note)}</p>'))
        if len(data):
            chart = charts.goal_chart(
                data,
                title=indicator_name(inputs, row["indicator"]),
                unit=row["unit"],
                target_value=None if pd.isna(row["target_value"]) else row["target_value"],
                target_period=row["target_period"] or None,
                direction=row["direction"],
                fan=fan if fan is not None and len(fan) else None,
            )
            display(SVG(charts.to_svg(chart)))
            display(HTML(observations_table(data, inputs.half_year)))


def uncertainty_note(row: dict) -> str:
    """Where the interval's uncertainty comes from, and the probability under the other
    plausible proxy, in Danish ("" when nothing is projected)."""
    if pd.isna(row.get("projection")):
        return ""
    basis = str(row.get("uncertainty_basis", "") or "none")
    if basis.startswith("own series"):
        text = "Intervallets usikkerhed er beregnet ud fra seriens egne tal."
    elif basis.startswith("borrowed from "):
        source = basis[len("borrowed from ") :].partition(" under the assumption: ")[0]
        related = related_series(source)
        assumption = related.assumption_da if related is not None else basis
        text = (
            f"Intervallets usikkerhed er lånt fra serien {source} under antagelsen, at "
            f"{assumption}."
        )
    else:
        text = "Der er for få tal til at beregne usikkerheden, så der vises intet interval."
    if row.get("sensitivity"):
        text += f" Følsomhed: sandsynligheden er {row['sensitivity']}."
    return text
