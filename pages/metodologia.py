"""Metodología (in progress)."""

import streamlit as st

from brechas_ui import frame

frame.require()

st.title("Metodología")
