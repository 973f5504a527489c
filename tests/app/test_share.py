"""«Compartir» on the Simulador: the link, the short link and the QR code follow the rule.

The popover is drawn on full runs, its contents only while it is open, and a slider move
(a fragment run, brechas_ui.frame.live) while it is open reruns the whole page: what it
shows must always be the link of the rule on screen, never one made for an earlier rule.
"""

from __future__ import annotations

import re

import pytest

from brechas_store import open_store
from brechas_ui import db
from tests.app.conftest import open_share


@pytest.fixture
def store(tmp_path, monkeypatch):
    """A fresh SQLite file for the short links of one test."""
    opened = open_store(f"sqlite:///{tmp_path / 'brechas.db'}")
    monkeypatch.setattr(db, "store", lambda: opened)
    return opened


def _links(at) -> list[str]:
    return [c.value for c in at.code if "/simulador" in c.value]


def _qr_codes(at) -> list:
    return [i for i in at.get("image") if "Escanee" in str(i.proto)]


def test_compartir_closed_draws_nothing_a_move_would_resend(open_page):
    at = open_page("simulador", {"minimo": "40"})
    assert not _links(at)
    assert not [b for b in at.button if b.key in ("crear_enlace_corto", "mostrar_qr")]
    at.slider(key="w_minimum_pct").set_value(41.0).run()
    assert not _links(at)


def test_the_link_in_compartir_is_the_rule_on_screen(open_page):
    at = open_share(open_page("simulador", {"minimo": "40"}))
    (link,) = _links(at)
    assert "minimo=40" in link
    at.slider(key="w_minimum_pct").set_value(41.0).run()
    (link,) = _links(at)
    assert "minimo=41" in link and "minimo=40" not in link


def test_the_qr_code_is_drawn_when_asked_and_only_for_the_link_it_was_asked_for(open_page):
    at = open_share(open_page("simulador", {"minimo": "40"}))
    assert not _qr_codes(at)  # encoded only when asked (tens of ms a move otherwise)
    at.button(key="mostrar_qr").click().run()
    assert len(_qr_codes(at)) == 1
    at.slider(key="w_minimum_pct").set_value(41.0).run()
    assert not _qr_codes(at)  # it would open the old rule: asked for again
    at.button(key="mostrar_qr").click().run()
    assert len(_qr_codes(at)) == 1


def test_a_short_link_is_shown_for_the_rule_it_was_made_for_only(open_page, store):
    at = open_share(open_page("simulador", {"minimo": "40"}))
    at.button(key="crear_enlace_corto").click().run()
    text = " ".join(m.value for m in at.markdown)
    code = re.search(r"Código: \*\*([A-Z0-9]{6})\*\*", text).group(1)
    assert any(c.value.endswith(f"/simulador?c={code}") for c in at.code)
    at.button(key="crear_enlace_corto").click().run()  # again: the same code
    assert f"Código: **{code}**" in " ".join(m.value for m in at.markdown)
    at.slider(key="w_minimum_pct").set_value(41.0).run()
    assert "Código:" not in " ".join(m.value for m in at.markdown)
    assert not any("?c=" in c.value for c in at.code)
