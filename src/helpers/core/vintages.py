"""The two clocks: which figures a half-year's report may see in each vintage.

Every figure has a reference period and, where its source says so, a publication
date (``outcomes.csv``'s ``published``). ``latest`` uses every figure about a period
that ended by the half-year's end, as published to date; ``real-time`` only those
also published by then (survey rows are the current Eurostat/OECD vintage, kept).

Pure and light (pandas only), so that the report kernel and the batch's planner can
cut the tables without importing the models.
"""

from __future__ import annotations

import functools
from datetime import date

import pandas as pd

from helpers.core.periods import HalfYear, parse_period

#: The vintages stage 3 judges in: ``latest`` uses every figure about periods that ended by
#: the half-year's end, as published to date; ``real-time`` only those also published by then.
VINTAGES = ("latest", "real-time")

_period = functools.lru_cache(maxsize=4096)(parse_period)


def published_end(text: str) -> date | None:
    """The last day a publication date (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) covers:
    a figure dated only by its year counts as published by that year's end.

    Examples
    --------
    >>> published_end("2013")
    datetime.date(2013, 12, 31)
    >>> published_end("") is None
    True
    """
    return _period(text).end if text else None


def visible(
    ends: pd.Series, published: pd.Series, basis: pd.Series, half_year: HalfYear, vintage: str
) -> pd.Series:
    """Which figures the report of ``half_year`` may use in ``vintage``: period ended by
    the half-year's end, and in ``real-time`` also published by then (survey rows: the
    current vintage, kept).

    Parameters
    ----------
    ends : Series of date
        The last day of each figure's reference period.
    published, basis : Series of str
        ``outcomes.csv``'s ``published`` and ``basis``.
    """
    seen = ends.map(lambda d: d <= half_year.end)
    if vintage == "real-time":
        known = published.map(lambda p: (d := published_end(p)) is not None and d <= half_year.end)
        seen &= known | (basis == "survey_lfs")
    elif vintage != "latest":
        raise ValueError(f"vintage must be 'latest' or 'real-time', not {vintage!r}")
    return seen
