"""Validation of stage 1's goal and result tables with pandera, all failures at once.

Stage 1 validates ``goals.csv`` and ``document_results.csv`` before it returns
them, so nothing is written when a rule fails. Each failure becomes a
:class:`~helpers.core.errors.Problem` naming the table, the row (as a spreadsheet shows
it, header = 1), the column, the value and the rule.

Goal rules: ``goal_id`` (``<DOC>-<key>``, unique), ``kind``, ``direction``, ``unit``
(known codes), ``target_for_kind`` (a quantitative or interpreted goal has a target
and a unit; a directional, qualitative or target-not-set goal has no target),
``periods`` (labels :func:`helpers.core.periods.parse_period` reads), ``policy_period``,
``provenance`` (document, excerpt, line), ``restates`` (another goal of the table that
measures the same indicator, group and geography), ``codes`` (snake_case indicator,
group, geography), ``in_force`` (``in_force_from`` and ``in_force_to`` are half-years
such as ``2009H1``, the first not after the second).

Result rules: ``figure_id`` (``D-<doc_code>-NN``, unique), ``period`` (parses, kind
agrees), ``value`` (a number), ``unit``, ``quote``, ``codes``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.periods import HalfYear, parse_period
from helpers.core.units import UNITS
from helpers.goals.records import DIRECTIONS, KINDS

POLICY_PERIODS = ("2005-2007", "2007-2010", "2011-2014")
_SNAKE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Rule:
    """A rule: its id, the column a failure is about, what was expected, and a
    function returning True for the rows that pass."""

    id: str
    column: str
    expected: str
    passes: Callable[[pd.DataFrame], pd.Series]


def _text(series: pd.Series) -> pd.Series:
    return series.fillna("").astype(str)


def _period_or_empty(series: pd.Series) -> pd.Series:
    def ok(value: str) -> bool:
        if not value:
            return True
        try:
            return parse_period(value).label == value
        except PeriodError:
            return False

    return _text(series).map(ok).astype(bool)


def _codes(frame: pd.DataFrame) -> pd.Series:
    ok = pd.Series(True, index=frame.index)
    for column in ("indicator", "group", "geography"):
        values = _text(frame[column])
        ok &= values.eq("") | values.str.match(_SNAKE.pattern)
    return ok


def goal_rules() -> list[Rule]:
    """The goal rules of the module docstring."""

    def restates(frame: pd.DataFrame) -> pd.Series:
        keys = zip(*(_text(frame[c]) for c in ("indicator", "group", "geography")), strict=True)
        measure = dict(zip(frame["goal_id"], keys, strict=True))
        return pd.Series(
            [
                not r or (r in measure and r != g and measure[r] == measure[g])
                for r, g in zip(_text(frame["restates"]), frame["goal_id"], strict=True)
            ],
            index=frame.index,
        )

    def in_force(frame: pd.DataFrame) -> pd.Series:
        def ok(first: str, last: str) -> bool:
            try:
                return not HalfYear.parse(last) < HalfYear.parse(first)
            except PeriodError:
                return False

        pairs = zip(_text(frame["in_force_from"]), _text(frame["in_force_to"]), strict=True)
        return pd.Series([ok(a, b) for a, b in pairs], index=frame.index, dtype=bool)

    def target_for_kind(frame: pd.DataFrame) -> pd.Series:
        has_target = frame["target_value"].notna()
        quantitative = frame["kind"].isin(["quantitative", "interpreted"])
        unmeasured = frame["kind"].isin(["directional", "qualitative", "target_not_set"])
        return (~quantitative | (has_target & _text(frame["unit"]).ne(""))) & ~(
            unmeasured & has_target
        )

    return [
        Rule(
            "goal_id",
            "goal_id",
            "a unique id <DOC>-<key>",
            lambda f: (
                _text(f["goal_id"]).str.match(r"^[A-Z]+\d\d-[A-Za-z0-9.\-]+$")
                & ~f["goal_id"].duplicated(keep=False)
            ),
        ),
        Rule("kind", "kind", "one of " + ", ".join(KINDS), lambda f: f["kind"].isin(KINDS)),
        Rule(
            "direction",
            "direction",
            "one of " + ", ".join(DIRECTIONS),
            lambda f: f["direction"].isin(DIRECTIONS),
        ),
        Rule(
            "unit",
            "unit",
            "empty or one of " + ", ".join(UNITS),
            lambda f: _text(f["unit"]).isin(("", *UNITS)),
        ),
        Rule(
            "target_for_kind",
            "target_value",
            "a target (and unit) for a quantitative or interpreted goal, none for "
            "directional, qualitative and target-not-set goals",
            target_for_kind,
        ),
        Rule(
            "periods",
            "target_period",
            "period labels such as 2014 or 2014-H2",
            lambda f: _period_or_empty(f["target_period"]) & _period_or_empty(f["baseline_period"]),
        ),
        Rule(
            "policy_period",
            "policy_period",
            "one of " + ", ".join(POLICY_PERIODS),
            lambda f: f["policy_period"].isin(POLICY_PERIODS),
        ),
        Rule(
            "provenance",
            "excerpt",
            "a document, a verbatim excerpt and a raw line",
            lambda f: _text(f["document"]).ne("") & _text(f["excerpt"]).ne("") & (f["line"] >= 1),
        ),
        Rule(
            "restates",
            "restates",
            "empty or the id of another goal with the same indicator, group and geography",
            restates,
        ),
        Rule("codes", "indicator", "snake_case codes", _codes),
        Rule(
            "in_force",
            "in_force_from",
            "half-years such as 2009H1 (in_force_from, in_force_to), the first not after "
            "the second",
            in_force,
        ),
    ]


def result_rules() -> list[Rule]:
    """The result rules of the module docstring."""

    def period(frame: pd.DataFrame) -> pd.Series:
        def ok(label: str, kind: str) -> bool:
            try:
                parsed = parse_period(label)
            except PeriodError:
                return False
            return parsed.label == label and parsed.kind == kind

        pairs = zip(_text(frame["period"]), _text(frame["period_kind"]), strict=True)
        return pd.Series([ok(p, k) for p, k in pairs], index=frame.index, dtype=bool)

    def figure_id(frame: pd.DataFrame) -> pd.Series:
        ids = _text(frame["figure_id"])
        own = [i.startswith(f"D-{code}-") for i, code in zip(ids, frame["doc_code"], strict=True)]
        return (
            ids.str.match(r"^D-[A-Z]+\d\d-\d\d$")
            & pd.Series(own, index=frame.index)
            & ~(ids.duplicated(keep=False))
        )

    return [
        Rule("figure_id", "figure_id", "a unique id D-<doc_code>-NN", figure_id),
        Rule("period", "period", "a period label whose kind is period_kind", period),
        Rule("value", "value", "a number", lambda f: pd.to_numeric(f["value"]).notna()),
        Rule("unit", "unit", "one of " + ", ".join(UNITS), lambda f: f["unit"].isin(UNITS)),
        Rule("quote", "quote", "a verbatim quote", lambda f: _text(f["quote"]).ne("")),
        Rule("codes", "indicator", "snake_case codes", _codes),
    ]


def problems(table: pd.DataFrame, rules: list[Rule], name: str) -> list[Problem]:
    """Every rule failure of ``table`` as a :class:`Problem` (empty when valid)."""
    missing = [r.column for r in rules if r.column not in table.columns]
    if missing:
        return [Problem(name, None, c, None, "this column") for c in sorted(set(missing))]
    schema = pa.DataFrameSchema(checks=[pa.Check(r.passes, error=r.id) for r in rules])
    try:
        schema.validate(table, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    by_id = {r.id: r for r in rules}
    found: dict[tuple[str, object], Problem] = {}
    for case in cases.itertuples(index=False):
        rule = by_id.get(str(case.check))
        index = None if pd.isna(case.index) else case.index
        if rule is None or index is None:
            continue
        row = table.index.get_loc(index) + 2
        value = table.at[index, rule.column]
        shown = None if pd.isna(value) else str(value)
        found.setdefault(
            (rule.id, index), Problem(name, row, rule.column, shown, f"{rule.expected} [{rule.id}]")
        )
    return sorted(found.values(), key=lambda p: (p.row or 0, p.column or ""))


def validate(goals: pd.DataFrame, results: pd.DataFrame) -> None:
    """Raise one InputDataError listing every failure of both tables.

    Raises
    ------
    InputDataError
        With each failure's table, row, column, value and rule.
    """
    found = problems(goals, goal_rules(), "data/processed/goals.csv") + problems(
        results, result_rules(), "data/processed/document_results.csv"
    )
    if found:
        raise InputDataError(found)
