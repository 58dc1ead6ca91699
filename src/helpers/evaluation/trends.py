"""Trend models for short, irregular series, with honest prediction intervals.

Every model reads an :class:`Observations` series (time in fractional years:
the midpoint of each figure's reference period, :attr:`helpers.core.periods.Period.midpoint`)
and returns a :class:`TrendResult`: the projection to any later time, its
predictive distribution (a location-scale Student t; normal where the model
gives only a plug-in variance), intervals at any level, the probability of
meeting a threshold and a deterministic :meth:`TrendResult.summary`.

Models (:data:`MODELS`)

``rw_drift`` (the default)
    Random walk with drift in continuous time: ``y(t_i) - y(t_{i-1}) ~
    N(mu * dt_i, sigma^2 * dt_i)``. Closed form, so gaps and mixed period kinds
    are fine: ``mu = (y_n - y_1) / (t_n - t_1)``, ``sigma^2`` from the scaled
    increments with ``n - 2`` degrees of freedom, forecast variance
    ``sigma^2 * (h + h^2 / (t_n - t_1))`` (innovations plus the drift's
    estimation error). For Gaussian increments the interval is exact.
    From :data:`MIN_OWN_OBS` observations the variance is the series' own;
    below that it may be *borrowed* (:class:`BorrowedScale`) from a related,
    longer series under a stated assumption, else there is no interval.
``linear``
    OLS straight line; HAC (Newey-West) covariance from :data:`HAC_MIN_OBS`
    observations; the interval is the observation interval, Student t with
    ``n - 2`` degrees of freedom.
``ets_damped``
    ``statsmodels`` ``ETSModel`` with additive errors and a damped additive
    trend. Regularly spaced series only.
``local_linear_trend``
    ``statsmodels`` ``UnobservedComponents(level="local linear trend")``.
    Regularly spaced series only.

Two further models are candidates of the real-data calibration
(:mod:`helpers.evaluation.calibration`), which chooses the model a short series uses
when it borrows from a long one (:data:`CALIBRATED_MODELS`):

``rw``
    Random walk without drift: the last value, variance ``sigma^2 * h``
    (``sigma^2`` from the increments with ``n - 1`` degrees of freedom).
``ar1``
    AR(1) around a level, conditional least squares on the pairs of figures one
    year apart (the same estimate as ``statsmodels`` ``AutoReg(y, 1, trend="c")``
    on a regular series): ``y_t - mu = phi (y_{t-1} - mu) + e_t``. The forecast
    ``mu + phi^h (y_n - mu)``, variance ``sigma^2 (1 - phi^(2h)) / (1 - phi^2)``
    (plug-in, Student t with ``m - 2`` df for ``m`` pairs); ``phi`` is kept in
    ``[0, PHI_MAX]`` so that the model stays mean-reverting in continuous time.

A short series *borrows* (:class:`BorrowedScale`) the parameters of the chosen
model fitted on a long, related series: ``rw_drift`` keeps its own drift and takes
the lender's innovation variance; ``rw`` projects its last value with the lender's
variance; ``ar1`` projects its last value (its own level cannot be estimated from a
few figures) with the variance of that forecast under the lender's AR(1),
``2 sigma^2 / (1 - phi^2) * (1 - phi^h)``. The calibration checks these borrowed
forms too, on the long series cut to their last two figures.

A model that has too few observations for honest uncertainty does not guess:
it returns a result with ``status="too_little_data"`` (or ``"not_applicable"``
for an irregular series) and a reason; asking it for a projection raises
:class:`TooLittleDataError`.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from scipy import stats

from helpers.core.danish import format_number
from helpers.core.errors import BarometerError
from helpers.core.periods import HalfYear, fractional_year, parse_period

MODELS = ("rw_drift", "linear", "ets_damped", "local_linear_trend")
#: The model families of the real-data calibration (each fitted on several windows).
CALIBRATED_MODELS = ("rw_drift", "rw", "ar1")
#: Every model a reader may pick (the explorer): the backtest's and the calibration's.
SELECTABLE = (*MODELS, *(m for m in CALIBRATED_MODELS if m not in MODELS))
#: Estimation windows of the calibration: the whole history or the last so many years.
WINDOWS = {"whole": None, "15y": 15.0, "10y": 10.0, "5y": 5.0}
#: The largest AR(1) coefficient used (a unit root is the random walk's business).
PHI_MAX = 0.98
DEFAULT_MODEL = "rw_drift"
MODEL_LABELS = {
    "rw_drift": "random walk with drift",
    "linear": "linear trend (OLS)",
    "ets_damped": "exponential smoothing, damped trend (ETS A,Ad,N)",
    "local_linear_trend": "local linear trend (unobserved components)",
    "rw": "random walk without drift",
    "ar1": "AR(1) around a level",
    "naive": "naive (last value)",
}
MODEL_LABELS_DA = {
    "rw_drift": "random walk med drift",
    "linear": "lineær trend",
    "ets_damped": "eksponentiel udglatning med dæmpet trend",
    "local_linear_trend": "lokal lineær trend",
    "rw": "random walk uden drift",
    "ar1": "AR(1) omkring et niveau",
    "naive": "naiv (seneste tal)",
}
#: Observations a model needs for its own estimate of the variability.
MIN_OWN_OBS = {
    "rw_drift": 5, "linear": 5, "ets_damped": 10, "local_linear_trend": 10, "rw": 5, "ar1": 5,
}  # fmt: skip
#: From this many observations the OLS covariance is HAC (Newey-West).
HAC_MIN_OBS = 12
#: The longest projection the state-space models are asked for, in years.
MAX_HORIZON_YEARS = 12.0


class TooLittleDataError(BarometerError):
    """A projection was asked of a model that refused the series."""


AsOf = HalfYear | date | str | None
Time = float | str | date
#: :func:`helpers.core.periods.parse_period`, remembered (series are cut many times).
cached_period = functools.lru_cache(maxsize=4096)(parse_period)


def as_time(time: Time) -> float:
    """Fractional years: a number as it is, a period label its midpoint, a date itself."""
    if isinstance(time, str):
        return cached_period(time).midpoint
    if isinstance(time, date):
        return fractional_year(time)
    return float(time)


def as_of_end(as_of: AsOf) -> date | None:
    """The last day an ``as_of`` (``"2013H2"``, a :class:`HalfYear` or a date) covers."""
    if as_of is None:
        return None
    if isinstance(as_of, HalfYear):
        return as_of.end
    if isinstance(as_of, date):
        return as_of
    return HalfYear.parse(str(as_of)).end


@dataclass(frozen=True)
class Observations:
    """One series' observations in time order.

    Attributes
    ----------
    periods : tuple of str
        Period labels as published (``2011``, ``2013-01``).
    times : ndarray
        Period midpoints in fractional years.
    values : ndarray
    kinds : tuple of str
        Period kinds (``year``, ``month``, ...).
    as_of : str
        The cut-off the series was read as of (``2013H2``), or ``""``.
    """

    periods: tuple[str, ...]
    times: np.ndarray = field(repr=False)
    values: np.ndarray = field(repr=False)
    kinds: tuple[str, ...] = field(repr=False)
    as_of: str = ""

    @classmethod
    def from_pairs(
        cls, periods: Iterable[str], values: Iterable[float], as_of: AsOf = None
    ) -> Observations:
        """Build a series from period labels and values, keeping only the periods
        that end by the end of ``as_of``.

        Raises
        ------
        BarometerError
            When a value is missing or two observations share a midpoint.
        """
        cut = as_of_end(as_of)
        rows = []
        for label, value in zip(periods, values, strict=True):
            period = cached_period(str(label))
            if cut is not None and period.end > cut:
                continue
            if value is None or not np.isfinite(float(value)):
                raise BarometerError(f"period {period.label}: the value is missing")
            rows.append((period.midpoint, period.label, period.kind, float(value)))
        rows.sort()
        times = np.array([r[0] for r in rows], dtype=float)
        if len(times) > 1 and np.any(np.diff(times) <= 0):
            dup = [rows[i][1] for i in range(1, len(rows)) if times[i] <= times[i - 1]]
            raise BarometerError(f"two observations for the same time ({', '.join(dup)})")
        return cls(
            periods=tuple(r[1] for r in rows),
            times=times,
            values=np.array([r[3] for r in rows], dtype=float),
            kinds=tuple(r[2] for r in rows),
            as_of="" if as_of is None else str(as_of),
        )

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, as_of: AsOf = None) -> Observations:
        """Build a series from a frame with ``period`` and ``value`` columns."""
        return cls.from_pairs(frame["period"], frame["value"], as_of)

    @property
    def n(self) -> int:
        return len(self.times)

    def key(self) -> tuple:
        """A hashable identity of the data (for caches)."""
        return (self.periods, tuple(self.values.tolist()))

    def cut(self, as_of: AsOf) -> Observations:
        """Only the observations whose period ends by the end of ``as_of`` (None: all)."""
        end = as_of_end(as_of)
        if end is None:
            return self
        keep = [i for i, p in enumerate(self.periods) if cached_period(p).end <= end]
        if len(keep) == self.n:
            return self
        return Observations(
            tuple(self.periods[i] for i in keep), self.times[keep], self.values[keep],
            tuple(self.kinds[i] for i in keep), str(as_of),
        )  # fmt: skip

    def head(self, k: int) -> Observations:
        """The first ``k`` observations (a backtest's training window)."""
        return Observations(
            self.periods[:k], self.times[:k], self.values[:k], self.kinds[:k], self.as_of
        )

    def tail(self, k: int) -> Observations:
        """The last ``k`` observations (a short series emulated from a long one)."""
        start = max(self.n - k, 0)
        return Observations(
            self.periods[start:], self.times[start:], self.values[start:], self.kinds[start:],
            self.as_of,
        )  # fmt: skip

    def last_years(self, years: float | None) -> Observations:
        """The observations of the last ``years`` years up to the last one (``None``: all);
        ten years of yearly figures are ten figures."""
        if years is None or self.n == 0:
            return self
        keep = self.times > self.times[-1] - years + 1e-9
        return Observations(
            tuple(p for p, k in zip(self.periods, keep, strict=True) if k), self.times[keep],
            self.values[keep], tuple(p for p, k in zip(self.kinds, keep, strict=True) if k),
            self.as_of,
        )  # fmt: skip

    def regular_step(self) -> float | None:
        """The common spacing in years when all periods are of one kind and
        consecutive (no gaps), else None."""
        if self.n < 2 or len(set(self.kinds)) != 1:
            return None
        steps = np.diff(self.times)
        step = float(np.median(steps))
        if np.any(np.abs(steps - step) > 0.1 * step):
            return None
        return step

    def describe(self) -> str:
        if self.n == 0:
            return "no observations"
        return f"{self.n} observations ({self.periods[0]} to {self.periods[-1]})"


@dataclass(frozen=True)
class BorrowedScale:
    """An innovation variance borrowed from a related, longer series.

    Attributes
    ----------
    variance : float
        Variance of the yearly innovations (per year of elapsed time).
    df : float
        Degrees of freedom of its estimate.
    source : str
        ``indicator/group/geography`` of the series it comes from.
    assumption : str
        The assumption under which it is used (shown in summaries).
    persistence : float
        The lender's AR(1) coefficient per year (``ar1``); NaN for the random walks.
    """

    variance: float
    df: float
    source: str
    assumption: str
    persistence: float = math.nan


@dataclass(frozen=True)
class Predictive:
    """The predictive distribution at one time: ``mean + scale * T(df)``.

    ``scale`` is NaN when the variability cannot be estimated; intervals and
    probabilities are then NaN too.
    """

    time: float
    mean: float
    scale: float
    df: float

    def _dist(self):
        return stats.norm if math.isinf(self.df) else stats.t(self.df)

    def interval(self, level: float = 0.8) -> tuple[float, float]:
        """The central prediction interval at ``level`` (0.8 or 0.95, say)."""
        if not 0 < level < 1:
            raise ValueError(f"level must lie between 0 and 1, not {level}")
        if not np.isfinite(self.scale):
            return (math.nan, math.nan)
        q = float(self._dist().ppf(0.5 + level / 2))
        return (self.mean - q * self.scale, self.mean + q * self.scale)

    def cdf(self, x: float) -> float:
        """P(Y <= x)."""
        if not np.isfinite(self.scale):
            return math.nan
        if self.scale == 0:
            return float(x >= self.mean)
        return float(self._dist().cdf((x - self.mean) / self.scale))

    def probability(self, threshold: float, direction: str) -> float:
        """P(Y <= threshold) for ``at_most``, P(Y >= threshold) for ``at_least``."""
        if direction == "at_most":
            return self.cdf(threshold)
        if direction == "at_least":
            return math.nan if math.isnan(self.cdf(threshold)) else 1.0 - self.cdf(threshold)
        raise ValueError(f"direction must be 'at_most' or 'at_least', not {direction!r}")


Predictor = Callable[[float], tuple[float, float]]


@dataclass(frozen=True)
class TrendResult:
    """A fitted (or refused) trend model.

    Attributes
    ----------
    model : str
        One of :data:`MODELS`.
    observations : Observations
        The observations used.
    status : str
        ``ok``, ``too_little_data`` or ``not_applicable``.
    reason : str
        Why the model refused, or remarks on the fit.
    uncertainty : str
        ``own``, ``borrowed:<indicator>/<group>/<geography>`` or ``none``.
    params : tuple of (str, float)
        Estimated parameters (for :meth:`summary`).
    df : float
        Degrees of freedom of the predictive t (``inf`` = normal).
    assumption : str
        The stated assumption behind a borrowed variance.
    """

    model: str
    observations: Observations
    status: str
    reason: str = ""
    uncertainty: str = "none"
    params: tuple[tuple[str, float], ...] = ()
    df: float = math.inf
    assumption: str = ""
    predictor: Predictor | None = field(default=None, repr=False, compare=False)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def last_time(self) -> float:
        return float(self.observations.times[-1])

    def predictive(self, time: Time) -> Predictive:
        """The predictive distribution at ``time`` (fractional years, a period
        label such as ``"2014"`` = its midpoint, or a date), not before the last
        observation.

        Raises
        ------
        TooLittleDataError
            When the model refused the series.
        ValueError
            For a time before the last observation.
        """
        if not self.ok or self.predictor is None:
            raise TooLittleDataError(f"{self.model}: {self.reason}")
        time = as_time(time)
        if time < self.last_time - 1e-9:
            raise ValueError(
                f"{self.model}: {time:.3f} lies before the last observation "
                f"({self.last_time:.3f}); a projection looks forward"
            )
        mean, scale = self.predictor(float(time))
        return Predictive(float(time), float(mean), float(scale), self.df)

    def forecast(self, time: Time) -> float:
        """The projected value at ``time``."""
        return self.predictive(time).mean

    def interval(self, time: Time, level: float = 0.8) -> tuple[float, float]:
        """The prediction interval at ``time`` (NaN bounds when not estimable)."""
        return self.predictive(time).interval(level)

    def probability(self, time: Time, threshold: float, direction: str) -> float:
        """The probability that the value at ``time`` meets ``threshold``."""
        return self.predictive(time).probability(threshold, direction)

    def path(self, times: Iterable[Time]) -> pd.DataFrame:
        """Projection fan: ``time, mean, lower80, upper80, lower95, upper95``."""
        rows = []
        for time in times:
            p = self.predictive(time)
            lo80, hi80 = p.interval(0.8)
            lo95, hi95 = p.interval(0.95)
            rows.append((p.time, p.mean, lo80, hi80, lo95, hi95))
        return pd.DataFrame(
            rows, columns=["time", "mean", "lower80", "upper80", "lower95", "upper95"]
        )

    def summary(self) -> str:
        """A readable, deterministic description (no dates or times of the run)."""
        obs = self.observations
        lines = [
            f"Model: {MODEL_LABELS.get(self.model, self.model)} ({self.model})",
            f"Data: {obs.describe()}" + (f", as of {obs.as_of}" if obs.as_of else ""),
            f"Status: {self.status}" + (f" - {self.reason}" if self.reason else ""),
        ]
        for name, value in self.params:
            lines.append(f"  {name}: {format_number(value, 3)}")
        if self.ok and self.uncertainty == "none":
            lines.append("Uncertainty: none (no interval can be given)")
        elif self.ok:
            dist = "normal" if math.isinf(self.df) else f"Student t, {self.df:g} df"
            lines.append(f"Uncertainty: {self.uncertainty} (predictive {dist})")
        if self.assumption:
            lines.append(f"Assumption: {self.assumption}")
        return "\n".join(lines)


def _refuse(model: str, obs: Observations, reason: str, status: str = "too_little_data"):
    return TrendResult(model, obs, status, reason)


# --- random walk with drift ---------------------------------------------------------------


def rw_drift_moments(times: np.ndarray, values: np.ndarray) -> tuple[float, float, int]:
    """Drift, innovation variance per year and its degrees of freedom.

    The variance is NaN (0 df) with fewer than three observations.
    """
    dt = np.diff(times)
    dy = np.diff(values)
    span = float(times[-1] - times[0])
    drift = float((values[-1] - values[0]) / span)
    df = len(dt) - 1
    if df < 1:
        return drift, math.nan, 0
    variance = float(np.sum((dy - drift * dt) ** 2 / dt) / df)
    return drift, variance, df


def _random_walk_spread(
    model: str, obs: Observations, own: tuple[float, int], borrowed: BorrowedScale | None
) -> tuple[float, float, str, str, str, list[tuple[str, float]]]:
    """Where a random walk's innovation variance comes from: the series' own estimate
    ``own`` (variance, df) from ``MIN_OWN_OBS[model]`` observations, else ``borrowed``, else
    none. Returns variance, df, uncertainty, assumption, reason and the parameter line."""
    if obs.n >= MIN_OWN_OBS[model]:
        variance, df = own
        return variance, df, "own", "", "", [("innovation sd per year", math.sqrt(variance))]
    if borrowed is not None:
        return (
            borrowed.variance, borrowed.df, f"borrowed:{borrowed.source}", borrowed.assumption,
            "", [("borrowed innovation sd per year", math.sqrt(borrowed.variance))],
        )  # fmt: skip
    reason = (
        f"{obs.n} observations are too few to estimate the variability "
        f"(needs {MIN_OWN_OBS[model]}); projection without interval"
    )
    return math.nan, math.inf, "none", "", reason, []


def rw_drift(
    obs: Observations, borrowed: BorrowedScale | None = None, as_of: AsOf = None
) -> TrendResult:
    """Random walk with drift (closed form; irregular spacing allowed).

    Parameters
    ----------
    obs : Observations
    borrowed : BorrowedScale, optional
        Used when the series has fewer than ``MIN_OWN_OBS["rw_drift"]``
        observations of its own.
    as_of : optional
        Ignore observations whose period ends after it (every model takes it).
    """
    obs = obs.cut(as_of)
    if obs.n < 2:
        return _refuse("rw_drift", obs, f"needs at least 2 observations, has {obs.n}")
    t, y = obs.times, obs.values
    span = float(t[-1] - t[0])
    drift, own_variance, own_df = rw_drift_moments(t, y)
    variance, df, uncertainty, assumption, reason, params = _random_walk_spread(
        "rw_drift", obs, (own_variance, own_df), borrowed
    )
    params = [("drift per year", drift), *params]
    last_t, last_y = float(t[-1]), float(y[-1])

    def predict(time: float) -> tuple[float, float]:
        h = time - last_t
        return last_y + drift * h, math.sqrt(variance * (h + h * h / span))

    return TrendResult(
        "rw_drift",
        obs,
        "ok",
        reason,
        uncertainty,
        tuple(params),
        float(df) if df else math.inf,
        assumption,
        predict,
    )


# --- random walk without drift and AR(1) ---------------------------------------------------


def rw_moments(times: np.ndarray, values: np.ndarray) -> tuple[float, int]:
    """Innovation variance per year of a random walk without drift and its df
    (NaN, 0 with fewer than two observations)."""
    dt, dy = np.diff(times), np.diff(values)
    if len(dt) < 1:
        return math.nan, 0
    return float(np.sum(dy**2 / dt) / len(dt)), len(dt)


@dataclass(frozen=True)
class AR1Fit:
    """Conditional least squares AR(1) on the pairs of figures one year apart.

    Attributes
    ----------
    phi : float
        AR coefficient per year, kept in ``[0, PHI_MAX]``.
    level : float
        The mean the series reverts to.
    variance : float
        Innovation variance (residual sum of squares over ``pairs - 2``).
    pairs : int
    clipped : bool
        True when the least-squares ``phi`` lay outside ``[0, PHI_MAX]``.
    """

    phi: float
    level: float
    variance: float
    pairs: int
    clipped: bool

    @property
    def df(self) -> int:
        return self.pairs - 2


def ar1_moments(times: np.ndarray, values: np.ndarray) -> AR1Fit | None:
    """The AR(1) fit of a yearly series (None with fewer than four pairs one year apart)."""
    one_year = np.abs(np.diff(times) - 1.0) < 0.01
    x, z = values[:-1][one_year], values[1:][one_year]
    m = len(x)
    if m < 4:
        return None
    x_bar, z_bar = float(np.mean(x)), float(np.mean(z))
    sxx = float(np.sum((x - x_bar) ** 2))
    raw = float(np.sum((x - x_bar) * (z - z_bar)) / sxx) if sxx > 0 else 0.0
    phi = min(max(raw, 0.0), PHI_MAX)
    intercept = z_bar - phi * x_bar
    variance = float(np.sum((z - intercept - phi * x) ** 2) / (m - 2))
    return AR1Fit(phi, intercept / (1.0 - phi), variance, m, phi != raw)


def ar1_last_value_variance(variance: float, phi: float, h: float) -> float:
    """Variance of ``y(t+h) - y(t)`` under a stationary AR(1): the error of projecting
    the last value when the level is unknown, ``2 sigma^2 / (1 - phi^2) * (1 - phi^h)``."""
    return 2.0 * variance / (1.0 - phi * phi) * (1.0 - phi**h)


def rw(obs: Observations, borrowed: BorrowedScale | None = None, as_of: AsOf = None) -> TrendResult:
    """Random walk without drift: the last value, variance ``sigma^2 * h``.

    ``borrowed`` is used below ``MIN_OWN_OBS["rw"]`` observations of its own.
    """
    obs = obs.cut(as_of)
    if obs.n < 1:
        return _refuse("rw", obs, "needs at least 1 observation, has 0")
    variance, df, uncertainty, assumption, reason, params = _random_walk_spread(
        "rw", obs, rw_moments(obs.times, obs.values), borrowed
    )
    last_t, last_y = float(obs.times[-1]), float(obs.values[-1])

    def predict(time: float) -> tuple[float, float]:
        return last_y, math.sqrt(variance * (time - last_t))

    return TrendResult(
        "rw", obs, "ok", reason, uncertainty, tuple(params), float(df) if df else math.inf,
        assumption, predict,
    )  # fmt: skip


def ar1(
    obs: Observations, borrowed: BorrowedScale | None = None, as_of: AsOf = None
) -> TrendResult:
    """AR(1) around a level (module docstring); below ``MIN_OWN_OBS["ar1"]`` observations
    the last value with the borrowed AR(1)'s variance of that forecast."""
    obs = obs.cut(as_of)
    if obs.n < 1:
        return _refuse("ar1", obs, "needs at least 1 observation, has 0")
    last_t, last_y = float(obs.times[-1]), float(obs.values[-1])
    if obs.n >= MIN_OWN_OBS["ar1"]:
        fitted = ar1_moments(obs.times, obs.values)
        if fitted is None:
            return _refuse(
                "ar1", obs, "needs at least 4 pairs of figures one year apart", "not_applicable"
            )
        phi, level, variance = fitted.phi, fitted.level, fitted.variance

        def predict(time: float) -> tuple[float, float]:
            h = time - last_t
            var = variance * (1.0 - phi ** (2 * h)) / (1.0 - phi * phi)
            return level + phi**h * (last_y - level), math.sqrt(max(var, 0.0))

        params = (("phi per year", phi), ("level", level), ("innovation sd", math.sqrt(variance)))
        reason = f"phi kept in [0, {PHI_MAX:g}]" if fitted.clipped else ""
        return TrendResult(
            "ar1", obs, "ok", reason, "own", params, float(fitted.df), "", predict
        )  # fmt: skip
    if borrowed is None or math.isnan(borrowed.persistence):
        return TrendResult(
            "ar1", obs, "ok",
            f"{obs.n} observations are too few to estimate the variability "
            f"(needs {MIN_OWN_OBS['ar1']}); projection without interval",
            "none", (), math.inf, "",
            lambda time: (last_y, math.nan),
        )  # fmt: skip
    phi, variance = borrowed.persistence, borrowed.variance

    def predict_borrowed(time: float) -> tuple[float, float]:
        return last_y, math.sqrt(ar1_last_value_variance(variance, phi, time - last_t))

    return TrendResult(
        "ar1", obs, "ok", "", f"borrowed:{borrowed.source}",
        (("borrowed phi per year", phi), ("borrowed innovation sd", math.sqrt(variance))),
        borrowed.df, borrowed.assumption, predict_borrowed,
    )  # fmt: skip


def borrowed_scale(
    model: str, obs: Observations, source: str, assumption: str, window: str = "whole"
) -> BorrowedScale | None:
    """What a short series borrows from the long series ``obs`` under ``model`` fitted on
    ``window`` (:data:`WINDOWS`): the innovation variance, and for ``ar1`` the persistence;
    None when the (windowed) series is too short for its own estimate."""
    obs = obs.last_years(WINDOWS[window])
    if model not in CALIBRATED_MODELS:
        raise ValueError(f"no borrowed form for {model!r}; one of {', '.join(CALIBRATED_MODELS)}")
    if obs.n < MIN_OWN_OBS[model]:
        return None
    if model == "rw_drift":
        _, variance, df = rw_drift_moments(obs.times, obs.values)
        return BorrowedScale(variance, float(df), source, assumption)
    if model == "rw":
        variance, df = rw_moments(obs.times, obs.values)
        return BorrowedScale(variance, float(df), source, assumption)
    fitted = ar1_moments(obs.times, obs.values)
    if fitted is None:
        return None
    return BorrowedScale(fitted.variance, float(fitted.df), source, assumption, fitted.phi)


# --- linear trend -------------------------------------------------------------------------


def hac_maxlags(n: int) -> int:
    """Newey-West (1994) lag rule ``floor(4 (n/100)^(2/9))``."""
    return math.floor(4 * (n / 100) ** (2 / 9))


def linear(obs: Observations, as_of: AsOf = None) -> TrendResult:
    """OLS straight line with a Student-t observation interval (HAC covariance
    from :data:`HAC_MIN_OBS` observations)."""
    import statsmodels.api as sm

    obs = obs.cut(as_of)

    need = MIN_OWN_OBS["linear"]
    if obs.n < need:
        return _refuse("linear", obs, f"needs at least {need} observations, has {obs.n}")
    centre = float(np.mean(obs.times))
    design = np.column_stack([np.ones(obs.n), obs.times - centre])
    ols = sm.OLS(obs.values, design)
    if obs.n >= HAC_MIN_OBS:
        lags = hac_maxlags(obs.n)
        fit = ols.fit(cov_type="HAC", cov_kwds={"maxlags": lags}, use_t=True)
        reason = f"HAC covariance, {lags} lags"
    else:
        fit = ols.fit()
        reason = ""
    cov = np.asarray(fit.cov_params())
    params = np.asarray(fit.params)
    sigma2 = float(fit.mse_resid)

    def predict(time: float) -> tuple[float, float]:
        x = np.array([1.0, time - centre])
        return float(x @ params), math.sqrt(sigma2 + float(x @ cov @ x))

    return TrendResult(
        "linear",
        obs,
        "ok",
        reason,
        "own",
        (("slope per year", float(params[1])), ("residual sd", math.sqrt(sigma2))),
        float(fit.df_resid),
        "",
        predict,
    )


# --- state-space models -------------------------------------------------------------------


def _stepwise(last_y: float, last_t: float, step: float, means, variances) -> Predictor:
    """A predictor from forecasts at whole steps, linear in between (step 0 is
    the last observation, known exactly)."""
    means = np.concatenate([[last_y], np.asarray(means, dtype=float)])
    variances = np.concatenate([[0.0], np.asarray(variances, dtype=float)])
    steps = np.arange(len(means), dtype=float)

    def predict(time: float) -> tuple[float, float]:
        h = (time - last_t) / step
        if h > steps[-1] + 1e-9:
            raise ValueError(f"projection beyond {MAX_HORIZON_YEARS:g} years is not offered")
        mean = float(np.interp(h, steps, means))
        return mean, math.sqrt(max(float(np.interp(h, steps, variances)), 0.0))

    return predict


def _state_space(model: str, obs: Observations, fit_and_forecast) -> TrendResult:
    need = MIN_OWN_OBS[model]
    if obs.n < need:
        return _refuse(model, obs, f"needs at least {need} observations, has {obs.n}")
    step = obs.regular_step()
    if step is None:
        return _refuse(
            model,
            obs,
            "needs a regularly spaced series (one period kind, no gaps)",
            "not_applicable",
        )
    n_steps = max(1, math.ceil(MAX_HORIZON_YEARS / step))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        params, means, variances = fit_and_forecast(pd.Series(obs.values), n_steps)
    if not (np.all(np.isfinite(means)) and np.all(np.isfinite(variances))):
        return _refuse(model, obs, "the fit did not converge", "not_applicable")
    predictor = _stepwise(float(obs.values[-1]), float(obs.times[-1]), step, means, variances)
    return TrendResult(
        model,
        obs,
        "ok",
        "plug-in variance (parameter uncertainty not included)",
        "own",
        tuple(params),
        math.inf,
        "",
        predictor,
    )


def ets_damped(obs: Observations, as_of: AsOf = None) -> TrendResult:
    """ETS(A,Ad,N): additive errors, damped additive trend (``statsmodels`` ETSModel)."""
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    def run(y: pd.Series, n_steps: int):
        fit = ETSModel(y, error="add", trend="add", damped_trend=True).fit(disp=False)
        pred = fit.get_prediction(start=len(y), end=len(y) + n_steps - 1)
        names = ["alpha (level)", "beta (trend)", "phi (damping)"]
        params = list(zip(names, np.asarray(fit.params)[:3].tolist(), strict=True))
        params.append(("residual sd", math.sqrt(float(fit.mse))))
        return params, np.asarray(pred.predicted_mean), np.asarray(pred.var_pred_mean)

    return _state_space("ets_damped", obs.cut(as_of), run)


def local_linear_trend(obs: Observations, as_of: AsOf = None) -> TrendResult:
    """Local linear trend (``statsmodels`` UnobservedComponents)."""
    from statsmodels.tsa.statespace.structural import UnobservedComponents

    def run(y: pd.Series, n_steps: int):
        fit = UnobservedComponents(y, level="local linear trend").fit(disp=False)
        fc = fit.get_forecast(n_steps)
        names = ["sd irregular", "sd level", "sd trend"]
        params = [
            (name, math.sqrt(max(float(v), 0.0)))
            for name, v in zip(names, np.asarray(fit.params), strict=True)
        ]
        return params, np.asarray(fc.predicted_mean), np.asarray(fc.var_pred_mean)

    return _state_space("local_linear_trend", obs.cut(as_of), run)


FITTERS: dict[str, Callable[..., TrendResult]] = {
    "rw_drift": rw_drift,
    "linear": linear,
    "ets_damped": ets_damped,
    "local_linear_trend": local_linear_trend,
    "rw": rw,
    "ar1": ar1,
}
#: Models that take a borrowed variance (the others ignore ``borrowed``).
BORROWING = ("rw_drift", "rw", "ar1")


def fit(
    model: str, obs: Observations, borrowed: BorrowedScale | None = None, as_of: AsOf = None
) -> TrendResult:
    """Fit the named model on the observations as of ``as_of`` (``borrowed`` is used
    by :data:`BORROWING` only)."""
    if model not in FITTERS:
        raise ValueError(f"unknown model {model!r}; expected one of {', '.join(FITTERS)}")
    if model in BORROWING:
        return FITTERS[model](obs, borrowed, as_of)
    return FITTERS[model](obs, as_of)


def projection_times(start: float, end: float, step: float = 0.25) -> list[float]:
    """Times for a fan from ``start`` to ``end``: every ``step`` years plus both ends."""
    if end <= start:
        return [start]
    inner = np.arange(start, end, step).tolist()
    return [*inner, end] if inner[-1] < end else inner
