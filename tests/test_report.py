"""The half-year report sees only figures whose period ends by the half-year's end."""

from datetime import date
from html.parser import HTMLParser

import nbformat
import pandas as pd
import pytest

from helpers import batch, report
from helpers.periods import parse_period


def test_as_of_drops_later_figures(ws):
    outcomes = pd.read_csv(ws.processed / "outcomes.csv", dtype={"period": str})
    kept = report.as_of(outcomes, date(2013, 12, 31))
    assert (outcomes["period_end"] > "2013-12-31").any(), "the data holds later figures"
    assert (kept["period_end"] <= "2013-12-31").all()
    assert len(kept) == (outcomes["period_end"] <= "2013-12-31").sum()


def test_a_period_counts_when_it_ends_not_when_it_starts(ws):
    inputs = report.load_inputs(ws, "2012H2")
    assert "F211" not in set(inputs.outcomes["figure_id"])  # January 2013 edition
    assert "F211" in set(report.load_inputs(ws, "2013H1").outcomes["figure_id"])


def test_restated_goals_are_evaluated_once(ws):
    inputs = report.load_inputs(ws, "2013H2")
    units = report.evaluable_goals(inputs.goals)
    over = units[units["indicator"] == "overunemployment_pp"]
    assert len(over) == 1
    assert over.iloc[0]["goal_ids"] == "BIU11-OM1, POL11-M2"


def test_escape_renders_markup_as_text():
    assert report.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;"
    assert report.escape("a_b*c") == "a\\_b\\*c"


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
    [outcome] = batch.run_batch(
        tmp_ws, [batch.HalfYear.parse("2013H2")], out, jobs=1, progress=False
    )
    assert outcome.ok, outcome.message
    nb = nbformat.read(out / "2013H2" / "evaluation_report.ipynb", as_version=4)
    periods = _periods_in_tables(nb)
    assert periods, "the report shows at least one observation table"
    assert all(parse_period(p).end <= date(2013, 12, 31) for p in periods)
    html = (out / "2013H2" / "evaluation_report.html").read_text(encoding="utf-8")
    assert "5,8 procentpoint" in html and "2. halvår 2013" in html
    assert "import " not in html, "the HTML hides code cells"
