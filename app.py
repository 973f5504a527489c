"""Brechas: the frame and router. Page config, the scenario, navigation, then the page."""

import streamlit as st

from brechas_core.i18n import _
from brechas_ui import a11y, compare, frame, lang, phones, printing, share, state
from brechas_ui.territory_select import territory_selector

# -- share: a short link (?c=CODE) becomes its full query before the language and the
# scenario are read
short_link_notice = share.expand_short_link()
lang.init()  # issue 14: the session's language (lang=en in the link), for this run's texts
st.set_page_config(
    page_title=_("Brechas · Simulador de presupuesto para cerrar brechas"),
    page_icon=frame.FAVICON,  # a local file: a Material icon is fetched from a font server
    layout="wide",
    initial_sidebar_state="auto",  # closed on phones, open on a desktop,
)

pages = [
    st.Page("pages/inicio.py", title=_("Inicio"), icon=":material/home:", default=True),
    st.Page(
        "pages/diagnostico.py",
        title=_("Diagnóstico"),
        icon=":material/troubleshoot:",
        url_path="diagnostico",
    ),
    st.Page(
        "pages/simulador.py", title=_("Simulador"), icon=":material/tune:", url_path="simulador"
    ),
    st.Page("pages/territorios.py", title=_("Territorios"), icon=":material/map:"),
    st.Page(
        "pages/comparar.py", title=_("Comparar"), icon=":material/compare:", url_path="comparar"
    ),
    st.Page(
        "pages/datos.py", title=_("Mis datos"), icon=":material/upload_file:", url_path="datos"
    ),
    st.Page(
        "pages/proyectos.py",
        title=_("Proyectos"),
        icon=":material/construction:",
        url_path="proyectos",
    ),
    st.Page("pages/taller.py", title=_("Taller"), icon=":material/groups:", url_path="taller"),
    st.Page(
        "pages/metodologia.py",
        title=_("Metodología"),
        icon=":material/menu_book:",
        url_path="metodologia",
    ),
    # issue 14: plain words, reachable from every page
    st.Page(
        "pages/glosario.py", title=_("Glosario"), icon=":material/dictionary:", url_path="glosario"
    ),
]
page = st.navigation(pages, position="top")
phones.phone_styles()  # issue 14: a 390 px screen (constant CSS)
a11y.page_accessibility()  # issue 14: contrast, focus, lang, Streamlit's chrome in Spanish
if page.url_path != "taller":  # the workshop page is not printed (no «Compartir» either)
    printing.print_styles()  # here, not in a page's live fragment: a rerun never resends it

# data/ checked against its manifest, then the scenario and the selector, all in the
# safety net: a fault gets a Spanish page, never Streamlit's English error.
if not frame.data_ok() or not frame.safely(state.init, what="state.init"):
    st.stop()
if short_link_notice:
    state.add_notice(short_link_notice)
if page.url_path in ("simulador", "territorios", "proyectos"):
    with st.sidebar:
        frame.safely(territory_selector, what="territory_selector")

if page.url_path != "taller":  # the workshop page's link holds a code, not a scenario
    # the comparison's link holds its scenarios (brechas_ui.compare), not the current one
    state.sync_url(compare.link_query() if page.url_path == "comparar" else None)
    state.show_notices()
try:
    frame.run_safely(page)
finally:
    # -- share and print, after the page (also when it stops early): «Compartir» (placed at
    # the top right by CSS) and what paper shows; not on the workshop page, whose link holds
    # the facilitator's key and which has its own QR for participants
    if page.url_path == "taller":
        lang.switch_bar()  # issue 14: the language switch on every page
    elif not frame.drew_share():  # a page's frame.live draws it with its controls
        share.after_page(page.url_path)
