"""Fresh, empty databases for tests and benchmarks: a SQLite file or a PostgreSQL schema.

``PG_URL`` is the PostgreSQL server the tests use (``scripts/test.sh`` starts one and
exports ``BRECHAS_TEST_PG_URL``). Each PostgreSQL database is a schema of its own
(``search_path`` set in the URL), dropped afterwards, so parallel runs on one server never
see each other's rows. Used by ``tests/conftest.py`` (fixture ``database_url``) and
``benchmarks/taller.py``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Iterator
from pathlib import Path

PG_URL = os.environ.get(
    "BRECHAS_TEST_PG_URL", "postgresql+psycopg://brechas:brechas@127.0.0.1:5432/brechas_test"
)


def postgres_unreachable(url: str = PG_URL) -> str | None:
    """None if PostgreSQL answers at ``url``, else why not."""
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means "not reachable"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None


@contextlib.contextmanager
def fresh_database(kind: str, directory: Path | None = None, base: str = PG_URL) -> Iterator[str]:
    """The URL of a new, empty database: ``kind`` is ``sqlite`` (a file in ``directory``, or
    in a temporary one) or ``postgresql`` (a schema of its own on ``base``, dropped on exit
    with the stores brechas_store cached for it)."""
    if kind == "sqlite":
        if directory is not None:
            yield f"sqlite:///{directory / 'brechas.sqlite3'}"
            return
        with tempfile.TemporaryDirectory(prefix="brechas-db-") as tmp:
            yield f"sqlite:///{tmp}/brechas.sqlite3"
        return
    import sqlalchemy as sa

    from brechas_store import db

    name = "t_" + secrets.token_hex(6)
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    sep = "&" if "?" in base else "?"
    try:
        yield f"{base}{sep}options=-csearch_path%3D{name}"
    finally:
        for key, store in list(db._stores.items()):
            if name in key:
                db.close_store(store)
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()
