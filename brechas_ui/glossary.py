"""The glossary page (reachable from every page through the navigation): the terms and their
plain explanations from brechas_core.glossary."""

from __future__ import annotations

import streamlit as st

from brechas_core import glossary
from brechas_core.i18n import _


def glossary_page() -> None:
    st.title(_(glossary.GLOSSARY_TITLE))
    st.markdown(_(glossary.GLOSSARY_INTRO))
    with st.container(key="glosario_terminos"):
        for term, text in glossary.terms():
            st.markdown(f"**{term}**: {text}")
