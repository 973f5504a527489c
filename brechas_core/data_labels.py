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

#: Why each classification rule gives a project its class (data/project_rules.csv, column
#: ``reason``; the Proyectos page lists them beside each project).
RULE_REASONS = (
    N_(
        "Riego: el agua es para la agricultura (canales, bocatomas, reservorios de riego), no"
        " agua potable; cuenta en otros."
    ),
    N_(
        "Centro de educación técnico-productiva (CETPRO) o instituto tecnológico: formación "
        "para el trabajo, atiende a la PEA inactiva."
    ),
    N_(
        "Inversión de la empresa de agua y saneamiento (EPS): se reparte mitad agua, mitad desagüe."
    ),
    N_("El proyecto nombra la anemia: reducción de la anemia infantil."),
    N_("El proyecto nombra la desnutrición: nutrición infantil (desnutrición crónica)."),
    N_("Drenaje pluvial: evacúa lluvia de calles, no es desagüe de viviendas; cuenta en otros."),
    N_(
        "Saneamiento físico-legal: títulos de propiedad, no servicios de saneamiento; cuenta "
        "en otros."
    ),
    N_(
        "Alcantarillas, badenes y cunetas: obras de drenaje de una vía (no alcantarillado "
        "sanitario); cuenta en otros."
    ),
    N_(
        "Alumbrado público: ilumina calles y plazas, no da electricidad a las viviendas; "
        "cuenta en otros."
    ),
    N_("Aguas termales: turismo y recreación; cuenta en otros."),
    N_("Riego y canales: infraestructura agraria, no agua potable; cuenta en otros."),
    N_("Servicios básicos (agua, desagüe, luz, servicios higiénicos) de un local escolar público."),
    N_(
        "Obra dentro de un local escolar público (patio, losa, cerco, techado): mejora el "
        "estado del local."
    ),
    N_(
        "Agua, desagüe y electricidad en un mismo proyecto: atiende el acceso a los 3 "
        "servicios básicos."
    ),
    N_(
        "Agua y desagüe en un mismo proyecto: el monto se reparte mitad agua, mitad desagüe "
        "(no se cuenta dos veces)."
    ),
    N_(
        "Desagüe y agua en un mismo proyecto: el monto se reparte mitad desagüe, mitad agua "
        "(no se cuenta dos veces)."
    ),
    N_("Saneamiento (agua y desagüe juntos): el monto se reparte mitad agua, mitad desagüe."),
    N_("Desagüe: alcantarillado, letrinas, UBS o tratamiento de aguas residuales."),
    N_("Agua potable: captación, tratamiento, reservorio, redes o conexiones."),
    N_(
        "Electricidad para viviendas: redes primarias y secundarias, conexiones o paneles "
        "solares domiciliarios."
    ),
    N_("Reducción de la anemia infantil."),
    N_(
        "Nutrición infantil: cuidado y alimentación de niños pequeños y gestantes "
        "(desnutrición crónica)."
    ),
    N_("Afiliación a un seguro de salud."),
    N_("Empleo y formación para el trabajo: incorpora a la población inactiva al mercado laboral."),
    N_(
        "Local escolar público (institución educativa, aulas, servicio educativo): estado de "
        "la infraestructura educativa."
    ),
    N_(
        "Vías, calles, puentes y caminos (aunque incluyan obras complementarias de agua o "
        "drenaje): cuenta en otros."
    ),
    N_(
        "Losas deportivas, estadios, parques y plazas: el hallazgo del estudio, gasto no "
        "prioritario; cuenta en otros."
    ),
    N_(
        "Locales comunales, salones y centros culturales: el hallazgo del estudio, gasto no "
        "prioritario; cuenta en otros."
    ),
    N_("Sedes, maquinaria y gestión municipal: cuenta en otros."),
    N_(
        "Producción, comercio y turismo: cuenta en otros (apoya ingresos de quien ya trabaja;"
        " no es una de las diez brechas)."
    ),
    N_("Ambiente, residuos, riesgos y seguridad ciudadana: cuenta en otros."),
    N_("Servicios sociales, cementerios y baños públicos: cuenta en otros."),
    N_(
        "Salud: ninguna de las diez brechas del estudio es un local de salud (asegurados mide"
        " la afiliación a un seguro); cuenta en otros."
    ),
    N_(
        "Telecomunicaciones e internet: no es una de las diez brechas del estudio; cuenta en otros."
    ),
)
