"""Reading text and CSV files at the raw-data boundary, with errors a person can act on.

Everything a stage reads from ``data/raw/`` goes through here, so that a file
saved the wrong way never ends in a raw traceback (``UnicodeDecodeError``,
pandas' ``ParserError``, ``EmptyDataError``, a ``KeyError`` on a column) but in
an :class:`~helpers.core.errors.InputDataError` naming the file, the row, the column,
the value and what was expected.

Decisions
    * **Byte-order mark (BOM): accepted.** Excel's "CSV UTF-8" format writes one
      (``EF BB BF``) at the start of the file; it is not part of the data, so it
      is skipped transparently. The manifest still records the file's bytes as
      they are.
    * **Encoding: UTF-8 only.** A file saved as Windows-1252/Latin-1 (Excel's
      plain "CSV" format) is refused with the row and the byte that is not UTF-8;
      guessing an encoding could turn "ø" into the wrong letter silently.
    * **Separator: comma.** A file separated by ``;`` (Danish Excel) is refused
      with a hint to save it as "CSV UTF-8 (comma delimited)".
    * Every row must have as many values as the header: an unquoted decimal
      comma ("10,9" without double quotes) splits one value into two and would
      shift every later column.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from helpers.core.errors import InputDataError, Problem

#: The column holding each record's row number in the file (header = row 1).
LINE_COLUMN = "_line"
_UTF8 = "a text file saved as UTF-8 (in Excel: 'CSV UTF-8 (comma delimited)')"


def read_text(path: Path, file: str) -> str:
    """A raw text file's content (UTF-8, a BOM is skipped).

    Parameters
    ----------
    path : Path
        The file.
    file : str
        Its workspace-relative name, for messages.

    Raises
    ------
    InputDataError
        When the file is not UTF-8: the row and the bytes that are not.
    """
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row = data[: exc.start].count(b"\n") + 1
        line_start = data.rfind(b"\n", 0, exc.start) + 1
        line_end = data.find(b"\n", exc.start)
        before = data[max(line_start, exc.start - 40) : exc.start]
        after = data[exc.start : min(exc.start + 20, line_end if line_end >= 0 else len(data))]
        shown = (before + after).decode("cp1252", errors="replace").strip()
        byte = data[exc.start : exc.start + 1]
        raise InputDataError(
            [
                Problem(
                    file,
                    row,
                    None,
                    shown,
                    f"{_UTF8}; the character {byte.decode('cp1252', errors='replace')!r} "
                    f"(byte 0x{byte.hex()}) is not UTF-8: the file looks saved as "
                    "Windows-1252/Latin-1 (Excel's plain 'CSV'), where 'æ', 'ø' and 'å' "
                    "are single bytes",
                )
            ]
        ) from None


def _separator_hint(header: str) -> str | None:
    for mark, name in ((";", "semicolons (';', as Danish Excel saves CSV)"), ("\t", "tabs")):
        if mark in header and "," not in header:
            return name
    return None


def read_csv_text(path: Path, file: str, columns: list[str]) -> pd.DataFrame:
    """A raw CSV file as text cells (nothing parsed), checked for its shape.

    Parameters
    ----------
    path : Path
        The file.
    file : str
        Its workspace-relative name, for messages.
    columns : list of str
        The columns the header must have (others are kept).

    Returns
    -------
    DataFrame
        One row per record, every cell a string, plus :data:`LINE_COLUMN` (the
        record's row in the file as a spreadsheet numbers it, header = 1).
        Blank lines are skipped.

    Raises
    ------
    InputDataError
        For an empty file, a file that is not UTF-8, another separator than a
        comma, missing columns, or rows with more or fewer values than the header.
    """
    text = read_text(path, file)
    expected_header = ",".join(columns)
    if not text.strip():
        raise InputDataError(
            [Problem(file, None, None, None, f"a header line {expected_header}; the file is empty")]
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    missing = [c for c in columns if c not in header]
    if missing:
        hint = _separator_hint(text.splitlines()[0])
        if hint:
            raise InputDataError(
                [
                    Problem(
                        file,
                        1,
                        None,
                        text.splitlines()[0][:80],
                        f"values separated by commas ({expected_header}); this file is "
                        f"separated by {hint}: save it as 'CSV UTF-8 (comma delimited)'",
                    )
                ]
            )
        raise InputDataError(
            [
                Problem(file, 1, c, None, f"this column in the header ({expected_header})")
                for c in missing
            ]
        )
    records: list[list[str]] = []
    lines: list[int] = []
    problems: list[Problem] = []
    start = reader.line_num + 1
    for record in reader:
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in record):
            continue
        if len(record) != len(header):
            problems.append(
                Problem(
                    file,
                    line,
                    None,
                    ",".join(record)[:80],
                    f"{len(header)} values as in the header, found {len(record)}; a value "
                    'that contains a comma (such as a decimal comma, "10,9") must be in '
                    "double quotes",
                )
            )
            continue
        records.append(record)
        lines.append(line)
    if problems:
        raise InputDataError(problems)
    frame = pd.DataFrame(records, columns=header, dtype=str)
    frame[LINE_COLUMN] = lines
    return frame
