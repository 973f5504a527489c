"""What the workshop's three views share: the visitor (a session key, an address for the
rate limit), the page's address, people's text shown as plain text, errors left by
callbacks, and a workshop's scenarios with their simulation (cached across sessions).

Text typed by people (names, districts, titles, questions) is shown as plain text only:
``st.text``/``st.dataframe`` or HTML-escaped, never as Markdown.
"""

from __future__ import annotations

import secrets
from urllib.parse import urlsplit

import streamlit as st

from brechas_core import workshop as wk
from brechas_core.i18n import _
from brechas_core.scenario import Scenario, from_query
from brechas_store import workshops as ws
from brechas_ui import cache, lang

CODE, TOKEN, PROJECTOR = wk.LINK_PARAMS
_SESSION_KEY = "taller_sesion"
#: The code of the workshop this session just created (its board then says «Taller creado»).
NEW_TOKEN = "taller_clave_nueva"


def text_styles() -> None:
    """The constant stylesheet of :func:`plain`'s text (title, question, code). Drawn once
    per run by the view that shows such text, before it (taller_board, taller_participant)."""
    # Markdown in a hidden container, not st.html: why in a11y.page_accessibility.
    with st.container(key="estilos_taller"):
        st.markdown(  # constant CSS
            """
<style>
.st-key-estilos_taller { display: none !important; }
.st-key-taller_titulo [data-testid="stText"], .st-key-taller_pregunta [data-testid="stText"],
.st-key-taller_codigo [data-testid="stText"] {
  white-space: pre-wrap; font-family: inherit; line-height: 1.25; margin: 0;
}
.st-key-taller_titulo [data-testid="stText"] { font-size: 2rem; font-weight: 700; }
.st-key-taller_pregunta [data-testid="stText"] { font-size: 1.2rem; }
.st-key-taller_codigo [data-testid="stText"] {
  font-size: 4rem; font-weight: 700; letter-spacing: .3rem; font-family: monospace;
}
</style>
""",
            unsafe_allow_html=True,
        )


def plain(text: str, *, kind: str) -> None:
    """User text as plain text (``st.text``: no Markdown, no HTML, no links), line breaks
    kept, styled by ``kind`` (``titulo``, ``pregunta`` or ``codigo``) through the constant
    CSS of :func:`text_styles`, which the view draws once before."""
    with st.container(key=f"taller_{kind}"):
        st.text(text)


def show_error(key: str) -> None:
    """An error a callback left for this run (callbacks run before the script)."""
    message = st.session_state.pop(key, None)
    if message:
        st.error(message, icon=":material/error:")


def bad_code(message: str) -> None:
    st.title(_("Taller"))
    st.error(message, icon=":material/error:")
    st.button(_("Escribir otro código"), icon=":material/keyboard:", on_click=_clear_code)


def _clear_code() -> None:
    """Back to the page without a code, in the same language."""
    st.query_params.from_dict(lang.link_params())


def link(query: dict[str, str]) -> dict[str, str]:
    """A workshop link's parameters with the session's language (``lang=en``) kept."""
    return {**query, **lang.link_params()}


def place_name(place) -> str:
    """A territory's name for a caption: the study's in the run's language (other places keep
    their names: brechas_core.territory names a province «Provincia de …» in Spanish)."""
    if place.is_study:
        return _("Distritos del estudio (Puno, no identificados)")
    return place.name


def session_key() -> str:
    """A random key for this browser session: one participant, one proposal."""
    if _SESSION_KEY not in st.session_state:
        st.session_state[_SESSION_KEY] = secrets.token_urlsafe(18)
    return st.session_state[_SESSION_KEY]


def client() -> str:
    """Who is asking, for the rate limit on creating workshops: the browser's address.

    Behind a reverse proxy every request comes from the proxy, so the address the proxy
    appended last to ``X-Forwarded-For`` (deploy/nginx.conf sets it) is used; earlier entries
    are the client's own claims and are ignored.
    """
    ip = None
    try:
        forwarded = st.context.headers.get("X-Forwarded-For")
        ip = forwarded.split(",")[-1].strip() if forwarded else st.context.ip_address
    except Exception:
        ip = None
    return f"ip:{ip}" if ip else f"sesion:{session_key()}"


def base_url() -> str:
    """This page's address without its query (absolute when the browser told us)."""
    try:
        url = st.context.url or ""
    except Exception:
        url = ""
    parts = urlsplit(url)
    if parts.scheme and parts.netloc:
        path = parts.path.rstrip("/")
        if not path.endswith("/taller"):
            path = path + "/taller"
        return f"{parts.scheme}://{parts.netloc}{path}"
    return "/taller"


def base_scenario(workshop: ws.Workshop) -> Scenario:
    meta = cache.meta()
    return from_query(
        workshop.base_query,
        gap_ids=meta.gap_ids,
        function_codes=meta.function_codes,
        current_data_version=meta.data_version,
    ).scenario


def proposal_scenario(base: Scenario, workshop: ws.Workshop, row: dict) -> Scenario:
    """A stored proposal as a scenario. When participants may move only the minimum and the
    sharing, the stored columns say it all; otherwise the stored link is read (strictly)."""
    if set(workshop.controls) <= {"minimo", "reparto"}:
        return wk.restrict(
            base,
            base.with_(minimum_pct=row["minimum_pct"], reparto=row["reparto"]),
            workshop.controls,
        )
    meta = cache.meta()
    parsed = from_query(
        row["scenario_query"], gap_ids=meta.gap_ids, function_codes=meta.function_codes
    )
    return wk.restrict(base, parsed.scenario, workshop.controls)
