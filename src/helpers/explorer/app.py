"""The explorer's widgets (notebook ``explore`` in JupyterLab) and its read-only page.

:class:`App` wires ipywidgets to :func:`helpers.explorer.state.build_state` and the
views of :mod:`helpers.explorer.views`, and nothing else.

Command line (serve the explorer read-only on localhost with Voilà)::

    python -m helpers.explorer.app [--port 8866]
"""

from __future__ import annotations

import argparse
import html
import itertools
import os
import sys

from helpers.core.paths import Workspace
from helpers.core.periods import HalfYear
from helpers.evaluation import trends
from helpers.explorer.state import (
    AUTO,
    DEFAULT,
    HALF_YEARS,
    LEVELS,
    SOURCES_DA,
    ExplorerData,
    Selection,
    State,
    build_state,
)
from helpers.explorer.views import chart, chart_html, tables_html, verdict_html

NOTEBOOK = "explore.ipynb"
#: Cells with this tag show the stored default view; the served page leaves them out.
STATIC_TAG = "hide-in-app"
DEFAULT_PORT = 8866


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
            "Model", models + [(trends.MODEL_LABELS_DA[m], m) for m in trends.SELECTABLE]
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
        prog="python -m helpers.explorer.app", description="Serve the explorer read-only (Voilà)."
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT)
    args = parser.parse_args(argv)
    command = voila_command(Workspace.default(), args.port)
    print(f"Udforskeren: http://127.0.0.1:{args.port}/  (stop med Ctrl+C)", flush=True)
    os.execv(command[0], command)
    return 0  # pragma: no cover


if __name__ == "__main__":
    raise SystemExit(main())
