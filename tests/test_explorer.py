"""The explorer's logic on the real processed data: what a selection shows, and that it
is stage 3's verdict, Danish, escaped and deterministic."""

import json
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.core import charts
from helpers.core.danish import format_number
from helpers.core.periods import HalfYear, parse_period
from helpers.evaluation import calibration, trends
from helpers.explorer import app as explorer_app
from helpers.explorer import state as explorer_state
from helpers.explorer import views

NW = "non_western_immigrants_and_descendants"
HM2 = explorer_state.DEFAULT  # POL11-HM2: over-unemployment at most 5,8 pp in 2014
NATIONAL = ("unemployment_rate", "born_abroad", "denmark")


@pytest.fixture(scope="module")
def data(ws):
    return explorer_state.ExplorerData(ws)


def state(data, **fields):
    changed = "goal_id" if "goal_id" in fields or not fields else "indicator"
    return explorer_state.build_state(data, data.complete(replace(HM2, **fields), changed))


def national(data, **fields):
    ind, grp, geo = NATIONAL
    return state(data, goal_id="", indicator=ind, group=grp, geography=geo, **fields)


def test_as_of_changes_the_figures_the_verdict_and_the_chart(data):
    # outcomes.csv: 10,9 pp for 2011 (F001, press quoting the municipality) and 10,8 pp for
    # January 2013 (F211, the municipality's barometer); only the first has ended by mid-2012
    early, late = state(data, as_of="2012H1"), state(data, as_of="2013H2")
    assert list(early.view.obs.periods) == ["2011"]
    assert list(late.view.obs.periods) == ["2011", "2013-01"]
    assert list(late.view.obs.values) == [10.9, 10.8]
    assert early.evaluation["verdict"] == "too_little_data" and early.fan is None
    # two figures from two publishers: the level rule may not colour them, but the
    # projection (variability borrowed from the national survey gap) is still shown
    assert late.evaluation["verdict"] == "too_little_data"
    # the fan starts at the last figure (10,8 in January 2013, no width yet) and ends at the
    # deadline (the target year 2014, at its midpoint like every year figure) on the
    # projection the verdict reports, with its 80 % band
    fan = late.fan
    assert fan["time"].iloc[0] == pytest.approx(parse_period("2013-01").midpoint, abs=1e-4)
    assert fan["time"].iloc[-1] == pytest.approx(parse_period("2014").midpoint, abs=1e-3)
    assert fan["lower80"].iloc[0] == fan["upper80"].iloc[0] == 10.8
    assert fan["mean"].iloc[-1] == pytest.approx(late.evaluation["projection"], abs=1e-3)
    assert fan["upper80"].iloc[-1] == pytest.approx(late.evaluation["upper80"], abs=1e-3)
    assert (fan["lower95"] <= fan["lower80"]).all() and (fan["lower80"] < fan["upper80"]).iloc[
        1:
    ].all()
    early_text, late_text = views.verdict_lines(early), views.verdict_lines(late)
    assert "Vurdering: for få tal" in early_text and "Vurdering: for få tal" in late_text
    assert any("2 tal, men reglen kræver mindst 3" in line for line in late_text)
    assert any("1 tal, men reglen kræver mindst 3" in line for line in early_text)
    assert "Vurderet pr. 1. halvår 2012" in early_text[2]
    assert views.chart_html(early) != views.chart_html(late)


def test_automatic_choice_gives_stage_3_verdicts(data, ws):
    # every row of evaluations.csv, re-computed by the explorer with the automatic model
    table = pd.read_csv(ws.processed / "evaluations.csv", dtype=str, keep_default_na=False)
    table = table[table["vintage"] == "latest"]
    units = {u.goal_id for u in data.units}
    rows = table[table["goal_id"].isin(units) & table["as_of"].isin(explorer_state.HALF_YEARS)]
    assert len(rows) > 0
    for row in rows.to_dict("records"):
        shown = state(data, goal_id=row["goal_id"], as_of=row["as_of"]).evaluation
        for column in ("verdict", "colour", "reason_da", "model"):
            assert str(shown[column]) == row[column], (row["goal_id"], row["as_of"], column)
        if row["probability"]:
            assert float(shown["probability"]) == pytest.approx(float(row["probability"]))


def test_choosing_a_model_changes_the_projection_as_computed_by_hand(data, ws):
    outcomes = pd.read_csv(ws.processed / "outcomes.csv", dtype=str, keep_default_na=False)
    ind, grp, geo = NATIONAL
    series = outcomes[
        (outcomes["indicator"] == ind) & (outcomes["group"] == grp)
        & (outcomes["geography"] == geo) & (outcomes["age"] == "15-74")
        & (outcomes["preferred"] == "True") & (outcomes["period_end"] <= "2013-12-31")
    ]  # fmt: skip
    t = np.array([parse_period(p).midpoint for p in series["period"]])
    y = series["value"].astype(float).to_numpy()
    horizon = t.max() + 3  # a series without a goal is projected three years on
    order = np.argsort(t)
    t, y = t[order], y[order]
    by_hand = {
        "rw_drift": y[-1] + (y[-1] - y[0]) / (t[-1] - t[0]) * 3,
        "linear": float(np.polyval(np.polyfit(t, y, 1), horizon)),
    }
    for model, expected in by_hand.items():
        shown = national(data, model=model)
        assert shown.model == model and shown.evaluation is None
        assert shown.fan["time"].iloc[-1] == pytest.approx(horizon)
        assert shown.fan["mean"].iloc[-1] == pytest.approx(expected)
        assert "Model: " + trends.MODEL_LABELS_DA[model] in views.model_text(shown)
    assert by_hand["rw_drift"] != pytest.approx(by_hand["linear"], abs=0.1)
    rw, lin = national(data, model="rw_drift"), national(data, model="linear")
    assert views.projection_text(rw) != views.projection_text(lin)
    assert views.chart_html(rw) != views.chart_html(lin)
    table = views.models_table(lin)
    assert table.loc[table["Bruges"] == "ja", "Model"].tolist() == ["lineær trend"]


def test_a_model_that_cannot_be_used_says_so_in_danish(data):
    shown = state(data, model="linear")  # two figures; the linear trend needs five
    assert shown.fan is None and shown.evaluation["projection"] == ""
    text = views.model_text(shown)
    assert "Lineær trend kan ikke bruges her: modellen kræver mindst 5 tal, serien har 2." in text
    assert "automatisk valg: random walk uden drift" in text
    # the verdict does not depend on the model; only the chance does
    assert shown.evaluation["verdict"] == state(data).evaluation["verdict"] == "too_little_data"
    assert views.probability_text(shown).startswith("Sandsynlighed for at nå målet: –")


def test_level_95_widens_the_interval_around_the_same_projection(data, ws):
    # by hand: the calibration's choice (random walk without drift, lender's last 5 years):
    # 10,8 (January 2013) carried forward, the innovation variance borrowed from the national
    # LFS gap's last five figures as of 2013H2 (2009-2013, 4 df)
    assert calibration.read_choice(ws) == calibration.Candidate("rw", "5y")
    outcomes = pd.read_csv(ws.processed / "outcomes.csv", dtype=str, keep_default_na=False)
    lfs = outcomes[
        (outcomes["indicator"] == "overunemployment_pp") & (outcomes["group"] == "born_abroad")
        & (outcomes["geography"] == "denmark") & (outcomes["age"] == "15-74")
        & (outcomes["preferred"] == "True") & (outcomes["period_end"] <= "2013-12-31")
    ]  # fmt: skip
    t = np.array([parse_period(p).midpoint for p in lfs["period"]])
    y = lfs["value"].astype(float).to_numpy()[np.argsort(t)]
    t = np.sort(t)
    assert t[-5] == 2009.5 and t[-1] == 2013.5
    dt, dy = np.diff(t[-5:]), np.diff(y[-5:])
    df = len(dt)
    variance = np.sum(dy**2 / dt) / df
    h = 2014.5 - parse_period("2013-01").midpoint
    mean = 10.8
    scale = np.sqrt(variance * h)
    p80, p95 = state(data, level=80), state(data, level=95)
    for shown, level in ((p80, 0.8), (p95, 0.95)):
        q = stats.t(df).ppf(0.5 + level / 2)
        low, high = mean - q * scale, mean + q * scale
        e = shown.evaluation
        code = round(100 * level)
        assert (e[f"lower{code}"], e[f"upper{code}"]) == (
            pytest.approx(low, abs=1e-4),
            pytest.approx(high, abs=1e-4),
        )
        expected = f"{code} %-interval: {format_number(low)} til {format_number(high)} procentpoint"
        assert expected in views.projection_text(shown)
        assert shown.fan[f"lower{code}"].iloc[-1] == pytest.approx(low)
    e = p80.evaluation
    assert e["lower95"] < e["lower80"] < e["projection"] < e["upper80"] < e["upper95"]
    assert "95 %-interval" in views.models_table(p95).columns
    assert views.chart_html(p80) != views.chart_html(p95)


def test_the_figures_behind_the_chart_are_listed_with_their_quotes(data):
    shown = state(data)
    table = views.figures_table(shown)
    assert table["Figur"].tolist() == ["F001", "F211"]
    assert table["Værdi"].tolist() == ["10,9 procentpoint", "10,8 procentpoint"]
    assert table["Periode"].tolist() == ["2011", "januar 2013"]
    assert "i 2011 hele 10,9 procentpoint" in table["Citat"].iloc[0]
    assert "10,8 %-point" in table["Citat"].iloc[1]
    assert table["Kildetype"].tolist() == ["Presse (citerer kommunen)", "Kommunens egne opgørelser"]
    goal = data.goals.set_index("goal_id").loc[shown.unit.goal["goal_id"]]
    assert goal["excerpt"] in views.goal_quote(shown)
    page = views.figures_html(shown)
    assert "Tallene bag grafen" in page and "F211" in page


def test_only_the_municipalitys_own_figures(data):
    own = state(data, sources="municipal")
    assert list(own.view.rows["figure_id"]) == ["F211"]
    assert own.evaluation["verdict"] == "too_little_data"
    assert "Kun kommunens egne tal" in views.verdict_lines(own)[2]
    # unsafe_share 2015: the rule prefers the survey report's 6,6 (F151); among the
    # municipality's own figures the municipal report's 7 (F153) is the one (conflicts.csv C03)
    key = ("unsafe_share", "all", "copenhagen", "")
    preferred = data.store("all").rows(key, None)
    assert preferred.loc[preferred["period"] == "2015", "figure_id"].tolist() == ["F151"]
    own_rows = data.store("municipal").rows(key, None)
    assert own_rows.loc[own_rows["period"] == "2015", "value"].tolist() == [7.0]
    assert own_rows.loc[own_rows["period"] == "2015", "figure_id"].tolist() == ["F153"]
    assert set(own_rows["source_kind"]) <= set(explorer_state.MUNICIPAL_KINDS)


def test_a_series_without_a_goal_gets_no_verdict(data):
    shown = national(data)
    assert shown.unit is None and views.verdict_code(shown) == ("", "white")
    lines = views.verdict_lines(shown)
    assert "Vurdering: ingen (serien har intet mål)" in lines
    assert "Fremskrivning for 2016 (tre år efter seneste tal)" in views.projection_text(shown)
    assert len(views.backtest_table(shown)) >= 3  # 19 yearly figures by 2013


def test_ranks_are_judged_but_not_projected(data):
    shown = state(data, goal_id="POL11-OM", as_of="2014H2")
    assert shown.selection.indicator == "intercultural_cities_rank"
    assert shown.fan is None
    assert views.model_text(shown).startswith("Model: ingen (rangplaceringer fremskrives ikke")
    # a 3rd place in a field of unknown size after a shared 5th of 20 is not "good progress":
    # no progress rule fits ranks, and the target itself is an interpretation
    assert (shown.evaluation["verdict"], shown.evaluation["colour"]) == (
        "no_rule_for_scale", "white",
    )  # fmt: skip
    assert "fortolkning" in shown.evaluation["reason_da"]


def test_selections_stay_consistent(data):
    goal = data.complete(replace(HM2, indicator="", group="", geography=""))
    assert goal.series == ("overunemployment_pp", NW, "copenhagen")
    # another indicator: the goal follows the series (here: none measured on it)
    moved = data.complete(replace(goal, indicator="unemployment_rate"), "indicator")
    assert moved.goal_id == "" and moved.group in data.groups("unemployment_rate")
    assert moved.geography in data.geographies("unemployment_rate", moved.group)
    # back to a series with a goal: its first goal is chosen
    back = data.complete(replace(moved, indicator="intercultural_cities_rank"), "indicator")
    assert (back.goal_id, back.group, back.geography) == ("POL11-OM", "all", "copenhagen")
    with pytest.raises(ValueError, match="interval level"):
        explorer_state.build_state(data, replace(goal, level=90))
    with pytest.raises(ValueError, match="not measured on"):
        explorer_state.build_state(data, replace(goal, indicator="unemployment_rate"))


def test_text_from_the_data_is_escaped(tmp_ws):
    goals = pd.read_csv(tmp_ws.processed / "goals.csv", dtype=str, keep_default_na=False)
    goals.loc[goals["goal_id"] == "POL11-HM2", "title_da"] = "Mål <b>fed</b> & $x$"
    goals.to_csv(tmp_ws.processed / "goals.csv", index=False)
    outcomes = pd.read_csv(tmp_ws.processed / "outcomes.csv", dtype=str, keep_default_na=False)
    outcomes.loc[outcomes["figure_id"] == "F001", "quote"] = "<script>alert(1)</script>"
    outcomes.to_csv(tmp_ws.processed / "outcomes.csv", index=False)
    shown = explorer_state.build_state(explorer_state.ExplorerData(tmp_ws), HM2)
    page = views.verdict_html(shown) + views.tables_html(shown)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>fed</b>" not in page and "Mål &lt;b&gt;fed&lt;/b&gt; &amp; $x$" in page
    assert views.chart_html(shown).startswith('<img class="udforsker-graf"')  # no mathtext


def test_the_chart_is_deterministic_and_danish(data):
    shown = state(data)
    assert charts.to_png(views.chart(shown)) == charts.to_png(views.chart(shown))
    fig = views.chart(shown)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Mål: højst 5,8 procentpoint" in labels and "80 %-interval" in labels
    assert ax.get_ylabel() == "procentpoint"
    empty = state(data, as_of="2011H1")  # no figure has ended yet
    assert empty.view.obs.n == 0
    texts = [t.get_text() for t in views.chart(empty).axes[0].texts]
    assert texts == ["Ingen tal til og med 1. halvår 2011."]


def test_the_widgets_redraw_on_every_change(data):
    app = explorer_app.App(data)
    first = app.panels["verdict"].value
    assert "For få tal" in first and "udforsker-vurdering" in first
    chart = app.panels["chart"].value
    app.as_of.value = "2012H1"
    assert "For få tal" in app.panels["verdict"].value and app.panels["chart"].value != chart
    assert app.panels["verdict"].value != first
    app.indicator.value = "unemployment_rate"
    assert app.goal.value == "" and app.group.value in data.groups("unemployment_rate")
    assert "Ingen vurdering" in app.panels["verdict"].value
    app.goal.value = "POL11-HM2"
    assert app.indicator.value == "overunemployment_pp" and app.geography.value == "copenhagen"
    assert repr(app.widget).startswith("Udforsker")


def test_served_read_only_on_localhost_without_the_stored_default_view(ws):
    command = explorer_app.voila_command(ws, 9999)
    assert command[1].endswith("notebooks/explore.ipynb")
    flags = [
        "--no-browser",
        "--port=9999",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        "--show_tracebacks=False",
        f"--TagRemovePreprocessor.remove_cell_tags={explorer_app.STATIC_TAG}",
    ]
    for flag in flags:
        assert flag in command
    nb = json.loads((ws.notebooks / "explore.ipynb").read_text(encoding="utf-8"))
    static = [c for c in nb["cells"] if explorer_app.STATIC_TAG in c["metadata"].get("tags", [])]
    assert [c["cell_type"] for c in static] == ["markdown", "code"]
    assert "app.show(" in "".join(static[1]["source"])


def test_half_years_are_the_reports(data):
    assert explorer_state.HALF_YEARS[0] == "2007H1" and explorer_state.HALF_YEARS[-1] == "2014H2"
    assert all(HalfYear.parse(h) for h in explorer_state.HALF_YEARS)
