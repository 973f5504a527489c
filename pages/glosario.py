"""Glosario: the tool's technical words in plain Spanish (brechas_core.glossary)."""

from brechas_ui import frame
from brechas_ui.glossary import glossary_page

frame.require()
glossary_page()
