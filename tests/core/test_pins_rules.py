"""The minimum rule, field by field and message by message, on small cases worked by hand.

test_rules.py and test_audit.py check the shares; these pin what else a reader sees: each
validation and its Spanish message, manual weights that sum to less than one, the split of
the top-up among payers and receivers, the sector view's totals with a pinned high-gap
function, and the text of each notice. (Found by mutation testing: scripts/mutation.py
rules.)
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brechas_core.rules import (
    SUM_TOL,
    TOL,
    ZERO,
    decimals_for,
    exact_zero,
    notices,
    pool,
    priority_view,
    reallocate,
    reparto_weights,
    sector_view,
    set_shares,
    situation,
)
from tests.core.support import case_id

# ------------------------------------------------------------------ weights


def test_manual_weights_that_sum_to_less_than_one_are_used_as_given():
    # Weights 0.2 and 0.3 (sum 0.5): the 15 points go 2:3, 6 and 9; no equal parts.
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[0.2, 0.3, 0.0])
    assert res.shares.tolist() == pytest.approx([16.0, 14.0, 70.0])
    assert not bool(res.equal_fallback)
    # and exactly one in total: 1:3
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[0.25, 0.75, 0.0])
    assert res.shares.tolist() == pytest.approx([13.75, 16.25, 70.0])
    assert not bool(res.equal_fallback)


def test_weights_of_columns_that_are_not_targets_are_ignored():
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[1.0, 1.0, 50.0])
    assert res.shares.tolist() == pytest.approx([17.5, 12.5, 70.0])
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[0.0, 0.0, 5.0])
    assert bool(res.equal_fallback)  # the targets' own weights are all zero
    assert res.shares.tolist() == pytest.approx([17.5, 12.5, 70.0])


def test_reparto_weights_copy_broadcast_and_refuse_bad_numbers():
    gap = np.array([60.0, 20.0])
    w = reparto_weights("brecha", gap)
    w[0] = 0.0
    assert gap[0] == 60.0  # a copy, never the caller's array
    assert reparto_weights("manual", [[60.0, 20.0]] * 2, manual=[1.0, 2.0]).tolist() == [
        [1.0, 2.0],
        [1.0, 2.0],
    ]
    assert reparto_weights("igual", [[1.0, 2.0, 3.0]]).tolist() == [[1.0, 1.0, 1.0]]
    for bad in ([np.nan, 1.0], [np.inf, 1.0], [-0.5, 1.0]):
        with pytest.raises(
            ValueError, match="Los pesos del reparto deben ser números no negativos"
        ):
            reparto_weights("manual", gap, manual=bad)
    with pytest.raises(ValueError, match="no negativos"):
        reparto_weights("brecha", [-1.0, 5.0])
    with pytest.raises(
        ValueError, match=r"Reparto desconocido: 'x'\. Use uno de brecha, igual, manual"
    ):
        reparto_weights("x", gap)
    with pytest.raises(ValueError, match="El reparto «manual» necesita los pesos de cada columna"):
        reparto_weights("manual", gap)


# ------------------------------------------------------------------ reallocate


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"minimum": -0.1}, "El mínimo debe estar entre 0 % y 100 %."),
        ({"minimum": 100.1}, "El mínimo debe estar entre 0 % y 100 %."),
        ({"minimum": np.nan}, "El mínimo debe estar entre 0 % y 100 %."),
        ({"floors": [-1.0, 0.0, 0.0]}, "Cada piso debe estar entre 0 % y 100 %."),
        ({"floors": [101.0, 0.0, 0.0]}, "Cada piso debe estar entre 0 % y 100 %."),
        ({"floors": [np.inf, 0.0, 0.0]}, "Cada piso debe estar entre 0 % y 100 %."),
        ({"weights": [-1.0, 1.0, 0.0]}, "Los pesos del reparto deben ser números no negativos."),
        ({"weights": [np.nan, 1.0, 0.0]}, "Los pesos del reparto deben ser números no negativos."),
        ({"capacity": [0.0, 0.0, -1.0]}, "La capacidad de cada columna debe ser un número no"),
        ({"capacity": [0.0, 0.0, np.nan]}, "La capacidad de cada columna debe ser un número no"),
        ({"capacity": [0.0, 0.0, 85.1]}, "Ninguna columna puede ceder más que su participación."),
        ({"capacity": [[0.0, 0.0, 1.0]] * 2}, "La capacidad no tiene la forma de las particip"),
        ({"baseline": [10.0, -5.0, 95.0]}, "Las participaciones deben ser números no negativos."),
        ({"baseline": [10.0, np.nan, 90.0]}, "Las participaciones deben ser números no negativos."),
        (
            {"baseline": [10.0, 5.0, 84.0]},
            "Las participaciones de cada escenario deben sumar 100 %.",
        ),
        ({"baseline": 100.0}, "Las participaciones deben ser un vector por escenario."),
    ],
    ids=case_id,
)
def test_each_bad_input_is_refused_with_its_spanish_message(kwargs, message):
    args = {
        "baseline": [10.0, 5.0, 85.0],
        "is_target": [True, True, False],
        "minimum": 30.0,
        "weights": [1.0, 1.0, 0.0],
        **kwargs,
    }
    baseline, target, minimum = args.pop("baseline"), args.pop("is_target"), args.pop("minimum")
    with pytest.raises(ValueError) as info:
        reallocate(baseline, target, minimum, **args)
    assert str(info.value).startswith(message)


def test_inputs_at_the_edge_are_accepted():
    # minimum 0 and 100, floor 100, capacity equal to the share, sum off by less than 1e-6
    reallocate([10.0, 5.0, 85.0], [True, True, False], 0.0, weights=[1.0, 1.0, 0.0])
    res = reallocate(
        [10.0, 5.0, 85.0],
        [True, True, False],
        100.0,
        weights=[1.0, 1.0, 0.0],
        floors=[100.0, 0.0, 0.0],
        capacity=[0.0, 0.0, 85.0],
    )
    assert res.shares.tolist() == pytest.approx([95.0, 5.0, 0.0])  # floors first: all to 0
    reallocate([10.0, 5.0, 85.0 + SUM_TOL / 2], [True, True, False], 0.0, weights=[1, 1, 0])
    assert SUM_TOL == 1e-6 and TOL == 1e-9 and ZERO == 1e-9


def test_every_field_of_a_feasible_rule_with_floors_and_two_payers():
    # Targets 0 (5 %) and 1 (5 %), floor 8 on target 0; payers 2 (50 %, can give 30) and
    # 3 (40 %, can give all). F = 30: T = max(8 + 5, 30) - 10 = 20; floor need 3 first, the
    # other 17 by weights 1:3 (4.25, 12.75); payers give 20 in proportion to 30:40.
    res = reallocate(
        [5.0, 5.0, 50.0, 40.0],
        [True, True, False, False],
        30.0,
        weights=[1.0, 3.0, 9.0, 9.0],
        floors=[8.0, 0.0, 50.0, 50.0],  # floors of payers are ignored
        capacity=[5.0, 5.0, 30.0, 40.0],  # capacity of targets is ignored
    )
    np.testing.assert_allclose(
        res.shares, [5 + 3 + 4.25, 5 + 12.75, 50 - 20 * 30 / 70, 40 - 20 * 40 / 70]
    )
    np.testing.assert_allclose(res.moved, res.shares - [5.0, 5.0, 50.0, 40.0])
    assert res.capacity.tolist() == [0.0, 0.0, 30.0, 40.0]
    assert res.is_target.tolist() == [True, True, False, False]
    assert float(res.top_up) == pytest.approx(20.0)
    assert float(res.requested_minimum) == 30.0
    assert float(res.max_minimum) == pytest.approx(10.0 + 70.0)
    assert float(res.effective_minimum) == 30.0
    assert bool(res.feasible) and bool(res.floors_feasible) and not bool(res.equal_fallback)
    assert float(res.target_total_before) == pytest.approx(10.0)
    assert float(res.target_total_after) == pytest.approx(30.0)


def test_every_field_when_only_part_of_the_minimum_fits():
    # Payer can give 12 of the 20 needed: floors (3) first, the other 9 by weights 1:3.
    res = reallocate(
        [5.0, 5.0, 90.0],
        [True, True, False],
        30.0,
        weights=[1.0, 3.0, 0.0],
        floors=[8.0, 0.0, 0.0],
        capacity=[0.0, 0.0, 12.0],
    )
    np.testing.assert_allclose(res.shares, [5 + 3 + 2.25, 5 + 6.75, 78.0])
    assert float(res.top_up) == pytest.approx(12.0)
    assert float(res.max_minimum) == pytest.approx(22.0)
    assert float(res.effective_minimum) == pytest.approx(22.0)
    assert not bool(res.feasible) and bool(res.floors_feasible)
    assert float(res.target_total_after) == pytest.approx(22.0)


def test_feasibility_is_judged_with_a_tolerance_of_1e_9():
    def rule(capacity):
        return reallocate(
            [90.0, 10.0],
            [True, False],
            100.0,
            weights=[1.0, 0.0],
            floors=[100.0, 0.0],
            capacity=[0.0, capacity],
        )

    assert bool(rule(10.0).feasible)
    just = rule(10.0 - 5e-10)
    assert bool(just.feasible) and bool(just.floors_feasible)
    over = rule(10.0 - 5e-9)
    assert not bool(over.feasible) and not bool(over.floors_feasible)


@settings(max_examples=60)
@given(
    baseline=st.lists(st.floats(0.5, 30.0), min_size=4, max_size=4),
    minimum=st.floats(0.0, 100.0),
    weights=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=2),
    give=st.lists(st.floats(0.0, 1.0), min_size=2, max_size=2),
)
def test_payers_give_the_same_fraction_and_receivers_split_by_weight(
    baseline, minimum, weights, give
):
    s = np.asarray(baseline) / sum(baseline) * 100
    cap = np.array([0.0, 0.0, s[2] * give[0], s[3] * give[1]])
    w = [weights[0], weights[1], 0.0, 0.0]
    res = reallocate(s, [True, True, False, False], minimum, weights=w, capacity=cap)
    paid = -res.moved[2:]
    got = res.moved[:2]
    C = cap.sum()
    need = max(minimum - s[:2].sum(), 0.0)
    top = min(need, C)
    assert float(res.top_up) == pytest.approx(top, abs=1e-9)
    assert paid.sum() == pytest.approx(top, abs=1e-9)
    for j in range(2):
        assert paid[j] == pytest.approx(top * cap[2 + j] / C if C > 0 else 0.0, abs=1e-9)
    W = sum(weights)
    share = [wi / W for wi in weights] if W > 0 else [0.5, 0.5]
    for i in range(2):
        assert got[i] == pytest.approx(top * share[i], abs=1e-9)
    assert bool(res.feasible) == (need <= C + 1e-9)
    assert bool(res.equal_fallback) == (W <= 0)


# ------------------------------------------------------------------ set shares


def test_set_shares_messages_say_the_totals():
    res = set_shares([50.0, 30.0, 20.0], {"0": 85.0}, locked=[False, False, True])
    assert res.message == (
        "Las participaciones fijadas (85.0 %) y las bloqueadas (20.0 %) suman 105.0 %, más "
        "del 100 %. Baje alguna participación fijada o desbloquee alguna columna."
    )
    res = set_shares([50.0, 30.0, 20.0], {0: 40.0}, locked=[False, True, True])
    assert res.message == (
        "No queda ninguna columna libre que absorba la diferencia de -10.0 p.p.: deje sin "
        "fijar o desbloquee alguna columna."
    )
    res = set_shares([50.0, 30.0, 20.0], {0: 101.0})
    assert res.message == "Cada participación fijada debe estar entre 0 % y 100 %."
    res = set_shares([50.0, 30.0, 20.0], {2: 5.0}, locked=[False, False, True])
    assert res.message == "No se puede fijar una columna bloqueada: desbloquéela primero."


def test_setting_every_column_to_its_own_total_is_feasible_without_free_columns():
    res = set_shares([50.0, 30.0, 20.0], {0: 50.0, 1: 30.0, 2: 20.0})
    assert bool(res.feasible) and res.message == ""
    assert res.overridden.tolist() == [True, True, True]
    res = set_shares([50.0, 30.0, 20.0], {0: 60.0}, locked=[False, True, False])
    assert res.shares.tolist() == pytest.approx([60.0, 30.0, 10.0])
    assert res.locked.tolist() == [False, True, False]
    assert res.overridden.tolist() == [True, False, False]


def test_set_shares_without_overrides_is_the_baseline():
    res = set_shares([50.0, 30.0, 20.0], None)
    assert res.shares.tolist() == [50.0, 30.0, 20.0] and bool(res.feasible)
    assert not res.overridden.any() and not res.locked.any()
    assert res.baseline.tolist() == [50.0, 30.0, 20.0]


# ------------------------------------------------------------------ the two views


def test_priority_view_refuses_attention_above_100_or_negative_and_bad_protection():
    with pytest.raises(ValueError, match="sumar como máximo 100 %"):
        priority_view([50.0, 50.0], [60.0, 40.1])
    with pytest.raises(ValueError, match="no negativa"):
        priority_view([50.0, 50.0], [-1.0, 40.0])
    for bad in (-1.0, 100.1):
        with pytest.raises(ValueError, match="El monto protegido debe estar entre 0 % y 100 %"):
            priority_view([50.0, 50.0], [10.0, 10.0], protected_pct=bad)
    # exactly 100 % of attention leaves an empty resto that cannot pay
    res = priority_view([50.0, 50.0], [60.0, 40.0], minimum=100.0)
    assert res.shares.tolist() == pytest.approx([60.0, 40.0, 0.0]) and bool(res.feasible)


def test_priority_view_with_manual_weights_floors_and_protection():
    # resto = 80, 70 protected: 10 can move. F = 30 needs 10: floor 5 on gap 1 first
    # (it holds 10 -> needs 0), then 10 by weights 1:4.
    res = priority_view(
        [60.0, 20.0],
        [10.0, 10.0],
        minimum=30.0,
        reparto="manual",
        manual_weights=[1.0, 4.0],
        floors=[0.0, 5.0],
        protected_pct=70.0,
    )
    np.testing.assert_allclose(res.shares, [12.0, 18.0, 70.0])
    assert res.capacity.tolist() == pytest.approx([0.0, 0.0, 10.0])
    assert bool(res.feasible)


SECTOR_GAP = [80.0, 10.0, 70.0, 60.0]
SECTOR_ATT = [10.0, 50.0, 30.0, 10.0]


def test_sector_view_totals_count_a_pinned_high_gap_function():
    # Functions 0, 2, 3 are high (>= 50). Pin 3 at 20 (from 10): function 1 absorbs -10
    # and the others scale; then F = 70 for the high functions together.
    view = sector_view(SECTOR_GAP, SECTOR_ATT, threshold=50.0, minimum=70.0, overrides={3: 20.0})
    s = view.settings.shares  # after the pin: free 0, 1, 2 shrink from 90 to 80
    np.testing.assert_allclose(s, [10 * 80 / 90, 50 * 80 / 90, 30 * 80 / 90, 20.0])
    r = view.reallocation
    assert float(r.target_total_after) == pytest.approx(70.0)
    assert view.shares[3] == 20.0
    assert view.shares.sum() == pytest.approx(100.0)
    # Before: Table 3 itself (10 + 30 + 10); the largest minimum: all of function 1 freed.
    assert float(r.target_total_before) == pytest.approx(50.0)
    assert float(r.max_minimum) == pytest.approx(100.0)
    assert float(r.effective_minimum) == 70.0 and bool(r.feasible)
    np.testing.assert_allclose(view.baseline, SECTOR_ATT)
    np.testing.assert_allclose(view.moved, view.shares - np.asarray(SECTOR_ATT))
    np.testing.assert_allclose(r.moved, view.moved)


def test_sector_view_with_every_high_function_pinned_cannot_raise_them():
    view = sector_view(
        SECTOR_GAP,
        SECTOR_ATT,
        threshold=50.0,
        minimum=60.0,
        overrides={0: 10.0, 2: 30.0, 3: 10.0},
    )
    r = view.reallocation
    assert not bool(r.feasible)
    assert float(r.max_minimum) == pytest.approx(50.0)
    assert float(r.effective_minimum) == pytest.approx(50.0)
    np.testing.assert_allclose(view.shares, SECTOR_ATT)


def test_sector_view_without_high_functions_is_feasible_only_for_a_zero_minimum():
    for minimum, feasible in ((0.0, True), (5.0, False)):
        view = sector_view(SECTOR_GAP, SECTOR_ATT, threshold=90.0, minimum=minimum)
        assert bool(view.reallocation.feasible) is feasible
        np.testing.assert_allclose(view.shares, SECTOR_ATT)
    with pytest.raises(ValueError, match="El mínimo debe estar entre 0 % y 100 %"):
        sector_view(SECTOR_GAP, SECTOR_ATT, threshold=50.0, minimum=120.0)


def test_sector_view_threshold_is_inclusive():
    view = sector_view(SECTOR_GAP, SECTOR_ATT, threshold=60.0, minimum=0.0)
    assert view.reallocation.is_target.tolist() == [True, False, True, True]


def test_sector_notices_start_with_the_settings_message():
    view = sector_view(
        SECTOR_GAP,
        SECTOR_ATT,
        threshold=50.0,
        minimum=0.0,
        overrides={1: 95.0},
        locked=[False, False, True, False],
    )
    out = view.notices(["A", "B", "C", "D"])
    assert out[0].startswith("Las participaciones fijadas (95.0 %) y las bloqueadas (30.0 %)")
    assert view.settings.message == out[0]


# ------------------------------------------------------------------ notices


LABELS = ["Agua", "Desagüe", "Resto"]


def test_notice_of_a_move_names_every_payer_with_before_and_after():
    res = reallocate(
        [10.0, 5.0, 45.0, 40.0], [True, True, False, False], 30.0, weights=[1.0, 1.0, 0, 0]
    )
    assert notices(res, ["Agua", "Desagüe", "Otros", "Resto"], targets_name="las brechas") == [
        "Se reasignan 15.00 p.p. del presupuesto a las brechas (15.00 % → 30.00 %); ceden: "
        "Otros (45.00 % → 37.06 %); Resto (40.00 % → 32.94 %)."
    ]


def test_notice_when_floors_do_not_fit():
    res = reallocate(
        [5.0, 5.0, 90.0],
        [True, True, False],
        0.0,
        weights=[1.0, 1.0, 0.0],
        floors=[20.0, 20.0, 0.0],
        capacity=[0.0, 0.0, 10.0],
    )
    out = notices(res, LABELS)
    assert out[0] == (
        "Los pisos pedidos no caben en lo que se puede liberar (10.0 % del total): se "
        "aplicaron en proporción y ninguno se cumple por completo."
    )
    moves = (
        "Se reasignan 10.00 p.p. del presupuesto a las columnas protegidas (10.00 % → 20.00 %); "
        "ceden: Resto (90.00 % → 80.00 %)."
    )
    assert out == [out[0], moves]
    assert notices(res, LABELS, feasibility=False) == [moves]


def test_notice_when_the_minimum_and_floors_together_do_not_fit():
    # Floors need 5 (fit in 12); F = 30 needs 20: together they do not fit.
    res = reallocate(
        [5.0, 5.0, 90.0],
        [True, True, False],
        30.0,
        weights=[1.0, 1.0, 0.0],
        floors=[10.0, 0.0, 0.0],
        capacity=[0.0, 0.0, 12.0],
    )
    assert notices(res, LABELS)[0] == (
        "El mínimo pedido (30.0 %) no es factible: con lo que se puede liberar, el máximo "
        "es 22.0 %. Se aplicó 22.0 %."
    )
    assert situation(res) == "tope"
    # Pooled municipalities: one cannot reach 40 %, the mean of what each can reach can.
    both = priority_view([50.0], [[10.0], [30.0]], minimum=40.0, protected_pct=[85.0, 0.0])
    pooled = pool(both, [100.0, 100.0])
    assert not bool(pooled.feasible) and float(pooled.max_minimum) >= 40.0
    assert notices(pooled, ["Agua", "Resto"])[0] == (
        "El mínimo y los pisos juntos no caben en lo que se puede liberar: las columnas "
        f"protegidas llegan a {float(pooled.target_total_after):.1f} %."
    )


def test_notice_of_equal_parts_when_the_weights_are_zero():
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[0.0, 0.0, 0.0])
    assert notices(res, LABELS, targets_name="las brechas")[0] == (
        "Los pesos del reparto de las brechas son todos cero: el aumento se repartió en "
        "partes iguales."
    )


def test_notices_need_one_label_per_column_and_one_scenario():
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[1.0, 1.0, 0.0])
    with pytest.raises(ValueError, match="Hace falta una etiqueta por columna"):
        notices(res, ["Agua", "Resto"])
    many = reallocate([10.0, 5.0, 85.0], [True, True, False], [30.0, 40.0], weights=[1, 1, 0])
    with pytest.raises(ValueError, match="un solo escenario"):
        notices(many, LABELS)
    assert res.notices(LABELS) == notices(res, LABELS)


@pytest.mark.parametrize(
    ("value", "decimals"),
    [
        (12.93, 2),
        (0.05, 2),
        (0.004, 3),
        (0.0004, 4),
        (0.0, 2),
        (-0.004, 3),
        (1e-12, 2),
        (float("inf"), 2),
        (1e-15 + 2e-9, 9),
    ],
    ids=case_id,
)
def test_decimals_show_a_small_move_as_non_zero(value, decimals):
    assert decimals_for(value) == decimals
    assert decimals_for(12.93, least=1) == 1


def test_exact_zero_is_inclusive_at_one_billionth():
    assert exact_zero([1e-9, -1e-9, 1.1e-9, -2e-9, 5.0]).tolist() == [0.0, 0.0, 1.1e-9, -2e-9, 5.0]


# ------------------------------------------------------------------ pooling municipalities


def test_pool_weights_means_by_budget_and_falls_back_to_equal_weights():
    res = priority_view([50.0], [[10.0], [30.0]], minimum=[[20.0], [40.0]])
    pooled = pool(res, [100.0, 300.0])
    # row F = 20: only the first moves 10 points; row F = 40: 30 and 10.
    np.testing.assert_allclose(pooled.top_up, [2.5, (30 * 100 + 10 * 300) / 400])
    np.testing.assert_allclose(
        pooled.shares[0], [(20 * 100 + 30 * 300) / 400, (80 * 100 + 70 * 300) / 400]
    )
    np.testing.assert_allclose(pooled.moved, pooled.shares - pooled.baseline)
    assert pooled.requested_minimum.tolist() == [20.0, 40.0]
    equal = pool(res, [0.0, 0.0])
    np.testing.assert_allclose(equal.top_up, [5.0, 20.0])
    with pytest.raises(ValueError, match="no negativos"):
        pool(res, [-1.0, 2.0])
    with pytest.raises(ValueError, match="un peso por municipalidad"):
        pool(res, [[1.0, 2.0]])


def test_a_small_move_shows_payers_with_as_many_decimals_as_the_move():
    res = priority_view([60.0, 20.0], [5.0, 3.0], minimum=8.004)
    assert notices(res, ["A", "B", "Resto"]) == [
        "Se reasignan 0.004 p.p. del presupuesto a las columnas protegidas (8.000 % → "
        "8.004 %); ceden: Resto (92.000 % → 91.996 %)."
    ]


def test_pool_weights_the_capacity_too():
    res = priority_view([50.0], [[10.0], [30.0]], minimum=20.0, protected_pct=[0.0, 50.0])
    pooled = pool(res, [100.0, 300.0])
    # capacity of resto: 90 and 70 - 50 = 20, weighted 1:3
    np.testing.assert_allclose(pooled.capacity, [0.0, (90 * 100 + 20 * 300) / 400])
    np.testing.assert_allclose(pooled.max_minimum, (100 * 100 + 50 * 300) / 400)


def test_priority_view_takes_one_floor_vector_per_scenario():
    res = priority_view([60.0, 20.0], [[5.0, 3.0], [1.0, 1.0]], floors=[[10.0, 0.0], [0.0, 4.0]])
    np.testing.assert_allclose(res.shares, [[10.0, 3.0, 87.0], [1.0, 4.0, 95.0]])
