"""The findings table: contradictions and open points found by rules."""

import pytest

from helpers import stages


@pytest.fixture(scope="module")
def findings(ws):
    return stages.clean_goals(ws, write=False).tables["findings.csv"]


def _kind(findings, kind):
    return findings[findings["kind"] == kind]


def test_ids_and_columns(findings):
    assert list(findings.columns) == ["finding_id", "kind", "documents", "description_en", "detail"]
    assert list(findings["finding_id"]) == [f"FND-{n:02d}" for n in range(1, len(findings) + 1)]


def test_the_units_of_the_restated_overunemployment_goal_differ(findings):
    [row] = _kind(findings, "unit_mismatch").itertuples()
    assert "BIU11-OM1 restates POL11-HM2" in row.description_en
    assert "'5,8 procentpoint' vs '5,8 %'" in row.description_en


def test_status_schemas_against_the_budget(findings):
    text = " ".join(_kind(findings, "budget_vs_status")["description_en"])
    assert "'7,497 mio. kr. i 2009'" in text and "5400" in text
    assert "'7,5 mio. kr. i 2009'" in text
    assert "1.1 Indsats vedrørende etnisk iværksætteri" in text
    assert "1.8 Indsats vedrørende Sociale klausuler" in text
    assert _kind(findings, "budget_total").empty, "every total of the table adds up"


def test_page_furniture_and_renderings(findings):
    furniture = " ".join(_kind(findings, "page_furniture")["description_en"])
    assert "'Side 6 af 5'" in furniture and "'Side 14 af 11'" in furniture
    rendering = " ".join(_kind(findings, "rendering_difference")["description_en"])
    assert "'indvandrervirksomheder' in 000_f7f82afbb3675ca3.txt vs 'indvandreraktiviteter'" in (
        rendering
    )
    assert "'Alsidig'" in rendering and "3 times" in rendering
    assert len(_kind(findings, "table_split")) == 1


def test_open_goals(findings):
    assert len(_kind(findings, "target_not_set")) == 4
    no_deadline = " ".join(_kind(findings, "no_deadline")["description_en"])
    assert "BIU11-I4.1" in no_deadline and "OU09-I1.6" in no_deadline
    same = " ".join(_kind(findings, "same_target_other_deadline")["description_en"])
    assert "OU09-I1.2 2009, OU09-N2a 2011" in same


def test_benchmarks_and_measures(findings):
    bench = " ".join(_kind(findings, "benchmark_mismatch")["description_en"])
    assert "population, workforce" in bench
    assert "OU09-A2" in bench
    [status] = _kind(findings, "goal_vs_status").itertuples()
    assert "OU09-I1.1a counts advised_entrepreneurs_count" in status.description_en
    layout = _kind(findings, "overview_layout")["detail"].iloc[0]
    assert "HM2: listed under 'Alle unge skal have en god start på livet'" in layout
