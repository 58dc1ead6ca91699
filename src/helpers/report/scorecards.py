"""The scorecard: one row per goal in force, its colour, and its target and projection in Danish."""

from __future__ import annotations

import pandas as pd

from helpers.core.danish import format_number, format_value
from helpers.core.periods import HalfYear, period_da
from helpers.evaluation import rules
from helpers.report.loading import ReportInputs, indicator_name

COLOUR_DA = {c: label.capitalize() for c, label in rules.COLOURS_DA.items()}
COLOURS = ("green", "yellow", "red", "white")
#: The scorecard shows the goals that need attention first.
SCORECARD_ORDER = ("red", "yellow", "green", "white")
DIRECTION_DA = {
    "at_most": "højst",
    "at_least": "mindst",
    "increase": "stige",
    "decrease": "falde",
    "reflect": "afspejle",
    "achieve": "gennemføres",
}
SCORECARD_COLUMNS = [
    "goal_id",
    "goal_ids",
    "indicator",
    "group",
    "geography",
    "latest_period",
    "latest_value",
    "unit",
    "target_value",
    "target_period",
    "direction",
    "projection",
    "lower80",
    "upper80",
    "probability",
    "uncertainty_basis",
    "sensitivity",
    "n_obs",
    "rule",
    "rule_points",
    "verdict",
    "colour",
    "missing",
    "model",
    "mase",
    "sources",
    "latest_published",
    "published_later",
    "vintage",
]


def scorecard_csv(evaluations: pd.DataFrame, half_year: HalfYear, vintage: str = "latest") -> bytes:
    """``scorecard.csv`` of one half-year and vintage, from :func:`load_evaluations`' table."""
    rows = (
        evaluations[(evaluations["as_of"] == str(half_year)) & (evaluations["vintage"] == vintage)]
        if len(evaluations)
        else evaluations
    )
    card = scorecard(rows.reset_index(drop=True))
    return card.to_csv(index=False, lineterminator="\n").encode("utf-8")


def scorecard(evaluations: pd.DataFrame) -> pd.DataFrame:
    """The machine-readable scorecard (``scorecard.csv``): one row per goal in force,
    red first, then yellow, green and white, by goal id within a colour."""
    if evaluations.empty:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    frame = evaluations.rename(columns={"latest_source_ids": "sources"})
    frame = frame.reindex(columns=SCORECARD_COLUMNS)
    ranks = {c: i for i, c in enumerate(SCORECARD_ORDER)}
    order = frame["colour"].map(ranks).fillna(len(SCORECARD_ORDER))
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "goal_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def colour_counts(evaluations: pd.DataFrame) -> dict[str, int]:
    """How many goals got each colour (all four colours, zeros included)."""
    counts = evaluations["colour"].value_counts() if len(evaluations) else pd.Series(dtype=int)
    return {c: int(counts.get(c, 0)) for c in COLOURS}


def verdict_da(code: str) -> str:
    """The verdict in Danish, capitalised ("God fremgang")."""
    return rules.VERDICT_DA.get(code, code).capitalize()


def value_text(value: float, unit: str) -> str:
    """A value with its Danish unit ("5,8 procentpoint"); an en dash when missing."""
    return format_value(None if pd.isna(value) else float(value), unit)


def target_text(row: pd.Series | dict) -> str:
    """The target in Danish: "højst 5,8 procentpoint i 2014" ("uden frist" when the
    document gives no deadline)."""
    direction = row.get("direction", "")
    deadline = row.get("target_period", "") or ""
    when = f"i {period_da(deadline)}" if deadline else "(uden frist)"
    if pd.isna(row.get("target_value")) or row.get("target_value") == "":
        what = {
            "increase": "skal stige",
            "decrease": "skal falde",
            "reflect": "skal afspejle sammenligningsgruppen",
            "achieve": "skal gennemføres",
        }.get(direction, "intet tal")
        return f"{what} {f'inden {period_da(deadline)}' if deadline else '(uden frist)'}"
    bound = DIRECTION_DA.get(direction, "")
    text = f"{bound} {value_text(row['target_value'], row['unit'])} {when}".strip()
    return text + (" (fortolket mål)" if row.get("kind") == "interpreted" else "")


def interval_text(row: pd.Series | dict) -> str:
    """Projection with its 80 % interval: "10,6 (8,9 – 12,4)"."""
    if pd.isna(row.get("projection")):
        return "–"
    point = format_number(row["projection"], 1)
    if pd.isna(row.get("lower80")) or pd.isna(row.get("upper80")):
        return f"{point} (interval kan ikke beregnes)"
    return f"{point} ({format_number(row['lower80'], 1)} – {format_number(row['upper80'], 1)})"


def uncertainty_text(row: pd.Series | dict) -> str:
    """Where an interval's uncertainty comes from, short and in Danish: "egen serie (19
    tal)", "lånt fra <serie>" or "–" (no interval)."""
    basis = str(row.get("uncertainty_basis", "") or "none")
    if basis.startswith("own series"):
        return "egen serie " + basis[len("own series ") :].replace("figures", "tal")
    if basis.startswith("borrowed from "):
        return "lånt fra " + basis[len("borrowed from ") :].split(" under the assumption")[0]
    return "–"


def latest_text(row: pd.Series | dict) -> str:
    """The latest figure with its period, and "offentliggjort senere" when it was
    published after the half-year."""
    if pd.isna(row.get("latest_value")):
        return "ingen data"
    text = f"{value_text(row['latest_value'], row['unit'])} ({period_da(row['latest_period'])})"
    if str(row.get("published_later", "")) == "True":
        text += f", offentliggjort senere ({period_da(str(row['latest_published']))})"
    return text


def evaluable(inputs: ReportInputs) -> pd.DataFrame:
    """Evaluations with at least one observation (they get a chart)."""
    ev = inputs.evaluations
    if ev.empty:
        return ev
    with_data = ev[ev["n_obs"].fillna(0) > 0]
    order = scorecard(with_data)["goal_id"]
    return with_data.set_index("goal_id").loc[order].reset_index()


def not_evaluable(inputs: ReportInputs) -> pd.DataFrame:
    """Goals that cannot be evaluated this half-year, with the reason in Danish
    (indexed by goal id)."""
    ev = inputs.evaluations
    if ev.empty:
        return pd.DataFrame(
            columns=["Mål", "Indikator", "Målet", "Hvorfor ikke vurderet"],
            index=pd.Index([], name="goal_id"),
        )
    white = ev[ev["colour"] == "white"].sort_values("goal_id")
    return pd.DataFrame(
        {
            "Mål": white["goal_ids"].to_numpy(),
            "Indikator": [indicator_name(inputs, c) for c in white["indicator"]],
            "Målet": [target_text(r) for r in white.to_dict("records")],
            "Hvorfor ikke vurderet": white["reason_da"].to_numpy(),
        },
        index=pd.Index(white["goal_id"].to_numpy(), name="goal_id"),
    )
