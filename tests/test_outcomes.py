"""Stage 2's outcome table: every source in, contract columns, provenance, regenerable."""

import pandas as pd
import pytest

from helpers import pipeline
from helpers.core.errors import InputDataError
from helpers.goals.documents import catalogue
from helpers.outcomes import published_figures, stage, views

CONTRACT_COLUMNS = [
    "indicator",
    "group",
    "geography",
    "age",
    "period",
    "period_kind",
    "period_start",
    "period_end",
    "published",
    "value",
    "unit",
    "approximate",
    "qualifier",
    "value_as_published",
    "flag",
    "source_id",
    "source_kind",
    "figure_id",
    "derived",
    "derived_from",
    "basis",
    "preferred",
    "quote",
    "note",
]


@pytest.fixture(scope="module")
def result(ws):
    return pipeline.clean_outcomes(ws, write=False)


@pytest.fixture(scope="module")
def table(result):
    return result.tables[stage.OUTCOMES_FILE]


def test_columns_are_the_contracts(table):
    assert list(table.columns) == CONTRACT_COLUMNS


def test_every_register_row_is_in_the_table_once(ws, table):
    figures, _ = published_figures.read_register(ws)
    published = table.loc[table["basis"] == "published"]
    assert sorted(published.loc[~published["derived"], "figure_id"]) == sorted(figures["figure_id"])


def test_every_document_result_is_in_the_table(ws, table):
    results = pd.read_csv(ws.processed / "document_results.csv", dtype=str, keep_default_na=False)
    rows = table.loc[(table["basis"] == "policy_document") & ~table["derived"]]
    assert sorted(rows["figure_id"]) == sorted(results["figure_id"])
    merged = rows.merge(results, on="figure_id", suffixes=("", "_doc"))
    assert (merged["source_id"] == merged["doc_code"]).all()
    assert (merged["quote"] == merged["quote_doc"]).all()
    assert set(rows["source_kind"]) == {"policy_document"}


def test_register_rows_are_published_when_their_source_says(ws, table):
    _, sources = published_figures.read_register(ws)
    dated = published_figures.apply_source_dates(sources, published_figures.read_source_dates(ws))
    stated = dict(zip(dated["source_id"], dated["published"], strict=True))
    register = table.loc[(table["basis"] == "published") & ~table["derived"]]
    assert (register["published"] == register["source_id"].map(stated)).all()
    rows = table.set_index("figure_id")
    assert rows.at["F002", "published"] == "2016-12-12"  # S002, The Copenhagen Post
    # S001 (DR) gives no date; data/reference/source_dates.csv dates it by its figures'
    # notes ("KK Integrationsbarometer 2017")
    assert dict(zip(sources["source_id"], sources["published"], strict=True))["S001"] == ""
    assert rows.at["F001", "published"] == "2017"


def test_a_reference_date_never_overrules_a_source(ws):
    _, sources = published_figures.read_register(ws)
    dates = pd.DataFrame([{"source_id": "S002", "published": "2010", "evidence": "x"}])
    with pytest.raises(InputDataError, match=r"source_dates\.csv, row 2, column 'source_id'"):
        published_figures.apply_source_dates(sources, dates)


def test_document_rows_are_published_when_their_document_is_dated(ws, table):
    dated = {info.doc_code: info.published for info in catalogue(ws)}
    rows = table.loc[table["basis"] == "policy_document"]
    assert (rows["published"] == rows["source_id"].map(dated)).all()
    by_id = rows.set_index("figure_id")
    assert by_id.at["D-OU09-09", "published"] == "2009-04"  # ØU's account, April 2009
    assert by_id.at["D-BIU11-01", "published"] == "2011"


def test_figures_published_more_than_a_year_after_their_period(table):
    late = set(views.published_late(table)["Tal-id"])
    assert "F002" in late  # 2011, published 2016-12-12
    assert "F045" in late  # 2009, published in 2011: even 1 January 2011 is over a year on
    assert "F046" not in late  # 2010, published November 2011: within the year
    assert "F048" not in late  # 2010, published "2011": perhaps within the year
    assert "F001" in late  # 2011, published in the 2017 barometer (source_dates.csv)
    assert "F007" not in late  # no publication date (S007 gives none)


def test_publication_dates_by_precision(table):
    counts = views.published_precision(table)
    assert list(counts.columns) == ["år", "måned", "dag", "ukendt"]
    assert counts.sum(axis=1).to_dict() == table.groupby("basis").size().to_dict()
    assert counts.loc["policy_document", "ukendt"] == 0


def test_overunemployment_register_series(table):
    s = views.series(
        table, "overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen"
    )
    register = s.loc[s["basis"] == "published"]
    assert list(register["figure_id"]) == ["F001", "F211"]
    assert list(register["value"]) == [10.9, 10.8]
    assert list(register["period_end"]) == ["2011-12-31", "2013-01-31"]


def test_approximate_figures_are_marked(table):
    rows = table.set_index("figure_id")
    assert rows.at["F193", "value"] == 80000 and rows.at["F193", "qualifier"] == "knap"
    assert rows.at["F193", "approximate"] and not rows.at["F001", "approximate"]
    assert rows.at["F002", "value"] == 17.9  # "some 17.9": an English decimal point


def test_age_is_read_from_the_register_note(table):
    rows = table.set_index("figure_id")
    assert rows.at["F053", "age"] == "25-64"  # "men aged 25-64; 1 January; ..."
    assert rows.at["F056", "age"] == "16-64"  # "men aged 16-64; ..."
    assert rows.at["F006", "age"] == ""  # "ages over 25": not a band


def test_the_national_proxy_for_stage_3(table):
    proxy = views.series(table, "overunemployment_pp", "born_abroad", "denmark", age="15-74")
    assert list(proxy["period"]) == [str(y) for y in range(1995, 2026)]
    assert proxy["derived"].all() and set(proxy["basis"]) == {"survey_lfs"}
    assert proxy["preferred"].all()


def test_no_missing_values_and_no_invented_zeros(table):
    assert table["value"].notna().all()
    survey = table.loc[(table["basis"] == "survey_lfs") & ~table["derived"]]
    assert not (survey["value_as_published"] == "").any()


def test_one_preferred_row_per_key(table):
    keys = ["indicator", "group", "geography", "age", "period"]
    assert table.groupby(keys)["preferred"].sum().eq(1).all()


def test_unreadable_values_name_file_row_and_column(ws):
    figures, sources = published_figures.read_register(ws)
    figures = figures.copy()
    figures.loc[3, "value_as_published"] = "n/a"
    figures.loc[5, "period"] = "2013H3"
    with pytest.raises(InputDataError) as err:
        published_figures.clean_register(
            figures, sources, "data/raw/published_figures/published_figures.csv"
        )
    message = str(err.value)
    assert "2 problems" in message
    assert "published_figures.csv, row 5, column 'value_as_published': value 'n/a'" in message
    assert "row 7, column 'period': value '2013H3'" in message


def test_missing_stage_1_table_is_a_clear_error(tmp_ws):
    (tmp_ws.processed / "document_results.csv").unlink()
    with pytest.raises(InputDataError, match="run stage 1 first"):
        pipeline.clean_outcomes(tmp_ws, write=False)


def test_committed_tables_are_regenerable(ws, result):
    for name, frame in result.tables.items():
        committed = (ws.processed / name).read_bytes()
        assert committed == frame.to_csv(index=False, lineterminator="\n").encode(), name


def test_every_cited_source_is_listed_once(ws):
    tables = pipeline.clean_outcomes(ws, write=False).tables
    listed = tables["sources.csv"]
    cited = set(tables["outcomes.csv"]["source_id"])
    assert set(listed["source_id"]) == cited
    assert listed["source_id"].is_unique
    assert listed.set_index("source_id").loc["POL11", "kind"] == "policy_document"
    assert (
        listed.set_index("source_id")
        .loc["S004", "title"]
        .startswith("Nye tal på Inklusionsbarometret")
    )
