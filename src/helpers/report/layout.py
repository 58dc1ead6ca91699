"""The layout of ``reports/``: file names of a half-year's report and how a run went.

``reports/<half-year>/`` holds ``evaluation_report.html``, the executed notebook
``evaluation_report.ipynb`` and ``scorecard.csv``; a failed run keeps its notebook
in ``reports/_failed/<half-year>.ipynb``; ``reports/index.html`` lists them all.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The report notebook in ``notebooks/``.
REPORT_NOTEBOOK = "04_evaluation_report.ipynb"
REPORT_STEM = "evaluation_report"
SCORECARD_FILE = "scorecard.csv"
FAILED_DIR = "_failed"
#: ``--vintage real-time`` reports go to ``reports/real-time/`` (not committed).
REAL_TIME_DIR = "real-time"


@dataclass(frozen=True)
class ReportOutcome:
    """How one half-year's report went."""

    period: str
    ok: bool
    message: str = ""
