"""Outcome figures: the published-figures register read into tidy rows.

Each output row (columns :data:`OUTCOME_COLUMNS`) is one figure with its parsed
value, its reference period as start and end dates, whether it is approximate,
and its provenance (``source_id``, ``figure_id``, verbatim ``quote``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers.danish import parse_number
from helpers.errors import InputDataError, NumberFormatError, PeriodError, Problem
from helpers.paths import Workspace
from helpers.periods import parse_period

OUTCOME_COLUMNS = [
    "indicator",
    "group",
    "geography",
    "period",
    "period_kind",
    "period_start",
    "period_end",
    "value",
    "unit",
    "approximate",
    "qualifier",
    "value_as_published",
    "source_id",
    "source_kind",
    "figure_id",
    "derived",
    "basis",
    "quote",
    "note",
]
REGISTER_COLUMNS = [
    "figure_id",
    "indicator",
    "group",
    "geography",
    "period",
    "period_kind",
    "value_as_published",
    "unit",
    "source_id",
    "quote",
    "note",
]
REGISTER_FILE = Path("published_figures") / "published_figures.csv"
SOURCES_FILE = Path("published_figures") / "sources.csv"


def read_register(ws: Workspace) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the published-figures register and its sources as text (nothing parsed)."""
    figures = pd.read_csv(ws.raw / REGISTER_FILE, dtype=str, keep_default_na=False)
    sources = pd.read_csv(ws.raw / SOURCES_FILE, dtype=str, keep_default_na=False)
    return figures, sources


def clean_register(figures: pd.DataFrame, sources: pd.DataFrame, file: str) -> pd.DataFrame:
    """Parse the register's values and periods into outcome rows.

    Parameters
    ----------
    figures, sources : DataFrame
        The register and its sources as read by :func:`read_register`.
    file : str
        The register's workspace-relative name, for error messages.

    Raises
    ------
    InputDataError
        Listing every unreadable value or period (file, row, column, value).
    """
    problems: list[Problem] = []
    missing = [c for c in REGISTER_COLUMNS if c not in figures.columns]
    if missing:
        raise InputDataError(
            [Problem(file, 1, c, None, "this column in the header") for c in missing]
        )
    kinds = dict(zip(sources["source_id"], sources["kind"], strict=True))
    rows = []
    for index, fig in figures.iterrows():
        row_number = int(index) + 2  # header is row 1
        try:
            number = parse_number(fig["value_as_published"])
        except NumberFormatError as exc:
            problems.append(
                Problem(
                    file,
                    row_number,
                    "value_as_published",
                    fig["value_as_published"],
                    f"a number ({exc})",
                )
            )
            continue
        try:
            period = parse_period(fig["period"], fig["period_kind"] or None)
        except PeriodError as exc:
            problems.append(Problem(file, row_number, "period", fig["period"], str(exc)))
            continue
        if fig["source_id"] not in kinds:
            problems.append(
                Problem(
                    file,
                    row_number,
                    "source_id",
                    fig["source_id"],
                    "a source_id listed in sources.csv",
                )
            )
            continue
        rows.append(
            {
                "indicator": fig["indicator"],
                "group": fig["group"],
                "geography": fig["geography"],
                "period": period.label,
                "period_kind": period.kind,
                "period_start": period.start.isoformat(),
                "period_end": period.end.isoformat(),
                "value": number.value,
                "unit": fig["unit"],
                "approximate": number.approximate,
                "qualifier": number.qualifier or "",
                "value_as_published": fig["value_as_published"],
                "source_id": fig["source_id"],
                "source_kind": kinds[fig["source_id"]],
                "figure_id": fig["figure_id"],
                "derived": False,
                "basis": "published",
                "quote": fig["quote"],
                "note": fig["note"],
            }
        )
    if problems:
        raise InputDataError(problems)
    return sort_outcomes(pd.DataFrame(rows, columns=OUTCOME_COLUMNS))


def sort_outcomes(frame: pd.DataFrame) -> pd.DataFrame:
    """The canonical row order: indicator, group, geography, period end, figure id."""
    keys = ["indicator", "group", "geography", "period_end", "figure_id"]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)


def series(outcomes: pd.DataFrame, indicator: str, group: str, geography: str) -> pd.DataFrame:
    """The rows of one series, in time order."""
    mask = (
        (outcomes["indicator"] == indicator)
        & (outcomes["group"] == group)
        & (outcomes["geography"] == geography)
    )
    return outcomes.loc[mask].sort_values(["period_end", "figure_id"]).reset_index(drop=True)


def build_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Stage 2's tables: ``outcomes.csv``."""
    figures, sources = read_register(ws)
    table = clean_register(figures, sources, ws.relative(ws.raw / REGISTER_FILE))
    return {"outcomes.csv": table}
