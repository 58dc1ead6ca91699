"""Reader-facing views of stage 2's tables for notebook 02: Danish headers, Danish numbers."""

from __future__ import annotations

from datetime import date

import pandas as pd

from helpers.core.danish import format_number
from helpers.core.periods import parse_date_label
from helpers.outcomes.gaps import decimals

HEADERS_DA: dict[str, str] = {
    "basis": "Grundlag",
    "indicator": "Indikator",
    "group": "Gruppe",
    "geography": "Geografi",
    "age": "Alder",
    "period": "Periode",
    "value": "Værdi",
    "unit": "Enhed",
    "flag": "Flag",
    "figure_id": "Tal-id",
    "source_id": "Kilde",
    "source_kind": "Kildetype",
    "published": "Udgivet",
    "derived": "Afledt",
    "derived_from": "Afledt af",
    "approximate": "Omtrentligt",
    "preferred": "Foretrukket",
    "rank": "Rang",
    "conflict_id": "Konflikt",
    "difference": "Forskel",
    "reason": "Begrundelse (regel)",
    "file": "Fil",
    "rows": "Antal tal",
    "code": "Kode",
    "name_da": "Navn",
    "better": "Bedre",
    "goals": "Mål der måles",
    "precision": "Udgivelsesdato kendt til",
    "period_end": "Periodens slutning",
}
PRECISION_DA = {4: "år", 7: "måned", 10: "dag", 0: "ukendt"}


def danish_value(value: float) -> str:
    """A figure in Danish notation with the decimals it was given (6.4 -> '6,4', 74.0 -> '74')."""
    return format_number(value, min(decimals(value), 2))


def _da(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.rename(columns=HEADERS_DA)
    out.index.names = [HEADERS_DA.get(n, n) for n in out.index.names]
    return out


def counts(table: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Number of figures per combination of ``by`` (Danish headers)."""
    return _da(table.groupby(by).size().rename("rows").to_frame())


def counts_wide(table: pd.DataFrame, rows: str, columns: str) -> pd.DataFrame:
    """Number of figures, ``rows`` down and ``columns`` across (0 where none)."""
    wide = table.groupby([rows, columns]).size().unstack(fill_value=0)
    wide.columns.name = HEADERS_DA.get(columns, columns)
    return _da(wide)


def figures(table: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """Selected columns of some rows, values in Danish notation, Danish headers."""
    out = table[columns].copy()
    if "value" in out:
        out["value"] = out["value"].map(danish_value)
    return _da(out.reset_index(drop=True))


def published_precision(table: pd.DataFrame) -> pd.DataFrame:
    """Figures per basis by how precisely their publication date is known
    (year, month, day, unknown), 0 where none."""
    precision = table["published"].fillna("").str.len().map(PRECISION_DA)
    wide = table.assign(precision=precision).groupby(["basis", "precision"]).size()
    wide = wide.unstack(fill_value=0).reindex(columns=list(PRECISION_DA.values()), fill_value=0)
    wide.columns.name = HEADERS_DA["precision"]
    return _da(wide)


def published_late(table: pd.DataFrame, basis: str = "published") -> pd.DataFrame:
    """Figures of ``basis`` certainly published more than a year after their reference
    period ended: even the first day their publication date can mean (``2011`` -> 1
    January 2011) lies more than a year after the period's last day."""
    rows = table.loc[(table["basis"] == basis) & (table["published"].fillna("") != "")]

    def late(published: str, period_end: str) -> bool:
        end = date.fromisoformat(period_end)
        year_after = date(end.year + 1, end.month, 28 if end.month == 2 else end.day)
        return parse_date_label(published).start > year_after

    mask = [late(p, e) for p, e in zip(rows["published"], rows["period_end"], strict=True)]
    late_rows = rows.loc[mask].sort_values("figure_id", kind="stable")
    return figures(late_rows, ["figure_id", "indicator", "period", "value", "published"])


def conflicts_view(conflicts: pd.DataFrame) -> pd.DataFrame:
    """The conflicts table as a reader sees it."""
    columns = [
        "conflict_id",
        "indicator",
        "group",
        "geography",
        "period",
        "rank",
        "figure_id",
        "value",
        "source_id",
        "source_kind",
        "published",
        "difference",
        "reason",
    ]
    return figures(conflicts, columns)


def unpublished_summary(unpublished: pd.DataFrame) -> pd.DataFrame:
    """Survey cells without a value, per file and flag."""
    return _da(unpublished.groupby(["file", "flag"]).size().rename("rows").to_frame())


def series(
    outcomes: pd.DataFrame, indicator: str, group: str, geography: str, age: str | None = None
) -> pd.DataFrame:
    """The rows of one series, in time order (``age`` None: any age)."""
    mask = (
        (outcomes["indicator"] == indicator)
        & (outcomes["group"] == group)
        & (outcomes["geography"] == geography)
    )
    if age is not None:
        mask &= outcomes["age"] == age
    return outcomes.loc[mask].sort_values(["period_end", "figure_id"]).reset_index(drop=True)
