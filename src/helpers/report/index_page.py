"""``reports/index.html``: the goal × half-year overview, then every half-year's report
with its colour counts; ``reports/overview.csv``: the overview as a table."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from helpers.core import atomic
from helpers.core.periods import HalfYear
from helpers.report import overview, scorecards, tables
from helpers.report.layout import (
    FAILED_DIR,
    INDEX_FILE,
    OVERVIEW_FILE,
    REPORT_STEM,
    SCORECARD_FILE,
    ReportOutcome,
)


def _colour_counts(folder: Path) -> dict[str, int] | None:
    card = folder / SCORECARD_FILE
    if not card.is_file():
        return None
    return scorecards.colour_counts(pd.read_csv(card, dtype=str, keep_default_na=False))


def write_index(output_dir: Path, outcomes: list[ReportOutcome], reference: Path) -> None:
    """``index.html`` and ``overview.csv`` (together or neither): the overview of every
    goal in every report folder in ``output_dir``, then the folders with their verdict
    counts. ``reference`` is ``data/reference/`` (the documents' names)."""
    documents = overview.read_documents(reference)
    frame = overview.overview(overview.read_scorecards(output_dir), documents)
    status = {o.period: o for o in outcomes}
    periods = sorted(
        (p.name for p in output_dir.iterdir() if p.is_dir() and HalfYear.is_label(p.name)),
        key=HalfYear.parse,
    )
    rows = []
    for period in periods:
        half_year = HalfYear.parse(period)
        counts = _colour_counts(output_dir / period) or {}
        cells = "".join(f'<td class="num">{counts.get(c, "–")}</td>' for c in scorecards.COLOURS)
        note = ""
        if period in status and not status[period].ok:
            note = "seneste kørsel fejlede; rapporten er fra en tidligere kørsel"
        rows.append(
            f'<tr><td><a href="{period}/{REPORT_STEM}.html">{html.escape(half_year.label_da())}'
            f"</a></td>{cells}<td>{html.escape(note)}</td></tr>"
        )
    failed = sorted(o.period for o in outcomes if not o.ok)
    failed_html = "".join(
        f'<li><a href="{FAILED_DIR}/{p}.ipynb">{html.escape(p)}</a></li>' for p in failed
    )
    heads = "".join(f'<th class="num">{tables.badge(c)}</th>' for c in scorecards.COLOURS)
    page = f"""<!DOCTYPE html>
<html lang="da">
<head><meta charset="utf-8"><title>Integrationsbarometer – halvårsrapporter</title>
<style>
body{{font-family:sans-serif;max-width:90em;margin:2em auto;padding:0 1em;color:#1f2328}}
td,th{{padding:.3em .8em;text-align:left;border-bottom:1px solid #d0d7de}}
.num{{text-align:right}}
.farve{{display:inline-block;min-width:3.5em;padding:.1em .4em;border-radius:3px;text-align:center}}
.farve-green,.ov-green{{background:#2da44e;color:#fff}}
.farve-yellow,.ov-yellow{{background:#f2cc60}}
.farve-red,.ov-red{{background:#cf222e;color:#fff}}
.farve-white{{border:1px solid #d0d7de}} .ov-white{{background:#fff;color:#57606a}}
.forklaring{{list-style:none;padding:0;font-size:.9em}} .forklaring li{{margin:.25em 0}}
.prove{{display:inline-block;width:1.6em;text-align:center;border:1px solid #d0d7de}}
.ramme{{overflow-x:auto}}
table.oversigt{{border-collapse:collapse;font-size:.72em}}
.oversigt th,.oversigt td{{padding:.2em .3em;border:1px solid #d0d7de}}
.oversigt thead th{{vertical-align:bottom}} .oversigt .halvaar{{min-width:5.6em}}
.oversigt tbody th{{white-space:nowrap;position:sticky;left:0;background:#fff}}
.oversigt tr.dokument th{{background:#f6f8fa;font-size:1.1em;padding-top:.6em}}
.oversigt td.ov a{{display:block;color:inherit;text-decoration:none}}
.oversigt td.ov a:hover,.oversigt td.ov a:focus{{text-decoration:underline}}
.oversigt .symbol{{font-weight:bold}}
</style>
</head>
<body>
<h1>Integrationsbarometer – halvårsrapporter</h1>
<p>Eksperttænketanken for integrations halvårlige vurdering af Københavns Kommunes
integrationspolitik.</p>
{overview.overview_html(frame, documents)}
<h2>Halvårsrapporterne</h2>
<p>Tallene viser, hvor mange af de gældende mål der fik hver farve.</p>
<table><thead><tr><th>Halvår</th>{heads}<th>Bemærkning</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
{"<h2>Fejlede kørsler</h2><ul>" + failed_html + "</ul>" if failed else ""}
</body>
</html>
"""
    atomic.write_many(
        {
            output_dir / INDEX_FILE: page.encode("utf-8"),
            output_dir / OVERVIEW_FILE: overview.overview_csv(frame),
        }
    )
