"""Stage 2's reading of the StatBank files under ``data/raw/statbank/`` into outcome rows.

Every ``<table>_*.csv`` file of a mapped table (:mod:`helpers.outcomes.statbank_codes`)
is read with the ``tableinfo`` stored next to it (so the text maps resolve
offline), plus the RAS200 web export (:mod:`helpers.outcomes.statbank_xlsx`). Rows get
``basis = statbank``.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pandas as pd

from helpers.core import readers
from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.paths import Workspace
from helpers.core.periods import parse_period
from helpers.outcomes import rows as outcomes_rows
from helpers.outcomes.statbank_api import (
    RESPONSE_COLUMNS,
    SOURCE_NOTE,
    CsvCellError,
    TableInfo,
    parse_csv,
    parse_tableinfo,
)
from helpers.outcomes.statbank_codes import TABLE_MAPS, TableMap, table_of_file
from helpers.outcomes.statbank_xlsx import read_web_export_xlsx

STATBANK_FOLDER = "statbank"


def to_outcomes(
    frame: pd.DataFrame,
    table_map: TableMap,
    info: TableInfo | None,
    source_id: str,
    file: str,
) -> tuple[list[dict[str, object]], list[Problem]]:
    """Outcome rows from a parsed CSV response (:func:`parse_csv`, codes).

    Rows whose codes the map does not know are skipped (they were not asked
    for); ``..`` cells are missing and left out, never 0.
    """
    variable_ids = [c for c in frame.columns if c not in RESPONSE_COLUMNS]
    maps = table_map.resolve(info, variable_ids)
    time_id = next(v for v in variable_ids if table_map.dimension_for(v).role == "time")
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for rec in frame.to_dict("records"):
        parts = {"geography": "", "group": "", "sex": "", "age": "", "indicator": ""}
        known = True
        for vid, codes in maps.items():
            if rec[vid] not in codes:
                known = False
                break
            parts[table_map.dimension_for(vid).role] = codes[rec[vid]]
        if not known or math.isnan(rec["value"]):
            continue
        try:
            period = parse_period(rec[time_id])
        except PeriodError as exc:
            problems.append(Problem(file, rec["line"], time_id, rec[time_id], str(exc)))
            continue
        codes_text = ".".join(rec[v] for v in variable_ids if v != time_id)
        rows.append(
            outcomes_rows.row(
                indicator=parts["indicator"] or table_map.indicator,
                group=parts["group"] + parts["sex"],
                geography=parts["geography"],
                age=parts["age"],
                period=period,
                value=rec["value"],
                unit=table_map.unit,
                value_as_published=rec["published"],
                source_id=source_id,
                source_kind="statistics_office",
                figure_id=f"{source_id}:{codes_text}:{rec[time_id]}",
                basis="statbank",
                quote=rec["raw"],
                note=f"Statistics Denmark {table_map.table}: {table_map.note}; {SOURCE_NOTE}; "
                f"line {rec['line']}",
                file=file,
                line=rec["line"],
                published=_date_in(source_id),
            )
        )
    return rows, problems


def _date_in(name: str) -> str:
    match = re.search(r"(\d{4}-\d{2}-\d{2})", name)
    return match[1] if match else ""


def _tableinfo_next_to(path: Path) -> TableInfo | None:
    info = path.with_name(f"{path.stem}_tableinfo.json")
    return parse_tableinfo(info.read_bytes()) if info.is_file() else None


def read_statbank_files(ws: Workspace) -> pd.DataFrame:
    """Every StatBank table in ``data/raw/statbank/`` as outcome rows (basis ``statbank``).

    Raises
    ------
    InputDataError
        Listing every unreadable value or period.
    """
    folder = ws.raw / STATBANK_FOLDER
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.csv")):
        table = table_of_file(path.name)
        if table is None:
            continue
        file = ws.relative(path)
        try:
            frame = parse_csv(readers.read_text(path, file))
        except CsvCellError as exc:
            problems += [Problem(file, n, col, value, what) for n, col, value, what in exc.cells]
            continue
        found, bad = to_outcomes(
            frame, TABLE_MAPS[table], _tableinfo_next_to(path), path.stem, file
        )
        rows += found
        problems += bad
    for path in sorted(folder.glob("ras200_*.xlsx")):
        rows += read_web_export_xlsx(path, ws.relative(path))
    if problems:
        raise InputDataError(problems)
    return outcomes_rows.frame(rows)
