"""What the report of one half-year reads: processed tables cut at the half-year's end.

The report for half-year P reads only processed tables: the goal registry, the
outcome figures cut at the end of P (:func:`as_of`) and stage 3's evaluations,
projection fans and backtests for ``as_of == P``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from helpers.core.paths import (
    BACKTESTS_FILE,
    BUDGET_CHECKS_FILE,
    BUDGET_FILE,
    EVALUATIONS_FILE,
    FINDINGS_FILE,
    GOALS_FILE,
    OUTCOMES_FILE,
    PROJECTION_PATHS_FILE,
    SOURCE_LIST_FILE,
    Workspace,
)
from helpers.core.periods import HalfYear

PROCESSED_TABLES = {
    "goals": GOALS_FILE,
    "outcomes": OUTCOMES_FILE,
    "evaluations": EVALUATIONS_FILE,
    "paths": PROJECTION_PATHS_FILE,
    "backtests": BACKTESTS_FILE,
    "budget": BUDGET_FILE,
    "budget_checks": BUDGET_CHECKS_FILE,
    "findings": FINDINGS_FILE,
    "sources": SOURCE_LIST_FILE,
}


def as_of(outcomes: pd.DataFrame, day: date) -> pd.DataFrame:
    """Only the figures whose reference period ends on or before ``day``."""
    ends = pd.to_datetime(outcomes["period_end"]).dt.date
    return outcomes.loc[ends <= day].reset_index(drop=True)


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def to_numbers(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """A copy of ``frame`` with ``columns`` (those present) as numbers; empty cells NaN."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    return frame


EVALUATION_NUMBERS = [
    "baseline_value", "target_value", "latest_value", "projection", "lower80", "upper80",
    "lower95", "upper95", "probability", "mase", "n_obs", "rule_value",
]  # fmt: skip


def _typed_evaluations(frame: pd.DataFrame) -> pd.DataFrame:
    return to_numbers(frame, EVALUATION_NUMBERS)


def load_evaluations(ws: Workspace) -> pd.DataFrame:
    """Stage 3's evaluations for every half-year, numbers as numbers."""
    return _typed_evaluations(_read(ws.processed / EVALUATIONS_FILE))


@dataclass
class ReportInputs:
    """Everything the report for one half-year reads, already cut at its end."""

    half_year: HalfYear
    tables: dict[str, pd.DataFrame]
    indicators: pd.DataFrame

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None


def load_inputs(ws: Workspace, period: str) -> ReportInputs:
    """Read the processed tables for the report of half-year ``period`` (e.g. "2013H2")."""
    half_year = HalfYear.parse(period)
    tables = {name: _read(ws.processed / file) for name, file in PROCESSED_TABLES.items()}
    tables["outcomes"] = to_numbers(tables["outcomes"], ["value"])
    if len(tables["outcomes"]):
        tables["outcomes"]["approximate"] = tables["outcomes"]["approximate"] == "True"
        tables["outcomes"] = as_of(tables["outcomes"], half_year.end)
    for name in ("evaluations", "paths", "backtests"):
        frame = tables[name]
        if len(frame) and "as_of" in frame.columns:
            tables[name] = frame[frame["as_of"] == str(half_year)].reset_index(drop=True)
    tables["evaluations"] = _typed_evaluations(tables["evaluations"])
    tables["paths"] = to_numbers(
        tables["paths"],
        [
            "time",
            "mean",
            "lower80",
            "upper80",
            "lower95",
            "upper95",
        ],
    )
    tables["goals"] = to_numbers(tables["goals"], ["baseline_value", "target_value"])
    indicators = _read(ws.reference / "indicators.csv")
    tables["documents"] = _read(ws.reference / "documents.csv")
    return ReportInputs(half_year, tables, indicators)


def indicator_name(inputs: ReportInputs, code: str) -> str:
    """The indicator's Danish name from the catalogue, else its code."""
    cat = inputs.indicators
    if len(cat) and "code" in cat.columns and "name_da" in cat.columns:
        match = cat.loc[cat["code"] == code, "name_da"]
        if len(match) and match.iloc[0]:
            return str(match.iloc[0])
    return code


def goal_series(inputs: ReportInputs, row: pd.Series | dict) -> pd.DataFrame:
    """The observations behind one evaluation (preferred rows, as of the half-year)."""
    data = inputs.outcomes
    if data.empty:
        return data
    mask = (
        (data["indicator"] == row["indicator"])
        & (data["group"] == row["group"])
        & (data["geography"] == row["geography"])
    )
    if "preferred" in data.columns:
        mask &= data["preferred"].astype(str) == "True"
    return data[mask].sort_values(["period_end", "figure_id"]).reset_index(drop=True)
