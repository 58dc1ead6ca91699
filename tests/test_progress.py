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


def test_two_copenhagen_figures_give_arithmetic_but_no_colour():
    # 10.9 pp (2011) and 10.8 pp (January 2013): the level rule's arithmetic works on two
    # points, but the rule is not eligible to colour from them: too few figures, too short a
    # span, and two different publishers (DR quoting the barometer; the barometer itself).
    t = np.array([parse_period("2011").midpoint, parse_period("2013-01").midpoint])
    rule = rules.level_rule(t, [10.9, 10.8], 5.8, 2014.5, "at_most")
    slope = -0.1 / (t[1] - t[0])
    assert rule.slope == pytest.approx(slope)
    assert rule.projection == pytest.approx(10.8 + slope * (2014.5 - t[1]))
    assert rule.deviation == pytest.approx((rule.projection - 5.8) / 5.0)
    reason = rules.ineligible(
        "level", 2, float(t[1] - t[0]), "percentage_points", ("DR", "Københavns Kommune")
    )
    assert reason is not None
    assert "2 tal, men reglen kræver mindst 3" in reason
    assert "spænder over 1,5 år" in reason
    assert "forskellige kilder (DR, Københavns Kommune)" in reason


def test_eligibility_counts_points_span_and_sources():
    assert rules.ineligible("level", 3, 2.0, "percentage_points", ("A", "A", "A")) is None
    assert "3" in rules.ineligible("level", 2, 5.0, "percentage_points", ("A", "A"))
    assert "spænder" in rules.ineligible("level", 5, 1.9, "percentage_points", ("A",) * 5)
    assert "forskellige kilder" in rules.ineligible("level", 3, 2.0, "percent", ("A", "B", "A"))
    # a rule that does not need one source ignores them
    assert rules.ineligible("target_check", 1, 0.0, "rank", ("A", "B")) is None
    assert rules.ineligible("baseline_change", 2, 1.0, "count", ("X", "X")) is None


def test_rules_only_on_the_scales_they_make_sense_on():
    assert rules.progress_rule_for("percentage_points") == "level"
    assert rules.progress_rule_for("percent") == "cagr_ratio"
    assert rules.progress_rule_for("count") == "cagr_ratio"
    assert rules.progress_rule_for("rank") is None
    reason = rules.ineligible("cagr_ratio", 5, 4.0, "rank", ("A",) * 5)
    assert reason is not None and "rangskala" in reason
    assert "intervalskala" in rules.ineligible("cagr_ratio", 5, 4.0, "percentage_points")


def test_every_rule_declares_its_needs_and_their_origin():
    for rule, need in rules.REQUIREMENTS.items():
        assert need.rule == rule and need.min_points >= 1 and need.scales and need.origin_da
    assert rules.REQUIREMENTS["level"].min_points >= 3
    assert rules.REQUIREMENTS["cagr_ratio"].min_points >= 3
    assert "Destatis" in rules.REQUIREMENTS["level"].origin_da
    assert "Eurostat" in rules.REQUIREMENTS["cagr_ratio"].origin_da
    assert "eget" in rules.REQUIREMENTS["level"].origin_da  # our own minimum, said so


def test_figure_age_limit_is_inclusive():
    assert not rules.too_old(rules.MAX_FIGURE_AGE_YEARS)
    assert rules.too_old(rules.MAX_FIGURE_AGE_YEARS + 0.01)
    assert not rules.too_old(0.5)


def test_level_rule_refuses_what_is_not_a_trend_question():
    with pytest.raises(ValueError, match="two observations"):
        rules.level_rule([2010.5], [3.0], 1, 2014.5, "at_most")
    with pytest.raises(ValueError, match="already meets"):
        rules.level_rule([2010.5, 2011.5], [3.0, 1.0], 1, 2014.5, "at_most")


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
    assert set(rules.VERDICT_EN) == set(rules.VERDICTS)
    by_colour = {}
    for verdict, colour in rules.COLOURS.items():
        by_colour.setdefault(colour, set()).add(verdict)
    assert by_colour == {
        "green": {"achieved", "deadline_met", "significant_progress"},
        "yellow": {"moderate_progress"},
        "red": {"insufficient_progress", "moving_away", "deadline_missed"},
        "white": {
            "target_not_set",
            "not_measurable",
            "too_little_data",
            "no_data",
            "no_benchmark",
            "figure_too_old",
            "no_rule_for_scale",
        },
    }
    with pytest.raises(ValueError, match="unknown verdict"):
        rules.colour("on_track")
