"""Checks on the committed data/ tables built by scripts/build_data.py.

All tests read the committed output only, except the reproducibility test, which rebuilds
into a temporary directory from ../shared/data/raw and is skipped when that is absent.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[2]
# The repo is not an installed package and pytest's config sets no pythonpath yet.
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from brechas_core import data as d  # noqa: E402

RAW = REPO.parent / "shared" / "data" / "raw"
BUILT = [
    "municipalities.csv",
    "districts.csv",
    "functions_by_department.csv",
    "typical_district_puno.csv",
    "unit_costs.csv",
    "districts_geo.json",
    "districts_geo_puno.json",
]


@pytest.fixture(scope="module")
def municipalities() -> pd.DataFrame:
    return d.load_municipalities()


@pytest.fixture(scope="module")
def districts() -> pd.DataFrame:
    return d.load_districts()


def test_puno_has_110_municipalities_in_2023(municipalities):
    puno = municipalities[
        (municipalities["year"] == 2023) & municipalities["ubigeo"].str[:2].eq("21")
    ]
    assert len(puno) == 110


def test_puno_local_governments_2023_match_the_published_totals(municipalities):
    # PROVENANCE.md: PIM S/ 1,707.98 M, devengado S/ 1,321.43 M, avance 77.4 %.
    puno = municipalities[
        (municipalities["year"] == 2023) & municipalities["ubigeo"].str[:2].eq("21")
    ]
    pim, dev = puno["pim"].sum(), puno["devengado"].sum()
    assert round(pim / 1e6, 2) == 1707.98
    assert round(dev / 1e6, 2) == 1321.43
    assert round(100 * dev / pim, 1) == 77.4


def test_execution_pct_is_devengado_over_pim(municipalities):
    expected = (100 * municipalities["devengado"] / municipalities["pim"]).where(
        municipalities["pim"] != 0, 0.0
    )
    assert (municipalities["execution_pct"] - expected).abs().max() < 1e-3


def test_puno_2024_from_consulta_amigable_matches_the_published_totals(municipalities):
    puno = municipalities[
        (municipalities["year"] == 2024) & municipalities["ubigeo"].str[:2].eq("21")
    ]
    assert len(puno) == 110
    assert round(puno["pim"].sum() / 1e6, 2) == 1681.96
    assert round(puno["devengado"].sum() / 1e6, 2) == 1299.20
    assert not puno["partial"].any()


def test_2025_is_labelled_partial_and_every_later_year_joins_to_a_district(
    municipalities, districts
):
    later = municipalities[municipalities["year"] >= 2024]
    assert later.groupby("year").size().to_dict() == {2024: 1891, 2025: 1891}
    assert later.loc[later["year"] == 2025, "partial"].all()
    assert not municipalities.loc[municipalities["year"] <= 2024, "partial"].any()
    assert set(later["ubigeo"]) <= set(districts["ubigeo"])


def test_every_2023_municipality_joins_to_a_district(municipalities, districts):
    codes_2023 = set(municipalities.loc[municipalities["year"] == 2023, "ubigeo"])
    assert len(codes_2023) == 1891
    assert codes_2023 <= set(districts["ubigeo"])


def test_capazo_210502_is_joined_by_code_not_by_name(municipalities, districts):
    # MEF writes CAPASO, INEI writes CAPAZO: the join is on the code.
    assert "210502" in set(municipalities["ubigeo"])
    row = districts.set_index("ubigeo").loc["210502"]
    assert row["district_upper"] == "CAPAZO"
    assert row["province"] == "El Collao"


def test_san_miguel_211105_is_a_district_without_polygon(districts):
    row = districts.set_index("ubigeo").loc["211105"]
    assert row["district"] == "San Miguel"
    assert not row["has_polygon"]
    puno_geo = {f["properties"]["ubigeo"] for f in d.load_district_geo("21")["features"]}
    assert "211105" not in puno_geo


def test_has_polygon_matches_the_geojson(districts):
    geo = {f["properties"]["ubigeo"] for f in d.load_district_geo()["features"]}
    assert set(districts.loc[districts["has_polygon"], "ubigeo"]) == geo


def test_ubigeos_are_six_digit_text_with_leading_zeros(districts):
    assert districts["ubigeo"].str.fullmatch(r"\d{6}").all()
    assert districts["ubigeo"].iloc[0] == "010101"


@pytest.mark.parametrize("service", ["water", "sewage", "electricity"])
def test_gap_is_100_minus_coverage(districts, service):
    cov, gap = districts[f"{service}_coverage_pct"], districts[f"{service}_gap_pct"]
    assert (cov.isna() == gap.isna()).all()
    assert ((100 - cov - gap).abs().dropna() < 0.011).all()


def test_functions_sum_to_the_department_local_government_total(municipalities):
    # The function table is by department of the spending goal, the municipal table by the
    # executing unit's department; a few goals sit across a border (at most a few
    # hundred thousand soles), so departments agree within 0.01 % and Puno exactly.
    f = d.load_functions_by_department()
    by_fn = f.groupby(["department_code", "year"])[["pim", "devengado"]].sum()
    m = municipalities.assign(department_code=municipalities["ubigeo"].str[:2])
    by_muni = m.groupby(["department_code", "year"])[["pim", "devengado"]].sum()
    joined = by_fn.add_suffix("_fn").join(by_muni.add_suffix("_muni"), how="outer")
    for col in ("pim", "devengado"):
        rel = (joined[f"{col}_fn"] - joined[f"{col}_muni"]).abs() / joined[f"{col}_muni"]
        assert rel.max() < 1e-4, col
    puno = joined.loc[("21", 2023)]
    assert abs(puno["pim_fn"] - puno["pim_muni"]) < 0.01 * 110
    assert abs(puno["devengado_fn"] - puno["devengado_muni"]) < 0.01 * 110


def test_function_names_are_spanish_with_accents():
    f = d.load_functions_by_department()
    names = dict(zip(f["function_code"], f["function_name"], strict=False))
    assert names["12"] == "Energía"
    assert names["22"] == "Educación"
    assert names["23"] == "Protección social"


def test_unit_costs_are_ordered_positive_and_sourced():
    u = d.load_unit_costs()
    assert set(u["gap_id"]) == set(d.load_study_priority_gaps()["gap_id"])
    proj = u[u["projectable"]]
    assert (proj["cost_low"] > 0).all()
    assert (proj["cost_low"] <= proj["cost_central"]).all()
    assert (proj["cost_central"] <= proj["cost_high"]).all()
    assert (proj["base_share"] > 0).all()
    assert u["source"].str.strip().str.len().gt(0).all()
    assert u["note"].str.strip().str.len().gt(0).all()


def test_typical_puno_district_uses_medians_of_2021_2023_averages(municipalities):
    t = d.load_typical_district().set_index("key")
    assert {"pim", "devengado", "execution_pct", "population"} <= set(t.index)
    assert {"water_gap_pct", "sewage_gap_pct", "electricity_gap_pct"} <= set(t.index)
    puno = municipalities[
        municipalities["ubigeo"].str[:2].eq("21") & municipalities["year"].between(2021, 2023)
    ]
    averages = puno.groupby("ubigeo")[["pim", "devengado", "execution_pct"]].mean()
    assert len(averages) == 110
    for key in ("pim", "devengado"):
        assert t.at[key, "value"] == pytest.approx(averages[key].median(), abs=0.01)
        assert "mediana" in t.at[key, "statistic"]
        assert "promedio 2021-2023" in t.at[key, "statistic"]
    assert t.at["execution_pct", "value"] == pytest.approx(
        averages["execution_pct"].median(), abs=1e-3
    )


@pytest.mark.parametrize(
    "loader",
    [
        d.load_municipalities,
        d.load_districts,
        d.load_functions_by_department,
        d.load_typical_district,
        d.load_unit_costs,
    ],
)
def test_loaders_pass_their_pandera_schemas(loader):
    frame = loader()
    assert len(frame) > 0


def test_geo_files_are_small_and_carry_only_the_ubigeo():
    assert (d.DATA_DIR / "districts_geo_puno.json").stat().st_size < 150 * 1024
    assert (d.DATA_DIR / "districts_geo.json").stat().st_size < 1.5 * 1024 * 1024
    puno = d.load_district_geo("21")["features"]
    assert len(puno) == 108  # 110 districts minus 211105 (not drawn) and 210103 (no geometry)
    assert all(f["properties"].keys() == {"ubigeo"} for f in puno)


def test_load_district_geo_rejects_a_malformed_department_code():
    with pytest.raises(ValueError):
        d.load_district_geo("2")


@pytest.mark.skipif(not RAW.is_dir(), reason=f"raw public data not available at {RAW}")
def test_rebuilding_from_raw_gives_byte_identical_files(tmp_path):
    spec = importlib.util.spec_from_file_location("build_data", REPO / "scripts" / "build_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.build(RAW, tmp_path)
    for name in BUILT:
        assert (tmp_path / name).read_bytes() == (d.DATA_DIR / name).read_bytes(), name
