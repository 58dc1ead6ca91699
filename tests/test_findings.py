"""The findings table: contradictions and open points found by rules."""

import copy
import dataclasses
import re

import pytest

from helpers import pipeline
from helpers.core.danish import format_shortest, format_value
from helpers.core.periods import parse_date_label
from helpers.goals import budget, documents, wording
from helpers.goals.findings import budget_findings, goal_findings
from helpers.goals.records import KIND_LABELS_DA, KIND_ORDER
from helpers.goals.registry import read_registry


@pytest.fixture(scope="module")
def findings(ws):
    return pipeline.clean_goals(ws, write=False).tables["findings.csv"]


def _kind(findings, kind):
    return findings[findings["kind"] == kind]


def test_ids_and_columns(findings):
    assert list(findings.columns) == [
        "finding_id",
        "kind",
        "documents",
        "dated",
        "description_da",
        "description_en",
        "detail",
    ]
    assert list(findings["finding_id"]) == [f"FND-{n:02d}" for n in range(1, len(findings) + 1)]


def test_a_finding_is_dated_when_its_last_document_exists(ws, findings):
    published = {i.document: i.published for i in documents.catalogue(ws)}
    for row in findings.itertuples():
        dates = [published[name] for name in row.documents.split("; ")]
        assert row.dated in dates
        last_day = parse_date_label(row.dated).end
        assert all(parse_date_label(d).end <= last_day for d in dates), row.finding_id
    # the 'no measurable target' finding is about the ØKF sheet (2006) and ØU's account
    # (April 2009): it exists from April 2009
    both = findings[findings["documents"] == "001_23ca76a43ab6e17f.txt; 002_eeed997eb7ee906a.txt"]
    assert len(both) and set(both["dated"]) == {"2009-04"}


def test_the_units_of_the_restated_overunemployment_goal_differ(findings):
    [row] = _kind(findings, "unit_mismatch").itertuples()
    assert "BIU11-OM1 restates POL11-HM2" in row.description_en
    assert "'5,8 procentpoint' vs '5,8 %'" in row.description_en


def test_status_schemas_against_the_budget(findings):
    text = " ".join(_kind(findings, "budget_vs_status")["description_en"])
    assert "'7,497 mio. kr. i 2009'" in text and "5.400" in text
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


# --- Danish descriptions --------------------------------------------------------------

ENGLISH = re.compile(
    r"\b(the|and|of|with|not|has|in|vs|times|instead|but|line|lines|goal|goals|target|"
    r"deadline|restates|reports|status schema|economic overview|rendering)\b",
    re.IGNORECASE,
)
DANISH_NUMBER = re.compile(r"-?\d{1,3}(?:\.\d{3})*(?:,\d+)?")


def _danish(findings, kind):
    return list(_kind(findings, kind)["description_da"])


def test_every_kind_has_a_danish_label():
    assert set(KIND_LABELS_DA) == set(KIND_ORDER)
    assert all(label and not ENGLISH.search(label) for label in KIND_LABELS_DA.values())


def test_every_finding_is_described_in_danish(findings):
    assert all(ENGLISH.search(text) for text in findings["description_en"]), "the check bites"
    for row in findings.itertuples():
        assert row.description_da and row.description_da != row.description_en, row.finding_id
        assert not ENGLISH.search(row.description_da), (row.finding_id, row.description_da)


def test_numbers_with_a_unit_are_written_the_danish_way(findings):
    text = " ".join(findings["description_da"])
    amounts = re.findall(r"(-?\d[\d.,]*) (?:%|procentpoint|\(1\.000 kr\.\))", text)
    assert len(amounts) >= 10
    assert all(DANISH_NUMBER.fullmatch(a) for a in amounts), amounts


def test_danish_sentences_checked_against_the_documents(findings):
    # 003 lines 30-31 "max 5,8 procentpoint i 2014"; 004 lines 187-188 "max 5,8 % i 2014".
    assert _danish(findings, "unit_mismatch") == [
        "BIU11-OM1 gentager målet POL11-HM2 med samme tal, men i en anden enhed: "
        "'5,8 procentpoint' mod '5,8 %'."
    ]
    # 002 line 48 "Økonomi 7,5 mio. kr. i 2009"; table line 139 books 7520 in 2009 (1000 kr.):
    # 7500 is 20 lower, 20 / 7520 = 0,27 % -> "0,3 %". Line 96 "7,497 mio. kr. i 2009" against
    # 5400 on line 143: 2097 higher, 2097 / 5400 = 38,8 %.
    amounts = _danish(findings, "budget_vs_status")
    assert amounts[0] == (
        "1.2 Indsats vedrørende oprettelse af integrations- og oplæringsstillinger: "
        "Statusskemaet angiver '7,5 mio. kr. i 2009' for 2009, men den økonomiske oversigt "
        "afsætter 7.520 (1.000 kr.) på linjen 'Integrations- og oplæringsstillinger'. "
        "Skemaets beløb, 7.500 (1.000 kr.), er 20 lavere (0,3 %); forskellen er under 1 %, "
        "så skemaet kan have afrundet."
    )
    assert "afsætter 5.400 (1.000 kr.)" in amounts[1]
    assert "er 2.097 højere (38,8 %)." in amounts[1]
    # 002 lines 138-143: six cells say "(Se note N)".
    assert _danish(findings, "budget_open")[0] == (
        "I 6 felter i den økonomiske oversigt står en henvisning til en note i stedet for et beløb."
    )
    # 003 line 220.
    assert _danish(findings, "page_furniture")[0] == (
        "Sidetallet 'Side 6 af 5' peger på en side ud over dokumentets sideantal "
        "(der ses bort fra det ved indlæsningen)."
    )
    # 001 line 20 "skønnet at 6,5 % ... nydanskere.*", line 28 the footnote.
    assert _danish(findings, "unverified_figure") == [
        "Dokumentet skriver selv, at tallet D-OKF05-01 (6,5 %, 2005) ikke er bekræftet: "
        "'Tallet er ikke bekræftet af Danmarks statistik'."
    ]
    # 004 lines 210-211 "Tryghedsindekset skal gå i positiv retning (XX)".
    assert "POL11-HM6 har intet måltal: dokumentet skriver '(XX)' i stedet for et tal." in (
        _danish(findings, "target_not_set")
    )


def test_danish_wording_of_deadlines_indicators_and_renderings(findings):
    same = " ".join(_danish(findings, "same_target_other_deadline"))
    assert "(30 for antal integrations- og oplæringsstillinger)" in same
    assert "OU09-I1.2 (2009) og OU09-N2a (2011)" in same
    assert "OU09-I1.6 (ingen frist) og OU09-N2b.2 (2011)" in same
    [status] = _danish(findings, "goal_vs_status")
    assert "har et mål for antal rådgivne iværksættere og virksomheder (150 senest i 2008)" in (
        status
    )
    assert "oplyser i stedet antal rådgivningskontakter og antal kursusdeltagere" in status
    rendering = " ".join(_danish(findings, "rendering_difference"))
    assert (
        "'indvandrervirksomheder' i tekstudgaven 000_f7f82afbb3675ca3.txt mod "
        "'indvandreraktiviteter' i tabeludgaven 001_23ca76a43ab6e17f.txt, 3 gange."
    ) in rendering
    assert "'Bilag 10b' står kun i tabeludgaven 001_23ca76a43ab6e17f.txt." in rendering
    assert "befolkningen og arbejdsstyrken" in " ".join(_danish(findings, "benchmark_mismatch"))


@pytest.fixture(scope="module")
def registry(ws):
    return read_registry(ws)


def test_a_failed_budget_total_is_described_in_danish(ws):
    table = budget.read_budget(ws)
    checks = table.checks.copy()
    assert checks.loc[0, "what"] == "row 'Etnisk iværksætter': 2008 = I alt"
    checks.loc[0, ["stated", "ok"]] = [2100, False]  # the real total is 2000
    rows = budget_findings(dataclasses.replace(table, checks=checks))
    [total] = [r for r in rows if r["kind"] == "budget_total"]
    assert total["description_da"] == (
        "En sum i den økonomiske oversigt stemmer ikke: rækken 'Etnisk iværksætter': "
        "2008 = I alt. Oversigten angiver 2.100, men beløbene giver 2.000 lagt sammen "
        "(1.000 kr.)."
    )


def test_an_inconsistent_restatement_is_described_in_danish(ws, registry):
    [restated] = [g for g in registry.goals if "consistent with the target" in g.note]
    broken = copy.copy(restated)
    broken.note = restated.note.replace("consistent", "INCONSISTENT")
    others = [g for g in registry.goals if g is not restated]
    rows = goal_findings(ws, dataclasses.replace(registry, goals=[*others, broken]))
    [row] = [r for r in rows if r["kind"] == "inconsistent_restatement"]
    assert row["description_da"].startswith(f"{restated.goal_id}: Dokumentet gentager målet")
    assert not ENGLISH.search(row["description_da"])
    assert not [r for r in goal_findings(ws, registry) if r["kind"] == "inconsistent_restatement"]


def test_every_kind_is_covered(findings):
    covered = set(findings["kind"]) | {"budget_total", "inconsistent_restatement"}
    assert covered == set(KIND_ORDER)


def test_danish_number_and_period_words():
    assert format_shortest(7520) == "7.520"
    assert format_shortest(0.3) == "0,3"
    assert format_value(5.8, "percentage_points", "shortest") == "5,8 procentpoint"
    assert format_value(7520, "thousand_dkk", "shortest") == "7.520 (1.000 kr.)"
    assert wording.period("2014-H2") == "2. halvår 2014"
    assert wording.join(["a", "b", "c"]) == "a, b og c"
