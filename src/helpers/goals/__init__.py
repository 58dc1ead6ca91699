"""Stage 1, ``clean_goals``: the five policy documents become a typed goal registry.

Reads ``data/raw/policy_documents/`` and ``data/reference/``; writes ``goals.csv``,
``document_results.csv``, ``budget.csv``, ``budget_checks.csv`` and ``findings.csv``
(:mod:`helpers.goals.stage`). The goal record and its vocabularies live in
:mod:`helpers.goals.records`, which later stages may import without the parsers.
"""
