"""The half-year report sees only figures whose period ends by the half-year's end."""

from datetime import date
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

from helpers import batch
from helpers.core.periods import HalfYear, parse_period, period_da
from helpers.report import changes, loading, narrative, scorecards, tables


def test_as_of_drops_later_figures(ws):
    outcomes = pd.read_csv(ws.processed / "outcomes.csv", dtype=str, keep_default_na=False)
    kept = loading.as_of(outcomes, HalfYear.parse("2013H2"))
    assert (outcomes["period_end"] > "2013-12-31").any(), "the data holds later figures"
    assert (kept["period_end"] <= "2013-12-31").all()
    assert len(kept) == (outcomes["period_end"] <= "2013-12-31").sum()
    # in real time only what was published by then (survey rows: the current vintage)
    real = loading.as_of(outcomes, HalfYear.parse("2013H2"), "real-time")
    assert "F001" in set(kept["figure_id"]) and "F001" not in set(real["figure_id"])
    assert "F211" in set(real["figure_id"])
    register = real[real["basis"] != "survey_lfs"]
    assert (register["published"] != "").all()


def test_a_period_counts_when_it_ends_not_when_it_starts(ws):
    inputs = loading.load_inputs(ws, "2012H2")
    assert "F211" not in set(inputs.outcomes["figure_id"])  # January 2013 edition
    assert "F211" in set(loading.load_inputs(ws, "2013H1").outcomes["figure_id"])


def _evaluations():
    """Three evaluation rows shaped like stage 3's evaluations.csv."""
    return pd.DataFrame(
        {
            "goal_id": ["POL11-HM2", "BIU11-I5", "POL11-HM1"],
            "goal_ids": ["BIU11-OM1, POL11-HM2", "BIU11-I5", "POL11-HM1"],
            "indicator": ["overunemployment_pp", "activation_in_companies_share", "school_results"],
            "group": [
                "non_western_immigrants_and_descendants",
                "ethnic_minorities",
                "bilingual_pupils",
            ],
            "geography": ["copenhagen"] * 3,
            "direction": ["at_most", "at_least", "increase"],
            "unit": ["percentage_points", "percent", "percent"],
            "target_value": [5.8, 30.0, float("nan")],
            "target_period": ["2014", "2014-H2", "2014"],
            "latest_period": ["2013-01", "", ""],
            "latest_value": [10.8, float("nan"), float("nan")],
            "latest_source_ids": ["S004", "", ""],
            "projection": [10.6, float("nan"), float("nan")],
            "lower80": [8.8, float("nan"), float("nan")],
            "upper80": [12.4, float("nan"), float("nan")],
            "probability": [0.002, float("nan"), float("nan")],
            "verdict": ["insufficient_progress", "no_data", "target_not_set"],
            "colour": ["red", "white", "white"],
            "model": ["rw_drift", "", ""],
            "mase": [float("nan")] * 3,
            "n_obs": [2, 0, 0],
            "reason_da": ["<b>for langsomt</b>", "Ingen målinger.", "Målet har intet tal (X %)."],
        }
    )


def test_scorecard_has_the_issue_columns_red_first():
    card = scorecards.scorecard(_evaluations())
    required = [
        "goal_id",
        "indicator",
        "latest_period",
        "latest_value",
        "target_value",
        "target_period",
        "projection",
        "lower80",
        "upper80",
        "probability",
        "verdict",
        "colour",
    ]
    assert set(required) <= set(card.columns)
    assert list(card["colour"]) == ["red", "white", "white"]
    assert card.loc[0, "sources"] == "S004"


def test_colour_counts_include_zeros():
    assert scorecards.colour_counts(_evaluations()) == {
        "green": 0,
        "yellow": 0,
        "red": 1,
        "white": 2,
    }


def test_danish_target_and_interval_texts():
    rows = _evaluations().to_dict("records")
    assert scorecards.target_text(rows[0]) == "højst 5,8 procentpoint i 2014"
    assert scorecards.target_text(rows[2]) == "skal stige inden 2014"
    assert scorecards.interval_text(rows[0]) == "10,6 (8,8 – 12,4)"
    assert scorecards.interval_text(rows[1]) == "–"


def test_html_table_escapes_data_but_not_badges():
    frame = pd.DataFrame(
        {"Citat": ["<script>alert(1)</script>"], "Vurdering": [tables.badge("red")]}
    )
    table = tables.html_table(frame, raw={"Vurdering"})
    assert "&lt;script&gt;" in table and "<script>" not in table
    assert '<span class="farve farve-red">Rød</span>' in table


def test_summary_counts_in_danish():
    inputs = loading.ReportInputs(
        HalfYear.parse("2013H2"), {"evaluations": _evaluations()}, pd.DataFrame()
    )
    text = narrative.summary_markdown(inputs)
    assert text.startswith("3 mål er gældende i 2. halvår 2013: 0 grønne, 0 gule, 1 rød, 2 hvide.")


class _TableRows(HTMLParser):
    """Rows of the cells (th and td) of an HTML table."""

    def __init__(self):
        super().__init__()
        self.rows, self._cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None


def _periods_in_tables(nb):
    """Every value of a 'Periode' column in the notebook's HTML tables."""
    periods = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if html and "Periode" in html:
                parser = _TableRows()
                parser.feed("".join(html) if isinstance(html, list) else html)
                header = next(r for r in parser.rows if "Periode" in r)
                column = header.index("Periode")
                body = parser.rows[parser.rows.index(header) + 1 :]
                periods.extend(r[column] for r in body if len(r) > column)
    return periods


@pytest.mark.slow
def test_2013h2_report_shows_no_later_observation(tmp_ws, tmp_path):
    out = tmp_path / "reports"
    [outcome] = batch.run_batch(tmp_ws, [HalfYear.parse("2013H2")], out, jobs=1, progress=False)
    assert outcome.ok, outcome.message
    nb = nbformat.read(out / "2013H2" / "evaluation_report.ipynb", as_version=4)
    shown = _periods_in_tables(nb)
    assert shown, "the report shows at least one observation table"
    labels = pd.read_csv(tmp_ws.processed / "outcomes.csv", dtype=str)["period"].unique()
    ends: dict[str, date] = {}
    for label in labels:  # the tables show periods in Danish ("januar 2013")
        ends[period_da(label)] = max(ends.get(period_da(label), date.min), parse_period(label).end)
    assert set(shown) <= set(ends)
    assert all(ends[p] <= date(2013, 12, 31) for p in shown)
    html = (out / "2013H2" / "evaluation_report.html").read_text(encoding="utf-8")
    assert "5,8 procentpoint" in html and "2. halvår 2013" in html
    assert "import " not in html, "the HTML hides code cells"


def test_sources_table_links_only_web_addresses_and_escapes(ws):
    inputs = loading.load_inputs(ws, "2013H2")
    inputs.tables["sources"] = pd.concat(
        [
            inputs.sources,
            pd.DataFrame(
                [
                    {
                        "source_id": "S004",
                        "title": "<b>x</b>",
                        "publisher": "p",
                        "url": "javascript:alert(1)",
                        "published": "",
                        "kind": "news",
                    }
                ]
            ),
        ]
    ).drop_duplicates("source_id", keep="last")
    table = tables.sources_table(inputs)
    assert "&lt;b&gt;x&lt;/b&gt;" in table and "javascript:" not in table
    assert '<a href="https://www.dr.dk/' in table, "S001 (DR) is shown with its link"


def test_a_report_opens_with_the_colours_that_changed(ws):
    # OU09-B1 ("no new vulnerable housing areas") was green on its 1 March 2009 figure until
    # that figure was more than two years old: the 2011H1 report says so, with no new figure
    inputs = loading.load_inputs(ws, "2011H1")
    found = changes.colour_changes(inputs).set_index("goal_id")
    b1 = found.loc["OU09-B1"]
    assert (b1["colour_before"], b1["colour_now"]) == ("green", "white")
    assert (b1["verdict_before"], b1["verdict_now"]) == ("achieved", "figure_too_old")
    assert b1["new_figures"] == ""
    table = tables.changes_table(inputs)
    assert "OU09-B1" in table and "ingen nye tal" in table
    # goals that came into force are changes too: OU09's goals in 2009H1
    came = changes.colour_changes(loading.load_inputs(ws, "2009H1")).set_index("goal_id")
    assert tuple(came.loc["OU09-B1", ["colour_before", "colour_now"]]) == ("", "green")
    for before, now in zip(came["colour_before"], came["colour_now"], strict=True):
        assert before != now and {before, now} != {"", "white"}
    quiet = loading.load_inputs(ws, "2013H2")
    assert "Ingen mål har skiftet farve siden 1. halvår 2013" in tables.changes_table(quiet)
