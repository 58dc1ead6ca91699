"""Stored notebooks: paired with their jupytext sources, free of volatile metadata."""

import json

import jupytext
import nbformat
import pytest

from helpers.report import notebooks

STORED = sorted(
    name
    for name in notebooks.NOTEBOOK_NAMES
    if (notebooks.Workspace.default().notebooks / f"{name}.ipynb").exists()
)


@pytest.mark.parametrize("name", STORED)
def test_stored_notebook_matches_its_jupytext_source(ws, name):
    stored = nbformat.read(ws.notebooks / f"{name}.ipynb", as_version=4)
    source = jupytext.read(ws.notebooks / "scripts" / f"{name}.py")
    strip = [(c.cell_type, c.source.strip()) for c in stored.cells]
    assert strip == [(c.cell_type, c.source.strip()) for c in source.cells], (
        f"notebooks/{name}.ipynb and notebooks/scripts/{name}.py differ: run 'make notebooks'"
    )


@pytest.mark.parametrize("name", STORED)
def test_stored_notebook_has_outputs_and_nothing_volatile(ws, name):
    text = (ws.notebooks / f"{name}.ipynb").read_text(encoding="utf-8")
    nb = json.loads(text)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert any(c["outputs"] for c in code), "nbval needs stored outputs to compare"
    for marker in ("start_time", "end_time", "duration", "/work/", "/tmp/", "/home/"):
        assert marker not in text
    assert nb["metadata"]["kernelspec"]["name"] == "python3"


def test_normalize_removes_papermill_and_nbclient_stamps():
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1")
    cell.metadata["papermill"] = {"start_time": "2026-01-01T00:00:00", "duration": 0.1}
    cell.metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    cell.metadata["tags"] = ["injected-parameters"]
    cell.execution_count = 7
    nb.cells.append(cell)
    nb.metadata["papermill"] = {
        "input_path": "/tmp/x.ipynb",
        "output_path": "/tmp/y.ipynb",
        "start_time": "t",
        "end_time": "t",
        "duration": 1.0,
        "parameters": {"period": "2013H2"},
    }
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    out = notebooks.normalize(nb)
    assert out.metadata["papermill"] == {"parameters": {"period": "2013H2"}}
    assert out.metadata["language_info"] == {"name": "python"}
    assert out.cells[0].metadata == {"tags": ["injected-parameters"]}
    assert out.cells[0]["id"] == "injected-parameters"
    assert out.cells[0].execution_count == 1
    assert notebooks.dumps(out) == notebooks.dumps(notebooks.normalize(out))
