"""The workshop page: create a workshop, take part from a phone, and the facilitator's board.

One page, three views chosen by the link:

* ``/taller``: join with a code, or create a workshop (brechas_ui.taller_create);
* ``/taller?codigo=ABC234``: a participant's view (name, the allowed controls, submit;
  brechas_ui.taller_participant);
* ``/taller?codigo=ABC234&clave=…``: the facilitator's board (``&proyector=1``: large type;
  brechas_ui.taller_board).

Everything persistent goes through ``brechas_store.workshops`` (which enforces the limits);
every figure comes from ``brechas_core.simulation.simulate``. Text typed by people (names,
districts, titles, questions) is shown as plain text only (brechas_ui.taller_common.plain).
"""

from __future__ import annotations

import streamlit as st

from brechas_core.i18n import _
from brechas_ui import db, taller_board
from brechas_ui.taller_common import CODE, PROJECTOR, TOKEN
from brechas_ui.taller_create import start
from brechas_ui.taller_participant import participant

#: The export as bytes (tests/app/test_taller.py reads it through this name).
_xlsx = taller_board.xlsx


def page() -> None:
    # Phones: the navigation lives in the sidebar there, and an open sidebar would cover the
    # page a participant opens from the QR code. Nothing of this page is in the sidebar.
    st.set_page_config(initial_sidebar_state="collapsed")
    params = st.query_params
    code, token = params.get(CODE), params.get(TOKEN)
    try:
        store = db.store()
    except Exception:
        st.error(
            _(
                "**No se pudo abrir la base de datos de talleres.** Revise `BRECHAS_DB_URL` (o "
                "`BRECHAS_DB_PATH`) en la configuración del servidor; el resto de la aplicación "
                "funciona sin ella."
            ),
            icon=":material/database:",
        )
        return
    if code and token:
        taller_board.facilitator(store, code, token, projector=params.get(PROJECTOR) == "1")
    elif code:
        participant(store, code)
    else:
        start(store)
