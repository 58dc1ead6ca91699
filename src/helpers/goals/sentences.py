"""Read what a Danish goal sentence promises: kind, direction, target, unit, deadline.

:func:`read_target` reads one goal statement as the documents write it, e.g.

* ``"... skal være på max 5,8 procentpoint i 2014"`` -> quantitative, at_most 5.8
  percentage_points, 2014;
* ``"... øges med 10 procentpoint til ca. 64 %"`` -> quantitative, at_least 64 percent
  (approximate), with a change of +10 percentage points and so a baseline of about
  64 - 10 = 54 percent (:func:`implied_baseline`);
* ``"... den bedst integrerende storby i Europa i 2015"`` -> interpreted: no number is
  written, "the best" is read as rank 1 (kind ``interpreted``, not ``quantitative``);
* ``"... forbedres med X %"`` or ``"(XX)"`` -> target_not_set (no number is guessed);
* ``"... skal stige"`` / ``"skal falde"`` / ``"skal afspejle ..."`` -> directional;
* ``"Der skal være afholdt arkitektkonkurrence ..."`` with a deadline -> milestone;
* anything else -> qualitative.

Deadlines (:func:`read_periods`): ``"i 2014"`` -> ``2014``; ``"ultimo 2014"`` and
``"(frem mod) udgangen af 2014"`` -> ``2014-H2``; ``"til og med år 2010"`` -> ``2010``;
``"fra 2009 til 2011"`` -> ``2011``; ``"end i 2010"`` is a baseline period;
``"I perioden til og med år 2010"`` counts a change over the whole policy period
(:func:`counts_over_the_period`; the registry dates such a baseline). Every label is
checked with :func:`helpers.core.periods.parse_period`.

Numbers are read with :func:`helpers.core.danish.parse_number` ("5,8", "15.290", "ca. 64",
number words such as "tre"); the rules here only decide *which* number is the target.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from helpers.core.danish import NUMBER_WORDS, format_shortest, parse_number
from helpers.core.periods import parse_period
from helpers.core.units import WRITTEN_DA

#: A Danish numeral: "5,8", "64", "15.290", "1.234,5".
NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
#: Number words that can be a target ("to".."tyve"; "en"/"et" are articles).
_WORDS = "|".join(sorted((w for w, n in NUMBER_WORDS.items() if n >= 2), key=len, reverse=True))
_UNIT = r"procentpoint|%-point|%|pct\.?|procent\b"
BOUNDS = {
    "max": "at_most",
    "max.": "at_most",
    "maks.": "at_most",
    "højst": "at_most",
    "mindst": "at_least",
    "min.": "at_least",
    "minimum": "at_least",
}

PLACEHOLDER = re.compile(r"\bX\s*%|\(XX\)|\bXX\b")
_BOUND = re.compile(
    rf"\b(?P<bound>max\.?|maks\.?|højst|mindst|min\.|minimum)\s+(?P<n>{NUM})\s*(?P<unit>{_UNIT})?"
)
_TO_LEVEL = re.compile(rf"\btil\s+(?P<q>ca\.\s+|cirka\s+)?(?P<n>{NUM})\s*(?P<unit>{_UNIT})")
_BY_CHANGE = re.compile(rf"\bmed\s+(?P<n>{NUM}|X)\s*(?P<unit>{_UNIT})?(?=[\s.,)]|$)")
_LEVEL_FIRST = re.compile(rf"^(?:At\s+)?(?P<n>{NUM})\s*(?P<unit>{_UNIT})\s+af\b")
_COUNT = re.compile(rf"\b(?P<n>{NUM})\s+(?P<noun>[a-zæøå][\wæøå-]*)")
_WORD_COUNT = re.compile(rf"\b(?P<n>{_WORDS})\s+(?P<noun>[a-zæøå][\wæøå-]*)")
_SUPERLATIVE = re.compile(r"\bden bedst\w*\b")
#: A bound or level word followed directly by a unit: the number is missing.
_NO_NUMBER = re.compile(
    rf"\b(?:max\.?|maks\.?|højst|mindst|min\.|minimum|til(?:\s+ca\.)?|med|på)\s+(?:{_UNIT})"
    r"(?=[\s.,;)]|$)",
    re.IGNORECASE,
)

_INCREASE = re.compile(
    r"\b(?:stige|stigende|øges|øget|øge|forøge|forbedres|forbedre|højere|fremgang|"
    r"positiv retning|flere|mere|styrke|styrkes)\b",
    re.IGNORECASE,
)
_DECREASE = re.compile(
    r"\b(?:falde|reduceres|reducere|nedbringes|lavere|færre|mindskes|mindske)\b", re.IGNORECASE
)
_REFLECT = re.compile(r"\bafspejle\b", re.IGNORECASE)
_NO_NEW = re.compile(r"\bikke\s+komme\s+nye\b", re.IGNORECASE)
_MILESTONE = re.compile(
    r"^(?:At\s+udarbejde|Der\s+skal\s+være\s+afholdt|Der\s+er\s+gennemført|Afdækning|"
    r"Gennemførelse\s+af|Etablering\s+af)|\berhverves\b|\ber\s+udarbejdet\b",
    re.IGNORECASE,
)
_PER_YEAR = re.compile(r"\bårligt\b|\bom året\b", re.IGNORECASE)

_END_OF = re.compile(r"\b(?:ultimo|udgangen\s+af)\s+(?P<y>\d{4})\b")
_THROUGH = re.compile(r"\btil\s+og\s+med\s+(?:år\s+)?(?P<y>\d{4})\b")
_FROM_TO = re.compile(r"\bfra\s+(?P<y1>\d{4})\s+til\s+(?P<y2>\d{4})\b")
_BASELINE_YEAR = re.compile(r"\bend\s+i\s+(?P<y>\d{4})\b")
_IN_YEAR = re.compile(r"\bi\s+(?P<y>\d{4})\b")
_STEP = re.compile(r"\s+stigende\s+til\s+")
_OVER_THE_PERIOD = re.compile(r"\bi\s+perioden\s+til\s+og\s+med\b", re.IGNORECASE)


@dataclass(frozen=True)
class TargetReading:
    """What one goal statement promises (see module docstring).

    ``change``/``change_unit`` keep a stated change ("med 10 procentpoint");
    ``notes`` explain readings a reader should know about.
    """

    kind: str
    direction: str
    target_value: float | None = None
    target_period: str = ""
    unit: str = ""
    baseline_value: float | None = None
    baseline_period: str = ""
    approximate: bool = False
    change: float | None = None
    change_unit: str = ""
    per_year: bool = False
    notes: tuple[str, ...] = field(default_factory=tuple)


def _period(label: str) -> str:
    return parse_period(label).label


def read_periods(text: str, default: str = "") -> tuple[str, str, str]:
    """The target period, baseline period and a note read from ``text``.

    Parameters
    ----------
    text : str
        A goal statement.
    default : str
        The target period when the text names none (e.g. a table column's year).

    Examples
    --------
    >>> read_periods("30 procent af aktiveringen af etniske minoriteter ultimo 2014 sker i ...")
    ('2014-H2', '', '')
    >>> read_periods("Der skal i 2014 være en højere aktiveringsgrad ... end i 2010.")
    ('2014', '2010', '')
    """
    baseline = ""
    if match := _BASELINE_YEAR.search(text):
        baseline = _period(match["y"])
        text = text[: match.start()] + text[match.end() :]
    if match := _END_OF.search(text):
        return _period(f"{match['y']}-H2"), baseline, ""
    if match := _THROUGH.search(text):
        return _period(match["y"]), baseline, ""
    if match := _FROM_TO.search(text):
        return _period(match["y2"]), baseline, f"stated as from {match['y1']} to {match['y2']}"
    if match := _IN_YEAR.search(text):
        return _period(match["y"]), baseline, ""
    return (_period(default) if default else ""), baseline, ""


def _unit(word: str | None) -> str:
    return WRITTEN_DA[word.lower()] if word else "count"


def _direction(text: str) -> str:
    if _REFLECT.search(text):
        return "reflect"
    if _NO_NEW.search(text):
        return "at_most"
    if _DECREASE.search(text):
        return "decrease"
    if _INCREASE.search(text):
        return "increase"
    return ""


def _is_year(match: re.Match[str]) -> bool:
    return bool(re.fullmatch(r"(19|20)\d\d", match["n"]))


def counts_over_the_period(text: str) -> bool:
    """True when a goal counts its change over the whole policy period ("I perioden
    til og med år 2010 skal ... øges med ..."): its baseline is the level when the
    period began.

    Examples
    --------
    >>> counts_over_the_period("I perioden til og med år 2010 skal andelen ... øges")
    True
    """
    return bool(_OVER_THE_PERIOD.search(text))


#: A change in these units can be taken from a level in the key's unit.
_CHANGE_OF = {"percent": "percentage_points", "count": "count", "persons": "persons"}


def implied_baseline(reading: TargetReading) -> float | None:
    """The level a stated change starts from: target less the change for an increase,
    plus the change for a decrease ("øges med 10 procentpoint til ca. 64 %" -> 54).

    Only a change in the level's own terms counts (percentage points of a percentage,
    a count of a count); a change in per cent of a level ("med 10 %") is relative and
    implies no baseline.
    """
    if reading.change is None or reading.target_value is None:
        return None
    if _CHANGE_OF.get(reading.unit) != reading.change_unit:
        return None
    sign = 1.0 if reading.direction == "at_most" else -1.0
    return round(reading.target_value + sign * reading.change, 10)


def _number_target(text: str) -> TargetReading | None:
    """The quantitative part of a statement, or None when it names no target number."""
    trend = _direction(text)
    level_direction = "at_most" if trend == "decrease" else "at_least"
    if match := _TO_LEVEL.search(text):
        parsed = parse_number((match["q"] or "") + match["n"])
        change = _BY_CHANGE.search(text[: match.start()])
        reading = TargetReading(
            "quantitative",
            level_direction,
            parsed.value,
            unit=_unit(match["unit"]),
            approximate=parsed.approximate,
        )
        if change and change["n"] != "X":
            reading = replace(
                reading,
                change=parse_number(change["n"]).value,
                change_unit=_unit(change["unit"]),
            )
            baseline = implied_baseline(reading)
            if baseline is not None:
                about = "about " if reading.approximate else ""
                word, op = ("plus", "+") if level_direction == "at_most" else ("less", "-")
                reading = replace(
                    reading,
                    baseline_value=baseline,
                    notes=(
                        f"the baseline, {about}{format_shortest(baseline)}, is implied: the "
                        f"target {word} the stated change ({format_shortest(reading.target_value)}"
                        f" {op} {format_shortest(reading.change)}); the document does not "
                        "state it",
                    ),
                )
        return reading
    if match := _BOUND.search(text):
        return TargetReading(
            "quantitative",
            BOUNDS[match["bound"].lower()],
            parse_number(match["n"]).value,
            unit=_unit(match["unit"]),
        )
    if match := _SUPERLATIVE.search(text):
        return TargetReading(
            "interpreted",
            "at_most",
            1.0,
            unit="rank",
            notes=(
                f"interpreted target: the text writes no number; '{match[0]} ...' (the best) "
                "is read as rank 1, first place in the ranking that measures it",
            ),
        )
    if match := _LEVEL_FIRST.search(text):
        return TargetReading(
            "quantitative",
            level_direction,
            parse_number(match["n"]).value,
            unit=_unit(match["unit"]),
        )
    change = _BY_CHANGE.search(text)
    if change and change["n"] != "X" and trend == "increase":
        value = parse_number(change["n"]).value
        return TargetReading(
            "quantitative",
            "at_least",
            value,
            unit=_unit(change["unit"]),
            notes=(f"the target is the increase itself (+{change['n']}); no level is stated",),
        )
    for match in _COUNT.finditer(text):
        if not _is_year(match):
            return TargetReading(
                "quantitative", "at_least", parse_number(match["n"]).value, unit="count"
            )
    if match := _WORD_COUNT.search(text):
        return TargetReading(
            "quantitative", "at_least", parse_number(match["n"]).value, unit="count"
        )
    return None


def missing_number(text: str) -> str | None:
    """The words of a target whose number is missing ("max procentpoint i 2014", as a
    re-export that lost a figure would leave it), else None.

    A target the document leaves open on purpose is written with a placeholder
    ("X %", "(XX)") and is not a missing number.

    Examples
    --------
    >>> missing_number("Overledigheden skal være på max procentpoint i 2014.")
    'max procentpoint'
    >>> missing_number("Overledigheden skal være på max 5,8 procentpoint i 2014.") is None
    True
    """
    match = _NO_NUMBER.search(text)
    return match.group(0) if match else None


def read_target(text: str, default_period: str = "") -> TargetReading:
    """Read one goal statement (see module docstring).

    Parameters
    ----------
    text : str
        The statement, cleaned (one line, hyphenation joined).
    default_period : str
        The deadline when the statement names none (a table column's year).

    Examples
    --------
    >>> r = read_target("Overledigheden blandt etniske minoriteter skal være på max 5,8 "
    ...                 "procentpoint i 2014.")
    >>> (r.kind, r.direction, r.target_value, r.unit, r.target_period)
    ('quantitative', 'at_most', 5.8, 'percentage_points', '2014')
    """
    target_period, baseline_period, period_note = read_periods(text, default_period)
    notes = (period_note,) if period_note else ()
    per_year = bool(_PER_YEAR.search(text))
    if PLACEHOLDER.search(text):
        placeholder = re.search(rf"X\s*(?P<unit>{_UNIT})", text)
        return TargetReading(
            "target_not_set",
            _direction(text) or "achieve",
            None,
            target_period,
            _unit(placeholder["unit"]) if placeholder else "",
            baseline_period=baseline_period,
            notes=(*notes, "the document writes a placeholder ('X %' or '(XX)') for the target"),
        )
    number = _number_target(text)
    if number is not None:
        kind = "milestone" if _MILESTONE.search(text) else number.kind
        direction = "achieve" if kind == "milestone" else number.direction
        return replace(
            number,
            kind=kind,
            direction=direction,
            target_period=target_period,
            baseline_period=baseline_period,
            per_year=per_year,
            notes=(*number.notes, *notes),
        )
    direction = _direction(text)
    if direction:
        return TargetReading(
            "directional",
            direction,
            target_period=target_period,
            baseline_period=baseline_period,
            notes=notes,
        )
    if target_period:
        return TargetReading("milestone", "achieve", target_period=target_period, notes=notes)
    return TargetReading("qualitative", "achieve", notes=notes)


def read_targets(text: str, default_period: str = "") -> list[tuple[str, TargetReading]]:
    """Read a statement that may hold a stepped target.

    ``"30 elev- og praktikpladser i 2009 stigende til 50 pladser i 2011"`` is two
    targets (30 in 2009, 50 in 2011). Returns ``(clause, reading)`` pairs; one pair
    for an ordinary statement.
    """
    parts = _STEP.split(text)
    if len(parts) == 1:
        return [(text, read_target(text, default_period))]
    out: list[tuple[str, TargetReading]] = []
    for index, part in enumerate(parts):
        reading = read_target(part, default_period)
        if index > 0:
            reading = replace(reading, notes=(*reading.notes, f"a later step of: {parts[0]}"))
        out.append((part, reading))
    return out


def read_level(text: str) -> tuple[float, str, bool, str] | None:
    """A reported level such as ``"1,7 % af ØKFs medarbejdere ..."`` or ``"Det er
    skønnet at 6,5 % ud af alle ansøgere ..."``: (value, unit, approximate,
    qualifier), or None when the text reports no percentage."""
    match = re.search(rf"(?P<n>{NUM})\s*(?P<unit>{_UNIT})", text)
    if not match:
        return None
    parsed = parse_number(match["n"])
    estimated = re.search(r"\bskønne[ts]\b", text[: match.start()], re.IGNORECASE)
    if estimated:
        return parsed.value, _unit(match["unit"]), True, "skønnet"
    return parsed.value, _unit(match["unit"]), parsed.approximate, parsed.qualifier or ""
