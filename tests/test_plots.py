"""Charts carry the target, Danish labels and Danish number formats."""

import pandas as pd

from helpers import plots


def test_goal_chart_marks_target_and_uses_danish_formats():
    data = pd.DataFrame(
        {
            "period": ["2011", "2013-01"],
            "value": [10.9, 10.8],
            "source_kind": ["news", "municipal_report"],
        }
    )
    fig = plots.goal_chart(
        data,
        title="Overledighed",
        unit="percentage_points",
        target_value=5.8,
        target_period="2014",
        direction="at_most",
        projection=([2013.04, 2014.5], [10.8, 10.7]),
    )
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Mål: højst 5,8 procentpoint" in labels
    assert "Kommunens egne opgørelser" in labels
    assert ax.get_ylabel() == "procentpoint"
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert any("," in t for t in ticks) and not any("." in t for t in ticks)
    assert [t.get_text() for t in ax.get_xticklabels()][:1] == ["2011"]
