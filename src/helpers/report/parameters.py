"""Notebook parameters are checked before papermill injects them.

Only names the notebook's ``parameters`` cell defines are accepted, and only
plain values: numbers, booleans, and short strings of letters, digits and
``_ - .`` (codes such as ``2013H2``, ``overunemployment_pp``, ``BIU11-OM1``).
Anything else is refused with a message saying what is allowed, so no text can
be smuggled into a notebook as code.

Parameters that name something are also checked against what exists, so that a
typo is refused before a kernel starts rather than ending in an empty chart:

* ``period``, ``as_of``: a half-year written ``2013H2``;
* ``vintage``: ``latest`` or ``real-time``;
* ``indicator``, ``group``, ``geography``: codes of a series in the processed
  tables (``outcomes.csv`` or a goal in ``goals.csv``), also in combination;
* ``goal_id``, ``goal``: a goal id of ``goals.csv``.

The message lists the valid values. Notebooks and the explorer can call
:func:`check_codes` themselves for values a user picks.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import nbformat
import pandas as pd

from helpers.core.errors import BarometerError, PeriodError
from helpers.core.paths import GOALS_FILE, OUTCOMES_FILE, Workspace
from helpers.core.periods import HalfYear
from helpers.core.vintages import VINTAGES

SAFE_TEXT = re.compile(r"^[A-Za-zÆØÅæøå0-9_.\-]{1,80}$")
HALF_YEAR_PARAMETERS = ("period", "as_of")
SERIES_PARAMETERS = ("indicator", "group", "geography")
GOAL_PARAMETERS = ("goal_id", "goal")


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


@dataclass(frozen=True)
class KnownCodes:
    """The series and goals the processed tables hold."""

    series: frozenset[tuple[str, str, str]]
    goal_ids: frozenset[str]

    @classmethod
    def load(cls, ws: Workspace) -> KnownCodes:
        """Read the codes from ``data/processed/outcomes.csv`` and ``goals.csv``.

        Raises
        ------
        ParameterError
            When the tables are missing (run the cleaning stages first).
        """
        frames = []
        for name in (OUTCOMES_FILE, GOALS_FILE):
            path = ws.processed / name
            if not path.is_file():
                raise ParameterError(
                    f"{ws.relative(path)} is missing, so codes cannot be checked; run the "
                    "cleaning stages first (python -m helpers.batch)"
                )
            frames.append(pd.read_csv(path, dtype=str, keep_default_na=False))
        outcomes, goals = frames
        keys = pd.concat(
            [outcomes[list(SERIES_PARAMETERS)], goals[list(SERIES_PARAMETERS)]],
            ignore_index=True,
        )
        keys = keys[keys["indicator"] != ""]
        series = frozenset(tuple(row) for row in keys.itertuples(index=False))
        return cls(series, frozenset(goals["goal_id"]))


def _one_of(values: Iterable[str]) -> str:
    return ", ".join(sorted(set(values)))


def check_codes(given: dict[str, Any], known: KnownCodes) -> None:
    """Refuse half-years that do not exist and codes the processed tables do not hold.

    Parameters
    ----------
    given : dict
        Parameter values by name; names other than those of the module
        docstring are not looked at.
    known : KnownCodes
        What exists.

    Raises
    ------
    ParameterError
        Naming the parameter and value, with the valid values.
    """
    for name in HALF_YEAR_PARAMETERS:
        if name in given:
            try:
                HalfYear.parse(given[name])
            except PeriodError as exc:
                raise ParameterError(
                    f"parameter {name}={given[name]!r} is refused: {exc}"
                ) from None
    if "vintage" in given and given["vintage"] not in VINTAGES:
        raise ParameterError(
            f"parameter vintage={given['vintage']!r} is refused: use one of {_one_of(VINTAGES)}"
        )
    for name in GOAL_PARAMETERS:
        if name in given and given[name] not in known.goal_ids:
            raise ParameterError(
                f"parameter {name}={given[name]!r} is not a goal in data/processed/goals.csv; "
                f"the goal ids are: {_one_of(known.goal_ids)}"
            )
    chosen: dict[str, str] = {}
    for position, name in enumerate(SERIES_PARAMETERS):
        if name not in given:
            continue
        fits = [s for s in known.series if all(s[i] == v for i, v in chosen.items())]
        valid = {s[position] for s in fits}
        if given[name] not in valid:
            within = " and ".join(
                f"{SERIES_PARAMETERS[i]} {v!r}" for i, v in sorted(chosen.items())
            )
            within = f" for {within}" if within else ""
            raise ParameterError(
                f"parameter {name}={given[name]!r} is refused: no series in the processed "
                f"tables has this {name}{within}; valid values: {_one_of(valid)}"
            )
        chosen[position] = given[name]


def check(
    nb: nbformat.NotebookNode, given: dict[str, Any], ws: Workspace | None = None
) -> dict[str, Any]:
    """Return ``given`` when every parameter is declared, plain and names something
    that exists; raise otherwise.

    Parameters
    ----------
    nb : NotebookNode
        The notebook the parameters are for.
    given : dict
        The values to inject.
    ws : Workspace, optional
        Whose processed tables the codes are checked against (default: the
        workspace the notebook itself opens, :meth:`Workspace.default`).

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
        if not SAFE_TEXT.fullmatch(value):
            raise ParameterError(
                f"parameter {name}={value!r} is refused: use only letters, digits, '_', '-' "
                "and '.' (at most 80 characters), e.g. 2013H2"
            )
    names_codes = any(n in given for n in (*SERIES_PARAMETERS, *GOAL_PARAMETERS))
    nothing = KnownCodes(frozenset(), frozenset())  # half-years need no tables
    check_codes(given, KnownCodes.load(ws or Workspace.default()) if names_codes else nothing)
    return dict(given)
