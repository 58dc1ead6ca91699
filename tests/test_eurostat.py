"""Eurostat/OECD survey files in their three real formats (data/raw/eurostat/)."""

import pandas as pd
import pytest

from helpers.outcomes import eurostat
from helpers.outcomes import gaps as outcomes_gaps

URGACOB = "eurostat_lfsa_urgacob_DK_Y15-74_1995-2025"
URGAN = "eurostat_lfsa_urgan_DK_Y15-64_1995-2024"
URGAN_TSV = "eurostat_lfsa_urgan_DK_Y20-64_2015-2024"
REGIONS = "eurostat_lfst_r_lfur2gac_DK-NUTS2_Y15-64_2007-2022"
OECD = "oecd_mig_nup_sex_DNK_participation_2000-2024"


@pytest.fixture(scope="module")
def survey(ws):
    rows, unpublished = eurostat.read_survey(ws)
    return rows.set_index("figure_id"), unpublished


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        (f"{URGAN}.csv", "sdmx_csv"),
        (f"{REGIONS}.csv", "sdmx_csv"),
        (f"{OECD}.csv", "sdmx_csv"),
        (f"{URGACOB}.csv", "jsonstat_long"),
        (f"{URGAN_TSV}.tsv", "bulk_tsv"),
    ],
)
def test_formats_are_recognised_from_the_header(ws, name, kind):
    first = (ws.raw / "eurostat" / name).read_text(encoding="utf-8").splitlines()[0]
    assert eurostat.detect_format(first) == kind


def test_sdmx_csv_with_labels(survey):
    rows, _ = survey
    # line 198: ...,T,Total,Y15-64,...,FOR,Foreign country,DK,Denmark,2011,,17.8,,,,,
    row = rows.loc[f"{URGAN}:DK.FOR.T.Y15-64:2011"]
    assert (row["indicator"], row["group"], row["geography"], row["age"]) == (
        "unemployment_rate",
        "foreign_citizens",
        "denmark",
        "15-64",
    )
    assert (row["value"], row["flag"], row["_row"], row["basis"]) == (17.8, "", 198, "survey_lfs")
    assert rows.loc[f"{URGAN}:DK.FOR.F.Y15-64:2011", "group"] == "foreign_citizens_women"


def test_sdmx_csv_without_labels_keeps_regional_flags(survey):
    rows, _ = survey
    row = rows.loc[f"{REGIONS}:DK01.EU27_2020_FOR.T.Y15-64:2011"]  # line 6: ...,DK01,2011,14.4,u
    assert (row["geography"], row["group"], row["value"], row["flag"]) == (
        "dk01_hovedstaden",
        "born_in_eu",
        14.4,
        "u",
    )
    assert "low reliability" in row["note"] and "vintage 2023-04-27" in row["note"]


def test_oecd_sdmx_csv(survey):
    rows, _ = survey
    row = rows.loc[f"{OECD}:DNK.FB._T.LF_RATE:2011"]  # line 39: ...,FB,Foreign-born,...,72.20227051
    assert (row["indicator"], row["group"], row["value"], row["age"], row["flag"]) == (
        "participation_rate",
        "born_abroad",
        72.20227051,
        "",
        "",
    )
    assert row["source_kind"] == "international_organisation"


def test_jsonstat_long_csv(survey):
    rows, _ = survey
    row = rows.loc[f"{URGACOB}:DK.FOR.T.Y15-74:2005"]  # FOR 2005: 9.5, status b
    assert (row["group"], row["age"], row["value"], row["flag"]) == (
        "born_abroad",
        "15-74",
        9.5,
        "b",
    )


def test_bulk_tsv_value_and_flag_cells(survey):
    rows, _ = survey
    # A,PC,F,Y20-64,EU27_2020_FOR,DK  ... 2017 column: "11.7 bu"
    row = rows.loc[f"{URGAN_TSV}:DK.EU27_2020_FOR.F.Y20-64:2017"]
    assert (row["group"], row["age"], row["value"], row["flag"]) == (
        "eu_citizens_women",
        "20-64",
        11.7,
        "bu",
    )
    assert row["quote"] == "A,PC,F,Y20-64,EU27_2020_FOR,DK 2017: 11.7 bu"
    assert rows.loc[f"{URGAN_TSV}:DK.NAT.T.Y20-64:2015", "flag"] == ""  # "5.3 " has no flag


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("13.6 b", ("13.6", "b")), ("14.5 ", ("14.5", "")), (": u", ("", "u")), (":", ("", ""))],
)
def test_split_tsv_cell(cell, expected):
    assert eurostat.split_tsv_cell(cell) == expected


def test_empty_u_cells_are_missing_not_zero(survey):
    rows, unpublished = survey
    # lfsa_urgacob EU27_2020_FOR 1995: value empty, status u
    missing_id = f"{URGACOB}:DK.EU27_2020_FOR.T.Y15-74:1995"
    assert missing_id not in rows.index
    assert unpublished.set_index("figure_id").loc[missing_id, "flag"] == "u"
    assert (rows["value"] == 0).sum() == 0
    assert unpublished.groupby("file").size().to_dict() == {
        f"data/raw/eurostat/{URGACOB}.csv": 39,
        f"data/raw/eurostat/{URGAN}.csv": 5,
        f"data/raw/eurostat/{REGIONS}.csv": 80,
    }


def test_unknown_codes_name_file_line_and_column(tmp_path):
    path = tmp_path / "eurostat_lfsa_urgan_DK_test.tsv"
    path.write_text(
        "freq,unit,sex,age,citizen,geo\\TIME_PERIOD\t2015 \t2016 \n"
        "A,PC,X,Y20-64,NAT,SE\t5.4 \t5.3 b\n",
        encoding="utf-8",
    )
    cells = eurostat.read_cells(path, "data/raw/eurostat/eurostat_lfsa_urgan_DK_test.tsv")
    _, _, problems = eurostat.cells_to_outcomes(cells, path.stem)
    messages = [str(p) for p in problems]
    assert "eurostat_lfsa_urgan_DK_test.tsv, row 2, column 'sex': value 'X'" in messages[0]
    assert "column 'geo': value 'SE'" in messages[1]


def test_national_proxy_is_foreign_born_minus_native_born(ws, survey):
    rows, _ = survey
    gaps = outcomes_gaps.derive_gaps(rows.reset_index(), outcomes_gaps.reference_groups(ws))
    proxy = gaps.loc[
        (gaps["indicator"] == "overunemployment_pp")
        & (gaps["group"] == "born_abroad")
        & (gaps["geography"] == "denmark")
        & (gaps["age"] == "15-74")
    ].set_index("period")
    assert list(proxy.index) == [str(y) for y in range(1995, 2026)]
    # raw file: FOR 2011 15.0, NAT 2011 7.1; FOR 2005 9.5 b, NAT 2005 4.5 b
    assert proxy.loc["2011", "value"] == 7.9 and proxy.loc["2011", "flag"] == ""
    assert proxy.loc["2005", "value"] == 5.0 and proxy.loc["2005", "flag"] == "b"
    assert proxy.loc["2011", "derived_from"] == (
        f"{URGACOB}:DK.FOR.T.Y15-74:2011;{URGACOB}:DK.NAT.T.Y15-74:2011"
    )
    assert proxy["derived"].all() and set(proxy["basis"]) == {"survey_lfs"}
    assert pd.api.types.is_float_dtype(proxy["value"])


def test_survey_rows_carry_their_files_vintage_where_the_file_states_it(survey):
    rows, _ = survey
    # lfst_r_lfur2gac: the LAST UPDATE column, "27/04/23 03:08:00"
    regional = rows.loc[rows.index.str.startswith(f"{REGIONS}:")]
    assert set(regional["published"]) == {"2023-04-27"}
    # the other files state no vintage (the manifest's description is not the file)
    for name in (URGAN, URGACOB, URGAN_TSV, OECD):
        assert set(rows.loc[rows.index.str.startswith(f"{name}:"), "published"]) == {""}, name
