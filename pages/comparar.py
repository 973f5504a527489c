"""Comparar: up to four scenarios side by side (brechas_ui.compare)."""

from brechas_ui import compare, frame

frame.require()
compare.page()
