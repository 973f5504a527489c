"""The Diagnóstico page shows the study's figures, the recomputed ones, and why they differ."""


def _metric(at, label):
    return next(m for m in at.metric if m.label == label).value


def test_headline_figures_are_recomputed_from_the_study_tables(open_page):
    at = open_page("diagnostico")
    assert _metric(at, "Brecha prioritaria promedio") == "56.71 %"
    assert _metric(at, "Presupuesto a las 10 brechas (juntas)") == "27.07 %"
    assert _metric(at, "Spearman ρ (Tabla 2)") == "0.265"
    assert _metric(at, "Pearson r (Tabla 3)") == "-0.234"


def test_reported_and_recomputed_values_are_shown_side_by_side(open_page):
    at = open_page("diagnostico")
    text = " ".join(m.value for m in at.markdown)
    assert "Reportado: **-0.662**" in text
    assert "Recalculado: **-0.234 (p = 0.38)**" in text
    assert "Reportado: **-0.97**" in text
    assert "ρ = 0.309" in " ".join(c.value for c in at.caption)


def test_both_readings_of_the_budget_share_are_named(open_page):
    at = open_page("diagnostico")
    text = " ".join(m.value for m in at.markdown)
    assert "2.71 % (promedio por brecha); 27.07 % (las diez juntas)" in text
