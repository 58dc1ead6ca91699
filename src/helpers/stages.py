"""The pipeline's stages as small, named, re-runnable units.

``raw -> clean_goals / clean_outcomes -> processed tables -> report``

Each stage reads only the previous stage's files, checks the raw data against
its manifest before it reads anything, validates everything it produces and
writes its outputs all-or-nothing. The notebooks ``01_clean_goals`` and
``02_clean_outcomes`` call these same functions, and so does the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import atomic, documents, goals, outcomes
from helpers.manifest import verify_raw_data
from helpers.paths import Workspace

GOALS_FILE = "goals.csv"
OUTCOMES_FILE = "outcomes.csv"


@dataclass
class StageResult:
    """What a stage produced.

    Attributes
    ----------
    name : str
        The stage's name.
    tables : dict of str to DataFrame
        Each output table by file name.
    written : list of Path
        The files written.
    """

    name: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    written: list[Path] = field(default_factory=list)

    def __repr__(self) -> str:
        parts = ", ".join(f"{name}: {len(t)} rows" for name, t in self.tables.items())
        return f"<StageResult {self.name}: {parts}>"


def _write(ws: Workspace, result: StageResult) -> StageResult:
    files = {
        ws.processed / name: table.to_csv(index=False, lineterminator="\n").encode("utf-8")
        for name, table in result.tables.items()
    }
    atomic.write_many(files)
    result.written = sorted(files)
    return result


def clean_goals(ws: Workspace | None = None, write: bool = True) -> StageResult:
    """Stage 1: the goal registry from the policy documents."""
    ws = ws or Workspace.default()
    verify_raw_data(ws)
    found: list[goals.Goal] = []
    for doc in documents.load_all(ws):
        found.extend(goals.find_level_targets(ws, doc))
    result = StageResult("clean_goals", {GOALS_FILE: goals.to_frame(found)})
    return _write(ws, result) if write else result


def clean_outcomes(ws: Workspace | None = None, write: bool = True) -> StageResult:
    """Stage 2: tidy outcome figures from the published-figures register."""
    ws = ws or Workspace.default()
    verify_raw_data(ws)
    figures, sources = outcomes.read_register(ws)
    table = outcomes.clean_register(figures, sources, ws.relative(ws.raw / outcomes.REGISTER_FILE))
    result = StageResult("clean_outcomes", {OUTCOMES_FILE: table})
    return _write(ws, result) if write else result


STAGES = (clean_goals, clean_outcomes)


def run_all(ws: Workspace | None = None) -> list[StageResult]:
    """Run every stage in order."""
    ws = ws or Workspace.default()
    return [stage(ws) for stage in STAGES]
