"""The registry of measures: one label, unit and format per quantity, used by exports."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from brechas_core import territory
from brechas_core.export import csv_bytes, file_name
from brechas_core.measures import MEASURES, export_frame, headers
from brechas_core.scenario import Scenario


def test_every_measure_has_a_unique_header():
    seen = [m.header(horizon=10) for m in MEASURES.values()]
    assert len(seen) == len(set(seen))


def test_every_column_of_the_territory_ranking_has_a_spanish_header():
    ranking_columns = [
        "rank", "ubigeo", "district", "province", "department", "population", "gap_mean_pct",
        "pim", "devengado", "execution_pct", "est_share_gaps_pct", "scenario_share_gaps_pct",
        "moved_pct", "moved_soles", "moved_per_capita", "gap_end_mean_pct_base",
        "gap_end_mean_pct", "has_census",
    ]  # fmt: skip
    found = headers(ranking_columns, territory.RANKING_ALIASES, horizon=10)
    assert list(found) == ranking_columns
    assert found["moved_pct"] == "Cede el resto (p.p., estimación)"
    assert found["gap_end_mean_pct"] == "Brecha en 10 años con la regla (%, estimación)"


@pytest.mark.parametrize(
    ("measure", "value", "text"),
    [
        ("top_up_pct", 12.934, "+12.93 p.p."),  # signed points
        ("scenario_pct", 7.014137, "7.01 %"),
        ("top_up_soles", 1234567.4, "S/ 1,234,567"),
        ("population", 4990, "4,990"),
        ("spearman", float("nan"), "—"),
    ],
)
def test_a_measure_writes_its_value_in_mef_format(measure, value, text):
    assert MEASURES[measure].format(value) == text


def test_export_frame_rounds_floats_and_blanks_infinite_years():
    frame = pd.DataFrame(
        {"execution_pct": [29.999999999999996], "years_base": [math.inf], "district": ["Ilave"]}
    )
    out = export_frame(frame)
    assert list(out.columns) == ["Ejecución (%)", "Años para cerrar, línea base (años)", "Distrito"]
    assert out.iloc[0, 0] == 30.0
    assert pd.isna(out.iloc[0, 1])


@given(st.lists(st.floats(-1e9, 1e9, allow_nan=False), min_size=1, max_size=20))
def test_export_frame_never_carries_more_decimals_than_the_measure(values):
    out = export_frame(pd.DataFrame({"gap_pct": values}))["Brecha (%)"].to_numpy(float)
    assert np.allclose(out, np.round(out, 2))


def test_a_csv_starts_with_a_bom_and_keeps_accents():
    data = csv_bytes(export_frame(pd.DataFrame({"district": ["San Román"]})))
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["Distrito", "San Román"]


def test_a_file_name_records_territory_year_and_rule():
    s = Scenario(territory="2101", year="2023", minimum_pct=40, reparto="igual")
    assert file_name(s, "distritos", "csv", place="Puno (provincia)") == (
        "brechas_distritos_puno-provincia-2101_2023_prioritarias-min40-igual.csv"
    )
