"""The browser's Back button restores the previous scenario (one press per move)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.test_app_in_browser import move_minimum_slider, priority_total, wait_for_run
from tests.e2e.test_takeaway import open_link

pytestmark = pytest.mark.e2e


def test_back_undoes_each_slider_move_and_then_leaves_the_page(app_server, page):
    open_link(page, f"{app_server.url}/diagnostico", "Diagnóstico")
    page.get_by_role("link", name="Simulador").first.click()
    expect(page.locator("h1").first).to_contain_text("Simulador")
    wait_for_run(page)
    metric = priority_total(page)
    expect(metric).to_have_text("27.07 %")  # the baseline

    move_minimum_slider(page, "End")  # 100 %
    expect(metric).to_have_text("100.00 %")
    wait_for_run(page)
    move_minimum_slider(page, "Home")  # back to 0 % by hand...
    expect(page).to_have_url(re.compile(r"[?&]minimo=0(&|$)"))
    wait_for_run(page)
    move_minimum_slider(page, "ArrowRight")  # ...then 0.5 %
    expect(page).to_have_url(re.compile(r"[?&]minimo=0.5(&|$)"))
    wait_for_run(page)

    page.go_back()  # one press: the move before
    expect(page).to_have_url(re.compile(r"[?&]minimo=0(&|$)"))
    wait_for_run(page)
    expect(metric).to_have_count(1)
    expect(metric).to_have_text("27.07 %")
    page.go_back()
    expect(page).to_have_url(re.compile(r"[?&]minimo=100(&|$)"))
    wait_for_run(page)
    expect(metric).to_have_count(1)
    expect(metric).to_have_text("100.00 %")
    # The slider shows the restored value too: moving it on starts from 100 %.
    move_minimum_slider(page, "ArrowLeft")
    expect(page).to_have_url(re.compile(r"[?&]minimo=99.5(&|$)"))
