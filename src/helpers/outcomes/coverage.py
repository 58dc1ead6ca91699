"""Which indicators the goals and outcome series use, against the catalogue.

Which goals an indicator measures is not typed into the catalogue
(:mod:`helpers.core.reference`): :func:`with_goals` reads it from stage 1's
``goals.csv``, so it cannot drift from the goals.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.paths import GOALS_FILE, Workspace


def read_goals(ws: Workspace) -> pd.DataFrame:
    """Stage 1's ``goals.csv`` (text columns)."""
    return pd.read_csv(ws.processed / GOALS_FILE, dtype=str, keep_default_na=False)


def with_goals(catalogue_table: pd.DataFrame, goals: pd.DataFrame) -> pd.DataFrame:
    """The catalogue with ``goals``: the goal ids measured by each indicator (``", "``-joined).

    Parameters
    ----------
    catalogue_table : DataFrame
        :func:`helpers.core.reference.catalogue`.
    goals : DataFrame
        ``goals.csv`` (columns ``goal_id`` and ``indicator``).
    """
    measured = (
        goals.loc[goals["indicator"].fillna("") != ""]
        .groupby("indicator")["goal_id"]
        .agg(lambda ids: ", ".join(sorted(ids)))
    )
    out = catalogue_table.copy()
    out["goals"] = out["code"].map(measured).fillna("")
    return out


def missing_codes(catalogue_table: pd.DataFrame, *tables: pd.DataFrame) -> list[str]:
    """Indicator codes used in ``tables`` (column ``indicator``) but not in the catalogue."""
    known = set(catalogue_table["code"])
    used: set[str] = set()
    for table in tables:
        used |= {c for c in table["indicator"].fillna("").astype(str) if c}
    return sorted(used - known)
