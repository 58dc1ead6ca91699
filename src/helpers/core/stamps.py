"""Stamps: what a piece of work read (its key) next to what it wrote (their hashes).

An incremental run keys every unit of work (a stage, a half-year's report, the
index page) by the SHA-256 of everything it reads: input files' bytes, the source
of the code it runs, ``requirements.lock`` and its parameters. After the work is
done, a *stamp* records the key and the SHA-256 of every file it wrote. The next
run skips the work only when the key is the same *and* every output still exists
with the recorded hash, so a changed input, a changed piece of code, a deleted or
an edited output all make the work run again.

Stamps are small JSON files in a ``.stamps/`` folder beside the outputs
(``data/processed/.stamps/``, ``reports/.stamps/``); both are git-ignored, so a
fresh clone has none and its first run does everything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from helpers.core import atomic
from helpers.core.manifest import sha256_of

STAMPS_DIR = ".stamps"
#: The package whose code the keys hash (``src/helpers``).
CODE_ROOT = Path(__file__).resolve().parents[1]
#: Code files: Python modules and the report's HTML templates.
CODE_SUFFIXES = (".py", ".j2", ".tpl", ".css", ".json", ".html")


def sha256_bytes(data: bytes) -> str:
    """The hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str | None:
    """The hex SHA-256 of a file's bytes, or None when it is not a file."""
    try:
        return sha256_of(Path(path))
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None


class Key:
    """A key under construction: named parts, each hashed in a fixed order.

    Examples
    --------
    >>> Key().text("period", "2013H2").hexdigest() == Key().text("period", "2013H2").hexdigest()
    True
    >>> Key().text("period", "2013H2").hexdigest() == Key().text("period", "2014H1").hexdigest()
    False
    """

    def __init__(self) -> None:
        self._hash = hashlib.sha256()

    def data(self, name: str, data: bytes) -> Key:
        """Add a named piece of bytes (the name and length are hashed too)."""
        self._hash.update(f"{name}\0{len(data)}\0".encode())
        self._hash.update(data)
        return self

    def text(self, name: str, text: str) -> Key:
        """Add a named piece of text."""
        return self.data(name, text.encode("utf-8"))

    def file(self, name: str, path: Path) -> Key:
        """Add a file's bytes under ``name`` (a missing file is hashed as missing)."""
        path = Path(path)
        if path.is_file():
            return self.data(name, path.read_bytes())
        return self.text(name, "<missing>")

    def tree(self, name: str, folder: Path, suffixes: Iterable[str] | None = None) -> Key:
        """Add every file under ``folder`` (sorted by relative path), optionally only
        those whose names end in one of ``suffixes``."""
        folder = Path(folder)
        ends = tuple(suffixes) if suffixes is not None else None
        files = sorted(
            p
            for p in folder.rglob("*")
            if p.is_file()
            and "__pycache__" not in p.parts
            and not p.name.startswith(".")
            and (ends is None or p.name.endswith(ends))
        )
        self.text(name, f"{len(files)} files")
        for path in files:
            self.data(f"{name}/{path.relative_to(folder).as_posix()}", path.read_bytes())
        return self

    def code(self, packages: Iterable[str], root: Path = CODE_ROOT) -> Key:
        """Add the source of ``packages`` (sub-packages or modules of ``helpers``, e.g.
        ``"core"`` or ``"pipeline.py"``) read from ``root``."""
        for package in sorted(set(packages)):
            path = root / package
            if path.is_dir():
                self.tree(f"code:{package}", path, CODE_SUFFIXES)
            else:
                self.file(f"code:{package}", path)
        return self

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


@dataclass(frozen=True)
class Stamp:
    """A recorded key and the hash of each output (by path relative to ``base``)."""

    key: str
    outputs: dict[str, str]

    def fresh(self, key: str, base: Path) -> bool:
        """True when ``key`` is the recorded one and every output still has its hash."""
        if key != self.key:
            return False
        return all(sha256_file(base / name) == digest for name, digest in self.outputs.items())


def stamp_path(folder: Path, name: str) -> Path:
    """Where the stamp called ``name`` of the outputs in ``folder`` lives."""
    return Path(folder) / STAMPS_DIR / f"{name}.json"


def read_stamp(folder: Path, name: str) -> Stamp | None:
    """The stamp ``name`` in ``folder``'s stamps, or None (missing or unreadable)."""
    try:
        data = json.loads(stamp_path(folder, name).read_text(encoding="utf-8"))
        return Stamp(str(data["key"]), {str(k): str(v) for k, v in data["outputs"].items()})
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def is_fresh(folder: Path, name: str, key: str) -> bool:
    """True when the stamp ``name`` records ``key`` and its outputs are intact."""
    stamp = read_stamp(folder, name)
    return stamp is not None and stamp.fresh(key, Path(folder))


def write_stamp(folder: Path, name: str, key: str, outputs: Iterable[str]) -> Stamp:
    """Record ``key`` and the current hash of each output (paths relative to ``folder``).

    Raises
    ------
    FileNotFoundError
        When an output does not exist (nothing is recorded then).
    """
    folder = Path(folder)
    hashes: dict[str, str] = {}
    for name_ in sorted(set(outputs)):
        digest = sha256_file(folder / name_)
        if digest is None:
            raise FileNotFoundError(f"{folder / name_} was not written, so it cannot be stamped")
        hashes[name_] = digest
    stamp = Stamp(key, hashes)
    text = json.dumps({"key": key, "outputs": hashes}, indent=1, sort_keys=True) + "\n"
    atomic.write_text(stamp_path(folder, name), text)
    return stamp


def forget(folder: Path, name: str) -> None:
    """Remove a stamp (the work will run next time)."""
    stamp_path(folder, name).unlink(missing_ok=True)


def hexdigest_of(parts: Mapping[str, bytes]) -> str:
    """The key of named byte strings, in sorted name order."""
    key = Key()
    for name in sorted(parts):
        key.data(name, parts[name])
    return key.hexdigest()
