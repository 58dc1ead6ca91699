"""ØU's economic overview (002 lines 137-153): long form, totals, cross-checks."""

from dataclasses import replace

import pandas as pd
import pytest

from helpers.core.errors import InputDataError
from helpers.goals import budget, documents
from helpers.goals.documents import PolicyDocument


@pytest.fixture  # per test (20 ms): mutation testing maps each function to the tests calling it
def table(ws):
    return budget.read_budget(ws)


def test_the_table_is_reproduced(table):
    assert table.periods == ["2008", "2009", "2010", "2011", "total"]
    assert len(table.rows) == 11
    long = table.long.set_index(["line", "period"])
    assert (
        long.loc[("Integrations- og oplæringsstillinger", "total"), "amount_thousand_dkk"] == 15290
    )
    assert (
        long.loc[("Integrationsprojekter – samlet beløb", "2009"), "amount_thousand_dkk"] == 16943
    )
    assert long.loc[("I alt", "total"), "amount_thousand_dkk"] == 135913
    # "(Se note 2)" is a note, not a number
    cell = long.loc[("Elev- og praktikantstillinger", "2011")]
    assert pd.isna(cell["amount_thousand_dkk"])
    assert cell["note"].startswith("note 2: Borgerrepræsentationen vedtog")
    # a note in the row label goes to every cell of the row
    assert long.loc[
        ("Partnerskab for Byudviklingen af Mimersgadekvarteret", "total"), "note"
    ].startswith("note 4: Partnerskab")
    # one row per non-empty cell
    assert len(table.long) == 36


def test_every_total_reconciles(table):
    checks = table.checks
    assert checks["ok"].all()
    assert checks["what"].str.startswith("row ").sum() == 9
    assert checks["what"].str.startswith("column ").sum() == 5
    assert checks["what"].str.startswith("note 4").sum() == 1


def test_a_wrong_total_is_caught(table):
    rows = [replace(r, cells=dict(r.cells)) for r in table.rows]
    rows[1].cells["2008"] = "7700"  # instead of 7770
    checks = budget.reconcile(rows, table.periods, table.notes)
    failed = checks[~checks["ok"]]
    assert set(failed["what"]) == {
        "row 'Integrations- og oplæringsstillinger': 2008 + 2009 = I alt",
        "column 2008: 'Integrationsprojekter – samlet beløb' = 'Etnisk iværksætter'; "
        "'Integrations- og oplæringsstillinger'; 'Mangfoldighedskorps'; 'Anti-diskrimination'; "
        "'Præmieordning'; 'Elev- og praktikantstillinger'; 'Midlertidige aktiviteter på "
        "DSB-arealet'; 'Sociale klausuler'",
    }


def test_an_unreadable_cell_names_file_row_and_column(ws):
    doc = documents.load(ws, "002_eeed997eb7ee906a.txt")
    raw = doc.raw.replace("\t7770\t", "\t7.77O\t")
    broken = PolicyDocument(replace(doc.info, document="broken.txt"), raw)
    with pytest.raises(InputDataError) as error:
        budget.parse_table(broken)
    assert "broken.txt, row 139, column '2008': value '7.77O'" in str(error.value)


def test_status_schemas_against_the_table(table):
    status = table.status.set_index(["budget_line", "period"])
    assert not status.loc[("Elev- og praktikantstillinger", "2009"), "agrees"]
    assert status.loc[("Elev- og praktikantstillinger", "2009"), "schema_thousand_dkk"] == 7497
    assert not status.loc[("Integrations- og oplæringsstillinger", "2009"), "agrees"]
    assert status.loc[("Mangfoldighedskorps", "2009"), "agrees"]
    assert status.loc[("Anti-diskrimination", "2008"), "agrees"]  # "I 08 ... 300.000 kr."
    assert status.loc[("Partnerskab for Byudviklingen af Mimersgadekvarteret", "total"), "agrees"]
    flagged = {where.split()[0] for where, _ in table.flags}
    assert flagged == {"1.1", "1.8"}


def test_schema_names_find_their_budget_line(table):
    assert budget.match_line("Indsats vedr. Anti-diskrimination", table.rows).label == (
        "Anti-diskrimination"
    )
    assert budget.match_line("Etnisk iværksætteri", table.rows).label == "Etnisk iværksætter"
    assert budget.match_line("Mangfoldighedskorps", table.rows).label == "Mangfoldighedskorps"
