"""A thin client for Statistics Denmark's StatBank API v1 and readers of its responses.

API facts (``https://api.statbank.dk/v1``): ``GET /tableinfo?id=..&lang=..&format=JSON``
describes a table's variables and their codes; ``POST /data`` with a JSON body
(``table``, ``format``, ``lang``, ``valuePresentation``, ``variables``) returns
the figures. CSV responses are UTF-8 with a byte-order mark, CRLF line ends,
``;`` as separator and, with ``lang=da``, a decimal comma; ``..`` marks a
missing or confidential cell (read as missing, never 0). Time codes: ``2008``,
``2015H1``, ``2008K1``, ``2007M01``.
"""

from __future__ import annotations

import csv
import json
import math
import re
from dataclasses import dataclass
from typing import Any

import pandas as pd

from helpers.core.danish import parse_numeral
from helpers.core.errors import BarometerError

BASE_URL = "https://api.statbank.dk/v1"
#: Columns :func:`parse_csv` adds after the variable columns.
RESPONSE_COLUMNS = ("published", "value", "line", "raw")
MISSING = ".."
TIMEOUT_SECONDS = 60
#: The credit Statistics Denmark asks for when its data are reused.
SOURCE_NOTE = "Kilde: Danmarks Statistik"


class StatBankError(BarometerError):
    """The StatBank API could not be reached or answered with an error."""


# --- responses -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One variable of a table: id, text, whether it is time, and its values (code, text)."""

    id: str
    text: str
    time: bool
    values: tuple[tuple[str, str], ...]

    def text_of(self, code: str) -> str:
        return dict(self.values).get(code, "")


@dataclass(frozen=True)
class TableInfo:
    """What ``/tableinfo`` says about a table."""

    id: str
    text: str
    unit: str
    updated: str
    variables: tuple[Variable, ...]

    def variable(self, variable_id: str) -> Variable:
        for v in self.variables:
            if v.id == variable_id:
                return v
        raise KeyError(variable_id)


def parse_tableinfo(body: bytes | str) -> TableInfo:
    """Read a ``/tableinfo`` JSON response."""
    data = json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)
    return TableInfo(
        id=data["id"],
        text=data["text"],
        unit=data.get("unit", ""),
        updated=data.get("updated", ""),
        variables=tuple(
            Variable(
                id=v["id"],
                text=v["text"],
                time=bool(v.get("time", False)),
                values=tuple((x["id"], x["text"]) for x in v["values"]),
            )
            for v in data["variables"]
        ),
    )


def parse_cell(text: str) -> float:
    """A StatBank CSV value with ``lang=da``: ``"72,5"`` -> 72.5, ``".."`` -> NaN.

    The numeral is read by :func:`helpers.core.danish.parse_numeral`; this function only
    holds StatBank's contract (a decimal comma, never a thousands point).

    Raises
    ------
    ValueError
        For anything else.
    """
    text = text.strip()
    if text == MISSING:
        return math.nan
    if not re.fullmatch(r"-?\d+(,\d+)?", text):
        raise ValueError(
            "a StatBank number as Statistics Denmark's Danish CSV writes it: a decimal "
            f"comma and no thousands point (72,5 or 4985102), or '..' for a missing cell; "
            f"not {text!r}"
        )
    return parse_numeral(text)


class CsvCellError(ValueError):
    """Cells of a StatBank CSV response that cannot be read: ``(line, column, value,
    expected)`` (column None: the whole line)."""

    def __init__(self, cells: list[tuple[int, str | None, str, str]]) -> None:
        self.cells = cells
        super().__init__("; ".join(f"line {n}: {value!r}: {what}" for n, _, value, what in cells))


def parse_csv(body: bytes | str) -> pd.DataFrame:
    """Read a ``format=CSV`` data response (BOM, CRLF, ``;``, decimal comma, ``..``).

    Returns
    -------
    DataFrame
        The variable columns as text, then ``published`` (the content column,
        ``INDHOLD``, as written), ``value`` (float; NaN for ``..``), ``line``
        (1-based line of the response; header = 1) and ``raw`` (the line itself).

    Raises
    ------
    CsvCellError
        Naming every line whose value is not a StatBank number or whose number of
        ``;``-separated values differs from the header's (a ValueError).
    """
    text = body.decode("utf-8-sig") if isinstance(body, bytes) else body.lstrip("\ufeff")
    lines = text.splitlines()
    rows = list(csv.reader(lines, delimiter=";"))
    if not rows:
        raise CsvCellError([(1, None, "", "a header line; the response is empty")])
    header, records = rows[0], rows[1:]
    bad = [
        (n, None, line, f"{len(header)} values separated by ';' as in the header")
        for n, (line, rec) in enumerate(zip(lines[1:], records, strict=True), start=2)
        if len(rec) != len(header)
    ]
    if bad:
        raise CsvCellError(bad)
    frame = pd.DataFrame(records, columns=header, dtype=str)
    frame = frame.rename(columns={header[-1]: "published"})
    values = []
    for n, published in enumerate(frame["published"], start=2):
        try:
            values.append(parse_cell(published))
        except ValueError as exc:
            bad.append((n, header[-1], published, str(exc)))
    if bad:
        raise CsvCellError(bad)
    frame["value"] = values
    frame["line"] = range(2, len(records) + 2)
    frame["raw"] = lines[1 : len(records) + 1]
    return frame


def parse_jsonstat(body: bytes | str) -> pd.DataFrame:
    """Read a ``format=JSONSTAT`` data response into one row per cell (codes, labels, value)."""
    data = json.loads(body.decode("utf-8") if isinstance(body, bytes) else body)["dataset"]
    dims = data["dimension"]
    ids, sizes = dims["id"], dims["size"]
    codes = []
    for dim in ids:
        index = dims[dim]["category"]["index"]
        codes.append(sorted(index, key=index.get))
    rows = []
    values = data["value"]
    for flat, value in enumerate(values):
        record: dict[str, Any] = {}
        rest = flat
        for dim, size, dim_codes in zip(
            reversed(ids), reversed(sizes), reversed(codes), strict=True
        ):
            code = dim_codes[rest % size]
            rest //= size
            record[dim] = code
            record[f"{dim}_label"] = dims[dim]["category"]["label"].get(code, code)
        record["value"] = math.nan if value is None else float(value)
        rows.append(record)
    columns = [c for d in ids for c in (d, f"{d}_label")] + ["value"]
    return pd.DataFrame(rows, columns=columns)


# --- the client ---------------------------------------------------------------------------


def _post_or_get(method: str, url: str, **kwargs: Any) -> bytes:
    import requests

    try:
        response = requests.request(method, url, timeout=TIMEOUT_SECONDS, **kwargs)
    except requests.RequestException as exc:
        raise StatBankError(
            f"Statistics Denmark's StatBank API ({BASE_URL}) could not be reached: "
            f"{type(exc).__name__}. Check the network connection and try again."
        ) from None
    if response.status_code != 200:
        raise StatBankError(
            f"StatBank answered {response.status_code} for {url}: {response.text[:200]}"
        )
    return response.content


def tableinfo(table: str, lang: str = "da") -> bytes:
    """``GET /tableinfo`` for ``table`` (JSON bytes; read them with :func:`parse_tableinfo`)."""
    return _post_or_get(
        "GET", f"{BASE_URL}/tableinfo", params={"id": table, "lang": lang, "format": "JSON"}
    )


def data(
    table: str,
    variables: dict[str, list[str]],
    lang: str = "da",
    value_presentation: str = "Code",
    fmt: str = "CSV",
) -> bytes:
    """``POST /data`` for ``table`` with the selected codes per variable (response bytes)."""
    body = {
        "table": table,
        "format": fmt,
        "lang": lang,
        "valuePresentation": value_presentation,
        "variables": [{"code": k, "values": v} for k, v in variables.items()],
    }
    return _post_or_get("POST", f"{BASE_URL}/data", json=body)
