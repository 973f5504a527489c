"""The interface's language (issue 14, item 5): ``lang=en`` in the link, the switch on every
page, and the scenario kept across a switch."""

from __future__ import annotations

import pytest

from brechas_core.i18n import using
from brechas_core.measures import MEASURES


def _warnings(at) -> str:
    return "\n".join(w.value for w in at.warning)


def test_a_link_with_lang_en_keeps_it_and_the_scenario(open_page):
    at = open_page("simulador", {"lang": "en", "minimo": "40"})
    assert at.query_params["lang"] == "en"
    assert at.query_params["minimo"] == "40"
    assert "lang" not in _warnings(at)
    assert at.button(key="cambiar_idioma").label == "Español"


def test_a_bad_language_gets_a_spanish_notice_and_spanish(open_page):
    at = open_page("simulador", {"lang": "fr", "minimo": "40"})
    assert "«lang=`fr`» no es válido (use es, en); se usó «es»." in _warnings(at)
    assert at.button(key="cambiar_idioma").label == "English"
    assert "lang" not in at.query_params


@pytest.mark.parametrize("page", ["inicio", "simulador", "glosario", "taller"])
def test_the_switch_turns_english_on_and_off_and_keeps_the_scenario(open_page, page):
    at = open_page(page, {"minimo": "40"} if page != "taller" else None)
    at.button(key="cambiar_idioma").click().run()
    assert at.query_params["lang"] == "en"
    assert at.session_state["lang"] == "en"
    assert at.session_state["scenario"].minimum_pct == (40.0 if page != "taller" else 0.0)
    at.button(key="cambiar_idioma").click().run()
    assert "lang" not in at.query_params
    assert at.session_state["scenario"].minimum_pct == (40.0 if page != "taller" else 0.0)


def test_the_glossary_page_is_in_english(open_page):
    at = open_page("glosario", {"lang": "en"})
    assert at.title[0].value == "Glossary: the tool's words"
    terms = [m.value for m in at.markdown]
    assert any(t.startswith("**Gap**: The part of the population") for t in terms)
    assert not any("**Brecha**" in t for t in terms)


def test_a_table_header_follows_the_language():
    with using("en"):
        assert MEASURES["execution_pct"].header() == "Execution (%)"
        assert MEASURES["years_scenario"].header() == "Years to close with the rule (years)"
    assert MEASURES["execution_pct"].header() == "Ejecución (%)"
