"""Each path through helpers.evaluation.verdicts, with the whole reason a reader gets.

Hand-made figures (``judge`` from test_evaluate: one goal, figures from one source family);
every expected number is worked out in the comment beside it. Written against mutation
testing (``make mutation MODULES=verdicts``): a reason checked only for a fragment lets a
changed word, number or branch through.
"""

import math

import pytest
from test_evaluate import EMPLOYMENT, NW, THREE, judge, judgement

from helpers.core.danish import format_probability, format_value
from helpers.evaluation import verdicts

FEW = ", men usikkerheden kan ikke beregnes ud fra så få tal"  # a projection without a band
GAP = dict(indicator="overunemployment_pp", group=NW, kind="quantitative", direction="at_most",
           target_value="5.8", target_period="2010", unit="percentage_points")  # fmt: skip


def gap(values):
    return {("overunemployment_pp", NW, str(y)): v for y, v in values.items()}


def employment(values):
    return {("employment_rate", NW, str(y)): v for y, v in values.items()}


def test_cagr_ratio_reason_in_full():
    # 54 (2006) -> 58 (2008): 3,6 % a year; 64 by mid-2010 needs 4,3 % a year; ratio 0,84
    r = judge(EMPLOYMENT, THREE, "2009H1")
    assert (r["verdict"], r["rule"], r["rule_points"]) == ("moderate_progress", "cagr_ratio", 3)
    assert r["reason_da"] == (
        "Siden 2006 er tallet ændret 3,6 % om året, mens målet mindst 64,0 % i 2010 kræver "
        f"4,3 % om året (forholdet er 0,84){FEW}."
    )


@pytest.mark.parametrize(
    ("values", "verdict", "deviation", "reason"),
    [
        # 12 -> 10 over 2006-2008: -1 a year; 8,0 by mid-2010 against 5,8: short by 2,2 of
        # the 4,2 still to go (0,52 > 0,20)
        ({2006: 12.0, 2007: 11.0, 2008: 10.0}, "insufficient_progress", 2.2 / 4.2,
         "Fortsætter udviklingen siden 2006 (-1,0 procentpoint om året), ender tallet på ca. "
         "8,0 procentpoint i 2010 mod målet højst 5,8 procentpoint i 2010"),
        # 12 -> 7: -2,5 a year; 2,0 by 2010 passes the target (shortfall -3,8 of 1,2 to go)
        ({2006: 12.0, 2007: 9.0, 2008: 7.0}, "significant_progress", -3.8 / 1.2,
         "Fortsætter udviklingen siden 2006 (-2,5 procentpoint om året), ender tallet på ca. "
         "2,0 procentpoint i 2010 mod målet højst 5,8 procentpoint i 2010"),
        # 10 -> 12: the wrong way for a goal of at most 5,8 (projection 14, 8,2 of 6,2)
        ({2006: 10.0, 2007: 11.0, 2008: 12.0}, "moving_away", 8.2 / 6.2,
         "Udviklingen går den forkerte vej (10,0 procentpoint i 2006, 12,0 procentpoint i "
         "2008), mens målet højst 5,8 procentpoint i 2010"),
    ],
)  # fmt: skip
def test_level_rule_reasons_in_full(values, verdict, deviation, reason):
    r = judge(GAP, gap(values), "2009H1")
    assert (r["verdict"], r["rule"], r["rule_points"]) == (verdict, "level", 3)
    assert r["rule_value"] == pytest.approx(deviation, abs=1e-4)
    assert r["reason_da"] == f"{reason}{FEW}."


def test_a_level_rule_needs_two_years_of_figures():
    # 2007 and 2008: 2 figures over 1 year, the level rule needs 3 over 2
    r = judge(GAP, gap({2007: 11.0, 2008: 10.0}), "2009H1")
    assert (r["verdict"], r["rule"], r["colour"]) == ("too_little_data", "level", "white")
    assert r["reason_da"] == (
        "Destatis' niveauregel (gennemsnitlig årlig ændring fremskrevet) kan ikke bruges endnu: "
        "2 tal, men reglen kræver mindst 3; tallene spænder over 1,0 år, men reglen kræver 2"
        f"{FEW}."
    )


def test_achieved_reason_in_full():
    r = judge(GAP, gap({2006: 7.0, 2008: 5.0}), "2009H1")
    assert (r["verdict"], r["rule"], r["rule_value"], r["rule_points"]) == (
        "achieved",
        "target_check",
        5.0,
        1,
    )
    assert r["reason_da"].startswith(
        "Seneste tal er 5,0 procentpoint (2008), så målet om højst 5,8 procentpoint i 2010 er "
        "allerede nået"
    )


def test_a_growth_target_that_was_met_at_the_baseline_is_moving_away():
    # the stated baseline (54 in 2006) already met a target of at least 50; now 48
    fields = dict(EMPLOYMENT, target_value="50")
    r = judge(fields, employment({2006: 54.0, 2007: 50.0, 2008: 48.0}), "2009H1")
    assert (r["verdict"], r["rule"], r["rule_points"]) == ("moving_away", "cagr_ratio", 3)
    assert r["reason_da"].startswith(
        "Målet var nået ved udgangspunktet (54,0 %, 2006), men seneste tal er 48,0 %"
    )


def test_no_figure_after_the_baseline_yet():
    # a baseline inside the policy period (56 in 2007) and no later figure yet
    fields = dict(EMPLOYMENT, baseline_value="56", baseline_period="2007")
    r = judge(fields, employment({2007: 56.0}), "2008H1")
    assert (r["verdict"], r["rule"]) == ("too_little_data", "cagr_ratio")
    assert r["reason_da"].startswith(
        "Eurostats SDG-regel (vækstrate i forhold til den nødvendige) kan ikke bruges endnu: "
        "der er endnu ingen tal efter udgangspunktet (56,0 %, 2007)"
    )


def test_a_directional_deadline_is_met_when_the_figure_is_better_than_the_baseline():
    fields = dict(indicator="vulnerable_housing_areas_count", group="ghetto_list_areas",
                  kind="directional", direction="decrease", unit="count",
                  baseline_value="9", baseline_period="2006", target_period="2008")  # fmt: skip
    figures = {("vulnerable_housing_areas_count", "ghetto_list_areas", "2006"): 9.0,
               ("vulnerable_housing_areas_count", "ghetto_list_areas", "2008"): 8.0}  # fmt: skip
    r = judge(fields, figures, "2009H1")
    assert (r["verdict"], r["rule"], r["rule_value"]) == ("deadline_met", "deadline", 8.0)
    assert r["reason_da"] == (
        "Tallet for 2008 er 8, så målet om at komme under udgangspunktet 9 blev nået."
    )
    worse = {**figures, ("vulnerable_housing_areas_count", "ghetto_list_areas", "2008"): 10.0}
    r = judge(fields, worse, "2009H1")
    assert r["verdict"] == "deadline_missed" and r["reason_da"].endswith("blev ikke nået.")


def test_a_deadline_figure_for_a_level_goal():
    r = judge(EMPLOYMENT, {**THREE, ("employment_rate", NW, "2010"): 60.0}, "2011H1")
    assert r["reason_da"] == "Tallet for 2010 er 60,0 %, så målet om mindst 64,0 % blev ikke nået."
    assert (r["rule"], r["rule_value"], r["rule_points"]) == ("deadline", 60.0, 1)


def test_the_latest_figure_and_its_age_are_reported():
    r = judge(EMPLOYMENT, THREE, "2009H1")
    # the 2008 figure (ending 31 December 2008) is half a year old at the end of 2009H1
    assert (r["n_obs"], r["first_period"], r["latest_period"], r["latest_value"]) == (
        3,
        "2006",
        "2008",
        58.0,
    )
    assert r["latest_age_years"] == pytest.approx(0.5, abs=0.01)
    assert (r["latest_source_ids"], r["published_later"], r["missing"]) == ("S2", False, "")


def test_a_summary_with_a_projection_interval_and_chance():
    # nine yearly figures 2000-2008 around a line rising 1 point a year: the own series
    # gives the band and the chance
    values = {2000 + i: 50.0 + i + (0.3 if i % 2 else -0.3) for i in range(9)}
    fields = dict(EMPLOYMENT, baseline_value="50", baseline_period="2000", target_period="2012")
    r = judge(fields, employment(values), "2009H1")
    v = r["_verdict"]
    assert v.uncertainty_basis == "own series (9 figures)" and not math.isnan(v.probability)
    number = lambda x: format_value(x, "percent")  # noqa: E731
    assert v.summary().splitlines() == [
        "G1 · 2009H1 (latest): moderat fremgang [gul]",
        "Mål: mindst 64,0 % (2012)",
        "Seneste tal: 57,7 % (2008); 9 tal",
        f"Fremskrivning ({v.model}): {number(v.projection)}, 80 %: {number(v.lower80)} – "
        f"{number(v.upper80)}; P = {format_probability(v.probability)}",
        "Usikkerhed: own series (9 figures)",
        v.reason_da,
    ]
    assert v.reason_da.endswith(
        f"; sandsynligheden for at nå målet er {format_probability(v.probability)}."
    )
    assert v.summary("en").splitlines() == [
        "G1 · 2009H1 (latest): moderate progress [yellow]",
        "Target: at_least 64 (2012)",
        "Latest figure: 57.7 (2008); 9 figures",
        f"Projection ({v.model}): {v.projection:g}, 80 %: {v.lower80:g} – {v.upper80:g}; "
        f"P = {v.probability:.2f}",
        "Uncertainty: own series (9 figures)",
    ]


def test_a_summary_without_a_band():
    v = judge(EMPLOYMENT, THREE, "2009H1")["_verdict"]
    assert v.summary().splitlines()[2:4] == [
        "Seneste tal: 58,0 % (2008); 3 tal",
        "Fremskrivning (rw_drift): 62,0 %, 80 %: intet interval",
    ]
    assert v.summary("en").splitlines()[3] == "Projection (rw_drift): 62, 80 %: no interval"


def test_a_goal_without_figures_says_what_is_missing():
    r = judge(EMPLOYMENT, {}, "2009H1")
    assert (r["verdict"], r["colour"], r["n_obs"], r["latest_period"]) == (
        "no_data",
        "white",
        0,
        "",
    )
    v = r["_verdict"]
    assert v.summary().splitlines()[1:] == ["Mål: mindst 64,0 % (2010)",
                                           f"Mangler: {v.missing}", v.reason_da]  # fmt: skip
    assert v.missing != ""


HOUSING = dict(indicator="vulnerable_housing_areas_count", group="ghetto_list_areas",
               kind="directional", direction="decrease", unit="count")  # fmt: skip
RANK_FIGURES = {("intercultural_cities_rank", "all", "2007"): 5.0,
                ("intercultural_cities_rank", "all", "2008"): 3.0,
                ("intercultural_cities_rank", "all", "2009"): 2.0}  # fmt: skip


@pytest.mark.parametrize(
    ("fields", "figures", "as_of", "verdict", "missing", "reason"),
    [
        (dict(EMPLOYMENT, kind="target_not_set", target_value=""), THREE, "2009H1",
         "target_not_set", "target",
         "Målet har intet fastsat måltal, så fremdriften kan ikke vurderes."),
        # a number goal whose number did not reach the data (quantitative or interpreted)
        (dict(EMPLOYMENT, target_value=""), THREE, "2009H1", "target_not_set", "target",
         "Målet har intet måltal i datagrundlaget, så fremdriften kan ikke vurderes."),
        (dict(EMPLOYMENT, kind="interpreted", target_value=""), THREE, "2009H1",
         "target_not_set", "target",
         "Målet har intet måltal i datagrundlaget, så fremdriften kan ikke vurderes."),
        (dict(kind="milestone", direction="achieve"), {}, "2008H2", "not_measurable",
         "measurable_target",
         "Målet er en milepæl, som ikke kan følges i de indsamlede tal, så det vurderes ikke her."),
        (dict(kind="qualitative", indicator="employment_rate", group=NW), {}, "2008H2",
         "not_measurable", "measurable_target",
         "Målet er ikke formuleret som et tal, der kan følges i data, så det vurderes ikke her."),
        (EMPLOYMENT, {}, "2009H1", "no_data", "figure",
         "Der er endnu ingen tal for målet til og med 1. halvår 2009."),
        # a directional goal whose only figure is its own baseline
        (HOUSING, {("vulnerable_housing_areas_count", "ghetto_list_areas", "2008"): 11.0},
         "2008H2", "too_little_data", "points",
         "Sammenligning med udgangspunktet (som det nationale integrationsbarometer) kan ikke "
         "bruges endnu: seneste tal er udgangspunktet selv, 1 tal."),
        # a rank: no projection (no chance clause), and an interpreted target says so
        (dict(indicator="intercultural_cities_rank", group="all", kind="interpreted",
              direction="at_most", target_value="1", target_period="2010", unit="rank"),
         RANK_FIGURES, "2009H2", "no_rule_for_scale", "rule_for_scale",
         "Seneste tal er 2. plads (2009), og målet højst 1. plads i 2010 er ikke nået. Der "
         "findes ingen fremskridtsregel for rangplaceringer: afstanden mellem to pladser er "
         "ikke fast, og feltets størrelse kan skifte. Målet er en fortolkning af politikkens "
         "ord (se målregistret)."),
    ],
)  # fmt: skip
def test_white_states_name_what_is_missing(fields, figures, as_of, verdict, missing, reason):
    r = judge(fields, figures, as_of)
    assert (r["verdict"], r["colour"], r["missing"], r["reason_da"]) == (
        verdict,
        "white",
        missing,
        reason,
    )
    assert r["goal_id"] == "G1" and r["as_of"] == as_of


def test_the_fan_is_labelled_with_goal_half_year_and_vintage():
    # nine figures around a line (as in the summary test above): a fan with a band
    values = {2000 + i: 50.0 + i + (0.3 if i % 2 else -0.3) for i in range(9)}
    fields = dict(EMPLOYMENT, baseline_value="50", baseline_period="2000", target_period="2012")
    j = judgement(fields, employment(values), "2009H1")
    assert list(j.fan.columns[:3]) == ["goal_id", "as_of", "vintage"]
    assert set(j.fan["goal_id"]) == {"G1"} and set(j.fan["as_of"]) == {"2009H1"}
    assert set(j.fan["vintage"]) == {"latest"}
    # it runs from the last figure to the target year, ending on the reported projection
    assert j.fan["mean"].iloc[-1] == pytest.approx(j.verdict.projection)
    assert not math.isnan(j.verdict.upper95) and j.verdict.upper95 >= j.verdict.projection


def test_a_figure_published_after_the_half_year_is_marked():
    # the 2008 figure, published in March 2009, as of 2008H2 (a later publication)
    later = judgement(EMPLOYMENT, THREE, "2008H2", published="2009-03")
    assert (later.verdict.latest_published, later.verdict.published_later) == ("2009-03", True)
    assert "(2008, offentliggjort 2009-03); 3 tal" in later.verdict.summary()
    assert "(2008, published 2009-03); 3 figures" in later.verdict.summary("en")
    # published on the last day of the half-year's month: not later
    same = judgement(EMPLOYMENT, THREE, "2009H1", published="2009-03")
    assert same.verdict.published_later is False


def test_old_figures_say_how_old_and_whether_from_before_the_policy():
    before = judge(EMPLOYMENT, {("employment_rate", NW, "2006"): 65.0}, "2007H2")
    # the 2006 figure ends a year before the end of 2007H2, and before the policy (2007)
    assert before["reason_da"] == (
        "Seneste tal (65,0 %, 2006) er 1,0 år gammelt og fra før politikkens periode; en "
        "vurdering kræver et tal, der højst er 2,0 år gammelt og fra politikkens periode."
    )
    figures = {("employment_rate", NW, "2006"): 54.0, ("employment_rate", NW, "2008"): 65.0}
    old = judge(EMPLOYMENT, figures, "2011H1")
    assert old["reason_da"] == (
        "Seneste tal (65,0 %, 2008) er 2,5 år gammelt; en vurdering kræver et tal, der højst "
        f"er 2,0 år gammelt og fra politikkens periode{FEW}."
    )


INCREASE = dict(indicator="employment_rate", group=NW, kind="directional", direction="increase",
                unit="percent", baseline_value="54", baseline_period="2006")  # fmt: skip


@pytest.mark.parametrize(
    ("latest", "verdict", "word"),
    [(58.0, "achieved", "bedre end"), (54.0, "insufficient_progress", "uændret i forhold til"),
     (52.0, "moving_away", "dårligere end")],
)  # fmt: skip
def test_a_directional_increase_against_its_stated_baseline(latest, verdict, word):
    r = judge(INCREASE, {**THREE, ("employment_rate", NW, "2008"): latest}, "2009H1")
    assert (r["verdict"], r["rule"], r["rule_points"]) == (verdict, "baseline_change", 2)
    assert r["rule_value"] == latest - 54.0
    assert r["reason_da"] == (
        f"Seneste tal ({format_value(latest, 'percent')}, 2008) er {word} udgangspunktet "
        f"(54,0 %, 2006){FEW}."
    )


def test_a_reflect_goal_met_counts_two_figures():
    fields = dict(indicator="municipal_staff_share", group=NW, kind="qualitative",
                  direction="reflect", unit="percent",
                  title_da="Medarbejdersammensætningen skal afspejle arbejdsstyrken")  # fmt: skip
    figures = {("municipal_staff_share", NW, "2009"): 14.5,
               ("workforce_share", NW, "2008"): 14.0}  # fmt: skip
    r = judge(fields, figures, "2009H2")
    assert (r["verdict"], r["rule"], r["rule_value"], r["rule_points"]) == (
        "achieved",
        "reflect",
        0.5,
        2,
    )


def test_a_summary_of_a_target_without_deadline_and_an_unknown_verdict():
    v = verdicts.Verdict("G9", "G9", "2009H1", "latest", "i", "g", "copenhagen", "quantitative",
                         "at_least", "percent", target_value=50.0, verdict="odd",
                         colour="purple", missing="figure")  # fmt: skip
    assert v.summary().splitlines() == [
        "G9 · 2009H1 (latest): odd [purple]", "Mål: mindst 50,0 % (uden frist)",
        "Mangler: figure",
    ]  # fmt: skip
    assert v.summary("en").splitlines() == [
        "G9 · 2009H1 (latest): odd [purple]", "Target: at_least 50 (no deadline)",
        "Missing: figure",
    ]  # fmt: skip


def test_a_directional_increase_deadline_says_over():
    fields = dict(INCREASE, target_period="2008")
    r = judge(fields, THREE, "2009H1")  # 58 in 2008 against the baseline 54: met
    assert r["reason_da"] == (
        "Tallet for 2008 er 58,0 %, så målet om at komme over udgangspunktet 54,0 % blev nået."
    )


def test_a_stated_baseline_that_is_not_among_the_figures():
    # the goal states 54 for 2006, but the figures start in 2007: 2 figures after the
    # baseline plus the baseline itself are the 3 the rule needs
    figures = {("employment_rate", NW, "2007"): 56.0, ("employment_rate", NW, "2008"): 58.0}
    r = judge(EMPLOYMENT, figures, "2009H1")
    assert (r["verdict"], r["rule"], r["rule_points"]) == ("moderate_progress", "cagr_ratio", 3)


def test_a_goal_without_a_projection_has_no_fan():
    j = judgement(dict(kind="milestone", direction="achieve"), {}, "2008H2")
    assert j.fan is None


def test_one_figure_is_too_little_for_the_level_rule():
    r = judge(GAP, gap({2008: 10.0}), "2009H1")
    assert r["reason_da"].startswith(
        "Destatis' niveauregel (gennemsnitlig årlig ændring fremskrevet) kan ikke bruges endnu: "
        "1 tal, men reglen kræver mindst 3; tallene spænder over 0,0 år, men reglen kræver 2"
    )
