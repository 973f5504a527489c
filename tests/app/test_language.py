"""The interface's language (issue 14, item 5): ``lang=en`` in the link, the switch on every
page, and the scenario kept across a switch."""

from __future__ import annotations

import functools
import json
import re

import numpy as np
import pyarrow as pa
import pytest

from brechas_core import data, sources
from brechas_core.i18n import using
from brechas_core.measures import MEASURES
from tests.app.conftest import open_share
from tests.language import NUMBER, SPANISH


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


# -- the Simulador in English (issue 14, item 5: «/simulador?lang=en&minimo=40 shows the whole
# page in English with the same numbers») ---------------------------------------------------

#: What may stay Spanish: the app's name, the budget term kept next to its English
#: («executed (devengado)»), the switch's «Español», and links (their parameters are Spanish
#: by design: the same link works in both languages).
ALLOWED = re.compile(r"\bBrechas\b|devengado|Español|https?://\S+")


def _texts(at) -> list[str]:
    """Every text the page draws for a reader: values, labels, help, placeholders, options;
    not the chrome's script, the link (a URL) or the place names of the territory list."""
    out = []

    def walk(node):
        kind = type(node).__name__
        value = getattr(node, "value", None)
        if isinstance(value, str) and value.lstrip().startswith("<style>"):
            return  # the app's stylesheets (Markdown in hidden containers)
        if kind not in ("Html", "Code"):
            for attr in ("value", "label", "help", "placeholder"):
                value = getattr(node, attr, None)
                if isinstance(value, str) and value.strip():
                    out.append(value)
            if kind != "Selectbox":  # place names (Áncash, Apurímac...) are proper names
                out.extend(str(o) for o in getattr(node, "options", None) or ())
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at.main)
    walk(at.sidebar)
    return out


#: Widget values that are option keys (the link's words), not text: a radio's or the
#: territory selector's current choice.
OPTION_KEYS = {"brecha", "personas", "estudio"}
#: Pages translated so far (issue 14, item 5), with a link that draws their rule's figures.
#: Comparar with two scenarios of its own link.
COMPARAR = {"a.minimo": "30", "b.minimo": "50", "b.reparto": "igual"}
TRANSLATED = {
    "simulador": {"minimo": "40"},
    "inicio": {},
    "glosario": {},
    "diagnostico": {},
    "comparar": COMPARAR,
}
#: Names that stay Spanish in an English text: the study's citation, the MEF data set, a place.
NAMES = (sources.CITATION, "Presupuesto y Ejecución de Gasto", "San Román")


@pytest.mark.parametrize("page", list(TRANSLATED))
def test_a_translated_page_in_english_has_no_spanish_text(open_page, page):
    at = open_page(page, {"lang": "en", **TRANSLATED[page]})
    texts = [t for t in _texts(at) if t not in OPTION_KEYS]
    for name in NAMES:
        texts = [t.replace(name, "") for t in texts]
    spanish = [t for t in texts if SPANISH.search(ALLOWED.sub("", t))]
    assert not spanish, "\n".join(spanish)


def test_the_simulador_shows_the_same_numbers_in_both_languages(open_page):
    english = open_page("simulador", {"lang": "en", "minimo": "40"})
    spanish = open_page("simulador", {"minimo": "40"})
    assert [m.value.replace(" %", "%") for m in spanish.metric] == [m.value for m in english.metric]
    assert english.metric[0].value == "40.00%"

    def numbers(at):
        return sorted(n for t in _texts(at) for n in NUMBER.findall(t))

    assert numbers(english) == numbers(spanish)


def _chart_texts(at) -> list[str]:
    """What the Simulador's charts say to a reader: titles, legends' values, descriptions,
    and the text values of their datasets (item names, series)."""
    charts = []

    def walk(node):
        if getattr(node, "type", "") == "vega_lite_chart":
            charts.append(node.proto)
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at.main)
    out = []

    def strings(spec, key=None):
        if isinstance(spec, dict):
            for k, v in spec.items():
                strings(v, k)
        elif isinstance(spec, list):
            for v in spec:
                strings(v, key)
        elif isinstance(spec, str) and key in ("title", "description", "domain", "text"):
            out.append(spec)

    for proto in charts:
        strings(json.loads(proto.spec))
        for dataset in proto.datasets:
            table = pa.ipc.open_stream(dataset.data.data).read_all()
            out += [v for c in table.columns for v in c.to_pylist() if isinstance(v, str)]
    assert charts, "the Simulador draws its charts"
    return out


def test_the_simulador_s_charts_speak_english(open_page):
    at = open_page("simulador", {"lang": "en", "minimo": "40"})
    texts = _chart_texts(at)
    assert "Baseline" in texts and "Scenario" in texts  # the series, in data and legend
    spanish = [t for t in texts if SPANISH.search(ALLOWED.sub("", t))]
    assert not spanish, "\n".join(spanish)


# -- Territorios in English: a department with a fund and a target, so that every section
# draws (the reading, notices, need, «¿Qué mínimo necesita…?», fund, ranking, spreads,
# profile, map, alignment across districts) ---------------------------------------------------

TERRITORIOS = {"territorio": "21", "minimo": "40", "fondo": "50000000", "meta": "agua:0"}


@functools.cache
def _place_names() -> re.Pattern:
    """Every department, province and district name: proper names, the same in both."""
    d = data.load_districts()
    names = set(d["district"]) | set(d["province"]) | set(d["department"])
    return re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))


def _spanish(texts) -> list[str]:
    return [
        t
        for t in texts
        if t not in OPTION_KEYS and SPANISH.search(ALLOWED.sub("", _place_names().sub("", t)))
    ]


def test_territorios_in_english_has_no_spanish_text(open_page):
    at = open_page("territorios", {"lang": "en", **TERRITORIOS})
    assert at.title[0].value == "Territories: the rule in every district"
    assert not _spanish(_texts(at)), "\n".join(_spanish(_texts(at)))
    headers = [str(c) for t in at.dataframe for c in t.value.columns]
    assert "Decision" in headers and "Decisión" not in headers  # the alignment table


#: Pages whose charts and numbers are checked in both languages, with their link.
BOTH = {"territorios": TERRITORIOS, "diagnostico": {}, "comparar": COMPARAR}


@pytest.mark.parametrize("page", list(BOTH))
def test_a_page_s_charts_speak_english(open_page, page):
    at = open_page(page, {"lang": "en", **BOTH[page]})
    spanish = _spanish(_chart_texts(at))
    assert not spanish, "\n".join(spanish)


@pytest.mark.parametrize("page", list(BOTH))
def test_a_page_shows_the_same_numbers_in_both_languages(open_page, page):
    english = open_page(page, {"lang": "en", **BOTH[page]})
    spanish = open_page(page, BOTH[page])
    assert [m.value for m in spanish.metric] == [m.value.replace("%", " %") for m in english.metric]

    def numbers(at):
        return sorted(n for t in _texts(at) for n in NUMBER.findall(t))

    assert numbers(english) == numbers(spanish)
    for es, en in zip(spanish.dataframe, english.dataframe, strict=True):
        es_numbers, en_numbers = (t.value.select_dtypes("number") for t in (es, en))
        assert es_numbers.shape == en_numbers.shape
        assert np.array_equal(es_numbers.to_numpy(), en_numbers.to_numpy(), equal_nan=True)


def test_comparar_s_table_names_its_figures_in_english(open_page):
    at = open_page("comparar", {"lang": "en", **COMPARAR})
    figures = at.dataframe[0].value.index.tolist()
    assert "Feasible" in figures and "Factible" not in figures
    spanish = _spanish(figures + [v for row in at.dataframe[0].value.to_numpy() for v in row])
    assert not spanish, "\n".join(spanish)


# -- Proyectos in English: a department (every section: Table 2, district by district, a
# district's projects with their rules, how projects are classified) --------------------------

PROYECTOS = {"territorio": "18"}  # Moquegua
#: A project name the MEF writes in capitals, quoted as an example («MEJORAMIENTO DEL …»).
MEF_NAME = re.compile(r"“[A-Z .]+”")


def test_proyectos_in_english_has_no_spanish_text(open_page):
    at = open_page("proyectos", {"lang": "en", **PROYECTOS})
    assert at.title[0].value == "Projects: what does each municipality invest in?"
    texts = [MEF_NAME.sub("", t) for t in _texts(at) if t != "todas"]  # a radio's value
    assert not _spanish(texts), "\n".join(_spanish(texts))
    # project names are the MEF's (Spanish data); their class and the rule's reason are not
    listed = at.dataframe[-2].value
    assert not _spanish(listed["gap_label"]) and not _spanish(listed["reason"])
    rules = at.dataframe[-1].value
    assert not _spanish(rules["clase"]) and not _spanish(rules["reason"])
    assert "Other" in set(rules["clase"])
    assert not _spanish(_chart_texts(at)), "\n".join(_spanish(_chart_texts(at)))


def test_proyectos_shows_the_same_numbers_in_both_languages(open_page):
    english = open_page("proyectos", {"lang": "en", **PROYECTOS})
    spanish = open_page("proyectos", PROYECTOS)
    assert [m.value for m in spanish.metric] == [m.value.replace("%", " %") for m in english.metric]

    def numbers(at):
        return sorted(n.rstrip(",") for t in _texts(at) for n in NUMBER.findall(t))

    assert numbers(english) == numbers(spanish)
    for es, en in zip(spanish.dataframe, english.dataframe, strict=True):
        es_numbers, en_numbers = (t.value.select_dtypes("number") for t in (es, en))
        assert np.array_equal(es_numbers.to_numpy(), en_numbers.to_numpy(), equal_nan=True)


# -- Metodología in English: every section's prose, formulas' words, and its three tables ------


def test_metodologia_in_english_has_no_spanish_text(open_page):
    at = open_page("metodologia", {"lang": "en"})
    assert at.title[0].value == "Methodology"
    texts = [t for t in _texts(at) if t != "brecha"]  # a radio's value (the link's word)
    for name in NAMES:
        texts = [t.replace(name, "") for t in texts]
    assert not _spanish(texts), "\n".join(_spanish(texts))
    assert any("\\text{gap}" in latex.value for latex in at.latex)
    defaults, costs, parameters = (t.value for t in at.dataframe)
    assert list(defaults.columns) == ["Item", "Value", "Statistic", "Source"]
    assert not _spanish(defaults["Item"]) and not _spanish(defaults["Statistic"])
    assert not _spanish(costs["Note"]) and not _spanish(costs["Unit"])
    # the link's words (estudio, brecha, igual...) stay as the link writes them
    assert list(parameters.columns) == ["Parameter", "Meaning", "Values"]
    assert not _spanish(parameters["Meaning"]), "\n".join(_spanish(parameters["Meaning"]))


def numbers_in(text: str) -> list[str]:
    return sorted(n.rstrip(",") for n in NUMBER.findall(text))


def test_metodologia_shows_the_same_numbers_in_both_languages(open_page):
    english = open_page("metodologia", {"lang": "en"})
    spanish = open_page("metodologia")

    def numbers(at):
        return sorted(n.rstrip(",") for t in _texts(at) for n in NUMBER.findall(t))

    assert numbers(english) == numbers(spanish)
    for es, en in zip(spanish.dataframe, english.dataframe, strict=True):
        assert es.value.shape == en.value.shape
        cells = [[str(v) for v in t.value.to_numpy().ravel()] for t in (es, en)]
        assert [numbers_in(c) for c in cells[0]] == [numbers_in(c) for c in cells[1]]


def test_a_province_is_named_in_english(open_page):
    at = open_page("territorios", {"lang": "en", "territorio": "2111", "minimo": "20"})
    assert "Who receives and who gives up: Province of San Román (Puno)" in [
        s.value for s in at.subheader
    ]
    assert not _spanish(_texts(at)), "\n".join(_spanish(_texts(at)))


# -- Taller in English: the start page, the facilitator's board, a participant (their links
# keep lang=en), the room's reading and chart, the errors of the workshop store --------------


@pytest.fixture
def workshop_db(tmp_path, monkeypatch):
    monkeypatch.delenv("BRECHAS_DB_URL", raising=False)
    monkeypatch.setenv("BRECHAS_DB_PATH", str(tmp_path / "talleres.sqlite"))


#: The room's rule as a Simulador link (its parameters are Spanish by design).
SIMULADOR_LINK = re.compile(r"`/simulador\?[^`]*`")


def _english_taller(at) -> None:
    texts = [
        SIMULADOR_LINK.sub("", t)
        for t in _texts(at)
        if t not in OPTION_KEYS and t != "Mayors' workshop"
    ]
    spanish = _spanish(texts)
    assert not spanish, "\n".join(spanish)


def test_the_taller_in_english_keeps_lang_in_its_links_and_speaks_english(open_page, workshop_db):
    at = open_page("taller", {"lang": "en"})
    assert at.title[0].value == "Workshop: a room's proposals, live"
    _english_taller(at)
    at.text_input(key="tc_titulo").input("Mayors' workshop")
    at.button[1].click().run()
    code, token = at.query_params["codigo"], at.query_params["clave"]
    assert at.query_params["lang"] == "en"  # the facilitator's page stays in English
    assert "**Workshop created.**" in at.success[0].value
    links = [c.value for c in at.code]
    assert any(link.endswith(f"/taller?codigo={code}&lang=en") for link in links)
    assert any(f"clave={token}&lang=en" in link for link in links)
    _english_taller(at)

    part = open_page("taller", {"codigo": code, "lang": "en"})
    part.text_input(key="taller_nombre").input("Ana")
    part.button[0].click().run()
    part.slider(key="tw_minimo").set_value(30.0).run()
    part.button(key="taller_enviar").click().run()
    assert part.success[0].value.startswith("Proposal sent (first version: minimum of 30.0%).")
    assert any(t.value == "Taking part as: Ana" for t in part.text)
    _english_taller(part)

    board = open_page("taller", {"codigo": code, "clave": token, "lang": "en"})
    metrics = {m.label: m.value for m in board.metric}
    assert metrics["Proposals"] == "1" and metrics["Median minimum"] == "30.0%"
    assert any(m.value.startswith("High agreement: 1 of 1 proposals") for m in board.markdown)
    _english_taller(board)
    headers = [str(c) for t in board.dataframe for c in t.value.columns]
    assert "Name" in headers and "Nombre" not in headers
    charts = _chart_texts(board)
    assert "Median: 30.0%" in charts
    assert not _spanish(charts), "\n".join(_spanish(charts))


def test_a_bad_workshop_code_gets_an_english_message(open_page, workshop_db):
    at = open_page("taller", {"codigo": "ABC234", "lang": "en"})
    assert at.error[0].value == (
        "There is no workshop with the code ABC234. Check the code on the facilitator's screen."
    )
    _english_taller(at)


def test_the_taller_s_callbacks_write_their_errors_in_english(open_page, workshop_db):
    at = open_page("taller", {"lang": "en"})
    at.text_input(key="taller_codigo_escrito").input("xx")
    at.button[0].click().run()
    assert at.error[0].value.startswith("That is not a workshop code: codes are 6 letters")
    at.text_input(key="tc_titulo").input("")
    at.button[1].click().run()
    assert at.error[-1].value == "Type a title for the workshop."


# -- Mis datos in English: the page, a MEF file read (budget, functions, gaps, projects and
# their review, what was left out) and a bad file's message ---------------------------------


def _upload(at, name: str, content: bytes):
    at.file_uploader[0].set_value((name, content, "text/csv"))
    at.run()
    return at


def test_mis_datos_in_english_has_no_spanish_text(open_page):
    from tests import samples

    at = open_page("datos", {"lang": "en"})
    assert at.title[0].value == "My data: your municipality's real budget"
    _upload(at, "2024-Gasto.csv", samples.mef_csv(3_000))
    assert not at.error
    # the file's own words (municipality, function and project names, MEF titles) aside
    quoted = re.compile(r"«[^»]*»|`[^`]*`|MUNICIPALIDAD [A-Z ]+")
    texts = [quoted.sub("", t) for t in _texts(at)]
    for name in NAMES:  # the MEF data set's name among them
        texts = [t.replace(name, "") for t in texts]
    assert not _spanish(texts), "\n".join(_spanish(texts))
    labels = [m.label for m in at.metric]
    assert labels[:2] == ["Initial budget (PIA)", "Modified budget (PIM)"]
    assert labels[3] == "Execution (progress)" and not _spanish(labels)
    gaps = next(t.value for t in at.dataframe if "label" in t.value.columns)
    assert not _spanish(gaps["label"])
    left = next(t.value for t in at.dataframe if "rows" in t.value.columns)
    assert left["reason"].str.startswith("Another level of government").all()


def test_mis_datos_shows_the_same_figures_in_both_languages(open_page):
    from tests import samples

    content = samples.mef_csv(3_000)
    english = _upload(open_page("datos", {"lang": "en"}), "2024-Gasto.csv", content)
    spanish = _upload(open_page("datos"), "2024-Gasto.csv", content)
    assert [m.value for m in spanish.metric] == [m.value.replace("%", " %") for m in english.metric]
    for es, en in zip(spanish.dataframe, english.dataframe, strict=True):
        es_numbers, en_numbers = (t.value.select_dtypes("number") for t in (es, en))
        assert np.array_equal(es_numbers.to_numpy(), en_numbers.to_numpy(), equal_nan=True)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("foto.csv", b"\x89PNG\r\n\x1a\n" + bytes(200), "The file is a PNG image, not a table."),
        ("vacio.csv", b"", "The file is empty (0 rows)."),
    ],
)
def test_a_bad_file_gets_an_english_message_in_english(open_page, name, content, expected):
    at = _upload(open_page("datos", {"lang": "en", "minimo": "40"}), name, content)
    assert len(at.error) == 1
    assert expected in at.error[0].value and "Your scenario" in at.error[0].value
    message = at.error[0].value.replace("Presupuesto y Ejecución de Gasto", "")  # its name
    assert not _spanish([message]), message
    assert at.session_state["scenario"].minimum_pct == 40


def test_a_download_is_built_in_the_language_of_the_run_that_drew_its_button():
    """Streamlit may build a download's bytes after the run, in another thread, where the
    run's language is not set: the file keeps the language of the button's run."""
    from brechas_core.i18n import _
    from brechas_ui.takeaway import _once

    with using("en"):
        english = _once(lambda: _("Escenario").encode())
    spanish = _once(lambda: _("Escenario").encode())
    assert english() == b"Scenario"
    assert spanish() == b"Escenario"


# -- the link's notices (brechas_core.scenario, the territory) and the callbacks' messages in
# the session's language --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "english", "spanish"),
    [
        (
            {"minimo": "abc"},
            '"minimo" must be a number (for example 40 or 12.5), not "`abc`"; it was ignored.',
            "«minimo» debe ser un número (por ejemplo 40 o 12.5), no «`abc`»; se ignoró.",
        ),
        (
            {"minimo": "150"},
            '"minimo" = 150.00 is outside the allowed range (0 to 100); 100.00 was used.',
            "«minimo» = 150.00 está fuera del rango permitido (0 a 100); se usó 100.00.",
        ),
        (
            {"territorio": "99"},
            "There is no department with the code 99 in INEI's data; the study's districts "
            "are shown.",
            "No existe un departamento con el código 99 en los datos del INEI; se muestran los "
            "distritos del estudio.",
        ),
        (
            {"minimo": "40", "color": "rojo"},
            "Unknown parameters were ignored: `color`.",
            "Se ignoraron parámetros desconocidos: `color`.",
        ),
    ],
)
def test_a_tampered_link_s_notice_follows_the_link_s_language(open_page, query, english, spanish):
    at = open_page("simulador", {**query, "lang": "en"})
    box = _warnings(at)
    assert f"- {english}" in box
    assert "The link had values that could not be used" in box
    assert spanish not in box
    at = open_page("simulador", query)
    assert f"- {spanish}" in _warnings(at)
    assert english not in _warnings(at)


def test_a_comparison_link_s_notices_are_in_english(open_page):
    at = open_page("comparar", {"a.minimo": "30", "b.minimo": "x", "lang": "en"})
    assert (
        'Scenario B: "minimo" must be a number (for example 40 or 12.5), not "`x`"; '
        "it was ignored." in _warnings(at) + "\n".join(i.value for i in at.info)
    )


def test_a_callback_s_message_follows_the_session_s_language(open_page, monkeypatch):
    """«Crear un enlace corto» runs before the script sets the language: its error (here
    the database not answering) still comes in the session's language."""
    from brechas_ui import db

    def no_database():
        raise RuntimeError("the database does not answer")

    monkeypatch.setattr(db, "store", no_database)
    for lang, expected in [
        ("en", "The short link could not be created"),
        ("es", "No se pudo crear el enlace corto (la base de datos no responde)."),
    ]:
        at = open_share(open_page("simulador", {"minimo": "40", "lang": lang}))
        at.button(key="crear_enlace_corto").click().run()
        assert _warnings(at).count(expected) == 1, _warnings(at)
