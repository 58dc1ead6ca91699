"""Trend models: hand-checked projections and intervals, simulated known processes,
refusals where the data are too few."""

import math
import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.core.errors import BarometerError
from helpers.evaluation import trends
from helpers.evaluation.trends import BorrowedScale, Observations, TooLittleDataError


def yearly(values, first=2000):
    return Observations.from_pairs([str(first + i) for i in range(len(values))], values)


# --- observations and as-of ---------------------------------------------------------------


def test_observations_keep_only_periods_ended_by_the_cut_off():
    periods, values = ["2013-01", "2011"], [10.8, 10.9]  # the real Copenhagen figures
    assert Observations.from_pairs(periods, values, "2012H2").periods == ("2011",)
    obs = Observations.from_pairs(periods, values, "2013H1")
    assert obs.periods == ("2011", "2013-01") and list(obs.values) == [10.9, 10.8]
    assert obs.times[0] == 2011.5
    # a year's figure counts only once the year is over
    assert Observations.from_pairs(["2013"], [1.0], "2013H1").n == 0
    assert Observations.from_pairs(["2013"], [1.0], "2013H2").n == 1


def test_observations_refuse_two_figures_for_one_period_and_missing_values():
    with pytest.raises(BarometerError, match="same time"):
        Observations.from_pairs(["2011", "2011"], [1.0, 2.0])
    with pytest.raises(BarometerError, match="missing"):
        Observations.from_pairs(["2011"], [float("nan")])


def test_regular_step_needs_one_period_kind_and_no_gaps():
    assert yearly([1, 2, 3]).regular_step() == 1.0
    quarters = Observations.from_pairs(["2010-Q1", "2010-Q2", "2010-Q3", "2010-Q4"], [1, 2, 3, 4])
    assert quarters.regular_step() == pytest.approx(0.25, abs=0.01)
    assert Observations.from_pairs(["2011", "2013-01"], [1, 2]).regular_step() is None
    assert Observations.from_pairs(["2010", "2011", "2013"], [1, 2, 3]).regular_step() is None


# --- random walk with drift ---------------------------------------------------------------


def test_rw_drift_projection_and_interval_by_hand():
    # drift = (14 - 10) / 4 = 1; increments 1, 2, -1, 2 -> residuals 0, 1, -2, 1;
    # sigma^2 = 6 / 3 = 2 (3 df); two years ahead: mean 16, var = 2 * (2 + 2^2 / 4) = 6.
    result = trends.rw_drift(yearly([10, 11, 13, 12, 14]))
    assert result.uncertainty == "own" and result.df == 3
    p = result.predictive(2006.5)
    assert p.mean == pytest.approx(16.0)
    assert p.scale == pytest.approx(math.sqrt(6.0))
    half = 1.637744353696210 * math.sqrt(6.0)  # t(3) 90 % quantile
    assert result.interval(2006.5, 0.8) == pytest.approx((16 - half, 16 + half))
    assert result.probability(2006.5, 16.0, "at_most") == pytest.approx(0.5)


def test_rw_drift_point_forecast_matches_statsmodels_arima_010_with_drift():
    from statsmodels.tsa.arima.model import ARIMA

    rng = np.random.default_rng(3)
    y = 20 + np.cumsum(rng.normal(0.4, 1.0, 25))
    ours = trends.rw_drift(yearly(y)).forecast(2024.5 + 3)
    fit = ARIMA(y, order=(0, 1, 0), trend="t").fit()
    assert ours == pytest.approx(fit.forecast(3)[-1], abs=1e-3)


def test_rw_drift_handles_gaps_in_continuous_time():
    # drift from first to last point over 4 years, whatever the gap
    result = trends.rw_drift(Observations.from_pairs(["2000", "2001", "2004"], [0.0, 1.0, 4.0]))
    assert result.forecast(2006.5) == pytest.approx(6.0)


def test_rw_drift_from_two_points_gives_no_interval_unless_borrowed():
    cph = Observations.from_pairs(["2011", "2013-01"], [10.9, 10.8], "2013H2")
    alone = trends.rw_drift(cph)
    assert alone.ok and alone.uncertainty == "none"
    assert all(math.isnan(v) for v in alone.interval(2014.5))
    assert math.isnan(alone.probability(2014.5, 5.8, "at_most"))
    borrowed = BorrowedScale(4.0, 17.0, "overunemployment_pp/born_abroad/denmark", "same variance")
    result = trends.rw_drift(cph, borrowed)
    span = cph.times[1] - cph.times[0]
    h = 2014.5 - cph.times[1]
    assert result.forecast(2014.5) == pytest.approx(10.8 - 0.1 / span * h)
    assert result.predictive(2014.5).scale == pytest.approx(math.sqrt(4.0 * (h + h * h / span)))
    assert result.uncertainty == "borrowed:overunemployment_pp/born_abroad/denmark"
    assert "Assumption: same variance" in result.summary()


def test_a_model_with_too_few_points_refuses_clearly():
    one = trends.rw_drift(yearly([3.0]))
    assert one.status == "too_little_data" and "at least 2" in one.reason
    with pytest.raises(TooLittleDataError, match="at least 2"):
        one.forecast(2003.5)
    assert trends.linear(yearly([1, 2, 3, 4])).status == "too_little_data"
    assert trends.ets_damped(yearly(range(9))).status == "too_little_data"
    assert trends.local_linear_trend(yearly(range(9))).status == "too_little_data"


def test_projection_looks_forward_only():
    with pytest.raises(ValueError, match="before the last observation"):
        trends.rw_drift(yearly([1, 2, 3])).forecast(2001.0)


# --- linear trend -------------------------------------------------------------------------


def test_ols_projection_and_interval_by_hand():
    # x = t - 2002.5 = -2..2, y = 1 3 2 5 4: slope 8/10 = 0.8, intercept 3; residuals
    # -0.4 0.8 -1 1.2 -0.6, SSR 3.6, s^2 = 1.2 (3 df). At 2006.5 (x = 4): mean 6.2,
    # var = 1.2 * (1 + 1/5 + 16/10) = 3.36.
    result = trends.linear(yearly([1, 3, 2, 5, 4]))
    p = result.predictive(2006.5)
    assert p.mean == pytest.approx(6.2)
    assert p.scale == pytest.approx(math.sqrt(3.36))
    assert result.df == 3
    half80 = 1.637744 * 1.833030  # t(3) 90 % quantile x sqrt(3.36)
    assert result.interval(2006.5, 0.8) == pytest.approx((6.2 - half80, 6.2 + half80), abs=1e-5)
    half95 = 3.182446 * 1.833030  # t(3) 97.5 % quantile
    assert result.interval(2006.5, 0.95) == pytest.approx((6.2 - half95, 6.2 + half95), abs=1e-5)


def test_ols_interval_matches_statsmodels_observation_interval():
    import statsmodels.api as sm

    y = np.array([1, 3, 2, 5, 4], dtype=float)
    x = np.arange(5.0) + 2000.5
    frame = sm.OLS(y, sm.add_constant(x)).fit().get_prediction([[1.0, 2006.5]]).summary_frame(0.2)
    lo, hi = trends.linear(yearly(y)).interval(2006.5, 0.8)
    assert lo == pytest.approx(frame["obs_ci_lower"].iloc[0])
    assert hi == pytest.approx(frame["obs_ci_upper"].iloc[0])


def test_ols_uses_hac_from_twelve_points():
    assert trends.hac_maxlags(12) == 2 and trends.hac_maxlags(100) == 4
    rng = np.random.default_rng(1)
    assert "HAC" not in trends.linear(yearly(rng.normal(size=11))).reason
    assert "HAC covariance, 2 lags" in trends.linear(yearly(rng.normal(size=12))).reason


def test_ols_recovers_a_known_trend_and_covers_it():
    rng = np.random.default_rng(11)
    hits, slopes = 0, []
    for _ in range(300):
        y = 5 + 0.5 * np.arange(16) + rng.normal(0, 1, 16)
        truth = 5 + 0.5 * 18 + rng.normal(0, 1)
        result = trends.linear(yearly(y[:15]))
        slopes.append(dict(result.params)["slope per year"])
        lo, hi = result.interval(2017.5, 0.8)  # 3 years ahead of 2014
        hits += lo <= truth <= hi
    assert np.mean(slopes) == pytest.approx(0.5, abs=0.02)
    assert 0.74 <= hits / 300 <= 0.86


# --- state-space models -------------------------------------------------------------------


def test_ets_damped_follows_a_trend_and_is_deterministic():
    rng = np.random.default_rng(5)
    y = 10 + 0.8 * np.arange(30) + rng.normal(0, 0.5, 30)
    first = trends.ets_damped(yearly(y))
    again = trends.ets_damped(yearly(y))
    assert first.ok and first.summary() == again.summary()
    p = first.predictive(2030.5)  # one year ahead; the trend says about 10 + 0.8 * 30 = 34
    assert p.mean == pytest.approx(34.0, abs=1.5)
    assert 0 < p.scale < 2
    lo80, hi80 = first.interval(2032.5, 0.8)
    lo95, hi95 = first.interval(2032.5, 0.95)
    assert lo95 < lo80 < first.forecast(2032.5) < hi80 < hi95


def test_local_linear_trend_on_a_simulated_local_linear_trend():
    rng = np.random.default_rng(8)
    n, level, slope, y = 60, 0.0, 0.3, []
    for _ in range(n):
        y.append(level + rng.normal(0, 0.5))
        level, slope = level + slope + rng.normal(0, 0.3), slope + rng.normal(0, 0.02)
    result = trends.local_linear_trend(yearly(y, first=1950))
    assert result.ok
    params = dict(result.params)
    assert params["sd level"] == pytest.approx(0.3, abs=0.2)
    assert params["sd irregular"] == pytest.approx(0.5, abs=0.25)
    # the variance grows with the horizon
    assert result.predictive(2012.5).scale < result.predictive(2015.5).scale


def test_state_space_models_refuse_irregular_series():
    gappy = Observations.from_pairs([str(y) for y in (*range(1990, 2000), 2003)], range(11))
    for model in ("ets_damped", "local_linear_trend"):
        result = trends.fit(model, gappy)
        assert result.status == "not_applicable" and "regularly spaced" in result.reason


def test_summary_is_readable_and_has_no_run_dates():
    text = trends.linear(yearly([1, 3, 2, 5, 4])).summary()
    assert text.splitlines()[0] == "Model: linear trend (OLS) (linear)"
    assert "5 observations (2000 to 2004)" in text and "slope per year: 0,800" in text
    assert "Date" not in text and "Time" not in text


def test_path_starts_at_the_last_observation_with_no_width():
    result = trends.rw_drift(yearly([10, 11, 13, 12, 14]))
    fan = result.path(trends.projection_times(result.last_time, 2006.5))
    assert list(fan.columns) == ["time", "mean", "lower80", "upper80", "lower95", "upper95"]
    assert fan["time"].iloc[0] == 2004.5 and fan["time"].iloc[-1] == 2006.5
    assert fan["lower95"].iloc[0] == fan["upper95"].iloc[0] == 14
    assert isinstance(fan, pd.DataFrame) and (fan["upper80"] <= fan["upper95"]).all()


def test_predictive_probability_uses_the_t_distribution():
    p = trends.Predictive(2014.5, 10.0, 2.0, 5.0)
    assert p.probability(8.0, "at_most") == pytest.approx(stats.t(5).cdf(-1.0))
    assert p.probability(8.0, "at_least") == pytest.approx(1 - stats.t(5).cdf(-1.0))


def test_model_fans_chart_is_labelled_in_danish():
    from helpers.evaluation import charts

    obs = yearly([10, 11, 13, 12, 14, 15, 15, 17, 18, 18, 20, 21])
    fits = {m: trends.fit(m, obs) for m in trends.MODELS}
    fig = charts.model_fans_chart(obs, fits, until=2014.5, title="Test", unit="percent")
    labels = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert labels == ["Tal", "random walk med drift", "lineær trend",
                      "eksponentiel udglatning med dæmpet trend", "lokal lineær trend"]  # fmt: skip
    assert fig.axes[0].get_ylabel() == "procent"
    fig.canvas.draw()
    ticks = [t.get_text() for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert ticks and all(re.fullmatch(r"-?\d{1,3}(\.\d{3})*(,\d)?", t) for t in ticks), ticks
    assert not any("," in t for t in ticks), "a wide axis (20 points or more) uses whole numbers"


def test_model_fans_chart_projects_every_model_to_the_horizon_with_its_80_band():
    from helpers.evaluation import charts

    obs = yearly([10, 11, 13, 12, 14, 15, 15, 17, 18, 18, 20, 21])
    fits = {m: trends.fit(m, obs) for m in trends.MODELS}
    assert all(f.ok for f in fits.values())
    ax = charts.model_fans_chart(obs, fits, until=2014.5, title="Test", unit="percent").axes[0]
    lines, bands = ax.get_lines(), ax.collections
    assert list(lines[0].get_ydata()) == list(obs.values)  # the figures themselves
    assert len(lines) == 1 + len(fits) and len(bands) == len(fits)
    for line, band, (name, result) in zip(lines[1:], bands, fits.items(), strict=True):
        fan = result.path(trends.projection_times(result.last_time, 2014.5))
        assert line.get_label() == trends.MODEL_LABELS_DA[name]
        # from the last figure (2011.5) to the horizon, along the model's own mean
        assert (line.get_xdata()[0], line.get_xdata()[-1]) == (2011.5, 2014.5)
        assert np.allclose(line.get_ydata(), fan["mean"])
        # the shaded band is the 80 % interval (not the 95 %), widening to the horizon
        ys = band.get_paths()[0].vertices[:, 1]
        assert ys.min() == pytest.approx(fan["lower80"].min())
        assert ys.max() == pytest.approx(fan["upper80"].max())
        assert fan["upper80"].iloc[-1] - fan["lower80"].iloc[-1] > 0
    # a horizon already passed draws no projection and no band
    refused = charts.model_fans_chart(obs, fits, until=2011.0, title="Test", unit="percent")
    assert len(refused.axes[0].get_lines()) == 1 and not refused.axes[0].collections


def test_every_model_takes_as_of_and_ignores_later_figures():
    obs = yearly([10, 11, 13, 12, 14, 30])  # 2005 = 30 is not yet known as of 2004H2
    for model in trends.MODELS:
        assert trends.fit(model, obs, as_of="2004H2").observations.periods[-1] == "2004"
    assert trends.rw_drift(obs, as_of="2004H2").forecast("2006") == pytest.approx(16.0)
    assert obs.cut(None) is obs and obs.cut("2005H2").n == 6


def test_times_may_be_period_labels_or_dates():
    from datetime import date

    result = trends.rw_drift(yearly([10, 11, 13, 12, 14]))
    assert result.forecast("2006") == result.forecast(2006.5) == pytest.approx(16.0)
    assert result.forecast(date(2005, 1, 1)) == pytest.approx(14.5)
