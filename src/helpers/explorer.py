"""The experts' explorer: notebook ``explore`` in JupyterLab, served read-only by ``make app``.

One :class:`Selection` (a goal or a series, the as-of half-year, the model or
"automatic", the interval level 80/95 and the sources) becomes one
:class:`State` (:func:`build_state`), from which everything shown is made:

* :func:`chart` - the figures, the projection fan at the chosen level and the target;
* :func:`verdict_html` - the verdict, its reason, the probability and the model;
* :func:`models_table` - every model's projection, interval and chance;
* :func:`backtest_table` - the rolling-origin backtest that picks the automatic model;
* :func:`figures_table` / :func:`figures_html` - the figures behind the chart with
  their source quotes, and the goal's own wording.

The verdict is stage 3's (:class:`helpers.evaluate.Evaluator` via
:func:`helpers.trend_view.build_view`): with the automatic model and all sources
it is the row of ``evaluations.csv``; choosing a model re-runs the same rules
with that model's projection. "Kun kommunens egne tal" keeps, per period, the
best-ranked figure from the municipality's own reports and policy documents
(the conflict rule's order where sources disagree); borrowed variability still
comes from the related national series.

Everything a reader sees is Danish with Danish number formats; text from the
data is HTML-escaped (and ``$`` escaped in chart titles, where matplotlib would
read mathtext). :class:`App` wires ipywidgets to these functions and nothing else.

Command line (serve the explorer read-only on localhost with Voilà)::

    python -m helpers.explorer [--port 8866]
"""

from __future__ import annotations

import argparse
import base64
import html
import io
import itertools
import math
import os
import re
import sys
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import pandas as pd

from helpers import backtest, plots, progress, trend_view, trends
from helpers.danish import format_number, format_probability, format_value
from helpers.evaluate import (
    NOT_PROJECTED,
    POSSIBLE_RANGE,
    Evaluator,
)
from helpers.evaluation_inputs import (
    OUTCOMES_FILE,
    SeriesStore,
    Unit,
    evaluation_units,
    read_goals,
    read_outcomes,
)
from helpers.paths import CONFLICTS_FILE, Workspace
from helpers.periods import HalfYear, period_da, report_periods

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from helpers.trends import TrendResult

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
NOTEBOOK = "explore.ipynb"
#: Cells with this tag show the stored default view; the served page leaves them out.
STATIC_TAG = "hide-in-app"
DEFAULT_PORT = 8866


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
        ``"auto"`` (the backtest's choice) or one of :data:`helpers.trends.MODELS`.
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
        if self.model != AUTO and self.model not in trends.MODELS:
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


class _Evaluator(Evaluator):
    """Stage 3's evaluator with the model fixed (unless automatic) and the borrowed
    variability taken from all sources."""

    def __init__(
        self, store: SeriesStore, model: str, cache: backtest.FitCache, lender: Evaluator | None
    ) -> None:
        super().__init__(store)
        self.cache = cache
        self.model = model
        self.lender = lender

    def choose(self, obs: trends.Observations) -> backtest.Choice:
        if self.model == AUTO:
            return super().choose(obs)
        return backtest.Choice(self.model, "valgt i udforskeren")

    def borrowed(self, goal: dict, as_of: HalfYear) -> trends.BorrowedScale | None:
        if self.lender is None:
            return super().borrowed(goal, as_of)
        return self.lender.borrowed(goal, as_of)


def own_source_rows(outcomes: pd.DataFrame, conflicts: pd.DataFrame) -> pd.DataFrame:
    """Per series and period the best figure from the municipality's own sources.

    Parameters
    ----------
    outcomes : DataFrame
        All rows of ``outcomes.csv`` (text columns).
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
    rows = outcomes.loc[
        outcomes["source_kind"].isin(MUNICIPAL_KINDS) & (outcomes["value"].str.strip() != "")
    ]
    rows = rows.assign(
        value=rows["value"].astype(float),
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
        self.cache = backtest.FitCache()
        self._stores = {"all": SeriesStore(read_outcomes(ws))}
        self._evaluators: dict[tuple[str, str], _Evaluator] = {}
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
            table = pd.read_csv(self.ws.processed / OUTCOMES_FILE, dtype=str, keep_default_na=False)
            conflicts_file = self.ws.processed / CONFLICTS_FILE
            conflicts = (
                pd.read_csv(conflicts_file, dtype=str, keep_default_na=False)
                if conflicts_file.is_file()
                else pd.DataFrame(columns=["figure_id", "rank"])
            )
            self._stores[sources] = SeriesStore(own_source_rows(table, conflicts))
        return self._stores[sources]

    def evaluator(self, sources: str, model: str) -> _Evaluator:
        """Stage 3's evaluator for a source choice and a model (or ``"auto"``)."""
        key = (sources, model)
        if key not in self._evaluators:
            lender = None if sources == "all" else self.evaluator("all", AUTO)
            self._evaluators[key] = _Evaluator(self.store(sources), model, self.cache, lender)
        return self._evaluators[key]

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
    view: trend_view.SeriesView
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
    auto = data.evaluator(selection.sources, AUTO)
    units = [] if unit is None else [unit]
    view = trend_view.build_view(
        data.store(selection.sources), auto, units, *selection.series, selection.as_of
    )
    names = {k: data.name(k, getattr(selection, k)) for k in ("indicator", "group", "geography")}
    if unit is None:
        model = view.choice.model if selection.model == AUTO else selection.model
        reason = view.choice.reason_da if selection.model == AUTO else "valgt i udforskeren"
        state = State(selection, view, None, None, None, model, reason, names)
        state.fan, note = series_fan(view, model)
        state.model_reason = "; ".join(t for t in (reason, note) if t)
        return state
    comparison = {}
    for model in trends.MODELS:
        row, fan = data.evaluator(selection.sources, model).evaluate(unit, view.as_of)
        comparison[model] = {**row, "_fan": fan}
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


def series_fan(view: trend_view.SeriesView, model: str) -> tuple[pd.DataFrame | None, str]:
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


# --- text -----------------------------------------------------------------------------------


def _number(value) -> float:
    if value is None or value == "":
        return math.nan
    return float(value)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def refusal_da(result: TrendResult) -> str:
    """Why a model cannot be used on the series, in Danish."""
    label = _capital(trends.MODEL_LABELS_DA[result.model])
    if result.status == "not_applicable":
        return (
            f"{label} kan ikke bruges her: modellen kræver jævnt fordelte tal "
            "(én slags periode og ingen huller), eller den kunne ikke tilpasses."
        )
    need = trends.MIN_OWN_OBS[result.model] if result.model != "rw_drift" else 2
    return (
        f"{label} kan ikke bruges her: modellen kræver mindst {need} tal, "
        f"serien har {result.observations.n}."
    )


def projection_text(state: State) -> str:
    """The projection at the deadline (or the series' horizon) with the interval at the
    chosen level, or why there is none."""
    level, unit = state.selection.level, state.unit_code
    if state.evaluation is not None:
        e = state.evaluation
        mean = _number(e["projection"])
        low, high = _number(e[f"lower{level}"]), _number(e[f"upper{level}"])
        when = period_da(e["target_period"]) if e["target_period"] else ""
    else:
        fan = state.fan
        if fan is None or fan.empty:
            mean = low = high = math.nan
        else:
            last = fan.iloc[-1]
            mean, low, high = last["mean"], last[f"lower{level}"], last[f"upper{level}"]
        when = f"{math.floor(state.view.horizon)} (tre år efter seneste tal)"
    if math.isnan(mean):
        return "Ingen fremskrivning."
    text = f"Fremskrivning for {when}: {format_value(mean, unit)}"
    if math.isnan(low):
        return text + f" (intet {level} %-interval: usikkerheden kan ikke beregnes)."
    return text + f" ({level} %-interval: {format_number(low)} til {format_value(high, unit)})."


def probability_text(state: State) -> str:
    """The chance of meeting the target at its deadline, in Danish."""
    if state.evaluation is None:
        return "Sandsynlighed for at nå målet: – (serien har intet mål)."
    p = _number(state.evaluation["probability"])
    if math.isnan(p):
        return "Sandsynlighed for at nå målet: – (ingen fremskrivning med usikkerhed)."
    return f"Sandsynlighed for at nå målet: {format_probability(p)}."


def model_text(state: State) -> str:
    """Which model drives the projection, and why (or why there is none)."""
    chosen = state.selection.model
    reason = f" ({state.model_reason})" if state.model_reason else ""
    if state.model:
        text = f"Model: {trends.MODEL_LABELS_DA[state.model]}{reason}"
    else:
        text = "Model: ingen" + (reason or " (vurderingen bygger ikke på en fremskrivning)")
    if chosen != AUTO:
        text += f"; automatisk valg: {trends.MODEL_LABELS_DA[state.view.choice.model]}"
    text += "."
    result = state.view.fits.get(state.model or chosen)
    if result is not None and not result.ok:
        text += " " + refusal_da(result)
    return text


def verdict_code(state: State) -> tuple[str, str]:
    """``(verdict, colour)`` of the selection (no goal: no verdict, white)."""
    if state.evaluation is None:
        return "", "white"
    return state.evaluation["verdict"], state.evaluation["colour"]


def verdict_lines(state: State) -> list[str]:
    """The verdict panel as plain Danish lines (what :func:`verdict_html` shows)."""
    sel, names = state.selection, state.names
    lines = [state.title]
    ids = f"Mål {state.unit.goal_ids} · " if state.unit is not None else ""
    lines.append(f"{ids}{names['indicator']} · {names['group']} · {names['geography']}")
    lines.append(
        f"Vurderet pr. {state.half_year.label_da()} · {SOURCES_DA[sel.sources]} · "
        f"{_figures_count(state)}"
    )
    verdict, _ = verdict_code(state)
    if verdict:
        lines.append(f"Vurdering: {progress.VERDICT_DA[verdict]}")
        lines.append(str(state.evaluation["reason_da"]))
    else:
        lines.append("Vurdering: ingen (serien har intet mål)")
        lines.append(
            "Der er intet mål for denne serie, så her vises kun tallene og fremskrivningen."
        )
    lines += [probability_text(state), projection_text(state), model_text(state)]
    return lines


def _figures_count(state: State) -> str:
    obs = state.view.obs
    if obs.n == 0:
        return "ingen tal"
    if obs.n == 1:
        return f"1 tal ({period_da(obs.periods[0])})"
    return f"{obs.n} tal ({period_da(obs.periods[0])} til {period_da(obs.periods[-1])})"


def verdict_html(state: State) -> str:
    """The verdict panel as HTML (every text from the data escaped)."""
    lines = [html.escape(line) for line in verdict_lines(state)]
    verdict, colour = verdict_code(state)
    label = progress.VERDICT_DA[verdict] if verdict else "ingen vurdering"
    badge = (
        f'<span class="udforsker-farve" style="{BADGE_STYLE[colour]};padding:2px 8px;'
        f'border-radius:4px">{html.escape(_capital(label))}</span>'
    )
    items = "".join(f"<li>{line}</li>" for line in lines[5:])
    return (
        f'<div class="udforsker-vurdering" data-verdict="{html.escape(verdict or "none")}">'
        f"<h3>{lines[0]}</h3><p><em>{lines[1]}</em><br>{lines[2]}</p>"
        f"<p>{badge} {lines[4]}</p><ul>{items}</ul></div>"
    )


# --- chart ----------------------------------------------------------------------------------


def _mathtext_safe(text: str) -> str:
    return text.replace("$", r"\$")


def chart(state: State) -> Figure:
    """The figures by source, the fan at the chosen level and the target (seaborn,
    Danish labels and number formats)."""
    rows, unit = state.view.rows, state.unit_code
    title = _mathtext_safe(state.title)
    if rows.empty:
        return _empty_chart(title, f"Ingen tal til og med {state.half_year.label_da()}.")
    level = state.selection.level
    fan = None
    if state.fan is not None and len(state.fan):
        fan = state.fan[["time", "mean", f"lower{level}", f"upper{level}"]]
    target = target_period = direction = None
    if state.evaluation is not None:
        e = state.evaluation
        target = None if math.isnan(_number(e["target_value"])) else _number(e["target_value"])
        target_period = e["target_period"] or None
        direction = e["direction"]
    return plots.goal_chart(
        rows, title=title, unit=unit, target_value=target, target_period=target_period,
        direction=direction, fan=fan,
    )  # fmt: skip


def _empty_chart(title: str, message: str) -> Figure:
    import matplotlib.pyplot as plt

    plots.use_style()
    fig, ax = plt.subplots()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    plt.close(fig)
    return fig


def png_bytes(fig: Figure) -> bytes:
    """The chart as PNG (same figure -> same bytes)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def chart_html(state: State) -> str:
    """The chart as an ``<img>`` with a data URI and a Danish alt text."""
    data = base64.b64encode(png_bytes(chart(state))).decode("ascii")
    alt = html.escape(f"Graf: {state.title}, vurderet pr. {state.half_year.label_da()}")
    return f'<img class="udforsker-graf" alt="{alt}" src="data:image/png;base64,{data}">'


# --- tables ---------------------------------------------------------------------------------


def models_table(state: State) -> pd.DataFrame:
    """Every model on the series: status, projection and interval at the chosen level and,
    for a goal, the chance of meeting it (stage 3's rules with that model)."""
    level = state.selection.level
    rows = []
    for model, result in state.view.fits.items():
        projection = interval = chance = "–"
        if state.unit is not None:
            row = state.comparison[model]
            mean = _number(row["projection"])
            low, high = _number(row[f"lower{level}"]), _number(row[f"upper{level}"])
            chance = format_probability(_number(row["probability"]))
        else:
            fan, _ = series_fan(state.view, model)
            mean = low = high = math.nan
            if fan is not None:
                last = fan.iloc[-1]
                mean, low, high = last["mean"], last[f"lower{level}"], last[f"upper{level}"]
        if not math.isnan(mean):
            projection = format_number(mean)
            if not math.isnan(low):
                interval = f"{format_number(low)} til {format_number(high)}"
        rows.append(
            {
                "Model": trends.MODEL_LABELS_DA[model],
                "Status": trend_view.STATUS_DA[result.status],
                "Fremskrivning": projection,
                f"{level} %-interval": interval,
                "Chance for at nå målet": chance,
                "Automatisk valg": "ja" if model == state.view.choice.model else "",
                "Bruges": "ja" if model == state.model else "",
            }
        )
    return pd.DataFrame(rows)


def backtest_table(state: State) -> pd.DataFrame:
    """The rolling-origin backtest as of the half-year (empty below 8 figures)."""
    frame = trend_view.backtest_frame(state.view.obs)
    chosen = trends.MODEL_LABELS_DA[state.view.choice.model]
    return frame.assign(Valgt=["ja" if m == chosen else "" for m in frame["Model"]])


def backtest_note(state: State) -> str:
    """One Danish sentence on the backtest."""
    n = state.view.obs.n
    if n < backtest.MIN_BACKTEST_OBS:
        return (
            f"Ingen backtest: serien har {n} tal pr. {state.half_year.label_da()}, og en "
            f"backtest kræver mindst {backtest.MIN_BACKTEST_OBS}. Automatisk valg: "
            f"{trends.MODEL_LABELS_DA[state.view.choice.model]} ({state.view.choice.reason_da})."
        )
    return (
        "Rullende backtest (voksende vindue, prognoser op til tre år frem); "
        f"automatisk valg: {trends.MODEL_LABELS_DA[state.view.choice.model]} "
        f"({state.view.choice.reason_da})."
    )


def figures_table(state: State) -> pd.DataFrame:
    """The figures behind the chart with their sources and verbatim quotes."""
    columns = ["Periode", "Værdi", "Kilde", "Kildetype", "Figur", "Citat"]
    rows = state.view.rows
    if rows.empty:
        return pd.DataFrame(columns=columns)
    approximate = rows["approximate"].astype(str).str.lower().eq("true")
    values = [
        ("ca. " if approx else "") + format_value(v, u)
        for v, u, approx in zip(rows["value"], rows["unit"], approximate, strict=True)
    ]
    kinds = [plots.SOURCE_KIND_DA.get(k, "Anden kilde") for k in rows["source_kind"]]
    periods = [period_da(p) for p in rows["period"]]
    return pd.DataFrame(
        zip(
            periods, values, rows["source_id"], kinds, rows["figure_id"], rows["quote"], strict=True
        ),
        columns=columns,
    )


def goal_quote(state: State) -> str:
    """The goal's wording as published (document, line), or ``""``."""
    if state.unit is None:
        return ""
    goal = state.unit.goal
    return f"»{goal['excerpt']}« ({goal['document']}, linje {goal['line']})"


def html_table(frame: pd.DataFrame, css: str) -> str:
    """A small HTML table; every cell escaped."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in frame.columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return (
        f'<table class="udforsker-tabel {css}"><thead><tr>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table>"
    )


TABLE_STYLE = (
    "<style>.udforsker-tabel{border-collapse:collapse;font-size:90%;margin:0 0 1em 0}"
    ".udforsker-tabel th,.udforsker-tabel td{border-bottom:1px solid #ddd;padding:2px 8px;"
    "text-align:left;vertical-align:top}</style>"
)


def tables_html(state: State) -> str:
    """The models, the backtest and the figures with their quotes, as one HTML block."""
    return TABLE_STYLE + models_html(state) + backtest_html(state) + figures_html(state)


def models_html(state: State) -> str:
    return "<h4>Modellerne</h4>" + html_table(models_table(state), "udforsker-modeller")


def backtest_html(state: State) -> str:
    table = backtest_table(state)
    body = html_table(table, "udforsker-backtest") if len(table) else ""
    return f"<h4>Backtest</h4><p>{html.escape(backtest_note(state))}</p>{body}"


def figures_html(state: State) -> str:
    quote = goal_quote(state)
    lead = f"<p>Målet: {html.escape(quote)}</p>" if quote else ""
    table = figures_table(state)
    body = html_table(table, "udforsker-tal") if len(table) else "<p>Ingen tal.</p>"
    return f"<h4>Tallene bag grafen</h4>{lead}{body}"


# --- the notebook ---------------------------------------------------------------------------


def show(state: State) -> None:
    """Display one selection statically (the stored notebook's default view)."""
    from IPython.display import HTML, display

    display(HTML(verdict_html(state)))
    display(chart(state))
    display(HTML(tables_html(state)))


_model_ids = itertools.count(1)


def _root_widget(children: list, model_id: str):
    """The explorer's outer box: a fixed model id and a short Danish text form, so the
    stored notebook is the same after every run (ids are unique within a kernel)."""
    import ipywidgets as widgets

    class ExplorerBox(widgets.VBox):
        def __repr__(self) -> str:
            return "Udforsker (kræver en kørende kerne: JupyterLab eller make app)"

    return ExplorerBox(children, model_id=model_id)


class App:
    """ipywidgets controls wired to :func:`build_state`; the panels are HTML widgets."""

    def __init__(self, data: ExplorerData, selection: Selection = DEFAULT) -> None:
        import ipywidgets as w

        self.data = data
        wide, style = w.Layout(width="640px"), {"description_width": "90px"}

        def dropdown(description: str, options) -> w.Dropdown:
            return w.Dropdown(description=description, options=options, layout=wide, style=style)

        self.goal = dropdown("Mål", data.goal_options())
        self.indicator = dropdown("Indikator", [])
        self.group = dropdown("Gruppe", [])
        self.geography = dropdown("Geografi", [])
        self.as_of = dropdown(
            "Vurderet pr.", [(HalfYear.parse(h).label_da(), h) for h in HALF_YEARS]
        )
        models = [("automatisk (backtest)", AUTO)]
        self.model = dropdown(
            "Model", models + [(trends.MODEL_LABELS_DA[m], m) for m in trends.MODELS]
        )
        self.sources = dropdown("Kilder", [(label, code) for code, label in SOURCES_DA.items()])
        self.level = dropdown("Interval", [(f"{v} %-interval", v) for v in LEVELS])
        self.panels = {name: w.HTML() for name in ("verdict", "chart", "tables")}
        self.widget = _root_widget(
            [
                self.goal, self.indicator, self.group, self.geography, self.as_of, self.model,
                self.level, self.sources, *self.panels.values(),
            ],
            f"barometer-explorer-{next(_model_ids)}",
        )  # fmt: skip
        self._quiet = False
        self.controls = {
            "goal_id": self.goal, "indicator": self.indicator, "group": self.group,
            "geography": self.geography, "as_of": self.as_of, "model": self.model,
            "level": self.level, "sources": self.sources,
        }  # fmt: skip
        for name, control in self.controls.items():
            control.add_class(f"udforsker-{name.replace('_', '-')}")
            control.observe(lambda change, name=name: self._changed(name), names="value")
        self.apply(data.complete(selection))

    def selection(self) -> Selection:
        """The selection the controls show."""
        return Selection(**{name: c.value for name, c in self.controls.items()})

    def _changed(self, name: str) -> None:
        if not self._quiet:
            self.apply(self.data.complete(self.selection(), name))

    def apply(self, selection: Selection) -> None:
        """Set the controls to ``selection`` and redraw the panels."""
        self._quiet = True
        try:
            d = self.data
            options = {
                self.indicator: [(d.name("indicator", c), c) for c in d.indicators()],
                self.group: [(d.name("group", c), c) for c in d.groups(selection.indicator)],
                self.geography: [
                    (d.name("geography", c), c)
                    for c in d.geographies(selection.indicator, selection.group)
                ],
            }
            for control, choices in options.items():
                if tuple(control.options) != tuple(choices):  # resend only what changed
                    control.options = choices
            for name, control in self.controls.items():
                control.value = getattr(selection, name)
        finally:
            self._quiet = False
        self.render(selection)

    def render(self, selection: Selection) -> None:
        """Redraw the verdict, chart and tables (a failure is shown, not raised)."""
        try:
            state = build_state(self.data, selection)
            panels = {
                "verdict": verdict_html(state),
                "chart": chart_html(state),
                "tables": tables_html(state),
            }
        except Exception as exc:  # shown to the reader instead of a silent dead widget
            message = html.escape(f"{type(exc).__name__}: {exc}")
            panels = {
                "verdict": f'<div class="udforsker-fejl">Visningen kunne ikke beregnes: {message}'
                "</div>",
                "chart": "",
                "tables": "",
            }
        for name, value in panels.items():
            self.panels[name].value = value


# --- serving --------------------------------------------------------------------------------


def voila_command(ws: Workspace, port: int = DEFAULT_PORT, preheat: bool = True) -> list[str]:
    """The command that serves ``notebooks/explore.ipynb`` read-only on localhost.

    Voilà shows outputs only (no code, no tracebacks) and no way to edit; the cells
    tagged :data:`STATIC_TAG` (the stored default view) are left out. With ``preheat``
    one kernel waits with the notebook already run, so a visitor sees the first chart
    after about two seconds instead of a cold start.
    """
    voila = os.path.join(os.path.dirname(sys.executable), "voila")
    command = [
        voila,
        str(ws.notebooks / NOTEBOOK),
        "--no-browser",
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
        f"--TagRemovePreprocessor.remove_cell_tags={STATIC_TAG}",
    ]
    if preheat:
        command += ["--preheat_kernel=True", "--pool_size=1"]
    return command


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.explorer", description="Serve the explorer read-only (Voilà)."
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    command = voila_command(Workspace.default(), args.port)
    print(f"Udforskeren: http://127.0.0.1:{args.port}/  (stop med Ctrl+C)", flush=True)
    os.execv(command[0], command)
    return 0  # pragma: no cover


if __name__ == "__main__":
    raise SystemExit(main())
