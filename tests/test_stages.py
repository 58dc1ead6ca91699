"""The pipeline's stages write all or nothing."""

import hashlib

import pytest

from helpers import pipeline
from helpers.core.periods import HalfYear
from helpers.evaluation import stage as evaluation_stage


def _hashes(folder):
    """The tables (files; not the ``.stamps/`` folder of incremental runs)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def test_a_failing_later_stage_leaves_processed_untouched(tmp_ws, monkeypatch):
    before = _hashes(tmp_ws.processed)

    def broken(ws, periods=None):
        raise RuntimeError("stage 3 failed")

    monkeypatch.setattr(evaluation_stage, "build_tables", broken)
    with pytest.raises(RuntimeError, match="stage 3 failed"):
        pipeline.run_all(tmp_ws)
    assert _hashes(tmp_ws.processed) == before
    assert not [p for p in tmp_ws.processed.parent.iterdir() if p.name.startswith(".staging")]


def test_run_all_reproduces_the_committed_tables_whatever_half_year_is_asked(tmp_ws):
    before = _hashes(tmp_ws.processed)
    results = pipeline.run_all(tmp_ws, [HalfYear.parse("2013H2")])
    assert [r.name for r in results] == [
        "clean_goals",
        "clean_outcomes",
        "calibrate",
        "model_trends",
    ]
    assert _hashes(tmp_ws.processed) == before
    assert all(p.parent == tmp_ws.processed for r in results for p in r.written)
