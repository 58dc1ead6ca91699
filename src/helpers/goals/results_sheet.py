"""The ØKF results sheet (Bilag 10b): goals and results from its pipe-table rendering,
and how the plain-text rendering of the same sheet differs.

``001`` renders the sheet as Markdown pipe tables with the header
``Mål 2007 | Resultatkrav 2007 | Resultatkrav 2006 | Resultat 2005``; later tables
have empty headers and inherit it. A row whose requirement cells start in lower
case continues the row above (the sheet's last row is split over two table rows).
A row with text only in its first cell is a group heading.

``000`` is the same sheet as plain text, where the columns' order survives but the
cell borders do not. The registry reads the goals once, from ``001``;
:func:`align` matches ``000``'s words to ``001``'s so that each goal also names the
line where ``000`` states it, and :func:`rendering_differences` lists the words that
differ between the two renderings.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace
from helpers.goals.documents import PolicyDocument, clean, squash
from helpers.goals.structure import Statement, raw_lines, section_at, sections

_SEPARATOR = re.compile(r"^\|[\s|:]*-[\s|:-]*\|\s*$")
_COLUMN = re.compile(r"^(?P<what>Mål|Resultatkrav|Resultat)\s+(?P<year>\d{4})$")
_TAG = re.compile(r"<[^>]+>")


@dataclass
class SheetRow:
    """One row of the sheet: its cells (tags removed) and the raw line of each part."""

    cells: list[str]
    lines: list[int]
    continued: bool = False

    @property
    def line(self) -> int:
        return self.lines[0]


@dataclass
class Sheet:
    """The parsed sheet: column headers and rows (continuations merged)."""

    columns: list[str]
    rows: list[SheetRow] = field(default_factory=list)


def _cells(line: str) -> list[str]:
    inner = line.strip()[1:-1] if line.strip().endswith("|") else line.strip()[1:]
    return [squash(_TAG.sub(" ", cell)) for cell in inner.split("|")]


def read_sheet(doc: PolicyDocument) -> Sheet:
    """Parse the pipe tables of ``doc`` into one sheet.

    Raises
    ------
    InputDataError
        When the first table has no ``Mål/Resultatkrav/Resultat <year>`` header or a
        row has a different number of cells.
    """
    columns: list[str] = []
    rows: list[SheetRow] = []
    problems: list[Problem] = []
    header_next = True
    for number, line in enumerate(raw_lines(doc), start=1):
        if not line.startswith("|"):
            header_next = True
            continue
        if _SEPARATOR.match(line):
            continue
        cells = _cells(line)
        if header_next:
            header_next = False
            if any(cells):
                columns = cells
            continue
        if not columns:
            problems.append(
                Problem(doc.name, number, None, line[:40], "a header row 'Mål 2007 | ...'")
            )
            continue
        if len(cells) != len(columns):
            problems.append(
                Problem(doc.name, number, None, line[:40], f"{len(columns)} cells per row")
            )
            continue
        requirement_cells = [c for c in cells[1:] if c]
        if rows and requirement_cells and all(c[:1].islower() for c in requirement_cells):
            previous = rows[-1]
            previous.cells = [
                squash(f"{a} {b}") for a, b in zip(previous.cells, cells, strict=True)
            ]
            previous.lines.append(number)
            previous.continued = True
            continue
        rows.append(SheetRow(cells, [number]))
    if not columns or not all(_COLUMN.match(c) for c in columns):
        problems.append(
            Problem(doc.name, None, None, " | ".join(columns), "columns 'Mål|Resultatkrav <year>'")
        )
    if problems:
        raise InputDataError(problems)
    return Sheet(columns, rows)


def column_period(column: str) -> tuple[str, str]:
    """``"Resultatkrav 2007"`` -> ``("Resultatkrav", "2007")``."""
    match = _COLUMN.match(column)
    if not match:
        raise ValueError(f"{column!r} is not a sheet column")
    return match["what"], match["year"]


def read_sheet_goals(ws: Workspace, doc: PolicyDocument) -> list[Statement]:
    """Requirement cells as goal statements (key ``R<k>-<year>``; default deadline =
    the column's year) and result cells as ``result`` statements."""
    sheet = read_sheet(doc)
    secs = sections(ws, doc)
    out: list[Statement] = []
    for row in sheet.rows:
        sec = section_at(secs, row.line)
        if sec is None or not any(row.cells[1:]):
            continue
        for index, (column, cell) in enumerate(
            zip(sheet.columns[1:], row.cells[1:], strict=True), start=1
        ):
            what, year = column_period(column)
            if not cell or cell.lower() == "ingen":
                continue
            role = "result" if what == "Resultat" else "goal"
            out.append(
                Statement(
                    clean(cell).text,
                    cell,
                    row.line,
                    sec,
                    role=role,
                    key=f"{sec.code}-{year}",
                    default_period=year,
                    context={"column": column, "cell": str(index)},
                )
            )
    return out


@dataclass(frozen=True)
class Token:
    """A word of a rendering with the raw line it stands on."""

    word: str
    line: int
    cell: int = -1


_QUOTES = str.maketrans({"”": '"', "“": '"', "„": '"'})


def _words(text: str, line: int, cell: int = -1) -> list[Token]:
    return [Token(w.translate(_QUOTES), line, cell) for w in text.split()]


def tokens_of_sheet(doc: PolicyDocument) -> list[Token]:
    """The pipe rendering's words in reading order: title lines, then each row's cells
    left to right (a continued row reads as one row)."""
    out: list[Token] = []
    for number, line in enumerate(raw_lines(doc), start=1):
        if line.startswith("|"):
            break
        out.extend(_words(clean(line).text, number))
    sheet = read_sheet(doc)
    out.extend(t for c in sheet.columns for t in _words(c, 0))
    for row in sheet.rows:
        for index, cell in enumerate(row.cells):
            out.extend(_words(cell, row.line, index))
    tail = [n for n, line in enumerate(raw_lines(doc), start=1) if line.strip()]
    last_table = max(n for n, line in enumerate(raw_lines(doc), start=1) if line.startswith("|"))
    for number in (n for n in tail if n > last_table):
        out.extend(_words(clean(raw_lines(doc)[number - 1]).text, number))
    return out


def tokens_of_text(doc: PolicyDocument) -> list[Token]:
    """The plain rendering's words, each with its raw line."""
    text = doc.cleaned
    return [
        Token(m.group(0).translate(_QUOTES), text.line_of(m.start()))
        for m in re.finditer(r"\S+", text.text)
    ]


def align(plain: list[Token], piped: list[Token]) -> difflib.SequenceMatcher:
    """Word alignment of the two renderings (difflib, no junk heuristic)."""
    return difflib.SequenceMatcher(
        None, [t.word for t in plain], [t.word for t in piped], autojunk=False
    )


def line_in_plain(
    matcher: difflib.SequenceMatcher, plain: list[Token], piped: list[Token], line: int, cell: int
) -> int | None:
    """The raw line of ``000`` where the words of the ``001`` cell ``cell`` of the row
    on raw line ``line`` start (the first of its words that both renderings share)."""
    index = next((i for i, t in enumerate(piped) if t.line == line and t.cell == cell), None)
    if index is None:
        return None
    for block in matcher.get_matching_blocks():
        for offset in range(block.size):
            if block.b + offset >= index:
                return plain[block.a + offset].line
    return None


@dataclass(frozen=True)
class Difference:
    """Words that differ between the renderings, with their raw lines."""

    plain_words: str
    piped_words: str
    plain_lines: tuple[int, ...]
    piped_lines: tuple[int, ...]


def rendering_differences(plain_doc: PolicyDocument, piped_doc: PolicyDocument) -> list[Difference]:
    """Every run of words that differs between ``000`` and ``001``."""
    plain, piped = tokens_of_text(plain_doc), tokens_of_sheet(piped_doc)
    out = []
    for op, a1, a2, b1, b2 in align(plain, piped).get_opcodes():
        if op == "equal":
            continue
        out.append(
            Difference(
                " ".join(t.word for t in plain[a1:a2]),
                " ".join(t.word for t in piped[b1:b2]),
                tuple(sorted({t.line for t in plain[a1:a2]})),
                tuple(sorted({t.line for t in piped[b1:b2] if t.line})),
            )
        )
    return out


def split_rows(doc: PolicyDocument) -> list[SheetRow]:
    """Rows of the pipe rendering that continue over two table rows."""
    return [row for row in read_sheet(doc).rows if row.continued]
