"""When goals are in force: from the half-year their document is dated in to one year
after their deadline (helpers.goals.in_force)."""

from helpers.goals import documents
from helpers.goals.in_force import dated_half_year, finding_date, in_force_until


def test_a_document_known_to_the_month_is_dated_to_its_half_year():
    assert str(dated_half_year("2009-04")) == "2009H1"
    assert str(dated_half_year("2009-07")) == "2009H2"


def test_a_document_known_only_to_the_year_counts_from_its_second_half():
    # it certainly existed by 31 December, not necessarily by 30 June
    assert str(dated_half_year("2011")) == "2011H2"


def test_in_force_until_one_year_after_the_deadline_ends():
    assert str(in_force_until("2009", "2007-2010")) == "2010H2"
    assert str(in_force_until("2014-H2", "2011-2014")) == "2015H2"
    assert str(in_force_until("2014-H1", "2011-2014")) == "2015H1"
    assert str(in_force_until("2013-01", "2011-2014")) == "2014H1"


def test_without_a_deadline_until_one_year_after_the_policy_period():
    assert str(in_force_until("", "2007-2010")) == "2011H2"
    assert str(in_force_until("", "2011-2014")) == "2015H2"


def test_a_finding_about_two_documents_is_dated_by_the_later(ws):
    infos = documents.catalogue(ws)
    assert finding_date(["001_23ca76a43ab6e17f.txt", "002_eeed997eb7ee906a.txt"], infos) == (
        "2009-04"
    )
    assert finding_date(["000_f7f82afbb3675ca3.txt"], infos) == "2006"
