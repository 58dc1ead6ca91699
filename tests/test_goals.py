"""The goal registry, parsed from the real documents."""

import re

import pandas as pd
import pytest

from helpers import pipeline
from helpers.core import paths
from helpers.core.periods import HalfYear, parse_period
from helpers.goals import documents, records
from helpers.goals.documents import squash
from helpers.goals.registry import find_level_targets


@pytest.fixture(scope="module")
def result(ws):
    return pipeline.clean_goals(ws, write=False)


def _registry(ws):
    return pipeline.clean_goals(ws, write=False).tables[paths.GOALS_FILE]


@pytest.fixture(scope="module")
def registry(result):
    return result.tables[paths.GOALS_FILE].set_index("goal_id", drop=False)


def test_overunemployment_goal_is_read_from_the_action_plan(ws):
    doc = documents.load(ws, "003_b45c9dd53dcf16d9.txt")
    found = find_level_targets(ws, doc)
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
    [goal] = find_level_targets(ws, doc)
    assert (goal.target_value, goal.unit, goal.target_period) == (5.8, "percent", "2014")
    assert "HOVEDMÅL 2" in goal.also_stated_at


def test_registry_rows_keep_provenance(ws):
    registry = _registry(ws)
    assert list(registry.columns) == records.GOAL_COLUMNS
    assert registry["goal_id"].is_unique
    for row in registry.itertuples():
        raw = (ws.raw / "policy_documents" / row.document).read_text(encoding="utf-8")
        assert row.excerpt in squash(raw)


def test_committed_goals_csv_is_regenerable(ws):
    committed = (ws.processed / paths.GOALS_FILE).read_bytes()
    regenerated = _registry(ws).to_csv(index=False, lineterminator="\n").encode()
    assert committed == regenerated


def test_every_committed_stage_1_table_is_regenerable(ws, result):
    for name, table in result.tables.items():
        committed = (ws.processed / name).read_bytes()
        assert committed == table.to_csv(index=False, lineterminator="\n").encode(), name


# Every quantitative target, checked by hand against the documents:
# goal id -> (direction, target, unit, deadline, baseline, baseline period)
QUANTITATIVE = {
    # 004:187 "max 5,8 % i 2014": a gap of two rates, read in pp as BIU11-OM1 states it
    "POL11-HM2": ("at_most", 5.8, "percentage_points", "2014", None, ""),
    "BIU11-OM1": ("at_most", 5.8, "percentage_points", "2014", None, ""),  # 003:30
    "BIU11-I3.1": ("at_least", 500.0, "count", "2014-H2", None, ""),  # 003:168
    "BIU11-I4.1": ("at_least", 95.0, "percent", "", None, ""),  # 003:186, no deadline
    "BIU11-I5": ("at_least", 30.0, "percent", "2014-H2", 10.0, "2011"),  # 003:214, 225
    # 002:10 "I perioden til og med år 2010 ... øges med 10 procentpoint til ca. 64 %"
    "OU09-A1": ("at_least", 64.0, "percent", "2010", 54.0, "2006"),
    "OU09-I1.1a": ("at_least", 150.0, "count", "2008", None, ""),  # 002:38
    # 002:51; its status (line 55) "I 2007 er der ansat 29 personer, i 2008 27 personer"
    "OU09-I1.2": ("at_least", 30.0, "count", "2009", 27.0, "2008"),
    "OU09-I1.6": ("at_least", 50.0, "count", "", None, ""),  # 002:99 "med 50"
    "OU09-N2a": ("at_least", 30.0, "count", "2011", None, ""),  # 002:151
    "OU09-N2b.1": ("at_least", 30.0, "count", "2009", None, ""),  # 002:151
    "OU09-N2b.2": ("at_least", 50.0, "count", "2011", None, ""),  # 002:151
    "OKF05-R6-2006": ("at_least", 8.0, "percent", "2006", 6.5, "2005"),  # 001:20
    "OKF05-R6-2007": ("at_least", 10.0, "percent", "2007", 6.5, "2005"),  # 001:20
    "OKF05-R7-2006": ("at_least", 2.4, "percent", "2006", 1.7, "2005"),  # 001:21
    "OKF05-R7-2007": ("at_least", 3.0, "percent", "2007", 1.7, "2005"),  # 001:21
}


def _value(v):
    return None if pd.isna(v) else float(v)


@pytest.mark.parametrize("goal_id", sorted(QUANTITATIVE))
def test_quantitative_targets(registry, goal_id):
    direction, target, unit, deadline, baseline, baseline_period = QUANTITATIVE[goal_id]
    row = registry.loc[goal_id]
    assert row["kind"] == "quantitative"
    assert (row["direction"], _value(row["target_value"]), row["unit"]) == (direction, target, unit)
    assert (row["target_period"] if pd.notna(row["target_period"]) else "") == deadline
    assert _value(row["baseline_value"]) == baseline
    assert (row["baseline_period"] if pd.notna(row["baseline_period"]) else "") == baseline_period


def test_no_other_goal_is_quantitative(registry):
    assert set(registry.index[registry["kind"] == "quantitative"]) == set(QUANTITATIVE)


def test_coverage_and_kinds(registry):
    assert len(registry) >= 25
    counts = registry["kind"].value_counts()
    assert set(counts.index) <= set(records.KINDS)
    not_set = registry[registry["kind"] == "target_not_set"]
    assert set(not_set.index) == {"POL11-HM1", "POL11-HM4", "POL11-HM5", "POL11-HM6"}
    assert not_set["target_value"].isna().all()
    assert set(registry["direction"]) <= set(records.DIRECTIONS)


def test_the_policy_has_its_overall_goal_and_six_main_goals(registry):
    policy = registry[registry["document"] == "004_434eb91f3f4ff3dc.txt"]
    numbers = {re.match(r"POL11-HM(\d)", i)[1] for i in policy.index if i.startswith("POL11-HM")}
    assert numbers == set("123456"), "the policy says 'seks hovedmål'"
    assert "POL11-OM" in policy.index
    # HOVEDMÅL 3 names staff and managers: one row per indicator
    assert policy.loc["POL11-HM3a", "indicator"] == "municipal_staff_share"
    assert policy.loc["POL11-HM3b", "indicator"] == "municipal_manager_share"
    assert (policy.loc[["POL11-HM3a", "POL11-HM3b"], "direction"] == "reflect").all()
    # HOVEDMÅL 6: the safety index rises = the unsafe share falls
    assert policy.loc["POL11-HM6", ["indicator", "direction"]].tolist() == [
        "unsafe_share",
        "decrease",
    ]


def test_the_action_plan_has_three_overall_goals_and_its_sub_goals(registry):
    plan = registry[registry["document"] == "003_b45c9dd53dcf16d9.txt"]
    overall = plan[plan.index.str.match(r"BIU11-OM\d$")]
    assert len(overall) == 3, "the plan says '3 overordnede målsætninger'"
    assert overall.loc["BIU11-OM2", ["kind", "direction"]].tolist() == ["directional", "increase"]
    assert overall.loc["BIU11-OM3", ["kind", "direction"]].tolist() == ["directional", "decrease"]
    assert {"BIU11-I4.1", "BIU11-I4.2"} <= set(plan.index), "'følgende to delmål'"
    activation = plan.loc["BIU11-I4.2"]
    assert (activation["baseline_period"], activation["target_period"]) == ("2010", "2014")
    assert plan.loc["BIU11-I3", ["kind", "direction"]].tolist() == ["directional", "increase"]
    # the overall goals stated again as the efforts' result goals are not new goals
    assert "line 59" in plan.loc["BIU11-OM3", "also_stated_at"]
    assert "line 101" in plan.loc["BIU11-OM2", "also_stated_at"]


def test_the_action_plan_restates_the_policy(registry):
    assert registry.loc["BIU11-OM1", "restates"] == "POL11-HM2"
    other_documents = registry[registry["restates"].fillna("") != ""]
    other_documents = other_documents[
        other_documents["restates"].map(registry["document"]) != other_documents["document"]
    ]
    assert list(other_documents.index) == ["BIU11-OM1"]


def test_the_budget_note_restates_the_schema_goals_of_its_document(result, registry):
    # 002 line 151, budget note 2: "der skal oprettes 30 integrationsstillinger fra 2009 til
    # 2011 samt 30 elev- og praktikpladser i 2009 stigende til 50 pladser i 2011"
    restates = registry["restates"].fillna("")
    notes = registry[registry.index.str.startswith("OU09-N")]
    assert restates[notes.index].to_dict() == {
        "OU09-N2a": "OU09-I1.2",  # schema 1.2, integration positions
        "OU09-N2b.1": "OU09-I1.6",  # schema 1.6, apprentices and trainees
        "OU09-N2b.2": "OU09-I1.6",
    }
    measure = ["indicator", "group", "geography"]
    for goal_id, restated in restates[notes.index].items():
        assert registry.loc[goal_id, measure].tolist() == registry.loc[restated, measure].tolist()
        assert registry.loc[goal_id, "document"] == registry.loc[restated, "document"]
        assert "Budget note 2 restates" in registry.loc[goal_id, "note"]
    # their differences stay findings: "i 2009" vs "fra 2009 til 2011", per year or in total
    findings = result.tables[paths.FINDINGS_FILE]
    deadlines = findings.loc[findings["kind"] == "same_target_other_deadline", "description_en"]
    assert any("OU09-I1.2 2009, OU09-N2a 2011" in d for d in deadlines)
    assert any("OU09-I1.6 no deadline, OU09-N2b.2 2011" in d for d in deadlines)
    ambiguous = findings.loc[findings["kind"] == "ambiguous_period", "description_en"]
    assert any(d.startswith("OU09-N2a:") for d in ambiguous)


def test_an_implied_baseline_is_dated_to_before_the_policy_period(registry):
    # "I perioden til og med år 2010": the policy period 2007-2010, so the level of 2006
    goal = registry.loc["OU09-A1"]
    assert goal["policy_period"] == "2007-2010"
    assert (goal["baseline_value"], goal["baseline_period"]) == (54.0, "2006")
    assert "names no baseline period" in goal["note"] and "2007-2010" in goal["note"]


def test_a_schema_goal_is_measured_from_its_own_status(registry):
    # OU09-I1.2's status (line 55) reports 29 in 2007 and 27 in 2008: the latest before 2009
    goal = registry.loc["OU09-I1.2"]
    assert (goal["baseline_value"], goal["baseline_period"]) == (27.0, "2008")
    assert "D-OU09-09" in goal["note"]
    # OU09-I1.6's status reports "ca. 50" by the end of 2008, but the goal has no deadline
    # to be before: that figure is progress, not a baseline
    assert pd.isna(registry.loc["OU09-I1.6", "baseline_value"])


def test_a_superlative_goal_is_an_interpreted_target(registry):
    # 004:158 "At København er den bedst integrerende storby i Europa i 2015"
    goal = registry.loc["POL11-OM"]
    assert goal["kind"] == "interpreted"
    assert (goal["direction"], goal["target_value"], goal["unit"], goal["target_period"]) == (
        "at_most",
        1.0,
        "rank",
        "2015",
    )
    assert goal["note"].startswith("Interpreted target: the text writes no number")
    assert "Intercultural Cities Index" in goal["note"]
    assert set(registry.index[registry["kind"] == "interpreted"]) == {"POL11-OM"}


def _catalogue(ws):
    return {info.document: info for info in documents.catalogue(ws)}


def test_goals_are_in_force_from_the_half_year_their_document_is_dated_in(ws, registry):
    infos = _catalogue(ws)
    # ØU's account is dated April 2009 (documents.csv, with its evidence): 2009H1, not the
    # 2009H2 a bare year would give
    assert infos["002_eeed997eb7ee906a.txt"].published == "2009-04"
    first = registry.groupby("document")["in_force_from"].unique().map(list).to_dict()
    assert first == {
        "001_23ca76a43ab6e17f.txt": ["2006H2"],  # known only to the year 2006
        "002_eeed997eb7ee906a.txt": ["2009H1"],
        "003_b45c9dd53dcf16d9.txt": ["2011H2"],
        "004_434eb91f3f4ff3dc.txt": ["2011H2"],
    }


def test_goals_are_in_force_until_a_year_after_their_deadline(registry):
    until = registry["in_force_to"]
    assert until["OU09-I1.2"] == "2010H2"  # deadline 2009
    assert until["BIU11-I5"] == "2015H2"  # deadline 2014-H2 ("ultimo 2014")
    assert until["POL11-OM"] == "2016H2"  # deadline 2015
    assert until["OKF05-R6-2006"] == "2007H2"  # deadline 2006
    # no deadline: a year after the policy period 2007-2010 ends
    assert until["OU09-I1.6"] == "2011H2"
    assert until["BIU11-I4.1"] == "2015H2"
    for row in registry.itertuples():
        assert HalfYear.parse(row.in_force_from) <= HalfYear.parse(row.in_force_to), row.goal_id


def test_the_ou_account_has_two_general_goals_and_eight_initiatives(registry):
    ou = registry[registry["document"] == "002_eeed997eb7ee906a.txt"]
    assert ou.loc["OU09-B1", ["kind", "direction", "indicator"]].tolist() == [
        "directional",
        "at_most",
        "vulnerable_housing_areas_count",
    ]
    assert (ou.loc["OU09-B1", "baseline_value"], ou.loc["OU09-B1", "baseline_period"]) == (
        5.0,
        "2007",
    )
    initiatives = {re.match(r"OU09-I1\.(\d)", i)[1] for i in ou.index if i.startswith("OU09-I1.")}
    assert initiatives == set("12345678")
    assert ou.loc["OU09-I1.7", ["kind", "target_value"]].tolist() == ["milestone", 3.0]
    # the activity "Oprettelse af min. 30 ..." restates the goal of line 51
    assert ou.loc["OU09-I1.2", "line"] == 51
    assert ou.loc["OU09-I1.2", "also_stated_at"].startswith("line 50 (1.2 Indsats")


def test_the_okf_sheet_is_read_once_and_aligned_to_its_plain_rendering(registry):
    assert not (registry["document"] == "000_f7f82afbb3675ca3.txt").any()
    sheet = registry[registry["document"] == "001_23ca76a43ab6e17f.txt"]
    assert len(sheet) == 14
    for row in sheet.itertuples():
        assert "000_f7f82afbb3675ca3.txt line" in row.also_stated_at
    # the 3 % staff target is stated for two rows (jobbanker, lederkursus): one goal
    r7 = sheet.loc["OKF05-R7-2007"]
    assert "line 25 (Lederkursus om etnisk rekruttering)" in r7["also_stated_at"]
    assert "000_f7f82afbb3675ca3.txt line 223 (Aktiv brug af jobbanker)" in r7["also_stated_at"]
    assert "000_f7f82afbb3675ca3.txt line 247" in r7["also_stated_at"]
    assert sheet.loc["OKF05-R3-2006", ["kind", "target_period"]].tolist() == ["milestone", "2006"]


def test_lines_and_periods_are_valid(ws, registry):
    for row in registry.itertuples():
        lines = (ws.raw / "policy_documents" / row.document).read_text(encoding="utf-8").split("\n")
        first_words = " ".join(row.excerpt.split()[:2])
        assert first_words in squash(" ".join(lines[row.line - 1 : row.line + 2])), row.goal_id
        for period in (row.target_period, row.baseline_period):
            if isinstance(period, str) and period:
                parse_period(period)
        assert row.policy_period in ("2005-2007", "2007-2010", "2011-2014")
        assert re.fullmatch(
            r"(OKF05|OU09|BIU11|POL11)-[A-Z]+[0-9]*[a-z]?(\.\d+[a-z]?)*(-\d{4})?(\.\d)?",
            row.goal_id,
        ), row.goal_id


def test_kinds_agree_with_targets(registry):
    quantitative = registry[registry["kind"] == "quantitative"]
    assert quantitative["target_value"].notna().all()
    assert (quantitative["unit"] != "").all()
    assert registry[registry["kind"] == "qualitative"]["target_value"].isna().all()
    directional = registry[registry["kind"] == "directional"]
    assert directional["target_value"].isna().all()
    assert directional["direction"].isin(["increase", "decrease", "reflect", "at_most"]).all()


def test_policy_percent_is_read_as_points_and_reported(ws):
    tables = pipeline.clean_goals(ws, write=False).tables
    registry = tables[paths.GOALS_FILE].set_index("goal_id")
    assert registry.loc["POL11-HM2", "unit"] == "percentage_points"
    assert "writes the target in '%'" in registry.loc["POL11-HM2", "note"]
    findings = tables["findings.csv"]
    [text] = findings.loc[findings["kind"] == "unit_mismatch", "description_en"]
    assert "'5,8 procentpoint' vs '5,8 %'" in text
