"""Derived figures: gaps between a minority group and its reference group.

Rule (:data:`GAP_RULES`): over-unemployment = the minority's unemployment rate
minus the reference group's rate (``overunemployment_pp``); the employment gap =
the reference group's employment rate minus the minority's
(``employment_gap_pp``), both in percentage points and stored under the
minority group, as the register stores published gaps.

Which group is compared with which is data: ``data/reference/groups.csv``,
column ``reference_group`` (e.g. ``non_western_immigrants`` -> ``danish_origin``;
``born_abroad`` -> ``born_in_denmark``; ``foreign_citizens`` -> ``nationals``).

"Same period and same definition" means: the two input rows share indicator,
geography, age, period, basis **and source** (one table of one publication or
one survey file), so that both rates are measured the same way. No gap is
derived when an input is missing, when the key is ambiguous (two rows for the
same group) or when that source itself publishes the gap for the same key.

The derived row has ``derived = True``, ``derived_from`` = the two figure ids
(minority first) joined by ``;``, the inputs' quotes joined by `` | ``, the
union of their flags (a break in either input is a break in the gap),
``approximate`` when either input is, the value rounded to the inputs'
decimals (10.6 - 6.1 = 4.5, not 4.499999...), and ``published`` the later of the
inputs' publication dates (empty when either is unknown: the gap is known only
once both rates are).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import pandas as pd

from helpers.core.paths import Workspace
from helpers.core.periods import latest_date, parse_period
from helpers.outcomes import rows as outcomes_rows


@dataclass(frozen=True)
class GapRule:
    """A gap derived from a rate: ``sign * (minority - reference)``."""

    rate: str
    gap: str
    sign: int
    description: str


GAP_RULES: tuple[GapRule, ...] = (
    GapRule("unemployment_rate", "overunemployment_pp", 1, "minority minus reference"),
    GapRule("employment_rate", "employment_gap_pp", -1, "reference minus minority"),
)
_MATCH = ["indicator", "geography", "age", "period", "basis", "source_id"]


def reference_groups(ws: Workspace) -> dict[str, str]:
    """Minority group -> reference group, from ``data/reference/groups.csv``."""
    with open(ws.reference / "groups.csv", encoding="utf-8", newline="") as handle:
        return {
            r["code"]: r["reference_group"] for r in csv.DictReader(handle) if r["reference_group"]
        }


def decimals(value: float) -> int:
    """Decimals a figure is given to: 47.7 -> 1, 52.0 -> 0, 81.09981537 -> 8."""
    text = f"{value:.8f}".rstrip("0")
    return len(text.split(".")[1])


def derived_id(minority_id: str, reference_id: str) -> str:
    """Id of a derived gap.

    Ids built of ``:``/``.``-separated parts that differ in one part only get
    that part joined (``...:DK.FOR.T.Y15-74:2011`` and ``...:DK.NAT.T.Y15-74:2011``
    -> ``...:DK.FOR-NAT.T.Y15-74:2011``); others ``X-<minority>-<reference>``.
    """
    a, b = re.split(r"([:.])", minority_id), re.split(r"([:.])", reference_id)
    if len(a) == len(b) and len(a) > 1:
        diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diff) == 1:
            a[diff[0]] = f"{a[diff[0]]}-{b[diff[0]]}"
            return "".join(a)
    return f"X-{minority_id}-{reference_id}"


def _union_flags(*flags: str) -> str:
    return "".join(sorted(set("".join(flags))))


def derive_gaps(table: pd.DataFrame, references: dict[str, str]) -> pd.DataFrame:
    """The gap rows derivable from ``table`` (outcome rows with origin columns).

    Parameters
    ----------
    table : DataFrame
        Outcome rows (:mod:`helpers.outcomes.rows`), any basis.
    references : dict
        Minority group -> reference group (:func:`reference_groups`).

    Returns
    -------
    DataFrame
        Only the derived rows, in the same format.
    """
    published = set(
        map(tuple, table.loc[~table["derived"], [*outcomes_rows.KEY, "source_id"]].to_numpy())
    )
    rows = []
    for rule in GAP_RULES:
        rates = table.loc[(table["indicator"] == rule.rate) & ~table["derived"]]
        for _, same in rates.groupby(_MATCH, sort=True):
            by_group = same.groupby("group")
            counts = by_group.size()
            for group, minority in by_group:
                reference_group = references.get(str(group))
                if reference_group is None or counts.get(reference_group, 0) != 1:
                    continue
                if len(minority) != 1:
                    continue
                m = minority.iloc[0]
                r = same.loc[same["group"] == reference_group].iloc[0]
                key = (rule.gap, m["group"], m["geography"], m["age"], m["period"], m["source_id"])
                if key in published:
                    continue
                places = max(decimals(m["value"]), decimals(r["value"]))
                value = round(rule.sign * (m["value"] - r["value"]), places) + 0.0
                quotes = list(dict.fromkeys([m["quote"], r["quote"]]))
                rows.append(
                    outcomes_rows.row(
                        indicator=rule.gap,
                        group=m["group"],
                        geography=m["geography"],
                        age=m["age"],
                        period=parse_period(m["period"]),
                        value=value,
                        unit="percentage_points",
                        approximate=bool(m["approximate"] or r["approximate"]),
                        flag=_union_flags(m["flag"], r["flag"]),
                        source_id=m["source_id"],
                        source_kind=m["source_kind"],
                        figure_id=derived_id(m["figure_id"], r["figure_id"]),
                        derived=True,
                        derived_from=f"{m['figure_id']};{r['figure_id']}",
                        basis=m["basis"],
                        quote=" | ".join(q for q in quotes if q),
                        note=(
                            f"derived: {rule.gap} = {rule.description} "
                            f"({m['group']} {m['value']:g} and {reference_group} {r['value']:g} "
                            f"{m['unit']}, same source, period and age)"
                        ),
                        file=m["_file"],
                        line=m["_row"],
                        published=latest_date([m["published"], r["published"]]),
                    )
                )
    return outcomes_rows.frame(rows)
