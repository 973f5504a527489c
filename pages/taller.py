"""Taller: a workshop's participants propose rules from their phones; the facilitator's board
shows them live (brechas_ui.taller)."""

from brechas_ui import frame, taller

frame.require()
taller.page()
