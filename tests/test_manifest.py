"""Raw data is immutable: the manifest catches any change."""

import pytest

from helpers import pipeline
from helpers.core import manifest
from helpers.core.errors import RawDataError


def test_real_raw_data_matches_its_manifest(ws):
    assert manifest.find_problems(ws) == []
    entries = manifest.read_manifest(ws)
    assert len(entries) >= 25
    assert all(e.source for e in entries)


def test_changed_raw_file_is_refused_before_anything_runs(tmp_ws):
    target = tmp_ws.raw / "published_figures" / "published_figures.csv"
    target.write_bytes(target.read_bytes().replace(b'"10,9"', b'"5,9"'))
    before = (tmp_ws.processed / "outcomes.csv").read_bytes()
    with pytest.raises(RawDataError, match=r"published_figures\.csv has changed"):
        pipeline.clean_outcomes(tmp_ws)
    assert (tmp_ws.processed / "outcomes.csv").read_bytes() == before


def test_missing_and_unrecorded_files_are_reported(tmp_ws):
    (tmp_ws.raw / "policy_documents" / "003_b45c9dd53dcf16d9.txt").unlink()
    (tmp_ws.raw / "eurostat" / "extra.csv").write_text("a,b\n1,2\n")
    problems = manifest.find_problems(tmp_ws)
    assert any("003_b45c9dd53dcf16d9.txt is missing" in p for p in problems)
    assert any("extra.csv is not recorded" in p for p in problems)
    with pytest.raises(RawDataError, match="git checkout"):
        manifest.verify_raw_data(tmp_ws)


def test_add_entry_never_replaces(tmp_ws):
    new = tmp_ws.raw / "statbank" / "RAS200_2026-11-23.csv"
    new.write_text("OMRÅDE;TID;INDHOLD\n101;2024;75,1\n", encoding="utf-8")
    entry = manifest.add_entry(tmp_ws, new, source="test")
    assert entry.path == "data/raw/statbank/RAS200_2026-11-23.csv"
    assert manifest.find_problems(tmp_ws) == []
    with pytest.raises(RawDataError, match="already recorded"):
        manifest.add_entry(tmp_ws, new, source="test")
