"""Derived gaps on the register's real rates (checked by hand against the register)."""

import math

import pytest

from helpers.outcomes import gaps as outcomes_gaps
from helpers.outcomes import published_figures


@pytest.fixture  # per test: mutation testing maps each function to the tests that call it
def gaps(ws):
    figures, sources = published_figures.read_register(ws)
    table = published_figures.clean_register(figures, sources, "published_figures.csv")
    return outcomes_gaps.derive_gaps(table, outcomes_gaps.reference_groups(ws)).set_index(
        "figure_id"
    )


def test_a_gap_is_published_when_its_later_input_is(ws):
    figures, sources = published_figures.read_register(ws)
    table = published_figures.clean_register(figures, sources, "published_figures.csv")
    refs = outcomes_gaps.reference_groups(ws)
    pair = table["figure_id"].isin(["F057", "F063"])  # S015, one publication (2013)
    assert set(table.loc[pair, "published"]) == {"2013"}
    later = table.copy()
    later.loc[later["figure_id"] == "F063", "published"] = "2014-03"
    gaps = outcomes_gaps.derive_gaps(later, refs).set_index("figure_id")
    assert gaps.at["X-F057-F063", "published"] == "2014-03"
    unknown = table.copy()
    unknown.loc[unknown["figure_id"] == "F057", "published"] = ""
    gaps = outcomes_gaps.derive_gaps(unknown, refs).set_index("figure_id")
    assert gaps.at["X-F057-F063", "published"] == "", "known only once both inputs are"


def test_employment_gap_is_reference_minus_minority(gaps):
    # S015 (DST Indvandrere i Danmark 2013, ages 16-64, 2012): F057 48 % vs F063 74 %
    row = gaps.loc["X-F057-F063"]
    assert (row["indicator"], row["group"], row["age"], row["period"]) == (
        "employment_gap_pp",
        "non_western_immigrants",
        "16-64",
        "2012",
    )
    assert row["value"] == 26.0 and row["derived"] and row["derived_from"] == "F057;F063"
    assert row["source_id"] == "S015" and row["unit"] == "percentage_points"


def test_value_is_rounded_to_the_inputs_decimals(gaps):
    # S014 men aged 16-64, 1 January 2010: F054 53,9 vs F056 75,1 -> 21,2 (not 21.199999)
    assert gaps.at["X-F054-F056", "value"] == 21.2
    assert gaps.at["X-F054-F056", "age"] == "16-64"


def test_no_gap_where_the_source_publishes_it(gaps):
    # S017 2014 publishes F069 52 and F070 78 and the gap itself (F068, 26)
    assert "X-F069-F070" not in gaps.index


def test_no_gap_across_sources_or_without_a_reference(gaps):
    # F042 (2008-11, S013) has no Danish-origin rate in S013 for 2008-11;
    # F002 (unemployment, Copenhagen 2011) has none at all
    assert not any("F042" in i or "F002" in i for i in gaps.index)
    assert set(gaps["indicator"]) == {"employment_gap_pp"}


def test_shared_quote_is_kept_once(gaps):
    # F006 and F007 come from one sentence: "... hhv. 52 pct. og 77 pct. i 2012."
    row = gaps.loc["X-F006-F007"]
    assert row["quote"] == "Til sammenligning var tallene hhv. 52 pct. og 77 pct. i 2012."
    assert row["value"] == 25.0


@pytest.mark.parametrize(
    ("minority", "reference", "expected"),
    [
        ("F057", "F063", "X-F057-F063"),
        ("src:DK.FOR.T.Y15-74:2011", "src:DK.NAT.T.Y15-74:2011", "src:DK.FOR-NAT.T.Y15-74:2011"),
    ],
)
def test_derived_ids(minority, reference, expected):
    assert outcomes_gaps.derived_id(minority, reference) == expected


@pytest.mark.parametrize(("value", "places"), [(47.7, 1), (52.0, 0), (81.09981537, 8)])
def test_decimals(value, places):
    assert outcomes_gaps.decimals(value) == places


def pair_gap(ws, **changes):
    """The employment gap from F057/F063 (S015, 2012) after changing the two inputs:
    ``changes`` maps a column to its (F057, F063) values."""
    figures, sources = published_figures.read_register(ws)
    table = published_figures.clean_register(figures, sources, "published_figures.csv")
    for column, (minority, reference) in changes.items():
        table.loc[table["figure_id"] == "F057", column] = minority
        table.loc[table["figure_id"] == "F063", column] = reference
    gaps = outcomes_gaps.derive_gaps(table, outcomes_gaps.reference_groups(ws))
    return gaps.set_index("figure_id").loc["X-F057-F063"]


def test_a_derived_gap_carries_both_inputs_provenance(ws):
    row = pair_gap(ws, approximate=(False, True), flag=("e", "b"))
    assert row["approximate"], "approximate when either input is"
    assert row["flag"] == "be", "the flags of both inputs, sorted"
    assert row["quote"] == (
        "Indvandrere, ikke-vestlige lande 112 400 120 602 233 002 53 44 48 | "
        "Personer med dansk oprindelse 1 577 739 1 547 589 3 125 328 75 72 74"
    )
    assert row["note"] == (
        "derived: employment_gap_pp = reference minus minority (non_western_immigrants 48 and "
        "danish_origin 74 percent, same source, period and age)"
    )
    # the minority figure's own file, row and kind of source
    assert (row["_file"], row["_row"], row["source_kind"]) == (
        "data/raw/published_figures/published_figures.csv",
        53,
        "statistics_office",
    )
    assert not pair_gap(ws)["approximate"], "exact when both inputs are"


def test_equal_rates_give_a_gap_of_plus_zero(ws):
    row = pair_gap(ws, value=(74.0, 74.0))
    assert row["value"] == 0.0 and math.copysign(1.0, row["value"]) == 1.0  # not "-0"
