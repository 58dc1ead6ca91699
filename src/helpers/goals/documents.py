"""The policy documents: catalogue, raw text and a cleaned reading of it.

The documents are text extractions of PDFs. They keep page furniture
("Side 6 af 5"), line breaks inside sentences and soft hyphenation
("uddannelses-/mønster"). :func:`clean` removes those *without losing the way
back*: every character of the cleaned text knows the raw line it came from, so
each goal keeps a verbatim excerpt and the line number where it stands.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cached_property

from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.paths import Workspace
from helpers.core.periods import parse_date_label
from helpers.core.readers import read_text

PAGE_FURNITURE = re.compile(r"^\s*Side \d+ af \d+\s*$")
#: Words before a line-end hyphen that keep it ("ikke-/vestlig" -> "ikke-vestlig").
KEEP_HYPHEN_AFTER = {"ikke", "eu", "erfa", "it", "kom-i"}
#: Words after a line-end hyphen that mark a suspended compound ("kultur-/og" stays).
SUSPENDED_COMPOUND_NEXT = {"og", "eller", "til", "samt"}


@dataclass(frozen=True)
class DocumentInfo:
    """One row of ``data/reference/documents.csv``."""

    document: str
    doc_code: str
    title_da: str
    organisation: str
    committee: str
    policy_period: str
    published: str
    layout: str
    date_evidence: str = ""


def catalogue(ws: Workspace) -> list[DocumentInfo]:
    """The policy documents described in ``data/reference/documents.csv``.

    ``published`` is the document's date as precisely as the document itself shows
    it (``2009-04``; a bare year when it names no month), ``date_evidence`` quotes
    the words it is read from.

    Raises
    ------
    InputDataError
        When a ``published`` cell is not a date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    """
    with open(ws.reference / "documents.csv", encoding="utf-8", newline="") as handle:
        infos = [DocumentInfo(**row) for row in csv.DictReader(handle)]
    problems = []
    for row, info in enumerate(infos, start=2):
        try:
            parse_date_label(info.published)
        except PeriodError as exc:
            problems.append(
                Problem("data/reference/documents.csv", row, "published", info.published, str(exc))
            )
    if problems:
        raise InputDataError(problems)
    return infos


@dataclass
class CleanText:
    """Cleaned text with a map back to raw line numbers.

    Attributes
    ----------
    text : str
        Whitespace collapsed to single spaces, page furniture removed, soft
        hyphenation joined.
    lines : list of int
        ``lines[i]`` is the 1-based raw line of ``text[i]``.
    """

    text: str
    lines: list[int] = field(repr=False)

    def line_of(self, offset: int) -> int:
        """Raw line number of the cleaned character at ``offset``."""
        return self.lines[min(max(offset, 0), len(self.lines) - 1)]


def clean(raw: str) -> CleanText:
    """Clean a raw document text (see module docstring)."""
    out: list[str] = []
    line_map: list[int] = []
    raw_lines = raw.split("\n")
    for number, line in enumerate(raw_lines, start=1):
        if PAGE_FURNITURE.match(line):
            continue
        stripped = line.strip()
        if not stripped:
            # a blank line separates paragraphs: keep one space
            if out and out[-1] != " ":
                out.append(" ")
                line_map.append(number)
            continue
        if out and out[-1] == "-" and len(out) >= 2 and out[-2] != " ":
            # the previous line ended in a word-attached hyphen: decide soft or real
            prev_word = "".join(out).rsplit(" ", 1)[-1][:-1].lower()
            next_word = stripped.split(" ", 1)[0].lower()
            if (
                stripped[:1].islower()
                and prev_word not in KEEP_HYPHEN_AFTER
                and next_word not in SUSPENDED_COMPOUND_NEXT
            ):
                out.pop()
                line_map.pop()
            elif next_word in SUSPENDED_COMPOUND_NEXT:
                out.append(" ")
                line_map.append(number)
        elif out and out[-1] != " ":
            out.append(" ")
            line_map.append(number)
        for char in re.sub(r"\s+", " ", stripped):
            out.append(char)
            line_map.append(number)
    text = "".join(out).strip()
    offset = len("".join(out)) - len("".join(out).lstrip())
    return CleanText(text, line_map[offset : offset + len(text)])


def squash(text: str) -> str:
    """Collapse all whitespace to single spaces (for comparing excerpts)."""
    return " ".join(text.split())


@dataclass
class PolicyDocument:
    """A policy document: catalogue entry, raw text and cleaned text."""

    info: DocumentInfo
    raw: str

    @cached_property
    def cleaned(self) -> CleanText:
        return clean(self.raw)

    @property
    def name(self) -> str:
        return self.info.document


def load(ws: Workspace, document: str) -> PolicyDocument:
    """Load one policy document from ``data/raw/policy_documents/``.

    Raises
    ------
    KeyError
        When the document is not in ``data/reference/documents.csv``.
    InputDataError
        When the file is missing or not UTF-8 text (see :func:`helpers.core.readers.read_text`).
    """

    infos = {d.document: d for d in catalogue(ws)}
    if document not in infos:
        raise KeyError(f"{document} is not in data/reference/documents.csv; add it there first")
    path = ws.raw / "policy_documents" / document
    if not path.is_file():
        raise InputDataError(
            [
                Problem(
                    "data/reference/documents.csv",
                    None,
                    "document",
                    document,
                    "the name of a file in data/raw/policy_documents/",
                )
            ]
        )
    raw = read_text(path, ws.relative(path)).replace("\r\n", "\n").replace("\r", "\n")
    return PolicyDocument(infos[document], raw)


def load_all(ws: Workspace) -> list[PolicyDocument]:
    """All catalogued policy documents, in catalogue order."""
    return [load(ws, info.document) for info in catalogue(ws)]
