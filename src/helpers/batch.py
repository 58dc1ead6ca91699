"""The half-year batch: clean the data once, then one report per half-year.

    python -m helpers.batch --period 2013H2
    python -m helpers.batch --from 2007H1 --to 2014H2 --jobs 2

Reports are executed with papermill in worker processes (one kernel per report,
half-years in parallel), rendered to HTML without code, and moved into
``reports/<half-year>/`` only when complete. A half-year that fails keeps its
executed notebook, with papermill's error cell, in ``reports/_failed/`` and
does not stop the others; the command then ends non-zero with one line per
failure.
"""

from __future__ import annotations

import argparse
import functools
import html
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import get_context
from pathlib import Path

# Kept light on purpose: the warm-kernel zygote starts before the heavy imports
# (pandas, nbformat, papermill), which happen inside the functions that need them.
from helpers import atomic, warm_kernels
from helpers.errors import BarometerError
from helpers.paths import Workspace
from helpers.periods import REPORT_FIRST, REPORT_LAST, HalfYear, report_periods

REPORT_NOTEBOOK = "04_evaluation_report.ipynb"
REPORT_STEM = "evaluation_report"
SCORECARD_FILE = "scorecard.csv"
FAILED_DIR = "_failed"


@dataclass(frozen=True)
class ReportOutcome:
    """How one half-year's report went."""

    period: str
    ok: bool
    message: str = ""


def _replace_dir(staging: Path, destination: Path) -> None:
    """Move a finished report folder into place; the old one goes only after."""
    old = None
    if destination.exists():
        old = destination.with_name(f".{destination.name}.old-{os.getpid()}")
        os.replace(destination, old)
    os.replace(staging, destination)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def render_report(
    root: str,
    period: str,
    output_dir: str,
    kernel_name: str | None = None,
    jupyter_path: str | None = None,
    scorecard: bytes | None = None,
) -> ReportOutcome:
    """Execute and render the report of one half-year (runs in a worker).

    ``kernel_name`` and ``jupyter_path`` select warm kernels (:mod:`helpers.warm_kernels`);
    ``scorecard`` is the half-year's ``scorecard.csv`` if the caller computed it already.
    """
    import papermill

    from helpers import notebooks

    if jupyter_path:
        os.environ["JUPYTER_PATH"] = jupyter_path

    ws = Workspace(Path(root))
    out = Path(output_dir)
    half_year = HalfYear.parse(period)
    failed_copy = out / FAILED_DIR / f"{period}.ipynb"
    out.mkdir(parents=True, exist_ok=True)
    try:
        nb = notebooks.execute(
            ws.notebooks / REPORT_NOTEBOOK,
            {"period": str(half_year)},
            cwd=ws.notebooks,
            failed_copy=failed_copy,
            kernel_name=kernel_name or notebooks.KERNEL_NAME,
        )
    except papermill.PapermillExecutionError as exc:
        return ReportOutcome(period, False, f"{exc.ename}: {exc.evalue}".strip())
    except Exception as exc:
        return ReportOutcome(period, False, f"{type(exc).__name__}: {exc}")
    title = f"Integrationsbarometer – evaluering {half_year.label_da()}"
    if scorecard is None:
        from helpers import report

        scorecard = report.scorecard_csv(report.load_evaluations(ws), half_year)
    staging = Path(tempfile.mkdtemp(prefix=f".{period}.tmp-", dir=out))
    try:
        (staging / f"{REPORT_STEM}.ipynb").write_bytes(notebooks.dumps(nb))
        (staging / f"{REPORT_STEM}.html").write_bytes(notebooks.to_html(nb, title))
        (staging / SCORECARD_FILE).write_bytes(scorecard)
        for path in staging.iterdir():
            path.chmod(0o644)
        staging.chmod(0o755)
        _replace_dir(staging, out / period)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    failed_copy.unlink(missing_ok=True)
    return ReportOutcome(period, True)


def _colour_counts(folder: Path) -> dict[str, int] | None:
    card = folder / SCORECARD_FILE
    if not card.is_file():
        return None
    import pandas as pd

    from helpers import report

    return report.colour_counts(pd.read_csv(card, dtype=str, keep_default_na=False))


def write_index(output_dir: Path, outcomes: list[ReportOutcome]) -> None:
    """``index.html``: every report folder in ``output_dir`` with its verdict counts."""
    from helpers import report

    status = {o.period: o for o in outcomes}
    periods = sorted(
        (p.name for p in output_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))),
        key=HalfYear.parse,
    )
    rows = []
    for period in periods:
        half_year = HalfYear.parse(period)
        counts = _colour_counts(output_dir / period) or {}
        cells = "".join(f'<td class="num">{counts.get(c, "–")}</td>' for c in report.COLOURS)
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
    heads = "".join(f'<th class="num">{report.badge(c)}</th>' for c in report.COLOURS)
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


def _pool_context():
    """A fork server that has imported papermill and nbconvert once, so each worker
    starts without paying for those imports (spawn where fork servers do not exist)."""
    import multiprocessing

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = get_context("forkserver")
        preload = ["helpers.notebooks", "papermill", "nbconvert"]
        context.set_forkserver_preload(preload)
        return context
    return get_context("spawn")


def run_reports(
    ws: Workspace,
    periods: list[HalfYear],
    output_dir: Path,
    jobs: int,
    progress: bool = True,
) -> list[ReportOutcome]:
    """Every half-year's report from the processed tables as they are, ``jobs`` at a time,
    each in a fresh warm kernel (:mod:`helpers.warm_kernels`)."""
    with warm_kernels.zygote() as warm:
        return _run_reports(ws, periods, output_dir, jobs, progress, warm)


def _run_reports(
    ws: Workspace,
    periods: list[HalfYear],
    output_dir: Path,
    jobs: int,
    progress: bool,
    warm: str | None,
) -> list[ReportOutcome]:
    from tqdm import tqdm

    from helpers import report

    output_dir.mkdir(parents=True, exist_ok=True)
    labels = [str(p) for p in periods]
    results: list[ReportOutcome] = []
    evaluations = report.load_evaluations(ws)
    cards = {str(p): report.scorecard_csv(evaluations, p) for p in periods}
    job = functools.partial(
        render_report,
        output_dir=str(output_dir),
        kernel_name=warm,
        jupyter_path=os.environ.get("JUPYTER_PATH"),
    )
    bar = tqdm(total=len(labels), desc="Rapporter", unit="rapport", disable=not progress or None)
    if jobs <= 1 or len(labels) == 1:
        for label in labels:
            results.append(job(str(ws.root), label, scorecard=cards[label]))
            bar.update()
    else:
        workers = min(jobs, len(labels))
        with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
            futures = [
                pool.submit(job, str(ws.root), label, scorecard=cards[label]) for label in labels
            ]
            for future in as_completed(futures):
                results.append(future.result())
                bar.update()
    bar.close()
    results.sort(key=lambda r: HalfYear.parse(r.period))
    write_index(output_dir, results)
    return results


def run_batch(
    ws: Workspace,
    periods: list[HalfYear],
    output_dir: Path,
    jobs: int,
    progress: bool = True,
) -> list[ReportOutcome]:
    """Run the stages once (stage 3 for ``periods``), then every half-year's report.

    The warm-kernel zygote starts first and imports while the stages run.
    """
    from helpers import stages

    with warm_kernels.zygote() as warm:
        stages.run_all(ws, periods)
        return _run_reports(ws, periods, output_dir, jobs, progress, warm)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.batch",
        description="Run the half-year evaluation reports into reports/<half-year>/.",
    )
    parser.add_argument(
        "--period",
        action="append",
        default=[],
        metavar="P",
        help="a half-year such as 2013H2 (repeatable)",
    )
    parser.add_argument("--from", dest="first", metavar="P", help="first half-year of a range")
    parser.add_argument("--to", dest="last", metavar="P", help="last half-year of a range")
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="reports run in parallel (default: one per core)",
    )
    parser.add_argument(
        "--output-dir", type=Path, default=None, help="where the reports go (default: reports/)"
    )
    return parser.parse_args(argv)


def select_periods(args: argparse.Namespace) -> list[HalfYear]:
    """The half-years asked for, validated, sorted and without repeats."""
    chosen = {HalfYear.parse(p) for p in args.period}
    if args.first or args.last:
        first = HalfYear.parse(args.first) if args.first else REPORT_FIRST
        last = HalfYear.parse(args.last) if args.last else REPORT_LAST
        chosen.update(HalfYear.range(first, last))
    if not chosen:
        chosen.update(report_periods())
    return sorted(chosen)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ws = Workspace.default()
    try:
        periods = select_periods(args)
        if args.jobs < 1:
            raise BarometerError(f"--jobs must be at least 1, not {args.jobs}")
        output_dir = (args.output_dir or ws.reports).resolve()
        results = run_batch(ws, periods, output_dir, args.jobs)
    except BarometerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failures = [r for r in results if not r.ok]
    done = len(results) - len(failures)
    print(f"{done} of {len(results)} reports written to {ws.relative(output_dir)}/")
    for failure in failures:
        print(
            f"FAILED {failure.period}: {failure.message} "
            f"(notebook kept in {ws.relative(output_dir)}/{FAILED_DIR}/{failure.period}.ipynb)"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
