"""The layout of ``reports/``: file names of a half-year's report and how a run went.

``reports/<half-year>/`` holds ``evaluation_report.html``, the executed notebook
``evaluation_report.ipynb`` and ``scorecard.csv``; a failed run keeps its notebook
in ``reports/_failed/<half-year>.ipynb``; ``reports/index.html`` lists them all and
opens with the goal × half-year overview, also written as ``reports/overview.csv``.
Inside a report, each goal in its scorecard has one element whose ``id`` is
:func:`goal_anchor` of its goal id: the goal's section, or, for a goal without
figures, its row in the table of goals that cannot be evaluated.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.core.periods import HalfYear

#: The report notebook in ``notebooks/``.
REPORT_NOTEBOOK = "04_evaluation_report.ipynb"
REPORT_STEM = "evaluation_report"
SCORECARD_FILE = "scorecard.csv"
FAILED_DIR = "_failed"
#: ``--vintage real-time`` reports go to ``reports/real-time/`` (not committed).
REAL_TIME_DIR = "real-time"
INDEX_FILE = "index.html"
OVERVIEW_FILE = "overview.csv"

_UNSAFE = re.compile(r"[^A-Za-z0-9.-]")


def goal_anchor(goal_id: str) -> str:
    """The ``id`` of a goal's place in a report (``POL11-HM2`` -> ``mal-POL11-HM2``).

    Letters, digits, dots and hyphens are kept; any other character becomes
    ``_<hex code>_``, so the anchor is a valid fragment without escaping and two
    goal ids never share one.

    Examples
    --------
    >>> goal_anchor("OU09-I1.1a")
    'mal-OU09-I1.1a'
    >>> goal_anchor("X 1/2")
    'mal-X_20_1_2f_2'
    """
    return "mal-" + _UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", goal_id)


def report_parameters(half_year: HalfYear, vintage: str = "latest") -> dict[str, str]:
    """The papermill parameters of a half-year's report (the notebook's ``parameters``
    cell): what the runner injects and what the batch keys the report by.

    Examples
    --------
    >>> report_parameters(HalfYear(2013, 2))
    {'period': '2013H2', 'vintage': 'latest'}
    """
    return {"period": str(half_year), "vintage": vintage}


@dataclass(frozen=True)
class ReportOutcome:
    """How one half-year's report went; ``unchanged``: skipped, its inputs were the same."""

    period: str
    ok: bool
    message: str = ""
    unchanged: bool = False
