"""``reports/index.html``: every half-year's report with its colour counts."""

from __future__ import annotations

import html
from pathlib import Path

import pandas as pd

from helpers.core import atomic
from helpers.core.periods import HalfYear
from helpers.report import scorecards, tables
from helpers.report.layout import FAILED_DIR, REPORT_STEM, SCORECARD_FILE, ReportOutcome


def _colour_counts(folder: Path) -> dict[str, int] | None:
    card = folder / SCORECARD_FILE
    if not card.is_file():
        return None
    return scorecards.colour_counts(pd.read_csv(card, dtype=str, keep_default_na=False))


def write_index(output_dir: Path, outcomes: list[ReportOutcome]) -> None:
    """``index.html``: every report folder in ``output_dir`` with its verdict counts."""
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
body{{font-family:sans-serif;max-width:50em;margin:2em auto;color:#1f2328}}
td,th{{padding:.3em .8em;text-align:left;border-bottom:1px solid #d0d7de}}
.num{{text-align:right}}
.farve{{display:inline-block;min-width:3.5em;padding:.1em .4em;border-radius:3px;text-align:center}}
.farve-green{{background:#2da44e;color:#fff}} .farve-yellow{{background:#f2cc60}}
.farve-red{{background:#cf222e;color:#fff}} .farve-white{{border:1px solid #d0d7de}}
</style>
</head>
<body>
<h1>Integrationsbarometer – halvårsrapporter</h1>
<p>Eksperttænketanken for integrations halvårlige vurdering af Københavns Kommunes
integrationspolitik. Tallene viser, hvor mange af de gældende mål der fik hver farve.</p>
<table><thead><tr><th>Halvår</th>{heads}<th>Bemærkning</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody></table>
{"<h2>Fejlede kørsler</h2><ul>" + failed_html + "</ul>" if failed else ""}
</body>
</html>
"""
    atomic.write_text(output_dir / "index.html", page)
