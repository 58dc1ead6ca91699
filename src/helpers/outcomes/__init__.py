"""Stage 2, ``clean_outcomes``: published figures, survey and StatBank series become one
validated outcome table with provenance.

Reads ``data/raw/published_figures/``, ``data/raw/eurostat/``, ``data/raw/statbank/`` and
stage 1's ``document_results.csv``; writes ``outcomes.csv``, ``conflicts.csv`` and
``sources.csv`` (:mod:`helpers.outcomes.stage`). Also holds the StatBank API client.
"""
