"""The pipeline's stages as small, named, re-runnable units.

``raw -> clean_goals, clean_outcomes -> processed tables -> calibrate -> model_trends -> report``

Each stage reads only the previous stage's files, checks the raw data against
its manifest before it reads anything (the two cleaning stages are the only
ones that read ``data/raw/``), validates everything it produces and writes its
outputs all-or-nothing. The notebooks ``01``-``03`` call these same functions,
and so does the batch.

:data:`STAGES` declares each stage: the files it reads, the tables it writes, the
code it runs. ``run_all(..., force=False)`` (the batch) skips a stage whose key —
the SHA-256 of those inputs, that code, ``requirements.lock`` and the half-years —
is the one recorded in its stamp (``data/processed/.stamps/<stage>.json``,
:mod:`helpers.core.stamps`) and whose tables still have their recorded hashes.

The tables themselves are built by each stage's ``build_tables``
(:mod:`helpers.goals.stage`, :mod:`helpers.outcomes.stage`,
:mod:`helpers.evaluation.stage`); this module only orders, verifies and writes.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from helpers.core import atomic, stamps
from helpers.core.manifest import verify_raw_data
from helpers.core.paths import (
    BACKTESTS_FILE,
    BUDGET_CHECKS_FILE,
    BUDGET_FILE,
    CALIBRATION_FILE,
    CALIBRATION_RELIABILITY_FILE,
    CONFLICTS_FILE,
    DOCUMENT_RESULTS_FILE,
    EVALUATIONS_FILE,
    FINDINGS_FILE,
    GOALS_FILE,
    OUTCOMES_FILE,
    PROJECTION_PATHS_FILE,
    SOURCE_LIST_FILE,
    Workspace,
)
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
    unchanged: bool = False

    def __repr__(self) -> str:
        if self.unchanged:
            return f"<StageResult {self.name}: unchanged>"
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
    tables = evaluation_stage.build_tables(ws, stage_periods(periods))
    return _finish(ws, StageResult("model_trends", tables), write)


@dataclass(frozen=True)
class Stage:
    """One stage, declared: what it reads, what it writes, the code it runs.

    Attributes
    ----------
    name : str
        The stage's name (its function's name).
    reads : tuple of str
        Its input files and folders: ``raw/...`` and ``reference/...`` relative to
        ``data/``, ``processed/<table>`` for an earlier stage's table.
    writes : tuple of str
        The tables it writes into ``data/processed/``.
    code : tuple of str
        The parts of the ``helpers`` package it runs (sub-packages or modules).
    run : callable
        The stage function, called as ``run(ws, periods)``.
    """

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    code: tuple[str, ...]
    run: Callable[[Workspace, list[HalfYear]], StageResult] = field(repr=False)


def _run_goals(ws: Workspace, periods: list[HalfYear]) -> StageResult:
    return clean_goals(ws)


def _run_outcomes(ws: Workspace, periods: list[HalfYear]) -> StageResult:
    return clean_outcomes(ws)


def _run_calibrate(ws: Workspace, periods: list[HalfYear]) -> StageResult:
    return calibrate(ws)


def _run_trends(ws: Workspace, periods: list[HalfYear]) -> StageResult:
    return model_trends(ws, periods)


_COMMON_CODE = ("core", "pipeline.py")
#: The stages in order. Stages 1-2 check every raw file against the manifest before
#: they read; stage 1 reads only the policy documents, stage 2 all raw data and stage 1's
#: document results and goals, the calibration only the outcomes, stage 3 the goals,
#: outcomes, sources and the calibration's choice. (A raw file
#: that changed without its manifest entry makes stage 2 run, and its check fail.)
STAGES: tuple[Stage, ...] = (
    Stage(
        "clean_goals",
        reads=("raw/policy_documents", "reference"),
        writes=(GOALS_FILE, DOCUMENT_RESULTS_FILE, BUDGET_FILE, BUDGET_CHECKS_FILE, FINDINGS_FILE),
        code=(*_COMMON_CODE, "goals"),
        run=_run_goals,
    ),
    Stage(
        "clean_outcomes",
        reads=("raw", "reference", f"processed/{DOCUMENT_RESULTS_FILE}", f"processed/{GOALS_FILE}"),
        writes=(OUTCOMES_FILE, CONFLICTS_FILE, SOURCE_LIST_FILE),
        code=(*_COMMON_CODE, "goals", "outcomes"),
        run=_run_outcomes,
    ),
    Stage(
        "calibrate",
        reads=(f"processed/{OUTCOMES_FILE}",),
        writes=(CALIBRATION_FILE, CALIBRATION_RELIABILITY_FILE),
        code=(*_COMMON_CODE, "goals", "outcomes", "evaluation"),
        run=_run_calibrate,
    ),
    Stage(
        "model_trends",
        reads=(
            "reference",
            f"processed/{GOALS_FILE}",
            f"processed/{OUTCOMES_FILE}",
            f"processed/{SOURCE_LIST_FILE}",
            f"processed/{CALIBRATION_FILE}",
        ),
        writes=(EVALUATIONS_FILE, PROJECTION_PATHS_FILE, BACKTESTS_FILE),
        code=(*_COMMON_CODE, "goals", "outcomes", "evaluation"),
        run=_run_trends,
    ),
)


def _manifest_lines(ws: Workspace, prefix: str) -> str:
    """The manifest's lines for the files under ``prefix`` (a missing manifest: none)."""
    try:
        lines = ws.manifest.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return ""
    return "\n".join(line for line in lines if line.startswith((f"{prefix}/", f"{prefix},")))


def stage_periods(periods: Iterable[HalfYear] | None) -> list[HalfYear]:
    """The half-years stage 3 judges: the standard range and ``periods``."""
    return sorted(set(report_periods()) | set(periods or []))


def stage_key(
    ws: Workspace,
    stage: Stage,
    periods: Iterable[HalfYear] | None = None,
    code_root: Path = stamps.CODE_ROOT,
) -> str:
    """The SHA-256 of everything ``stage`` reads in ``ws``: its input files' bytes, the
    source of the code it runs (read from ``code_root``), ``requirements.lock`` and the
    half-years. Raw files count with their bytes and their manifest entries (path,
    size, SHA-256, source)."""
    key = stamps.Key().text("stage", stage.name)
    for item in stage.reads:
        kind, _, rest = item.partition("/")
        if kind == "processed":
            key.file(item, ws.processed / rest)
            continue
        path = ws.root / "data" / item
        if path.is_dir():
            key.tree(item, path)
        else:
            key.file(item, path)
        if kind == "raw" and rest:
            key.text(f"manifest:{item}", _manifest_lines(ws, f"data/{item}"))
    key.code(stage.code, code_root)
    key.file("requirements.lock", ws.root / "requirements.lock")
    key.text("periods", " ".join(str(p) for p in stage_periods(periods)))
    return key.hexdigest()


def stamp_folder(ws: Workspace) -> Path:
    """The stages' stamps go to ``data/processed/.stamps/`` (git-ignored)."""
    return ws.processed


def stage_is_current(
    ws: Workspace, stage: Stage, periods: Iterable[HalfYear] | None = None
) -> bool:
    """True when ``stage``'s stamp records its key in ``ws`` as it is now and its tables
    are intact (it would be skipped if its upstream stages are skipped too)."""
    return stamps.is_fresh(stamp_folder(ws), stage.name, stage_key(ws, stage, periods))


def run_all(
    ws: Workspace | None = None,
    periods: Iterable[HalfYear] | None = None,
    force: bool = True,
    on_stage: Callable[[StageResult], None] | None = None,
) -> list[StageResult]:
    """Run every stage in order (stage 3 for ``periods``), all or nothing.

    The stages write into a staging folder, each reading the previous one's
    files there; only when all of them succeeded are their tables moved into
    ``data/processed/`` together. A failing stage leaves ``data/processed/``
    exactly as it was.

    With ``force=False`` a stage whose key (:func:`stage_key`, computed on the
    staged files, so after its upstream stages) matches its stamp and whose tables
    are intact is skipped (its result has ``unchanged=True``); stamps of the stages
    that ran are written after their tables. ``on_stage`` is called with each
    result as soon as it is known.
    """
    ws = ws or Workspace.default()
    periods = list(periods or [])
    results: list[StageResult] = []
    keys: dict[str, str] = {}
    with tempfile.TemporaryDirectory(prefix=".staging-", dir=ws.processed.parent) as tmp:
        staged = replace(ws, processed_dir=Path(tmp))
        if not force:  # skipped stages' tables are read from here by the later ones
            for stage in STAGES:
                for name in stage.writes:
                    if (ws.processed / name).is_file():
                        shutil.copyfile(ws.processed / name, staged.processed / name)
        ran: list[StageResult] = []
        for stage in STAGES:
            key = stage_key(staged, stage, periods)
            if not force and stamps.is_fresh(stamp_folder(ws), stage.name, key):
                result = StageResult(stage.name, unchanged=True)
            else:
                result = stage.run(staged, periods)
                if sorted(result.tables) != sorted(stage.writes):
                    raise RuntimeError(
                        f"stage {stage.name} wrote {sorted(result.tables)}, "
                        f"but declares {sorted(stage.writes)}"
                    )
                keys[stage.name] = key
                ran.append(result)
            results.append(result)
            if on_stage is not None:
                on_stage(result)
        written = {p.name for result in ran for p in result.written}
        files = {ws.processed / n: (staged.processed / n).read_bytes() for n in sorted(written)}
        if files:
            atomic.write_many(files)
    for result in ran:
        result.written = sorted(ws.processed / p.name for p in result.written)
    for stage in STAGES:
        if stage.name in keys:
            stamps.write_stamp(stamp_folder(ws), stage.name, keys[stage.name], stage.writes)
    return results
