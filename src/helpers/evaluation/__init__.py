"""Stage 3, ``calibrate`` and ``model_trends``: trend models, real-data calibration,
backtests, progress rules and verdicts.

``calibrate`` reads only stage 2's ``outcomes.csv`` and writes ``calibration.csv`` and
``calibration_reliability.csv``; ``model_trends`` reads stage 1's ``goals.csv``, stage 2's
``outcomes.csv`` and ``calibration.csv`` and writes ``evaluations.csv``,
``projection_paths.csv`` and ``backtests.csv`` (:mod:`helpers.evaluation.stage`).
"""
