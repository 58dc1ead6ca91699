"""What the report of one half-year reads: processed tables cut at the half-year's end.

The report for half-year P in a vintage reads only processed tables: the goal
registry, the outcome figures the vintage lets P see (:func:`as_of`; ``latest``: every
figure about a period that ended by P's end; ``real-time``: only those also published
by then), stage 3's evaluations and projection fans for ``as_of == P`` in that vintage
(and the previous half-year's evaluations, for what changed), the backtests of P, the
real-data calibration (one table for all half-years), and the findings whose documents
existed by P's end.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core.paths import (
    BACKTESTS_FILE,
    BUDGET_CHECKS_FILE,
    BUDGET_FILE,
    CALIBRATION_FILE,
    CALIBRATION_RELIABILITY_FILE,
    EVALUATIONS_FILE,
    FINDINGS_FILE,
    GOALS_FILE,
    OUTCOMES_FILE,
    PROJECTION_PATHS_FILE,
    SOURCE_LIST_FILE,
    Workspace,
)
from helpers.core.periods import HalfYear, parse_period
from helpers.core.vintages import VINTAGES, visible

PROCESSED_TABLES = {
    "goals": GOALS_FILE,
    "outcomes": OUTCOMES_FILE,
    "evaluations": EVALUATIONS_FILE,
    "paths": PROJECTION_PATHS_FILE,
    "backtests": BACKTESTS_FILE,
    "calibration": CALIBRATION_FILE,
    "reliability": CALIBRATION_RELIABILITY_FILE,
    "budget": BUDGET_FILE,
    "budget_checks": BUDGET_CHECKS_FILE,
    "findings": FINDINGS_FILE,
    "sources": SOURCE_LIST_FILE,
}


def as_of(outcomes: pd.DataFrame, half_year: HalfYear, vintage: str = "latest") -> pd.DataFrame:
    """Only the figures the report of ``half_year`` may use in ``vintage``
    (:func:`helpers.core.vintages.visible`)."""
    ends = pd.to_datetime(outcomes["period_end"]).dt.date
    seen = visible(ends, outcomes["published"], outcomes["basis"], half_year, vintage)
    return outcomes.loc[seen].reset_index(drop=True)


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
    "lower95", "upper95", "probability", "mase", "n_obs", "rule_value", "latest_age_years",
    "rule_points",
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
    vintage: str = "latest"

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None


def read_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Every table a report may read, as text and uncut: the processed tables
    (:data:`PROCESSED_TABLES`) and the reference catalogues ``indicators`` and
    ``documents``."""
    tables = {name: _read(ws.processed / file) for name, file in PROCESSED_TABLES.items()}
    tables["indicators"] = _read(ws.reference / "indicators.csv")
    tables["documents"] = _read(ws.reference / "documents.csv")
    return tables


def visible_tables(
    tables: dict[str, pd.DataFrame], period: str, vintage: str = "latest"
) -> dict[str, pd.DataFrame]:
    """The rows of :func:`read_tables`' tables that the report of half-year ``period`` in
    ``vintage`` can see, still as text: exactly the data of :func:`load_inputs` (the
    batch keys a report by them, :mod:`helpers.report.incremental`)."""
    half_year = HalfYear.parse(period)
    if vintage not in VINTAGES:
        raise ValueError(f"vintage must be one of {', '.join(VINTAGES)}, not {vintage!r}")
    seen = dict(tables)
    if len(seen["outcomes"]):
        seen["outcomes"] = as_of(seen["outcomes"], half_year, vintage)
    evaluations = seen["evaluations"]
    seen["previous"] = _cut(evaluations, half_year.previous(), vintage)
    seen["evaluations"] = _cut(evaluations, half_year, vintage)
    seen["paths"] = _cut(seen["paths"], half_year, vintage)
    seen["backtests"] = _cut(seen["backtests"], half_year, None)
    findings = seen["findings"]
    if len(findings):
        dated = findings["dated"].map(lambda d: parse_period(d).end <= half_year.end)
        seen["findings"] = findings.loc[dated].reset_index(drop=True)
    return seen


def load_inputs(ws: Workspace, period: str, vintage: str = "latest") -> ReportInputs:
    """Read the processed tables for the report of half-year ``period`` (e.g. "2013H2") in
    ``vintage`` (``"latest"`` or ``"real-time"``)."""
    tables = visible_tables(read_tables(ws), period, vintage)
    indicators = tables.pop("indicators")
    tables["outcomes"] = to_numbers(tables["outcomes"], ["value"])
    if len(tables["outcomes"]):
        tables["outcomes"]["approximate"] = tables["outcomes"]["approximate"] == "True"
    tables["previous"] = _typed_evaluations(tables["previous"])
    tables["evaluations"] = _typed_evaluations(tables["evaluations"])
    tables["paths"] = to_numbers(
        tables["paths"], ["time", "mean", "lower80", "upper80", "lower95", "upper95"]
    )
    # the calibration is one table for every half-year (hindsight; the report says so)
    tables["calibration"] = to_numbers(
        tables["calibration"], ["series", "n", "coverage80", "coverage95", "brier"]
    )
    tables["reliability"] = to_numbers(
        tables["reliability"], ["p_low", "p_high", "n", "mean_probability", "observed_frequency"]
    )
    tables["goals"] = to_numbers(tables["goals"], ["baseline_value", "target_value"])
    return ReportInputs(HalfYear.parse(period), tables, indicators, vintage)


def _cut(frame: pd.DataFrame, half_year: HalfYear, vintage: str | None) -> pd.DataFrame:
    """The rows of one half-year (and vintage) of a stage-3 table."""
    if frame.empty:
        return frame
    keep = frame["as_of"] == str(half_year)
    if vintage is not None:
        keep &= frame["vintage"] == vintage
    return frame.loc[keep].reset_index(drop=True)


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
