"""Rendering helpers shared by pages: charts, tables and the reported-vs-recomputed panel."""

from __future__ import annotations

import contextlib
from collections.abc import Callable

import pandas as pd
import pyarrow as pa
import streamlit as st
from streamlit import dataframe_util

from brechas_core import charts, i18n
from brechas_core.fmt import num, pct, pp, soles, years_to_close
from brechas_core.i18n import _
from brechas_core.memo import Memo
from brechas_ui import a11y

#: Chart text a room can read from a projector. Streamlit's chart theme fixes its own small
#: sizes (and wins over a spec's config), so charts are drawn with this config instead, in
#: the app's font and colours.
READABLE = {
    "font": '"Source Sans", "Source Sans Pro", sans-serif',
    "view": {"stroke": None},
    "axis": {
        "labelFontSize": 14,
        "titleFontSize": 15,
        "titleFontWeight": "normal",
        "labelColor": "#31333F",
        "titleColor": "#31333F",
        "gridColor": "#E6EAF1",
        "domainColor": "#B9BFCB",
        "tickColor": "#B9BFCB",
    },
    "legend": {"labelFontSize": 14, "titleFontSize": 14, "labelColor": "#31333F"},
    "header": {"labelFontSize": 15, "titleFontSize": 15, "labelColor": "#31333F"},
}


def chart(spec: charts.Chart, *, key: str) -> None:
    """Draw an Altair chart full width, with Streamlit's theme."""
    described = spec.properties(config=READABLE, description=a11y.chart_description(key))
    st.altair_chart(described, width="stretch", key=key, theme=None)


@st.cache_resource(show_spinner=False, max_entries=32)
def _static_spec(name: str, lang: str, _build) -> dict:
    del lang  # part of the cache key: the chart's titles are in the run's language
    spec = _build().to_dict()
    spec["config"] = READABLE  # replaces Altair's default view size; Streamlit sizes charts
    # Serialise the datasets to Arrow once: Streamlit sends bytes as they are, where it
    # would otherwise rebuild a DataFrame from the records on every rerun.
    spec["datasets"] = arrow_datasets(
        {name: pa.Table.from_pylist(rows) for name, rows in spec.get("datasets", {}).items()}
    )
    return spec


def arrow_datasets(datasets: dict) -> dict[str, bytes]:
    """A chart's datasets as Arrow IPC bytes, which Streamlit sends as they are: kept with
    a result (``Simulation.derived``), a rerun that shows it again does not serialise them
    again (issue 12, scale)."""
    return {
        name: dataframe_util.convert_anything_to_arrow_bytes(table)
        for name, table in datasets.items()
    }


def static_chart(name: str, build, *, key: str) -> None:
    """A chart whose data never change in a process (the study's tables): ``build()`` runs
    and Altair validates once; every rerun reuses the dict. ``name`` identifies it."""
    spec = {
        **_static_spec(name, i18n.language(), build),
        "description": a11y.chart_description(key),
    }
    st.vega_lite_chart(spec=spec, width="stretch", key=key, theme=None)


_TEMPLATES: Memo[dict] = Memo(64)


def _template(name: str, args: tuple, builder: Callable[..., charts.Chart]) -> dict:
    """``builder(*args)`` as a validated Vega-Lite dict, built once per ``(name, args)`` and
    language (its titles and legends are in the run's language).

    ``name`` is the builder's qualified name (the key: the function itself is not hashed).
    Altair validates the spec here (once per shape), not on every rerun. Shared read-only:
    callers add their datasets in a new top-level dict and never mutate it. A
    :class:`~brechas_core.memo.Memo`, not ``st.cache_resource``: a rerun asks for several.
    """

    def build() -> dict:
        spec = builder(*args).to_dict()
        spec["config"] = READABLE  # replaces Altair's default view size; Streamlit sizes charts
        return spec

    return _TEMPLATES.get((name, args, i18n.language()), build)


def live_chart(
    builder: Callable[..., charts.Chart],
    args: tuple,
    datasets: dict,
    *,
    key: str,
    keyed: bool = True,
) -> None:
    """Draw a chart that redraws on every rerun: cached template + this run's datasets.

    ``builder`` is a ``*_template`` function of a chart module (e.g.
    ``charts.shares_template``); ``builder(*args)`` reads the named ``datasets``. In a
    container keyed ``grafico_<key>`` unless ``keyed`` is false (a place the caller keyed
    already: one message less on each move, issue 12).
    """
    name = f"{builder.__module__}.{builder.__qualname__}"
    spec = {
        **_template(name, args, builder),
        "datasets": datasets,
        "description": a11y.chart_description(key),  # the text alternative (brechas_ui.a11y)
    }
    # A keyed container, so that tests (and CSS) can find the chart: Streamlit gives a
    # keyed container the class st-key-<key>, but not a keyed chart.
    with st.container(key=f"grafico_{key}") if keyed else contextlib.nullcontext():
        st.vega_lite_chart(spec=spec, width="stretch", key=key, theme=None)


_SHARE_TABLES: Memo[pa.Table] = Memo(16)


def share_table(frame: pd.DataFrame, item_title: str) -> None:
    """The exact values behind a chart, sorted by gap.

    Sorted and converted to Arrow once per frame (a study table drawn on every rerun of
    the Diagnóstico).
    """

    def build() -> pa.Table:
        columns = ["label", "gap_pct", "attention_pct"]
        table = frame.sort_values("gap_pct", ascending=False)[columns]
        return pa.Table.from_pandas(table, preserve_index=False)

    st.dataframe(
        _SHARE_TABLES.get_for((frame,), "ordenada", build),
        hide_index=True,
        width="stretch",
        column_config={
            "label": st.column_config.TextColumn(item_title),
            "gap_pct": st.column_config.NumberColumn(_("Brecha (%)"), format="%.2f"),
            "attention_pct": st.column_config.NumberColumn(
                _("Participación en el presupuesto (%)"), format="%.2f"
            ),
        },
    )


# Material icons, not emoji: they render without an emoji font (projectors, kiosks).
MATCH = ":green[:material/check_circle:]"
MISMATCH = ":orange[:material/warning:]"


def comparison(table: pd.DataFrame) -> None:
    """The study's figures beside the recomputed ones, with the reason for each difference.

    One Markdown table: a grid of bordered containers cost several ms per rerun.
    """
    rows = [
        [
            f"**{r.cifra}**",
            r.reportado,
            f"{r.recalculado} {MATCH if r.coincide else MISMATCH}",
            r.explicacion,
        ]
        for r in table.itertuples(index=False)
    ]
    with st.container(key="reportado_recalculado"):
        st.markdown(
            _markdown_table(
                [_("Cifra"), _("Reportado"), _("Recalculado"), _("Por qué")], rows, "lrrl"
            )
        )
        st.caption(
            _(
                "{match} coincide con lo que dan las tablas del estudio · {mismatch} no coincide."
            ).format(match=MATCH, mismatch=MISMATCH)
        )


def _markdown_table(header: list[str], rows: list[list[str]], align: str) -> str:
    """A small table as Markdown: cheaper per rerun than st.dataframe (no Arrow)."""
    marks = {"l": ":---", "r": "---:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
        # a "|" inside a cell (as in |t| < 2.306) would end the cell: escape it
        *("| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows),
    ]
    return "\n".join(lines)


MOVES_KEY = "sim_movimientos"


def moves_table(sim) -> None:
    """Who gives and who receives, in points of the budget and in soles per year.

    An expander whose contents are drawn only while it is open (``on_change="rerun"``).
    The Simulador draws it on full runs, not in its fragment: while it is open, a move
    reruns the page (frame.live's ``redraw_when``), so a slider move pays for neither the
    expander nor the table unless someone reads it (issue 12, scale).
    """
    table = st.expander(
        _("De dónde a dónde se mueve el dinero"),
        icon=":material/swap_vert:",
        key=MOVES_KEY,
        on_change="rerun",
    )
    if not table.open:
        return
    if not _moves_anything(sim):
        table.caption(_("La regla no mueve dinero con estos valores."))
        return
    table.markdown(
        _markdown_table(
            [_("Rubro"), _("Línea base"), _("Escenario"), _("Cambio"), _("Soles al año")],
            _moves(sim),
            "lrrrr",
        )
    )


def _resto_moves(sim) -> bool:
    return sim.view == "prioritarias" and sim.top_up_pct > 1e-9


def _moves_anything(sim) -> bool:
    return _resto_moves(sim) or any(abs(m) > 1e-9 for m in sim.items["moved_pct"].tolist())


def _moves(sim) -> list[list[str]]:
    """The table's rows, the largest gain first: each item that moves, and the rest of the
    budget when the priority gaps' increase comes from it."""
    items = sim.items
    # plain lists, not DataFrame.itertuples
    columns = [
        items[c].tolist()
        for c in ("label", "baseline_pct", "scenario_pct", "moved_pct", "moved_soles")
    ]
    rows = [
        (moved, [_(label), pct(base), pct(scen), pp(moved), soles(money)])
        for label, base, scen, moved, money in zip(*columns, strict=True)
        if abs(moved) > 1e-9
    ]
    if _resto_moves(sim):
        moved = sim.resto_after - sim.resto_before
        rows.append(
            (
                moved,
                [
                    _("Resto del presupuesto"),
                    pct(sim.resto_before),
                    pct(sim.resto_after),
                    pp(moved),
                    soles(-sim.top_up_soles),
                ],
            )
        )
    rows.sort(key=lambda r: -r[0])
    return [r for _moved, r in rows]


def years_table(years: pd.DataFrame) -> None:
    """People covered per year and years to close each gap (central cost), base → escenario."""
    rows = [
        [
            _(r.label),
            num(r.people_in_need),
            f"{num(r.covered_per_year_base)} → {num(r.covered_per_year_scenario)}",
            f"{years_to_close(r.years_base)} → {years_to_close(r.years_scenario)}",
        ]
        for r in years.itertuples(index=False)
    ]
    st.markdown(
        _markdown_table(
            [
                _("Brecha"),
                _("Personas sin el servicio hoy"),
                _("Nuevas personas por año"),
                _("Años para cerrar la brecha"),
            ],
            rows,
            "lrrr",
        )
    )
    st.caption(_("Línea base → escenario, con el costo unitario central."))


def alignment_scatter(sim, *, key: str) -> None:
    """Gap vs share for baseline and scenario, each with its least-squares line."""
    live_chart(charts.scatter_template, (), charts.alignment_data(sim), key=key)
