"""Plain words: the glossary, the answer to «¿El dinero sigue a la necesidad?», and what
the statistics mean, in words a mayor uses.

Every user-facing text of these features lives here, written in Spanish and marked for the
catalogue (brechas_core.i18n): the constants with ``N_`` (draw them through ``_``, or
:func:`terms`), the sentences built here in the run's language. The pages only draw them.
The numbers come from the simulation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from brechas_core.fmt import num, pct
from brechas_core.i18n import N_, _, language

#: The glossary: (term, short explanation), in the order a newcomer meets them.
TERMS: tuple[tuple[str, str], ...] = (
    (
        N_("Brecha"),
        N_(
            "La parte de la población que todavía no tiene un servicio básico (agua, desagüe, "
            "electricidad...) o que sufre un problema (anemia infantil...), en % de la "
            "población. Una brecha de 30 % en agua: 3 de cada 10 personas no tienen agua por red."
        ),
    ),
    (
        N_("Brechas prioritarias"),
        N_(
            "Las diez brechas que el estudio sigue (Tabla 2): agua, desagüe, electricidad, "
            "anemia infantil y otras. La regla les garantiza juntas una parte del presupuesto."
        ),
    ),
    (
        N_("PIM"),
        N_(
            "Presupuesto Institucional Modificado: el presupuesto del año con todos los cambios "
            "hechos durante el año (el PIA es el presupuesto de apertura, aprobado al inicio)."
        ),
    ),
    (
        N_("Devengado"),
        N_(
            "El gasto ejecutado: lo que la municipalidad se obligó a pagar porque el bien, la "
            "obra o el servicio ya se entregó. Es lo que mide el estudio."
        ),
    ),
    (
        N_("Ejecución"),
        N_("Devengado dividido entre PIM: qué parte del presupuesto se gastó realmente."),
    ),
    (
        N_("Mínimo garantizado"),
        N_(
            "La regla que propone el estudio: las brechas prioritarias reciben juntas al menos "
            "este porcentaje del presupuesto ejecutado. Si ya reciben más, nada cambia."
        ),
    ),
    (
        N_("Línea base"),
        N_("Lo que pasa hoy, sin la regla: el presupuesto como se ejecutó."),
    ),
    (
        N_("Escenario"),
        N_("Lo que pasaría con la regla que usted eligió (mínimo, reparto, pisos, supuestos)."),
    ),
    (
        N_("Participación"),
        N_("La parte del presupuesto ejecutado que recibe una brecha o una función, en %."),
    ),
    (
        N_("Punto porcentual (p.p.)"),
        N_(
            "La diferencia entre dos porcentajes. Pasar de 27 % a 40 % es subir 13 puntos "
            "porcentuales (13 p.p.), no 13 %."
        ),
    ),
    (
        N_("Reparto"),
        N_(
            "Cómo se divide entre las brechas el dinero que añade la regla: según el tamaño de "
            "la brecha, en partes iguales, con pesos que usted elige o donde cubre a más personas."
        ),
    ),
    (
        N_("Piso"),
        N_("Un mínimo para una sola brecha (además del mínimo para todas juntas)."),
    ),
    (
        N_("Parte protegida"),
        N_(
            "La parte del resto del presupuesto que ninguna regla puede recortar: planillas, "
            "gasto corriente, deuda."
        ),
    ),
    (
        N_("Cobertura proyectada"),
        N_(
            "Cuántas personas ganarían el servicio cada año con el dinero de la brecha, y en "
            "cuántos años se cerraría, si cada persona cuesta lo que dice el costo por persona."
        ),
    ),
    (
        N_("Costo por persona"),
        N_(
            "Un supuesto: cuánto cuesta dar el servicio a una persona (obras públicas "
            "comparables). Usted puede cambiarlo en el Simulador."
        ),
    ),
    (
        N_("Estimación"),
        N_(
            "Una cifra calculada con supuestos, no medida directamente: por ejemplo, la parte del "
            "presupuesto de un distrito que va a cada servicio."
        ),
    ),
    (
        N_("Correlación"),
        N_(
            "Una medida de si dos cosas suben juntas, de -1 a 1. Aquí: si las brechas más "
            "grandes reciben más dinero. Cerca de 1: sí; cerca de 0: no hay relación; "
            "negativa: reciben menos."
        ),
    ),
    (
        N_("Spearman ρ (rho)"),
        N_(
            "Correlación por orden: compara el puesto de cada brecha por tamaño con su puesto "
            "por dinero. No le afectan los valores extremos. Es la que usa el estudio."
        ),
    ),
    (
        N_("Pearson r"),
        N_("Correlación por valores: mide si brecha y dinero siguen una línea recta."),
    ),
    (
        N_("Significativa"),
        N_(
            "Que la relación es lo bastante fuerte para no atribuirla al azar (prueba t con "
            "α = 0.05, como el estudio). Con pocas brechas hace falta una correlación alta."
        ),
    ),
    (
        N_("Hipótesis nula"),
        N_(
            "El punto de partida de la prueba: «no hay relación entre brecha y dinero». Se "
            "rechaza solo si los datos muestran una relación significativa."
        ),
    ),
    (
        N_("|t| y gl"),
        N_(
            "|t| es el valor de la prueba t (mientras más alto, más clara la relación); gl son "
            "los grados de libertad: el número de brechas menos 2."
        ),
    ),
    (
        N_("R²"),
        N_("Qué parte de las diferencias de dinero explica el tamaño de la brecha, de 0 a 1."),
    ),
    (
        N_("Ubigeo"),
        N_(
            "El código del INEI de cada lugar: 2 cifras el departamento, 4 la provincia, 6 el "
            "distrito (211101 es Juliaca, en San Román, Puno)."
        ),
    ),
)

GLOSSARY_TITLE = N_("Glosario: las palabras de la herramienta")
GLOSSARY_INTRO = N_(
    "Qué quiere decir cada palabra técnica que usa la herramienta, en pocas líneas. "
    "Las fórmulas están en Metodología."
)

STATS_TITLE = N_("Las estadísticas (Spearman y Pearson), en un clic")
STATS_EXPLAINED = N_(
    "Para saber si el dinero sigue a la necesidad, el estudio ordena las brechas por tamaño "
    "y por dinero recibido y mide si los dos órdenes coinciden (**correlación**, de -1 a 1). "
    "**Spearman ρ** compara los órdenes; **Pearson r**, los valores. La prueba t dice si la "
    "relación es **significativa** (no se debe al azar, α = 0.05). Vea el Glosario."
)


def terms() -> tuple[tuple[str, str], ...]:
    """The glossary in the run's language.

    >>> from brechas_core.i18n import using
    >>> with using("en"):
    ...     terms()[0][0]
    'Gap'
    """
    return tuple((_(term), _(text)) for term, text in TERMS)


#: The abbreviation of percentage points (as brechas_core.fmt writes it) and its words.
_PP = {
    "es": (re.compile(r"(?<![\w(])p\.p\."), "puntos porcentuales", "puntos porcentuales (p.p.)"),
    "en": (re.compile(r"(?<![\w(])pp\b"), "percentage points", "percentage points (pp)"),
}


def spell_out_pp(text: str) -> str:
    """Write the first «p.p.» of a text out in full (plain words first).

    >>> spell_out_pp("Se reasignan 12.93 p.p. y luego 1.00 p.p.")
    'Se reasignan 12.93 puntos porcentuales (p.p.) y luego 1.00 p.p.'
    >>> spell_out_pp("Sin cambios.")
    'Sin cambios.'
    >>> spell_out_pp("13 puntos porcentuales (p.p.)")
    '13 puntos porcentuales (p.p.)'
    >>> from brechas_core.i18n import using
    >>> with using("en"):
    ...     spell_out_pp("12.93 pp more, then 1.00 pp")
    '12.93 percentage points (pp) more, then 1.00 pp'
    """
    pattern, words, spelled = _PP.get(language(), _PP["es"])
    if words in text:
        return text
    return pattern.sub(spelled, text, count=1)


@dataclass(frozen=True)
class Answer:
    """«¿El dinero sigue a la necesidad?»: a short answer (Sí / No / No se puede saber)
    and why, in a sentence."""

    short: str
    why: str

    @property
    def headline(self) -> str:
        return _("¿El dinero sigue a la necesidad? **{short}**: {why}").format(
            short=self.short, why=self.why
        )


QUESTION = N_("¿El dinero sigue a la necesidad?")


def _follows(res) -> bool:
    return bool(res.significant and res.statistic > 0)


def money_follows_need(sim) -> Answer:
    """The answer for a simulation (brechas_core.simulation.SimResult), from its Spearman
    test as the study reads it, compared with the baseline."""
    if not sim.tested:
        return Answer(
            _("No se puede saber aquí"),
            _("hay muy pocas brechas con datos para comparar.") + " " + sim.alignment_words,
        )
    before, after = sim.before.spearman, sim.after.spearman
    rho = num(after.statistic, 3)
    if _follows(after):
        if _follows(before):
            why = _("ya antes de la regla las brechas más grandes recibían más dinero")
        else:
            why = _("con esta regla, las brechas más grandes reciben más dinero (hoy no es así)")
        return Answer(_("Sí"), _("{why} (ρ = {rho}, significativa).").format(why=why, rho=rho))
    if after.significant:  # significant and negative
        why = _("las brechas más grandes reciben menos dinero que las pequeñas")
    else:
        why = _("el dinero que recibe cada brecha no depende de lo grande que es")
    smallest = getattr(sim, "smallest_rho", None)
    more = (
        " "
        + _(
            "Con las demás opciones como están, sí desde un mínimo garantizado de {minimum}."
        ).format(minimum=pct(smallest, 1))
        if smallest is not None
        else ""
    )
    if after.significant:
        text = _("{why} (ρ = {rho}).")
    else:
        text = _("{why} (ρ = {rho}, no significativa).")
    return Answer(_("No"), text.format(why=why, rho=rho) + more)
