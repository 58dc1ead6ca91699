"""ØU's economic overview of its integration effort (1000 kr.), in long form and
reconciled.

The table in ``002`` is tab-separated with HTML bold tags: a title cell that must
say ``(i 1000 kr.)``, year columns and ``I alt``; cells hold Danish numerals
("2000", "15.290"), a note reference "(Se note 2)" or nothing. Row labels may carry
a note reference too. Notes are the lines ``- N) ...`` below the table.

:func:`read_budget` returns

* ``long``: one row per non-empty cell, ``line, period, amount_thousand_dkk, note``
  (``period`` a year or ``total``; a note reference becomes the ``note`` and leaves the
  amount empty), in the table's order;
* ``checks``: every stated total re-added - each row's years against its ``I alt``;
  each total row ("... samlet beløb", "I alt") against the rows it sums (the rows
  since the previous total row, plus that total), column by column; a note's
  "N mio. kr." amounts against the row that refers to it;
* ``status``: each amount an initiative's status schema states (``Økonomi`` and
  ``Status`` fields) next to the budget table's amount for the same line and year.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

import pandas as pd

from helpers.core.danish import parse_numeral
from helpers.core.errors import InputDataError, Problem
from helpers.core.paths import Workspace
from helpers.goals import documents
from helpers.goals.documents import PolicyDocument, squash
from helpers.goals.sentences import NUM
from helpers.goals.status_schemas import ECONOMY_FIELD, STATUS_FIELD, budget_notes, read_schemas

LONG_COLUMNS = ["line", "period", "amount_thousand_dkk", "note"]
CHECK_COLUMNS = ["what", "stated", "computed", "ok"]
STATUS_COLUMNS = [
    "initiative",
    "budget_line",
    "period",
    "stated_in_schema",
    "schema_thousand_dkk",
    "budget_thousand_dkk",
    "agrees",
    "schema_line",
]
UNIT_MARK = "(i 1000 kr.)"
_TAG = re.compile(r"<[^>]+>")
_NOTE_REF = re.compile(r"\(Se note (?P<n>\d+)\)")
_TOTAL_ROW = re.compile(r"samlet|^I alt$", re.IGNORECASE)
_AMOUNT = re.compile(
    rf"(?P<ca>[Cc]a\.\s*)?(?P<n>{NUM})(?:\s*(?P<unit>mio\.\s*kr\.|kr\.))?(?:\s+i\s+(?P<y>\d{{4}}))?"
    r"(?!\s*%|\d)"
)
_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_TWO_DIGIT_YEAR = re.compile(rf"\bI (?P<yy>\d{{2}}) er der udmøntet (?P<n>{NUM}) kr\.")
_UNTIL = re.compile(r"\btil og med (?P<y>\d{4})\b")
_POSTPONED = re.compile(r"\budskudt\b", re.IGNORECASE)


@dataclass
class BudgetRow:
    label: str
    cells: dict[str, str]
    line: int
    note: str = ""


@dataclass
class BudgetTable:
    """The parsed table and what was checked (see module docstring)."""

    document: str
    periods: list[str]
    rows: list[BudgetRow]
    notes: dict[str, tuple[str, int]]
    long: pd.DataFrame
    checks: pd.DataFrame
    status: pd.DataFrame
    flags: list[tuple[str, str]]

    def amount(self, label: str, period: str) -> float | None:
        row = next(r for r in self.rows if r.label == label)
        return _amount(row.cells.get(period, ""))


def _text(cell: str) -> str:
    return squash(_TAG.sub(" ", cell))


def _amount(cell: str) -> float | None:
    cell = _text(cell)
    if not cell or _NOTE_REF.fullmatch(cell):
        return None
    return parse_numeral(cell)


def budget_document(ws: Workspace) -> PolicyDocument:
    """The document holding the economic overview (layout ``tab_separated_schemas``)."""
    infos = [i for i in documents.catalogue(ws) if i.layout == "tab_separated_schemas"]
    if len(infos) != 1:
        raise ValueError(
            "data/reference/documents.csv must list one tab_separated_schemas document"
        )
    return documents.load(ws, infos[0].document)


def parse_table(doc: PolicyDocument) -> tuple[list[str], list[BudgetRow]]:
    """The table's period columns and rows.

    Raises
    ------
    InputDataError
        When no header with ``(i 1000 kr.)`` exists, a row has more or fewer cells
        than the header, or a cell is neither a number, a note reference nor empty.
    """
    file = f"data/raw/policy_documents/{doc.name}"
    lines = doc.raw.split("\n")
    header = next(
        (n for n, line in enumerate(lines, start=1) if "\t" in line and UNIT_MARK in line), None
    )
    if header is None:
        raise InputDataError(
            [Problem(file, None, None, None, f"a budget table whose title says {UNIT_MARK}")]
        )
    titles = [_text(c) for c in lines[header - 1].split("\t")][1:]
    periods = ["total" if t == "I alt" else t for t in titles]
    rows: list[BudgetRow] = []
    problems: list[Problem] = []
    for number in range(header + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            break
        cells = line.split("\t")
        if len(cells) != len(titles) + 1:
            problems.append(
                Problem(
                    file,
                    number,
                    None,
                    _text(line)[:80],
                    f"{len(titles) + 1} tab-separated cells as in the table's header (a label, "
                    f"then {', '.join(titles)}); found {len(cells)}: a missing or extra cell "
                    "would move every later amount into the wrong column",
                )
            )
            continue
        label = _text(cells[0])
        note = _NOTE_REF.search(label)
        row = BudgetRow(
            _NOTE_REF.sub("", label).strip(),
            {p: _text(c) for p, c in zip(periods, cells[1:], strict=False)},
            number,
            note["n"] if note else "",
        )
        for period, cell in row.cells.items():
            try:
                _amount(cell)
            except ValueError:
                problems.append(
                    Problem(file, number, period, cell, "a number, '(Se note N)' or empty")
                )
        rows.append(row)
    if problems:
        raise InputDataError(problems)
    return periods, rows


def to_long(
    rows: list[BudgetRow], periods: list[str], notes: dict[str, tuple[str, int]]
) -> pd.DataFrame:
    """One row per non-empty cell (see module docstring)."""

    def note_text(n: str) -> str:
        return f"note {n}: {notes[n][0]}" if n in notes else f"note {n} (not in the document)"

    out = []
    for row in rows:
        for period in periods:
            cell = row.cells.get(period, "")
            if not cell:
                continue
            ref = _NOTE_REF.fullmatch(cell)
            amount = _amount(cell)
            note = note_text(ref["n"]) if ref else (note_text(row.note) if row.note else "")
            out.append(
                {
                    "line": row.label,
                    "period": period,
                    "amount_thousand_dkk": amount,
                    "note": note,
                }
            )
    frame = pd.DataFrame(out, columns=LONG_COLUMNS)
    frame["amount_thousand_dkk"] = pd.to_numeric(frame["amount_thousand_dkk"]).astype("Int64")
    return frame


def _check(what: str, stated: float, computed: float) -> dict:
    return {
        "what": what,
        "stated": stated,
        "computed": computed,
        "ok": abs(stated - computed) < 0.5,
    }


def reconcile(
    rows: list[BudgetRow], periods: list[str], notes: dict[str, tuple[str, int]]
) -> pd.DataFrame:
    """Re-add every stated total (see module docstring)."""
    years = [p for p in periods if p != "total"]
    checks = []
    for row in rows:
        stated = _amount(row.cells.get("total", ""))
        parts = [(p, _amount(row.cells.get(p, ""))) for p in years]
        parts = [(p, a) for p, a in parts if a is not None]
        if stated is not None and parts:
            checks.append(
                _check(
                    f"row '{row.label}': {' + '.join(p for p, _ in parts)} = I alt",
                    stated,
                    sum(a for _, a in parts),
                )
            )
    start = 0
    previous_total: BudgetRow | None = None
    for index, row in enumerate(rows):
        if not _TOTAL_ROW.search(row.label):
            continue
        components = rows[start:index] + ([previous_total] if previous_total else [])
        names = "; ".join(f"'{c.label}'" for c in components)
        for period in periods:
            stated = _amount(row.cells.get(period, ""))
            if stated is None:
                continue
            amounts = [_amount(c.cells.get(period, "")) for c in components]
            computed = sum(a for a in amounts if a is not None)
            label = "I alt" if period == "total" else period
            checks.append(_check(f"column {label}: '{row.label}' = {names}", stated, computed))
        start, previous_total = index + 1, row
    for row in rows:
        if row.note and row.note in notes:
            millions = re.findall(rf"(?P<n>{NUM})\s*mio\.\s*kr\.", notes[row.note][0])
            stated = _amount(row.cells.get("total", ""))
            if millions and stated is not None:
                checks.append(
                    _check(
                        f"note {row.note}: {' + '.join(m + ' mio. kr.' for m in millions)} = "
                        f"'{row.label}' I alt",
                        stated,
                        sum(parse_numeral(m) * 1000 for m in millions),
                    )
                )
    frame = pd.DataFrame(checks, columns=CHECK_COLUMNS)
    for column in ("stated", "computed"):
        frame[column] = frame[column].round(3).astype("Int64")
    return frame


def _normal(name: str) -> str:
    name = name.lower()
    name = re.sub(r"^(indsats vedr\.|oprettelse af)\s+", "", name)
    return name


def match_line(name: str, rows: list[BudgetRow]) -> BudgetRow | None:
    """The budget row an initiative's name refers to (closest label, ratio >= 0.6)."""
    candidates = [r for r in rows if not _TOTAL_ROW.search(r.label)]
    scored = [
        (difflib.SequenceMatcher(None, _normal(name), _normal(r.label)).ratio(), r)
        for r in candidates
    ]
    best = max(scored, key=lambda s: s[0], default=(0.0, None))
    return best[1] if best[0] >= 0.6 else None


def _schema_amounts(text: str) -> list[tuple[str, float, str]]:
    """(as written, thousand kr., period) for each amount in a schema field: amounts in
    "mio. kr." or "kr.", and bare numbers with a thousands point ("Ca. 200.000", read
    as kr.)."""
    out = []
    for match in _AMOUNT.finditer(text):
        value = parse_numeral(match["n"])
        unit = (match["unit"] or "").replace(" ", "")
        if unit == "mio.kr.":
            thousand = value * 1000
        elif unit == "kr." or (not unit and _THOUSANDS.fullmatch(match["n"])):
            thousand = value / 1000
        else:
            continue
        out.append((match.group(0).strip(), thousand, match["y"] or "total"))
    for match in _TWO_DIGIT_YEAR.finditer(text):
        out.append((match.group(0), parse_numeral(match["n"]) / 1000, f"20{match['yy']}"))
    return out


def cross_check(
    ws: Workspace, doc: PolicyDocument, rows: list[BudgetRow], periods: list[str]
) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """Schema amounts against the table, and flags: a schema that calls its money
    postponed ('udskudt') while the table books it; funds 'til og med YYYY' while the
    table books amounts after YYYY."""
    out, flags = [], []
    for schema in read_schemas(ws, doc):
        row = match_line(schema.name, rows)
        if row is None:
            continue
        where = schema.section.heading if schema.section else schema.name
        for label in (ECONOMY_FIELD, STATUS_FIELD):
            fld = schema.fields.get(label)
            if fld is None:
                continue
            text = fld.text
            for written, thousand, period in _schema_amounts(text):
                if label == STATUS_FIELD and period == "total":
                    continue
                booked = _amount(row.cells.get(period, ""))
                out.append(
                    {
                        "initiative": where,
                        "budget_line": row.label,
                        "period": period,
                        "stated_in_schema": written,
                        "schema_thousand_dkk": thousand,
                        "budget_thousand_dkk": booked,
                        "agrees": booked is not None and abs(booked - thousand) < 0.5,
                        "schema_line": fld.line,
                    }
                )
            booked_years = [p for p in periods if p != "total" and _amount(row.cells.get(p, ""))]
            if _POSTPONED.search(text) and booked_years:
                flags.append(
                    (
                        where,
                        f"the schema's '{label}' (line {fld.line}) says the money was postponed "
                        f"('udskudt'): '{text}'; the table books "
                        + ", ".join(f"{row.cells[p]} in {p}" for p in booked_years)
                        + f" on '{row.label}'",
                    )
                )
            for until in _UNTIL.finditer(text):
                later = [p for p in booked_years if int(p) > int(until["y"])]
                if later:
                    flags.append(
                        (
                            where,
                            f"the schema's '{label}' (line {fld.line}) says funds run 'til og med "
                            f"{until['y']}'; the table books "
                            + ", ".join(f"{row.cells[p]} in {p}" for p in later)
                            + f" on '{row.label}'",
                        )
                    )
    frame = pd.DataFrame(out, columns=STATUS_COLUMNS)
    return frame, flags


def read_budget(ws: Workspace) -> BudgetTable:
    """Parse, reconcile and cross-check the economic overview."""
    doc = budget_document(ws)
    periods, rows = parse_table(doc)
    notes = budget_notes(doc)
    status, flags = cross_check(ws, doc, rows, periods)
    return BudgetTable(
        doc.name,
        periods,
        rows,
        notes,
        to_long(rows, periods, notes),
        reconcile(rows, periods, notes),
        status,
        flags,
    )
