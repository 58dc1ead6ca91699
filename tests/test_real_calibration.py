"""Real-data calibration: the candidates on the long survey series we hold, the choice rule,
and the models it chooses between (random walk without drift, AR(1) around a level).

The simulated test (``test_calibration.py``) checks the random walk's algebra on random
walks; these tests check what the intervals and probabilities did on real series.
"""

import math
import shutil

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers import pipeline
from helpers.core.errors import InputDataError
from helpers.core.paths import CALIBRATION_FILE, CALIBRATION_RELIABILITY_FILE, Workspace
from helpers.evaluation import calibration, stage, trends
from helpers.evaluation.calibration import CANDIDATES, POOLED
from helpers.evaluation.inputs import read_outcomes
from helpers.evaluation.trends import BorrowedScale, Observations

LENDER = "overunemployment_pp/born_abroad/denmark/15-74"


@pytest.fixture(scope="module")
def ws():
    return Workspace.default()


@pytest.fixture(scope="module")
def computed(ws):
    """The calibration recomputed from the stored outcome table (about two seconds)."""
    return calibration.calibration_table(calibration.long_series(read_outcomes(ws)))


@pytest.fixture(scope="module")
def table(computed):
    return computed[0]


def cell(table, candidate, group, horizon, form="own"):
    found = table[
        (table["candidate"] == candidate) & (table["group"] == group)
        & (table["horizon"] == str(horizon)) & (table["form"] == form)
    ]  # fmt: skip
    assert len(found) == 1, (candidate, group, horizon, form)
    return found.iloc[0]


# --- on the stored series -------------------------------------------------------------------


def test_the_series_rule_takes_every_long_yearly_series_and_only_those(ws):
    outcomes = read_outcomes(ws)
    series = calibration.long_series(outcomes)
    assert len(series) == 46
    assert all(obs.n >= calibration.MIN_POINTS for obs in series.values())
    assert all(set(obs.kinds) == {"year"} for obs in series.values())
    # the lender and all eight national gaps are in; quarterly and short series are out
    labels = {"/".join(k) for k in series}
    assert LENDER in labels
    assert sum("national_gaps" in calibration.groups_of(k) for k in series) == 8
    assert not any(k[0] in ("unemployed_thousands", "population_count") for k in series)
    assert "employment_rate/all/copenhagen/" not in labels  # 10 figures


def test_the_committed_tables_are_what_the_stored_series_give(ws, computed):
    table, reliability = computed
    stored = pd.read_csv(ws.processed / CALIBRATION_FILE, dtype={"horizon": str})
    assert list(stored.columns) == calibration.CALIBRATION_COLUMNS
    pd.testing.assert_frame_equal(
        stored, table.round(4).astype(stored.dtypes.to_dict()), check_exact=False, atol=1e-9
    )
    stored_rel = pd.read_csv(ws.processed / CALIBRATION_RELIABILITY_FILE)
    assert len(stored_rel) == len(reliability) == len(CANDIDATES) * 2 * 3 * calibration.BINS


def test_every_decision_cell_has_at_least_100_forecasts(table):
    for group in ("all", "national_gaps"):
        for h in calibration.HORIZONS:
            assert cell(table, CANDIDATES[0], group, h)["n"] >= calibration.MIN_CELL, (group, h)
    # every candidate is scored on the same forecasts
    per_cell = table.groupby(["group", "horizon", "form"])["n"].nunique()
    assert (per_cell == 1).all()


def test_the_chosen_models_80_percent_intervals_held_70_to_90_percent_on_real_series(table):
    chosen = calibration.chosen_candidate(table)
    assert chosen is not None
    for group in ("all", "national_gaps"):
        for h in calibration.HORIZONS:
            c = cell(table, chosen.name, group, h)
            assert 0.70 <= c["coverage80"] <= 0.90, (chosen.name, group, h, c["coverage80"])
            assert c["coverage95"] >= 0.88
    # on the series Copenhagen's over-unemployment borrows from, in the form it borrows
    pooled = cell(table, chosen.name, "lenders", POOLED, "borrowed")
    assert 0.70 <= pooled["coverage80"] <= 0.90, pooled["coverage80"]


def test_the_old_default_was_too_wide_on_the_national_gaps(table):
    """The issue's finding: the random walk with drift on all years covers far more than
    80 % on the noisy, mean-reverting national gaps, so it is not admissible."""
    wide = [cell(table, "rw_drift:whole", "national_gaps", h)["coverage80"] for h in (2, 3, 4)]
    assert min(wide) > 0.90
    assert not table.loc[table["candidate"] == "rw_drift:whole", "admissible"].any()


def test_the_chosen_model_beats_the_old_default_on_brier(table):
    chosen = calibration.chosen_candidate(table)
    assert calibration.mean_brier(table, chosen.name) < calibration.mean_brier(
        table, calibration.PREVIOUS
    )


def test_reliability_bins_count_every_pseudo_target_once(computed):
    table, reliability = computed
    for candidate in (CANDIDATES[0], "ar1:10y"):
        bins = reliability[
            (reliability["candidate"] == candidate)
            & (reliability["form"] == "own")
            & (reliability["group"] == "all")
        ]
        forecasts = cell(table, candidate, "all", POOLED)["n"]
        assert bins["n"].sum() == forecasts * 2 * len(calibration.TARGET_DISTANCES)
        filled = bins[bins["n"] > 0]
        assert (filled["mean_probability"] >= filled["p_low"] - 1e-12).all()
        assert (filled["mean_probability"] <= filled["p_high"] + 1e-12).all()


def test_the_over_unemployment_goal_uses_the_chosen_model_in_evaluations(ws, table):
    chosen = calibration.chosen_candidate(table)
    e = pd.read_csv(ws.processed / "evaluations.csv", dtype=str, keep_default_na=False)
    r = e[(e["goal_id"] == "POL11-HM2") & (e["as_of"] == "2013H2") & (e["vintage"] == "latest")]
    assert len(r) == 1
    r = r.iloc[0]
    assert r["model"] == chosen.model
    assert "valgt ved kalibrering" in r["model_reason"] and chosen.label_da() in r["model_reason"]
    assert r["uncertainty_basis"].startswith(f"borrowed from {LENDER}")


def test_model_trends_needs_the_calibration_table(tmp_path):
    (tmp_path / "data" / "processed").mkdir(parents=True)
    with pytest.raises(InputDataError, match=r"calibration\.csv"):
        calibration.read_choice(Workspace(tmp_path))
    assert calibration.read_choice(Workspace(tmp_path), required=False) is None
    with pytest.raises(InputDataError, match="calibration"):
        stage.build_tables(Workspace(tmp_path), [])


# --- the choice rule on hand-made tables -----------------------------------------------------


def fake_table(overrides=None, n=150):
    """Every candidate well calibrated (80 %, 95 %) with Brier = its position / 100;
    ``overrides``: {(candidate, group, horizon, form): {column: value}}."""
    rows = []
    for i, candidate in enumerate(CANDIDATES):
        for form in calibration.FORMS:
            for group in calibration.GROUPS:
                for h in (*calibration.HORIZONS, POOLED):
                    row = {
                        "candidate": candidate, "form": form, "group": group, "horizon": str(h),
                        "n": n if group != "lenders" else 40, "coverage80": 0.8,
                        "coverage95": 0.95, "brier": (i + 1) / 100,
                    }  # fmt: skip
                    row.update((overrides or {}).get((candidate, group, str(h), form), {}))
                    rows.append(row)
    return pd.DataFrame(rows)


def test_the_lowest_brier_among_admissible_candidates_wins():
    assert calibration.choose(fake_table()) == CANDIDATES[0]
    best = {("rw:5y", "all", str(h), "own"): {"brier": 0.001} for h in calibration.HORIZONS}
    assert calibration.choose(fake_table(best)) == "rw:5y"


def test_a_candidate_whose_80_percent_interval_is_too_wide_is_not_admissible():
    wide = {(CANDIDATES[0], "national_gaps", "3", "own"): {"coverage80": 0.92}}
    table = fake_table(wide)
    assert not calibration.is_admissible(table, CANDIDATES[0])
    assert calibration.choose(table) == CANDIDATES[1]
    narrow = {(CANDIDATES[0], "all", "5", "own"): {"coverage80": 0.65}}
    assert calibration.choose(fake_table(narrow)) == CANDIDATES[1]
    low95 = {(CANDIDATES[0], "all", "2", "own"): {"coverage95": 0.85}}
    assert calibration.choose(fake_table(low95)) == CANDIDATES[1]


def test_cells_with_fewer_than_100_forecasts_do_not_decide():
    wide = {(CANDIDATES[0], "national_gaps", "3", "own"): {"coverage80": 0.99, "n": 99}}
    assert calibration.choose(fake_table(wide)) == CANDIDATES[0]


def test_the_lender_series_are_checked_in_the_form_they_lend():
    bad = {(CANDIDATES[0], "lenders", POOLED, "borrowed"): {"coverage80": 0.95}}
    assert calibration.choose(fake_table(bad)) == CANDIDATES[1]
    # the own form on the lenders does not decide
    own = {(CANDIDATES[0], "lenders", POOLED, "own"): {"coverage80": 0.95}}
    assert calibration.choose(fake_table(own)) == CANDIDATES[0]


def test_no_admissible_candidate_chooses_nothing():
    everything_wide = {(c, "all", "1", "own"): {"coverage80": 0.95} for c in CANDIDATES}
    assert calibration.choose(fake_table(everything_wide)) == ""


def test_candidate_names_parse_and_refuse_unknown_ones():
    assert calibration.Candidate.parse("ar1:10y") == calibration.Candidate("ar1", "10y")
    assert calibration.Candidate.parse("rw:whole").label_da() == "random walk uden drift (alle år)"
    with pytest.raises(ValueError, match="unknown candidate"):
        calibration.Candidate.parse("ar2:10y")
    assert len(CANDIDATES) == 12


# --- the new models ---------------------------------------------------------------------------


def yearly(values, first=2000):
    return Observations.from_pairs([str(first + i) for i in range(len(values))], values)


def test_random_walk_without_drift_projects_the_last_value_with_variance_growing_with_h():
    y = [3.0, 4.0, 3.5, 5.0, 4.0, 4.5]
    result = trends.fit("rw", yearly(y))
    dy = np.diff(y)
    variance = float(np.sum(dy**2) / len(dy))
    assert result.df == len(dy) and result.uncertainty == "own"
    for h in (1, 3):
        p = result.predictive(2005.5 + h)
        assert p.mean == 4.5  # no drift, although the series rose
        assert p.scale == pytest.approx(math.sqrt(variance * h))
        _, hi = p.interval(0.8)
        assert hi - 4.5 == pytest.approx(stats.t.ppf(0.9, len(dy)) * math.sqrt(variance * h))


def test_random_walk_variance_matches_statsmodels_arima_010():
    from statsmodels.tsa.arima.model import ARIMA

    rng = np.random.default_rng(13)
    y = np.cumsum(rng.normal(0, 1.3, 25))
    fit = ARIMA(y, order=(0, 1, 0)).fit()
    result = trends.fit("rw", yearly(y))
    forecast = fit.get_forecast(3)
    assert result.forecast(2024.5 + 3) == pytest.approx(float(forecast.predicted_mean[-1]))
    assert result.predictive(2024.5 + 3).scale ** 2 == pytest.approx(
        float(forecast.var_pred_mean[-1]), rel=1e-3
    )


def test_ar1_matches_statsmodels_autoreg_and_reverts_to_its_level():
    from statsmodels.tsa.ar_model import AutoReg

    rng = np.random.default_rng(2013)
    y = [8.0]
    for _ in range(29):
        y.append(8.0 + 0.6 * (y[-1] - 8.0) + rng.normal(0, 1))
    y = np.array(y)
    reference = AutoReg(y, lags=1, trend="c").fit()
    const, phi = reference.params
    fitted = trends.ar1_moments(np.arange(30.0), y)
    assert fitted.phi == pytest.approx(phi) and not fitted.clipped
    assert fitted.level == pytest.approx(const / (1 - phi))
    # statsmodels' sigma2 divides by the pairs, ours by pairs - 2 (two parameters)
    assert fitted.variance == pytest.approx(reference.sigma2 * 29 / 27)
    result = trends.fit("ar1", yearly(y))
    prediction = reference.get_prediction(start=30, end=32)
    assert result.forecast(2029.5 + 3) == pytest.approx(float(prediction.predicted_mean[-1]))
    assert result.predictive(2029.5 + 3).scale ** 2 == pytest.approx(
        float(prediction.var_pred_mean[-1]) * 29 / 27
    )
    # far ahead the projection returns to the level and the variance to the stationary one
    far = result.predictive(2029.5 + 60)
    assert far.mean == pytest.approx(fitted.level, abs=1e-6)
    assert far.scale**2 == pytest.approx(fitted.variance / (1 - fitted.phi**2), rel=1e-6)


def test_ar1_keeps_phi_mean_reverting():
    trend = yearly([float(i) for i in range(12)])  # a straight line: least squares phi = 1
    result = trends.fit("ar1", yearly(list(trend.values + np.tile([0.1, -0.1], 6))))
    assert dict(result.params)["phi per year"] <= trends.PHI_MAX
    assert "kept" in result.reason


def test_a_short_series_borrowing_an_ar1_gets_the_last_value_forecast_variance():
    """Under a stationary AR(1) the error of projecting the last value is
    ``y(t+h) - y(t)``, with variance ``2 sigma^2 / (1 - phi^2) (1 - phi^h)``: checked
    against simulation."""
    phi, sigma = 0.6, 1.5
    borrowed = BorrowedScale(sigma**2, 30.0, "lender", "same dynamics", phi)
    short = Observations.from_pairs(["2011", "2013-01"], [10.9, 10.8])
    result = trends.fit("ar1", short, borrowed)
    assert result.uncertainty == "borrowed:lender" and result.forecast(2014.5) == 10.8
    rng = np.random.default_rng(7)
    n = 200_000
    x = np.empty(n)
    x[0] = 0.0
    noise = rng.normal(0, sigma, n)
    for t in range(1, n):
        x[t] = phi * x[t - 1] + noise[t]
    for h in (1, 3):
        empirical = float(np.var(x[h:] - x[:-h]))
        formula = trends.ar1_last_value_variance(sigma**2, phi, h)
        assert empirical == pytest.approx(formula, rel=0.03)
        assert result.predictive(short.times[-1] + h).scale ** 2 == pytest.approx(formula)


def test_the_borrowed_scale_uses_the_candidates_window():
    values = [0.0] * 10 + [0.0, 3.0, 0.0, 3.0, 0.0]  # calm, then five volatile years
    obs = yearly(values)
    whole = trends.borrowed_scale("rw", obs, "x", "a")
    recent = trends.borrowed_scale("rw", obs, "x", "a", "5y")
    assert recent.variance == pytest.approx(9.0) and recent.df == 4
    assert whole.variance == pytest.approx(4 * 9.0 / 14) and whole.df == 14
    assert not math.isnan(
        trends.borrowed_scale("ar1", yearly(np.sin(range(12))), "x", "a").persistence
    )


def test_the_calibrate_stage_reads_only_outcomes_and_reproduces_the_committed_files(ws, tmp_path):
    processed = tmp_path / "data" / "processed"
    processed.mkdir(parents=True)
    shutil.copy(ws.processed / "outcomes.csv", processed / "outcomes.csv")
    result = pipeline.calibrate(Workspace(tmp_path))
    assert [p.name for p in result.written] == [CALIBRATION_FILE, CALIBRATION_RELIABILITY_FILE]
    for name in (CALIBRATION_FILE, CALIBRATION_RELIABILITY_FILE):
        assert (processed / name).read_bytes() == (ws.processed / name).read_bytes(), name
