"""Stage 3, ``model_trends``: the tables of projections, backtests and verdicts.

Reads only ``data/processed/goals.csv`` and ``outcomes.csv`` (the rows with
``preferred == True``, :mod:`helpers.evaluation.inputs`) and writes
``evaluations.csv`` (one row per goal and half-year, :mod:`helpers.evaluation.verdicts`),
``projection_paths.csv`` (the fans) and ``backtests.csv``.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.paths import BACKTESTS_FILE, EVALUATIONS_FILE, PROJECTION_PATHS_FILE, Workspace
from helpers.core.periods import HalfYear, report_periods
from helpers.evaluation import backtests
from helpers.evaluation.inputs import SeriesStore, evaluation_units, read_goals, read_outcomes
from helpers.evaluation.verdicts import (
    DECIMALS,
    EVALUATION_COLUMNS,
    PATH_COLUMNS,
    Evaluator,
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


def build_tables(ws: Workspace, periods: list[HalfYear] | None = None) -> dict[str, pd.DataFrame]:
    """Stage 3's tables: ``evaluations.csv``, ``projection_paths.csv``, ``backtests.csv``."""
    periods = sorted(set(periods)) if periods is not None else report_periods()
    goals = read_goals(ws)
    store = SeriesStore(read_outcomes(ws))
    evaluator = Evaluator(store)
    rows, fans = [], []
    for unit in evaluation_units(goals):
        for as_of in unit.window(periods):
            row, fan = evaluator.evaluate(unit, as_of)
            rows.append(row)
            if fan is not None:
                fans.append(fan)
    evaluations = pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
    evaluations = evaluations.sort_values(["goal_id", "as_of"], kind="stable")
    paths = pd.concat(fans, ignore_index=True) if fans else pd.DataFrame(columns=PATH_COLUMNS)
    paths = paths[PATH_COLUMNS].round(DECIMALS)
    paths = paths.sort_values(["goal_id", "as_of", "time"], kind="stable")
    return {
        EVALUATIONS_FILE: evaluations.reset_index(drop=True),
        PROJECTION_PATHS_FILE: paths.reset_index(drop=True),
        BACKTESTS_FILE: backtest_table(store, periods, evaluator.cache),
    }
