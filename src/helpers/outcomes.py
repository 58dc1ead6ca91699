"""Stage 2: every outcome figure in one validated table, with its provenance.

Sources (``basis``):

``published``
    The published-figures register (``data/raw/published_figures/``): values
    parsed as printed (decimal comma or point, qualifiers such as *knap* or *ca.*
    set ``approximate``, number words), the age band read from the note
    ("ages 25-64" -> ``25-64``). Figures analysts add later are new files in
    ``published_figures/additions/`` (same columns; new sources in a file whose
    name ends ``_sources.csv``), each recorded in the manifest; they are read,
    parsed and validated exactly like the register (:func:`register_files`).
``policy_document``
    The results the policy documents report, as stage 1 wrote them
    (``data/processed/document_results.csv``); ``source_id`` is the document code.
``survey_lfs``
    Eurostat/OECD Labour Force Survey series (:mod:`helpers.eurostat`).
``statbank``
    Statistics Denmark tables in ``data/raw/statbank/`` (:mod:`helpers.statbank`).

Then derived gaps are added (:mod:`helpers.derive`; among them the national
over-unemployment proxy ``overunemployment_pp / born_abroad / denmark / 15-74``),
every rule of :mod:`helpers.validation` is checked (nothing is written when one
fails), and the conflict rule of :mod:`helpers.conflicts` marks one
``preferred`` row per key. Stage 2 writes ``outcomes.csv`` and ``conflicts.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import (
    conflicts,
    derive,
    eurostat,
    manifest,
    outcome_format,
    readers,
    recodes,
    statbank,
    validation,
)
from helpers.danish import parse_number
from helpers.doc_results import RESULT_COLUMNS  # the contract of stage 1's document_results.csv
from helpers.documents import catalogue
from helpers.errors import InputDataError, NumberFormatError, PeriodError, Problem
from helpers.outcome_format import OUTCOME_COLUMNS, sort_outcomes
from helpers.paths import (
    CONFLICTS_FILE,
    DOCUMENT_RESULTS_FILE,
    OUTCOMES_FILE,
    SOURCE_LIST_FILE,
    Workspace,
)
from helpers.periods import parse_period

__all__ = ["OUTCOME_COLUMNS", "build_tables", "collect", "series", "sort_outcomes"]

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
        register's columns (see :mod:`helpers.readers`), or a source id listed twice.
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
        row = outcome_format.row(
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
    return outcome_format.frame(rows)


def read_document_results(ws: Workspace) -> pd.DataFrame:
    """Stage 1's ``document_results.csv`` as outcome rows (basis ``policy_document``).

    Raises
    ------
    InputDataError
        When the file is missing (run stage 1 first), lacks a column, or holds
        an unreadable value, period or flag.
    """
    path = ws.processed / DOCUMENT_RESULTS_FILE
    file = ws.relative(path)
    if not path.is_file():
        raise InputDataError(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    "stage 1's table of the results the documents report; run stage 1 "
                    "first (helpers.stages.clean_goals)",
                )
            ]
        )
    results = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in RESULT_COLUMNS if c not in results.columns]
    if missing:
        raise InputDataError(
            [Problem(file, 1, c, None, "this column in the header") for c in missing]
        )
    published = {d.doc_code: d.published for d in catalogue(ws)}
    problems: list[Problem] = []
    rows = []
    for index, fig in results.iterrows():
        row_number = int(index) + 2
        try:
            period = parse_period(fig["period"], fig["period_kind"] or None)
            value = float(fig["value"])
        except PeriodError as exc:
            problems.append(Problem(file, row_number, "period", fig["period"], str(exc)))
            continue
        except ValueError:
            problems.append(Problem(file, row_number, "value", fig["value"], "a number"))
            continue
        if fig["approximate"] not in ("True", "False"):
            problems.append(
                Problem(file, row_number, "approximate", fig["approximate"], "True or False")
            )
            continue
        where = f"{fig['document']} line {fig['line']}"
        row = outcome_format.row(
            indicator=fig["indicator"],
            group=fig["group"],
            geography=fig["geography"],
            age=age_from_note(fig["note"]),
            period=period,
            value=value,
            unit=fig["unit"],
            approximate=fig["approximate"] == "True",
            qualifier=fig["qualifier"],
            value_as_published=fig["value_as_published"],
            source_id=fig["doc_code"],
            source_kind="policy_document",
            figure_id=fig["figure_id"],
            basis="policy_document",
            quote=fig["quote"],
            note=f"{fig['note']}; {where}" if fig["note"] else where,
            file=file,
            line=row_number,
            published=published.get(fig["doc_code"], ""),
        )
        rows.append(row)
    if problems:
        raise InputDataError(problems)
    return outcome_format.frame(rows)


@dataclass
class OutcomeData:
    """Everything stage 2 builds, for the stage and the notebook.

    Attributes
    ----------
    table : DataFrame
        All outcome rows with ``preferred`` set and the internal columns.
    conflicts : DataFrame
        The conflicts table (:func:`helpers.conflicts.find_conflicts`).
    unpublished : DataFrame
        Survey cells without a value (left out of ``table``).
    sources : DataFrame
        Every source the rows cite (:func:`source_list`).
    """

    table: pd.DataFrame
    conflicts: pd.DataFrame
    unpublished: pd.DataFrame
    sources: pd.DataFrame

    @property
    def outcomes(self) -> pd.DataFrame:
        """The table as written to ``outcomes.csv``."""
        return outcome_format.finish(self.table)


def collect(ws: Workspace) -> OutcomeData:
    """Read every source, derive gaps, validate and pick (see module docstring).

    Raises
    ------
    InputDataError
        For unreadable input or any validation failure (all of them at once).
    """
    register, sources = read_register(ws)
    register = recodes.apply_recodes(register, recodes.read_recodes(ws))
    parts = [clean_register(register, sources)]
    parts.append(read_document_results(ws))
    survey, unpublished = eurostat.read_survey(ws)
    parts += [survey, statbank.read_statbank_files(ws)]
    table = pd.concat([p for p in parts if len(p)], ignore_index=True)
    gaps = derive.derive_gaps(table, derive.reference_groups(ws))
    if len(gaps):
        table = pd.concat([table, gaps], ignore_index=True)
    validation.validate_outcomes(table, validation.References.load(ws))
    table = conflicts.mark_preferred(table)
    cited = source_list(ws, sources, table)
    return OutcomeData(table, conflicts.find_conflicts(table), unpublished, cited)


def source_list(ws: Workspace, register_sources: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Every source the outcome rows cite, so that a reader can look each one up.

    Register sources come from ``sources.csv`` (and the additions' source files);
    a policy document is cited by its code (``data/reference/documents.csv``); a
    survey or StatBank file by its name, described by its manifest entry.
    """
    rows = register_sources[SOURCE_COLUMNS].to_dict("records")
    known = {r["source_id"] for r in rows}
    for info in catalogue(ws):
        if info.doc_code not in known:
            known.add(info.doc_code)
            rows.append({"source_id": info.doc_code, "title": info.title_da,
                         "publisher": f"Københavns Kommune, {info.organisation}", "url": "",
                         "published": info.published, "kind": "policy_document"})  # fmt: skip
    entries = {Path(e.path).stem: e for e in manifest.read_manifest(ws)}
    for source_id, kind in (
        table[["source_id", "source_kind"]].drop_duplicates().itertuples(index=False)
    ):
        if source_id not in known and source_id in entries:
            known.add(source_id)
            entry = entries[source_id]
            rows.append({"source_id": source_id, "title": entry.description,
                         "publisher": entry.source, "url": "", "published": "",
                         "kind": kind})  # fmt: skip
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    cited = frame[frame["source_id"].isin(set(table["source_id"]))]
    return cited.sort_values("source_id", kind="stable").reset_index(drop=True)


def series(
    outcomes: pd.DataFrame, indicator: str, group: str, geography: str, age: str | None = None
) -> pd.DataFrame:
    """The rows of one series, in time order (``age`` None: any age)."""
    mask = (
        (outcomes["indicator"] == indicator)
        & (outcomes["group"] == group)
        & (outcomes["geography"] == geography)
    )
    if age is not None:
        mask &= outcomes["age"] == age
    return outcomes.loc[mask].sort_values(["period_end", "figure_id"]).reset_index(drop=True)


def build_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Stage 2's tables: ``outcomes.csv``, ``conflicts.csv`` and ``sources.csv``."""
    data = collect(ws)
    return {
        OUTCOMES_FILE: data.outcomes,
        CONFLICTS_FILE: data.conflicts,
        SOURCE_LIST_FILE: data.sources,
    }
