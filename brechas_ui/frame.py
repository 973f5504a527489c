"""Make sure every page runs inside the frame (app.py), even on a server's first request.

Streamlit still treats an app with a ``pages/`` folder as a legacy multipage app until the
entrypoint has called ``st.navigation`` once in the process. So the very first request of a
fresh server, if it opens a page link directly (``/simulador?minimo=40``, the normal case for
a shared link), would run ``pages/simulador.py`` alone: no page config, no scenario from the
link, no navigation. Each page calls :func:`require` first; in that one situation it switches
Streamlit to ``st.navigation`` mode and reruns, which runs ``app.py`` for the same page.
"""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_log = logging.getLogger(__name__)


def require() -> None:
    """Rerun through app.py if this page was started without it (legacy pages/ mode)."""
    if PagesManager.uses_pages_directory:
        PagesManager.uses_pages_directory = False
        st.rerun()


def run_safely(page) -> None:
    """Run a page; if it fails, say so in Spanish and keep the scenario (never a traceback).

    Streamlit's own control flow (st.rerun, st.stop) uses BaseException and passes through.
    """
    try:
        page.run()
    except Exception:
        _log.exception("page %s failed", getattr(page, "url_path", "?"))
        st.error(
            "**No se pudo mostrar esta página con los valores actuales.** Su escenario se "
            "conserva (también en el enlace). Cambie el último valor que movió o vuelva a la "
            "línea base.",
            icon=":material/error:",
        )
        st.button("Volver a la línea base", key="reiniciar_error", on_click=_reset)


def _reset() -> None:
    from brechas_ui import state

    state.reset()
