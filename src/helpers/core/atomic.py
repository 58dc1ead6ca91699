"""Write files so that no reader ever sees a half-written one.

Each writer writes to a temporary file in the destination folder and renames it
into place (``os.replace`` is atomic on POSIX and Windows).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass


@contextlib.contextmanager
def atomic_path(destination: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``destination``; rename it into place on
    success, delete it on failure."""
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, destination)
    finally:
        tmp.unlink(missing_ok=True)


def write_bytes(destination: Path, data: bytes) -> None:
    """Write ``data`` to ``destination`` atomically."""
    with atomic_path(destination) as tmp:
        tmp.write_bytes(data)


def write_text(destination: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line endings atomically."""
    write_bytes(destination, text.encode("utf-8"))


def write_many(files: dict[Path, bytes]) -> None:
    """Write several files so that either all are replaced or none is.

    All temporary files are written first. Then each existing destination is
    moved aside and the new file renamed into place; if any step fails, the
    files already moved are put back and the error is raised.
    """
    for destination in files:
        if Path(destination).is_dir():
            raise IsADirectoryError(
                f"{Path(destination).name} is a folder; cannot write a file there"
            )
    staged: list[tuple[Path, Path]] = []
    moved: list[tuple[Path | None, Path]] = []
    try:
        for destination, data in files.items():
            destination = Path(destination)
            destination.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp_name = tempfile.mkstemp(
                prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp_name, 0o644)
            staged.append((Path(tmp_name), destination))
        for tmp, destination in staged:
            backup = None
            if destination.exists() or destination.is_symlink():
                backup = destination.with_name(f".{destination.name}.{os.getpid()}.bak")
                os.replace(destination, backup)
            moved.append((backup, destination))
            os.replace(tmp, destination)
    except BaseException:
        for backup, destination in reversed(moved):
            if backup is None:
                destination.unlink(missing_ok=True)
            elif backup.exists():
                if destination.is_file():
                    destination.unlink()
                os.replace(backup, destination)
        raise
    finally:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        for backup, _ in moved:
            if backup is not None and backup.is_file():
                backup.unlink()
