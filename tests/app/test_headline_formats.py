"""Headlines (issue 14, item 2): soles without centavos, and each kind of figure written with
the same decimals on every page (brechas_core.fmt: shares and gaps 2, rates 1)."""

from __future__ import annotations

import re

import pytest

PAGES = [
    ("simulador", {"minimo": "40"}),
    ("simulador", {"minimo": "30", "territorio": "21", "anio": "2023"}),
    ("territorios", {"territorio": "21", "anio": "2023", "minimo": "20"}),
    ("territorios", {"territorio": "210502", "anio": "2023", "minimo": "20"}),
    ("proyectos", {"territorio": "18"}),
    ("diagnostico", {}),
]
CENTAVOS = re.compile(r"S/ [\d,]+\.\d+(?!\d| millones)")
PERCENT = re.compile(r"(\d[\d,]*(?:\.(\d+))?) %")
# Rates a person sets or a ratio keep one decimal: the minimum (in the sentence, and in the
# rule that the Simulador's reading carries for paper), and execution (devengado / PIM, in
# parentheses after the amounts in millions). Compared in lower case.
RATE_BEFORE = ("mínimo garantizado de ", "millones (")


def _headlines(at) -> list[str]:
    """The reading sentences (####) and a district profile's reading."""
    return [
        m.value
        for m in at.markdown
        if (m.value.startswith("####") and "Cómo leer" not in m.value) or " ejecutó S/ " in m.value
    ]


def _percent_decimals(text: str) -> list[tuple[str, int]]:
    """(what precedes, decimals) of every percentage in a text."""
    return [(text[: m.start()], len(m.group(2) or "")) for m in PERCENT.finditer(text)]


@pytest.mark.parametrize(("page", "query"), PAGES, ids=lambda v: str(v))
def test_headlines_write_soles_without_centavos(open_page, page, query):
    at = open_page(page, query)
    texts = _headlines(at)
    texts += [m.value for m in at.metric if "millones" not in m.label]
    assert texts
    for text in texts:
        assert not CENTAVOS.search(text), text


@pytest.mark.parametrize(("page", "query"), PAGES, ids=lambda v: str(v))
def test_headline_shares_have_two_decimals_and_rates_one(open_page, page, query):
    at = open_page(page, query)
    for text in _headlines(at):
        for before, decimals in _percent_decimals(text):
            expected = 1 if before.lower().endswith(RATE_BEFORE) else 2
            assert decimals == expected, f"{decimals} decimals after «{before[-40:]}» in {text}"
    for m in at.metric:
        if m.value.endswith(" %"):
            expected = 1 if m.label == "Ejecución" else 2
            assert _percent_decimals(m.value)[0][1] == expected, (m.label, m.value)


def test_the_territory_reading_gives_soles_per_inhabitant_in_whole_soles(open_page):
    at = open_page("territorios", {"territorio": "21", "anio": "2023", "minimo": "20"})
    reading = next(m.value for m in at.markdown if m.value.startswith("#### En Puno"))
    assert re.search(r"\(S/ \d[\d,]* por habitante\)", reading), reading
