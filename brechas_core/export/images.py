"""Charts as image files, rendered from the same Altair specs the app draws.

vl-convert renders Vega-Lite to SVG/PNG in-process (Rust + a bundled JavaScript engine, no
browser and no network), so a chart in a file or in the PDF is the chart on screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from brechas_core import charts
from brechas_core.i18n import N_, _
from brechas_core.simulation import Simulation

__all__ = ["EXPORT_CONFIG", "ChartFile", "chart_files", "render", "scenario_charts"]

#: Chart text for files and paper: the app's colours, a font every renderer has.
EXPORT_CONFIG = {
    "font": "Liberation Sans, Arial, Helvetica, sans-serif",
    "view": {"stroke": None},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "titleFontWeight": "normal"},
    "legend": {"labelFontSize": 12, "labelLimit": 400},
    "header": {"labelFontSize": 12},
    "title": {"fontSize": 14, "anchor": "start", "subtitleFontSize": 11},
    "background": "white",
}


def render(
    spec: dict, fmt: str, *, title: str | None = None, subtitle: str | None = None, scale=2
) -> bytes:
    """A Vega-Lite spec (dict) as ``png`` or ``svg`` bytes, with a title.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"label": ["A"], "gap_pct": [60.0], "baseline_pct": [1.0],
    ...                    "scenario_pct": [9.0]})
    >>> svg = render(charts.shares_comparison(df).to_dict(), "svg", title="Escenario A")
    >>> svg.startswith(b"<svg") and b"Escenario A" in svg
    True
    """
    import vl_convert as vlc  # imported on first use: a large native module

    spec = {**spec, "config": EXPORT_CONFIG}
    if title:
        spec["title"] = {"text": title, **({"subtitle": subtitle} if subtitle else {})}
    if fmt == "svg":
        return vlc.vegalite_to_svg(spec).encode("utf-8")
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=scale)
    raise ValueError(f"Formato de imagen desconocido: {fmt!r}")


@dataclass(frozen=True)
class ChartFile:
    """One chart of a scenario, ready to render: its name for files and its spec."""

    name: str
    title: str
    spec: dict


#: The Simulador's charts that a scenario exports: file name and title.
CHART_TITLES = {
    "participaciones": N_("Participación en el presupuesto: línea base y escenario"),
    "proyeccion": N_("Cobertura proyectada (brecha en %, costo unitario bajo-alto)"),
    "alineacion": N_("Brecha y participación, con la recta de mínimos cuadrados"),
}


def chart_names(sim: Simulation) -> list[str]:
    """The charts a scenario has (the projection only in the priority view)."""
    return [n for n in CHART_TITLES if n != "proyeccion" or sim.projection is not None]


def scenario_chart(sim: Simulation, name: str) -> ChartFile:
    """One of the Simulador's charts for a scenario, as a Vega-Lite dict with its data, titled
    in the run's language."""
    if name == "participaciones":
        item = "Brecha" if sim.view == "prioritarias" else "Función"
        spec = charts.shares_comparison(sim.items, item_title=item)
    elif name == "proyeccion":
        spec = charts.projection_chart(sim.projection)
    elif name == "alineacion":
        spec = charts.with_data(charts.scatter_template(), charts.alignment_data(sim))
    else:
        raise ValueError(f"Gráfico desconocido: {name!r}")
    return ChartFile(name, _(CHART_TITLES[name]), spec.to_dict())


def scenario_charts(sim: Simulation) -> list[ChartFile]:
    """Every chart of a scenario."""
    return [scenario_chart(sim, n) for n in chart_names(sim)]


def chart_files(sim: Simulation, label: str, fmt: str) -> dict[str, bytes]:
    """Every chart of a scenario as image bytes, each titled with the scenario's ``label``."""
    return {
        c.name: render(c.spec, fmt, title=c.title, subtitle=label) for c in scenario_charts(sim)
    }


def _png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")


def compact(chart: ChartFile) -> dict:
    """A chart's spec sized for half an A4 page (the app sizes charts to the screen)."""
    spec = dict(chart.spec)
    if "spec" in spec:  # a faceted chart: size each panel
        spec["spec"] = {**spec["spec"], "width": 160, "height": 95}
    else:
        n = max(len(next(iter(spec.get("datasets", {}).values()), [])) // 2, 1)
        spec["width"] = 260
        spec["height"] = min(22 * n + 30, 330)
    return spec


def figure(chart: ChartFile, subtitle: str | None = None):
    """A chart as a :class:`~brechas_core.export.ficha.Figure` for the PDF."""
    from brechas_core.export.ficha import Figure

    png = render(compact(chart), "png", title=chart.title, subtitle=subtitle, scale=3)
    w, h = _png_size(png)
    return Figure(chart.title, png, w, h)
