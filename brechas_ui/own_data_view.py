"""What the Mis datos page draws: the upload, what was read, the review of project classes."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core.fmt import num, pct, soles
from brechas_core.i18n import _
from brechas_core.imports import MAX_BYTES, Imported, template
from brechas_core.imports.validation import quote
from brechas_ui import own_data, state
from brechas_ui.table_files import csv_and_xlsx

_UPLOADER = "datos_archivo"
_ACTIVE = "datos_activo"
_ERROR = "datos_error"
_DROPPED = "datos_soltados"
_GO = "datos_ir_simulador"


def uploader() -> None:
    """The file input (the first on the page); reads the file once and forgets the widget."""
    n = st.session_state.get(f"{_UPLOADER}_n", 0)
    upload = st.file_uploader(
        _("Suba su archivo de presupuesto (CSV, XLSX o XLS; hasta {mb} MB)").format(
            mb=num(MAX_BYTES / 2**20)
        ),
        key=f"{_UPLOADER}_{n}",
        help=_(
            "El CSV de datos abiertos del MEF («Presupuesto y Ejecución de Gasto») filtrado a "
            "su municipalidad, una exportación de Consulta Amigable (XLSX, CSV o el .xls que "
            "guarda el portal) o la plantilla de abajo. Hasta {mb} MB."
        ).format(mb=num(MAX_BYTES / 2**20)),
    )
    if upload is None:
        return
    content = upload.getvalue()
    own, error, dropped = own_data.add_file(upload.name, content)
    st.session_state[_ERROR] = (upload.name, error) if error else None
    st.session_state[_DROPPED] = dropped
    if own is not None:
        st.session_state[_ACTIVE] = own.digest
    # A fresh, empty input: the uploaded copy is not kept twice in the session.
    st.session_state[f"{_UPLOADER}_n"] = n + 1
    st.session_state.pop(f"{_UPLOADER}_{n}", None)
    st.rerun()


def messages() -> None:
    problem = st.session_state.get(_ERROR)
    if problem:
        name, message = problem
        with st.container(key="datos_problema"):
            st.error(
                _("**No se pudo usar {file}.**").format(file=quote(name))
                + f" {message}\n\n"
                + _("Su escenario y los archivos que ya subió se conservan."),
                icon=":material/error:",
            )
    dropped = st.session_state.get(_DROPPED) or []
    if dropped:
        st.info(
            _("Una sesión guarda hasta {n} archivos: se quitó {files}, el más antiguo.").format(
                n=own_data.MAX_FILES, files=", ".join(quote(n) for n in dropped)
            ),
            icon=":material/info:",
        )


def templates() -> None:
    with st.expander(_("Plantilla para llenar sus propios datos (CSV o Excel)")):
        st.markdown(
            _(
                "Una fila por función (actividades) o por proyecto de su municipalidad. La fila "
                "de ejemplo se ignora si la deja tal cual."
            )
        )
        column, what = _("Columna"), _("Qué va")
        st.table(
            pd.DataFrame(
                [(name, _(text)) for name, text in template.HELP], columns=[column, what]
            ).set_index(column)
        )
        csv_and_xlsx(
            template.csv_bytes(),
            template.xlsx_bytes(),
            name="plantilla-brechas",
            key="datos_plantilla",
            labels=(_("Descargar plantilla CSV"), _("Descargar plantilla Excel")),
        )


def file_list() -> own_data.OwnFile | None:
    """The files in the session (choose one, remove one); returns the one shown."""
    store = own_data.files()
    if not store:
        return None
    active = st.session_state.get(_ACTIVE)
    if active not in store:
        active = next(reversed(store))
    if len(store) > 1:
        active = st.radio(
            _("Archivos en esta sesión"),
            list(store),
            index=list(store).index(active),
            format_func=lambda d: (
                f"{own_data.escape_md(store[d].name)} ({own_data.size_text(store[d])})"
            ),
            key="datos_elegido",
        )
    st.session_state[_ACTIVE] = active
    return store[active]


def _use(own: own_data.OwnFile, imported: Imported, ubigeo: str) -> None:
    own_data.use_in_simulator(own, imported, ubigeo)
    st.session_state[_GO] = True


def go_to_simulator() -> None:
    """After "usar en el simulador": open the Simulador (outside the button's callback)."""
    if st.session_state.pop(_GO, False):
        st.switch_page("pages/simulador.py")


def _remove(digest: str) -> None:
    own_data.remove_file(digest)
    st.session_state.pop(_ACTIVE, None)
    st.session_state.pop("datos_elegido", None)


def show(own: own_data.OwnFile) -> None:
    """What was read from one file, and the action that makes it the Simulador's baseline."""
    first = own.read()
    year = first.year
    if len(first.years) > 1:
        year = st.selectbox(
            _("Año"),
            first.years,
            index=first.years.index(first.year),
            key=f"datos_anio_{own.digest}",
            help=_("El archivo tiene varios años; se muestra uno a la vez."),
        )
    imported = own.read(year)
    if own_data.is_linked(own.digest):
        st.success(
            _(
                "Este es el archivo que usa su escenario (el enlace): el Simulador ya muestra "
                "sus datos."
            ),
            icon=":material/link:",
        )
        st.page_link("pages/simulador.py", label=_("Ir al Simulador"), icon=":material/tune:")
    with st.container(key="datos_leido"):
        st.markdown(
            _(
                "**{kind}** · archivo {file} · huella `{digest}` · {n} municipalidad(es), {year}"
            ).format(
                kind=imported.kind_label,
                file=quote(own.name),
                digest=own.digest,
                n=num(len(imported.totals)),
                year=imported.year,
            )
        )
        if imported.partial:
            st.warning(
                _(
                    "**{year} es un año parcial** ({note}): el devengado y la ejecución no son "
                    "los del año cerrado."
                ).format(year=imported.year, note=imported.partial_note),
                icon=":material/schedule:",
            )
        key = _choose_municipality(imported)
        mb = imported.municipality(key)
        _figures(imported, mb)
        spending = own_data.spending(own, imported, key)
        _by_function(mb)
        _by_gap(spending)
        if spending.method == "proyectos":
            _review(own, spending)
        _left_out(imported)
    _actions(own, imported, mb)


def _choose_municipality(imported: Imported) -> str:
    keys = imported.keys
    if len(keys) == 1:
        return keys[0]
    totals = imported.totals.set_index("key")
    current = state.get().territory
    index = keys.index(current) if current in keys else 0
    return st.selectbox(
        _("Municipalidad"),
        keys,
        index=index,
        format_func=lambda k: f"{totals.at[k, 'name']} ({k})",
        key=f"datos_muni_{imported.digest}_{imported.year}",
    )


def _figures(imported: Imported, mb) -> None:
    if mb.ubigeo:
        st.subheader(f"{own_data.place_name(mb.ubigeo)} · {mb.ubigeo} · {mb.year}")
    else:
        st.subheader(
            _("{name} · sin ubigeo · {year}").format(name=own_data.escape_md(mb.name), year=mb.year)
        )
    if mb.name:
        st.caption(_("Como la nombra el archivo: {name}.").format(name=quote(mb.name, 80)))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(_("PIA"), soles(mb.pia), border=True)
    c2.metric(_("PIM"), soles(mb.pim), border=True)
    c3.metric(_("Devengado"), soles(mb.devengado), border=True)
    c4.metric(_("Ejecución (avance)"), pct(mb.execution_pct, 1), border=True)
    for note in imported.notes:
        st.caption(note)


def _by_function(mb) -> None:
    st.markdown(_("**Gasto por función**"))
    if not mb.has_functions:
        st.caption(_("Su archivo no trae el gasto por función: solo los totales."))
        return
    table = mb.functions.assign(
        function=mb.functions["function_code"] + " " + mb.functions["function_name"].map(_)
    )
    st.dataframe(
        table[["function", "pim", "devengado", "share_pct"]],
        hide_index=True,
        key="datos_funciones",
        column_config={
            "function": st.column_config.TextColumn(_("Función")),
            "pim": _soles(_("PIM (S/)")),
            "devengado": _soles(_("Devengado (S/)")),
            "share_pct": _share(),
        },
    )


def _by_gap(spending) -> None:
    st.markdown(_("**Gasto por brecha**"))
    st.caption(_(spending.note))
    if spending.method == "ninguno":
        return
    table = spending.table[["label", "devengado", "share_pct"]]
    st.dataframe(
        table.assign(label=table["label"].map(_)),
        hide_index=True,
        key="datos_brechas",
        column_config={
            "label": st.column_config.TextColumn(_("Brecha")),
            "devengado": _soles(_("Devengado (S/)")),
            "share_pct": _share(),
        },
    )


def _review(own: own_data.OwnFile, spending) -> None:
    """Projects and their class; the user can change any class (the shares follow)."""
    labels = own_data.gap_labels()
    p = spending.projects
    st.markdown(_("**Sus proyectos ({n}): revise la clase de cada uno**").format(n=num(len(p))))
    st.caption(
        _(
            "La clase sale de reglas sobre el nombre del proyecto (vea la razón). Si una no es "
            "correcta, cámbiela en la columna «Clase»: el gasto por brecha se recalcula."
        )
    )
    view = pd.DataFrame(
        {
            "cui": p["cui"],
            "project": p["project"],
            "devengado": p["devengado"],
            "clase": p["gap_id"],
            "reason": p["reason"].map(_),
        }
    )
    edited = st.data_editor(
        view,
        hide_index=True,
        disabled=["cui", "project", "devengado", "reason"],
        key=f"datos_clases_{own.digest}",
        column_config={
            "cui": st.column_config.TextColumn("CUI"),
            "project": st.column_config.TextColumn(_("Proyecto"), width="large"),
            "devengado": _soles(_("Devengado (S/)")),
            "clase": st.column_config.SelectboxColumn(
                _("Clase"),
                options=list(labels),
                format_func=lambda g: labels.get(g, g),
                required=True,
            ),
            "reason": st.column_config.TextColumn(_("Razón"), width="large"),
        },
    )
    _apply_review(own, p, edited)


def _apply_review(own: own_data.OwnFile, projects: pd.DataFrame, edited: pd.DataFrame) -> None:
    chosen = own_data.classes_for(own.digest)
    changed = False
    for cui, gap, before in zip(edited["cui"], edited["clase"], projects["gap_id"], strict=True):
        if gap != before and chosen.get(cui) != gap:
            chosen[cui] = gap
            changed = True
    if changed:
        scenario = state.get()
        if scenario.own_file and scenario.own_file.split(":")[0] == own.digest:
            state.put(scenario.with_(project_classes=dict(chosen)))
        st.rerun()


def _left_out(imported: Imported) -> None:
    if not imported.left_out:
        return
    st.markdown(_("**Lo que no se usó, y por qué**"))
    st.dataframe(
        pd.DataFrame(
            {
                "reason": [lo.reason for lo in imported.left_out],
                "rows": [lo.rows for lo in imported.left_out],
                "pim": [lo.pim for lo in imported.left_out],
                "devengado": [lo.devengado for lo in imported.left_out],
            }
        ),
        hide_index=True,
        key="datos_fuera",
        column_config={
            "reason": st.column_config.TextColumn(_("Motivo"), width="large"),
            "rows": st.column_config.NumberColumn(_("Filas"), format="%d"),
            "pim": _soles(_("PIM (S/)")),
            "devengado": _soles(_("Devengado (S/)")),
        },
    )


def _actions(own: own_data.OwnFile, imported: Imported, mb) -> None:
    c1, c2 = st.columns([2, 1])
    with c1:
        if mb.ubigeo:
            st.button(
                _("Usar en el simulador"),
                type="primary",
                icon=":material/tune:",
                key="datos_usar",
                help=_(
                    "El Simulador toma estas cifras como línea base de este distrito, "
                    "rotuladas «sus datos» en lugar de «estimación»."
                ),
                on_click=_use,
                args=(own, imported, mb.ubigeo),
            )
        else:
            st.info(
                _(
                    "El archivo no dice el ubigeo de esta municipalidad y no se pudo reconocer "
                    "por su nombre: use la plantilla (columna ubigeo) para llevarla al Simulador."
                ),
                icon=":material/info:",
            )
    with c2:
        st.button(
            _("Quitar este archivo"),
            icon=":material/delete:",
            key="datos_quitar",
            on_click=_remove,
            args=(own.digest,),
        )


def _soles(header: str):
    """A column of soles, with thousands separators."""
    return st.column_config.NumberColumn(header, format="accounting")


def _share():
    """A column of shares of the devengado, in %."""
    return st.column_config.NumberColumn(_("% del devengado"), format="%.2f")
