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

No public API replaces this in Streamlit 1.67 (checked for issue 10 item 8): only
``st.navigation`` clears the flag, and the legacy mode comes from the ``pages/`` folder the
project keeps. A deployed process warmed by ``scripts/warm.py`` has called ``st.navigation``
before any visitor arrives, so there no visitor's first run is run twice; without the
warm-up this path does the work (and the test above covers it).

:func:`live` runs a page's controls and results as one fragment (issue 12).
"""

from __future__ import annotations

import logging
import threading
import time
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager
from streamlit.runtime.scriptrunner import get_script_run_ctx

from brechas_core import data, manifest
from brechas_core.data import DataFileError
from brechas_core.i18n import _
from brechas_ui import guard

_log = logging.getLogger(__name__)
# The page icon (a balance, in the theme's red), served by the app itself: works offline.
FAVICON = str(Path(__file__).resolve().parent / "assets" / "favicon.png")
guard.install()  # per-session limits on websocket messages, once per process
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
    _run.shared = False
    started = time.monotonic()
    try:
        safely(page.run, what=getattr(page, "url_path", "?"))
    finally:
        _run.in_frame = False
        ctx = get_script_run_ctx()
        if ctx is not None:
            guard.record_run(ctx.session_id, started)


# -- live: a page's controls and results as one fragment (issue 12, scale) -----------------
# A slider move then reruns only the fragment: not app.py (navigation, styles, the scenario
# from the link, the territory selector) nor the page's header. What the frame does after
# the controls moved is done here instead: the link follows the scenario, «Compartir» and
# the printed header show the new link and rule (drawn inside the fragment), and a change
# that reaches outside it (another view, territory, year or file, a new notice) reruns the
# whole page.
_OUTSIDE = "frame_live_outside"


def _outside() -> tuple:
    """What the frame and a page's header read: the scenario's place, view and file, the
    link notices and the interface's language."""
    from brechas_ui import lang, state

    s = state.get()
    notices = len(st.session_state.get(state.NOTICES) or ())
    return (s.territory, s.year, s.view, s.own_file, s.project_classes, notices, lang.current())


def live(body, *, path: str, layout, redraw_when: tuple[str, ...] = ()) -> None:
    """Run ``body`` (a page's controls and everything they change) as a fragment.

    ``body(places)`` draws its first elements (the controls) at the top of the page, in the
    fragment's own place, and the rest into the places ``layout()`` draws, on full runs
    only, below them: what no control changes (a tab bar, an expander's header) is not
    re-sent on a move. ``body`` draws the lines only paper shows
    (:func:`brechas_ui.share.print_text`) in one of its elements.

    On a full run of the page it runs as part of it. When a control drawn in it moves,
    Streamlit reruns only ``body``; if the scenario changed what lies outside (see
    :func:`_outside`), the whole page reruns instead. ``body`` runs in the safety net (a
    failure is told at the top, where the controls are). «Compartir» for ``path`` is drawn
    here too, on full runs (app.py then leaves it out).

    ``redraw_when`` names session-state keys that are true while something ``layout`` drew
    from the scenario is on screen (a popover opened with ``on_change="rerun"`` whose
    contents it draws, say; «Compartir» is one): then a move reruns the whole page, so what
    is shown is never an earlier rule's. Otherwise it costs a move nothing.

    The fragment's own place and the layout's are drawn before the bar, and Streamlit
    (1.67) lets a fragment fill containers drawn outside it when it fills them on every
    full run too. So the page reads, and a keyboard reaches, the controls before the
    language switch and «Compartir» (tests/e2e/test_accessibility.py), while a slider move
    re-sends neither the bar nor the switch (issue 12). Each place outside the fragment
    costs a move one more message: the controls are in its own.
    """
    from brechas_ui import share

    top = st.container()  # the fragment's own place: first in the page's order
    places = layout()  # then the places it fills
    share.bar(path)  # then the bar (placed at the top right by CSS)
    _run.shared = True
    redraw = (share.POPOVER, *redraw_when)

    @st.fragment
    def _live() -> None:
        from brechas_ui import state

        full = getattr(_run, "in_frame", False)
        started = time.monotonic()
        if not full:
            from brechas_ui import lang

            lang.init()  # this run's texts in the session's language (app.py's first step)
        if full:
            st.session_state[_OUTSIDE] = _outside()
        elif st.session_state.get(_OUTSIDE) != _outside() or any(
            st.session_state.get(key) for key in redraw
        ):
            st.rerun()  # the whole page: its header, the frame or what layout drew changes
        else:
            state.sync_url()  # app.py does it on a full run
        try:
            safely(lambda: body(places), what=f"{path} (live)")
        finally:
            ctx = get_script_run_ctx()
            if not full and ctx is not None:
                guard.record_run(ctx.session_id, started)

    with top:
        _live()


def drew_share() -> bool:
    """Whether this run's page drew «Compartir» itself (inside :func:`live`)."""
    return getattr(_run, "shared", False)


# -- end live


def safely(step, *, what: str = "") -> bool:
    """Run one step of a page (the page itself, the scenario, the territory selector).

    On failure it says so in Spanish: a fault in ``data/`` gets the data page (which file,
    how to rebuild it), anything else the generic message with a way back to the baseline.
    Returns whether the step ran to the end.
    """
    try:
        step()
        return True
    except Exception as exc:
        _log.exception("step %s failed", what or getattr(step, "__name__", "?"))
        faults = data_faults()
        if not faults and isinstance(exc, DataFileError):
            faults = (manifest.Fault(exc.file, "No se puede leer o no tiene el formato esperado."),)
        if faults:
            show_data_faults(faults)
        else:
            st.error(
                _(
                    "**No se pudo mostrar esta página con los valores actuales.** Su escenario "
                    "se conserva (también en el enlace). Cambie el último valor que movió o "
                    "vuelva a la línea base."
                ),
                icon=":material/error:",
            )
            st.button(_("Volver a la línea base"), key="reiniciar_error", on_click=_reset)
        return False


@st.cache_resource(show_spinner=False, max_entries=4)
def _faults_for(data_dir: str, signature: tuple) -> tuple[manifest.Fault, ...]:
    """Checked once per state of data/ (the signature: names, sizes, modification times),
    shared by every session."""
    del signature  # only part of the cache key
    return tuple(manifest.check(Path(data_dir)))


def data_faults() -> tuple[manifest.Fault, ...]:
    """Files of data/ that do not match data/manifest.json (empty when all is well)."""
    return _faults_for(str(data.DATA_DIR), manifest.signature(data.DATA_DIR))


def data_ok() -> bool:
    """Check data/ before anything reads it; on a fault, draw the data page instead."""
    faults = data_faults()
    if faults:
        show_data_faults(faults)
    return not faults


def show_data_faults(faults) -> None:
    """The page for damaged data: which file, what is wrong, how to rebuild it (Spanish).

    Nothing here asks the user to change a value: the fault is the server's, not theirs.
    """
    listed = "\n".join(
        f"- `{f.file if f.file.endswith('/') else 'data/' + f.file}`: {f.problem}" for f in faults
    )
    st.error(
        "**Los datos de la aplicación están dañados o incompletos.** Para no mostrar cifras "
        "equivocadas, la aplicación no calcula nada hasta que se reparen. Su escenario se "
        "conserva en el enlace: ábralo de nuevo cuando los datos estén reparados.\n\n"
        f"{listed}\n\n"
        "**Cómo repararlo** (quien administra el servidor): restaure la carpeta desde el "
        "repositorio (`git checkout -- data/`) o vuelva a construirla con "
        f"`{manifest.REBUILD_COMMAND}` (ver `data/README.md`), y reinicie la aplicación.",
        icon=":material/database:",
    )


def _reset() -> None:
    from brechas_ui import state

    state.reset()
