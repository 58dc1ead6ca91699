"""Validation of the outcome table with pandera, all failures at once.

:func:`validate_outcomes` checks every rule of :data:`RULES` on every row
(pandera's lazy mode) and raises one :class:`~helpers.core.errors.InputDataError`
listing each failure with the file and line the row came from, the column, the
value and what was expected. Stage 2 validates before it returns its tables,
so nothing is written to ``data/processed/`` when a rule fails.

The rules (ids as in the messages):

- ``columns``: every outcome column present with its type (value a number,
  approximate/derived true or false).
- ``known_indicator``: the indicator is in ``data/reference/indicators.csv``.
- ``indicator_unit``: the unit is the catalogue's unit for that indicator.
- ``known_group``: the group is in ``data/reference/groups.csv``.
- ``known_geography``: the geography is in ``data/reference/geographies.csv``.
- ``survey_groups_apart``: survey groups (country of birth, citizenship) only on
  survey rows and Statistics Denmark's origin groups never on survey rows.
- ``value_present``: the value is a number (a missing figure is dropped, never 0).
- ``percent_range``: percentages within 0-100.
- ``points_range``: percentage points within -100..100.
- ``whole_counts``: counts and persons are non-negative whole numbers.
- ``period_parses``: the period is a label helpers.core.periods reads, and its kind,
  start and end agree with it.
- ``unique_key_per_source``: no two rows of one source for the same indicator,
  group, geography, age and period.
- ``unique_figure_id``: every figure id is non-empty and unique.
- ``provenance``: source id non-empty, and a quote for every figure that is not derived.
- ``derived_inputs``: derived rows name their inputs (ids that exist), other rows none.
- ``known_flag``: flags are Eurostat flag letters.
- ``known_basis``: basis is published, policy_document, survey_lfs or statbank.
- ``age_band``: the age is a band such as ``15-74`` or ``15+``, or empty (not stated).
- ``published_date``: ``published`` is a date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, or
  empty (the source does not say), and not before the reference period starts (a
  figure cannot be published before the period it describes has begun; a date
  known only to the month or year counts as its last day). Indicators the catalogue
  marks ``planned`` (a budget, set aside before the years it funds) are exempt
  from the second half.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pandera.pandas as pa

from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.paths import Workspace
from helpers.core.periods import parse_date_label, parse_period
from helpers.core.units import WHOLE_UNITS
from helpers.outcomes.eurostat import FLAG_LABELS
from helpers.outcomes.rows import BASES, KEY

TABLE_NAME = "data/processed/outcomes.csv"


@dataclass(frozen=True)
class References:
    """The code lists rows are checked against."""

    indicator_units: dict[str, str]
    group_classes: dict[str, str]
    geographies: set[str]
    planned: frozenset[str] = frozenset()

    @classmethod
    def load(cls, ws: Workspace) -> References:
        """Read ``indicators.csv``, ``groups.csv`` and ``geographies.csv``."""

        def rows(name: str) -> list[dict[str, str]]:
            with open(ws.reference / name, encoding="utf-8", newline="") as handle:
                return list(csv.DictReader(handle))

        indicators = rows("indicators.csv")
        return cls(
            indicator_units={r["code"]: r["unit"] for r in indicators},
            planned=frozenset(r["code"] for r in indicators if r.get("timing") == "planned"),
            group_classes={r["code"]: r["classification"] for r in rows("groups.csv")},
            geographies={r["code"] for r in rows("geographies.csv")},
        )


@dataclass(frozen=True)
class Rule:
    """One validation rule: which column a failure is about, what was expected,
    and a function returning True for the rows that pass."""

    id: str
    column: str
    expected: str
    passes: Callable[[pd.DataFrame], pd.Series]


def _period_ok(frame: pd.DataFrame) -> pd.Series:
    def ok(r: pd.Series) -> bool:
        try:
            p = parse_period(str(r["period"]))
        except PeriodError:
            return False
        return (p.kind, p.start.isoformat(), p.end.isoformat(), p.label) == (
            r["period_kind"],
            r["period_start"],
            r["period_end"],
            r["period"],
        )

    return frame.apply(ok, axis=1).astype(bool)


def _published_ok(frame: pd.DataFrame, planned: frozenset[str]) -> pd.Series:
    def ok(published: object, starts: object, indicator: object) -> bool:
        text = "" if pd.isna(published) else str(published)
        if text == "":
            return True
        try:
            last_day = parse_date_label(text).end.isoformat()
        except PeriodError:
            return False
        return indicator in planned or last_day >= str(starts)

    rows = zip(frame["published"], frame["period_start"], frame["indicator"], strict=True)
    return pd.Series([ok(*r) for r in rows], index=frame.index, dtype=bool)


def _is_whole(values: pd.Series) -> pd.Series:
    return (values >= 0) & (values == values.round())


def rules(refs: References) -> list[Rule]:
    """The rules of the module docstring, bound to the reference code lists."""
    survey_classes = {"survey_birth", "survey_citizenship"}

    def unit_of(frame: pd.DataFrame) -> pd.Series:
        return frame["indicator"].map(refs.indicator_units)

    def group_is_survey(frame: pd.DataFrame) -> pd.Series:
        return frame["group"].map(refs.group_classes).isin(survey_classes)

    def group_is_dst(frame: pd.DataFrame) -> pd.Series:
        return frame["group"].map(refs.group_classes).eq("dst_origin")

    flag_letters = set(FLAG_LABELS)
    return [
        Rule(
            "known_indicator",
            "indicator",
            "an indicator code listed in data/reference/indicators.csv",
            lambda f: f["indicator"].isin(refs.indicator_units),
        ),
        Rule(
            "indicator_unit",
            "unit",
            "the unit data/reference/indicators.csv gives for the indicator",
            lambda f: ~f["indicator"].isin(refs.indicator_units) | f["unit"].eq(unit_of(f)),
        ),
        Rule(
            "known_group",
            "group",
            "a group code listed in data/reference/groups.csv",
            lambda f: f["group"].isin(refs.group_classes),
        ),
        Rule(
            "known_geography",
            "geography",
            "a geography code listed in data/reference/geographies.csv",
            lambda f: f["geography"].isin(refs.geographies),
        ),
        Rule(
            "survey_groups_apart",
            "group",
            "survey groups (country of birth, citizenship) only with basis survey_lfs, and "
            "Statistics Denmark's origin groups never with it",
            lambda f: (
                ((f["basis"] == "survey_lfs") & ~group_is_dst(f))
                | ((f["basis"] != "survey_lfs") & ~group_is_survey(f))
            ),
        ),
        Rule(
            "value_present",
            "value",
            "a number (a figure that is not published is left out, never written as 0)",
            lambda f: f["value"].notna(),
        ),
        Rule(
            "percent_range",
            "value",
            "a percentage within 0-100",
            lambda f: (f["unit"] != "percent") | f["value"].between(0, 100) | f["value"].isna(),
        ),
        Rule(
            "points_range",
            "value",
            "percentage points within -100..100",
            lambda f: (
                (f["unit"] != "percentage_points")
                | f["value"].between(-100, 100)
                | f["value"].isna()
            ),
        ),
        Rule(
            "whole_counts",
            "value",
            "a non-negative whole number (unit " + ", ".join(WHOLE_UNITS) + ")",
            lambda f: ~f["unit"].isin(WHOLE_UNITS) | _is_whole(f["value"]) | f["value"].isna(),
        ),
        Rule(
            "period_parses",
            "period",
            "a period such as 2011, 2011-H1, 2011-Q3, 2013-01 or 2006-01-18 whose "
            "period_kind, period_start and period_end agree with it",
            _period_ok,
        ),
        Rule(
            "unique_key_per_source",
            "source_id",
            "one figure per source for the same indicator, group, geography, age and period",
            lambda f: ~f.duplicated([*KEY, "source_id"], keep=False),
        ),
        Rule(
            "unique_figure_id",
            "figure_id",
            "a non-empty figure id used by no other row",
            lambda f: f["figure_id"].ne("") & ~f["figure_id"].duplicated(keep=False),
        ),
        Rule(
            "provenance",
            "quote",
            "a source id, and a verbatim quote for every figure that is not derived",
            lambda f: f["source_id"].ne("") & (f["derived"] | f["quote"].ne("")),
        ),
        Rule(
            "derived_inputs",
            "derived_from",
            "for a derived figure the ids of its inputs (';'-joined, each a figure in the "
            "table); empty for a figure as published",
            lambda f: f.apply(
                lambda r: (
                    (
                        bool(r["derived_from"])
                        and all(i in set(f["figure_id"]) for i in r["derived_from"].split(";"))
                    )
                    if r["derived"]
                    else r["derived_from"] == ""
                ),
                axis=1,
            ).astype(bool),
        ),
        Rule(
            "known_flag",
            "flag",
            f"Eurostat flag letters ({', '.join(sorted(flag_letters))}) or nothing",
            lambda f: f["flag"].map(lambda s: set(str(s)) <= flag_letters).astype(bool),
        ),
        Rule(
            "known_basis",
            "basis",
            f"one of {', '.join(BASES)}",
            lambda f: f["basis"].isin(BASES),
        ),
        Rule(
            "age_band",
            "age",
            "an age band such as 15-74 or 15+, or nothing when the source states none",
            lambda f: f["age"].str.fullmatch(r"(\d+-\d+|\d+\+)?").fillna(False).astype(bool),
        ),
        Rule(
            "published_date",
            "published",
            "a publication date YYYY, YYYY-MM or YYYY-MM-DD (or nothing when the source "
            "does not say) that is not before the reference period starts",
            lambda f: _published_ok(f, refs.planned),
        ),
    ]


def schema(refs: References) -> pa.DataFrameSchema:
    """The pandera schema: typed columns plus one check per rule (error = rule id)."""
    text = pa.Column(str, nullable=False)
    columns = {
        name: text
        for name in (
            "indicator",
            "group",
            "geography",
            "age",
            "period",
            "period_kind",
            "period_start",
            "period_end",
            "published",
            "unit",
            "qualifier",
            "value_as_published",
            "flag",
            "source_id",
            "source_kind",
            "figure_id",
            "derived_from",
            "basis",
            "quote",
            "note",
        )
    }
    columns["value"] = pa.Column(float, nullable=True)
    columns["approximate"] = pa.Column(bool)
    columns["derived"] = pa.Column(bool)
    checks = [pa.Check(rule.passes, error=rule.id) for rule in rules(refs)]
    return pa.DataFrameSchema(columns, checks=checks, strict=False)


def _origin(table: pd.DataFrame, index: object) -> tuple[str, int | None]:
    if index is None or index not in table.index or "_file" not in table.columns:
        return TABLE_NAME, None
    row = table.at[index, "_row"]
    return str(table.at[index, "_file"]), None if pd.isna(row) else int(row)


def problems(table: pd.DataFrame, refs: References) -> list[Problem]:
    """Every rule failure of ``table`` as a :class:`Problem` (empty when valid)."""
    try:
        schema(refs).validate(table, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    missing = cases.loc[cases["check"] == "column_in_dataframe", "failure_case"]
    if len(missing):  # the rules need every column: report only what is missing
        return [
            Problem(TABLE_NAME, None, str(c), None, "this column [columns, column_in_dataframe]")
            for c in sorted(missing)
        ]
    by_id = {rule.id: rule for rule in rules(refs)}
    found: dict[tuple[str, object], Problem] = {}
    for case in cases.itertuples(index=False):
        index = None if pd.isna(case.index) else case.index
        rule = by_id.get(str(case.check))
        file, line = _origin(table, index)
        if rule is None:  # a type failure
            column = None if case.column is None else str(case.column)
            value = None if pd.isna(case.failure_case) else str(case.failure_case)
            expected = f"a value of the column's type ({case.check}) [columns]"
            found.setdefault(
                (f"{column}:{case.check}", index), Problem(file, line, column, value, expected)
            )
            continue
        value = None if index is None else table.at[index, rule.column]
        shown = None if value is None else str(value)
        expected = f"{rule.expected} [{rule.id}]"
        found.setdefault((rule.id, index), Problem(file, line, rule.column, shown, expected))
    return sorted(found.values(), key=lambda p: (p.file, p.row or 0, p.column or "", p.expected))


def validate_outcomes(table: pd.DataFrame, refs: References) -> None:
    """Raise one InputDataError listing every failure (nothing is written then).

    Raises
    ------
    InputDataError
        With each failure's file, row, column, value and expectation.
    """
    found = problems(table, refs)
    if found:
        raise InputDataError(found)
