"""When a goal is in force: ``in_force_from`` and ``in_force_to`` (half-years, ``2009H1``).

``in_force_from``
    The half-year in which the goal's document was dated (adopted or published):
    the half-year of the *last* day its date in ``documents.csv`` can mean, so
    that the document certainly existed by the end of it. ``2009-04`` -> 2009H1;
    a document known only to the year (``2011``) -> 2011H2, since it certainly
    existed by 31 December but perhaps not by 30 June. ``date_evidence`` in
    ``documents.csv`` quotes the words each date is read from.
``in_force_to``
    The half-year that ends one year after the end of the goal's deadline
    (``target_period``): a year 2014 -> 2015H2, a half-year 2014-H2 -> 2015H2,
    2014-H1 -> 2015H1. A goal without a deadline: one year after the end of its
    ``policy_period`` (2007-2010 -> 2011H2).

A finding exists once all the documents it is about exist: its ``dated`` is the
latest of their dates (:func:`finding_date`).
"""

from __future__ import annotations

from datetime import date

from helpers.core.periods import HalfYear, latest_date, parse_date_label, parse_period
from helpers.goals.documents import DocumentInfo
from helpers.goals.records import Goal


def dated_half_year(published: str) -> HalfYear:
    """The half-year by whose end a document dated ``published`` certainly existed.

    Examples
    --------
    >>> str(dated_half_year("2009-04")), str(dated_half_year("2011"))
    ('2009H1', '2011H2')
    """
    return HalfYear.containing(parse_date_label(published).end)


def _one_year_after(day: date) -> date:
    if day.month == 2 and day.day == 29:
        return date(day.year + 1, 2, 28)
    return date(day.year + 1, day.month, day.day)


def in_force_until(target_period: str, policy_period: str) -> HalfYear:
    """The last half-year a goal is in force (see module docstring).

    Examples
    --------
    >>> str(in_force_until("2014-H2", "2011-2014")), str(in_force_until("", "2007-2010"))
    ('2015H2', '2011H2')
    """
    if target_period:
        end = parse_period(target_period).end
    else:
        end = parse_period(str(policy_period).split("-")[-1]).end
    return HalfYear.containing(_one_year_after(end))


def attach_in_force(goals: list[Goal], infos: list[DocumentInfo]) -> None:
    """Set every goal's ``in_force_from`` and ``in_force_to``."""
    published = {info.document: info.published for info in infos}
    for goal in goals:
        goal.in_force_from = str(dated_half_year(published[goal.document]))
        goal.in_force_to = str(in_force_until(goal.target_period, goal.policy_period))


def finding_date(documents: list[str], infos: list[DocumentInfo]) -> str:
    """The latest date of the documents a finding is about (``documents.csv``'s form)."""
    published = {info.document: info.published for info in infos}
    return latest_date(published[name] for name in documents)
