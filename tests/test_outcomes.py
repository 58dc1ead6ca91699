"""Outcome rows from the published-figures register."""

import pandas as pd
import pytest

from helpers import outcomes, stages
from helpers.errors import InputDataError


@pytest.fixture(scope="module")
def table(ws):
    return stages.clean_outcomes(ws, write=False).tables[stages.OUTCOMES_FILE]


def test_every_register_row_becomes_one_outcome_row(ws, table):
    figures, _ = outcomes.read_register(ws)
    assert len(table) == len(figures)
    assert set(table["figure_id"]) == set(figures["figure_id"])
    assert list(table.columns) == outcomes.OUTCOME_COLUMNS


def test_overunemployment_series_is_parsed(table):
    s = outcomes.series(
        table, "overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen"
    )
    assert list(s["figure_id"]) == ["F001", "F211"]
    assert list(s["value"]) == [10.9, 10.8]
    assert list(s["period_end"]) == ["2011-12-31", "2013-01-31"]
    assert list(s["source_kind"]) == ["news", "municipal_report"]


def test_approximate_figures_are_marked(table):
    row = table.set_index("figure_id").loc["F193"]
    assert row["value"] == 80000 and row["approximate"] and row["qualifier"] == "knap"
    assert not table.set_index("figure_id").loc["F001", "approximate"]


def test_unreadable_values_name_file_row_and_column(ws):
    figures, sources = outcomes.read_register(ws)
    figures = figures.copy()
    figures.loc[3, "value_as_published"] = "n/a"
    figures.loc[5, "period"] = "2013H3"
    with pytest.raises(InputDataError) as err:
        outcomes.clean_register(
            figures, sources, "data/raw/published_figures/published_figures.csv"
        )
    message = str(err.value)
    assert "2 problems" in message
    assert "published_figures.csv, row 5, column 'value_as_published': value 'n/a'" in message
    assert "row 7, column 'period': value '2013H3'" in message


def test_committed_outcomes_csv_is_regenerable(ws, table):
    committed = (ws.processed / stages.OUTCOMES_FILE).read_bytes()
    assert committed == table.to_csv(index=False, lineterminator="\n").encode()
    assert len(pd.read_csv(ws.processed / stages.OUTCOMES_FILE)) == len(table)
