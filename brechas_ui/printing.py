"""How a page prints: a print stylesheet, and a block that names rule, date and link on
paper only (on screen the address bar and the sidebar already say it)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from brechas_core.i18n import _


def print_styles() -> None:
    """The print stylesheet (for every page). A constant: no user value ever goes into this
    HTML (tests/app/test_robustness.py checks it)."""
    # Markdown in a hidden container, not st.html: why in a11y.page_accessibility.
    with st.container(key="estilos_impresion"):
        st.markdown(
            """
<style>
.st-key-estilos_impresion { display: none !important; }
.st-key-solo_impresion { display: none; }
[data-testid="stMarkdownContainer"] p:has(> a[href="#impreso"]) { display: none; }
[data-testid="stMainBlockContainer"] { position: relative; }
.st-key-barra_compartir { position: absolute; top: 5rem; right: 1rem; width: auto !important;
  z-index: 5; flex-direction: row !important; gap: 0.5rem; }
.st-key-barra_compartir > div { width: auto !important; }
@media print {
  @page { size: A4; margin: 10mm 10mm; }
  html, body { background: white !important; }
  [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
  [data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
  [data-testid="stStatusWidget"], [data-testid="stBottom"], header,
  .st-key-barra_compartir, .st-key-compartir, .st-key-llevar, .st-key-comparar_guardar,
  .st-key-avisos_enlace, .st-key-sim_reparto_sugerencia,
  /* on paper only what a meeting reads: the explainer of the statistics and the tools
     («¿Cuánto necesita…?», «¿Qué mínimo necesito?») stay on screen */
  .st-key-sim_estadisticas, .st-key-sim_necesidad, .st-key-sim_que_minimo,
  .st-key-sim_que_minimo_vacio, .st-key-sim_banda_explicada,
  [data-testid="stPopover"], [data-testid="stDownloadButton"],
  [data-testid="stBaseButton-secondary"],
  [data-testid="stExpanderToggleIcon"], [data-testid="stElementToolbar"],
  iframe[title="streamlit_analytics"] { display: none !important; }
  .st-key-solo_impresion { display: flex !important; break-inside: avoid;
    border-top: 1px solid #999; padding-top: 1mm; }
  .st-key-solo_impresion p { font-size: 9pt !important; margin: 0 !important; }
  [data-testid="stMarkdownContainer"] p:has(> a[href="#impreso"]) { display: block !important;
    font-size: 9pt !important; border-top: 1px solid #999; padding-top: 1mm; }
  [data-testid="stMainBlockContainer"] { padding-top: 0 !important; }
  [data-testid="stAppViewContainer"], [data-testid="stMain"], .stMain, .main {
    position: static !important; overflow: visible !important; height: auto !important; }
  [data-testid="stMainBlockContainer"], .block-container {
    padding-left: 0 !important; padding-right: 0 !important; padding-bottom: 0 !important;
    max-width: 100% !important; width: 100% !important; }
  /* a long table may continue on the next page, a row never splits (below) */
  [data-testid="stMetric"], [data-testid="stVegaLiteChart"], [data-testid="stTable"],
  [data-testid="stAlert"], [data-testid="stHorizontalBlock"] {
    break-inside: avoid; page-break-inside: avoid; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  h1 { font-size: 17pt !important; padding: 0 0 1mm 0 !important; }
  h2, h3 { font-size: 12pt !important; padding: 1.5mm 0 0.5mm 0 !important; }
  h4 { font-size: 10pt !important; padding: 0.5mm 0 !important; }
  p, li, td, th, [data-testid="stCaptionContainer"] { font-size: 9pt !important;
    word-break: normal !important; overflow-wrap: normal !important; hyphens: manual !important; }
  [data-testid="stMetricValue"], [data-testid="stMetricValue"] * { font-size: 16pt !important; }
  td, th { padding: 0.5mm 1.5mm !important; line-height: 1.25 !important; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  [data-testid="stMetricLabel"] p { font-size: 9pt !important; }
  [data-testid="stVerticalBlock"] { gap: 0.25rem !important; }
  [data-testid="stAlert"] > div { padding: 1.5mm 3mm !important; }
  /* text prints at its own size (body 9 pt, tests/e2e/test_takeaway.py measures it); only
     the charts are drawn smaller */
  [data-testid="stVegaLiteChart"] { zoom: 0.7; }
  [data-testid="stHorizontalBlock"] { display: flex !important; flex-wrap: nowrap !important;
    flex-direction: row !important; }
  [data-testid="stColumn"] { min-width: 0 !important; flex: 1 1 0 !important; }
  [data-testid="stVegaLiteChart"] svg { max-width: 100% !important; height: auto !important; }
  /* a chart drawn for a wider screen shrinks to its column: so does its box */
  [data-testid="stVegaLiteChart"], [data-testid="stVegaLiteChart"] div,
  [data-testid="stElementContainer"]:has(> [data-testid="stVegaLiteChart"]) {
    height: auto !important; min-height: 0 !important; }
  [data-testid="stExpander"] details::details-content {
    content-visibility: visible !important; display: block !important; height: auto !important; }
  [data-testid="stExpander"] details > div { display: block !important; height: auto !important;
    visibility: visible !important; }
  [data-testid="stDataFrame"] { max-height: none !important; }
  a { color: black !important; text-decoration: none !important; }
}
</style>
""",
            unsafe_allow_html=True,
        )


#: The link that opens the printed lines (:func:`print_text`): the print stylesheet shows
#: the paragraph that starts with it on paper only.
PRINTED = "#impreso"


def print_text(rule: str, link: str) -> str:
    """What the paper must say and the screen shows elsewhere: the rule, the date, the link.

    One Markdown paragraph that starts with a link to :data:`PRINTED`, by which the print
    stylesheet shows it on paper and hides it on screen: a page can add it to a Markdown
    element it draws anyway (the Simulador's reading: issue 12, every element is re-sent
    on every slider move). The rule comes from brechas_core.describe and the link is shown
    in a code span, so nothing in it is rendered as a link or markup.
    """
    return _("[**Brechas**]({printed}) · {rule} · impreso el {date} · Enlace: `{link}`").format(
        printed=PRINTED, rule=rule, date=date.today().isoformat(), link=link
    )


def print_header(rule: str, link: str) -> None:
    """:func:`print_text` as an element of its own, drawn after the page, so it closes the
    printed document (and a page's first elements stay its own)."""
    with st.container(key="solo_impresion"):
        st.markdown(print_text(rule, link))
