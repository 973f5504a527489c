"""Names that come from the data files (gaps, functions, units of the unit costs), marked for
the catalogue so that the interface can show them in its language with ``_`` (the files
themselves stay in Spanish, as their sources publish them).

tests/core/test_data_labels.py checks that every name in the data is listed here, so a new
gap or function in ``data/`` cannot reach the English interface untranslated unnoticed.
Place names (districts, provinces, departments) are proper names and are not translated.
"""

from __future__ import annotations

from brechas_core.i18n import N_

#: The study's ten priority gaps (data/study_priority_gaps.csv, column ``label``).
GAPS = (
    N_("Agua"),
    N_("Desagüe"),
    N_("Electricidad"),
    N_("Acceso a los 3 servicios básicos"),
    N_("Niños con desnutrición crónica"),
    N_("Niños y niñas con anemia"),
    N_("Asegurados"),
    N_("Locales públicos en buen estado"),
    N_("Locales públicos con servicios básicos"),
    N_("PEA inactiva"),
)

#: The study's municipal functions (data/study_functions.csv, column ``label``).
FUNCTIONS = (
    N_("Planeamiento, gestión y reserva de contingencia"),
    N_("Orden público y seguridad"),
    N_("Trabajo"),
    N_("Comercio"),
    N_("Turismo"),
    N_("Agropecuaria"),
    N_("Energía"),
    N_("Industria"),
    N_("Transporte"),
    N_("Ambiente"),
    N_("Saneamiento"),
    N_("Vivienda y desarrollo urbano"),
    N_("Salud"),
    N_("Cultura y deporte"),
    N_("Educación"),
    N_("Protección social"),
)

#: What one unit cost pays for, and what kind of figure it is (data/unit_costs.csv).
UNITS = (
    N_("persona"),
    N_("niño o niña menor de 5 años"),
    N_("niño o niña de 6 a 35 meses"),
    N_("local público"),
    N_("persona en edad de trabajar"),
)
COST_KINDS = (N_("referencia pública"), N_("supuesto ilustrativo"))
