"""Stage 3 on the real outcome table: Copenhagen's over-unemployment goal, windows,
as-of discipline, white verdicts, backtest coverage and clear errors."""

import math
import shutil

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.core.errors import InputDataError
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear, parse_period
from helpers.evaluation import inputs, rules, stage, verdicts
from helpers.evaluation.inputs import GOAL_COLUMNS

NW = "non_western_immigrants_and_descendants"
PERIODS = [HalfYear.parse(p) for p in ("2011H1", "2012H2", "2013H1", "2013H2")]


def goal(**fields):
    row = dict.fromkeys(GOAL_COLUMNS, "")
    row.update(fields)
    return row


# Real goals of the 2011-2014 policy (POL11, document 004) and the BIU action plan
# (document 003), excerpts as printed there.
GOALS = [
    goal(
        goal_id="POL11-M2", document="004_434eb91f3f4ff3dc.txt", policy_period="2011-2014",
        title_da="Overledigheden blandt etniske minoriteter skal være på max 5,8 % i 2014",
        indicator="overunemployment_pp", group=NW, geography="copenhagen", kind="quantitative",
        direction="at_most", target_value="5.8", target_period="2014",
        unit="percentage_points", line="187",
        excerpt="Overledigheden blandt etniske minoriteter skal være på max 5,8 % i 2014.",
    ),
    goal(
        goal_id="BIU11-OM1", document="003_b45c9dd53dcf16d9.txt", policy_period="2011-2014",
        title_da="Overledigheden blandt etniske minoriteter skal være på max 5,8 procentpoint "
        "i 2014", indicator="overunemployment_pp", group=NW, geography="copenhagen",
        kind="quantitative", direction="at_most", target_value="5.8", target_period="2014",
        unit="percentage_points", line="30", restates="POL11-M2",
        excerpt="Overledigheden blandt etniske minoriteter skal være på max 5,8 procentpoint "
        "i 2014.",
    ),
    goal(
        goal_id="POL11-M3", document="004_434eb91f3f4ff3dc.txt", policy_period="2011-2014",
        title_da="Kommunens medarbejder- og ledersammensætning skal afspejle arbejdsstyrken",
        indicator="municipal_staff_share", group="ethnic_minorities", geography="copenhagen",
        kind="qualitative", direction="reflect", unit="percent", line="190",
    ),
    goal(
        goal_id="POL11-M4", document="004_434eb91f3f4ff3dc.txt", policy_period="2011-2014",
        title_da="Etniske minoriteters inklusionsindeks forbedres med X %",
        kind="target_not_set", direction="increase", unit="percent", line="194",
    ),
]  # fmt: skip


def make_workspace(root, goals=GOALS, outcomes=None):
    source = Workspace.default().processed
    (root / "data" / "processed").mkdir(parents=True)
    shutil.copy(source / "outcomes.csv", root / "data" / "processed" / "outcomes.csv")
    pd.DataFrame(goals, columns=GOAL_COLUMNS).to_csv(
        root / "data" / "processed" / "goals.csv", index=False
    )
    if outcomes is not None:
        outcomes.to_csv(root / "data" / "processed" / "outcomes.csv", index=False)
    return Workspace(root)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return stage.build_tables(make_workspace(tmp_path_factory.mktemp("ws")), PERIODS)


def row(tables, goal_id, as_of):
    e = tables["evaluations.csv"]
    found = e[(e["goal_id"] == goal_id) & (e["as_of"] == as_of)]
    assert len(found) == 1
    return found.iloc[0]


def real_outcomes():
    return pd.read_csv(
        Workspace.default().processed / "outcomes.csv", dtype=str, keep_default_na=False
    )


def national_proxy_upto(year):
    o = real_outcomes()
    mask = (
        (o["indicator"] == "overunemployment_pp") & (o["group"] == "born_abroad")
        & (o["geography"] == "denmark") & (o["age"] == "15-74") & (o["preferred"] == "True")
    )  # fmt: skip
    proxy = o[mask].assign(year=lambda f: f["period"].astype(int)).sort_values("year")
    return proxy.loc[proxy["year"] <= year, "value"].astype(float).to_numpy()


def test_copenhagen_over_unemployment_as_of_2013h2(tables):
    r = row(tables, "POL11-M2", "2013H2")
    assert r["goal_ids"] == "BIU11-OM1, POL11-M2"
    assert (r["n_obs"], r["first_period"], r["latest_period"]) == (2, "2011", "2013-01")
    assert r["latest_value"] == 10.8
    # the drift through 10.9 (2011) and 10.8 (January 2013), projected to mid-2014
    t0, t1 = parse_period("2011").midpoint, parse_period("2013-01").midpoint
    span, h = t1 - t0, 2014.5 - t1
    mean = 10.8 - 0.1 / span * h
    assert r["projection"] == pytest.approx(mean, abs=1e-4)
    # the innovation variance borrowed from the national survey gap, 1995-2013 only
    y = national_proxy_upto(2013)
    assert len(y) == 19
    d = np.diff(y)
    variance = np.sum((d - d.mean()) ** 2) / (len(d) - 1)
    scale = math.sqrt(variance * (h + h * h / span))
    q80, q95 = stats.t(len(d) - 1).ppf(0.9), stats.t(len(d) - 1).ppf(0.975)
    assert r["lower80"] == pytest.approx(mean - q80 * scale, abs=1e-4)
    assert r["upper95"] == pytest.approx(mean + q95 * scale, abs=1e-4)
    assert r["probability"] == pytest.approx(
        stats.t(len(d) - 1).cdf((5.8 - mean) / scale), abs=1e-4
    )
    assert r["uncertainty"] == "borrowed:overunemployment_pp/born_abroad/denmark"
    assert (r["model"], r["rule"]) == ("rw_drift", "level")
    assert (r["verdict"], r["colour"]) == ("insufficient_progress", "red")
    assert "5,8 procentpoint" in r["reason_da"] and "sandsynligheden" in r["reason_da"]


def test_earlier_half_years_say_no_data_then_too_little_data(tables):
    assert row(tables, "POL11-M2", "2011H1")["verdict"] == "no_data"  # 2011 not yet over
    early = row(tables, "POL11-M2", "2012H2")
    assert (early["verdict"], early["colour"], early["n_obs"]) == ("too_little_data", "white", 1)
    assert early["projection"] == "" or math.isnan(early["projection"])
    assert "kun ét tal" in early["reason_da"]


def test_every_goal_has_a_row_for_every_half_year_of_its_window(tables):
    e = tables["evaluations.csv"]
    assert list(e.columns) == verdicts.EVALUATION_COLUMNS
    assert set(e["goal_id"]) == {"POL11-M2", "POL11-M3", "POL11-M4"}  # BIU11-OM1 is in POL11-M2
    for goal_id in ("POL11-M2", "POL11-M3", "POL11-M4"):
        assert list(e.loc[e["goal_id"] == goal_id, "as_of"]) == [str(p) for p in PERIODS]


def test_evaluation_window_runs_a_year_past_the_policy_period():
    unit = inputs.evaluation_units(pd.DataFrame(GOALS[:2]))[0]
    window = unit.window(HalfYear.range(HalfYear(2007, 1), HalfYear(2016, 2)))
    assert (str(window[0]), str(window[-1]), len(window)) == ("2011H1", "2015H2", 10)


def test_goals_without_a_verdict_are_white_with_a_danish_reason(tables):
    reflect = row(tables, "POL11-M3", "2013H2")
    assert (reflect["verdict"], reflect["colour"]) == ("no_data", "white")
    not_set = row(tables, "POL11-M4", "2013H2")
    assert (not_set["verdict"], not_set["colour"]) == ("target_not_set", "white")
    assert not_set["reason_da"].startswith("Målet har intet fastsat måltal")


def test_the_fan_runs_from_the_last_figure_to_the_deadline(tables):
    paths = tables["projection_paths.csv"]
    assert list(paths.columns) == verdicts.PATH_COLUMNS
    fan = paths[(paths["goal_id"] == "POL11-M2") & (paths["as_of"] == "2013H2")]
    assert fan["time"].iloc[0] == pytest.approx(parse_period("2013-01").midpoint, abs=1e-4)
    assert fan["time"].iloc[-1] == 2014.5
    assert fan["mean"].iloc[-1] == row(tables, "POL11-M2", "2013H2")["projection"]
    assert (fan["lower80"] >= fan["lower95"]).all()


def test_later_figures_do_not_leak_into_an_earlier_half_year(tmp_path, tables):
    outcomes = real_outcomes()
    future = outcomes[outcomes["figure_id"] == "F211"].assign(
        period="2013-12", period_start="2013-12-01", period_end="2013-12-31", value="4.0",
        figure_id="TEST-FUTURE",
    )  # fmt: skip
    ws = make_workspace(tmp_path, outcomes=pd.concat([outcomes, future]))
    again = stage.build_tables(ws, [HalfYear.parse("2013H1"), HalfYear.parse("2013H2")])
    before = row(again, "POL11-M2", "2013H1")
    assert before.equals(row(tables, "POL11-M2", "2013H1"))
    after = row(again, "POL11-M2", "2013H2")
    assert (after["latest_value"], after["verdict"]) == (4.0, "achieved")


def test_every_series_with_eight_figures_has_backtest_rows(tables):
    o = pd.read_csv(
        Workspace.default().processed / "outcomes.csv", dtype=str, keep_default_na=False
    )
    o = o[(o["preferred"] == "True") & (o["value"] != "")]
    expected = set()
    for as_of in PERIODS:
        upto = o[pd.to_datetime(o["period_end"]).dt.date <= as_of.end]
        counts = upto.groupby(["indicator", "group", "geography", "age"]).size()
        expected |= {(*key, str(as_of)) for key, n in counts.items() if n >= 8}
    b = tables["backtests.csv"]
    assert list(b.columns) == stage.BACKTEST_COLUMNS
    keys = ["indicator", "group", "geography", "age", "as_of"]
    assert set(b[keys].itertuples(index=False, name=None)) == expected
    assert len(expected) > 100
    per_series = b.groupby(keys)["model"].apply(set)
    assert all({"naive", "rw_drift", "linear"} <= models for models in per_series)
    assert (b["n_obs"] >= 8).all() and b["mase"].notna().all()


def test_same_inputs_give_the_same_bytes(tmp_path):
    ws = make_workspace(tmp_path)
    one = stage.build_tables(ws, [HalfYear.parse("2013H2")])
    two = stage.build_tables(ws, [HalfYear.parse("2013H2")])
    for name in one:
        assert one[name].to_csv(index=False) == two[name].to_csv(index=False)


def test_bad_goals_are_named_by_file_row_and_column(tmp_path):
    bad = [GOALS[0], {**GOALS[1], "restates": "POL99-M1", "target_value": "5,8 pp"}]
    with pytest.raises(InputDataError) as err:
        stage.build_tables(make_workspace(tmp_path, goals=bad), PERIODS)
    text = str(err.value)
    assert "data/processed/goals.csv, row 3, column 'restates': value 'POL99-M1'" in text
    assert "column 'target_value': value '5,8 pp'" in text


def test_missing_contract_columns_are_reported(tmp_path):
    ws = make_workspace(tmp_path)
    pd.DataFrame(GOALS).drop(columns=["restates"]).to_csv(ws.processed / "goals.csv", index=False)
    with pytest.raises(InputDataError, match="column 'restates'"):
        stage.build_tables(ws, PERIODS)


# --- the verdict paths on small hand-made series ------------------------------------------


def judge(goal_fields, figures, as_of):
    """Evaluate one goal on hand-made figures ``{(indicator, group, period): value}``."""
    goals = pd.DataFrame([goal(goal_id="G1", policy_period="2007-2010", geography="copenhagen",
                               **goal_fields)])  # fmt: skip
    for column in ("baseline_value", "target_value"):
        goals[column] = goals[column].map(lambda v: float(v) if v != "" else math.nan)
    rows = [
        {"indicator": i, "group": g, "geography": "copenhagen", "age": "", "period": p,
         "value": v, "unit": goal_fields.get("unit", "percent"), "basis": "published",
         "source_id": "S1",
         "preferred": "True", "figure_id": f"F{n}"}
        for n, ((i, g, p), v) in enumerate(figures.items())
    ]  # fmt: skip
    columns = [*inputs.OUTCOME_COLUMNS, "figure_id"]
    evaluator = verdicts.Evaluator(inputs.SeriesStore(pd.DataFrame(rows, columns=columns)))
    result, _ = evaluator.evaluate(inputs.evaluation_units(goals)[0], HalfYear.parse(as_of))
    return result


EMPLOYMENT = dict(
    indicator="employment_rate", group=NW, kind="quantitative", direction="at_least",
    baseline_value="54", baseline_period="2006", target_value="64", target_period="2010",
    unit="percent",
)  # fmt: skip


def test_cagr_ratio_verdict_by_hand():
    # 54 (2006) -> 58 (2008): (58/54)^(1/2) - 1 = 3.637 % a year; 64 in 2010 needs
    # (64/54)^(1/4) - 1 = 4.338 %; ratio 0.8384 -> moderate progress
    figures = {("employment_rate", NW, "2006"): 54.0, ("employment_rate", NW, "2008"): 58.0}
    r = judge(EMPLOYMENT, figures, "2009H1")
    ratio = ((58 / 54) ** 0.5 - 1) / ((64 / 54) ** 0.25 - 1)
    assert r["rule"] == "cagr_ratio" and r["rule_value"] == pytest.approx(ratio, abs=1e-4)
    assert ratio == pytest.approx(0.8384, abs=1e-4)
    assert (r["verdict"], r["colour"]) == ("moderate_progress", "yellow")
    assert "kræver 4,3 % om året" in r["reason_da"]


def test_deadline_met_missed_and_not_yet_published():
    base = {("employment_rate", NW, "2006"): 54.0, ("employment_rate", NW, "2008"): 58.0}
    missed = judge(EMPLOYMENT, {**base, ("employment_rate", NW, "2010"): 60.0}, "2010H2")
    assert (missed["verdict"], missed["colour"], missed["rule"]) == (
        "deadline_missed",
        "red",
        "deadline",
    )
    met = judge(EMPLOYMENT, {**base, ("employment_rate", NW, "2010"): 64.0}, "2011H1")
    assert met["verdict"] == "deadline_met" and "blev nået" in met["reason_da"]
    pending = judge(EMPLOYMENT, base, "2010H2")
    assert pending["verdict"] == "moderate_progress"
    assert pending["reason_da"].endswith("tallet for 2010 foreligger endnu ikke.")


def test_achieved_before_the_deadline():
    figures = {("employment_rate", NW, "2006"): 54.0, ("employment_rate", NW, "2008"): 65.0}
    r = judge(EMPLOYMENT, figures, "2008H2")
    assert (r["verdict"], r["colour"]) == ("achieved", "green")
    assert "er allerede nået" in r["reason_da"]


def test_directional_goal_against_its_baseline():
    # "no new vulnerable housing areas": the last figure before the policy period (2006)
    # is the baseline; 9 -> 11 moves away
    fields = dict(indicator="vulnerable_housing_areas_count", group="ghetto_list_areas",
                  kind="directional", direction="decrease", unit="count")  # fmt: skip
    figures = {("vulnerable_housing_areas_count", "ghetto_list_areas", "2006"): 9.0,
               ("vulnerable_housing_areas_count", "ghetto_list_areas", "2008"): 11.0}  # fmt: skip
    r = judge(fields, figures, "2008H2")
    assert (r["baseline_value"], r["baseline_period"]) == (9.0, "2006")
    assert (r["rule"], r["rule_value"], r["verdict"]) == ("baseline_change", 2.0, "moving_away")
    assert "dårligere end udgangspunktet" in r["reason_da"]
    only_baseline = judge(fields, dict(list(figures.items())[:1]), "2007H2")
    assert only_baseline["verdict"] == "too_little_data"


def test_reflect_goal_takes_the_comparison_share_as_target():
    fields = dict(indicator="municipal_staff_share", group=NW, kind="qualitative",
                  direction="reflect", unit="percent",
                  title_da="Medarbejdersammensætningen skal afspejle arbejdsstyrken")  # fmt: skip
    figures = {("municipal_staff_share", NW, "2007"): 9.0,
               ("municipal_staff_share", NW, "2009"): 12.0,
               ("workforce_share", NW, "2008"): 14.0}  # fmt: skip
    # judged at the policy period's last year (2010): 9 -> 12 in two years is 15.47 % a
    # year; 14 by mid-2010 needs (14/9)^(1/3) - 1 = 15.87 % -> ratio 0.975
    r = judge(fields, figures, "2009H2")
    assert (r["target_value"], r["target_period"], r["rule"]) == (14.0, "2010", "cagr_ratio")
    ratio = ((12 / 9) ** 0.5 - 1) / ((14 / 9) ** (1 / 3) - 1)
    assert r["rule_value"] == pytest.approx(ratio, abs=1e-4)
    assert r["verdict"] == "significant_progress"
    assert "andelen i arbejdsstyrken (14,0 %, 2008)" in r["reason_da"]
    late = judge(fields, {**figures, ("municipal_staff_share", NW, "2010"): 13.0}, "2010H2")
    assert late["verdict"] == "deadline_missed"
    level = judge(fields, {**figures, ("municipal_staff_share", NW, "2009"): 14.5}, "2009H2")
    assert (level["verdict"], level["rule"], level["rule_value"]) == ("achieved", "reflect", 0.5)
    without = judge(fields, dict(list(figures.items())[:2]), "2009H2")
    assert (without["verdict"], without["colour"]) == ("no_data", "white")
    assert "sammenligningstal" in without["reason_da"]


def test_goals_that_cannot_be_measured_are_white():
    milestone = judge(dict(kind="milestone", direction="achieve"), {}, "2008H2")
    assert (milestone["verdict"], milestone["colour"]) == ("not_measurable", "white")
    qualitative = judge(dict(kind="qualitative", indicator="employment_rate", group=NW), {},
                        "2008H2")  # fmt: skip
    assert qualitative["verdict"] == "not_measurable"


def test_ranks_are_judged_but_not_projected():
    fields = dict(indicator="intercultural_cities_rank", group="all", kind="quantitative",
                  direction="at_most", target_value="1", target_period="2010",
                  unit="rank")  # fmt: skip
    figures = {("intercultural_cities_rank", "all", "2007"): 5.0,
               ("intercultural_cities_rank", "all", "2008"): 3.0}  # fmt: skip
    r = judge(fields, figures, "2008H2")
    assert r["projection"] == "" and r["model"] == "" and "rangplaceringer" in r["model_reason"]
    assert r["rule"] == "cagr_ratio" and r["verdict"] != "too_little_data"


def test_every_real_goal_gets_a_row_for_each_half_year_of_its_window(ws):
    periods = [HalfYear.parse(p) for p in ("2007H1", "2008H2", "2011H2", "2013H2", "2014H2")]
    goals = inputs.read_goals(ws)
    e = stage.build_tables(ws, periods)["evaluations.csv"]
    covered = {gid: set() for gid in goals["goal_id"]}
    for r in e.itertuples():
        for gid in r.goal_ids.split(", "):
            covered[gid].add(r.as_of)
    for goal in goals.itertuples():
        root = goal
        while root.restates:
            root = next(g for g in goals.itertuples() if g.goal_id == root.restates)
        first, last = inputs.policy_window(root.policy_period)
        assert covered[goal.goal_id] == {str(p) for p in periods if first <= p <= last}
    assert not e.duplicated(["goal_id", "as_of"]).any()
    assert set(e["verdict"]) <= set(rules.VERDICTS)
    assert (e["colour"] == e["verdict"].map(rules.COLOURS)).all()
    assert (e["reason_da"].str.len() > 20).all()


def test_series_view_of_notebook_03(ws):
    from helpers.evaluation import views

    view = views.view_series(ws, "overunemployment_pp", NW, "copenhagen", "2013H2")
    assert view.horizon == 2014.5 and view.choice.model == "rw_drift"
    fits = views.fits_table(view)
    assert list(fits["Status"]) == ["beregnet", "for få tal", "for få tal", "for få tal"]
    assert fits["80 %-interval"].iloc[0] == "5,9 til 15,5"
    assert views.backtest_frame(view.obs).empty
    assert len(views.backtest_frame(view.related_obs)) >= 3
    assert "innovation sd per year 2,13" in views.borrowing_note(view)
    assert views.verdict_table(view)["Farve"].tolist() == ["rød"]
    # a national series without goals: own variability, projected three years on
    national = views.view_series(ws, "unemployment_rate", "born_abroad", "denmark", "2013H2")
    assert national.goals == [] and national.horizon == 2016.5
    assert views.verdict_table(national).empty and views.goal_figure(national) is None
    assert views.fits_chart(national) is not None


def test_a_projection_outside_the_possible_range_is_not_shown():
    # 5 areas (2007) -> 2 (1 March 2009): the line through them is below 0 by mid-2010
    fields = dict(indicator="vulnerable_housing_areas_count", group="welfare_ministry_list_areas",
                  kind="directional", direction="at_most", baseline_value="5",
                  baseline_period="2007", unit="count")  # fmt: skip
    figures = {("vulnerable_housing_areas_count", "welfare_ministry_list_areas", "2007"): 5.0,
               ("vulnerable_housing_areas_count", "welfare_ministry_list_areas",
                "2009-03-01"): 2.0}  # fmt: skip
    r = judge(fields, figures, "2009H2")
    assert r["projection"] == "" and "uden for det mulige" in r["model_reason"]
    assert (r["verdict"], r["rule_value"]) == ("achieved", -3.0)
