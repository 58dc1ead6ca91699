"""Reading Danish goal sentences: every sentence is copied verbatim from the documents
(the raw line is given), every expectation was checked by hand against the text."""

import pytest

from helpers.goals.sentences import (
    TargetReading,
    counts_over_the_period,
    implied_baseline,
    read_level,
    read_periods,
    read_target,
    read_targets,
)

# (sentence as the cleaned document text has it, document:line,
#  kind, direction, target, unit, deadline, baseline period)
CASES = [
    (
        "Overledigheden blandt etniske minoriteter skal være på max 5,8 procentpoint i 2014.",
        "003:30",
        "quantitative",
        "at_most",
        5.8,
        "percentage_points",
        "2014",
        "",
    ),
    (
        "Overledigheden blandt etniske minoriteter skal være på max 5,8 % i 2014.",
        "004:187",
        "quantitative",
        "at_most",
        5.8,
        "percent",
        "2014",
        "",
    ),
    (
        "Der gennemføres yderligere mindst 500 kombinationsforløb med sprogundervisning årligt "
        "frem mod udgangen af 2014.",
        "003:168",
        "quantitative",
        "at_least",
        500.0,
        "count",
        "2014-H2",
        "",
    ),
    (
        "Rettidighedsprocenten for indvandrere og efterkommere med ikke vestlig baggrund bosat i "
        "et udvalgt boligområde skal være på mindst 95 pct.",
        "003:186",
        "quantitative",
        "at_least",
        95.0,
        "percent",
        "",
        "",
    ),
    (
        "Der skal i 2014 være en højere aktiveringsgrad for personer bosat i et udvalgt "
        "boligområde end i 2010.",
        "003:189",
        "directional",
        "increase",
        None,
        "",
        "2014",
        "2010",
    ),
    (
        "30 procent af aktiveringen af etniske minoriteter ultimo 2014 sker i virksomhederne som "
        "enten praktik eller løntilskud – private såvel som offentlige.",
        "003:214",
        "quantitative",
        "at_least",
        30.0,
        "percent",
        "2014-H2",
        "",
    ),
    (
        "Andelen af etniske minoriteter, der føler sig inkluderet, skal stige.",
        "003:32",
        "directional",
        "increase",
        None,
        "",
        "",
        "",
    ),
    (
        "Andelen af etniske minoriteter, der oplever diskrimination, skal falde",
        "003:34",
        "directional",
        "decrease",
        None,
        "",
        "",
        "",
    ),
    (
        "Øget gennemførelse af danskuddannelse også for kursister med svage forudsætninger.",
        "003:146",
        "directional",
        "increase",
        None,
        "",
        "",
        "",
    ),
    (
        "At København er den bedst integrerende storby i Europa i 2015",
        "004:158",
        "interpreted",
        "at_most",
        1.0,
        "rank",
        "2015",
        "",
    ),
    (
        "Kommunes medarbejder- og ledersammensætning skal afspejle arbejdsstyrken i forhold til "
        "etnicitet og uddannelsesmønster.",
        "004:277",
        "directional",
        "reflect",
        None,
        "",
        "",
        "",
    ),
    (
        "I perioden til og med år 2010 skal andelen af beskæftigede indvandrere i kommunen øges "
        "med 10 procentpoint til ca. 64 % målt i forhold til Integrationsbarometret.",
        "002:10",
        "quantitative",
        "at_least",
        64.0,
        "percent",
        "2010",
        "",
    ),
    (
        "Der må ikke komme nye udsatte boligområder i Københavns Kommune.",
        "002:11",
        "directional",
        "at_most",
        None,
        "",
        "",
        "",
    ),
    (
        "At mindst 150 etniske iværksættere og virksomheder modtager rådgivning i 2008",
        "002:38",
        "quantitative",
        "at_least",
        150.0,
        "count",
        "2008",
        "",
    ),
    (
        "Der skal ansættes minimum 30 integrations og oplæringsstillinger i 2009",
        "002:51",
        "quantitative",
        "at_least",
        30.0,
        "count",
        "2009",
        "",
    ),
    (
        "Forøge antallet af elever og lærlinge med 50.",
        "002:99",
        "quantitative",
        "at_least",
        50.0,
        "count",
        "",
        "",
    ),
    (
        "Gennemførelse af tre projekter, der kan medvirke til at løfte kvarteret fysisk og "
        "samtidig fremme integrationen på Ydre Nørrebro.",
        "002:111",
        "milestone",
        "achieve",
        3.0,
        "count",
        "",
        "",
    ),
    (
        "At Københavns Erhvervscenter indgår i div. projekter omkring målgruppen",
        "002:38",
        "qualitative",
        "achieve",
        None,
        "",
        "",
        "",
    ),
    (
        "Gennemførelse af oplysningsarbejde, kampagner og uddannelse afhængig af behovet herfor.",
        "002:77",
        "qualitative",
        "achieve",
        None,
        "",
        "",
        "",
    ),
    (
        "der skal oprettes 30 integrationsstillinger fra 2009 til 2011",
        "002:151",
        "quantitative",
        "at_least",
        30.0,
        "count",
        "2011",
        "",
    ),
]


@pytest.mark.parametrize(
    ("text", "where", "kind", "direction", "target", "unit", "deadline", "baseline"),
    CASES,
    ids=[c[1] for c in CASES],
)
def test_goal_sentences_are_read_as_written(
    text, where, kind, direction, target, unit, deadline, baseline
):
    reading = read_target(text)
    assert reading.kind == kind
    assert reading.direction == direction
    assert reading.target_value == target
    assert reading.unit == unit
    assert reading.target_period == deadline
    assert reading.baseline_period == baseline


def test_placeholders_leave_the_target_empty():
    # 004 lines 233, 320, 363, 367: the policy writes "X %" and "(XX)"
    for text, direction in [
        (
            "De faglige resultater skal forbedres med X % for de 25 procent svageste tosprogede "
            "elever",
            "increase",
        ),
        (
            "Etniske minoriteters inklusionsindeks forbedres med X % sammenlignet med etniske "
            "danskere (sammensat af mål for diskrimination, oplevet indflydelse og tillid - "
            "surveybaseret)",
            "increase",
        ),
        (
            "Etniske minoriteters brug af kommunale tilbud i udsatte områder skal stige med X % "
            "(daginstitutioner, sociale tilbud, fritidsfaciliteter)",
            "increase",
        ),
        ("Tryghedsindekset skal gå i positiv retning (XX)", "increase"),
    ]:
        reading = read_target(text)
        assert reading.kind == "target_not_set"
        assert reading.target_value is None, "the '25 procent' names the group, not a target"
        assert reading.direction == direction


def test_a_stated_change_and_approximate_level_are_both_kept():
    # 002 line 10: "+10 procentpoint til ca. 64 %"
    reading = read_target(
        "I perioden til og med år 2010 skal andelen af beskæftigede indvandrere i kommunen øges "
        "med 10 procentpoint til ca. 64 % målt i forhold til Integrationsbarometret."
    )
    assert (reading.change, reading.change_unit) == (10.0, "percentage_points")
    assert reading.approximate


def test_a_change_to_a_level_implies_the_baseline():
    # 002 line 10: "øges med 10 procentpoint til ca. 64 %" starts from 64 - 10 = 54
    text = (
        "I perioden til og med år 2010 skal andelen af beskæftigede indvandrere i kommunen øges "
        "med 10 procentpoint til ca. 64 % målt i forhold til Integrationsbarometret."
    )
    reading = read_target(text)
    assert reading.baseline_value == reading.target_value - reading.change == 54.0
    assert "implied" in reading.notes[0] and "about 54" in reading.notes[0]
    assert reading.baseline_period == "", "the sentence names no baseline period"
    assert counts_over_the_period(text), "'I perioden til og med' counts over the period"
    assert not counts_over_the_period("Der skal ansættes minimum 30 ... i 2009")


def test_only_a_change_in_the_levels_own_terms_implies_a_baseline():
    # a change in per cent of a level is relative: 64 % after "+10 %" is not 54 %
    relative = TargetReading(
        "quantitative", "at_least", 64.0, unit="percent", change=10.0, change_unit="percent"
    )
    assert implied_baseline(relative) is None
    # a decrease adds the change back: "reduceres med 2 procentpoint til 5 %" starts at 7
    fall = TargetReading(
        "quantitative", "at_most", 5.0, unit="percent", change=2.0, change_unit="percentage_points"
    )
    assert implied_baseline(fall) == 7.0


def test_a_superlative_is_read_as_rank_one_and_marked_interpreted():
    # 004 line 158: no number is written; "den bedst ..." is read as 1st place
    reading = read_target("At København er den bedst integrerende storby i Europa i 2015")
    assert (reading.kind, reading.target_value, reading.unit) == ("interpreted", 1.0, "rank")
    assert reading.notes[0].startswith("interpreted target: the text writes no number")
    plain = read_target("Overledigheden blandt etniske minoriteter skal være på max 5,8 % i 2014.")
    assert plain.kind == "quantitative", "a written number is not an interpretation"


def test_a_yearly_target_is_marked():
    reading = read_target(
        "Der gennemføres yderligere mindst 500 kombinationsforløb med sprogundervisning årligt "
        "frem mod udgangen af 2014."
    )
    assert reading.per_year


def test_a_table_column_gives_the_deadline():
    # 001 line 20, columns "Resultatkrav 2007" and "Resultatkrav 2006"
    r2007 = read_target(
        "Fremgang i andelen af ansøgere med anden etnisk oprindelse end dansk til 10 %.", "2007"
    )
    r2006 = read_target(
        "2,4 % af ØKFs medarbejdere er af anden etnisk oprindelse end dansk", "2006"
    )
    assert (r2007.kind, r2007.direction, r2007.target_value, r2007.target_period) == (
        "quantitative",
        "at_least",
        10.0,
        "2007",
    )
    assert (r2006.target_value, r2006.unit, r2006.target_period) == (2.4, "percent", "2006")
    milestone = read_target(
        "Der skal være afholdt arkitektkonkurrence for Superkilen og DSB-arealet", "2007"
    )
    assert (milestone.kind, milestone.direction, milestone.target_period) == (
        "milestone",
        "achieve",
        "2007",
    )


def test_a_stepped_target_is_two_targets():
    # 002 line 151 (budget note 2)
    steps = read_targets("30 elev- og praktikpladser i 2009 stigende til 50 pladser i 2011")
    assert [(r.target_value, r.target_period) for _, r in steps] == [(30.0, "2009"), (50.0, "2011")]


def test_periods():
    assert read_periods("... ultimo 2014 ...")[0] == "2014-H2"
    assert read_periods("... frem mod udgangen af 2014.")[0] == "2014-H2"
    assert read_periods("I perioden til og med år 2010 skal ...")[0] == "2010"
    assert read_periods("Der skal ... i 2014 ... end i 2010.")[:2] == ("2014", "2010")
    assert read_periods("ingen frist", "2006")[0] == "2006"


def test_reported_levels_of_the_sheet():
    # 001 lines 20-21, column "Resultat 2005"
    assert read_level(
        "Det er skønnet at 6,5 % ud af alle ansøgere til ØKF er fra nydanskere.*"
    ) == (
        6.5,
        "percent",
        True,
        "skønnet",
    )
    assert read_level("1,7 % af ØKFs medarbejdere er af anden etnisk oprindelse end dansk") == (
        1.7,
        "percent",
        False,
        "",
    )
    assert (
        read_level(
            "Rapport med analyse, strategi og projekt -idéer for Mimersgadekvarteret er udarbejdet"
        )
        is None
    )
