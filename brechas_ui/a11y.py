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
  formulas that scroll sideways reachable by keyboard (axe: scrollable-region-focusable).

What cannot be changed from the app: the tooltips of Streamlit's toolbar and the text of
its error overlays (the frame shows its own Spanish error page instead).
"""

from __future__ import annotations

import streamlit as st

# Colours in the stylesheet: captions and disabled labels #5C5B59 (6.0:1 on the sidebar's
# #F0F2F6, 6.6:1 on white); focus ring #1A56DB (4.8:1 on white; WCAG 2.2 asks 3:1).


def page_accessibility() -> None:
    """Draw the constant stylesheet and the chrome script (every page, from app.py).

    Both are literals (tests/app/test_robustness.py allows raw HTML only as a constant).
    The script reads the interface language from the link (``lang``, Spanish by default) and
    holds Streamlit's English chrome per language: item 5 (English) adds nothing to replace.
    """
    st.html(  # constant CSS: Streamlit sends a style-only body to the event container
        """
        <style>
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
        </style>
        """
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
                  prefix: {"Help for ": "Ayuda: ", "Link to heading": "Enlace a este título"},
                },
              };
              const doc = document;
              const fix = () => {
                const asked = new URLSearchParams(doc.location.search).get("lang");
                const lang = asked in CHROME || asked === "en" ? asked : "es";
                const chrome = CHROME[lang] || {text: {}, placeholder: {}, prefix: {}};
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
                  for (const [en, es] of Object.entries(chrome.prefix)) {
                    if (label.startsWith(en)) {
                      el.setAttribute("aria-label", es + label.slice(en.length));
                    }
                  }
                });
                // A formula wider than its box scrolls: a keyboard must reach it too.
                doc.querySelectorAll(".katex-display").forEach((el) => {
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
