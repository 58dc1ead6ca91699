"""Stage 3, ``model_trends``: trend models, backtests, progress rules and verdicts.

Reads only stage 1's ``goals.csv`` and stage 2's ``outcomes.csv``; writes
``evaluations.csv``, ``projection_paths.csv`` and ``backtests.csv``
(:mod:`helpers.evaluation.stage`).
"""
