"""The StatBank client on real recorded API responses (tests/fixtures/statbank/, copied
from data/raw/statbank/recorded_responses/) and the real FOLK1E response."""

import math
import zipfile
from pathlib import Path

import cassettes
import pytest

from helpers.outcomes import statbank_api, statbank_codes, statbank_files, statbank_xlsx

FIXTURES = Path(__file__).parent / "fixtures" / "statbank"


def body(name: str) -> bytes:
    (exchange,) = cassettes.read_cassette(FIXTURES / name)
    return exchange.body


def test_recorded_request_is_the_documented_post():
    (exchange,) = cassettes.read_cassette(FIXTURES / "data_straf42_csv.yml")
    assert exchange.method == "POST" and exchange.uri == f"{statbank_api.BASE_URL}/data"
    assert '"format":"csv"' in exchange.request_body and exchange.status == 200


def test_csv_response_with_bom_crlf_and_semicolons():
    raw = body("data_straf42_csv.yml")
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw  # the response really has both
    frame = statbank_api.parse_csv(raw)
    assert list(frame.columns) == ["HERKOMST1", "TID", *statbank_api.RESPONSE_COLUMNS]
    row = frame.iloc[0]
    assert (row["HERKOMST1"], row["TID"], row["value"]) == ("Total", "2023", 233454.0)
    assert row["published"] == "233454" and row["line"] == 2 and row["raw"] == "Total;2023;233454"


@pytest.mark.parametrize(
    ("text", "value"), [("72,5", 72.5), ("4985102", 4985102.0), ("-0,3", -0.3)]
)
def test_danish_numbers(text, value):
    assert statbank_api.parse_cell(text) == value


def test_two_dots_are_missing_never_zero():
    assert math.isnan(statbank_api.parse_cell(".."))
    frame = statbank_api.parse_csv("\ufeffOMRÅDE;TID;INDHOLD\r\n101;2013;..\r\n101;2014;69,7\r\n")
    assert math.isnan(frame["value"][0]) and frame["value"][1] == 69.7


def test_thousands_points_are_refused():
    with pytest.raises(ValueError, match="StatBank number"):
        statbank_api.parse_cell("4.985.102")


def test_jsonstat_response():
    frame = statbank_api.parse_jsonstat(body("data_straf42_json.yml"))
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["HERKOMST1"], row["HERKOMST1_label"], row["Tid"]) == ("00", "Total", "2023")
    assert row["ContentsCode_label"] == "Decisions, total" and row["value"] == 233454


def test_request_without_variables_gives_the_latest_period():
    frame = statbank_api.parse_jsonstat(body("data_straf42_all.yml"))
    assert frame[["Tid", "value"]].to_dict("records") == [{"Tid": "2024", "value": 227774.0}]


def test_tableinfo_in_danish():
    info = statbank_api.parse_tableinfo(body("table_info_straf42_da.yml"))
    assert (info.id, info.text, info.unit) == ("STRAF42", "Strafferetlige afgørelser", "Antal")
    origin = info.variable("HERKOMST1")
    assert origin.text == "national oprindelse" and len(origin.values) == 7
    assert origin.values[0] == ("00", "I alt") and not origin.time
    time = info.variable("Tid")
    assert time.time and time.values[0] == ("1995", "1995") and len(time.values) == 30


def test_tableinfo_in_english():
    info = statbank_api.parse_tableinfo(body("table_info_straf42.yml"))
    assert info.text == "Decisions, total" and info.variable("HERKOMST1").text == "national origin"
    assert info.variable("HERKOMST1").text_of("80") == "Danish citizens"


def test_code_map_refuses_a_table_it_does_not_know():
    info = statbank_api.parse_tableinfo(body("table_info_straf42_da.yml"))
    with pytest.raises(statbank_api.StatBankError, match="no role for variable 'HERKOMST1'"):
        statbank_codes.TABLE_MAPS["FOLK1E"].request(info)


def test_text_maps_resolve_danish_value_texts():
    variable = statbank_api.Variable(
        "KØN", "køn", False, (("TOT", "I alt"), ("M", "Mænd"), ("K", "Kvinder"))
    )
    sex = statbank_codes.TABLE_MAPS["RAS200"].dimension_for("KØN")
    assert sex.resolve(variable) == {"TOT": "", "M": "_men", "K": "_women"}


def test_folk1e_response_becomes_outcome_rows(ws):
    path = ws.raw / "statbank" / "folk1e_national_by_herkomst_2008K4-2025K4_codes.csv"
    assert statbank_codes.table_of_file(path.name) == "FOLK1E"
    frame = statbank_api.parse_csv(path.read_bytes())
    rows, problems = statbank_files.to_outcomes(
        frame, statbank_codes.TABLE_MAPS["FOLK1E"], None, path.stem, "folk1e.csv"
    )
    assert not problems and len(rows) == 90  # 5 origin groups x 18 quarters
    by_id = {r["figure_id"]: r for r in rows}
    # line 43 of the file: 000;TOT;IALT;25;2013K4;273695
    row = by_id[f"{path.stem}:000.TOT.IALT.25:2013K4"]
    assert (row["indicator"], row["group"], row["geography"]) == (
        "population_count",
        "non_western_immigrants",
        "denmark",
    )
    assert (row["period"], row["value"], row["_row"]) == ("2013-Q4", 273695.0, 43)
    assert row["quote"] == "000;TOT;IALT;25;2013K4;273695" and row["basis"] == "statbank"


def test_ras200_web_export_reads_copenhagen(ws):
    path = ws.raw / "statbank" / "ras200_employment_rate_by_region_2008-2017_en.xlsx"
    rows = statbank_xlsx.read_web_export_xlsx(path, "ras200.xlsx")
    copenhagen = {r["period"]: r["value"] for r in rows if r["geography"] == "copenhagen"}
    assert copenhagen["2008"] == 72.5 and copenhagen["2017"] == 72.2  # as in the README
    assert {r["geography"] for r in rows} == set(statbank_xlsx.WEB_EXPORT_AREAS.values())
    assert len(rows) == 7 * 10


@pytest.mark.live
def test_live_tableinfo_for_folk1e():
    info = statbank_api.parse_tableinfo(statbank_api.tableinfo("FOLK1E"))
    selection = statbank_codes.TABLE_MAPS["FOLK1E"].request(info)
    assert "101" in selection["OMRÅDE"] and "25" in selection["HERKOMST"]


def test_ras200_rows_carry_the_export_date_the_workbook_records(ws, tmp_path):
    path = ws.raw / "statbank" / "ras200_employment_rate_by_region_2008-2017_en.xlsx"
    rows = statbank_xlsx.read_web_export_xlsx(path, "ras200.xlsx")
    # docProps/core.xml: <dcterms:created ...>2019-01-29T14:18:39Z</dcterms:created>
    assert {r["published"] for r in rows} == {"2019-01-29"}
    # a workbook without the stamp gives no date (openpyxl would put in today's)
    bare = tmp_path / "ras200_without_stamp.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bare, "w") as target:
        for item in source.infolist():
            if item.filename != "docProps/core.xml":
                target.writestr(item, source.read(item.filename))
    assert statbank_xlsx.workbook_created(bare) == ""
    assert {r["published"] for r in statbank_xlsx.read_web_export_xlsx(bare, "x.xlsx")} == {""}


def test_a_fetched_file_is_dated_by_its_name_and_an_older_file_is_not(ws):
    path = ws.raw / "statbank" / "folk1e_national_by_herkomst_2008K4-2025K4_codes.csv"
    frame = statbank_api.parse_csv(path.read_bytes())
    table = statbank_codes.TABLE_MAPS["FOLK1E"]
    rows, _ = statbank_files.to_outcomes(frame, table, None, path.stem, "folk1e.csv")
    assert {r["published"] for r in rows} == {""}, "the file names no date"
    fetched, _ = statbank_files.to_outcomes(
        frame, table, None, "folk1e_2025-10-01", "folk1e_2025-10-01.csv"
    )
    assert {r["published"] for r in fetched} == {"2025-10-01"}
