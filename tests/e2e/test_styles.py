"""The app's stylesheets reach every session, not only the first one a server serves."""

from __future__ import annotations

import pytest

from tests.e2e.test_takeaway import open_link

pytestmark = pytest.mark.e2e

_STYLED = """() => {
  const bar = document.querySelector('.st-key-barra_compartir');
  const caption = document.querySelector('[data-testid="stCaptionContainer"]');
  return [getComputedStyle(bar).position, caption && getComputedStyle(caption).color];
}"""


@pytest.mark.parametrize("visitor", ["first", "second", "third"])
def test_each_new_session_on_the_same_server_gets_the_apps_styles(app_server, new_context, visitor):
    # Style-only st.html goes to Streamlit's event container, which later sessions on a server
    # found empty: «Compartir» then sat at the page's foot (its popover off screen) and the
    # captions lost their 6.6:1 contrast. Each visitor here is a fresh browser context.
    page = new_context().new_page()
    open_link(page, f"{app_server.url}/simulador?minimo=40", "Simulador")
    position, caption_colour = page.evaluate(_STYLED)
    assert position == "absolute"  # printing.py puts «Compartir» at the top right
    assert caption_colour == "rgb(92, 91, 89)"  # a11y.py's #5C5B59
