"""District indicators beyond the three gaps (issue 11, item 6)."""

from __future__ import annotations

import numpy as np

from brechas_core import data, indicators
from brechas_core import territory as T
from tests.core.support import estimated_district_frame


def test_the_tables_show_exactly_the_indicators_that_map_to_a_municipal_function():
    table = data.load_district_indicators()
    three = {"water_gap_pct", "sewage_gap_pct", "electricity_gap_pct"}
    used = set(table.loc[table["used"], "column"]) - three
    assert used == set(T.EXTRA_INDICATORS)
    assert set(table.loc[~table["used"], "column"]) >= {"poverty_pct", "hdi"}


def test_internet_gap_is_100_minus_the_census_coverage():
    d = data.load_districts()
    known = d["internet_coverage_pct"].notna()
    assert known.sum() > 1800
    np.testing.assert_allclose(
        d.loc[known, "internet_gap_pct"], 100 - d.loc[known, "internet_coverage_pct"], atol=1e-9
    )


def test_the_extra_indicators_reach_every_municipality_but_not_the_gap_mean():
    f = estimated_district_frame("2023")
    for column in T.EXTRA_INDICATORS:
        assert f[column].notna().mean() > 0.98
    three = f[["water_gap_pct", "sewage_gap_pct", "electricity_gap_pct"]].mean(axis=1, skipna=False)
    np.testing.assert_allclose(f["gap_mean_pct"], three, equal_nan=True)


def test_the_note_names_what_is_shown_and_what_is_left_out():
    text = indicators.note(data.load_district_indicators())
    assert "hogares sin internet (función 16 Comunicaciones)" in text
    assert "pobreza monetaria" in text
