"""Stage 3 on the real outcome table and on small hand-made series: the verdict paths,
eligibility before rules, scale-aware rules, figure age, windows, vintages, clear errors."""

import math
import shutil

import pandas as pd
import pytest

from helpers.core.errors import InputDataError
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear, parse_period
from helpers.core.vintages import VINTAGES
from helpers.evaluation import inputs, rules, stage, verdicts
from helpers.evaluation.inputs import GOAL_COLUMNS

NW = "non_western_immigrants_and_descendants"
PERIODS = [HalfYear.parse(p) for p in ("2011H1", "2012H2", "2013H1", "2013H2")]


def goal(**fields):
    row = dict.fromkeys(GOAL_COLUMNS, "")
    row.update(in_force_from="2011H1", in_force_to="2015H2")
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
        indicator="municipal_manager_share", group="ethnic_minorities", geography="copenhagen",
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
    for name in ("outcomes.csv", "sources.csv", "calibration.csv"):
        shutil.copy(source / name, root / "data" / "processed" / name)
    pd.DataFrame(goals, columns=GOAL_COLUMNS).to_csv(
        root / "data" / "processed" / "goals.csv", index=False
    )
    if outcomes is not None:
        outcomes.to_csv(root / "data" / "processed" / "outcomes.csv", index=False)
    return Workspace(root)


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    return stage.build_tables(make_workspace(tmp_path_factory.mktemp("ws")), PERIODS)


def row(tables, goal_id, as_of, vintage="latest"):
    e = tables["evaluations.csv"]
    found = e[(e["goal_id"] == goal_id) & (e["as_of"] == as_of) & (e["vintage"] == vintage)]
    assert len(found) == 1
    return found.iloc[0]


def real_outcomes():
    return pd.read_csv(
        Workspace.default().processed / "outcomes.csv", dtype=str, keep_default_na=False
    )


def test_copenhagen_over_unemployment_as_of_2013h2_gets_no_colour_from_two_figures(tables):
    r = row(tables, "POL11-M2", "2013H2")
    assert r["goal_ids"] == "BIU11-OM1, POL11-M2"
    assert (r["n_obs"], r["first_period"], r["latest_period"]) == (2, "2011", "2013-01")
    assert r["latest_value"] == 10.8
    # the Destatis level rule needs 3 figures over 2 years from one source: not met
    assert (r["verdict"], r["colour"], r["rule"]) == ("too_little_data", "white", "level")
    assert r["missing"] == "points"
    assert "2 tal, men reglen kræver mindst 3" in r["reason_da"]
    assert "forskellige kilder" in r["reason_da"]
    # the projection and its probability are still shown, with where the uncertainty comes from
    assert r["projection"] != "" and 0 < r["probability"] < 0.5
    assert r["uncertainty_basis"].startswith("borrowed from overunemployment_pp/born_abroad")
    assert "under the assumption" in r["uncertainty_basis"]
    # a one-line sensitivity to the other plausible proxy (born outside the EU)
    assert "born_outside_eu" in r["sensitivity"]


def test_earlier_half_years_say_no_data_then_too_little_data(tables):
    assert row(tables, "POL11-M2", "2011H1")["verdict"] == "no_data"  # 2011 not yet over
    early = row(tables, "POL11-M2", "2012H2")
    assert (early["verdict"], early["colour"], early["n_obs"]) == ("too_little_data", "white", 1)
    assert early["projection"] == "" or math.isnan(early["projection"])
    assert "1 tal, men reglen kræver mindst 3" in early["reason_da"]


def test_every_goal_has_a_row_for_every_half_year_in_force_and_vintage(tables):
    e = tables["evaluations.csv"]
    assert list(e.columns) == verdicts.EVALUATION_COLUMNS
    assert set(e["goal_id"]) == {"POL11-M2", "POL11-M3", "POL11-M4"}  # BIU11-OM1 is in POL11-M2
    for goal_id in ("POL11-M2", "POL11-M3", "POL11-M4"):
        for vintage in VINTAGES:
            rows = e[(e["goal_id"] == goal_id) & (e["vintage"] == vintage)]
            assert list(rows["as_of"]) == [str(p) for p in PERIODS]


def test_a_goal_is_in_force_from_its_document_to_a_year_after_its_deadline():
    goals = pd.DataFrame([goal(goal_id="G1", policy_period="2007-2010", kind="quantitative",
                               in_force_from="2009H1", in_force_to="2010H2")])  # fmt: skip
    unit = inputs.evaluation_units(goals)[0]
    window = unit.window(HalfYear.range(HalfYear(2007, 1), HalfYear(2016, 2)))
    assert (str(window[0]), str(window[-1]), len(window)) == ("2009H1", "2010H2", 4)


def test_a_reflect_goal_without_a_benchmark_says_so_and_shows_its_figure(tables):
    reflect = row(tables, "POL11-M3", "2013H2")
    assert (reflect["verdict"], reflect["colour"], reflect["missing"]) == (
        "no_benchmark", "white", "benchmark",
    )  # fmt: skip
    assert reflect["latest_value"] == 1.5
    assert "1,5 %" in reflect["reason_da"] and "sammenligningstal" in reflect["reason_da"]
    not_set = row(tables, "POL11-M4", "2013H2")
    assert (not_set["verdict"], not_set["colour"]) == ("target_not_set", "white")


def test_the_fan_runs_from_the_last_figure_to_the_deadline(tables):
    paths = tables["projection_paths.csv"]
    assert list(paths.columns) == verdicts.PATH_COLUMNS
    fan = paths[
        (paths["goal_id"] == "POL11-M2") & (paths["as_of"] == "2013H2")
        & (paths["vintage"] == "latest")
    ]  # fmt: skip
    assert fan["time"].iloc[0] == pytest.approx(parse_period("2013-01").midpoint, abs=1e-4)
    assert fan["time"].iloc[-1] == 2014.5
    assert fan["mean"].iloc[-1] == row(tables, "POL11-M2", "2013H2")["projection"]
    assert (fan["lower80"] >= fan["lower95"]).all()


def test_later_figures_do_not_leak_into_an_earlier_half_year(tmp_path, tables):
    outcomes = real_outcomes()
    future = outcomes[outcomes["figure_id"] == "F211"].assign(
        period="2013-12", period_start="2013-12-01", period_end="2013-12-31", value="4.0",
        figure_id="TEST-FUTURE", published="2013-12-15",
    )  # fmt: skip
    ws = make_workspace(tmp_path, outcomes=pd.concat([outcomes, future]))
    again = stage.build_tables(ws, [HalfYear.parse("2013H1"), HalfYear.parse("2013H2")])
    before = row(again, "POL11-M2", "2013H1")
    assert before.equals(row(tables, "POL11-M2", "2013H1"))
    after = row(again, "POL11-M2", "2013H2")
    assert (after["latest_value"], after["verdict"]) == (4.0, "achieved")


def test_real_time_vintage_uses_only_figures_published_by_then(tables):
    # F001 (10,9 for 2011) was published in the 2017 barometer: the latest vintage of 2013H2
    # uses it, marked; in real time the 2013H2 report knows only January 2013's 10,8
    latest = row(tables, "POL11-M2", "2013H2")
    real_time = row(tables, "POL11-M2", "2013H2", "real-time")
    assert latest["n_obs"] == 2 and real_time["n_obs"] == 1
    assert real_time["latest_period"] == "2013-01" and real_time["first_period"] == "2013-01"
    early = row(tables, "POL11-M2", "2012H2")
    assert early["latest_period"] == "2011" and early["published_later"]


def test_every_series_with_eight_figures_has_backtest_rows(tables):
    o = real_outcomes()
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


def judgement(goal_fields, figures, as_of, sources=None, vintage="latest", published=""):
    """The whole Judgement of one goal on hand-made figures ``{(indicator, group, period):
    value}`` (each from source family "KK" unless ``sources`` gives one per figure, and
    published on ``published``)."""
    fields = {"policy_period": "2007-2010", "geography": "copenhagen",
              "in_force_from": "2007H1", "in_force_to": "2011H2", **goal_fields}  # fmt: skip
    goals = pd.DataFrame([goal(goal_id="G1", **fields)])
    for column in ("baseline_value", "target_value"):
        goals[column] = goals[column].map(lambda v: float(v) if v != "" else math.nan)
    rows = [
        {"indicator": i, "group": g, "geography": "copenhagen", "age": "", "period": p,
         "value": v, "unit": goal_fields.get("unit", "percent"), "basis": "published",
         "source_id": f"S{n}", "preferred": "True", "published": published,
         "figure_id": f"F{n}", "source_family": (sources or {}).get((i, g, p), "KK")}
        for n, ((i, g, p), v) in enumerate(figures.items())
    ]  # fmt: skip
    columns = [*inputs.OUTCOME_COLUMNS, "figure_id", "source_family"]
    store = inputs.SeriesStore(pd.DataFrame(rows, columns=columns), vintage)
    unit = inputs.evaluation_units(goals)[0]
    return verdicts.judge(unit, HalfYear.parse(as_of), verdicts.Models(store), vintage)


def judge(goal_fields, figures, as_of, sources=None, vintage="latest"):
    """Judge one goal on hand-made figures (:func:`judgement`): the verdict's row, with
    the Verdict itself under ``_verdict``."""
    verdict = judgement(goal_fields, figures, as_of, sources, vintage).verdict
    return verdict.row() | {"_verdict": verdict}


EMPLOYMENT = dict(
    indicator="employment_rate", group=NW, kind="quantitative", direction="at_least",
    baseline_value="54", baseline_period="2006", target_value="64", target_period="2010",
    unit="percent",
)  # fmt: skip
THREE = {
    ("employment_rate", NW, "2006"): 54.0,
    ("employment_rate", NW, "2007"): 56.0,
    ("employment_rate", NW, "2008"): 58.0,
}


def test_cagr_ratio_verdict_by_hand():
    # 54 (2006) -> 58 (2008): (58/54)^(1/2) - 1 = 3.637 % a year; 64 in 2010 needs
    # (64/54)^(1/4) - 1 = 4.338 %; ratio 0.8384 -> moderate progress
    r = judge(EMPLOYMENT, THREE, "2009H1")
    ratio = ((58 / 54) ** 0.5 - 1) / ((64 / 54) ** 0.25 - 1)
    assert r["rule"] == "cagr_ratio" and r["rule_value"] == pytest.approx(ratio, abs=1e-4)
    assert ratio == pytest.approx(0.8384, abs=1e-4)
    assert (r["verdict"], r["colour"]) == ("moderate_progress", "yellow")
    assert "kræver 4,3 % om året" in r["reason_da"]


def test_the_cagr_ratio_needs_three_figures_over_two_years_from_one_source():
    two = dict(list(THREE.items())[::2])  # 2006 and 2008 only
    r = judge(EMPLOYMENT, two, "2009H1")
    assert (r["verdict"], r["rule"]) == ("too_little_data", "cagr_ratio")
    assert "2 tal, men reglen kræver mindst 3" in r["reason_da"]
    mixed = judge(EMPLOYMENT, THREE, "2009H1", {("employment_rate", NW, "2008"): "DR"})
    assert mixed["verdict"] == "too_little_data" and "forskellige kilder" in mixed["reason_da"]


def test_deadline_met_missed_and_not_yet_published():
    missed = judge(EMPLOYMENT, {**THREE, ("employment_rate", NW, "2010"): 60.0}, "2010H2")
    assert (missed["verdict"], missed["colour"], missed["rule"]) == (
        "deadline_missed", "red", "deadline",
    )  # fmt: skip
    met = judge(EMPLOYMENT, {**THREE, ("employment_rate", NW, "2010"): 64.0}, "2011H1")
    assert met["verdict"] == "deadline_met" and "blev nået" in met["reason_da"]
    pending = judge(EMPLOYMENT, THREE, "2010H2")
    assert pending["verdict"] == "moderate_progress"
    assert pending["reason_da"].endswith("tallet for 2010 foreligger endnu ikke.")


def test_achieved_before_the_deadline_from_a_recent_figure():
    figures = {("employment_rate", NW, "2006"): 54.0, ("employment_rate", NW, "2008"): 65.0}
    r = judge(EMPLOYMENT, figures, "2008H2")
    assert (r["verdict"], r["colour"], r["rule"]) == ("achieved", "green", "target_check")
    assert "er allerede nået" in r["reason_da"]


def test_an_old_figure_gives_no_colour_and_says_how_old():
    figures = {("employment_rate", NW, "2006"): 54.0, ("employment_rate", NW, "2008"): 65.0}
    r = judge(EMPLOYMENT, figures, "2011H1")  # the 2008 figure is 2,5 years old
    assert (r["verdict"], r["colour"], r["missing"]) == ("figure_too_old", "white", "recent_figure")
    assert r["latest_age_years"] == pytest.approx(2.5, abs=0.01)
    assert "2,5 år gammelt" in r["reason_da"]
    at_the_limit = judge(EMPLOYMENT, figures, "2010H2")  # exactly 2 years: still allowed
    assert at_the_limit["verdict"] == "achieved"


def test_a_figure_from_before_the_policy_gives_no_colour():
    figures = {("employment_rate", NW, "2006"): 65.0}
    r = judge(EMPLOYMENT, figures, "2007H2")
    assert r["verdict"] == "figure_too_old" and "før politikkens periode" in r["reason_da"]


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
    other_source = judge(
        fields,
        figures,
        "2008H2",
        {("vulnerable_housing_areas_count", "ghetto_list_areas", "2008"): "DR"},
    )
    assert other_source["verdict"] == "too_little_data"
    only_baseline = judge(fields, dict(list(figures.items())[:1]), "2007H2")
    assert only_baseline["verdict"] in ("too_little_data", "figure_too_old")


def test_reflect_goal_takes_the_comparison_share_as_target():
    fields = dict(indicator="municipal_staff_share", group=NW, kind="qualitative",
                  direction="reflect", unit="percent",
                  title_da="Medarbejdersammensætningen skal afspejle arbejdsstyrken")  # fmt: skip
    figures = {("municipal_staff_share", NW, "2007"): 9.0,
               ("municipal_staff_share", NW, "2008"): 10.5,
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
    old_benchmark = judge(fields, figures, "2010H2")  # the 2008 comparison is 2 years old
    assert old_benchmark["verdict"] != "figure_too_old"
    without = judge(fields, dict(list(figures.items())[:3]), "2009H2")
    assert (without["verdict"], without["colour"]) == ("no_benchmark", "white")
    assert "sammenligningstal" in without["reason_da"]


def test_goals_that_cannot_be_measured_are_white():
    milestone = judge(dict(kind="milestone", direction="achieve"), {}, "2008H2")
    assert (milestone["verdict"], milestone["colour"]) == ("not_measurable", "white")
    qualitative = judge(dict(kind="qualitative", indicator="employment_rate", group=NW), {},
                        "2008H2")  # fmt: skip
    assert qualitative["verdict"] == "not_measurable"


RANK = dict(indicator="intercultural_cities_rank", group="all", kind="interpreted",
            direction="at_most", target_value="1", target_period="2010", unit="rank")  # fmt: skip


def test_ranks_get_no_growth_rule_and_no_projection():
    # a shared 5th place, then 3rd: moving up, but a rank is not a ratio-scale quantity
    figures = {("intercultural_cities_rank", "all", "2007"): 5.0,
               ("intercultural_cities_rank", "all", "2008"): 3.0,
               ("intercultural_cities_rank", "all", "2009"): 2.0}  # fmt: skip
    r = judge(RANK, figures, "2009H2")
    assert r["projection"] == "" and r["model"] == "" and "rangplaceringer" in r["model_reason"]
    assert (r["verdict"], r["colour"], r["rule"]) == ("no_rule_for_scale", "white", "")
    assert "fortolkning" in r["reason_da"]  # an interpreted target says so
    first = judge(RANK, {**figures, ("intercultural_cities_rank", "all", "2009"): 1.0}, "2009H2")
    assert (first["verdict"], first["colour"]) == ("achieved", "green")


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


def test_a_verdict_summarises_itself_in_danish_and_english():
    r = judge(EMPLOYMENT, THREE, "2009H1")["_verdict"]
    da, en = r.summary(), r.summary("en")
    assert da.splitlines()[0] == "G1 · 2009H1 (latest): moderat fremgang [gul]"
    assert en.splitlines()[0] == "G1 · 2009H1 (latest): moderate progress [yellow]"
    assert "Mål: mindst 64,0 % (2010)" in da and "Target: at_least 64 (2010)" in en
    assert r.reason_da in da and r.reason_da not in en
    with pytest.raises(ValueError, match="language"):
        r.summary("de")


def test_every_real_goal_gets_a_row_for_each_half_year_it_is_in_force(ws):
    periods = [HalfYear.parse(p) for p in ("2007H1", "2008H2", "2011H2", "2013H2", "2014H2")]
    goals = inputs.read_goals(ws)
    e = stage.build_tables(ws, periods)["evaluations.csv"]
    covered = {gid: set() for gid in goals["goal_id"]}
    for r in e[e["vintage"] == "latest"].itertuples():
        for gid in r.goal_ids.split(", "):
            covered[gid].add(r.as_of)
    by_id = goals.set_index("goal_id")
    for unit in inputs.evaluation_units(goals):
        first, last = unit.in_force
        for gid in unit.goal_ids.split(", "):
            assert covered[gid] == {str(p) for p in periods if first <= p <= last}, gid
            assert HalfYear.parse(by_id.loc[gid, "in_force_from"]) >= first
    assert not e.duplicated(["goal_id", "as_of", "vintage"]).any()
    assert set(e["verdict"]) <= set(rules.VERDICTS)
    assert (e["colour"] == e["verdict"].map(rules.COLOURS)).all()
    assert (e["reason_da"].str.len() > 20).all()
    # no colour rests on fewer figures than its rule declares
    coloured = e[(e["colour"] != "white") & e["rule"].isin(["level", "cagr_ratio"])]
    for r in coloured.itertuples():
        assert r.n_obs >= rules.REQUIREMENTS[r.rule].min_points
