"""The workshop's rules: allowed controls, a proposal's figures, the room's rule and agreement."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brechas_core import workshop as wk
from brechas_core.scenario import REPARTOS, Scenario
from brechas_core.simulation import load_inputs, simulate

minimums = st.floats(0, 100, allow_nan=False).map(lambda v: round(v, 1))


@pytest.fixture(scope="module")
def inputs():
    return load_inputs()


def test_a_participant_cannot_change_what_the_facilitator_did_not_open():
    base = Scenario(territory="21", year="2023", minimum_pct=10, protected_pct=5)
    mine = Scenario(territory="PE", year="2021", minimum_pct=50, protected_pct=20, horizon_years=3)
    s = wk.restrict(base, mine, ["minimo"])
    assert (s.territory, s.year, s.minimum_pct, s.protected_pct, s.horizon_years) == (
        "21",
        "2023",
        50,
        5,
        10,
    )


def test_unknown_control_names_are_ignored():
    base = Scenario(minimum_pct=10)
    assert wk.restrict(base, Scenario(minimum_pct=90), ["territorio", "nada"]) == base


def test_a_proposals_figures_are_the_simulators(inputs):
    scenario = Scenario(minimum_pct=40)
    sim = simulate(scenario, inputs)
    f = wk.proposal_figures(scenario, sim)
    assert f["target_after_pct"] == sim.target_after == pytest.approx(40.0)
    assert f["top_up_soles"] == sim.top_up_soles > 0
    summary = sim.projection_summary.set_index("gap_id")
    assert f["years_water"] == pytest.approx(summary.loc["agua", "years_scenario"])


def test_years_to_close_water_is_none_when_the_gap_never_closes(inputs):
    # With no budget at all, no gap ever closes.
    scenario = Scenario(budget_soles=0.0)
    sim = simulate(scenario, inputs)
    years = sim.projection_summary.set_index("gap_id").loc["agua", "years_scenario"]
    assert not math.isfinite(years)
    assert wk.proposal_figures(scenario, sim)["years_water"] is None


def test_the_room_rule_takes_the_median_minimum_and_the_most_chosen_sharing():
    props = [
        Scenario(minimum_pct=20, reparto="igual"),
        Scenario(minimum_pct=30, reparto="brecha"),
        Scenario(minimum_pct=60, reparto="igual"),
        Scenario(minimum_pct=70, reparto="brecha"),
    ]
    rule = wk.room_rule(Scenario(), props, ["minimo", "reparto"])
    assert rule.minimum_pct == 45.0
    assert rule.reparto == "brecha"  # a tie goes to the earlier option


def test_a_gap_leaves_the_room_rule_only_when_most_proposals_leave_it_out():
    props = [Scenario(excluded=("agua",)), Scenario(excluded=("agua", "anemia")), Scenario()]
    rule = wk.room_rule(Scenario(), props, ["excluir"])
    assert rule.excluded == ("agua",)


def test_with_no_proposal_the_room_rule_is_the_base():
    base = Scenario(minimum_pct=12)
    assert wk.room_rule(base, [], ["minimo"]) == base


def test_agreement_counts_proposals_within_five_points_of_the_median():
    s = wk.summarize([30, 35, 40, 60])
    assert (s.median, s.q1, s.q3, s.agreement) == (37.5, 33.75, 45.0, 0.5)
    assert "Acuerdo medio: 2 de 4" in s.reading


def test_no_proposals_no_summary():
    assert wk.summarize([]) is None


@given(st.lists(minimums, min_size=1, max_size=40), st.randoms())
def test_the_room_rule_lies_within_the_proposals_and_ignores_their_order(values, rnd):
    props = [Scenario(minimum_pct=v, reparto=REPARTOS[i % 2]) for i, v in enumerate(values)]
    rule = wk.room_rule(Scenario(), props, ["minimo", "reparto"])
    assert min(values) <= rule.minimum_pct <= max(values)
    shuffled = list(props)
    rnd.shuffle(shuffled)
    assert wk.room_rule(Scenario(), shuffled, ["minimo", "reparto"]) == rule


@given(st.lists(minimums, min_size=1, max_size=40))
def test_agreement_is_a_share_and_unanimity_is_full_agreement(values):
    s = wk.summarize(values)
    assert 0 <= s.agreement <= 1
    if len(values) % 2:  # an odd count: the median is itself a proposal
        assert s.agreement > 0
    assert s.low <= s.q1 <= s.median <= s.q3 <= s.high
    assert wk.summarize([values[0]] * len(values)).agreement == 1


def test_the_export_has_spanish_headers_and_one_row_per_proposal():
    from datetime import datetime

    t = datetime(2026, 11, 27, 10, 0, 0)
    rows = [
        {
            "name": "Ana",
            "district": None,
            "minimum_pct": 30.0,
            "reparto": "igual",
            "target_after_pct": 30.0,
            "top_up_soles": 1234.4,
            "years_water": None,
            "hidden": True,
            "revisions": 2,
            "submitted_at": t,
            "updated_at": t,
            "scenario_query": {"minimo": "30", "reparto": "igual"},
        }
    ]
    table = wk.export_table(rows)
    row = table.iloc[0].to_dict()
    assert row["Nombre"] == "Ana" and row["Distrito"] == ""
    assert row["Reparto"] == "En partes iguales" and row["Oculta por el facilitador"] == "sí"
    assert row["Soles movidos al año (S/)"] == 1234
    assert row["Escenario (parámetros del enlace)"] == "minimo=30&reparto=igual"
    assert row["Primer envío (UTC)"] == "2026-11-27 10:00:00"
