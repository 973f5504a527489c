"""The full-year MEF path (build_data.py --gasto) on generated files in the official format."""

from __future__ import annotations

import importlib.util
import io

import numpy as np
import pandas as pd
import pytest

from brechas_core import data, projects, real_shares, territory
from brechas_core.imports import read_upload
from tests import samples
from tests.core.support import estimated_district_frame

ROWS = 40_000


def _script(name: str):
    spec = importlib.util.spec_from_file_location(name, samples.ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def year_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("gasto") / "2023-Gasto.csv"
    samples.generator().write(path, ROWS, year=2023, seed=7)
    return path


@pytest.fixture(scope="module")
def built(year_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("data")
    build_data = _script("build_data")
    assert build_data.main(["--gasto", str(year_file), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def raw(year_file) -> pd.DataFrame:
    frame = pd.read_csv(year_file, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    for c in ("MONTO_PIA", "MONTO_PIM", "MONTO_DEVENGADO"):
        frame[c] = frame[c].astype(float)
    frame["ubigeo"] = (
        frame["DEPARTAMENTO_EJECUTORA"] + frame["PROVINCIA_EJECUTORA"] + frame["DISTRITO_EJECUTORA"]
    )
    return frame[frame["NIVEL_GOBIERNO"] == "M"]


def test_the_generator_writes_the_official_header_bom_and_quoted_names(year_file):
    head = year_file.read_bytes()[:4000]
    assert head.startswith(b"\xef\xbb\xbfANO_EJE,MES_EJE,NIVEL_GOBIERNO,")
    header = head.split(b"\n", 1)[0].decode("utf-8-sig").split(",")
    assert len(header) == 63 and header[-1] == "MONTO_GIRADO"
    assert b'"MUNICIPALIDAD ' in head or b'"REGION ' in head or b'"PCM' in head


def test_functions_by_municipality_are_the_sums_of_every_municipal_row(built, raw):
    f = pd.read_csv(
        built / "functions_by_municipality.csv", dtype={"ubigeo": str, "function_code": str}
    )
    ref = (
        raw.assign(function_code=raw["FUNCION"].str.zfill(2))
        .groupby(["ubigeo", "function_code"])[["MONTO_PIA", "MONTO_PIM", "MONTO_DEVENGADO"]]
        .sum()
    )
    got = f.set_index(["ubigeo", "function_code"]).loc[ref.index]
    np.testing.assert_allclose(got["pim"], ref["MONTO_PIM"], atol=0.006)
    np.testing.assert_allclose(got["devengado"], ref["MONTO_DEVENGADO"], atol=0.006)
    assert len(f) == len(ref)
    assert set(f["year"]) == {2023}


def test_the_full_year_path_and_the_upload_reader_agree(built, year_file, raw):
    f = pd.read_csv(
        built / "functions_by_municipality.csv", dtype={"ubigeo": str, "function_code": str}
    )
    units = raw.groupby("ubigeo")["SEC_EJEC"].first().iloc[:4]
    lines = year_file.read_text(encoding="utf-8-sig").splitlines()
    wanted = tuple(f',"{u}",' for u in units)
    kept = [lines[0]] + [ln for ln in lines[1:] if any(w in ln for w in wanted)]
    small = read_upload("extracto.csv", "\n".join(kept).encode())
    assert small.keys == tuple(units.index)
    for key in small.keys:
        mb = small.municipality(key)
        mine = f[f["ubigeo"] == key].set_index("function_code")
        theirs = mb.functions.set_index("function_code")
        assert list(mine.index) == list(theirs.index)
        np.testing.assert_allclose(mine["devengado"], theirs["devengado"], atol=0.006)
        np.testing.assert_allclose(mine["pim"], theirs["pim"], atol=0.006)


def test_projects_are_classified_with_the_apps_rules(built, raw):
    p = pd.read_csv(built / "projects_by_municipality.csv", dtype=str, keep_default_na=False)
    names = (
        raw[raw["TIPO_ACT_PROY"] == "2"]
        .drop_duplicates(["ubigeo", "PRODUCTO_PROYECTO"])
        .set_index(["ubigeo", "PRODUCTO_PROYECTO"])["PRODUCTO_PROYECTO_NOMBRE"]
    )
    assert len(p) == len(names)
    expected = projects.classify(names.loc[list(zip(p["ubigeo"], p["cui"], strict=True))].tolist())
    assert p["gap_id"].tolist() == list(expected.gap_id)
    assert {"agua", "desague", "electricidad", "otros"} <= set(p["gap_id"])


def test_gap_shares_are_the_projects_money_over_the_whole_devengado(built, raw):
    g = data.load_gap_spending_by_municipality(built)
    one = raw[raw["ubigeo"] == g["ubigeo"].iloc[0]]
    total = one["MONTO_DEVENGADO"].sum()
    rows = g[g["ubigeo"] == g["ubigeo"].iloc[0]]
    np.testing.assert_allclose(rows["share_pct"], 100 * rows["devengado"] / total, atol=1e-3)
    projects_money = one.loc[one["TIPO_ACT_PROY"] == "2", "MONTO_DEVENGADO"].sum()
    assert rows["devengado"].sum() == pytest.approx(projects_money, abs=0.05)


def test_the_app_uses_real_shares_where_they_exist_and_the_estimate_elsewhere(built):
    real = data.load_gap_spending_by_municipality(built)
    d = data.load_districts()
    frame = estimated_district_frame("2023", d)
    puno_real = real[real["ubigeo"].str.startswith("21")]
    mixed = real_shares.apply(frame, "2023", puno_real)
    has = mixed["ubigeo"].isin(puno_real["ubigeo"])
    assert set(mixed.loc[has, "share_source"]) == {real_shares.REAL}
    assert set(mixed.loc[~has, "share_source"]) == {"estimación"}
    puno = mixed[has]
    one = puno.iloc[0]
    agua = real[(real["ubigeo"] == one["ubigeo"]) & (real["gap_id"] == "agua")]["share_pct"]
    assert one["est_share_water_pct"] == pytest.approx(float(agua.iloc[0]))
    ti = territory.territory_inputs(territory.resolve(one["ubigeo"], d)[0], mixed)
    assert ti.estimate_note == real_shares.REAL_NOTE
    peru = territory.territory_inputs(territory.resolve("PE", d)[0], mixed)
    assert peru.estimate_note.startswith(f"{int(has.sum())} de 1,891 municipalidades tienen")
    other = territory.territory_inputs(territory.resolve("01", d)[0], mixed)
    assert other.estimate_note.startswith("Estimación")


def test_without_the_full_year_files_every_share_is_the_estimate():
    frame = pd.DataFrame({"ubigeo": ["210101"], "n_years": [1]})
    out = real_shares.apply(frame, "2023", data.load_gap_spending_by_municipality())
    assert out["share_source"].tolist() == ["estimación"]


def test_a_file_that_is_not_the_mef_format_stops_the_build_with_its_missing_columns(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("ANO_EJE,MES_EJE\n2023,1\n")
    with pytest.raises(SystemExit, match="missing: NIVEL_GOBIERNO"):
        _script("mef_gasto").aggregate([bad], progress=False)


def test_the_generator_is_deterministic_for_a_seed():
    gen = samples.generator()
    a, b = io.BytesIO(), io.BytesIO()
    gen.stream(a, 500, seed=3)
    gen.stream(b, 500, seed=3)
    assert a.getvalue() == b.getvalue()
