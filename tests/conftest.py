"""Shared fixtures: the real workspace, and a throw-away copy of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.core.paths import Workspace

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-live",
        action="store_true",
        default=False,
        help="also run tests marked 'live' (they need the internet)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--run-live"):
        return
    skip = pytest.mark.skip(reason="talks to a live service; run with --run-live")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def ws() -> Workspace:
    """The real workspace of this checkout (read only in tests)."""
    return Workspace(ROOT)


@pytest.fixture
def tmp_ws(tmp_path: Path) -> Workspace:
    """A copy of the workspace's data and notebooks in a temporary folder, as a fresh
    clone has them (no stamps of incremental runs, so nothing is skipped at first)."""
    for folder in ("data/raw", "data/reference", "data/processed", "notebooks"):
        shutil.copytree(
            ROOT / folder,
            tmp_path / folder,
            ignore=shutil.ignore_patterns(".ipynb_checkpoints", ".stamps"),
        )
    return Workspace(tmp_path)
