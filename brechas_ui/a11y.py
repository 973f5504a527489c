"""Accessibility on every page (issue 14, item 4): contrast, visible focus, the page's language
and Streamlit's own English chrome.

Two constant pieces, drawn once per run from app.py (no user value ever goes into them):

- a stylesheet: captions and disabled labels opaque and dark enough for 4.5:1 on white and on the
  sidebar's grey (Streamlit fades them to ~3.9:1 and ~2.3:1), a visible focus ring on every
  control (the slider's thumb included), and the charts' hover toolbar hidden (its «Show
  data», «Download as PNG» and «Copy Vega-Lite spec» are English; the pages offer their own
  tables and PNG/SVG downloads);
- a small script (``st.html(..., unsafe_allow_javascript=True)``, in a hidden container) that
  sets ``<html lang>`` to the interface's language (Streamlit ships ``lang="en"``, so a screen
  reader read the Spanish text with English rules), puts the chrome's English strings into
  Spanish as Streamlit draws them (skip link, help buttons, select placeholders), and makes
  formulas and tables that scroll sideways (on phones) reachable by keyboard (axe:
  scrollable-region-focusable).

What cannot be changed from the app: the tooltips of Streamlit's toolbar and the text of
its error overlays (the frame shows its own Spanish error page instead).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from brechas_core.charts import maps
from brechas_core.i18n import N_, _
from brechas_ui.columns import column_config

# Colours in the stylesheet: captions and disabled labels #5C5B59 (6.0:1 on the sidebar's
# #F0F2F6, 6.6:1 on white); focus ring #1A56DB (4.8:1 on white; WCAG 2.2 asks 3:1).


def page_accessibility() -> None:
    """Draw the constant stylesheet and the chrome script (every page, from app.py).

    Both are literals (tests/app/test_robustness.py allows raw HTML only as a constant).
    The script reads the interface language from the link (``lang``, Spanish by default; the
    link keeps it, brechas_ui.lang) and puts Streamlit's English chrome into Spanish, or back
    into English after the language switch.
    """
    # Markdown, not st.html: st.html draws from a lazily loaded chunk, and a style-only one
    # goes to the event container; either way a session's page was drawn, and clickable,
    # before its styles (seen in every new session after a server's first one: «Compartir»
    # sat at the page's foot and its popover then opened off screen). Markdown's chunk
    # draws the page's first heading, so the styles come with the first text
    # (tests/e2e/test_styles.py). In a hidden container, so it takes no room.
    with st.container(key="estilos_a11y"):
        st.markdown(  # constant CSS
            """
            <style>
            .st-key-estilos_a11y { display: none !important; }
            [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
            label[data-testid="stWidgetLabel"][disabled] p {
              color: #5C5B59 !important; opacity: 1 !important; }
            label[data-testid="stWidgetLabel"][disabled] span { opacity: 1 !important; }
            [data-testid="stCaptionContainer"] code { color: #1D5C4D !important; }
            a:focus-visible, button:focus-visible, input:focus-visible, textarea:focus-visible,
            summary:focus-visible, [role="tab"]:focus-visible, [role="slider"]:focus-visible,
            [tabindex]:focus-visible { outline: 3px solid #1A56DB !important; outline-offset: 2px; }
            [data-testid="stSlider"]:has(input:focus-visible) [role="slider"] {
              outline: 3px solid #1A56DB !important; outline-offset: 2px; }
            [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"])
              [data-testid="stElementToolbar"] { display: none !important; }
            .st-key-a11y_chrome { display: none !important; }
            [data-testid="stPopoverBody"] { max-height: calc(100vh - 5rem); overflow-y: auto; }
            .st-key-barra_idioma { position: absolute; top: 5rem; right: 1rem;
              width: auto !important; z-index: 5; }
            @media print { .st-key-barra_idioma { display: none !important; } }
            @media (min-width: 640px) {
              .st-key-sim_detalle [data-testid="stTab"] p { font-size: 1.125rem !important; } }
            .st-key-sim_detalle [data-testid="stTab"][aria-selected="true"] p {
              font-weight: 600; }
            .st-key-sim_cifras > div { flex: 1 1 14rem; min-width: min(100%, 14rem); }
            </style>
            """,
            unsafe_allow_html=True,
        )
    with st.container(key="a11y_chrome"):
        st.html(  # constant script: no user value goes into it
            """
            <script>
            (() => {
              const CHROME = {
                es: {
                  text: {"Skip to main content": "Saltar al contenido principal"},
                  placeholder: {
                    "Choose an option": "Elija una opción",
                    "Choose options": "Elija opciones",
                    "No options to select": "No hay opciones",
                    "No results": "Sin resultados",
                  },
                  prefix: {"Help for ": "Ayuda: ", "Link to heading": "Enlace a esta sección"},
                  aria: {"Open": "Abrir", "Close": "Cerrar", "Clear all": "Borrar todo",
                         "App pages": "Páginas", "Sidebar": "Barra lateral"},
                },
              };
              // English is Streamlit's own: undo what the Spanish pass changed (after a
              // switch of language the page keeps its elements).
              const flip = (map) => Object.fromEntries(
                Object.entries(map).map(([en, es]) => [es, en]));
              CHROME.en = Object.fromEntries(
                Object.entries(CHROME.es).map(([kind, map]) => [kind, flip(map)]));
              const doc = document;
              const fix = () => {
                const asked = new URLSearchParams(doc.location.search).get("lang");
                const lang = asked in CHROME ? asked : "es";
                const chrome = CHROME[lang];
                if (doc.documentElement.lang !== lang) doc.documentElement.lang = lang;
                doc.querySelectorAll('[data-testid="stSkipToContent"]').forEach((el) => {
                  const t = chrome.text[el.textContent.trim()];
                  if (t) el.textContent = t;
                });
                doc.querySelectorAll("input[placeholder]").forEach((el) => {
                  const t = chrome.placeholder[el.placeholder];
                  if (t) el.placeholder = t;
                });
                doc.querySelectorAll("[aria-label]").forEach((el) => {
                  const label = el.getAttribute("aria-label");
                  const exact = (chrome.aria || {})[label];
                  if (exact) { el.setAttribute("aria-label", exact); return; }
                  for (const [from, to] of Object.entries(chrome.prefix)) {
                    if (label.startsWith(from)) {
                      el.setAttribute("aria-label", to + label.slice(from.length));
                    }
                  }
                });
                // A formula or a Markdown table wider than its box scrolls (tables do on
                // phones, brechas_ui.phones): a keyboard must reach it too.
                const wide = ".katex-display, [data-testid='stMarkdownContainer'] table";
                doc.querySelectorAll(wide).forEach((el) => {
                  if (el.scrollWidth > el.clientWidth && !el.hasAttribute("tabindex")) {
                    el.setAttribute("tabindex", "0");
                  }
                });
              };
              // One observer per document, whatever the number of script runs.
              if (!doc.__brechasA11y) {
                let pending = false;
                const observer = new MutationObserver(() => {
                  if (pending) return;
                  pending = true;
                  requestAnimationFrame(() => { pending = false; doc.__brechasA11y.fix(); });
                });
                observer.observe(doc.body, {childList: true, subtree: true, attributes: true,
                                            attributeFilter: ["placeholder", "aria-label"]});
                doc.__brechasA11y = {observer};
              }
              doc.__brechasA11y.fix = fix;
              fix();
            })();
            </script>
            """,
            unsafe_allow_javascript=True,
        )


# --- text alternatives of the charts -------------------------------------------------------

#: What each chart shows, in words (Vega-Lite's ``description``: the chart's SVG gets it as
#: its accessible name). Keyed by the chart's key; a key ending in a number or a suffix
#: (``sim_proyeccion_0``, ``p_distrito_grafico``) uses the entry of its stem. Each says where
#: the same figures are as text.
CHART_DESCRIPTIONS = {
    "fig1": N_(
        "Gráfico de barras: brecha de cada servicio y su participación en el presupuesto "
        "(Tabla 2 del estudio). Las cifras están en la tabla de esta pestaña."
    ),
    "fig2": N_(
        "Gráfico de barras: brecha de cada función y su participación en el presupuesto "
        "ejecutado (Tabla 3 del estudio). Las cifras están en la tabla de esta pestaña."
    ),
    "disp_t2": N_(
        "Gráfico de dispersión: brecha de cada servicio frente a su participación en el "
        "presupuesto, con la recta de mínimos cuadrados. Los coeficientes están en el texto."
    ),
    "disp_t3": N_(
        "Gráfico de dispersión: brecha de cada función frente a su participación en el "
        "presupuesto ejecutado, con la recta de mínimos cuadrados. Los coeficientes están en el "
        "texto."
    ),
    "sim_participaciones": N_(
        "Gráfico de barras: participación de cada brecha en el presupuesto "
        "ejecutado, hoy (línea base) y con la regla. Las cifras están en la tabla de esta página."
    ),
    "sim_proyeccion": N_(
        "Gráfico de líneas: brecha proyectada año por año, hoy y con la regla, "
        "con costos bajo, central y alto. Los años para cerrar cada brecha están en la tabla."
    ),
    "sim_dispersion": N_(
        "Gráfico de dispersión: brecha de cada ítem frente a su participación, "
        "hoy y con la regla. Los coeficientes de alineación están en el texto."
    ),
    "sim_curva": N_(
        "Gráfico de líneas: correlación entre brecha y presupuesto para cada mínimo "
        "garantizado, con el umbral de significancia y el mínimo actual marcados."
    ),
    "sim_meta_histograma": N_(
        "Histograma: cuántas municipalidades necesitan cada mínimo "
        "garantizado para alcanzar las metas. Las cifras están en la tabla."
    ),
    "t_meta_histograma": N_(
        "Histograma: cuántas municipalidades necesitan cada mínimo "
        "garantizado para alcanzar las metas. Las cifras están en la tabla."
    ),
    "t_meta_mapa": N_(
        "Mapa de distritos coloreado por el mínimo garantizado que alcanza las "
        "metas. Los valores de cada distrito están en la tabla."
    ),
    "t_ranking_barras": N_(
        "Gráfico de barras: los distritos que más reciben o ceden con la regla. "
        "La tabla de al lado tiene las mismas cifras."
    ),
    "t_distribucion": N_(
        "Gráfico de cajas y puntos: cómo se reparte la cifra elegida entre los "
        "distritos, por grupo. Las cifras de cada distrito están en la tabla."
    ),
    "t_mapa": N_(
        "Mapa de distritos coloreado por la medida elegida. Los valores de cada distrito "
        "están en la tabla «Valores del mapa», debajo."
    ),
    "comparar_participaciones": N_(
        "Gráfico de barras: participación de cada brecha en cada "
        "escenario. Las cifras están en la tabla «Cifras lado a lado»."
    ),
    "comparar_proyeccion": N_(
        "Gráfico de líneas: brecha proyectada año por año en cada "
        "escenario. Los años para cerrar cada brecha están en la tabla."
    ),
    "p_otros_barras": N_(
        "Gráfico de barras: inversión en proyectos que no atienden las brechas, "
        "por tipo. Las cifras están en la tabla."
    ),
    "grafico": N_(
        "Gráfico de barras: brecha de cada servicio y la parte de la inversión en "
        "proyectos que la atiende. Las cifras están en la tabla debajo."
    ),
    "taller_participaciones": N_(
        "Gráfico de barras: participación de cada brecha, hoy y con la "
        "propuesta. Las cifras están en la tabla."
    ),
    "taller_distribucion": N_(
        "Gráfico de puntos: el mínimo garantizado que propuso cada "
        "participante, con la mediana de la sala marcada. Las cifras están en la tabla."
    ),
    "taller_regla_participaciones": N_(
        "Gráfico de barras: participación de cada brecha, hoy y "
        "con la regla de la sala. Las cifras están en la tabla."
    ),
}
GENERIC_DESCRIPTION = N_("Gráfico. Sus cifras están en la tabla o el texto de esta sección.")


def chart_description(key: str) -> str:
    """The chart's text alternative in the run's language: its key's entry, else its stem's
    (a trailing number or the part after the last underscore), else a generic sentence.

    >>> chart_description("sim_proyeccion_2") == CHART_DESCRIPTIONS["sim_proyeccion"]
    True
    >>> chart_description("p_distrito_grafico") == CHART_DESCRIPTIONS["grafico"]
    True
    """
    return _(_description(key))


def _description(key: str) -> str:
    if key in CHART_DESCRIPTIONS:
        return CHART_DESCRIPTIONS[key]
    stem, _sep, last = key.rpartition("_")
    if last.isdigit() and stem in CHART_DESCRIPTIONS:
        return CHART_DESCRIPTIONS[stem]
    return CHART_DESCRIPTIONS.get(last, GENERIC_DESCRIPTION)


def map_table(districts: pd.DataFrame, measure: str, *, key: str) -> None:
    """The map's values as a table (its text alternative), in an expander under the map:
    district, province and the measure that colours the map, largest first."""
    column, title, fmt, _scale = maps.MAP_MEASURES[measure]
    title = _(title)
    table = districts[["district", "province", "ubigeo", column]].sort_values(
        column, ascending=False, na_position="last"
    )
    config = column_config(["district", "province", "ubigeo"])
    decimals = int(fmt.rsplit(".", 1)[1][0]) if "." in fmt else 0
    config[column] = st.column_config.NumberColumn(title, format=f"%.{decimals}f")
    with (
        st.expander(
            _("Valores del mapa: {measure}").format(measure=title.lower()), icon=":material/table:"
        ),
        st.container(key=key),
    ):
        st.dataframe(table, hide_index=True, width="stretch", column_config=config)
