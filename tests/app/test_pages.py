"""Every page opens from the entrypoint without an error and shows its own content."""

import pytest


@pytest.mark.parametrize(
    ("page", "heading"),
    [
        (None, "Brechas"),
        ("diagnostico", "Diagnóstico"),
        ("simulador", "Simulador"),
        ("metodologia", "Metodología"),
    ],
    ids=["inicio", "diagnostico", "simulador", "metodologia"],
)
def test_page_opens_without_error_and_shows_its_title(open_page, page, heading):
    at = open_page(page)
    assert at.title[0].value.startswith(heading)


def test_opening_the_app_writes_the_scenario_into_the_link(open_page):
    at = open_page()
    assert at.query_params["minimo"] == "0"
    assert at.query_params["vista"] == "prioritarias"
    assert len(at.query_params["datos"]) == 8


def test_quick_start_buttons_are_on_the_landing_page(open_page):
    # What they do (st.switch_page to another page) is checked in a real browser:
    # tests/e2e/test_quick_start.py.
    at = open_page()
    assert {b.key for b in at.button} >= {"probar_estudio", "probar_puno"}
