"""What changed since the previous half-year: goals whose colour changed, and why.

A report opens with the goals whose colour differs from the previous half-year's
report in the same vintage (a goal that came into force or left with a colour counts as a
change; a white one does not),
each with the figures that became visible since then: in the ``latest`` vintage the
figures whose reference period ended within the half-year, in ``real-time`` also those
published within it.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.danish import format_value
from helpers.core.periods import period_da
from helpers.report.loading import ReportInputs, as_of, goal_series

CHANGE_COLUMNS = [
    "goal_id", "goal_ids", "indicator", "colour_before", "verdict_before", "colour_now",
    "verdict_now", "new_figures",
]  # fmt: skip


def colour_changes(inputs: ReportInputs) -> pd.DataFrame:
    """One row per goal whose colour changed since the previous half-year (by goal id).

    ``colour_before`` is ``""`` for a goal that came into force, ``colour_now`` ``""`` for
    one that is no longer in force; ``new_figures`` lists the goal's figures that the
    previous report could not see (``"10,8 procentpoint (januar 2013, F211)"``).
    """
    now = _by_goal(inputs.evaluations)
    before = _by_goal(inputs.previous)
    rows = []
    for goal_id in sorted(set(now) | set(before)):
        old, new = before.get(goal_id, {}), now.get(goal_id, {})
        colours = {old.get("colour", ""), new.get("colour", "")}
        if len(colours) == 1 or colours == {"", "white"}:
            continue  # unchanged, or a white goal coming into or leaving force
        row = new or old
        rows.append(
            {
                "goal_id": goal_id,
                "goal_ids": row["goal_ids"],
                "indicator": row["indicator"],
                "colour_before": old.get("colour", ""),
                "verdict_before": old.get("verdict", ""),
                "colour_now": new.get("colour", ""),
                "verdict_now": new.get("verdict", ""),
                "new_figures": "; ".join(_new_figures(inputs, row)),
            }
        )
    return pd.DataFrame(rows, columns=CHANGE_COLUMNS)


def _by_goal(evaluations: pd.DataFrame) -> dict[str, dict]:
    if evaluations.empty:
        return {}
    return {row["goal_id"]: row for row in evaluations.to_dict("records")}


def _new_figures(inputs: ReportInputs, row: dict) -> list[str]:
    series = goal_series(inputs, row)
    if series.empty:
        return []
    seen_before = set(as_of(series, inputs.half_year.previous(), inputs.vintage)["figure_id"])
    return [
        f"{format_value(r['value'], r['unit'])} ({period_da(r['period'])}, {r['figure_id']})"
        for r in series.to_dict("records")
        if r["figure_id"] not in seen_before
    ]
