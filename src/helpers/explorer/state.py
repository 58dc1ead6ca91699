"""The experts' explorer, its logic: a selection becomes a state.

One :class:`Selection` (a goal or a series, the as-of half-year, the model or
"automatic", the interval level 80/95 and the sources) becomes one
:class:`State` (:func:`build_state`). :mod:`helpers.explorer.views` turns a state
into what a reader sees (chart, verdict, tables, in Danish) and
:mod:`helpers.explorer.app` wires ipywidgets to both and serves the page.

The verdict is stage 3's (:func:`helpers.evaluation.verdicts.judge` via
:func:`helpers.evaluation.views.build_view`): with the automatic model and all sources
it is the row of ``evaluations.csv`` (latest vintage); choosing a model runs the same
pure functions with that model (:class:`helpers.evaluation.verdicts.Models`). "Kun
kommunens egne tal" keeps, per period, the best-ranked figure from the municipality's
own reports and policy documents (the conflict rule's order where sources disagree);
borrowed variability still comes from the related national series.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace

import pandas as pd

from helpers.core.paths import CONFLICTS_FILE, Workspace
from helpers.core.periods import HalfYear, report_periods
from helpers.evaluation import backtests, calibration, trends, views
from helpers.evaluation.inputs import (
    SeriesStore,
    Unit,
    evaluation_units,
    read_goals,
    read_outcomes,
)
from helpers.evaluation.verdicts import NOT_PROJECTED, POSSIBLE_RANGE, Models, judge

AUTO = "auto"
LEVELS = (80, 95)
HALF_YEARS = tuple(str(h) for h in report_periods())
SOURCES_DA = {"all": "Alle kilder", "municipal": "Kun kommunens egne tal"}
#: Source kinds of "the municipality's own figures".
MUNICIPAL_KINDS = ("municipal_report", "policy_document")
KEY = ["indicator", "group", "geography", "age", "period"]
#: Inline colours of the verdict badge (the served page has no report stylesheet).
BADGE_STYLE = {
    "green": "background:#2e7d32;color:#fff",
    "yellow": "background:#f9a825;color:#000",
    "red": "background:#c62828;color:#fff",
    "white": "background:#fff;color:#000;border:1px solid #888",
}


@dataclass(frozen=True)
class Selection:
    """What the expert asks for.

    Attributes
    ----------
    goal_id : str
        The evaluation unit's goal id, or ``""`` for a series without a goal.
    indicator, group, geography : str
        The series (codes of ``outcomes.csv``).
    as_of : str
        The half-year of the judgement, ``"2013H2"`` form.
    model : str
        ``"auto"`` (the backtest's or calibration's choice) or one of
        :data:`helpers.evaluation.trends.SELECTABLE`.
    level : int
        Interval level in percent, 80 or 95.
    sources : str
        ``"all"`` or ``"municipal"`` (:data:`SOURCES_DA`).
    """

    goal_id: str = ""
    indicator: str = ""
    group: str = ""
    geography: str = ""
    as_of: str = "2013H2"
    model: str = AUTO
    level: int = 80
    sources: str = "all"

    def check(self) -> None:
        """Raise ValueError for a model, level, source choice or half-year that is not offered."""
        if self.model != AUTO and self.model not in trends.SELECTABLE:
            raise ValueError(f"unknown model {self.model!r}; expected auto or one of the models")
        if self.level not in LEVELS:
            raise ValueError(f"the interval level must be 80 or 95, not {self.level!r}")
        if self.sources not in SOURCES_DA:
            raise ValueError(f"sources must be one of {', '.join(SOURCES_DA)}")
        HalfYear.parse(self.as_of)

    @property
    def series(self) -> tuple[str, str, str]:
        return (self.indicator, self.group, self.geography)


DEFAULT = Selection(
    "POL11-HM2", "overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen"
)


# --- data ---------------------------------------------------------------------------------


def own_source_rows(outcomes: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Per series and period the best figure from the municipality's own sources.

    Parameters
    ----------
    outcomes : DataFrame
        Every row of ``outcomes.csv`` with a value
        (:func:`helpers.evaluation.inputs.read_outcomes` with ``all_rows=True``).
    conflicts : DataFrame
        ``conflicts.csv`` (``figure_id``, ``rank``): the conflict rule's order.

    Returns
    -------
    DataFrame
        Rows with a value whose ``source_kind`` is in :data:`MUNICIPAL_KINDS`: the
        preferred row where it is one of them, else the best-ranked of them;
        ``value`` as float.
    """
    rank = dict(zip(conflicts.get("figure_id", []), conflicts.get("rank", []), strict=True))
    rows = outcomes.loc[outcomes["source_kind"].isin(MUNICIPAL_KINDS)]
    rows = rows.assign(
        _preferred=~rows["preferred"].str.strip().str.lower().isin(["true", "1"]),
        _rank=[int(rank.get(f, 1) or 1) for f in rows["figure_id"]],
    )
    rows = rows.sort_values([*KEY, "_preferred", "_rank", "figure_id"], kind="stable")
    return rows.drop_duplicates(KEY).drop(columns=["_preferred", "_rank"]).reset_index(drop=True)


def _names(ws: Workspace, file: str) -> dict[str, str]:
    table = pd.read_csv(ws.reference / file, dtype=str, keep_default_na=False)
    return {c: n for c, n in zip(table["code"], table["name_da"], strict=True) if n}


class ExplorerData:
    """The processed tables the explorer reads, loaded once per kernel.

    Reads ``goals.csv``, ``outcomes.csv`` and ``conflicts.csv`` (like the report,
    never raw data) and the Danish names of ``data/reference``.
    """

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.goals = read_goals(ws)
        self.units = [u for u in evaluation_units(self.goals) if u.goal["indicator"]]
        self._units = {u.goal_id: u for u in self.units}
        self.cache = backtests.FitCache()
        self.calibrated = calibration.read_choice(ws, required=False)
        self._stores = {"all": SeriesStore(read_outcomes(ws))}
        self._models: dict[tuple[str, str], Models] = {}
        self.names = {
            "indicator": _names(ws, "indicators.csv"),
            "group": _names(ws, "groups.csv"),
            "geography": _names(ws, "geographies.csv"),
        }
        self.series = sorted({k[:3] for k in self._stores["all"].series_keys()})

    # -- stores and evaluators ---------------------------------------------------------------

    def store(self, sources: str) -> SeriesStore:
        """The series store of a source choice (built on first use)."""
        if sources not in self._stores:
            if sources != "municipal":
                raise ValueError(f"sources must be one of {', '.join(SOURCES_DA)}")
            table = read_outcomes(self.ws, all_rows=True)
            conflicts_file = self.ws.processed / CONFLICTS_FILE
            conflicts = (
                pd.read_csv(conflicts_file, dtype=str, keep_default_na=False)
                if conflicts_file.is_file()
                else pd.DataFrame(columns=["figure_id", "rank"])
            )
            self._stores[sources] = SeriesStore(own_source_rows(table, conflicts))
        return self._stores[sources]

    def models(self, sources: str, model: str) -> Models:
        """How projections are made for a source choice and a model (or ``"auto"``); borrowed
        variability always comes from all sources."""
        key = (sources, model)
        if key not in self._models:
            lender = None if sources == "all" else self.store("all")
            self._models[key] = Models(
                self.store(sources), model, lender, self.cache, self.calibrated
            )
        return self._models[key]

    # -- what can be chosen ------------------------------------------------------------------

    def unit(self, goal_id: str) -> Unit | None:
        return self._units.get(goal_id)

    def units_on(self, series: tuple[str, str, str]) -> list[Unit]:
        """The evaluation units measured on a series, in goal-id order."""
        keys = ("indicator", "group", "geography")
        return [u for u in self.units if tuple(u.goal[k] for k in keys) == series]

    def name(self, kind: str, code: str) -> str:
        """The Danish name of an indicator, group or geography code (else the code)."""
        return self.names[kind].get(code, code)

    def goal_options(self) -> list[tuple[str, str]]:
        """``(label, goal_id)`` of every unit with an indicator, plus "no goal"."""
        options = [("– intet mål: kun serien –", "")]
        for unit in self.units:
            title = str(unit.goal["title_da"])
            short = title if len(title) <= 70 else title[:69].rstrip() + "…"
            options.append((f"{unit.goal_ids}: {short}", unit.goal_id))
        return options

    def indicators(self) -> list[str]:
        codes = {s[0] for s in self.series} | {u.goal["indicator"] for u in self.units}
        return sorted(codes, key=lambda c: (self.name("indicator", c).casefold(), c))

    def groups(self, indicator: str) -> list[str]:
        codes = {s[1] for s in self._all_series() if s[0] == indicator}
        return sorted(codes, key=lambda c: (self.name("group", c).casefold(), c))

    def geographies(self, indicator: str, group: str) -> list[str]:
        codes = {s[2] for s in self._all_series() if s[:2] == (indicator, group)}
        return sorted(codes, key=lambda c: (self.name("geography", c).casefold(), c))

    def _all_series(self) -> set[tuple[str, str, str]]:
        keys = ("indicator", "group", "geography")
        return set(self.series) | {tuple(u.goal[k] for k in keys) for u in self.units}

    def complete(self, selection: Selection, changed: str = "goal_id") -> Selection:
        """A consistent selection after the field ``changed`` (a :class:`Selection` field) was set.

        Choosing a goal selects its series. Otherwise the indicator, group and
        geography are kept where they exist (else the first in the list) and the
        goal follows the series: the chosen goal if it is measured on it, else the
        first goal measured on it, else none.
        """
        sel = selection
        unit = self.unit(sel.goal_id)
        if changed == "goal_id" and unit is not None:
            sel = replace(sel, **{k: unit.goal[k] for k in ("indicator", "group", "geography")})
        indicators = self.indicators()
        indicator = sel.indicator if sel.indicator in indicators else indicators[0]
        groups = self.groups(indicator)
        group = sel.group if sel.group in groups else groups[0]
        geographies = self.geographies(indicator, group)
        geography = sel.geography if sel.geography in geographies else geographies[0]
        sel = replace(sel, indicator=indicator, group=group, geography=geography)
        on_series = [u.goal_id for u in self.units_on(sel.series)]
        goal_id = sel.goal_id if sel.goal_id in on_series else (on_series or [""])[0]
        return replace(sel, goal_id=goal_id)


# --- the state of one selection -------------------------------------------------------------


@dataclass
class State:
    """Everything shown for one selection."""

    selection: Selection
    view: views.SeriesView
    unit: Unit | None
    evaluation: dict | None
    fan: pd.DataFrame | None
    model: str
    model_reason: str
    names: dict[str, str] = field(default_factory=dict)
    comparison: dict[str, dict] = field(default_factory=dict)

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.selection.as_of)

    @property
    def unit_code(self) -> str:
        rows = self.view.rows
        if len(rows):
            return str(rows["unit"].iloc[-1])
        return str(self.unit.goal["unit"]) if self.unit is not None else ""

    @property
    def title(self) -> str:
        if self.unit is not None:
            return str(self.unit.goal["title_da"])
        return self.names["indicator"]


def build_state(data: ExplorerData, selection: Selection) -> State:
    """Fit, backtest and judge the selected series as of the selected half-year.

    Raises
    ------
    ValueError
        For a model, level, source choice or half-year that is not offered, or a
        goal that is not measured on the selected series.
    """
    selection.check()
    unit = data.unit(selection.goal_id) if selection.goal_id else None
    if selection.goal_id and (unit is None or unit not in data.units_on(selection.series)):
        raise ValueError(f"goal {selection.goal_id!r} is not measured on {selection.series}")
    auto = data.models(selection.sources, AUTO)
    units = [] if unit is None else [unit]
    view = views.build_view(auto, units, *selection.series, selection.as_of)
    names = {k: data.name(k, getattr(selection, k)) for k in ("indicator", "group", "geography")}
    if unit is None:
        model = view.choice.model if selection.model == AUTO else selection.model
        reason = view.choice.reason_da if selection.model == AUTO else "valgt i udforskeren"
        state = State(selection, view, None, None, None, model, reason, names)
        state.fan, note = series_fan(view, model)
        state.model_reason = "; ".join(t for t in (reason, note) if t)
        return state
    comparison = {}
    for model in dict.fromkeys(
        [*view.fits, *([] if selection.model == AUTO else [selection.model])]
    ):
        judgement = judge(unit, view.as_of, data.models(selection.sources, model))
        comparison[model] = {**judgement.verdict.row(), "_fan": judgement.fan}
    if selection.model == AUTO:
        evaluation, fan = view.evaluations.iloc[0].to_dict(), view.fans.get(unit.goal_id)
    else:
        evaluation = {k: v for k, v in comparison[selection.model].items() if k != "_fan"}
        fan = comparison[selection.model]["_fan"]
    reason = _series_names(str(evaluation["model_reason"]), data)
    return State(
        selection, view, unit, evaluation, fan, evaluation["model"], reason, names, comparison
    )


def _series_names(text: str, data: ExplorerData) -> str:
    """``indicator/group/geography`` codes in stage 3's text -> Danish names."""

    def name(match: re.Match) -> str:
        kinds = ("indicator", "group", "geography")
        return " · ".join(data.name(k, c) for k, c in zip(kinds, match.groups(), strict=True))

    return re.sub(r"\b([a-z0-9_]+)/([a-z0-9_]+)/([a-z0-9_]+)\b", name, text)


def series_fan(view: views.SeriesView, model: str) -> tuple[pd.DataFrame | None, str]:
    """A series without a goal: the model's fan to three years after its last figure, by
    stage 3's rules (ranks are not projected, nor values outside the possible range), and
    a Danish note when it is not shown."""
    result = view.fits[model]
    unit = str(view.rows["unit"].iloc[-1]) if len(view.rows) else ""
    if not result.ok:
        return None, ""
    if unit in NOT_PROJECTED:
        return None, NOT_PROJECTED[unit]
    fan = result.path(trends.projection_times(result.last_time, view.horizon))
    low, high = POSSIBLE_RANGE.get(unit, (-math.inf, math.inf))
    if not fan["mean"].between(low, high).all():
        return None, "fremskrivningen ligger uden for det mulige og vises ikke"
    return fan, ""
