"""The package's shape: one subpackage per stage, no hidden cycles, a light report kernel.

The layering itself is an import-linter contract (``pyproject.toml``, run by ``make lint``);
these tests hold what import-linter does not see.
"""

import ast
import subprocess
import sys
from pathlib import Path

import helpers
from helpers.report.warm_kernels import REPORT_MODULES

PACKAGE = Path(helpers.__file__).parent
STAGES = ("core", "goals", "outcomes", "evaluation", "report", "explorer")


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py"))


def test_one_subpackage_per_stage_and_a_small_top_level():
    subpackages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert subpackages == sorted(STAGES)
    top_level = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top_level) <= 10, top_level


def test_every_subpackage_says_what_it_owns_reads_and_writes():
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text()))
        assert doc and len(doc.split()) >= 25, f"helpers.{stage} needs a docstring"
        assert "read" in doc.lower(), f"helpers.{stage}: say what it reads"


def test_no_function_local_import_of_the_package():
    """A ``from helpers ...`` inside a function is how a cycle hides; none is left."""
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, ast.ImportFrom) and (inner.module or "").startswith("helpers"):
                    found.append(f"{path.relative_to(PACKAGE)}:{inner.lineno}")
    assert found == []


def test_a_report_kernel_imports_the_goal_record_but_no_goal_parser():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in REPORT_MODULES)
        + "print(' '.join(sorted(m for m in sys.modules if m.startswith('helpers.goals'))))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert loaded == ["helpers.goals", "helpers.goals.records"]
