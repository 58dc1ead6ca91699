"""Benchmark: the half-year batch against a naive loop of command-line calls.

    .venv/bin/python benchmarks/batch.py [--from 2007H1] [--to 2014H2] [--repeat 1]

(a) naive: for each half-year, ``papermill`` and then ``jupyter nbconvert --no-input``
    as separate command-line calls, one after the other;
(b) batch: the report phase of ``helpers.batch`` (reports in parallel, in-process
    papermill and HTML rendering, warm kernels forked from a prepared process, see
    :mod:`helpers.report.warm_kernels`), timed from a fresh interpreter; the full
    ``python -m helpers.batch`` with stages 1-3 is timed too, for reference;
floor: kernel start + the report's imports per report (a cold kernel running
    the report's cell tagged ``imports``), divided by the number of cores. Warm
    kernels avoid most of this cost, which is why the batch can come close to it
    although every report also draws its charts and renders its HTML.

Prints the times and the ratios naive/batch and batch/floor. Writes only to a
temporary folder.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear
from helpers.report import notebooks

BIN = Path(sys.executable).parent


def _run(cmd: list[str], cwd: Path) -> None:
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def naive_loop(ws: Workspace, periods: list[str], out: Path) -> float:
    """Seconds for papermill + nbconvert command-line calls per half-year."""
    start = time.perf_counter()
    for period in periods:
        target = out / f"naive_{period}.ipynb"
        _run(
            [
                str(BIN / "papermill"),
                "--no-progress-bar",
                "-k",
                notebooks.KERNEL_NAME,
                "-p",
                "period",
                period,
                str(ws.notebooks / "04_evaluation_report.ipynb"),
                str(target),
            ],
            ws.notebooks,
        )
        _run([str(BIN / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(target)], out)
    return time.perf_counter() - start


def batch_reports(ws: Workspace, first: str, last: str, out: Path, jobs: int) -> float:
    """Seconds for the batch's report phase alone (a fresh interpreter, the processed tables
    as they are): the like-for-like comparison with the naive loop, which runs no stages."""
    code = (
        "from pathlib import Path\n"
        "from helpers.core.paths import Workspace\n"
        "from helpers.core.periods import HalfYear as H\n"
        "from helpers.report import runner, warm_kernels\n"
        "with warm_kernels.zygote() as warm:\n"
        f"    periods = H.range(H.parse({first!r}), H.parse({last!r}))\n"
        f"    runner.run_reports(Workspace.default(), periods, Path({str(out)!r}), {jobs},"
        " progress=False, kernel_name=warm)\n"
    )
    start = time.perf_counter()
    _run([sys.executable, "-c", code], ws.root)
    return time.perf_counter() - start


def batch(ws: Workspace, first: str, last: str, out: Path, jobs: int) -> float:
    """Seconds for ``python -m helpers.batch`` over the same half-years (stages included)."""
    start = time.perf_counter()
    _run(
        [
            sys.executable,
            "-m",
            "helpers.batch",
            "--from",
            first,
            "--to",
            last,
            "--jobs",
            str(jobs),
            "--output-dir",
            str(out),
        ],
        ws.root,
    )
    return time.perf_counter() - start


def kernel_and_imports(ws: Workspace, runs: int = 3) -> float:
    """Median seconds to start a kernel and run the report's import cell."""
    report = nbformat.read(ws.notebooks / "04_evaluation_report.ipynb", as_version=4)
    cells = [c for c in report.cells if "imports" in c.metadata.get("tags", [])]
    if not cells:
        raise SystemExit("04_evaluation_report has no cell tagged 'imports'")
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c.source) for c in cells])
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        notebooks.execute(nb, cwd=ws.notebooks)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", default="2007H1")
    parser.add_argument("--to", dest="last", default="2014H2")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    ws = Workspace.default()
    first, last = HalfYear.parse(args.first), HalfYear.parse(args.last)
    periods = [str(p) for p in HalfYear.range(first, last)]
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="barometer-bench-") as tmp:
        tmp_path = Path(tmp)
        (tmp_path / "naive").mkdir()
        t_total = batch(ws, args.first, args.last, tmp_path / "batch", args.jobs)
        t_batch = batch_reports(ws, args.first, args.last, tmp_path / "reports", args.jobs)
        t_naive = naive_loop(ws, periods, tmp_path / "naive")
        per_report = kernel_and_imports(ws)
    floor = per_report * len(periods) / cores
    print(f"half-years: {len(periods)} ({first}-{last}), cores: {cores}, jobs: {args.jobs}")
    print(f"naive loop (papermill + nbconvert CLI): {t_naive:7.1f} s")
    print(f"batch, reports only (helpers.batch):    {t_batch:7.1f} s")
    print(f"batch, stages 1-3 + reports (CLI):      {t_total:7.1f} s")
    print(
        f"floor (kernel start + imports {per_report:.2f} s x {len(periods)} / {cores} cores): "
        f"{floor:7.1f} s"
    )
    print(f"naive / batch = {t_naive / t_batch:.2f}   (goal: >= 4)")
    print(f"batch / floor = {t_batch / floor:.2f}   (goal: <= 1.3)")


if __name__ == "__main__":
    main()
