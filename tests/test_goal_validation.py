"""Stage 1 validates its goal and result tables: every failure at once, with its row."""

import pytest

from helpers import pipeline
from helpers.core.errors import InputDataError
from helpers.goals import checks
from helpers.goals.registry import read_registry, to_frame


@pytest.fixture(scope="module")
def tables(ws):
    registry = read_registry(ws)
    return to_frame(registry.goals), registry.results


def test_the_real_tables_are_valid(tables):
    checks.validate(*tables)


def test_failures_name_table_row_column_and_rule(tables):
    goal_table, results = (t.copy() for t in tables)
    row = goal_table.index[goal_table["goal_id"] == "POL11-HM1"][0]
    goal_table.loc[row, "target_value"] = 5.0  # a number where the policy writes "X %"
    goal_table.loc[0, "target_period"] = "ultimo 2014"  # not a period label
    results.loc[0, "period"] = "2013H3"
    with pytest.raises(InputDataError) as error:
        checks.validate(goal_table, results)
    message = str(error.value)
    assert "3 problems" in message
    assert f"data/processed/goals.csv, row {row + 2}, column 'target_value': value '5.0'" in message
    assert "[target_for_kind]" in message
    assert "data/processed/goals.csv, row 2, column 'target_period'" in message
    assert "data/processed/document_results.csv, row 2, column 'period': value '2013H3'" in message


def test_a_stage_that_fails_validation_writes_nothing(tmp_ws):
    before = {p.name: p.read_bytes() for p in tmp_ws.processed.iterdir()}
    mapping = tmp_ws.reference / "goal_indicators.csv"
    text = mapping.read_text(encoding="utf-8")
    # a mapping row with a code that is not snake_case fails the mapping check
    mapping.write_text(text.replace(",overunemployment_pp,", ",Overledighed,", 1), encoding="utf-8")
    with pytest.raises(InputDataError, match=r"goal_indicators\.csv, row 2, column 'indicator'"):
        pipeline.clean_goals(tmp_ws)
    assert {p.name: p.read_bytes() for p in tmp_ws.processed.iterdir()} == before


def test_in_force_restates_and_interpreted_targets_are_checked(tables):
    goal_table, results = (t.copy() for t in tables)
    index = goal_table.set_index("goal_id").index.get_loc
    # the window written the wrong way round, a half-year that does not exist
    goal_table.loc[index("OU09-I1.2"), "in_force_to"] = "2008H2"  # before 2009H1
    goal_table.loc[index("OU09-A1"), "in_force_from"] = "2009H3"
    # a budget note pointing to a goal of another measure (the staff share)
    goal_table.loc[index("OU09-N2a"), "restates"] = "OU09-A2"
    # an interpreted target that lost its number
    goal_table.loc[index("POL11-OM"), "target_value"] = None
    with pytest.raises(InputDataError) as error:
        checks.validate(goal_table, results)
    message = str(error.value)
    assert "4 problems" in message
    for goal_id, column, value, rule in [
        ("OU09-I1.2", "in_force_from", "2009H1", "in_force"),
        ("OU09-A1", "in_force_from", "2009H3", "in_force"),
        ("OU09-N2a", "restates", "OU09-A2", "restates"),
        ("POL11-OM", "target_value", None, "target_for_kind"),
    ]:
        shown = f": value '{value}'" if value else ""
        assert f"row {index(goal_id) + 2}, column '{column}'{shown}" in message
        assert f"[{rule}]" in message
