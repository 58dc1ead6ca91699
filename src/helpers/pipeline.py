"""The pipeline's stages as small, named, re-runnable units.

``raw -> clean_goals, clean_outcomes -> processed tables -> calibrate -> model_trends -> report``

Each stage reads only the previous stage's files, checks the raw data against
its manifest before it reads anything (the two cleaning stages are the only
ones that read ``data/raw/``), validates everything it produces and writes its
outputs all-or-nothing. The notebooks ``01``-``03`` call these same functions,
and so does the batch.

The tables themselves are built by each stage's ``build_tables``
(:mod:`helpers.goals.stage`, :mod:`helpers.outcomes.stage`,
:mod:`helpers.evaluation.stage`); this module only orders, verifies and writes.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from helpers.core import atomic
from helpers.core.manifest import verify_raw_data
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear, report_periods
from helpers.evaluation import stage as evaluation_stage
from helpers.goals import stage as goals_stage
from helpers.outcomes import stage as outcomes_stage


@dataclass
class StageResult:
    """What a stage produced.

    Attributes
    ----------
    name : str
        The stage's name.
    tables : dict of str to DataFrame
        Each output table by file name (in ``data/processed/``).
    written : list of Path
        The files written (empty when run with ``write=False``).
    """

    name: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    def __repr__(self) -> str:
        parts = ", ".join(f"{name}: {len(t)} rows" for name, t in self.tables.items())
        return f"<StageResult {self.name}: {parts}>"


def _finish(ws: Workspace, result: StageResult, write: bool) -> StageResult:
    if write:
        files = {
            ws.processed / name: table.to_csv(index=False, lineterminator="\n").encode("utf-8")
            for name, table in result.tables.items()
        }
        atomic.write_many(files)
        result.written = sorted(files)
    return result


def clean_goals(ws: Workspace | None = None, write: bool = True) -> StageResult:
    """Stage 1: the goal registry (and what the documents report) from the policy documents."""
    ws = ws or Workspace.default()
    verify_raw_data(ws)
    return _finish(ws, StageResult("clean_goals", goals_stage.build_tables(ws)), write)


def clean_outcomes(ws: Workspace | None = None, write: bool = True) -> StageResult:
    """Stage 2: validated outcome series from the published figures, the documents'
    own results (stage 1) and the survey series."""
    ws = ws or Workspace.default()
    verify_raw_data(ws)
    return _finish(ws, StageResult("clean_outcomes", outcomes_stage.build_tables(ws)), write)


def calibrate(ws: Workspace | None = None, write: bool = True) -> StageResult:
    """Stage 3a: real-data calibration of the model candidates on the long survey series
    (reads only ``outcomes.csv``; writes ``calibration.csv`` and
    ``calibration_reliability.csv``, whose chosen candidate ``model_trends`` uses)."""
    ws = ws or Workspace.default()
    tables = evaluation_stage.build_calibration_tables(ws)
    return _finish(ws, StageResult("calibrate", tables), write)


def model_trends(
    ws: Workspace | None = None,
    periods: Iterable[HalfYear] | None = None,
    write: bool = True,
) -> StageResult:
    """Stage 3: projections, backtests and verdicts for every evaluable goal as of
    every half-year of the standard report range (2007H1-2014H2) and of ``periods``.

    The standard range is always included, so that asking for one half-year never
    drops the others from the processed tables."""
    ws = ws or Workspace.default()
    tables = evaluation_stage.build_tables(ws, sorted(set(report_periods()) | set(periods or [])))
    return _finish(ws, StageResult("model_trends", tables), write)


def run_all(
    ws: Workspace | None = None, periods: Iterable[HalfYear] | None = None
) -> list[StageResult]:
    """Run every stage in order (stage 3 for ``periods``), all or nothing.

    The stages write into a staging folder, each reading the previous one's
    files there; only when all of them succeeded are their tables moved into
    ``data/processed/`` together. A failing stage leaves ``data/processed/``
    exactly as it was.
    """
    ws = ws or Workspace.default()
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=ws.processed.parent) as tmp:
        staged = replace(ws, processed_dir=Path(tmp))
        results = [
            clean_goals(staged),
            clean_outcomes(staged),
            calibrate(staged),
            model_trends(staged, periods),
        ]
        files = {ws.processed / p.name: p.read_bytes() for p in sorted(Path(tmp).iterdir())}
        atomic.write_many(files)
    for result in results:
        result.written = sorted(ws.processed / p.name for p in result.written)
    return results
