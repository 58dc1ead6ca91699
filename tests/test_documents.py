"""Cleaning the policy documents' text without losing the way back to the raw lines."""

import re

import pytest

from helpers.core.errors import InputDataError
from helpers.goals import documents
from helpers.goals.documents import squash


def test_catalogue_lists_the_five_documents(ws):
    names = [d.document for d in documents.catalogue(ws)]
    assert names == sorted(p.name for p in (ws.raw / "policy_documents").glob("*.txt"))


def test_page_furniture_is_removed(ws):
    doc = documents.load(ws, "003_b45c9dd53dcf16d9.txt")
    assert "Side 6 af 5" in doc.raw
    assert "Side 6 af 5" not in doc.cleaned.text


def test_soft_hyphenation_is_joined_and_real_hyphens_kept(ws):
    okf = documents.load(ws, "000_f7f82afbb3675ca3.txt")
    assert "og uddannelses-\nmønster" in okf.raw
    assert "uddannelsesmønster" in okf.cleaned.text
    policy = documents.load(ws, "004_434eb91f3f4ff3dc.txt")
    assert "ikke-\nvestlig" in policy.raw
    assert "danskere med ikke-vestlig baggrund" in policy.cleaned.text
    assert "i kultur- og foreningslivet" in policy.cleaned.text


def test_cleaned_text_maps_back_to_raw_lines(ws):
    doc = documents.load(ws, "003_b45c9dd53dcf16d9.txt")
    offset = doc.cleaned.text.index(
        "Overledigheden blandt etniske minoriteter skal være på max 5,8"
    )
    line = doc.cleaned.line_of(offset)
    assert doc.raw.split("\n")[line - 1].startswith("Overledigheden blandt etniske minoriteter")
    assert len(doc.cleaned.lines) == len(doc.cleaned.text)


def test_every_document_date_quotes_its_evidence_verbatim(ws):
    # documents.csv dates each document as precisely as the document shows it; every
    # quoted fragment of date_evidence stands in the document's text
    for info in documents.catalogue(ws):
        doc = documents.load(ws, info.document)
        quotes = re.findall(r"'([^']+)'", info.date_evidence)
        assert quotes, info.document
        for quote in quotes:
            assert quote in squash(doc.raw), (info.document, quote)


def test_a_document_date_that_is_no_date_is_refused(tmp_ws):
    catalogue = tmp_ws.reference / "documents.csv"
    text = catalogue.read_text(encoding="utf-8")
    catalogue.write_text(text.replace(",2009-04,", ",april 2009,"), encoding="utf-8")
    with pytest.raises(InputDataError) as error:
        documents.catalogue(tmp_ws)
    assert "data/reference/documents.csv, row 4, column 'published': value 'april 2009'" in str(
        error.value
    )
