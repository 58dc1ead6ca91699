"""Errors a non-programmer can act on.

Every error raised for bad input names the file, the row, the column, the value
and what was expected, so that an analyst can open the file and fix it.
"""

from __future__ import annotations

from dataclasses import dataclass


class BarometerError(Exception):
    """Base class for all errors the workspace raises on purpose."""


class RawDataError(BarometerError):
    """A raw file is missing, changed or not recorded in the manifest."""


class PeriodError(BarometerError, ValueError):
    """A period label that does not exist or cannot be read."""


class NumberFormatError(BarometerError, ValueError):
    """A number written in a way that cannot be read unambiguously."""


@dataclass(frozen=True)
class Problem:
    """One problem in one cell of an input file.

    Parameters
    ----------
    file : str
        File name relative to the workspace (never a machine path).
    row : int or None
        1-based line number in the file as a spreadsheet shows it (header = 1),
        or None when the problem concerns the whole file or column.
    column : str or None
        Column name, or None when the problem concerns a whole row or file.
    value : str or None
        The offending value as it appears in the file.
    expected : str
        What would have been accepted, in plain words.
    """

    file: str
    row: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        value = "" if self.value is None else f": value {self.value!r}"
        return f"{', '.join(where)}{value} - expected {self.expected}"


class InputDataError(BarometerError):
    """One or more problems in an input file; nothing was written.

    Parameters
    ----------
    problems : list of Problem
        All problems found (validation is lazy: every failure at once).
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} in the input data; nothing was written:"
        lines = [head, *(f"  - {p}" for p in self.problems[:50])]
        if n > 50:
            lines.append(f"  ... and {n - 50} more")
        super().__init__("\n".join(lines))
