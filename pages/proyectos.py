"""Proyectos: the study's Table 2 redone on a territory's own investment projects."""

import streamlit as st

from brechas_core import charts
from brechas_core import portfolio as PF
from brechas_core import portfolio_charts as PC
from brechas_core.fmt import num, pct, soles_millones
from brechas_core.measures import MEASURES
from brechas_ui import cache, frame, render, state
from brechas_ui import portfolio_cache as pc
from brechas_ui.columns import column_config

frame.require()

STUDY_YEARS = (2021, 2023)


def _go_to(code: str) -> None:
    """Callback: set the territory (the sidebar selector reseeds from the scenario)."""
    state.set_territory(code)


def _choose_department(projects) -> None:
    """Buttons for the departments that have project data."""
    cols = st.columns(5)
    for i, code in enumerate(PF.departments_with_projects(projects)):
        place, _ = cache.place(code)
        cols[i % 5].button(
            place.name, key=f"p_ir_{code}", on_click=_go_to, args=(code,), width="stretch"
        )


def _table2_section(table, place_name: str, period: str, key: str) -> None:
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Proyectos", num(table.n_projects), border=True)
    c2.metric(
        "Inversión (millones)",
        soles_millones(table.total).replace(" millones", ""),
        border=True,
        help=f"Costo actualizado de los proyectos: {soles_millones(table.total)}.",
    )
    c3.metric("En las diez brechas", pct(table.priority_pct, 1), border=True)
    c4.metric("En otros", pct(table.otros_pct, 1), border=True)
    with st.container(key=f"{key}_lectura"):
        st.markdown(f"#### {table.reading(place_name, period)}")
    if table.n_projects == 0:
        return
    render.chart(
        charts.gap_attention_bars(
            table.rows,
            share="share_pct",
            share_title="Inversión en proyectos (%)",
        ),
        key=f"{key}_grafico",
    )
    shown = table.rows.assign(gap_text=table.rows["gap_pct"].map(lambda v: num(v, 2)))
    columns = ["label", "gap_text", "share_pct", "amount", "n_projects"]
    config = column_config(columns)
    config["label"] = "Brecha"
    config["gap_text"] = st.column_config.TextColumn(
        "Brecha, Censo 2017 (%)",
        help="Solo agua, desagüe y electricidad tienen cifra por distrito en los datos (—).",
    )
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_order=columns,
        column_config=config,
        height=36 * (len(shown) + 1) + 10,
    )


projects = pc.projects()
scenario = state.get()
territory, notices = cache.place(scenario.territory)

st.title("Proyectos: ¿en qué invierte cada municipalidad?")
for text in notices:
    st.warning(text, icon=":material/wrong_location:")
st.caption(
    "La Tabla 2 del estudio, rehecha con los proyectos de inversión de cada municipalidad "
    "(Invierte.pe, MEF): cuánto de su inversión atiende cada brecha prioritaria y cuánto va "
    "a «otros» (losas deportivas, locales comunales, parques, vías...). Cada proyecto se "
    "clasifica por su nombre con reglas de palabras (data/project_rules.csv); la tabla de "
    "proyectos dice qué regla decidió y por qué. El dinero es el costo actualizado de los "
    "proyectos registrados en el periodo, no su ejecución."
)

available = PF.departments_with_projects(projects)
if territory.is_study or territory.kind == "pais" or territory.code[:2] not in available:
    with st.container(key="p_sin_datos"):
        where = "el estudio" if territory.is_study else territory.name
        st.info(
            f"No hay lista de proyectos para {where}: los archivos de Invierte.pe que trae la "
            "aplicación cubren diez departamentos. Elija uno (o un distrito suyo en la barra "
            "lateral):",
            icon=":material/info:",
        )
        _choose_department(projects)
    st.stop()

first, last = PF.year_bounds(projects)
years = st.slider(
    "Años de registro de los proyectos",
    min_value=first,
    max_value=last,
    value=STUDY_YEARS,
    key="p_anios",
    help="El estudio usó 2021-2023. Amplíe el periodo para ver toda la cartera registrada.",
)
WHO = {
    "todas": "Todas las municipalidades (distrital y provincial)",
    "distrital": "Solo la municipalidad distrital",
}
who_choice = st.radio(
    "Proyectos de",
    list(WHO),
    format_func=WHO.get,
    horizontal=True,
    key="p_quien",
    help="Un proyecto se cuenta en el distrito donde está. En la capital de una provincia, "
    "muchos son de la municipalidad provincial: elija «solo la distrital» para ver la "
    "cartera de la municipalidad del distrito.",
)
who = None if who_choice == "todas" else who_choice
period = f"{years[0]}-{years[1]}" if years[0] != years[1] else str(years[0])
gaps = cache.study_priority_gaps()

# -- Table 2 for the chosen territory ------------------------------------------------------
st.subheader(f"Tabla 2 con sus propios proyectos: {territory.name}")
table = pc.table2(tuple(territory.ubigeos), years, who)
_table2_section(table, territory.name, period, "p_t2")
st.caption(
    "Brecha: Censo 2017, ponderada por población cuando son varios distritos. Un proyecto de "
    "agua y desagüe a la vez cuenta mitad en cada una."
)

# -- District by district ------------------------------------------------------------------
department, _ = cache.place(territory.code[:2])
area = territory if territory.kind == "provincia" else department
st.subheader(f"Distrito por distrito: {area.name}")
per_district = pc.department_districts(tuple(area.ubigeos), years, who)
if per_district.empty:
    st.info(f"{area.name} no tiene proyectos registrados en {period}.", icon=":material/info:")
else:
    area_table = (
        table if area.code == territory.code else pc.table2(tuple(area.ubigeos), years, who)
    )
    render.chart(
        PC.otros_by_district(
            per_district,
            title=MEASURES["otros_pct"].header(),
            overall_pct=area_table.otros_pct,
        ),
        key="p_otros_barras",
    )
    st.caption(
        f"Los {min(20, len(per_district))} distritos que más invirtieron en otros (de "
        f"{num(len(per_district))} con proyectos en {period}); la línea roja es "
        f"{area.name} en conjunto ({pct(area_table.otros_pct, 1)}). La tabla los trae todos."
    )
    columns = [c for c in per_district.columns if c != "ubigeo"]
    with st.container(key="p_distritos"):
        st.dataframe(
            per_district,
            hide_index=True,
            width="stretch",
            column_order=columns,
            column_config=column_config(columns),
        )

# -- One district's projects -----------------------------------------------------------------
st.subheader("Los proyectos de un distrito")
options = sorted(per_district["ubigeo"]) if not per_district.empty else []
names = dict(
    zip(
        per_district["ubigeo"],
        per_district["district"] + " (" + per_district["province"] + ")",
        strict=True,
    )
)
if territory.kind == "distrito":
    options = [territory.code]
    names.setdefault(territory.code, territory.name)
if not options:
    st.stop()
chosen = st.selectbox(
    "Distrito",
    options,
    format_func=lambda u: names.get(u, u),
    key=f"p_distrito_{area.code}",
    disabled=territory.kind == "distrito",
)
if territory.kind != "distrito":
    one = pc.table2((chosen,), years, who)
    with st.expander(f"Tabla 2 de {names[chosen]}", expanded=True):
        _table2_section(one, names[chosen], period, "p_t2_distrito")
listed = PF.district_projects(projects, chosen, years, pc.rule_reasons(), who)
labels = dict(zip(gaps["gap_id"], gaps["label"], strict=True)) | {"otros": "Otros"}
listed["gap_label"] = listed["gap_id"].map(labels)
split = listed["also_gap_id"] != ""
listed.loc[split, "gap_label"] = (
    listed.loc[split, "gap_label"]
    + " y "
    + listed.loc[split, "also_gap_id"].map(labels).str.lower()
)
columns = ["year", "name", "gap_label", "costo_actualizado", "reason", "rule_id", "cui"]
with st.container(key="p_proyectos"):
    st.dataframe(
        listed,
        hide_index=True,
        width="stretch",
        column_order=columns,
        column_config=column_config(columns) | {"year": "Año de registro"},
    )
st.caption(
    f"{num(len(listed))} proyectos de {names.get(chosen, chosen)} registrados en {period}, del "
    "más grande al más pequeño. Si la clase de un proyecto no le parece correcta, la regla "
    "que decidió está al lado: las reglas se revisan en data/project_rules.csv."
)

with st.expander("Cómo se clasifican los proyectos"):
    st.markdown(
        "Los nombres de los proyectos del MEF siguen una fórmula: *intervención + servicio + "
        "lugar* («MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN ...»). Se leen sin tildes ni "
        "mayúsculas, sin el lugar (desde «DISTRITO»), y decide el primer servicio nombrado. "
        "Antes se aplican las exclusiones: el agua para riego y los canales son riego, las "
        "alcantarillas de una vía son obras viales (no alcantarillado), una vía con «obras "
        "complementarias de agua» es una vía, el alumbrado público no es electricidad de las "
        "viviendas. Un proyecto de agua y desagüe a la vez se reparte mitad y mitad. Las "
        "reglas, en su orden:"
    )
    rules = pc.rules_table()
    st.dataframe(
        rules.assign(
            clase=rules["gap_id"].map(labels),
            tambien=rules["also_gap_id"].map(labels).fillna(""),
        ),
        hide_index=True,
        width="stretch",
        column_order=["rule_id", "clase", "tambien", "reason"],
        column_config={
            "rule_id": "Regla",
            "clase": "Clase",
            "tambien": "Y también (mitad)",
            "reason": "Por qué",
        },
    )
    st.caption(
        "Medida sobre nombres reales de siete departamentos que no se usaron para escribir las "
        "reglas, etiquetados a mano (tests/data/projects_labelled.csv): el resultado está en "
        "data/README.md y se recalcula con scripts/eval_classifier.py."
    )
