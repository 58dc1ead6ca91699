"""The hand-kept catalogues in ``data/reference/`` (metadata, never figures).

``indicators.csv`` has one row per indicator code: Danish and English name, unit,
which direction is better (``higher``, ``lower`` or ``neither``), definition,
population and ``timing``: ``observed`` for a figure about a period that has begun
(it cannot be published before the period starts), ``planned`` for an amount set
aside in advance (a budget is published before the years it funds). Every stage
that names an indicator reads it from here.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.paths import Workspace

CATALOGUE_COLUMNS = [
    "code", "name_da", "name_en", "unit", "better", "definition", "population", "timing",
]  # fmt: skip
BETTER = ("higher", "lower", "neither")
TIMINGS = ("observed", "planned")


def catalogue(ws: Workspace) -> pd.DataFrame:
    """The indicator catalogue as a table (text columns)."""
    return pd.read_csv(ws.reference / "indicators.csv", dtype=str, keep_default_na=False)
