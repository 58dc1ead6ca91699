"""Progress rules pinned on hand-checkable cases, including every threshold edge."""

import math

import numpy as np
import pytest

from helpers.core.periods import parse_period
from helpers.evaluation import rules

# --- Eurostat SDG: CAGR ratio -------------------------------------------------------------


def test_cagr_exact():
    assert rules.cagr(100, 2010, 121, 2012) == pytest.approx(0.10, abs=1e-12)
    assert rules.cagr(10, 2010.5, 8, 2011.5) == pytest.approx(-0.20, abs=1e-12)


def test_cagr_ratio_exact_cases():
    # 5 % a year achieved (100 -> 110.25 in two years), 10 % a year required (-> 146.41 in four)
    assert rules.cagr_ratio(100, 2010, 110.25, 2012, 146.41, 2014) == pytest.approx(0.5)
    # on track exactly: 100 -> 110 in one year, 121 required in two
    assert rules.cagr_ratio(100, 2010, 110, 2011, 121, 2012) == pytest.approx(1.0)
    # an at-most target: 10 -> 8 in a year (-20 %), 5 in two years needs sqrt(0.5) - 1
    ratio = rules.cagr_ratio(10, 2010, 8, 2011, 5, 2012)
    assert ratio == pytest.approx(-0.2 / (math.sqrt(0.5) - 1))
    assert ratio == pytest.approx(0.682843, abs=1e-6)
    # moving the wrong way gives a negative ratio
    assert rules.cagr_ratio(10, 2010, 11, 2011, 5, 2012) < 0


def test_cagr_refuses_zero_negative_values_and_no_required_change():
    with pytest.raises(ValueError, match="positive"):
        rules.cagr(0, 2010, 5, 2012)
    with pytest.raises(ValueError, match="positive"):
        rules.cagr_ratio(-1, 2010, 2, 2011, 3, 2012)
    with pytest.raises(ValueError, match="already equals"):
        rules.cagr_ratio(5, 2010, 6, 2011, 5, 2014)
    with pytest.raises(ValueError, match="after"):
        rules.cagr(5, 2012, 6, 2012)


@pytest.mark.parametrize(
    ("ratio", "verdict"),
    [
        (1.3, "significant_progress"),
        (0.95, "significant_progress"),
        (0.9499999, "moderate_progress"),
        (0.6, "moderate_progress"),
        (0.5999999, "insufficient_progress"),
        (0.0, "insufficient_progress"),
        (-1e-9, "moving_away"),
    ],
)
def test_ratio_threshold_edges(ratio, verdict):
    assert rules.classify_ratio(ratio) == verdict


# --- Destatis: level rule -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("deviation", "wrong", "verdict"),
    [
        (-0.5, False, "significant_progress"),
        (0.0499999, False, "significant_progress"),
        (0.05, False, "moderate_progress"),
        (0.20, False, "moderate_progress"),
        (0.2000001, False, "insufficient_progress"),
        (0.0, True, "moving_away"),
    ],
)
def test_deviation_threshold_edges(deviation, wrong, verdict):
    assert rules.classify_deviation(deviation, wrong) == verdict


def test_level_rule_by_hand():
    t = np.array([2010.5, 2011.5, 2012.5])
    # -1 a year from 10 reaches 8 exactly in 2014: no shortfall
    on_track = rules.level_rule(t, [12, 11, 10], 8, 2014.5, "at_most")
    assert (on_track.slope, on_track.projection, on_track.deviation) == (-1.0, 8.0, 0.0)
    assert on_track.verdict == "significant_progress"
    # -0.5 a year ends at 9; distance to go 2, shortfall 1 -> 50 %
    slow = rules.level_rule(t, [11, 10.5, 10], 8, 2014.5, "at_most")
    assert slow.projection == pytest.approx(9.0) and slow.deviation == pytest.approx(0.5)
    assert slow.verdict == "insufficient_progress"
    # 10 -> 10.4 under an at-least target of 12: +0.2 a year, projection 10.8,
    # shortfall 1.2 of 1.6 to go = 75 %
    up = rules.level_rule(t, [10, 10.2, 10.4], 12, 2014.5, "at_least")
    assert up.deviation == pytest.approx(0.75)
    assert rules.level_rule(t, [10, 10.5, 11], 8, 2014.5, "at_most").verdict == "moving_away"


def test_level_rule_averages_only_the_last_five_changes():
    t = np.arange(7) + 2000.5
    values = [0, 10, 9, 8, 7, 6, 5]  # the first change (+10) is older than five changes
    rule = rules.level_rule(t, values, 0, 2008.5, "at_most")
    assert rule.n_changes == 5 and rule.slope == pytest.approx(-1.0)
    assert rule.projection == pytest.approx(3.0)


def test_level_rule_on_the_copenhagen_over_unemployment_figures():
    # 10.9 pp (2011) and 10.8 pp (January 2013): -0.1 pp over 1.54 years, target 5.8 in 2014
    t = np.array([parse_period("2011").midpoint, parse_period("2013-01").midpoint])
    rule = rules.level_rule(t, [10.9, 10.8], 5.8, 2014.5, "at_most")
    slope = -0.1 / (t[1] - t[0])
    assert rule.slope == pytest.approx(slope)
    assert rule.projection == pytest.approx(10.8 + slope * (2014.5 - t[1]))
    assert rule.projection == pytest.approx(10.7055, abs=1e-4)
    assert rule.deviation == pytest.approx((rule.projection - 5.8) / 5.0)
    assert rule.verdict == "insufficient_progress"


def test_level_rule_refuses_what_is_not_a_trend_question():
    with pytest.raises(ValueError, match="two observations"):
        rules.level_rule([2010.5], [3.0], 1, 2014.5, "at_most")
    with pytest.raises(ValueError, match="already meets"):
        rules.level_rule([2010.5, 2011.5], [3.0, 1.0], 1, 2014.5, "at_most")


def test_level_rule_is_used_where_growth_rates_break():
    assert rules.uses_level_rule("percentage_points", [10.9, 10.8], 5.8)
    assert not rules.uses_level_rule("percent", [54, 57], 64)
    assert rules.uses_level_rule("count", [0, 2], 0)
    assert rules.uses_level_rule("percent", [-1.0, 2], 5)


# --- states and colours -------------------------------------------------------------------


def test_meets_and_deadline_are_inclusive():
    assert rules.meets(5.8, 5.8, "at_most") and not rules.meets(5.9, 5.8, "at_most")
    assert rules.meets(64, 64, "at_least") and not rules.meets(63.9, 64, "at_least")
    assert rules.deadline_verdict(5.8, 5.8, "at_most") == "deadline_met"
    assert rules.deadline_verdict(6.0, 5.8, "at_most") == "deadline_missed"


def test_directions_resolve_to_a_side():
    assert rules.resolve_direction("decrease", 0, 0) == "at_most"
    assert rules.resolve_direction("increase", 0, 0) == "at_least"
    assert rules.resolve_direction("reflect", 5, 10) == "at_least"
    assert rules.resolve_direction("achieve", 10.9, 5.8) == "at_most"
    assert rules.resolve_direction("achieve", 54, 64) == "at_least"
    with pytest.raises(ValueError, match="unknown direction"):
        rules.resolve_direction("sideways", 1, 2)


def test_baseline_change_compares_rounded_figures():
    assert rules.baseline_change(54.0, 54.04, "at_least") == "insufficient_progress"
    assert rules.baseline_change(54.0, 54.1, "at_least") == "achieved"
    assert rules.baseline_change(9, 11, "at_most") == "moving_away"
    assert rules.baseline_change(9, 8, "at_most") == "achieved"


def test_one_colour_mapping_covers_every_verdict():
    assert set(rules.COLOURS) == set(rules.VERDICTS) == set(rules.VERDICT_DA)
    by_colour = {}
    for verdict, colour in rules.COLOURS.items():
        by_colour.setdefault(colour, set()).add(verdict)
    assert by_colour == {
        "green": {"achieved", "deadline_met", "significant_progress"},
        "yellow": {"moderate_progress"},
        "red": {"insufficient_progress", "moving_away", "deadline_missed"},
        "white": {"target_not_set", "not_measurable", "too_little_data", "no_data"},
    }
    with pytest.raises(ValueError, match="unknown verdict"):
        rules.colour("on_track")


def test_states_in_their_order():
    assert rules.state(0, math.nan, 5.8, "at_most") == "no_data"
    assert rules.state(2, 10.8, math.nan, "at_most") == "target_not_set"
    assert rules.state(3, 5.0, 5.8, "at_most", deadline_value=6.1) == "deadline_missed"
    assert rules.state(3, 6.1, 5.8, "at_most", deadline_value=5.8) == "deadline_met"
    assert rules.state(1, 5.0, 5.8, "at_most") == "achieved"
    assert rules.state(1, 10.9, 5.8, "at_most") == "too_little_data"
    assert rules.state(2, 10.8, 5.8, "at_most") is None  # a progress rule decides


def test_probability_of_meeting_from_the_predictive_distribution():
    from helpers.evaluation.trends import Predictive

    # normal predictive centred 1.2816 sd above the target: 10 % chance of being at most it
    p = Predictive(2014.5, 10.0 + 1.2815516, 1.0, math.inf)
    assert rules.probability_of_meeting(p, 10.0, "at_most") == pytest.approx(0.10, abs=1e-6)
    assert rules.probability_of_meeting(p, 10.0, "at_least") == pytest.approx(0.90, abs=1e-6)
    assert math.isnan(
        rules.probability_of_meeting(Predictive(2014.5, 1, math.nan, 3), 0, "at_most")
    )
