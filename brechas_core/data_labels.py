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


#: What each default of the typical district is (data/typical_district_puno.csv, column
#: ``statistic``; Metodología's table of defaults).
DEFAULT_STATISTICS = (
    N_(
        "mediana de los 110 municipios distritales de Puno (departamento 21) del promedio"
        " 2021-2023 del PIM anual"
    ),
    N_(
        "mediana de los 110 municipios distritales de Puno (departamento 21) del promedio"
        " 2021-2023 del devengado anual"
    ),
    N_(
        "mediana de los 110 municipios distritales de Puno (departamento 21) del promedio"
        " 2021-2023 de la tasa de ejecución anual (mediana de las tasas por distrito, no "
        "cociente de medianas)"
    ),
    N_("mediana de los 110 distritos de Puno (departamento 21) de la población"),
    N_(
        "mediana de los 110 distritos de Puno (departamento 21); Censo 2017, sin "
        "variación 2021-2023"
    ),
    N_("mediana de los 110 distritos de Puno (departamento 21) de la densidad 2020"),
)

#: What each unit cost covers and how its band is built (data/unit_costs.csv, ``note``).
COST_NOTES = (
    N_(
        "Agua por red pública: bajo = costo urbano (S/ 3,000 por persona para agua y "
        "alcantarillado juntos, la mitad para cada servicio); alto = costo rural de ambos"
        " servicios (S/ 9,100) si un solo servicio cargara con la obra; central = "
        "referencia nacional del PNS (S/ 3,400 por persona y servicio). En cada distrito "
        "el valor central va del urbano (S/ 1,500) al rural (S/ 4,550, la mitad de S/ "
        "9,100) según su ruralidad. El usuario puede cambiarlo."
    ),
    N_(
        "Alcantarillado o unidad básica de saneamiento: bajo = costo urbano (S/ 3,000 por"
        " persona para agua y alcantarillado juntos, la mitad para cada servicio); alto ="
        " costo rural de ambos servicios (S/ 9,100) si un solo servicio cargara con la "
        "obra; central = referencia nacional del PNS (S/ 3,400 por persona y servicio). "
        "En cada distrito el valor central va del urbano (S/ 1,500) al rural (S/ 4,550, "
        "la mitad de S/ 9,100) según su ruralidad. El usuario puede cambiarlo."
    ),
    N_(
        "Electrificación rural por persona: bajo, central y alto son las obras del MINEM "
        "de 2021, 2022 y 2025. No se encontró una cifra urbana: el extremo urbano usa la "
        "más baja (S/ 1,750) y el rural la central (S/ 2,620). El usuario puede "
        "cambiarlo."
    ),
    N_(
        "Indicador compuesto: se cierra al cerrar agua, desagüe y electricidad, por lo "
        "que no se le asigna un costo propio para no contarlo dos veces."
    ),
    N_(
        "Indicador multicausal (salud, agua, alimentación) sin un costo unitario de "
        "cierre citable; la base de 8 % de la población es una aproximación ilustrativa."
    ),
    N_(
        "Costo ilustrativo por niño que sale de la anemia (tamizaje, suplemento de "
        "hierro, consejería) y base aproximada de 4 % de la población; la proyección no "
        "modela la renovación de la cohorte (nuevos nacimientos), así que es optimista. "
        "El usuario puede cambiar ambos valores."
    ),
    N_(
        "La afiliación a un seguro de salud (SIS) depende del gobierno nacional y no de "
        "una inversión municipal con costo por persona."
    ),
    N_("La unidad son locales públicos (edificios), no personas."),
    N_("Es un resultado del mercado laboral sin un costo de inversión por persona que lo cierre."),
)
