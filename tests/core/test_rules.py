"""The minimum-share rule: named cases with the arithmetic written out, then properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from brechas_core import rules
from brechas_core.rules import (
    REPARTOS,
    notices,
    priority_view,
    reallocate,
    reparto_weights,
    sector_view,
    set_shares,
)
from tests.core.support import T2, T3

GAP = T2["gap_pct"].to_numpy()  # Σ = 567.10
ATT = T2["attention_pct"].to_numpy()  # Σ = 27.07, so resto = 72.93
LABELS = [*T2["label"], "Resto"]
IDX = {gap_id: i for i, gap_id in enumerate(T2["gap_id"])}
RESTO = len(GAP)


def _floors(**by_id: float) -> np.ndarray:
    floors = np.zeros(len(GAP))
    for gap_id, value in by_id.items():
        floors[IDX[gap_id]] = value
    return floors


def _expected(baseline_gaps, top_up_by_gap, resto):
    return np.append(np.asarray(baseline_gaps, float) + top_up_by_gap, resto)


# Each case: keyword arguments of priority_view, then the expected shares (10 gaps + resto).
_t40 = 40.0 - 27.07  # 12.93
_floor_need = (10.0 - 5.65) + (2.0 - 0.0)  # agua to 10, anemia to 2: 6.35
_excl = np.ones(len(GAP), bool)
_excl[IDX["locales_estado"]] = False
_gap_excl = np.where(_excl, GAP, 0.0)  # Σ = 567.10 - 91.32 = 475.78
PRIORITY_CASES = [
    # F = 40 % with reparto=brecha on the study's Table 2: Σ gaps = 27.07, T = 12.93,
    # each gap receives 12.93 * gap_i / 567.10; resto goes 72.93 -> 60.00.
    (
        {"minimum": 40.0, "reparto": "brecha"},
        _expected(ATT, _t40 * GAP / GAP.sum(), 60.0),
    ),
    # F = 40 % in equal parts: each of the 10 gaps receives 12.93 / 10 = 1.293.
    ({"minimum": 40.0, "reparto": "igual"}, _expected(ATT, 1.293, 60.0)),
    # Floors only (F = 0): agua 5.65 -> 10, anemia 0 -> 2; T = 4.35 + 2 = 6.35,
    # resto 72.93 -> 66.58, the other gaps do not move.
    (
        {"minimum": 0.0, "floors": _floors(agua=10.0, anemia=2.0)},
        _expected(ATT, _floors(agua=4.35, anemia=2.0), 72.93 - 6.35),
    ),
    # Floors + F = 40 %: T = max(27.07 + 6.35, 40) - 27.07 = 12.93 (not 6.35 + 12.93: the
    # floors count towards the minimum). Floors first (6.35), the remaining
    # 12.93 - 6.35 = 6.58 by gap size over all ten gaps; resto 72.93 -> 60.00.
    (
        {"minimum": 40.0, "floors": _floors(agua=10.0, anemia=2.0)},
        _expected(
            ATT,
            _floors(agua=4.35, anemia=2.0) + (_t40 - _floor_need) * GAP / GAP.sum(),
            60.0,
        ),
    ),
    # Floors above the minimum: F = 28 % but the floors alone bring the gaps to
    # 27.07 + 6.35 = 33.42 %; T = 6.35, nothing more (least money moved).
    (
        {"minimum": 28.0, "floors": _floors(agua=10.0, anemia=2.0)},
        _expected(ATT, _floors(agua=4.35, anemia=2.0), 72.93 - 6.35),
    ),
    # Excluded gap untouched: locales_estado (13.46 %) neither pays nor receives. Included
    # gaps hold 27.07 - 13.46 = 13.61; F = 40 needs T = 26.39, shared by gap over
    # Σ = 567.10 - 91.32 = 475.78; resto 72.93 -> 46.54.
    (
        {"minimum": 40.0, "included": _excl},
        _expected(ATT, 26.39 * _gap_excl / _gap_excl.sum(), 72.93 - 26.39),
    ),
    # Protected resto: 50 % of the total cannot be cut; F = 45 needs T = 17.93 and resto
    # can give 72.93 - 50 = 22.93, so it is feasible: resto 72.93 -> 55.00.
    (
        {"minimum": 45.0, "protected_pct": 50.0},
        _expected(ATT, 17.93 * GAP / GAP.sum(), 55.0),
    ),
    # Already met: F = 20 % < 27.07 %, nothing moves.
    ({"minimum": 20.0}, _expected(ATT, 0.0, 72.93)),
]
PRIORITY_IDS = [
    "F40_brecha_resto_72.93_to_60",
    "F40_igual_each_gap_plus_1.293",
    "floors_only_resto_pays_6.35",
    "floors_and_F40_move_12.93_only",
    "floors_above_minimum_move_6.35_only",
    "excluded_gap_untouched",
    "protected_resto_50_feasible",
    "already_met_nothing_moves",
]


@pytest.mark.parametrize(("kwargs", "expected"), PRIORITY_CASES, ids=PRIORITY_IDS)
def test_priority_view_cases(kwargs, expected):
    res = priority_view(GAP, ATT, **kwargs)
    np.testing.assert_allclose(res.shares, expected, atol=1e-9)
    assert bool(res.feasible)
    assert res.shares.sum() == pytest.approx(100.0, abs=1e-9)
    np.testing.assert_allclose(res.moved, res.shares - res.baseline)


def test_f40_brecha_top_up_and_notice():
    res = priority_view(GAP, ATT, minimum=40.0, reparto="brecha")
    assert float(res.top_up) == pytest.approx(12.93)
    assert float(res.target_total_after) == pytest.approx(40.0)
    # two decimals, as every other figure (issue 8 item 8: one decimal turned a 0.05-point
    # move into "0.0 p.p. (77.0 % → 77.0 %)"; this test pinned "12.9 p.p. (27.1 % → 40.0 %)")
    assert notices(res, LABELS, targets_name="las brechas priorizadas") == [
        "Se reasignan 12.93 p.p. del presupuesto a las brechas priorizadas "
        "(27.07 % → 40.00 %); ceden: Resto (72.93 % → 60.00 %)."
    ]


def test_infeasible_minimum_reports_max_minimum_exactly():
    # Protecting 50 % leaves 72.93 - 50 = 22.93 to free: the largest minimum is
    # 27.07 + 22.93 = 50.00. Asking 60 % applies 50 %, resto ends at exactly 50 %.
    res = priority_view(GAP, ATT, minimum=60.0, protected_pct=50.0)
    assert not bool(res.feasible)
    assert bool(res.floors_feasible)
    assert float(res.max_minimum) == pytest.approx(50.0, abs=1e-12)
    assert float(res.effective_minimum) == pytest.approx(50.0, abs=1e-12)
    assert float(res.requested_minimum) == 60.0
    assert res.shares[RESTO] == pytest.approx(50.0, abs=1e-12)
    assert float(res.target_total_after) == pytest.approx(50.0, abs=1e-12)
    assert notices(res, LABELS)[0] == (
        "El mínimo pedido (60.0 %) no es factible: con lo que se puede liberar, "
        "el máximo es 50.0 %. Se aplicó 50.0 %."
    )


def test_floors_that_do_not_fit_are_scaled_in_proportion():
    # Protecting 70 % leaves 2.93 to free; floors need 4.35 (agua) + 2 (anemia) = 6.35,
    # so each floor top-up is scaled by 2.93 / 6.35.
    res = priority_view(GAP, ATT, floors=_floors(agua=10.0, anemia=2.0), protected_pct=70.0)
    assert not bool(res.floors_feasible) and not bool(res.feasible)
    scale = 2.93 / 6.35
    assert res.moved[IDX["agua"]] == pytest.approx(4.35 * scale)
    assert res.moved[IDX["anemia"]] == pytest.approx(2.0 * scale)
    assert res.shares[RESTO] == pytest.approx(70.0)
    assert "pisos" in notices(res, LABELS)[0]


def test_equal_fallback_when_all_target_weights_are_zero():
    # Manual weights all zero: F = 40 is shared in equal parts, 12.93 / 10 = 1.293 each.
    res = priority_view(GAP, ATT, minimum=40.0, reparto="manual", manual_weights=np.zeros(len(GAP)))
    assert bool(res.equal_fallback)
    np.testing.assert_allclose(res.moved[:RESTO], 1.293)
    assert any("partes iguales" in text for text in notices(res, LABELS))


def test_no_target_means_nothing_can_be_raised():
    res = priority_view(GAP, ATT, included=np.zeros(len(GAP), bool), minimum=10.0)
    assert not bool(res.feasible)
    assert float(res.max_minimum) == 0.0
    np.testing.assert_array_equal(res.shares, res.baseline)
    assert "No hay ninguna columna protegida" in notices(res, LABELS)[0]


def test_already_met_notice():
    res = priority_view(GAP, ATT, minimum=20.0)
    assert notices(res, LABELS, targets_name="las brechas priorizadas") == [
        "Las brechas priorizadas ya suman 27.1 %, al menos el mínimo de 20.0 %: no se mueve dinero."
    ]


def test_reparto_weights_validation():
    assert REPARTOS == ("brecha", "igual", "manual", "optimo")
    with pytest.raises(ValueError, match="no usa pesos fijos"):
        reparto_weights("optimo", GAP)
    with pytest.raises(ValueError, match="manual"):
        reparto_weights("manual", GAP)
    with pytest.raises(ValueError, match="Reparto desconocido"):
        reparto_weights("otro", GAP)
    with pytest.raises(ValueError, match="no negativos"):
        reparto_weights("manual", [1.0, 2.0], manual=[-1.0, 1.0])


def test_reallocate_rejects_a_baseline_that_does_not_sum_to_100():
    with pytest.raises(ValueError, match="100 %"):
        reallocate([10.0, 20.0], [True, False], 5.0, weights=[1.0, 0.0])


SET_SHARES_CASES = [
    # Set column 0 from 50 to 60: the free columns (30, 20) give 10 in proportion to size,
    # 10 * 30/50 = 6 and 10 * 20/50 = 4.
    (([50.0, 30.0, 20.0], {0: 60.0}, None), [60.0, 24.0, 16.0]),
    # Column 2 locked: column 1 alone absorbs the -10 from setting column 0 to 40.
    (([50.0, 30.0, 20.0], {0: 40.0}, [False, False, True]), [40.0, 40.0, 20.0]),
    # Free columns all at zero share the 30 freed in equal parts: 15 each.
    (([100.0, 0.0, 0.0], {0: 70.0}, None), [70.0, 15.0, 15.0]),
    # Array form, NaN = not set: column 1 set to 10, columns 0 and 2 absorb +20 by size
    # (50 -> 50 + 20 * 50/70, 20 -> 20 + 20 * 20/70).
    (([50.0, 30.0, 20.0], [np.nan, 10.0, np.nan], None), [50 + 100 / 7, 10.0, 20 + 40 / 7]),
]


@pytest.mark.parametrize(
    ("args", "expected"),
    SET_SHARES_CASES,
    ids=["absorbs_in_proportion", "locked_stays_fixed", "zeros_share_equally", "nan_not_set"],
)
def test_set_shares_cases(args, expected):
    res = set_shares(*args)
    assert bool(res.feasible) and res.message == ""
    np.testing.assert_allclose(res.shares, expected, atol=1e-12)


SET_SHARES_INFEASIBLE = [
    # 90 set + 20 locked = 110 > 100.
    (([50.0, 30.0, 20.0], {0: 90.0}, [False, False, True]), "suman 110.0 %, más del 100 %"),
    # Everything else locked: nobody can absorb the 10 freed by setting 50 -> 40.
    (([50.0, 30.0, 20.0], {0: 40.0}, [False, True, True]), "ninguna columna libre"),
    # Setting a locked column.
    (([50.0, 30.0, 20.0], {2: 10.0}, [False, False, True]), "bloqueada"),
    (([50.0, 30.0, 20.0], {0: -5.0}, None), "entre 0 % y 100 %"),
]


@pytest.mark.parametrize(
    ("args", "message"),
    SET_SHARES_INFEASIBLE,
    ids=["set_plus_locked_over_100", "no_free_column", "locked_cannot_be_set", "negative"],
)
def test_set_shares_infeasible_returns_baseline_and_says_what_to_change(args, message):
    res = set_shares(*args)
    assert not bool(res.feasible)
    assert message in res.message
    np.testing.assert_array_equal(res.shares, args[0])
    assert not res.overridden.any()


def test_set_shares_is_vectorised_with_one_message_per_row():
    res = set_shares(
        [[50.0, 30.0, 20.0], [50.0, 30.0, 20.0]], [[60.0, np.nan, np.nan], [90.0, np.nan, 20.0]]
    )
    assert res.feasible.tolist() == [True, False]
    assert res.message[0] == "" and "más del 100 %" in res.message[1]


def test_sector_view_keeps_locked_and_pinned_functions_fixed():
    gap = T3["gap_pct"].to_numpy()
    att = T3["attention_pct"].to_numpy()
    locked = np.zeros(len(gap), bool)
    locked[0] = True  # Planeamiento (gap 0 %, 14.86 %)
    salud = int(np.flatnonzero(T3["label"] == "Salud")[0])  # gap 71.77 %, a target
    view = sector_view(
        gap, att, threshold=70.0, minimum=60.0, overrides={salud: 5.0}, locked=locked
    )
    assert view.shares[0] == att[0]
    assert view.shares[salud] == 5.0
    high = gap >= 70.0
    # The minimum applies to all high-gap functions together, pinned Salud included.
    assert view.shares[high].sum() == pytest.approx(60.0)
    assert bool(view.reallocation.feasible)
    assert view.shares.sum() == pytest.approx(100.0, abs=1e-9)
    others = high.copy()
    others[salud] = False
    assert np.all(view.moved[others] >= 0.0)  # the free high-gap functions only gain


def test_sector_view_infeasible_when_payers_run_out():
    gap = T3["gap_pct"].to_numpy()
    att = T3["attention_pct"].to_numpy()
    view = sector_view(gap, att, threshold=50.0, minimum=95.0, locked=gap < 50.0)
    # Every non-target (gap < 50) is locked: nothing can be freed.
    assert not bool(view.reallocation.feasible)
    assert float(view.reallocation.max_minimum) == pytest.approx(att[gap >= 50].sum())
    np.testing.assert_allclose(view.shares, att)


# ---------------------------------------------------------------- properties

K = 5


@st.composite
def scenarios(draw, k=K):
    raw = draw(st.lists(st.one_of(st.just(0.0), st.floats(0.01, 50.0)), min_size=k, max_size=k))
    if sum(raw) == 0:
        raw[0] = 1.0
    baseline = np.asarray(raw) / sum(raw) * 100.0
    target = np.asarray(draw(st.lists(st.booleans(), min_size=k, max_size=k)))
    minimum = draw(st.floats(0.0, 100.0))
    weights = np.asarray(
        draw(st.lists(st.one_of(st.just(0.0), st.floats(0.0, 10.0)), min_size=k, max_size=k))
    )
    floors = np.asarray(
        draw(st.lists(st.one_of(st.just(0.0), st.floats(0.0, 40.0)), min_size=k, max_size=k))
    )
    give = np.asarray(draw(st.lists(st.floats(0.0, 1.0), min_size=k, max_size=k)))
    return baseline, target, minimum, weights, floors, baseline * give


PROPERTY_SETTINGS = settings(max_examples=300, derandomize=True, database=None, deadline=None)


@PROPERTY_SETTINGS
@given(scenarios())
@example(  # a capacity below rules.ZERO: what the target would get is exactly 0
    (
        np.array([0.0, 0.0, 0.0, 0.0, 100.0]),
        np.array([False, False, False, True, False]),
        1.0,
        np.zeros(5),
        np.zeros(5),
        np.array([0.0, 0.0, 0.0, 0.0, 1e-10]),
    )
)
def test_rule_invariants(scenario):
    baseline, target, minimum, weights, floors, capacity = scenario
    res = reallocate(baseline, target, minimum, weights=weights, floors=floors, capacity=capacity)
    shares = res.shares
    assert shares.sum() == pytest.approx(100.0, abs=1e-9)
    assert np.all(shares >= 0.0)
    # Targets never lose money; nobody goes below what is protected.
    assert np.all(shares[target] >= baseline[target] - 1e-12)
    assert np.all(shares[~target] >= baseline[~target] - capacity[~target] - 1e-9)
    if bool(res.feasible):
        # Feasibility is judged with a 1e-9 tolerance, hence the 2e-9 slack here.
        assert shares[target].sum() >= minimum - 2e-9
        assert np.all(shares[target] >= floors[target] - 2e-9)
        # Least money moved: exactly T.
        need = max(np.maximum(baseline, floors)[target].sum(), minimum) - baseline[target].sum()
        assert float(res.top_up) == pytest.approx(need, abs=2e-9)
    else:
        # All the capacity is used and the largest feasible minimum is reported, up to
        # rules.ZERO: a share at or below it is exactly 0 (a capacity of 1e-10 points moves
        # nothing that the targets keep).
        given = capacity[~target].sum() if target.any() else 0
        assert float(res.top_up) == pytest.approx(given, abs=rules.ZERO)
        assert float(res.target_total_after) == pytest.approx(
            float(res.max_minimum), abs=rules.ZERO
        )
        assert float(res.max_minimum) < max(minimum, np.maximum(baseline, floors)[target].sum())


@PROPERTY_SETTINGS
@given(st.lists(scenarios(), min_size=1, max_size=6))
def test_vectorised_rows_equal_single_scenarios(batch):
    stacked = [np.stack(parts) for parts in zip(*batch, strict=True)]
    baseline, target, minimum, weights, floors, capacity = stacked
    many = reallocate(baseline, target, minimum, weights=weights, floors=floors, capacity=capacity)
    for i, (b, t, m, w, f, c) in enumerate(batch):
        one = reallocate(b, t, m, weights=w, floors=f, capacity=c)
        np.testing.assert_allclose(many.shares[i], one.shares, atol=1e-12)
        assert bool(many.feasible[i]) == bool(one.feasible)
        assert float(many.max_minimum[i]) == pytest.approx(float(one.max_minimum))
        assert bool(many.equal_fallback[i]) == bool(one.equal_fallback)


@PROPERTY_SETTINGS
@given(
    minimum=st.floats(0.0, 100.0),
    protected=st.floats(0.0, 80.0),
    included=st.lists(st.booleans(), min_size=len(GAP), max_size=len(GAP)),
    # "optimo" needs costs per person: tests/core/test_optimal.py covers it
    reparto=st.sampled_from([r for r in REPARTOS if r != "optimo"]),
)
def test_priority_view_never_moves_excluded_gaps_or_protected_resto(
    minimum, protected, included, reparto
):
    included = np.asarray(included)
    res = priority_view(
        GAP,
        ATT,
        included=included,
        minimum=minimum,
        reparto=reparto,
        manual_weights=np.arange(len(GAP), dtype=float),
        protected_pct=protected,
    )
    np.testing.assert_array_equal(res.shares[:RESTO][~included], ATT[~included])
    assert res.shares[RESTO] >= min(protected, 72.93) - 1e-9
    assert res.shares.sum() == pytest.approx(100.0, abs=1e-9)


@PROPERTY_SETTINGS
@given(
    overrides=st.lists(
        st.one_of(st.just(np.nan), st.floats(0.0, 30.0)), min_size=len(T3), max_size=len(T3)
    ),
    locked=st.lists(st.booleans(), min_size=len(T3), max_size=len(T3)),
)
def test_set_shares_invariants(overrides, locked):
    att = T3["attention_pct"].to_numpy()
    locked = np.asarray(locked)
    overrides = np.where(locked, np.nan, overrides)
    res = set_shares(att, overrides, locked)
    np.testing.assert_array_equal(res.shares[locked], att[locked])
    assert np.all(res.shares >= 0)
    assert res.shares.sum() == pytest.approx(100.0, abs=1e-9)
    if bool(res.feasible):
        is_set = ~np.isnan(overrides)
        np.testing.assert_array_equal(res.shares[is_set], overrides[is_set])
    else:
        np.testing.assert_array_equal(res.shares, att)


# -- from_scenario and pool (issue 8, item 2) ------------------------------------------------


def test_from_scenario_builds_the_priority_rule_in_the_ids_order():
    from brechas_core.scenario import Scenario

    s = Scenario(
        minimum_pct=30,
        reparto="manual",
        excluded=("b",),
        floors=(("a", 12.0), ("b", 5.0)),
        weights=(("a", 3.0),),
        protected_pct=40,
    )
    args = rules.from_scenario(s, ["a", "b", "c"])
    assert args.view == "prioritarias" and args.minimum == 30.0
    assert args.kwargs["included"].tolist() == [True, False, True]
    # an excluded gap keeps no floor; weights not given default to 1
    assert args.kwargs["floors"].tolist() == [12.0, 0.0, 0.0]
    assert args.kwargs["manual_weights"].tolist() == [3.0, 1.0, 1.0]
    assert args.kwargs["protected_pct"] == 40.0
    assert args.is_target.tolist() == [True, False, True]


def test_from_scenario_builds_the_sector_rule_with_pins_and_locks():
    from brechas_core.scenario import Scenario

    s = Scenario(
        view="sectores",
        threshold_pct=50,
        minimum_pct=60,
        overrides=(("02", 10.0),),
        locked=("03",),
    )
    args = rules.from_scenario(s, ["01", "02", "03"], [80.0, 10.0, 70.0])
    assert args.view == "sectores"
    assert args.kwargs["overrides"] == {1: 10.0}
    assert args.kwargs["locked"].tolist() == [False, False, True]
    assert args.kwargs["manual_weights"] is None
    assert args.is_target.tolist() == [True, False, True]
    view = args.sector([80.0, 10.0, 70.0], [10.0, 60.0, 30.0])
    assert view.shares.tolist() == pytest.approx(
        args.apply([80.0, 10.0, 70.0], [10.0, 60.0, 30.0]).shares.tolist()
    )


def test_pool_adds_each_municipalitys_soles():
    # Two municipalities of 100 and 300 soles, gap shares 10 % and 30 %, F = 20 %:
    # the first moves 10 points (10 soles), the second nothing.
    res = rules.priority_view([50.0], [[10.0], [30.0]], minimum=20.0)
    pooled = rules.pool(res, [100.0, 300.0])
    assert float(pooled.top_up) * 400 / 100 == pytest.approx(10.0)
    assert pooled.shares.tolist() == pytest.approx(
        [(20 * 100 + 30 * 300) / 400, (80 * 100 + 70 * 300) / 400]
    )
    assert bool(pooled.feasible)
    # a grid of minimums pools row by row
    grid = rules.priority_view([50.0], [[10.0], [30.0]], minimum=np.array([[0.0], [40.0]]))
    # at F = 40: 30 points of 100 and 10 points of 300 soles, 60 of 400 soles: 15 points
    assert rules.pool(grid, [100.0, 300.0]).top_up.tolist() == pytest.approx([0.0, 15.0])


def test_pool_is_infeasible_when_any_municipality_is():
    res = rules.priority_view(
        [50.0], [[10.0], [30.0]], minimum=50.0, protected_pct=np.array([60.0, 0.0])
    )
    assert rules.pool(res, [1.0, 1.0]).feasible.item() is False


def test_pool_rejects_weights_that_do_not_match():
    res = rules.priority_view([50.0], [[10.0], [30.0]], minimum=20.0)
    with pytest.raises(ValueError, match="un peso por municipalidad"):
        rules.pool(res, [1.0])
    with pytest.raises(ValueError, match="no negativos"):
        rules.pool(res, [1.0, -1.0])


# -- One decision of what the rule does; every text derives from it (issue 8, item 5) ------


@pytest.mark.parametrize(
    ("kwargs", "kind"),
    [
        ({}, "linea_base"),
        ({"minimum": 20.0}, "ya_cumple"),
        ({"minimum": 40.0}, "mueve"),
        ({"floors": _floors(agua=10.0)}, "mueve"),
        ({"minimum": 60.0, "protected_pct": 50.0}, "tope"),
        # the whole rest protected: nothing can be freed
        ({"minimum": 40.0, "protected_pct": 72.93}, "sin_margen"),
        ({"minimum": 40.0, "included": np.zeros(10, bool)}, "sin_objetivo"),
    ],
    ids=["baseline", "already-met", "moves", "floor-moves", "capped", "no-room", "no-target"],
)
def test_situation_named_cases(kwargs, kind):
    assert rules.situation(priority_view(GAP, ATT, **kwargs)) == kind


def test_a_rule_with_no_room_says_it_is_infeasible_and_never_that_the_minimum_is_met():
    # minimo=40&protegido=72.93 said both "no es factible ... máximo 27.1 %" and
    # "ya suman 27.1 %, al menos el mínimo de 40.0 %".
    res = priority_view(GAP, ATT, minimum=40.0, protected_pct=72.93)
    texts = notices(res, LABELS, targets_name="las brechas priorizadas")
    assert texts == [
        "El mínimo pedido (40.0 %) no es factible: con lo que se puede liberar, el máximo es "
        "27.1 %. No se mueve dinero."
    ]


def test_no_target_says_only_that():
    res = priority_view(GAP, ATT, included=np.zeros(len(GAP), bool), minimum=40.0)
    texts = notices(res, LABELS)
    assert len(texts) == 1 and "No hay ninguna columna protegida" in texts[0]


def test_a_small_move_is_shown_with_enough_decimals():
    # 0.05 points: "0.05 p.p. (27.07 % → 27.12 %)", never "0.0 p.p. (27.1 % → 27.1 %)"
    res = priority_view(GAP, ATT, minimum=27.12)
    text = notices(res, LABELS)[-1]
    assert text.startswith("Se reasignan 0.05 p.p.") and "27.07 % → 27.12 %" in text
    res = priority_view(GAP, ATT, minimum=27.074)
    assert notices(res, LABELS)[-1].startswith("Se reasignan 0.004 p.p.")


def test_situation_explains_one_scenario_only():
    res = priority_view(GAP, ATT, minimum=np.array([0.0, 40.0]))
    with pytest.raises(ValueError, match="un solo escenario"):
        rules.situation(res)


# -- The baseline is the baseline (issue 8, item 6) ------------------------------------------


def test_sector_view_reports_a_pinned_share_against_the_original_baseline():
    # Pinning function 18 (Saneamiento, 12.07 %) at 20 % with F = 0: 7.93 points change
    # hands. Before, the "before" figures were taken after the pin: +0.00 p.p., 0 moved.
    gap, att = T3["gap_pct"].to_numpy(), T3["attention_pct"].to_numpy()
    i18 = T3["function_code"].tolist().index("18")
    view = sector_view(gap, att, threshold=50, overrides={i18: 20.0})
    res = view.reallocation
    np.testing.assert_array_equal(res.baseline, att)
    assert res.moved[i18] == pytest.approx(7.93)
    assert float(res.top_up) == pytest.approx(7.93)
    high = gap >= 50
    assert float(res.target_total_before) == pytest.approx(att[high].sum())
    assert float(res.target_total_after) == pytest.approx(view.shares[high].sum())
    assert rules.situation(res) == "mueve"
    text = view.notices(T3["function_code"].tolist())[-1]
    assert text.startswith("Se reasignan 7.93 p.p. del presupuesto, con las participaciones")
    assert "18 (12.07 % → 20.00 %)" in text
