"""Build the project's own ``data/`` tables from the raw public files.

Usage::

    python scripts/build_data.py                 # raw files from ../shared/data/raw
    python scripts/build_data.py --raw DIR --out data
    python scripts/build_data.py --manifest      # only refresh data/manifest.json

Every build ends by writing ``data/manifest.json`` (size, SHA-256 and rows of every file in
``data/``; see ``brechas_core/manifest.py``), which the app checks on start. After changing
any file in ``data/`` by other means (another script, a rebase), refresh it with
``--manifest``.

``data/projects_by_gap.csv`` (Invierte.pe projects classified into gaps) is built by its own
script, ``python scripts/build_projects.py``, from ``invierte/*.xlsx``.

The build is reproducible: rows are sorted, floats are written with a fixed number of
decimals, and nothing depends on the clock, so running it twice leaves ``git status`` clean.
The app never reads the raw directory; it reads only what this script writes (see
``data/README.md`` for the data dictionary).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import duckdb
import pandas as pd
from shapely.geometry import mapping, shape

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from brechas_core import manifest  # noqa: E402

DEFAULT_RAW = REPO_ROOT.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO_ROOT / "data"

YEARS = (2021, 2022, 2023)
LOCAL = "GOBIERNOS LOCALES"
PUNO = "21"

# Degrees; 0.001 deg is about 110 m at Peru's latitudes, invisible at district-map zoom.
SIMPLIFY_TOLERANCE = 0.001
COORD_DECIMALS = 4  # about 11 m

# MEF FUNCION codes (peru-budget-data.md) keyed by the upper-case name used in the data.
FUNCTIONS: dict[str, tuple[str, str]] = {
    "LEGISLATIVA": ("01", "Legislativa"),
    "RELACIONES EXTERIORES": ("02", "Relaciones exteriores"),
    "PLANEAMIENTO, GESTION Y RESERVA DE CONTINGENCIA": (
        "03",
        "Planeamiento, gestión y reserva de contingencia",
    ),
    "DEFENSA Y SEGURIDAD NACIONAL": ("04", "Defensa y seguridad nacional"),
    "ORDEN PUBLICO Y SEGURIDAD": ("05", "Orden público y seguridad"),
    "JUSTICIA": ("06", "Justicia"),
    "TRABAJO": ("07", "Trabajo"),
    "COMERCIO": ("08", "Comercio"),
    "TURISMO": ("09", "Turismo"),
    "AGROPECUARIA": ("10", "Agropecuaria"),
    "PESCA": ("11", "Pesca"),
    "ENERGIA": ("12", "Energía"),
    "MINERIA": ("13", "Minería"),
    "INDUSTRIA": ("14", "Industria"),
    "TRANSPORTE": ("15", "Transporte"),
    "COMUNICACIONES": ("16", "Comunicaciones"),
    "AMBIENTE": ("17", "Ambiente"),
    "SANEAMIENTO": ("18", "Saneamiento"),
    "VIVIENDA Y DESARROLLO URBANO": ("19", "Vivienda y desarrollo urbano"),
    "SALUD": ("20", "Salud"),
    "CULTURA Y DEPORTE": ("21", "Cultura y deporte"),
    "EDUCACION": ("22", "Educación"),
    "PROTECCION SOCIAL": ("23", "Protección social"),
    "PREVISION SOCIAL": ("24", "Previsión social"),
    "DEUDA PUBLICA": ("25", "Deuda pública"),
}

# Department names with their accents (INEI writes them upper case without accents).
DEPARTMENTS: dict[str, str] = {
    "01": "Amazonas",
    "02": "Áncash",
    "03": "Apurímac",
    "04": "Arequipa",
    "05": "Ayacucho",
    "06": "Cajamarca",
    "07": "Callao",
    "08": "Cusco",
    "09": "Huancavelica",
    "10": "Huánuco",
    "11": "Ica",
    "12": "Junín",
    "13": "La Libertad",
    "14": "Lambayeque",
    "15": "Lima",
    "16": "Loreto",
    "17": "Madre de Dios",
    "18": "Moquegua",
    "19": "Pasco",
    "20": "Piura",
    "21": "Puno",
    "22": "San Martín",
    "23": "Tacna",
    "24": "Tumbes",
    "25": "Ucayali",
}

STUDY = (
    "Apaza, Trigos, Pacheco, Mamani, Quispe y Rojas (2025), «Brechas y presupuesto en el sur "
    "del Perú: una visión desde sistemas informáticos», Gestionar 5(1), 32-45, Tabla 2 (CC BY 4.0)"
)
PNS_2017 = (
    "Plan Nacional de Saneamiento 2017-2021 (D.S. 018-2017-VIVIENDA), según El Comercio, "
    "«La tragedia de los servicios de agua y saneamiento en el Perú»: cerrar las brechas de agua "
    "(3,4 millones de personas) y alcantarillado (8,3 millones) costaría S/ 49 500 millones, 80 % "
    "para ampliar cobertura (≈ S/ 3 400 por persona y servicio, soles de 2016-2017); "
    "https://elcomercio.pe/economia/opinion/la-tragedia-de-los-servicios-de-agua-y-saneamiento-"
    "en-el-peru-noticia"
)
MINEM_2016 = (
    "MINEM vía Perú21, «Se ejecutó más del 98 % del presupuesto destinado a electrificación "
    "rural»: S/ 164 millones en 2016 para 148 000 habitantes (≈ S/ 1 110 por persona) y "
    "S/ 346,2 millones presupuestados en 2017 para 298 000 habitantes (≈ S/ 1 160), soles "
    "nominales; http://cdn.peru21.e3.pe/economia/se-ejecuto-mas-98-presupuesto-destinado-"
    "electrificacion-rural-2266760"
)

# Public figures per person, from ../shared/docs/unit-costs.md (the division is ours).
PNSR_2019 = (
    "PNSR 2019 (MVCS): S/ 1,136.3 millones en 264 proyectos de agua y saneamiento rural para "
    "124,607 beneficiarios (≈ S/ 9,100 por beneficiario, ambos servicios); El Comercio, «MVCS: "
    "se culminaron 264 proyectos de agua y saneamiento rural» (2019)"
)
URBAN_2019 = (
    "MVCS, obras urbanas de agua y alcantarillado en Lima y Callao: S/ 2,066 millones para "
    "680,000 personas (≈ S/ 3,000 por persona, ambos servicios); Diario Correo / El Comercio, "
    "«Agua potable: Ministerio de Vivienda alista seis obras…»"
)
ELEC_2021 = (
    "MINEM 2021: S/ 219.56 millones para 125,500 personas (≈ S/ 1,750 por persona); "
    "La República, 2022-01-02"
)
ELEC_2022 = (
    "MINEM 2022: S/ 102.2 millones para 39,000 personas (≈ S/ 2,620 por persona); Andina, "
    "2022-07-25"
)
ELEC_2025 = (
    "MINEM 2025: S/ 222 millones para 73,000 personas (≈ S/ 3,040 por persona); nota del "
    "MINEM, 2025-09-29"
)
GRADE_2012 = (
    "GRADE (Alcázar 2012): la anemia cuesta S/ 2,777 millones a la sociedad; el Estado gasta "
    "S/ 22 millones en tratarla y S/ 18 millones en prevenirla (sin cifra por niño); grade.org.pe"
)
DIVISION = "Cifras por persona calculadas por el proyecto dividiendo montos públicos: "
SANITATION_NOTE = (
    "{what}: bajo = costo urbano (S/ 3,000 por persona para agua y alcantarillado juntos, la "
    "mitad para cada servicio); alto = costo rural de ambos servicios (S/ 9,100) si un solo "
    "servicio cargara con la obra; central = referencia nacional del PNS (S/ 3,400 por persona y "
    "servicio). En cada distrito el valor central va del urbano (S/ 1,500) al rural (S/ 4,550, la "
    "mitad de S/ 9,100) según su ruralidad. El usuario puede cambiarlo."
)


def _sanitation(gap_id: str, what: str) -> dict[str, object]:
    """Water and sewerage share one band: the public works cost both services together."""
    return {
        "gap_id": gap_id,
        "projectable": True,
        "unit": "persona",
        "base_share": 1.0,
        "cost": (1500, 3400, 9100),
        "ends": (1500, 4550),
        "kind": "referencia pública",
        "source": DIVISION + "; ".join([URBAN_2019, PNSR_2019, PNS_2017]),
        "note": SANITATION_NOTE.format(what=what),
    }


def _not_costed(gap_id: str, unit: str, base_share: float | None, note: str) -> dict:
    """A gap the projection does not cost (no citable cost per unit): ``note`` says why."""
    return {
        "gap_id": gap_id,
        "projectable": False,
        "unit": unit,
        "base_share": base_share,
        "cost": None,
        "kind": "supuesto ilustrativo",
        "source": STUDY,
        "note": note,
    }


# Unit costs: S/ per person (soles of the source year). The band (low-high) spans urban and
# rural figures; ``cost_urban``/``cost_rural`` are the two ends a district's rurality
# interpolates for its central value (brechas_core.costs); ``cost_central`` is the value
# when no district is known (a national reference).
UNIT_COSTS: list[dict[str, object]] = [
    _sanitation("agua", "Agua por red pública"),
    _sanitation("desague", "Alcantarillado o unidad básica de saneamiento"),
    {
        "gap_id": "electricidad",
        "projectable": True,
        "unit": "persona",
        "base_share": 1.0,
        "cost": (1750, 2620, 3040),
        "ends": (1750, 2620),
        "kind": "referencia pública",
        "source": DIVISION + "; ".join([ELEC_2021, ELEC_2022, ELEC_2025, MINEM_2016]),
        "note": "Electrificación rural por persona: bajo, central y alto son las obras del "
        "MINEM de 2021, 2022 y 2025. No se encontró una cifra urbana: el extremo urbano usa la "
        "más baja (S/ 1,750) y el rural la central (S/ 2,620). El usuario puede cambiarlo.",
    },
    _not_costed(
        "tres_servicios",
        "persona",
        1.0,
        "Indicador compuesto: se cierra al cerrar agua, desagüe y electricidad, por lo "
        "que no se le asigna un costo propio para no contarlo dos veces.",
    ),
    _not_costed(
        "desnutricion",
        "niño o niña menor de 5 años",
        0.08,
        "Indicador multicausal (salud, agua, alimentación) sin un costo unitario de "
        "cierre citable; la base de 8 % de la población es una aproximación ilustrativa.",
    ),
    {
        "gap_id": "anemia",
        "projectable": True,
        "unit": "niño o niña de 6 a 35 meses",
        "base_share": 0.04,
        "cost": (200, 500, 1000),
        "ends": (500, 500),
        "kind": "supuesto ilustrativo",
        "source": "Supuesto ilustrativo del proyecto: no se encontró un costo oficial por niño "
        "(MIDIS/MINSA) en las fuentes consultadas (" + GRADE_2012 + "); definición de la "
        "brecha según " + STUDY,
        "note": "Costo ilustrativo por niño que sale de la anemia (tamizaje, suplemento de "
        "hierro, consejería) y base aproximada de 4 % de la población; la proyección no modela "
        "la renovación de la cohorte (nuevos nacimientos), así que es optimista. El usuario "
        "puede cambiar ambos valores.",
    },
    _not_costed(
        "asegurados",
        "persona",
        1.0,
        "La afiliación a un seguro de salud (SIS) depende del gobierno nacional y no de "
        "una inversión municipal con costo por persona.",
    ),
    _not_costed(
        "locales_estado",
        "local público",
        None,
        "La unidad son locales públicos (edificios), no personas.",
    ),
    _not_costed(
        "locales_servicios",
        "local público",
        None,
        "La unidad son locales públicos (edificios), no personas.",
    ),
    _not_costed(
        "pea_inactiva",
        "persona en edad de trabajar",
        None,
        "Es un resultado del mercado laboral sin un costo de inversión por persona que lo cierre.",
    ),
]


# --------------------------------------------------------------------------------------
# Formatting helpers: fixed decimals so that the CSV bytes do not depend on float repr.
# --------------------------------------------------------------------------------------


def fmt(series: pd.Series, decimals: int) -> pd.Series:
    """Format numbers with a fixed number of decimals; missing values become ''."""
    return series.map(
        lambda v: "" if pd.isna(v) else f"{round(float(v), decimals) + 0.0:.{decimals}f}"
    )


def write_csv(df: pd.DataFrame, path: Path) -> None:
    df.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")


def strip_accents(text: str) -> str:
    """Upper-case key without acute accents or diaeresis (Ñ is kept: it is in the source)."""
    out = []
    for ch in text.upper():
        if ch == "Ñ":
            out.append(ch)
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        out.append("".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    return "".join(out)


def accent_words(capitals: pd.Series) -> dict[str, str]:
    """Learn accented spellings word by word from the properly written capital names.

    ``ubigeo_distrito.csv`` writes district names in upper case without accents but capital
    names in proper case with accents ("Asunción"); a word whose accented form is at least
    as frequent as its plain form gets the accent.
    """
    forms: dict[str, Counter[str]] = {}
    for name in capitals.dropna():
        for word in re.split(r"[\s\-]+", str(name)):
            if not word:
                continue
            key = strip_accents(word)
            forms.setdefault(key, Counter())[word.capitalize()] += 1
    best: dict[str, str] = {}
    for key, counter in forms.items():
        accented = [(n, w) for w, n in counter.items() if strip_accents(w) != w.upper()]
        plain = sum(n for w, n in counter.items() if strip_accents(w) == w.upper())
        if accented:
            n, word = max(accented, key=lambda t: (t[0], t[1]))
            if n >= plain:
                best[key] = word
    return best


# Frequent name words that the capitals column does not teach (checked spellings).
EXTRA_WORDS = (
    "Román",
    "Martín",
    "Convención",
    "Marañón",
    "Rodríguez",
    "Amantaní",
    "Ángel",
    "Ángeles",
    "María",
    "José",
    "Jesús",
    "Andrés",
    "Nicolás",
    "Bartolomé",
    "Tomás",
    "Sebastián",
    "Agustín",
    "Simón",
    "Ramón",
    "Concepción",
    "Asunción",
    "Unión",
    "Perú",
    "Huánuco",
    "Junín",
    "Apurímac",
    "Cáceres",
    "Sánchez",
    "Carrión",
    "Áncash",
    "Jerónimo",
    "Bolívar",
    "Túpac",
)
EXTRA_ACCENTS = {w.upper().translate(str.maketrans("ÁÉÍÓÚÜ", "AEIOUU")): w for w in EXTRA_WORDS}
LOWER_WORDS = {"DE", "DEL", "Y", "E"}
ARTICLES = {"LA", "LAS", "LOS", "EL"}


def spanish_title(name: str, accents: dict[str, str]) -> str:
    """Readable Spanish title case: 'SAN JUAN DE LA FRONTERA' -> 'San Juan de la Frontera'."""
    words = name.split()
    out = []
    for i, word in enumerate(words):
        key = strip_accents(word)
        prev = strip_accents(words[i - 1]) if i else ""
        if i and (key in LOWER_WORDS or (key in ARTICLES and prev in {"DE", "DEL"})):
            out.append(word.lower())
            continue
        parts = [
            accents.get(strip_accents(p), EXTRA_ACCENTS.get(strip_accents(p), p.capitalize()))
            for p in word.split("-")
        ]
        out.append("-".join(parts))
    return " ".join(out)


# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------


def read_budgets(con: duckdb.DuckDBPyConnection, raw: Path) -> pd.DataFrame:
    files = [str(raw / f"por-distrito-{y}.json") for y in YEARS]
    return con.execute(
        """
        SELECT CAST(regexp_extract(filename, '(\\d{4})\\.json$', 1) AS INTEGER) AS year,
               ubigeo, distrito, nivel, pia, pim, devengado, girado
        FROM read_json(?, filename = true,
                       columns = {ubigeo: 'VARCHAR', departamento: 'VARCHAR',
                                  provincia: 'VARCHAR', distrito: 'VARCHAR', nivel: 'VARCHAR',
                                  pia: 'DOUBLE', pim: 'DOUBLE', devengado: 'DOUBLE',
                                  girado: 'DOUBLE'})
        """,
        [files],
    ).df()


def build_municipalities(budgets: pd.DataFrame) -> pd.DataFrame:
    m = budgets[budgets["nivel"] == LOCAL].copy()
    if m.duplicated(["ubigeo", "year"]).any():
        raise ValueError("more than one local-government row per (ubigeo, year)")
    bad = ~m["ubigeo"].str.fullmatch(r"\d{6}")
    if bad.any():
        raise ValueError(f"malformed ubigeo: {m.loc[bad, 'ubigeo'].tolist()}")
    m = m.sort_values(["ubigeo", "year"]).reset_index(drop=True)
    pct = (100 * m["devengado"] / m["pim"]).where(m["pim"] != 0, 0.0)
    return pd.DataFrame(
        {
            "ubigeo": m["ubigeo"],
            "year": m["year"],
            "pia": m["pia"].round(2),
            "pim": m["pim"].round(2),
            "devengado": m["devengado"].round(2),
            "girado": m["girado"].round(2),
            "execution_pct": pct.round(4),
        }
    )


#: Years read from the Consulta Amigable export (consulta-amigable/PROVENANCE): 2025 is partial.
CONSULTA_FILE = Path("consulta-amigable") / "municipalidades-2024-2025.xlsx"
CONSULTA_YEARS = {2024: False, 2025: True}


def build_consulta_years(raw: Path) -> pd.DataFrame:
    """2024 and 2025 (partial) per municipality from the real Consulta Amigable export.

    The portal's layout: ``Municipalidad`` is ``"210101-301593: MUNICIPALIDAD ..."`` (the
    ubigeo, then the executing unit) and amounts are text with thousands separators.
    """
    frame = pd.read_excel(raw / CONSULTA_FILE, dtype=str, engine="openpyxl")
    ubigeo = frame["Municipalidad"].str.extract(r"^(\d{6})-\d+:", expand=False)
    if ubigeo.isna().any():
        raise ValueError(f"Consulta Amigable rows without a ubigeo: {int(ubigeo.isna().sum())}")

    def amount(column: str) -> pd.Series:
        text = frame[column].str.replace(",", "", regex=False).str.strip()
        if not text.str.fullmatch(r"-?\d+(\.\d+)?").all():
            raise ValueError(f"non-numeric amounts in Consulta Amigable column {column!r}")
        return text.astype(float)

    out = pd.DataFrame(
        {
            "ubigeo": ubigeo,
            "year": frame["Año"].astype(int),
            "pia": amount("PIA"),
            "pim": amount("PIM"),
            "devengado": amount("Devengado"),
            "girado": amount("Girado"),
        }
    )
    out = out[out["year"].isin(list(CONSULTA_YEARS))]
    if out.duplicated(["ubigeo", "year"]).any():
        raise ValueError("more than one Consulta Amigable row per (ubigeo, year)")
    out["execution_pct"] = (100 * out["devengado"] / out["pim"]).where(out["pim"] != 0, 0.0)
    out["execution_pct"] = out["execution_pct"].round(4)
    out["partial"] = out["year"].map(CONSULTA_YEARS)
    return out.sort_values(["ubigeo", "year"], ignore_index=True)


def build_districts(
    con: duckdb.DuckDBPyConnection, raw: Path, budgets: pd.DataFrame, polygon_ids: set[str]
) -> pd.DataFrame:
    ubigeo = con.execute(
        "SELECT * FROM read_csv(?, all_varchar = true, header = true)",
        [str(raw / "ubigeo_distrito.csv")],
    ).df()
    # One row has inei = 'NA' (a district created after that table's codes were drawn);
    # it has no INEI code there, so it cannot be joined and is dropped.
    ubigeo = ubigeo[ubigeo["inei"].str.fullmatch(r"\d{6}", na=False)]
    indicators = con.execute(
        """
        SELECT ubigeo, pob, agua, desague, electricidad, pobreza, pobrezaExt, idh, altitud,
               internet, vulnAlim
        FROM read_json(?, columns = {ubigeo: 'VARCHAR', pob: 'BIGINT', idh: 'DOUBLE',
                                     pobreza: 'DOUBLE', pobrezaExt: 'DOUBLE',
                                     vulnAlim: 'BIGINT', altitud: 'BIGINT', agua: 'DOUBLE',
                                     desague: 'DOUBLE', electricidad: 'DOUBLE',
                                     internet: 'DOUBLE', ideAgua: 'DOUBLE',
                                     ideElectricidad: 'DOUBLE', ideSalud: 'DOUBLE',
                                     ideEducacion: 'DOUBLE'})
        """,
        [str(raw / "indicadores-distrito.json")],
    ).df()
    df = ubigeo.merge(indicators, left_on="inei", right_on="ubigeo", how="outer", indicator=True)
    df["ubigeo"] = df["ubigeo"].fillna(df["inei"])
    df["name_source"] = "INEI"

    # Districts in the census indicators but not in ubigeo_distrito.csv (created recently):
    # district name from MEF, department and province names from their INEI siblings.
    missing = df["_merge"] == "right_only"
    if missing.any():
        mef_names = (
            budgets.sort_values("year")
            .drop_duplicates("ubigeo", keep="last")
            .set_index("ubigeo")["distrito"]
        )
        prov_names = ubigeo.assign(p=ubigeo["inei"].str[:4]).drop_duplicates("p").set_index("p")
        for idx in df.index[missing]:
            code = df.at[idx, "ubigeo"]
            if code not in mef_names.index:
                raise ValueError(f"district {code} has no name in INEI or MEF sources")
            df.at[idx, "distrito"] = mef_names[code]
            df.at[idx, "provincia"] = prov_names.at[code[:4], "provincia"]
            df.at[idx, "departamento"] = prov_names.at[code[:4], "departamento"]
            df.at[idx, "name_source"] = "MEF"

    accents = accent_words(ubigeo["capital"])
    df = df.sort_values("ubigeo").reset_index(drop=True)
    out = pd.DataFrame(
        {
            "ubigeo": df["ubigeo"],
            "department_code": df["ubigeo"].str[:2],
            "province_code": df["ubigeo"].str[:4],
            "department": df["ubigeo"].str[:2].map(DEPARTMENTS),
            "province": df["provincia"].map(lambda s: spanish_title(s, accents)),
            "district": df["distrito"].map(lambda s: spanish_title(s, accents)),
            "department_upper": df["departamento"],
            "province_upper": df["provincia"],
            "district_upper": df["distrito"],
            "name_source": df["name_source"],
            "population": df["pob"].astype("Int64"),
            "water_coverage_pct": df["agua"],
            "sewage_coverage_pct": df["desague"],
            "electricity_coverage_pct": df["electricidad"],
            "water_gap_pct": 100 - df["agua"],
            "sewage_gap_pct": 100 - df["desague"],
            "electricity_gap_pct": 100 - df["electricidad"],
            # Item 6 of issue 11: indicators that map to a municipal function
            # (data/district_indicators.csv says which and why).
            "internet_coverage_pct": df["internet"],
            "internet_gap_pct": 100 - df["internet"],
            "food_vulnerability": df["vulnAlim"].astype("Int64"),
            "poverty_pct": df["pobreza"],
            "extreme_poverty_pct": df["pobrezaExt"],
            # qhaway writes the HDI on a 0-100 scale; the PNUD index is 0-1.
            "hdi": df["idh"] / 100,
            "altitude_m": df["altitud"].astype("Int64"),
            # 'NA' and 'S.I.' (sin información) are missing.
            "density_km2": pd.to_numeric(df["pob_densidad_2020"], errors="coerce"),
            "has_polygon": df["ubigeo"].isin(polygon_ids),
        }
    )
    if out["department"].isna().any():
        raise ValueError("unknown department code")
    if out["ubigeo"].duplicated().any():
        raise ValueError("duplicate district ubigeo")
    return out


def build_functions(con: duckdb.DuckDBPyConnection, raw: Path) -> pd.DataFrame:
    files = [str(raw / f"explorador-funcion-meta-{y}.json") for y in YEARS]
    f = con.execute(
        """
        SELECT CAST(regexp_extract(filename, '(\\d{4})\\.json$', 1) AS INTEGER) AS year,
               ubigeo AS department_code, funcion, sum(pim) AS pim,
               sum(devengado) AS devengado
        FROM read_json(?, filename = true,
                       columns = {ubigeo: 'VARCHAR', departamento: 'VARCHAR',
                                  funcion: 'VARCHAR', nivel: 'VARCHAR', pim: 'DOUBLE',
                                  devengado: 'DOUBLE'})
        WHERE nivel = ?
        GROUP BY ALL
        """,
        [files, LOCAL],
    ).df()
    unknown = sorted(set(f["funcion"]) - set(FUNCTIONS))
    if unknown:
        raise ValueError(f"MEF function names without a FUNCION code: {unknown}")
    f["function_code"] = f["funcion"].map(lambda n: FUNCTIONS[n][0])
    f["function_name"] = f["funcion"].map(lambda n: FUNCTIONS[n][1])
    f = f.sort_values(["department_code", "year", "function_code"]).reset_index(drop=True)
    return pd.DataFrame(
        {
            "department_code": f["department_code"],
            "year": f["year"],
            "function_code": f["function_code"],
            "function_name": f["function_name"],
            "pim": f["pim"].round(2),
            "devengado": f["devengado"].round(2),
        }
    )


def build_typical_district(municipalities: pd.DataFrame, districts: pd.DataFrame) -> pd.DataFrame:
    puno = municipalities[municipalities["ubigeo"].str.startswith(PUNO)]
    per_district = puno.groupby("ubigeo").agg(
        pim=("pim", "mean"),
        devengado=("devengado", "mean"),
        execution_pct=("execution_pct", "mean"),
        n_years=("year", "nunique"),
    )
    n = len(per_district)
    census = districts.set_index("ubigeo").loc[per_district.index]
    puno_munis = f"mediana de los {n} municipios distritales de Puno (departamento 21)"
    avg = f"{puno_munis} del promedio 2021-2023"
    census_stat = (
        f"mediana de los {n} distritos de Puno (departamento 21); Censo 2017, "
        "sin variación 2021-2023"
    )
    mef = "MEF, Presupuesto y Ejecución de Gasto 2021-2023 (data/municipalities.csv)"
    inei = "INEI, Censo Nacional 2017 (data/districts.csv)"
    rows = [
        ("pim", per_district["pim"].median(), "S/", avg + " del PIM anual", mef, 2),
        (
            "devengado",
            per_district["devengado"].median(),
            "S/",
            avg + " del devengado anual",
            mef,
            2,
        ),
        (
            "execution_pct",
            per_district["execution_pct"].median(),
            "%",
            avg + " de la tasa de ejecución anual (mediana de las tasas por distrito, "
            "no cociente de medianas)",
            mef,
            4,
        ),
        (
            "population",
            census["population"].astype(float).median(),
            "personas",
            f"mediana de los {n} distritos de Puno (departamento 21) de la población",
            "indicadores-distrito.json (unimauro/qhaway-dashboard; data/districts.csv)",
            1,
        ),
        ("water_gap_pct", census["water_gap_pct"].median(), "%", census_stat, inei, 4),
        ("sewage_gap_pct", census["sewage_gap_pct"].median(), "%", census_stat, inei, 4),
        ("electricity_gap_pct", census["electricity_gap_pct"].median(), "%", census_stat, inei, 4),
        (
            "density_km2",
            census["density_km2"].median(),
            "hab/km²",
            f"mediana de los {n} distritos de Puno (departamento 21) de la densidad 2020",
            "INEI vía jmcastagnetto/ubigeo-peru-aumentado (data/districts.csv)",
            2,
        ),
    ]
    return pd.DataFrame(
        {
            "key": [r[0] for r in rows],
            "value": [f"{round(float(r[1]), r[5]) + 0.0:.{r[5]}f}" for r in rows],
            "unit": [r[2] for r in rows],
            "statistic": [r[3] for r in rows],
            "source": [r[4] for r in rows],
        }
    )


def build_unit_costs() -> pd.DataFrame:
    rows = []
    for spec in UNIT_COSTS:
        cost = spec["cost"] or (None, None, None)
        ends = spec.get("ends") or (None, None)
        rows.append(
            {
                "gap_id": spec["gap_id"],
                "projectable": spec["projectable"],
                "unit": spec["unit"],
                "base_share": spec["base_share"],
                "cost_low": cost[0],
                "cost_central": cost[1],
                "cost_high": cost[2],
                "cost_urban": ends[0],
                "cost_rural": ends[1],
                "kind": spec["kind"],
                "source": spec["source"],
                "note": spec["note"],
            }
        )
    df = pd.DataFrame(rows)
    df["base_share"] = fmt(df["base_share"], 4)
    for col in ("cost_low", "cost_central", "cost_high", "cost_urban", "cost_rural"):
        df[col] = fmt(df[col], 2)
    return df


# --------------------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------------------


def _round_ring(ring: list, decimals: int) -> list:
    out: list[list[float]] = []
    for x, y in ring:
        p = [round(x, decimals) + 0.0, round(y, decimals) + 0.0]
        if not out or p != out[-1]:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _round_polygon(rings: list, decimals: int) -> list | None:
    exterior = _round_ring(rings[0], decimals)
    if len(exterior) < 4:
        return None
    holes = [r for r in (_round_ring(h, decimals) for h in rings[1:]) if len(r) >= 4]
    return [exterior, *holes]


def simplify_geometry(geom: dict) -> dict:
    """Simplify and round one GeoJSON geometry, falling back to the original if it collapses."""
    original = shape(geom)
    for candidate in (original.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True), original):
        gj = mapping(candidate)
        polys = [gj["coordinates"]] if gj["type"] == "Polygon" else list(gj["coordinates"])
        rounded = [
            p
            for p in (_round_polygon([list(r) for r in poly], COORD_DECIMALS) for poly in polys)
            if p
        ]
        if rounded:
            if len(rounded) == 1:
                return {"type": "Polygon", "coordinates": rounded[0]}
            return {"type": "MultiPolygon", "coordinates": rounded}
    raise ValueError("geometry collapsed even without simplification")


def build_geo(raw: Path) -> list[dict]:
    with (raw / "distritos.geojson").open(encoding="utf-8") as fh:
        source = json.load(fh)
    features = []
    for feat in source["features"]:
        if feat.get("geometry") is None:
            continue  # a few features have no geometry: has_polygon is false for them
        features.append(
            {
                "type": "Feature",
                "properties": {"ubigeo": str(feat["properties"]["IDDIST"]).zfill(6)},
                "geometry": simplify_geometry(feat["geometry"]),
            }
        )
    features.sort(key=lambda f: f["properties"]["ubigeo"])
    ids = [f["properties"]["ubigeo"] for f in features]
    if len(ids) != len(set(ids)):
        raise ValueError("duplicate IDDIST in distritos.geojson")
    return features


def write_geo(features: list[dict], path: Path) -> int:
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


# --------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------


def build(raw: Path, out: Path) -> dict[str, object]:
    """Build every table into ``out`` and return a summary for printing."""
    if not raw.is_dir():
        raise FileNotFoundError(f"raw data directory not found: {raw}")
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()

    features = build_geo(raw)
    polygon_ids = {f["properties"]["ubigeo"] for f in features}

    budgets = read_budgets(con, raw)
    municipalities = build_municipalities(budgets)
    districts = build_districts(con, raw, budgets, polygon_ids)
    functions = build_functions(con, raw)
    typical = build_typical_district(municipalities, districts)
    unit_costs = build_unit_costs()

    # 2024 and 2025 (partial) from Consulta Amigable: a fourth and fifth year. The typical
    # district and everything "2021-2023" above keep the study's three years.
    later = build_consulta_years(raw)
    municipalities = pd.concat(
        [municipalities.assign(partial=False), later], ignore_index=True
    ).sort_values(["ubigeo", "year"], ignore_index=True)

    missing = set(municipalities["ubigeo"]) - set(districts["ubigeo"])
    if missing:
        raise ValueError(f"municipalities without a district row: {sorted(missing)}")

    m_out = municipalities.copy()
    for col in ("pia", "pim", "devengado", "girado"):
        m_out[col] = fmt(m_out[col], 2)
    m_out["execution_pct"] = fmt(m_out["execution_pct"], 4)
    m_out["partial"] = m_out["partial"].map({True: "true", False: "false"})
    write_csv(m_out, out / "municipalities.csv")

    d_out = districts.copy()
    for col in (
        "water_coverage_pct",
        "sewage_coverage_pct",
        "electricity_coverage_pct",
        "water_gap_pct",
        "sewage_gap_pct",
        "electricity_gap_pct",
    ):
        d_out[col] = fmt(d_out[col], 2)
    d_out["poverty_pct"] = fmt(d_out["poverty_pct"], 2)
    d_out["extreme_poverty_pct"] = fmt(d_out["extreme_poverty_pct"], 2)
    d_out["hdi"] = fmt(d_out["hdi"], 4)
    d_out["density_km2"] = fmt(d_out["density_km2"], 2)
    d_out["has_polygon"] = d_out["has_polygon"].map({True: "true", False: "false"})
    write_csv(d_out, out / "districts.csv")

    f_out = functions.copy()
    f_out["pim"] = fmt(f_out["pim"], 2)
    f_out["devengado"] = fmt(f_out["devengado"], 2)
    write_csv(f_out, out / "functions_by_department.csv")

    write_csv(typical, out / "typical_district_puno.csv")

    u_out = unit_costs.copy()
    u_out["projectable"] = u_out["projectable"].map({True: "true", False: "false"})
    write_csv(u_out, out / "unit_costs.csv")

    geo_size = write_geo(features, out / "districts_geo.json")
    puno_features = [f for f in features if f["properties"]["ubigeo"].startswith(PUNO)]
    puno_size = write_geo(puno_features, out / "districts_geo_puno.json")

    puno23 = municipalities[
        (municipalities["year"] == 2023) & municipalities["ubigeo"].str.startswith(PUNO)
    ]
    return {
        "municipalities": len(municipalities),
        "districts": len(districts),
        "functions": len(functions),
        "puno_2023_n": len(puno23),
        "puno_2023_pim_m": puno23["pim"].sum() / 1e6,
        "puno_2023_dev_m": puno23["devengado"].sum() / 1e6,
        "puno_2023_exec": 100 * puno23["devengado"].sum() / puno23["pim"].sum(),
        "geo_features": len(features),
        "geo_kb": geo_size / 1024,
        "puno_features": len(puno_features),
        "puno_kb": puno_size / 1024,
        "no_polygon": districts.loc[~districts["has_polygon"], "ubigeo"].tolist(),
        "typical": dict(zip(typical["key"], typical["value"], strict=True)),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="raw data directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    parser.add_argument(
        "--gasto",
        type=Path,
        nargs="+",
        metavar="FILE",
        help="MEF full-year files ({YEAR}-Gasto.csv): write real per-municipality spending by "
        "function, by project and by gap into --out (streamed with DuckDB; scripts/mef_gasto.py)",
    )
    parser.add_argument(
        "--manifest",
        action="store_true",
        help="only rewrite OUT/manifest.json for the files now in OUT (no raw data needed)",
    )
    args = parser.parse_args(argv)
    if args.gasto:
        return _gasto(args.gasto, args.out)
    if args.manifest:
        path = manifest.write(args.out)
        files = manifest.describe(args.out)["files"]
        print(f"{path}: {len(files)} files")
        return 0
    s = build(args.raw, args.out)
    manifest.write(args.out)
    print(f"municipalities.csv: {s['municipalities']} rows (ubigeo x year)")
    print(f"districts.csv: {s['districts']} districts")
    print(f"functions_by_department.csv: {s['functions']} rows")
    print(
        f"Puno 2023: {s['puno_2023_n']} municipalities, PIM S/ {s['puno_2023_pim_m']:,.2f} M, "
        f"devengado S/ {s['puno_2023_dev_m']:,.2f} M, execution {s['puno_2023_exec']:.1f} %"
    )
    print(f"typical Puno district: {s['typical']}")
    print(
        f"districts_geo.json: {s['geo_features']} features, {s['geo_kb']:.0f} KB; "
        f"districts_geo_puno.json: {s['puno_features']} features, {s['puno_kb']:.0f} KB"
    )
    print(f"districts without polygon ({len(s['no_polygon'])}): {' '.join(s['no_polygon'])}")
    print(f"{manifest.MANIFEST_NAME}: every file of {args.out}, with sizes, hashes and rows")
    return 0


def _gasto(files: list[Path], out: Path) -> int:
    """``--gasto``: stream the MEF year files (DuckDB prints its progress bar)."""
    scripts = str(Path(__file__).resolve().parent)
    if scripts not in sys.path:  # when imported (tests) rather than run
        sys.path.insert(0, scripts)
    import mef_gasto

    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        print(f"not found: {', '.join(missing)}", file=sys.stderr)
        return 2
    out.mkdir(parents=True, exist_ok=True)
    size = sum(f.stat().st_size for f in files)
    print(f"reading {len(files)} file(s), {size / 1e9:,.2f} GB, with DuckDB...", flush=True)
    s = mef_gasto.run(files, out)
    print(
        f"\n{s['rows']:,} rows in {s['seconds']:.1f} s ({s['rows_per_second']:,.0f} rows/s); "
        f"{s['municipal_rows']:,} municipal rows, {s['municipalities']:,} municipalities, "
        f"years {s['years']}, {s['projects']:,} projects"
    )
    print(
        f"wrote {out}/functions_by_municipality.csv, projects_by_municipality.csv, "
        "gap_spending_by_municipality.csv"
    )
    manifest.write(out)
    print(f"{manifest.MANIFEST_NAME} refreshed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
