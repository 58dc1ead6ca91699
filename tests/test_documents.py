"""Cleaning the policy documents' text without losing the way back to the raw lines."""

from helpers.goals import documents


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
