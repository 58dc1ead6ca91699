"""The index's goal × half-year overview (``reports/index.html``, ``reports/overview.csv``)
against the scorecards it is built from, cell by cell."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from helpers.core.periods import HalfYear
from helpers.evaluation import rules
from helpers.report import overview
from helpers.report.index_page import write_index
from helpers.report.layout import INDEX_FILE, OVERVIEW_FILE, SCORECARD_FILE, goal_anchor
from helpers.report.scorecards import COLOURS, SCORECARD_COLUMNS, verdict_da

_LINK = re.compile(r"^(?P<period>\d{4}H[12])/evaluation_report\.html#(?P<anchor>.+)$")


def _scorecards(reports: Path) -> dict[str, list[dict[str, str]]]:
    """Every half-year's scorecard.csv, read with the csv module (not the code under test)."""
    cards = {}
    for card in sorted(reports.glob(f"*/{SCORECARD_FILE}")):
        with open(card, encoding="utf-8", newline="") as handle:
            cards[card.parent.name] = list(csv.DictReader(handle))
    return cards


class _OverviewCells(HTMLParser):
    """The cells of ``table.oversigt``: per row its header, and per data cell its classes,
    link and text; plus the document group rows in order."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.groups: list[str] = []
        self._in_table = False
        self._cell: dict | None = None
        self._row_kind = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "oversigt" in (attrs.get("class") or "").split():
            self._in_table = True
        if not self._in_table:
            return
        if tag == "tr":
            self._row_kind = attrs.get("class") or ""
            if self._row_kind != "dokument":
                self.rows.append({"head": "", "cells": []})
        elif tag in ("td", "th"):
            self._cell = {"tag": tag, "class": (attrs.get("class") or "").split(), "href": None}
            self._cell["text"] = ""
        elif tag == "a" and self._cell is not None:
            self._cell["href"] = attrs.get("href")

    def handle_data(self, data):
        if self._cell is not None:
            self._cell["text"] += data

    def handle_endtag(self, tag):
        if not self._in_table:
            return
        if tag == "table":
            self._in_table = False
        elif tag in ("td", "th") and self._cell is not None:
            cell, self._cell = self._cell, None
            cell["text"] = " ".join(cell["text"].split())
            if self._row_kind == "dokument":
                self.groups.append(cell["text"])
            elif cell["tag"] == "th":
                self.rows[-1]["head"] = cell["text"]
            else:
                self.rows[-1]["cells"].append(cell)


def _index_cells(path: Path) -> _OverviewCells:
    parser = _OverviewCells()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def test_overview_equals_the_scorecards_cell_by_cell(ws):
    cards = _scorecards(ws.reports)
    frame = overview.overview(
        overview.read_scorecards(ws.reports), overview.read_documents(ws.reference)
    )
    assert overview.half_years(frame) == sorted(cards, key=HalfYear.parse)
    assert frame["goal_id"].is_unique
    by_goal = frame.set_index("goal_id")
    for period, rows in cards.items():
        for row in rows:
            cell = by_goal.loc[row["goal_id"]]
            assert cell[overview.cell_column(period, "verdict")] == row["verdict"], (period, row)
            assert cell[overview.cell_column(period, "colour")] == row["colour"], (period, row)
            assert set(row["goal_ids"].split(", ")) <= set(cell["goal_ids"].split(", "))
        # every other goal's cell of this half-year is empty: not in force then
        in_force = {row["goal_id"] for row in rows}
        others = frame[~frame["goal_id"].isin(in_force)]
        assert (others[overview.cell_column(period, "colour")] == "").all(), period
        assert (others[overview.cell_column(period, "verdict")] == "").all(), period
    assert set(frame["goal_id"]) == {r["goal_id"] for rows in cards.values() for r in rows}


def test_committed_overview_csv_is_the_scorecards_overview(ws):
    frame = overview.overview(
        overview.read_scorecards(ws.reports), overview.read_documents(ws.reference)
    )
    assert (ws.reports / OVERVIEW_FILE).read_bytes() == overview.overview_csv(frame)
    assert len(frame) >= 40 and len(overview.half_years(frame)) == 16


def test_index_overview_shows_each_scorecard_verdict_in_its_colour_and_symbol(ws):
    cards = _scorecards(ws.reports)
    parsed = _index_cells(ws.reports / INDEX_FILE)
    _header, *goal_rows = parsed.rows
    periods = sorted(cards, key=HalfYear.parse)
    shown: dict[tuple[str, str], dict] = {}
    for row in goal_rows:
        assert len(row["cells"]) == len(periods), row["head"]
        for period, cell in zip(periods, row["cells"], strict=True):
            if cell["href"] is None:  # not in force: no colour, no text
                assert cell["class"] == ["ov", "ov-none"] and cell["text"] == "", cell
                continue
            link = _LINK.match(cell["href"])
            assert link and link["period"] == period, cell["href"]
            shown[(period, link["anchor"])] = {**cell, "head": row["head"]}
    expected = {
        (period, goal_anchor(row["goal_id"])): row for period, rows in cards.items() for row in rows
    }
    assert shown.keys() == expected.keys()
    for key, row in expected.items():
        cell = shown[key]
        assert cell["class"] == ["ov", f"ov-{row['colour']}"], (key, cell)
        symbol = overview.SYMBOLS[row["colour"]]
        assert cell["text"] == f"{symbol} {verdict_da(row['verdict'])}", (key, cell)
        assert set(row["goal_ids"].split(", ")) <= set(cell["head"].split(", ")), (key, cell)


def test_index_groups_goals_by_document_in_catalogue_order(ws):
    documents = overview.read_documents(ws.reference)
    parsed = _index_cells(ws.reports / INDEX_FILE)
    codes = [g.split(" · ")[0] for g in parsed.groups]
    catalogue = list(documents["doc_code"])
    assert codes == [c for c in catalogue if c in codes] and len(set(codes)) == len(codes)
    assert {"OKF05", "OU09", "BIU11", "POL11"} <= set(codes)
    frame = overview.overview(overview.read_scorecards(ws.reports), documents)
    assert list(dict.fromkeys(frame["document"])) == codes
    for code, goals in frame.groupby("document", sort=False):
        assert all(g.startswith(f"{code}-") for g in goals["goal_id"]), code
        assert list(goals["goal_id"]) == sorted(goals["goal_id"], key=overview.goal_order)


def test_every_overview_link_reaches_one_place_in_its_report(ws):
    for period, rows in _scorecards(ws.reports).items():
        text = (ws.reports / period / "evaluation_report.html").read_text(encoding="utf-8")
        ids = re.findall(r'\bid="([^"]+)"', text)
        for row in rows:
            anchor = goal_anchor(row["goal_id"])
            assert ids.count(anchor) == 1, (period, row["goal_id"], ids.count(anchor))


def test_goal_anchors_are_plain_and_distinct():
    assert goal_anchor("OU09-I1.1a") == "mal-OU09-I1.1a"
    odd = ["A B", "A_B", "A_20_B", 'x"><script>', "Å1"]
    anchors = [goal_anchor(g) for g in odd]
    assert len(set(anchors)) == len(odd)
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", a) for a in anchors)


def test_legend_puts_every_verdict_under_its_colour_with_a_distinct_symbol():
    legend = overview.colour_legend()
    assert [name for _, name, _ in legend] == [c.capitalize() for c in rules.COLOURS_DA.values()]
    for colour, (_, _, verdicts) in zip(COLOURS, legend, strict=True):
        expected = [rules.VERDICT_DA[v] for v, c in rules.COLOURS.items() if c == colour]
        assert verdicts == expected
    assert sorted(v for *_, vs in legend for v in vs) == sorted(rules.VERDICT_DA.values())
    symbols = [symbol for symbol, *_ in legend]
    assert len(set(symbols)) == len(COLOURS)


def _card(rows: list[dict[str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows).reindex(columns=SCORECARD_COLUMNS, fill_value="")


DOCUMENTS = pd.DataFrame({"doc_code": ["AA01", "BB02"], "title_da": ["Første", "Anden"]})


def _row(goal_id: str, verdict: str, colour: str, goal_ids: str = "") -> dict[str, str]:
    return {
        "goal_id": goal_id,
        "goal_ids": goal_ids or goal_id,
        "verdict": verdict,
        "colour": colour,
    }


def test_goals_not_in_force_leave_empty_cells_and_order_is_natural():
    cards = {
        "2012H2": _card(
            [_row("BB02-M10", "no_data", "white"), _row("AA01-X", "moving_away", "red")]
        ),
        "2012H1": _card([_row("BB02-M9", "achieved", "green", "AA01-Y, BB02-M9")]),
    }
    frame = overview.overview(cards, DOCUMENTS)
    assert list(frame["goal_id"]) == ["AA01-X", "BB02-M9", "BB02-M10"]
    assert overview.half_years(frame) == ["2012H1", "2012H2"]
    assert frame.loc[0, "2012H1_colour"] == "" and frame.loc[0, "2012H2_colour"] == "red"
    assert frame.loc[1, "goal_ids"] == "AA01-Y, BB02-M9"
    html = overview.overview_html(frame, DOCUMENTS)
    assert html.count('class="ov ov-none"') == 3
    assert '2012H1/evaluation_report.html#mal-BB02-M9"' in html


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"goal_id": "ZZ9-A", "goal_ids": "ZZ9-A", "verdict": "no_data", "colour": "white"},
            "reports/2013H2/scorecard.csv, row 3, column goal_id: 'ZZ9-A' does not start",
        ),
        (
            {"goal_id": "AA01-B", "goal_ids": "AA01-B", "verdict": "no_data", "colour": "blue"},
            "reports/2013H2/scorecard.csv, row 3, column colour: 'blue' is not a barometer colour",
        ),
        (
            {"goal_id": "AA01-A", "goal_ids": "AA01-A", "verdict": "no_data", "colour": "white"},
            "row 3, column goal_id: 'AA01-A' is listed twice (also row 2)",
        ),
    ],
)
def test_a_scorecard_the_overview_would_misread_is_refused_by_row_and_column(row, message):
    first = {"goal_id": "AA01-A", "goal_ids": "AA01-A", "verdict": "no_data", "colour": "white"}
    with pytest.raises(overview.OverviewError, match=re.escape(message)):
        overview.overview({"2013H2": _card([first, row])}, DOCUMENTS)


def test_index_escapes_text_from_the_scorecards_and_the_catalogue(tmp_path):
    reports, reference = tmp_path / "reports", tmp_path / "reference"
    (reports / "2013H2").mkdir(parents=True)
    reference.mkdir()
    evil = 'AA01-"><script>alert(1)</script>'
    _card(
        [
            {
                "goal_id": evil,
                "goal_ids": f"{evil}, <b>x</b>",
                "verdict": "no_data",
                "colour": "white",
            }
        ]
    ).to_csv(reports / "2013H2" / SCORECARD_FILE, index=False)
    pd.DataFrame(
        {"document": ["a.txt"], "doc_code": ["AA01"], "title_da": ["<i>Politik</i> & plan"]}
    ).to_csv(reference / "documents.csv", index=False)
    write_index(reports, [], reference)
    page = (reports / INDEX_FILE).read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>x" not in page and "<i>Politik" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;i&gt;Politik&lt;/i&gt; &amp; plan" in page
    assert f"#{goal_anchor(evil)}" in page
    assert (reports / OVERVIEW_FILE).is_file()


def test_index_and_overview_are_deterministic(ws, tmp_path):
    for run in ("a", "b"):
        out = tmp_path / run
        for card in ws.reports.glob(f"*/{SCORECARD_FILE}"):
            (out / card.parent.name).mkdir(parents=True)
            (out / card.parent.name / SCORECARD_FILE).write_bytes(card.read_bytes())
        write_index(out, [], ws.reference)
    for name in (INDEX_FILE, OVERVIEW_FILE):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
