"""Stage 4: the Danish half-year reports (notebook ``04_evaluation_report``) and their batch.

Reads only the processed tables of stages 1-3 (cut at the half-year's end); writes
``reports/<half-year>/`` (HTML, executed notebook, ``scorecard.csv``) and
``reports/index.html``; stamps in ``reports/.stamps/`` let the batch skip a half-year whose
inputs are unchanged (:mod:`~helpers.report.incremental`). Also runs notebooks headless
(papermill) in warm kernels.
"""
