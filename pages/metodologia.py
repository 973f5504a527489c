"""Metodología: every formula, assumption, source, and the link's parameters."""

import pandas as pd
import streamlit as st

from brechas_core import territory
from brechas_core.costs import RURALITY_NOTE
from brechas_core.fmt import num, pct, soles
from brechas_core.scenario import PARAMETERS
from brechas_core.simulation import defaults_used
from brechas_ui import cache, frame

frame.require()

meta = cache.meta()
rep = cache.reproduction()
inputs = cache.sim_inputs()

st.title("Metodología")
st.caption(f"Versión de los datos: `{meta.data_version}` (huella de los archivos de `data/`).")

st.header("1. Datos")
st.markdown(
    """
- **Estudio** (Tablas 2 y 3): Apaza, Trigos, Pacheco, Mamani, Quispe y Rojas (2025), «Brechas
  y presupuesto en el sur del Perú: una visión desde sistemas informáticos», *Gestionar:
  revista de empresa y gobierno* 5(1), 32-45. CC BY 4.0. Promedios 2021-2023 de 13
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
"""
)

st.header("2. Reproducción del estudio")
st.markdown("Correlación de Spearman (fórmula (1) del estudio, válida sin empates):")
st.latex(r"r_s = 1 - \frac{6 \sum d_i^2}{n (n^2 - 1)}")
st.markdown(
    f"Con empates (la Tabla 2 tiene {rep.n_tied_zero_shares} participaciones en cero), la "
    "definición exacta es el coeficiente de Pearson de los rangos promedio; es la que usamos. "
    "Pearson (fórmula (2)) y la prueba t, con n − 2 grados de libertad:"
)
st.latex(
    r"r = \frac{\sum (x_i - \bar x)(y_i - \bar y)}{\sqrt{\sum (x_i - \bar x)^2 "
    r"\sum (y_i - \bar y)^2}} \qquad t = r \sqrt{\frac{n-2}{1-r^2}}"
)
st.markdown(
    "Se rechaza la hipótesis nula de no correlación cuando |t| supera el valor crítico "
    f"bilateral de la t de Student (para gl = 8 y α = 0.05, {num(rep.spearman.t_critical, 3)})."
    " La recta de mínimos cuadrados (participación = a + b × brecha) se ajusta con "
    "scikit-learn (LinearRegression); R² es la proporción de la varianza explicada."
)

st.header("3. La regla del mínimo garantizado")
st.markdown(
    "Las participaciones son porcentajes del presupuesto ejecutado total y siempre suman 100. "
    "Sean s_i las participaciones de las brechas incluidas, f_i sus pisos y F el mínimo "
    "garantizado. El aumento necesario, el menor posible, es:"
)
st.latex(r"T = \max\Big(\sum_i \max(s_i, f_i),\; F\Big) - \sum_i s_i")
st.markdown(
    """
- Primero cada brecha sube hasta su piso; el resto de T se reparte **según la brecha**
  (en proporción al tamaño de cada brecha), **en partes iguales**, o **con pesos manuales**.
  Si todos los pesos son cero, se reparte en partes iguales y se avisa.
- **Nunca se quita dinero a una brecha prioritaria.** T sale del resto del presupuesto; la
  **parte protegida** (planillas, gasto corriente) no se recorta. Las brechas excluidas ni
  reciben ni ceden.
- Quien cede, cede en proporción a lo que puede ceder: pago_j = T × c_j / Σ c.
- **Factibilidad.** Si T supera lo que se puede liberar (Σ c), la regla no es factible. No se
  recorta en silencio: se informa el mayor mínimo factible, F_max = Σ s_i + Σ c, y se aplica.
- **Vista sectores** (Tabla 3, 16 funciones): la regla protege las funciones con brecha
  igual o mayor que el umbral; pagan las demás funciones no bloqueadas. Al fijar a mano la
  participación de una función, las demás funciones no bloqueadas absorben la diferencia en
  proporción a su tamaño; las funciones fijadas o bloqueadas no se mueven.
- **Dinero movido** = cambio en puntos × presupuesto ejecutado / 100, con presupuesto
  ejecutado = PIM × tasa de ejecución.
"""
)

st.header("4. Cobertura proyectada")
st.markdown(
    "Para cada brecha con un costo por persona, con población P, fracción de la población a "
    "la que se aplica la brecha b, presupuesto B (PIM), tasa de ejecución e y costo unitario c:"
)
st.latex(
    r"U_0 = \frac{\text{brecha}}{100}\, P\, b \qquad N = \frac{s}{100}\, \frac{B\, e}{c} "
    r"\qquad U_t = \max(0,\; U_0 - t N) \qquad \text{años} = U_0 / N"
)
st.markdown(
    "Es una proyección lineal con supuestos visibles: no modela el crecimiento de la "
    "población, el mantenimiento ni los rendimientos decrecientes. La banda va del costo "
    "bajo al alto."
)
typical = defaults_used(inputs)
st.markdown(
    "**Distrito típico de Puno** (valores por defecto del simulador). Las brechas de la "
    "proyección son las de la Tabla 2 del estudio, y el presupuesto ejecutado es PIM × tasa "
    "de ejecución:"
)
st.dataframe(
    pd.DataFrame(
        {
            "Dato": typical["key"].map(
                {
                    "pim": "PIM anual",
                    "execution_pct": "Tasa de ejecución",
                    "population": "Población",
                    "executed": "Presupuesto ejecutado",
                }
            ),
            "Valor": [
                soles(v) if u == "S/" else pct(v) if u == "%" else num(v)
                for v, u in zip(typical["value"], typical["unit"], strict=True)
            ],
            "Estadístico": typical["statistic"],
            "Fuente": typical["source"],
        }
    ),
    hide_index=True,
    width="stretch",
)
costs = inputs.unit_costs
label = dict(zip(inputs.priority["gap_id"], inputs.priority["label"], strict=True))
st.markdown(
    "**Costos por persona.** No se encontró un costo oficial por persona («línea de corte»). "
    "Para agua, desagüe y electricidad, las cifras salen de montos públicos de obras (MVCS, "
    "MINEM) divididos por sus beneficiarios: la división es del proyecto. La banda (bajo a "
    "alto) abarca las cifras urbanas y rurales; un distrito rural está cerca del extremo alto. "
    "La anemia sigue siendo un supuesto ilustrativo. Todos son **supuestos** que usted puede "
    "cambiar en el simulador. " + RURALITY_NOTE
)
st.dataframe(
    pd.DataFrame(
        {
            "Brecha": costs["gap_id"].map(label),
            "Se proyecta": costs["projectable"].map({True: "sí", False: "no"}),
            "Unidad": costs["unit"],
            "Costo bajo / central / alto": [
                "—" if pd.isna(c) else f"{soles(lo)} / {soles(c)} / {soles(hi)}"
                for lo, c, hi in zip(
                    costs["cost_low"], costs["cost_central"], costs["cost_high"], strict=True
                )
            ],
            "Central urbano / rural": [
                "—" if pd.isna(u) else f"{soles(u)} / {soles(r)}"
                for u, r in zip(costs["cost_urban"], costs["cost_rural"], strict=True)
            ],
            "Tipo": costs["kind"],
            "Nota": costs["note"],
            "Fuente": costs["source"],
        }
    ),
    hide_index=True,
    width="stretch",
)

st.markdown(
    "**Lo que necesita cada brecha.** Para cerrar una brecha dentro del horizonte de N años "
    "hace falta gastar cada año U₀ × c / N soles (personas sin el servicio por costo por "
    "persona, entre los años). El Simulador lo muestra por brecha, con la banda de costos, y "
    "avisa cuando el aumento de la regla va más allá de eso: pasado ese punto la brecha ya se "
    "cerró y, en la proyección, ese dinero no cubre a nadie más (serviría en las brechas que "
    "no se cierran a tiempo, en las que no tienen costo por persona o en el resto del "
    "presupuesto). Territorios lo suma municipalidad por municipalidad."
)
st.markdown(
    "**¿Qué mínimo necesito?** Con una meta por brecha (cerrarla, o bajarla a X %, dentro "
    "del horizonte), la brecha i necesita una participación r_i = 100 × (U₀ − U) × c / N / E "
    "del presupuesto ejecutado E, donde U son las personas que la meta deja sin servicio. "
    "La participación de cada brecha crece por tramos rectos con el mínimo F (primero los "
    "pisos, después el aumento según el reparto), así que el menor F que alcanza cada meta "
    "tiene una fórmula exacta; el mínimo necesario es el mayor de ellos. Si pasa del máximo "
    "factible (lo que ya reciben las brechas más el resto no protegido), la meta no se "
    "alcanza con ese presupuesto y se dice por qué. Se calcula con los costos bajo, central y "
    "alto a la vez, y para cada municipalidad de un territorio en una sola operación "
    "vectorizada."
)
st.markdown(
    "**Reparto óptimo.** Reparte el aumento (lo que queda después de los pisos) para cubrir "
    "al mayor número de personas dentro del horizonte: un programa lineal (scipy, HiGHS) que "
    "maximiza Σ pᵢ xᵢ con Σ xᵢ ≤ aumento y 0 ≤ xᵢ ≤ lo que cierra la brecha i en el "
    "horizonte, donde pᵢ son las personas que cubre cada punto del presupuesto en la brecha "
    "i. Su solución llena primero la brecha más barata por persona, hasta que se cerraría; "
    "lo que ninguna brecha puede usar va a las brechas sin costo por persona. Respeta pisos, "
    "exclusiones y la parte protegida. Con un fondo para todo un territorio se resuelve el "
    "mismo programa entre todas sus municipalidades."
)

st.header("5. Alineación después de la regla")
st.markdown(
    "Se recalculan Spearman, Pearson y la recta con las nuevas participaciones, y se dibuja ρ "
    "y r para cada mínimo F de 0 a 100 % (una sola evaluación vectorizada). Se marca el menor "
    "F desde el que la correlación es positiva y significativa (t > t crítico, α = 0.05). En "
    "el gráfico, el umbral equivalente en el coeficiente es:"
)
st.latex(r"r_c = \frac{t_c}{\sqrt{n - 2 + t_c^2}}")

st.header("6. Territorios")
st.markdown(
    f"""
- **Presupuesto**: PIM, devengado y tasa de ejecución de cada municipalidad (MEF); para
  «promedio», el promedio de cada municipalidad en los años 2021-2023 en que tiene datos.
- **Brechas**: agua, desagüe y electricidad del Censo 2017 (INEI), brecha = 100 − cobertura.
  Para un territorio en conjunto, cada brecha se pondera por la población.
- **{territory.ESTIMATE_NOTE}**
- **La regla** se aplica a la vez a cada municipalidad con sus propias cifras, en una sola
  evaluación vectorizada; la misma municipalidad da el mismo resultado sola o dentro del Perú.
- **Alineación entre distritos**: Spearman y Pearson entre la brecha promedio de cada
  distrito (promedio simple de las tres, en % de su población) y lo que recibe. Como la
  participación se estima por departamento, dentro de un departamento se mide con los soles
  por habitante, que sí varían.
- **Tamaño de la población**: {"; ".join(label for label, _, _ in territory.SIZE_CLASSES)}
  habitantes (cada clase incluye su límite inferior).
"""
)

st.header("7. El enlace")
st.markdown(
    "El escenario completo vive en los parámetros del enlace; al copiar la barra de "
    "direcciones se comparte exactamente. Un valor mal escrito se ignora y uno fuera de rango "
    "se ajusta al límite, siempre con un aviso. Nada del enlace se ejecuta."
)
st.dataframe(
    pd.DataFrame(PARAMETERS, columns=["Parámetro", "Significado", "Valores"]),
    hide_index=True,
    width="stretch",
)
st.markdown(
    "Identificadores de las brechas: "
    + ", ".join(f"`{g}` ({label[g]})" for g in inputs.priority["gap_id"])
    + ". Las funciones se identifican por su código del MEF (por ejemplo `18` Saneamiento)."
)

st.header("8. Límites")
st.markdown(
    """
- Los 13 distritos del estudio no están identificados: sus tablas son promedios y la
  proyección usa un distrito típico de Puno.
- Una correlación baja muestra desalineación, no su causa.
- El Censo es de 2017; las brechas actuales pueden ser menores.
- El gasto por brecha de cada distrito es una estimación a partir de su departamento; un
  importador de los datos del MEF por distrito (tarea pendiente) lo reemplazará por el real.
"""
)
