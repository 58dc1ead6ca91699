"""Figures the policy documents report themselves (``document_results.csv``).

Each figure is read from the text by a :class:`ResultPattern` (a regular expression
with named groups: ``v`` the value, ``y``/``yy``/``month``/``d`` the period, ``q``
a qualifier, ``names`` a list of named places whose count is the value, ``subject``
the words the indicator mapping is matched against) or, for the ØKF sheet, from its
``Resultat 2005`` column. Values are parsed with :func:`helpers.core.danish.parse_number`,
periods with :func:`helpers.core.periods.parse_period`; indicator, group and geography
come from ``data/reference/goal_indicators.csv``. Nothing is typed in by hand.

Periods: a stated year, month or date; "ved udgangen af 2008" is ``2008-H2``;
"I 08" is 2008; "i dag" / "på nuværende tidspunkt" is the document's publication
year (``documents.csv``), said so in the note. ``figure_id`` is
``D-<doc_code>-NN``, numbered in reading order within the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.core.danish import parse_number
from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace
from helpers.core.periods import parse_period
from helpers.goals import indicator_map
from helpers.goals.documents import PolicyDocument, squash
from helpers.goals.sentences import NUM, read_level
from helpers.goals.structure import Statement, section_at
from helpers.goals.structure import sections as find_sections

RESULT_COLUMNS = [
    "figure_id",
    "indicator",
    "group",
    "geography",
    "period",
    "period_kind",
    "value",
    "unit",
    "approximate",
    "qualifier",
    "value_as_published",
    "document",
    "doc_code",
    "line",
    "quote",
    "note",
]
_MONTH_NAMES = "januar februar marts april maj juni juli august september oktober november december"
MONTHS = {name: number for number, name in enumerate(_MONTH_NAMES.split(), start=1)}
_MONTH = "|".join(MONTHS)
_NAMES = r"[A-ZÆØÅ][\wæøå]+(?:(?:, | og )[A-ZÆØÅ][\wæøå]+)*"


@dataclass(frozen=True)
class ResultPattern:
    """How to read one kind of reported figure from one document.

    ``period`` is ``stated`` (from the groups), ``end_of_year`` (``<y>-H2``) or
    ``published`` (the document's publication year); ``scale`` converts the
    stated unit to the indicator's (kr. -> thousand kr.: 0.001).
    """

    doc_code: str
    regex: str
    period: str = "stated"
    subject: str = ""
    scale: float = 1.0
    section: str = ""
    note: str = ""


PATTERNS: tuple[ResultPattern, ...] = (
    ResultPattern(
        "OU09",
        rf"I (?P<y>\d{{4}}) har (?P<v>{NUM}) % (?P<subject>af de ansatte i Københavns Kommune) "
        r"rødder i ikke-vestlige lande",
    ),
    ResultPattern(
        "OU09",
        rf"I (?P<y>\d{{4}}) har [^.]*?, mens (?P<v>{NUM}) % (?P<subject>af den samlede "
        r"arbejdsstyrke i København) har rødder i ikke-vestlige lande",
    ),
    ResultPattern(
        "OU09",
        rf"seneste måling fra (?P<month>{_MONTH}) (?P<y>\d{{4}}) viser Integrationsbarometret, at "
        rf"(?P<v>{NUM}) % af (?P<subject>indvandrere/efterkommere i København er i beskæftigelse)",
        note="the month of the barometer's latest measurement; the data's own reference period "
        "is not stated",
    ),
    ResultPattern(
        "OU09",
        r"I (?P<y>\d{4}) var der (?P<v>\w+) (?P<subject>udsatte boligområder) på "
        rf"Velfærdsministeriets liste: (?P<listed>{_NAMES})\.",
    ),
    ResultPattern(
        "OU09",
        rf"(?P<d>\d{{1,2}})\. (?P<month>{_MONTH}) (?P<y>\d{{4}}) var kun (?P<names>{_NAMES}) "
        r"tilbage på (?P<subject>ministeriets liste)",
        note="the count of the areas the sentence names",
    ),
    ResultPattern(
        "OU09",
        rf"har i alt haft (?P<v>{NUM}) (?P<subject>rådgivningskontakter) med [^.]*? "
        r"i (?P<y>\d{4})",
    ),
    ResultPattern(
        "OU09",
        rf"i (?P<y>\d{{4}}) og (?P<v>{NUM}) med anden etnisk baggrund har (?P<subject>deltaget "
        r"i kurser)",
    ),
    ResultPattern(
        "OU09",
        rf"[Ii] (?P<y>\d{{4}})(?: er der ansat)? (?P<v>{NUM}) personer",
        subject="integrationsstillinger",
        section="I1.2",
        note="persons hired into integration and training positions; the status adds "
        "'(4 ekstra personer planlagt)' after the 2008 figure",
    ),
    ResultPattern(
        "OU09",
        rf"I (?P<yy>\d{{2}}) er der udmøntet (?P<v>{NUM}) kr\. til kurser i "
        r"(?P<subject>anti-diskrimination)",
        scale=0.001,
        note="'I 08' read as 2008; published in kr.",
    ),
    ResultPattern(
        "OU09",
        rf"Ved udgangen af (?P<y>\d{{4}}) er der sket en (?P<subject>forøgelse på) "
        rf"(?P<q>ca\.) (?P<v>{NUM})",
        period="end_of_year",
        section="I1.6",
        note="increase in apprentices and trainees by the end of the year",
    ),
    ResultPattern(
        "OU09",
        rf"været anvendt (?P<q>ca\.) (?P<v>{NUM}) (?P<subject>sociale klausuler)",
        period="published",
        note="'på nuværende tidspunkt' (at the time of writing)",
    ),
    ResultPattern(
        "BIU11",
        rf"I dag er niveauet (?P<v>{NUM}) procent",
        period="published",
        subject="aktivering i virksomheder",
        note="'I dag' (today)",
    ),
    ResultPattern(
        "POL11",
        rf"(?P<subject>forskellen i beskæftigelsesfrekvensen) på (?P<q>op mod) (?P<v>{NUM}) % "
        r"mellem borgere med dansk og anden etnisk baggrund",
        period="published",
        note="present tense in the policy; published as '%', a gap between two rates",
    ),
    ResultPattern(
        "POL11",
        rf"flere af anden etnisk herkomst end dansk \((?P<v>{NUM}) %\), som "
        r"(?P<subject>venter på et fleksjob)",
        period="published",
        note="present tense in the policy",
    ),
    ResultPattern(
        "POL11",
        rf"(?P<subject>berettiget til et fleksjob) \((?P<v>{NUM}) %\)",
        period="published",
        note="present tense in the policy",
    ),
)


def _period(match: re.Match[str], pattern: ResultPattern, doc: PolicyDocument) -> str:
    groups = match.groupdict()
    if pattern.period == "published":
        return parse_period(doc.info.published[:4]).label
    year = groups.get("y") or (f"20{groups['yy']}" if groups.get("yy") else None)
    if year is None:
        raise ValueError(f"{pattern.regex!r} names no year")
    if pattern.period == "end_of_year":
        return parse_period(f"{year}-H2").label
    if groups.get("d"):
        month = MONTHS[groups["month"]]
        return parse_period(f"{year}-{month:02d}-{int(groups['d']):02d}").label
    if groups.get("month"):
        return parse_period(f"{year}-{MONTHS[groups['month']]:02d}").label
    return parse_period(year).label


def _sentence(
    text: str, start: int, end: int, boundaries: list[int] | tuple[int, ...] = ()
) -> tuple[int, int]:
    """The sentence of cleaned ``text`` around ``start..end``: from the last full stop
    followed by a capital or a digit, HTML tag or ``boundaries`` offset (where a
    tab-separated value begins) before it, to the next full stop followed by a
    capital, a tag or the end (or a tag)."""
    left = max((b for b in boundaries if b <= start), default=0)
    for match in re.finditer(r"\.\s+(?=[A-ZÆØÅ0-9])|>", text[: start + 1]):
        if match.end() <= start:
            left = max(left, match.end())
    end = end - 1 if text[end - 1] == "." else end
    match = re.search(r"\.(?=\s+[A-ZÆØÅ0-9]|\s*<|\s*$)|<", text[end:])
    if match is None:
        return left, len(text)
    right = end + (match.end() if match.group(0) == "." else match.start())
    return left, right


def tab_value_starts(doc: PolicyDocument) -> list[int]:
    """Offsets in the cleaned text where the value of a ``label<TAB>value`` line begins."""
    text = doc.cleaned
    first_offset: dict[int, int] = {}
    for offset, line in enumerate(text.lines):
        if line not in first_offset and not text.text[offset].isspace():
            first_offset[line] = offset
    starts = []
    for number, line in enumerate(doc.raw.split("\n"), start=1):
        if "\t" in line and number in first_offset:
            label = squash(line.split("\t", 1)[0])
            starts.append(first_offset[number] + len(label) + (1 if label else 0))
    return starts


def verbatim(doc: PolicyDocument, cleaned: str) -> str:
    """``cleaned`` as the raw text writes it (whitespace squashed)."""
    raw = squash(doc.raw)
    if cleaned in raw:
        return cleaned
    words = cleaned.split()
    head, tail = " ".join(words[:3]), " ".join(words[-2:])
    start = raw.find(head)
    end = raw.find(tail, max(start, 0))
    if start < 0 or end < 0:
        raise ValueError(f"{doc.name}: cannot find the raw text of {cleaned[:60]!r}")
    return raw[start : end + len(tail)]


def _row(
    ws: Workspace,
    doc: PolicyDocument,
    *,
    subject: str,
    value: float,
    period: str,
    approximate: bool,
    qualifier: str,
    published: str,
    line: int,
    quote: str,
    note: str,
    scale: float = 1.0,
) -> dict:
    mapping = indicator_map.indicator_for(ws, subject)
    if not mapping.indicator:
        raise InputDataError(
            [
                Problem(
                    "data/reference/goal_indicators.csv",
                    None,
                    "subject_pattern",
                    subject,
                    f"a pattern for this figure of {doc.name} (line {line})",
                )
            ]
        )
    notes = [n for n in (note, mapping.note) if n]
    return {
        "indicator": mapping.indicator,
        "group": mapping.group,
        "geography": mapping.geography,
        "period": period,
        "period_kind": parse_period(period).kind,
        "value": round(value * scale, 6),
        "unit": mapping.unit,
        "approximate": approximate,
        "qualifier": qualifier,
        "value_as_published": published,
        "document": doc.name,
        "doc_code": doc.info.doc_code,
        "line": line,
        "quote": quote,
        "note": "; ".join(notes),
    }


def pattern_results(ws: Workspace, doc: PolicyDocument) -> list[dict]:
    """Figures read by :data:`PATTERNS` from one document."""
    text = doc.cleaned
    secs = find_sections(ws, doc)
    boundaries = tab_value_starts(doc)
    rows = []
    for pattern in (p for p in PATTERNS if p.doc_code == doc.info.doc_code):
        for match in re.finditer(pattern.regex, text.text):
            line = text.line_of(match.start())
            sec = section_at(secs, line)
            if pattern.section and (sec is None or sec.code != pattern.section):
                continue
            groups = match.groupdict()
            notes = [pattern.note] if pattern.note else []
            if groups.get("names"):
                names = re.split(r", | og ", groups["names"])
                value, published = float(len(names)), groups["names"]
                approximate, qualifier = False, ""
            else:
                raw_value = ((groups.get("q") or "") + " " + groups["v"]).strip()
                parsed = parse_number(raw_value)
                value, approximate = parsed.value, parsed.approximate
                qualifier = parsed.qualifier or ""
                published = raw_value + (" kr." if pattern.scale != 1.0 else "")
            if groups.get("listed"):
                listed = re.split(r", | og ", groups["listed"])
                agree = "agrees" if len(listed) == value else "DISAGREES"
                notes.append(f"the sentence names {len(listed)} areas ({agree} with the count)")
            start, end = _sentence(text.text, match.start(), match.end(), boundaries)
            rows.append(
                _row(
                    ws,
                    doc,
                    subject=pattern.subject or groups.get("subject") or match.group(0),
                    value=value,
                    period=_period(match, pattern, doc),
                    approximate=approximate,
                    qualifier=qualifier,
                    published=published,
                    line=line,
                    quote=verbatim(doc, text.text[start:end].strip().removeprefix("- ")),
                    note="; ".join(notes),
                    scale=pattern.scale,
                )
                | {"_offset": match.start()}
            )
    return rows


def sheet_results(ws: Workspace, doc: PolicyDocument, statements: list[Statement]) -> list[dict]:
    """Figures of the ØKF sheet's ``Resultat <year>`` column (numeric cells only)."""
    rows = []
    footnote = re.search(r"^\*(?P<text>[^|\n]+)$", doc.raw, re.MULTILINE)
    for st in statements:
        if st.role != "result":
            continue
        level = read_level(st.text)
        if level is None:
            continue
        value, _, approximate, qualifier = level
        match = re.search(rf"(?P<n>{NUM})\s*%", st.text)
        notes = []
        if st.text.endswith("*") and footnote:
            notes.append(f"footnote: '{footnote['text'].strip()}'")
        rows.append(
            _row(
                ws,
                doc,
                subject=st.text,
                value=value,
                period=st.default_period,
                approximate=approximate,
                qualifier=qualifier,
                published=match["n"] if match else st.text,
                line=st.line,
                quote=st.excerpt,
                note="; ".join([f"row '{st.section.heading}'" if st.section else "", *notes]).strip(
                    "; "
                ),
            )
            | {"_offset": 0}
        )
    return rows


def to_frame(rows_by_doc: list[tuple[str, list[dict]]]) -> pd.DataFrame:
    """Number the figures ``D-<doc_code>-NN`` in reading order and drop repeats of
    the same figure (same indicator, group, geography, period and value) within a
    document; the repeat's line is added to the note."""
    out = []
    for doc_code, rows in rows_by_doc:
        seen: dict[tuple, dict] = {}
        for row in sorted(rows, key=lambda r: (r["line"], r["_offset"])):
            key = (row["indicator"], row["group"], row["geography"], row["period"], row["value"])
            if key in seen:
                first = seen[key]
                first["note"] = f"{first['note']}; stated again at line {row['line']}".strip("; ")
                continue
            seen[key] = row
        for number, row in enumerate(seen.values(), start=1):
            row = {k: v for k, v in row.items() if k != "_offset"}
            out.append({"figure_id": f"D-{doc_code}-{number:02d}", **row})
    frame = pd.DataFrame(out, columns=RESULT_COLUMNS)
    return frame.sort_values("figure_id", kind="stable").reset_index(drop=True)
