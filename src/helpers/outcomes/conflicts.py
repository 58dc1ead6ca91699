"""Conflicting figures and the rule that picks one per key.

A **conflict** is a key ``(indicator, group, geography, age, period)`` that
holds different values from different sources. Every row is kept; the rule
below marks exactly one row per key ``preferred`` (also for keys without a
conflict), and the conflicts table lists every row of every conflicting key
with its rank and, for the pick, the reason it won.

The pick rule (rows are ordered by these criteria, the first row wins):

1. Register-based figures (``published``, ``policy_document``, ``statbank``)
   before survey estimates (``survey_lfs``): survey groups are context, never
   silently used for a register-based key.
2. The kind of source (:data:`SOURCE_KIND_RANK`): statistics office, then
   international organisation, then the municipality (its reports, surveys and
   policy documents), then ministry, parliament, other organisations, news,
   blog.
3. A figure as published before a derived one.
4. An exact figure before an approximate one (``knap``, ``ca.`` ...).
5. The newer publication before the older (statistics get revised; an unknown
   publication date counts as oldest).
6. More decimals before fewer (``10,9`` before ``11``).
7. The lower figure id (only to make the pick deterministic).
"""

from __future__ import annotations

import pandas as pd

from helpers.outcomes.gaps import decimals
from helpers.outcomes.rows import KEY

SOURCE_KIND_RANK: dict[str, int] = {
    "statistics_office": 0,
    "international_organisation": 1,
    "municipal_report": 2,
    "survey_report": 2,
    "policy_document": 2,
    "ministry": 3,
    "parliament": 4,
    "other": 5,
    "news": 6,
    "blog": 7,
}
CONFLICT_COLUMNS = [
    "conflict_id",
    *KEY,
    "rank",
    "preferred",
    "figure_id",
    "value",
    "unit",
    "value_as_published",
    "source_id",
    "source_kind",
    "published",
    "basis",
    "derived",
    "approximate",
    "difference",
    "reason",
]


def date_number(published: str) -> int:
    """A publication date as a sortable number: ``2013-01`` -> 20130100, ``''`` -> 0."""
    parts = [int(p) for p in str(published).split("-") if p.isdigit()] if published else []
    parts += [0] * (3 - len(parts))
    return parts[0] * 10000 + parts[1] * 100 + parts[2]


def _order_columns(table: pd.DataFrame) -> pd.DataFrame:
    """The sort columns of the pick rule (ascending = better)."""
    published = table["published"].fillna("").astype(str)
    return pd.DataFrame(
        {
            "c1_survey": (table["basis"] == "survey_lfs").astype(int),
            "c2_kind": table["source_kind"].map(SOURCE_KIND_RANK).fillna(9).astype(int),
            "c3_derived": table["derived"].astype(int),
            "c4_approximate": table["approximate"].astype(int),
            # newer first: sort on the negated date; unknown ('') sorts last
            "c5_unknown_date": (published == "").astype(int),
            "c5_date": -published.map(date_number),
            "c6_decimals": -table["value"].map(decimals),
            "c7_figure_id": table["figure_id"],
        },
        index=table.index,
    )


def rank_rows(table: pd.DataFrame) -> pd.Series:
    """Rank of each row within its key by the pick rule (1 = preferred)."""
    order = _order_columns(table)
    ranked = pd.concat([table[KEY], order], axis=1)
    ranked = ranked.sort_values([*KEY, *order.columns], kind="stable")
    return ranked.groupby(KEY, sort=False).cumcount().add(1).reindex(table.index)


def mark_preferred(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with ``preferred`` set: True for the rank-1 row of each key."""
    out = table.copy()
    out["preferred"] = rank_rows(out) == 1
    return out


def _reason(best: pd.Series, runner_up: pd.Series) -> str:
    """Why ``best`` was picked over ``runner_up`` (the first criterion that differs)."""
    if (best["basis"] == "survey_lfs") != (runner_up["basis"] == "survey_lfs"):
        return "register-based figure before survey estimate"
    kinds = (best["source_kind"], runner_up["source_kind"])
    if SOURCE_KIND_RANK.get(kinds[0], 9) != SOURCE_KIND_RANK.get(kinds[1], 9):
        return f"{kinds[0]} before {kinds[1]}"
    if best["derived"] != runner_up["derived"]:
        return "published figure before derived figure"
    if best["approximate"] != runner_up["approximate"]:
        return "exact figure before approximate figure"
    if best["published"] != runner_up["published"]:
        theirs = runner_up["published"] or "unknown date"
        return f"newer publication ({best['published']} before {theirs})"
    if decimals(best["value"]) != decimals(runner_up["value"]):
        return "more decimals"
    return "lower figure id"


def difference_kind(values: pd.Series) -> str:
    """``rounding`` when the values agree once rounded to the fewest decimals among
    them (6,6 and 7), else ``values differ`` (84 and 86)."""
    places = min(decimals(v) for v in values)
    return "rounding" if values.round(places).nunique() == 1 else "values differ"


def find_conflicts(table: pd.DataFrame) -> pd.DataFrame:
    """Every row of every key with more than one distinct value (see module docstring).

    Parameters
    ----------
    table : DataFrame
        Outcome rows with ``preferred`` set.

    Returns
    -------
    DataFrame
        Columns :data:`CONFLICT_COLUMNS`; ``conflict_id`` C01, C02, ... in key order;
        ``difference`` tells rounding (:func:`difference_kind`) from real disagreement;
        ``reason`` (on the picked row) the first criterion that decided.
    """
    ranks = rank_rows(table)
    work = table.assign(rank=ranks)
    distinct = work.groupby(KEY)["value"].transform("nunique")
    work = work.loc[distinct > 1].sort_values([*KEY, "rank"], kind="stable")
    rows = []
    for number, (_, rows_of_key) in enumerate(work.groupby(KEY, sort=True), start=1):
        best, runner_up = rows_of_key.iloc[0], rows_of_key.iloc[1]
        difference = difference_kind(rows_of_key["value"])
        for _, r in rows_of_key.iterrows():
            rows.append(
                {
                    "conflict_id": f"C{number:02d}",
                    **{k: r[k] for k in KEY},
                    "rank": int(r["rank"]),
                    "preferred": bool(r["rank"] == 1),
                    "figure_id": r["figure_id"],
                    "value": r["value"],
                    "unit": r["unit"],
                    "value_as_published": r["value_as_published"],
                    "source_id": r["source_id"],
                    "source_kind": r["source_kind"],
                    "published": r["published"],
                    "basis": r["basis"],
                    "derived": bool(r["derived"]),
                    "approximate": bool(r["approximate"]),
                    "difference": difference,
                    "reason": _reason(best, runner_up) if r["rank"] == 1 else "",
                }
            )
    return pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
