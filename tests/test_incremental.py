"""Incremental runs: a stage or report is skipped only when what it reads is unchanged
and its outputs are intact; skipping never changes a byte of what a full run writes."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_bad_inputs import rerecord

from helpers import batch, pipeline
from helpers.core import manifest, stamps
from helpers.core.errors import RawDataError
from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear
from helpers.report import incremental, runner, warm_kernels
from helpers.report.layout import REPORT_NOTEBOOK

ROOT = Path(__file__).resolve().parents[1]
REGISTER = "data/raw/published_figures/published_figures.csv"
#: A real 2014 figure (Copenhageners feeling unsafe in their neighbourhood, Tryghedsundersøgelsen).
FIGURE_2014 = "F150"
ADDITION_2014 = "data/raw/published_figures/additions/2014H2_figures.csv"
REPORTED = [HalfYear.parse(p) for p in ("2013H2", "2014H1", "2014H2")]


def _hashes(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and stamps.STAMPS_DIR not in p.parts
    }


def _copy_workspace(source: Path, target: Path, with_stamps: bool = True) -> Workspace:
    ignore = ["__pycache__", ".ipynb_checkpoints"] + ([] if with_stamps else [stamps.STAMPS_DIR])
    for folder in ("data/raw", "data/reference", "data/processed", "notebooks", "reports"):
        if (source / folder).is_dir():
            shutil.copytree(
                source / folder, target / folder, ignore=shutil.ignore_patterns(*ignore)
            )
    shutil.copyfile(source / "requirements.lock", target / "requirements.lock")
    return Workspace(target)


def withhold_figure(ws: Workspace, figure_id: str = FIGURE_2014) -> tuple[str, str]:
    """Take a real row out of the register (re-recorded); return the header and the row."""
    path = ws.root / REGISTER
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    [row] = [line for line in lines[1:] if line.startswith(f"{figure_id},")]
    path.write_text("".join(x for x in lines if x != row), encoding="utf-8", newline="")
    rerecord(ws, REGISTER)
    return lines[0].rstrip("\r\n"), row.rstrip("\r\n")


def add_figure_file(ws: Workspace, header: str, row: str, rel: str = ADDITION_2014) -> Path:
    """What an analyst does: a new additions file, recorded in the manifest."""
    path = ws.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{header}\n{row}\n", encoding="utf-8", newline="")
    manifest.add_entry(ws, path, source="test: an analyst's addition")
    return path


def _names(results: list[pipeline.StageResult]) -> dict[str, str]:
    return {r.name: "unchanged" if r.unchanged else "rebuilt" for r in results}


# --- stages ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def staged_root(tmp_path_factory) -> Path:
    """A workspace copy whose stages ran once (force), so every stage has its stamp."""
    root = tmp_path_factory.mktemp("staged")
    ws = _copy_workspace(ROOT, root, with_stamps=False)
    results = pipeline.run_all(ws, force=True)
    assert _names(results) == dict.fromkeys(_names(results), "rebuilt")
    return root


@pytest.fixture
def staged(staged_root, tmp_path) -> Workspace:
    return _copy_workspace(staged_root, tmp_path / "ws")


def test_unchanged_stages_are_skipped_and_nothing_is_written(staged):
    before = _hashes(staged.processed)
    stamped = _hashes(staged.processed / stamps.STAMPS_DIR)
    results = pipeline.run_all(staged, force=False)
    assert _names(results) == {
        "clean_goals": "unchanged",
        "clean_outcomes": "unchanged",
        "calibrate": "unchanged",
        "model_trends": "unchanged",
    }
    assert _hashes(staged.processed) == before
    assert _hashes(staged.processed / stamps.STAMPS_DIR) == stamped
    assert all(pipeline.stage_is_current(staged, s) for s in pipeline.STAGES)


def test_a_changed_raw_file_reruns_the_stages_that_read_it_and_no_more(staged):
    """Moving a real figure from the register into an additions file changes raw files
    (and their manifest entries) only stage 2 reads; its tables come out the same bytes,
    so stage 3, which reads only those, is not rerun either."""
    before = _hashes(staged.processed)
    header, row = withhold_figure(staged)
    add_figure_file(staged, header, row)
    assert not pipeline.stage_is_current(staged, pipeline.STAGES[1])
    results = pipeline.run_all(staged, force=False)
    assert _names(results) == {
        "clean_goals": "unchanged",  # it reads only the policy documents
        "clean_outcomes": "rebuilt",
        "calibrate": "unchanged",
        "model_trends": "unchanged",
    }
    assert _hashes(staged.processed) == before


def test_a_raw_file_changed_without_its_manifest_entry_still_stops_the_run(staged):
    """Skipping must not hide a change: stage 2 reads every raw file, so it runs, and its
    manifest check refuses the file (nothing is written)."""
    before = _hashes(staged.processed)
    register = staged.root / REGISTER
    register.write_bytes(register.read_bytes() + b"\n")
    with pytest.raises(RawDataError, match=r"published_figures\.csv"):
        pipeline.run_all(staged, force=False)
    assert _hashes(staged.processed) == before


def test_a_damaged_or_missing_table_is_rebuilt(staged):
    before = _hashes(staged.processed)
    findings = staged.processed / "findings.csv"
    findings.write_text(findings.read_text(encoding="utf-8") + "x\n", encoding="utf-8")
    (staged.processed / "conflicts.csv").unlink()
    results = pipeline.run_all(staged, force=False)
    assert _names(results) == {
        "clean_goals": "rebuilt",
        "clean_outcomes": "rebuilt",
        "calibrate": "unchanged",
        "model_trends": "unchanged",
    }
    assert _hashes(staged.processed) == before


def test_a_lost_stamp_reruns_its_stage(staged):
    stamps.forget(staged.processed, "clean_goals")
    assert _names(pipeline.run_all(staged, force=False))["clean_goals"] == "rebuilt"
    assert stamps.read_stamp(staged.processed, "clean_goals") is not None


@pytest.mark.slow
def test_force_reruns_every_stage(staged):
    before = _hashes(staged.processed)
    results = pipeline.run_all(staged, force=True)
    assert set(_names(results).values()) == {"rebuilt"}
    assert _hashes(staged.processed) == before


def test_changed_code_changes_the_keys_of_the_stages_and_reports_that_run_it(ws, tmp_path):
    code = tmp_path / "helpers"
    shutil.copytree(stamps.CODE_ROOT, code, ignore=shutil.ignore_patterns("__pycache__"))
    periods = REPORTED

    def keys() -> dict[str, str]:
        found = {
            s.name: pipeline.stage_key(ws, s, periods, code_root=code) for s in pipeline.STAGES
        }
        found["reports"] = incremental.common_key(ws, code_root=code)
        return found

    original = keys()
    assert original == keys(), "keys are deterministic"
    with open(code / "outcomes" / "gaps.py", "a", encoding="utf-8") as handle:
        handle.write("\n# a changed rule\n")
    after_outcomes = keys()
    assert after_outcomes["clean_goals"] == original["clean_goals"]
    assert after_outcomes["clean_outcomes"] != original["clean_outcomes"]
    assert after_outcomes["model_trends"] != original["model_trends"]
    assert after_outcomes["reports"] == original["reports"]
    with open(code / "report" / "tables.py", "a", encoding="utf-8") as handle:
        handle.write("\n# a changed table\n")
    after_report = keys()
    assert {k: v for k, v in after_report.items() if k != "reports"} == {
        k: v for k, v in after_outcomes.items() if k != "reports"
    }
    assert after_report["reports"] != after_outcomes["reports"]
    template = code / "report" / "templates" / "barometer" / "index.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert keys()["reports"] != after_report["reports"]


def test_the_half_years_are_part_of_stage_3s_key(ws):
    trends = next(s for s in pipeline.STAGES if s.name == "model_trends")
    standard = pipeline.stage_key(ws, trends)
    assert pipeline.stage_key(ws, trends, [HalfYear.parse("2013H2")]) == standard
    assert pipeline.stage_key(ws, trends, [HalfYear.parse("2015H1")]) != standard


# --- reports ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reported_root(tmp_path_factory) -> Path:
    """A workspace copy with the reports of 2013H2-2014H2 run once (force), stamped."""
    root = tmp_path_factory.mktemp("reported")
    ws = _copy_workspace(ROOT, root, with_stamps=False)
    with warm_kernels.zygote() as warm:
        results = runner.run_reports(
            ws, REPORTED, ws.reports, jobs=2, progress=False, kernel_name=warm, force=True
        )
    assert [r.period for r in results if not r.ok] == []
    return root


@pytest.fixture
def reported(reported_root, tmp_path) -> Workspace:
    return _copy_workspace(reported_root, tmp_path / "ws")


def _to_rebuild(ws: Workspace, force: bool = False) -> dict[str, str]:
    plans = incremental.plan_reports(ws, REPORTED, ws.reports, force=force)
    return {p: plan.reason for p, plan in plans.items() if plan.rebuild}


def test_unchanged_reports_are_skipped_and_said_so(reported, capsys):
    assert _to_rebuild(reported) == {}
    before = _hashes(reported.reports)
    results = runner.run_reports(reported, REPORTED, reported.reports, jobs=2, force=False)
    assert [(r.period, r.ok, r.unchanged) for r in results] == [
        (str(p), True, True) for p in REPORTED
    ]
    printed = capsys.readouterr().out
    assert "2013H2: unchanged" in printed and "index: unchanged" in printed
    assert _hashes(reported.reports) == before


def test_a_2014_figure_changes_only_the_reports_that_can_see_it(reported):
    """Stage 2's table without F150 (unsafe in one's neighbourhood, 2014): only 2014H2
    can see a figure about the year 2014, so only its key changes."""
    path = reported.processed / "outcomes.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if f",{FIGURE_2014}," not in line]
    assert len(kept) == len(lines) - 1
    path.write_text("".join(kept), encoding="utf-8", newline="")
    assert _to_rebuild(reported) == {"2014H2": "inputs changed"}


def test_a_figure_for_2014h1_changes_the_2014h1_and_2014h2_reports(reported):
    """A quarterly survey figure of 2014 Q1 is seen from 2014H1 on, not by 2013H2."""
    path = reported.processed / "outcomes.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    quarter = next(r for r in rows if "2014-01-01" <= r["period_end"] <= "2014-06-30")
    rows.remove(quarter)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    assert _to_rebuild(reported) == {"2014H1": "inputs changed", "2014H2": "inputs changed"}


def test_a_deleted_or_edited_report_file_is_rebuilt(reported):
    (reported.reports / "2013H2" / "evaluation_report.html").unlink()
    card = reported.reports / "2014H1" / "scorecard.csv"
    card.write_bytes(card.read_bytes() + b"POL11-X,,,\n")
    assert _to_rebuild(reported) == {
        "2013H2": "output missing or changed",
        "2014H1": "output missing or changed",
    }


def test_force_and_a_changed_notebook_rebuild_every_report(reported):
    assert _to_rebuild(reported, force=True) == dict.fromkeys(map(str, REPORTED), "forced")
    notebook = reported.notebooks / REPORT_NOTEBOOK
    notebook.write_bytes(notebook.read_bytes().replace(b"Resultattavle", b"Resultattavlen"))
    assert _to_rebuild(reported) == dict.fromkeys(map(str, REPORTED), "inputs changed")


def test_a_missing_or_damaged_index_is_rebuilt_without_rerunning_reports(reported, capsys):
    before = _hashes(reported.reports)
    (reported.reports / "overview.csv").unlink()
    index = reported.reports / "index.html"
    index.write_text("broken", encoding="utf-8")
    results = runner.run_reports(reported, REPORTED, reported.reports, jobs=1, force=False)
    assert all(r.unchanged for r in results)
    assert "index: rebuilt" in capsys.readouterr().out
    assert _hashes(reported.reports) == before


# --- end to end: incremental after a change == a full run from scratch ------------------------


def _batch(root: Path, *args: str) -> str:
    """``python -m helpers.batch`` on the workspace at ``root`` in a fresh interpreter with
    a clean environment (no state from this test process: caches, variables, kernels)."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", str(root)),
        "LANG": "C.UTF-8",
        "BAROMETER_ROOT": str(root),
        "PYTHONHASHSEED": "0",
    }
    done = subprocess.run(
        [sys.executable, "-m", "helpers.batch", "--from", "2013H2", "--to", "2014H2", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.mark.slow
def test_incremental_after_a_2014_figure_file_equals_a_full_run_from_scratch(tmp_path):
    """A workspace whose register lacks a real 2014 figure is run in full; the figure then
    arrives as an additions file and the batch reruns only stages 2-3 and 2014H2; its
    data/processed/ and reports/ equal, byte for byte, a full run from scratch of a fresh
    copy of the same inputs."""
    incremental_ws = _copy_workspace(ROOT, tmp_path / "incremental", with_stamps=False)
    shutil.rmtree(incremental_ws.reports, ignore_errors=True)
    header, row = withhold_figure(incremental_ws)
    first = _batch(incremental_ws.root, "--force")
    assert "2014H2: rebuilding, forced" in first
    add_figure_file(incremental_ws, header, row)
    again = _batch(incremental_ws.root)
    assert "stage clean_goals: unchanged" in again
    assert "stage clean_outcomes: rebuilt" in again and "stage model_trends: rebuilt" in again
    assert "2013H2: unchanged" in again and "2014H1: unchanged" in again
    assert "2014H2: rebuilding, inputs changed" in again
    assert "3 of 3 reports written to reports/ (2 unchanged, 1 rebuilt)" in again

    full_ws = _copy_workspace(incremental_ws.root, tmp_path / "full", with_stamps=False)
    shutil.rmtree(full_ws.reports)
    _batch(full_ws.root, "--force")
    assert _hashes(incremental_ws.processed) == _hashes(full_ws.processed)
    assert _hashes(incremental_ws.reports) == _hashes(full_ws.reports)
    idle = _batch(incremental_ws.root)
    assert "rebuil" not in idle.replace("0 rebuilt", ""), idle


# --- the command line, make and CI --------------------------------------------------------------


def test_force_is_on_the_command_line_in_make_and_in_ci():
    assert batch.parse_args(["--force"]).force and not batch.parse_args([]).force

    def report_command(*args: str) -> str:
        done = subprocess.run(
            ["make", "-n", "report", *args], cwd=ROOT, capture_output=True, text=True, check=True
        )
        return next(line for line in done.stdout.splitlines() if "helpers.batch" in line)

    assert report_command("FORCE=1").endswith("--force")
    assert "--force" not in report_command()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake report FORCE=1\n" in ci, "CI's stale check regenerates from scratch"


def test_stamps_are_git_ignored_so_a_fresh_clone_runs_everything():
    for path in ("data/processed/.stamps/clean_goals.json", "reports/.stamps/2013H2.json"):
        done = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT)
        assert done.returncode == 0, f"{path} is not ignored"
