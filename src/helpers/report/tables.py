"""The report's HTML tables in Danish (scorecard, figures, budget, findings, sources).

Text taken from the data is escaped before it goes into Markdown or HTML
(:func:`escape`, :func:`html_table`); only HTML the report generates itself (badges,
links it builds) is passed through.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from helpers.core.charts import SOURCE_KIND_DA
from helpers.core.danish import format_number, format_probability
from helpers.core.periods import HalfYear, parse_period, period_da
from helpers.evaluation import calibration
from helpers.evaluation.rules import REQUIREMENTS
from helpers.evaluation.trends import MODEL_LABELS_DA
from helpers.goals.records import KIND_LABELS_DA
from helpers.report.changes import colour_changes
from helpers.report.layout import goal_anchor
from helpers.report.loading import ReportInputs, goal_series, indicator_name, to_numbers
from helpers.report.scorecards import (
    COLOUR_DA,
    COLOURS,
    evaluable,
    interval_text,
    latest_text,
    not_evaluable,
    scorecard,
    target_text,
    uncertainty_text,
    value_text,
    verdict_da,
)


def escape(text: object) -> str:
    """Escape text from the data for Markdown/HTML (``<script>`` shows as text)."""
    escaped = html.escape("" if text is None else str(text), quote=True)
    for char in "\\`*_[]#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def badge(colour: str, text: str | None = None) -> str:
    """An HTML colour badge (``text`` is escaped)."""
    label = text if text is not None else COLOUR_DA.get(colour, colour)
    css = colour if colour in COLOURS else "white"
    return f'<span class="farve farve-{css}">{html.escape(label)}</span>'


def html_table(
    frame: pd.DataFrame,
    raw: set[str] | frozenset[str] = frozenset(),
    numeric: set[str] | frozenset[str] = frozenset(),
    row_ids: list[str | None] | None = None,
) -> str:
    """An HTML table; every cell is escaped except the columns in ``raw``
    (HTML the report generated itself, such as badges). ``row_ids`` gives rows an
    ``id`` (None: none), in the frame's row order."""
    head = "".join(
        f"<th{' class=num' if c in numeric else ''}>{html.escape(str(c))}</th>"
        for c in frame.columns
    )
    body = []
    ids = row_ids if row_ids is not None else [None] * len(frame)
    if len(ids) != len(frame):
        raise ValueError(f"{len(ids)} row ids for a table of {len(frame)} rows")
    for row, row_id in zip(frame.itertuples(index=False), ids, strict=True):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = (
                "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            )
            cls = ' class="num"' if column in numeric else ""
            cells.append(f"<td{cls}>{text if column in raw else html.escape(text)}</td>")
        attribute = f' id="{html.escape(row_id)}"' if row_id else ""
        body.append(f"<tr{attribute}>" + "".join(cells) + "</tr>")
    return (
        '<table class="barometer">\n<thead><tr>'
        + head
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def scorecard_table(inputs: ReportInputs) -> str:
    """The Danish scorecard as an HTML table (order of :func:`scorecard`)."""
    card = scorecard(inputs.evaluations)
    evaluations = inputs.evaluations.set_index("goal_id") if len(inputs.evaluations) else None
    rows = []
    for row in card.to_dict("records"):
        full = evaluations.loc[row["goal_id"]] if evaluations is not None else row
        model = MODEL_LABELS_DA.get(row["model"], row["model"]) if row["model"] else "–"
        if not pd.isna(row["mase"]):
            model += f" (MASE {format_number(row['mase'], 2)})"
        rows.append(
            {
                "Mål": row["goal_ids"],
                "Indikator": indicator_name(inputs, row["indicator"]),
                "Seneste værdi": latest_text(row),
                "Målet": target_text(full),
                "Fremskrivning ved fristen (80 %-interval)": interval_text(row),
                "Usikkerheden stammer fra": uncertainty_text(row),
                "Sandsynlighed for at nå målet": format_probability(
                    None if pd.isna(row["probability"]) else float(row["probability"])
                ),
                "Vurdering": badge(row["colour"], verdict_da(row["verdict"])),
                "Model": model,
                "Kilder": row["sources"] or "–",
            }
        )
    return html_table(pd.DataFrame(rows), raw={"Vurdering"})


def not_evaluable_table(inputs: ReportInputs) -> str:
    """The goals that cannot be evaluated, as an HTML table. A goal without figures has
    no section of its own, so its row carries the goal's anchor
    (:func:`helpers.report.layout.goal_anchor`) instead."""
    frame = not_evaluable(inputs)
    with_section = set(evaluable(inputs)["goal_id"]) if len(inputs.evaluations) else set()
    ids = [None if goal in with_section else goal_anchor(goal) for goal in frame.index]
    return html_table(frame, row_ids=ids)


def observations_table(series: pd.DataFrame, half_year: HalfYear) -> str:
    """A series as a Danish HTML table: period, value, when it was published (marked
    "offentliggjort senere" when after ``half_year``), source and quote."""
    frame = pd.DataFrame(
        {
            "Periode": [period_da(p) for p in series["period"]],
            "Værdi": [
                ("ca. " if approx else "") + value_text(v, u)
                for v, u, approx in zip(
                    series["value"], series["unit"], series["approximate"], strict=True
                )
            ],
            "Offentliggjort": [published_text(p, half_year) for p in series["published"]],
            "Kilde": series["source_id"],
            "Figur": series["figure_id"],
            "Citat": series["quote"],
        }
    )
    return html_table(frame)


def published_text(published: str, half_year: HalfYear) -> str:
    """A publication date in Danish, "(offentliggjort senere)" when after the half-year,
    "ukendt" when the source does not say."""
    if not published:
        return "ukendt"
    text = period_da(published)
    if parse_period(published).start > half_year.end:
        text += " (offentliggjort senere)"
    return text


def changes_table(inputs: ReportInputs) -> str:
    """The goals whose colour changed since the previous half-year, with the new figures
    that caused it (:func:`helpers.report.changes.colour_changes`)."""
    found = colour_changes(inputs)
    if found.empty:
        previous = inputs.half_year.previous().label_da()
        return f"<p>Ingen mål har skiftet farve siden {html.escape(previous)}.</p>"
    frame = pd.DataFrame(
        {
            "Mål": found["goal_ids"],
            "Indikator": [indicator_name(inputs, c) for c in found["indicator"]],
            "Før": [_badge_or(c, v, "ikke i kraft") for c, v in zip(
                found["colour_before"], found["verdict_before"], strict=True)],
            "Nu": [_badge_or(c, v, "ikke længere i kraft") for c, v in zip(
                found["colour_now"], found["verdict_now"], strict=True)],
            "Nye tal siden sidst": found["new_figures"].replace("", "ingen nye tal"),
        }
    )  # fmt: skip
    return html_table(frame, raw={"Før", "Nu"})


def _badge_or(colour: str, verdict: str, otherwise: str) -> str:
    return badge(colour, verdict_da(verdict)) if colour else html.escape(otherwise)


def requirements_table() -> str:
    """What each rule needs before it gives a colour, and where that comes from."""
    scale_da = {"ratio": "forhold", "interval": "interval", "ordinal": "rang"}
    frame = pd.DataFrame(
        {
            "Regel": [r.name_da for r in REQUIREMENTS.values()],
            "Mindst antal tal": [r.min_points for r in REQUIREMENTS.values()],
            "Over mindst (år)": [format_number(r.min_span_years, 0) for r in REQUIREMENTS.values()],
            "Én kilde": ["ja" if r.one_source else "nej" for r in REQUIREMENTS.values()],
            "Skalaer": [", ".join(scale_da[s] for s in r.scales) for r in REQUIREMENTS.values()],
            "Oprindelse": [r.origin_da for r in REQUIREMENTS.values()],
        }
    )
    return html_table(frame, numeric={"Mindst antal tal", "Over mindst (år)"})


_NOTE = re.compile(r"^note (\d+):\s*(.*)$", re.DOTALL)


def budget_table(inputs: ReportInputs) -> str:
    """The economic overview (1.000 kr.) as a Danish HTML table, lines by year.

    A cell that gives a note instead of an amount shows "(se note N)"; the notes
    follow the table once each.
    """
    budget = inputs.budget
    if budget.empty:
        return "<p>Ingen budgetoversigt.</p>"
    amounts = pd.to_numeric(budget["amount_thousand_dkk"].replace("", None), errors="coerce")
    frame = budget.assign(amount=amounts)
    periods = list(dict.fromkeys(frame["period"]))
    periods = sorted(p for p in periods if p != "total") + (["total"] if "total" in periods else [])
    notes: dict[int, str] = {}
    rows = []
    for line in dict.fromkeys(frame["line"]):
        part = frame[frame["line"] == line]
        row = {"Indsats (1.000 kr.)": line}
        for period in periods:
            cell = part[part["period"] == period]
            text = ""
            if len(cell):
                amount, note = cell["amount"].iloc[0], cell["note"].iloc[0]
                text = format_number(amount, 0) if not pd.isna(amount) else ""
                match = _NOTE.match(note or "")
                if match:
                    notes[int(match[1])] = match[2]
                    text = f"{text} (se note {match[1]})".strip()
                elif note:
                    text = f"{text} ({note})".strip()
            row["I alt" if period == "total" else period] = text
        rows.append(row)
    table = pd.DataFrame(rows)
    items = "".join(
        f"<li>Note {number}: {html.escape(text)}</li>" for number, text in sorted(notes.items())
    )
    return html_table(table, numeric=set(table.columns[1:])) + (
        f'\n<ul class="noter">{items}</ul>' if items else ""
    )


def document_codes(inputs: ReportInputs, names: str) -> str:
    """``"003_b45c9dd53dcf16d9.txt; 004_..."`` -> ``"BIU11 (003), POL11 (004)"``."""
    docs = inputs.documents
    codes = dict(zip(docs["document"], docs["doc_code"], strict=True)) if len(docs) else {}
    parts = [n.strip() for n in names.split(";") if n.strip()]
    return ", ".join(f"{codes.get(n, n)} ({n[:3]})" for n in parts)


def documents_table(inputs: ReportInputs) -> str:
    """The five policy documents with their codes, as the report cites them."""
    docs = inputs.documents
    frame = pd.DataFrame(
        {
            "Kode": [
                f"{c} ({d[:3]})" for c, d in zip(docs["doc_code"], docs["document"], strict=True)
            ],
            "Dokument": docs["title_da"],
            "Udvalg": docs["committee"],
            "Politikperiode": docs["policy_period"],
            "Fil": docs["document"],
        }
    )
    return html_table(frame)


def findings_table(inputs: ReportInputs) -> str:
    """The documents' contradictions and open points as a Danish HTML table."""
    findings = inputs.findings
    if findings.empty:
        return "<p>Ingen fund.</p>"
    frame = pd.DataFrame(
        {
            "Fund": findings["finding_id"],
            "Art": [KIND_LABELS_DA.get(k, k) for k in findings["kind"]],
            "Dokumenter": [document_codes(inputs, names) for names in findings["documents"]],
            "Beskrivelse": findings["description_da"],
        }
    )
    return html_table(frame)


def backtest_table(inputs: ReportInputs) -> str:
    """The backtests behind the model choices of this half-year."""
    tests = inputs.backtests
    if tests.empty:
        return "<p>Ingen serie havde mindst 8 målinger, så ingen model blev backtestet.</p>"
    tests = to_numbers(tests, ["mase", "mae", "n_obs", "n_origins"])
    frame = pd.DataFrame(
        {
            "Indikator": [indicator_name(inputs, c) for c in tests["indicator"]],
            "Gruppe": tests["group"],
            "Geografi": tests["geography"],
            "Model": tests["model"],
            "Målinger": [format_number(v, 0) for v in tests["n_obs"]],
            "Prognoser": [format_number(v, 0) for v in tests["n_origins"]],
            "MASE": [format_number(v, 2) for v in tests["mase"]],
        }
    )
    return html_table(frame, numeric={"Målinger", "Prognoser", "MASE"})


def sources_table(inputs: ReportInputs) -> str:
    """The sources of every figure the report shows, with links (http/https only)."""
    shown: set[str] = set()
    for row in evaluable(inputs).to_dict("records"):
        shown.update(goal_series(inputs, row)["source_id"])
    listed = inputs.sources
    if listed.empty or not shown:
        return "<p>Rapporten viser ingen tal.</p>"
    listed = listed[listed["source_id"].isin(shown)]
    rows = []
    for source in listed.to_dict("records"):
        url = source["url"]
        title = html.escape(source["title"])
        if url.startswith(("https://", "http://")):
            title = f'<a href="{html.escape(url, quote=True)}">{title}</a>'
        rows.append(
            {
                "Kilde": html.escape(source["source_id"]),
                "Titel": title,
                "Udgiver": html.escape(source["publisher"]),
                "Udgivet": html.escape(source["published"]),
                "Art": html.escape(SOURCE_KIND_DA.get(source["kind"], source["kind"])),
            }
        )
    return html_table(pd.DataFrame(rows), raw={"Kilde", "Titel", "Udgiver", "Udgivet", "Art"})


def _calibration_cell(
    table: pd.DataFrame, candidate: str, group: str, horizon: str, column: str
) -> float:
    found = table[
        (table["candidate"] == candidate) & (table["form"] == "own")
        & (table["group"] == group) & (table["horizon"] == horizon)
    ]  # fmt: skip
    return float(found[column].iloc[0]) if len(found) else float("nan")


def _share(value: float) -> str:
    return "–" if pd.isna(value) else f"{format_number(100 * value, 0)} %"


def calibration_table(inputs: ReportInputs) -> str:
    """How often the chosen model's and the previous default's 80 % (and 95 %) intervals held
    on the real long series, by years ahead, with the Brier score of their probabilities."""
    table = inputs.calibration
    chosen = calibration.chosen_candidate(table) if len(table) else None
    if chosen is None:
        return "<p>Der foreligger ingen kalibrering af modellerne på lange serier.</p>"
    old = calibration.PREVIOUS
    horizons = [str(h) for h in calibration.HORIZONS] + [calibration.POOLED]

    def column(candidate: str, group: str, measure: str = "coverage80") -> list[str]:
        values = [_calibration_cell(table, candidate, group, h, measure) for h in horizons]
        if measure == "brier":
            return [format_number(v, 3) for v in values]
        return [_share(v) for v in values]

    frame = pd.DataFrame(
        {
            "År frem": [h.replace("-", "–") for h in horizons],
            "Prognoser": [
                format_number(_calibration_cell(table, chosen.name, "all", h, "n"), 0)
                for h in horizons
            ],
            "Valgt model: 80 % holdt (alle serier)": column(chosen.name, "all"),
            "Valgt model: 80 % holdt (landsdækkende forskelle)": column(
                chosen.name, "national_gaps"
            ),
            "Valgt model: 95 % holdt (alle serier)": column(chosen.name, "all", "coverage95"),
            "Valgt model: Brier": column(chosen.name, "all", "brier"),
            "Tidligere standard: 80 % holdt (alle serier)": column(old, "all"),
            "Tidligere standard: 80 % holdt (landsdækkende forskelle)": column(
                old, "national_gaps"
            ),
            "Tidligere standard: Brier": column(old, "all", "brier"),
        }
    )
    caption = (
        f"<p><strong>Hvor ofte holdt vores 80 %-intervaller på rigtige serier?</strong> Valgt "
        f"model: {escape(chosen.label_da())}; tidligere standard: "
        f"{escape(calibration.Candidate.parse(old).label_da())}. Data til og med "
        f"{escape(table['data_through'].iloc[0])}.</p>"
    )
    return caption + html_table(frame, numeric=set(frame.columns) - {"År frem"})


def reliability_table(inputs: ReportInputs) -> str:
    """How reliable the chosen model's probabilities were: per probability band, the mean
    stated probability of meeting a pseudo-target and how often it was met (all long
    series, 1-5 years ahead)."""
    table, reliability = inputs.calibration, inputs.reliability
    chosen = calibration.chosen_candidate(table) if len(table) else None
    if chosen is None or reliability.empty:
        return ""
    rows = reliability[
        (reliability["candidate"] == chosen.name)
        & (reliability["form"] == "own")
        & (reliability["group"] == "all")
        & (reliability["n"] > 0)
    ]
    frame = pd.DataFrame(
        {
            "Udmeldt sandsynlighed": [
                f"{format_number(100 * lo, 0)}–{format_number(100 * hi, 0)} %"
                for lo, hi in zip(rows["p_low"], rows["p_high"], strict=True)
            ],
            "Prøvemål": [format_number(v, 0) for v in rows["n"]],
            "Gennemsnitlig udmeldt sandsynlighed": [_share(v) for v in rows["mean_probability"]],
            "Andel, hvor målet blev nået": [_share(v) for v in rows["observed_frequency"]],
        }
    )
    caption = (
        "<p><strong>Hvor pålidelige var vores sandsynligheder?</strong> Den valgte models "
        "sandsynlighed for at nå et prøvemål, grupperet efter størrelse, mod hvor ofte målet "
        f"blev nået (alle lange serier, 1–5 år frem; {escape(chosen.label_da())}).</p>"
    )
    return caption + html_table(frame, numeric=set(frame.columns) - {"Udmeldt sandsynlighed"})
