"""Reading Danish goal sentences: every sentence is copied verbatim from the documents
(the raw line is given), every expectation was checked by hand against the text."""

import pytest

from helpers.goals import sentences
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


# --- every field of a reading, branch by branch (found by mutation testing: MODULES=sentences)


def test_a_decrease_by_points_to_a_level_implies_the_baseline_above_it():
    r = sentences.read_target("Ledigheden skal nedbringes med 2 procentpoint til 8 % i 2014.")
    # down to 8 % by 2 points: it starts from 8 + 2 = 10 (the target plus the change)
    assert (r.kind, r.direction, r.target_value, r.unit, r.target_period) == (
        "quantitative",
        "at_most",
        8.0,
        "percent",
        "2014",
    )
    assert (r.change, r.change_unit, r.baseline_value, r.approximate) == (
        2.0,
        "percentage_points",
        10.0,
        False,
    )
    assert r.notes == (
        "the baseline, 10, is implied: the target plus the stated change (8 + 2); the "
        "document does not state it",
    )


def test_an_approximate_increase_says_about():
    r = sentences.read_target("Beskæftigelsen skal øges med 10 procentpoint til ca. 64 % i 2010.")
    assert (r.direction, r.baseline_value, r.approximate) == ("at_least", 54.0, True)
    assert r.notes[0].startswith("the baseline, about 54, is implied: the target less the stated")
    assert "(64 - 10)" in r.notes[0]


def test_a_change_in_the_levels_own_unit_implies_no_baseline_from_points_of_points():
    # "med 2 procentpoint til 8 procentpoint": a change of a gap is not a level of points
    r = sentences.read_target("Gabet skal nedbringes med 2 procentpoint til 8 procentpoint i 2014.")
    assert (r.change, r.change_unit, r.baseline_value, r.notes) == (
        2.0,
        "percentage_points",
        None,
        (),
    )
    # an unknown change ("med X procentpoint") is no change at all
    r = sentences.read_target("Andelen skal øges med X procentpoint til 60 % i 2012.")
    assert (r.target_value, r.change, r.change_unit) == (60.0, None, "")


def test_an_increase_without_a_level_is_the_target_itself():
    r = sentences.read_target("Antallet af praktikpladser skal øges med 50 i 2011.")
    assert (r.kind, r.direction, r.target_value, r.unit) == ("quantitative", "at_least", 50.0,
                                                             "count")  # fmt: skip
    assert r.notes == ("the target is the increase itself (+50); no level is stated",)
    # an increase by an unknown number ("med X pladser") names no target
    r = sentences.read_target("Antallet af pladser skal øges med X pladser i 2011.")
    assert (r.kind, r.direction, r.target_value) == ("directional", "increase", None)
    r = sentences.read_target("Andelen skal øges med 5 procentpoint i 2011.")
    assert (r.target_value, r.unit) == (5.0, "percentage_points")


@pytest.mark.parametrize(
    ("text", "unit", "period"),
    [
        ("Andelen skal være X % ultimo 2014.", "percent", "2014-H2"),
        ("Der skal være (XX) pladser i 2012.", "", "2012"),
    ],
)
def test_a_placeholder_sets_no_target_but_keeps_unit_and_period(text, unit, period):
    r = sentences.read_target(text)
    assert (r.kind, r.direction, r.target_value, r.unit, r.target_period) == (
        "target_not_set",
        "achieve",
        None,
        unit,
        period,
    )
    assert r.notes == ("the document writes a placeholder ('X %' or '(XX)') for the target",)


def test_a_placeholder_keeps_the_direction_baseline_year_and_period_note():
    r = sentences.read_target("Andelen skal øges til X % fra 2008 til 2010, mere end i 2007.")
    assert (r.direction, r.target_period, r.baseline_period) == ("increase", "2010", "2007")
    assert r.notes == (
        "stated as from 2008 to 2010",
        "the document writes a placeholder ('X %' or '(XX)') for the target",
    )


def test_counts_in_words_and_figures_and_the_period_note():
    r = sentences.read_target("Der skal oprettes fire nye pladser.")
    assert (r.kind, r.direction, r.target_value, r.unit) == ("quantitative", "at_least", 4.0,
                                                             "count")  # fmt: skip
    r = sentences.read_target("Der skal oprettes 30 nye pladser fra 2008 til 2010.")
    assert (r.kind, r.direction, r.target_value, r.unit, r.target_period) == (
        "quantitative",
        "at_least",
        30.0,
        "count",
        "2010",
    )
    assert r.notes == ("stated as from 2008 to 2010",)


def test_directional_milestone_and_qualitative_statements_keep_their_notes():
    r = sentences.read_target("Andelen skal øges fra 2008 til 2010.")
    assert (r.kind, r.direction, r.target_period, r.notes) == (
        "directional",
        "increase",
        "2010",
        ("stated as from 2008 to 2010",),
    )
    r = sentences.read_target("En strategi skal vedtages fra 2008 til 2009.")
    assert (r.kind, r.direction, r.target_period, r.notes) == (
        "milestone",
        "achieve",
        "2009",
        ("stated as from 2008 to 2009",),
    )
    r = sentences.read_target("Borgerne skal opleve tryghed.")
    assert r == sentences.TargetReading("qualitative", "achieve")


def test_the_best_is_read_as_rank_one():
    r = sentences.read_target("København skal være den bedste by i 2012.")
    assert (r.kind, r.direction, r.target_value, r.unit) == ("interpreted", "at_most", 1.0, "rank")
    assert r.notes == (
        "interpreted target: the text writes no number; 'den bedste ...' (the best) is read as "
        "rank 1, first place in the ranking that measures it",
    )


def test_a_stepped_target_and_the_default_period():
    steps = sentences.read_targets(
        "30 elev- og praktikpladser stigende til 50 pladser i 2011", "2010"
    )
    # the first step names no year: it takes the default (the table column's year)
    assert [(r.target_value, r.target_period) for _, r in steps] == [(30.0, "2010"),
                                                                     (50.0, "2011")]  # fmt: skip
    assert steps[1][1].notes == ("a later step of: 30 elev- og praktikpladser",)
    (only,) = sentences.read_targets("Der skal oprettes 30 nye pladser.")
    assert only[1].target_period == ""  # no year and no default
    assert sentences.read_periods("Noget") == ("", "", "")
    assert sentences.read_periods("Noget", "2013") == ("2013", "", "")


def test_periods_say_nothing_unless_from_to():
    for text in ("ultimo 2014", "til og med 2012", "i 2011"):
        assert sentences.read_periods(text)[2] == ""


def test_an_estimated_level_in_any_case():
    assert sentences.read_level("Det er SKØNNET at 6,5 % ud af alle ansøgere") == (
        6.5,
        "percent",
        True,
        "skønnet",
    )


def test_implied_baseline_needs_both_a_change_and_a_target():
    r = sentences.TargetReading("quantitative", "at_least", 64.0, unit="percent",
                                change_unit="percentage_points")  # fmt: skip
    assert sentences.implied_baseline(r) is None  # no change
    r = sentences.TargetReading("quantitative", "at_least", None, unit="percent", change=10.0,
                                change_unit="percentage_points")  # fmt: skip
    assert sentences.implied_baseline(r) is None  # no target
    r = sentences.TargetReading("quantitative", "at_least", 0.3, unit="percent", change=0.1,
                                change_unit="percentage_points")  # fmt: skip
    assert sentences.implied_baseline(r) == 0.2  # rounded: not 0.19999999999999998


def test_a_number_target_keeps_its_baseline_year():
    # "end i 2010" names the baseline year; "i 2014" the deadline
    r = sentences.read_target("Der skal i 2014 være 30 flere pladser end i 2010.")
    assert (r.target_value, r.target_period, r.baseline_period) == (30.0, "2014", "2010")


def test_only_later_steps_are_marked_and_one_statement_takes_the_default_period():
    first, second = sentences.read_targets("30 pladser i 2009 stigende til 50 pladser i 2011")
    assert first[1].notes == () and second[1].notes == ("a later step of: 30 pladser i 2009",)
    (only,) = sentences.read_targets("Der skal oprettes 30 nye pladser.", "2012")
    assert only == ("Der skal oprettes 30 nye pladser.", sentences.read_target(only[0], "2012"))
    assert only[1].target_period == "2012"


def test_a_target_whose_number_was_lost_is_found():
    text = "Overledigheden skal være på max procentpoint i 2014."
    assert sentences.missing_number(text) == "max procentpoint"
    assert sentences.missing_number(text.replace("max ", "max 5,8 ")) is None
