"""One series as of one half-year, the way notebook ``03_model_trends`` shows it:
the figures, every model's fit and interval, the backtest, the series the
variability is borrowed from, and the verdict of each goal measured on it.

Tables have Danish headers and Danish number formats (they are shown to readers).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from helpers.core import charts as core_charts
from helpers.core.danish import format_number, format_probability
from helpers.core.paths import CALIBRATION_FILE, CALIBRATION_RELIABILITY_FILE, Workspace
from helpers.core.periods import HalfYear, parse_period, period_da
from helpers.evaluation import backtests, calibration, rules, trends
from helpers.evaluation import charts as evaluation_charts
from helpers.evaluation.inputs import SeriesStore, Unit, evaluation_units, read_goals, read_outcomes
from helpers.evaluation.related import RELATED, RelatedSeries
from helpers.evaluation.trends import BorrowedScale, Observations, TrendResult
from helpers.evaluation.verdicts import Models, judge

if TYPE_CHECKING:
    from matplotlib.figure import Figure

STATUS_DA = {"ok": "beregnet", "too_little_data": "for få tal", "not_applicable": "kan ikke bruges"}
UNCERTAINTY_DA = {"own": "egen", "none": "kan ikke beregnes"}


@dataclass
class SeriesView:
    """Everything notebook 03 shows for one series as of one half-year."""

    indicator: str
    group: str
    geography: str
    as_of: HalfYear
    rows: pd.DataFrame
    obs: Observations
    choice: backtests.Choice
    fits: dict[str, TrendResult]
    related: RelatedSeries | None = None
    related_obs: Observations | None = None
    borrowed: BorrowedScale | None = None
    evaluations: pd.DataFrame = field(default_factory=pd.DataFrame)
    fans: dict[str, pd.DataFrame] = field(default_factory=dict)
    goals: list[dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.indicator}/{self.group}/{self.geography}"

    @property
    def horizon(self) -> float:
        """Where the fits are compared: the first goal's deadline, else three years
        after the last figure."""
        if self.goals and self.goals[0]["target_period"]:
            return parse_period(self.goals[0]["target_period"]).midpoint
        return float(self.obs.times[-1]) + 3 if self.obs.n else math.nan


def view_series(
    ws: Workspace, indicator: str, group: str, geography: str, as_of: str
) -> SeriesView:
    """Fit, backtest and judge one series as of ``as_of`` (e.g. ``"2013H2"``)."""
    store = SeriesStore(read_outcomes(ws))
    units = evaluation_units(read_goals(ws))
    models = Models(store, calibrated=calibration.read_choice(ws, required=False))
    return build_view(models, units, indicator, group, geography, as_of)


def build_view(
    models: Models,
    units: list[Unit],
    indicator: str,
    group: str,
    geography: str,
    as_of: str,
) -> SeriesView:
    """:func:`view_series` on tables already read (the explorer keeps them in memory
    and reuses ``models``' cached backtests between selections)."""
    half = HalfYear.parse(as_of)
    store = models.store
    obs, rows = store.find(indicator, group, geography, half, None)
    key = {"indicator": indicator, "group": group, "geography": geography}
    related = (RELATED.get((indicator, group, geography)) or (None,))[0]
    choice = models.choose_borrowing(obs) if related is not None else models.choose(obs)
    shown = [*trends.MODELS, *(m for m in (choice.model,) if m not in trends.MODELS)]
    lent = {
        m: models.borrowed(related, half, m)
        for m in shown
        if related is not None and m in trends.BORROWING
    }
    borrowed = lent.get(choice.model if choice.model in lent else trends.DEFAULT_MODEL)
    related_obs = None
    if related is not None:
        related_obs, _ = store.find(
            related.indicator, related.group, related.geography, half, related.age
        )
    view = SeriesView(
        indicator, group, geography, half, rows, obs, choice,
        {m: trends.fit(m, obs, lent.get(m)) for m in shown},
        related, related_obs, borrowed,
    )  # fmt: skip
    evaluations = []
    for unit in units:
        if tuple(unit.goal[k] for k in key) == (indicator, group, geography):
            judgement = judge(unit, half, models, store.vintage)
            evaluations.append(judgement.verdict.row())
            view.goals.append(unit.goal)
            if judgement.fan is not None:
                view.fans[unit.goal_id] = judgement.fan
    view.evaluations = pd.DataFrame(evaluations)
    return view


def borrowing_note(view: SeriesView) -> str:
    """Where the interval's variability comes from, in a sentence or two."""
    b = view.borrowed
    if b is None:
        return (
            "Nothing borrowed: the series estimates its own variability, "
            "or no interval can be given."
        )
    persistence = (
        "" if math.isnan(b.persistence) else f", AR(1) phi {format_number(b.persistence, 2)}"
    )
    return (
        f"Model {view.choice.model} ({view.choice.reason_da}).\n"
        f"Borrowed from {b.source}: innovation sd per year {format_number(b.variance**0.5, 2)} "
        f"({b.df:g} df){persistence}.\nAssumption: {b.assumption}."
    )


def related_fits(view: SeriesView) -> dict[str, TrendResult]:
    """Every model fitted on the related series (empty when there is none)."""
    if view.related_obs is None:
        return {}
    return {m: trends.fit(m, view.related_obs) for m in view.fits}


def observations_table(view: SeriesView) -> pd.DataFrame:
    """The figures the models see (as of the half-year)."""
    return pd.DataFrame(
        {
            "Periode": [period_da(p) for p in view.rows["period"]],
            "Værdi": [format_number(v) for v in view.rows["value"]],
            "Kilde": view.rows["source_id"],
            "Figur": view.rows["figure_id"],
            "Grundlag": view.rows["basis"],
        }
    )


def _interval(result: TrendResult, time: float, level: float) -> str:
    lo, hi = result.interval(time, level)
    return "–" if math.isnan(lo) else f"{format_number(lo)} til {format_number(hi)}"


def fits_table(view: SeriesView) -> pd.DataFrame:
    """Every model at :attr:`SeriesView.horizon`: projection, intervals and the chance of
    meeting the first goal on the series (if any)."""
    goal = view.goals[0] if view.goals else None
    time = view.horizon
    direction = (
        rules.resolve_direction(goal["direction"], view.obs.values[0], goal["target_value"])
        if goal and not math.isnan(goal["target_value"]) and view.obs.n
        else None
    )
    rows = []
    for name, result in view.fits.items():
        usable = result.ok and time > result.last_time
        chance = (
            result.probability(time, goal["target_value"], direction)
            if usable and direction
            else math.nan
        )
        uncertainty = UNCERTAINTY_DA.get(result.uncertainty, result.uncertainty)
        rows.append(
            {
                "Model": trends.MODEL_LABELS_DA[name],
                "Status": STATUS_DA[result.status],
                "Usikkerhed": uncertainty.replace("borrowed:", "lånt fra ") if result.ok else "–",
                "Fremskrivning": format_number(result.forecast(time)) if usable else "–",
                "80 %-interval": _interval(result, time, 0.8) if usable else "–",
                "95 %-interval": _interval(result, time, 0.95) if usable else "–",
                "Chance for at nå målet": format_probability(chance),
                "Valgt": "ja" if name == view.choice.model else "",
            }
        )
    return pd.DataFrame(rows)


def backtest_frame(obs: Observations) -> pd.DataFrame:
    """The rolling-origin backtest of a series (empty when it has fewer than 8 figures)."""
    scores = backtests.backtest_all(obs)
    return pd.DataFrame(
        {
            "Model": [trends.MODEL_LABELS_DA[s.model] for s in scores],
            "Startpunkter": [s.n_origins for s in scores],
            "Prognoser": [s.n_forecasts for s in scores],
            "MAE": [format_number(s.mae, 2) for s in scores],
            "MASE": [format_number(s.mase, 2) for s in scores],
        }
    )


def verdict_table(view: SeriesView) -> pd.DataFrame:
    """The verdict of each goal measured on the series."""
    e = view.evaluations
    if e.empty:
        return pd.DataFrame(columns=["Mål", "Vurdering", "Farve", "Begrundelse"])

    def number(value, decimals=1):
        return "–" if value == "" else format_number(float(value), decimals)

    return pd.DataFrame(
        {
            "Mål": e["goal_ids"],
            "Regel": e["rule"],
            "Regelværdi": [number(v, 2) for v in e["rule_value"]],
            "Fremskrivning": [number(v) for v in e["projection"]],
            "80 %-interval": [
                "–" if lo == "" else f"{number(lo)} til {number(hi)}"
                for lo, hi in zip(e["lower80"], e["upper80"], strict=True)
            ],
            "Chance for at nå målet": [
                format_probability(None if p == "" else float(p)) for p in e["probability"]
            ],
            "Vurdering": [rules.VERDICT_DA[v] for v in e["verdict"]],
            "Farve": [rules.COLOURS_DA[c] for c in e["colour"]],
            "Begrundelse": e["reason_da"],
        }
    )


def fits_chart(view: SeriesView) -> Figure | None:
    """Every fitted model's projection to :attr:`SeriesView.horizon` (None without figures)."""
    if view.obs.n < 2:
        return None
    title = view.goals[0]["title_da"] if view.goals else view.label
    return evaluation_charts.model_fans_chart(
        view.obs, view.fits, until=view.horizon, title=title, unit=view.rows["unit"].iloc[-1]
    )


def goal_figure(view: SeriesView) -> Figure | None:
    """The report's goal chart (figures, fan, target) of the first goal on the series."""
    if not view.goals:
        return None
    goal, unit = view.goals[0], view.rows["unit"].iloc[-1]
    target = None if math.isnan(goal["target_value"]) else goal["target_value"]
    return core_charts.goal_chart(
        view.rows, title=goal["title_da"], unit=unit, target_value=target,
        target_period=goal["target_period"] or None, direction=goal["direction"],
        fan=view.fans.get(view.evaluations["goal_id"].iloc[0]),
    )  # fmt: skip


# --- the real-data calibration (notebook 03) ----------------------------------------------


def read_calibration(ws: Workspace) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``calibration.csv`` and ``calibration_reliability.csv`` as written by the calibrate
    stage (numbers as numbers, ``horizon`` as text: ``1`` .. ``5`` and ``1-5``)."""
    table = pd.read_csv(ws.processed / CALIBRATION_FILE, dtype={"horizon": str})
    reliability = pd.read_csv(ws.processed / CALIBRATION_RELIABILITY_FILE)
    return table, reliability


def _percent(value: float) -> str:
    return "–" if pd.isna(value) else f"{format_number(100 * float(value), 0)} %"


def calibration_frame(table: pd.DataFrame, group: str = "all", form: str = "own") -> pd.DataFrame:
    """Per candidate: how often the 80 % interval held at 1-5 years, the 95 % interval over
    all horizons, the mean Brier score and whether the choice rule admits it (Danish)."""
    rows = []
    for name in calibration.CANDIDATES:
        cells = table[
            (table["candidate"] == name) & (table["form"] == form) & (table["group"] == group)
        ].set_index("horizon")
        if cells.empty:
            continue
        row = {"Kandidat": name, "Model": calibration.Candidate.parse(name).label_da()}
        for h in calibration.HORIZONS:
            row[f"80 % holdt, {h} år"] = _percent(cells.loc[str(h), "coverage80"])
        row["95 % holdt, 1-5 år"] = _percent(cells.loc[calibration.POOLED, "coverage95"])
        brier = cells.drop(index=calibration.POOLED)["brier"].mean()
        row["Brier, gns. 1-5 år"] = format_number(brier, 4)
        row["Tilladt"] = "ja" if bool(cells["admissible"].iloc[0]) else "nej"
        row["Valgt"] = "ja" if bool(cells["chosen"].iloc[0]) else ""
        rows.append(row)
    return pd.DataFrame(rows)


def calibration_counts(table: pd.DataFrame) -> pd.DataFrame:
    """Series and scored forecasts per group and horizon (every candidate has the same)."""
    first = table[(table["candidate"] == calibration.CANDIDATES[0]) & (table["form"] == "own")]
    horizons = [str(h) for h in calibration.HORIZONS] + [calibration.POOLED]
    frame = first.pivot(index="group", columns="horizon", values="n")
    frame = frame.reindex(index=list(calibration.GROUPS), columns=horizons)
    frame.insert(0, "serier", first.groupby("group")["series"].first())
    frame.columns = ["serier", *(f"prognoser, {h} år" for h in horizons)]
    frame.index = [calibration.GROUPS_DA[g] for g in frame.index]
    return frame.map(lambda v: format_number(v, 0))


def calibration_choice_text(table: pd.DataFrame) -> str:
    """The chosen candidate, why, and how the previous default fared (one paragraph)."""
    chosen = calibration.chosen_candidate(table)
    admissible = sorted(set(table.loc[table["admissible"].astype(bool), "candidate"]))
    old = calibration.PREVIOUS
    brier = {c: calibration.mean_brier(table, c) for c in calibration.CANDIDATES}
    if chosen is None:
        head = "No candidate meets the coverage conditions; the default model is kept."
    else:
        head = (
            f"Chosen: {chosen.name} ({chosen.label_da()}), mean Brier score "
            f"{format_number(brier[chosen.name], 4)}; admissible: {', '.join(admissible)}."
        )
    gaps = table[
        (table["candidate"] == old) & (table["form"] == "own")
        & (table["group"] == "national_gaps") & (table["horizon"] != calibration.POOLED)
    ]  # fmt: skip
    return (
        f"{head}\nPrevious default {old}: 80 % coverage on the national gaps "
        f"{_percent(gaps['coverage80'].min())} to {_percent(gaps['coverage80'].max())} at 1-5 "
        f"years ahead, mean Brier score {format_number(brier[old], 4)}."
    )


def reliability_candidates(table: pd.DataFrame) -> list[str]:
    """The candidates the reliability chart compares: the chosen one, the previous default
    and the best AR(1) by mean Brier score (each once, in :data:`CANDIDATES` order)."""
    chosen = calibration.chosen_candidate(table)
    ar1 = min(
        (c for c in calibration.CANDIDATES if c.startswith("ar1:")),
        key=lambda c: calibration.mean_brier(table, c),
    )
    wanted = {calibration.PREVIOUS, ar1} | ({chosen.name} if chosen else set())
    return [c for c in calibration.CANDIDATES if c in wanted]
