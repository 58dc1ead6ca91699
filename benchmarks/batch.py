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
incremental (``--incremental-only`` runs just this): on a copy of the workspace whose
    register lacks one real 2014 figure (F150), ``python -m helpers.batch --force`` (a
    full run), the same command without ``--force`` with nothing changed, and again after
    the figure arrives as ``additions/2014H2_figures.csv`` (recorded in the manifest);
    prints the times, the ratios to the full run and the half-years rebuilt.

Prints the times and the ratios naive/batch and batch/floor. Writes only to a
temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from helpers.core import manifest
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
    """Seconds for ``python -m helpers.batch --force`` over the same half-years (stages
    included, none skipped)."""
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
            "--force",
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


REGISTER = "data/raw/published_figures/published_figures.csv"
#: A real 2014 figure, withheld from the register and then added as an analyst would.
FIGURE_2014 = "F150"
ADDITION_2014 = "data/raw/published_figures/additions/2014H2_figures.csv"


def copy_workspace(ws: Workspace, target: Path) -> Workspace:
    """The inputs of a fresh clone (no stamps, no reports) in ``target``."""
    skip = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", ".stamps")
    for folder in ("data/raw", "data/reference", "data/processed", "notebooks"):
        shutil.copytree(ws.root / folder, target / folder, ignore=skip)
    shutil.copyfile(ws.root / "requirements.lock", target / "requirements.lock")
    return Workspace(target)


def withhold_figure(ws: Workspace, figure_id: str) -> str:
    """Take a real row out of the register and re-record the register in the manifest
    (the workspace as it was before the figure arrived); return the header and row."""
    path = ws.root / REGISTER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    [row] = [line for line in lines[1:] if line.startswith(f"{figure_id},")]
    path.write_text("".join(x for x in lines if x != row), encoding="utf-8", newline="")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(manifest.COLUMNS)
    for e in manifest.read_manifest(ws):
        size, digest = (e.size_bytes, e.sha256)
        if e.path == REGISTER:
            size, digest = path.stat().st_size, manifest.sha256_of(path)
        writer.writerow([e.path, size, digest, e.source, e.description])
    ws.manifest.write_text(buffer.getvalue(), encoding="utf-8")
    return lines[0] + row


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_batch(
    root: Path, first: str, last: str, jobs: int, *extra: str
) -> tuple[float, float, str]:
    """Wall-clock seconds, CPU seconds (the batch and every process it waited for:
    workers, zygote, kernels) of ``python -m helpers.batch`` in ``root``, and what it
    printed. CPU time varies far less than wall-clock time on a shared machine."""
    env = {**os.environ, "BAROMETER_ROOT": str(root)}
    cmd = [sys.executable, "-m", "helpers.batch", "--from", first, "--to", last,
           "--jobs", str(jobs), *extra]  # fmt: skip
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(cmd, cwd=root, env=env, check=True, capture_output=True, text=True)
    return time.perf_counter() - start, _children_cpu() - cpu, done.stdout


def incremental(ws: Workspace, first: str, last: str, jobs: int, tmp: Path) -> None:
    """Full run, unchanged rerun and rerun after one 2014 additions file; prints them."""
    copy = copy_workspace(ws, tmp / "incremental")
    lines = withhold_figure(copy, FIGURE_2014)
    t_full, c_full, _ = timed_batch(copy.root, first, last, jobs, "--force")
    t_idle, c_idle, _ = timed_batch(copy.root, first, last, jobs)
    path = copy.root / ADDITION_2014
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(lines, encoding="utf-8", newline="")
    manifest.add_entry(copy, path, source="benchmark: an analyst's addition")
    t_added, c_added, printed = timed_batch(copy.root, first, last, jobs)
    rebuilt = [line.split(":")[0] for line in printed.splitlines() if ": rebuilding" in line]
    stages = [line.split()[1].rstrip(":") for line in printed.splitlines()
              if line.startswith("stage ") and line.endswith("rebuilt")]  # fmt: skip
    print("incremental runs (wall-clock s, share of the full run; CPU s, share):")
    rows = [
        ("full run (--force)", t_full, c_full),
        ("rerun, nothing changed (goal: <= 15 %)", t_idle, c_idle),
        (f"rerun after {ADDITION_2014.rsplit('/', 1)[1]}", t_added, c_added),
    ]
    for label, wall, cpu in rows:
        print(
            f"  {label:<40} {wall:7.1f} s {100 * wall / t_full:5.1f} %"
            f"   CPU {cpu:7.1f} s {100 * cpu / c_full:5.1f} %"
        )
    print(f"  stages rebuilt: {', '.join(stages) or 'none'}; reports rebuilt: "
          f"{', '.join(rebuilt) or 'none'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="first", default="2007H1")
    parser.add_argument("--to", dest="last", default="2014H2")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--incremental-only", action="store_true", help="only the incremental measurements"
    )
    args = parser.parse_args()
    ws = Workspace.default()
    if args.incremental_only:
        with tempfile.TemporaryDirectory(prefix="barometer-bench-") as tmp:
            incremental(ws, args.first, args.last, args.jobs, Path(tmp))
        return
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
        incremental(ws, args.first, args.last, args.jobs, tmp_path)
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
