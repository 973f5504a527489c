"""Plain words: the glossary has the words a mayor meets, «p.p.» is written out once, and the
answer to «¿El dinero sigue a la necesidad?» follows the Spearman test."""

from __future__ import annotations

import pytest

from brechas_core import glossary
from brechas_core.scenario import Scenario
from brechas_core.simulation import load_inputs, simulate


@pytest.fixture(scope="module")
def inputs():
    return load_inputs()


@pytest.mark.parametrize(
    "word", ["Brecha", "PIM", "Devengado", "Punto porcentual", "Correlación", "Spearman", "R²"]
)
def test_the_glossary_explains_the_words_the_pages_use(word):
    terms = [t for t, _ in glossary.TERMS]
    assert any(t.startswith(word) for t in terms)


def test_every_glossary_entry_has_a_short_explanation_ending_with_a_full_stop():
    for term, text in glossary.TERMS:
        assert 20 < len(text) < 400, term
        assert text.endswith("."), term


def test_only_the_first_pp_is_written_out():
    out = glossary.spell_out_pp("Sube 1.00 p.p. y luego 2.00 p.p.")
    assert out == "Sube 1.00 puntos porcentuales (p.p.) y luego 2.00 p.p."


def test_at_the_baseline_money_does_not_follow_need_and_the_answer_says_from_which_minimum(
    inputs,
):
    sim = simulate(Scenario(), inputs)
    answer = glossary.money_follows_need(sim)
    assert answer.short == "No"
    assert "no depende de lo grande" in answer.why
    assert "desde un mínimo garantizado de 27.3 %" in answer.why
    assert answer.headline.startswith("¿El dinero sigue a la necesidad? **No**")


def test_with_a_40_percent_minimum_money_follows_need(inputs):
    sim = simulate(Scenario(minimum_pct=40.0), inputs)
    answer = glossary.money_follows_need(sim)
    assert answer.short == "Sí"
    assert "hoy no es así" in answer.why
    assert "0.733" in answer.why


def test_with_too_few_gaps_for_a_test_the_answer_says_it_cannot_tell():
    from types import SimpleNamespace

    sim = SimpleNamespace(tested=False, alignment_words="Con tres brechas no hay prueba.")
    answer = glossary.money_follows_need(sim)
    assert answer.short == "No se puede saber aquí"
    assert answer.why.endswith("Con tres brechas no hay prueba.")
