"""«Compartir»: the page's full link with a copy button, its QR code and a short link.

The link is the address bar (the scenario lives in the query parameters). A short link is
the same page with ``?c=CODE``: the code is stored server-side (brechas_store.short_links)
and expands to the full query when opened, so a room can type it off a projector.
"""

from __future__ import annotations

import logging
from urllib.parse import urlencode, urlsplit

import streamlit as st

from brechas_core.export.qr import qr_png
from brechas_core.i18n import _
from brechas_ui import lang

_log = logging.getLogger(__name__)
SHORT = "c"
_SHORT_STATE = "enlace_corto"


def base_url(path: str) -> str:
    """This page's address without the query (``st.context.url``; a local default when
    the browser did not say, as in AppTest)."""
    url = st.context.url
    if not url:
        return f"http://localhost:8501/{path}"
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def page_link(path: str, query: dict[str, str] | None = None) -> str:
    """The full link of this page: its address and the query that reproduces what it shows."""
    query = st.query_params.to_dict() if query is None else query
    query = {k: v for k, v in query.items() if k != SHORT}
    return base_url(path) + (f"?{urlencode(query, safe=',:')}" if query else "")


#: The «Compartir» popover's key: it is open while this is true in the session state.
POPOVER = "compartir"


def bar(path: str) -> None:
    """The bar at the top right: the language switch and the «Compartir» popover, with this
    run's link (a copy button), and a short link and QR code when asked for.

    The popover's contents are drawn only while it is open (``on_change="rerun"``): a page
    whose controls run as a fragment (brechas_ui.frame.live) draws the bar on full runs, so
    a slider move re-sends none of it (issue 12: every element drawn in the fragment is
    re-sent on every move); while it is open, a move reruns the whole page and the link
    follows. The buttons read the link when clicked. CSS places the bar
    (brechas_ui.printing), so where it sits among the page's elements does not change what
    is seen.
    """
    with st.container(key="barra_compartir"):
        lang.switch()  # issue 14: the other language, next to «Compartir»
        popover = st.popover(
            _("Compartir"), icon=":material/share:", key=POPOVER, on_change="rerun"
        )
    if not popover.open:
        return
    link = page_link(path)
    with popover:
        st.markdown(
            _(
                "**Enlace a lo que ve** (reproduce el escenario exactamente; cópielo con el "
                "botón del recuadro)"
            )
        )
        st.code(link, language=None, wrap_lines=True)
        _short_link(path, link)
        if st.session_state.get(_QR_STATE) == link:
            st.image(_qr_image(link), width=180, caption=_("Escanee para abrir el enlace"))
        asks = st.container(horizontal=True)  # side by side
    for label, key, icon, ask in (
        (_("Crear un enlace corto"), "crear_enlace_corto", ":material/link:", _make_short),
        (_("Mostrar el código QR"), "mostrar_qr", ":material/qr_code_2:", _ask_qr),
    ):
        asks.button(label, key=key, icon=icon, on_click=ask, args=(path,))


_QR_STATE = "qr_enlace"


@st.cache_resource(show_spinner=False, max_entries=64)
def _qr_image(link: str) -> bytes:
    return qr_png(link, scale=6)


def _ask_qr(path: str) -> None:
    """Show this link's QR code: encoded when asked, as encoding one costs tens of
    milliseconds, which every slider move would otherwise pay."""
    st.session_state[_QR_STATE] = page_link(path)


def _short_link(path: str, link: str) -> None:
    made = st.session_state.get(_SHORT_STATE)
    if made and made[0] == link:
        short = base_url(path) + f"?{SHORT}={made[1]}"
        st.markdown(_("**Enlace corto** (para dictarlo o escribirlo):"))
        st.code(short, language=None)
        st.markdown(_("Código: **{code}**").format(code=made[1]))
    elif made and made[0] == "error":
        st.warning(made[1], icon=":material/error:")


@lang.in_language  # writes an error: in the session's language
def _make_short(path: str) -> None:
    from brechas_store import short_links
    from brechas_ui import db

    link = page_link(path)
    query = link.partition("?")[2]
    try:
        code = short_links.shorten(db.store(), path, query)
    except short_links.ShortLinkError as exc:
        st.session_state[_SHORT_STATE] = ("error", str(exc))
        return
    except Exception:
        _log.exception("short link not created")
        st.session_state[_SHORT_STATE] = (
            "error",
            _(
                "No se pudo crear el enlace corto (la base de datos no responde). Use el "
                "enlace completo o el código QR."
            ),
        )
        return
    st.session_state[_SHORT_STATE] = (link, code)


def expand_short_link() -> str | None:
    """If the link is a short one (``?c=CODE``), replace the query by the one it stands for,
    before the scenario is read. Returns a Spanish notice when the code is unknown."""
    code = st.query_params.get(SHORT)
    if code is None or "scenario" in st.session_state:
        return None
    from brechas_store import short_links
    from brechas_ui import db

    try:
        query = short_links.expand(db.store(), code)
    except Exception:
        _log.exception("short link not expanded")
        query = None
    if query is None:
        del st.query_params[SHORT]
        lang.init()  # the notice in the link's language (app.py sets it only after this)
        return _(
            "El enlace corto «{code}» no existe o ya no está disponible; se abrió la línea base."
        ).format(code=short_links.normalize(code) or "?")
    st.query_params.from_dict(query)
    return None


def after_page(path: str) -> None:
    """Drawn after the page: «Compartir» (which the print stylesheet, drawn by app.py, puts
    at the top right of the page) and the block that names rule, date and link on paper.

    After the page, so that a page's own first elements stay first (tests and screen
    readers read them before the share control).
    """
    bar(path)
    print_header(path)


def print_header(path: str) -> None:
    """The printed page's closing lines: the rule, the date and this page's link."""
    from brechas_ui import printing

    printing.print_header(*_printed(path))


def print_text(path: str) -> str:
    """The same lines as Markdown, for a page to add to an element it draws
    (:func:`brechas_ui.printing.print_text`)."""
    from brechas_ui import printing

    return printing.print_text(*_printed(path))


def _printed(path: str) -> tuple[str, str]:
    from brechas_core.describe import rule_text
    from brechas_ui import state

    return rule_text(state.get()), page_link(path)
