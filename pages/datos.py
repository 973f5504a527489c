"""Mis datos: a planner brings her municipality's budget file and uses it in the Simulador."""

import streamlit as st

from brechas_core.i18n import _
from brechas_ui import frame
from brechas_ui import own_data_view as view

frame.require()
view.go_to_simulator()

st.title(_("Mis datos: el presupuesto real de su municipalidad"))
st.markdown(
    _(
        "Suba el archivo que ya usa: el CSV de **datos abiertos del MEF** («Presupuesto y "
        "Ejecución de Gasto», filtrado a su municipalidad), una exportación de **Consulta "
        "Amigable** (XLSX, CSV o el .xls que guarda el portal) o la **plantilla** de esta "
        "página. Verá lo que se leyó y podrá usarlo en el Simulador como línea base («sus "
        "datos» en lugar de la estimación)."
    )
)
view.uploader()
st.caption(
    _(
        "Sus archivos viven solo en esta sesión: no se guardan en el servidor ni en el enlace. "
        "El enlace recuerda la huella del archivo; quien lo abra deberá subir el mismo archivo."
    )
)
view.messages()
own = view.file_list()
if own is not None:
    view.show(own)
view.templates()
