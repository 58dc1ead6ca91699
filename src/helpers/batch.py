"""The half-year batch: clean the data once, then one report per half-year.

    python -m helpers.batch --period 2013H2
    python -m helpers.batch --from 2007H1 --to 2014H2 --jobs 2
    python -m helpers.batch --vintage real-time   # only figures published by then
    python -m helpers.batch --force               # rebuild everything

Stages 1-3 run once (:mod:`helpers.pipeline`), then every half-year's report
(:mod:`helpers.report.runner`), each in a warm kernel forked from a zygote that
imports while the stages run. A half-year that fails does not stop the others;
the command then ends non-zero with one line per failure.

Runs are incremental: a stage or report whose inputs (files, code, parameters) are
those recorded in its stamp and whose outputs are intact is skipped, and the progress
output says so ("2013H2: unchanged"); ``--force`` reruns everything. See
:mod:`helpers.core.stamps`, :data:`helpers.pipeline.STAGES` and
:mod:`helpers.report.incremental`.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from helpers import pipeline
from helpers.core.errors import BarometerError
from helpers.core.paths import Workspace
from helpers.core.periods import REPORT_FIRST, REPORT_LAST, HalfYear, report_periods
from helpers.core.vintages import VINTAGES
from helpers.report import incremental, warm_kernels
from helpers.report.layout import FAILED_DIR, REAL_TIME_DIR, ReportOutcome
from helpers.report.runner import run_reports


def _report_plans(
    ws: Workspace, periods: list[HalfYear], output_dir: Path, vintage: str
) -> dict[str, incremental.ReportPlan] | None:
    """The reports' plans if every stage is current (so the processed tables will stay as
    they are), else None."""
    if not all(pipeline.stage_is_current(ws, stage, periods) for stage in pipeline.STAGES):
        return None
    return incremental.plan_reports(ws, periods, output_dir, vintage)


def _say_stage(result: pipeline.StageResult) -> None:
    print(f"stage {result.name}: {'unchanged' if result.unchanged else 'rebuilt'}", flush=True)


def run_batch(
    ws: Workspace,
    periods: list[HalfYear],
    output_dir: Path,
    jobs: int,
    progress: bool = True,
    vintage: str = "latest",
    force: bool = False,
) -> list[ReportOutcome]:
    """Run the stages once (stage 3 for ``periods``), then every half-year's report in
    ``vintage``; without ``force`` only what changed (see the module docstring).

    The warm-kernel zygote starts first and imports while the stages run (only when
    something is to be run).
    """
    plans = None if force else _report_plans(ws, periods, output_dir, vintage)
    warm_up = plans is None or any(plan.rebuild for plan in plans.values())
    with warm_kernels.zygote() if warm_up else contextlib.nullcontext() as warm:
        stages = pipeline.run_all(
            ws, periods, force=force, on_stage=_say_stage if progress else None
        )
        if not all(stage.unchanged for stage in stages):
            plans = None  # the tables changed: plan again
        return run_reports(
            ws, periods, output_dir, jobs, progress, kernel_name=warm, vintage=vintage,
            force=force, plans=plans,
        )  # fmt: skip


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
        "--vintage",
        choices=VINTAGES,
        default="latest",
        help="latest (default): every figure about periods that ended by the half-year's end; "
        "real-time: only figures also published by then (into reports/real-time/)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="rerun every stage and report, even those whose inputs are unchanged",
    )
    parser.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help="where the reports go (default: reports/, or reports/real-time/)",
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
        default = ws.reports / REAL_TIME_DIR if args.vintage == "real-time" else ws.reports
        output_dir = (args.output_dir or default).resolve()
        results = run_batch(
            ws, periods, output_dir, args.jobs, vintage=args.vintage, force=args.force
        )
    except BarometerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    failures = [r for r in results if not r.ok]
    done = len(results) - len(failures)
    unchanged = sum(r.unchanged for r in results)
    note = f" ({unchanged} unchanged, {len(results) - unchanged} rebuilt)" if unchanged else ""
    print(f"{done} of {len(results)} reports written to {ws.relative(output_dir)}/{note}")
    for failure in failures:
        print(
            f"FAILED {failure.period}: {failure.message} "
            f"(notebook kept in {ws.relative(output_dir)}/{FAILED_DIR}/{failure.period}.ipynb)"
        )
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
