"""The figures the documents report themselves, checked by hand against the text."""

import re

import pytest

from helpers import pipeline
from helpers.core.periods import parse_period
from helpers.goals.documents import squash

# figure id -> (indicator, group, period, value, unit, approximate, document line)
EXPECTED = {
    "D-OKF05-01": ("job_applicant_share", "ethnic_minorities", "2005", 6.5, "percent", True, 20),
    "D-OKF05-02": ("municipal_staff_share", "ethnic_minorities", "2005", 1.7, "percent", False, 21),
    "D-OU09-01": (
        "municipal_staff_share",
        "non_western_immigrants_and_descendants",
        "2008",
        10.7,
        "percent",
        False,
        18,
    ),
    "D-OU09-02": (
        "workforce_share",
        "non_western_immigrants_and_descendants",
        "2008",
        10.5,
        "percent",
        False,
        18,
    ),
    "D-OU09-03": (
        "employment_rate",
        "immigrants_and_descendants",
        "2008-08",
        59.9,
        "percent",
        False,
        22,
    ),
    "D-OU09-04": (
        "vulnerable_housing_areas_count",
        "welfare_ministry_list_areas",
        "2007",
        5.0,
        "count",
        False,
        26,
    ),
    "D-OU09-05": (
        "vulnerable_housing_areas_count",
        "welfare_ministry_list_areas",
        "2009-03-01",
        2.0,
        "count",
        False,
        26,
    ),
    "D-OU09-06": (
        "advisory_contacts_count",
        "ethnic_minorities",
        "2008",
        692.0,
        "count",
        False,
        42,
    ),
    "D-OU09-07": (
        "entrepreneur_course_participants",
        "ethnic_minorities",
        "2008",
        55.0,
        "persons",
        False,
        42,
    ),
    "D-OU09-08": (
        "integration_positions_count",
        "ethnic_minorities",
        "2007",
        29.0,
        "count",
        False,
        55,
    ),
    "D-OU09-09": (
        "integration_positions_count",
        "ethnic_minorities",
        "2008",
        27.0,
        "count",
        False,
        55,
    ),
    "D-OU09-10": (
        "anti_discrimination_course_spending",
        "all",
        "2008",
        300.0,
        "thousand_dkk",
        False,
        80,
    ),
    "D-OU09-11": ("additional_apprentices_count", "all", "2008-H2", 50.0, "count", True, 103),
    "D-OU09-12": ("social_clauses_count", "all", "2009", 450.0, "count", True, 123),
    "D-BIU11-01": (
        "company_activation_share",
        "ethnic_minorities",
        "2011",
        10.0,
        "percent",
        False,
        225,
    ),
    "D-POL11-01": (
        "employment_gap_pp",
        "ethnic_minorities",
        "2011",
        20.0,
        "percentage_points",
        True,
        282,
    ),
    "D-POL11-02": (
        "flexjob_waiting_share",
        "ethnic_minorities",
        "2011",
        18.0,
        "percent",
        False,
        313,
    ),
    "D-POL11-03": (
        "flexjob_eligible_share",
        "ethnic_minorities",
        "2011",
        13.0,
        "percent",
        False,
        315,
    ),
}


@pytest.fixture(scope="module")
def results(ws):
    return pipeline.clean_goals(ws, write=False).tables["document_results.csv"]


def test_every_reported_figure(results):
    assert set(results["figure_id"]) == set(EXPECTED)
    for row in results.itertuples():
        indicator, group, period, value, unit, approximate, line = EXPECTED[row.figure_id]
        assert (row.indicator, row.group, row.period) == (indicator, group, period), row.figure_id
        assert (row.value, row.unit, row.approximate, row.line) == (value, unit, approximate, line)


def test_provenance(ws, results):
    assert results["figure_id"].is_unique
    for row in results.itertuples():
        raw = (ws.raw / "policy_documents" / row.document).read_text(encoding="utf-8")
        assert row.quote in squash(raw), row.figure_id
        assert re.fullmatch(rf"D-{row.doc_code}-\d\d", row.figure_id)
        assert parse_period(row.period).kind == row.period_kind
        assert row.geography.startswith("copenhagen")


def test_published_values_are_kept(results):
    by_id = results.set_index("figure_id")
    assert by_id.loc["D-OU09-04", "value_as_published"] == "fem"
    assert by_id.loc["D-OU09-05", "value_as_published"] == "Mjølnerparken og Tingbjerg"
    assert by_id.loc["D-OU09-10", "value_as_published"] == "300.000 kr."
    assert by_id.loc["D-POL11-01", "qualifier"] == "op mod"
    assert "ikke bekræftet" in by_id.loc["D-OKF05-01", "note"]
    # the 1,7 % of 2005 is stated in two rows of the sheet; one figure
    assert "stated again at line 25" in by_id.loc["D-OKF05-02", "note"]
