"""make fetch: new dated files only, a clear stop without network, a TSV the stage reads."""

import pytest
import requests

from helpers import fetch
from helpers.outcomes import eurostat, statbank_codes

# the first data row of eurostat_lfsa_urgan_DK_Y20-64_2015-2024.tsv, as eurostat.get_data(...,
# flags=True) returns it (keys, then value/flag pairs; None for an empty flag)
HEADER = ("freq", "unit", "sex", "age", "citizen", "geo\\TIME_PERIOD")
HEADER += ("2015_value", "2015_flag", "2016_value", "2016_flag", "2017_value", "2017_flag")
ROW = ("A", "PC", "F", "Y20-64", "EU27_2020_FOR", "DK", 14.5, None, 13.6, "b", 11.7, "bu")
MISSING_ROW = ("A", "PC", "F", "Y20-64", "NEU27_2020_FOR", "DK", None, "u", 17.3, None, None, None)


def test_fetched_eurostat_rows_become_a_bulk_tsv_the_stage_reads(tmp_path):
    text = fetch.eurostat_tsv([HEADER, ROW, MISSING_ROW])
    assert text.splitlines()[1] == "A,PC,F,Y20-64,EU27_2020_FOR,DK\t14.5 \t13.6 b\t11.7 bu"
    path = tmp_path / "eurostat_lfsa_urgan_DK_2099-01-01.tsv"
    path.write_text(text, encoding="utf-8")
    rows, missing, problems = eurostat.cells_to_outcomes(
        eurostat.read_cells(path, "x.tsv"), path.stem
    )
    assert not problems
    assert [(r["period"], r["value"], r["flag"]) for r in rows[:3]] == [
        ("2015", 14.5, ""),
        ("2016", 13.6, "b"),
        ("2017", 11.7, "bu"),
    ]
    assert [(m["figure_id"].rsplit(":", 1)[1], m["flag"]) for m in missing] == [
        ("2015", "u"),
        ("2017", ""),
    ]
    assert rows[0]["published"] == "2099-01-01"


def test_without_network_nothing_is_written(tmp_ws, monkeypatch, capsys):
    def offline(*args, **kwargs):
        raise requests.ConnectionError("no route to host")

    monkeypatch.setattr(requests, "request", offline)
    monkeypatch.setenv("BAROMETER_ROOT", str(tmp_ws.root))
    manifest_before = tmp_ws.manifest.read_bytes()
    files_before = sorted(p.name for p in (tmp_ws.raw / "statbank").iterdir())
    assert fetch.main(["--only", "statbank", "--date", "2099-01-01"]) == 1
    message = capsys.readouterr().err
    assert "could not be reached" in message and "Nothing was written" in message
    assert tmp_ws.manifest.read_bytes() == manifest_before
    assert sorted(p.name for p in (tmp_ws.raw / "statbank").iterdir()) == files_before


def test_an_existing_file_is_never_overwritten(tmp_ws):
    existing = tmp_ws.raw / "statbank" / "FOLK1E_2099-01-01.csv"
    existing.write_bytes(b"")
    with pytest.raises(fetch.BarometerError, match="never overwritten"):
        fetch._new_file(existing)


def test_fetched_statbank_names_are_read_by_the_stage():
    assert statbank_codes.table_of_file("RAS200_2099-01-01.csv") == "RAS200"
    assert statbank_codes.table_of_file("RAS200_2099-01-01_tableinfo.json") == "RAS200"
