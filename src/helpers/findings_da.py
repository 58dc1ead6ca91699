"""Danish wording for the findings' ``description_da``: numbers, units, periods,
lists and indicator names, the way a council member reads them."""

from __future__ import annotations

import math
import re

from helpers import indicators
from helpers.danish import UNIT_WORDS_DA, format_number
from helpers.paths import Workspace

UNITS = {
    "percent": "%",
    "percentage_points": "procentpoint",
    "persons": "personer",
    "count": "",
    "thousand_dkk": "(1.000 kr.)",
    "dkk_million": "mio. kr.",
    "rank": ". plads",
}
MONTHS = (
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
)


def number(value: float) -> str:
    """A number in its shortest Danish form.

    Examples
    --------
    >>> number(7520), number(5.8), number(-0.25), number(100000)
    ('7.520', '5,8', '-0,25', '100.000')
    """
    value = float(value)
    if math.isnan(value):
        return format_number(value)
    for decimals in range(3):
        if abs(round(value, decimals) - value) < 1e-9:
            return format_number(value, decimals)
    return format_number(value, 3)


def value(amount: float, unit: str) -> str:
    """A number with its Danish unit word.

    Examples
    --------
    >>> value(5.8, "percentage_points"), value(6.5, "percent"), value(3, "rank")
    ('5,8 procentpoint', '6,5 %', '3. plads')
    """
    word = UNITS.get(unit, UNIT_WORDS_DA.get(unit, unit))
    if unit == "rank":
        return f"{number(amount)}{word}"
    return f"{number(amount)} {word}".strip()


def period(label: str) -> str:
    """A period label (``helpers.periods`` form) in Danish words.

    Examples
    --------
    >>> period("2014-H2"), period("2011"), period("2013-01"), period("2006-01-18")
    ('2. halvår 2014', '2011', 'januar 2013', '18. januar 2006')
    """
    if match := re.fullmatch(r"(\d{4})-H([12])", label):
        return f"{match[2]}. halvår {match[1]}"
    if match := re.fullmatch(r"(\d{4})-Q([1-4])", label):
        return f"{match[2]}. kvartal {match[1]}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})", label):
        return f"{MONTHS[int(match[2]) - 1]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", label):
        return f"{int(match[3])}. {MONTHS[int(match[2]) - 1]} {match[1]}"
    return label


def join(items) -> str:
    """``a``, ``a og b``, ``a, b og c``."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


def plural(count: int, one: str, many: str) -> str:
    """``1 mål``, ``14 mål``; ``1 felt``, ``6 felter``."""
    return f"{count} {one if count == 1 else many}"


def indicator_names(ws: Workspace) -> dict[str, str]:
    """Indicator code -> Danish name as a noun in a sentence ("antal rådgivningskontakter")."""
    table = indicators.catalogue(ws)
    return {
        code: _in_sentence(name) for code, name in zip(table["code"], table["name_da"], strict=True)
    }


def _in_sentence(name: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("PISA-læsescore")."""
    if len(name) > 1 and name[1].islower():
        return name[0].lower() + name[1:]
    return name
