"""Rolling-origin backtests and the choice of model per series.

Expanding window: for each origin ``k`` (a training window of the first ``k``
observations) every model is fitted on those ``k`` points and forecasts each
later observation at most :data:`HORIZON_YEARS` ahead of the origin's last
point. Origins run from ``max(MIN_TRAIN, n // 2, n - MAX_ORIGINS)`` to
``n - 1``, so every model is scored on the same forecasts; a model that cannot
be fitted at every origin (too few points, an irregular series) is left out.

MASE (Hyndman & Koehler 2006): the mean absolute error of the forecasts divided
by the in-sample mean absolute error of the one-step naive forecast (the mean
absolute change between consecutive observations of the series as of the
cut-off). The naive forecast (the last value) is scored the same way and
reported as model ``naive``, so a reader can compare every model with it.

Model choice (:func:`choose_model`): a series with at least
:data:`MIN_BACKTEST_OBS` observations uses the candidate trend model with the
lowest MASE (ties: the order of :data:`helpers.evaluation.trends.MODELS`); a shorter
series uses the documented default :data:`helpers.evaluation.trends.DEFAULT_MODEL`
(random walk with drift: it handles gaps and irregular periods, and its
interval has a closed form with the drift's estimation error included).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from helpers.core.danish import format_number
from helpers.evaluation import trends
from helpers.evaluation.trends import AsOf, Observations, TrendResult

MIN_BACKTEST_OBS = 8
MIN_TRAIN = 5
MAX_ORIGINS = 12
HORIZON_YEARS = 3.0
BENCHMARK = "naive"
CANDIDATES = trends.MODELS


@dataclass(frozen=True)
class Score:
    """One model's backtest on one series.

    Attributes
    ----------
    model : str
    n_obs : int
        Observations in the series as of the cut-off.
    n_origins : int
        Forecast origins that had at least one observation to forecast.
    n_forecasts : int
    mae : float
    mase : float
        NaN when the series never changes (the scale is zero).
    """

    model: str
    n_obs: int
    n_origins: int
    n_forecasts: int
    mae: float
    mase: float


class FitCache:
    """Fitted models by (model, training data): backtests at successive cut-offs
    share their training windows, so each window is fitted once."""

    def __init__(self) -> None:
        self._fits: dict[tuple, TrendResult] = {}

    def fit(self, model: str, obs: Observations) -> TrendResult:
        key = (model, obs.key())
        if key not in self._fits:
            self._fits[key] = trends.fit(model, obs)
        return self._fits[key]

    def __len__(self) -> int:
        return len(self._fits)


def origins(n: int) -> list[int]:
    """Training-window sizes of the backtest of a series of ``n`` observations."""
    if n < MIN_BACKTEST_OBS:
        return []
    first = max(MIN_TRAIN, n // 2, n - MAX_ORIGINS)
    return list(range(first, n))


def mase_scale(obs: Observations) -> float:
    """In-sample mean absolute one-step naive error: mean |y_i - y_{i-1}|."""
    return float(np.mean(np.abs(np.diff(obs.values)))) if obs.n > 1 else math.nan


def backtest(
    obs: Observations, model: str, cache: FitCache | None = None, as_of: AsOf = None
) -> Score | None:
    """Score ``model`` (or ``"naive"``) on ``obs`` as of ``as_of``; None when it cannot
    be fitted at every origin or the series is shorter than :data:`MIN_BACKTEST_OBS`."""
    cache = FitCache() if cache is None else cache
    obs = obs.cut(as_of)
    errors: list[float] = []
    used = 0
    for k in origins(obs.n):
        origin_time = obs.times[k - 1]
        targets = [j for j in range(k, obs.n) if obs.times[j] - origin_time <= HORIZON_YEARS + 1e-9]
        if model == BENCHMARK:
            forecasts = [float(obs.values[k - 1])] * len(targets)
        else:
            result = cache.fit(model, obs.head(k))
            if not result.ok:
                return None
            forecasts = [result.forecast(float(obs.times[j])) for j in targets]
        errors.extend(
            abs(f - float(obs.values[j])) for f, j in zip(forecasts, targets, strict=True)
        )
        used += bool(targets)
    if not errors:
        return None
    mae = float(np.mean(errors))
    scale = mase_scale(obs)
    mase = mae / scale if scale > 0 else math.nan
    return Score(model, obs.n, used, len(errors), mae, mase)


def backtest_all(
    obs: Observations, cache: FitCache | None = None, as_of: AsOf = None
) -> list[Score]:
    """The benchmark and every candidate that could be backtested on ``obs`` as of ``as_of``."""
    cache = FitCache() if cache is None else cache
    obs = obs.cut(as_of)
    scores = [backtest(obs, model, cache) for model in (BENCHMARK, *CANDIDATES)]
    return [s for s in scores if s is not None]


@dataclass(frozen=True)
class Choice:
    """The model used for a series and why.

    Attributes
    ----------
    model : str
    reason_da : str
        Short Danish explanation (goes into ``evaluations.csv``).
    mase : float
        The chosen model's MASE (NaN when chosen by default).
    scores : list of Score
    """

    model: str
    reason_da: str
    mase: float = math.nan
    scores: list[Score] = field(default_factory=list)


def choose_model(obs: Observations, cache: FitCache | None = None, as_of: AsOf = None) -> Choice:
    """Lowest backtest MASE among the candidates as of ``as_of``, or the default for
    short series."""
    cache = FitCache() if cache is None else cache
    obs = obs.cut(as_of)
    if obs.n < MIN_BACKTEST_OBS:
        return Choice(
            trends.DEFAULT_MODEL,
            f"standardmodel: for få tal til en backtest ({obs.n} < {MIN_BACKTEST_OBS})",
        )
    scores = backtest_all(obs, cache)
    ranked = sorted(
        (s for s in scores if s.model in CANDIDATES and not math.isnan(s.mase)),
        key=lambda s: (s.mase, CANDIDATES.index(s.model)),
    )
    for score in ranked:
        if cache.fit(score.model, obs).ok:
            naive = next((s for s in scores if s.model == BENCHMARK), None)
            versus = "" if naive is None else f" mod naiv {format_number(naive.mase, 2)}"
            return Choice(
                score.model,
                f"valgt ved backtest: lavest MASE ({format_number(score.mase, 2)}{versus}) "
                f"over {score.n_origins} startpunkter",
                score.mase,
                scores,
            )
    return Choice(
        trends.DEFAULT_MODEL,
        "standardmodel: ingen model kunne backtestes (serien ændrer sig ikke)",
        math.nan,
        scores,
    )
