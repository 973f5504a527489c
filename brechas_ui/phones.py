"""Phones: what a 390 px screen needs beyond Streamlit's own stacking (constant CSS).

Streamlit stacks columns below 640 px and the sidebar starts closed there
(``initial_sidebar_state="auto"`` in app.py). This adds a smaller title, so the headline fits
on the first screen, and keeps the on-page controls off paper (they are the rule, which the
printed block already names). A constant: no user value ever goes into this HTML.
"""

from __future__ import annotations

import streamlit as st


def phone_styles() -> None:
    """Draw the constant stylesheet (every page, from app.py)."""
    # Markdown in a hidden container, not st.html: why in a11y.page_accessibility.
    with st.container(key="estilos_telefono"):
        st.markdown(  # constant CSS
            """
            <style>
            .st-key-estilos_telefono { display: none !important; }
            @media (max-width: 640px) {
              h1 { font-size: 1.7rem !important; line-height: 1.2 !important; }
              h4 { font-size: 1.1rem !important; }
              [data-testid="stMarkdownContainer"] table { display: block; overflow-x: auto;
                max-width: 100%; }
              [data-testid="stMarkdownContainer"] th, [data-testid="stMarkdownContainer"] td {
                font-size: 0.8rem !important; padding: 0.3rem 0.35rem !important; }
              [data-testid="stMainBlockContainer"] { padding-left: 0.8rem !important;
                padding-right: 0.8rem !important; }
            }
            @media print {
              .st-key-regla_en_pagina, .st-key-buscar_territorio_caja { display: none !important; }
            }
            /* brechas_ui.phone_tables: a wide table whole above 640 px, its phone copy below */
            [class*="__tabla_telefono"] { display: none !important; }
            @media screen and (max-width: 640px) {
              [class*="__tabla_completa"] { display: none !important; }
              [class*="__tabla_telefono"] { display: flex !important; }
            }
            </style>
            """,
            unsafe_allow_html=True,
        )
