"""Robustness: separate sessions stay separate, any link loads, link text is never HTML.

A thousand reruns of one session (memory growth) are too slow for AppTest in the test suite
(about 70 ms each); ``benchmarks/load.py`` measures reruns and server memory instead.
"""

from __future__ import annotations

import ast
import math
import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from brechas_core.data import data_version, load_study_functions, load_study_priority_gaps
from brechas_core.scenario import (
    ANIOS,
    KNOWN_PARAMS,
    REPARTOS,
    VISTAS,
    Scenario,
    from_query,
    to_query,
)

ROOT = Path(__file__).resolve().parents[2]
ENTRYPOINT = str(ROOT / "app.py")
GAP_IDS = tuple(load_study_priority_gaps()["gap_id"])
FUNCTION_CODES = tuple(load_study_functions()["function_code"])
DATA_VERSION = data_version()
PAGE_FAILED = "No se pudo mostrar esta página"


def _metric(at: AppTest, label: str) -> str:
    return next(m for m in at.metric if m.label == label).value


def _assert_ran_cleanly(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    assert not [e for e in at.error if PAGE_FAILED in e.value], "the page failed"


# --- sessions never share a scenario -------------------------------------------------------


def test_two_interleaved_sessions_never_see_each_others_scenario(open_page):
    first = open_page("simulador", {"minimo": "40", "reparto": "igual"})
    second = open_page("simulador", {"minimo": "60"})
    for step in range(3):
        first.slider(key="w_minimum_pct").set_value(40.0 + step).run()
        second.slider(key="w_minimum_pct").set_value(60.0 + step).run()
        first.run()  # a plain rerun after the other session moved must not pick it up
        for at, minimum, reparto in ((first, 40 + step, "igual"), (second, 60 + step, "brecha")):
            _assert_ran_cleanly(at)
            assert at.query_params["minimo"] == str(minimum)
            assert at.query_params["reparto"] == reparto
            assert at.session_state["scenario"].minimum_pct == minimum
            assert _metric(at, "Brechas prioritarias (juntas)") == f"{minimum}.00 %"


def test_a_new_session_starts_from_its_own_link_not_from_a_busy_one(open_page):
    busy = open_page("simulador", {"minimo": "75"})
    busy.slider(key="w_minimum_pct").set_value(80.0).run()
    fresh = open_page("simulador")
    assert fresh.query_params["minimo"] == "0"
    assert _metric(fresh, "Brechas prioritarias (juntas)") == "27.07 %"
    assert not fresh.warning, "a notice from another session's link leaked into a fresh one"


# --- any link loads ------------------------------------------------------------------------

_NASTY = [
    "__import__('os').system('id')",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{7*7}}",
    "${jndi:ldap://x}",
    "nan",
    "inf",
    "-inf",
    "1e309",
    "-0",
    "0x10",
    "40,5",
    " 40 ",
    "9" * 13,
    "agua:1e9",
    "agua:50,agua:60,desague:-1",
    "18:40,99:1",
    "\x00",
    "%00",
    "../../etc/passwd",
    "ñandú",
    "🦙" * 50,
]
_TEXT = st.text(
    alphabet=st.characters(exclude_categories=("Cs",)),  # a URL cannot carry lone surrogates
    max_size=60,
)
_HUGE = st.builds(
    lambda ch, n: ch * n, st.sampled_from(["9", "a", "ñ", "<", "🦙"]), st.integers(600, 20_000)
)
_VALUE = st.one_of(
    st.sampled_from(_NASTY),
    _TEXT,
    _HUGE,
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**15), 10**15).map(str),
    st.lists(st.sampled_from(GAP_IDS + FUNCTION_CODES), max_size=4).map(",".join),
)
_KEY = st.one_of(
    st.sampled_from(KNOWN_PARAMS), st.sampled_from(["__import__", "<script>", "zzz"]), _TEXT
)
# A repeated key arrives as a list of values.
QUERIES = st.dictionaries(
    _KEY, st.one_of(_VALUE, st.lists(_VALUE, min_size=2, max_size=3)), max_size=8
)


def _assert_valid(s: Scenario) -> None:
    assert re.fullmatch(r"estudio|PE|\d{2}|\d{4}|\d{6}", s.territory)
    assert s.year in ANIOS
    assert s.view in VISTAS
    assert s.reparto in REPARTOS
    for value in (s.minimum_pct, s.protected_pct, s.threshold_pct):
        assert math.isfinite(value)
        assert 0 <= value <= 100
    assert set(s.excluded) <= set(GAP_IDS)
    assert set(s.locked) <= set(FUNCTION_CODES)
    for pairs, keys, lo, hi in (
        (s.floors, GAP_IDS, 0, 100),
        (s.weights, GAP_IDS, 0, 100),
        (s.overrides, FUNCTION_CODES, 0, 100),
        (s.unit_costs, GAP_IDS, 1, 10_000_000),
    ):
        for key, value in pairs:
            assert key in keys
            assert math.isfinite(value)
            assert lo <= value <= hi
    assert s.budget_soles is None or 0 <= s.budget_soles <= 1e11
    assert s.execution_pct is None or 0 <= s.execution_pct <= 100
    assert s.population is None or 1 <= s.population <= 40_000_000
    assert 1 <= s.horizon_years <= 50


@settings(max_examples=400)
@given(QUERIES)
def test_any_query_yields_a_valid_scenario_that_survives_its_own_link(params):
    result = from_query(
        params, gap_ids=GAP_IDS, function_codes=FUNCTION_CODES, current_data_version=DATA_VERSION
    )
    _assert_valid(result.scenario)
    again = from_query(
        to_query(result.scenario),
        gap_ids=GAP_IDS,
        function_codes=FUNCTION_CODES,
        current_data_version=DATA_VERSION,
    )
    assert again.scenario == result.scenario
    assert again.notices == ()


@settings(max_examples=25)
@given(QUERIES, st.sampled_from([None, "pages/diagnostico.py", "pages/simulador.py"]))
def test_any_link_opens_every_page_without_an_error(params, page):
    at = AppTest.from_file(ENTRYPOINT, default_timeout=30)
    at.query_params.update(params)
    if page:
        at.switch_page(page)
    at.run()
    _assert_ran_cleanly(at)
    _assert_valid(at.session_state["scenario"])
    # The link is rewritten to exactly the scenario in use: nothing else survives in it.
    assert at.query_params == to_query(at.session_state["scenario"])


# --- link text is text, never HTML ---------------------------------------------------------

UI_SOURCES = sorted(
    [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "brechas_ui").glob("*.py")]
)


def _html_uses(tree: ast.AST):
    """Calls that can put raw HTML on the page: ``unsafe_allow_html=...`` or ``*.html(...)``."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        unsafe = [k.value for k in node.keywords if k.arg == "unsafe_allow_html"]
        allows_html = bool(unsafe) and not (
            isinstance(unsafe[0], ast.Constant) and unsafe[0].value is False
        )
        is_html_call = isinstance(node.func, ast.Attribute) and node.func.attr == "html"
        if allows_html or is_html_call:
            yield node


def _non_constant_html(source: str) -> list[str]:
    return [
        f"{call.lineno}: {ast.unparse(call)[:120]}"
        for call in _html_uses(ast.parse(source))
        if not all(isinstance(arg, ast.Constant) for arg in call.args)
        or any(
            k.arg in ("body", "html") and not isinstance(k.value, ast.Constant)
            for k in call.keywords
        )
    ]


def test_the_html_scan_catches_user_data_and_allows_constants():
    risky = 'st.markdown(f"<b>{name}</b>", unsafe_allow_html=True)\nst.html(page_text)\n'
    safe = 'st.markdown("<hr>", unsafe_allow_html=True)\nst.markdown(text)\n'
    assert len(_non_constant_html(risky)) == 2
    assert _non_constant_html(safe) == []


@pytest.mark.parametrize("path", UI_SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_raw_html_is_only_ever_a_constant(path):
    offenders = _non_constant_html(path.read_text(encoding="utf-8"))
    assert not offenders, f"raw HTML built from non-constant values in {path.name}:\n" + "\n".join(
        offenders
    )


def test_link_text_in_notices_is_never_rendered_as_html(open_page):
    payload = "<script>alert(1)</script>"
    at = open_page("simulador", {"reparto": payload, payload: "1"})
    notice = " ".join(w.value for w in at.warning)
    assert "reparto" in notice
    # The only raw HTML on a page is constant: the print stylesheet (brechas_ui.printing) and
    # the accessibility stylesheet and script (brechas_ui.a11y).
    for element in at.get("html"):
        assert "alert(1)" not in element.proto.body, "the payload reached an st.html element"
    for element in (*at.markdown, *at.caption):
        if "<script" in element.value:
            assert not element.proto.allow_html, f"HTML allowed in: {element.value[:80]}"


# --- configuration -------------------------------------------------------------------------


def test_streamlit_config_hides_errors_caps_uploads_and_keeps_xsrf():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["maxUploadSize"] <= 10
    assert config["server"]["enableXsrfProtection"] is True
    assert config["runner"]["postScriptGC"] is False
    assert config["browser"]["gatherUsageStats"] is False
