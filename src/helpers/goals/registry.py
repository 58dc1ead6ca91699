"""The goal registry: every goal of the five policy documents, typed.

A goal row (:data:`GOAL_COLUMNS`) says what was promised, by when and measured
how, and keeps the document's file name, section, raw line and a verbatim excerpt.
Targets are read from the text (:mod:`helpers.goals.sentences`), never typed in by
hand; ``data/reference`` holds only metadata (section headings, which indicator
measures which subject).

How a document is read depends on its layout (``documents.csv``): free prose
(:mod:`helpers.goals.prose`), the ØKF sheet's pipe tables (:mod:`helpers.goals.results_sheet`;
its plain-text rendering ``000`` states the same goals and is only aligned to it) and
ØU's tab-separated status schemas (:mod:`helpers.goals.status_schemas`).

One row per real goal
    Statements of the same goal in one document (the policy's overview table and its
    HOVEDMÅL sections; the action plan's overall goals repeated as result goals; the
    ØKF staff target repeated in two rows) are one goal: the first statement is kept,
    the others are listed in ``also_stated_at``. They are the same goal when the
    layout gives them the same key or when they have the same indicator, group,
    geography, target value and deadline. A goal stated by a *different* document
    of the same policy period points to it in ``restates`` (the action plan restates
    the policy adopted by Borgerrepræsentationen), and so does a goal of a budget
    note to the status schema's goal it books money for (``OU09-N2a`` restates
    ``OU09-I1.2``); see :mod:`helpers.goals.links`.

In force
    ``in_force_from`` / ``in_force_to`` (:mod:`helpers.goals.in_force`): from the
    half-year the document was dated in to one year after the deadline.

Goal ids: ``<doc_code>-<key>``
    ``doc_code`` from ``documents.csv`` (OKF05, OU09, BIU11, POL11); the key is the
    document's own numbering:

    * POL11: ``OM`` the overall goal, ``HM1``-``HM6`` the main goals (``HM3a`` staff,
      ``HM3b`` managers: HOVEDMÅL 3 names two compositions, one indicator each);
    * BIU11: ``OM1``-``OM3`` the overall goals in order; ``I<n>`` effort *n*'s result
      goal (when it is not an overall goal), ``I<n>.<m>`` its sub-goals and numbered
      activities;
    * OU09: ``A1``/``A2`` the sentences of general goal a), ``B1`` goal b);
      ``I1.<n>`` initiative 1.n's goal (``I1.1a``, ``I1.1b`` ... when it lists
      several); ``N2a``, ``N2b`` the goals of budget note 2;
    * OKF05: ``R<row>-<year>`` the sheet row's requirement for that year.

    A stepped target ("30 ... i 2009 stigende til 50 ... i 2011") adds ``.1``, ``.2``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.core.danish import format_shortest
from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace
from helpers.core.units import words_en
from helpers.goals import (
    documents,
    in_force,
    indicator_map,
    links,
    prose,
    reported_figures,
    results_sheet,
    status_schemas,
)
from helpers.goals.documents import PolicyDocument, squash
from helpers.goals.records import GOAL_COLUMNS, Goal
from helpers.goals.sentences import TargetReading, missing_number, read_targets
from helpers.goals.structure import Section, Statement
from helpers.goals.structure import sections as _sections

#: "<subject> skal være på max 5,8 procentpoint i 2014"
LEVEL_TARGET = re.compile(
    r"skal\s+være\s+på\s+(?:max\.?|maks\.?|højst|mindst|min\.|minimum)\s+\d+(?:,\d+)?\s*"
    r"(?:procentpoint|%-point|%|pct\.?|procent)\s+i\s+\d{4}"
)
_EXPLICIT = re.compile(r"\b(?:mindst|min\.|minimum|max\.?|maks\.?|højst|skal)(?:\s|$)")
_FLIP = {
    "increase": "decrease",
    "decrease": "increase",
    "at_least": "at_most",
    "at_most": "at_least",
}


def sections(ws: Workspace, doc: PolicyDocument) -> list[Section]:
    """The document's sections (see :func:`helpers.goals.structure.sections`)."""
    return _sections(ws, doc)


def statements_of(ws: Workspace, doc: PolicyDocument) -> list[Statement]:
    """The goal statements of a document, read the way its layout requires.

    The plain-text rendering of the ØKF sheet (``plain_text_table``) yields none: the
    registry reads that sheet once, from its pipe-table rendering.
    """
    readers = {
        "prose": prose.read_prose,
        "pipe_tables": results_sheet.read_sheet_goals,
        "tab_separated_schemas": status_schemas.read_schema_goals,
        "plain_text_table": lambda ws, doc: [],
    }
    if doc.info.layout not in readers:
        raise ValueError(
            f"data/reference/documents.csv: layout {doc.info.layout!r} of {doc.name} is not "
            f"one of {', '.join(readers)}"
        )
    return readers[doc.info.layout](ws, doc)


def _goal(doc: PolicyDocument, st: Statement, reading: TargetReading, mapping, key: str) -> Goal:
    direction = reading.direction
    if mapping.inverse:
        direction = _FLIP.get(direction, direction)
    notes = list(reading.notes)
    if reading.change is not None:
        unit = words_en(reading.change_unit)
        notes.append(f"stated as a change of +{format_shortest(reading.change)} {unit}")
    if reading.per_year:
        notes.append("a yearly target ('årligt')")
    if reading.approximate:
        notes.append("the target is approximate ('ca.')")
    if mapping.note:
        notes.append(mapping.note)
    title = st.text.rstrip(".").strip()
    if doc.info.layout == "pipe_tables" and st.section:
        title = f"{st.section.heading} – {st.context.get('column', '')}: {title}"
    return Goal(
        goal_id=f"{doc.info.doc_code}-{key}",
        document=doc.name,
        section=st.section.heading if st.section else "",
        committee=doc.info.committee,
        policy_period=doc.info.policy_period,
        title_da=title,
        indicator=mapping.indicator,
        group=mapping.group,
        geography=mapping.geography,
        kind=reading.kind,
        direction=direction,
        baseline_value=reading.baseline_value,
        baseline_period=reading.baseline_period,
        target_value=reading.target_value,
        target_period=reading.target_period,
        unit=reading.unit or (mapping.unit if reading.kind != "quantitative" else ""),
        excerpt=st.excerpt.rstrip(","),
        line=st.line,
        note=" ".join(n[0].upper() + n[1:] + ("" if n.endswith(".") else ".") for n in notes),
        statements=[st],
        doc_code=doc.info.doc_code,
    )


def _counts_as_goal(st: Statement, reading: TargetReading) -> bool:
    if st.role == "goal":
        return True
    return (
        st.role == "activity"
        and reading.kind in ("quantitative", "milestone")
        and reading.target_value is not None
        and bool(_EXPLICIT.search(st.text))
    )


def goals_of(ws: Workspace, doc: PolicyDocument, statements: list[Statement]) -> list[Goal]:
    """Type a document's statements into goals and merge repeated statements.

    Raises
    ------
    InputDataError
        When a target's number is missing ("max procentpoint i 2014"): a goal is
        never read without its figure.
    """
    found: list[Goal] = []
    sub_numbers: dict[str, int] = {}
    check_numbers(doc, statements)
    for st in statements:
        if st.role not in ("goal", "activity"):
            continue
        steps = read_targets(st.text, st.default_period)
        if not _counts_as_goal(st, steps[0][1]):
            continue
        key = st.key
        if not key:
            code = st.section.code if st.section else "X"
            taken = [
                g.goal_id for g in found if g.goal_id.startswith(f"{doc.info.doc_code}-{code}.")
            ]
            sub_numbers[code] = max(sub_numbers.get(code, 0), len(taken)) + 1
            key = f"{code}.{sub_numbers[code]}"
        mappings = indicator_map.indicators_for(ws, st.subject or st.text) or [
            indicator_map.NO_MAPPING
        ]
        for step, (_, reading) in enumerate(steps, start=1):
            for split, mapping in enumerate(mappings):
                suffix = ("abcdefgh"[split] if len(mappings) > 1 else "") + (
                    f".{step}" if len(steps) > 1 else ""
                )
                found.append(_goal(doc, st, reading, mapping, key + suffix))
    return _merge(found)


def check_numbers(doc: PolicyDocument, statements: list[Statement]) -> None:
    """Refuse goal statements whose target lost its number (see
    :func:`helpers.goals.sentences.missing_number`).

    Raises
    ------
    InputDataError
        Naming the document, its line and the words where the number should be.
    """
    problems = [
        Problem(
            f"data/raw/policy_documents/{doc.name}",
            st.line,
            None,
            gap,
            f"a number between '{gap.split()[0]}' and the unit (as in 'max 5,8 procentpoint'); "
            "the target has no figure - compare with the original document. A target left "
            "open on purpose is written 'X %' or '(XX)'",
        )
        for st in statements
        if st.role in ("goal", "activity") and (gap := missing_number(st.text))
    ]
    if problems:
        raise InputDataError(problems)


def _same_key(a: Goal, b: Goal) -> bool:
    if a.goal_id == b.goal_id:
        return True
    return a.merge_key() is not None and a.merge_key() == b.merge_key()


def _merge(found: list[Goal]) -> list[Goal]:
    merged: list[Goal] = []
    for goal in sorted(found, key=lambda g: (g.statements[0].role != "goal", g.line)):
        for kept in merged:
            if _same_key(kept, goal):
                st = goal.statements[0]
                kept.statements.append(st)
                kept.also_at(st.where)
                break
        else:
            merged.append(goal)
    return merged


def to_frame(goals: list[Goal]) -> pd.DataFrame:
    """Goals as a DataFrame with the registry's columns, sorted by ``goal_id``."""
    rows = [{c: getattr(g, c) for c in GOAL_COLUMNS} for g in goals]
    frame = pd.DataFrame(rows, columns=GOAL_COLUMNS)
    for column in ("baseline_value", "target_value"):
        frame[column] = pd.to_numeric(frame[column]).astype("Float64")
    return frame.sort_values("goal_id", kind="stable").reset_index(drop=True)


def find_level_targets(ws: Workspace, doc: PolicyDocument) -> list[Goal]:
    """The document's goals of the form "<subject> skal være på max/mindst N <unit> i
    <year>" (a goal stated more than once is one goal, see the module docstring)."""
    return [
        g
        for g in goals_of(ws, doc, statements_of(ws, doc))
        if LEVEL_TARGET.search(squash(g.statements[0].text))
    ]


@dataclass
class Registry:
    """Everything stage 1 reads from the documents (before it becomes tables)."""

    goals: list[Goal]
    statements: dict[str, list[Statement]]
    results: pd.DataFrame


def read_registry(ws: Workspace) -> Registry:
    """Read every document: goals (merged, with baselines and restatements) and the
    figures the documents report."""
    all_goals: list[Goal] = []
    statements: dict[str, list[Statement]] = {}
    result_rows = []
    for doc in documents.load_all(ws):
        sts = statements_of(ws, doc)
        statements[doc.name] = sts
        doc_goals = goals_of(ws, doc, sts)
        links.attach_baselines(doc_goals, sts, doc)
        all_goals.extend(doc_goals)
        if doc.info.layout == "plain_text_table":
            continue
        rows = reported_figures.pattern_results(ws, doc)
        if doc.info.layout == "pipe_tables":
            rows += reported_figures.sheet_results(ws, doc, results_sheet.read_sheet_goals(ws, doc))
        result_rows.append((doc.info.doc_code, rows))
    results = reported_figures.to_frame(result_rows)
    links.attach_document_baselines(all_goals, results)
    links.link_restatements(all_goals)
    links.align_plain_rendering(ws, all_goals)
    in_force.attach_in_force(all_goals, documents.catalogue(ws))
    return Registry(all_goals, statements, results)
