"""Mis datos: upload each format, see what was read, use it in the Simulador; bad files."""

from __future__ import annotations

import pytest

from brechas_core.imports import template
from tests import samples
from tests.app.conftest import assert_ok


def _upload(at, name: str, content: bytes, mime: str = "text/csv"):
    at.file_uploader[0].set_value((name, content, mime))
    at.run()
    assert_ok(at)
    return at


def _table(at, column: str):
    """The first table on the page with a column (st.dataframe keys are not exposed)."""
    return next(df.value for df in at.dataframe if column in df.value.columns)


def _errors(at) -> list[str]:
    return [e.value for e in at.error]


def _text(at) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [s.value for s in at.subheader] + [w.value for w in at.warning]
    parts += [i.value for i in at.info]
    return "\n".join(parts)


def test_the_page_opens_with_a_file_input_first_and_the_templates(open_page):
    at = open_page("datos")
    assert at.title[0].value.startswith("Mis datos")
    assert len(at.file_uploader) == 1
    assert at.file_uploader[0].label == (
        "Suba su archivo de presupuesto (CSV, XLSX o XLS; hasta 10 MB)"
    )
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Descargar plantilla CSV", "Descargar plantilla Excel"]


def test_a_mef_file_shows_budget_functions_gaps_projects_and_what_was_left_out(open_page):
    at = _upload(open_page("datos"), "2024-Gasto.csv", samples.mef_csv(3_000))
    text = _text(at)
    assert "Datos abiertos del MEF" in text
    assert not _errors(at)
    assert [m.label for m in at.metric] == ["PIA", "PIM", "Devengado", "Ejecución (avance)"]
    assert all(m.value.startswith("S/ ") for m in at.metric[:3])
    assert "Saneamiento" in " ".join(_table(at, "function")["function"])
    assert "Agua" in set(_table(at, "label")["label"])
    left = _table(at, "rows")
    assert left["reason"].str.startswith("Otro nivel de gobierno").all()
    assert "Municipalidad" in [s.label for s in at.selectbox]  # two municipalities in the file
    assert "revise la clase de cada uno" in text


def test_the_portal_xls_shows_spending_by_function_and_its_gap_shares(open_page):
    at = _upload(
        open_page("datos"), "consulta.xls", samples.portal_xls(), "application/vnd.ms-excel"
    )
    assert "Consulta Amigable del MEF" in _text(at)
    assert at.metric[1].value == "S/ 136,718,073"
    gaps = _table(at, "label")
    shares = dict(zip(gaps["label"], gaps["share_pct"], strict=True))
    assert shares["Agua"] == pytest.approx(100 * 21_894_591 / 2 / 118_894_591)
    assert shares["Electricidad"] == pytest.approx(100 * 2_000_000 / 118_894_591)


def test_a_consulta_xlsx_of_two_years_offers_the_year_and_reads_the_latest(open_page):
    at = _upload(open_page("datos"), "consulta.xlsx", samples.consulta_xlsx())
    year = next(s for s in at.selectbox if s.label == "Año")
    assert year.value == 2024
    year.set_value(2023).run()
    assert_ok(at)
    assert at.metric[1].value == "S/ 120,000,000"


def test_the_template_filled_in_is_read(open_page):
    rows = [
        ",".join(template.COLUMNS),
        "210102,MUNICIPALIDAD DISTRITAL DE ACORA,2024,18,,,0,100000,80000",
        "210102,MUNICIPALIDAD DISTRITAL DE ACORA,2024,03,,,0,900000,700000",
    ]
    at = _upload(open_page("datos"), "plantilla.csv", "\n".join(rows).encode())
    assert "Plantilla de Brechas (CSV)" in _text(at)
    assert at.metric[2].value == "S/ 780,000"


@pytest.mark.parametrize(
    ("case", "name", "content", "expected"),
    [
        ("wrong delimiter", "c.csv", samples.consulta_csv(delimiter=";"), "punto y coma"),
        ("missing columns", "x.csv", b"nombre,monto\nagua,1\n", "No se reconocen las columnas"),
        (
            "text in amounts",
            "c.csv",
            samples.consulta_csv([[*samples.ROWS[0][:5], "mucho", *samples.ROWS[0][6:]]]),
            "tiene texto donde debe ir un monto",
        ),
        (
            "negative pim",
            "c.csv",
            samples.consulta_csv([[*samples.ROWS[0][:5], "-5", *samples.ROWS[0][6:]]]),
            "monto negativo",
        ),
        ("over 10 MB", "big.csv", b"x" * (10 * 1024 * 1024 + 1), "el máximo es 10 MB"),
        ("binary", "foto.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "imagen PNG"),
        ("empty", "vacio.csv", b"", "vacío"),
        (
            "formula injection",
            "c.csv",
            samples.consulta_csv(
                [[*samples.ROWS[0][:3], '=HYPERLINK("http://x")', *samples.ROWS[0][4:]]]
            ),
            "fórmula",
        ),
    ],
)
def test_each_bad_file_gets_one_spanish_message_and_the_scenario_is_kept(
    open_page, case, name, content, expected
):
    at = open_page("datos", {"minimo": "40", "territorio": "21"})
    _upload(at, name, content)
    errors = _errors(at)
    assert len(errors) == 1, case
    assert expected in errors[0] and "Su escenario" in errors[0], case
    assert at.session_state["scenario"].minimum_pct == 40
    assert at.session_state["scenario"].territory == "21"
    assert at.query_params["minimo"] == "40"


def test_a_bad_file_after_a_good_one_keeps_the_good_one(open_page):
    at = _upload(open_page("datos"), "consulta.xls", samples.portal_xls())
    _upload(at, "vacio.csv", b"")
    assert "vacío" in _errors(at)[0]
    assert at.metric[1].value == "S/ 136,718,073"


def test_use_in_simulator_makes_the_file_the_baseline_labelled_sus_datos(open_page):
    at = _upload(open_page("datos", {"minimo": "30"}), "consulta.xls", samples.portal_xls())
    at.button(key="datos_usar").click().run()
    assert_ok(at)
    scenario = at.session_state["scenario"]
    assert scenario.territory == "210101"
    assert scenario.own_file.endswith(":2024") and len(scenario.own_file) == 17
    assert scenario.year == "2024"  # the selector shows the file's year
    assert at.query_params["archivo"] == scenario.own_file
    caption = at.caption[0].value
    assert "sus datos" in caption and "2024" in caption
    infos = " ".join(i.value for i in at.info)
    assert "**Sus datos**" in infos and "S/ 136,718,073" in infos
    assert "Estimación" not in infos


def test_a_link_to_own_data_opened_without_the_file_says_so(open_page):
    at = open_page("simulador", {"territorio": "210101", "archivo": "0123456789ab:2024"})
    warning = " ".join(w.value for w in at.warning)
    assert "no está en esta sesión" in warning and "Mis datos" in warning
    assert at.session_state["scenario"].own_file == "0123456789ab:2024"
    assert at.query_params["archivo"] == "0123456789ab:2024"


def test_removing_a_file_frees_it_and_stops_using_it(open_page):
    at = _upload(open_page("datos"), "consulta.xls", samples.portal_xls())
    at.button(key="datos_usar").click().run()
    at.switch_page("pages/datos.py").run()
    at.button(key="datos_quitar").click().run()
    assert_ok(at)
    assert at.session_state["own_files"] == {}
    assert at.session_state["scenario"].own_file is None
    assert not at.metric


def test_a_session_holds_at_most_three_files_dropping_the_oldest(open_page):
    at = open_page("datos")
    for year in (2020, 2021, 2022, 2023):
        rows = [[str(year), *r[1:]] for r in samples.ROWS[:1]]
        _upload(at, f"c{year}.csv", samples.consulta_csv(rows))
    store = at.session_state["own_files"]
    assert [f.name for f in store.values()] == ["c2021.csv", "c2022.csv", "c2023.csv"]
    assert "se quitó `c2020.csv`" in " ".join(i.value for i in at.info)


def test_changing_a_project_class_in_the_review_updates_the_spending_by_gap(open_page):
    at = _upload(open_page("datos"), "2024-Gasto.csv", samples.mef_csv(3_000))
    digest = next(iter(at.session_state["own_files"]))
    review = _table(at, "clase")
    sport = review[review["project"].str.contains("LOSA MULTIDEPORTIVA")].iloc[0]
    assert sport["clase"] == "otros"
    before = _table(at, "label").set_index("label")["devengado"]
    # what the data editor's edit does: the user's class for that CUI
    at.session_state["own_classes"] = {digest: {sport["cui"]: "agua"}}
    at.run()
    assert_ok(at)
    after = _table(at, "label").set_index("label")["devengado"]
    assert after["Agua"] == pytest.approx(before["Agua"] + sport["devengado"])
    assert after.filter(like="Otros").iloc[0] == pytest.approx(
        before.filter(like="Otros").iloc[0] - sport["devengado"]
    )
    reasons = _table(at, "clase").set_index("cui")
    assert reasons.at[sport["cui"], "reason"] == "Clase elegida por usted al revisar."
    at.button(key="datos_usar").click().run()
    assert at.session_state["scenario"].project_classes == ((sport["cui"], "agua"),)
    assert at.query_params["clases"] == f"{sport['cui']}:agua"


def test_a_shared_link_reproduces_once_the_same_file_is_uploaded_again(open_page):
    first = _upload(open_page("datos"), "2024-Gasto.csv", samples.mef_csv(3_000))
    digest = next(iter(first.session_state["own_files"]))
    review = _table(first, "clase")
    cui = review[review["project"].str.contains("LOSA MULTIDEPORTIVA")].iloc[0]["cui"]
    link = {"territorio": "210101", "archivo": f"{digest}:2024", "clases": f"{cui}:agua"}
    # someone else opens the link: the Simulador asks for the file
    other = open_page("simulador", link)
    assert "no está en esta sesión" in " ".join(w.value for w in other.warning)
    other.switch_page("pages/datos.py").run()
    _upload(other, "copia.csv", samples.mef_csv(3_000))
    assert "Este es el archivo que usa su escenario" in " ".join(s.value for s in other.success)
    assert other.session_state["own_classes"][digest] == {cui: "agua"}
    other.switch_page("pages/simulador.py").run()
    assert_ok(other)
    assert not other.warning or "no está en esta sesión" not in other.warning[0].value
    assert "sus datos" in other.caption[0].value
    assert other.query_params["clases"] == f"{cui}:agua"
