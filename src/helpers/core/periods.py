"""Reference periods of figures and report half-years.

Figures refer to a year (``2011``), a half-year (``2011-H1``), a quarter
(``2011-Q3``), a month (``2013-01``) or a day (``2006-01-18``).  Statistics
Denmark writes ``2011H1``, ``2011K3`` and ``2013M01``; those are read too.

Reports are made per half-year, written ``2013H2``. A report for half-year P
uses only figures whose reference period *ends* by the end of P
(:meth:`Period.ends_by`).

Models use time in fractional years, placing each figure at the middle of its
reference period (:attr:`Period.midpoint`), so slopes stay annual whatever the
spacing of the observations.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import total_ordering

from helpers.core.errors import PeriodError

KINDS = ("year", "half_year", "quarter", "month", "date")

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("year", re.compile(r"^(?P<y>\d{4})$")),
    ("half_year", re.compile(r"^(?P<y>\d{4})-?H(?P<n>\d+)$", re.IGNORECASE)),
    ("quarter", re.compile(r"^(?P<y>\d{4})-?[QK](?P<n>\d+)$", re.IGNORECASE)),
    ("month", re.compile(r"^(?P<y>\d{4})(?:-|M)(?P<n>\d{1,2})$", re.IGNORECASE)),
    ("date", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")),
)


def fractional_year(day: date) -> float:
    """The date as a fractional year: 1 January 2014 is 2014.0."""
    days = 366 if calendar.isleap(day.year) else 365
    return day.year + (day.timetuple().tm_yday - 1) / days


@dataclass(frozen=True, order=True)
class Period:
    """A reference period.

    Attributes
    ----------
    start, end : date
        First and last day (inclusive).
    kind : str
        One of ``year, half_year, quarter, month, date``.
    label : str
        Canonical label: ``2011``, ``2011-H1``, ``2011-Q3``, ``2013-01``, ``2006-01-18``.
    """

    start: date
    end: date
    kind: str
    label: str

    @property
    def midpoint(self) -> float:
        """Middle of the period in fractional years (2011 -> 2011.5)."""
        return (fractional_year(self.start) + fractional_year(self.end + timedelta(days=1))) / 2

    def ends_by(self, day: date) -> bool:
        """True when the whole period lies on or before ``day``."""
        return self.end <= day

    def __str__(self) -> str:
        return self.label


def _check_year(year: int, text: str) -> None:
    if not 1900 <= year <= 2100:
        raise PeriodError(f"{text!r}: the year {year} is outside 1900-2100")


def parse_period(text: str, kind: str | None = None) -> Period:
    """Read a period label.

    Parameters
    ----------
    text : str
        ``2011``, ``2011-H1``/``2011H1``, ``2011-Q3``/``2011K3``, ``2013-01``/``2013M01``
        or ``2006-01-18``.
    kind : str, optional
        When given, the label must be of this kind.

    Raises
    ------
    PeriodError
        For labels that do not exist (``2013H3``, ``2013-13``, ``2013-02-30``) or do
        not match ``kind``.
    """
    label = str(text).strip()
    if kind is not None and kind not in KINDS:
        raise PeriodError(f"unknown period kind {kind!r}; expected one of {', '.join(KINDS)}")
    for found_kind, pattern in _PATTERNS:
        match = pattern.match(label)
        if not match:
            continue
        year = int(match["y"])
        _check_year(year, label)
        if found_kind == "year":
            period = Period(date(year, 1, 1), date(year, 12, 31), "year", f"{year}")
        elif found_kind == "half_year":
            n = int(match["n"])
            if n not in (1, 2):
                raise PeriodError(f"{label!r} is not a half-year: a year has only H1 and H2")
            start = date(year, 1 if n == 1 else 7, 1)
            end = date(year, 6, 30) if n == 1 else date(year, 12, 31)
            period = Period(start, end, "half_year", f"{year}-H{n}")
        elif found_kind == "quarter":
            n = int(match["n"])
            if not 1 <= n <= 4:
                raise PeriodError(f"{label!r} is not a quarter: a year has only Q1-Q4")
            start = date(year, 3 * n - 2, 1)
            end_month = 3 * n
            end = date(year, end_month, calendar.monthrange(year, end_month)[1])
            period = Period(start, end, "quarter", f"{year}-Q{n}")
        elif found_kind == "month":
            n = int(match["n"])
            if not 1 <= n <= 12:
                raise PeriodError(f"{label!r} is not a month: months run 01-12")
            end = date(year, n, calendar.monthrange(year, n)[1])
            period = Period(date(year, n, 1), end, "month", f"{year}-{n:02d}")
        else:
            try:
                day = date(year, int(match["m"]), int(match["d"]))
            except ValueError:
                raise PeriodError(f"{label!r} is not a date that exists") from None
            period = Period(day, day, "date", day.isoformat())
        if kind is not None and period.kind != kind:
            raise PeriodError(
                f"{label!r} is a {period.kind.replace('_', '-')}, not a {kind.replace('_', '-')}"
            )
        return period
    raise PeriodError(
        f"{label!r} is not a period; expected a year (2011), half-year (2011-H1), "
        "quarter (2011-Q3), month (2013-01) or date (2006-01-18)"
    )


_DATE_LABEL = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def parse_date_label(text: str) -> Period:
    """Read a publication or document date as precise as its source gives it:
    ``2011`` (a year), ``2009-04`` (a month) or ``2016-12-12`` (a day).

    The result is the :class:`Period` the date may mean: ``end`` is the last day it
    can stand for (``2011`` -> 31 December 2011), so a date is *certainly* past on
    ``end``.

    Raises
    ------
    PeriodError
        For anything else (``2009-4``, ``2011-H2``, ``april 2009``) or a day that
        does not exist.
    """
    label = str(text).strip()
    if not _DATE_LABEL.match(label):
        raise PeriodError(
            f"{text!r} is not a date; expected YYYY, YYYY-MM or YYYY-MM-DD (2011, 2009-04, "
            "2016-12-12)"
        )
    return parse_period(label)


def latest_date(labels: Iterable[str]) -> str:
    """The latest of several date labels (:func:`parse_date_label`), compared by the
    last day each can mean (``2011`` is later than ``2011-11``); ``""`` when any
    is empty (unknown) or none is given."""
    labels = list(labels)
    if not labels or any(not str(label).strip() for label in labels):
        return ""
    return max(labels, key=lambda label: (parse_date_label(label).end, -len(label)))


_HALF_YEAR = re.compile(r"^(?P<y>\d{4})H(?P<n>\d)$")


@total_ordering
@dataclass(frozen=True)
class HalfYear:
    """A report half-year such as ``2013H2``.

    Examples
    --------
    >>> HalfYear.parse("2013H2").end
    datetime.date(2013, 12, 31)
    >>> [str(h) for h in HalfYear.range(HalfYear.parse("2013H2"), HalfYear.parse("2014H2"))]
    ['2013H2', '2014H1', '2014H2']
    """

    year: int
    half: int

    def __post_init__(self) -> None:
        if self.half not in (1, 2):
            raise PeriodError(f"{self.year}H{self.half} is not a half-year: use H1 or H2")
        _check_year(self.year, f"{self.year}H{self.half}")

    @classmethod
    def parse(cls, text: str) -> HalfYear:
        """Read ``YYYYH1`` or ``YYYYH2`` (strictly: this is a report parameter).

        Raises
        ------
        PeriodError
            With an example of the expected form.
        """
        match = _HALF_YEAR.fullmatch(str(text))
        if not match:
            raise PeriodError(
                f"{text!r} is not a half-year; write the year and H1 or H2, e.g. 2013H2"
            )
        return cls(int(match["y"]), int(match["n"]))

    @classmethod
    def is_label(cls, text: str) -> bool:
        """True for a string :meth:`parse` reads (``2013H2``), e.g. a report folder's name."""
        try:
            cls.parse(text)
        except PeriodError:
            return False
        return True

    @classmethod
    def containing(cls, day: date) -> HalfYear:
        """The half-year ``day`` falls in (30 June 2009 -> 2009H1)."""
        return cls(day.year, 1 if day.month <= 6 else 2)

    @property
    def start(self) -> date:
        return date(self.year, 1 if self.half == 1 else 7, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.half == 1 else date(self.year, 12, 31)

    @property
    def period(self) -> Period:
        """The same half-year as a reference :class:`Period`."""
        return parse_period(f"{self.year}-H{self.half}")

    def next(self) -> HalfYear:
        return HalfYear(self.year + self.half - 1, 2 if self.half == 1 else 1)

    def previous(self) -> HalfYear:
        return HalfYear(self.year - (self.half == 1), 1 if self.half == 2 else 2)

    @staticmethod
    def range(first: HalfYear, last: HalfYear) -> list[HalfYear]:
        """All half-years from ``first`` to ``last`` inclusive.

        Raises
        ------
        PeriodError
            When ``first`` comes after ``last``.
        """
        if first > last:
            raise PeriodError(f"the first half-year {first} comes after the last {last}")
        out = [first]
        while out[-1] < last:
            out.append(out[-1].next())
        return out

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, HalfYear):
            return NotImplemented
        return (self.year, self.half) < (other.year, other.half)

    def __str__(self) -> str:
        return f"{self.year}H{self.half}"

    def label_da(self) -> str:
        """Danish label, e.g. ``2. halvår 2013``."""
        return f"{self.half}. halvår {self.year}"


MONTHS_DA = (
    "januar", "februar", "marts", "april", "maj", "juni",
    "juli", "august", "september", "oktober", "november", "december",
)  # fmt: skip


def period_da(label: str) -> str:
    """A period in Danish: ``2013-01`` -> ``januar 2013``, ``2011-H2`` -> ``2. halvår 2011``,
    ``2008-Q4`` -> ``4. kvartal 2008``, ``2009-03-01`` -> ``01.03.2009``."""
    period = parse_period(label)
    year = period.start.year
    if period.kind == "half_year":
        return f"{1 if period.start.month == 1 else 2}. halvår {year}"
    if period.kind == "quarter":
        return f"{(period.start.month + 2) // 3}. kvartal {year}"
    if period.kind == "month":
        return f"{MONTHS_DA[period.start.month - 1]} {year}"
    if period.kind == "date":
        return f"{period.start:%d.%m.%Y}"
    return str(year)


#: The half-years the workspace evaluates by default: from the first policy with goals in
#: force (2005-2007) to the end of the 2011-2014 policy.
REPORT_FIRST, REPORT_LAST = HalfYear(2007, 1), HalfYear(2014, 2)


def report_periods() -> list[HalfYear]:
    """The default report half-years, 2007H1 to 2014H2."""
    return HalfYear.range(REPORT_FIRST, REPORT_LAST)
