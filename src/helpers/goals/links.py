"""What links a goal to other statements: baselines, restatements, renderings.

* :func:`attach_baselines` - a baseline the document states next to a goal (the ØKF
  sheet's result column; "I dag er niveauet ..."), a restated change checked
  against baseline and target, and the period of a baseline implied by a change
  counted over the policy period ("I perioden til og med år 2010 ... øges med 10
  procentpoint til ca. 64 %": the level before the period began);
* :func:`attach_document_baselines` - "no new ..." goals measured from the first
  figure their document reports; a status schema's goal measured from the latest
  figure its own status reports before the deadline;
* :func:`link_restatements` - ``restates``: the same target in another document of
  the same policy period points to the adopting council's goal; a goal of a
  document's budget note points to the status-schema goal of the same document
  with the same indicator, group and geography;
* :func:`align_plain_rendering` - the plain-text rendering's lines of the ØKF goals.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.core.danish import format_shortest
from helpers.core.paths import Workspace
from helpers.core.periods import parse_period
from helpers.goals import documents, results_sheet
from helpers.goals.documents import PolicyDocument
from helpers.goals.records import ADOPTING_COMMITTEE, Goal
from helpers.goals.sentences import counts_over_the_period, read_level, read_target
from helpers.goals.structure import Statement, section_at
from helpers.goals.structure import sections as _sections


def attach_baselines(goals: list[Goal], statements: list[Statement], doc: PolicyDocument) -> None:
    """Baselines the documents state next to a goal.

    * a ``result`` cell of the ØKF sheet is the baseline of the same row's goals with
      the same indicator;
    * "I dag er niveauet N procent" is the baseline (in the document's publication
      year) of its section's result goal; a stated change ("stige med M procentpoint
      frem mod ...") is checked against it: baseline + change must equal the target;
    * a baseline implied by a change (:func:`helpers.goals.sentences.implied_baseline`)
      of a goal that counts the change over the policy period ("I perioden til og
      med år 2010") is the level when the period began: the year before the policy
      period's first year (2007-2010 -> 2006), as stage 3 dates a baseline it has to
      find itself (the last figure before the policy period).
    """
    _date_period_baselines(goals)
    for st in statements:
        if st.role == "result":
            level = read_level(st.text)
            if level is None:
                continue
            for goal in goals:
                if goal.statements[0].section == st.section and goal.baseline_value is None:
                    goal.baseline_value, goal.baseline_period = level[0], st.default_period
                    goal.add_note(
                        f"Baseline from the sheet's '{st.context.get('column', '')}' column"
                        + (" (an estimate, 'skønnet')." if level[2] else ".")
                    )
        elif st.role == "baseline":
            target = _result_goal(goals, st, doc)
            level = read_level(st.text)
            if target is None or level is None:
                continue
            target.baseline_value = level[0]
            target.baseline_period = doc.info.published[:4]
            target.add_note(
                f"Baseline '{st.text}' (line {st.line}) dated to the document's year "
                f"{doc.info.published[:4]}."
            )
        elif st.role == "change":
            target = _result_goal(goals, st, doc)
            if target is None:
                continue
            reading = read_target(st.text)
            target.statements.append(st)
            target.also_at(st.where)
            match = re.search(r"stige med (?P<n>\d+(?:,\d+)?) procentpoint", st.text)
            if match and target.baseline_value is not None and target.target_value is not None:
                change = float(match["n"].replace(",", "."))
                total = target.baseline_value + change
                same_period = reading.target_period == target.target_period
                verdict = (
                    "consistent"
                    if abs(total - target.target_value) < 1e-9 and same_period
                    else "INCONSISTENT"
                )
                target.add_note(
                    f"Restated at line {st.line} as +{format_shortest(change)} procentpoint from "
                    f"{format_shortest(target.baseline_value)} by {reading.target_period}: "
                    f"{format_shortest(target.baseline_value)} + {format_shortest(change)} = "
                    f"{format_shortest(total)}, {verdict} with the target "
                    f"{format_shortest(target.target_value)} by {target.target_period}."
                )


def _date_period_baselines(goals: list[Goal]) -> None:
    for goal in goals:
        if goal.baseline_value is None or goal.baseline_period:
            continue
        if not counts_over_the_period(goal.statements[0].text):
            continue
        first = int(goal.policy_period.split("-")[0])
        goal.baseline_period = parse_period(str(first - 1)).label
        goal.add_note(
            "The document names no baseline period; the change is counted over 'the "
            f"period' through the deadline, the policy period {goal.policy_period}, so the "
            f"baseline is the level before it began: {first - 1}."
        )


def _result_goal(goals: list[Goal], st: Statement, doc: PolicyDocument) -> Goal | None:
    wanted = f"{doc.info.doc_code}-{st.key}"
    return next((g for g in goals if g.goal_id == wanted), None)


def attach_document_baselines(goals: list[Goal], results: pd.DataFrame) -> None:
    """Baselines from the figures a goal's own document reports.

    * A "no new ..." goal (directional, at_most) is measured against the count at
      its start: the earliest figure its own document reports for the same indicator.
    * A status schema's quantitative goal without a stated baseline is measured from
      the latest figure of the same indicator, group and geography that its own
      status field reports for a period ending before the deadline begins ("Der
      skal ansættes minimum 30 ... i 2009"; status "I 2007 er der ansat 29 personer,
      i 2008 27 personer" -> 27 in 2008).
    """
    _status_baselines(goals, results)
    for goal in goals:
        if goal.kind != "directional" or goal.direction != "at_most" or not goal.indicator:
            continue
        same = results[
            (results["document"] == goal.document)
            & (results["indicator"] == goal.indicator)
            & (results["group"] == goal.group)
            & (results["geography"] == goal.geography)
        ]
        if same.empty:
            continue
        first = same.sort_values(["period", "figure_id"]).iloc[0]
        goal.baseline_value = float(first["value"])
        goal.baseline_period = first["period"]
        goal.add_note(
            f"'No new' read as not above the count at the start: baseline {first['figure_id']} "
            f"({format_shortest(first['value'])} in {first['period']}, line {first['line']})."
        )


def _status_baselines(goals: list[Goal], results: pd.DataFrame) -> None:
    for goal in goals:
        status_line = goal.statements[0].context.get("status_line")
        if (
            goal.kind != "quantitative"
            or goal.baseline_value is not None
            or not status_line
            or not goal.target_period
            or not goal.indicator
        ):
            continue
        begins = parse_period(goal.target_period).start
        same = results[
            (results["document"] == goal.document)
            & (results["line"].astype(int) == int(status_line))
            & (results["indicator"] == goal.indicator)
            & (results["group"] == goal.group)
            & (results["geography"] == goal.geography)
        ]
        before = [r for r in same.itertuples() if parse_period(r.period).end < begins]
        if not before:
            continue
        last = max(before, key=lambda r: (parse_period(r.period).end, r.figure_id))
        goal.baseline_value = float(last.value)
        goal.baseline_period = last.period
        goal.add_note(
            f"Baseline from its own status schema: {last.figure_id} "
            f"({format_shortest(last.value)} in {last.period}, line {last.line}), the latest "
            f"figure it reports before the deadline {goal.target_period}."
        )


def link_restatements(goals: list[Goal]) -> None:
    """Set ``restates`` where a goal states the same target as another document's goal
    of the same policy period; the goal of the adopting council's document is the one
    restated (else the earliest document). Then a budget note's goals are linked within
    their document (:func:`link_budget_notes`)."""
    by_key: dict[tuple, list[Goal]] = {}
    for goal in goals:
        if goal.merge_key() is not None:
            by_key.setdefault((goal.policy_period, *goal.merge_key()), []).append(goal)
    for group in by_key.values():
        if len({g.document for g in group}) < 2:
            continue
        primary = sorted(
            group, key=lambda g: (g.committee != ADOPTING_COMMITTEE, g.document, g.line)
        )[0]
        for goal in group:
            if goal.document != primary.document:
                goal.restates = primary.goal_id
                if goal.unit != primary.unit:
                    _reconcile_units(primary, goal)
    link_budget_notes(goals)


def link_budget_notes(goals: list[Goal]) -> None:
    """A goal of a document's budget note restates the status-schema goal of the same
    document with the same indicator, group and geography (when there is exactly
    one): the note books money for what the schema's goal promises, so the two are
    evaluated once. Differences in deadline or wording stay findings."""
    schema_goals = [g for g in goals if g.statements[0].context.get("schema") and g.indicator]
    for goal in goals:
        note = goal.statements[0].context.get("note", "")
        if not note.startswith("budget note") or goal.restates or not goal.indicator:
            continue
        measure = (goal.indicator, goal.group, goal.geography)
        same = [
            g
            for g in schema_goals
            if g.document == goal.document and (g.indicator, g.group, g.geography) == measure
        ]
        if len(same) != 1:
            continue
        primary = same[0]
        goal.restates = primary.goal_id
        goal.add_note(
            f"{note[0].upper()}{note[1:]} restates {primary.goal_id}, the goal of the status "
            f"schema '{primary.statements[0].context['schema']}' (same indicator, group and "
            "geography); evaluated together with it."
        )


def _reconcile_units(primary: Goal, restating: Goal) -> None:
    """Note a unit difference between a goal and its restatement; a gap indicator
    (code ending in ``_pp``) is a difference of two rates, so a target the primary
    document writes in "%" is read in percentage points, as the restatement has it."""
    if (
        primary.indicator.endswith("_pp")
        and primary.unit == "percent"
        and restating.unit == "percentage_points"
    ):
        primary.unit_as_written = primary.unit
        primary.unit = "percentage_points"
        primary.add_note(
            f"The document writes the target in '%'; {primary.indicator} is a difference of two "
            f"rates, so it is read in percentage points, as {restating.goal_id} states it "
            "(see the findings)."
        )
    else:
        primary.add_note(
            f"{restating.goal_id} restates this goal with the unit {restating.unit} where this "
            f"document has {primary.unit} (see the findings)."
        )


def align_plain_rendering(ws: Workspace, goals: list[Goal]) -> None:
    """Add the plain-text rendering's lines to the ØKF sheet's goals' ``also_stated_at``."""
    infos = documents.catalogue(ws)
    piped = [i.document for i in infos if i.layout == "pipe_tables"]
    plain = [i.document for i in infos if i.layout == "plain_text_table"]
    if not piped or not plain:
        return
    piped_doc, plain_doc = documents.load(ws, piped[0]), documents.load(ws, plain[0])
    plain_tokens = results_sheet.tokens_of_text(plain_doc)
    piped_tokens = results_sheet.tokens_of_sheet(piped_doc)
    matcher = results_sheet.align(plain_tokens, piped_tokens)
    plain_secs = _sections(ws, plain_doc)
    for goal in goals:
        if goal.document != piped_doc.name:
            continue
        for st in goal.statements:
            line = results_sheet.line_in_plain(
                matcher, plain_tokens, piped_tokens, st.line, int(st.context.get("cell", -1))
            )
            if line is None:
                continue
            sec = section_at(plain_secs, line)
            goal.also_at(f"{plain_doc.name} line {line}" + (f" ({sec.heading})" if sec else ""))
