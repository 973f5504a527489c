"""What the English tests look for: Spanish left in an English text, and the numbers to compare
with the Spanish version (tests/app/test_language.py, tests/core/test_export_language.py)."""

from __future__ import annotations

import re

#: Frequent Spanish words and letters; none may appear in the English interface's text.
SPANISH = re.compile(
    r"[áéíóúñ¿¡]|\b(el|la|los|las|del|de|que|con|para|por|una|un|en|año|años|brecha|brechas"
    r"|presupuesto|mínimo|regla|línea|escenario|participación|gráfico|según|personas|hoy"
    r"|estudio|distritos?|municipalidad|municipalidades|medida|cifra)\b",
    re.IGNORECASE,
)
#: A number as the app writes it in either language (thousands with commas, decimal point).
NUMBER = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]+)?")
