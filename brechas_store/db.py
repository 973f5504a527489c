"""Engines for SQLite (default, WAL) and PostgreSQL (psycopg 3), one per URL per process."""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

__all__ = ["DEFAULT_SQLITE_PATH", "Store", "database_url", "open_store"]

#: Where the embedded database lives when nothing else is configured.
DEFAULT_SQLITE_PATH = Path("var") / "brechas.sqlite3"

_lock = threading.Lock()
_stores: dict[str, Store] = {}


@dataclass(frozen=True)
class Store:
    """An engine whose schema is up to date. ``dialect`` is ``"sqlite"`` or ``"postgresql"``."""

    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection for reading (SQLite: a deferred transaction, never the write lock)."""
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A transaction that commits on success (SQLite: ``BEGIN IMMEDIATE``)."""
        with self.engine.connect().execution_options(brechas_write=True) as conn, conn.begin():
            yield conn


def database_url(configured: str | None = None) -> str:
    """The database URL: ``configured`` (e.g. from Streamlit secrets), else the environment.

    ``BRECHAS_DB_URL`` wins; without it, a SQLite file at ``BRECHAS_DB_PATH`` (default
    ``var/brechas.sqlite3``). ``postgres://`` and ``postgresql://`` get the psycopg 3 driver.

    Examples
    --------
    >>> database_url("postgresql://u:p@db:5432/brechas")
    'postgresql+psycopg://u:p@db:5432/brechas'
    >>> database_url("sqlite:///tmp/x.db")
    'sqlite:///tmp/x.db'
    """
    url = configured or os.environ.get("BRECHAS_DB_URL", "").strip()
    if not url:
        path = Path(os.environ.get("BRECHAS_DB_PATH", "").strip() or DEFAULT_SQLITE_PATH)
        return f"sqlite:///{path}"
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _set_wal(cur: sqlite3.Cursor, *, wait_s: float = 10.0) -> None:
    """Put the database file in WAL mode (persistent: a no-op once any connection did it).

    Switching a fresh file to WAL needs an exclusive lock, and SQLite answers
    ``SQLITE_BUSY`` at once instead of calling the busy handler when another connection
    holds a lock (several processes opening a new file together: seen as "database is
    locked" in the concurrent-migrations test). So a connection that finds the file not
    yet in WAL retries the switch for up to ``wait_s`` seconds.
    """
    deadline = time.monotonic() + wait_s
    delay = 0.005
    while True:
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() >= deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.2)


def _engine(url: str, *, connect_args: dict | None = None) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"timeout": 10, "check_same_thread": False, **(connect_args or {})},
        )

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # pragma: no cover - exercised by every test
            # Let SQLAlchemy, not pysqlite, issue BEGIN (see "Serializable isolation" in the
            # SQLAlchemy SQLite docs), so that writers can take the lock up front.
            dbapi_conn.isolation_level = None
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA busy_timeout=10000")
            _set_wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.close()

        @event.listens_for(engine, "begin")
        def _sqlite_begin(conn):  # pragma: no cover - exercised by every test
            # A write transaction takes the write lock at BEGIN (IMMEDIATE), so two processes
            # never deadlock upgrading a read lock; busy_timeout makes the other one wait.
            # Reads stay deferred: under WAL they never wait for a writer.
            write = conn.get_execution_options().get("brechas_write")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine
    return create_engine(
        url,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=10,
        connect_args=connect_args or {},
    )


def open_store(url: str | None = None, *, connect_args: dict | None = None) -> Store:
    """The store for ``url`` (default :func:`database_url`), created and migrated once.

    Safe to call on every rerun: later calls return the same object.
    """
    from brechas_store.migrations import migrate

    url = database_url(url)
    key = url + repr(sorted((connect_args or {}).items()))
    store = _stores.get(key)
    if store is not None:
        return store
    with _lock:
        store = _stores.get(key)
        if store is None:
            store = Store(_engine(url, connect_args=connect_args), url)
            migrate(store.engine)
            _stores[key] = store
    return store


def close_store(store: Store) -> None:
    """Dispose of a store's connections and forget it (tests; a process shutting down)."""
    with _lock:
        for key, value in list(_stores.items()):
            if value is store:
                del _stores[key]
    store.engine.dispose()
