"""Stage 2, ``clean_outcomes``: every outcome figure in one validated table, with its provenance.

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
    Eurostat/OECD Labour Force Survey series (:mod:`helpers.outcomes.eurostat`).
``statbank``
    Statistics Denmark tables in ``data/raw/statbank/`` (:mod:`helpers.statbank`).

Then derived gaps are added (:mod:`helpers.outcomes.gaps`; among them the national
over-unemployment proxy ``overunemployment_pp / born_abroad / denmark / 15-74``),
every rule of :mod:`helpers.outcomes.checks` is checked (nothing is written when one
fails), and the conflict rule of :mod:`helpers.outcomes.conflicts` marks one
``preferred`` row per key. Stage 2 writes ``outcomes.csv`` and ``conflicts.csv``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.core import manifest
from helpers.core.errors import InputDataError, PeriodError, Problem
from helpers.core.paths import (
    CONFLICTS_FILE,
    DOCUMENT_RESULTS_FILE,
    OUTCOMES_FILE,
    SOURCE_LIST_FILE,
    Workspace,
)
from helpers.core.periods import parse_period
from helpers.goals.documents import catalogue
from helpers.goals.reported_figures import (
    RESULT_COLUMNS,  # the contract of stage 1's document_results.csv
)
from helpers.outcomes import checks, conflicts, eurostat, recodes, statbank_files
from helpers.outcomes import gaps as outcomes_gaps
from helpers.outcomes import rows as outcomes_rows
from helpers.outcomes.published_figures import (
    SOURCE_COLUMNS,
    age_from_note,
    apply_source_dates,
    clean_register,
    read_register,
    read_source_dates,
)


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
                    "first (helpers.pipeline.clean_goals)",
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
        row = outcomes_rows.row(
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
    return outcomes_rows.frame(rows)


@dataclass
class OutcomeData:
    """Everything stage 2 builds, for the stage and the notebook.

    Attributes
    ----------
    table : DataFrame
        All outcome rows with ``preferred`` set and the internal columns.
    conflicts : DataFrame
        The conflicts table (:func:`helpers.outcomes.conflicts.find_conflicts`).
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
        return outcomes_rows.finish(self.table)


def collect(ws: Workspace) -> OutcomeData:
    """Read every source, derive gaps, validate and pick (see module docstring).

    Raises
    ------
    InputDataError
        For unreadable input or any validation failure (all of them at once).
    """
    register, sources = read_register(ws)
    sources = apply_source_dates(sources, read_source_dates(ws))
    register = recodes.apply_recodes(register, recodes.read_recodes(ws))
    parts = [clean_register(register, sources)]
    parts.append(read_document_results(ws))
    survey, unpublished = eurostat.read_survey(ws)
    parts += [survey, statbank_files.read_statbank_files(ws)]
    table = pd.concat([p for p in parts if len(p)], ignore_index=True)
    gaps = outcomes_gaps.derive_gaps(table, outcomes_gaps.reference_groups(ws))
    if len(gaps):
        table = pd.concat([table, gaps], ignore_index=True)
    checks.validate_outcomes(table, checks.References.load(ws))
    table = conflicts.mark_preferred(table)
    cited = source_list(ws, sources, table)
    return OutcomeData(table, conflicts.find_conflicts(table), unpublished, cited)


def source_list(ws: Workspace, register_sources: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    """Every source the outcome rows cite, so that a reader can look each one up.

    Register sources come from ``sources.csv`` (and the additions' source files);
    a policy document is cited by its code (``data/reference/documents.csv``, with
    its date); a survey or StatBank file by its name, described by its manifest
    entry, with the date its rows carry when they all carry the same one.
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
    own = table.loc[~table["derived"].astype(bool)]
    dates = own.groupby("source_id")["published"].agg(lambda d: "|".join(sorted(set(d))))
    for source_id, kind in (
        table[["source_id", "source_kind"]].drop_duplicates().itertuples(index=False)
    ):
        if source_id not in known and source_id in entries:
            known.add(source_id)
            entry = entries[source_id]
            date = dates.get(source_id, "")
            rows.append({"source_id": source_id, "title": entry.description,
                         "publisher": entry.source, "url": "",
                         "published": "" if "|" in date else date, "kind": kind})  # fmt: skip
    frame = pd.DataFrame(rows, columns=SOURCE_COLUMNS)
    cited = frame[frame["source_id"].isin(set(table["source_id"]))]
    return cited.sort_values("source_id", kind="stable").reset_index(drop=True)


def build_tables(ws: Workspace) -> dict[str, pd.DataFrame]:
    """Stage 2's tables: ``outcomes.csv``, ``conflicts.csv`` and ``sources.csv``."""
    data = collect(ws)
    return {
        OUTCOMES_FILE: data.outcomes,
        CONFLICTS_FILE: data.conflicts,
        SOURCE_LIST_FILE: data.sources,
    }
