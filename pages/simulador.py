"""Simulador: a guaranteed minimum for the priority gaps, and what it changes."""

import streamlit as st

from brechas_core import charts, glossary
from brechas_core.fmt import num, pct, pp, soles
from brechas_core.scenario import YEAR_LABELS
from brechas_core.simulation import simulate
from brechas_ui import across as across_alignment
from brechas_ui import cache, compare, frame, own_data, render, state, takeaway
from brechas_ui.controls import simulator_controls
from brechas_ui.need import need_section
from brechas_ui.reverse import reverse_section, sharing_section

frame.require()

scenario = state.get()
inputs, place = cache.simulator_inputs(scenario.territory, scenario.year)
own = own_data.simulator_baseline(scenario, inputs, place)  # "sus datos" (Mis datos)
inputs = own.inputs
sim = simulate(scenario, inputs)
priority = scenario.view == "prioritarias"

st.title("Simulador: un mínimo garantizado para las brechas", anchor=False)
if place.is_study or not priority:
    where = "Estudio: 13 distritos de Puno, promedio 2021-2023 (Tablas 2 y 3)"
    if not place.is_study:
        where += ". La vista por sectores usa la Tabla 3 del estudio: no hay brechas por función"
        where += " publicadas para cada territorio"
else:
    year = YEAR_LABELS[scenario.year].replace("Promedio", "promedio")
    where = f"{place.name}, {year}: brechas del Censo 2017 y presupuesto del MEF"
if own.caption and priority:
    where = own.caption
st.caption(where + ".")
if own.missing:
    st.warning(own.missing, icon=":material/upload_file:")
    st.page_link("pages/datos.py", label="Ir a Mis datos", icon=":material/upload_file:")
if inputs.estimate_note and priority:
    st.info(inputs.estimate_note, icon=":material/info:")
if sim.missing and priority:
    with st.container(key="sim_faltan_datos"):
        st.warning(sim.missing, icon=":material/database_off:")
        if len(place.code) == 6:
            up = st.columns(2)
            up[0].button(
                "Ver su provincia",
                key="sim_ir_provincia",
                icon=":material/zoom_out_map:",
                on_click=state.set_territory,
                args=(place.code[:4],),
            )
            up[1].button(
                "Ver su departamento",
                key="sim_ir_departamento",
                icon=":material/map:",
                on_click=state.set_territory,
                args=(place.code[:2],),
            )
# issue 14: the controls on the page (phones); their callbacks ran before this script, so
# the scenario and results above already follow them
simulator_controls(inputs)
st.markdown(f"#### {glossary.spell_out_pp(sim.reading)}")
with st.container(key="sim_sigue_necesidad"):  # issue 14: the question in plain words
    st.markdown(glossary.money_follows_need(sim).headline)
for text in sim.notices:
    if not sim.feasible and "no es factible" in text:
        st.warning(text, icon=":material/warning:")
    else:
        st.info(text, icon=":material/info:")

target_name = "Brechas prioritarias (juntas)" if priority else "Funciones con brecha alta"
c1, c2 = st.columns(2)
with c1, st.container(key="m_total_prioritarias"):
    st.metric(
        target_name,
        pct(sim.target_after),
        pp(sim.target_after - sim.target_before),
        border=True,
        help=f"Línea base: {pct(sim.target_before)} del presupuesto ejecutado.",
    )
with c2, st.container(key="m_soles_movidos"):
    st.metric(
        "Reasignado al año",
        soles(sim.top_up_soles),
        border=True,
        help=f"{num(sim.top_up_pct, 2)} p.p. de un presupuesto ejecutado de "
        f"{soles(sim.assumptions.executed_soles)} (PIM × tasa de ejecución).",
    )
# issue 14: the statistics one click away, with a short explanation
with st.container(key="sim_estadisticas"):  # an explainer: not printed (brechas_ui.printing)
    stats = st.expander(glossary.STATS_TITLE, icon=":material/functions:")
stats.markdown(glossary.STATS_EXPLAINED)
stats.page_link("pages/glosario.py", label="Glosario", icon=":material/dictionary:")
c3, c4 = stats.columns(2)
if sim.tested:
    with c3, st.container(key="m_spearman"):
        st.metric(
            "Spearman ρ",
            num(sim.after.spearman.statistic, 3),
            f"{sim.after.spearman.statistic - sim.before.spearman.statistic:+.3f}",
            border=True,
            help=sim.after.spearman.decision,
        )
    with c4, st.container(key="m_pearson"):
        st.metric(
            "Pearson r",
            num(sim.after.pearson.statistic, 3),
            f"{sim.after.pearson.statistic - sim.before.pearson.statistic:+.3f}",
            border=True,
            help=sim.after.pearson.decision,
        )
else:
    # Too few gaps for a test (a real territory has three): no statistic on three points.
    across = across_alignment.metric(sim)
    with c3, st.container(key="m_spearman"):
        if across is None:
            st.metric(
                "Spearman ρ",
                "—",
                border=True,
                help=f"Sin prueba: {sim.alignment_words}",
            )
        else:
            value, delta, why = across
            st.metric("ρ entre municipalidades", value, delta, border=True, help=why)
    with c4, st.container(key="m_pearson"):
        st.metric(
            "Prueba de correlación",
            "no aplica",
            border=True,
            help=sim.alignment_words,
        )

# -- take away: XLSX, PDF, CSV and chart images (brechas_ui.takeaway)
takeaway.simulator_downloads(scenario, sim, place)
compare.save_button()  # keep it for «Comparar» (brechas_ui.compare)

st.subheader("Participación en el presupuesto: línea base y escenario")
render.live_chart(
    "shares_template",
    (len(sim.items), "Brecha" if priority else "Función"),
    charts.shares_data(sim.items),
    key="sim_participaciones",
)
render.moves_table(sim)

if priority and sim.projection is None:
    st.info(
        "Sin las brechas del Censo 2017 de este territorio no se proyecta la cobertura.",
        icon=":material/info:",
    )
elif priority:
    st.subheader("Cobertura proyectada")
    a = sim.assumptions
    st.caption(
        f"Presupuesto (PIM) {soles(a.budget_soles)} × ejecución {pct(a.execution_pct, 1)} = "
        f"{soles(a.executed_soles)} ejecutados al año · población {num(a.population)} · "
        f"horizonte {a.horizon_years} años. "
        + (
            "Incluye valores que usted cambió en «Supuestos de la proyección»."
            if not all(a.from_data.values())
            else "Valores de un distrito típico de Puno (medianas de los 110 distritos, MEF "
            "2021-2023 e INEI); cámbielos en «Supuestos de la proyección»."
            if place.is_study
            else f"Valores de {place.name} (MEF e INEI); cámbielos en «Supuestos de la proyección»."
        )
    )
    # issue 14: one chart per gap, two a row on a desktop, stacked on a phone
    with st.container(key="grafico_sim_proyeccion"):
        panels = charts.projection_panels(sim.projection)
        for row in range(0, len(panels), 2):
            for column, (i, (name, data)) in zip(
                st.columns(2), enumerate(panels[row : row + 2], start=row), strict=False
            ):
                with column:
                    render.live_chart(
                        "projection_panel_template", (name,), data, key=f"sim_proyeccion_{i}"
                    )
    render.years_table(sim.projection_summary)
    need_section(
        sim, inputs, scenario
    )  # issue 8 item 10: what closing each gap needs, and any excess
    sharing_section(scenario, inputs, sim)  # issue 15: reparto=optimo, compared
    reverse_section(scenario, inputs, sim)  # issue 15: «¿Qué mínimo necesito?»
    st.container(key="sim_banda_explicada").caption(  # an explanation: not printed
        "La banda va del costo unitario bajo (cierra antes, cifras urbanas) al alto (cifras "
        "rurales). Los costos por persona son **supuestos** que usted puede cambiar, "
        "calculados con montos públicos de obras (vea Metodología); el central depende de "
        f"la ruralidad del lugar (índice {num(inputs.weight, 2)}, de 0 urbano a 1 rural, "
        "aproximado con su densidad de población)."
        if inputs.weight == inputs.weight
        else "La banda va del costo unitario bajo (cierra antes) al alto. Los costos por "
        "persona son **supuestos** que usted puede cambiar (vea Metodología)."
    )
else:
    st.info(
        "La proyección de cobertura usa costos por persona de cada brecha prioritaria "
        "(agua, desagüe, electricidad, anemia); está disponible en la vista «Brechas "
        "prioritarias».",
        icon=":material/info:",
    )

st.subheader("Alineación entre necesidad y dinero")
if not sim.tested:
    with st.container(key="sim_alineacion_en_palabras"):
        st.markdown(sim.alignment_words)
        across_alignment.table(sim)
        st.caption(
            "En un territorio la regla se aplica al presupuesto de cada municipalidad por "
            "separado; las cifras de arriba son la suma. Vea cada distrito en la página "
            "Territorios."
            if sim.territory is not None and sim.territory.summary.n_municipalities > 1
            else "Para ver si el dinero sigue a la necesidad hacen falta más puntos: compare "
            "distritos en la página Territorios."
        )
else:
    left, right = st.columns(2)
    with left:
        st.markdown("**Brecha y participación, con la recta de mínimos cuadrados**")
        render.alignment_scatter(sim, key="sim_dispersion")
        st.caption(
            f"Línea base: {sim.before.spearman.decision} Escenario: {sim.after.spearman.decision}"
        )
    with right:
        if sim.curve is None:
            st.markdown("**La regla en cada municipalidad**")
            st.caption(
                "En un territorio la regla se aplica al presupuesto de cada municipalidad por "
                "separado; las cifras de arriba son la suma. Vea cada distrito en la página "
                "Territorios."
            )
        else:
            st.markdown("**¿Desde qué mínimo el dinero sigue a la necesidad?**")
            render.live_chart(
                "minimum_curve_template",
                (),
                charts.minimum_curve_data(
                    sim.curve,
                    current=scenario.minimum_pct,
                    r_critical=sim.r_critical,
                    smallest=sim.smallest_rho,
                ),
                key="sim_curva",
            )
            first_rho = "nunca" if sim.smallest_rho is None else f"desde {pct(sim.smallest_rho, 2)}"
            first_r = "nunca" if sim.smallest_r is None else f"desde {pct(sim.smallest_r, 2)}"
            st.caption(
                f"Con las demás opciones como están, la correlación es positiva y significativa "
                f"(α = 0.05, umbral {num(sim.r_critical, 3)}): por Spearman {first_rho}, por "
                f"Pearson {first_r} de mínimo garantizado. La línea discontinua marca mínimos no "
                "factibles."
            )
