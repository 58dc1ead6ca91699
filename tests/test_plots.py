"""Charts carry the target, the fan, Danish labels and Danish number formats."""

import pandas as pd

from helpers import plots

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
    fig = plots.goal_chart(
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
    assert [t.get_text() for t in ax.get_xticklabels()][:1] == ["2011"]


def test_goal_chart_without_target_or_fan_shows_only_observations():
    fig = plots.goal_chart(DATA, title="Overledighed", unit="percentage_points")
    assert set(_legend(fig)) == {"Presse (citerer kommunen)", "Kommunens egne opgørelser"}
