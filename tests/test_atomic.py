"""Files are replaced whole or not at all."""

import pytest

from helpers.core import atomic


def test_write_many_replaces_nothing_when_one_write_fails(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("old\n")
    blocked = tmp_path / "dir_in_the_way"
    blocked.mkdir()
    (blocked / "x").write_text("occupied")
    with pytest.raises(OSError):
        atomic.write_many({good: b"new\n", blocked: b"cannot replace a folder\n"})
    assert good.read_text() == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir_in_the_way", "good.csv"]


def test_atomic_path_leaves_no_temporary_file_on_error(tmp_path):
    target = tmp_path / "out.txt"
    with pytest.raises(RuntimeError), atomic.atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_write_many_rolls_back_when_a_rename_fails(tmp_path, monkeypatch):
    first, second = tmp_path / "goals.csv", tmp_path / "outcomes.csv"
    first.write_text("old goals\n")
    second.write_text("old outcomes\n")
    real_replace = atomic.os.replace
    calls = {"n": 0}

    def flaky_replace(src, dst):
        calls["n"] += 1
        if calls["n"] == 4:  # the second file's final rename
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_many({first: b"new goals\n", second: b"new outcomes\n"})
    assert first.read_text() == "old goals\n"
    assert second.read_text() == "old outcomes\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["goals.csv", "outcomes.csv"]
