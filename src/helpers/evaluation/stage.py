"""Stage 3: ``calibrate`` and ``model_trends``.

``calibrate`` reads only ``data/processed/outcomes.csv`` (preferred rows) and writes
``calibration.csv`` and ``calibration_reliability.csv``
(:mod:`helpers.evaluation.calibration`). ``model_trends`` reads ``goals.csv``,
``outcomes.csv`` (the rows with ``preferred == True``, :mod:`helpers.evaluation.inputs`)
and ``calibration.csv`` (the chosen candidate) and writes ``evaluations.csv`` (one row
per goal, half-year and vintage, :mod:`helpers.evaluation.verdicts`),
``projection_paths.csv`` (the fans) and ``backtests.csv``.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.paths import (
    BACKTESTS_FILE,
    CALIBRATION_FILE,
    CALIBRATION_RELIABILITY_FILE,
    EVALUATIONS_FILE,
    PROJECTION_PATHS_FILE,
    Workspace,
)
from helpers.core.periods import HalfYear, report_periods
from helpers.core.vintages import VINTAGES
from helpers.evaluation import backtests, calibration
from helpers.evaluation.inputs import SeriesStore, evaluation_units, read_goals, read_outcomes
from helpers.evaluation.verdicts import (
    DECIMALS,
    EVALUATION_COLUMNS,
    PATH_COLUMNS,
    Models,
    judge,
    round_row,
)

BACKTEST_COLUMNS = ["indicator", "group", "geography", "age", "basis", "as_of", "model",
                    "n_obs", "n_origins", "mae", "mase"]  # fmt: skip


# --- tables -------------------------------------------------------------------------------


def backtest_table(
    store: SeriesStore, periods: list[HalfYear], cache: backtests.FitCache | None = None
) -> pd.DataFrame:
    """Backtest rows for every series with at least 8 figures as of each half-year."""
    cache = backtests.FitCache() if cache is None else cache
    memo: dict[tuple, list[backtests.Score]] = {}
    rows = []
    for key in store.series_keys():
        for as_of in periods:
            obs, found = store.find(*key[:3], as_of, key[3])
            if obs.n < backtests.MIN_BACKTEST_OBS:
                continue
            if obs.key() not in memo:
                memo[obs.key()] = backtests.backtest_all(obs, cache)
            basis = ";".join(sorted(set(found["basis"])))
            for score in memo[obs.key()]:
                rows.append(
                    {
                        "indicator": key[0], "group": key[1], "geography": key[2],
                        "age": key[3], "basis": basis, "as_of": str(as_of),
                        "model": score.model, "n_obs": score.n_obs,
                        "n_origins": score.n_origins, "mae": score.mae, "mase": score.mase,
                    }
                )  # fmt: skip
    table = pd.DataFrame([round_row(r) for r in rows], columns=BACKTEST_COLUMNS)
    return table.sort_values(BACKTEST_COLUMNS[:7], kind="stable").reset_index(drop=True)


def build_calibration_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """The calibration stage's tables: ``calibration.csv`` and
    ``calibration_reliability.csv`` (rounded to :data:`DECIMALS` places)."""
    table, reliability = calibration.calibration_table(
        calibration.long_series(read_outcomes(ws, with_sources=False))
    )
    return {
        CALIBRATION_FILE: table.round(DECIMALS),
        CALIBRATION_RELIABILITY_FILE: reliability.round(DECIMALS),
    }


def build_tables(ws: Workspace, periods: list[HalfYear] | None = None) -> dict[str, pd.DataFrame]:
    """Stage 3's tables: ``evaluations.csv`` and ``projection_paths.csv`` (every goal in force
    as of every half-year, in both vintages) and ``backtests.csv`` (latest vintage)."""
    chosen = calibration.read_choice(ws)
    periods = sorted(set(periods)) if periods is not None else report_periods()
    units = evaluation_units(read_goals(ws))
    outcomes = read_outcomes(ws)
    rows, fans, cache = [], [], backtests.FitCache()
    latest = None
    for vintage in VINTAGES:
        models = Models(SeriesStore(outcomes, vintage), cache=cache, calibrated=chosen)
        latest = latest or models
        for unit in units:
            for as_of in unit.window(periods):
                judgement = judge(unit, as_of, models, vintage)
                rows.append(judgement.verdict.row())
                if judgement.fan is not None:
                    fans.append(judgement.fan)
    evaluations = pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
    evaluations = evaluations.sort_values(["goal_id", "as_of", "vintage"], kind="stable")
    paths = pd.concat(fans, ignore_index=True) if fans else pd.DataFrame(columns=PATH_COLUMNS)
    paths = paths[PATH_COLUMNS].round(DECIMALS)
    paths = paths.sort_values(["goal_id", "as_of", "vintage", "time"], kind="stable")
    return {
        EVALUATIONS_FILE: evaluations.reset_index(drop=True),
        PROJECTION_PATHS_FILE: paths.reset_index(drop=True),
        BACKTESTS_FILE: backtest_table(latest.store, periods, cache),
    }
