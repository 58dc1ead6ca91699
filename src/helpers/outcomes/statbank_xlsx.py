"""The statistikbanken.dk web export of RAS200 (``.xlsx``, years across columns) as outcome rows."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from helpers.core.periods import parse_period
from helpers.outcomes import rows as outcomes_rows
from helpers.outcomes.statbank_api import MISSING, SOURCE_NOTE

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
_DCTERMS = "http://purl.org/dc/terms/"


def workbook_created(path: Path) -> str:
    """The day a workbook records it was created (``dcterms:created`` in
    ``docProps/core.xml``, ``YYYY-MM-DD``), or ``""`` when it records none.

    Read from the file itself: openpyxl would put today's date in its place when
    the stamp is missing, which would make the output depend on the day it ran.
    """
    with zipfile.ZipFile(path) as archive:
        try:
            core = archive.read("docProps/core.xml")
        except KeyError:
            return ""
    element = ElementTree.fromstring(core).find(f"{{{_DCTERMS}}}created")
    match = re.match(r"\d{4}-\d{2}-\d{2}", (element.text or "") if element is not None else "")
    return match[0] if match else ""


def read_web_export_xlsx(path: Path, file: str) -> list[dict[str, object]]:
    """The RAS200 web export (English, pivoted: years across, row 3 the header) as rows.

    Only the rows for all of Denmark, the five regions and Copenhagen are read,
    and only while sex, age and ancestry are all totals (group ``all``, age
    not stated); other municipalities are left out. ``published`` is the day the
    workbook records it was created (the export's date: the figures as published
    by then), empty when it records none.
    """
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    sheet = book.worksheets[0]
    grid = [list(r) for r in sheet.iter_rows(values_only=True)]
    book.close()
    exported = workbook_created(path)
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
                outcomes_rows.row(
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
                    published=exported,
                )
            )
    return rows
