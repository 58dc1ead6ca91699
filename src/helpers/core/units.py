"""The units of the workspace and their words: one definition for every stage.

A unit code (``percentage_points``, ``percent``, ``count`` ...) is what the goal
registry, the outcome table and the catalogue of indicators store. How a unit is
written after a number in Danish (``5,8 procentpoint``, ``3. plads``), in the
English notes, on a chart axis, and how many decimals a report shows, is defined
here and nowhere else; :func:`helpers.core.danish.format_value` uses it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Unit:
    """One unit and its words.

    Attributes
    ----------
    code : str
        The code stored in the tables.
    da : str
        Written after a number in Danish text (``""`` for a bare number; a word
        starting with ``.`` is glued to the number: ``3. plads``).
    en : str
        Written after a number in the English notes.
    axis_da : str
        A chart's y-axis label.
    decimals : int
        Decimals a report shows by default.
    whole : bool
        Values are whole numbers (counts of people or things, ranks).
    scale : str
        ``ratio`` (a true zero: shares, counts, money; growth rates make sense),
        ``interval`` (differences make sense, ratios do not: percentage-point gaps,
        indices, grades) or ``ordinal`` (only the order makes sense: ranks).
    """

    code: str
    da: str
    en: str
    axis_da: str
    decimals: int = 0
    whole: bool = False
    scale: str = "ratio"


UNITS: dict[str, Unit] = {
    u.code: u
    for u in (
        Unit(
            "percentage_points",
            "procentpoint",
            "percentage points",
            "procentpoint",
            1,
            scale="interval",
        ),
        Unit("percent", "%", "%", "procent", 1),
        Unit("count", "", "", "antal", 0, whole=True),
        Unit("persons", "personer", "persons", "personer", 0, whole=True),
        Unit("thousand_persons", "tusind personer", "thousand persons", "1.000 personer", 1),
        Unit("rank", ". plads", "rank", "placering (1 = bedst)", 0, whole=True, scale="ordinal"),
        Unit("index", "", "", "indeks", 0, scale="interval"),
        Unit("grade", "", "", "karakter", 1, scale="interval"),
        Unit("thousand_dkk", "(1.000 kr.)", "thousand DKK", "1.000 kr.", 0),
        Unit("dkk_million", "mio. kr.", "million DKK", "mio. kr.", 1),
    )
}
#: Units whose values are whole numbers.
WHOLE_UNITS = tuple(code for code, unit in UNITS.items() if unit.whole)
#: How the policy documents write a unit in a goal sentence -> unit code.
WRITTEN_DA: dict[str, str] = {
    "procentpoint": "percentage_points",
    "%-point": "percentage_points",
    "%": "percent",
    "pct": "percent",
    "pct.": "percent",
    "procent": "percent",
}


def words_da(code: str) -> str:
    """The Danish word after a number (the code itself for an unknown unit)."""
    return UNITS[code].da if code in UNITS else code


def words_en(code: str) -> str:
    """The English word after a number (the code itself for an unknown unit)."""
    return UNITS[code].en if code in UNITS else code


def axis_label_da(code: str) -> str:
    """The Danish y-axis label of a chart in this unit."""
    return UNITS[code].axis_da if code in UNITS else code


def scale_of(code: str) -> str:
    """The unit's scale (``ratio``, ``interval`` or ``ordinal``); ``interval`` for an
    unknown unit, the weakest scale on which a level rule still makes sense."""
    return UNITS[code].scale if code in UNITS else "interval"


def default_decimals(code: str) -> int:
    """Decimals a report shows for the unit (0 for an unknown unit)."""
    return UNITS[code].decimals if code in UNITS else 0
