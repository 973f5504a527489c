"""Browser time from a slider release to the Simulador's shares chart redrawn.

Run: ``.venv/bin/python benchmarks/browser.py [--moves 40] [--json]``

Debian's Chromium (``/usr/bin/chromium``) drives the app through Playwright. Each move
presses an arrow key on the focused guaranteed-minimum slider (a keyboard move is a press
and release in one), alternating right and left, so the scenario changes by 0.5 points every
time. In the page, a MutationObserver on the shares chart stamps the first change of its
drawing after the key press; the figure is that stamp minus the press time, both taken with
``performance.now()`` in the page. It includes the websocket round trip, the script run and
Vega's redraw. A move counts only once the run has finished (no status widget), so moves
never overlap. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import sys

from harness import OUT, machine, server, summary_ms, table

from brechas_harness.chromium import CHROMIUM, CHROMIUM_ARGS

WATCH_CHART = """() => {
  const chart = document.querySelector(
    '.st-key-grafico_sim_participaciones [data-testid="stVegaLiteChart"]');
  const box = chart.closest('[data-testid="stElementContainer"]');
  window.__redrawn = 0;
  window.__observer && window.__observer.disconnect();
  window.__observer = new MutationObserver((records) => {
    const drawn = records.some((r) => r.target.closest && r.target.closest("svg, canvas")
      || r.type === "childList");
    if (drawn && window.__t0 && !window.__redrawn) window.__redrawn = performance.now();
  });
  window.__observer.observe(box, {subtree: true, childList: true, attributes: true,
                                   characterData: true, attributeFilter: undefined});
}"""


def measure(moves: int) -> tuple[list[float], list[float]]:
    from playwright.sync_api import expect, sync_playwright

    chart_s, metric_s = [], []
    with server("app.py") as srv, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(30_000)
        page.goto(f"{srv.url}/simulador?minimo=40")
        metric = page.locator(".st-key-sim_cifras [data-testid='stMetricValue'] >> nth=0")
        # A fresh server's first page loads the data: up to ~15 s on a loaded 2-core machine.
        expect(metric).to_have_text("40.00 %", timeout=60_000)
        expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
        thumb = page.locator(".st-key-w_minimum_pct input[type='range']")
        thumb.focus()
        for i in range(moves + 3):
            expected = "40.50 %" if i % 2 == 0 else "40.00 %"
            page.evaluate(WATCH_CHART)
            page.evaluate("window.__t0 = performance.now()")
            thumb.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
            page.wait_for_function("window.__redrawn > 0")
            expect(metric).to_have_text(expected)
            metric_at = page.evaluate("performance.now()")
            expect(page.get_by_test_id("stApp")).to_have_attribute(
                "data-test-script-state", "notRunning"
            )
            expect(page.get_by_test_id("stStatusWidget")).to_have_count(0)
            t0, redrawn = page.evaluate("[window.__t0, window.__redrawn]")
            if i >= 3:  # the first moves warm the page up
                chart_s.append((redrawn - t0) / 1000)
                metric_s.append((metric_at - t0) / 1000)
        browser.close()
    return chart_s, metric_s


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=40)
    parser.add_argument("--json", action="store_true", help="write benchmarks/out/browser.json")
    args = parser.parse_args()
    chart_s, metric_s = measure(args.moves)
    rows = [
        {"measure": "key press -> shares chart redrawn", **summary_ms(chart_s)},
        {"measure": "key press -> metric seen by Playwright (upper bound)", **summary_ms(metric_s)},
    ]
    info = machine()
    print(f"\nBrowser, Simulador slider ({info}):")
    print(table(rows, ["measure", "n", "median_ms", "p95_ms", "max_ms"]))
    if args.json:
        OUT.mkdir(exist_ok=True)
        (OUT / "browser.json").write_text(json.dumps({"machine": info, "rows": rows}, indent=2))


if __name__ == "__main__":
    sys.exit(main())
