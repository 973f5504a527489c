"""The Diagnóstico page shows the study's figures, the recomputed ones, and why they differ."""

from tests.app.conftest import open_tab


def _metric(at, label):
    return next(m for m in at.metric if m.label == label).value


def test_headline_figures_are_recomputed_from_the_study_tables(open_page):
    at = open_page("diagnostico")
    assert _metric(at, "Brecha prioritaria promedio") == "56.71 %"
    assert _metric(at, "Presupuesto a las 10 brechas (juntas)") == "27.07 %"
    assert _metric(at, "Spearman ρ (Tabla 2)") == "0.265"
    assert _metric(at, "Pearson r (Tabla 3)") == "-0.234"


def _comparison_rows(at):
    """The reported-vs-recomputed Markdown table (its tab opened), as {figure: [reported,
    recomputed, why]}."""
    at = open_tab(at, 2, key="diag_detalle")
    table = next(m.value for m in at.markdown if m.value.startswith("| Cifra |"))
    rows = [line.strip("| ").split(" | ") for line in table.splitlines()[2:]]
    return {r[0].strip("*"): r[1:] for r in rows}


def test_reported_and_recomputed_values_are_shown_side_by_side(open_page):
    at = open_page("diagnostico")
    rows = _comparison_rows(at)
    assert rows["Pearson r (Tabla 3)"][:2] == [
        "-0.662",
        "-0.234 (p = 0.38) :orange[:material/warning:]",
    ]
    assert rows["Spearman t (Tabla 2)"][0] == "-0.97"
    why = rows["Spearman t (Tabla 2)"][2]
    assert "ρ = 0.309" in why
    # the "|t|" in the reason is escaped, so the reason is not cut at the pipe
    assert why.endswith("\\|t\\| < 2.306, no hay correlación significativa al 5 %.")
    assert rows["Brecha prioritaria promedio"][:2] == [
        "56.71 %",
        "56.71 % :green[:material/check_circle:]",
    ]


def test_both_readings_of_the_budget_share_are_named(open_page):
    at = open_page("diagnostico")
    reported, recomputed, _ = _comparison_rows(at)[
        "Presupuesto destinado a las brechas prioritarias"
    ]
    assert reported == "2.71 %"
    assert (
        recomputed
        == "2.71 % (promedio por brecha); 27.07 % (las diez juntas) :green[:material/check_circle:]"
    )


def test_the_2900_are_projects_not_people(open_page):
    at = open_page("diagnostico")
    caption = at.caption[0].value
    assert "de una población de" not in caption
    assert "2,900 proyectos ejecutados ese año" in caption


def test_only_the_open_table_is_drawn_and_another_tab_draws_its_own(open_page):
    at = open_page("diagnostico")
    assert [t.label for t in at.tabs] == [
        "Brechas prioritarias (Tabla 2)",
        "Brechas por función (Tabla 3)",
        "Reportado y recalculado",
    ]
    # Table 2 opens: its ten gaps, and no comparison table
    assert [len(d.value) for d in at.dataframe] == [10]
    assert not any(m.value.startswith("| Cifra |") for m in at.markdown)
    at = open_tab(at, 1, key="diag_detalle")  # Table 3: the sixteen functions
    assert [len(d.value) for d in at.dataframe] == [16]
