"""Charts of trend models, labelled in Danish (same style as :mod:`helpers.core.charts`).

Functions return the Figure and close it, so a notebook shows exactly one image.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.ticker import FuncFormatter

from helpers.core.charts import time_axis, use_style, value_axis
from helpers.core.danish import format_number
from helpers.core.units import axis_label_da
from helpers.evaluation import calibration, trends

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from helpers.evaluation.trends import Observations, TrendResult

MODEL_COLOURS = {
    "rw_drift": "tab:blue",
    "linear": "tab:orange",
    "ets_damped": "tab:green",
    "local_linear_trend": "tab:purple",
    "rw": "tab:red",
    "ar1": "tab:brown",
}


def model_fans_chart(
    obs: Observations,
    fits: dict[str, TrendResult],
    *,
    until: float,
    title: str,
    unit: str,
) -> Figure:
    """The figures and each fitted model's projection with its 80 % band.

    Parameters
    ----------
    obs : Observations
        The figures.
    fits : dict of str to TrendResult
        Models by name; those that refused the series are left out.
    until : float
        Last time of the projections (fractional years).
    title : str
        Danish chart title.
    unit : str
        Unit code of the values (for the axis label).
    """
    use_style()
    fig, ax = plt.subplots()
    ax.plot(obs.times, obs.values, color="0.5", marker="o", linewidth=1, label="Tal", zorder=4)
    values = list(obs.values)
    for name, result in fits.items():
        if not result.ok or until <= result.last_time:
            continue
        fan = result.path(trends.projection_times(result.last_time, until))
        colour = MODEL_COLOURS.get(name, "0.3")
        ax.plot(fan["time"], fan["mean"], linestyle="--", color=colour,
                label=trends.MODEL_LABELS_DA[name])  # fmt: skip
        values += list(fan["mean"])
        if fan["lower80"].notna().all():
            ax.fill_between(fan["time"], fan["lower80"], fan["upper80"], color=colour,
                            alpha=0.12, linewidth=0)  # fmt: skip
            values += list(fan["lower80"]) + list(fan["upper80"])
    ax.set_title(title)
    ax.set_xlabel("")
    ax.set_ylabel(axis_label_da(unit))
    ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, fontsize="small",
        title="Fremskrivning (80 %-interval skraveret)", title_fontsize="small",
    )  # fmt: skip
    time_axis(ax, min(obs.times) - 0.25, max(until, max(obs.times)) + 0.25)
    value_axis(ax, values, unit)
    fig.tight_layout()
    plt.close(fig)
    return fig


def reliability_chart(reliability: pd.DataFrame, candidates: list[str], group: str) -> Figure:
    """Reliability of the probability of meeting a pseudo-target: mean forecast probability
    against how often the target was met, per probability bin (seaborn), one line per
    candidate (own form), with the diagonal of perfect reliability.

    Parameters
    ----------
    reliability : DataFrame
        ``calibration_reliability.csv``.
    candidates : list of str
        Candidates to draw (``ar1:10y``, ...).
    group : str
        One of :data:`helpers.evaluation.calibration.GROUPS`.
    """
    use_style()
    rows = reliability[
        reliability["candidate"].isin(candidates)
        & (reliability["form"] == "own")
        & (reliability["group"] == group)
        & (reliability["n"].astype(float) > 0)
    ].copy()
    rows["Model"] = [calibration.Candidate.parse(c).label_da() for c in rows["candidate"]]
    fig, ax = plt.subplots()
    ax.plot([0, 1], [0, 1], color="0.6", linestyle=":", linewidth=1, label="Perfekt pålidelighed")
    sns.lineplot(
        data=rows, x="mean_probability", y="observed_frequency", hue="Model", marker="o", ax=ax,
        hue_order=[calibration.Candidate.parse(c).label_da() for c in candidates],
    )  # fmt: skip
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    percent = FuncFormatter(lambda v, _: f"{format_number(100 * v, 0)} %")
    ax.xaxis.set_major_formatter(percent)
    ax.yaxis.set_major_formatter(percent)
    ax.set_xlabel("Udmeldt sandsynlighed for at nå målet (gennemsnit i intervallet)")
    ax.set_ylabel("Andel, hvor målet blev nået")
    ax.set_title(f"Hvor pålidelige var sandsynlighederne? ({calibration.GROUPS_DA[group]})")
    ax.legend(loc="upper left", fontsize="small")
    fig.tight_layout()
    plt.close(fig)
    return fig
