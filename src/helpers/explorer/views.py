"""What the explorer shows for one :class:`helpers.explorer.state.State`, in Danish.

* :func:`chart` - the figures, the projection fan at the chosen level and the target;
* :func:`verdict_html` - the verdict, its reason, the probability and the model;
* :func:`models_table` - every model's projection, interval and chance;
* :func:`backtest_table` - the rolling-origin backtest that picks the automatic model;
* :func:`figures_table` / :func:`figures_html` - the figures behind the chart with
  their source quotes, and the goal's own wording.

Danish number formats throughout; text from the data is HTML-escaped (and ``$``
escaped in chart titles, where matplotlib would read mathtext).
"""

from __future__ import annotations

import base64
import html
import math
from typing import TYPE_CHECKING

import pandas as pd

from helpers.core import charts
from helpers.core.danish import format_number, format_probability, format_value
from helpers.core.periods import period_da
from helpers.evaluation import backtests, rules, trends, views
from helpers.explorer.state import AUTO, BADGE_STYLE, SOURCES_DA, State, series_fan

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from helpers.evaluation.trends import TrendResult


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
        lines.append(f"Vurdering: {rules.VERDICT_DA[verdict]}")
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
    label = rules.VERDICT_DA[verdict] if verdict else "ingen vurdering"
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
    return charts.goal_chart(
        rows, title=title, unit=unit, target_value=target, target_period=target_period,
        direction=direction, fan=fan,
    )  # fmt: skip


def _empty_chart(title: str, message: str) -> Figure:
    import matplotlib.pyplot as plt

    charts.use_style()
    fig, ax = plt.subplots()
    ax.set_axis_off()
    ax.set_title(title)
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes)
    plt.close(fig)
    return fig


def chart_html(state: State) -> str:
    """The chart as an ``<img>`` with a data URI and a Danish alt text."""
    data = base64.b64encode(charts.to_png(chart(state))).decode("ascii")
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
                "Status": views.STATUS_DA[result.status],
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
    frame = views.backtest_frame(state.view.obs)
    chosen = trends.MODEL_LABELS_DA[state.view.choice.model]
    return frame.assign(Valgt=["ja" if m == chosen else "" for m in frame["Model"]])


def backtest_note(state: State) -> str:
    """One Danish sentence on the backtest."""
    n = state.view.obs.n
    if n < backtests.MIN_BACKTEST_OBS:
        return (
            f"Ingen backtest: serien har {n} tal pr. {state.half_year.label_da()}, og en "
            f"backtest kræver mindst {backtests.MIN_BACKTEST_OBS}. Automatisk valg: "
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
    kinds = [charts.SOURCE_KIND_DA.get(k, "Anden kilde") for k in rows["source_kind"]]
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
