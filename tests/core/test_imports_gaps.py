"""Spending by gap of an imported municipality, and its use as the Simulador's baseline."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brechas_core import data, simulation, territory
from brechas_core.imports import read_upload
from brechas_core.imports.baseline import own_inputs, own_row
from brechas_core.imports.common import MunicipalBudget
from brechas_core.imports.gaps import spending_by_gap
from brechas_core.scenario import Scenario
from tests import samples
from tests.core.support import estimated_district_frame

GAPS = data.load_study_priority_gaps()


def _budget(projects=None, functions=None, devengado=100.0) -> MunicipalBudget:
    empty = pd.DataFrame()
    return MunicipalBudget(
        "210101",
        "210101",
        None,
        "M",
        2024,
        0.0,
        devengado * 1.25,
        devengado,
        80.0,
        functions=empty if functions is None else functions,
        projects=empty if projects is None else projects,
    )


def _projects(*rows) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {"cui": str(i), "project": name, "function_code": "18", "pim": 0.0, "devengado": amount}
            for i, (name, amount) in enumerate(rows, start=1)
        ]
    )


def test_a_water_and_sewage_project_counts_half_for_each_and_once_in_total():
    mb = _budget(_projects(("AMPLIACION DEL SISTEMA DE AGUA POTABLE Y ALCANTARILLADO EN X", 40.0)))
    s = spending_by_gap(mb, GAPS).shares()
    assert (s["agua"], s["desague"]) == (20.0, 20.0)
    assert sum(s.values()) == pytest.approx(100.0)
    assert s["sin_proyecto"] == 60.0


def test_irrigation_water_is_not_drinking_water():
    mb = _budget(_projects(("MEJORAMIENTO DEL SERVICIO DE AGUA PARA RIEGO DEL CANAL Y", 50.0)))
    s = spending_by_gap(mb, GAPS).shares()
    assert s["agua"] == 0.0 and s["otros"] == 50.0


def test_an_override_moves_a_project_and_is_marked_with_its_reason():
    mb = _budget(_projects(("CREACION DE LOSA DEPORTIVA EN Y", 30.0), ("AGUA POTABLE EN Z", 10.0)))
    s = spending_by_gap(mb, GAPS, overrides={"1": "locales_estado", "9": "agua", "2": "nada"})
    assert s.shares()["locales_estado"] == 30.0 and s.shares()["agua"] == 10.0
    assert s.projects["overridden"].tolist() == [True, False]
    assert s.projects.loc[0, "reason"] == "Clase elegida por usted al revisar."


def test_spending_by_function_splits_saneamiento_in_halves_and_energy_to_electricity():
    functions = pd.DataFrame({"function_code": ["18", "12", "03"], "devengado": [30.0, 10.0, 60.0]})
    s = spending_by_gap(_budget(functions=functions), GAPS)
    assert s.method == "funciones"
    shares = s.shares()
    assert (shares["agua"], shares["desague"], shares["electricidad"]) == (15.0, 15.0, 10.0)
    assert shares["otros"] == 60.0


def test_totals_only_give_no_spending_by_gap_and_say_the_estimate_stays():
    s = spending_by_gap(_budget(), GAPS)
    assert s.method == "ninguno" and s.shares() == {}
    assert "estimación de su departamento" in s.note


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "MEJORAMIENTO DEL SERVICIO DE AGUA POTABLE EN A",
                    "AGUA POTABLE Y ALCANTARILLADO EN B",
                    "LOSA DEPORTIVA EN C",
                    "ELECTRIFICACION RURAL EN D",
                    "CAMINO VECINAL EN E",
                ]
            ),
            st.floats(0, 1e7),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_sol_of_the_projects_is_counted_once(rows):
    total = sum(a for _, a in rows) + 1.0
    s = spending_by_gap(_budget(_projects(*rows), devengado=total), GAPS)
    money = s.table.set_index("gap_id")["devengado"]
    assert money.drop("sin_proyecto").sum() == pytest.approx(total - 1.0, rel=1e-9, abs=1e-6)
    assert money.sum() == pytest.approx(total)


def test_own_data_replace_the_budget_and_shares_and_keep_the_census():
    imported = read_upload("consulta.xls", samples.portal_xls(), current_year=2030)
    mb = imported.municipality("210101")
    spending = spending_by_gap(mb, GAPS)
    d = data.load_districts()
    frame = estimated_district_frame("2023", d)
    row = own_row(frame, mb, spending).iloc[0]
    base = frame.set_index("ubigeo").loc["210101"]
    assert row["pim"] == 136_718_073 and row["devengado"] == 118_894_591
    assert row["est_share_water_pct"] == pytest.approx(100 * 21_894_591 / 2 / 118_894_591)
    assert row["water_gap_pct"] == base["water_gap_pct"]
    place = territory.resolve("210101", d)[0]
    inputs = own_inputs(simulation.load_inputs(), place, frame, imported, mb, spending)
    assert inputs.estimate_note.startswith("**Sus datos**")
    assert inputs.defaults["pim"] == 136_718_073
    sim = simulation.simulate(Scenario(territory="210101", minimum_pct=30), inputs)
    assert sim.target_after == pytest.approx(30.0)
