"""What each gap needs to close in time, and the flag when the rule gives more."""

from tests.app.conftest import open_tab


def test_simulador_shows_what_each_gap_needs_and_flags_lima_overshooting(open_page):
    at = open_tab(open_page("simulador", {"territorio": "150101", "minimo": "30"}), 1)
    texts = [m.value for m in at.markdown]
    assert any("¿Cuánto necesita cada brecha para cerrarse en 10 años?" in t for t in texts)
    table = next(t for t in texts if "Para cerrarla, al año (central)" in t)
    assert "| Agua | 2,151 |" in table
    warnings = [w.value for w in at.warning]
    assert any(w.startswith("La regla pone S/ 420,713,265 al año") for w in warnings)


def test_simulador_does_not_flag_an_excess_at_the_baseline(open_page):
    at = open_page("simulador")
    assert not any("más de lo que necesita" in w.value for w in at.warning)


def test_territorios_flags_municipalities_where_the_rule_gives_beyond_the_need(open_page):
    at = open_page("territorios", {"territorio": "1501", "minimo": "30"})
    flagged = [w.value for w in at.warning if "más de lo que necesita cerrar" in w.value]
    assert len(flagged) == 1
    assert flagged[0].startswith("En ")
    assert "municipalidades la regla pone más de lo que necesita" in flagged[0]
