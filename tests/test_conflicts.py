"""The conflict rule on the register's real disagreements (values checked against
data/raw/published_figures/published_figures.csv and sources.csv)."""

import pandas as pd
import pytest

from helpers.outcomes import conflicts, published_figures
from helpers.outcomes.rows import KEY


@pytest.fixture(scope="module")
def register(ws):
    figures, sources = published_figures.read_register(ws)
    table = published_figures.clean_register(figures, sources, "published_figures.csv")
    return conflicts.mark_preferred(table)


@pytest.fixture(scope="module")
def found(register):
    return conflicts.find_conflicts(register)


def picked(found, figure_id):
    rows = found.loc[
        found["conflict_id"] == found.set_index("figure_id").at[figure_id, "conflict_id"]
    ]
    return rows.sort_values("rank")


def test_one_preferred_row_per_key(register):
    assert register.groupby(KEY)["preferred"].sum().eq(1).all()


def test_survey_report_before_news_and_the_difference_is_rounding(found):
    # unsafe_share 2016: F154 "6,4" (S055, Tryghedsundersøgelsen) vs F156 "6" (S056, TV2 Lorry)
    rows = picked(found, "F154")
    assert list(rows["figure_id"]) == ["F154", "F156"] and list(rows["value"]) == [6.4, 6.0]
    assert rows.iloc[0]["reason"] == "survey_report before news"
    assert set(rows["difference"]) == {"rounding"}


def test_news_before_blog_when_the_values_differ(found):
    # democracy_support_share 2016: F117 84 (S044, CPH Post) vs F107 86 (S042, rights.no blog)
    rows = picked(found, "F117")
    assert list(rows["figure_id"]) == ["F117", "F107"] and rows.iloc[0]["preferred"]
    assert rows.iloc[0]["reason"] == "news before blog"
    assert set(rows["difference"]) == {"values differ"}


def test_newer_publication_among_equals(found):
    # religious_law_precedence_share 2017: F124 24 (S046, 2019-03), F112 27 (S044, 2018),
    # F106 27 (S042, blog)
    rows = picked(found, "F124")
    assert list(rows["figure_id"]) == ["F124", "F112", "F106"]
    assert rows.iloc[0]["reason"] == "newer publication (2019-03 before 2018)"


def test_every_row_is_kept(register, found):
    assert set(found["figure_id"]) <= set(register["figure_id"])
    assert found.groupby("conflict_id")["preferred"].sum().eq(1).all()


def two_rows(register, figure_id, **other):
    row = register.loc[register["figure_id"] == figure_id]
    twin = row.assign(figure_id="F999", **other)
    return pd.concat([row, twin], ignore_index=True)


def rule_pair(register, figure_id, worse, better):
    """Two copies of one real row that differ ONLY in the columns of one rule (and the id).

    The row the rule prefers is the twin ``F999`` (the higher figure id), so the tie-break
    on the figure id alone would pick the other one: without the rule the ranks flip.
    Both values carry one decimal (the first criteria equal on decimals), and differ by 0.1
    so that the pair is a conflict with a reason.
    """
    row = register.loc[register["figure_id"] == figure_id].assign(value=20.1, **worse)
    twin = row.assign(figure_id="F999", value=20.2, **better)
    return mark_all(pd.concat([row, twin], ignore_index=True))


def mark_all(table):
    return conflicts.mark_preferred(table)


def rule_outcome(table):
    ranks = list(conflicts.rank_rows(table))
    found = conflicts.find_conflicts(table)
    return ranks, found.loc[found["preferred"], "reason"].item()


def test_register_based_before_survey_whatever_the_source(register):
    table = rule_pair(register, "F001", {"basis": "survey_lfs"}, {"basis": "published"})
    assert rule_outcome(table) == ([2, 1], "register-based figure before survey estimate")


def test_register_based_rule_outranks_the_kind_of_source(register):
    # a survey estimate from the statistics office still loses to a municipal register figure
    table = two_rows(register, "F001", basis="survey_lfs", source_kind="statistics_office")
    table = table.assign(source_kind=["municipal_report", "statistics_office"])
    assert list(conflicts.rank_rows(table)) == [1, 2]


def test_kind_of_source(register):
    table = rule_pair(register, "F154", {"source_kind": "news"}, {"source_kind": "survey_report"})
    assert rule_outcome(table) == ([2, 1], "survey_report before news")


def test_published_before_derived(register):
    table = rule_pair(register, "F001", {"derived": True}, {"derived": False})
    assert rule_outcome(table) == ([2, 1], "published figure before derived figure")


def test_exact_before_approximate(register):
    # F046: "knap 27" (approximate); an exact twin from the same source wins
    table = rule_pair(register, "F046", {"approximate": True}, {"approximate": False})
    assert rule_outcome(table) == ([2, 1], "exact figure before approximate figure")


def test_newer_publication_before_older(register):
    table = rule_pair(register, "F154", {"published": "2016-03"}, {"published": "2017-01"})
    assert rule_outcome(table) == ([2, 1], "newer publication (2017-01 before 2016-03)")


def test_unknown_publication_date_counts_as_oldest(register):
    table = rule_pair(register, "F154", {"published": ""}, {"published": "2001-01"})
    assert rule_outcome(table) == ([2, 1], "newer publication (2001-01 before unknown date)")


def test_more_decimals_when_all_else_is_equal(register):
    # the same figure as "6" (F154) and "6,4" (F999): the more precise one wins
    row = register.loc[register["figure_id"] == "F154"].assign(value=6.0)
    table = mark_all(pd.concat([row, row.assign(figure_id="F999", value=6.4)]))
    table = table.reset_index(drop=True)
    assert rule_outcome(table) == ([2, 1], "more decimals")


def test_lower_figure_id_breaks_a_full_tie(register):
    # identical rows but for the id, given in the "wrong" order: the lower id wins anyway
    row = register.loc[register["figure_id"] == "F154"].assign(value=6.4)
    table = pd.concat([row.assign(figure_id="F999"), row.assign(figure_id="F100", value=6.5)])
    table = mark_all(table.reset_index(drop=True))
    assert rule_outcome(table) == ([2, 1], "lower figure id")


@pytest.mark.parametrize(
    ("published", "number"), [("2013-01", 20130100), ("2016-12-12", 20161212), ("", 0)]
)
def test_publication_dates_sort(published, number):
    assert conflicts.date_number(published) == number


def test_each_conflict_row_is_the_register_row_with_its_rank(register):
    found = conflicts.find_conflicts(register)  # not the shared fixture: mutation testing
    # maps a function to the tests that call it, and a module fixture runs only once
    # every column the table copies is the register's own value for that figure
    copied = ["value", "unit", "value_as_published", "source_id", "source_kind", "published",
              "basis", "derived", "approximate", *KEY]  # fmt: skip
    by_id = register.set_index("figure_id")
    for _, row in found.iterrows():
        assert {c: row[c] for c in copied} == {c: by_id.at[row["figure_id"], c] for c in copied}
    # ranks run 1, 2, ... within each conflict; only the pick has a reason
    for _, rows in found.groupby("conflict_id"):
        assert list(rows["rank"]) == list(range(1, len(rows) + 1))
        assert (rows["reason"] != "").tolist() == [True] + [False] * (len(rows) - 1)


def test_conflicts_are_numbered_from_c01_in_key_order(register):
    found = conflicts.find_conflicts(register)
    ids = found.drop_duplicates("conflict_id")
    assert list(ids["conflict_id"]) == [f"C{i:02d}" for i in range(1, len(ids) + 1)]
    keys = list(ids[KEY].itertuples(index=False, name=None))
    assert keys == sorted(keys, key=lambda k: tuple(map(str, k)))


def test_flags_of_a_derived_and_an_approximate_figure_are_kept(register):
    found = conflicts.find_conflicts(
        rule_pair(register, "F046", {"derived": True}, {"derived": False})
    )
    assert list(found["derived"]) == [False, True]
    assert list(found["approximate"]) == [True, True]  # F046 is "knap 27"
    assert set(found["difference"]) == {"values differ"}  # 20,1 and 20,2


def test_a_key_without_conflict_gives_an_empty_table_with_every_column(register):
    table = mark_all(register.loc[register["figure_id"] == "F001"])
    found = conflicts.find_conflicts(table)
    assert found.empty and list(found.columns) == conflicts.CONFLICT_COLUMNS


def test_an_unknown_kind_of_source_ranks_after_every_known_kind(register):
    table = rule_pair(register, "F154", {"source_kind": "pamphlet"}, {"source_kind": "blog"})
    assert list(conflicts.rank_rows(table)) == [2, 1]
    # two unknown kinds rank alike: the next criterion decides (and is named)
    table = rule_pair(
        register, "F154", {"source_kind": "pamphlet", "derived": True},
        {"source_kind": "flyer", "derived": False},
    )  # fmt: skip
    assert rule_outcome(table) == ([2, 1], "published figure before derived figure")


def test_two_survey_estimates_are_told_apart_by_the_next_criterion(register):
    table = rule_pair(
        register, "F154", {"basis": "survey_lfs", "source_kind": "news"},
        {"basis": "survey_lfs", "source_kind": "survey_report"},
    )  # fmt: skip
    assert rule_outcome(table) == ([2, 1], "survey_report before news")
