"""The raw-data manifest: every file under ``data/raw/`` with its source, size
and SHA-256.

Raw files are immutable. Before any stage runs, :func:`verify_raw_data` checks
every file against its manifest entry and refuses to go on when one is missing,
changed or not recorded.

Command line::

    python -m helpers.core.manifest verify
    python -m helpers.core.manifest add data/raw/statbank/RAS200_2026-11-23.csv --source "..."
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from helpers.core import atomic
from helpers.core.errors import RawDataError
from helpers.core.paths import Workspace

COLUMNS = ("path", "size_bytes", "sha256", "source", "description")
IGNORED_NAMES = {"manifest.csv", ".gitkeep"}


@dataclass(frozen=True)
class ManifestEntry:
    """One raw file as recorded in the manifest."""

    path: str
    size_bytes: int
    sha256: str
    source: str
    description: str


def sha256_of(path: Path) -> str:
    """SHA-256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_manifest(ws: Workspace) -> list[ManifestEntry]:
    """Read ``data/raw/manifest.csv``.

    Raises
    ------
    RawDataError
        If the manifest is missing or lacks a column.
    """
    if not ws.manifest.is_file():
        raise RawDataError(
            f"{ws.relative(ws.manifest)} is missing: the raw-data manifest must list every raw "
            "file. Restore it from git (git checkout -- data/raw/manifest.csv)."
        )
    with open(ws.manifest, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise RawDataError(
                f"{ws.relative(ws.manifest)} lacks the column(s) {', '.join(missing)}; "
                f"expected the columns {', '.join(COLUMNS)}."
            )
        return [
            ManifestEntry(
                path=row["path"],
                size_bytes=int(row["size_bytes"]),
                sha256=row["sha256"],
                source=row["source"],
                description=row["description"],
            )
            for row in reader
        ]


def _raw_files(ws: Workspace) -> list[str]:
    return sorted(
        p.relative_to(ws.root).as_posix()
        for p in ws.raw.rglob("*")
        if p.is_file() and p.name not in IGNORED_NAMES and not p.name.startswith(".")
    )


def find_problems(ws: Workspace) -> list[str]:
    """Every way in which ``data/raw/`` differs from its manifest, in plain words."""
    entries = read_manifest(ws)
    problems: list[str] = []
    recorded = {e.path for e in entries}
    for entry in entries:
        path = ws.root / entry.path
        if not path.is_file():
            problems.append(f"{entry.path} is missing (it is recorded in the manifest).")
            continue
        size = path.stat().st_size
        digest = sha256_of(path)
        if size != entry.size_bytes or digest != entry.sha256:
            problems.append(
                f"{entry.path} has changed since it was recorded: {size} bytes, sha256 "
                f"{digest[:12]}..., the manifest says {entry.size_bytes} bytes, sha256 "
                f"{entry.sha256[:12]}...."
            )
    for path in _raw_files(ws):
        if path not in recorded:
            problems.append(f"{path} is not recorded in the manifest.")
    return problems


def verify_raw_data(ws: Workspace) -> None:
    """Refuse to go on when a raw file is missing, changed or unrecorded.

    Raises
    ------
    RawDataError
        Listing every problem and what to do about it.
    """
    problems = find_problems(ws)
    if problems:
        raise RawDataError(
            "The raw data does not match data/raw/manifest.csv, so nothing was run:\n"
            + "\n".join(f"  - {p}" for p in problems)
            + "\nRaw files are never edited. Restore a changed or missing file from git "
            "(git checkout -- <file>); record a genuinely new file with "
            "'python -m helpers.core.manifest add <file> --source \"<where it came from>\"'."
        )


def _render(entries: list[ManifestEntry]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for e in sorted(entries, key=lambda e: e.path):
        writer.writerow([e.path, e.size_bytes, e.sha256, e.source, e.description])
    return buffer.getvalue()


def add_entry(ws: Workspace, path: Path, source: str, description: str = "") -> ManifestEntry:
    """Record a new raw file in the manifest (never replaces an existing entry).

    Raises
    ------
    RawDataError
        If the file is outside ``data/raw/`` or already recorded.
    """
    path = Path(path).resolve()
    try:
        rel = path.relative_to(ws.root.resolve()).as_posix()
    except ValueError as exc:
        raise RawDataError(f"{path.name} is not inside this workspace's data/raw/.") from exc
    if not rel.startswith("data/raw/"):
        raise RawDataError(f"{rel} is not inside data/raw/; only raw files are recorded.")
    entries = read_manifest(ws) if ws.manifest.is_file() else []
    if any(e.path == rel for e in entries):
        raise RawDataError(
            f"{rel} is already recorded. Raw files are immutable: save new data under a new name."
        )
    entry = ManifestEntry(rel, path.stat().st_size, sha256_of(path), source, description)
    atomic.write_text(ws.manifest, _render([*entries, entry]))
    return entry


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.core.manifest", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("verify", help="check every raw file against the manifest")
    add = sub.add_parser("add", help="record a new raw file")
    add.add_argument("path", type=Path)
    add.add_argument("--source", required=True, help="where the file came from")
    add.add_argument("--description", default="")
    args = parser.parse_args(argv)
    ws = Workspace.default()
    try:
        if args.command == "verify":
            verify_raw_data(ws)
            print(f"OK: {len(read_manifest(ws))} raw files match {ws.relative(ws.manifest)}.")
        else:
            entry = add_entry(ws, args.path, args.source, args.description)
            print(
                f"Recorded {entry.path} ({entry.size_bytes} bytes, sha256 {entry.sha256[:12]}...)."
            )
    except RawDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
