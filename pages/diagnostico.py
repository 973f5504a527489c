"""Diagnóstico: the study's baseline, redrawn, with every statistic checked.

A table of contents: the sections are drawn by brechas_ui.diagnosis.
"""

import streamlit as st

from brechas_core.i18n import _
from brechas_ui import cache, diagnosis, frame

frame.require()

rep = cache.reproduction()
reported = cache.study_reported()

st.title(_("Diagnóstico: brechas y presupuesto en Puno, 2021-2023"))
diagnosis.sample_caption(reported)
diagnosis.headline_figures(rep, reported)
diagnosis.tabs(cache.study_priority_gaps(), cache.study_functions(), rep)
diagnosis.how_to_read(rep)
