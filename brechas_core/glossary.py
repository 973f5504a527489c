"""Plain words: the glossary, the answer to «¿El dinero sigue a la necesidad?», and what
the statistics mean, in words a mayor uses.

Every user-facing text of these features lives here (one place a translation catalogue can
read later); the pages only draw them. The numbers come from the simulation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brechas_core.fmt import num, pct

#: The glossary: (term, short explanation), in the order a newcomer meets them.
TERMS: tuple[tuple[str, str], ...] = (
    (
        "Brecha",
        "La parte de la población que todavía no tiene un servicio básico (agua, desagüe, "
        "electricidad...) o que sufre un problema (anemia infantil...), en % de la "
        "población. Una brecha de 30 % en agua: 3 de cada 10 personas no tienen agua por red.",
    ),
    (
        "Brechas prioritarias",
        "Las diez brechas que el estudio sigue (Tabla 2): agua, desagüe, electricidad, "
        "anemia infantil y otras. La regla les garantiza juntas una parte del presupuesto.",
    ),
    (
        "PIM",
        "Presupuesto Institucional Modificado: el presupuesto del año con todos los cambios "
        "hechos durante el año (el PIA es el presupuesto de apertura, aprobado al inicio).",
    ),
    (
        "Devengado",
        "El gasto ejecutado: lo que la municipalidad se obligó a pagar porque el bien, la "
        "obra o el servicio ya se entregó. Es lo que mide el estudio.",
    ),
    (
        "Ejecución",
        "Devengado dividido entre PIM: qué parte del presupuesto se gastó realmente.",
    ),
    (
        "Mínimo garantizado",
        "La regla que propone el estudio: las brechas prioritarias reciben juntas al menos "
        "este porcentaje del presupuesto ejecutado. Si ya reciben más, nada cambia.",
    ),
    (
        "Línea base",
        "Lo que pasa hoy, sin la regla: el presupuesto como se ejecutó.",
    ),
    (
        "Escenario",
        "Lo que pasaría con la regla que usted eligió (mínimo, reparto, pisos, supuestos).",
    ),
    (
        "Participación",
        "La parte del presupuesto ejecutado que recibe una brecha o una función, en %.",
    ),
    (
        "Punto porcentual (p.p.)",
        "La diferencia entre dos porcentajes. Pasar de 27 % a 40 % es subir 13 puntos "
        "porcentuales (13 p.p.), no 13 %.",
    ),
    (
        "Reparto",
        "Cómo se divide entre las brechas el dinero que añade la regla: según el tamaño de "
        "la brecha, en partes iguales, con pesos que usted elige o donde cubre a más personas.",
    ),
    (
        "Piso",
        "Un mínimo para una sola brecha (además del mínimo para todas juntas).",
    ),
    (
        "Parte protegida",
        "La parte del resto del presupuesto que ninguna regla puede recortar: planillas, "
        "gasto corriente, deuda.",
    ),
    (
        "Cobertura proyectada",
        "Cuántas personas ganarían el servicio cada año con el dinero de la brecha, y en "
        "cuántos años se cerraría, si cada persona cuesta lo que dice el costo por persona.",
    ),
    (
        "Costo por persona",
        "Un supuesto: cuánto cuesta dar el servicio a una persona (obras públicas "
        "comparables). Usted puede cambiarlo en el Simulador.",
    ),
    (
        "Estimación",
        "Una cifra calculada con supuestos, no medida directamente: por ejemplo, la parte del "
        "presupuesto de un distrito que va a cada servicio.",
    ),
    (
        "Correlación",
        "Una medida de si dos cosas suben juntas, de -1 a 1. Aquí: si las brechas más "
        "grandes reciben más dinero. Cerca de 1: sí; cerca de 0: no hay relación; "
        "negativa: reciben menos.",
    ),
    (
        "Spearman ρ (rho)",
        "Correlación por orden: compara el puesto de cada brecha por tamaño con su puesto "
        "por dinero. No le afectan los valores extremos. Es la que usa el estudio.",
    ),
    (
        "Pearson r",
        "Correlación por valores: mide si brecha y dinero siguen una línea recta.",
    ),
    (
        "Significativa",
        "Que la relación es lo bastante fuerte para no atribuirla al azar (prueba t con "
        "α = 0.05, como el estudio). Con pocas brechas hace falta una correlación alta.",
    ),
    (
        "Hipótesis nula",
        "El punto de partida de la prueba: «no hay relación entre brecha y dinero». Se "
        "rechaza solo si los datos muestran una relación significativa.",
    ),
    (
        "|t| y gl",
        "|t| es el valor de la prueba t (mientras más alto, más clara la relación); gl son "
        "los grados de libertad: el número de brechas menos 2.",
    ),
    (
        "R²",
        "Qué parte de las diferencias de dinero explica el tamaño de la brecha, de 0 a 1.",
    ),
    (
        "Ubigeo",
        "El código del INEI de cada lugar: 2 cifras el departamento, 4 la provincia, 6 el "
        "distrito (211101 es Juliaca, en San Román, Puno).",
    ),
)

GLOSSARY_TITLE = "Glosario: las palabras de la herramienta"
GLOSSARY_INTRO = (
    "Qué quiere decir cada palabra técnica que usa la herramienta, en pocas líneas. "
    "Las fórmulas están en Metodología."
)

STATS_TITLE = "Las estadísticas (Spearman y Pearson), en un clic"
STATS_EXPLAINED = (
    "Para saber si el dinero sigue a la necesidad, el estudio ordena las brechas por tamaño "
    "y por dinero recibido y mide si los dos órdenes coinciden (**correlación**, de -1 a 1). "
    "**Spearman ρ** compara los órdenes; **Pearson r**, los valores. La prueba t dice si la "
    "relación es **significativa** (no se debe al azar, α = 0.05). Vea el Glosario."
)

_PP = re.compile(r"(?<![\w(])p\.p\.")


def spell_out_pp(text: str) -> str:
    """Write the first «p.p.» of a text out in full (plain words first).

    >>> spell_out_pp("Se reasignan 12.93 p.p. y luego 1.00 p.p.")
    'Se reasignan 12.93 puntos porcentuales (p.p.) y luego 1.00 p.p.'
    >>> spell_out_pp("Sin cambios.")
    'Sin cambios.'
    >>> spell_out_pp("13 puntos porcentuales (p.p.)")
    '13 puntos porcentuales (p.p.)'
    """
    if "puntos porcentuales" in text:
        return text
    return _PP.sub("puntos porcentuales (p.p.)", text, count=1)


@dataclass(frozen=True)
class Answer:
    """«¿El dinero sigue a la necesidad?»: a short answer (Sí / No / No se puede saber)
    and why, in a sentence."""

    short: str
    why: str

    @property
    def headline(self) -> str:
        return f"¿El dinero sigue a la necesidad? **{self.short}**: {self.why}"


QUESTION = "¿El dinero sigue a la necesidad?"


def _follows(res) -> bool:
    return bool(res.significant and res.statistic > 0)


def money_follows_need(sim) -> Answer:
    """The answer for a simulation (brechas_core.simulation.SimResult), from its Spearman
    test as the study reads it, compared with the baseline."""
    if not sim.tested:
        return Answer(
            "No se puede saber aquí",
            "hay muy pocas brechas con datos para comparar. " + sim.alignment_words,
        )
    before, after = sim.before.spearman, sim.after.spearman
    if _follows(after):
        start = (
            "ya antes de la regla las brechas más grandes recibían más dinero"
            if _follows(before)
            else "con esta regla, las brechas más grandes reciben más dinero (hoy no es así)"
        )
        return Answer("Sí", f"{start} (ρ = {num(after.statistic, 3)}, significativa).")
    if after.significant:  # significant and negative
        why = "las brechas más grandes reciben menos dinero que las pequeñas"
    else:
        why = "el dinero que recibe cada brecha no depende de lo grande que es"
    smallest = getattr(sim, "smallest_rho", None)
    more = (
        f" Con las demás opciones como están, sí desde un mínimo garantizado de {pct(smallest, 1)}."
        if smallest is not None
        else ""
    )
    verdict = "" if after.significant else ", no significativa"
    return Answer("No", f"{why} (ρ = {num(after.statistic, 3)}{verdict}).{more}")
