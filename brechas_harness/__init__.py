"""The app driven from outside, for the e2e tests and the benchmarks (the app never imports it).

- ``servers``: Streamlit processes on free loopback ports, healthy on entry, stopped on exit;
  ``deploy/nginx.conf`` in front of them (sticky sessions) with Debian's nginx.
- ``client``: Streamlit's websocket protocol, as a browser tab speaks it (``Session``).
- ``databases``: a fresh SQLite file or PostgreSQL schema.
- ``chromium``: Debian's Chromium and the flags it is launched with.

Import from the module (``from brechas_harness.servers import server``): the core tests load
``databases`` alone, without the websocket client.
"""
