"""The catalogue of bad input: every kind is refused with a message a non-programmer can
act on (file, row, column, value, what was expected), as a BarometerError, and
``data/processed/`` and ``reports/`` are byte for byte what they were.

Every case works on a copy of the workspace (``tmp_ws``) and a copy of a real report
folder, and breaks real data the way it breaks in practice: an analyst's new file of
figures saved from Danish Excel, a value typed wrong, a policy document re-exported
with a cell or a number lost, a parameter mistyped or smuggled. New raw files are
recorded in the manifest first (as the README asks), so that each case reaches the
reader it is about; the tampering cases skip that step.

The bad register rows are real rows of the register moved into an addition file
(:func:`move_to_addition`) and then broken, so that nothing but the break is wrong.
"""

from __future__ import annotations

import csv
import hashlib
import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from helpers import batch, pipeline
from helpers.core import manifest
from helpers.core.errors import BarometerError, InputDataError, RawDataError
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear
from helpers.report import notebooks, parameters
from helpers.report.parameters import ParameterError

ROOT = Path(__file__).resolve().parents[1]
REGISTER = "data/raw/published_figures/published_figures.csv"
SOURCES = "data/raw/published_figures/sources.csv"
ADDITION = "data/raw/published_figures/additions/2014H1_figures.csv"
POLICY = "data/raw/policy_documents"
REPORT_PERIOD = "2013H2"


# --- setting up a case --------------------------------------------------------------------


def rerecord(ws: Workspace, rel: str) -> None:
    """Update one manifest entry to a file's new bytes (test set-up only: it stands for
    a register that never held the rows an addition now brings)."""
    entries = manifest.read_manifest(ws)
    path = ws.root / rel
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(manifest.COLUMNS)
    for e in entries:
        size, digest = (
            (path.stat().st_size, manifest.sha256_of(path))
            if e.path == rel
            else (e.size_bytes, e.sha256)
        )
        writer.writerow([e.path, size, digest, e.source, e.description])
    ws.manifest.write_text(buffer.getvalue(), encoding="utf-8")


def add_raw(ws: Workspace, rel: str, data: bytes, record: bool = True) -> Path:
    """Save a new raw file and (as analysts must) record it in the manifest."""
    path = ws.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    if record:
        manifest.add_entry(ws, path, source="test: an analyst's addition")
    return path


def move_to_addition(ws: Workspace, figure_ids: list[str]) -> tuple[str, dict[str, str]]:
    """Take real rows out of the register (re-recorded) and return the header and the
    rows by figure id, as text without line ends, for an addition file."""
    path = ws.root / REGISTER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    moved = {line.split(",", 1)[0]: line.rstrip("\r\n") for line in lines[1:]}
    moved = {fid: moved[fid] for fid in figure_ids}
    kept = [line for line in lines if line.split(",", 1)[0] not in moved]
    path.write_text("".join(kept), encoding="utf-8", newline="")
    rerecord(ws, REGISTER)
    return lines[0].rstrip("\r\n"), moved


def write_addition(ws: Workspace, lines: list[str], encoding: str = "utf-8") -> Path:
    return add_raw(ws, ADDITION, ("\r\n".join(lines) + "\r\n").encode(encoding))


def cells(line: str) -> list[str]:
    return next(csv.reader([line]))


def joined(values: list[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(values)
    return buffer.getvalue()


def with_cell(line: str, header: str, **changes: str) -> str:
    """A register line with some cells changed (quoted as a spreadsheet would)."""
    names = cells(header)
    values = cells(line)
    for column, value in changes.items():
        values[names.index(column)] = value
    return joined(values)


def addition_with(ws: Workspace, moved: str, **changes: str) -> None:
    """An addition holding one real register row (moved out of the register), changed."""
    header, rows = move_to_addition(ws, [moved])
    write_addition(ws, [header, with_cell(rows[moved], header, **changes)])


def reexport(ws: Workspace, document: str, change: Callable[[str], str], encoding="utf-8") -> str:
    """A policy document saved again under a new name (recorded, catalogued in
    ``data/reference`` instead of the old one), with ``change`` applied to its text."""
    text = (ws.root / POLICY / document).read_text(encoding="utf-8")
    new = document.replace(".txt", "_reexport.txt")
    add_raw(ws, f"{POLICY}/{new}", change(text).encode(encoding))
    for ref in ws.reference.glob("*.csv"):
        ref.write_text(ref.read_text(encoding="utf-8").replace(document, new), encoding="utf-8")
    return new


# --- running a case -------------------------------------------------------------------------


@dataclass
class Run:
    """What a case gets: the workspace copy, the report folder, pytest helpers."""

    ws: Workspace
    reports: Path
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture[str]

    def batch(self) -> BarometerError:
        """The batch for one half-year, as ``python -m helpers.batch`` runs it."""
        with pytest.raises(BarometerError) as error:
            batch.run_batch(
                self.ws, [HalfYear.parse(REPORT_PERIOD)], self.reports, jobs=1, progress=False
            )
        return error.value

    def command(self, *argv: str) -> str:
        """``python -m helpers.batch ARGV``: must end with exit code 2; returns stderr."""
        self.monkeypatch.setenv("BAROMETER_ROOT", str(self.ws.root))
        self.capsys.readouterr()
        code = batch.main([*argv, "--output-dir", str(self.reports)])
        err = self.capsys.readouterr().err
        assert code == 2, err
        assert err.startswith("error: ")
        return err

    def notebook(self, name: str, values: dict) -> BarometerError:
        """A notebook run with parameters (papermill), as the batch starts one."""
        self.monkeypatch.setenv("BAROMETER_ROOT", str(self.ws.root))
        with pytest.raises(BarometerError) as error:
            notebooks.execute(self.ws.notebooks / f"{name}.ipynb", values, cwd=self.ws.notebooks)
        return error.value


@dataclass(frozen=True)
class Case:
    """One kind of bad input: what breaks it, the error class and message fragments."""

    name: str
    run: Callable[[Run], BarometerError | str]
    error: type[BarometerError]
    expected: tuple[str, ...]


CASES: dict[str, Case] = {}


def case(error: type[BarometerError], *expected: str):
    def register(function: Callable[[Run], BarometerError | str]):
        CASES[function.__name__] = Case(function.__name__, function, error, expected)
        return function

    return register


# --- the figures register (an analyst's addition file) -------------------------------------


@case(InputDataError, f"{ADDITION}, row 1: value 'figure_id;indicator;group", "semicolons")
def register_semicolon_separator(r: Run):
    """Danish Excel saves 'CSV' with ';' between the values."""
    header, rows = move_to_addition(r.ws, ["F207", "F208"])
    lines = [";".join(cells(line)) for line in [header, *rows.values()]]
    write_addition(r.ws, lines)
    return r.batch()


@case(InputDataError, f"{ADDITION}, row 2: value 'F211,overunemployment_pp", "11 values", "12")
def register_unquoted_decimal_comma(r: Run):
    """'10,8' typed without double quotes splits into two values."""
    header, rows = move_to_addition(r.ws, ["F211"])
    write_addition(r.ws, [header, rows["F211"].replace('"10,8"', "10,8")])
    return r.batch()


@case(InputDataError, f"{ADDITION}, row 2, column 'value_as_published': value ''", "cell is empty")
def register_empty_value(r: Run):
    """A row whose figure was never filled in."""
    addition_with(r.ws, "F207", value_as_published="")
    return r.batch()


@case(InputDataError, "column 'value_as_published': value '..'", "not published", "never write 0")
def register_dotdot_value(r: Run):
    """'..', Statistics Denmark's mark for a missing or confidential cell, copied in."""
    addition_with(r.ws, "F207", value_as_published="..")
    return r.batch()


@case(InputDataError, f"{ADDITION}, row 2, column 'figure_id': value 'F207'", f"{ADDITION}, row 3")
def register_duplicate_row(r: Run):
    """The same row pasted twice."""
    header, rows = move_to_addition(r.ws, ["F207"])
    write_addition(r.ws, [header, rows["F207"], rows["F207"]])
    return r.batch()


@case(InputDataError, f"{REGISTER}, row 2, column 'figure_id': value 'F001'", f"{ADDITION}, row 2")
def register_figure_id_reused(r: Run):
    """An addition gives a new figure an id the register already uses."""
    addition_with(r.ws, "F207", figure_id="F001")
    return r.batch()


@case(InputDataError, "column 'indicator': value 'public_support'", "indicators.csv")
def register_unknown_indicator(r: Run):
    addition_with(r.ws, "F207", indicator="public_support")
    return r.batch()


@case(InputDataError, "column 'group': value 'non_western_immigrant'", "groups.csv")
def register_unknown_group(r: Run):
    addition_with(r.ws, "F207", group="non_western_immigrant")
    return r.batch()


@case(InputDataError, "column 'geography': value 'kobenhavn'", "geographies.csv")
def register_unknown_geography(r: Run):
    addition_with(r.ws, "F211", geography="kobenhavn")
    return r.batch()


@case(InputDataError, f"{ADDITION}, row 2, column 'source_id': value 'S080'", "_sources.csv")
def register_unknown_source(r: Run):
    """A new source used but not listed."""
    addition_with(r.ws, "F207", source_id="S080")
    return r.batch()


@case(InputDataError, f"{ADDITION}, row 2, column 'value': value '406.0'", "within 0-100")
def register_percentage_above_100(r: Run):
    """'46' typed as '406'."""
    addition_with(r.ws, "F207", value_as_published="406")
    return r.batch()


@case(InputDataError, "column 'value': value '-4.0'", "non-negative whole number")
def register_negative_count(r: Run):
    """A count of housing areas typed with a minus."""
    addition_with(r.ws, "F085", value_as_published="-4")
    return r.batch()


@case(
    InputDataError, "column 'period': value '2013H3' - expected a period such as", "only H1 and H2"
)
def register_period_that_does_not_exist(r: Run):
    addition_with(r.ws, "F211", period="2013H3", period_kind="half_year")
    return r.batch()


@case(InputDataError, f"{ADDITION}, row 1, column 'unit'", "this column in the header")
def register_missing_column(r: Run):
    header, rows = move_to_addition(r.ws, ["F207"])
    drop = cells(header).index("unit")
    lines = [
        joined([c for i, c in enumerate(cells(x)) if i != drop]) for x in (header, *rows.values())
    ]
    write_addition(r.ws, lines)
    return r.batch()


@case(InputDataError, f"{ADDITION} - expected a header line figure_id,", "the file is empty")
def register_empty_file(r: Run):
    add_raw(r.ws, ADDITION, b"")
    return r.batch()


@case(
    InputDataError,
    f"{ADDITION}, row 2: value '9,Andelen af ikke-vestlige indvandrere på offentlig",
    "'å' (byte 0xe5) is not UTF-8",
)
def register_not_utf8(r: Run):
    """Saved as Excel's plain 'CSV' (Windows-1252): the 'å' of 'på' is one byte."""
    header, rows = move_to_addition(r.ws, ["F207"])
    write_addition(r.ws, [header, rows["F207"]], encoding="cp1252")
    return r.batch()


# --- survey and Statistics Denmark files (a new vintage saved next to the old) ----------------

UGAN = "data/raw/eurostat/eurostat_lfsq_ugan_DK_Y15-64_1998Q2-2024Q4.csv"
UGAN_NEW = "data/raw/eurostat/eurostat_lfsq_ugan_DK_Y15-64_1998Q2-1999Q1.csv"


def survey_vintage(r: Run, value: str) -> None:
    """The first two lines of a real Eurostat file, the second value replaced."""
    lines = (r.ws.root / UGAN).read_text(encoding="utf-8").splitlines()[:3]
    lines[2] = lines[2].replace(",14.6,", f",{value},")
    add_raw(r.ws, UGAN_NEW, ("\n".join(lines) + "\n").encode())


@case(InputDataError, f"{UGAN_NEW}, row 3, column 'OBS_VALUE': value '14,6'", "decimal point")
def survey_decimal_comma(r: Run):
    """A decimal comma (quoted) where Eurostat writes a point."""
    survey_vintage(r, '"14,6"')
    return r.batch()


@case(InputDataError, f"{UGAN_NEW}, row 3: value 'dataflow,ESTAT", "never a decimal comma")
def survey_unquoted_decimal_comma(r: Run):
    """An unquoted decimal comma: the value and its flag would shift."""
    survey_vintage(r, "14,6")
    return r.batch()


@case(InputDataError, f"{UGAN_NEW}, row 3, column 'OBS_VALUE': value '14.600'", "thousands point")
def survey_danish_thousands_point(r: Run):
    """14.6 thousand persons rewritten as '14.600' persons with a Danish thousands point."""
    survey_vintage(r, "14.600")
    return r.batch()


RAS200_NEW = "data/raw/statbank/ras200_copenhagen_2008_en.csv"


@case(InputDataError, f"{RAS200_NEW}, row 2, column 'INDHOLD': value '72.5'", "decimal comma")
def statbank_decimal_point(r: Run):
    """A StatBank response fetched in English (decimal point) where the Danish CSV's comma is
    expected (Copenhagen's 2008 RAS200 employment rate, as in the committed web export)."""
    body = "OMRÅDE;KØN;ALDER;HERKOMST;TID;INDHOLD\r\n101;TOT;IALT;00;2008;72.5\r\n"
    add_raw(r.ws, RAS200_NEW, body.encode("utf-8-sig"))
    return r.batch()


# --- the policy documents (re-exported) -----------------------------------------------------

BUDGET_DOC = "002_eeed997eb7ee906a.txt"
POLICY_DOC = "003_b45c9dd53dcf16d9.txt"


@case(InputDataError, "row 143: value 'Elev- og praktikantstillinger 5400", "6 tab-separated", "5")
def document_budget_row_missing_cell(r: Run):
    """A budget row that lost a cell: every later amount would move one year left."""
    reexport(
        r.ws, BUDGET_DOC, lambda t: t.replace("stillinger\t5400\t5400\t", "stillinger\t5400\t")
    )
    return r.batch()


@case(InputDataError, "003_b45c9dd53dcf16d9_reexport.txt, row 30: value 'max procentpoint'", "5,8")
def document_target_without_number(r: Run):
    """A target whose figure was lost ('max 5,8 procentpoint' -> 'max procentpoint')."""
    reexport(r.ws, POLICY_DOC, lambda t: t.replace("på max 5,8 \n", "på max \n", 1))
    return r.batch()


@case(InputDataError, "003_b45c9dd53dcf16d9_reexport.txt, row", "UTF-8")
def document_not_utf8(r: Run):
    """A document re-exported as Windows-1252."""
    reexport(r.ws, POLICY_DOC, lambda t: t, encoding="cp1252")
    return r.batch()


@case(InputDataError, "data/reference/documents.csv, column 'document': value '003_b45c9dd")
def document_catalogued_but_missing(r: Run):
    """documents.csv names a re-export that was never saved."""
    ref = r.ws.reference / "documents.csv"
    ref.write_text(ref.read_text(encoding="utf-8").replace(POLICY_DOC, "003_b45c9dd_v2.txt"))
    return r.batch()


# --- parameters -------------------------------------------------------------------------------


@case(BarometerError, 'error: "2013H2\'; import os" is not a half-year', "e.g. 2013H2")
def parameter_period_injection_batch(r: Run):
    return r.command("--period", "2013H2'; import os")


@case(ParameterError, 'period="2013H2\'; import os" is refused', "letters, digits")
def parameter_period_injection_papermill(r: Run):
    return r.notebook("04_evaluation_report", {"period": "2013H2'; import os"})


@case(BarometerError, "the first half-year 2014H2 comes after the last 2013H1")
def parameter_from_after_to(r: Run):
    return r.command("--from", "2014H2", "--to", "2013H1")


@case(BarometerError, "error: 2013H3 is not a half-year: use H1 or H2")
def parameter_half_year_that_does_not_exist(r: Run):
    return r.command("--period", "2013H3")


@case(ParameterError, "as_of='2013H3' is refused", "use H1 or H2")
def parameter_as_of_that_does_not_exist(r: Run):
    return r.notebook("03_model_trends", {"as_of": "2013H3"})


@case(ParameterError, "indicator='overunemployment' is refused", "overunemployment_pp")
def parameter_unknown_indicator(r: Run):
    return r.notebook("03_model_trends", {"indicator": "overunemployment"})


@case(ParameterError, "group='born_in_denmark' is refused", "for indicator 'overunemployment_pp'")
def parameter_unknown_group(r: Run):
    values = {"indicator": "overunemployment_pp", "group": "born_in_denmark"}
    return r.notebook("03_model_trends", values)


@case(ParameterError, "geography='kobenhavn' is refused", "valid values: copenhagen")
def parameter_unknown_geography(r: Run):
    values = {
        "indicator": "overunemployment_pp",
        "group": "non_western_immigrants_and_descendants",
        "geography": "kobenhavn",
    }
    return r.notebook("03_model_trends", values)


@case(ParameterError, "goal_id='POL11-HM9' is not a goal", "POL11-HM2")
def parameter_unknown_goal_id(r: Run):
    """An explorer-style notebook whose parameter is a goal id."""
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell('goal_id = "POL11-HM2"\nas_of = "2013H2"')
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [cell]
    with pytest.raises(BarometerError) as error:
        parameters.check(nb, {"goal_id": "POL11-HM9"}, r.ws)
    return error.value


@case(ParameterError, "unknown parameter 'periode'; this notebook takes: period")
def parameter_unknown_name(r: Run):
    return r.notebook("04_evaluation_report", {"periode": "2013H2"})


# --- raw data tampering (checked before anything runs) ---------------------------------------


@case(BarometerError, "published_figures.csv has changed since it was recorded", "git checkout")
def raw_file_changed(r: Run):
    path = r.ws.root / REGISTER
    path.write_bytes(path.read_bytes().replace(b'"10,9"', b'"5,9"'))
    return r.command("--period", REPORT_PERIOD)


@case(BarometerError, f"{POLICY}/{POLICY_DOC} is missing", "git checkout")
def raw_file_missing(r: Run):
    (r.ws.root / POLICY / POLICY_DOC).unlink()
    return r.command("--period", REPORT_PERIOD)


@case(BarometerError, f"{ADDITION} is not recorded in the manifest", "manifest add")
def raw_file_unrecorded(r: Run):
    """An addition saved but not recorded with 'python -m helpers.core.manifest add'."""
    header, rows = move_to_addition(r.ws, ["F207"])
    add_raw(r.ws, ADDITION, (header + "\r\n" + rows["F207"] + "\r\n").encode(), record=False)
    return r.command("--period", REPORT_PERIOD)


@case(RawDataError, "is already recorded", "save new data under a new name")
def raw_file_recorded_twice(r: Run):
    """Recording a file again (after editing it) is refused: raw files are immutable."""
    with pytest.raises(BarometerError) as error:
        manifest.add_entry(r.ws, r.ws.root / REGISTER, source="test")
    return error.value


# --- the test -----------------------------------------------------------------------------------


def hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A copy of a real report folder, the index and the overview, as a previous run
    left them."""
    out = tmp_path / "reports"
    shutil.copytree(ROOT / "reports" / REPORT_PERIOD, out / REPORT_PERIOD)
    shutil.copy2(ROOT / "reports" / "index.html", out / "index.html")
    shutil.copy2(ROOT / "reports" / "overview.csv", out / "overview.csv")
    return out


#: The kinds of bad input the README's *Reliability* section promises, each with the error it
#: must raise. Deleting a case (or weakening its error class) from the catalogue fails the test
#: below; the parametrized test then runs each one.
PROMISED = {
    # document
    "document_budget_row_missing_cell": InputDataError,
    "document_catalogued_but_missing": InputDataError,
    "document_not_utf8": InputDataError,
    "document_target_without_number": InputDataError,
    # parameter
    "parameter_as_of_that_does_not_exist": ParameterError,
    "parameter_from_after_to": BarometerError,
    "parameter_half_year_that_does_not_exist": BarometerError,
    "parameter_period_injection_batch": BarometerError,
    "parameter_period_injection_papermill": ParameterError,
    "parameter_unknown_geography": ParameterError,
    "parameter_unknown_goal_id": ParameterError,
    "parameter_unknown_group": ParameterError,
    "parameter_unknown_indicator": ParameterError,
    "parameter_unknown_name": ParameterError,
    # raw
    "raw_file_changed": BarometerError,
    "raw_file_missing": BarometerError,
    "raw_file_recorded_twice": RawDataError,
    "raw_file_unrecorded": BarometerError,
    # register
    "register_dotdot_value": InputDataError,
    "register_duplicate_row": InputDataError,
    "register_empty_file": InputDataError,
    "register_empty_value": InputDataError,
    "register_figure_id_reused": InputDataError,
    "register_missing_column": InputDataError,
    "register_negative_count": InputDataError,
    "register_not_utf8": InputDataError,
    "register_percentage_above_100": InputDataError,
    "register_period_that_does_not_exist": InputDataError,
    "register_semicolon_separator": InputDataError,
    "register_unknown_geography": InputDataError,
    "register_unknown_group": InputDataError,
    "register_unknown_indicator": InputDataError,
    "register_unknown_source": InputDataError,
    "register_unquoted_decimal_comma": InputDataError,
    # statbank
    "statbank_decimal_point": InputDataError,
    # survey
    "survey_danish_thousands_point": InputDataError,
    "survey_decimal_comma": InputDataError,
    "survey_unquoted_decimal_comma": InputDataError,
}


def test_the_catalogue_holds_every_promised_kind_with_its_error():
    assert {n: c.error for n, c in CASES.items()} == PROMISED
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"catalogue of {len(PROMISED)} kinds of bad input" in readme


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_refused_clearly_and_nothing_changes(
    name, tmp_ws, reports, monkeypatch, capsys
):
    kind = CASES[name]
    before = hashes(tmp_ws.processed), hashes(reports)
    outcome = kind.run(Run(tmp_ws, reports, monkeypatch, capsys))
    if isinstance(outcome, str):  # the command line: exit code 2 means a BarometerError
        message = outcome
    else:
        assert isinstance(outcome, kind.error), type(outcome)
        message = str(outcome)
    for fragment in kind.expected:
        assert fragment in message, message
    assert "Traceback" not in message and "/tmp" not in message
    assert (hashes(tmp_ws.processed), hashes(reports)) == before


def test_messages_name_file_row_column_value_and_expectation(tmp_ws, reports, monkeypatch, capsys):
    """One register case spelled out in full: what the analyst reads."""
    addition_with(tmp_ws, "F207", value_as_published="..")
    error = Run(tmp_ws, reports, monkeypatch, capsys).batch()
    assert str(error) == (
        "1 problem in the input data; nothing was written:\n"
        f"  - {ADDITION}, row 2, column 'value_as_published': value '..' - expected a number "
        "as printed in the source; '..' marks a figure that is not published (missing or "
        "confidential): leave the row out, never write 0"
    )


# --- additions: the safe way to add figures -----------------------------------------------------


def move_source(ws: Workspace, source_id: str, rel: str) -> None:
    """Move a real source out of sources.csv (re-recorded) into an additions sources file."""
    path = ws.root / SOURCES
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    moved = [line for line in lines if line.startswith(f"{source_id},")]
    path.write_text("".join(x for x in lines if x not in moved), encoding="utf-8", newline="")
    rerecord(ws, SOURCES)
    add_raw(ws, rel, (lines[0] + "".join(moved)).encode())


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"], ids=["plain", "excel_bom"])
def test_figures_added_as_a_new_file_are_read_like_the_register(tmp_ws, encoding):
    """Splitting the register into the register and an addition (with its own new source)
    changes nothing in stage 2's tables; a BOM (Excel's 'CSV UTF-8') is accepted."""
    before = pipeline.clean_outcomes(tmp_ws, write=False).tables
    header, rows = move_to_addition(tmp_ws, ["F207", "F208", "F211"])
    write_addition(tmp_ws, [header, *rows.values()], encoding=encoding)
    move_source(tmp_ws, "S079", "data/raw/published_figures/additions/2014H1_sources.csv")
    assert manifest.find_problems(tmp_ws) == []
    after = pipeline.clean_outcomes(tmp_ws, write=False).tables
    for name, table in before.items():
        assert after[name].to_csv(index=False) == table.to_csv(index=False), name
    outcomes = after["outcomes.csv"].set_index("figure_id")
    assert outcomes.loc["F211", "value_as_published"] == "10,8"
    assert outcomes.loc["F207", "source_id"] == "S079"


def test_a_source_listed_twice_is_refused(tmp_ws, reports, monkeypatch, capsys):
    lines = (tmp_ws.root / SOURCES).read_text(encoding="utf-8").splitlines()
    add_raw(
        tmp_ws,
        "data/raw/published_figures/additions/2014H1_sources.csv",
        (lines[0] + "\n" + lines[1] + "\n").encode(),
    )
    before = hashes(tmp_ws.processed)
    error = Run(tmp_ws, reports, monkeypatch, capsys).batch()
    assert "2014H1_sources.csv, row 2, column 'source_id': value 'S001'" in str(error)
    assert hashes(tmp_ws.processed) == before


@pytest.mark.slow
def test_a_script_in_a_quote_is_shown_as_text_in_the_report(tmp_ws, tmp_path):
    """A figure added by an analyst whose quote holds a script tag goes through every
    stage and the 2013H2 report: the HTML shows the tag as text, never runs it."""
    script = "<script>alert(1)</script>"
    header, rows = move_to_addition(tmp_ws, ["F211"])
    quote = cells(rows["F211"])[cells(header).index("quote")]
    write_addition(tmp_ws, [header, with_cell(rows["F211"], header, quote=f"{quote} {script}")])
    out = tmp_path / "reports"
    [result] = batch.run_batch(tmp_ws, [HalfYear.parse(REPORT_PERIOD)], out, jobs=1, progress=False)
    assert result.ok, result.message
    outcomes = (tmp_ws.processed / "outcomes.csv").read_text(encoding="utf-8")
    assert script in outcomes  # the data keeps the quote verbatim
    page = (out / REPORT_PERIOD / "evaluation_report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page


# --- what is accepted ---------------------------------------------------------------------------


def test_real_codes_pass_the_parameter_check(ws):
    nb = nbformat.read(ws.notebooks / "03_model_trends.ipynb", as_version=4)
    values = {
        "indicator": "overunemployment_pp",
        "group": "non_western_immigrants_and_descendants",
        "geography": "copenhagen",
        "as_of": "2012H1",
    }
    assert parameters.check(nb, values, ws) == values


def test_a_trailing_newline_is_not_a_plain_parameter(ws):
    nb = nbformat.read(ws.notebooks / "04_evaluation_report.ipynb", as_version=4)
    with pytest.raises(ParameterError, match="is refused"):
        parameters.check(nb, {"period": "2013H2\n"}, ws)


def test_rows_are_numbered_as_in_the_file_across_blank_lines(tmp_path):
    """A blank line (as a hand edit leaves one) does not shift the row numbers."""
    from helpers.core import readers

    lines = (ROOT / REGISTER).read_text(encoding="utf-8").splitlines()
    path = tmp_path / "figures.csv"
    path.write_text("\n".join([lines[0], lines[1], "", lines[2]]) + "\n", encoding="utf-8")
    frame = readers.read_csv_text(path, "figures.csv", cells(lines[0]))
    assert list(frame["figure_id"]) == ["F001", "F002"]
    assert list(frame[readers.LINE_COLUMN]) == [2, 4]
