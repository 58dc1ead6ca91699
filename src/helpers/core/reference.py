"""The hand-kept catalogues in ``data/reference/`` (metadata, never figures).

``indicators.csv`` has one row per indicator code: Danish and English name, unit,
which direction is better (``higher``, ``lower`` or ``neither``), definition and
population. Every stage that names an indicator reads it from here.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.paths import Workspace

CATALOGUE_COLUMNS = ["code", "name_da", "name_en", "unit", "better", "definition", "population"]
BETTER = ("higher", "lower", "neither")


def catalogue(ws: Workspace) -> pd.DataFrame:
    """The indicator catalogue as a table (text columns)."""
    return pd.read_csv(ws.reference / "indicators.csv", dtype=str, keep_default_na=False)
