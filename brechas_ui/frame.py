"""Make sure every page runs inside the frame (app.py), even on a server's first requests.

Streamlit 1.67 still treats an app with a ``pages/`` folder as a legacy multipage app until
the entrypoint has called ``st.navigation`` once in the process: the class attribute
``PagesManager.uses_pages_directory`` (private API, streamlit/runtime/pages_manager.py) starts
``True`` and only ``st.navigation`` sets it to ``False``. Every script run that *starts* while
it is ``True`` runs in legacy mode: a page link (``/simulador?minimo=40``, the normal case for
a shared link) runs ``pages/simulador.py`` alone, with no page config, no scenario from the
link and no navigation. On a fresh server a whole room opening one link at once starts many
such runs before any of them reaches ``st.navigation``.

So each run decides for itself: app.py marks the page it runs (:func:`run_safely`, a flag
local to the script thread, which is the session's), and a page that finds no mark
(:func:`require`) switches Streamlit out of legacy mode and reruns, which runs app.py for
the same page. Deciding from the class attribute instead (as before) let only the first
session through: the others started in legacy mode but found the attribute already switched.
tests/e2e/test_room.py opens eight tabs at the same instant on a fresh server.
"""

from __future__ import annotations

import logging
import threading

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

_log = logging.getLogger(__name__)
# One script thread per session, one run at a time in it: this says "app.py is running me".
_run = threading.local()


def require() -> None:
    """Rerun through app.py if this page was started without it (legacy pages/ mode)."""
    if not getattr(_run, "in_frame", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


def run_safely(page) -> None:
    """Run a page; if it fails, say so in Spanish and keep the scenario (never a traceback).

    Streamlit's own control flow (st.rerun, st.stop) uses BaseException and passes through.
    """
    _run.in_frame = True
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
    finally:
        _run.in_frame = False


def _reset() -> None:
    from brechas_ui import state

    state.reset()
