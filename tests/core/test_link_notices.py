"""Text quoted from a link stays text: no link, image or heading, whatever the link carries.

The notices are shown as Markdown (a bulleted list inside a warning). Here they are rendered
with markdown-it-py's GitHub-flavoured preset (CommonMark, tables, autolinks), the dialect
Streamlit's renderer follows; tests/e2e/test_room.py checks the same links in Chromium.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from brechas_core.scenario import MAX_NOTICES, from_query, group_notices

GAPS = ["agua", "desague", "electricidad"]
CODES = ["03", "18"]
MD = MarkdownIt("gfm-like")


def rendered(params: dict[str, str]) -> str:
    notices = from_query(params, gap_ids=GAPS, function_codes=CODES).notices
    assert notices, "the link should have produced a notice"
    return MD.render("\n".join(f"- {n}" for n in group_notices(notices)))


LINK = "[Pague aquí](https://evil.example/p)"
IMAGE = "![t](https://evil.example/t.png)"
# What CommonMark renderers (markdown-it, Streamlit's) read as a line ending.
SEPARATORS = {"lf": "\n", "crlf": "\r\n", "cr": "\r"}
# Line ends for other readers (Unicode, some editors and terminals): shown as marks too.
OTHER_SEPARATORS = {"nel": "\x85", "line-separator": "\u2028", "paragraph-separator": "\u2029"}


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize("param", ["reparto", "minimo", "excluir", "pisos", "territorio", None])
def test_a_link_after_line_breaks_in_a_value_is_not_rendered_as_a_link(param, sep):
    text = f"x{sep}{sep}{LINK}"
    # None: the text is the name of an unknown parameter.
    html = rendered({param: text} if param else {text: "1"})
    assert "<a " not in html
    assert "Pague aquí" in html


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
def test_an_image_after_line_breaks_in_a_value_is_not_rendered(sep):
    html = rendered({"minimo": f"1{sep}{sep}{IMAGE}"})
    assert "<img" not in html
    assert "evil.example" in html


@pytest.mark.parametrize("sep", SEPARATORS.values(), ids=SEPARATORS.keys())
@pytest.mark.parametrize("heading", ["# Título", "Título\n===", "Título\n---"])
def test_a_line_break_in_a_value_gives_no_heading(sep, heading):
    html = rendered({"reparto": f"x{sep}{heading.replace(chr(10), sep)}"})
    assert "<h" not in html.replace("<hr", "")
    assert "<hr" not in html


@pytest.mark.parametrize(
    "sep", [*SEPARATORS.values(), *OTHER_SEPARATORS.values()], ids=[*SEPARATORS, *OTHER_SEPARATORS]
)
def test_a_quoted_value_is_one_line_with_visible_break_marks(sep):
    (notice,) = from_query({"reparto": f"a{sep}{sep}b"}, gap_ids=GAPS, function_codes=CODES).notices
    assert "`a⏎⏎b`" in notice
    assert not any(ch in notice for ch in "\r\n\x85\u2028\u2029")


@given(st.text(max_size=60))
def test_no_value_ever_escapes_its_code_span(value):
    html = rendered({"reparto": f"z{value}", "zzz": "1"})
    for tag in ("<a ", "<img", "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<table", "<hr"):
        assert tag not in html
    # One list, one item per notice: nothing broke out of its line.
    assert html.count("<li>") == 2


def test_a_long_tampered_link_gives_a_short_grouped_notice():
    # ~4 kB of out-of-range per-gap values, each parameter under its length cap: one
    # notice per value before grouping.
    values = ",".join(f"{gap}:-{i}" for i in range(1, 60) for gap in GAPS)[:590]
    params = {name: values for name in ("pisos", "pesos", "costo")}
    params.update({f"p{i}": "1" for i in range(200)})
    notices = from_query(params, gap_ids=GAPS, function_codes=CODES).notices
    assert len(notices) > 100
    shown = group_notices(notices)
    assert len(shown) <= MAX_NOTICES
    assert "avisos más" in shown[-1]
    assert sum(len(n) for n in shown) < 2_000


def test_a_list_of_many_bad_ids_is_cut_with_a_count():
    ids = ",".join(f"m{i}" for i in range(100))
    (notice,) = from_query({"excluir": ids}, gap_ids=GAPS, function_codes=CODES).notices
    assert "y 95 más" in notice
    assert len(notice) < 300
