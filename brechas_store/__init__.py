"""Brechas' database: workshops (and other shared state) on SQLAlchemy Core.

No Streamlit here (ruff TID251). The database is chosen by :func:`database_url`:

* ``BRECHAS_DB_URL`` (environment, or passed in by the UI from ``st.secrets``) names any
  SQLAlchemy URL; ``postgresql://`` URLs are driven by psycopg 3.
* otherwise an embedded SQLite file at ``BRECHAS_DB_PATH`` (default ``var/brechas.sqlite3``
  under the working directory), opened in WAL mode so readers never block the writer.

:func:`open_store` creates the engine once per URL and applies pending migrations
(``brechas_store.migrations``), so the schema is created and versioned by the app itself.
"""

from brechas_store.db import Store, database_url, open_store

__all__ = ["Store", "database_url", "open_store"]
