"""The batch command line: parameters are validated before anything runs."""

import csv

import pytest

from helpers import batch
from helpers.core.periods import HalfYear, report_periods
from helpers.report import layout, runner, warm_kernels


def test_default_range_is_2007h1_to_2014h2():
    periods = batch.select_periods(batch.parse_args([]))
    assert (str(periods[0]), str(periods[-1]), len(periods)) == ("2007H1", "2014H2", 16)


def test_periods_and_ranges_combine_without_repeats():
    args = batch.parse_args(["--period", "2013H2", "--from", "2013H1", "--to", "2014H1"])
    assert [str(p) for p in batch.select_periods(args)] == ["2013H1", "2013H2", "2014H1"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--period", "2013H2'; import os"], "is not a half-year"),
        (["--period", "2013H3"], "not a half-year"),
        (["--from", "2014H2", "--to", "2013H1"], "comes after"),
        (["--jobs", "0", "--period", "2013H2"], "--jobs must be at least 1"),
    ],
)
def test_bad_parameters_are_refused_with_a_clear_message(argv, message, capsys, tmp_path):
    code = batch.main([*argv, "--output-dir", str(tmp_path / "reports")])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "reports").exists()


def test_half_years_sort_in_time_order():
    labels = ["2014H1", "2007H2", "2013H2"]
    assert [str(h) for h in sorted(HalfYear.parse(x) for x in labels)] == [
        "2007H2",
        "2013H2",
        "2014H1",
    ]


def _hashes(folder):
    import hashlib

    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _break_report_for(ws, period):
    """Make the stored report notebook fail for one half-year (as a data problem would)."""
    import nbformat

    path = ws.notebooks / layout.REPORT_NOTEBOOK
    nb = nbformat.read(path, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    nb.cells.insert(
        index + 1,
        nbformat.v4.new_code_cell(
            f"if period == {period!r}:\n    raise ValueError('outcomes.csv: row 7 cannot be read')"
        ),
    )
    nbformat.write(nb, path)


@pytest.mark.slow
def test_one_failing_half_year_does_not_spoil_the_others(tmp_ws, tmp_path, capsys, monkeypatch):
    _break_report_for(tmp_ws, "2013H1")
    out = tmp_path / "reports"
    monkeypatch.setenv("BAROMETER_ROOT", str(tmp_ws.root))
    code = batch.main(
        ["--from", "2012H2", "--to", "2013H2", "--jobs", "2", "--output-dir", str(out)]
    )
    printed = capsys.readouterr().out
    assert code == 1
    assert "2 of 3 reports written" in printed
    assert "FAILED 2013H1: ValueError: outcomes.csv: row 7 cannot be read" in printed
    assert sorted(p.name for p in out.iterdir()) == [
        ".stamps",  # of the two reports written and the index (helpers.report.incremental)
        "2012H2",
        "2013H2",
        "_failed",
        "index.html",
        "overview.csv",
    ]
    for period in ("2012H2", "2013H2"):
        assert {p.name for p in (out / period).iterdir()} == {
            "evaluation_report.html",
            "evaluation_report.ipynb",
            "scorecard.csv",
        }
    assert sorted(p.name for p in (out / ".stamps").iterdir()) == [
        "2012H2.json",
        "2013H2.json",
        "index.json",
    ], "a failed half-year is not stamped, so the next run tries it again"
    failed = nbformat_read(out / "_failed" / "2013H1.ipynb")
    assert any("papermill-error-cell-tag" in c.metadata.get("tags", []) for c in failed.cells)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "2013H1" in index
    assert "2012H2/evaluation_report.html#mal-" in index, "the overview covers the reports written"
    assert "2013H1/evaluation_report.html#" not in index, "and not the failed half-year"
    assert not [p for p in out.rglob("*") if ".tmp" in p.name], "no half-written report left"


def nbformat_read(path):
    import nbformat

    return nbformat.read(path, as_version=4)


@pytest.mark.slow
def test_a_failed_rerun_keeps_the_previous_good_report(tmp_ws, tmp_path):
    out = tmp_path / "reports"
    [ok] = batch.run_batch(tmp_ws, [HalfYear.parse("2013H1")], out, jobs=1, progress=False)
    assert ok.ok
    before = _hashes(out / "2013H1")
    _break_report_for(tmp_ws, "2013H1")
    [failed] = batch.run_batch(tmp_ws, [HalfYear.parse("2013H1")], out, jobs=1, progress=False)
    assert not failed.ok
    assert _hashes(out / "2013H1") == before
    assert (out / "_failed" / "2013H1.ipynb").is_file()


@pytest.mark.slow
def test_two_runs_are_byte_identical(tmp_ws, tmp_path):
    periods = [HalfYear.parse("2011H2"), HalfYear.parse("2013H2")]
    first, second = tmp_path / "first", tmp_path / "second"
    batch.run_batch(tmp_ws, periods, first, jobs=2, progress=False)
    processed = _hashes(tmp_ws.processed)
    batch.run_batch(tmp_ws, periods, second, jobs=2, progress=False)
    assert _hashes(first) == _hashes(second)
    assert _hashes(tmp_ws.processed) == processed


def test_real_time_reports_work_for_every_half_year(ws, tmp_path):
    """``--vintage real-time``: every half-year renders from figures published by then."""
    out = tmp_path / "real-time"
    with warm_kernels.zygote() as warm:
        results = runner.run_reports(
            ws, report_periods(), out, jobs=2, progress=False, kernel_name=warm,
            vintage="real-time",
        )  # fmt: skip
    assert [r.period for r in results if not r.ok] == []
    assert len(results) == 16
    report = (out / "2013H2" / "evaluation_report.html").read_text(encoding="utf-8")
    assert "realtid: kun tal offentliggjort til og med 31.12.2013" in report
    assert "Rapporten er en realtidsvurdering" in report
    assert "offentliggjort senere" not in report
    with open(out / "2013H2" / "scorecard.csv", encoding="utf-8") as handle:
        card = {row["goal_id"]: row for row in csv.DictReader(handle)}
    # F001 (10,9 for 2011) was published only in 2017: in real time, 2013H2 sees one figure
    assert card["POL11-HM2"]["n_obs"] == "1" and card["POL11-HM2"]["vintage"] == "real-time"
    assert (out / "index.html").is_file()
