"""Documented recodes of register figures.

The raw register is never edited. Where a figure's code is wrong for the series
it would join (for example a rank in a different, larger index), the recode is
written in ``data/reference/figure_recodes.csv`` with its reason, applied when
stage 2 reads the register, and noted on the figure. A recode whose
``from_value`` no longer matches the register stops the stage: the register has
changed and the recode must be looked at again.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace

RECODES_FILE = "figure_recodes.csv"


def read_recodes(ws: Workspace) -> pd.DataFrame:
    """The recodes (empty when the file does not exist)."""
    path = ws.reference / RECODES_FILE
    if not path.is_file():
        return pd.DataFrame(columns=["figure_id", "column", "from_value", "to_value", "reason"])
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def apply_recodes(figures: pd.DataFrame, recodes: pd.DataFrame) -> pd.DataFrame:
    """Apply each recode to the register rows and append it to the row's note.

    Raises
    ------
    InputDataError
        When a recode names an unknown figure or column, or its ``from_value``
        is not the register's value.
    """
    figures = figures.copy()
    problems = []
    file = f"data/reference/{RECODES_FILE}"
    for number, recode in enumerate(recodes.itertuples(index=False), start=2):
        rows = figures.index[figures["figure_id"] == recode.figure_id]
        if len(rows) != 1 or recode.column not in figures.columns:
            problems.append(
                Problem(
                    file,
                    number,
                    "figure_id",
                    recode.figure_id,
                    "a figure_id and column of the register",
                )
            )
            continue
        current = figures.at[rows[0], recode.column]
        if current != recode.from_value:
            problems.append(
                Problem(
                    file,
                    number,
                    "from_value",
                    recode.from_value,
                    f"the register's current value {current!r}",
                )
            )
            continue
        figures.at[rows[0], recode.column] = recode.to_value
        note = figures.at[rows[0], "note"]
        addition = (
            f"recoded {recode.column} {recode.from_value} -> {recode.to_value}: {recode.reason}"
        )
        figures.at[rows[0], "note"] = f"{note}; {addition}" if note else addition
    if problems:
        raise InputDataError(problems)
    return figures
