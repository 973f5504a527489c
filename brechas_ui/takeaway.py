"""«Descargar»: one button that opens the downloads of the scenario (or a comparison) as
XLSX, PDF, CSV and the charts as PNG/SVG. The buttons are drawn only while it is open
(issue 12: a slider move redraws one element, not four; on a phone the headline and the
tabs are no longer three rows of buttons further down), and files are built only when a
button is pressed (``data`` is a callable that Streamlit runs on the click)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

import streamlit as st

from brechas_core.export import csv_bytes, file_name
from brechas_core.export.frames import Entry, shares_frame
from brechas_core.export.images import CHART_TITLES, chart_names, figure, render, scenario_chart
from brechas_core.i18n import _, language, using
from brechas_core.measures import export_frame

# The writers (openpyxl, fpdf2, vl-convert) are imported when a file is built, not when a
# page runs: they add more than a second to a process's first run.

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: The «Descargar» popover's key (the Simulador's): open while this is true in the state.
KEY = "llevar"


def _once(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """Streamlit may call a download's callable more than once; build the bytes once, in the
    language of the run that drew the button (the call may come after the run, from another
    thread, where the run's language is not set)."""
    cache: list[bytes] = []
    lang = language()

    def get() -> bytes:
        if not cache:
            with using(lang):
                cache.append(build())
        return cache[0]

    return get


def downloads(
    entries: Sequence[Entry],
    *,
    link: str,
    data_version: str,
    figures: Callable[[], list] | None = None,
    what: str = "escenario",
    key: str = KEY,
) -> None:
    """The download buttons for one scenario (``entries`` of one) or a comparison."""
    today = date.today()
    first = entries[0].scenario
    figures = figures or (lambda: _scenario_figures(entries[0]))
    # A download does not rerun the page (on_click="ignore"): a click right after the
    # popover opened cannot interrupt the run that drew it.
    with st.popover(
        _("Descargar"), icon=":material/download:", key=key, on_change="rerun"
    ) as popover:
        if not popover.open:
            return
        st.download_button(
            _("Planilla (XLSX)"),
            _once(lambda: _workbook(entries, link=link, data_version=data_version, today=today)),
            file_name=file_name(first, what, "xlsx", place=entries[0].place),
            mime=XLSX,
            key=f"{key}_xlsx",
            icon=":material/table_view:",
            on_click="ignore",
            width="stretch",
        )
        st.download_button(
            _("Ficha de una página (PDF)"),
            _once(
                lambda: _ficha(
                    entries, figures(), link=link, data_version=data_version, today=today
                )
            ),
            file_name=file_name(first, what, "pdf", place=entries[0].place),
            mime="application/pdf",
            key=f"{key}_pdf",
            icon=":material/picture_as_pdf:",
            on_click="ignore",
            width="stretch",
        )
        st.download_button(
            _("Tabla (CSV)"),
            _once(
                lambda: csv_bytes(export_frame(shares_frame(entries), horizon=first.horizon_years))
            ),
            file_name=file_name(first, what, "csv", place=entries[0].place),
            mime="text/csv",
            key=f"{key}_csv",
            icon=":material/csv:",
            on_click="ignore",
            width="stretch",
        )
        if len(entries) == 1:
            _chart_buttons(entries[0], key)


def _workbook(*args, **kwargs) -> bytes:
    from brechas_core.export.workbook import workbook

    return workbook(*args, **kwargs)


def _ficha(*args, **kwargs) -> bytes:
    from brechas_core.export.ficha import ficha

    return ficha(*args, **kwargs)


def _scenario_figures(entry: Entry) -> list:
    names = [n for n in chart_names(entry.sim) if n in ("participaciones", "proyeccion")]
    return [figure(scenario_chart(entry.sim, n)) for n in names]


def _chart_buttons(entry: Entry, key: str) -> None:
    """The charts as PNG and SVG, two buttons a row (inside «Descargar», drawn only while it
    is open)."""
    st.markdown(
        "**"
        + _("Gráficos (PNG, SVG)")
        + "**. "
        + _("Cada gráfico lleva como título el escenario: {scenario}.").format(scenario=entry.label)
    )
    for name in chart_names(entry.sim):
        title = _(CHART_TITLES[name])
        cols = st.columns(2)
        for col, fmt in zip(cols, ("png", "svg"), strict=True):
            with col:
                st.download_button(
                    f"{title.split(' (')[0].split(':')[0]} ({fmt.upper()})",
                    _once(lambda n=name, f=fmt: _chart_file(entry, n, f)),
                    file_name=file_name(entry.scenario, f"grafico-{name}", fmt, place=entry.place),
                    mime="image/png" if fmt == "png" else "image/svg+xml",
                    key=f"{key}_{name}_{fmt}",
                    on_click="ignore",
                )


def _chart_file(entry: Entry, name: str, fmt: str) -> bytes:
    chart = scenario_chart(entry.sim, name)
    return render(chart.spec, fmt, title=chart.title, subtitle=entry.label)


def simulator_downloads(scenario, sim, place) -> None:
    """The Simulador's downloads for the scenario on screen."""
    from brechas_ui import cache, share

    name = _("Estudio: 13 distritos de Puno") if place.is_study else place.name
    downloads(
        [Entry(_("Escenario"), scenario, sim, name)],
        link=share.page_link("simulador"),
        data_version=cache.meta().data_version,
    )
