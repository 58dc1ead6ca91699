"""A first, deliberately simple projection: the straight line through the
observations, evaluated at the target period.

It carries no interval: from two or three points the variability cannot be
estimated, and the report says so. The trend models of :mod:`helpers.trends`
replace it where a series allows more.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.periods import parse_period


@dataclass(frozen=True)
class StraightLine:
    """The least-squares line through a series.

    Attributes
    ----------
    slope : float
        Change per year.
    intercept : float
        Value at time 0 (fractional years).
    n_obs : int
        Number of observations used.
    """

    slope: float
    intercept: float
    n_obs: int

    def at(self, time: float) -> float:
        """The line's value at ``time`` (fractional years)."""
        return self.intercept + self.slope * time


def times(periods: pd.Series) -> np.ndarray:
    """Fractional-year midpoints of period labels."""
    return np.array([parse_period(p).midpoint for p in periods], dtype=float)


def straight_line(series: pd.DataFrame) -> StraightLine | None:
    """Fit the straight line through a series' ``period``/``value`` rows.

    Returns None when fewer than two distinct periods are available.
    """
    t = times(series["period"])
    if len(np.unique(t)) < 2:
        return None
    slope, intercept = np.polyfit(t, series["value"].to_numpy(dtype=float), 1)
    return StraightLine(float(slope), float(intercept), len(t))
