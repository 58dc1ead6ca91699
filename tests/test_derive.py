"""Derived gaps on the register's real rates (checked by hand against the register)."""

import pytest

from helpers.outcomes import gaps as outcomes_gaps
from helpers.outcomes import published_figures


@pytest.fixture(scope="module")
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
