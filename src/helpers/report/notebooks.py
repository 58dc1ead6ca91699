"""Run notebooks headless and store them so that reruns are byte-identical.

papermill and nbclient stamp every run with times, durations, paths and random
ids; :func:`normalize` removes all of that. :func:`to_html` renders a notebook
without code cells for readers.

Command line (rebuild the stored, executed notebooks from their jupytext
sources in ``notebooks/scripts/``)::

    python -m helpers.report.notebooks refresh [NAME ...]
"""

from __future__ import annotations

import argparse
import copy
import functools
import logging
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import nbformat

from helpers.core import atomic
from helpers.core.paths import Workspace
from helpers.report.parameters import check as check_parameters

KERNEL_NAME = "python3"
TEMPLATES = Path(__file__).parent / "templates"
#: Kernels run quiet (no transport warnings) and keep no input history (no SQLite file).
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
NOTEBOOK_NAMES = (
    "01_clean_goals",
    "02_clean_outcomes",
    "03_model_trends",
    "04_evaluation_report",
    "explore",
)
_VOLATILE_NB_KEYS = ("input_path", "output_path", "start_time", "end_time", "duration", "exception")


def quiet() -> None:
    """Silence the kernel-transport warnings a batch user should not see."""
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    for name in ("papermill", "traitlets", "nbclient", "jupyter_client"):
        logging.getLogger(name).setLevel(logging.ERROR)


def normalize(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove everything that differs between two runs on the same inputs.

    Drops papermill's and nbclient's timestamps, durations and paths, gives
    cells stable ids, keeps only the language name of ``language_info`` and
    numbers executed cells 1, 2, 3, ...
    """
    nb = copy.deepcopy(nb)
    pm = nb.metadata.get("papermill")
    if pm is not None:
        for key in _VOLATILE_NB_KEYS:
            pm.pop(key, None)
        pm.pop("version", None)
    nb.metadata.pop("widgets", None)
    info = nb.metadata.get("language_info")
    if info is not None:
        nb.metadata["language_info"] = {"name": info.get("name", "python")}
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": KERNEL_NAME,
    }
    count = 0
    for index, cell in enumerate(nb.cells):
        cell.metadata.pop("papermill", None)
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        tags = cell.metadata.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"
        elif "papermill-error-cell-tag" in tags:
            cell["id"] = f"papermill-error-{index}"
        else:
            cell["id"] = f"cell-{index:02d}"
        if cell.cell_type == "code":
            if cell.get("execution_count") is not None or cell.get("outputs"):
                count += 1
                cell["execution_count"] = count
                for output in cell.get("outputs", []):
                    if "execution_count" in output:
                        output["execution_count"] = count
            else:
                cell["execution_count"] = None
    nb.nbformat, nb.nbformat_minor = 4, 5
    return nb


def dumps(nb: nbformat.NotebookNode) -> bytes:
    """Serialise a notebook the same way every time (nbformat's layout, ``\\n`` at the end)."""
    text = nbformat.writes(nb, version=4)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def execute(
    notebook: Path | nbformat.NotebookNode,
    parameters: dict[str, Any] | None = None,
    *,
    cwd: Path,
    failed_copy: Path | None = None,
    kernel_name: str = KERNEL_NAME,
) -> nbformat.NotebookNode:
    """Execute a notebook with papermill in-process and return it normalised.

    Parameters
    ----------
    notebook : Path or NotebookNode
        The notebook to run.
    parameters : dict, optional
        Values injected after the cell tagged ``parameters``.
    cwd : Path
        Working directory of the kernel.
    failed_copy : Path, optional
        Where to keep the executed notebook (with papermill's error cell) if a
        cell fails.
    kernel_name : str
        The kernel spec to run (default ``python3``; the batch uses warm kernels,
        see :mod:`helpers.report.warm_kernels`).

    Raises
    ------
    helpers.report.parameters.ParameterError
        When a parameter is unknown to the notebook or not a plain value (before
        anything runs).
    papermill.PapermillExecutionError
        When a cell fails (after the failed notebook was kept).
    """
    import papermill

    quiet()
    nb = (
        notebook
        if isinstance(notebook, nbformat.NotebookNode)
        else nbformat.read(notebook, as_version=4)
    )
    parameters = check_parameters(nb, parameters or {})
    with tempfile.TemporaryDirectory(prefix="barometer-run-") as tmp:
        source = Path(tmp) / "input.ipynb"
        output = Path(tmp) / "output.ipynb"
        source.write_bytes(dumps(nb))
        try:
            papermill.execute_notebook(
                str(source),
                str(output),
                parameters=parameters or {},
                kernel_name=kernel_name,
                progress_bar=False,
                log_output=False,
                request_save_on_cell_execute=False,
                cwd=str(cwd),
                record_timing=False,
                extra_arguments=KERNEL_ARGUMENTS,
                shutdown_kernel="immediate",
            )
        except papermill.PapermillExecutionError:
            if failed_copy is not None and output.exists():
                atomic.write_bytes(
                    failed_copy, dumps(normalize(nbformat.read(output, as_version=4)))
                )
            raise
        return normalize(nbformat.read(output, as_version=4))


@functools.cache
def _html_exporter():
    """One HTML exporter per process: its templates are compiled once."""
    from nbconvert import HTMLExporter

    return HTMLExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="barometer",
        language_code="da",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )


def to_html(nb: nbformat.NotebookNode, title: str) -> bytes:
    """Render a notebook as a readable HTML page without code cells or prompts."""
    body, _ = _html_exporter().from_notebook_node(nb, resources={"metadata": {"name": title}})
    return (body if body.endswith("\n") else body + "\n").encode("utf-8")


def jupytext_source(ws: Workspace, name: str) -> Path:
    """The py:percent source a stored notebook is paired with."""
    return ws.notebooks / "scripts" / f"{name}.py"


def from_source(ws: Workspace, name: str) -> nbformat.NotebookNode:
    """Read a notebook's jupytext source as an (unexecuted) notebook with stable ids."""
    import jupytext

    nb = jupytext.read(jupytext_source(ws, name))
    nb.metadata.pop("jupytext", None)
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"
    nb.metadata["kernelspec"] = {
        "display_name": "Python 3",
        "language": "python",
        "name": KERNEL_NAME,
    }
    nb.metadata["jupytext"] = {"formats": "ipynb,scripts//py:percent"}
    return nb


def refresh(ws: Workspace, names: list[str]) -> None:
    """Execute each named notebook from its jupytext source and store it in
    ``notebooks/`` with its outputs (the reference nbval compares against)."""
    for name in names:
        nb = execute(from_source(ws, name), cwd=ws.notebooks)
        nb.metadata.pop("papermill", None)
        nb.metadata["jupytext"] = {"formats": "ipynb,scripts//py:percent"}
        atomic.write_bytes(ws.notebooks / f"{name}.ipynb", dumps(nb))
        print(f"stored notebooks/{name}.ipynb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.report.notebooks")
    sub = parser.add_subparsers(dest="command", required=True)
    ref = sub.add_parser("refresh", help="re-execute notebooks from notebooks/scripts/*.py")
    ref.add_argument("names", nargs="*", help="notebook names (default: all)")
    args = parser.parse_args(argv)
    ws = Workspace.default()
    names = args.names or [n for n in NOTEBOOK_NAMES if jupytext_source(ws, n).exists()]
    try:
        refresh(ws, names)
    except Exception as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
