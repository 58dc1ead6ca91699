"""The progress rules at their boundaries (helpers.evaluation.rules).

Each test puts a rule exactly on, just inside or just outside one of its limits, where a
``<`` written as ``<=``, a tolerance dropped or a constant changed would give another answer
(these tests were written against mutation testing: ``make mutation MODULES=rules``).
"""

import numpy as np
import pytest

from helpers.evaluation import rules


@pytest.mark.parametrize(
    ("direction", "reference", "target", "expected"),
    [
        ("at_most", 0, 0, "at_most"),
        ("decrease", 0, 0, "at_most"),
        ("at_least", 0, 0, "at_least"),
        ("increase", 0, 0, "at_least"),
        ("reflect", 0, 0, "at_least"),
        ("achieve", 12.0, 10.0, "at_most"),  # above the target: bring it down
        ("achieve", 8.0, 10.0, "at_least"),
        ("achieve", 10.0, 10.0, "at_least"),  # already on it: keep it there or above
        ("", 12.0, 10.0, "at_most"),  # no direction written: the same as achieve
    ],
)
def test_resolve_direction(direction, reference, target, expected):
    assert rules.resolve_direction(direction, reference, target) == expected


def test_an_unknown_direction_is_refused():
    with pytest.raises(ValueError, match="unknown direction 'sideways'"):
        rules.resolve_direction("sideways", 1, 2)


def test_meets_is_inclusive_with_a_relative_tolerance():
    # exactly on the target plus the tolerance (1e-9 for targets up to 1): still met
    assert rules.meets(1 + 1e-9, 1.0, "at_most")
    assert rules.meets(1 - 1e-9, 1.0, "at_least")
    # 1.5e-9 over a target of 1 is outside the tolerance
    assert not rules.meets(1 + 1.5e-9, 1.0, "at_most")
    assert not rules.meets(1 - 1.5e-9, 1.0, "at_least")
    # the tolerance grows with the target: 1e-9 of 1000 is 1e-6
    assert rules.meets(1000 + 5e-7, 1000.0, "at_most")
    assert not rules.meets(1000 + 2e-6, 1000.0, "at_most")
    with pytest.raises(ValueError, match="direction must be 'at_most' or 'at_least', not 'up'"):
        rules.meets(1, 1, "up")


def test_growth_rates_need_values_above_near_zero():
    with pytest.raises(ValueError) as error:
        rules.cagr(rules.NEAR_ZERO, 2010, 5.0, 2012)
    assert str(error.value) == (
        "growth rates need positive values (got 1e-09 and 5); use the level rule"
    )
    with pytest.raises(ValueError, match="use the level rule"):
        rules.cagr(5.0, 2010, rules.NEAR_ZERO, 2012)
    with pytest.raises(ValueError, match="must come after the start"):
        rules.cagr(5.0, 2012, 6.0, 2012)
    assert rules.cagr(4.0, 2010, 9.0, 2012) == pytest.approx(0.5)  # (9/4)^(1/2) - 1


def test_no_cagr_ratio_when_the_base_already_equals_the_target():
    with pytest.raises(ValueError) as error:
        rules.cagr_ratio(5.0, 2010, 6.0, 2012, 5.0, 2015)
    assert str(error.value) == "the base value already equals the target: no growth is required"


def test_an_unknown_verdict_has_no_colour_and_the_error_lists_the_known_ones():
    with pytest.raises(ValueError) as error:
        rules.colour("fine")
    assert str(error.value).startswith("unknown verdict 'fine'; expected one of achieved, ")
    assert str(error.value).endswith(", no_rule_for_scale")


def test_level_rule_messages():
    with pytest.raises(ValueError) as error:
        rules.level_rule([2010.5], [5.0], 2.0, 2014.5, "at_most")
    assert str(error.value) == "the level rule needs at least two observations"
    with pytest.raises(ValueError) as error:
        rules.level_rule([2010.5, 2011.5], [5.0, 1.0], 2.0, 2014.5, "at_most")
    assert str(error.value) == "the latest value already meets the target"


def test_level_rule_after_the_target_year_projects_nothing_further():
    # the target year (2012) lies before the latest figure: the projection is the latest value
    r = rules.level_rule([2010.5, 2013.5], [9.0, 6.0], 5.0, 2012.5, "at_most")
    assert (r.slope, r.projection) == (-1.0, 6.0)
    assert r.deviation == pytest.approx(1.0) and r.verdict == "insufficient_progress"


def test_a_flat_series_is_not_moving_away_but_makes_no_progress():
    r = rules.level_rule(np.array([2010.5, 2011.5, 2012.5]), [6.0, 6.0, 6.0], 5.0, 2014.5,
                         "at_most")  # fmt: skip
    assert (r.slope, r.projection, r.deviation) == (0.0, 6.0, 1.0)
    assert r.verdict == "insufficient_progress"


def test_baseline_change_compares_rounded_figures():
    # 10,26 and 10,3 are both 10,3 once rounded to one decimal: unchanged
    assert rules.baseline_change(10.26, 10.3, "at_least") == "insufficient_progress"
    assert rules.baseline_change(10.26, 10.3, "at_most") == "insufficient_progress"
    # half a point worse for a goal to bring a figure down: moving away
    assert rules.baseline_change(10.0, 10.5, "at_most") == "moving_away"
    assert rules.baseline_change(10.0, 9.9, "at_most") == "achieved"
    assert rules.baseline_change(10.0, 10.1, "at_least") == "achieved"
    # whole numbers (decimals=0): 10.4 and 10 are the same figure
    assert rules.baseline_change(10.0, 10.4, "at_least", decimals=0) == "insufficient_progress"


def test_the_span_requirement_has_a_tolerance_for_rounding():
    # 2 years less a rounding error count as 2 years
    assert rules.ineligible("level", 3, 2.0 - 1e-9, "percentage_points") is None
    assert rules.ineligible("level", 3, 1.9, "percentage_points") == (
        "tallene spænder over 1,9 år, men reglen kræver 2"
    )


def test_every_missing_requirement_is_named_in_one_reason():
    reason = rules.ineligible("level", 2, 1.0, "percentage_points", ("S002", "S001", "S002"))
    assert reason == (
        "2 tal, men reglen kræver mindst 3; "
        "tallene spænder over 1,0 år, men reglen kræver 2; "
        "tallene kommer fra forskellige kilder (S001, S002), som ikke er dokumenteret "
        "sammenlignelige"
    )


def test_a_figure_exactly_at_the_age_limit_still_counts():
    assert not rules.too_old(rules.MAX_FIGURE_AGE_YEARS + 1e-9)
    assert rules.too_old(rules.MAX_FIGURE_AGE_YEARS + 1e-6)
