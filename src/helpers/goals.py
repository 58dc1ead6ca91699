"""The goal registry: goals parsed out of the policy documents.

A goal row (see :data:`GOAL_COLUMNS`) says what was promised, by when and
measured how, and keeps the document's file name, section, raw line and a
verbatim excerpt. Targets are read from the text, never typed in by hand.
"""

from __future__ import annotations

import csv
import re
from dataclasses import asdict, dataclass

import pandas as pd

from helpers import documents
from helpers.danish import parse_number
from helpers.documents import PolicyDocument
from helpers.paths import Workspace

GOAL_COLUMNS = [
    "goal_id",
    "document",
    "section",
    "committee",
    "policy_period",
    "title_da",
    "indicator",
    "group",
    "geography",
    "kind",
    "direction",
    "baseline_value",
    "baseline_period",
    "target_value",
    "target_period",
    "unit",
    "excerpt",
    "line",
    "also_stated_at",
    "note",
]
KINDS = ("quantitative", "directional", "milestone", "qualitative", "target_not_set")
DIRECTIONS = ("at_least", "at_most", "increase", "decrease", "reflect", "achieve")

UNITS = {
    "procentpoint": "percentage_points",
    "%-point": "percentage_points",
    "%": "percent",
    "pct.": "percent",
    "pct": "percent",
    "procent": "percent",
}
BOUNDS = {
    "max": "at_most",
    "max.": "at_most",
    "maks.": "at_most",
    "højst": "at_most",
    "mindst": "at_least",
    "min.": "at_least",
    "minimum": "at_least",
}

#: "<subject> skal være på max 5,8 procentpoint i 2014"
LEVEL_TARGET = re.compile(
    r"(?P<subject>[A-ZÆØÅ][\wæøå-]*(?:\s+[a-zæøå0-9][\wæøå-]*)*?)\s+skal\s+være\s+på\s+"
    r"(?P<bound>max\.?|maks\.?|højst|mindst|min\.|minimum)\s+"
    r"(?P<number>\d+(?:,\d+)?)\s*(?P<unit>procentpoint|%-point|%|pct\.?|procent)\s+"
    r"i\s+(?P<year>\d{4})\.?"
)
_LIST_NUMBER = re.compile(r"(?:HOVEDMÅL\s+)?(?P<n>\d)\s*[.:]\s*$")


@dataclass
class Goal:
    """One goal of the registry (columns: :data:`GOAL_COLUMNS`)."""

    goal_id: str
    document: str
    section: str
    committee: str
    policy_period: str
    title_da: str
    indicator: str
    group: str
    geography: str
    kind: str
    direction: str
    baseline_value: float | None
    baseline_period: str
    target_value: float | None
    target_period: str
    unit: str
    excerpt: str
    line: int
    also_stated_at: str = ""
    note: str = ""


@dataclass(frozen=True)
class Section:
    code: str
    heading: str
    line: int


def sections(ws: Workspace, doc: PolicyDocument) -> list[Section]:
    """The document's sections (from ``data/reference/document_sections.csv``)
    located at the raw line where each heading first stands."""
    with open(ws.reference / "document_sections.csv", encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["document"] == doc.name]
    raw_lines = doc.raw.split("\n")
    found: list[Section] = []
    for row in rows:
        for number, line in enumerate(raw_lines, start=1):
            stripped = line.strip()
            if stripped == row["heading"] or stripped.startswith(
                (row["heading"] + ":", row["heading"] + " ")
            ):
                found.append(Section(row["section_code"], row["heading"], number))
                break
        else:
            raise ValueError(
                f"data/reference/document_sections.csv: the heading {row['heading']!r} "
                f"does not occur in {doc.name}"
            )
    return sorted(found, key=lambda s: s.line)


def section_at(secs: list[Section], line: int) -> Section | None:
    """The section a raw line belongs to (the last heading at or above it)."""
    current = None
    for sec in secs:
        if sec.line <= line:
            current = sec
    return current


def indicator_for(ws: Workspace, subject: str) -> dict[str, str]:
    """Map a goal's subject ("Overledigheden blandt etniske minoriteter") to the
    indicator, group and geography that measure it, from
    ``data/reference/goal_indicators.csv``; empty strings when unknown."""
    with open(ws.reference / "goal_indicators.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if re.search(row["subject_pattern"], subject):
                return {k: row[k] for k in ("indicator", "group", "geography", "note")}
    return {"indicator": "", "group": "", "geography": "", "note": ""}


def find_level_targets(ws: Workspace, doc: PolicyDocument) -> list[Goal]:
    """Goals of the form "<subject> skal være på max/mindst N <unit> i <year>".

    A goal stated more than once in a document is one goal: the first statement
    is kept and the others are listed in ``also_stated_at``.
    """
    text = doc.cleaned
    secs = sections(ws, doc)
    goals: dict[tuple, Goal] = {}
    for match in LEVEL_TARGET.finditer(text.text):
        line = text.line_of(match.start())
        sec = section_at(secs, line)
        unit = UNITS[match["unit"].lower()]
        target = parse_number(match["number"]).value
        mapped = indicator_for(ws, match["subject"])
        key = (mapped["indicator"] or match["subject"].lower(), target, match["year"])
        before = text.text[max(0, match.start() - 12) : match.start()]
        number = _LIST_NUMBER.search(before)
        if key in goals:
            goals[key].also_stated_at += (
                f"{'; ' if goals[key].also_stated_at else ''}line {line}"
                + (f" ({sec.heading})" if sec else "")
            )
            if goals[key].unit != unit:
                goals[
                    key
                ].note += f" The statement at line {line} gives the unit as '{match['unit']}'."
            continue
        code = sec.code if sec else "X"
        ordinal = (
            number["n"]
            if number
            else str(sum(g.section == (sec.heading if sec else "") for g in goals.values()) + 1)
        )
        goals[key] = Goal(
            goal_id=f"{doc.info.doc_code}-{code}{ordinal}",
            document=doc.name,
            section=sec.heading if sec else "",
            committee=doc.info.committee,
            policy_period=doc.info.policy_period,
            title_da=match.group(0).rstrip("."),
            indicator=mapped["indicator"],
            group=mapped["group"],
            geography=mapped["geography"],
            kind="quantitative",
            direction=BOUNDS[match["bound"].lower()],
            baseline_value=None,
            baseline_period="",
            target_value=target,
            target_period=match["year"],
            unit=unit,
            excerpt=match.group(0),
            line=line,
            note=mapped["note"],
        )
    return list(goals.values())


def to_frame(goals: list[Goal]) -> pd.DataFrame:
    """Goals as a DataFrame with the registry's columns, sorted by ``goal_id``."""
    frame = pd.DataFrame([asdict(g) for g in goals], columns=GOAL_COLUMNS)
    return frame.sort_values("goal_id", kind="stable").reset_index(drop=True)


def build_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Stage 1's tables: ``goals.csv``."""
    found: list[Goal] = []
    for doc in documents.load_all(ws):
        found.extend(find_level_targets(ws, doc))
    return {"goals.csv": to_frame(found)}
