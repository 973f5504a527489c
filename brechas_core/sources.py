"""Where the data come from, and what they cannot say, in Spanish (Inicio and Metodología).

The tables themselves, their columns, units and licences are documented in ``data/README.md``;
this module holds the sentences the interface shows about them, written once.
"""

from __future__ import annotations

from brechas_core.i18n import N_

__all__ = ["CITATION", "IN_BRIEF", "LIMITS", "METHOD", "METHOD_TEXT"]

#: The study the app tests (its Tables 2 and 3 are in ``data/study_*.csv``).
CITATION = (
    "Apaza, Trigos, Pacheco, Mamani, Quispe y Rojas (2025), «Brechas y presupuesto en el sur "
    "del Perú: una visión desde sistemas informáticos», *Gestionar: revista de empresa y "
    "gobierno* 5(1), 32-45"
)

#: The sources in three lines, for the landing page (``IN_BRIEF_TEXT`` is its text for the
#: catalogue, with ``{citation}``: draw ``_(IN_BRIEF_TEXT).format(citation=CITATION)``).
IN_BRIEF_TEXT = N_(
    """
- **El estudio**: {citation} (licencia CC BY 4.0). Tablas 2 y 3.
- **Presupuesto municipal**: MEF, datos abiertos «Presupuesto y Ejecución de Gasto»
  2021-2023 (PIA, PIM, devengado por municipalidad).
- **Brechas de servicios**: INEI, Censo Nacional 2017 (cobertura de agua, desagüe y
  electricidad por distrito).

Todo se calcula dentro de la aplicación, sin conexión, a partir de sus propios archivos de
datos.
"""
)
IN_BRIEF = IN_BRIEF_TEXT.format(citation=CITATION)

#: Every source, what is taken from it and how, for Metodología (``METHOD_TEXT`` is its text
#: for the catalogue, with ``{citation}``: draw ``_(METHOD_TEXT).format(citation=CITATION)``).
METHOD_TEXT = N_("""
- **Estudio** (Tablas 2 y 3): {citation}. CC BY 4.0. Promedios 2021-2023 de 13
  municipalidades distritales de Puno no identificadas.
- **Presupuesto municipal**: MEF, datos abiertos «Presupuesto y Ejecución de Gasto»
  2021-2023 (PIA, PIM, devengado); 2024 y 2025 de una exportación de Consulta Amigable del
  MEF (2025 es un **año parcial**: ejecución a la fecha de la consulta, noviembre de 2025).
  Tasa de ejecución = 100 × devengado / PIM.
- **Sus datos** (página Mis datos): el CSV de datos abiertos del MEF, una exportación de
  Consulta Amigable o la plantilla de la app; viven solo en su sesión. Con ellos el Simulador
  usa el presupuesto y el gasto por brecha de su municipalidad («sus datos») en lugar de la
  estimación: por proyecto (cada proyecto clasificado por su nombre, revisable) o por función
  (18 Saneamiento mitad agua y mitad desagüe; 12 Energía para electricidad).
- **Servicios**: INEI, Censo Nacional 2017: cobertura de agua, desagüe y electricidad por red
  pública; brecha = 100 − cobertura.
- Todo se calcula sin conexión a partir de los archivos de `data/` (columnas, unidades y
  licencias en `data/README.md`), que se reconstruyen con `scripts/build_data.py`.
""")
METHOD = METHOD_TEXT.format(citation=CITATION)

#: What the data cannot say.
LIMITS = N_("""
- Los 13 distritos del estudio no están identificados: sus tablas son promedios y la
  proyección usa un distrito típico de Puno.
- Una correlación baja muestra desalineación, no su causa.
- El Censo es de 2017; las brechas actuales pueden ser menores.
- El gasto por brecha de cada distrito es una estimación a partir de su departamento; un
  importador de los datos del MEF por distrito (tarea pendiente) lo reemplazará por el real.
""")
