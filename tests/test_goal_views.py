"""The notebook's views of stage 1's tables (Danish headers and number format)."""

import pytest

from helpers import pipeline
from helpers.core import paths
from helpers.goals import views


@pytest.fixture(scope="module")
def tables(ws):
    return pipeline.clean_goals(ws, write=False).tables


def test_budget_view_rebuilds_the_table(tables):
    view = views.budget_view(tables["budget.csv"])
    assert list(view.columns) == ["2008", "2009", "2010", "2011", "I alt"]
    # 002 line 139: "Integrations- og oplæringsstillinger 7770 7520 (Se note 2) (Se note 2) 15.290"
    assert view.loc["Integrations- og oplæringsstillinger"].tolist() == [
        "7.770",
        "7.520",
        "(note 2)",
        "(note 2)",
        "15.290",
    ]
    assert view.loc["I alt", "I alt"] == "135.913"


def test_kind_counts_add_up(tables):
    goals = tables[paths.GOALS_FILE]
    counts = views.kind_counts(goals)
    assert counts.loc["I alt", "I alt"] == len(goals)
    assert counts.loc["mål ikke fastsat", "POL11"] == 4


def test_registry_view_formats_danish(tables):
    view = views.registry_view(tables[paths.GOALS_FILE]).set_index("Mål-id")
    assert view.loc["BIU11-OM1", "Mål"] == "5,8 procentpoint"
    assert view.loc["BIU11-I5", "Udgangspunkt"] == "10 % (2011)"
    assert view.loc["POL11-HM1", "Mål"] == ""
