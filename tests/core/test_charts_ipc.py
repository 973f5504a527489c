"""The shares chart's data as Arrow IPC bytes filled into a template (issue 12): the same
table as pyarrow's own stream, for any numbers."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from brechas_core import charts
from brechas_core.charts.arrow_ipc import IpcTemplate, ipc_bytes
from brechas_core.scenario import Scenario
from brechas_core.simulation import load_inputs, simulate

INPUTS = load_inputs()


def read(stream: bytes) -> pa.Table:
    return pa.ipc.open_stream(stream).read_all()


def same_table(got: pa.Table, want: pa.Table) -> None:
    """Equal schemas and values, NaN equal to NaN, floats to the bit."""
    assert got.schema.equals(want.schema)
    for name in want.column_names:
        a, b = got.column(name).to_numpy(), want.column(name).to_numpy()
        if a.dtype == np.float64:
            assert a.tobytes() == b.tobytes(), name
        else:
            assert a.tolist() == b.tolist(), name


@pytest.mark.parametrize(
    "scenario",
    [Scenario(), Scenario(minimum_pct=40), Scenario(minimum_pct=27.07, reparto="igual")],
    ids=["baseline", "F40", "F27.07-igual"],
)
def test_the_shares_stream_is_the_table_pyarrow_writes(scenario):
    sim = simulate(scenario, INPUTS)
    stream = charts.shares_ipc(sim.columns)["participaciones"]
    same_table(read(stream), charts.shares_data(sim.columns)["participaciones"])


def test_moves_to_other_values_fill_the_same_template_with_their_own_numbers():
    first = charts.shares_ipc(simulate(Scenario(minimum_pct=10), INPUTS).columns)
    sim = simulate(Scenario(minimum_pct=60), INPUTS)
    second = charts.shares_ipc(sim.columns)["participaciones"]
    assert len(second) == len(first["participaciones"])  # one layout
    table = read(second)
    # the scenario's series (rows 10-19) holds the new shares: 60 % to the ten gaps
    assert table.column("serie").to_pylist()[10] == "Escenario"
    assert table.column("valor").to_numpy()[10:].sum() == pytest.approx(60.0)
    same_table(table, charts.shares_data(sim.columns)["participaciones"])


def test_a_template_fills_only_float_columns_without_missing_values():
    table = pa.table({"name": ["a", "b"], "value": [1.0, 2.0], "n": [1, 2]})
    with pytest.raises(ValueError, match="float64"):
        IpcTemplate(table, ["name"])
    with pytest.raises(ValueError, match="float64"):
        IpcTemplate(table, ["n"])
    with pytest.raises(ValueError, match="missing"):
        IpcTemplate(pa.table({"value": pa.array([1.0, None])}), ["value"])
    template = IpcTemplate(table, ["value"])
    with pytest.raises(ValueError, match="2 values"):
        template.fill({"value": np.array([1.0, 2.0, 3.0])})


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=4, max_size=4).map(
        np.array
    ),
    st.lists(st.floats(width=64), min_size=4, max_size=4).map(np.array),
)
def test_any_numbers_come_back_bit_for_bit(first, second):
    table = pa.table({"label": ["a", "b", "c", "d"], "x": [0.0] * 4, "y": [1.0] * 4})
    stream = IpcTemplate(table, ["x", "y"]).fill({"x": first, "y": second})
    want = pa.table({"label": ["a", "b", "c", "d"], "x": first, "y": second})
    same_table(read(stream), want)
    assert stream == ipc_bytes(want)  # the very bytes pyarrow writes for that table
