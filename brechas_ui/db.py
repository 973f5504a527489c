"""The app's database store: ``BRECHAS_DB_URL`` from Streamlit secrets or the environment.

Use ``db.store()`` in pages; it is opened (and migrated) once per process.
"""

from __future__ import annotations

import streamlit as st

from brechas_store import Store, open_store


def _secret_url() -> str | None:
    try:
        value = st.secrets.get("BRECHAS_DB_URL")
    except Exception:  # no secrets.toml at all: Streamlit raises instead of returning None
        return None
    return str(value) if value else None


@st.cache_resource(show_spinner=False)
def _open(url: str | None) -> Store:
    return open_store(url)


def store() -> Store:
    """The store for this process (secrets win over the environment; SQLite by default)."""
    return _open(_secret_url())
