"""Property-based tests (hypothesis) of the Danish number and period parsers.

Deterministic (``derandomize=True``: the same examples on every run and machine) and
moderate in size, so that they run in a few seconds.
"""

from __future__ import annotations

import calendar
import math
from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.core.danish import (
    APPROXIMATE_QUALIFIERS,
    BOUND_QUALIFIERS,
    format_number,
    parse_number,
    parse_numeral,
)
from helpers.core.errors import NumberFormatError, PeriodError
from helpers.core.periods import HalfYear, fractional_year, parse_period

PROPERTY = settings(max_examples=150, derandomize=True, deadline=None)

years = st.integers(1900, 2100)
values = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
non_negative = st.floats(min_value=0, max_value=1e9, allow_nan=False, allow_infinity=False)
decimals = st.integers(0, 3)
digits = st.text(alphabet="0123456789", min_size=1, max_size=6)


# --- Danish numbers ----------------------------------------------------------------------------


@PROPERTY
@given(values, decimals)
def test_format_then_parse_gives_the_rounded_number(value, places):
    text = format_number(value, places)
    if places:
        assert text.rsplit(",", 1)[1].isdigit()  # decimal comma; points only group thousands
    assert parse_numeral(text) == round(value, places)


@PROPERTY
@given(st.integers(1000, 10**12))
def test_whole_numbers_get_thousands_points_and_read_back(value):
    text = format_number(value, 0)
    groups = text.split(".")
    assert len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])
    assert parse_numeral(text) == value


@PROPERTY
@given(non_negative, decimals, st.sampled_from(APPROXIMATE_QUALIFIERS), st.booleans())
def test_an_approximate_qualifier_is_kept_and_marks_the_figure(value, places, qualifier, percent):
    text = f"{qualifier} {format_number(value, places)}{' %' if percent else ''}"
    parsed = parse_number(text)
    assert (parsed.value, parsed.approximate, parsed.qualifier) == (
        round(value, places),
        True,
        qualifier,
    )


@PROPERTY
@given(non_negative, st.sampled_from(BOUND_QUALIFIERS), st.booleans())
def test_a_bound_is_kept_but_not_approximate(value, qualifier, capital):
    written = qualifier.capitalize() if capital else qualifier
    parsed = parse_number(f"{written} {format_number(value, 1)}")
    assert (parsed.value, parsed.approximate, parsed.qualifier) == (
        round(value, 1),
        False,
        qualifier,
    )


def _group(size: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    return size.flatmap(lambda n: st.text(alphabet="0123456789", min_size=n, max_size=n))


malformed = st.one_of(
    st.tuples(digits, digits, digits).map(lambda t: f"{t[0]},{t[1]},{t[2]}"),  # two commas
    st.tuples(digits, digits, digits).map(lambda t: f"{t[0]},{t[1]}.{t[2]}"),  # point after ,
    st.tuples(  # a thousands group that is not three digits before a decimal comma
        _group(st.integers(1, 3)), _group(st.sampled_from([1, 2, 4, 5])), digits
    ).map(lambda t: f"{t[0]}.{t[1]},{t[2]}"),
    st.tuples(  # two points where a group is not three digits
        digits, _group(st.sampled_from([1, 2, 4])), _group(st.integers(1, 5))
    ).map(lambda t: f"{t[0]}.{t[1]}.{t[2]}"),
    st.tuples(digits, st.sampled_from("abxO/ "), digits).map(lambda t: "".join(t)),  # not digits
    st.sampled_from(["", " ", ",5", ".5", "5,", "-", "1..2", "1,,2"]),
)


@PROPERTY
@given(malformed)
def test_malformed_numerals_are_refused(text):
    with pytest.raises(NumberFormatError):
        parse_numeral(text)


number_like = st.builds(
    "".join,
    st.lists(
        st.sampled_from(
            [*"0123456789", ".", ",", "-", "−", "+", " ", "%", "knap ", "ca.", "max ", "delt ", "x"]
        ),
        max_size=10,
    ),
)


@PROPERTY
@given(st.one_of(st.text(max_size=30), number_like))
def test_any_text_is_read_or_refused_with_a_number_format_error(text):
    try:
        parsed = parse_number(text)
    except NumberFormatError:
        return
    assert math.isfinite(parsed.value) and parsed.text == text
    assert parsed.approximate == (parsed.qualifier in APPROXIMATE_QUALIFIERS)
    digits = "".join(ch for ch in text if ch in "0123456789")
    if not digits:  # a number word or an ordinal word: a whole number in 0..20
        assert parsed.value.is_integer() and 0 <= parsed.value <= 20
        return
    # a numeral keeps its digits in order; only the decimal separator moves (a power of ten)
    if int(digits):
        ratio = int(digits) / abs(parsed.value)
        assert math.isclose(ratio, 10 ** round(math.log10(ratio)))
    else:
        assert parsed.value == 0
    assert (parsed.value < 0) <= any(ch in "-−" for ch in text)


# --- periods -----------------------------------------------------------------------------------


@st.composite
def period_labels(draw: st.DrawFn) -> tuple[str, str]:
    """A valid label in one of the accepted spellings, and its kind."""
    year = draw(years)
    kind = draw(st.sampled_from(["year", "half_year", "quarter", "month", "date"]))
    if kind == "year":
        return f"{year}", kind
    if kind == "half_year":
        return draw(st.sampled_from([f"{year}-H", f"{year}H", f"{year}h"])) + str(
            draw(st.integers(1, 2))
        ), kind
    if kind == "quarter":
        n = draw(st.integers(1, 4))
        return draw(st.sampled_from([f"{year}-Q{n}", f"{year}Q{n}", f"{year}K{n}"])), kind
    if kind == "month":
        n = draw(st.integers(1, 12))
        return draw(st.sampled_from([f"{year}-{n:02d}", f"{year}M{n:02d}", f"{year}-{n}"])), kind
    day = draw(st.dates(date(year, 1, 1), date(year, 12, 31)))
    return day.isoformat(), kind


@PROPERTY
@given(period_labels())
def test_every_valid_label_parses_to_a_period_that_starts_before_it_ends(labelled):
    text, kind = labelled
    period = parse_period(text)
    assert period.kind == kind
    assert period.start <= period.end
    assert parse_period(period.label) == period  # the canonical label reads back
    assert parse_period(text, kind) == period
    after = period.end + timedelta(days=1)
    assert fractional_year(period.start) <= period.midpoint <= fractional_year(after)


@PROPERTY
@given(years, st.integers(1, 2), st.integers(1, 2), st.integers(0, 20))
def test_half_year_round_trip_and_range(year, half, last_half, extra_years):
    first = HalfYear(year, half)
    assert HalfYear.parse(str(first)) == first
    assert first.period.start == first.start and first.period.end == first.end
    if (year, half) != (2100, 2):
        assert first.next().previous() == first
    last_year = min(year + extra_years, 2100)
    if (last_year, last_half) < (year, half):
        with pytest.raises(PeriodError):
            HalfYear.range(first, HalfYear(last_year, last_half))
        return
    span = HalfYear.range(first, HalfYear(last_year, last_half))
    assert len(span) == 2 * (last_year - year) + last_half - half + 1
    assert span == sorted(span) and span[0] == first
    assert all(b.start == a.end + timedelta(days=1) for a, b in pairwise(span))


@PROPERTY
@given(years, st.integers(0, 99).filter(lambda n: n not in (1, 2)))
def test_halves_other_than_1_and_2_are_refused(year, half):
    for text in (f"{year}-H{half}", f"{year}H{half}"):
        with pytest.raises(PeriodError):
            parse_period(text)
    with pytest.raises(PeriodError):
        HalfYear.parse(f"{year}H{half}")


@PROPERTY
@given(years, st.integers(0, 99).filter(lambda n: not 1 <= n <= 4))
def test_quarters_other_than_1_to_4_are_refused(year, quarter):
    for text in (f"{year}-Q{quarter}", f"{year}K{quarter}"):
        with pytest.raises(PeriodError):
            parse_period(text)


@PROPERTY
@given(years, st.integers(0, 99).filter(lambda n: not 1 <= n <= 12))
def test_months_other_than_1_to_12_are_refused(year, month):
    for text in (f"{year}-{month:02d}", f"{year}M{month:02d}"):
        with pytest.raises(PeriodError):
            parse_period(text)


@PROPERTY
@given(years, st.integers(1, 12), st.integers(29, 31))
def test_days_past_the_end_of_the_month_are_refused(year, month, day):
    if day <= calendar.monthrange(year, month)[1]:
        assert parse_period(f"{year}-{month:02d}-{day:02d}").start == date(year, month, day)
        return
    with pytest.raises(PeriodError):
        parse_period(f"{year}-{month:02d}-{day:02d}")


@PROPERTY
@given(st.one_of(st.integers(0, 1899), st.integers(2101, 9999)))
def test_years_outside_1900_to_2100_are_refused(year):
    with pytest.raises(PeriodError):
        parse_period(f"{year:04d}")


@PROPERTY
@given(
    years,
    st.integers(1, 2),
    st.sampled_from(["-H", "h", " H", "H0", "HH"]),
    st.sampled_from(["", "'", ";", " import os", "x", "\n"]),
)
def test_report_half_years_are_written_strictly(year, half, separator, suffix):
    with pytest.raises(PeriodError):
        HalfYear.parse(f"{year}{separator}{half}{suffix}")
    if suffix:
        with pytest.raises(PeriodError):
            HalfYear.parse(f"{year}H{half}{suffix}")


@PROPERTY
@given(st.text(max_size=20))
def test_any_text_is_a_period_or_a_period_error(text):
    try:
        period = parse_period(text)
    except PeriodError:
        return
    assert period.start <= period.end
