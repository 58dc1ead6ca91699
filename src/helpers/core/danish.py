"""Read numbers as Danish documents print them, and write them back that way.

Reading (:func:`parse_number`)
    ``"10,9"`` (decimal comma), ``"16.970"`` / ``"knap 80.000"`` (thousands
    point), ``"some 17.9"`` (an English decimal point), qualifiers such as
    ``knap``, ``ca.``, ``godt``, ``over``, ``mere end`` (the figure is then
    approximate), number words (``fire``, ``ti``) and ordinals (``tredje``,
    ``delt 8.``).

    The rule for a point: a point followed by exactly three digits (and only
    such groups, as in ``1.234.567``) is a Danish thousands separator;
    any other point is a decimal point. A comma is always a decimal comma, and
    then every point must be a thousands separator.

Writing (:func:`format_number`, :func:`format_shortest`, :func:`format_value`)
    ``5.8 -> "5,8"``, ``16970 -> "16.970"``, ``(5.8, "percentage_points") ->
    "5,8 procentpoint"``, ``7520 -> "7.520"`` (shortest). Every Danish number the
    workspace prints is written by these functions.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from helpers.core.errors import NumberFormatError
from helpers.core.units import default_decimals, words_da

#: Qualifiers that make a figure approximate, longest first (matched as prefixes).
APPROXIMATE_QUALIFIERS: tuple[str, ...] = (
    "mere end",
    "mindre end",
    "op mod",
    "lidt over",
    "lidt under",
    "more than",
    "less than",
    "cirka",
    "omkring",
    "næsten",
    "knap",
    "godt",
    "over",
    "under",
    "ca.",
    "ca",
    "ikke under",
    "roughly",
    "around",
    "about",
    "nearly",
    "almost",
    "some",
    "approximately",
    "approx.",
)
#: Qualifiers that bound a target rather than blur a figure (kept, not approximate).
BOUND_QUALIFIERS: tuple[str, ...] = (
    "minimum",
    "maksimum",
    "mindst",
    "højst",
    "maks.",
    "max.",
    "min.",
    "maks",
    "max",
    "min",
)
#: Qualifiers of ranks.
RANK_QUALIFIERS: tuple[str, ...] = ("delt",)

NUMBER_WORDS: dict[str, int] = {
    "nul": 0,
    "en": 1,
    "et": 1,
    "én": 1,
    "ét": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
    "elleve": 11,
    "tolv": 12,
    "tretten": 13,
    "fjorten": 14,
    "femten": 15,
    "seksten": 16,
    "sytten": 17,
    "atten": 18,
    "nitten": 19,
    "tyve": 20,
}
ORDINAL_WORDS: dict[str, int] = {
    "første": 1,
    "anden": 2,
    "andet": 2,
    "tredje": 3,
    "fjerde": 4,
    "femte": 5,
    "sjette": 6,
    "syvende": 7,
    "ottende": 8,
    "niende": 9,
    "tiende": 10,
}

_NUMERAL = re.compile(r"^[+\-−]?\d[\d.,]*$")
_THOUSANDS_ONLY = re.compile(r"^\d{1,3}(\.\d{3})+$")
_COMMA_DECIMAL = re.compile(r"^\d{1,3}(\.\d{3})*,\d+$|^\d+,\d+$")
_PLAIN = re.compile(r"^\d+(\.\d+)?$")


@dataclass(frozen=True)
class ParsedNumber:
    """A number read from text.

    Attributes
    ----------
    value : float
        The number.
    approximate : bool
        True when a qualifier such as ``knap`` or ``ca.`` blurs the figure.
    qualifier : str or None
        The qualifier as written (lower case), e.g. ``"knap"`` or ``"max"``.
    text : str
        The text that was read.
    """

    value: float
    approximate: bool
    qualifier: str | None
    text: str


def _split_qualifier(text: str) -> tuple[str | None, str]:
    lowered = text.lower()
    for qualifier in (*APPROXIMATE_QUALIFIERS, *BOUND_QUALIFIERS, *RANK_QUALIFIERS):
        if lowered.startswith(qualifier + " ") or (
            qualifier.endswith(".") and lowered.startswith(qualifier) and len(text) > len(qualifier)
        ):
            return qualifier, text[len(qualifier) :].strip()
    return None, text


def parse_numeral(text: str) -> float:
    """Read a bare numeral written the Danish way (or with an English decimal point).

    Parameters
    ----------
    text : str
        E.g. ``"10,9"``, ``"16.970"``, ``"-0,3"``, ``"17.9"``, ``"1.234,5"``.

    Raises
    ------
    NumberFormatError
        When the numeral is malformed or ambiguous (``"1,234,5"``, ``"12.34,5"``).
    """
    raw = text.strip()
    sign = -1.0 if raw[:1] in "-−" else 1.0
    body = raw.lstrip("+-−").strip()
    if not body or not _NUMERAL.match(body):
        raise NumberFormatError(f"{text!r} is not a number")
    if "," in body:
        if not _COMMA_DECIMAL.match(body):
            raise NumberFormatError(
                f"{text!r} is not a Danish number: write a decimal comma with thousands "
                "points, e.g. '1.234,5' or '10,9'"
            )
        return sign * float(body.replace(".", "").replace(",", "."))
    if _THOUSANDS_ONLY.match(body):
        return sign * float(body.replace(".", ""))
    if _PLAIN.match(body):
        return sign * float(body)
    raise NumberFormatError(f"{text!r} is not a number: more than one decimal point")


def parse_number(text: str) -> ParsedNumber:
    """Read a figure as published: numeral, qualifier, number word or ordinal.

    Parameters
    ----------
    text : str
        E.g. ``"10,9"``, ``"knap 80.000"``, ``"some 17.9"``, ``"fire"``, ``"delt 8."``.

    Returns
    -------
    ParsedNumber

    Raises
    ------
    NumberFormatError
        When the text holds no readable number.

    Examples
    --------
    >>> parse_number("knap 80.000")
    ParsedNumber(value=80000.0, approximate=True, qualifier='knap', text='knap 80.000')
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        raise NumberFormatError("the value is empty")
    original = str(text)
    cleaned = " ".join(original.replace("\u00a0", " ").split())
    if not cleaned:
        raise NumberFormatError("the value is empty")
    qualifier, rest = _split_qualifier(cleaned)
    rest = rest.rstrip("%").strip()
    approximate = qualifier in APPROXIMATE_QUALIFIERS
    word = rest.lower().rstrip(".")
    if "plads" in word:  # "femteplads", "tredjepladsen"
        word = word[: word.index("plads")]
    if word in NUMBER_WORDS:
        return ParsedNumber(float(NUMBER_WORDS[word]), approximate, qualifier, original)
    if word in ORDINAL_WORDS:
        return ParsedNumber(float(ORDINAL_WORDS[word]), approximate, qualifier, original)
    if rest.endswith(".") and rest[:-1].isdigit():  # Danish ordinal "8."
        return ParsedNumber(float(rest[:-1]), approximate, qualifier, original)
    try:
        value = parse_numeral(rest)
    except NumberFormatError as exc:
        raise NumberFormatError(f"{original!r} holds no readable number ({exc})") from None
    return ParsedNumber(value, approximate, qualifier, original)


def format_number(value: float | None, decimals: int = 1) -> str:
    """Format a number the Danish way: decimal comma, thousands point.

    Missing values (None, NaN) become an en dash, the Danish table convention.

    Examples
    --------
    >>> format_number(5.8)
    '5,8'
    >>> format_number(16970, 0)
    '16.970'
    >>> format_number(-0.25, 2)
    '-0,25'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    text = f"{abs(value):,.{decimals}f}".replace(",", "\x00").replace(".", ",")
    text = text.replace("\x00", ".")
    negative = value < 0 and any(ch not in "0.," for ch in text)
    return ("-" if negative else "") + text


def format_shortest(value: float) -> str:
    """A number in its shortest Danish form (up to three decimals), for notes and prose.

    Examples
    --------
    >>> format_shortest(7520), format_shortest(5.8), format_shortest(-0.25)
    ('7.520', '5,8', '-0,25')
    """
    value = float(value)
    if math.isnan(value):
        return format_number(value)
    for decimals in range(3):
        if abs(round(value, decimals) - value) < 1e-9:
            return format_number(value, decimals)
    return format_number(value, 3)


def format_value(
    value: float | None, unit: str, decimals: int | Literal["shortest"] | None = None
) -> str:
    """Format a number with its unit in Danish (words from :mod:`helpers.core.units`).

    Parameters
    ----------
    value : float or None
    unit : str
        A unit code such as ``"percentage_points"`` or ``"percent"``.
    decimals : int, "shortest" or None
        None: the unit's default (1 for rates and gaps, 0 for counts);
        ``"shortest"``: :func:`format_shortest`.

    Examples
    --------
    >>> format_value(5.8, "percentage_points")
    '5,8 procentpoint'
    >>> format_value(10.7, "percent")
    '10,7 %'
    >>> format_value(3, "rank", "shortest")
    '3. plads'
    """
    if decimals == "shortest":
        number = "–" if value is None else format_shortest(value)
    else:
        number = format_number(value, default_decimals(unit) if decimals is None else decimals)
    if number == "–":
        return number
    word = words_da(unit)
    if word.startswith("."):
        return f"{number}{word}"
    return f"{number} {word}".strip()


def format_probability(p: float | None) -> str:
    """Format a probability as a Danish percentage, with honest ends.

    Examples
    --------
    >>> format_probability(0.004)
    'under 1 %'
    >>> format_probability(0.42)
    '42 %'
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "–"
    if p < 0.01:
        return "under 1 %"
    if p > 0.99:
        return "over 99 %"
    return f"{format_number(100 * p, 0)} %"
