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


# --- edges, messages and every column (found by mutation testing: MODULES=budget) ------------


def broken_table(ws, old, new, name="broken.txt"):
    doc = documents.load(ws, "002_eeed997eb7ee906a.txt")
    assert doc.raw.count(old) == 1, old
    return PolicyDocument(replace(doc.info, document=name), doc.raw.replace(old, new))


def test_amount_reads_a_cell_of_the_table(table):
    assert table.amount("Integrations- og oplæringsstillinger", "total") == 15290
    assert table.amount("Etnisk iværksætter", "2008") == 2000
    assert table.amount("Etnisk iværksætter", "2009") is None  # "(Se note 1)"
    assert table.amount("Etnisk iværksætter", "2010") is None  # empty
    assert table.amount("Etnisk iværksætter", "2030") is None  # no such column


def test_each_check_names_what_it_adds_and_both_sums(table):
    checks = table.checks.set_index("what")
    # a row: its non-empty year cells against its total (notes are not amounts)
    row = checks.loc["row 'Integrations- og oplæringsstillinger': 2008 + 2009 = I alt"]
    assert (row["stated"], row["computed"], row["ok"]) == (15290, 15290, True)
    assert "row 'Etnisk iværksætter': 2008 = I alt" in checks.index
    # the grand total adds the rows after the previous total, and that total itself
    total = checks.loc[
        "column I alt: 'I alt' = 'Partnerskab for Byudviklingen af Mimersgadekvarteret'; "
        "'Integrationsprojekter – samlet beløb'"
    ]
    assert (total["stated"], total["computed"]) == (135913, 135913)
    # a note that spells out the millions
    note = checks.loc[
        "note 4: 50 mio. kr. + 50 mio. kr. = "
        "'Partnerskab for Byudviklingen af Mimersgadekvarteret' I alt"
    ]
    assert (note["stated"], note["computed"]) == (100000, 100000)
    assert list(table.checks.columns) == ["what", "stated", "computed", "ok"]
    assert str(table.checks["stated"].dtype) == "Int64" == str(table.checks["computed"].dtype)


def test_a_total_is_ok_within_half_a_thousand_kroner_only(table):
    for wrong, ok in (("2000", True), ("2001", False)):
        rows = [replace(r, cells=dict(r.cells)) for r in table.rows]
        rows[0].cells["total"] = wrong  # Etnisk iværksætter: 2008 = 2000
        checks = budget.reconcile(rows, table.periods, table.notes).set_index("what")
        assert checks.at["row 'Etnisk iværksætter': 2008 = I alt", "ok"] == ok
    assert budget._check("x", 10.0, 10.4)["ok"] and not budget._check("x", 10.0, 10.5)["ok"]


def test_the_long_table_types_and_notes(table):
    long = table.long.set_index(["line", "period"])
    assert str(table.long["amount_thousand_dkk"].dtype) == "Int64"
    assert list(table.long.columns) == ["line", "period", "amount_thousand_dkk", "note"]
    assert long.at[("Etnisk iværksætter", "2008"), "note"] == ""  # no note: empty
    assert long.at[("Etnisk iværksætter", "2009"), "note"].startswith("note 1: ")
    rows = [replace(r, cells=dict(r.cells)) for r in table.rows]
    rows[0].cells["2009"] = "(Se note 9)"
    long = budget.to_long(rows, table.periods, table.notes).set_index(["line", "period"])
    assert long.at[("Etnisk iværksætter", "2009"), "note"] == "note 9 (not in the document)"


def test_a_row_with_a_missing_cell_is_refused_with_the_header(ws):
    broken = broken_table(ws, "\t7770\t", "\t")
    with pytest.raises(InputDataError) as error:
        budget.parse_table(broken)
    problem = error.value.problems[0]
    assert (problem.file, problem.row, problem.column) == (
        "data/raw/policy_documents/broken.txt",
        139,
        None,
    )
    assert problem.expected == (
        "6 tab-separated cells as in the table's header (a label, then 2008, 2009, 2010, "
        "2011, I alt); found 5: a missing or extra cell would move every later amount into "
        "the wrong column"
    )
    assert problem.value.startswith("Integrations- og oplæringsstillinger 7520")


def test_an_unreadable_cell_says_what_a_cell_may_hold(ws):
    with pytest.raises(InputDataError) as error:
        budget.parse_table(broken_table(ws, "\t7770\t", "\t7.77O\t"))
    (problem,) = error.value.problems
    assert (problem.row, problem.column, problem.value, problem.expected) == (
        139,
        "2008",
        "7.77O",
        "a number, '(Se note N)' or empty",
    )


def test_a_document_without_the_table_title_is_refused(ws):
    with pytest.raises(InputDataError) as error:
        budget.parse_table(broken_table(ws, budget.UNIT_MARK, "(i kr.)"))
    (problem,) = error.value.problems
    assert (problem.file, problem.row, problem.column, problem.value) == (
        "data/raw/policy_documents/broken.txt",
        None,
        None,
        None,
    )
    assert problem.expected == "a budget table whose title says (i 1000 kr.)"


def test_the_table_ends_at_the_first_empty_line(table):
    assert table.rows[-1].label == "I alt" and table.rows[-1].line == 148
    assert [r.line for r in table.rows] == list(range(138, 149))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,5 mio. kr. i 2009", [("2,5 mio. kr. i 2009", 2500.0, "2009")]),
        ("300.000 kr.", [("300.000 kr.", 300.0, "total")]),
        ("Ca. 200.000", [("Ca. 200.000", 200.0, "total")]),  # a bare thousands number: kr.
        ("50 elever", []),  # a bare number without a thousands point is not money
        ("I 08 er der udmøntet 300.000 kr.", [("300.000 kr.", 300.0, "total"),
                                               ("I 08 er der udmøntet 300.000 kr.", 300.0,
                                                "2008")]),
    ],
)  # fmt: skip
def test_schema_amounts(text, expected):
    assert budget._schema_amounts(text) == expected


def test_names_are_compared_without_case_or_the_usual_prefix(table):
    assert budget._normal("Oprettelse af  Mangfoldighedskorps") == "mangfoldighedskorps"
    assert budget._normal("INDSATS VEDR. Anti") == "anti"
    assert budget.match_line("Noget helt andet", table.rows) is None
    assert budget.match_line("Integrationsprojekter – samlet beløb", table.rows) is None


def test_a_schema_row_in_full_and_the_status_columns(table):
    assert table.document == "002_eeed997eb7ee906a.txt"
    assert list(table.status.columns) == budget.STATUS_COLUMNS
    rows = table.status.loc[table.status["budget_line"] == "Anti-diskrimination"]
    # line 74 (Økonomi): "323.000 kr. i 2009" = 323 thousand, as the table books for 2009;
    # line 80 (Status): "I 08 er der udmøntet 300.000 kr." = 300 thousand in 2008. The bare
    # "300.000 kr." in the status field has no year (a total) and is not compared.
    assert rows.to_dict("records") == [
        {"initiative": "1.4 Indsats vedrørende Anti-diskrimination",
         "budget_line": "Anti-diskrimination", "period": "2009",
         "stated_in_schema": "323.000 kr. i 2009", "schema_thousand_dkk": 323.0,
         "budget_thousand_dkk": 323.0, "agrees": True, "schema_line": 74},
        {"initiative": "1.4 Indsats vedrørende Anti-diskrimination",
         "budget_line": "Anti-diskrimination", "period": "2008",
         "stated_in_schema": "I 08 er der udmøntet 300.000 kr.", "schema_thousand_dkk": 300.0,
         "budget_thousand_dkk": 300.0, "agrees": True, "schema_line": 80},
    ]  # fmt: skip


def test_the_flags_quote_the_schema_and_the_booked_cells(table):
    postponed, until = table.flags
    assert postponed[1].endswith(
        "blev disse midler udskudt.'; the table books 2000 in 2008 on 'Etnisk iværksætter'"
    )
    # funds "til og med 2009", and the table books 1000 in 2010 (not 2009 itself)
    assert until == (
        "1.8 Indsats vedrørende Sociale klausuler",
        "the schema's 'Status ift. målopfyldelse' (line 132) says funds run 'til og med "
        "2009'; the table books 1000 in 2010 on 'Sociale klausuler'",
    )
