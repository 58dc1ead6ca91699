"""Notebook parameters are checked before papermill injects them.

Only names the notebook's ``parameters`` cell defines are accepted, and only
plain values: numbers, booleans, and short strings of letters, digits and
``_ - .`` (codes such as ``2013H2``, ``overunemployment_pp``, ``BIU11-OM1``).
Anything else is refused with a message saying what is allowed, so no text can
be smuggled into a notebook as code.
"""

from __future__ import annotations

import ast
import re
from typing import Any

import nbformat

from helpers.errors import BarometerError

SAFE_TEXT = re.compile(r"^[A-Za-zÆØÅæøå0-9_.\-]{1,80}$")


class ParameterError(BarometerError, ValueError):
    """A notebook parameter that is unknown or not a plain value."""


def declared(nb: nbformat.NotebookNode) -> dict[str, Any]:
    """The names and default values of the notebook's ``parameters`` cell.

    Raises
    ------
    ParameterError
        When the notebook has no cell tagged ``parameters``.
    """
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            defaults: dict[str, Any] = {}
            for node in ast.parse(cell.source).body:
                if isinstance(node, ast.Assign | ast.AnnAssign):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for target in targets:
                        if isinstance(target, ast.Name):
                            try:
                                defaults[target.id] = ast.literal_eval(node.value)
                            except ValueError:
                                defaults[target.id] = None
            return defaults
    raise ParameterError("the notebook has no cell tagged 'parameters', so it takes none")


def check(nb: nbformat.NotebookNode, given: dict[str, Any]) -> dict[str, Any]:
    """Return ``given`` when every parameter is declared and plain; raise otherwise.

    Raises
    ------
    ParameterError
        Naming the parameter, its value and what is allowed.
    """
    if not given:
        return {}
    names = declared(nb)
    for name, value in given.items():
        if name not in names:
            known = ", ".join(sorted(names)) or "none"
            raise ParameterError(f"unknown parameter {name!r}; this notebook takes: {known}")
        if isinstance(value, bool | int | float):
            continue
        if not isinstance(value, str):
            raise ParameterError(
                f"parameter {name!r} must be a number or a short code, not {type(value).__name__}"
            )
        if not SAFE_TEXT.match(value):
            raise ParameterError(
                f"parameter {name}={value!r} is refused: use only letters, digits, '_', '-' "
                "and '.' (at most 80 characters), e.g. 2013H2"
            )
    return dict(given)
