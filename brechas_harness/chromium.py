"""Debian's Chromium as the browser tests and benchmarks/browser.py launch it (Playwright's
own browser download is never used)."""

from __future__ import annotations

CHROMIUM = "/usr/bin/chromium"
#: Headless in a container, as root, without talking to Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
