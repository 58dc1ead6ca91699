"""The published-figures register and the analysts' additions, read and cleaned.

``data/raw/published_figures/published_figures.csv`` and every
``published_figures/additions/<half-year>_figures.csv`` (new sources in files
ending ``_sources.csv``): values parsed as printed (decimal comma or point,
qualifiers such as *knap* or *ca.* set ``approximate``, number words), the age
band read from the note ("ages 25-64" -> ``25-64``); rows get ``basis = published``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers.core import readers
from helpers.core.danish import parse_number
from helpers.core.errors import InputDataError, NumberFormatError, PeriodError, Problem
from helpers.core.paths import Workspace
from helpers.core.periods import parse_period
from helpers.outcomes import rows as outcomes_rows

REGISTER_COLUMNS = [
    "figure_id",
    "indicator",
    "group",
    "geography",
    "period",
    "period_kind",
    "value_as_published",
    "unit",
    "source_id",
    "quote",
    "note",
]
SOURCE_COLUMNS = ["source_id", "title", "publisher", "url", "published", "kind"]
REGISTER_FILE = Path("published_figures") / "published_figures.csv"
SOURCES_FILE = Path("published_figures") / "sources.csv"
#: Figures added by analysts: new files, never edits of the register.
ADDITIONS_FOLDER = Path("published_figures") / "additions"
ADDITION_SOURCES_SUFFIX = "_sources.csv"
_AGE_IN_NOTE = re.compile(r"\bage[sd] (\d{1,2})-(\d{1,3})\b")


def age_from_note(note: str) -> str:
    """The age band a note states: ``"men aged 25-64; ..."`` -> ``"25-64"``, else ``""``."""
    match = _AGE_IN_NOTE.search(note)
    return f"{match[1]}-{match[2]}" if match else ""


def register_files(ws: Workspace) -> tuple[list[Path], list[Path]]:
    """The register's figure files and source files: the register itself first, then
    every addition in ``published_figures/additions/`` sorted by name."""
    folder = ws.raw / ADDITIONS_FOLDER
    added = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    sources = [p for p in added if p.name.endswith(ADDITION_SOURCES_SUFFIX)]
    figures = [p for p in added if not p.name.endswith(ADDITION_SOURCES_SUFFIX)]
    return [ws.raw / REGISTER_FILE, *figures], [ws.raw / SOURCES_FILE, *sources]


def read_register(ws: Workspace) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the published-figures register, its additions and their sources as text
    (nothing parsed).

    The figures carry their origin in ``_file`` and ``_line`` (the row a
    spreadsheet shows, header = 1).

    Raises
    ------
    InputDataError
        For a file that cannot be read as a comma-separated UTF-8 table with the
        register's columns (see :mod:`helpers.core.readers`), or a source id listed twice.
    """
    figure_paths, source_paths = register_files(ws)
    figures = []
    for path in figure_paths:
        frame = readers.read_csv_text(path, ws.relative(path), REGISTER_COLUMNS)
        figures.append(frame.assign(_file=ws.relative(path)))
    sources = []
    for path in source_paths:
        frame = readers.read_csv_text(path, ws.relative(path), SOURCE_COLUMNS)
        sources.append(frame.assign(_file=ws.relative(path)))
    all_sources = pd.concat(sources, ignore_index=True)
    repeated = all_sources[all_sources["source_id"].duplicated(keep="first")]
    if len(repeated):
        raise InputDataError(
            [
                Problem(
                    r["_file"],
                    int(r[readers.LINE_COLUMN]),
                    "source_id",
                    r["source_id"],
                    "a source id not listed before (in sources.csv or an earlier "
                    "additions/*_sources.csv); reuse the existing one",
                )
                for _, r in repeated.iterrows()
            ]
        )
    return pd.concat(figures, ignore_index=True), all_sources


_NOT_A_FIGURE = {"..", ".", ":", "-", "–", "x", "n/a", "na"}


def _value_problem(text: str, error: NumberFormatError) -> str:
    if text.strip().lower() in _NOT_A_FIGURE:
        return (
            "a number as printed in the source; "
            f"{text.strip()!r} marks a figure that is not published (missing or "
            "confidential): leave the row out, never write 0"
        )
    if not text.strip():
        return "a number as printed in the source (e.g. 10,9 or knap 80.000); the cell is empty"
    return f"a number as printed in the source, e.g. 10,9 or knap 80.000 ({error})"


def clean_register(
    figures: pd.DataFrame, sources: pd.DataFrame, file: str | None = None
) -> pd.DataFrame:
    """Parse the register's values and periods into outcome rows (with origin columns).

    Parameters
    ----------
    figures, sources : DataFrame
        The register and its sources as read by :func:`read_register`.
    file : str, optional
        The register's workspace-relative name, for error messages; used only
        when ``figures`` has no ``_file`` column (rows then count from row 2).

    Raises
    ------
    InputDataError
        Listing every unreadable value or period (file, row, column, value).
    """
    problems: list[Problem] = []
    missing = [c for c in REGISTER_COLUMNS if c not in figures.columns]
    if missing:
        raise InputDataError(
            [Problem(file or "register", 1, c, None, "this column in the header") for c in missing]
        )
    kinds = dict(zip(sources["source_id"], sources["kind"], strict=True))
    published = dict(zip(sources["source_id"], sources["published"], strict=True))
    rows = []
    for index, fig in figures.iterrows():
        fig_file = str(fig["_file"]) if "_file" in figures.columns else str(file)
        row_number = (
            int(fig[readers.LINE_COLUMN])
            if readers.LINE_COLUMN in figures.columns
            else int(index) + 2  # header is row 1
        )
        try:
            number = parse_number(fig["value_as_published"])
        except NumberFormatError as exc:
            problems.append(
                Problem(
                    fig_file,
                    row_number,
                    "value_as_published",
                    fig["value_as_published"],
                    _value_problem(fig["value_as_published"], exc),
                )
            )
            continue
        try:
            period = parse_period(fig["period"], fig["period_kind"] or None)
        except PeriodError as exc:
            expected = f"a period such as 2013, 2013-H2, 2013-Q4, 2013-01 or 2013-01-18 ({exc})"
            problems.append(Problem(fig_file, row_number, "period", fig["period"], expected))
            continue
        if fig["source_id"] not in kinds:
            problems.append(
                Problem(
                    fig_file,
                    row_number,
                    "source_id",
                    fig["source_id"],
                    "a source_id listed in published_figures/sources.csv or in an "
                    "additions/*_sources.csv file",
                )
            )
            continue
        row = outcomes_rows.row(
            indicator=fig["indicator"],
            group=fig["group"],
            geography=fig["geography"],
            age=age_from_note(fig["note"]),
            period=period,
            value=number.value,
            unit=fig["unit"],
            approximate=number.approximate,
            qualifier=number.qualifier or "",
            value_as_published=fig["value_as_published"],
            source_id=fig["source_id"],
            source_kind=kinds[fig["source_id"]],
            figure_id=fig["figure_id"],
            basis="published",
            quote=fig["quote"],
            note=fig["note"],
            file=fig_file,
            line=row_number,
            published=published[fig["source_id"]],
        )
        rows.append(row)
    if problems:
        raise InputDataError(problems)
    return outcomes_rows.frame(rows)


SOURCE_DATES_FILE = "source_dates.csv"


def read_source_dates(ws: Workspace) -> pd.DataFrame:
    """``data/reference/source_dates.csv``: publication dates of sources that state none
    themselves, each with the evidence it is read from (metadata, never a figure)."""
    path = ws.reference / SOURCE_DATES_FILE
    return readers.read_csv_text(
        path, ws.relative(path), ["source_id", "published", "evidence"]
    ).drop(columns=[readers.LINE_COLUMN], errors="ignore")


def apply_source_dates(sources: pd.DataFrame, dates: pd.DataFrame) -> pd.DataFrame:
    """Fill the ``published`` date of sources that give none from ``dates``.

    Raises
    ------
    InputDataError
        When a dated source is unknown or already states its own date (the reference
        file must never overrule a source).
    """
    known = dict(zip(sources["source_id"], sources["published"], strict=True))
    problems = [
        Problem(
            f"data/reference/{SOURCE_DATES_FILE}", number, "source_id", row["source_id"],
            "a source listed in published_figures/sources.csv that gives no date itself",
        )
        for number, row in enumerate(dates.to_dict("records"), start=2)
        if known.get(row["source_id"], "x") != ""
    ]  # fmt: skip
    if problems:
        raise InputDataError(problems)
    filled = dict(zip(dates["source_id"], dates["published"], strict=True))
    return sources.assign(
        published=[filled.get(s, p) for s, p in zip(sources["source_id"], sources["published"],
                                                     strict=True)]
    )  # fmt: skip
