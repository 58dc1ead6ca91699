"""Eurostat and OECD Labour Force Survey files read into outcome rows.

Three real file formats are read (the format is recognised from the first line):

``sdmx_csv``
    SDMX-CSV as Eurostat's and OECD's data browsers write it, with or without
    label columns (``STRUCTURE,STRUCTURE_ID,...,OBS_VALUE,OBS_FLAG`` or
    ``DATAFLOW,LAST UPDATE,...``); OECD files name their dimensions
    ``REF_AREA``, ``BIRTH_PLACE``, ``MEASURE`` and their flag ``OBS_STATUS``.
``jsonstat_long``
    A long CSV written out of a JSON-stat response (``dataset,...,value,status,
    status_label,jsonstat_index``).
``bulk_tsv``
    Eurostat's bulk download: the series key comma-separated in the first
    column (``freq,unit,sex,age,citizen,geo\\TIME_PERIOD``), one column per
    period, each cell the value, a space and its flags (``13.6 b``, ``8.8 u``);
    ``:`` marks a value that is not available. The dataset code is taken from
    the file name (``eurostat_<dataset>_DK_...``).

Flags are kept as Eurostat letters (``b`` break in series, ``u`` low
reliability, ``d`` definition differs; combined as ``bu``); OECD's status ``A``
(normal value) becomes no flag, other OECD statuses their lower-case letter.

Missing values: a cell without a number (an empty value with flag ``u``, or
``:``) is an unpublished figure. It is **dropped** from the outcome rows and
listed in the second table :func:`read_survey` returns (file, line, figure id,
flag), so that the notebook can show what is missing; it never becomes 0.

Codes: citizenship ``NAT``/``FOR``/``EU27_2020_FOR``/``NEU27_2020_FOR``/``TOTAL``
become ``nationals``/``foreign_citizens``/``eu_citizens``/``non_eu_citizens``/
``all``; country of birth the same codes become ``born_in_denmark``/
``born_abroad``/``born_in_eu``/``born_outside_eu``/``all`` (``NRP``, "no
response", ``birth_not_reported``); one sex adds ``_men``/``_women``. These
groups are survey groups (ILO definitions, country of birth or citizenship) and
never the same codes as Statistics Denmark's origin groups. Every row has
``basis = survey_lfs``.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core import readers
from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.paths import Workspace
from helpers.core.periods import parse_period
from helpers.outcomes import rows as outcomes_rows

SURVEY_FOLDER = "eurostat"
SURVEY_SUFFIXES = (".csv", ".tsv")

#: Dataset (lower case) -> indicator code.
DATASET_INDICATORS: dict[str, str] = {
    "lfsa_urgacob": "unemployment_rate",
    "lfsa_urgan": "unemployment_rate",
    "lfsa_ergan": "employment_rate",
    "lfsq_ugan": "unemployed_thousands",
    "lfst_r_lfur2gac": "unemployment_rate",
}
#: OECD measures -> indicator code.
OECD_MEASURES: dict[str, str] = {
    "LF_RATE": "participation_rate",
    "EMP_RATE": "employment_rate",
    "UNE_RATE": "unemployment_rate",
}
UNITS: dict[str, str] = {"PC": "percent", "PT_POP_SUB": "percent", "THS_PER": "thousand_persons"}
BIRTH_GROUPS: dict[str, str] = {
    "NAT": "born_in_denmark",
    "NB": "born_in_denmark",
    "FOR": "born_abroad",
    "FB": "born_abroad",
    "EU27_2020_FOR": "born_in_eu",
    "NEU27_2020_FOR": "born_outside_eu",
    "TOTAL": "all",
    "_T": "all",
    "NRP": "birth_not_reported",
}
CITIZEN_GROUPS: dict[str, str] = {
    "NAT": "nationals",
    "FOR": "foreign_citizens",
    "EU27_2020_FOR": "eu_citizens",
    "NEU27_2020_FOR": "non_eu_citizens",
    "TOTAL": "all",
    "_T": "all",
}
SEX_SUFFIXES: dict[str, str] = {"T": "", "_T": "", "M": "_men", "F": "_women"}
GEOGRAPHIES: dict[str, str] = {
    "DK": "denmark",
    "DNK": "denmark",
    "DK01": "dk01_hovedstaden",
    "DK02": "dk02_sjaelland",
    "DK03": "dk03_syddanmark",
    "DK04": "dk04_midtjylland",
    "DK05": "dk05_nordjylland",
}
FLAG_LABELS: dict[str, str] = {
    "b": "break in time series",
    "u": "low reliability",
    "d": "definition differs",
    "e": "estimated",
    "p": "provisional",
    "c": "confidential",
    "n": "not significant",
    "r": "revised",
    "s": "Eurostat estimate",
    "z": "not applicable",
}
_AGE = re.compile(r"^Y(\d+)-(\d+)$")
_PLAIN_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
#: "16.970": a point followed by groups of exactly three digits.
_DANISH_THOUSANDS = re.compile(r"^-?\d{1,3}(\.\d{3})+$")
_AGE_PLUS = re.compile(r"^Y_GE(\d+)$")
_DATASET_IN_NAME = re.compile(r"^eurostat_(?P<dataset>[a-z0-9_]+?)_DK")
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2})")
_LAST_UPDATE = re.compile(r"^(\d{2})/(\d{2})/(\d{2}) ")


@dataclass(frozen=True)
class Cell:
    """One observation as the file holds it (codes, not yet mapped).

    ``dimension`` is ``c_birth`` or ``citizen``; ``age`` the Eurostat age code
    (``Y15-74``) or ``""``; ``value`` the number as written (``""`` when missing).
    """

    file: str
    line: int
    dataset: str
    unit: str
    sex: str
    age: str
    dimension: str
    group: str
    geo: str
    time: str
    value: str
    flag: str
    measure: str
    vintage: str
    quote: str
    value_column: str = "OBS_VALUE"


def detect_format(first_line: str) -> str:
    """``sdmx_csv``, ``jsonstat_long`` or ``bulk_tsv`` from a file's first line.

    Raises
    ------
    ValueError
        When the header is none of the three.
    """
    head = first_line.lstrip("\ufeff")
    if "\t" in head and "\\TIME_PERIOD" in head:
        return "bulk_tsv"
    if head.startswith(("STRUCTURE,", "DATAFLOW,")):
        return "sdmx_csv"
    if head.startswith("dataset,") and ",time," in head and ",value," in head:
        return "jsonstat_long"
    raise ValueError("not an SDMX-CSV, JSON-stat long CSV or Eurostat bulk TSV header")


def _lines(path: Path, file: str) -> list[str]:
    return readers.read_text(path, file).splitlines()


def _record(header: list[str], text: str, file: str, line: int) -> dict[str, str]:
    """One CSV line as a dict of the header's columns.

    Raises
    ------
    InputDataError
        When the line has more or fewer values than the header (an unquoted
        decimal comma, "13,6", splits one value into two and shifts the flag).
    """
    values = next(csv.reader([text]))
    if len(values) != len(header):
        raise InputDataError(
            [
                Problem(
                    file,
                    line,
                    None,
                    text[:80],
                    f"{len(header)} comma-separated values as in the header, found "
                    f"{len(values)}; Eurostat and OECD files write a decimal point (13.6), "
                    "never a decimal comma",
                )
            ]
        )
    return dict(zip(header, values, strict=True))


def _dataset_from_structure(structure_id: str) -> str:
    """``ESTAT:LFSA_ERGAN(1.0)`` -> ``lfsa_ergan``; ``OECD...@DF_MIG_NUP_SEX(1.0)`` ->
    ``oecd_df_mig_nup_sex``."""
    agency, _, rest = structure_id.partition(":")
    name = rest.split("(")[0].split("@")[-1].lower()
    return f"oecd_{name}" if agency.upper().startswith("OECD") else name


def _vintage_from_last_update(text: str) -> str:
    match = _LAST_UPDATE.match(text)
    return f"20{match[3]}-{match[2]}-{match[1]}" if match else ""


def _vintage_from_name(name: str) -> str:
    match = _DATE_IN_NAME.search(name)
    return match[1] if match else ""


def _read_sdmx_csv(lines: list[str], file: str, name: str) -> list[Cell]:
    header = next(csv.reader([lines[0]]))
    cells = []
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        rec = _record(header, text, file, number)
        oecd = "REF_AREA" in rec
        structure = rec.get("STRUCTURE_ID") or rec.get("DATAFLOW", "")
        if oecd:
            birth = rec.get("BIRTH_PLACE", "_Z")
            dimension, group = (
                ("c_birth", birth) if birth != "_Z" else ("citizen", rec.get("CITIZENSHIP", ""))
            )
            status = rec.get("OBS_STATUS", "")
            flag = "" if status in ("", "A") else status.lower()
            cells.append(
                Cell(
                    file=file,
                    line=number,
                    dataset=_dataset_from_structure(structure),
                    unit=rec.get("UNIT_MEASURE", ""),
                    sex=rec.get("SEX", ""),
                    age="",
                    dimension=dimension,
                    group=group,
                    geo=rec.get("REF_AREA", ""),
                    time=rec.get("TIME_PERIOD", ""),
                    value=rec.get("OBS_VALUE", "").strip(),
                    flag=flag,
                    measure=rec.get("MEASURE", ""),
                    vintage=_vintage_from_name(name),
                    quote=text,
                )
            )
            continue
        dimension = "c_birth" if "c_birth" in rec else "citizen"
        cells.append(
            Cell(
                file=file,
                line=number,
                dataset=_dataset_from_structure(structure),
                unit=rec.get("unit", ""),
                sex=rec.get("sex", ""),
                age=rec.get("age", ""),
                dimension=dimension,
                group=rec.get(dimension, ""),
                geo=rec.get("geo", ""),
                time=rec.get("TIME_PERIOD", ""),
                value=rec.get("OBS_VALUE", "").strip(),
                flag=rec.get("OBS_FLAG", "").strip(),
                measure="",
                vintage=_vintage_from_last_update(rec.get("LAST UPDATE", ""))
                or _vintage_from_name(name),
                quote=text,
            )
        )
    return cells


def _read_jsonstat_long(lines: list[str], file: str, name: str) -> list[Cell]:
    header = next(csv.reader([lines[0]]))
    cells = []
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        rec = _record(header, text, file, number)
        dimension = "c_birth" if "c_birth" in rec else "citizen"
        cells.append(
            Cell(
                file=file,
                line=number,
                dataset=rec["dataset"].lower(),
                value_column="value",
                unit=rec.get("unit", ""),
                sex=rec.get("sex", ""),
                age=rec.get("age", ""),
                dimension=dimension,
                group=rec.get(dimension, ""),
                geo=rec.get("geo", ""),
                time=rec.get("time", ""),
                value=rec.get("value", "").strip(),
                flag=rec.get("status", "").strip(),
                measure="",
                vintage=_vintage_from_name(name),
                quote=text,
            )
        )
    return cells


def split_tsv_cell(cell: str) -> tuple[str, str]:
    """A bulk-TSV cell as (value, flags): ``"13.6 b"`` -> ``("13.6", "b")``,
    ``"14.5 "`` -> ``("14.5", "")``, ``": u"`` -> ``("", "u")``, ``":"`` -> ``("", "")``."""
    text = cell.strip()
    if text.startswith(":"):
        return "", text[1:].strip()
    value, _, flags = text.partition(" ")
    return value, flags.strip()


def _read_bulk_tsv(lines: list[str], file: str, name: str) -> list[Cell]:
    match = _DATASET_IN_NAME.match(name)
    if not match:
        raise InputDataError(
            [Problem(file, None, None, name, "a file name eurostat_<dataset>_DK_... (bulk TSV)")]
        )
    head = lines[0].split("\t")
    keys = head[0].split("\\")[0].split(",")
    periods = [p.strip() for p in head[1:]]
    cells = []
    for number, text in enumerate(lines[1:], start=2):
        if not text.strip():
            continue
        parts = text.split("\t")
        rec = dict(zip(keys, parts[0].split(","), strict=False))
        dimension = "c_birth" if "c_birth" in rec else "citizen"
        for period, raw in zip(periods, parts[1:], strict=False):
            value, flag = split_tsv_cell(raw)
            cells.append(
                Cell(
                    file=file,
                    line=number,
                    dataset=match["dataset"],
                    unit=rec.get("unit", ""),
                    sex=rec.get("sex", ""),
                    age=rec.get("age", ""),
                    dimension=dimension,
                    group=rec.get(dimension, ""),
                    geo=rec.get("geo", ""),
                    time=period,
                    value=value,
                    flag=flag,
                    measure="",
                    vintage=_vintage_from_name(name),
                    quote=f"{parts[0]} {period}: {raw.strip() or ':'}",
                    value_column=period,
                )
            )
    return cells


def read_cells(path: Path, file: str) -> list[Cell]:
    """Every observation of one survey file, codes as written.

    Raises
    ------
    InputDataError
        When the file is in none of the three formats.
    """
    lines = _lines(path, file)
    if not lines:
        raise InputDataError([Problem(file, None, None, None, "a header line; the file is empty")])
    try:
        kind = detect_format(lines[0])
    except ValueError as exc:
        raise InputDataError([Problem(file, 1, None, lines[0][:60], str(exc))]) from None
    reader = {
        "sdmx_csv": _read_sdmx_csv,
        "jsonstat_long": _read_jsonstat_long,
        "bulk_tsv": _read_bulk_tsv,
    }[kind]
    return reader(lines, file, path.stem)


def age_label(code: str) -> str:
    """``Y15-74`` -> ``15-74``, ``Y_GE15`` -> ``15+``, ``""`` -> ``""``.

    Raises
    ------
    ValueError
        For any other code.
    """
    if not code:
        return ""
    if match := _AGE.match(code):
        return f"{int(match[1])}-{int(match[2])}"
    if match := _AGE_PLUS.match(code):
        return f"{int(match[1])}+"
    raise ValueError(f"an age class such as Y15-74 or Y_GE15, not {code!r}")


def _figure_id(source_id: str, cell: Cell, group: str | None = None) -> str:
    parts = [cell.geo, group or cell.group, cell.sex or "T", cell.age or cell.measure]
    return f"{source_id}:{'.'.join(p for p in parts if p)}:{cell.time}"


def _note(cell: Cell, indicator_dimension: str) -> str:
    what = "country of birth" if indicator_dimension == "c_birth" else "citizenship"
    publisher = "OECD" if cell.dataset.startswith("oecd_") else "Eurostat"
    parts = [
        f"{publisher} {cell.dataset}, by {what}; Labour Force Survey (ILO definitions), "
        "not Statistics Denmark's register figures"
    ]
    if cell.flag:
        labels = ", ".join(f"{f} = {FLAG_LABELS.get(f, 'see Eurostat')}" for f in cell.flag)
        parts.append(f"flag {cell.flag} ({labels})")
    if cell.vintage:
        parts.append(f"vintage {cell.vintage}")
    parts.append(f"line {cell.line}")
    return "; ".join(parts)


def cells_to_outcomes(
    cells: list[Cell], source_id: str
) -> tuple[list[dict[str, object]], list[dict[str, object]], list[Problem]]:
    """Map one file's cells to outcome rows.

    Returns
    -------
    rows, unpublished, problems
        Outcome rows (see :mod:`helpers.outcomes.rows`), the cells without a
        value (file, line, figure_id, flag) and every code or value that could
        not be read.
    """
    rows: list[dict[str, object]] = []
    unpublished: list[dict[str, object]] = []
    problems: list[Problem] = []
    for cell in cells:

        def bad(column: str, value: str, expected: str, cell: Cell = cell) -> None:
            problems.append(Problem(cell.file, cell.line, column, value, expected))

        if cell.dataset.startswith("oecd_"):
            indicator = OECD_MEASURES.get(cell.measure)
            if indicator is None:
                bad("MEASURE", cell.measure, f"one of {', '.join(OECD_MEASURES)}")
                continue
            source_kind = "international_organisation"
        else:
            indicator = DATASET_INDICATORS.get(cell.dataset)
            if indicator is None:
                bad("dataset", cell.dataset, f"one of {', '.join(DATASET_INDICATORS)}")
                continue
            source_kind = "statistics_office"
        groups = BIRTH_GROUPS if cell.dimension == "c_birth" else CITIZEN_GROUPS
        checks = [
            ("unit", cell.unit, UNITS),
            (cell.dimension, cell.group, groups),
            ("sex", cell.sex, SEX_SUFFIXES),
            ("geo", cell.geo, GEOGRAPHIES),
        ]
        unknown = [(col, val, known) for col, val, known in checks if val not in known]
        for col, val, known in unknown:
            bad(col, val, f"one of the codes {', '.join(known)}")
        try:
            age = age_label(cell.age)
            period = parse_period(cell.time)
        except (ValueError, PeriodError) as exc:
            bad("age/time", f"{cell.age} {cell.time}", str(exc))
            continue
        if unknown:
            continue
        figure_id = _figure_id(source_id, cell)
        if not cell.value:
            unpublished.append(
                {"file": cell.file, "line": cell.line, "figure_id": figure_id, "flag": cell.flag}
            )
            continue
        if _DANISH_THOUSANDS.match(cell.value):
            bad(
                cell.value_column,
                cell.value,
                "a number as Eurostat publishes it, with a decimal point and no thousands "
                "separator (13.6, 1234.5); this looks like a Danish thousands point - "
                "restore the value from the source",
            )
            continue
        if not _PLAIN_NUMBER.match(cell.value):
            bad(cell.value_column, cell.value, "a number with a decimal point (13.6), or empty")
            continue
        value = float(cell.value)
        rows.append(
            outcomes_rows.row(
                indicator=indicator,
                group=groups[cell.group] + SEX_SUFFIXES[cell.sex],
                geography=GEOGRAPHIES[cell.geo],
                age=age,
                period=period,
                value=value,
                unit=UNITS[cell.unit],
                value_as_published=cell.value,
                flag=cell.flag,
                source_id=source_id,
                source_kind=source_kind,
                figure_id=figure_id,
                basis="survey_lfs",
                quote=cell.quote,
                note=_note(cell, cell.dimension),
                file=cell.file,
                line=cell.line,
                published=cell.vintage,
            )
        )
    return rows, unpublished, problems


def survey_files(ws: Workspace) -> list[Path]:
    """The survey files in ``data/raw/eurostat/``, sorted by name."""
    folder = ws.raw / SURVEY_FOLDER
    return sorted(p for p in folder.iterdir() if p.suffix in SURVEY_SUFFIXES and p.is_file())


def read_survey(ws: Workspace) -> tuple[pd.DataFrame, pd.DataFrame]:
    """All Eurostat/OECD survey figures as outcome rows, and the unpublished cells.

    ``source_id`` is the file's name without extension (one source per file, so
    a later vintage fetched into a new file is a separate source).

    Raises
    ------
    InputDataError
        Listing every unknown code or unreadable value in every file.
    """
    rows: list[dict[str, object]] = []
    unpublished: list[dict[str, object]] = []
    problems: list[Problem] = []
    for path in survey_files(ws):
        file = ws.relative(path)
        cells = read_cells(path, file)
        file_rows, file_missing, file_problems = cells_to_outcomes(cells, path.stem)
        rows += file_rows
        unpublished += file_missing
        problems += file_problems
    if problems:
        raise InputDataError(problems)
    missing = pd.DataFrame(unpublished, columns=["file", "line", "figure_id", "flag"])
    return outcomes_rows.frame(rows), missing
