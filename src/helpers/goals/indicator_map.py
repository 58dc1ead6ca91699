"""Which indicator measures a goal or a reported figure.

``data/reference/goal_indicators.csv`` is hand-kept metadata (no figures): each
row maps a regular expression on the Danish subject text ("Overledigheden blandt
etniske minoriteter ...") to the indicator, group and geography codes that
measure it, the indicator's unit, and whether the indicator runs opposite to
the subject (``inverse``: the policy's safety index rises when the share who feel
unsafe falls). Rows are tried in order and the first match wins; consecutive
rows with the *same* pattern split one statement into several goals (the policy's
"medarbejder- og ledersammensætning" is a staff goal and a manager goal).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace

MAPPING_FILE = "goal_indicators.csv"
MAPPING_COLUMNS = ("subject_pattern", "indicator", "group", "geography", "unit", "inverse", "note")
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Mapping:
    """One row of ``goal_indicators.csv``."""

    pattern: re.Pattern[str]
    indicator: str
    group: str
    geography: str
    unit: str
    inverse: bool
    note: str


NO_MAPPING = Mapping(re.compile(r"(?!)"), "", "", "", "", False, "")


@lru_cache(maxsize=8)
def _load(path: Path, mtime: float) -> tuple[Mapping, ...]:
    name = f"data/reference/{MAPPING_FILE}"
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in MAPPING_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise InputDataError(
                [
                    Problem(
                        name,
                        1,
                        None,
                        ", ".join(missing),
                        "the columns " + ", ".join(MAPPING_COLUMNS),
                    )
                ]
            )
        rows = list(reader)
    problems: list[Problem] = []
    out: list[Mapping] = []
    for number, row in enumerate(rows, start=2):
        try:
            pattern = re.compile(row["subject_pattern"])
        except re.error as exc:
            problems.append(
                Problem(name, number, "subject_pattern", row["subject_pattern"], f"a regex ({exc})")
            )
            continue
        for column in ("indicator", "group", "geography", "unit"):
            if not _CODE.match(row[column]):
                problems.append(Problem(name, number, column, row[column], "a snake_case code"))
        if row["inverse"] not in ("", "yes"):
            problems.append(Problem(name, number, "inverse", row["inverse"], "'yes' or empty"))
        out.append(
            Mapping(
                pattern,
                row["indicator"],
                row["group"],
                row["geography"],
                row["unit"],
                row["inverse"] == "yes",
                row["note"],
            )
        )
    if problems:
        raise InputDataError(problems)
    return tuple(out)


def mappings(ws: Workspace) -> tuple[Mapping, ...]:
    """All rows of the mapping file, in order (validated)."""
    path = ws.reference / MAPPING_FILE
    return _load(path, path.stat().st_mtime)


def indicators_for(ws: Workspace, subject: str) -> list[Mapping]:
    """The mapping rows that measure ``subject``: the first matching row, and
    the rows right after it with the same pattern (a split); ``[]`` when none."""
    rows = mappings(ws)
    for index, row in enumerate(rows):
        if row.pattern.search(subject):
            found = [row]
            for later in rows[index + 1 :]:
                if later.pattern.pattern != row.pattern.pattern:
                    break
                found.append(later)
            return found
    return []


def indicator_for(ws: Workspace, subject: str) -> Mapping:
    """The first mapping row that measures ``subject`` (:data:`NO_MAPPING` when none)."""
    found = indicators_for(ws, subject)
    return found[0] if found else NO_MAPPING
