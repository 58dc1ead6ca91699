"""The goal registry, parsed from the real documents."""

from helpers import documents, goals, stages
from helpers.documents import squash


def _registry(ws):
    return stages.clean_goals(ws, write=False).tables[stages.GOALS_FILE]


def test_overunemployment_goal_is_read_from_the_action_plan(ws):
    doc = documents.load(ws, "003_b45c9dd53dcf16d9.txt")
    found = goals.find_level_targets(ws, doc)
    target = [g for g in found if g.indicator == "overunemployment_pp"]
    assert len(target) == 1, "stated twice in the plan, but one goal"
    goal = target[0]
    assert goal.target_value == 5.8
    assert goal.unit == "percentage_points"
    assert goal.direction == "at_most"
    assert goal.target_period == "2014"
    assert goal.kind == "quantitative"
    assert goal.section == "Overordnede målsætninger"
    assert "Styrket indsats ift. udsatte boligområder og beskæftigelse" in goal.also_stated_at
    assert goal.excerpt in squash(doc.raw)
    assert doc.raw.split("\n")[goal.line - 1].startswith("Overledigheden")


def test_policy_states_the_same_target_in_percent(ws):
    doc = documents.load(ws, "004_434eb91f3f4ff3dc.txt")
    [goal] = goals.find_level_targets(ws, doc)
    assert (goal.target_value, goal.unit, goal.target_period) == (5.8, "percent", "2014")
    assert "HOVEDMÅL 2" in goal.also_stated_at


def test_registry_rows_keep_provenance(ws):
    registry = _registry(ws)
    assert list(registry.columns) == goals.GOAL_COLUMNS
    assert registry["goal_id"].is_unique
    for row in registry.itertuples():
        raw = (ws.raw / "policy_documents" / row.document).read_text(encoding="utf-8")
        assert row.excerpt in squash(raw)


def test_committed_goals_csv_is_regenerable(ws):
    committed = (ws.processed / stages.GOALS_FILE).read_bytes()
    regenerated = _registry(ws).to_csv(index=False, lineterminator="\n").encode()
    assert committed == regenerated
