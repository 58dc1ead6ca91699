"""Each validation rule fed a real-looking bad row: the message names file, row, column,
value and what was expected. The rows are real register and survey rows with one
field broken the way a typo or a misread number would break it."""

import math

import pandas as pd
import pytest

from helpers import pipeline
from helpers.core.errors import InputDataError
from helpers.outcomes import checks, eurostat, published_figures

REGISTER = "data/raw/published_figures/published_figures.csv"


@pytest.fixture(scope="module")
def refs(ws):
    return checks.References.load(ws)


@pytest.fixture(scope="module")
def base(ws):
    figures, sources = published_figures.read_register(ws)
    register = published_figures.clean_register(figures, sources, REGISTER)
    survey, _ = eurostat.read_survey(ws)
    return pd.concat([register, survey.head(40)], ignore_index=True)


def broken(base, fid, **changes):
    table = base.copy()
    index = table.index[table["figure_id"] == fid][0]
    for column, value in changes.items():
        table.at[index, column] = value
    return table


def messages(table, refs):
    return [str(p) for p in checks.problems(table, refs)]


def test_the_real_rows_pass(base, refs):
    assert checks.problems(base, refs) == []


def test_missing_column(base, refs):
    (message,) = messages(base.drop(columns=["age"]), refs)
    assert "column 'age'" in message and "column_in_dataframe" in message


def test_unknown_indicator(base, refs):
    (message,) = messages(broken(base, "F001", indicator="overunemployment"), refs)
    assert message == (
        f"{REGISTER}, row 2, column 'indicator': value 'overunemployment' - expected an "
        "indicator code listed in data/reference/indicators.csv [known_indicator]"
    )


def test_unit_other_than_the_catalogues(base, refs):
    # "max 5,8 %" where percentage points are meant (as the 2011 policy prints it)
    (message,) = messages(broken(base, "F001", unit="percent"), refs)
    assert f"{REGISTER}, row 2, column 'unit': value 'percent'" in message
    assert "[indicator_unit]" in message


def test_unknown_group(base, refs):
    (message,) = messages(broken(base, "F001", group="non_western"), refs)
    assert "row 2, column 'group': value 'non_western' - expected a group code" in message


def test_unknown_geography(base, refs):
    (message,) = messages(broken(base, "F001", geography="kobenhavn"), refs)
    assert "row 2, column 'geography': value 'kobenhavn'" in message
    assert "data/reference/geographies.csv" in message


def test_survey_group_on_a_register_row(base, refs):
    (message,) = messages(broken(base, "F002", group="born_abroad"), refs)
    assert "row 3, column 'group': value 'born_abroad'" in message
    assert "[survey_groups_apart]" in message


def test_register_group_on_a_survey_row(base, refs):
    figure_id = base.loc[base["basis"] == "survey_lfs", "figure_id"].iloc[0]
    (message,) = messages(broken(base, figure_id, group="danish_origin"), refs)
    assert "eurostat_lfsa_ergan_DK_Y15-64_1995-2024.csv, row 2, column 'group'" in message


def test_missing_value(base, refs):
    (message,) = messages(broken(base, "F001", value=math.nan), refs)
    assert "row 2, column 'value': value 'nan'" in message and "never written as 0" in message


def test_percentage_above_100(base, refs):
    # "some 17.9" read without its decimal point
    (message,) = messages(broken(base, "F002", value=179.0), refs)
    assert message == (
        f"{REGISTER}, row 3, column 'value': value '179.0' - expected a percentage within "
        "0-100 [percent_range]"
    )


def test_percentage_points_beyond_100(base, refs):
    # "10,9" read with the comma as a thousands separator
    (message,) = messages(broken(base, "F001", value=109.0), refs)
    assert "row 2, column 'value': value '109.0' - expected percentage points within" in message


def test_count_that_is_not_whole(base, refs):
    # "55.480" (persons, Danish thousands point) misread as a decimal
    (message,) = messages(broken(base, "F010", value=55.48), refs)
    assert "column 'value': value '55.48' - expected a non-negative whole number" in message


def test_negative_count(base, refs):
    figure = base.loc[base["indicator"] == "vulnerable_housing_areas_count", "figure_id"].iloc[0]
    (message,) = messages(broken(base, figure, value=-4.0), refs)
    assert "value '-4.0' - expected a non-negative whole number" in message


def test_period_that_does_not_parse(base, refs):
    (message,) = messages(broken(base, "F211", period="2013H3"), refs)
    assert "column 'period': value '2013H3'" in message and "[period_parses]" in message


def test_period_end_that_disagrees(base, refs):
    (message,) = messages(broken(base, "F001", period_end="2011-06-30"), refs)
    assert "row 2, column 'period': value '2011'" in message


def test_duplicate_key_from_one_source(base, refs):
    extra = base.loc[base["figure_id"] == "F001"].assign(figure_id="F001b", value=10.8)
    found = messages(pd.concat([base, extra], ignore_index=True), refs)
    assert len(found) == 2  # both rows are named
    assert all("column 'source_id': value 'S001'" in m for m in found)
    assert "one figure per source for the same indicator, group" in found[0]


def test_duplicate_figure_id(base, refs):
    found = messages(broken(base, "F002", figure_id="F001"), refs)
    assert [m.split(",")[1] for m in found] == [" row 2", " row 3"]  # both rows are named
    assert all(
        "column 'figure_id': value 'F001' - expected a non-empty figure id" in m for m in found
    )


def test_figure_without_quote(base, refs):
    (message,) = messages(broken(base, "F001", quote=""), refs)
    assert "row 2, column 'quote'" in message and "[provenance]" in message


def test_derived_figure_without_inputs(base, refs):
    (message,) = messages(broken(base, "F001", derived=True, derived_from=""), refs)
    assert "column 'derived_from'" in message and "[derived_inputs]" in message


def test_derived_figure_with_unknown_input(base, refs):
    table = broken(base, "F001", derived=True, derived_from="F002;F999")
    (message,) = messages(table, refs)
    assert "value 'F002;F999'" in message


def test_unknown_flag(base, refs):
    figure_id = base.loc[base["basis"] == "survey_lfs", "figure_id"].iloc[3]
    (message,) = messages(broken(base, figure_id, flag="A"), refs)  # an OECD status letter
    assert "column 'flag': value 'A' - expected Eurostat flag letters" in message


def test_unknown_basis(base, refs):
    (message,) = messages(broken(base, "F001", basis="register"), refs)
    assert "column 'basis': value 'register'" in message


def test_age_that_is_not_a_band(base, refs):
    # the Eurostat code left unconverted
    (message,) = messages(broken(base, "F053", age="Y25-64"), refs)
    assert "column 'age': value 'Y25-64' - expected an age band such as 15-74" in message


def test_published_before_the_period_began(base, refs):
    # F001 describes 2011; a source date of 2010 (a typo for 2017) cannot be right
    (message,) = messages(broken(base, "F001", published="2010"), refs)
    assert message == (
        f"{REGISTER}, row 2, column 'published': value '2010' - expected a publication date "
        "YYYY, YYYY-MM or YYYY-MM-DD (or nothing when the source does not say) that is not "
        "before the reference period starts [published_date]"
    )
    # a date known only to the year may fall inside the period: 2011 for 2011 is fine
    assert messages(broken(base, "F001", published="2011"), refs) == []


def test_published_that_is_not_a_date(base, refs):
    (message,) = messages(broken(base, "F002", published="12.12.2016"), refs)
    assert "row 3, column 'published': value '12.12.2016'" in message
    assert "[published_date]" in message


def test_a_budget_is_published_before_the_years_it_funds(base, refs):
    # F198/F199 (S002, 2016-12-12): "earmarks 4.5 million kroner annually" for 2017-2018,
    # an indicator the catalogue marks 'planned'
    rows = base.set_index("figure_id")
    assert rows.at["F199", "period"] == "2018" and rows.at["F199", "published"] == "2016-12-12"
    assert "budget_dkk" in refs.planned
    unplanned = checks.References(
        refs.indicator_units, refs.group_classes, refs.geographies, frozenset()
    )
    found = messages(base, unplanned)
    assert len(found) == 2 and all("[published_date]" in m for m in found)


def test_all_failures_at_once(base, refs):
    table = broken(broken(base, "F001", indicator="x"), "F002", value=179.0)
    with pytest.raises(InputDataError) as err:
        checks.validate_outcomes(table, refs)
    assert "2 problems in the input data; nothing was written" in str(err.value)


def test_stage_writes_nothing_when_validation_fails(tmp_ws):
    catalogue = tmp_ws.reference / "indicators.csv"
    lines = catalogue.read_text(encoding="utf-8").splitlines(keepends=True)
    catalogue.write_text(
        "".join(line for line in lines if not line.startswith("unsafe_share,")), encoding="utf-8"
    )
    before = {p.name: p.read_bytes() for p in tmp_ws.processed.iterdir()}
    with pytest.raises(InputDataError) as err:
        pipeline.clean_outcomes(tmp_ws)
    assert "column 'indicator': value 'unsafe_share'" in str(err.value)
    assert {p.name: p.read_bytes() for p in tmp_ws.processed.iterdir()} == before
