"""Rolling-origin backtests: origins, MASE by hand, model choice."""

import math

import numpy as np
import pytest

from helpers.evaluation import backtests, trends
from helpers.evaluation.trends import Observations


def yearly(values, first=2000):
    return Observations.from_pairs([str(first + i) for i in range(len(values))], values)


def test_origins_expand_and_are_capped():
    assert backtests.origins(7) == []
    assert backtests.origins(8) == [5, 6, 7]
    assert backtests.origins(20) == list(range(10, 20))
    assert backtests.origins(30) == list(range(18, 30))  # at most 12 origins


def test_mase_scale_is_the_in_sample_naive_error():
    assert backtests.mase_scale(yearly([1, 3, 2])) == pytest.approx(1.5)


def test_naive_backtest_by_hand():
    # y = 0..7: origins 5, 6, 7 forecast the points at most 3 years ahead; the naive
    # errors are 1 2 3 | 1 2 | 1, MAE 10/6, scale 1.
    score = backtests.backtest(yearly(range(8)), "naive")
    assert (score.n_origins, score.n_forecasts) == (3, 6)
    assert score.mae == pytest.approx(10 / 6) and score.mase == pytest.approx(10 / 6)
    # a straight line is forecast exactly by the drift and by the linear trend
    assert backtests.backtest(yearly(range(8)), "rw_drift").mase == pytest.approx(0.0, abs=1e-9)
    assert backtests.backtest(yearly(range(8)), "linear").mase == pytest.approx(0.0, abs=1e-9)


def test_series_too_short_or_models_not_fitting_get_no_score():
    assert backtests.backtest(yearly(range(7)), "naive") is None
    models = [s.model for s in backtests.backtest_all(yearly(np.arange(12.0) ** 1.1))]
    assert models == ["naive", "rw_drift", "linear"]  # ETS/UC need 10 points at every origin


def test_all_models_are_scored_on_the_same_forecasts():
    rng = np.random.default_rng(2)
    scores = backtests.backtest_all(yearly(np.cumsum(rng.normal(0.5, 1, 24))))
    assert [s.model for s in scores] == ["naive", *trends.MODELS]
    assert len({(s.n_origins, s.n_forecasts) for s in scores}) == 1


def test_trend_models_beat_naive_on_a_trending_series():
    rng = np.random.default_rng(4)
    scores = {
        s.model: s
        for s in backtests.backtest_all(yearly(2 * np.arange(20.0) + rng.normal(0, 1, 20)))
    }
    assert scores["rw_drift"].mase < scores["naive"].mase
    assert scores["linear"].mase < scores["naive"].mase


def test_model_choice_by_backtest_or_documented_default():
    short = backtests.choose_model(yearly([1, 2, 3]))
    assert short.model == trends.DEFAULT_MODEL == "rw_drift"
    assert "standardmodel" in short.reason_da and math.isnan(short.mase)
    line = backtests.choose_model(yearly(range(8)))
    assert line.model == "rw_drift"  # ties with linear; the earlier candidate wins
    assert line.reason_da.startswith("valgt ved backtest: lavest MASE (0,00 mod naiv 1,67)")


def test_fit_cache_reuses_training_windows():
    cache = backtests.FitCache()
    obs = yearly(np.arange(10.0) ** 1.2)
    backtests.backtest(obs, "linear", cache)
    fitted = len(cache)
    backtests.backtest(obs, "linear", cache)
    assert len(cache) == fitted == len(backtests.origins(10))


def test_backtest_as_of_ignores_later_figures():
    obs = yearly([*range(8), 100])
    assert backtests.backtest(obs, "naive", as_of="2007H2") == backtests.backtest(
        yearly(range(8)), "naive"
    )
    assert backtests.choose_model(obs, as_of="2006H2").model == trends.DEFAULT_MODEL
