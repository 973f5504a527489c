"""The Simulador: controls drive the numbers, and a link reproduces the scenario."""

from brechas_ui import printing
from tests.app.conftest import open_statistics, open_tab, page_text


def _metric(at, key):
    """The metric inside the container with this key."""
    return at.get("metric")[_index(at, key)].value


def _index(at, key):
    labels = {
        "m_total_prioritarias": ("Brechas prioritarias (juntas)", "Funciones con brecha alta"),
        "m_soles_movidos": ("Reasignado al año",),
        "m_spearman": ("Spearman ρ",),
        "m_pearson": ("Pearson r",),
    }[key]
    return next(i for i, m in enumerate(at.metric) if m.label in labels)


def test_baseline_shows_the_study_share_of_the_ten_gaps(open_page):
    at = open_statistics(open_page("simulador"))
    assert _metric(at, "m_total_prioritarias") == "27.07 %"
    assert _metric(at, "m_soles_movidos") == "S/ 0"
    assert _metric(at, "m_spearman") == "0.265"


def test_minimum_of_40_percent_moves_12_93_points_to_the_gaps(open_page):
    # 40 - 27.07 = 12.93 p.p. of the typical district's executed budget
    # (S/ 9,653,104.67 x 80.8431 % = S/ 7,803,869) = S/ 1,009,040 a year.
    at = open_page("simulador")
    at.slider(key="w_minimum_pct").set_value(40.0).run()
    assert _metric(at, "m_total_prioritarias") == "40.00 %"
    assert _metric(at, "m_soles_movidos") == "S/ 1,009,040"
    assert at.query_params["minimo"] == "40"


def test_reparto_igual_changes_the_alignment_but_not_the_total(open_page):
    at = open_statistics(open_page("simulador", {"minimo": "40"}))
    rho_brecha = _metric(at, "m_spearman")
    at.radio(key="w_reparto").set_value("igual").run()
    assert _metric(at, "m_total_prioritarias") == "40.00 %"
    assert _metric(at, "m_spearman") != rho_brecha
    assert at.query_params["reparto"] == "igual"


def test_a_link_opens_the_same_scenario(open_page):
    at = open_page("simulador", {"minimo": "55.5", "reparto": "igual", "protegido": "10"})
    assert at.slider(key="w_minimum_pct").value == 55.5
    assert at.radio(key="w_reparto").value == "igual"
    assert at.slider(key="w_protected_pct").value == 10.0
    assert _metric(at, "m_total_prioritarias") == "55.50 %"


def test_scenario_survives_switching_pages_and_back(open_page):
    at = open_page("simulador")
    at.slider(key="w_minimum_pct").set_value(33.0).run()
    at.switch_page("pages/diagnostico.py").run()
    assert at.query_params["minimo"] == "33"
    at.switch_page("pages/simulador.py").run()
    assert at.slider(key="w_minimum_pct").value == 33.0
    assert _metric(at, "m_total_prioritarias") == "33.00 %"


def test_infeasible_minimum_is_explained_with_the_largest_feasible_value(open_page):
    # Protecting 50 % of the budget leaves 72.93 - 50 = 22.93 p.p. to move:
    # the gaps can reach at most 27.07 + 22.93 = 50 %.
    at = open_page("simulador", {"minimo": "90", "protegido": "50"})
    warnings = " ".join(w.value for w in at.warning)
    assert "no es factible" in warnings and "50.0 %" in warnings
    assert _metric(at, "m_total_prioritarias") == "50.00 %"


def test_tampered_link_shows_a_notice_and_the_baseline(open_page):
    at = open_page("simulador", {"minimo": "abc", "reparto": "hack", "zzz": "1"})
    notice = at.warning[0].value
    assert "«minimo» debe ser un número" in notice
    assert "reparto=`hack`" in notice
    assert "zzz" in notice
    assert _metric(at, "m_total_prioritarias") == "27.07 %"


def test_reset_returns_to_the_baseline_and_keeps_the_view(open_page):
    at = open_page("simulador", {"minimo": "60", "vista": "sectores"})
    at.button(key="reiniciar").click().run()
    assert at.query_params["minimo"] == "0"
    assert at.query_params["vista"] == "sectores"
    assert at.slider(key="w_minimum_pct").value == 0.0


def test_floor_for_water_raises_water_without_a_minimum(open_page):
    # A 10 % floor for water (5.65 %) moves 4.35 p.p. from the rest: total 31.42 %.
    at = open_page("simulador")
    assert "w_floors__agua" not in [n.key for n in at.number_input]  # behind its switch
    at.toggle(key="w_show_floors").set_value(True).run()
    at.number_input(key="w_floors__agua").set_value(10.0).run()
    assert _metric(at, "m_total_prioritarias") == "31.42 %"
    assert at.query_params["pisos"] == "agua:10"


def test_sector_view_protects_high_gap_functions(open_page):
    at = open_page("simulador", {"vista": "sectores", "umbral": "70", "minimo": "70"})
    assert _metric(at, "m_total_prioritarias") == "70.00 %"
    assert "Funciones con brecha alta" in [m.label for m in at.metric]


def test_a_link_with_floors_opens_with_the_floors_switch_on(open_page):
    at = open_page("simulador", {"pisos": "agua:10"})
    assert at.toggle(key="w_show_floors").value is True
    assert at.number_input(key="w_floors__agua").value == 10.0


def test_emptied_functions_tie_at_zero_so_rho_is_the_exact_0_682(open_page):
    # Before: the emptied payers kept about 1e-15, outranked the true zeros: rho = 0.411,
    # "no significativa", and "nunca" for the smallest minimum.
    at = open_page(
        "simulador", {"vista": "sectores", "minimo": "100", "umbral": "83", "bloquear": "09"}
    )
    open_tab(open_statistics(at), 2)  # the minimum curve is in «Alineación»
    assert _metric(at, "m_spearman") == "0.682"
    assert "nunca" not in at.caption[-1].value.split("Pearson")[0]


def test_whole_rest_protected_shows_one_story_unreachable(open_page):
    at = open_page("simulador", {"minimo": "40", "protegido": "72.93"})
    texts = [i.value for i in at.info] + [w.value for w in at.warning]
    assert any("no es factible" in t for t in texts)
    assert not any("ya suman" in t for t in texts)
    assert "no se puede alcanzar" in page_text(at)[0].value


def test_a_pinned_share_shows_the_money_it_moves(open_page):
    at = open_page("simulador", {"vista": "sectores", "fijar": "18:20"})
    # before: +0.00 p.p. and S/ 0 while the table moved S/ 618,847 into function 18
    assert _metric(at, "m_soles_movidos") == "S/ 618,847"
    metric = at.metric[_index(at, "m_total_prioritarias")]
    assert metric.delta == "+2.07 p.p."


def test_a_link_with_sector_weights_keeps_them(open_page):
    # pesos accepted only priority-gap ids: 17:10,18:0 was dropped with a notice, and
    # function 17 fell from 7.64 % to 2.45 % for whoever opened the link
    query = {"vista": "sectores", "reparto": "manual", "minimo": "90", "pesos": "17:10,18:0"}
    at = open_page("simulador", query)
    assert not at.warning, [w.value for w in at.warning]
    assert at.query_params["pesos"] == "17:10,18:0"
    assert at.number_input(key="w_weights__17").value == 10.0


def _texts(at) -> str:
    return " ".join([m.value for m in at.markdown] + [h.value for h in at.subheader])


def test_only_the_open_detail_tab_is_drawn_and_opening_another_draws_it(open_page):
    """Issue 12: a slider move redraws the open tab only (the projection alone was half of
    a rerun's work), and a click on another tab draws that one with the same scenario."""
    at = open_page("simulador", {"minimo": "40"})
    assert [t.label for t in at.tabs] == ["Participaciones", "Cobertura proyectada", "Alineación"]
    assert "Participación en el presupuesto" in _texts(at)
    assert "Cobertura proyectada" not in " ".join(h.value for h in at.subheader)
    assert "¿Cuánto necesita cada brecha" not in _texts(at)
    open_tab(at, 1)
    assert "Cobertura proyectada" in [h.value for h in at.subheader]
    assert "¿Cuánto necesita cada brecha para cerrarse en 10 años?" in _texts(at)
    assert "Participación en el presupuesto: línea base y escenario" not in _texts(at)
    assert _metric(at, "m_total_prioritarias") == "40.00 %"  # the headline stays above
    open_tab(at, 2)
    assert "Alineación entre necesidad y dinero" in [h.value for h in at.subheader]
    assert "¿Cuánto necesita cada brecha" not in _texts(at)


def test_a_link_that_asks_for_a_target_opens_on_the_projection_where_the_answer_is(open_page):
    at = open_page("simulador", {"meta": "anemia:0"})
    assert at.session_state["sim_detalle"] == "Cobertura proyectada"
    assert "¿Qué mínimo necesito?" in [h.value for h in at.subheader]
    plain = open_page("simulador", {"minimo": "40"})
    assert plain.session_state["sim_detalle"] == "Participaciones"


def test_descargar_draws_its_files_only_when_opened(open_page):
    """Issue 12: one «Descargar» button per slider move instead of four; opened, it offers
    the workbook, the one-page PDF, the CSV and each chart as PNG and SVG."""
    at = open_page("simulador", {"minimo": "40"})
    assert not at.get("download_button")
    at.session_state["llevar"] = True  # as a click on «Descargar» does
    at.run()
    labels = [b.label for b in at.get("download_button")]
    assert labels[:3] == ["Planilla (XLSX)", "Ficha de una página (PDF)", "Tabla (CSV)"]
    assert (
        sum(label.endswith("(PNG)") for label in labels)
        == sum(label.endswith("(SVG)") for label in labels)
        >= 3
    )


def _moves_markdown(at):
    """The table of moves (a row of the rest of the budget; the reading names it too)."""
    return [m.value for m in at.markdown if "| Resto del presupuesto |" in m.value]


def test_the_money_moves_table_is_drawn_only_when_opened_and_adds_up(open_page):
    at = open_page("simulador", {"minimo": "40"})
    labels = [e.label for e in at.main.expander]
    assert "De dónde a dónde se mueve el dinero" in labels
    assert not _moves_markdown(at)  # closed: a slider move does not pay for it (issue 12)
    at.session_state["sim_movimientos"] = True
    (table,) = _moves_markdown(at.run())
    rows = [line for line in table.splitlines() if line.startswith("| ") and "%" in line]
    # the ten gaps, largest gain first, then the rest of the budget that pays for them:
    # 72.93 % -> 60 %, the headline's S/ 1,009,040 a year
    assert len(rows) == 11
    assert rows[0].startswith("| Locales públicos en buen estado | 13.46 % | 15.54 % |")
    assert rows[-1] == (
        "| Resto del presupuesto | 72.93 % | 60.00 % | -12.93 p.p. | -S/ 1,009,040 |"
    )
    gains = [float(r.split("|")[4].strip().removesuffix(" p.p.")) for r in rows]
    assert gains == sorted(gains, reverse=True)
    assert min(gains[:-1]) > 0 > gains[-1]  # shown rounded: they need not add up exactly


def test_a_rule_that_moves_nothing_says_so_instead_of_an_empty_table(open_page):
    at = open_page("simulador", {"minimo": "20"})  # below the ten gaps' 27.07 %
    assert "La regla no mueve dinero con estos valores." not in [c.value for c in at.caption]
    at.session_state["sim_movimientos"] = True
    at.run()
    assert "La regla no mueve dinero con estos valores." in [c.value for c in at.caption]
    assert not _moves_markdown(at)


def test_the_printed_lines_name_the_rule_on_screen_and_follow_a_move(open_page):
    # On paper the page names the rule, the date and its link: one paragraph of the
    # reading, which the print stylesheet shows on paper only (brechas_ui.printing).
    def printed(at) -> list[str]:
        return [
            p
            for m in at.markdown
            for p in m.value.split("\n\n")
            if p.startswith(f"[**Brechas**]({printing.PRINTED})")
        ]

    at = open_page("simulador", {"minimo": "40"})
    (line,) = printed(at)
    assert "Mínimo garantizado de 40.0 %" in line and "minimo=40&" in line
    assert "impreso el " in line
    at.slider(key="w_minimum_pct").set_value(45.0).run()
    (line,) = printed(at)
    assert "Mínimo garantizado de 45.0 %" in line and "minimo=45&" in line
    hidden = f'p:has(> a[href="{printing.PRINTED}"]) {{ display: none; }}'
    assert hidden in " ".join(m.value for m in at.markdown)  # the stylesheet hides it


def test_the_rule_s_notice_is_read_with_the_rule_and_an_unreachable_one_warns(open_page):
    at = open_page("simulador", {"minimo": "40"})
    reading = next(m.value for m in at.markdown if m.value.startswith("#### "))
    assert (
        "Se reasignan 12.93 p.p. del presupuesto a las brechas prioritarias "
        "(27.07 % → 40.00 %); ceden: Resto del presupuesto (72.93 % → 60.00 %)."
    ) in reading
    assert not at.info and not at.warning  # one element: re-sent on every move (issue 12)
    at = open_page("simulador", {"minimo": "40", "protegido": "72.93"})
    assert any("no es factible" in w.value for w in at.warning)
