"""Building blocks of the half-year evaluation report (``04_evaluation_report``).

The report for half-year P reads only processed tables: the goal registry, the
outcome figures cut at the end of P (:func:`as_of`) and stage 3's evaluations,
projection fans and backtests for ``as_of == P``. Text taken from the data is
escaped before it goes into Markdown or HTML (:func:`escape`, :func:`html_table`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from helpers import progress
from helpers.danish import format_number, format_probability, format_value
from helpers.findings import KIND_LABELS_DA
from helpers.paths import (
    BACKTESTS_FILE,
    BUDGET_CHECKS_FILE,
    BUDGET_FILE,
    EVALUATIONS_FILE,
    FINDINGS_FILE,
    GOALS_FILE,
    OUTCOMES_FILE,
    PROJECTION_PATHS_FILE,
    SOURCE_LIST_FILE,
    Workspace,
)
from helpers.periods import HalfYear, period_da
from helpers.trends import MODEL_LABELS_DA

COLOUR_DA = {c: label.capitalize() for c, label in progress.COLOURS_DA.items()}
COLOURS = ("green", "yellow", "red", "white")
#: The scorecard shows the goals that need attention first.
SCORECARD_ORDER = ("red", "yellow", "green", "white")
DIRECTION_DA = {
    "at_most": "højst",
    "at_least": "mindst",
    "increase": "stige",
    "decrease": "falde",
    "reflect": "afspejle",
    "achieve": "gennemføres",
}
SCORECARD_COLUMNS = [
    "goal_id",
    "goal_ids",
    "indicator",
    "group",
    "geography",
    "latest_period",
    "latest_value",
    "unit",
    "target_value",
    "target_period",
    "direction",
    "projection",
    "lower80",
    "upper80",
    "probability",
    "verdict",
    "colour",
    "model",
    "mase",
    "sources",
]
PROCESSED_TABLES = {
    "goals": GOALS_FILE,
    "outcomes": OUTCOMES_FILE,
    "evaluations": EVALUATIONS_FILE,
    "paths": PROJECTION_PATHS_FILE,
    "backtests": BACKTESTS_FILE,
    "budget": BUDGET_FILE,
    "budget_checks": BUDGET_CHECKS_FILE,
    "findings": FINDINGS_FILE,
    "sources": SOURCE_LIST_FILE,
}


def escape(text: object) -> str:
    """Escape text from the data for Markdown/HTML (``<script>`` shows as text)."""
    escaped = html.escape("" if text is None else str(text), quote=True)
    for char in "\\`*_[]#|":
        escaped = escaped.replace(char, "\\" + char)
    return escaped


def as_of(outcomes: pd.DataFrame, day: date) -> pd.DataFrame:
    """Only the figures whose reference period ends on or before ``day``."""
    ends = pd.to_datetime(outcomes["period_end"]).dt.date
    return outcomes.loc[ends <= day].reset_index(drop=True)


def _read(path: Path) -> pd.DataFrame:
    if not path.is_file():
        return pd.DataFrame()
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _numeric(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="coerce")
    return frame


EVALUATION_NUMBERS = [
    "baseline_value", "target_value", "latest_value", "projection", "lower80", "upper80",
    "lower95", "upper95", "probability", "mase", "n_obs", "rule_value",
]  # fmt: skip


def _typed_evaluations(frame: pd.DataFrame) -> pd.DataFrame:
    return _numeric(frame, EVALUATION_NUMBERS)


def load_evaluations(ws: Workspace) -> pd.DataFrame:
    """Stage 3's evaluations for every half-year, numbers as numbers."""
    return _typed_evaluations(_read(ws.processed / EVALUATIONS_FILE))


def scorecard_csv(evaluations: pd.DataFrame, half_year: HalfYear) -> bytes:
    """``scorecard.csv`` of one half-year, from :func:`load_evaluations`' table."""
    rows = evaluations[evaluations["as_of"] == str(half_year)] if len(evaluations) else evaluations
    card = scorecard(rows.reset_index(drop=True))
    return card.to_csv(index=False, lineterminator="\n").encode("utf-8")


@dataclass
class ReportInputs:
    """Everything the report for one half-year reads, already cut at its end."""

    half_year: HalfYear
    tables: dict[str, pd.DataFrame]
    indicators: pd.DataFrame

    def __getattr__(self, name: str) -> pd.DataFrame:
        try:
            return self.__dict__["tables"][name]
        except KeyError:
            raise AttributeError(name) from None


def load_inputs(ws: Workspace, period: str) -> ReportInputs:
    """Read the processed tables for the report of half-year ``period`` (e.g. "2013H2")."""
    half_year = HalfYear.parse(period)
    tables = {name: _read(ws.processed / file) for name, file in PROCESSED_TABLES.items()}
    tables["outcomes"] = _numeric(tables["outcomes"], ["value"])
    if len(tables["outcomes"]):
        tables["outcomes"]["approximate"] = tables["outcomes"]["approximate"] == "True"
        tables["outcomes"] = as_of(tables["outcomes"], half_year.end)
    for name in ("evaluations", "paths", "backtests"):
        frame = tables[name]
        if len(frame) and "as_of" in frame.columns:
            tables[name] = frame[frame["as_of"] == str(half_year)].reset_index(drop=True)
    tables["evaluations"] = _typed_evaluations(tables["evaluations"])
    tables["paths"] = _numeric(
        tables["paths"],
        [
            "time",
            "mean",
            "lower80",
            "upper80",
            "lower95",
            "upper95",
        ],
    )
    tables["goals"] = _numeric(tables["goals"], ["baseline_value", "target_value"])
    indicators = _read(ws.reference / "indicators.csv")
    tables["documents"] = _read(ws.reference / "documents.csv")
    return ReportInputs(half_year, tables, indicators)


def indicator_name(inputs: ReportInputs, code: str) -> str:
    """The indicator's Danish name from the catalogue, else its code."""
    cat = inputs.indicators
    if len(cat) and "code" in cat.columns and "name_da" in cat.columns:
        match = cat.loc[cat["code"] == code, "name_da"]
        if len(match) and match.iloc[0]:
            return str(match.iloc[0])
    return code


def scorecard(evaluations: pd.DataFrame) -> pd.DataFrame:
    """The machine-readable scorecard (``scorecard.csv``): one row per goal in force,
    red first, then yellow, green and white, by goal id within a colour."""
    if evaluations.empty:
        return pd.DataFrame(columns=SCORECARD_COLUMNS)
    frame = evaluations.rename(columns={"latest_source_ids": "sources"})
    frame = frame.reindex(columns=SCORECARD_COLUMNS)
    ranks = {c: i for i, c in enumerate(SCORECARD_ORDER)}
    order = frame["colour"].map(ranks).fillna(len(SCORECARD_ORDER))
    return (
        frame.assign(_order=order)
        .sort_values(["_order", "goal_id"], kind="stable")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def colour_counts(evaluations: pd.DataFrame) -> dict[str, int]:
    """How many goals got each colour (all four colours, zeros included)."""
    counts = evaluations["colour"].value_counts() if len(evaluations) else pd.Series(dtype=int)
    return {c: int(counts.get(c, 0)) for c in COLOURS}


def verdict_da(code: str) -> str:
    """The verdict in Danish, capitalised ("God fremgang")."""
    return progress.VERDICT_DA.get(code, code).capitalize()


def badge(colour: str, text: str | None = None) -> str:
    """An HTML colour badge (``text`` is escaped)."""
    label = text if text is not None else COLOUR_DA.get(colour, colour)
    css = colour if colour in COLOURS else "white"
    return f'<span class="farve farve-{css}">{html.escape(label)}</span>'


def html_table(
    frame: pd.DataFrame,
    raw: set[str] | frozenset[str] = frozenset(),
    numeric: set[str] | frozenset[str] = frozenset(),
) -> str:
    """An HTML table; every cell is escaped except the columns in ``raw``
    (HTML the report generated itself, such as badges)."""
    head = "".join(
        f"<th{' class=num' if c in numeric else ''}>{html.escape(str(c))}</th>"
        for c in frame.columns
    )
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            text = (
                "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)
            )
            cls = ' class="num"' if column in numeric else ""
            cells.append(f"<td{cls}>{text if column in raw else html.escape(text)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return (
        '<table class="barometer">\n<thead><tr>'
        + head
        + "</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def _fmt(value: float, unit: str) -> str:
    return format_value(None if pd.isna(value) else float(value), unit)


def target_text(row: pd.Series | dict) -> str:
    """The target in Danish: "højst 5,8 procentpoint i 2014" ("uden frist" when the
    document gives no deadline)."""
    direction = row.get("direction", "")
    deadline = row.get("target_period", "") or ""
    when = f"i {period_da(deadline)}" if deadline else "(uden frist)"
    if pd.isna(row.get("target_value")) or row.get("target_value") == "":
        what = {
            "increase": "skal stige",
            "decrease": "skal falde",
            "reflect": "skal afspejle sammenligningsgruppen",
            "achieve": "skal gennemføres",
        }.get(direction, "intet tal")
        return f"{what} {f'inden {period_da(deadline)}' if deadline else '(uden frist)'}"
    bound = DIRECTION_DA.get(direction, "")
    return f"{bound} {_fmt(row['target_value'], row['unit'])} {when}".strip()


def interval_text(row: pd.Series | dict) -> str:
    """Projection with its 80 % interval: "10,6 (8,9 – 12,4)"."""
    if pd.isna(row.get("projection")):
        return "–"
    point = format_number(row["projection"], 1)
    if pd.isna(row.get("lower80")) or pd.isna(row.get("upper80")):
        return f"{point} (interval kan ikke beregnes)"
    return f"{point} ({format_number(row['lower80'], 1)} – {format_number(row['upper80'], 1)})"


def scorecard_table(inputs: ReportInputs) -> str:
    """The Danish scorecard as an HTML table (order of :func:`scorecard`)."""
    card = scorecard(inputs.evaluations)
    evaluations = inputs.evaluations.set_index("goal_id") if len(inputs.evaluations) else None
    rows = []
    for row in card.to_dict("records"):
        full = evaluations.loc[row["goal_id"]] if evaluations is not None else row
        latest = (
            f"{_fmt(row['latest_value'], row['unit'])} ({period_da(row['latest_period'])})"
            if not pd.isna(row["latest_value"])
            else "ingen data"
        )
        model = MODEL_LABELS_DA.get(row["model"], row["model"]) if row["model"] else "–"
        if not pd.isna(row["mase"]):
            model += f" (MASE {format_number(row['mase'], 2)})"
        rows.append(
            {
                "Mål": row["goal_ids"],
                "Indikator": indicator_name(inputs, row["indicator"]),
                "Seneste værdi": latest,
                "Målet": target_text(full),
                "Fremskrivning ved fristen (80 %-interval)": interval_text(row),
                "Sandsynlighed for at nå målet": format_probability(
                    None if pd.isna(row["probability"]) else float(row["probability"])
                ),
                "Vurdering": badge(row["colour"], verdict_da(row["verdict"])),
                "Model": model,
                "Kilder": row["sources"] or "–",
            }
        )
    return html_table(pd.DataFrame(rows), raw={"Vurdering"})


def summary_markdown(inputs: ReportInputs) -> str:
    """One Danish paragraph with the colour counts."""
    counts = colour_counts(inputs.evaluations)
    total = sum(counts.values())
    if total == 0:
        return "Ingen mål var gældende i dette halvår."
    plural = {"green": "grønne", "yellow": "gule", "red": "røde", "white": "hvide"}
    parts = [
        f"{counts[c]} {COLOUR_DA[c].lower() if counts[c] == 1 else plural[c]}" for c in COLOURS
    ]
    return (
        f"{total} mål er gældende i {inputs.half_year.label_da()}: " + ", ".join(parts) + ". "
        "Grøn: nået eller god fremgang. Gul: moderat fremgang. Rød: utilstrækkelig fremgang, "
        "bevægelse væk fra målet eller målet ikke nået ved fristen. Hvid: kan ikke vurderes "
        "(intet måltal, kan ikke måles med tal, for få eller ingen tal)."
    )


def goal_series(inputs: ReportInputs, row: pd.Series | dict) -> pd.DataFrame:
    """The observations behind one evaluation (preferred rows, as of the half-year)."""
    data = inputs.outcomes
    if data.empty:
        return data
    mask = (
        (data["indicator"] == row["indicator"])
        & (data["group"] == row["group"])
        & (data["geography"] == row["geography"])
    )
    if "preferred" in data.columns:
        mask &= data["preferred"].astype(str) == "True"
    return data[mask].sort_values(["period_end", "figure_id"]).reset_index(drop=True)


def observations_table(series: pd.DataFrame) -> str:
    """A series as a Danish HTML table: period, value, source and quote."""
    frame = pd.DataFrame(
        {
            "Periode": [period_da(p) for p in series["period"]],
            "Værdi": [
                ("ca. " if approx else "") + _fmt(v, u)
                for v, u, approx in zip(
                    series["value"], series["unit"], series["approximate"], strict=True
                )
            ],
            "Kilde": series["source_id"],
            "Figur": series["figure_id"],
            "Citat": series["quote"],
        }
    )
    return html_table(frame)


def evaluable(inputs: ReportInputs) -> pd.DataFrame:
    """Evaluations with at least one observation (they get a chart)."""
    ev = inputs.evaluations
    if ev.empty:
        return ev
    with_data = ev[ev["n_obs"].fillna(0) > 0]
    order = scorecard(with_data)["goal_id"]
    return with_data.set_index("goal_id").loc[order].reset_index()


def not_evaluable(inputs: ReportInputs) -> pd.DataFrame:
    """Goals that cannot be evaluated this half-year, with the reason in Danish."""
    ev = inputs.evaluations
    if ev.empty:
        return pd.DataFrame(columns=["Mål", "Indikator", "Målet", "Hvorfor ikke vurderet"])
    white = ev[ev["colour"] == "white"].sort_values("goal_id")
    return pd.DataFrame(
        {
            "Mål": white["goal_ids"],
            "Indikator": [indicator_name(inputs, c) for c in white["indicator"]],
            "Målet": [target_text(r) for r in white.to_dict("records")],
            "Hvorfor ikke vurderet": white["reason_da"],
        }
    )


def show_goal_charts(inputs: ReportInputs) -> None:
    """One section per goal with data: verdict, reason, chart and figures."""
    from IPython.display import HTML, Image, Markdown, display

    from helpers import plots

    goals = inputs.goals.set_index("goal_id") if len(inputs.goals) else None
    for row in evaluable(inputs).to_dict("records"):
        title = goals.loc[row["goal_id"], "title_da"] if goals is not None else row["goal_id"]
        data = goal_series(inputs, row)
        fan = inputs.paths[inputs.paths["goal_id"] == row["goal_id"]] if len(inputs.paths) else None
        display(Markdown(f"### {escape(title)}\n\n*Mål {escape(row['goal_ids'])}*"))
        display(
            HTML(
                f"<p>{badge(row['colour'], verdict_da(row['verdict']))} "
                f"{html.escape(str(row['reason_da']))}</p>"
            )
        )
        if len(data):
            chart = plots.goal_chart(
                data,
                title=indicator_name(inputs, row["indicator"]),
                unit=row["unit"],
                target_value=None if pd.isna(row["target_value"]) else row["target_value"],
                target_period=row["target_period"] or None,
                direction=row["direction"],
                fan=fan if fan is not None and len(fan) else None,
            )
            display(Image(plots.to_png(chart)))
            display(HTML(observations_table(data)))


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


def budget_check_text(inputs: ReportInputs) -> str:
    """Whether every total of the budget re-adds, in Danish."""
    checks = inputs.budget_checks
    if checks.empty:
        return "Budgettets summer er ikke kontrolleret."
    bad = checks[checks["ok"].astype(str) != "True"]
    if bad.empty:
        return f"Alle {len(checks)} summer i budgetoversigten er lagt sammen igen og stemmer."
    return (
        f"{len(bad)} af {len(checks)} summer i budgetoversigten stemmer ikke: "
        + "; ".join(escape(w) for w in bad["what"])
        + "."
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
    tests = _numeric(tests, ["mase", "mae", "n_obs", "n_origins"])
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


def data_vintage_markdown(inputs: ReportInputs) -> str:
    """What the report is based on: counts and the latest reference period, in Danish."""
    outcomes = inputs.outcomes
    if outcomes.empty:
        return "Ingen tal var offentliggjort med en referenceperiode inden halvårets udgang."
    latest = outcomes["period_end"].max()
    by_basis = outcomes["basis"].value_counts().sort_index() if "basis" in outcomes else None
    basis_da = {
        "published": "offentliggjorte tal",
        "policy_document": "politikdokumenternes egne tal",
        "survey_lfs": "Eurostat/OECD arbejdskraftundersøgelser",
        "statbank": "Statistikbanken",
    }
    parts = (
        ", ".join(f"{format_number(n, 0)} {basis_da.get(b, b)}" for b, n in by_basis.items())
        if by_basis is not None
        else f"{len(outcomes)} tal"
    )
    return (
        f"Rapporten bygger på {len(inputs.goals)} mål fra de fem politikdokumenter og på "
        f"{parts} med referenceperiode til og med {inputs.half_year.end:%d.%m.%Y} "
        f"(seneste referenceperiode slutter {pd.Timestamp(latest):%d.%m.%Y}). Tal offentliggjort "
        "senere om samme periode indgår, fordi tallenes referenceperiode afgør, ikke datoen for "
        "offentliggørelsen."
    )


def methods_markdown(inputs: ReportInputs) -> str:
    """The methods appendix in Danish, with the rules' thresholds from :mod:`helpers.progress`."""
    n = format_number
    return f"""\
**Sådan vurderes et mål.** Målingerne af hvert mål med tal fremskrives til målets frist med en
statistisk trendmodel (statsmodels): random walk med drift som standard; hvor en serie har mindst 8
målinger, vælges modellen ved backtest (rullende prognoser, MASE mod den naive prognose). Hvor en
kommunal serie har for få målinger til at vurdere sin egen usikkerhed, lånes usikkerheden fra en
længere, beslægtet serie under en angivet antagelse (for overledigheden: den landsdækkende forskel
mellem indvandreres og danskfødtes ledighed i arbejdskraftundersøgelsen), ellers vises intet
interval. Sandsynligheden for at nå målet er andelen af fremskrivningens fordeling, der ligger på
den rigtige side af målet ved fristen.

**Fremskridtsreglerne.** Mål i procentpoint (forskelle mellem grupper) vurderes med Destatis'
niveauregel: den gennemsnitlige årlige ændring over de seneste (op til) {progress.LEVEL_CHANGES}
ændringer fremskrives lineært til fristen; mangler fremskrivningen under
{n(100 * progress.DEVIATION_SIGNIFICANT, 0)} % af den resterende afstand til målet, er fremgangen
god, {n(100 * progress.DEVIATION_SIGNIFICANT, 0)}–{n(100 * progress.DEVIATION_MODERATE, 0)} %
moderat, over {n(100 * progress.DEVIATION_MODERATE, 0)} % utilstrækkelig. Andre mål med tal
vurderes med Eurostats SDG-regel: den faktiske årlige vækstrate i forhold til den nødvendige;
forholdet {n(progress.RATIO_SIGNIFICANT, 2)} eller derover er god fremgang,
{n(progress.RATIO_MODERATE, 1)}–{n(progress.RATIO_SIGNIFICANT, 2)} moderat, under
{n(progress.RATIO_MODERATE, 1)} utilstrækkelig og under 0 bevægelse væk fra målet. Mål, der
blot skal stige eller falde, sammenlignes med udgangspunktet på afrundede tal (som i det
nationale integrationsbarometer).

**Farverne.** Grøn: målet er nået, nået ved fristen, eller fremgangen er god. Gul: moderat
fremgang. Rød: utilstrækkelig fremgang, bevægelse væk fra målet, eller målet blev ikke nået ved
fristen. Hvid: kan ikke vurderes (intet måltal, kan ikke måles med tal, for få eller ingen tal).

**Tal og kilder.** Alle tal stammer fra offentliggjorte kilder, som hver måling henviser til
(figur- og kilde-id). Et tal, der ikke er offentliggjort, er ukendt: det udfyldes ikke, og
rapporten siger det. Tal fra Eurostat og OECD er surveybaserede og bruges kun som
sammenligningsgrundlag, ikke som målenes egne tal.
"""


def sources_table(inputs: ReportInputs) -> str:
    """The sources of every figure the report shows, with links (http/https only)."""
    from helpers.plots import SOURCE_KIND_DA

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
