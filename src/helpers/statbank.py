"""A thin client for Statistics Denmark's StatBank API v1, and its tables as outcome rows.

API facts (``https://api.statbank.dk/v1``): ``GET /tableinfo?id=..&lang=..&format=JSON``
describes a table's variables and their codes; ``POST /data`` with a JSON body
(``table``, ``format``, ``lang``, ``valuePresentation``, ``variables``) returns
the figures. CSV responses are UTF-8 with a byte-order mark, CRLF line ends,
``;`` as separator and, with ``lang=da``, a decimal comma; ``..`` marks a
missing or confidential cell (read as missing, never 0). Time codes: ``2008``,
``2015H1``, ``2008K1``, ``2007M01``.

Code maps (:data:`TABLE_MAPS`) turn RAS200, RAS201, AULK03 and FOLK1E into
outcome rows (``basis = statbank``). A map names each variable's role
(geography, group, sex, age, indicator, time) and maps codes either directly
(codes published in the hand-over notes: areas ``000`` Denmark, ``101``
Copenhagen, the regions ``081``-``085``; FOLK1E origin ``1/24/25/34/35``, RAS
origin ``00/10/24/25/34/35``) or, for variables whose codes differ between
tables, by the Danish text of each value as the table's own ``tableinfo``
gives it (e.g. ``Beskæftigelsesfrekvens`` -> ``employment_rate``). A fetched
table is stored with its ``tableinfo`` next to it, so the text maps can be
resolved offline later. Values whose code or text a map does not know are
neither requested nor read.

Stage 2 reads every ``data/raw/statbank/<table>_*.csv`` file of a mapped
table (and the RAS200 web export, :func:`read_web_export_xlsx`).
"""

from __future__ import annotations

import base64
import csv
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from helpers import outcome_format, readers
from helpers.errors import BarometerError, InputDataError, PeriodError, Problem
from helpers.paths import Workspace
from helpers.periods import parse_period

BASE_URL = "https://api.statbank.dk/v1"
#: Columns :func:`parse_csv` adds after the variable columns.
RESPONSE_COLUMNS = ("published", "value", "line", "raw")
MISSING = ".."
TIMEOUT_SECONDS = 60
STATBANK_FOLDER = "statbank"
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


def parse_number_da(text: str) -> float:
    """A StatBank CSV number with ``lang=da``: ``"72,5"`` -> 72.5, ``".."`` -> NaN.

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
    return float(text.replace(",", "."))


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
            values.append(parse_number_da(published))
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


# --- recorded responses (VCR cassettes) -----------------------------------------------------


class _CassetteLoader(yaml.SafeLoader):
    """YAML loader that reads Ruby VCR's ``!binary`` (base64) strings as bytes."""


_CassetteLoader.add_constructor(
    "!binary", lambda loader, node: base64.b64decode(loader.construct_scalar(node))
)


@dataclass(frozen=True)
class Exchange:
    """One recorded request and its response body."""

    method: str
    uri: str
    request_body: str
    status: int
    body: bytes


def read_cassette(path: Path) -> list[Exchange]:
    """The HTTP exchanges of a recorded VCR cassette (``*.yml``)."""
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=_CassetteLoader)
    out = []
    for item in data["http_interactions"]:
        req, resp = item["request"], item["response"]
        body = resp["body"]["string"]
        out.append(
            Exchange(
                method=req["method"].upper(),
                uri=req["uri"],
                request_body=req.get("body", {}).get("string", "") or "",
                status=int(resp["status"]["code"]),
                body=body if isinstance(body, bytes) else body.encode("utf-8"),
            )
        )
    return out


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


# --- code maps ----------------------------------------------------------------------------

AREAS: dict[str, str] = {
    "000": "denmark",
    "101": "copenhagen",
    "084": "dk01_hovedstaden",
    "085": "dk02_sjaelland",
    "083": "dk03_syddanmark",
    "082": "dk04_midtjylland",
    "081": "dk05_nordjylland",
}
#: Danish value texts of origin variables (tables differ in their codes).
ORIGIN_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^i alt$|^herkomst i alt$", "all"),
    (r"^personer med dansk oprindelse$", "danish_origin"),
    (r"^indvandrere fra vestlige lande$", "western_immigrants"),
    (r"^indvandrere fra ikke-vestlige lande$", "non_western_immigrants"),
    (r"^efterkommere fra vestlige lande$", "western_descendants"),
    (r"^efterkommere fra ikke-vestlige lande$", "non_western_descendants"),
)
SEX_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^i alt$|^køn i alt$", ""),
    (r"^mænd$", "_men"),
    (r"^kvinder$", "_women"),
)
AREA_TEXTS: tuple[tuple[str, str], ...] = (
    (r"^hele landet$", "denmark"),
    (r"^københavn$", "copenhagen"),
    (r"^landsdel byen københavn$", "landsdel_byen_koebenhavn"),
    (r"^region hovedstaden$", "dk01_hovedstaden"),
)


@dataclass(frozen=True)
class Dimension:
    """How one variable of a table maps to an outcome column.

    Parameters
    ----------
    role : str
        ``geography``, ``group``, ``sex``, ``age``, ``indicator`` or ``time``.
    variable : str
        Regular expression matched against the variable id (case-insensitive).
    codes : dict
        Code -> outcome value, for codes known without the table's info.
    texts : tuple
        (regex on the value's Danish text, outcome value), resolved with ``tableinfo``.
    age_from_text : bool
        Age variables: ``"16-64 år"`` -> ``16-64``, ``"Alder i alt"`` -> ``""``.
    """

    role: str
    variable: str
    codes: dict[str, str] = field(default_factory=dict)
    texts: tuple[tuple[str, str], ...] = ()
    age_from_text: bool = False

    def matches(self, variable_id: str) -> bool:
        return re.fullmatch(self.variable, variable_id, flags=re.IGNORECASE) is not None

    def resolve(self, variable: Variable | None) -> dict[str, str]:
        """Code -> outcome value, from the fixed codes and (when known) the value texts."""
        out = dict(self.codes)
        if variable is None:
            return out
        for code, text in variable.values:
            lowered = text.strip().lower()
            if self.age_from_text:
                if match := re.fullmatch(r"(\d+)-(\d+) år", lowered):
                    out.setdefault(code, f"{match[1]}-{match[2]}")
                elif lowered in ("alder i alt", "i alt"):
                    out.setdefault(code, "")
            for pattern, value in self.texts:
                if re.search(pattern, lowered):
                    out.setdefault(code, value)
                    break
        return out


@dataclass(frozen=True)
class TableMap:
    """The code map of one StatBank table (see module docstring)."""

    table: str
    unit: str
    dimensions: tuple[Dimension, ...]
    indicator: str = ""
    note: str = ""

    def dimension_for(self, variable_id: str) -> Dimension | None:
        for d in self.dimensions:
            if d.matches(variable_id):
                return d
        return None

    def resolve(self, info: TableInfo | None, variable_ids: list[str]) -> dict[str, dict[str, str]]:
        """Variable id -> (code -> outcome value) for the variables of a response."""
        out = {}
        for vid in variable_ids:
            dim = self.dimension_for(vid)
            if dim is None or dim.role == "time":
                continue
            variable = None
            if info is not None:
                variable = next((v for v in info.variables if v.id.lower() == vid.lower()), None)
            out[vid] = dim.resolve(variable)
        return out

    def request(self, info: TableInfo) -> dict[str, list[str]]:
        """The codes to request: every mapped value of every variable, all time periods.

        Raises
        ------
        StatBankError
            When a variable of the table has no dimension in the map, or a
            dimension matches no value: the table has changed and the map must
            be updated.
        """
        selection: dict[str, list[str]] = {}
        for variable in info.variables:
            dim = self.dimension_for(variable.id)
            if dim is None:
                raise StatBankError(
                    f"{self.table}: the code map has no role for variable {variable.id!r} "
                    f"({variable.text}); update helpers.statbank.TABLE_MAPS"
                )
            if dim.role == "time":
                selection[variable.id] = ["*"]
                continue
            known = [code for code, _ in variable.values if code in dim.resolve(variable)]
            if not known:
                raise StatBankError(
                    f"{self.table}: no value of variable {variable.id!r} matches the code map; "
                    "update helpers.statbank.TABLE_MAPS"
                )
            selection[variable.id] = known
        return selection


def _ras_origin() -> Dimension:
    """HERKOMST in the RAS tables (codes 00/10/24/25/34/35)."""
    return Dimension(
        "group",
        r"HERKOMST",
        codes={
            "00": "all",
            "10": "danish_origin",
            "24": "western_immigrants",
            "25": "non_western_immigrants",
            "34": "western_descendants",
            "35": "non_western_descendants",
        },
        texts=ORIGIN_TEXTS,
    )


def _area() -> Dimension:
    return Dimension("geography", r"OMRÅDE", codes=AREAS, texts=AREA_TEXTS)


def _sex(codes: dict[str, str]) -> Dimension:
    return Dimension("sex", r"KØN", codes=codes, texts=SEX_TEXTS)


TABLE_MAPS: dict[str, TableMap] = {
    "FOLK1E": TableMap(
        table="FOLK1E",
        unit="persons",
        indicator="population_count",
        note="population on the first day of the quarter",
        dimensions=(
            _area(),
            _sex({"TOT": "", "1": "_men", "2": "_women"}),
            Dimension("age", r"ALDER", codes={"IALT": ""}, age_from_text=True),
            Dimension(
                "group",
                r"HERKOMST",
                codes={
                    "1": "danish_origin",
                    "24": "western_immigrants",
                    "25": "non_western_immigrants",
                    "34": "western_descendants",
                    "35": "non_western_descendants",
                },
                texts=ORIGIN_TEXTS,
            ),
            Dimension("time", r"TID"),
        ),
    ),
    "RAS200": TableMap(
        table="RAS200",
        unit="percent",
        note="register-based labour-market statistics (RAS), end of November",
        dimensions=(
            _area(),
            _sex({"TOT": ""}),
            Dimension("age", r"ALDER", age_from_text=True),
            _ras_origin(),
            Dimension(
                "indicator",
                r"BEREGNING|FREKVENS|.*FREK.*",
                texts=(
                    (r"beskæftigelsesfrekvens", "employment_rate"),
                    (r"erhvervsfrekvens", "participation_rate"),
                ),
            ),
            Dimension("time", r"TID"),
        ),
    ),
    "RAS201": TableMap(
        table="RAS201",
        unit="persons",
        note="register-based labour-market statistics (RAS), end of November",
        dimensions=(
            _area(),
            _sex({"TOT": ""}),
            Dimension("age", r"ALDER", age_from_text=True),
            _ras_origin(),
            Dimension(
                "indicator",
                r"SOCIO.*|.*STATUS.*",
                texts=(
                    (r"^arbejdsløse", "unemployed_count"),
                    (r"^beskæftigede", "employed_count"),
                    (r"^i alt$|^befolkningen i alt", "population_count"),
                ),
            ),
            Dimension("time", r"TID"),
        ),
    ),
    "AULK03": TableMap(
        table="AULK03",
        unit="persons",
        indicator="unemployed_count",
        note="registered full-time unemployed persons (AUL), quarterly",
        dimensions=(
            Dimension("geography", r"OMRÅDE|LANDSDEL", codes={"000": "denmark"}, texts=AREA_TEXTS),
            _sex({"TOT": ""}),
            Dimension("group", r"IELAND|HERKOMST", texts=ORIGIN_TEXTS),
            Dimension("time", r"TID"),
        ),
    ),
}
_TABLE_IN_NAME = re.compile(r"^(?P<table>[A-Za-z]+\d+[A-Za-z]?)_")


def table_of_file(name: str) -> str | None:
    """The mapped table a file name starts with (``folk1e_...csv`` -> ``FOLK1E``), or None."""
    match = _TABLE_IN_NAME.match(name)
    table = match["table"].upper() if match else None
    return table if table in TABLE_MAPS else None


def to_outcomes(
    frame: pd.DataFrame,
    table_map: TableMap,
    info: TableInfo | None,
    source_id: str,
    file: str,
) -> tuple[list[dict[str, object]], list[Problem]]:
    """Outcome rows from a parsed CSV response (:func:`parse_csv`, codes).

    Rows whose codes the map does not know are skipped (they were not asked
    for); ``..`` cells are missing and left out, never 0.
    """
    variable_ids = [c for c in frame.columns if c not in RESPONSE_COLUMNS]
    maps = table_map.resolve(info, variable_ids)
    time_id = next(v for v in variable_ids if table_map.dimension_for(v).role == "time")
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for rec in frame.to_dict("records"):
        parts = {"geography": "", "group": "", "sex": "", "age": "", "indicator": ""}
        known = True
        for vid, codes in maps.items():
            if rec[vid] not in codes:
                known = False
                break
            parts[table_map.dimension_for(vid).role] = codes[rec[vid]]
        if not known or math.isnan(rec["value"]):
            continue
        try:
            period = parse_period(rec[time_id])
        except PeriodError as exc:
            problems.append(Problem(file, rec["line"], time_id, rec[time_id], str(exc)))
            continue
        codes_text = ".".join(rec[v] for v in variable_ids if v != time_id)
        rows.append(
            outcome_format.row(
                indicator=parts["indicator"] or table_map.indicator,
                group=parts["group"] + parts["sex"],
                geography=parts["geography"],
                age=parts["age"],
                period=period,
                value=rec["value"],
                unit=table_map.unit,
                value_as_published=rec["published"],
                source_id=source_id,
                source_kind="statistics_office",
                figure_id=f"{source_id}:{codes_text}:{rec[time_id]}",
                basis="statbank",
                quote=rec["raw"],
                note=f"Statistics Denmark {table_map.table}: {table_map.note}; {SOURCE_NOTE}; "
                f"line {rec['line']}",
                file=file,
                line=rec["line"],
                published=_date_in(source_id),
            )
        )
    return rows, problems


def _date_in(name: str) -> str:
    match = re.search(r"(\d{4}-\d{2}-\d{2})", name)
    return match[1] if match else ""


# --- statistikbanken.dk web export ------------------------------------------------------------

WEB_EXPORT_INDICATORS = {
    "Employment rate": "employment_rate",
    "Activity rate": "participation_rate",
}
WEB_EXPORT_AREAS = {
    "All Denmark": "denmark",
    "Copenhagen": "copenhagen",
    "Region Hovedstaden": "dk01_hovedstaden",
    "Region Sjælland": "dk02_sjaelland",
    "Region Syddanmark": "dk03_syddanmark",
    "Region Midtjylland": "dk04_midtjylland",
    "Region Nordjylland": "dk05_nordjylland",
}
WEB_EXPORT_TOTALS = {"sex": "Total", "age": "Age, total", "ancestry": "Total"}


def read_web_export_xlsx(path: Path, file: str) -> list[dict[str, object]]:
    """The RAS200 web export (English, pivoted: years across, row 3 the header) as rows.

    Only the rows for all of Denmark, the five regions and Copenhagen are read,
    and only while sex, age and ancestry are all totals (group ``all``, age
    not stated); other municipalities are left out.
    """
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    years = [str(v) if v is not None else "" for v in grid[2][5:]]
    current = ["", "", "", ""]
    rows: list[dict[str, object]] = []
    for number, cells in enumerate(grid[3:], start=4):
        for i in range(4):
            if cells[i] is not None:
                current[i] = str(cells[i])
        indicator = WEB_EXPORT_INDICATORS.get(current[0])
        totals = (current[1], current[2], current[3]) == tuple(WEB_EXPORT_TOTALS.values())
        area = WEB_EXPORT_AREAS.get(str(cells[4] or ""))
        if indicator is None or not totals or area is None:
            continue
        for year, value in zip(years, cells[5:], strict=False):
            if value is None or value == MISSING or not year:
                continue
            shown = f"{value:g}" if isinstance(value, float) else str(value)
            rows.append(
                outcome_format.row(
                    indicator=indicator,
                    group="all",
                    geography=area,
                    period=parse_period(year),
                    value=float(value),
                    unit="percent",
                    value_as_published=shown,
                    source_id=path.stem,
                    source_kind="statistics_office",
                    figure_id=f"{path.stem}:{cells[4]}:{year}",
                    basis="statbank",
                    quote=f"{current[0]}; {cells[4]}; {year}: {shown}",
                    note=f"Statistics Denmark RAS200 web export (statistikbanken.dk), end of "
                    f"November, all origins, sex and age totals; {SOURCE_NOTE}; sheet row {number}",
                    file=file,
                    line=number,
                )
            )
    return rows


def _tableinfo_next_to(path: Path) -> TableInfo | None:
    info = path.with_name(f"{path.stem}_tableinfo.json")
    return parse_tableinfo(info.read_bytes()) if info.is_file() else None


def read_statbank_files(ws: Workspace) -> pd.DataFrame:
    """Every StatBank table in ``data/raw/statbank/`` as outcome rows (basis ``statbank``).

    Raises
    ------
    InputDataError
        Listing every unreadable value or period.
    """
    folder = ws.raw / STATBANK_FOLDER
    rows: list[dict[str, object]] = []
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.csv")):
        table = table_of_file(path.name)
        if table is None:
            continue
        file = ws.relative(path)
        try:
            frame = parse_csv(readers.read_text(path, file))
        except CsvCellError as exc:
            problems += [Problem(file, n, col, value, what) for n, col, value, what in exc.cells]
            continue
        found, bad = to_outcomes(
            frame, TABLE_MAPS[table], _tableinfo_next_to(path), path.stem, file
        )
        rows += found
        problems += bad
    for path in sorted(folder.glob("ras200_*.xlsx")):
        rows += read_web_export_xlsx(path, ws.relative(path))
    if problems:
        raise InputDataError(problems)
    return outcome_format.frame(rows)
