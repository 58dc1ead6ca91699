"""Where the workspace keeps its files.

All functions take a :class:`Workspace` so that tests can run every stage on a
copy of the data in a temporary directory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT_ENV_VAR = "BAROMETER_ROOT"

# The processed tables (data/processed/), by the stage that writes them.
GOALS_FILE = "goals.csv"  # stage 1
DOCUMENT_RESULTS_FILE = "document_results.csv"
BUDGET_FILE = "budget.csv"
BUDGET_CHECKS_FILE = "budget_checks.csv"
FINDINGS_FILE = "findings.csv"
OUTCOMES_FILE = "outcomes.csv"  # stage 2
CONFLICTS_FILE = "conflicts.csv"
SOURCE_LIST_FILE = "sources.csv"
EVALUATIONS_FILE = "evaluations.csv"  # stage 3
PROJECTION_PATHS_FILE = "projection_paths.csv"
BACKTESTS_FILE = "backtests.csv"
CALIBRATION_FILE = "calibration.csv"  # stage 3, calibrate (before model_trends)
CALIBRATION_RELIABILITY_FILE = "calibration_reliability.csv"


def _find_root() -> Path:
    """Return the project root: ``$BAROMETER_ROOT``, else the nearest parent of
    the working directory holding ``data/raw/manifest.csv``, else the source
    checkout this package was installed from."""
    if os.environ.get(ROOT_ENV_VAR):
        return Path(os.environ[ROOT_ENV_VAR]).resolve()
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / "data" / "raw" / "manifest.csv").is_file():
            return candidate
    return Path(__file__).resolve().parents[3]  # src/helpers/core/paths.py


@dataclass(frozen=True)
class Workspace:
    """The folders of one workspace checkout.

    Parameters
    ----------
    root : Path
        The project root (the folder holding ``data/``, ``notebooks/`` ...).
    processed_dir : Path, optional
        Where the stages write their tables instead of ``data/processed/``
        (the pipeline stages all of them there before replacing the real ones).
    """

    root: Path
    processed_dir: Path | None = None

    @classmethod
    def default(cls) -> Workspace:
        """The workspace of the current checkout."""
        return cls(_find_root())

    @property
    def raw(self) -> Path:
        return self.root / "data" / "raw"

    @property
    def processed(self) -> Path:
        return self.processed_dir or self.root / "data" / "processed"

    @property
    def reference(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def notebooks(self) -> Path:
        return self.root / "notebooks"

    @property
    def reports(self) -> Path:
        return self.root / "reports"

    @property
    def manifest(self) -> Path:
        return self.raw / "manifest.csv"

    def relative(self, path: Path) -> str:
        """``path`` relative to the root, with forward slashes (for messages
        and stored provenance: never a machine path)."""
        try:
            return Path(path).resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return Path(path).name
