"""The verdict on one goal as of one half-year: a result object built by pure functions.

:func:`judge` reads a goal's series as of the half-year and returns a
:class:`Judgement`: the :class:`Verdict` (fields plus :meth:`Verdict.summary` in Danish
or English; :meth:`Verdict.row` is its row of ``evaluations.csv``) and the projection
fan. It is composed of small pure steps, each of which either produces what the next
needs or says what is missing:

1. :func:`facts_of` — the figures (latest value, its age and publication date, sources);
2. :func:`target_of` — what the goal is judged against (its target, its baseline for a
   directional goal, the comparison share for a goal that shall *reflect* one);
3. :func:`projection_of` — the model's projection to the deadline with its interval,
   probability and the basis of its uncertainty (own series, borrowed under a stated
   assumption, or none), plus a one-line sensitivity to the other plausible proxy;
4. :func:`decide` — the state or the progress rule, each rule only where its own
   conditions hold (:data:`helpers.evaluation.rules.REQUIREMENTS`): enough figures over
   enough years from one source, a scale the rule makes sense on, a figure recent enough
   and from the goal's policy period. Otherwise the state names what is missing.

How projections are made is passed in (:class:`Models`): stage 3 chooses the model by
backtest from 8 figures; a shorter series with a related long series (:data:`RELATED`)
uses the candidate the real-data calibration chose (:mod:`helpers.evaluation.calibration`)
and borrows its parameters from that series; the explorer passes its own choice of model
and sources and gets the same verdicts.

Targets
    Quantitative (and interpreted) goals: ``target_value`` at ``target_period``.
    Directional goals (increase/decrease without a number): the baseline is the
    target (baseline-change rule). ``reflect`` goals: the latest comparison figure
    (:data:`REFLECT_COMPARISON`) for the same group and geography; without one the state
    is ``no_benchmark``. A goal without ``target_period`` is judged at the last year
    of its policy period.
Models
    Ranks are not projected (:data:`NOT_PROJECTED`), nor is a projection shown that
    leaves the unit's possible range (:data:`POSSIBLE_RANGE`).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace

import numpy as np
import pandas as pd

from helpers.core.danish import format_number, format_probability, format_value
from helpers.core.periods import HalfYear, fractional_year, parse_period, period_da
from helpers.evaluation import backtests, rules, trends
from helpers.evaluation.calibration import Candidate
from helpers.evaluation.inputs import SeriesStore, Unit, policy_window
from helpers.evaluation.related import RELATED, RelatedSeries
from helpers.evaluation.trends import BorrowedScale, Observations

EVALUATION_COLUMNS = [
    "goal_id", "goal_ids", "as_of", "vintage", "indicator", "group", "geography", "kind",
    "direction", "unit", "baseline_value", "baseline_period", "target_value", "target_period",
    "n_obs", "first_period", "latest_period", "latest_value", "latest_source_ids",
    "latest_published", "published_later", "latest_age_years", "model", "model_reason", "mase",
    "projection", "lower80", "upper80", "lower95", "upper95", "probability",
    "uncertainty_basis", "sensitivity", "rule", "rule_value", "rule_points", "verdict",
    "colour", "missing", "reason_da",
]  # fmt: skip
PATH_COLUMNS = ["goal_id", "as_of", "vintage", "model", "time", "mean", "lower80", "upper80",
                "lower95", "upper95"]  # fmt: skip
DECIMALS = 4


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
#: What a white verdict is missing, by verdict (``missing`` column).
MISSING = {
    "target_not_set": "target",
    "not_measurable": "measurable_target",
    "no_data": "figure",
    "no_benchmark": "benchmark",
    "too_little_data": "points",
    "figure_too_old": "recent_figure",
    "no_rule_for_scale": "rule_for_scale",
}


# --- the result object ----------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """The verdict on one goal (or restating goals) as of one half-year.

    Every field is a column of ``evaluations.csv`` (:data:`EVALUATION_COLUMNS`); numbers
    are floats (NaN when missing), texts are ``""`` when missing.
    """

    goal_id: str
    goal_ids: str
    as_of: str
    vintage: str
    indicator: str
    group: str
    geography: str
    kind: str
    direction: str
    unit: str
    baseline_value: float = math.nan
    baseline_period: str = ""
    target_value: float = math.nan
    target_period: str = ""
    n_obs: int = 0
    first_period: str = ""
    latest_period: str = ""
    latest_value: float = math.nan
    latest_source_ids: str = ""
    latest_published: str = ""
    published_later: bool = False
    latest_age_years: float = math.nan
    model: str = ""
    model_reason: str = ""
    mase: float = math.nan
    projection: float = math.nan
    lower80: float = math.nan
    upper80: float = math.nan
    lower95: float = math.nan
    upper95: float = math.nan
    probability: float = math.nan
    uncertainty_basis: str = "none"
    sensitivity: str = ""
    rule: str = ""
    rule_value: float = math.nan
    rule_points: int = 0
    verdict: str = ""
    colour: str = ""
    missing: str = ""
    reason_da: str = ""

    def row(self) -> dict:
        """The ``evaluations.csv`` row: floats rounded to :data:`DECIMALS`, NaN empty."""
        return round_row(asdict(self))

    def summary(self, language: str = "da") -> str:
        """A short readable summary (``"da"`` or ``"en"``), deterministic.

        Examples
        --------
        The first line names the goal, the half-year and the verdict; then the target,
        the latest figure, the projection with its interval and the basis of its
        uncertainty, and (Danish) the reason.
        """
        if language not in ("da", "en"):
            raise ValueError(f"language must be 'da' or 'en', not {language!r}")
        da = language == "da"
        label = (rules.VERDICT_DA if da else rules.VERDICT_EN).get(self.verdict, self.verdict)
        colour = rules.COLOURS_DA.get(self.colour, self.colour) if da else self.colour
        lines = [f"{self.goal_ids} · {self.as_of} ({self.vintage}): {label} [{colour}]"]
        number = (lambda v: format_value(v, self.unit)) if da else (lambda v: f"{v:g}")
        if not math.isnan(self.target_value):
            when = self.target_period or ("uden frist" if da else "no deadline")
            bound = BOUND_DA.get(self.direction, self.direction) if da else self.direction
            lines.append(
                f"{'Mål' if da else 'Target'}: {bound} {number(self.target_value)} ({when})"
            )
        if self.n_obs:
            published = f", {'offentliggjort' if da else 'published'} {self.latest_published}"
            lines.append(
                f"{'Seneste tal' if da else 'Latest figure'}: {number(self.latest_value)} "
                f"({self.latest_period}{published if self.latest_published else ''}); "
                f"{self.n_obs} {'tal' if da else 'figures'}"
            )
        if not math.isnan(self.projection):
            interval = (
                f"{number(self.lower80)} – {number(self.upper80)}"
                if not math.isnan(self.lower80)
                else ("intet interval" if da else "no interval")
            )
            chance = (
                f"; P = {format_probability(self.probability) if da else f'{self.probability:.2f}'}"
                if not math.isnan(self.probability)
                else ""
            )
            lines.append(
                f"{'Fremskrivning' if da else 'Projection'} ({self.model}): "
                f"{number(self.projection)}, 80 %: {interval}{chance}"
            )
            lines.append(f"{'Usikkerhed' if da else 'Uncertainty'}: {self.uncertainty_basis}")
        if self.missing:
            lines.append(f"{'Mangler' if da else 'Missing'}: {self.missing}")
        if da and self.reason_da:
            lines.append(self.reason_da)
        return "\n".join(lines)


@dataclass(frozen=True)
class Judgement:
    """What :func:`judge` returns: the verdict and its projection fan (or None)."""

    verdict: Verdict
    fan: pd.DataFrame | None = field(default=None, compare=False)


# --- how projections are made ---------------------------------------------------------------


@dataclass
class Models:
    """How projections are made: which model, and whose variability a short series borrows.

    Parameters
    ----------
    store : SeriesStore
        The series the verdicts read (the lender of variability reads from it too, unless
        ``lender_store`` is given).
    model : str
        A model of :data:`helpers.evaluation.trends.MODELS`, or ``"auto"``: chosen by
        backtest (:func:`helpers.evaluation.backtests.choose_model`).
    lender_store : SeriesStore, optional
        Where borrowed variability comes from (the explorer restricted to some sources still
        borrows from all of them).
    calibrated : Candidate, optional
        The candidate the real-data calibration chose (``calibration.csv``): with ``"auto"``
        a series too short for a backtest that has a related long series uses this model
        and borrows its parameters, fitted on the candidate's window, from that series.
        Without it such a series uses the default model with the lender's whole history.
    """

    store: SeriesStore
    model: str = "auto"
    lender_store: SeriesStore | None = None
    cache: backtests.FitCache = field(default_factory=backtests.FitCache)
    calibrated: Candidate | None = None
    _choices: dict = field(default_factory=dict, repr=False)

    def choose(self, obs: Observations) -> backtests.Choice:
        """The model for a series and why (remembered per series)."""
        if self.model != "auto":
            return backtests.Choice(self.model, "valgt i udforskeren")
        key = obs.key()
        if key not in self._choices:
            self._choices[key] = backtests.choose_model(obs, self.cache)
        return self._choices[key]

    def choose_borrowing(self, obs: Observations) -> backtests.Choice:
        """The model for a series that may borrow from a related long series: the calibrated
        candidate where the backtest cannot choose (too few figures), else :meth:`choose`."""
        choice = self.choose(obs)
        if (
            self.model == "auto"
            and self.calibrated is not None
            and obs.n < backtests.MIN_BACKTEST_OBS
        ):
            return backtests.Choice(
                self.calibrated.model,
                f"valgt ved kalibrering på lange serier: {self.calibrated.label_da()}",
            )
        return choice

    def window(self, model: str) -> str:
        """The lender's estimation window for ``model`` (the calibrated one, else all years)."""
        calibrated = self.calibrated
        return (
            calibrated.window if calibrated is not None and calibrated.model == model else "whole"
        )

    def borrowed(
        self, related: RelatedSeries, as_of: HalfYear, model: str = trends.DEFAULT_MODEL
    ) -> BorrowedScale | None:
        """What a short series borrows from ``related`` as of ``as_of`` under ``model``
        (fitted on :meth:`window`), under the stated assumption."""
        store = self.lender_store or self.store
        obs, _ = store.find(related.indicator, related.group, related.geography, as_of, related.age)
        return trends.borrowed_scale(
            model, obs, related.label, related.assumption, self.window(model)
        )


# --- step 1: the figures --------------------------------------------------------------------


@dataclass(frozen=True)
class Facts:
    """The figures of one goal's series as of one half-year."""

    as_of: HalfYear
    obs: Observations
    rows: pd.DataFrame = field(repr=False)
    unit: str

    @property
    def n(self) -> int:
        return self.obs.n

    @property
    def latest(self) -> float:
        return float(self.obs.values[-1])

    @property
    def latest_period(self) -> str:
        return self.obs.periods[-1]

    def age_years(self, i: int = -1) -> float:
        """Years between the end of figure ``i``'s period and the end of the half-year."""
        end = parse_period(self.obs.periods[i]).end
        return fractional_year(self.as_of.end) - fractional_year(end)

    def sources(self, first: int = 0) -> tuple[str, ...]:
        """The publishers of figures ``first``.. (one source = one publisher)."""
        return tuple(self.rows["source_family"].iloc[first:])

    def index_of(self, period: str) -> int | None:
        """The index of the figure for ``period``, or None."""
        return self.obs.periods.index(period) if period in self.obs.periods else None

    def value(self, v: float) -> str:
        return format_value(v, self.unit)


def facts_of(goal: dict, as_of: HalfYear, store: SeriesStore) -> Facts:
    """The goal's figures as of ``as_of`` (none for a goal without an indicator)."""
    if goal["indicator"]:
        obs, rows = store.find(goal["indicator"], goal["group"], goal["geography"], as_of, None)
    else:
        obs, rows = Observations.from_pairs([], []), store.empty_rows()
    unit = str(rows["unit"].iloc[-1]) if len(rows) else goal["unit"]
    return Facts(as_of, obs, rows.reset_index(drop=True), unit or goal["unit"])


# --- step 2: the target ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What the goal is judged against."""

    value: float
    period: str
    direction: str
    text: str = ""
    directional: bool = False
    baseline: tuple[float, float, str] | None = None
    comparison_period: str = ""
    rule: str = ""

    def bound(self, facts: Facts) -> str:
        return f"{BOUND_DA[self.direction]} {self.text or facts.value(self.value)}"


@dataclass(frozen=True)
class Missing:
    """Why a verdict cannot go further: the state and its Danish reason."""

    verdict: str
    reason_da: str


def state_before_figures(goal: dict, facts: Facts) -> Missing | None:
    """Verdicts that need no figure: no target, not measurable, no figure."""
    if goal["kind"] == "target_not_set":
        return Missing(
            "target_not_set", "Målet har intet fastsat måltal, så fremdriften kan ikke vurderes."
        )
    measurable = goal["indicator"] and (
        goal["direction"] == "reflect"
        or not math.isnan(goal["target_value"])
        or goal["direction"] in ("increase", "decrease")
        or (goal["kind"] == "directional" and goal["direction"] in ("at_least", "at_most"))
    )
    if (goal["kind"] == "qualitative" and goal["direction"] != "reflect") or not measurable:
        if goal["kind"] == "milestone":
            return Missing(
                "not_measurable",
                "Målet er en milepæl, som ikke kan følges i de indsamlede tal, "
                "så det vurderes ikke her.",
            )
        if goal["kind"] in ("quantitative", "interpreted") and goal["indicator"]:
            return Missing(
                "target_not_set",
                "Målet har intet måltal i datagrundlaget, så fremdriften kan ikke vurderes.",
            )
        return Missing(
            "not_measurable",
            "Målet er ikke formuleret som et tal, der kan følges i data, så det vurderes ikke her.",
        )
    if facts.n == 0:
        return Missing(
            "no_data", f"Der er endnu ingen tal for målet til og med {facts.as_of.label_da()}."
        )
    return None


def target_of(goal: dict, facts: Facts, store: SeriesStore, policy_period: str) -> Target | Missing:
    """The target, deadline and direction the goal is judged against, or what is missing."""
    _, policy_end = policy_window(policy_period)
    period = goal["target_period"] or str(policy_end.year - 1)
    base = baseline_of(goal, facts.obs, policy_period)
    if goal["direction"] == "reflect":
        for indicator in _reflect_indicator(goal["title_da"]):
            obs, _ = store.find(indicator, goal["group"], goal["geography"], facts.as_of, None)
            if obs.n:
                where = "arbejdsstyrken" if indicator == "workforce_share" else "befolkningen"
                value = float(obs.values[-1])
                text = f"andelen i {where} ({facts.value(value)}, {period_da(obs.periods[-1])})"
                return Target(
                    value, period, "at_least", text, False, base, obs.periods[-1], "reflect"
                )
        return Missing(
            "no_benchmark",
            f"Seneste tal er {facts.value(facts.latest)} ({period_da(facts.latest_period)}), men "
            "der findes intet sammenligningstal for arbejdsstyrken eller befolkningen for samme "
            "gruppe og område, så det kan ikke vurderes, om andelen afspejler den.",
        )  # fmt: skip
    if math.isnan(goal["target_value"]):  # directional: the baseline is the target
        if base is None:
            return Missing("no_data", "Målet har intet udgangspunkt at måle ændringen fra.")
        direction = rules.resolve_direction(goal["direction"], base[0], base[0])
        return Target(base[0], period, direction, "", True, base)
    target = float(goal["target_value"])
    reference = base[0] if base else facts.latest
    return Target(target, period, rules.resolve_direction(goal["direction"], reference, target),
                  "", False, base)  # fmt: skip


def baseline_of(
    goal: dict, obs: Observations, policy_period: str
) -> tuple[float, float, str] | None:
    """The baseline ``(value, time, period label)``: the goal's own baseline; else the
    figure of its baseline period; else the last figure before the policy period began;
    else the first figure."""
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


def _reflect_indicator(title: str) -> list[str]:
    lowered = str(title).lower()
    hits = [indicator for word, indicator in REFLECT_COMPARISON if word in lowered]
    return hits or [indicator for _, indicator in REFLECT_COMPARISON]


# --- step 3: the projection -----------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """The model's projection at the deadline (NaN fields where nothing is projected)."""

    model: str = ""
    reason: str = ""
    mase: float = math.nan
    mean: float = math.nan
    lower80: float = math.nan
    upper80: float = math.nan
    lower95: float = math.nan
    upper95: float = math.nan
    probability: float = math.nan
    uncertainty_basis: str = "none"
    sensitivity: str = ""
    fan: pd.DataFrame | None = field(default=None, compare=False, repr=False)


def projection_of(
    goal: dict, facts: Facts, target: Target, models: Models, related: tuple[RelatedSeries, ...]
) -> Projection:
    """Project the series to the deadline with the chosen model (see :class:`Models`)."""
    if facts.n < 2:
        return Projection()
    if facts.unit in NOT_PROJECTED:
        return Projection(reason=NOT_PROJECTED[facts.unit])
    target_time = parse_period(target.period).midpoint
    choice = models.choose_borrowing(facts.obs) if related else models.choose(facts.obs)
    lenders = related if choice.model in trends.BORROWING else ()
    borrowed = models.borrowed(lenders[0], facts.as_of, choice.model) if lenders else None
    result = trends.fit(choice.model, facts.obs, borrowed)
    reason = choice.reason_da
    if result.uncertainty.startswith("borrowed:"):
        reason += f"; usikkerhed lånt fra {result.uncertainty.split(':', 1)[1]}"
    elif result.ok and result.uncertainty == "none":
        reason += "; for få tal til at beregne usikkerheden"
    base = Projection(choice.model, reason, choice.mase)
    if not result.ok or target_time <= result.last_time + 1e-9:
        return base
    predictive = result.predictive(target_time)
    low, high = POSSIBLE_RANGE.get(facts.unit, (-math.inf, math.inf))
    if not low <= predictive.mean <= high:
        return replace(
            base,
            reason=f"{reason}; fremskrivningen ({facts.value(predictive.mean)}) ligger uden for "
            "det mulige og vises ikke",
        )
    lo80, hi80 = predictive.interval(0.8)
    lo95, hi95 = predictive.interval(0.95)
    fan = result.path(trends.projection_times(result.last_time, target_time))
    fan.insert(0, "model", choice.model)
    return replace(
        base,
        mean=predictive.mean, lower80=lo80, upper80=hi80, lower95=lo95, upper95=hi95,
        probability=predictive.probability(target.value, target.direction),
        uncertainty_basis=uncertainty_basis(result, borrowed),
        sensitivity=sensitivity(facts, target, models, choice.model, lenders[1:], target_time),
        fan=fan,
    )  # fmt: skip


def uncertainty_basis(result: trends.TrendResult, borrowed: BorrowedScale | None) -> str:
    """Where the interval's uncertainty comes from, in words (``scorecard.csv``)."""
    if result.uncertainty == "own":
        return f"own series ({result.observations.n} figures)"
    if result.uncertainty.startswith("borrowed:") and borrowed is not None:
        return f"borrowed from {borrowed.source} under the assumption: {borrowed.assumption}"
    return "none"


def sensitivity(
    facts: Facts,
    target: Target,
    models: Models,
    model: str,
    alternatives: tuple[RelatedSeries, ...],
    target_time: float,
) -> str:
    """The probability of meeting the target under each other plausible proxy (one line)."""
    parts = []
    for related in alternatives:
        borrowed = models.borrowed(related, facts.as_of, model)
        result = trends.fit(model, facts.obs, borrowed)
        if not result.ok or borrowed is None:
            continue
        p = result.predictive(target_time).probability(target.value, target.direction)
        if not math.isnan(p):
            parts.append(f"{format_probability(p)} med usikkerheden lånt fra {related.label}")
    return "; ".join(parts)


# --- step 4: the decision -------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """The verdict code, the rule that gave it and the Danish reason."""

    verdict: str
    reason_da: str
    rule: str = ""
    rule_value: float = math.nan
    rule_points: int = 0


def decide(
    goal: dict, facts: Facts, target: Target, projection: Projection, policy_period: str
) -> Decision:
    """The verdict: deadline, achieved, or a progress rule where it is eligible (module
    docstring); otherwise the state that names what is missing."""
    chance = _chance(projection)
    deadline = _deadline_figure(facts, parse_period(target.period))
    if deadline is not None:
        return _deadline(facts, target, deadline)
    policy_start = policy_window(policy_period)[0].start
    age = facts.age_years()
    stale = rules.too_old(age) or parse_period(facts.latest_period).end < policy_start
    if not stale and target.comparison_period:
        end = parse_period(target.comparison_period).end
        comparison_age = fractional_year(facts.as_of.end) - fractional_year(end)
        if rules.too_old(comparison_age):
            return Decision(
                "figure_too_old",
                f"Sammenligningstallet ({target.text}) er {_years(comparison_age)} gammelt; en "
                f"vurdering kræver et tal, der højst er {_years(rules.MAX_FIGURE_AGE_YEARS)} "
                f"gammelt{chance}.",
            )
    if stale:
        return Decision(
            "figure_too_old",
            f"Seneste tal ({facts.value(facts.latest)}, {period_da(facts.latest_period)}) er "
            f"{_years(age)} gammelt" + (
                " og fra før politikkens periode" if parse_period(facts.latest_period).end
                < policy_start else ""
            ) + f"; en vurdering kræver et tal, der højst er {_years(rules.MAX_FIGURE_AGE_YEARS)} "
            f"gammelt og fra politikkens periode{chance}.",
        )  # fmt: skip
    if target.directional:
        return _baseline_change(facts, target, chance)
    if rules.meets(facts.latest, target.value, target.direction):
        rule = target.rule or "target_check"
        value = facts.latest - target.value if rule == "reflect" else facts.latest
        return Decision(
            "achieved",
            f"Seneste tal er {facts.value(facts.latest)} ({period_da(facts.latest_period)}), så "
            f"målet om {target.bound(facts)} i {period_da(target.period)} er allerede "
            f"nået{chance}.",
            rule, value, 2 if rule == "reflect" else 1,
        )  # fmt: skip
    return _progress(goal, facts, target, chance)


def _progress(goal: dict, facts: Facts, target: Target, chance: str) -> Decision:
    aim = f"målet {target.bound(facts)} i {period_da(target.period)}"
    rule = rules.progress_rule_for(facts.unit)
    if rule is None:
        return Decision(
            "no_rule_for_scale",
            f"Seneste tal er {facts.value(facts.latest)} ({period_da(facts.latest_period)}), og "
            f"{aim} er ikke nået. Der findes ingen fremskridtsregel for rangplaceringer: afstanden "
            "mellem to pladser er ikke fast, og feltets størrelse kan skifte" + chance + ".",
        )  # fmt: skip
    base = target.baseline
    if rule == "cagr_ratio" and base is not None:
        return _cagr(facts, target, base, aim, chance)
    return _level(facts, target, aim, chance)


def _cagr(facts: Facts, target: Target, base: tuple, aim: str, chance: str) -> Decision:
    base_value, base_time, base_period = base
    at = facts.index_of(base_period)
    after = [i for i, t in enumerate(facts.obs.times) if t > base_time + 1e-9]
    # a baseline the goal states is the goal's own, comparable by definition
    first = at if at is not None else (after[0] if after else facts.n)
    span = float(facts.obs.times[-1] - base_time)
    problem = rules.ineligible("cagr_ratio", len(after) + 1, span, facts.unit, facts.sources(first))
    if not after:
        problem = (
            f"der er endnu ingen tal efter udgangspunktet ({facts.value(base_value)}, "
            f"{period_da(base_period)})"
        )
    if problem is None and min(base_value, facts.latest) <= rules.NEAR_ZERO:
        problem = "vækstrater kræver positive tal"
    if problem:
        return _too_little(facts, "cagr_ratio", problem, chance)
    if rules.meets(base_value, target.value, target.direction):
        return Decision(
            "moving_away",
            f"Målet var nået ved udgangspunktet ({facts.value(base_value)}, "
            f"{period_da(base_period)}), men seneste tal er {facts.value(facts.latest)}{chance}.",
            "cagr_ratio",
            math.nan,
            len(after) + 1,
        )
    target_time = parse_period(target.period).midpoint
    latest_time = float(facts.obs.times[-1])
    ratio = rules.cagr_ratio(base_value, base_time, facts.latest, latest_time, target.value,
                             target_time)  # fmt: skip
    actual = rules.cagr(base_value, base_time, facts.latest, latest_time)
    required = rules.cagr(base_value, base_time, target.value, target_time)
    return Decision(
        rules.classify_ratio(ratio),
        f"Siden {period_da(base_period)} er tallet ændret {format_number(100 * actual)} % om "
        f"året, mens {aim} kræver {format_number(100 * required)} % om året (forholdet er "
        f"{format_number(ratio, 2)}){chance}.",
        "cagr_ratio", ratio, len(after) + 1,
    )  # fmt: skip


def _level(facts: Facts, target: Target, aim: str, chance: str) -> Decision:
    obs = facts.obs
    k = min(rules.LEVEL_CHANGES, obs.n - 1)
    first = obs.n - 1 - k
    span = float(obs.times[-1] - obs.times[first]) if obs.n > 1 else 0.0
    problem = rules.ineligible("level", k + 1, span, facts.unit, facts.sources(first))
    if problem:
        return _too_little(facts, "level", problem, chance)
    target_time = parse_period(target.period).midpoint
    rule = rules.level_rule(obs.times, obs.values, target.value, target_time, target.direction)
    if rule.verdict == "moving_away":
        reason = (
            f"Udviklingen går den forkerte vej ({facts.value(obs.values[first])} i "
            f"{period_da(obs.periods[first])}, {facts.value(facts.latest)} i "
            f"{period_da(facts.latest_period)}), mens {aim}{chance}."
        )
    else:
        reason = (
            f"Fortsætter udviklingen siden {period_da(obs.periods[first])} "
            f"({_signed(rule.slope, facts.unit)} om året), ender tallet på ca. "
            f"{facts.value(rule.projection)} i {period_da(target.period)} mod {aim}{chance}."
        )
    return Decision(rule.verdict, reason, "level", rule.deviation, k + 1)


def _baseline_change(facts: Facts, target: Target, chance: str) -> Decision:
    base_value, base_time, base_period = target.baseline
    if base_period == facts.latest_period:
        return _too_little(
            facts, "baseline_change", "seneste tal er udgangspunktet selv, 1 tal", chance
        )
    at = facts.index_of(base_period)
    # a baseline the goal states is the goal's own, comparable by definition
    sources = facts.sources(at)[:1] + facts.sources(facts.n - 1) if at is not None else ()
    span = float(facts.obs.times[-1] - base_time)
    problem = rules.ineligible("baseline_change", 2, span, facts.unit, sources)
    if problem:
        return _too_little(facts, "baseline_change", problem, chance)
    verdict = rules.baseline_change(base_value, facts.latest, target.direction)
    word = {"achieved": "bedre end", "insufficient_progress": "uændret i forhold til",
            "moving_away": "dårligere end"}[verdict]  # fmt: skip
    return Decision(
        verdict,
        f"Seneste tal ({facts.value(facts.latest)}, {period_da(facts.latest_period)}) er {word} "
        f"udgangspunktet ({facts.value(base_value)}, {period_da(base_period)}){chance}.",
        "baseline_change", facts.latest - base_value, 2,
    )  # fmt: skip


def _deadline(facts: Facts, target: Target, i: int) -> Decision:
    value = float(facts.obs.values[i])
    if target.directional:
        better = rules.baseline_change(target.value, value, target.direction) == "achieved"
        verdict = "deadline_met" if better else "deadline_missed"
        better_word = "over" if target.direction == "at_least" else "under"
        aim = f"at komme {better_word} udgangspunktet {facts.value(target.value)}"
    else:
        verdict = rules.deadline_verdict(value, target.value, target.direction)
        aim = target.bound(facts)
    met = "blev nået" if verdict == "deadline_met" else "blev ikke nået"
    return Decision(
        verdict,
        f"Tallet for {period_da(facts.obs.periods[i])} er {facts.value(value)}, så målet om "
        f"{aim} {met}.",
        "deadline", value, 1,
    )  # fmt: skip


def _too_little(facts: Facts, rule: str, problem: str, chance: str) -> Decision:
    need = rules.REQUIREMENTS[rule]
    return Decision(
        "too_little_data",
        f"{need.name_da} kan ikke bruges endnu: {problem}{chance}.",
        rule,
    )


def _deadline_figure(facts: Facts, target_period) -> int | None:
    """Index of the last figure for the target period once its deadline has passed."""
    if facts.as_of.end < target_period.end:
        return None
    inside = [
        i for i, p in enumerate(facts.obs.periods)
        if target_period.start <= parse_period(p).end <= target_period.end
    ]  # fmt: skip
    return inside[-1] if inside else None


def _chance(projection: Projection) -> str:
    if math.isnan(projection.probability):
        if not math.isnan(projection.mean) and projection.uncertainty_basis == "none":
            return ", men usikkerheden kan ikke beregnes ud fra så få tal"
        return ""
    text = f"; sandsynligheden for at nå målet er {format_probability(projection.probability)}"
    if projection.uncertainty_basis.startswith("borrowed"):
        text += " (usikkerheden er lånt fra en længere, beslægtet serie)"
    return text


def _signed(value: float, unit: str) -> str:
    text = format_value(value, unit)
    return text if value < 0 else f"+{text}"


def _years(value: float) -> str:
    return f"{format_number(value, 1)} år"


# --- the composition ------------------------------------------------------------------------


def judge(unit: Unit, as_of: HalfYear, models: Models, vintage: str = "latest") -> Judgement:
    """The verdict on ``unit`` as of ``as_of`` (see the module docstring), its fan or None.

    ``models.store`` must already hold the figures of the ``vintage``
    (:meth:`helpers.evaluation.inputs.SeriesStore.vintage`).
    """
    goal = unit.goal
    facts = facts_of(goal, as_of, models.store)
    known = _known(unit, as_of, vintage, facts)
    missing = state_before_figures(goal, facts)
    if missing is not None:
        return _finish(known, missing.verdict, missing.reason_da)
    target = target_of(goal, facts, models.store, unit.policy_period)
    if isinstance(target, Missing):
        return _finish(known, target.verdict, target.reason_da)
    known = replace(known, target_value=target.value, target_period=target.period)
    if target.baseline is not None and target.directional:
        known = replace(
            known, baseline_value=target.baseline[0], baseline_period=target.baseline[2]
        )
    related = RELATED.get((goal["indicator"], goal["group"], goal["geography"]), ())
    projection = projection_of(goal, facts, target, models, related)
    known = replace(
        known,
        model=projection.model, model_reason=projection.reason, mase=projection.mase,
        projection=projection.mean, lower80=projection.lower80, upper80=projection.upper80,
        lower95=projection.lower95, upper95=projection.upper95,
        probability=projection.probability, uncertainty_basis=projection.uncertainty_basis,
        sensitivity=projection.sensitivity,
    )  # fmt: skip
    decision = decide(goal, facts, target, projection, unit.policy_period)
    reason = decision.reason_da
    if _pending(facts, target, decision):
        reason = f"{reason[:-1]}; tallet for {period_da(target.period)} foreligger endnu ikke."
    if goal["kind"] == "interpreted":
        reason += " Målet er en fortolkning af politikkens ord (se målregistret)."
    known = replace(
        known, rule=decision.rule, rule_value=decision.rule_value, rule_points=decision.rule_points
    )
    fan = None
    if projection.fan is not None:
        fan = projection.fan.copy()
        fan.insert(0, "vintage", vintage)
        fan.insert(0, "as_of", str(as_of))
        fan.insert(0, "goal_id", unit.goal_id)
    return _finish(known, decision.verdict, reason, fan)


def _known(unit: Unit, as_of: HalfYear, vintage: str, facts: Facts) -> Verdict:
    goal = unit.goal
    verdict = Verdict(
        goal_id=unit.goal_id, goal_ids=unit.goal_ids, as_of=str(as_of), vintage=vintage,
        **{c: goal[c] for c in ("indicator", "group", "geography", "kind", "direction", "unit")},
        **{c: goal[c] for c in ("baseline_value", "baseline_period", "target_value",
                                "target_period")},
    )  # fmt: skip
    if facts.n == 0:
        return verdict
    last = facts.rows.iloc[-1]
    published = str(last.get("published", "") or "")
    return replace(
        verdict,
        n_obs=facts.n, first_period=facts.obs.periods[0], latest_period=facts.latest_period,
        latest_value=facts.latest, latest_source_ids=str(last["source_id"]),
        latest_published=published,
        published_later=bool(published) and parse_period(published).start > as_of.end,
        latest_age_years=facts.age_years(),
    )  # fmt: skip


def _finish(
    known: Verdict, verdict: str, reason: str, fan: pd.DataFrame | None = None
) -> Judgement:
    return Judgement(
        replace(
            known,
            verdict=verdict,
            colour=rules.colour(verdict),
            missing=MISSING.get(verdict, ""),
            reason_da=reason,
        ),
        fan,
    )


def _pending(facts: Facts, target: Target, decision: Decision) -> bool:
    """True when the deadline has passed but its figure is not yet published."""
    return (
        bool(target.period)
        and decision.rule != "deadline"
        and rules.colour(decision.verdict) != "white"
        and facts.as_of.end >= parse_period(target.period).end
    )


def round_row(row: dict) -> dict:
    """Floats rounded to :data:`DECIMALS` places and NaN as an empty cell (in place)."""
    for key, value in row.items():
        if isinstance(value, float | np.floating):
            row[key] = "" if math.isnan(value) else round(float(value), DECIMALS)
    return row
