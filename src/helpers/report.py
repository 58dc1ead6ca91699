"""Building blocks of the half-year evaluation report (``04_evaluation_report``).

The report for half-year P sees only figures whose reference period ends by the
end of P (:func:`as_of`). Text taken from the data is escaped before it is put
into Markdown or HTML (:func:`escape`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from helpers import projection
from helpers.danish import format_value
from helpers.paths import Workspace
from helpers.periods import HalfYear, parse_period
from helpers.plots import DIRECTION_DA, SOURCE_KIND_DA
from helpers.stages import GOALS_FILE, OUTCOMES_FILE

GOAL_KEY = ["indicator", "group", "geography", "direction", "target_value", "target_period", "unit"]


def escape(text: object) -> str:
    """Escape text from the data for Markdown/HTML (``<script>`` shows as text)."""
    escaped = html.escape("" if text is None else str(text), quote=True)
    for char in "\\`*_[]#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def as_of(outcomes: pd.DataFrame, day: date) -> pd.DataFrame:
    """Only the figures whose reference period ends on or before ``day``."""
    ends = pd.to_datetime(outcomes["period_end"]).dt.date
    return outcomes.loc[ends <= day].reset_index(drop=True)


@dataclass
class ReportInputs:
    """Everything the report for one half-year reads, already cut at its end."""

    half_year: HalfYear
    goals: pd.DataFrame
    outcomes: pd.DataFrame


def load_inputs(ws: Workspace, period: str) -> ReportInputs:
    """Read the processed tables for the report of half-year ``period`` (e.g. "2013H2")."""
    half_year = HalfYear.parse(period)
    goals = pd.read_csv(
        ws.processed / GOALS_FILE,
        dtype={"target_period": str},
        keep_default_na=False,
        na_values={"target_value": [""], "baseline_value": [""]},
    )
    outcomes = pd.read_csv(
        ws.processed / OUTCOMES_FILE,
        keep_default_na=False,
        na_values={"value": [""]},
        dtype={"period": str},
    )
    return ReportInputs(half_year, goals, as_of(outcomes, half_year.end))


def evaluable_goals(goals: pd.DataFrame) -> pd.DataFrame:
    """Quantitative goals with an indicator, one row per real target.

    Goals that restate the same target (same indicator, group, geography,
    direction, value and deadline) are one row; ``goal_ids`` lists them all.
    """
    quantitative = goals[(goals["kind"] == "quantitative") & (goals["indicator"] != "")]
    grouped = (
        quantitative.groupby(GOAL_KEY[:-1], sort=True, dropna=False)
        .agg(
            goal_ids=("goal_id", lambda s: ", ".join(sorted(s))),
            title_da=("title_da", "first"),
            unit=("unit", "first"),
            documents=("document", lambda s: ", ".join(sorted(set(s)))),
        )
        .reset_index()
    )
    return grouped.sort_values("goal_ids").reset_index(drop=True)


def observations_table(series: pd.DataFrame) -> pd.DataFrame:
    """A series as a Danish table: period, value, approximate, source, quote."""
    return pd.DataFrame(
        {
            "Periode": series["period"],
            "Værdi": [
                ("ca. " if approx else "") + format_value(v, u)
                for v, u, approx in zip(
                    series["value"], series["unit"], series["approximate"], strict=True
                )
            ],
            "Kilde": [
                f"{sid} ({SOURCE_KIND_DA.get(kind, kind)})"
                for sid, kind in zip(series["source_id"], series["source_kind"], strict=True)
            ],
            "Figur": series["figure_id"],
            "Citat": series["quote"],
        }
    )


@dataclass
class FirstProjection:
    """The straight-line projection of a series to its target period."""

    line: projection.StraightLine | None
    target_time: float
    value: float | None

    def path(self, series: pd.DataFrame) -> tuple[list[float], list[float]] | None:
        """Points of the projected line from the last observation to the target."""
        if self.line is None:
            return None
        start = float(projection.times(series["period"]).max())
        xs = [start, self.target_time]
        return xs, [self.line.at(x) for x in xs]


def first_projection(series: pd.DataFrame, target_period: str) -> FirstProjection:
    """Project a series to the middle of its target period with a straight line."""
    line = projection.straight_line(series)
    target_time = parse_period(target_period).midpoint
    value = None if line is None else float(np.round(line.at(target_time), 6))
    return FirstProjection(line, target_time, value)


def projection_text(goal: pd.Series, series: pd.DataFrame, proj: FirstProjection) -> str:
    """A Danish paragraph on the series, its projection and the target."""
    n = len(series)
    bound = DIRECTION_DA.get(goal["direction"], "")
    target = f"{bound} {format_value(goal['target_value'], goal['unit'])}".strip()
    if n == 0:
        return f"Der er ingen målinger endnu. Målet er {target} i {goal['target_period']}."
    last = series.iloc[-1]
    text = (
        f"Seneste måling: {format_value(last['value'], last['unit'])} ({last['period']}, "
        f"kilde {escape(last['source_id'])}). Målet er {target} i {goal['target_period']}. "
    )
    if proj.value is None:
        return text + "Én måling er for lidt til en fremskrivning."
    return text + (
        f"En ret linje gennem de {n} målinger giver {format_value(proj.value, goal['unit'])} "
        f"i {goal['target_period']}. Usikkerheden kan ikke vurderes ud fra så få målinger, "
        "så fremskrivningen vises uden interval."
    )


def show_goals(inputs: ReportInputs) -> None:
    """Display each evaluable goal: heading, status text, chart and figures."""
    from IPython.display import Markdown, display

    from helpers import outcomes, plots

    for goal in evaluable_goals(inputs.goals).to_dict("records"):
        data = outcomes.series(inputs.outcomes, goal["indicator"], goal["group"], goal["geography"])
        proj = first_projection(data, goal["target_period"])
        display(
            Markdown(
                f"### {escape(goal['title_da'])}\n\n"
                f"*Mål {escape(goal['goal_ids'])} ({escape(goal['documents'])})*\n\n"
                + projection_text(goal, data, proj)
            )
        )
        if len(data):
            display(
                plots.goal_chart(
                    data,
                    title=goal["title_da"],
                    unit=goal["unit"],
                    target_value=goal["target_value"],
                    target_period=goal["target_period"],
                    direction=goal["direction"],
                    projection=proj.path(data),
                )
            )
            display(observations_table(data))
