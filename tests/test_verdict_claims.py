"""The colours the committed reports publish are claims a policy expert can defend: walked
over every scorecard and report, on the real goals named in issue 12."""

import csv
import re

import pytest

from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear, parse_period
from helpers.evaluation import rules
from helpers.report.layout import SCORECARD_FILE

REPORTS = Workspace.default().reports
HALF_YEARS = sorted(
    (p.name for p in REPORTS.iterdir() if p.is_dir() and HalfYear.is_label(p.name)),
    key=HalfYear.parse,
)


def scorecard(half_year: str) -> dict[str, dict]:
    with open(REPORTS / half_year / SCORECARD_FILE, encoding="utf-8") as handle:
        return {row["goal_id"]: row for row in csv.DictReader(handle)}


def test_the_reports_cover_2007_to_2014():
    assert HALF_YEARS[0] == "2007H1" and HALF_YEARS[-1] == "2014H2" and len(HALF_YEARS) == 16


@pytest.mark.parametrize("half_year", HALF_YEARS)
def test_no_colour_rests_on_fewer_figures_than_its_rule_declares(half_year):
    for goal_id, row in scorecard(half_year).items():
        assert row["colour"] == rules.COLOURS[row["verdict"]], goal_id
        if row["colour"] == "white":
            assert row["missing"] or row["verdict"] in ("target_not_set", "not_measurable")
            continue
        need = rules.REQUIREMENTS[row["rule"]]
        assert int(row["rule_points"]) >= need.min_points, (half_year, goal_id, row["rule"])
        assert int(row["n_obs"]) >= 1


def test_every_interval_says_where_its_uncertainty_comes_from():
    for half_year in HALF_YEARS:
        for goal_id, row in scorecard(half_year).items():
            basis = row["uncertainty_basis"]
            if row["lower80"]:
                assert basis.startswith(("own series", "borrowed from ")), (half_year, goal_id)
            else:
                assert basis == "none", (half_year, goal_id)


def test_the_2013h2_verdicts_named_in_the_issue():
    card = scorecard("2013H2")
    # the ICC rank target is an interpretation, and ranks get no growth rule
    assert card["POL11-OM"]["colour"] != "green"
    assert card["POL11-OM"]["verdict"] == "no_rule_for_scale"
    # one 2008 figure cannot show the 2011-14 staff goal achieved
    assert card["POL11-HM3a"]["colour"] != "green"
    assert card["POL11-HM3a"]["verdict"] == "figure_too_old"
    # the managers' figure exists; what is missing is the benchmark
    assert card["POL11-HM3b"]["verdict"] == "no_benchmark"
    assert card["POL11-HM3b"]["latest_value"] == "1.5"
    # over-unemployment: two figures from two publishers are too little for the level rule
    hm2 = card["POL11-HM2"]
    assert hm2["verdict"] in ("too_little_data", "insufficient_progress", "moving_away")
    assert hm2["goal_ids"] == "BIU11-OM1, POL11-HM2"
    assert hm2["uncertainty_basis"].startswith("borrowed from overunemployment_pp/born_abroad")


def test_no_goal_has_a_colour_before_its_document_existed():
    # OU09 (document 002, April 2009) and the 2011 documents (dated 2011 only: 2011H2)
    first = {"OKF05": "2006H2", "OU09": "2009H1", "BIU11": "2011H2", "POL11": "2011H2"}
    for half_year in HALF_YEARS:
        for row in scorecard(half_year).values():
            for goal_id in row["goal_ids"].split(", "):
                code = goal_id.split("-")[0]
                assert HalfYear.parse(half_year) >= HalfYear.parse(first[code]), goal_id


def test_findings_appear_only_once_their_documents_exist():
    with open(Workspace.default().processed / "findings.csv", encoding="utf-8") as handle:
        findings = list(csv.DictReader(handle))
    report = (REPORTS / "2007H1" / "evaluation_report.html").read_text(encoding="utf-8")
    shown = set(re.findall(r"FND-\d\d", report))
    later = {f["finding_id"] for f in findings if parse_period(f["dated"]).start.year >= 2009}
    assert later and not shown & later
    assert shown == {f["finding_id"] for f in findings if f["dated"] == "2006"}


def test_default_reports_mark_figures_published_later():
    report = (REPORTS / "2013H2" / "evaluation_report.html").read_text(encoding="utf-8")
    # F001: 10,9 pp for 2011, first published in the 2017 barometer
    assert "2017 (offentliggjort senere)" in report
    assert "Rapporten bruger alle tal, hvis referenceperiode slutter" in report
