"""``make pdf``: the 2013H2 report printed to A4 by Debian's Chromium (headless).

The browser is the system's ``/usr/bin/chromium`` (``apt-get install chromium
fonts-liberation``; ``.ci/run`` installs both where it can), the same one the browser
test drives: nothing is downloaded. Without Chromium the printing test is skipped,
with the reason; the messages for what is missing are tested everywhere.
"""

from __future__ import annotations

import csv
import re
import sys

import pytest
from pypdf import PdfReader

from helpers.report import pdf

PERIOD = "2013H2"
A4_POINTS = (595.92, 842.88)  # 210 x 297 mm as Chromium writes it
#: 15 pages today; the exact number follows Chromium's layout, so only a sane range.
PAGE_RANGE = range(8, 31)


def test_missing_chromium_says_what_to_install_and_exits_2(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-chromium")
    assert pdf.main(["--period", PERIOD, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no-chromium does not exist" in err and "apt-get install chromium" in err
    assert not list(tmp_path.rglob("*.pdf"))


def test_missing_font_says_what_to_install_and_exits_2(monkeypatch, tmp_path, capsys):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    monkeypatch.setattr(pdf, "CHROMIUM", fake)
    monkeypatch.setattr(pdf, "FONT_DIRS", (tmp_path / "fonts",))
    assert pdf.main(["--period", PERIOD, "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "Liberation Sans is not installed" in err and "fonts-liberation" in err


def test_missing_playwright_says_how_to_install_it_and_exits_2(monkeypatch, tmp_path, capsys):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n", encoding="utf-8")
    fonts = tmp_path / "fonts"
    fonts.mkdir()
    (fonts / pdf.FONT_FILE).write_bytes(b"")
    monkeypatch.setattr(pdf, "CHROMIUM", fake)
    monkeypatch.setattr(pdf, "FONT_DIRS", (fonts,))
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import fails
    assert pdf.main(["--period", PERIOD, "--out", str(tmp_path)]) == 2
    assert "package 'playwright'" in capsys.readouterr().err


def test_a_half_year_without_a_report_is_named(ws, tmp_path, capsys):
    assert pdf.main(["--period", "2003H1", "--reports", str(tmp_path)]) == 1
    assert "no rendered report for 2003H1" in capsys.readouterr().err


def test_page_header_escapes_the_title_and_shows_the_data_date(tmp_path):
    folder = tmp_path / PERIOD
    folder.mkdir()
    page = folder / pdf.REPORT_HTML
    page.write_text(
        "<html><head><title>A &lt;b&gt; &amp; c</title></head><body>"
        "<h2>2. halvår 2013 (data til og med 31.12.2013)</h2></body></html>",
        encoding="utf-8",
    )
    heading = pdf.report_heading(page)
    assert heading.title == "A <b> & c" and heading.cutoff == "31.12.2013"
    header = pdf.header_template(heading)
    assert "A &lt;b&gt; &amp; c" in header and "<b>" not in header
    assert "2. halvår 2013 · data til og med 31.12.2013" in header


@pytest.mark.slow
@pytest.mark.skipif(
    not pdf.CHROMIUM.exists(),
    reason="Debian's Chromium is not installed at /usr/bin/chromium "
    "(apt-get install chromium fonts-liberation; .ci/run does it where apt-get is available)",
)
def test_2013h2_pdf_has_numbered_a4_pages_with_every_scorecard_goal(ws, tmp_path):
    html_path = ws.reports / PERIOD / pdf.REPORT_HTML
    (written,) = pdf.print_reports([html_path], tmp_path)
    assert written == tmp_path / PERIOD / pdf.REPORT_PDF

    reader = PdfReader(written)
    pages = len(reader.pages)
    assert pages in PAGE_RANGE
    texts = [page.extract_text() for page in reader.pages]
    for number, (page, text) in enumerate(zip(reader.pages, texts, strict=True), start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert size == pytest.approx(A4_POINTS, abs=1), f"page {number} is not A4"
        assert f"Side {number} af {pages}" in text, f"page {number} has no page number"
        assert "Integrationsbarometer – evaluering 2. halvår 2013" in text, number
        assert "2. halvår 2013 · data til og med 31.12.2013" in text, number

    # A narrow table column may wrap an id after its hyphen ("BIU11-" / "I3.1").
    text = re.sub(r"-\s*\n\s*", "-", "\n".join(texts))
    with open(ws.reports / PERIOD / "scorecard.csv", encoding="utf-8", newline="") as card:
        goal_ids = [row["goal_id"] for row in csv.DictReader(card)]
    assert goal_ids
    missing = [goal for goal in goal_ids if goal not in text]
    assert not missing, f"goal ids missing from the PDF's text: {missing}"
