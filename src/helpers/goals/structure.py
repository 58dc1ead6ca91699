"""Structure of the policy documents' raw text: sections, blocks, statements.

A :class:`Statement` is one goal (or one reported figure) as a document states it:
its cleaned text (one line, hyphenation joined), a verbatim excerpt (the raw text
with whitespace squashed, so ``excerpt in squash(raw)`` always holds), the raw line
where it starts, the section it stands in, and what the layout reader knows about
it (its role, its id key, a default deadline such as a table column's year).

Sections come from ``data/reference/document_sections.csv`` (hand-kept headings):
a heading is found where it starts a raw line (after markdown or table markup such
as ``###``, ``**``, ``<b>`` or ``|``) and is not glued to a following letter or
digit, so the list item "Bekæmpe diskrimination og styrke ligebehandling1." is not
the section heading "Bekæmpe diskrimination og styrke ligebehandling".
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field

from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace
from helpers.goals.documents import PAGE_FURNITURE, PolicyDocument, clean, squash

SECTIONS_FILE = "document_sections.csv"
_MARKUP = re.compile(r"\s*(?:#+\s*|\*\*|<b>|<p>|\|\s*)?")


@dataclass(frozen=True)
class Section:
    """A section of a document: code (used in goal ids), heading, raw line."""

    code: str
    heading: str
    line: int


@dataclass
class Statement:
    """One statement of a goal or a figure (see module docstring).

    ``role`` is ``goal``, ``activity`` (a goal only when it names a number),
    ``result``, ``baseline`` or ``change``; ``key`` is the id key the layout
    reader gives it (``HM2``, ``OM1``, ``I4.1``, ``R7-2007``); ``subject`` is the
    text the indicator mapping is matched against (defaults to ``text``).
    """

    text: str
    excerpt: str
    line: int
    section: Section | None
    role: str = "goal"
    key: str = ""
    default_period: str = ""
    subject: str = ""
    context: dict[str, str] = field(default_factory=dict)

    @property
    def where(self) -> str:
        """``line N (section heading)`` for ``also_stated_at``."""
        return f"line {self.line}" + (f" ({self.section.heading})" if self.section else "")


def sections(ws: Workspace, doc: PolicyDocument) -> list[Section]:
    """The document's sections, located at the raw line where each heading stands.

    Raises
    ------
    InputDataError
        When a heading of ``document_sections.csv`` does not start a line of the document.
    """
    with open(ws.reference / SECTIONS_FILE, encoding="utf-8", newline="") as handle:
        rows = [
            (number, row)
            for number, row in enumerate(csv.DictReader(handle), start=2)
            if row["document"] == doc.name
        ]
    text = doc.cleaned.text
    line_map = doc.cleaned.lines
    starts = [i for i in range(len(text)) if i == 0 or line_map[i] != line_map[i - 1]]
    found: list[Section] = []
    problems: list[Problem] = []
    for number, row in rows:
        heading = row["heading"]
        for start in starts:
            markup = _MARKUP.match(text, start)
            at = markup.end() if markup else start
            after = at + len(heading)
            if text.startswith(heading, at) and not (after < len(text) and text[after].isalnum()):
                found.append(Section(row["section_code"], heading, line_map[at]))
                break
        else:
            problems.append(
                Problem(
                    f"data/reference/{SECTIONS_FILE}",
                    number,
                    "heading",
                    heading,
                    f"a heading that starts a line of {doc.name}",
                )
            )
    if problems:
        raise InputDataError(problems)
    return sorted(found, key=lambda s: s.line)


def section_at(secs: list[Section], line: int) -> Section | None:
    """The section a raw line belongs to (the last heading at or above it)."""
    current = None
    for sec in secs:
        if sec.line <= line:
            current = sec
    return current


def raw_lines(doc: PolicyDocument) -> list[str]:
    """The raw lines (index 0 = line 1)."""
    return doc.raw.split("\n")


def is_break(line: str) -> bool:
    """A blank line or page furniture ("Side 6 af 5") ends a block."""
    return not line.strip() or bool(PAGE_FURNITURE.match(line))


def block_end(lines: list[str], first: int) -> int:
    """The last raw line (1-based) of the block that starts at line ``first``."""
    last = first
    while last < len(lines) and not is_break(lines[last]):
        last += 1
    return last


def next_block(lines: list[str], after: int) -> tuple[int, int] | None:
    """The (first, last) raw lines of the first block after line ``after``."""
    first = after + 1
    while first <= len(lines) and is_break(lines[first - 1]):
        first += 1
    if first > len(lines):
        return None
    return first, block_end(lines, first)


def span(lines: list[str], first: int, last: int, prefix: str = "") -> tuple[str, str]:
    """Cleaned text and verbatim (squashed) excerpt of raw lines ``first..last``,
    without a leading ``prefix`` regex (e.g. ``HOVEDMÅL 2:``)."""
    raw = "\n".join(lines[first - 1 : last])
    text = clean(raw).text
    excerpt = squash(raw)
    if prefix:
        text = re.sub(rf"^\s*{prefix}\s*", "", text)
        excerpt = re.sub(rf"^\s*{prefix}\s*", "", excerpt)
    return text.strip(), excerpt.strip()


def list_items(lines: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """Split a block into list items: a new item starts at a line that begins with
    a capital letter right after a line ending in a full stop (or at the block's
    first line). Returns (first, last) raw lines per item."""
    items: list[tuple[int, int]] = []
    start = first
    for number in range(first + 1, last + 1):
        line = lines[number - 1].strip()
        previous = lines[number - 2].strip()
        if line[:1].isupper() and previous.endswith("."):
            items.append((start, number - 1))
            start = number
    items.append((start, last))
    return items


def sentences(text: str) -> list[str]:
    """Split cleaned text at a full stop followed by a capitalised word."""
    parts = re.split(r"(?<=\.)\s+(?=[A-ZÆØÅ])", text.strip())
    return [p.strip() for p in parts if p.strip()]
