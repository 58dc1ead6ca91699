"""Run the half-year reports: papermill in worker processes, HTML without code.

Reports are executed with papermill in worker processes (one kernel per report,
half-years in parallel), rendered to HTML without code, and moved into
``reports/<half-year>/`` only when complete. A half-year that fails keeps its
executed notebook, with papermill's error cell, in ``reports/_failed/`` and
does not stop the others.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import shutil
import sys
import tempfile
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path

from tqdm import tqdm

from helpers.core import stamps
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear
from helpers.report import incremental, loading, notebooks, scorecards
from helpers.report.index_page import write_index
from helpers.report.layout import (
    FAILED_DIR,
    REPORT_NOTEBOOK,
    REPORT_STEM,
    SCORECARD_FILE,
    ReportOutcome,
    report_parameters,
)


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
    vintage: str = "latest",
) -> ReportOutcome:
    """Execute and render the report of one half-year in ``vintage`` (runs in a worker).

    ``kernel_name`` and ``jupyter_path`` select warm kernels (:mod:`helpers.report.warm_kernels`);
    ``scorecard`` is the half-year's ``scorecard.csv`` if the caller computed it already.
    """
    import papermill  # in the worker: an idle incremental run does not pay for it

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
            report_parameters(half_year, vintage),
            cwd=ws.notebooks,
            failed_copy=failed_copy,
            kernel_name=kernel_name or notebooks.KERNEL_NAME,
        )
    except papermill.PapermillExecutionError as exc:
        return ReportOutcome(period, False, f"{exc.ename}: {exc.evalue}".strip())
    except Exception as exc:
        return ReportOutcome(period, False, f"{type(exc).__name__}: {exc}")
    title = f"Integrationsbarometer – evaluering {half_year.label_da()}"
    if vintage == "real-time":
        title += " (realtid)"
    if scorecard is None:
        scorecard = scorecards.scorecard_csv(loading.load_evaluations(ws), half_year, vintage)
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


def _pool_context():
    """A fork server that has imported papermill and nbconvert once, so each worker
    starts without paying for those imports (spawn where fork servers do not exist)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = get_context("forkserver")
        preload = ["helpers.report.notebooks", "papermill", "nbconvert"]
        context.set_forkserver_preload(preload)
        return context
    return get_context("spawn")


def run_reports(
    ws: Workspace,
    periods: list[HalfYear],
    output_dir: Path,
    jobs: int,
    progress: bool = True,
    kernel_name: str | None = None,
    vintage: str = "latest",
    force: bool = True,
    plans: dict[str, incremental.ReportPlan] | None = None,
) -> list[ReportOutcome]:
    """Every half-year's report in ``vintage`` from the processed tables as they are,
    ``jobs`` at a time, then ``index.html``.

    ``kernel_name`` is a warm kernel (:func:`helpers.report.warm_kernels.zygote`); None runs
    each report in a cold kernel (:data:`helpers.report.notebooks.KERNEL_NAME`).
    With ``force=False`` a half-year whose report's inputs are unchanged and whose files
    are intact is skipped (:mod:`helpers.report.incremental`; its outcome has
    ``unchanged=True``), and the index page is rebuilt only when its own inputs changed
    or it is missing or damaged. Either way the reports written are stamped. ``plans``:
    :func:`helpers.report.incremental.plan_reports` for these arguments, if the caller
    has them already.
    """
    output_dir.mkdir(parents=True, exist_ok=True)
    if plans is None:
        plans = incremental.plan_reports(ws, periods, output_dir, vintage, force)
    labels = [str(p) for p in periods if plans[str(p)].rebuild]
    outcomes = {
        str(p): ReportOutcome(str(p), True, "unchanged", unchanged=True)
        for p in periods
        if not plans[str(p)].rebuild
    }
    if progress:
        for period in periods:
            plan = plans[str(period)]
            print(f"{plan.period}: {'rebuilding, ' if plan.rebuild else ''}{plan.reason}")
        sys.stdout.flush()
    if labels:
        evaluations = loading.load_evaluations(ws)
        cards = {
            p: scorecards.scorecard_csv(evaluations, HalfYear.parse(p), vintage) for p in labels
        }
        job = functools.partial(
            render_report,
            output_dir=str(output_dir),
            kernel_name=kernel_name,
            jupyter_path=os.environ.get("JUPYTER_PATH"),
            vintage=vintage,
        )
        bar = tqdm(
            total=len(labels), desc="Rapporter", unit="rapport", disable=not progress or None
        )
        if jobs <= 1 or len(labels) == 1:
            for label in labels:
                outcomes[label] = job(str(ws.root), label, scorecard=cards[label])
                bar.update()
        else:
            workers = min(jobs, len(labels))
            with ProcessPoolExecutor(max_workers=workers, mp_context=_pool_context()) as pool:
                futures = [
                    pool.submit(job, str(ws.root), label, scorecard=cards[label])
                    for label in labels
                ]
                for future in as_completed(futures):
                    outcome = future.result()
                    outcomes[outcome.period] = outcome
                    bar.update()
        bar.close()
        for label in labels:
            incremental.record_report(output_dir, plans[label], outcomes[label])
    results = sorted(outcomes.values(), key=lambda r: HalfYear.parse(r.period))
    key = incremental.index_key(ws, output_dir, results)
    if force or labels or not stamps.is_fresh(output_dir, incremental.INDEX_STAMP, key):
        write_index(output_dir, results, ws.reference)
        if progress:
            print("index: rebuilt")
        stamps.write_stamp(output_dir, incremental.INDEX_STAMP, key, incremental.index_outputs())
    elif progress:
        print("index: unchanged")
    return results
