"""The outcome row format every source is turned into (``data/processed/outcomes.csv``).

One row is one figure: what it measures (``indicator``, ``group``, ``geography``,
``age``), when (``period`` with its kind, start and end: the reference period) and
when it became known (``published``), the value with its unit and the way it was
printed, and where it comes from (``source_id``, ``figure_id``, ``quote``).
``basis`` tells the four kinds of source apart: ``published`` (the published-figures
register), ``policy_document`` (the documents' own results, stage 1), ``survey_lfs``
(Eurostat/OECD Labour Force Survey) and ``statbank`` (Statistics Denmark).

``published`` is the date the figure was published, as precisely as its source
says it (``2017``, ``2013-01``, ``2016-12-12``), or empty when the source does not
say: a register row takes its source's ``published`` (``sources.csv``), a
policy-document row its document's date (``documents.csv``), a StatBank row the
date in its fetched file's name (or the export date the workbook records), a
survey row its file's vintage where the file states one, and a derived row the
later of its two inputs' dates (empty when either is unknown).

While a table is being built each row also carries its origin (``_file``,
``_row``: the raw file and the line a reader can open, so that a validation
failure can name them); :func:`finish` drops them before writing.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.periods import Period

OUTCOME_COLUMNS = [
    "indicator",
    "group",
    "geography",
    "age",
    "period",
    "period_kind",
    "period_start",
    "period_end",
    "published",
    "value",
    "unit",
    "approximate",
    "qualifier",
    "value_as_published",
    "flag",
    "source_id",
    "source_kind",
    "figure_id",
    "derived",
    "derived_from",
    "basis",
    "preferred",
    "quote",
    "note",
]
#: Where a row came from while the table is built (not written): file and line.
ORIGIN_COLUMNS = ["_file", "_row"]
#: The key a conflict is defined on: one figure per key and source.
KEY = ["indicator", "group", "geography", "age", "period"]
BASES = ("published", "policy_document", "survey_lfs", "statbank")


def row(
    *,
    indicator: str,
    group: str,
    geography: str,
    period: Period,
    value: float,
    unit: str,
    source_id: str,
    source_kind: str,
    figure_id: str,
    basis: str,
    file: str,
    line: int | None,
    age: str = "",
    approximate: bool = False,
    qualifier: str = "",
    value_as_published: str = "",
    flag: str = "",
    derived: bool = False,
    derived_from: str = "",
    quote: str = "",
    note: str = "",
    published: str = "",
) -> dict[str, object]:
    """One outcome row as a dict (``preferred`` is set later by the conflict rule)."""
    return {
        "indicator": indicator,
        "group": group,
        "geography": geography,
        "age": age,
        "period": period.label,
        "period_kind": period.kind,
        "period_start": period.start.isoformat(),
        "period_end": period.end.isoformat(),
        "published": published,
        "value": float(value),
        "unit": unit,
        "approximate": bool(approximate),
        "qualifier": qualifier,
        "value_as_published": value_as_published,
        "flag": flag,
        "source_id": source_id,
        "source_kind": source_kind,
        "figure_id": figure_id,
        "derived": bool(derived),
        "derived_from": derived_from,
        "basis": basis,
        "preferred": False,
        "quote": quote,
        "note": note,
        "_file": file,
        "_row": line,
    }


def frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    """Rows as a table with the outcome and origin columns (also when empty)."""
    table = pd.DataFrame(rows, columns=OUTCOME_COLUMNS + ORIGIN_COLUMNS)
    table["_row"] = table["_row"].astype("Int64")
    return table


def sort_outcomes(table: pd.DataFrame) -> pd.DataFrame:
    """The canonical row order: indicator, group, geography, age, period end, basis, figure id."""
    keys = ["indicator", "group", "geography", "age", "period_end", "basis", "figure_id"]
    return table.sort_values(keys, kind="stable").reset_index(drop=True)


def finish(table: pd.DataFrame) -> pd.DataFrame:
    """The table as written: outcome columns only, canonical order."""
    return sort_outcomes(table)[OUTCOME_COLUMNS].reset_index(drop=True)
