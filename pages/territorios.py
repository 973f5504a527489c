"""Territorios: the current rule applied to every district of a territory, who gains and how."""

import streamlit as st

from brechas_core import glossary, indicators
from brechas_core import territory as T
from brechas_core import territory_charts as TC
from brechas_core.costs import district_costs
from brechas_core.export import csv_bytes, file_name
from brechas_core.fmt import num, pct, soles, soles_millones
from brechas_core.measures import export_frame
from brechas_core.scenario import PARTIAL_YEARS
from brechas_ui import a11y, cache, frame, portfolio_cache, render, state
from brechas_ui import territory_cache as tc
from brechas_ui.columns import column_config
from brechas_ui.controls import rule_controls
from brechas_ui.need import territory_need_section
from brechas_ui.reverse import fund_section, territory_reverse_section
from brechas_ui.search import find_place

frame.require()

YEAR_TEXT = {"promedio": "promedio 2021-2023", **{y: f"{y} (parcial)" for y in PARTIAL_YEARS}}
GROUPS = {"grupo": "Provincia o departamento", "size_class": "Tamaño de la población"}
DIST_MEASURES = {
    "moved_soles": ("Soles a las brechas al año (estimación)", ",.0f"),
    "moved_per_capita": ("Soles por habitante al año (estimación)", ",.2f"),
    "gap_mean_pct": ("Brecha promedio, Censo 2017 (%)", ",.2f"),
    "execution_pct": ("Ejecución, devengado / PIM (%)", ",.2f"),
}
MAP_LABELS = {
    "brecha": "Brecha (Censo 2017)",
    "soles": "Soles que mueve la regla",
    "soles_hab": "Soles por habitante",
    "cobertura": "Cobertura proyectada",
}


def _go_to(code: str) -> None:
    """Callback: set the territory (the sidebar selector reseeds from the scenario)."""
    state.set_territory(code)


scenario = state.get()
territory, notices = cache.place(scenario.territory)
year_text = YEAR_TEXT.get(scenario.year, scenario.year)

st.title("Territorios: la regla en cada distrito")
find_place()  # issue 14: one box over every department, province and district
for text in notices:
    st.warning(text, icon=":material/wrong_location:")

if territory.is_study:
    with st.container(key="t_estudio"):
        st.info(
            "El estudio promedia 13 distritos de Puno que no identifica, así que no se pueden "
            "mostrar uno por uno. Busque su distrito arriba o elija un territorio en la barra "
            "lateral (Perú, un departamento, una provincia o un distrito) para aplicar la regla "
            "actual a cada municipalidad con sus datos reales del MEF y del Censo 2017.",
            icon=":material/info:",
        )
        st.button(
            "Empezar con Puno (110 distritos)",
            key="t_ir_puno",
            icon=":material/map:",
            on_click=_go_to,
            args=("21",),
        )
    st.stop()

full = cache.district_frame(scenario.year)
unit_costs = cache.sim_inputs().unit_costs
own = territory.select(full)
if own.empty:
    st.info(
        f"{territory.name} no tiene una municipalidad con datos de presupuesto del MEF en "
        f"{year_text}.",
        icon=":material/info:",
    )
    st.stop()

rule_controls()  # issue 14: the rule's minimum and sharing, on the page
scenario = state.get()
result = T.apply_rule(own, scenario, unit_costs)
s = result.summary
# A district is shown inside its department: its ranking, map and distributions.
if territory.kind == "distrito":
    context_territory, _ = cache.place(territory.code[:2])
    context = T.apply_rule(context_territory.select(full), scenario, unit_costs)
else:
    context_territory, context = territory, result

st.caption(
    f"{territory.name} · presupuesto {year_text} (MEF, municipalidades distritales) · "
    "brechas de agua, desagüe y electricidad del Censo 2017 (INEI)."
)
c1, c2, c3, c4 = st.columns(4)
with c1, st.container(key="t_m_municipalidades"):
    st.metric("Municipalidades", num(s.n_municipalities), border=True)
with c2, st.container(key="t_m_pim"):
    st.metric(
        "PIM (millones)",
        soles(s.pim / 1e6, 2),
        border=True,
        help=f"Presupuesto institucional modificado: {soles_millones(s.pim)}.",
    )
with c3, st.container(key="t_m_devengado"):
    st.metric(
        "Devengado (millones)",
        soles(s.devengado / 1e6, 2),
        border=True,
        help=f"Gasto ejecutado: {soles_millones(s.devengado)}.",
    )
with c4, st.container(key="t_m_ejecucion"):
    st.metric("Ejecución", pct(s.execution_pct, 1), border=True, help="Devengado / PIM.")

with st.container(key="t_lectura"):
    st.markdown(f"#### {glossary.spell_out_pp(result.reading(territory.name))}")
st.caption(
    "La regla actual (arriba y en el Simulador) se aplica a cada municipalidad por separado: "
    "el mínimo garantizado es para las tres brechas del censo juntas (agua, desagüe y "
    "electricidad), con el reparto, los pisos y la parte protegida del escenario. "
    f"**Estimación:** {full.attrs['estimate_note']}"
)
for text in result.notices:
    st.info(text, icon=":material/info:")
territory_need_section(result.districts, unit_costs, scenario)  # money beyond the need
territory_reverse_section(own, scenario, unit_costs, context_territory)  # issue 15
fund_section(result, scenario, unit_costs)  # issue 15: a fund split to cover the most people

# -- Who gains and who gives ----------------------------------------------------------
st.subheader(f"Quién recibe y quién cede: {context_territory.name}")
st.caption(
    "En cada distrito las brechas nunca pierden: reciben lo que cede el resto de su propio "
    "presupuesto. El orden muestra dónde la regla mueve más dinero (estimación)."
)
order = st.selectbox(
    "Ordenar por",
    list(T.RANKING_MEASURES),
    format_func=T.RANKING_MEASURES.get,
    key="t_orden",
)
ranked = T.ranking(context, order)
fmt = ",.0f" if order == "moved_soles" else ",.2f"
render.chart(
    TC.ranking_bars(ranked, order, title=T.RANKING_MEASURES[order], fmt=fmt),
    key="t_ranking_barras",
)
with st.container(key="t_ranking"):
    columns = [c for c in ranked.columns if c not in ("ubigeo", "has_polygon")]
    st.dataframe(
        ranked,
        hide_index=True,
        width="stretch",
        column_order=columns,
        column_config=column_config(columns, T.RANKING_ALIASES, horizon=result.horizon_years),
    )
st.caption(indicators.note(portfolio_cache.district_indicators()))  # issue 11, item 6
st.download_button(
    "Descargar la tabla (CSV)",
    csv_bytes(
        export_frame(
            ranked.drop(columns="has_polygon"),
            aliases=T.RANKING_ALIASES,
            horizon=result.horizon_years,
        )
    ),
    file_name=file_name(scenario, "distritos", "csv", place=context_territory.name),
    mime="text/csv",
    key="t_descargar",
    icon=":material/download:",
)

# -- Distributions ----------------------------------------------------------------------
st.subheader("Cómo se reparte el efecto")
left, right = st.columns(2)
group_choice = left.radio(
    "Agrupar por",
    list(GROUPS),
    format_func=GROUPS.get,
    horizontal=True,
    key="t_grupo",
)
measure = right.selectbox(
    "Medida",
    list(DIST_MEASURES),
    format_func=lambda m: DIST_MEASURES[m][0],
    key="t_dist_medida",
)
by = T.group_level(context_territory) if group_choice == "grupo" else "size_class"
group_title = {"province": "Provincia", "department": "Departamento"}.get(by, "Población")
points = T.group_values(context, by, measure)
render.chart(
    TC.distribution_chart(
        points,
        value_title=DIST_MEASURES[measure][0],
        group_title=group_title,
        fmt=DIST_MEASURES[measure][1],
        order=points.attrs["order"],
    ),
    key="t_distribucion",
)
st.dataframe(
    T.distribution(context, by, measure),
    hide_index=True,
    width="stretch",
    column_config={
        "group": group_title,
        "n": st.column_config.NumberColumn("Distritos", format="%d"),
        "median": st.column_config.NumberColumn("Mediana", format="accounting"),
        "q1": st.column_config.NumberColumn("Cuartil 1", format="accounting"),
        "q3": st.column_config.NumberColumn("Cuartil 3", format="accounting"),
        "min": st.column_config.NumberColumn("Mínimo", format="accounting"),
        "max": st.column_config.NumberColumn("Máximo", format="accounting"),
        "total": st.column_config.NumberColumn("Suma", format="accounting"),
    },
)
st.caption(
    "Clases de población: menos de 2,000; 2,000 a 5,000; 5,000 a 20,000; 20,000 a 100,000; "
    "más de 100,000 habitantes (cada clase incluye su límite inferior)."
)

# -- One district -------------------------------------------------------------------------
st.subheader("Perfil de un distrito")
options = ranked.sort_values("ubigeo")["ubigeo"].tolist()
names = dict(
    zip(ranked["ubigeo"], ranked["district"] + " (" + ranked["province"] + ")", strict=True)
)
default = territory.code if territory.kind == "distrito" else ranked["ubigeo"].iloc[0]
chosen = st.selectbox(
    "Distrito",
    options,
    index=options.index(default),
    format_func=names.get,
    key=f"t_perfil_{context_territory.code}_{territory.code}",
)
profile = T.district_profile(context, chosen)
row = profile.row
with st.container(key="t_perfil", border=True):
    st.markdown(f"**{names[chosen]}** · ubigeo {chosen} · población {num(row['population'])}")
    st.markdown(profile.reading)
    st.dataframe(
        profile.services,
        hide_index=True,
        width="stretch",
        column_order=[
            "label",
            "gap_pct",
            "est_share_pct",
            "scenario_share_pct",
            "moved_soles",
            "covered_per_year_base",
            "covered_per_year",
            "gap_end_pct_base",
            "gap_end_pct",
        ],
        column_config={
            "label": "Servicio",
            "gap_pct": st.column_config.NumberColumn("Brecha, Censo 2017 (%)", format="%.2f"),
            "est_share_pct": st.column_config.NumberColumn(
                "Presupuesto hoy (%, estimación)", format="%.2f"
            ),
            "scenario_share_pct": st.column_config.NumberColumn(
                "Con la regla (%, estimación)", format="%.2f"
            ),
            "moved_soles": st.column_config.NumberColumn(
                "Recibe (S/ al año, estimación)", format="accounting"
            ),
            "covered_per_year_base": st.column_config.NumberColumn(
                "Personas cubiertas al año, hoy (estimación)", format="accounting", step=1
            ),
            "covered_per_year": st.column_config.NumberColumn(
                "Con la regla (estimación)", format="accounting", step=1
            ),
            "gap_end_pct_base": st.column_config.NumberColumn(
                f"Brecha en {result.horizon_years} años, hoy (%)", format="%.2f"
            ),
            "gap_end_pct": st.column_config.NumberColumn(
                f"Brecha en {result.horizon_years} años, con la regla (%)", format="%.2f"
            ),
        },
    )
    weight = float(row.get("rural_weight", float("nan")))
    costs = dict(
        zip(
            ("agua", "desague", "electricidad"),
            district_costs(
                unit_costs,
                ["agua", "desague", "electricidad"],
                weight,
                scenario.unit_costs_dict(),
            )[1],
            strict=True,
        )
    )
    rurality = (
        f"índice de ruralidad {num(weight, 2)} (0 urbano, 1 rural), aproximado con su densidad"
        if weight == weight
        else "sin dato de densidad: referencia nacional"
    )
    st.caption(
        "Proyección lineal con costos por persona que son supuestos (caso central: agua "
        f"{soles(costs['agua'])}, desagüe {soles(costs['desague'])}, electricidad "
        f"{soles(costs['electricidad'])}; {rurality}); cámbielos en el Simulador."
    )

# -- Map ----------------------------------------------------------------------------------
st.subheader("Mapa")
colour = st.radio(
    "Color del mapa",
    list(MAP_LABELS),
    format_func=MAP_LABELS.get,
    horizontal=True,
    key="t_mapa_color",
)
features = tc.district_features(
    context_territory.department_code,
    context_territory.code if context_territory.kind == "provincia" else None,
)
render.live_chart(
    "district_map_template",
    (colour, chosen),
    {"poligonos": features, "valores": TC.district_map_data(context.districts, colour)},
    key="t_mapa",
    module=TC,
)
a11y.map_table(context.districts, colour, key="t_mapa_tabla")  # issue 14: the map as a table
missing = context.districts[~context.districts["has_polygon"]]
if not missing.empty:
    with st.container(key="t_sin_poligono"):
        st.markdown(
            f"**{num(len(missing))} distritos sin polígono en el mapa** (distritos nuevos o "
            "con geometría vacía en la fuente); sus cifras están en la tabla:"
        )
        st.markdown(
            ", ".join(
                f"{r.district} ({r.province}, {r.ubigeo})" for r in missing.itertuples(index=False)
            )
        )

# -- Alignment across districts -------------------------------------------------------------
st.subheader("¿Los distritos con más brecha reciben más?")
st.dataframe(T.alignment_table(context), hide_index=True, width="stretch")
st.caption(
    "Cada distrito es un punto: su brecha promedio de agua, desagüe y electricidad (Censo "
    "2017, en % de su población) frente a lo que recibe. Se usa la brecha en % y no el número "
    "de personas sin servicio, que mediría sobre todo el tamaño del distrito. Como la "
    "participación se estima por departamento, dentro de un departamento todos los distritos "
    "tienen la misma y la prueba con ella no se puede calcular: los soles por habitante sí "
    "varían con el presupuesto de cada municipalidad. Los distritos sin datos del censo quedan "
    "fuera."
)
