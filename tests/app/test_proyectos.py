"""The Proyectos page: the study's Table 2 redone on a territory's own investment projects."""

from __future__ import annotations

import pytest

from brechas_core import data
from brechas_core import portfolio as PF
from brechas_core.fmt import num, pct

MOQUEGUA = "18"
ILO = "180301"


@pytest.fixture(scope="module")
def tables():
    return data.load_projects_by_gap(), data.load_districts(), data.load_study_priority_gaps()


def _ubigeos(districts, prefix: str) -> list[str]:
    return districts.loc[districts["ubigeo"].str.startswith(prefix), "ubigeo"].tolist()


def _metrics(at) -> dict[str, str]:
    """The territory's metrics (the first of each label; a chosen district's come later)."""
    found: dict[str, str] = {}
    for m in at.metric:
        found.setdefault(m.label, m.value)
    return found


def test_a_department_link_shows_how_much_of_its_investment_went_to_otros(open_page, tables):
    projects, districts, gaps = tables
    expected = PF.table2(projects, districts, gaps, _ubigeos(districts, MOQUEGUA), (2021, 2023))
    at = open_page("proyectos", {"territorio": MOQUEGUA})
    metrics = _metrics(at)
    assert metrics["Proyectos"] == num(expected.n_projects)
    assert metrics["En otros"] == pct(expected.otros_pct)  # a share: two decimals
    reading = next(m.value for m in at.markdown if m.value.startswith("#### En Moquegua"))
    assert "(otros)" in reading and "2021-2023" in reading
    assert at.slider(key="p_anios").value == (2021, 2023)


def test_every_district_of_the_department_is_in_the_district_table(open_page, tables):
    projects, districts, _ = tables
    with_projects = PF.department_districts(
        projects, districts, _ubigeos(districts, MOQUEGUA), (2021, 2023)
    )
    at = open_page("proyectos", {"territorio": MOQUEGUA})
    shown = next(t.value for t in at.dataframe if "otros_pct" in t.value.columns)
    assert sorted(shown["ubigeo"]) == sorted(with_projects["ubigeo"])
    assert shown["otros_pct"].is_monotonic_decreasing


def test_a_district_link_lists_its_own_projects_with_the_rule_that_decided(open_page, tables):
    projects, _, _ = tables
    own = projects[(projects["ubigeo"] == ILO) & projects["year"].between(2021, 2023)]
    at = open_page("proyectos", {"territorio": ILO})
    assert at.selectbox(key=f"p_distrito_{MOQUEGUA}").value == ILO
    listed = next(t.value for t in at.dataframe if "reason" in t.value.columns)
    assert len(listed) == own["cui"].nunique()
    assert listed["reason"].str.len().min() > 10  # every project says why
    allowed = {
        *data.load_study_priority_gaps()["label"],
        "Otros",
        "Agua y desagüe",
        "Desagüe y agua",
    }
    assert set(listed["gap_label"]) <= allowed


def test_widening_the_period_counts_more_projects(open_page):
    at = open_page("proyectos", {"territorio": ILO})
    before = int(_metrics(at)["Proyectos"].replace(",", ""))
    at.slider(key="p_anios").set_value((2003, 2024)).run()
    assert not at.exception
    after = int(_metrics(at)["Proyectos"].replace(",", ""))
    assert after > before


def test_choosing_another_district_shows_its_own_table_2(open_page):
    at = open_page("proyectos", {"territorio": MOQUEGUA})
    at.selectbox(key=f"p_distrito_{MOQUEGUA}").set_value(ILO).run()
    assert not at.exception
    assert any(m.value.startswith("#### En Ilo (Ilo)") for m in at.markdown)


def test_a_territory_without_project_lists_offers_the_ten_departments(open_page):
    at = open_page("proyectos", {"territorio": "21"})  # Puno: not in the Invierte.pe files
    assert any("diez departamentos" in i.value for i in at.info)
    buttons = [b for b in at.button if b.key.startswith("p_ir_")]
    assert len(buttons) == 10
    at.button(key=f"p_ir_{MOQUEGUA}").click().run()
    assert not at.exception
    assert at.query_params["territorio"] == MOQUEGUA
    assert "En otros" in _metrics(at)


def test_the_study_opens_the_page_without_an_error(open_page):
    at = open_page("proyectos")
    assert at.title[0].value.startswith("Proyectos")
    assert any("el estudio" in i.value for i in at.info)


def test_only_the_district_municipality_leaves_out_the_provincial_projects(open_page, tables):
    projects, _, _ = tables
    own = projects[
        (projects["ubigeo"] == ILO)
        & projects["year"].between(2021, 2023)
        & (projects["municipality"] == "distrital")
    ]
    at = open_page("proyectos", {"territorio": ILO})
    everyone = int(_metrics(at)["Proyectos"].replace(",", ""))
    at.radio(key="p_quien").set_value("distrital").run()
    assert not at.exception
    assert int(_metrics(at)["Proyectos"].replace(",", "")) == own["cui"].nunique() < everyone
