"""Progress rules: is a goal on track, by published methods.

Rules (each a small function)

CAGR ratio (Eurostat SDG monitoring / Open SDG ``sdg-build``), :func:`cagr_ratio`
    actual compound annual growth rate from the base ``(y_t / y_0)^(1/(t - t0)) - 1``
    over the required one ``(target / y_0)^(1/(T - t0)) - 1``. :func:`classify_ratio`:
    ratio >= 0.95 significant progress, 0.6 <= ratio < 0.95 moderate,
    0 <= ratio < 0.6 insufficient, ratio < 0 moving away. For ratio-scale
    indicators (shares, counts, money): every value must be positive.
Level rule (Destatis, German sustainability indicators), :func:`level_rule`
    the average annual change over the last (up to) five changes, extrapolated
    linearly to the target year; the shortfall of that projection from the
    target as a share of the distance still to go from the latest value:
    < 5 % significant, 5-20 % moderate, > 20 % insufficient progress; a change
    in the wrong direction is moving away. Used on interval scales (gaps in
    percentage points), where growth rates make no sense (:func:`progress_rule_for`).
Baseline change (the national Integrationsbarometer), :func:`baseline_change`
    for directional goals (increase/decrease without a number): the latest
    value against the baseline on rounded figures: better (achieved so far),
    unchanged (insufficient progress) or worse (moving away).
Eligibility before rules (:data:`REQUIREMENTS`, :func:`ineligible`)
    Every rule declares what it needs: how many figures, over how many years,
    from one source (or one publisher), on which scales. Below that the state is
    ``too_little_data`` (or ``no_rule_for_scale``) with the reason in Danish; a
    colour is never given from less. A figure older than
    :data:`MAX_FIGURE_AGE_YEARS`, or describing a period that ended before the
    goal's policy began, gives no colour (``figure_too_old``).
States (decided in :func:`helpers.evaluation.verdicts.decide`, named here)
    no_data, target_not_set, deadline_met / deadline_missed (the deadline has
    passed and a figure for the target period exists, :func:`deadline_verdict`),
    achieved (the latest value meets the target before the deadline, :func:`meets`),
    too_little_data; not_measurable is decided by the goal's kind (qualitative,
    milestone); no_benchmark (a goal that shall reflect a comparison share has no
    comparison figure), figure_too_old, no_rule_for_scale (no progress rule fits the
    scale, e.g. ranks).

The one mapping to the barometer's colours is :data:`COLOURS`:
green = achieved, deadline met, significant progress (on track);
yellow = moderate progress (partly on track);
red = insufficient progress, moving away, deadline missed (off track);
white = no verdict possible (target not set, not measurable, too little data, no data, no
benchmark, figure too old, no rule for the scale).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.core.units import scale_of

#: Eurostat SDG thresholds of the CAGR ratio.
RATIO_SIGNIFICANT = 0.95
RATIO_MODERATE = 0.6
RATIO_INSUFFICIENT = 0.0
#: Destatis thresholds of the projected shortfall (share of the distance to go).
DEVIATION_SIGNIFICANT = 0.05
DEVIATION_MODERATE = 0.20
#: Destatis: the average of the last five annual changes.
LEVEL_CHANGES = 5
#: A value this close to zero (or below) makes growth rates meaningless.
NEAR_ZERO = 1e-9
#: A figure whose reference period ended longer ago than this (years before the end of the
#: half-year) gives no colour. Own choice: the municipality's barometer is yearly, so an older
#: figure has missed at least one edition.
MAX_FIGURE_AGE_YEARS = 2.0

VERDICTS = (
    "achieved",
    "deadline_met",
    "deadline_missed",
    "significant_progress",
    "moderate_progress",
    "insufficient_progress",
    "moving_away",
    "target_not_set",
    "not_measurable",
    "too_little_data",
    "no_data",
    "no_benchmark",
    "figure_too_old",
    "no_rule_for_scale",
)
COLOURS = {
    "achieved": "green",
    "deadline_met": "green",
    "significant_progress": "green",
    "moderate_progress": "yellow",
    "insufficient_progress": "red",
    "moving_away": "red",
    "deadline_missed": "red",
    "target_not_set": "white",
    "not_measurable": "white",
    "too_little_data": "white",
    "no_data": "white",
    "no_benchmark": "white",
    "figure_too_old": "white",
    "no_rule_for_scale": "white",
}
VERDICT_DA = {
    "achieved": "målet er nået",
    "deadline_met": "målet blev nået ved fristen",
    "deadline_missed": "målet blev ikke nået ved fristen",
    "significant_progress": "god fremgang",
    "moderate_progress": "moderat fremgang",
    "insufficient_progress": "utilstrækkelig fremgang",
    "moving_away": "bevæger sig væk fra målet",
    "target_not_set": "intet måltal fastsat",
    "not_measurable": "kan ikke måles",
    "too_little_data": "for få tal",
    "no_data": "ingen tal",
    "no_benchmark": "intet sammenligningstal",
    "figure_too_old": "tallet er for gammelt",
    "no_rule_for_scale": "ingen regel for skalaen",
}
#: The same in English (for :meth:`helpers.evaluation.verdicts.Verdict.summary`).
VERDICT_EN = {
    "achieved": "target achieved",
    "deadline_met": "target met at the deadline",
    "deadline_missed": "target missed at the deadline",
    "significant_progress": "significant progress",
    "moderate_progress": "moderate progress",
    "insufficient_progress": "insufficient progress",
    "moving_away": "moving away from the target",
    "target_not_set": "no target set",
    "not_measurable": "not measurable",
    "too_little_data": "too little data",
    "no_data": "no data",
    "no_benchmark": "no benchmark figure",
    "figure_too_old": "latest figure too old",
    "no_rule_for_scale": "no rule for this scale",
}
COLOURS_DA = {"green": "grøn", "yellow": "gul", "red": "rød", "white": "hvid"}


def colour(verdict: str) -> str:
    """The barometer colour of a verdict (the one documented mapping)."""
    if verdict not in COLOURS:
        raise ValueError(f"unknown verdict {verdict!r}; expected one of {', '.join(VERDICTS)}")
    return COLOURS[verdict]


def resolve_direction(direction: str, reference: float, target: float) -> str:
    """``at_most`` or ``at_least`` for a goal's direction.

    ``increase``/``at_least`` -> ``at_least``; ``decrease``/``at_most`` ->
    ``at_most``; ``achieve`` (reach a value) and an empty direction take the
    side the ``reference`` value (baseline or first figure) lies on; ``reflect``
    (a share shall reflect a comparison share) -> ``at_least``.
    """
    if direction in ("at_most", "decrease"):
        return "at_most"
    if direction in ("at_least", "increase", "reflect"):
        return "at_least"
    if direction in ("achieve", ""):
        return "at_most" if reference > target else "at_least"
    raise ValueError(f"unknown direction {direction!r}")


def meets(value: float, target: float, direction: str) -> bool:
    """True when ``value`` satisfies the target (``at_most``/``at_least``, inclusive)."""
    tolerance = 1e-9 * max(1.0, abs(target))
    if direction == "at_most":
        return value <= target + tolerance
    if direction == "at_least":
        return value >= target - tolerance
    raise ValueError(f"direction must be 'at_most' or 'at_least', not {direction!r}")


def deadline_verdict(value: float, target: float, direction: str) -> str:
    """``deadline_met`` or ``deadline_missed`` for the figure of the target period."""
    return "deadline_met" if meets(value, target, direction) else "deadline_missed"


# --- Eurostat SDG: CAGR ratio -------------------------------------------------------------


def cagr(start_value: float, start_time: float, end_value: float, end_time: float) -> float:
    """Compound annual growth rate ``(end / start)^(1 / (end_time - start_time)) - 1``.

    Raises
    ------
    ValueError
        When a value is zero or negative, or the times are not increasing.
    """
    if start_value <= NEAR_ZERO or end_value <= NEAR_ZERO:
        raise ValueError(
            f"growth rates need positive values (got {start_value:g} and {end_value:g}); "
            "use the level rule"
        )
    if end_time <= start_time:
        raise ValueError(f"the end time {end_time:g} must come after the start {start_time:g}")
    return (end_value / start_value) ** (1.0 / (end_time - start_time)) - 1.0


def cagr_ratio(
    base_value: float,
    base_time: float,
    latest_value: float,
    latest_time: float,
    target_value: float,
    target_time: float,
) -> float:
    """Ratio of the actual to the required compound annual growth rate.

    Raises
    ------
    ValueError
        When the base already equals the target (no growth is required) or a
        growth rate cannot be computed.
    """
    actual = cagr(base_value, base_time, latest_value, latest_time)
    required = cagr(base_value, base_time, target_value, target_time)
    if abs(required) < NEAR_ZERO:
        raise ValueError("the base value already equals the target: no growth is required")
    return actual / required


def classify_ratio(ratio: float) -> str:
    """Eurostat's classes of the CAGR ratio (0.95 / 0.6 / 0)."""
    if ratio >= RATIO_SIGNIFICANT:
        return "significant_progress"
    if ratio >= RATIO_MODERATE:
        return "moderate_progress"
    if ratio >= RATIO_INSUFFICIENT:
        return "insufficient_progress"
    return "moving_away"


# --- Destatis: level rule -----------------------------------------------------------------


@dataclass(frozen=True)
class LevelRule:
    """The outcome of :func:`level_rule`.

    Attributes
    ----------
    slope : float
        Average change per year over the last ``n_changes`` changes.
    projection : float
        The latest value extrapolated with ``slope`` to the target time.
    deviation : float
        Shortfall of the projection from the target as a share of the distance
        still to go (negative: the projection passes the target).
    n_changes : int
    verdict : str
    """

    slope: float
    projection: float
    deviation: float
    n_changes: int
    verdict: str


def classify_deviation(deviation: float, wrong_direction: bool) -> str:
    """Destatis' classes: < 5 %, 5-20 %, > 20 % of the distance to go, or wrong direction."""
    if wrong_direction:
        return "moving_away"
    if deviation < DEVIATION_SIGNIFICANT:
        return "significant_progress"
    if deviation <= DEVIATION_MODERATE:
        return "moderate_progress"
    return "insufficient_progress"


def level_rule(
    times: np.ndarray,
    values: np.ndarray,
    target_value: float,
    target_time: float,
    direction: str,
    n_changes: int = LEVEL_CHANGES,
) -> LevelRule:
    """Extrapolate the recent average change linearly and compare with the target.

    Parameters
    ----------
    times, values : array
        The observations (fractional years, increasing), at least two.
    target_value, target_time : float
    direction : str
        ``at_most`` or ``at_least``.
    n_changes : int
        How many of the latest changes to average (Destatis: five).

    Raises
    ------
    ValueError
        With fewer than two observations, or when the latest value already
        meets the target (that is the state *achieved*, not a rule).
    """
    times = np.asarray(times, dtype=float)
    values = np.asarray(values, dtype=float)
    if len(times) < 2:
        raise ValueError("the level rule needs at least two observations")
    latest = float(values[-1])
    if meets(latest, target_value, direction):
        raise ValueError("the latest value already meets the target")
    k = min(n_changes, len(times) - 1)
    slope = float((values[-1] - values[-1 - k]) / (times[-1] - times[-1 - k]))
    projection = latest + slope * max(target_time - float(times[-1]), 0.0)
    sign = 1.0 if direction == "at_least" else -1.0
    distance = abs(target_value - latest)
    shortfall = sign * (target_value - projection)
    deviation = shortfall / distance
    return LevelRule(
        slope, projection, deviation, k, classify_deviation(deviation, sign * slope < 0)
    )


# --- directional goals --------------------------------------------------------------------


def baseline_change(baseline: float, latest: float, direction: str, decimals: int = 1) -> str:
    """Latest against baseline on figures rounded to ``decimals``: ``achieved``
    (better), ``insufficient_progress`` (unchanged) or ``moving_away`` (worse)."""
    change = round(latest, decimals) - round(baseline, decimals)
    if abs(change) < 0.5 * 10**-decimals:
        return "insufficient_progress"
    better = change > 0 if direction == "at_least" else change < 0
    return "achieved" if better else "moving_away"


# --- eligibility --------------------------------------------------------------------------


@dataclass(frozen=True)
class Requirement:
    """What a rule needs before it may give a colour.

    Attributes
    ----------
    rule : str
        The rule's code (as in ``evaluations.csv``'s ``rule`` column).
    min_points : int
        Figures the rule reads (a stated baseline counts as one).
    min_span_years : float
        Years between the first and the last of them.
    scales : tuple of str
        Scales it makes sense on (:func:`helpers.core.units.scale_of`).
    one_source : bool
        The figures must come from one source or one publisher (a stated baseline
        belongs to the goal and counts as comparable).
    name_da, origin_da : str
        The rule and where its thresholds come from, in Danish (methods appendix).
    """

    rule: str
    min_points: int
    min_span_years: float
    scales: tuple[str, ...]
    one_source: bool
    name_da: str
    origin_da: str


REQUIREMENTS: dict[str, Requirement] = {
    r.rule: r
    for r in (
        Requirement(
            "cagr_ratio", 3, 2.0, ("ratio",), True,
            "Eurostats SDG-regel (vækstrate i forhold til den nødvendige)",
            "Tærsklerne 0,95/0,6/0 er Eurostats; Eurostat vurderer over femårige vinduer af "
            "årlige tal. Mindst 3 tal over mindst 2 år er vores eget minimum.",
        ),
        Requirement(
            "level", 3, 2.0, ("interval", "ratio"), True,
            "Destatis' niveauregel (gennemsnitlig årlig ændring fremskrevet)",
            "Tærsklerne 5 %/20 % og de seneste op til fem ændringer er Destatis'. "
            "Mindst 3 tal over mindst 2 år er vores eget minimum.",
        ),
        Requirement(
            "baseline_change", 2, 1.0, ("ratio", "interval"), True,
            "Sammenligning med udgangspunktet (som det nationale integrationsbarometer)",
            "Det nationale integrationsbarometer sammenligner seneste tal med et basisår på "
            "afrundede tal; mindst 1 år mellem de to tal er vores eget krav.",
        ),
        Requirement(
            "target_check", 1, 0.0, ("ratio", "interval", "ordinal"), False,
            "Er målet allerede nået?",
            f"Ét tal, højst {MAX_FIGURE_AGE_YEARS:g} år gammelt og fra politikkens periode "
            "(vores eget krav).",
        ),
        Requirement(
            "reflect", 1, 0.0, ("ratio",), False,
            "Afspejler andelen sammenligningsgruppen?",
            "Seneste egne tal mod seneste sammenligningstal, begge højst "
            f"{MAX_FIGURE_AGE_YEARS:g} år gamle (vores eget krav).",
        ),
        Requirement(
            "deadline", 1, 0.0, ("ratio", "interval", "ordinal"), False,
            "Tallet for fristen",
            "Tallet for målets frist afgør, om målet blev nået.",
        ),
    )
}  # fmt: skip


def progress_rule_for(unit: str) -> str | None:
    """The progress rule for a unit's scale: the level rule on interval scales
    (percentage-point gaps), the CAGR ratio on ratio scales, none on ordinal scales."""
    scale = scale_of(unit)
    if scale == "interval":
        return "level"
    if scale == "ratio":
        return "cagr_ratio"
    return None


def ineligible(
    rule: str,
    n_points: int,
    span_years: float,
    unit: str,
    sources: tuple[str, ...] = (),
) -> str | None:
    """Why ``rule`` may not give a colour on these figures (Danish), or None.

    Parameters
    ----------
    rule : str
        A key of :data:`REQUIREMENTS`.
    n_points, span_years : int, float
        The figures the rule would read and the years they span.
    unit : str
        The unit (its scale decides).
    sources : tuple of str
        The distinct sources (publishers) of those figures; more than one breaks a
        rule that needs one source.
    """
    need = REQUIREMENTS[rule]
    scale = scale_of(unit)
    if scale not in need.scales:
        return f"{need.name_da} giver ikke mening på en {_SCALE_DA[scale]}"
    gaps = []
    if n_points < need.min_points:
        gaps.append(f"{n_points} tal, men reglen kræver mindst {need.min_points}")
    if span_years + 1e-9 < need.min_span_years:
        years = f"{span_years:.1f}".replace(".", ",")
        gaps.append(f"tallene spænder over {years} år, men reglen kræver {need.min_span_years:g}")
    if need.one_source and len(set(sources)) > 1:
        gaps.append(
            "tallene kommer fra forskellige kilder (" + ", ".join(sorted(set(sources))) + "), "
            "som ikke er dokumenteret sammenlignelige"
        )
    return "; ".join(gaps) if gaps else None


_SCALE_DA = {
    "ratio": "forholdsskala",
    "interval": "intervalskala",
    "ordinal": "rangskala (kun rækkefølgen har mening)",
}


def too_old(age_years: float) -> bool:
    """True when a figure this many years old may not give a colour."""
    return age_years > MAX_FIGURE_AGE_YEARS + 1e-9
