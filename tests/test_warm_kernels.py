"""Warm kernels: forked from one prepared process, yet each report gets a fresh one."""

import os
from pathlib import Path

import nbformat
import pytest

from helpers.report import notebooks, runner, warm_kernels

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="warm kernels need os.fork")


def _run(code, kernel_name, cwd):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
    out = notebooks.execute(nb, cwd=cwd, kernel_name=kernel_name)
    return "".join(o.get("text", "") for o in out.cells[0].outputs)


def _processes_mentioning(text):
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if text in (proc / "cmdline").read_bytes().decode(errors="ignore"):
                    found.append(proc.name)
            except OSError:
                continue
    return found


def test_each_warm_kernel_is_a_new_process_without_earlier_state(tmp_path):
    with warm_kernels.zygote(modules=()) as kernel:
        assert kernel == warm_kernels.KERNEL_NAME
        first = _run("secret = 41\nimport os\nprint(os.getpid())", kernel, tmp_path)
        second = _run("import os\nprint(os.getpid(), 'secret' in globals())", kernel, tmp_path)
        socket_dir = os.environ["JUPYTER_PATH"].split(os.pathsep)[0]
    assert first.split()[0] != second.split()[0], "a new process for every notebook"
    assert second.split()[1] == "False", "no variable survives from the previous notebook"
    assert _processes_mentioning(socket_dir) == [], "the zygote and its kernels are gone"


@pytest.mark.slow
def test_warm_and_cold_kernels_give_byte_identical_reports(tmp_ws, tmp_path):
    cold = runner.render_report(str(tmp_ws.root), "2013H2", str(tmp_path / "cold"))
    with warm_kernels.zygote() as kernel:
        warm = runner.render_report(str(tmp_ws.root), "2013H2", str(tmp_path / "warm"), kernel,
                                   os.environ["JUPYTER_PATH"])  # fmt: skip
    assert cold.ok and warm.ok
    for name in ("evaluation_report.ipynb", "evaluation_report.html", "scorecard.csv"):
        assert (tmp_path / "cold" / "2013H2" / name).read_bytes() == (
            tmp_path / "warm" / "2013H2" / name
        ).read_bytes()
