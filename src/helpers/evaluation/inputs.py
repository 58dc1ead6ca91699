"""Stage 3's inputs: the goals, the preferred outcome series and the evaluation units.

Only ``data/processed/goals.csv`` and ``outcomes.csv`` are read (stage 3 never
reads raw data); of the outcomes only rows with ``preferred == True`` and a
value are used.

Evaluation units
    A goal that restates another (``restates``) is evaluated together with it;
    the unit's ``goal_id`` is the restated goal (chains are followed to the
    root), ``goal_ids`` lists all. The figures of the unit are those of its most
    specific member (quantitative before interpreted, directional, milestone,
    target-not-set and qualitative; the restated goal first among equals).
Evaluation window
    From the first half-year of the restated goal's ``policy_period`` through
    one year after its end (2011-2014 -> 2011H1..2015H2).
Series
    The preferred rows of ``(indicator, group, geography)`` whose period ends by
    the end of the half-year; where several ages exist, the age with the most
    figures as of the cut-off (ties: the empty age, then alphabetical).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.paths import GOALS_FILE, OUTCOMES_FILE, SOURCE_LIST_FILE, Workspace
from helpers.core.periods import HalfYear, parse_period
from helpers.core.vintages import visible
from helpers.evaluation.trends import Observations, cached_period

GOAL_COLUMNS = [
    "goal_id", "document", "section", "committee", "policy_period", "title_da", "indicator",
    "group", "geography", "kind", "direction", "baseline_value", "baseline_period",
    "target_value", "target_period", "unit", "excerpt", "line", "also_stated_at", "restates",
    "note", "in_force_from", "in_force_to",
]  # fmt: skip
OUTCOME_COLUMNS = [
    "indicator", "group", "geography", "age", "period", "value", "unit", "basis",
    "source_id", "preferred", "published",
]  # fmt: skip
SOURCE_COLUMNS = ["source_id", "publisher"]
KINDS = (
    "quantitative", "interpreted", "directional", "milestone", "target_not_set", "qualitative",
)  # fmt: skip
DIRECTIONS = ("at_least", "at_most", "increase", "decrease", "reflect", "achieve", "")
KIND_ORDER = {kind: i for i, kind in enumerate(KINDS)}


# --- reading ------------------------------------------------------------------------------


def _require(frame: pd.DataFrame, columns: list[str], file: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise InputDataError(
            [
                Problem(file, 1, c, None, "this column in the header (data contract)")
                for c in missing
            ]
        )


def _number(text: str) -> float:
    return math.nan if str(text).strip() == "" else float(text)


def read_goals(ws: Workspace) -> pd.DataFrame:
    """``goals.csv`` as text, with ``baseline_value``/``target_value`` as floats.

    Raises
    ------
    InputDataError
        For missing columns, unreadable numbers or periods, unknown kinds or
        directions, and ``restates`` naming a goal that is not in the file.
    """
    file = ws.relative(ws.processed / GOALS_FILE)
    goals = pd.read_csv(ws.processed / GOALS_FILE, dtype=str, keep_default_na=False)
    _require(goals, GOAL_COLUMNS, file)
    problems: list[Problem] = []
    ids = set(goals["goal_id"])
    for index, goal in goals.iterrows():
        row = int(index) + 2
        for column in ("baseline_value", "target_value"):
            try:
                _number(goal[column])
            except ValueError:
                problems.append(Problem(file, row, column, goal[column], "a number or empty"))
        for column in ("baseline_period", "target_period"):
            if goal[column]:
                try:
                    parse_period(goal[column])
                except PeriodError as exc:
                    problems.append(Problem(file, row, column, goal[column], str(exc)))
        try:
            policy_window(goal["policy_period"])
        except ValueError:
            problems.append(
                Problem(file, row, "policy_period", goal["policy_period"], "a span like 2011-2014")
            )
        if goal["kind"] not in KINDS:
            problems.append(Problem(file, row, "kind", goal["kind"], f"one of {', '.join(KINDS)}"))
        if goal["direction"] not in DIRECTIONS:
            problems.append(
                Problem(file, row, "direction", goal["direction"], "a direction of the contract")
            )
        if goal["restates"] and goal["restates"] not in ids:
            problems.append(
                Problem(
                    file, row, "restates", goal["restates"], "the goal_id of a goal in the file"
                )
            )
    if problems:
        raise InputDataError(problems)
    for column in ("baseline_value", "target_value"):
        goals[column] = goals[column].map(_number)
    return goals


def read_outcomes(ws: Workspace, all_rows: bool = False, with_sources: bool = True) -> pd.DataFrame:
    """The preferred rows of ``outcomes.csv`` with a value (``all_rows``: every row with a
    value, preferred or not; ``preferred`` stays a column) as floats, each with its
    ``source_family``: the organisation that published it (``sources.csv``'s publisher up
    to the first comma; two figures of one family count as one source for the rules).
    ``with_sources=False`` reads ``outcomes.csv`` alone (no ``source_family``; the
    calibration stage).

    Raises
    ------
    InputDataError
        For missing columns or unreadable values.
    """
    file = ws.relative(ws.processed / OUTCOMES_FILE)
    table = pd.read_csv(ws.processed / OUTCOMES_FILE, dtype=str, keep_default_na=False)
    _require(table, OUTCOME_COLUMNS, file)
    preferred = table["preferred"].str.strip().str.lower().isin(["true", "1"])
    problems = []
    values = []
    for index, text in table["value"].items():
        try:
            values.append(_number(text))
        except ValueError:
            problems.append(Problem(file, int(index) + 2, "value", text, "a number or empty"))
            values.append(math.nan)
    if problems:
        raise InputDataError(problems)
    keep = pd.Series(values, index=table.index).notna() & (preferred | all_rows)
    if not with_sources:
        return table.assign(value=values).loc[keep].reset_index(drop=True)
    sources = pd.read_csv(ws.processed / SOURCE_LIST_FILE, dtype=str, keep_default_na=False)
    _require(sources, SOURCE_COLUMNS, ws.relative(ws.processed / SOURCE_LIST_FILE))
    publisher = dict(zip(sources["source_id"], sources["publisher"], strict=True))
    family = [
        publisher.get(source, source).split(",")[0].strip() or source
        for source in table["source_id"]
    ]
    table = table.assign(value=values, source_family=family)
    return table.loc[keep].reset_index(drop=True)


# --- series -------------------------------------------------------------------------------


class SeriesStore:
    """The preferred outcome rows, by series, cut as of any half-year.

    Parameters
    ----------
    outcomes : DataFrame
        :func:`read_outcomes`.
    vintage : str
        ``latest``: every figure about a period that ended by the half-year's end;
        ``real-time``: only those also *published* by then (a figure without a
        publication date is left out; survey rows are the current vintage of the
        Eurostat/OECD files and stay, as the report says).
    """

    def __init__(self, outcomes: pd.DataFrame, vintage: str = "latest") -> None:
        if vintage not in ("latest", "real-time"):
            raise ValueError(f"vintage must be 'latest' or 'real-time', not {vintage!r}")
        self.vintage = vintage
        periods = [cached_period(p) for p in outcomes["period"]]
        table = outcomes.assign(
            _end=[p.end for p in periods], _time=[p.midpoint for p in periods]
        ).sort_values("_time", kind="stable")
        keys = ["indicator", "group", "geography", "age"]
        self._columns = list(table.columns)
        self._rows = {
            key: rows.reset_index(drop=True) for key, rows in table.groupby(keys, sort=True)
        }

    def series_keys(self) -> list[tuple[str, str, str, str]]:
        """Every series key ``(indicator, group, geography, age)``, sorted."""
        return sorted(self._rows)

    def empty_rows(self) -> pd.DataFrame:
        """No rows, with the store's columns."""
        return pd.DataFrame(columns=self._columns)

    def rows(self, key: tuple[str, str, str, str], as_of: HalfYear | None) -> pd.DataFrame:
        """The rows of one series that ``as_of`` can see (period ended by its end; in the
        ``real-time`` vintage also published by then), in time order."""
        rows = self._rows.get(key)
        if rows is None:
            return self.empty_rows()
        if as_of is None:
            return rows
        seen = visible(rows["_end"], rows["published"], rows["basis"], as_of, self.vintage)
        return rows.loc[seen].reset_index(drop=True)

    def find(
        self, indicator: str, group: str, geography: str, as_of: HalfYear | None, age: str | None
    ) -> tuple[Observations, pd.DataFrame]:
        """Observations (and rows) of a series as of ``as_of``; ``age=None`` picks
        the age with the most figures (ties: empty age, then alphabetical)."""
        if age is None:
            ages = [k[3] for k in self._rows if k[:3] == (indicator, group, geography)]
            counts = {a: len(self.rows((indicator, group, geography, a), as_of)) for a in ages}
            ages = sorted(ages, key=lambda a: (-counts[a], a != "", a))
            age = ages[0] if ages else ""
        rows = self.rows((indicator, group, geography, age), as_of)
        return Observations.from_pairs(rows["period"], rows["value"], as_of), rows


# --- goals and units ----------------------------------------------------------------------


def policy_window(policy_period: str) -> tuple[HalfYear, HalfYear]:
    """First and last half-year of a goal's evaluation window (2011-2014 -> 2011H1, 2015H2)."""
    parts = str(policy_period).split("-")
    if len(parts) != 2 or not all(p.isdigit() and len(p) == 4 for p in parts):
        raise ValueError(f"{policy_period!r} is not a span of years such as 2011-2014")
    first, last = int(parts[0]), int(parts[1])
    return HalfYear(first, 1), HalfYear(last + 1, 2)


@dataclass(frozen=True)
class Unit:
    """Goals evaluated together: a goal and those restating it.

    ``in_force`` is the first and last half-year any of them is in force (from its
    document's date to one year after its deadline: ``goals.csv``'s ``in_force_from``
    and ``in_force_to``).
    """

    goal_id: str
    goal_ids: str
    goal: dict = field(repr=False)
    policy_period: str = ""
    in_force: tuple[HalfYear, HalfYear] | None = None

    def window(self, periods: Iterable[HalfYear]) -> list[HalfYear]:
        """The half-years of ``periods`` in which the unit is in force."""
        first, last = self.in_force or policy_window(self.policy_period)
        return [p for p in periods if first <= p <= last]


def evaluation_units(goals: pd.DataFrame) -> list[Unit]:
    """Group restating goals with the goal they restate (chains followed to the root)."""
    parent = dict(zip(goals["goal_id"], goals["restates"], strict=True))

    def root(goal_id: str) -> str:
        seen = {goal_id}
        while parent.get(goal_id):
            goal_id = parent[goal_id]
            if goal_id in seen:
                raise InputDataError(
                    [Problem(GOALS_FILE, None, "restates", goal_id, "restates without a cycle")]
                )
            seen.add(goal_id)
        return goal_id

    members: dict[str, list[dict]] = {}
    for goal in goals.to_dict("records"):
        members.setdefault(root(goal["goal_id"]), []).append(goal)
    units = []
    for primary, group in sorted(members.items()):
        group.sort(key=lambda g: (KIND_ORDER[g["kind"]], g["goal_id"] != primary, g["goal_id"]))
        specific = group[0]
        primary_row = next(g for g in group if g["goal_id"] == primary)
        ids = ", ".join(sorted(g["goal_id"] for g in group))
        in_force = (
            min(HalfYear.parse(g["in_force_from"]) for g in group),
            max(HalfYear.parse(g["in_force_to"]) for g in group),
        )
        units.append(Unit(primary, ids, specific, primary_row["policy_period"], in_force))
    return units
