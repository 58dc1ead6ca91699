"""Charts for the reports and the explorer, labelled in Danish.

Every chart uses the same style (:func:`use_style`) and Danish number formats
on its axes. Functions return the matplotlib Figure and never print it, so
notebooks show exactly one image per chart and no ``<Line2D at 0x...>`` text.
"""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib.figure import Figure as MplFigure
from matplotlib.ticker import FixedLocator, FuncFormatter, MaxNLocator, NullFormatter

from helpers.core.danish import format_number, format_value
from helpers.core.periods import parse_period
from helpers.core.units import WHOLE_UNITS, axis_label_da

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

SOURCE_KIND_DA = {
    "municipal_report": "Kommunens egne opgørelser",
    "statistics_office": "Danmarks Statistik",
    "ministry": "Ministerium",
    "news": "Presse (citerer kommunen)",
    "blog": "Blog",
    "survey_report": "Survey-rapport",
    "parliament": "Folketinget",
    "other": "Andre kilder",
    "policy_document": "Politikdokument",
    "eurostat": "Eurostat (survey)",
}
DIRECTION_DA = {"at_most": "højst", "at_least": "mindst"}


def use_style() -> None:
    """Seaborn's white grid with a Danish decimal comma on every axis."""
    sns.set_theme(style="whitegrid", context="notebook", palette="colorblind")
    plt.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "axes.formatter.use_locale": False,
            "svg.hashsalt": "integration-barometer",
            "svg.fonttype": "path",
        }
    )


#: Fixed margins (a legend to the right of the axes): one draw per chart, no tight-bbox pass.
CHART_MARGINS = {"left": 0.08, "right": 0.71, "top": 0.9, "bottom": 0.12}
CHART_SIZE = (10, 4.5)


def to_png(fig: Figure) -> bytes:
    """The chart as PNG bytes, drawn once with its fixed margins (deterministic)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100)
    return buffer.getvalue()


def to_svg(fig: Figure) -> bytes:
    """The chart as SVG bytes: vector, so sharp at any print size (the reports' PDFs).

    Deterministic: no date in the metadata, element ids salted by ``svg.hashsalt``
    (:func:`use_style`), text drawn as paths (``svg.fonttype`` ``path``, matplotlib's
    default), so the chart does not depend on the fonts installed where it is viewed.
    """
    buffer = io.BytesIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def time_axis(ax, start: float, end: float) -> None:
    """The x axis from ``start`` to ``end`` (fractional years): grid lines at
    1 January, each year's label centred on its year, where that year's figure
    is drawn (figures sit at the middle of their reference period)."""
    low, high = math.floor(start), math.ceil(end)
    if high - low < 3:
        low, high = low - 1, max(high + 1, low + 3)
    ax.set_xlim(low, high)
    years = list(range(low, high))
    step = max(1, math.ceil(len(years) / 12))
    ax.xaxis.set_major_locator(FixedLocator(list(range(low, high + 1, step))))
    ax.xaxis.set_major_formatter(NullFormatter())
    ax.xaxis.set_minor_locator(FixedLocator([y + 0.5 for y in years[::step]]))
    ax.xaxis.set_minor_formatter(FuncFormatter(lambda v, _: f"{math.floor(v):d}"))
    ax.tick_params(axis="x", which="minor", length=0)


def value_axis(ax, values: list[float], unit: str) -> None:
    """The y axis around ``values`` with room to breathe, Danish tick labels,
    whole numbers for counts and ranks, and rank 1 at the top."""
    finite = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    low, high = (min(finite), max(finite)) if finite else (0.0, 1.0)
    span = high - low
    pad = max(0.15 * span, 0.05 * abs(high), 1.0 if unit in WHOLE_UNITS else 0.5)
    bottom, top = low - pad, high + pad
    if unit in {"percent", "count", "persons"} and low >= 0:
        bottom = max(bottom, 0.0)
    if unit == "rank":
        bottom = max(bottom, 0.5)
    ax.set_ylim(bottom, top)
    integer = unit in WHOLE_UNITS
    decimals = 0 if integer or top - bottom >= 20 else 1
    ax.yaxis.set_major_locator(MaxNLocator(nbins=7, integer=integer))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: format_number(v, decimals)))
    if unit == "rank":
        ax.invert_yaxis()


def goal_chart(
    observations: pd.DataFrame,
    *,
    title: str,
    unit: str,
    target_value: float | None = None,
    target_period: str | None = None,
    direction: str | None = None,
    fan: pd.DataFrame | None = None,
) -> Figure:
    """Observations by source, the projection fan and the target of one goal.

    Parameters
    ----------
    observations : DataFrame
        Rows with ``period``, ``value`` and ``source_kind``.
    title : str
        Danish chart title.
    unit : str
        Unit code of the values.
    target_value, target_period, direction : optional
        The target: a star at the deadline, a dotted level line and a
        dash-dotted deadline line.
    fan : DataFrame, optional
        The projection path with ``time``, ``mean`` and, where estimable,
        ``lower80``/``upper80`` and ``lower95``/``upper95``: drawn as a dashed
        line in two shaded bands.
    """
    use_style()
    fig = MplFigure(figsize=CHART_SIZE)  # no pyplot figure manager: nothing to close or show
    ax = fig.subplots()
    data = observations.assign(
        tid=[parse_period(p).midpoint for p in observations["period"]],
        Kilde=observations["source_kind"].map(SOURCE_KIND_DA).fillna("Anden kilde"),
    )
    times, values = list(data["tid"]), list(data["value"])
    ordered = data.sort_values("tid")
    ax.plot(ordered["tid"], ordered["value"], color="0.6", linewidth=1.2, zorder=3)
    sns.scatterplot(
        data=data, x="tid", y="value", hue="Kilde", style="Kilde", s=80, ax=ax, zorder=4
    )
    if fan is not None and len(fan):
        fan = fan.sort_values("time")
        times += list(fan["time"])
        values += list(fan["mean"])
        for level, alpha in (("95", 0.15), ("80", 0.3)):
            low, high = fan.get(f"lower{level}"), fan.get(f"upper{level}")
            if low is not None and high is not None and low.notna().all() and high.notna().all():
                ax.fill_between(
                    fan["time"],
                    low,
                    high,
                    color="tab:blue",
                    alpha=alpha,
                    linewidth=0,
                    label=f"{level} %-interval",
                )
                values += list(low) + list(high)
        ax.plot(fan["time"], fan["mean"], linestyle="--", color="tab:blue", label="Fremskrivning")
    if target_period:
        deadline = parse_period(target_period).midpoint
        times.append(deadline)
        ax.axvline(deadline, color="0.4", linestyle="-.", linewidth=1, label="Frist")
        if target_value is not None:
            values.append(target_value)
            ax.axhline(target_value, color="tab:green", linestyle=":", linewidth=1.5)
            bound = DIRECTION_DA.get(direction or "", "")
            label = f"Mål: {bound} {format_value(target_value, unit)}".replace("  ", " ")
            ax.scatter(
                [deadline],
                [target_value],
                marker="*",
                s=250,
                color="tab:green",
                zorder=5,
                label=label,
            )
    ax.set_title(title)
    ax.set_xlabel("År")
    ax.set_ylabel(axis_label_da(unit))
    time_axis(ax, min(times) - 0.25, max(times) + 0.25)
    value_axis(ax, values, unit)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize="small", frameon=False)
    fig.subplots_adjust(**CHART_MARGINS)
    return fig
