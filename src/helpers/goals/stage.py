"""Stage 1, ``clean_goals``: the policy documents become the goal registry and its companions.

Reads the five policy documents in ``data/raw/policy_documents/`` (and the
metadata in ``data/reference/``); writes ``goals.csv`` (:mod:`helpers.goals.registry`),
``document_results.csv`` (figures the documents report), ``budget.csv`` and
``budget_checks.csv`` (:mod:`helpers.goals.budget`) and ``findings.csv``
(:mod:`helpers.goals.findings`), after every check of :mod:`helpers.goals.checks`.
"""

from __future__ import annotations

import pandas as pd

from helpers.core.paths import (
    BUDGET_CHECKS_FILE,
    BUDGET_FILE,
    DOCUMENT_RESULTS_FILE,
    FINDINGS_FILE,
    GOALS_FILE,
    Workspace,
)
from helpers.goals import budget, checks, findings
from helpers.goals.registry import read_registry, to_frame


def build_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Stage 1's tables: goals, the documents' own results, the budget, its checks
    and the findings."""
    registry = read_registry(ws)
    budget_table = budget.read_budget(ws)
    goal_table = to_frame(registry.goals)
    checks.validate(goal_table, registry.results)
    return {
        GOALS_FILE: goal_table,
        DOCUMENT_RESULTS_FILE: registry.results,
        BUDGET_FILE: budget_table.long,
        BUDGET_CHECKS_FILE: budget_table.checks,
        FINDINGS_FILE: findings.build(ws, registry, budget_table),
    }
