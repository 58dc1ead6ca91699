"""Calibration: the default model's nominal intervals cover the truth as often as
they claim, on simulated random walks with drift of realistic length."""

import numpy as np
import pytest

from helpers.evaluation import trends
from helpers.evaluation.trends import Observations

N_SERIES = 2000


def simulate(seed: int, gaps: bool):
    """Yearly random walks with drift: 6-20 observed points (some years missing when
    ``gaps``: one inner year dropped), drift and innovation sd drawn per series, the
    truth 1-3 years ahead."""
    rng = np.random.default_rng(seed)
    for _ in range(N_SERIES):
        n = int(rng.integers(6, 21))
        drift, sd = rng.uniform(-1, 1), rng.uniform(0.3, 3)
        horizon = int(rng.integers(1, 4))
        path = 10 + np.cumsum(rng.normal(drift, sd, n + horizon))
        years = np.arange(n)
        if gaps:
            keep = np.sort(rng.choice(np.arange(1, n - 1), size=n - 3, replace=False))
            years = np.concatenate([[0], keep, [n - 1]])
        labels = [str(2000 + int(y)) for y in years]
        target = 2000 + n - 1 + horizon + 0.5
        yield Observations.from_pairs(labels, path[years]), target, path[n - 1 + horizon]


def coverage(seed: int, gaps: bool) -> dict[float, float]:
    hits = {0.8: 0, 0.95: 0}
    for obs, target, truth in simulate(seed, gaps):
        result = trends.fit(trends.DEFAULT_MODEL, obs)
        assert result.uncertainty == "own"
        for level in hits:
            lo, hi = result.interval(target, level)
            hits[level] += lo <= truth <= hi
    return {level: round(float(count) / N_SERIES, 4) for level, count in hits.items()}


@pytest.mark.parametrize("gaps", [False, True], ids=["regular", "with_gaps"])
def test_default_model_intervals_are_calibrated(gaps):
    measured = coverage(seed=2013, gaps=gaps)
    print(f"default model ({trends.DEFAULT_MODEL}), {N_SERIES} series: coverage {measured}")
    assert 0.70 <= measured[0.8] <= 0.90
    # the random walk's t interval is exact, so the coverage is within binomial noise
    # of nominal (4 standard errors for 2000 series: 0.036 and 0.020)
    assert abs(measured[0.8] - 0.80) < 0.036
    assert abs(measured[0.95] - 0.95) < 0.020
