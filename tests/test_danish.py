"""Danish numbers as the register and the documents print them."""

import pytest

from helpers.core.danish import format_number, format_probability, format_value, parse_number
from helpers.core.errors import NumberFormatError


@pytest.mark.parametrize(
    ("text", "value", "approximate", "qualifier"),
    [
        ("10,9", 10.9, False, None),  # F001: decimal comma
        ("knap 80.000", 80000.0, True, "knap"),  # F193: qualifier + thousands point
        ("some 17.9", 17.9, True, "some"),  # F002: English source, decimal point
        ("ca. 52", 52.0, True, "ca."),
        ("godt 80", 80.0, True, "godt"),  # F190
        ("55.480", 55480.0, False, None),  # F010: thousands point
        ("4.5", 4.5, False, None),  # F198: decimal point
        ("fire", 4.0, False, None),  # F082: number word
        ("ti", 10.0, False, None),  # F083
        ("tredje", 3.0, False, None),  # F195: ordinal
        ("delt femte", 5.0, False, "delt"),  # F191: shared rank
        ("delt 8.", 8.0, False, "delt"),  # F206: Danish ordinal with a point
        ("roughly 94", 94.0, True, "roughly"),
        ("-0,3", -0.3, False, None),
        ("1.234.567,5", 1234567.5, False, None),
        ("min. 30", 30.0, False, "min."),  # bound, not approximate
        ("mere end 50", 50.0, True, "mere end"),
    ],
)
def test_parse_number_reads_published_forms(text, value, approximate, qualifier):
    parsed = parse_number(text)
    assert parsed.value == pytest.approx(value)
    assert parsed.approximate is approximate
    assert parsed.qualifier == qualifier


@pytest.mark.parametrize("text", ["", "  ", "n/a", "1,234,5", "12.34,5", "1.2.3", ".."])
def test_parse_number_rejects_unreadable_values(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_every_register_value_parses(ws):
    import csv

    with open(ws.raw / "published_figures" / "published_figures.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) > 200
    for row in rows:
        parse_number(row["value_as_published"])  # raises on the first unreadable one


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (5.8, 1, "5,8"),
        (16970, 0, "16.970"),
        (135913, 0, "135.913"),
        (-0.25, 2, "-0,25"),
        (-0.04, 1, "0,0"),
        (1234567.891, 2, "1.234.567,89"),
        (None, 1, "–"),
        (float("nan"), 1, "–"),
    ],
)
def test_format_number_danish(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_value_with_units():
    assert format_value(5.8, "percentage_points") == "5,8 procentpoint"
    assert format_value(10.7, "percent") == "10,7 %"
    assert format_value(16970, "count") == "16.970"


def test_format_probability_keeps_honest_ends():
    assert format_probability(0.0001) == "under 1 %"
    assert format_probability(0.999) == "over 99 %"
    assert format_probability(0.425) == "42 %"


# --- edges: each rule of the module at its boundary (found by mutation testing) -------------


@pytest.mark.parametrize(
    ("text", "value", "qualifier"),
    [
        ("ca.10", 10.0, "ca."),  # a qualifier ending in a point needs no space after it
        ("knap\u00a010,9", 10.9, "knap"),  # a non-breaking space, as Word writes it
        ("12 %", 12.0, None),
        ("12.", 12.0, None),  # a Danish ordinal: all its digits, not the first
        ("femte.", 5.0, None),  # an ordinal word with its point
        ("femteplads", 5.0, None),
        ("tredjepladsen", 3.0, None),
        ("ca. fire", 4.0, "ca."),
    ],
)
def test_parse_number_edges(text, value, qualifier):
    parsed = parse_number(text)
    assert (parsed.value, parsed.qualifier, parsed.text) == (value, qualifier, text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "the value is empty"),
        (float("nan"), "the value is empty"),
        (" \u00a0 ", "the value is empty"),
        ("n/a", "'n/a' holds no readable number ('n/a' is not a number)"),
        ("12X", "'12X' holds no readable number ('12X' is not a number)"),
        ("X5", "'X5' holds no readable number ('X5' is not a number)"),
        ("ca.", "'ca.' holds no readable number ('ca.' is not a number)"),
        ("1.2.3", "'1.2.3' holds no readable number ('1.2.3' is not a number: more than one "
                  "decimal point)"),
        ("1,234,5", "'1,234,5' holds no readable number ('1,234,5' is not a Danish number: "
                    "write a decimal comma with thousands points, e.g. '1.234,5' or '10,9')"),
    ],
)  # fmt: skip
def test_parse_number_says_why_it_refuses(text, message):
    with pytest.raises(NumberFormatError) as error:
        parse_number(text)
    assert str(error.value) == message


def test_format_number_default_is_one_decimal():
    assert format_number(5.83) == "5,8"


@pytest.mark.parametrize(
    ("value", "expected"),
    [(7520, "7.520"), (5.8, "5,8"), (-0.25, "-0,25"), (1 / 3, "0,333"), (2.0000000001, "2"),
     (2.5, "2,5"), (float("nan"), "–")],
)  # fmt: skip
def test_format_shortest_uses_as_few_decimals_as_the_value_needs(value, expected):
    from helpers.core.danish import format_shortest

    assert format_shortest(value) == expected


def test_format_value_shortest_missing_and_explicit_decimals():
    assert format_value(5.25, "percent", "shortest") == "5,25 %"
    assert format_value(3, "rank", "shortest") == "3. plads"  # a rank: "3. plads", no space
    assert format_value(None, "percent", "shortest") == "–"
    assert format_value(None, "percent") == "–"
    assert format_value(float("nan"), "percentage_points") == "–"
    assert format_value(5.8, "percent", 2) == "5,80 %"


@pytest.mark.parametrize(
    ("p", "expected"),
    [(None, "–"), (float("nan"), "–"), (0.01, "1 %"), (0.0099, "under 1 %"), (0.99, "99 %"),
     (0.9901, "over 99 %")],
)  # fmt: skip
def test_format_probability_ends_are_strict(p, expected):
    assert format_probability(p) == expected
