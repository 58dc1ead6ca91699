"""The barometer at a glance: every goal's verdict in every half-year.

:func:`overview` turns the half-years' scorecards (``reports/<half-year>/scorecard.csv``)
into one table: one row per goal (restating goals together, as the scorecards show
them), grouped by policy document (the goal id's prefix is the document code of
``data/reference/documents.csv``), and per half-year the verdict and its colour,
empty where the goal was not in force. It is written as ``reports/overview.csv`` and
rendered by :func:`overview_html` at the top of ``reports/index.html``: each cell
shows the colour, a symbol (so it reads without colour) and the verdict in Danish,
and links to that goal's place in that half-year's report.

Nothing here knows a verdict or a colour by name: states and their Danish labels
come from the scorecards and :mod:`helpers.evaluation.rules` when the page is built.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from helpers.core.errors import BarometerError
from helpers.core.periods import HalfYear
from helpers.evaluation import rules
from helpers.report.layout import REPORT_STEM, SCORECARD_FILE, goal_anchor
from helpers.report.scorecards import COLOUR_DA, COLOURS, verdict_da

#: The goal columns of ``overview.csv``; two columns per half-year follow them.
GOAL_COLUMNS = ["document", "goal_id", "goal_ids"]
#: What each half-year contributes: ``<half-year>_verdict`` and ``<half-year>_colour``.
CELL_FIELDS = ("verdict", "colour")
#: One shape per colour, so that a cell reads without colour (and in black-and-white print).
SYMBOLS = {"green": "✓", "yellow": "◐", "red": "✗", "white": "–"}
_SCORECARD_NEEDS = ("goal_id", "goal_ids", "verdict", "colour")
_NUMBER = re.compile(r"(\d+)")


class OverviewError(BarometerError):
    """A scorecard the overview cannot be built from."""


def cell_column(half_year: str, field: str) -> str:
    """The ``overview.csv`` column of one half-year's ``field`` (``2013H2_colour``)."""
    return f"{half_year}_{field}"


def half_years(frame: pd.DataFrame) -> list[str]:
    """The half-years an overview covers, in order."""
    suffix = f"_{CELL_FIELDS[0]}"
    return [c.removesuffix(suffix) for c in frame.columns if c.endswith(suffix)]


def goal_order(goal_id: str) -> tuple:
    """Natural order of goal ids: ``OU09-I1.2`` before ``OU09-I1.10``."""
    return tuple(int(p) if p.isdigit() else p for p in _NUMBER.split(goal_id))


def document_code(goal_id: str) -> str:
    """The document code a goal id starts with (``POL11-HM2`` -> ``POL11``)."""
    return goal_id.split("-", 1)[0]


def read_scorecards(reports: Path) -> dict[str, pd.DataFrame]:
    """Each half-year folder's ``scorecard.csv`` in ``reports`` (text columns), in order.

    Folders starting with ``.`` or ``_`` (staging, failed runs) and folders without a
    scorecard are left out.
    """
    folders = [
        p
        for p in reports.iterdir()
        if p.is_dir() and not p.name.startswith((".", "_")) and (p / SCORECARD_FILE).is_file()
    ]
    folders.sort(key=lambda p: HalfYear.parse(p.name))
    return {
        p.name: pd.read_csv(p / SCORECARD_FILE, dtype=str, keep_default_na=False) for p in folders
    }


def read_documents(reference: Path) -> pd.DataFrame:
    """``documents.csv``'s document codes and Danish titles, one row per code, in the
    catalogue's order."""
    documents = pd.read_csv(reference / "documents.csv", dtype=str, keep_default_na=False)
    return documents[["doc_code", "title_da"]].drop_duplicates("doc_code").reset_index(drop=True)


def _check(card: pd.DataFrame, half_year: str, known_documents: set[str]) -> None:
    """Refuse a scorecard the overview would misread, naming file, row, column and value."""
    where = f"reports/{half_year}/{SCORECARD_FILE}"
    missing = [c for c in _SCORECARD_NEEDS if c not in card.columns]
    if missing:
        raise OverviewError(
            f"{where} has no column {', '.join(missing)}: regenerate it with 'make report'"
        )
    seen: dict[str, int] = {}
    for index, row in enumerate(card.to_dict("records")):
        line = index + 2  # the header is line 1
        goal = row["goal_id"]
        if goal in seen:
            raise OverviewError(
                f"{where}, row {line}, column goal_id: {goal!r} is listed twice "
                f"(also row {seen[goal]}); a scorecard has one row per goal"
            )
        seen[goal] = line
        if document_code(goal) not in known_documents:
            raise OverviewError(
                f"{where}, row {line}, column goal_id: {goal!r} does not start with a "
                f"document code of data/reference/documents.csv "
                f"({', '.join(sorted(known_documents))})"
            )
        if row["colour"] not in COLOURS:
            raise OverviewError(
                f"{where}, row {line}, column colour: {row['colour']!r} is not a barometer "
                f"colour; expected one of {', '.join(COLOURS)}"
            )


def overview(cards: Mapping[str, pd.DataFrame], documents: pd.DataFrame) -> pd.DataFrame:
    """Every goal's verdict and colour in every half-year, from the scorecards.

    Parameters
    ----------
    cards : mapping of str to DataFrame
        Each half-year's scorecard (``scorecard.csv`` as text), by half-year label.
    documents : DataFrame
        ``doc_code`` and ``title_da`` of the policy documents (:func:`read_documents`);
        their order is the order of the groups.

    Returns
    -------
    DataFrame
        One row per goal: ``document`` (code), ``goal_id``, ``goal_ids`` (every id
        the scorecards show the goal under), then ``<half-year>_verdict`` and
        ``<half-year>_colour`` per half-year in time order, empty where the goal
        was not in force. Rows by document, then goal id in natural order.

    Raises
    ------
    OverviewError
        A scorecard without the needed columns, with a goal listed twice, a goal id
        of no known document, or a colour outside the barometer's four.
    """
    order = {code: i for i, code in enumerate(documents["doc_code"])}
    periods = sorted(cards, key=HalfYear.parse)
    cells: dict[str, dict[str, tuple[str, str]]] = {}
    ids: dict[str, set[str]] = {}
    for period in periods:
        card = cards[period]
        _check(card, period, set(order))
        for row in card.to_dict("records"):
            cells.setdefault(row["goal_id"], {})[period] = (row["verdict"], row["colour"])
            parts = [p.strip() for p in row["goal_ids"].split(",") if p.strip()]
            ids.setdefault(row["goal_id"], set()).update(parts or [row["goal_id"]])
    goals = sorted(cells, key=lambda g: (order[document_code(g)], goal_order(g)))
    records = []
    for goal in goals:
        record = {
            "document": document_code(goal),
            "goal_id": goal,
            "goal_ids": ", ".join(sorted(ids[goal], key=goal_order)),
        }
        for period in periods:
            verdict, colour = cells[goal].get(period, ("", ""))
            record[cell_column(period, "verdict")] = verdict
            record[cell_column(period, "colour")] = colour
        records.append(record)
    columns = GOAL_COLUMNS + [cell_column(p, f) for p in periods for f in CELL_FIELDS]
    return pd.DataFrame(records, columns=columns)


def overview_csv(frame: pd.DataFrame) -> bytes:
    """``overview.csv``: the overview as UTF-8 CSV with ``\\n`` line endings."""
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def colour_legend() -> list[tuple[str, str, list[str]]]:
    """Per colour: its symbol, its Danish name and the Danish verdicts it stands for
    (from :data:`helpers.evaluation.rules.COLOURS` and ``VERDICT_DA``)."""
    return [
        (
            SYMBOLS[colour],
            COLOUR_DA[colour],
            [rules.VERDICT_DA.get(v, v) for v, c in rules.COLOURS.items() if c == colour],
        )
        for colour in COLOURS
    ]


def _half_year_head(period: str) -> str:
    half_year = HalfYear.parse(period)
    return (
        f'<th scope="col" class="halvaar"><a href="{period}/{REPORT_STEM}.html" '
        f'title="{html.escape(half_year.label_da())}">{half_year.year}<br>'
        f"{half_year.half}. halvår</a></th>"
    )


def _cell(goal_id: str, goal_ids: str, period: str, verdict: str, colour: str) -> str:
    if not colour:
        label = f"{goal_ids}: ikke gældende i {HalfYear.parse(period).label_da()}"
        return f'<td class="ov ov-none" title="{html.escape(label)}"></td>'
    text = verdict_da(verdict)
    title = (
        f"{goal_ids} · {HalfYear.parse(period).label_da()}: {text} ({COLOUR_DA[colour].lower()})"
    )
    href = f"{period}/{REPORT_STEM}.html#{goal_anchor(goal_id)}"
    return (
        f'<td class="ov ov-{colour}"><a href="{html.escape(href)}" title="{html.escape(title)}">'
        f'<span class="symbol" aria-hidden="true">{SYMBOLS[colour]}</span> '
        f"{html.escape(text)}</a></td>"
    )


def overview_html(frame: pd.DataFrame, documents: pd.DataFrame) -> str:
    """The overview as an HTML section: legend and goal × half-year table (text escaped)."""
    periods = half_years(frame)
    titles = dict(zip(documents["doc_code"], documents["title_da"], strict=True))
    legend = "\n".join(
        f'<li><span class="ov ov-{colour} prove" aria-hidden="true">{symbol}</span> '
        f"<strong>{html.escape(name)}</strong>: {html.escape(', '.join(verdicts))}</li>"
        for colour, (symbol, name, verdicts) in zip(COLOURS, colour_legend(), strict=True)
    )
    heads = "".join(_half_year_head(p) for p in periods)
    rows = []
    for document, goals in frame.groupby("document", sort=False):
        title = titles.get(document, "")
        rows.append(
            f'<tr class="dokument"><th scope="colgroup" colspan="{len(periods) + 1}">'
            f"{html.escape(document)} · {html.escape(title)}</th></tr>"
        )
        for goal in goals.to_dict("records"):
            cells = "".join(
                _cell(
                    goal["goal_id"],
                    goal["goal_ids"],
                    p,
                    goal[cell_column(p, "verdict")],
                    goal[cell_column(p, "colour")],
                )
                for p in periods
            )
            rows.append(f'<tr><th scope="row">{html.escape(goal["goal_ids"])}</th>{cells}</tr>')
    return f"""<section id="overblik">
<h2>Overblik: målene halvår for halvår</h2>
<p>Hver række er et mål (mål, der gentager hinanden, står sammen), ordnet efter
politikdokument; hver kolonne er et halvår. Feltet viser målets farve og vurdering i
halvårets rapport og fører til målet i rapporten. Et tomt felt: målet gjaldt ikke i
halvåret.</p>
<ul class="forklaring">
{legend}
</ul>
<div class="ramme">
<table class="oversigt">
<thead><tr><th scope="col">Mål</th>{heads}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
</div>
</section>"""
