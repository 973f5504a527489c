"""Simulador (in progress): the minimum-allocation rule."""

import streamlit as st

from brechas_ui import frame

frame.require()

st.title("Simulador")
