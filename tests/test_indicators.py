"""The indicator catalogue covers every code in use; goals come from goals.csv."""

import pandas as pd
import pytest

from helpers.core import reference
from helpers.core.units import UNITS
from helpers.outcomes import coverage


@pytest.fixture(scope="module")
def catalogue(ws):
    return reference.catalogue(ws)


def test_columns_and_unique_codes(catalogue):
    assert list(catalogue.columns) == reference.CATALOGUE_COLUMNS
    assert catalogue["code"].is_unique
    assert (catalogue[["name_da", "name_en", "definition", "population"]] != "").all().all()


def test_better_direction_and_unit_are_known(catalogue):
    assert set(catalogue["better"]) <= set(reference.BETTER)
    assert set(catalogue["unit"]) <= set(UNITS)
    assert set(catalogue["timing"]) <= set(reference.TIMINGS)
    # only amounts set aside in advance are published before their period
    assert list(catalogue.loc[catalogue["timing"] == "planned", "code"]) == ["budget_dkk"]


def test_every_code_in_outcomes_and_goals_is_catalogued(ws, catalogue):
    outcomes = pd.read_csv(ws.processed / "outcomes.csv", dtype=str, keep_default_na=False)
    goals = coverage.read_goals(ws)
    assert coverage.missing_codes(catalogue, outcomes, goals) == []


def test_goals_are_derived_from_goals_csv(ws, catalogue):
    goals = coverage.read_goals(ws)
    measured = coverage.with_goals(catalogue, goals).set_index("code")["goals"]
    over = sorted(goals.loc[goals["indicator"] == "overunemployment_pp", "goal_id"])
    assert over and measured["overunemployment_pp"] == ", ".join(over)


def test_missing_codes_are_found(catalogue):
    used = pd.DataFrame({"indicator": ["overunemployment_pp", "feel_included_sharee"]})
    assert coverage.missing_codes(catalogue, used) == ["feel_included_sharee"]
