"""The batch command line: parameters are validated before anything runs."""

import pytest

from helpers import batch
from helpers.periods import HalfYear


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
