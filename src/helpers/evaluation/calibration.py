"""Real-data calibration: how often the intervals held and how reliable the probabilities were.

The simulated calibration test (``tests/test_calibration.py``) checks the algebra of the
random walk on random walks. This module checks the candidates on the real series we hold.

Series (a fixed rule, :func:`long_series`)
    Every series of ``outcomes.csv`` (preferred rows) with yearly figures only and at least
    :data:`MIN_POINTS` of them: the Eurostat/OECD labour-force-survey rates for Denmark and
    its regions and the gaps derived from them.
Origins
    Every figure of such a series with at least :data:`MIN_HISTORY` figures up to and
    including it; each candidate forecasts the figures :data:`HORIZONS` years later that
    exist. Only forecasts every candidate could make are scored, so all are scored on the
    same cases.
Candidates (:data:`CANDIDATES`)
    ``<model>:<window>``: random walk with drift (``rw_drift``), without drift (``rw``) and
    AR(1) around a level (``ar1``), each fitted on the whole history or the last 15, 10 or
    5 years (:data:`helpers.evaluation.trends.WINDOWS`). Each is scored in two forms:
    ``own`` (fitted on the series itself) and ``borrowed`` (the series cut to its last two
    figures, borrowing the candidate's parameters from its own window: what a two-figure
    goal series such as Copenhagen's over-unemployment gets from its lender).
Scores
    ``coverage80`` / ``coverage95``: the share of outcomes inside the 80 % / 95 % interval.
    ``brier``: the Brier score of the probability of meeting a pseudo-target placed
    :data:`TARGET_DISTANCES` percentage points above (``at_least``) and below
    (``at_most``) the last figure. The reliability table bins these probabilities
    (:data:`BINS`) and compares each bin's mean probability with how often the target was met.
Groups
    ``all`` (every long series), ``national_gaps`` (the derived gaps for Denmark as a whole)
    and ``lenders`` (the series a short goal series borrows from,
    :func:`helpers.evaluation.related.lender_labels`).
Choice (:func:`choose`)
    A candidate is admissible when, at every horizon with at least :data:`MIN_CELL`
    forecasts, its own 80 % coverage lies in :data:`COVERAGE80_RANGE` and its 95 %
    coverage is at least :data:`COVERAGE95_MIN`, on the national gaps and on all long
    series; and when its borrowed form's 80 % coverage over horizons 1-5 on the lender
    series lies in :data:`COVERAGE80_RANGE`. Among the admissible candidates the lowest
    mean Brier score over horizons 1-5 on all long series wins (ties: the order of
    :data:`CANDIDATES`).

Caveats (said in the report): the window grid and the pseudo-target distances were laid
out after seeing the data, and the survey series run to 2025, so the evidence is
hindsight for a report about 2013.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import CALIBRATION_FILE, Workspace
from helpers.evaluation import trends
from helpers.evaluation.related import lender_labels
from helpers.evaluation.trends import Observations

MIN_POINTS = 15
MIN_HISTORY = 10
HORIZONS = (1, 2, 3, 4, 5)
POOLED = "1-5"
TARGET_DISTANCES = (0.5, 1.0, 2.0, 3.0, 5.0)
BINS = 10
MIN_CELL = 100
COVERAGE80_RANGE = (0.70, 0.90)
COVERAGE95_MIN = 0.88
GAP_INDICATORS = ("overunemployment_pp", "employment_gap_pp")
GROUPS = ("all", "national_gaps", "lenders")
GROUPS_DA = {
    "all": "alle lange serier",
    "national_gaps": "landsdækkende forskelle",
    "lenders": "serier, der lånes fra",
}
FORMS = ("own", "borrowed")
CANDIDATES = tuple(f"{m}:{w}" for m in trends.CALIBRATED_MODELS for w in trends.WINDOWS)
#: The candidate used before the calibration existed (random walk with drift, all figures).
PREVIOUS = "rw_drift:whole"
CALIBRATION_COLUMNS = [
    "candidate", "model", "window", "form", "group", "horizon", "series", "n", "coverage80",
    "coverage95", "brier", "data_through", "admissible", "chosen",
]  # fmt: skip
RELIABILITY_COLUMNS = [
    "candidate", "form", "group", "bin", "p_low", "p_high", "n", "mean_probability",
    "observed_frequency",
]  # fmt: skip
KEY = ["indicator", "group", "geography", "age"]


@dataclass(frozen=True)
class Candidate:
    """A model fitted on a window, e.g. ``ar1:10y``."""

    model: str
    window: str

    @property
    def name(self) -> str:
        return f"{self.model}:{self.window}"

    @classmethod
    def parse(cls, name: str) -> Candidate:
        """``"ar1:10y"`` -> ``Candidate("ar1", "10y")``.

        Raises
        ------
        ValueError
            For a model or window outside the grid.
        """
        model, _, window = str(name).partition(":")
        if model not in trends.CALIBRATED_MODELS or window not in trends.WINDOWS:
            raise ValueError(f"unknown candidate {name!r}; expected one of {', '.join(CANDIDATES)}")
        return cls(model, window)

    def label_da(self) -> str:
        years = "alle år" if self.window == "whole" else f"seneste {self.window[:-1]} år"
        return f"{trends.MODEL_LABELS_DA[self.model]} ({years})"


# --- series and forecasts -----------------------------------------------------------------


def long_series(outcomes: pd.DataFrame) -> dict[tuple[str, str, str, str], Observations]:
    """The series the calibration uses (module docstring), by key, sorted.

    ``outcomes`` are the preferred rows with a value
    (:func:`helpers.evaluation.inputs.read_outcomes`).
    """
    found = {}
    for key, rows in outcomes.groupby(KEY, sort=True):
        if set(rows["period_kind"]) != {"year"} or len(rows) < MIN_POINTS:
            continue
        found[tuple(key)] = Observations.from_frame(rows)
    return found


def groups_of(key: tuple[str, str, str, str]) -> tuple[str, ...]:
    """The groups a series belongs to (always ``all``)."""
    indicator, _, geography, _ = key
    found = ["all"]
    if indicator in GAP_INDICATORS and geography == "denmark":
        found.append("national_gaps")
    if "/".join(key) in lender_labels():
        found.append("lenders")
    return tuple(found)


def _forecast(candidate: Candidate, form: str, history: Observations) -> trends.TrendResult:
    window = history.last_years(trends.WINDOWS[candidate.window])
    if form == "own":
        return trends.fit(candidate.model, window)
    scale = trends.borrowed_scale(candidate.model, history, "self", "", candidate.window)
    if scale is None:
        return trends.TrendResult(candidate.model, history, "too_little_data")
    return trends.fit(candidate.model, history.tail(2), scale)


def forecasts(series: dict[tuple[str, str, str, str], Observations]) -> pd.DataFrame:
    """Every candidate's forecast (both forms) at every origin and horizon, with the truth:
    columns ``series, candidate, form, origin, horizon, last, mean, scale, df, truth``.
    Only cases every candidate and form could forecast with an interval are kept."""
    rows = []
    names = [Candidate.parse(c) for c in CANDIDATES]
    for key, obs in series.items():
        label = "/".join(key)
        index = {round(float(t), 6): i for i, t in enumerate(obs.times)}
        for k in range(MIN_HISTORY, obs.n + 1):
            history = obs.head(k)
            origin = float(obs.times[k - 1])
            ahead = [(h, index.get(round(origin + h, 6))) for h in HORIZONS]
            ahead = [(h, j) for h, j in ahead if j is not None]
            if not ahead:
                continue
            for candidate in names:
                for form in FORMS:
                    result = _forecast(candidate, form, history)
                    for h, j in ahead:
                        mean, scale = (
                            result.predictor(origin + h) if result.ok else (math.nan, math.nan)
                        )
                        rows.append(
                            (label, candidate.name, form, obs.periods[k - 1], h,
                             float(obs.values[k - 1]), mean, scale, result.df,
                             float(obs.values[j]))
                        )  # fmt: skip
    frame = pd.DataFrame(
        rows,
        columns=["series", "candidate", "form", "origin", "horizon", "last", "mean", "scale", "df",
                 "truth"],
    )  # fmt: skip
    usable = np.isfinite(frame["mean"]) & np.isfinite(frame["scale"]) & (frame["scale"] > 0)
    case = ["series", "origin", "horizon"]
    complete = usable.groupby([frame[c] for c in case]).transform("all")
    return frame.loc[complete].reset_index(drop=True)


def _quantile(p: float, df: np.ndarray) -> np.ndarray:
    finite = np.where(np.isfinite(df), df, 1e9)
    return np.asarray(stats.t.ppf(p, finite), dtype=float)


def _cdf(z: np.ndarray, df: np.ndarray) -> np.ndarray:
    finite = np.where(np.isfinite(df), df, 1e9)
    return np.asarray(stats.t.cdf(z, finite), dtype=float)


def scored(frame: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The forecasts with ``hit80``, ``hit95`` and ``brier`` (mean over the pseudo-targets),
    and the pseudo-target events (``probability``, ``met``) of each forecast."""
    mean, scale, df = (frame[c].to_numpy(float) for c in ("mean", "scale", "df"))
    error = np.abs(frame["truth"].to_numpy(float) - mean)
    frame = frame.assign(
        hit80=error <= _quantile(0.90, df) * scale, hit95=error <= _quantile(0.975, df) * scale
    )
    events = []
    last, truth = frame["last"].to_numpy(float), frame["truth"].to_numpy(float)
    for d in TARGET_DISTANCES:
        up = 1.0 - _cdf((last + d - mean) / scale, df)
        down = _cdf((last - d - mean) / scale, df)
        events.append((up, truth >= last + d - 1e-9))
        events.append((down, truth <= last - d + 1e-9))
    probability = np.column_stack([p for p, _ in events])
    met = np.column_stack([o for _, o in events]).astype(float)
    frame = frame.assign(brier=np.mean((probability - met) ** 2, axis=1))
    long = pd.DataFrame(
        {
            "series": np.repeat(frame["series"].to_numpy(), len(events)),
            "candidate": np.repeat(frame["candidate"].to_numpy(), len(events)),
            "form": np.repeat(frame["form"].to_numpy(), len(events)),
            "probability": probability.ravel(),
            "met": met.ravel(),
        }
    )
    return frame, long


# --- tables and the choice ----------------------------------------------------------------


def _in_group(series: pd.Series, group: str) -> np.ndarray:
    keys = {s: groups_of(tuple(s.split("/"))) for s in series.unique()}
    return series.map(lambda s: group in keys[s]).to_numpy(bool)


def calibration_table(
    series: dict[tuple[str, str, str, str], Observations],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``calibration.csv`` and ``calibration_reliability.csv`` (module docstring)."""
    frame, events = scored(forecasts(series))
    through = max((obs.periods[-1] for obs in series.values()), default="")
    rows, reliability = [], []
    edges = np.linspace(0.0, 1.0, BINS + 1)
    for group in GROUPS:
        inside = frame.loc[_in_group(frame["series"], group)]
        n_series = inside["series"].nunique()
        for (candidate, form), cells in inside.groupby(["candidate", "form"], sort=False):
            parsed = Candidate.parse(candidate)
            for horizon in (*HORIZONS, POOLED):
                cell = cells if horizon == POOLED else cells[cells["horizon"] == horizon]
                rows.append(
                    {
                        "candidate": candidate, "model": parsed.model, "window": parsed.window,
                        "form": form, "group": group, "horizon": str(horizon),
                        "series": n_series, "n": len(cell),
                        "coverage80": cell["hit80"].mean() if len(cell) else math.nan,
                        "coverage95": cell["hit95"].mean() if len(cell) else math.nan,
                        "brier": cell["brier"].mean() if len(cell) else math.nan,
                        "data_through": through,
                    }
                )  # fmt: skip
        chosen_events = events.loc[_in_group(events["series"], group)]
        for (candidate, form), cells in chosen_events.groupby(["candidate", "form"], sort=False):
            bins = np.clip(np.digitize(cells["probability"], edges[1:-1]), 0, BINS - 1)
            for b in range(BINS):
                cell = cells[bins == b]
                reliability.append(
                    {
                        "candidate": candidate, "form": form, "group": group, "bin": b + 1,
                        "p_low": edges[b], "p_high": edges[b + 1], "n": len(cell),
                        "mean_probability": cell["probability"].mean() if len(cell) else math.nan,
                        "observed_frequency": cell["met"].mean() if len(cell) else math.nan,
                    }
                )  # fmt: skip
    table = pd.DataFrame(rows)
    admissible = {c: is_admissible(table, c) for c in CANDIDATES}
    winner = choose(table, admissible)
    table["admissible"] = table["candidate"].map(admissible)
    table["chosen"] = table["candidate"] == winner
    order = {c: i for i, c in enumerate(CANDIDATES)}
    table = table.sort_values(
        ["candidate", "form", "group", "horizon"],
        key=lambda s: s.map(order) if s.name == "candidate" else s,
        kind="stable",
    )
    reliability = pd.DataFrame(reliability, columns=RELIABILITY_COLUMNS)
    reliability = reliability.sort_values(
        ["candidate", "form", "group", "bin"],
        key=lambda s: s.map(order) if s.name == "candidate" else s,
        kind="stable",
    )
    return (
        table[CALIBRATION_COLUMNS].reset_index(drop=True),
        reliability.reset_index(drop=True),
    )


def _cells(table: pd.DataFrame, candidate: str, form: str, group: str) -> pd.DataFrame:
    return table[
        (table["candidate"] == candidate) & (table["form"] == form) & (table["group"] == group)
    ]


def is_admissible(table: pd.DataFrame, candidate: str) -> bool:
    """The coverage conditions of the choice rule (module docstring) on ``table``."""
    low, high = COVERAGE80_RANGE
    for group in ("national_gaps", "all"):
        cells = _cells(table, candidate, "own", group)
        cells = cells[(cells["horizon"] != POOLED) & (cells["n"] >= MIN_CELL)]
        if cells.empty:
            return False
        cov80 = cells["coverage80"].astype(float)
        if not ((cov80 >= low) & (cov80 <= high)).all():
            return False
        if not (cells["coverage95"].astype(float) >= COVERAGE95_MIN).all():
            return False
    pooled = _cells(table, candidate, "borrowed", "lenders")
    pooled = pooled[pooled["horizon"] == POOLED]
    return not pooled.empty and low <= float(pooled["coverage80"].iloc[0]) <= high


def mean_brier(table: pd.DataFrame, candidate: str) -> float:
    """The mean over horizons 1-5 of the own form's Brier score on all long series."""
    cells = _cells(table, candidate, "own", "all")
    return float(cells.loc[cells["horizon"] != POOLED, "brier"].astype(float).mean())


def choose(table: pd.DataFrame, admissible: dict[str, bool] | None = None) -> str:
    """The chosen candidate: the admissible one with the lowest mean Brier score, or ``""``
    when none is admissible."""
    admissible = admissible or {c: is_admissible(table, c) for c in CANDIDATES}
    ranked = sorted(
        (c for c in CANDIDATES if admissible.get(c)),
        key=lambda c: (mean_brier(table, c), CANDIDATES.index(c)),
    )
    return ranked[0] if ranked else ""


def chosen_candidate(table: pd.DataFrame) -> Candidate | None:
    """The candidate ``calibration.csv`` marks as chosen, or None."""
    chosen = table.loc[table["chosen"].astype(str).str.lower() == "true", "candidate"].unique()
    return Candidate.parse(chosen[0]) if len(chosen) else None


def read_choice(ws: Workspace, required: bool = True) -> Candidate | None:
    """The chosen candidate of ``data/processed/calibration.csv``.

    Raises
    ------
    InputDataError
        When the file is missing (and ``required``), lacks a column or names an unknown
        candidate.
    """
    path = ws.processed / CALIBRATION_FILE
    file = ws.relative(path)
    if not path.is_file():
        if not required:
            return None
        raise InputDataError(
            [
                Problem(
                    file,
                    None,
                    None,
                    "missing",
                    "the calibration stage's table (run pipeline.calibrate)",
                )
            ]
        )
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in ("candidate", "chosen") if c not in table.columns]
    if missing:
        raise InputDataError(
            [Problem(file, 1, c, "missing", "a column of calibration.csv") for c in missing]
        )
    try:
        return chosen_candidate(table)
    except ValueError as error:
        raise InputDataError([Problem(file, None, "candidate", "chosen", str(error))]) from error
