"""Which half-years' reports, and whether the index page, must be rebuilt.

A report's key (:func:`report_keys`) is the SHA-256 of exactly what it can see and
what produces it:

* the rows of the processed tables and reference catalogues its
  :func:`helpers.report.loading.load_inputs` returns (:func:`~helpers.report.loading.
  visible_tables`: figures as of the half-year and vintage, its evaluations and those
  of the previous half-year, its fans and backtests, the findings dated by then ...);
  so a new 2014 figure changes only the keys of the half-years that can see it;
* the report notebook's bytes (``notebooks/04_evaluation_report.ipynb``);
* the source of the code it runs (:data:`REPORT_CODE`) and ``requirements.lock``;
* its papermill parameters (:func:`helpers.report.layout.report_parameters`).

Stamps (:mod:`helpers.core.stamps`) live in ``<output dir>/.stamps/`` (for ``reports/``:
``reports/.stamps/``, git-ignored). A report is skipped only when its key is the
recorded one and its three files still have their recorded hashes. The index page
(``index.html``, ``overview.csv``) is keyed by every report folder's scorecard, the
documents catalogue, the code and the failures, so it is rebuilt whenever any
half-year's scorecard changed or it is missing or damaged.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core import stamps
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear
from helpers.report import loading
from helpers.report.layout import (
    INDEX_FILE,
    OVERVIEW_FILE,
    REPORT_NOTEBOOK,
    REPORT_STEM,
    SCORECARD_FILE,
    ReportOutcome,
    report_parameters,
)

#: The parts of ``helpers`` a report runs: the kernel imports the report modules, the
#: goal record, rules and model labels; the parent renders the HTML (templates in
#: ``report/templates``).
REPORT_CODE = ("core", "goals", "evaluation", "report")
INDEX_STAMP = "index"
#: A report's files in its folder.
REPORT_FILES = (f"{REPORT_STEM}.html", f"{REPORT_STEM}.ipynb", SCORECARD_FILE)


@dataclass(frozen=True)
class ReportPlan:
    """Whether one half-year's report must be rebuilt, and why."""

    period: str
    key: str
    rebuild: bool
    reason: str


def report_outputs(period: str) -> list[str]:
    """A report's files, relative to the output folder."""
    return [f"{period}/{name}" for name in REPORT_FILES]


def _frame_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False, lineterminator="\n").encode("utf-8")


def common_key(ws: Workspace, code_root: Path = stamps.CODE_ROOT) -> str:
    """The part of every report's key that does not depend on the half-year: the
    notebook, the code and ``requirements.lock``."""
    key = stamps.Key().file("notebook", ws.notebooks / REPORT_NOTEBOOK)
    key.code(REPORT_CODE, code_root)
    return key.file("requirements.lock", ws.root / "requirements.lock").hexdigest()


def report_keys(
    ws: Workspace,
    periods: list[HalfYear],
    vintage: str = "latest",
    code_root: Path = stamps.CODE_ROOT,
) -> dict[str, str]:
    """Each half-year's report key (see the module docstring), by half-year label."""
    common = common_key(ws, code_root)
    tables = loading.read_tables(ws)
    keys = {}
    for half_year in periods:
        parameters = report_parameters(half_year, vintage)
        key = stamps.Key().text("common", common)
        key.text("parameters", json.dumps(parameters, sort_keys=True))
        seen = loading.visible_tables(tables, parameters["period"], vintage)
        for name in sorted(seen):
            key.data(f"table:{name}", _frame_bytes(seen[name]))
        keys[str(half_year)] = key.hexdigest()
    return keys


def plan_reports(
    ws: Workspace,
    periods: list[HalfYear],
    output_dir: Path,
    vintage: str = "latest",
    force: bool = False,
    code_root: Path = stamps.CODE_ROOT,
) -> dict[str, ReportPlan]:
    """For each half-year: rebuild its report or not (``force``: all), and why."""
    plans = {}
    for period, key in report_keys(ws, periods, vintage, code_root).items():
        stamp = stamps.read_stamp(output_dir, period)
        if force:
            rebuild, reason = True, "forced"
        elif stamp is None:
            rebuild, reason = True, "not built before"
        elif stamp.key != key:
            rebuild, reason = True, "inputs changed"
        elif not stamp.fresh(key, output_dir):
            rebuild, reason = True, "output missing or changed"
        else:
            rebuild, reason = False, "unchanged"
        plans[period] = ReportPlan(period, key, rebuild, reason)
    return plans


def record_report(output_dir: Path, plan: ReportPlan, outcome: ReportOutcome) -> None:
    """After a run: stamp a report that was written, forget one that failed."""
    if outcome.ok:
        stamps.write_stamp(output_dir, plan.period, plan.key, report_outputs(plan.period))
    else:
        stamps.forget(output_dir, plan.period)


def index_key(
    ws: Workspace,
    output_dir: Path,
    outcomes: list[ReportOutcome],
    code_root: Path = stamps.CODE_ROOT,
) -> str:
    """The index page's key: every half-year folder in ``output_dir`` with its scorecard,
    the documents catalogue, the code, ``requirements.lock`` and the failed half-years."""
    key = stamps.Key().file("documents", ws.reference / "documents.csv")
    key.code(REPORT_CODE, code_root).file("requirements.lock", ws.root / "requirements.lock")
    folders = sorted(
        (p.name for p in output_dir.iterdir() if p.is_dir() and HalfYear.is_label(p.name)),
        key=HalfYear.parse,
    )
    key.text("folders", " ".join(folders))
    for name in folders:
        key.file(f"{name}/{SCORECARD_FILE}", output_dir / name / SCORECARD_FILE)
    key.text("failed", " ".join(sorted(o.period for o in outcomes if not o.ok)))
    return key.hexdigest()


def index_outputs() -> list[str]:
    """The index page's files, relative to the output folder."""
    return [INDEX_FILE, OVERVIEW_FILE]
