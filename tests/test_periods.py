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


# --- edges and messages (found by mutation testing: make mutation MODULES=periods) ---------


@pytest.mark.parametrize(
    ("text", "kind", "message"),
    [
        ("1899", None, "'1899': the year 1899 is outside 1900-2100"),
        ("2011-H3", None, "'2011-H3' is not a half-year: a year has only H1 and H2"),
        ("2011-Q5", None, "'2011-Q5' is not a quarter: a year has only Q1-Q4"),
        ("2011-13", None, "'2011-13' is not a month: months run 01-12"),
        ("2011-02-30", None, "'2011-02-30' is not a date that exists"),
        ("2011-H1", "year", "'2011-H1' is a half-year, not a year"),
        ("2011", "half_year", "'2011' is a year, not a half-year"),
        ("2011", "week", "unknown period kind 'week'; expected one of year, half_year, quarter, "
                         "month, date"),
        ("april 2011", None, "'april 2011' is not a period; expected a year (2011), half-year "
                             "(2011-H1), quarter (2011-Q3), month (2013-01) or date (2006-01-18)"),
    ],
)  # fmt: skip
def test_parse_period_says_what_is_wrong(text, kind, message):
    with pytest.raises(PeriodError) as error:
        parse_period(text, kind)
    assert str(error.value) == message


def test_the_last_month_and_quarter_exist():
    assert parse_period("2007M12").end == date(2007, 12, 31)
    assert parse_period("2007K4").start == date(2007, 10, 1)


def test_half_year_messages():
    with pytest.raises(PeriodError) as error:
        HalfYear(2013, 3)
    assert str(error.value) == "2013H3 is not a half-year: use H1 or H2"
    with pytest.raises(PeriodError) as error:
        HalfYear(1800, 1)
    assert str(error.value) == "'1800H1': the year 1800 is outside 1900-2100"
    with pytest.raises(PeriodError) as error:
        HalfYear.parse("2013-H2")
    assert str(error.value) == (
        "'2013-H2' is not a half-year; write the year and H1 or H2, e.g. 2013H2"
    )
    assert HalfYear.is_label("2013H2") and not HalfYear.is_label("2013H3")
    assert not HalfYear.is_label("reports")


def test_date_label_message():
    with pytest.raises(PeriodError) as error:
        parse_date_label("2009-4")
    assert str(error.value) == (
        "'2009-4' is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (2011, 2009-04, 2016-12-12)"
    )


def test_latest_date_tie_goes_to_the_shorter_label():
    # a year and its last day end on the same day: the label as coarse as the source gave it
    assert latest_date(["2011-12-31", "2011"]) == "2011"
    assert latest_date(["2011", "2011-12-31"]) == "2011"


def test_a_fractional_year_counts_the_days_of_a_leap_year():
    from helpers.core.periods import fractional_year

    assert fractional_year(date(2012, 12, 31)) == 2012 + 365 / 366
    assert fractional_year(date(2013, 12, 31)) == 2013 + 364 / 365


def test_a_period_ends_by_its_last_day():
    year = parse_period("2011")
    assert year.ends_by(date(2011, 12, 31)) and not year.ends_by(date(2011, 12, 30))


@pytest.mark.parametrize(
    ("label", "danish"),
    [
        ("2011", "2011"),
        ("2011-H1", "1. halvår 2011"),
        ("2011-H2", "2. halvår 2011"),
        ("2008-Q1", "1. kvartal 2008"),
        ("2008-Q2", "2. kvartal 2008"),
        ("2008-Q4", "4. kvartal 2008"),
        ("2013-01", "januar 2013"),
        ("2013-12", "december 2013"),
        ("2009-03-01", "01.03.2009"),
    ],
)
def test_period_da(label, danish):
    from helpers.core.periods import period_da

    assert period_da(label) == danish


def test_report_periods_run_from_2007h1_to_2014h2():
    from helpers.core.periods import report_periods

    periods = report_periods()
    assert [str(p) for p in periods[:3]] == ["2007H1", "2007H2", "2008H1"]
    assert str(periods[-1]) == "2014H2" and len(periods) == 16
