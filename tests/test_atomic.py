"""Files are replaced whole or not at all."""

from pathlib import Path

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


OLD = {"goals.csv": "old goals\n", "outcomes.csv": "old outcomes\n"}  # new.csv: no old file
NEW = ["goals.csv", "new.csv", "outcomes.csv"]  # the new file is put in place second


# every rename write_many makes: each old file moved aside, each new file put in place
RENAMES = [(n, "move aside") for n in OLD] + [(n, "rename into place") for n in NEW]


@pytest.mark.parametrize(("failing", "step"), RENAMES)
def test_write_many_rolls_back_whichever_rename_fails(tmp_path, monkeypatch, failing, step):
    """A rename that fails - moving an old file aside, or putting a new file in place, for
    any of the files - leaves every file as it was (an absent file stays absent), and no
    temporary or backup file behind. The failure is picked by what is renamed, not by the
    order of the calls."""
    for name, text in OLD.items():
        (tmp_path / name).write_text(text)
    real_replace = atomic.os.replace
    target = tmp_path / failing

    def flaky_replace(src, dst):
        aside = Path(src) == target  # an old file moved to its backup
        into_place = Path(dst) == target and Path(src).name.endswith(".tmp")
        if aside if step == "move aside" else into_place:
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "replace", flaky_replace)
    with pytest.raises(OSError, match="disk full"):
        atomic.write_many({tmp_path / n: f"new {n}\n".encode() for n in NEW})
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == OLD


def test_write_many_replaces_every_file_when_nothing_fails(tmp_path):
    for name, text in OLD.items():
        (tmp_path / name).write_text(text)
    atomic.write_many({tmp_path / n: f"new {n}\n".encode() for n in NEW})
    assert {p.name: p.read_text() for p in tmp_path.iterdir()} == {n: f"new {n}\n" for n in NEW}
