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
    from_scenario,
    notices,
    pool,
    priority_view,
    protected_exceeds,
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


def test_pool_keeps_each_scenario_and_column_apart_in_a_stack_of_scenarios():
    # Two scenarios (axis 0) over the same two municipalities (axis 1) of 100 and 300 soles:
    # A = [10, 20, 70] and B = [30, 10, 60]; the last column can give 5 points in each.
    # Scenario 0 protects column 0 with F = 12 and zero weights (equal parts): A receives 2,
    # B already holds 30. Scenario 1 protects column 1 with a floor of 40 that does not fit:
    # each municipality gives its 5 points (A [10, 25, 65], B [30, 15, 55]).
    res = reallocate(
        [[10.0, 20.0, 70.0], [30.0, 10.0, 60.0]],
        [[[True, False, False]], [[False, True, False]]],
        [[12.0], [30.0]],
        weights=[[[0.0, 0.0, 0.0]], [[1.0, 1.0, 0.0]]],
        floors=[[[0.0, 0.0, 0.0]], [[0.0, 40.0, 0.0]]],
        capacity=[[0.0, 0.0, 5.0], [0.0, 0.0, 5.0]],
    )
    pooled = pool(res, [100.0, 300.0])
    # weighted 1:3: scenario 0 is 0.25 [12, 20, 68] + 0.75 [30, 10, 60]
    np.testing.assert_allclose(pooled.shares, [[25.5, 12.5, 62.0], [25.0, 17.5, 57.5]])
    np.testing.assert_allclose(pooled.top_up, [0.5, 5.0])
    assert pooled.is_target.tolist() == [[True, False, False], [False, True, False]]
    assert pooled.feasible.tolist() == [True, False]
    assert pooled.floors_feasible.tolist() == [True, False]
    assert pooled.equal_fallback.tolist() == [True, False]
    assert pooled.requested_minimum.tolist() == [12.0, 30.0]
    # largest feasible minimum: A 10 + 5 and B 30 + 5; then A 20 + 5 and B 10 + 5
    np.testing.assert_allclose(pooled.max_minimum, [0.25 * 15 + 0.75 * 35, 0.25 * 25 + 0.75 * 15])
    np.testing.assert_allclose(pooled.effective_minimum, [12.0, 17.5])


def test_pool_weights_that_sum_to_less_than_one_are_budgets_like_any_other():
    res = priority_view([50.0], [[10.0], [30.0]], minimum=20.0)
    # 0.1 and 0.3 weigh 1:3 like 100 and 300 soles: the first moves 10 points, 2.5 pooled
    assert float(pool(res, [0.1, 0.3]).top_up) == pytest.approx(2.5)


def test_pool_of_one_municipality_without_budget_is_that_municipality():
    res = priority_view([50.0], [[10.0]], minimum=20.0)
    pooled = pool(res, [0.0])
    assert pooled.shares.tolist() == pytest.approx([20.0, 80.0])
    assert float(pooled.top_up) == pytest.approx(10.0)


def test_pool_refuses_bad_weights_with_the_exact_spanish_message():
    res = priority_view([50.0], [[10.0], [30.0]], minimum=20.0)
    with pytest.raises(ValueError) as info:
        pool(res, [1.0])
    assert str(info.value) == "Hace falta un peso por municipalidad."
    with pytest.raises(ValueError) as info:
        pool(res, [1.0, -1.0])
    assert str(info.value) == "Los pesos deben ser números no negativos."


# ------------------------------------------------------------------ second mutation sample
# What the seeded sample of 2026-11-27 (scripts/mutation.py --sample 300 rules) left alive:
# exact refusal sentences, one scenario per row of each argument, the capacity used up to
# the last bit, the optimal reparto on a stack of tables, the sector view's settings per row.


def _refusal(call, *args, **kwargs) -> str:
    with pytest.raises(ValueError) as info:
        call(*args, **kwargs)
    return str(info.value)


def test_reparto_weights_refusals_are_whole_spanish_sentences():
    assert _refusal(reparto_weights, "manual", [60.0, 20.0]) == (
        "El reparto «manual» necesita los pesos de cada columna."
    )
    assert _refusal(reparto_weights, "optimo", [60.0, 20.0]) == (
        "El reparto «optimo» no usa pesos fijos: priority_view lo calcula con el costo por "
        "persona de cada brecha."
    )
    assert _refusal(reparto_weights, "manual", [60.0, 20.0], manual=[-1.0, 1.0]) == (
        "Los pesos del reparto deben ser números no negativos."
    )


def test_protected_columns_given_as_zeros_and_ones_come_back_as_booleans():
    res = reallocate([10.0, 5.0, 85.0], [1, 1, 0], 30.0, weights=[60.0, 30.0, 0.0])
    assert res.is_target.dtype == np.bool_
    assert res.is_target.tolist() == [True, True, False]
    assert res.shares.tolist() == pytest.approx([20.0, 10.0, 70.0])


@pytest.mark.parametrize(
    ("kwargs", "top_up", "before"),
    [
        # two baselines, one rule: 15 and 5 points to reach 30 (targets hold 15 and 25)
        ({"baseline": [[10.0, 5.0, 85.0], [20.0, 5.0, 75.0]]}, [15.0, 5.0], [15.0, 25.0]),
        # two sets of targets: column 0 alone (10 -> 30), column 1 alone (5 -> 30)
        (
            {"is_target": [[True, False, False], [False, True, False]]},
            [20.0, 25.0],
            [10.0, 5.0],
        ),
        # two reparto weights: the same 15 points, split 1:1 and 1:3
        ({"weights": [[1.0, 1.0, 0.0], [1.0, 3.0, 0.0]]}, [15.0, 15.0], [15.0, 15.0]),
        # two floor vectors with F = 0: a floor of 20 on column 0 moves 10, none moves 0
        (
            {"minimum": 0.0, "floors": [[20.0, 0.0, 0.0], [0.0, 0.0, 0.0]]},
            [10.0, 0.0],
            [15.0, 15.0],
        ),
    ],
    ids=["baselines", "targets", "weights", "floors"],
)
def test_each_argument_given_as_rows_makes_one_scenario_per_row(kwargs, top_up, before):
    args = {
        "baseline": [10.0, 5.0, 85.0],
        "is_target": [True, True, False],
        "minimum": 30.0,
        "weights": [1.0, 1.0, 0.0],
        **kwargs,
    }
    res = reallocate(args.pop("baseline"), args.pop("is_target"), args.pop("minimum"), **args)
    assert res.shares.shape == (2, 3)
    assert res.top_up.tolist() == pytest.approx(top_up)
    assert res.target_total_before.tolist() == pytest.approx(before)
    assert res.requested_minimum.tolist() == [kwargs.get("minimum", 30.0)] * 2
    assert res.max_minimum.shape == (2,) and res.feasible.shape == (2,)


def test_a_top_up_one_tolerance_above_the_capacity_is_still_feasible():
    # floor 100 on a target holding 90: T = 10; the payer can give 10 - 1e-9, and
    # (10 - 1e-9) + TOL is 10.0 to the last bit: the comparison is inclusive.
    res = reallocate(
        [90.0, 10.0],
        [True, False],
        100.0,
        weights=[1.0, 0.0],
        floors=[100.0, 0.0],
        capacity=[0.0, 10.0 - 1e-9],
    )
    assert (10.0 - 1e-9) + TOL == 10.0
    assert bool(res.feasible) and bool(res.floors_feasible)


def test_when_the_capacity_is_used_up_each_payer_gives_exactly_its_capacity():
    # F = 50 on a target holding 2.1: T = 50 - 2.1 = 47.9, while the payers can give
    # 17.3 + 30.6 = 47.900000000000006: the same amount up to float noise. The capacity is
    # then used up: each payer keeps exactly its locked part, and the target receives
    # exactly what they give (no money created or lost in the last bit).
    res = reallocate(
        [2.1, 40.0, 57.9],
        [True, False, False],
        50.0,
        weights=[1.0, 0.0, 0.0],
        capacity=[0.0, 17.3, 30.6],
    )
    assert res.shares[1] == 40.0 - 17.3 and res.shares[2] == 57.9 - 30.6
    assert float(res.top_up) == 17.3 + 30.6
    assert res.shares[0] == 2.1 + (17.3 + 30.6)


def test_a_floor_one_tolerance_below_all_that_can_be_freed_takes_all_of_it():
    # Target at 0 with a floor of 100 - 1e-9, the payer holds 100: the floor reaches the
    # capacity within TOL, so the payer gives everything and the shares still sum to 100.
    res = reallocate([0.0, 100.0], [True, False], 0.0, weights=[1.0, 0.0], floors=[100 - 1e-9, 0])
    assert res.shares.tolist() == [100.0, 0.0]


def test_the_notices_method_passes_the_name_of_the_targets_on():
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 30.0, weights=[1.0, 1.0, 0.0])
    assert res.notices(LABELS, targets_name="las brechas priorizadas") == [
        "Se reasignan 15.00 p.p. del presupuesto a las brechas priorizadas (15.00 % → "
        "30.00 %); ceden: Resto (85.00 % → 70.00 %)."
    ]


# priority_view


def test_priority_view_refusals_are_whole_spanish_sentences():
    assert _refusal(priority_view, [60.0, 20.0], [70.0, 40.0]) == (
        "La atención a las brechas debe ser no negativa y sumar como máximo 100 %."
    )
    assert _refusal(priority_view, [60.0, 20.0], [5.0, 3.0], protected_pct=101.0) == (
        "El monto protegido debe estar entre 0 % y 100 % del total."
    )
    optimal_message = (
        "El reparto óptimo necesita el costo por persona y la población de cada brecha."
    )
    for half in ({}, {"need_share_pct": [8.0, 30.0]}, {"people_per_point": [100.0, 50.0]}):
        refusal = _refusal(priority_view, [60.0, 20.0], [5.0, 3.0], reparto="optimo", **half)
        assert refusal == optimal_message


OPTIMO = {"reparto": "optimo", "people_per_point": [100.0, 50.0]}


def test_optimal_reparto_fills_the_gap_that_covers_most_people_up_to_what_closes_it():
    # F = 20 on gaps holding 5 and 3: T = 12. Gap 0 covers 100 people a point and closes
    # at 8 % (room 3), gap 1 covers 50 and closes at 30 %: 3 to gap 0, the other 9 to gap 1.
    res = priority_view(
        [60.0, 20.0], [5.0, 3.0], minimum=20.0, need_share_pct=[8.0, 30.0], **OPTIMO
    )
    assert res.shares.tolist() == pytest.approx([8.0, 12.0, 80.0])


def test_optimal_reparto_measures_the_room_from_the_shares_before_the_minimum():
    # Gaps hold 0.2 and 0.3 (below 1 %): F = 10 gives T = 9.5; gap 0 closes at 2.2 %, so its
    # room is 2.0, and gap 1 takes the other 7.5.
    res = priority_view(
        [60.0, 20.0], [0.2, 0.3], minimum=10.0, need_share_pct=[2.2, 50.0], **OPTIMO
    )
    assert res.shares.tolist() == pytest.approx([2.2, 7.8, 90.0])


def test_optimal_reparto_on_a_stack_of_tables_solves_each_table():
    res = priority_view(
        [[60.0, 20.0], [60.0, 20.0]],
        [[5.0, 3.0], [0.2, 0.3]],
        minimum=[20.0, 10.0],
        need_share_pct=[[8.0, 30.0], [2.2, 50.0]],
        reparto="optimo",
        people_per_point=[[100.0, 50.0], [100.0, 50.0]],
    )
    np.testing.assert_allclose(res.shares, [[8.0, 12.0, 80.0], [2.2, 7.8, 90.0]])


def test_optimal_reparto_shares_only_what_the_protected_part_lets_move():
    # F = 40 asks for 32 points, but 82 of the resto's 92 are protected: only 10 move.
    # Gap 0's room is 5 (it closes at 10 %): 5 to gap 0, the other 5 to gap 1.
    res = priority_view(
        [60.0, 20.0],
        [5.0, 3.0],
        minimum=40.0,
        protected_pct=82.0,
        need_share_pct=[10.0, 50.0],
        **OPTIMO,
    )
    assert res.shares.tolist() == pytest.approx([10.0, 8.0, 82.0])


def test_optimal_reparto_shares_what_no_gap_can_use_by_gap_size():
    # T = 12 but the gaps close at 6 % and 4 % (room 1 each): the other 10 points go 60:20.
    res = priority_view([60.0, 20.0], [5.0, 3.0], minimum=20.0, need_share_pct=[6.0, 4.0], **OPTIMO)
    assert res.shares.tolist() == pytest.approx([5 + 1 + 7.5, 3 + 1 + 2.5, 80.0])


def test_priority_view_takes_one_set_of_included_gaps_per_scenario():
    # F = 20 for gap 0 alone (holds 5: 15 points), then for gap 1 alone (holds 3: 17 points)
    res = priority_view(
        [60.0, 20.0], [5.0, 3.0], minimum=20.0, included=[[True, False], [False, True]]
    )
    np.testing.assert_allclose(res.shares, [[20.0, 3.0, 77.0], [5.0, 20.0, 75.0]])


# from_scenario and RuleArgs


def test_from_scenario_with_the_optimal_reparto_passes_the_costs_on_or_refuses():
    from brechas_core.scenario import Scenario

    s = Scenario(minimum_pct=20, reparto="optimo")
    assert _refusal(from_scenario, s, ["a", "b"]) == (
        "El reparto óptimo necesita el costo por persona y la población de cada brecha."
    )
    optimal = {"need_share_pct": np.array([8.0, 30.0]), "people_per_point": np.array([100, 50])}
    args = from_scenario(s, ["a", "b"], optimal=optimal)
    assert args.kwargs["reparto"] == "optimo"
    assert args.kwargs["need_share_pct"].tolist() == [8.0, 30.0]
    assert args.apply([60.0, 20.0], [5.0, 3.0]).shares.tolist() == pytest.approx([8.0, 12.0, 80.0])


def test_the_sector_view_of_an_optimal_scenario_shares_by_gap():
    from brechas_core.scenario import Scenario

    s = Scenario(view="sectores", reparto="optimo", threshold_pct=50, minimum_pct=60)
    args = from_scenario(s, ["01", "02", "03"], [80.0, 10.0, 70.0])
    assert args.kwargs["reparto"] == "brecha"
    # 20 points to functions 1 and 3 by gap, 80:70
    assert args.apply([80.0, 10.0, 70.0], [10.0, 60.0, 30.0]).shares.tolist() == pytest.approx(
        [10 + 20 * 80 / 150, 40.0, 30 + 20 * 70 / 150]
    )


def test_sector_rule_without_gaps_protects_no_function_and_the_threshold_is_inclusive():
    from brechas_core.scenario import Scenario

    s = Scenario(view="sectores", threshold_pct=50)
    none = from_scenario(s, ["01", "02", "03"])
    assert none.is_target.dtype == np.bool_ and none.is_target.tolist() == [False] * 3
    at = from_scenario(s, ["01", "02", "03"], [50.0, 49.9, 80.0])
    assert at.is_target.tolist() == [True, False, True]


def test_rule_args_apply_at_another_minimum_in_both_views():
    from brechas_core.scenario import Scenario

    sectors = from_scenario(
        Scenario(view="sectores", threshold_pct=50, minimum_pct=60, reparto="igual"),
        ["01", "02", "03"],
    )
    res = sectors.apply([80.0, 10.0, 70.0], [10.0, 60.0, 30.0], minimum=50.0)
    assert res.shares.tolist() == pytest.approx([15.0, 50.0, 35.0])
    prioritarias = from_scenario(Scenario(minimum_pct=20), ["a", "b"])
    res = prioritarias.apply([60.0, 20.0], [5.0, 3.0], minimum=np.array([[8.0], [20.0]]))
    assert res.top_up.ravel().tolist() == pytest.approx([0.0, 12.0])
    assert _refusal(prioritarias.sector, [60.0, 20.0], [5.0, 3.0]) == (
        "sector() es solo para la vista por sectores."
    )


def test_protected_part_exceeds_the_resto_only_when_larger_than_it():
    from brechas_core.scenario import Scenario

    attention = [[30.0, 40.0], [60.0, 40.0]]  # resto 30 and 0
    assert protected_exceeds(Scenario(protected_pct=30), attention).tolist() == [False, True]
    assert protected_exceeds(Scenario(protected_pct=0.5), attention).tolist() == [False, True]
    assert protected_exceeds(Scenario(protected_pct=0), attention).tolist() == [False, False]
    assert protected_exceeds(Scenario(protected_pct=30.5), attention).tolist() == [True, True]


# sector view and set shares


def test_sector_view_on_a_stack_of_tables_keeps_each_rows_pins_and_totals():
    # The same Table-3-like row twice: functions 1 and 3 are high (80 % and 70 % >= 50 %).
    # Row 0: F = 50, equal parts: 5 points to each, from function 2.
    # Row 1: F = 60 with function 1 pinned at 20 (from 10): the free functions 2 and 3
    # absorb -10 in proportion (60:30 -> 53.33, 26.67); function 1 counts 20 towards F, so
    # function 3 needs 40 - 26.67 = 13.33 more, from function 2 (to 40).
    nan = np.nan
    view = sector_view(
        [80.0, 10.0, 70.0],
        [[10.0, 60.0, 30.0], [10.0, 60.0, 30.0]],
        threshold=50,
        minimum=[50.0, 60.0],
        reparto="igual",
        overrides=[[nan, nan, nan], [20.0, nan, nan]],
    )
    res = view.reallocation
    np.testing.assert_allclose(res.shares, [[15.0, 50.0, 35.0], [20.0, 40.0, 40.0]])
    # what changes hands: 10 points; then +10 to function 1 (pinned) and +10 to function 3
    np.testing.assert_allclose(res.top_up, [10.0, 20.0])
    assert res.is_target.tolist() == [[True, False, True], [True, False, True]]
    np.testing.assert_allclose(res.target_total_before, [40.0, 40.0])
    np.testing.assert_allclose(res.target_total_after, [50.0, 60.0])
    np.testing.assert_allclose(res.max_minimum, [100.0, 100.0])
    np.testing.assert_allclose(res.capacity, [[0.0, 60.0, 0.0], [0.0, 160 / 3, 0.0]])
    assert res.feasible.tolist() == [True, True]


def test_sector_view_refuses_a_negative_minimum_with_its_sentence():
    assert _refusal(sector_view, [80.0], [100.0], threshold=50, minimum=-1.0) == (
        "El mínimo debe estar entre 0 % y 100 %."
    )


def test_sector_notices_call_the_targets_the_high_gap_functions():
    view = sector_view(
        [80.0, 10.0, 70.0], [10.0, 60.0, 30.0], threshold=50, minimum=60.0, reparto="igual"
    )
    assert view.notices(["F1", "F2", "F3"]) == [
        "Se reasignan 20.00 p.p. del presupuesto a las funciones con brecha alta (40.00 % → "
        "60.00 %); ceden: F2 (60.00 % → 40.00 %)."
    ]


def test_a_set_share_names_every_column_that_receives():
    # Function 2 set from 60 to 30: functions 1, 3 and 4 absorb the 30 points 10:10:20.
    view = sector_view(
        [80.0, 10.0, 10.0, 70.0], [10.0, 60.0, 10.0, 20.0], threshold=50, overrides={1: 30.0}
    )
    assert view.shares.tolist() == pytest.approx([17.5, 30.0, 17.5, 35.0])
    assert view.notices(["F1", "F2", "F3", "F4"]) == [
        "Se reasignan 30.00 p.p. del presupuesto, con las participaciones fijadas: las "
        "funciones con brecha alta pasan de 30.00 % a 52.50 %; reciben: F1 (10.00 % → "
        "17.50 %); F3 (10.00 % → 17.50 %); F4 (20.00 % → 35.00 %); ceden: F2 (60.00 % → "
        "30.00 %)."
    ]


def test_free_columns_holding_less_than_one_point_absorb_in_proportion():
    # 99.2 set to 90: the 9.2 points go to columns of 0.5 and 0.3, in proportion 5:3.
    res = set_shares([99.2, 0.5, 0.3], {0: 90.0})
    assert res.shares.tolist() == pytest.approx([90.0, 0.5 + 9.2 * 5 / 8, 0.3 + 9.2 * 3 / 8])


def test_free_columns_at_zero_absorb_in_equal_parts_row_by_row():
    nan = np.nan
    # Row 0: 100 set to 40, two free columns at zero: 30 each. Row 1: also 10 on column 1,
    # a single free column takes the other 50.
    res = set_shares([100.0, 0.0, 0.0], [[40.0, nan, nan], [40.0, 10.0, nan]])
    assert res.shares.tolist() == [[40.0, 30.0, 30.0], [40.0, 10.0, 50.0]]
    # one free column at zero, the other locked
    res = set_shares([60.0, 40.0, 0.0], {0: 50.0}, locked=[False, True, False])
    assert res.shares.tolist() == [50.0, 40.0, 10.0]


def test_set_shares_reads_locks_given_as_zeros_and_ones_as_booleans():
    res = set_shares([50.0, 30.0, 20.0], {0: 60.0}, locked=[0, 0, 1])
    assert res.locked.dtype == np.bool_
    assert res.shares.tolist() == pytest.approx([60.0, 20.0, 20.0])


def test_set_shares_applies_one_mapping_to_a_stack_of_baselines():
    # 60 on column 0: the others scale 40/50 in row 0 and 40/80 in row 1.
    res = set_shares([[50.0, 30.0, 20.0], [20.0, 30.0, 50.0]], {0: 60.0})
    np.testing.assert_allclose(res.shares, [[60.0, 24.0, 16.0], [60.0, 15.0, 25.0]])


# notices and the one decision


def test_a_top_up_of_one_billionth_of_a_point_moves_nothing():
    # exactly ZERO: F = 1e-9 on a target at 0 needs T = 1e-9, which is no move
    res = reallocate([0.0, 100.0], [True, False], 1e-9, weights=[1.0, 0.0])
    assert float(res.top_up) == ZERO
    assert situation(res) == "ya_cumple"
    assert decimals_for(ZERO) == 2


def test_a_minimum_below_one_percent_already_met_is_not_the_baseline():
    res = reallocate([10.0, 5.0, 85.0], [True, True, False], 0.5, weights=[1.0, 1.0, 0.0])
    assert situation(res) == "ya_cumple"
    assert notices(res, LABELS) == [
        "Las columnas protegidas ya suman 15.0 %, al menos el mínimo de 0.5 %: no se mueve dinero."
    ]


def test_refusals_and_the_notice_without_targets_are_whole_sentences():
    none = reallocate([10.0, 5.0, 85.0], [False, False, False], 30.0, weights=[1.0, 1.0, 0.0])
    assert notices(none, LABELS) == [
        "No hay ninguna columna protegida: la regla del mínimo no mueve dinero. Incluya al "
        "menos una."
    ]
    assert _refusal(notices, none, ["Agua"]) == "Hace falta una etiqueta por columna."
    many = reallocate([10.0, 5.0, 85.0], [True, True, False], [30.0, 40.0], weights=[1, 1, 0])
    assert _refusal(situation, many) == (
        "situation() decide un solo escenario; seleccione una fila primero."
    )


def test_a_capped_rule_with_zero_weights_says_the_parts_were_equal():
    # F = 50 but only 15 can be freed: 30 % applied, 7.5 points to each target.
    res = reallocate(
        [10.0, 5.0, 85.0],
        [True, True, False],
        50.0,
        weights=[0.0, 0.0, 0.0],
        capacity=[0.0, 0.0, 15.0],
    )
    assert situation(res) == "tope"
    assert notices(res, LABELS) == [
        "El mínimo pedido (50.0 %) no es factible: con lo que se puede liberar, el máximo es "
        "30.0 %. Se aplicó 30.0 %.",
        "Los pesos del reparto de las columnas protegidas son todos cero: el aumento se "
        "repartió en partes iguales.",
        "Se reasignan 15.00 p.p. del presupuesto a las columnas protegidas (15.00 % → "
        "30.00 %); ceden: Resto (85.00 % → 70.00 %).",
    ]


def test_a_minimum_equal_to_the_largest_feasible_one_is_not_called_infeasible():
    # F = 30 is exactly what can be reached (15 + 15), but the floor of 40 does not fit:
    # only the floors are said not to fit.
    res = reallocate(
        [10.0, 5.0, 85.0],
        [True, True, False],
        30.0,
        weights=[1.0, 1.0, 0.0],
        floors=[40.0, 0.0, 0.0],
        capacity=[0.0, 0.0, 15.0],
    )
    assert notices(res, LABELS) == [
        "Los pisos pedidos no caben en lo que se puede liberar (15.0 % del total): se "
        "aplicaron en proporción y ninguno se cumple por completo.",
        "Se reasignan 15.00 p.p. del presupuesto a las columnas protegidas (15.00 % → "
        "30.00 %); ceden: Resto (85.00 % → 70.00 %).",
    ]


def test_a_column_that_does_not_move_is_not_named_among_the_payers():
    # Desagüe is neither protected nor able to give: only Resto pays.
    res = reallocate(
        [10.0, 5.0, 85.0],
        [True, False, False],
        20.0,
        weights=[1.0, 0.0, 0.0],
        capacity=[0.0, 0.0, 85.0],
    )
    assert notices(res, LABELS) == [
        "Se reasignan 10.00 p.p. del presupuesto a las columnas protegidas (10.00 % → "
        "20.00 %); ceden: Resto (85.00 % → 75.00 %)."
    ]
