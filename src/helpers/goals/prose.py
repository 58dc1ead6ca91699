"""Goal statements in the free prose of the 2011-14 policy and the BIU action plan.

The readers look for the markers the two documents use, wherever they stand:

* ``Den overordnede målsætning:`` - the next block is the overall goal (key ``OM``);
* ``HOVEDMÅL n: ...`` and the overview's numbered ``n. ...`` lines - main goal *n*
  (key ``HMn``; the overview and the HOVEDMÅL section state the same goal);
* a block ending in "har 3 overordnede målsætninger ...:" - the next block lists the
  overall goals (keys ``OM1``, ``OM2``, ...); "... følgende to delmål:" - the next
  block lists sub-goals (keys ``<section>.1``, ...);
* ``Resultatmål`` - the next block is the effort's result goal (key = section code);
* ``Aktiviteter`` - the list items up to ``Økonomi`` are activities; those that name
  a number become sub-goals (the parser decides);
* "I dag er niveauet 10 procent" - a baseline; "... stige med 20 procentpoint frem mod
  udgangen af 2014" - a stated change; both belong to the section's result goal.
"""

from __future__ import annotations

import re

from helpers.core.paths import Workspace
from helpers.goals.documents import PolicyDocument, squash
from helpers.goals.structure import (
    Statement,
    block_end,
    is_break,
    list_items,
    next_block,
    raw_lines,
    section_at,
    sections,
    span,
)

_OVERALL = re.compile(r"^\s*Den overordnede målsætning:\s*$")
_MAIN = re.compile(r"^\s*HOVEDMÅL (?P<n>\d):")
_NUMBERED = re.compile(r"^\s*(?P<n>\d)\.\s+\S")
_LIST_INTRO = re.compile(
    r"(?:\bhar\s+\S+\s+overordnede\s+målsætninger\b|\bdelmål\b)[^:]*:$", re.IGNORECASE
)
_RESULT_GOAL = re.compile(r"^\s*Resultatmål\s*$")
_ACTIVITIES = re.compile(r"^\s*Aktiviteter\s*$")
_ECONOMY = re.compile(r"^\s*Økonomi\s*$")
_BASELINE = re.compile(r"I dag er niveauet (?P<n>\d+(?:,\d+)?) (?P<unit>procent|%)")
_CHANGE = re.compile(r"[^.]*\bstige med \d+(?:,\d+)? procentpoint\b[^.]*\.")


def _statement(
    doc: PolicyDocument, secs, first: int, last: int, prefix: str = "", **kw
) -> Statement:
    text, excerpt = span(raw_lines(doc), first, last, prefix)
    return Statement(text, excerpt, first, section_at(secs, first), **kw)


def read_prose(ws: Workspace, doc: PolicyDocument) -> list[Statement]:
    """All goal statements (and baselines/changes) of a prose document, in line order."""
    lines = raw_lines(doc)
    secs = sections(ws, doc)
    headings = {s.line for s in secs}
    main_numbers = {m["n"] for line in lines if (m := _MAIN.match(line))}
    out: list[Statement] = []
    for number, line in enumerate(lines, start=1):
        sec = section_at(secs, number)
        if _OVERALL.match(line) and (block := next_block(lines, number)):
            out.append(_statement(doc, secs, *block, key="OM"))
        elif match := _MAIN.match(line):
            last = block_end(lines, number)
            out.append(_statement(doc, secs, number, last, r"HOVEDMÅL \d:", key=f"HM{match['n']}"))
        elif (
            (match := _NUMBERED.match(line))
            and number not in headings
            and match["n"] in main_numbers
        ):
            last = block_end(lines, number)
            out.append(_statement(doc, secs, number, last, r"\d\.", key=f"HM{match['n']}"))
        elif _RESULT_GOAL.match(line) and (block := next_block(lines, number)):
            out.append(_statement(doc, secs, *block, key=sec.code if sec else "X"))
        elif _ACTIVITIES.match(line):
            out.extend(_activities(doc, secs, number))
        elif not is_break(line) and (number == 1 or is_break(lines[number - 2])):
            out.extend(_listed_goals(doc, secs, number))
    out.extend(_baselines_and_changes(doc, secs))
    return sorted(out, key=lambda s: s.line)


def _listed_goals(doc: PolicyDocument, secs, first: int) -> list[Statement]:
    """The items of the block after an intro block ending "... målsætninger ...:"."""
    lines = raw_lines(doc)
    last = block_end(lines, first)
    intro, _ = span(lines, first, last)
    if not _LIST_INTRO.search(intro):
        return []
    block = next_block(lines, last)
    if block is None:
        return []
    sec = section_at(secs, first)
    code = sec.code if sec else "X"
    sub = "delmål" in intro.lower()
    out = []
    for index, (a, b) in enumerate(list_items(lines, *block), start=1):
        key = f"{code}.{index}" if sub else f"{code}{index}"
        out.append(_statement(doc, secs, a, b, key=key))
    return out


def _activities(doc: PolicyDocument, secs, marker: int) -> list[Statement]:
    """List items between ``Aktiviteter`` and the next ``Økonomi`` (role ``activity``)."""
    lines = raw_lines(doc)
    out = []
    after = marker
    while (block := next_block(lines, after)) is not None:
        first, last = block
        if any(_ECONOMY.match(lines[n - 1]) for n in range(first, last + 1)):
            break
        for a, b in list_items(lines, first, last):
            out.append(_statement(doc, secs, a, b, role="activity"))
        after = last
    return out


def _baselines_and_changes(doc: PolicyDocument, secs) -> list[Statement]:
    """ "I dag er niveauet ..." (role ``baseline``) and "... stige med N procentpoint
    ..." (role ``change``) sentences, keyed by their section."""
    text = doc.cleaned
    out = []
    for pattern, role in ((_BASELINE, "baseline"), (_CHANGE, "change")):
        for match in pattern.finditer(text.text):
            sentence = match.group(0).strip()
            line = text.line_of(match.start() + match.group(0).index(sentence[:1]))
            excerpt = _verbatim(doc, line, sentence)
            sec = section_at(secs, line)
            out.append(
                Statement(sentence, excerpt, line, sec, role=role, key=sec.code if sec else "X")
            )
    return out


def _verbatim(doc: PolicyDocument, line: int, sentence: str) -> str:
    """The sentence as the raw text writes it (whitespace squashed)."""
    raw = squash("\n".join(raw_lines(doc)[line - 1 : line + 4]))
    words = sentence.split()
    start = raw.find(" ".join(words[:3]))
    end_words = " ".join(words[-2:])
    end = raw.find(end_words, start)
    if start < 0 or end < 0:
        return sentence
    return raw[start : end + len(end_words)]
