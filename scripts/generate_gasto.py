"""Write a synthetic MEF "Presupuesto y Ejecución de Gasto" CSV of any size, in the official format.

Usage::

    python scripts/generate_gasto.py OUT.csv --rows 2000000 [--year 2024] [--seed 1]

The file has the official 63 columns in order, a UTF-8 BOM, a header row, comma separators,
text fields in double quotes (names contain commas) and amounts as plain decimals with a dot.
Rows follow the rules of the real data (``../shared/docs/peru-budget-data.md``): ``MES_EJE =
0`` rows carry PIA and PIM with zero execution, monthly rows carry devengado (a few negative
adjustments) with zero PIA/PIM; about 85 % of rows are municipalities (``NIVEL_GOBIERNO =
'M'``, SECTOR and PLIEGO empty), the rest regional and national governments; projects are
``TIPO_ACT_PROY = '2'`` with a 7-digit CUI and a name built like MEF's (intervention +
service + place), activities ``'3'``. Municipalities are the real districts of
``data/districts.csv`` (ubigeo and names), so imported figures join to the app's tables.

It exists to test and benchmark the full-year path (``scripts/build_data.py --gasto``) and the
upload reader without the 7-10 GB real files. The output is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from brechas_core.imports.common import FUNCTION_NAMES, plain  # noqa: E402
from brechas_core.imports.mef_csv import COLUMNS  # noqa: E402

CHUNK = 250_000
PROJECTS_PER_ENTITY = 24

#: Project name stems (intervention + service) and their function.
PROJECT_STEMS = (
    ("MEJORAMIENTO Y AMPLIACION DEL SERVICIO DE AGUA POTABLE", "18"),
    ("CREACION DEL SERVICIO DE ALCANTARILLADO Y TRATAMIENTO DE AGUAS RESIDUALES", "18"),
    ("MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE Y SANEAMIENTO BASICO", "18"),
    ("AMPLIACION DEL SERVICIO DE ENERGIA ELECTRICA MEDIANTE SISTEMA CONVENCIONAL", "12"),
    ("MEJORAMIENTO DEL SERVICIO DE TRANSITABILIDAD VEHICULAR Y PEATONAL", "15"),
    ("MEJORAMIENTO DEL CAMINO VECINAL", "15"),
    ("CREACION DEL SERVICIO DE PRACTICA DEPORTIVA Y/O RECREATIVA (LOSA MULTIDEPORTIVA)", "21"),
    ("MEJORAMIENTO DEL SERVICIO DE EDUCACION INICIAL", "22"),
    ("MEJORAMIENTO DEL SERVICIO DE AGUA PARA RIEGO DEL CANAL", "10"),
    ("CREACION DEL SERVICIO DE MOVILIDAD URBANA (PISTAS Y VEREDAS)", "15"),
    ("MEJORAMIENTO DE LOS SERVICIOS DE SALUD DEL PUESTO DE SALUD", "20"),
    ("CREACION DEL CENTRO COMUNAL (SALON DE USOS MULTIPLES)", "23"),
)
ACTIVITY_FUNCTIONS = ("03", "03", "03", "05", "17", "17", "18", "23", "15", "20", "22", "12")
ACTIVITIES = (
    "ACCIONES COMUNES",
    "GESTION ADMINISTRATIVA",
    "MANTENIMIENTO DE VIAS",
    "GESTION INTEGRAL DE RESIDUOS SOLIDOS",
    "OPERACION Y MANTENIMIENTO DEL SERVICIO DE AGUA",
    "PROGRAMA DE VASO DE LECHE",
)
FUENTES = (
    ("1", "RECURSOS ORDINARIOS", "00", "RECURSOS ORDINARIOS"),
    ("2", "RECURSOS DIRECTAMENTE RECAUDADOS", "09", "RECURSOS DIRECTAMENTE RECAUDADOS"),
    ("5", "RECURSOS DETERMINADOS", "07", "FONDO DE COMPENSACION MUNICIPAL"),
    (
        "5",
        "RECURSOS DETERMINADOS",
        "18",
        "CANON Y SOBRECANON, REGALIAS, RENTA DE ADUANAS Y PARTICIPACIONES",
    ),
)


def _entities(districts: pd.DataFrame) -> pd.DataFrame:
    d = districts.sort_values("ubigeo").reset_index(drop=True)
    capital = d["ubigeo"].str.endswith("01")
    name = np.where(
        capital,
        "MUNICIPALIDAD PROVINCIAL DE " + d["province_upper"],
        "MUNICIPALIDAD DISTRITAL DE " + d["district_upper"],
    )
    return pd.DataFrame(
        {
            "ubigeo": d["ubigeo"],
            "dep": d["ubigeo"].str[:2],
            "prov": d["ubigeo"].str[2:4],
            "dist": d["ubigeo"].str[4:6],
            "dep_name": d["department_upper"],
            "prov_name": d["province_upper"],
            "dist_name": d["district_upper"],
            "sec_ejec": [str(300001 + i) for i in range(len(d))],
            "name": name,
        }
    )


def load_entities() -> pd.DataFrame:
    """Every district municipality of ``data/districts.csv``, with an executing-unit code."""
    districts = pd.read_csv(REPO_ROOT / "data" / "districts.csv", dtype=str, keep_default_na=False)
    return _entities(districts)


def _take(values, index: np.ndarray) -> pa.Array:
    return pc.take(pa.array(list(values), type=pa.string()), pa.array(index))


def chunk(
    start: int, n: int, *, year: int, rng: np.random.Generator, entities: pd.DataFrame
) -> pa.Table:
    """Rows ``start`` to ``start + n`` of a file, as an Arrow table of the 63 columns."""
    k = len(entities)
    # Some municipalities have much more spending (and rows) than others, as in reality.
    weights = 1.0 / (1.0 + np.arange(k) % 97)
    weights /= weights.sum()
    e = rng.choice(k, size=n, p=weights)
    level_draw = rng.random(n)
    level = np.where(level_draw < 0.85, 0, np.where(level_draw < 0.95, 1, 2))  # M, R, E
    month = rng.integers(0, 13, size=n)
    is_project = rng.random(n) < 0.35
    j = rng.integers(0, PROJECTS_PER_ENTITY, size=n)
    project_id = e * PROJECTS_PER_ENTITY + j
    stem = project_id % len(PROJECT_STEMS)
    activity = rng.integers(0, len(ACTIVITIES), size=n)
    act_function = rng.integers(0, len(ACTIVITY_FUNCTIONS), size=n)
    fuente = rng.integers(0, len(FUENTES), size=n)

    ent = entities
    dep = ent["dep"].to_numpy()[e]
    # Regional and national rows sit in the department's capital (province 01, district 01).
    prov = np.where(level == 0, ent["prov"].to_numpy()[e], "01")
    dist = np.where(level == 0, ent["dist"].to_numpy()[e], "01")

    stem_fn = np.array([f for _, f in PROJECT_STEMS])
    function = np.where(
        is_project, stem_fn[stem], np.array(ACTIVITY_FUNCTIONS)[act_function]
    ).astype(object)
    cui = np.where(is_project, 2_000_000 + project_id % 7_999_999, 3_000_001 + activity)
    places = (
        " EN LA LOCALIDAD DE "
        + ent["dist_name"]
        + ", DISTRITO DE "
        + ent["dist_name"]
        + " - PROVINCIA DE "
        + ent["prov_name"]
        + " - DEPARTAMENTO DE "
        + ent["dep_name"]
    ).to_numpy()
    # Project names: stem + place of the entity (built for the distinct (stem, entity) pairs).
    pair = stem * k + e
    uniq, inverse = np.unique(pair, return_inverse=True)
    names = [PROJECT_STEMS[u // k][0] + places[u % k] for u in uniq]
    project_name = pc.take(pa.array(names, type=pa.string()), pa.array(inverse))
    activity_name = _take(ACTIVITIES, activity)
    product_name = pc.if_else(pa.array(is_project), project_name, activity_name)

    # Amounts in cents: MES_EJE 0 carries PIA and PIM, months carry the flows.
    opening = month == 0
    pia = np.where(opening, rng.integers(0, 50_000_000, size=n), 0)
    pim = np.where(opening, (pia * rng.uniform(0.8, 1.8, size=n)).astype(np.int64), 0)
    flow = rng.integers(0, 4_000_000, size=n)
    flow = np.where(rng.random(n) < 0.03, -flow // 10, flow)
    dev = np.where(opening, 0, flow)
    cert = np.where(opening, 0, np.abs(flow) + rng.integers(0, 100_000, size=n))
    comp_anual = np.where(opening, 0, np.abs(flow) + rng.integers(0, 50_000, size=n))
    comp = np.where(opening, 0, np.abs(flow))
    gir = np.where(opening, 0, (dev * 0.98).astype(np.int64))

    level_code = np.array(["M", "R", "E"])[level]
    level_name = np.array(["GOBIERNOS LOCALES", "GOBIERNOS REGIONALES", "GOBIERNO NACIONAL"])[level]
    sector = np.where(level == 0, "", np.where(level == 1, "99", "01"))
    sector_name = np.where(
        level == 0,
        "",
        np.where(level == 1, "GOBIERNOS REGIONALES", "PRESIDENCIA CONSEJO MINISTROS"),
    )
    pliego = np.where(level == 0, "", np.where(level == 1, "4" + dep.astype(object) + "0", "001"))
    pliego_name = np.where(
        level == 0,
        "",
        np.where(level == 1, "GOBIERNO REGIONAL", "PRESIDENCIA DEL CONSEJO DE MINISTROS"),
    )
    sec_ejec = np.where(
        level == 0, ent["sec_ejec"].to_numpy()[e], np.where(level == 1, "00" + dep, "000001")
    )
    ejecutora_name = np.where(
        level == 0,
        ent["name"].to_numpy()[e],
        np.where(
            level == 1, "REGION " + ent["dep_name"].to_numpy()[e], "PCM-ADMINISTRACION GENERAL"
        ),
    )
    fn_names = {c: plain(n) for c, n in FUNCTION_NAMES.items()}
    f_idx = {c: i for i, c in enumerate(fn_names)}
    fn_index = np.array([f_idx[f] for f in function])
    fuente_cols = list(zip(*FUENTES, strict=True))

    def s(values) -> pa.Array:
        return pa.array(np.asarray(values, dtype=object), type=pa.string())

    def money(cents: np.ndarray) -> pa.Array:
        # Whole cents / 100 is exact to two decimals for these magnitudes.
        return pa.array(cents / 100.0).cast(pa.decimal128(20, 2))

    row = np.arange(start, start + n)
    data = {
        "ANO_EJE": s(np.full(n, str(year), dtype=object)),
        "MES_EJE": s(month.astype(str)),
        "NIVEL_GOBIERNO": s(level_code),
        "NIVEL_GOBIERNO_NOMBRE": s(level_name),
        "SECTOR": s(sector),
        "SECTOR_NOMBRE": s(sector_name),
        "PLIEGO": s(pliego),
        "PLIEGO_NOMBRE": s(pliego_name),
        "SEC_EJEC": s(sec_ejec),
        "EJECUTORA": s(np.full(n, "001", dtype=object)),
        "EJECUTORA_NOMBRE": s(ejecutora_name),
        "DEPARTAMENTO_EJECUTORA": s(dep),
        "DEPARTAMENTO_EJECUTORA_NOMBRE": s(ent["dep_name"].to_numpy()[e]),
        "PROVINCIA_EJECUTORA": s(prov),
        "PROVINCIA_EJECUTORA_NOMBRE": s(ent["prov_name"].to_numpy()[e]),
        "DISTRITO_EJECUTORA": s(dist),
        "DISTRITO_EJECUTORA_NOMBRE": s(ent["dist_name"].to_numpy()[e]),
        "SEC_FUNC": s(((row % 400) + 1).astype(str)),
        "PROGRAMA_PPTO": s(np.where(is_project, "0083", "9001")),
        "PROGRAMA_PPTO_NOMBRE": s(
            np.where(
                is_project,
                "PROGRAMA NACIONAL DE SANEAMIENTO RURAL",
                "ACCIONES CENTRALES",
            )
        ),
        "TIPO_ACT_PROY": s(np.where(is_project, "2", "3")),
        "TIPO_ACT_PROY_NOMBRE": s(np.where(is_project, "PROYECTO", "ACTIVIDAD")),
        "PRODUCTO_PROYECTO": s(cui.astype(str)),
        "PRODUCTO_PROYECTO_NOMBRE": product_name,
        "ACTIVIDAD_ACCION_OBRA": s(np.where(is_project, "4000050", "5000003")),
        "ACTIVIDAD_ACCION_OBRA_NOMBRE": s(
            np.where(is_project, "CONSTRUCCION DE INFRAESTRUCTURA", "GESTION ADMINISTRATIVA")
        ),
        "FUNCION": s(function),
        "FUNCION_NOMBRE": _take(fn_names.values(), fn_index),
        "DIVISION_FUNCIONAL": s(np.full(n, "006", dtype=object)),
        "DIVISION_FUNCIONAL_NOMBRE": s(np.full(n, "GESTION", dtype=object)),
        "GRUPO_FUNCIONAL": s(np.full(n, "0008", dtype=object)),
        "GRUPO_FUNCIONAL_NOMBRE": s(np.full(n, "ASESORAMIENTO Y APOYO", dtype=object)),
        "META": s(((row % 60) + 1).astype(str)),
        "FINALIDAD": s(((row % 90000) + 10000).astype(str)),
        "META_NOMBRE": product_name,
        "DEPARTAMENTO_META": s(dep),
        "DEPARTAMENTO_META_NOMBRE": s(ent["dep_name"].to_numpy()[e]),
        "FUENTE_FINANCIAMIENTO": _take(fuente_cols[0], fuente),
        "FUENTE_FINANCIAMIENTO_NOMBRE": _take(fuente_cols[1], fuente),
        "RUBRO": _take(fuente_cols[2], fuente),
        "RUBRO_NOMBRE": _take(fuente_cols[3], fuente),
        "TIPO_RECURSO": s(np.full(n, "0", dtype=object)),
        "TIPO_RECURSO_NOMBRE": s(np.full(n, "SIN TIPO DE RECURSO", dtype=object)),
        "CATEGORIA_GASTO": s(np.where(is_project, "6", "5")),
        "CATEGORIA_GASTO_NOMBRE": s(np.where(is_project, "GASTOS DE CAPITAL", "GASTOS CORRIENTES")),
        "TIPO_TRANSACCION": s(np.full(n, "2", dtype=object)),
        "GENERICA": s(np.where(is_project, "6", "3")),
        "GENERICA_NOMBRE": s(
            np.where(is_project, "ADQUISICION DE ACTIVOS NO FINANCIEROS", "BIENES Y SERVICIOS")
        ),
        "SUBGENERICA": s(np.full(n, "1", dtype=object)),
        "SUBGENERICA_NOMBRE": s(
            np.full(n, "CONSTRUCCION DE EDIFICIOS Y ESTRUCTURAS", dtype=object)
        ),
        "SUBGENERICA_DET": s(np.full(n, "1", dtype=object)),
        "SUBGENERICA_DET_NOMBRE": s(np.full(n, "EDIFICIOS Y ESTRUCTURAS", dtype=object)),
        "ESPECIFICA": s(np.full(n, "4", dtype=object)),
        "ESPECIFICA_NOMBRE": s(np.full(n, "INFRAESTRUCTURA", dtype=object)),
        "ESPECIFICA_DET": s(np.full(n, "3", dtype=object)),
        "ESPECIFICA_DET_NOMBRE": s(np.full(n, "OTRAS ESTRUCTURAS", dtype=object)),
        "MONTO_PIA": money(pia),
        "MONTO_PIM": money(pim),
        "MONTO_CERTIFICADO": money(cert),
        "MONTO_COMPROMETIDO_ANUAL": money(comp_anual),
        "MONTO_COMPROMETIDO": money(comp),
        "MONTO_DEVENGADO": money(dev),
        "MONTO_GIRADO": money(gir),
    }
    assert list(data) == list(COLUMNS)
    return pa.table(data)


def write(path: Path, rows: int, *, year: int = 2024, seed: int = 1, progress=None) -> int:
    """Write ``rows`` data rows to ``path``; return the size in bytes."""
    with open(path, "wb") as raw:
        stream(raw, rows, year=year, seed=seed, progress=progress)
    return path.stat().st_size


def stream(
    raw,
    rows: int,
    *,
    year: int = 2024,
    seed: int = 1,
    entities: pd.DataFrame | None = None,
    progress=None,
) -> None:
    """Write the BOM, the header and ``rows`` data rows to a binary stream."""
    rng = np.random.default_rng(seed)
    entities = load_entities() if entities is None else entities
    options = pacsv.WriteOptions(include_header=False)
    raw.write(b"\xef\xbb\xbf" + (",".join(COLUMNS) + "\n").encode())
    done = 0
    while done < rows:
        n = min(CHUNK, rows - done)
        pacsv.write_csv(chunk(done, n, year=year, rng=rng, entities=entities), raw, options)
        done += n
        if progress:
            progress(done, rows)


def to_bytes(rows: int, *, year: int = 2024, seed: int = 1, ubigeos=None) -> bytes:
    """A small file in memory (for tests), optionally for a few municipalities only."""
    entities = load_entities()
    if ubigeos is not None:
        entities = entities[entities["ubigeo"].isin(list(ubigeos))].reset_index(drop=True)
    out = io.BytesIO()
    stream(out, rows, year=year, seed=seed, entities=entities)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="CSV file to write")
    parser.add_argument("--rows", type=int, default=100_000, help="data rows (default 100,000)")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,} / {total:,} rows", end="", file=sys.stderr, flush=True)

    size = write(args.out, args.rows, year=args.year, seed=args.seed, progress=progress)
    print(
        f"\n{args.out}: {args.rows:,} rows, {size / 1e6:,.1f} MB in "
        f"{time.perf_counter() - start:.1f} s",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
