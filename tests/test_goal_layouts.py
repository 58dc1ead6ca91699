"""The three layout readers on real excerpts of the documents (read from the files)."""

from dataclasses import replace

import pytest

from helpers.core.errors import InputDataError
from helpers.goals import documents, prose, results_sheet, status_schemas, structure
from helpers.goals.documents import PolicyDocument, squash


def excerpt(ws, name: str, first: int, last: int) -> PolicyDocument:
    """Raw lines ``first..last`` of a real document, as a document of their own (a
    name without reference sections, so only the layout reader runs)."""
    doc = documents.load(ws, name)
    lines = doc.raw.split("\n")[first - 1 : last]
    return PolicyDocument(replace(doc.info, document=f"excerpt-{name}"), "\n".join(lines))


def test_section_headings_ignore_glued_list_numbers(ws):
    doc = documents.load(ws, "003_b45c9dd53dcf16d9.txt")
    secs = {s.code: s.line for s in structure.sections(ws, doc)}
    # line 43 "Bekæmpe diskrimination og styrke ligebehandling1." is the list, line 57 the heading
    assert secs["I1"] == 57
    assert secs["I2"] == 99


def test_a_heading_missing_from_the_document_is_an_error(ws, tmp_ws):
    path = tmp_ws.reference / structure.SECTIONS_FILE
    path.write_text(
        path.read_text(encoding="utf-8") + "003_b45c9dd53dcf16d9.txt,ZZ,Ikke en overskrift\n",
        encoding="utf-8",
    )
    with pytest.raises(InputDataError, match="Ikke en overskrift"):
        structure.sections(tmp_ws, documents.load(tmp_ws, "003_b45c9dd53dcf16d9.txt"))


def test_tab_separated_schema_with_a_goal_list(ws):
    # 002 lines 32-43: schema 1.1, goals in <ul><li> items
    doc = excerpt(ws, "002_eeed997eb7ee906a.txt", 32, 43)
    [schema] = status_schemas.read_schemas(ws, doc)
    assert schema.name == "Etnisk iværksætteri"
    assert schema.get(*status_schemas.GOAL_FIELDS).label == "Indsatsens mål"
    found = [s for s in status_schemas.read_schema_goals(ws, doc) if s.role == "goal"]
    assert [s.text for s in found] == [
        "At mindst 150 etniske iværksættere og virksomheder modtager rådgivning i 2008",
        "At Københavns Erhvervscenter indgår i div. projekter omkring målgruppen",
        "At Københavns Erhvervscenter arbejder med at gøre finansiering for etniske iværksættere "
        "nemmere (via kom-i-gang-lån, mikrofinansiering)",
    ]
    assert [s.key[-1] for s in found] == ["a", "b", "c"]
    assert all(s.excerpt in squash(doc.raw) for s in found)
    assert {s.line for s in found} == {7}  # the "Indsatsens mål" line of the excerpt


def test_tab_separated_schema_with_paragraphs(ws):
    # 002 lines 45-56: schema 1.2 ("Mål" field, <p> paragraphs in the status)
    doc = excerpt(ws, "002_eeed997eb7ee906a.txt", 45, 56)
    [schema] = status_schemas.read_schemas(ws, doc)
    assert schema.fields["Økonomi"].text == "7,5 mio. kr. i 2009"
    status = schema.fields[status_schemas.STATUS_FIELD]
    assert status.items[0] == (
        "Gennemførte aktiviteter: I 2007 er der ansat 29 personer, i 2008 27 personer "
        "(4 ekstra personer planlagt)."
    )
    statements = status_schemas.read_schema_goals(ws, doc)
    goal = [s for s in statements if s.role == "goal"]
    activities = [s for s in statements if s.role == "activity"]
    assert [s.text for s in goal] == [
        "Der skal ansættes minimum 30 integrations og oplæringsstillinger i 2009"
    ]
    assert activities[0].text == "Oprettelse af min. 30 integrations- og oplæringsstillinger i 2009"


def test_general_goals_are_split_into_sentences(ws):
    doc = documents.load(ws, "002_eeed997eb7ee906a.txt")
    general = [s for s in status_schemas.read_schema_goals(ws, doc) if s.key in ("A1", "A2", "B1")]
    assert [s.key for s in general] == ["A1", "A2", "B1"]
    assert general[1].text.startswith("Herunder har Københavns Kommune det mål")
    assert all(s.excerpt in squash(doc.raw) for s in general)


def test_budget_note_goals(ws):
    doc = documents.load(ws, "002_eeed997eb7ee906a.txt")
    notes = [s for s in status_schemas.read_schema_goals(ws, doc) if s.key.startswith("N")]
    assert [(s.key, s.text) for s in notes] == [
        ("N2a", "der skal oprettes 30 integrationsstillinger fra 2009 til 2011"),
        ("N2b", "30 elev- og praktikpladser i 2009 stigende til 50 pladser i 2011"),
    ]


def test_pipe_tables(ws):
    # 001 lines 9-26: four-column header, then three tables; the last row is split
    doc = excerpt(ws, "001_23ca76a43ab6e17f.txt", 9, 26)
    sheet = results_sheet.read_sheet(doc)
    assert sheet.columns == ["Mål 2007", "Resultatkrav 2007", "Resultatkrav 2006", "Resultat 2005"]
    assert len(sheet.rows) == 9
    heading = sheet.rows[5]
    assert heading.cells[0] == "Interne projekter i Økonomiforvaltningen"
    assert heading.cells[1:] == ["", "", ""]
    last = sheet.rows[-1]
    assert last.continued and last.lines == [17, 18]
    assert last.cells[1] == "3 % af ØKFs medarbejdere er af anden etnisk oprindelse end dansk"
    assert last.cells[3] == "1,7 % af ØKFs medarbejdere er af anden etnisk oprindelse end dansk"


def test_pipe_table_without_header_is_an_error(ws):
    # 001 lines 23-26: the split table alone has an empty header
    with pytest.raises(InputDataError, match="columns"):
        results_sheet.read_sheet(excerpt(ws, "001_23ca76a43ab6e17f.txt", 23, 26))


def test_the_two_renderings_align(ws):
    plain = documents.load(ws, "000_f7f82afbb3675ca3.txt")
    piped = documents.load(ws, "001_23ca76a43ab6e17f.txt")
    plain_tokens = results_sheet.tokens_of_text(plain)
    piped_tokens = results_sheet.tokens_of_sheet(piped)
    matcher = results_sheet.align(plain_tokens, piped_tokens)
    # row 21 (Aktiv brug af jobbanker): 2007 at 000 line 223, 2006 at 227, 2005 at 233
    lines = [
        results_sheet.line_in_plain(matcher, plain_tokens, piped_tokens, 21, cell)
        for cell in (1, 2, 3)
    ]
    assert lines == [223, 227, 233]
    differences = results_sheet.rendering_differences(plain, piped)
    pairs = {(d.plain_words.strip(",."), d.piped_words.strip(",.")) for d in differences}
    assert ("indvandrervirksomheder", "indvandreraktiviteter") in pairs
    assert ("Alsidig", "Alsiddig") in pairs
    assert ("Mimersgadekv arteret", "Mimersgadekvarteret") in pairs
    assert ("", "Bilag 10b") in pairs


def test_prose_overall_goals_list(ws):
    # 003 lines 25-35: the intro says "3 overordnede målsætninger", then three items
    doc = excerpt(ws, "003_b45c9dd53dcf16d9.txt", 25, 35)
    found = prose.read_prose(ws, doc)
    assert [s.text for s in found] == [
        "Overledigheden blandt etniske minoriteter skal være på max 5,8 procentpoint i 2014.",
        "Andelen af etniske minoriteter, der føler sig inkluderet, skal stige.",
        "Andelen af etniske minoriteter, der oplever diskrimination, skal falde",
    ]
    assert [s.line for s in found] == [6, 8, 10]


def test_prose_main_goals_of_the_policy(ws):
    doc = documents.load(ws, "004_434eb91f3f4ff3dc.txt")
    found = prose.read_prose(ws, doc)
    keys = [s.key for s in found]
    assert keys.count("OM") == 1
    for n in range(1, 7):
        assert keys.count(f"HM{n}") == 2, "overview table + HOVEDMÅL section"
    hm5 = [s for s in found if s.key == "HM5"][1]
    assert hm5.line == 363 and hm5.section.code == "HM5"
    assert hm5.text.startswith("Etniske minoriteters brug af kommunale tilbud")


def test_prose_baseline_and_change_across_a_page_break(ws):
    doc = documents.load(ws, "003_b45c9dd53dcf16d9.txt")
    found = prose.read_prose(ws, doc)
    [baseline] = [s for s in found if s.role == "baseline"]
    [change] = [s for s in found if s.role == "change"]
    assert (baseline.text, baseline.line, baseline.key) == (
        "I dag er niveauet 10 procent",
        225,
        "I5",
    )
    assert change.text == (
        "Således skal andelen af praktik og løntilskud stige med 20 procentpoint frem mod "
        "udgangen af 2014."
    )
