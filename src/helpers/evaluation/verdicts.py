"""The verdict on one goal as of one half-year: projection, probability, rule and colour.

:class:`Evaluator` turns an evaluation unit and a half-year into one row of
``evaluations.csv`` (:data:`EVALUATION_COLUMNS`) and its projection fan.

Units, windows and series
    :mod:`helpers.evaluation.inputs` (restating goals are one unit; window =
    the policy period's first half-year through one year after its end,
    intersected with ``periods``; a figure counts from the half-year in which
    its reference period ends).
Targets
    Quantitative goals: ``target_value`` at ``target_period``. Directional goals
    (increase/decrease without a number): the baseline is the target, by the
    baseline-change rule. ``reflect`` goals (a share shall reflect the
    workforce or population): the target is the latest comparison figure
    (:data:`REFLECT_COMPARISON`) for the same group and geography; without one
    the goal cannot be judged (``no_data``). A goal without ``target_period``
    is judged at the last year of its policy period. The row's ``baseline_*``
    and ``target_*`` columns hold what was judged against (the goal's own
    values where it states them).
Verdicts and colours
    :mod:`helpers.evaluation.rules` (one mapping to green/yellow/red/white).
Models
    :func:`helpers.evaluation.backtests.choose_model`. A series too short to estimate its
    own variability borrows the innovation variance of a related, longer
    series (:data:`RELATED`) under the stated assumption, or gets no interval.
    Ranks are not projected (:data:`NOT_PROJECTED`), nor is a projection shown
    that leaves the unit's possible range (:data:`POSSIBLE_RANGE`: a negative
    count, a share above 100 %).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.core.danish import format_number, format_probability, format_value
from helpers.core.periods import HalfYear, fractional_year, parse_period, period_da
from helpers.evaluation import backtests, rules, trends
from helpers.evaluation.inputs import OUTCOME_COLUMNS, SeriesStore, Unit, policy_window
from helpers.evaluation.trends import BorrowedScale, Observations

EVALUATION_COLUMNS = [
    "goal_id", "goal_ids", "as_of", "indicator", "group", "geography", "kind", "direction",
    "unit", "baseline_value", "baseline_period", "target_value", "target_period", "n_obs",
    "first_period", "latest_period", "latest_value", "latest_source_ids", "model",
    "model_reason", "mase", "projection", "lower80", "upper80", "lower95", "upper95",
    "probability", "rule", "rule_value", "verdict", "colour", "uncertainty", "reason_da",
]  # fmt: skip
PATH_COLUMNS = ["goal_id", "as_of", "model", "time", "mean", "lower80", "upper80", "lower95",
                "upper95"]  # fmt: skip
DECIMALS = 4


@dataclass(frozen=True)
class RelatedSeries:
    """A longer series whose variability a short one may borrow."""

    indicator: str
    group: str
    geography: str
    age: str
    assumption: str

    @property
    def label(self) -> str:
        return f"{self.indicator}/{self.group}/{self.geography}"


#: Short series -> the related series they borrow variability from, with the assumption.
RELATED: dict[tuple[str, str, str], RelatedSeries] = {
    ("overunemployment_pp", "non_western_immigrants_and_descendants", "copenhagen"): RelatedSeries(
        "overunemployment_pp",
        "born_abroad",
        "denmark",
        "15-74",
        "Copenhagen's over-unemployment gap has the same year-to-year innovation variance as "
        "the national survey-based gap (unemployment rate of the foreign-born minus the "
        "native-born, 15-74, Eurostat LFS); the survey's sampling noise makes this, if "
        "anything, generous to the uncertainty",
    ),
}
#: Words in a reflect goal's title -> the comparison indicator.
REFLECT_COMPARISON = (("arbejdsstyrke", "workforce_share"), ("befolkning", "population_share"))
#: Units whose figures are not projected, and why (shown as ``model_reason``).
NOT_PROJECTED = {
    "rank": "rangplaceringer fremskrives ikke: afstanden mellem to pladser er ikke fast",
}
#: Values a unit can take: a projection outside is not shown (a straight line does not know).
POSSIBLE_RANGE = {
    "count": (0.0, math.inf),
    "persons": (0.0, math.inf),
    "percent": (0.0, 100.0),
    "thousand_dkk": (0.0, math.inf),
    "dkk_million": (0.0, math.inf),
}
BOUND_DA = {"at_most": "højst", "at_least": "mindst"}


# --- Danish text --------------------------------------------------------------------------


def _signed(value: float, unit: str) -> str:
    text = format_value(value, unit)
    return text if value < 0 else f"+{text}"


# --- evaluation of one unit ---------------------------------------------------------------


@dataclass
class Context:
    """What the verdict of one unit as of one half-year is built from."""

    goal: dict
    as_of: HalfYear
    obs: Observations
    rows: pd.DataFrame
    unit: str
    target: float = math.nan
    target_period: str = ""
    direction: str = ""
    target_text: str = ""

    def value(self, v: float) -> str:
        return format_value(v, self.unit)

    def bound(self) -> str:
        return f"{BOUND_DA[self.direction]} {self.target_text or self.value(self.target)}"


class Evaluator:
    """Evaluates units as of half-years, sharing fits and backtests between them."""

    def __init__(self, store: SeriesStore) -> None:
        self.store = store
        self.cache = backtests.FitCache()
        self._choices: dict[tuple, backtests.Choice] = {}

    def choose(self, obs: Observations) -> backtests.Choice:
        key = obs.key()
        if key not in self._choices:
            self._choices[key] = backtests.choose_model(obs, self.cache)
        return self._choices[key]

    def borrowed(self, goal: dict, as_of: HalfYear) -> BorrowedScale | None:
        related = RELATED.get((goal["indicator"], goal["group"], goal["geography"]))
        if related is None:
            return None
        obs, _ = self.store.find(
            related.indicator, related.group, related.geography, as_of, related.age
        )
        return trends.innovation_scale(obs, related.label, related.assumption)

    # -- the verdict -----------------------------------------------------------------------

    def evaluate(self, unit: Unit, as_of: HalfYear) -> tuple[dict, pd.DataFrame | None]:
        """The ``evaluations.csv`` row of ``unit`` as of ``as_of`` and its fan (or None)."""
        goal = unit.goal
        row = {c: "" for c in EVALUATION_COLUMNS}
        row.update(
            goal_id=unit.goal_id,
            goal_ids=unit.goal_ids,
            as_of=str(as_of),
            **{c: goal[c] for c in ("indicator", "group", "geography", "kind", "direction")},
            **{c: goal[c] for c in ("unit", "baseline_value", "baseline_period")},
            **{c: goal[c] for c in ("target_value", "target_period")},
            uncertainty="none",
        )
        obs, rows = (
            self.store.find(goal["indicator"], goal["group"], goal["geography"], as_of, None)
            if goal["indicator"]
            else (Observations.from_pairs([], []), pd.DataFrame(columns=OUTCOME_COLUMNS))
        )
        if obs.n:
            row.update(
                n_obs=obs.n,
                first_period=obs.periods[0],
                latest_period=obs.periods[-1],
                latest_value=float(obs.values[-1]),
                latest_source_ids=", ".join(sorted(set(rows["source_id"].iloc[-1:]))),
            )
        else:
            row["n_obs"] = 0
        series_unit = rows["unit"].iloc[-1] if len(rows) else goal["unit"]
        ctx = Context(goal, as_of, obs, rows, series_unit or goal["unit"])
        verdict, reason = self._state(ctx, unit, row)
        fan = None
        if verdict is None:
            verdict, reason, fan = self._judge(ctx, unit, row)
            if _pending(ctx, row, verdict):
                deadline = period_da(ctx.target_period)
                reason = f"{reason[:-1]}; tallet for {deadline} foreligger endnu ikke."
        row.update(verdict=verdict, colour=rules.colour(verdict), reason_da=reason)
        return round_row(row), fan

    def _state(self, ctx: Context, unit: Unit, row: dict) -> tuple[str | None, str]:
        """Verdicts that need no trend: target not set, not measurable, no data."""
        goal = ctx.goal
        if goal["kind"] == "target_not_set":
            return (
                "target_not_set",
                "Målet har intet fastsat måltal, så fremdriften kan ikke vurderes.",
            )
        measurable = goal["indicator"] and (
            goal["direction"] == "reflect"
            or not math.isnan(goal["target_value"])
            or goal["direction"] in ("increase", "decrease")
            or (goal["kind"] == "directional" and goal["direction"] in ("at_least", "at_most"))
        )
        if (goal["kind"] == "qualitative" and goal["direction"] != "reflect") or not measurable:
            if goal["kind"] == "milestone":
                return "not_measurable", (
                    "Målet er en milepæl, som ikke kan følges i de indsamlede tal, "
                    "så det vurderes ikke her."
                )
            if goal["kind"] == "quantitative" and goal["indicator"]:
                return "target_not_set", (
                    "Målet har intet måltal i datagrundlaget, så fremdriften kan ikke vurderes."
                )
            return "not_measurable", (
                "Målet er ikke formuleret som et tal, der kan følges i data, "
                "så det vurderes ikke her."
            )
        if ctx.obs.n == 0:
            return "no_data", (
                f"Der er endnu ingen tal for målet til og med {ctx.as_of.label_da()}."
            )
        return None, ""

    def _target(self, ctx: Context, unit: Unit, row: dict) -> str | None:
        """Set the context's target, deadline and direction; a reason when impossible."""
        goal = ctx.goal
        _, policy_end = policy_window(unit.policy_period)
        ctx.target_period = goal["target_period"] or str(policy_end.year - 1)
        row["target_period"] = ctx.target_period
        if goal["direction"] == "reflect":
            comparison = _reflect_indicator(goal["title_da"])
            found = None
            for indicator in comparison:
                obs, _ = self.store.find(
                    indicator, goal["group"], goal["geography"], ctx.as_of, None
                )
                if obs.n:
                    found = (indicator, obs)
                    break
            if found is None:
                return (
                    "Der findes ingen sammenligningstal for arbejdsstyrken eller befolkningen "
                    "for samme gruppe og område, så det kan ikke vurderes, "
                    "om andelen afspejler den."
                )
            indicator, comparison_obs = found
            ctx.target = float(comparison_obs.values[-1])
            ctx.direction = "at_least"
            where = "arbejdsstyrken" if indicator == "workforce_share" else "befolkningen"
            ctx.target_text = (
                f"andelen i {where} ({ctx.value(ctx.target)}, "
                f"{period_da(comparison_obs.periods[-1])})"
            )
            row.update(target_value=ctx.target, rule="reflect")
            return None
        if math.isnan(goal["target_value"]):  # directional: the baseline is the target
            base = _baseline(goal, ctx.obs, unit.policy_period)
            if base is None:
                return "Målet har intet udgangspunkt at måle ændringen fra."
            ctx.target = base[0]
            ctx.direction = rules.resolve_direction(goal["direction"], base[0], base[0])
            row.update(baseline_value=base[0], baseline_period=base[2])
            return None
        ctx.target = float(goal["target_value"])
        reference = _baseline(goal, ctx.obs, unit.policy_period)
        ref_value = reference[0] if reference else float(ctx.obs.values[0])
        ctx.direction = rules.resolve_direction(goal["direction"], ref_value, ctx.target)
        return None

    def _judge(self, ctx: Context, unit: Unit, row: dict) -> tuple[str, str, pd.DataFrame | None]:
        problem = self._target(ctx, unit, row)
        if problem:
            return "no_data", problem, None
        obs, goal = ctx.obs, ctx.goal
        directional = math.isnan(goal["target_value"]) and goal["direction"] != "reflect"
        target_period = parse_period(ctx.target_period)
        latest = float(obs.values[-1])
        at_deadline = _deadline_figure(ctx, target_period)
        if at_deadline is not None:
            return (*self._deadline(ctx, row, at_deadline, directional), None)
        fan = self._project(ctx, row, target_period.midpoint) if obs.n >= 2 else None
        chance = _chance(row)
        if directional:
            return (*self._directional(ctx, row, chance), fan)
        verdict = rules.state(obs.n, latest, ctx.target, ctx.direction)
        if verdict == "achieved":
            if row["rule"] == "reflect":
                row.update(rule_value=latest - ctx.target)  # the gap to the comparison share
            else:
                row.update(rule="target_check", rule_value=latest)
            return verdict, (
                f"Seneste tal er {ctx.value(latest)} ({period_da(obs.periods[-1])}), "
                f"så målet om {ctx.bound()} i {period_da(ctx.target_period)} "
                f"er allerede nået{chance}."
            ), fan  # fmt: skip
        if verdict == "too_little_data":
            return verdict, _too_little(ctx), fan
        return (*self._progress_rule(ctx, unit, row, target_period.midpoint, chance), fan)

    def _directional(self, ctx: Context, row: dict, chance: str) -> tuple[str, str]:
        obs, latest = ctx.obs, float(ctx.obs.values[-1])
        if obs.n < 2 or row["baseline_period"] == obs.periods[-1]:
            return "too_little_data", _too_little(ctx)
        verdict = rules.baseline_change(ctx.target, latest, ctx.direction)
        row.update(rule="baseline_change", rule_value=latest - ctx.target)
        word = {"achieved": "bedre end", "insufficient_progress": "uændret i forhold til",
                "moving_away": "dårligere end"}[verdict]  # fmt: skip
        return verdict, (
            f"Seneste tal ({ctx.value(latest)}, {period_da(obs.periods[-1])}) er {word} "
            f"udgangspunktet ({ctx.value(ctx.target)}, {period_da(row['baseline_period'])})"
            f"{chance}."
        )  # fmt: skip

    def _deadline(self, ctx: Context, row: dict, i: int, directional: bool) -> tuple[str, str]:
        value = float(ctx.obs.values[i])
        if directional:
            better = rules.baseline_change(ctx.target, value, ctx.direction) == "achieved"
            verdict = "deadline_met" if better else "deadline_missed"
        else:
            verdict = rules.state(ctx.obs.n, value, ctx.target, ctx.direction, value)
        row.update(rule="deadline", rule_value=value)
        met = "blev nået" if verdict == "deadline_met" else "blev ikke nået"
        return verdict, (
            f"Tallet for {period_da(ctx.obs.periods[i])} er {ctx.value(value)}, "
            f"så målet om {_aim(ctx, directional)} {met}."
        )

    def _progress_rule(
        self, ctx: Context, unit: Unit, row: dict, target_time: float, chance: str
    ) -> tuple[str, str]:
        obs, goal = ctx.obs, ctx.goal
        aim = f"målet {ctx.bound()} i {period_da(ctx.target_period)}"
        base = _baseline(goal, obs, unit.policy_period)
        values = obs.values if base is None else np.append(obs.values, base[0])
        if not rules.uses_level_rule(ctx.unit, values, ctx.target) and base is not None:
            base_value, base_time, base_period = base
            if base_time >= obs.times[-1] - 1e-9:
                return "too_little_data", (
                    f"Der er ingen tal efter udgangspunktet ({period_da(base_period)}), "
                    "så udviklingen kan ikke vurderes endnu."
                )
            if rules.meets(base_value, ctx.target, ctx.direction):
                row.update(rule="cagr_ratio")
                return "moving_away", (
                    f"Målet var nået ved udgangspunktet ({ctx.value(base_value)}, "
                    f"{period_da(base_period)}), men seneste tal er {ctx.value(obs.values[-1])}"
                    f"{chance}."
                )
            ratio = rules.cagr_ratio(
                base_value, base_time, obs.values[-1], obs.times[-1], ctx.target, target_time
            )
            actual = rules.cagr(base_value, base_time, obs.values[-1], obs.times[-1])
            required = rules.cagr(base_value, base_time, ctx.target, target_time)
            verdict = rules.classify_ratio(ratio)
            row.update(rule="cagr_ratio", rule_value=ratio)
            return verdict, (
                f"Siden {period_da(base_period)} er tallet ændret {format_number(100 * actual)} % "
                f"om året, mens {aim} kræver {format_number(100 * required)} % om året "
                f"(forholdet er {format_number(ratio, 2)}){chance}."
            )
        rule = rules.level_rule(obs.times, obs.values, ctx.target, target_time, ctx.direction)
        row.update(rule="level", rule_value=rule.deviation)
        first = obs.periods[-1 - rule.n_changes]
        if rule.verdict == "moving_away":
            return rule.verdict, (
                f"Udviklingen går den forkerte vej ({ctx.value(obs.values[-1 - rule.n_changes])} "
                f"i {period_da(first)}, {ctx.value(obs.values[-1])} i "
                f"{period_da(obs.periods[-1])}), mens {aim}{chance}."
            )
        return rule.verdict, (
            f"Fortsætter udviklingen siden {period_da(first)} "
            f"({_signed(rule.slope, ctx.unit)} om året), ender tallet på ca. "
            f"{ctx.value(rule.projection)} i {period_da(ctx.target_period)} mod {aim}{chance}."
        )

    def _project(self, ctx: Context, row: dict, target_time: float) -> pd.DataFrame | None:
        """Fill the model columns; return the fan (None when nothing is projected)."""
        obs = ctx.obs
        if ctx.unit in NOT_PROJECTED:
            row.update(model_reason=NOT_PROJECTED[ctx.unit])
            return None
        choice = self.choose(obs)
        borrowed = self.borrowed(ctx.goal, ctx.as_of) if choice.model == "rw_drift" else None
        result = trends.fit(choice.model, obs, borrowed)
        reason = choice.reason_da
        if result.uncertainty.startswith("borrowed:"):
            reason += f"; usikkerhed lånt fra {result.uncertainty.split(':', 1)[1]}"
        elif result.ok and result.uncertainty == "none":
            reason += "; for få tal til at beregne usikkerheden"
        row.update(model=choice.model, model_reason=reason, mase=choice.mase)
        if not result.ok or target_time <= result.last_time + 1e-9:
            return None
        predictive = result.predictive(target_time)
        low, high = POSSIBLE_RANGE.get(ctx.unit, (-math.inf, math.inf))
        if not low <= predictive.mean <= high:
            row["model_reason"] += (
                f"; fremskrivningen ({ctx.value(predictive.mean)}) ligger uden for det mulige "
                "og vises ikke"
            )
            return None
        lo80, hi80 = predictive.interval(0.8)
        lo95, hi95 = predictive.interval(0.95)
        probability = predictive.probability(ctx.target, ctx.direction)
        row.update(
            projection=predictive.mean, lower80=lo80, upper80=hi80, lower95=lo95, upper95=hi95,
            probability=probability, uncertainty=result.uncertainty,
        )  # fmt: skip
        fan = result.path(trends.projection_times(result.last_time, target_time))
        fan.insert(0, "model", choice.model)
        fan.insert(0, "as_of", str(ctx.as_of))
        fan.insert(0, "goal_id", ctx.goal["goal_id"])
        return fan


def _aim(ctx: Context, directional: bool) -> str:
    if directional:
        better = "over" if ctx.direction == "at_least" else "under"
        return f"at komme {better} udgangspunktet {ctx.value(ctx.target)}"
    return ctx.bound()


def _chance(row: dict) -> str:
    p = row.get("probability", "")
    if p == "" or (isinstance(p, float) and math.isnan(p)):
        if row.get("projection", "") != "" and row.get("uncertainty") == "none":
            return ", men usikkerheden kan ikke beregnes ud fra så få tal"
        return ""
    text = f", og sandsynligheden for at nå målet er {format_probability(p)}"
    if str(row.get("uncertainty", "")).startswith("borrowed:"):
        text += " (usikkerheden er lånt fra en længere, beslægtet serie)"
    return text


def _deadline_figure(ctx: Context, target_period) -> int | None:
    """Index of the last figure for the target period once its deadline has passed."""
    if ctx.as_of.end < target_period.end:
        return None
    inside = [
        i for i, p in enumerate(ctx.obs.periods)
        if target_period.start <= parse_period(p).end <= target_period.end
    ]  # fmt: skip
    return inside[-1] if inside else None


def _pending(ctx: Context, row: dict, verdict: str) -> bool:
    """True when the deadline has passed but its figure is not yet published."""
    return (
        bool(ctx.target_period)
        and row["rule"] != "deadline"
        and rules.colour(verdict) != "white"
        and ctx.as_of.end >= parse_period(ctx.target_period).end
    )


def _too_little(ctx: Context) -> str:
    return (
        f"Der er kun ét tal ({ctx.value(ctx.obs.values[-1])}, {period_da(ctx.obs.periods[-1])}), "
        "så udviklingen mod målet kan ikke vurderes endnu."
    )


def _reflect_indicator(title: str) -> list[str]:
    lowered = str(title).lower()
    hits = [indicator for word, indicator in REFLECT_COMPARISON if word in lowered]
    return hits or [indicator for _, indicator in REFLECT_COMPARISON]


def _baseline(goal: dict, obs: Observations, policy_period: str) -> tuple[float, float, str] | None:
    """The baseline ``(value, time, period label)``: the goal's own baseline; else the
    figure of its baseline period; else the last figure before the policy period
    began; else the first figure."""
    start, _ = policy_window(policy_period)
    if not math.isnan(goal["baseline_value"]):
        label = goal["baseline_period"] or str(start.year)
        time = parse_period(label).midpoint if goal["baseline_period"] else start.year + 0.0
        return float(goal["baseline_value"]), time, label
    if obs.n == 0:
        return None
    if goal["baseline_period"]:
        wanted = parse_period(goal["baseline_period"]).label
        for i, label in enumerate(obs.periods):
            if label == wanted:
                return float(obs.values[i]), float(obs.times[i]), label
    begin = fractional_year(start.start)
    before = [i for i, p in enumerate(obs.periods) if fractional_year(parse_period(p).end) < begin]
    i = before[-1] if before else 0
    return float(obs.values[i]), float(obs.times[i]), obs.periods[i]


def round_row(row: dict) -> dict:
    """Floats rounded to :data:`DECIMALS` places and NaN as an empty cell (in place)."""
    for key, value in row.items():
        if isinstance(value, float | np.floating):
            row[key] = "" if math.isnan(value) else round(float(value), DECIMALS)
    return row
