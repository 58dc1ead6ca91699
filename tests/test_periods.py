"""Reference periods and report half-years."""

from datetime import date

import pytest

from helpers.core.errors import PeriodError
from helpers.core.periods import HalfYear, latest_date, parse_date_label, parse_period


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2011", "2011", date(2011, 1, 1), date(2011, 12, 31)),
        ("2011-H1", "2011-H1", date(2011, 1, 1), date(2011, 6, 30)),
        ("2015H1", "2015-H1", date(2015, 1, 1), date(2015, 6, 30)),  # StatBank form
        ("2004-Q1", "2004-Q1", date(2004, 1, 1), date(2004, 3, 31)),
        ("2008K4", "2008-Q4", date(2008, 10, 1), date(2008, 12, 31)),  # StatBank form
        ("2013-01", "2013-01", date(2013, 1, 1), date(2013, 1, 31)),
        ("2007M02", "2007-02", date(2007, 2, 1), date(2007, 2, 28)),  # StatBank form
        ("2012-10-01", "2012-10-01", date(2012, 10, 1), date(2012, 10, 1)),
    ],
)
def test_parse_period_forms(text, label, start, end):
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    "text", ["2013H3", "2013-H0", "2013-Q5", "2013-13", "2013-02-30", "13", "2013/1", ""]
)
def test_parse_period_rejects_periods_that_do_not_exist(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_parse_period_checks_the_declared_kind():
    with pytest.raises(PeriodError, match="not a month"):
        parse_period("2013", "month")


def test_midpoints_are_fractional_years():
    assert parse_period("2011").midpoint == pytest.approx(2011.5)
    assert parse_period("2013-H2").midpoint == pytest.approx(2013.748, abs=1e-3)
    assert parse_period("2013-01").midpoint == pytest.approx(2013 + 15.5 / 365, abs=1e-6)


def test_half_year_parse_and_range():
    first, last = HalfYear.parse("2007H1"), HalfYear.parse("2014H2")
    periods = HalfYear.range(first, last)
    assert len(periods) == 16
    assert [str(p) for p in periods[:3]] == ["2007H1", "2007H2", "2008H1"]
    assert HalfYear.parse("2013H2").end == date(2013, 12, 31)
    assert HalfYear.parse("2013H2").label_da() == "2. halvår 2013"
    assert HalfYear.parse("2014H1").previous() == HalfYear.parse("2013H2")


@pytest.mark.parametrize("text", ["2013H3", "2013-H2", "2013h2", "2013H2'; import os", "", "H2"])
def test_half_year_is_strict(text):
    with pytest.raises(PeriodError):
        HalfYear.parse(text)


def test_half_year_range_must_run_forward():
    with pytest.raises(PeriodError, match="comes after"):
        HalfYear.range(HalfYear.parse("2014H2"), HalfYear.parse("2013H1"))


def test_date_labels_are_a_year_a_month_or_a_day():
    assert parse_date_label("2009-04").end == date(2009, 4, 30)
    assert parse_date_label("2011").end == date(2011, 12, 31)
    assert parse_date_label("2016-12-12").end == date(2016, 12, 12)
    for text in ("2011-H2", "2009-4", "april 2009", "2013M01", "2013-02-30"):
        with pytest.raises(PeriodError):
            parse_date_label(text)


def test_the_latest_date_is_the_one_that_can_end_last():
    # "2011" may be December 2011: later than November 2011
    assert latest_date(["2011-11", "2011"]) == "2011"
    assert latest_date(["2006", "2009-04"]) == "2009-04"
    assert latest_date(["2016-12-12", ""]) == "", "unknown when either is unknown"


def test_the_half_year_a_day_falls_in():
    assert str(HalfYear.containing(date(2009, 6, 30))) == "2009H1"
    assert str(HalfYear.containing(date(2009, 7, 1))) == "2009H2"
