"""Charts carry the target, the fan, Danish labels and Danish number formats."""

import pandas as pd

from helpers.core import charts

DATA = pd.DataFrame(
    {
        "period": ["2011", "2013-01"],
        "value": [10.9, 10.8],
        "source_kind": ["news", "municipal_report"],
    }
)


def _legend(fig):
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_goal_chart_marks_target_fan_and_uses_danish_formats():
    fan = pd.DataFrame(
        {
            "time": [2013.04, 2014.5],
            "mean": [10.8, 10.7],
            "lower80": [10.8, 8.9],
            "upper80": [10.8, 12.5],
        }
    )
    fig = charts.goal_chart(
        DATA,
        title="Overledighed",
        unit="percentage_points",
        target_value=5.8,
        target_period="2014",
        direction="at_most",
        fan=fan,
    )
    ax = fig.axes[0]
    labels = _legend(fig)
    assert "Mål: højst 5,8 procentpoint" in labels
    assert "Kommunens egne opgørelser" in labels
    assert {"Fremskrivning", "80 %-interval", "Frist"} <= set(labels)
    assert "95 %-interval" not in labels, "no band is drawn where the bounds are missing"
    assert ax.get_ylabel() == "procentpoint"
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert any("," in t for t in ticks) and not any("." in t for t in ticks)
    years = [t.get_text() for t in ax.get_xticklabels(minor=True)]
    assert years == ["2011", "2012", "2013", "2014"], "one label per year, the deadline's included"
    assert ax.get_ylim()[0] < 5.8 < ax.get_ylim()[1], "the target is inside the chart"


def test_rank_chart_has_rank_one_on_top_and_whole_numbers():
    ranks = pd.DataFrame(
        {
            "period": ["2011-H1", "2012"],
            "value": [5.0, 3.0],
            "source_kind": ["municipal_report"] * 2,
        }
    )
    fig = charts.goal_chart(
        ranks,
        title="Placering",
        unit="rank",
        target_value=1.0,
        target_period="2015",
        direction="at_most",
    )
    ax = fig.axes[0]
    bottom, top = ax.get_ylim()
    assert bottom > top, "inverted: rank 1 at the top"
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all("," not in t for t in labels)
    assert ax.get_ylabel() == "placering (1 = bedst)"


def test_single_figure_gets_a_readable_axis():
    one = pd.DataFrame({"period": ["2013-01"], "value": [1.5], "source_kind": ["municipal_report"]})
    fig = charts.goal_chart(one, title="Ledere", unit="percent")
    ax = fig.axes[0]
    low, high = ax.get_xlim()
    assert 2 <= high - low <= 5
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert len(labels) == len(set(labels)), "no repeated tick labels"


def test_goal_chart_without_target_or_fan_shows_only_observations():
    fig = charts.goal_chart(DATA, title="Overledighed", unit="percentage_points")
    assert set(_legend(fig)) == {"Presse (citerer kommunen)", "Kommunens egne opgørelser"}
