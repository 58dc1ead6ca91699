"""Danish wording for the findings' ``description_da``: periods in words, lists, plurals
and indicator names, the way a council member reads them (numbers and units:
:mod:`helpers.core.danish`)."""

from __future__ import annotations

import re

from helpers.core import reference
from helpers.core.paths import Workspace
from helpers.core.periods import MONTHS_DA


def period(label: str) -> str:
    """A period label (``helpers.core.periods`` form) in Danish words.

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
        return f"{MONTHS_DA[int(match[2]) - 1]} {match[1]}"
    if match := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", label):
        return f"{int(match[3])}. {MONTHS_DA[int(match[2]) - 1]} {match[1]}"
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
    table = reference.catalogue(ws)
    return {
        code: _in_sentence(name) for code, name in zip(table["code"], table["name_da"], strict=True)
    }


def _in_sentence(name: str) -> str:
    """Lower-case the first letter unless the first word is an acronym ("PISA-læsescore")."""
    if len(name) > 1 and name[1].islower():
        return name[0].lower() + name[1:]
    return name
