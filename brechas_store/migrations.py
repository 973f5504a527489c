"""Schema versions, applied by the app itself (no external migration tool).

``schema_migrations`` records each applied version. :func:`migrate` runs at the first
:func:`brechas_store.open_store` of a process, in one transaction that holds a lock (SQLite
``BEGIN IMMEDIATE``; a PostgreSQL advisory lock), so several app processes starting at once
apply each migration exactly once.

Adding a table or column: append a :class:`Migration` with the next version number (never edit
one that has landed) and update ``brechas_store.schema``. A migration that changes an existing
table uses explicit DDL (``conn.exec_driver_sql``) valid on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, insert, select, text

from brechas_store import schema

__all__ = ["MIGRATIONS", "Migration", "applied_versions", "migrate"]

# Any constant: the key of the PostgreSQL advisory lock that serialises migrations.
_PG_LOCK_KEY = 0x42524543  # "BREC"


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: Callable[[Connection], None]


def _create(*tables):
    def apply(conn: Connection) -> None:
        for table in tables:
            table.create(conn)

    return apply


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "workshops, participants, proposals, rate limits",
        _create(schema.workshops, schema.participants, schema.proposals, schema.rate_events),
    ),
    Migration(2, "short links", _create(schema.short_links)),
)


def applied_versions(conn: Connection) -> list[int]:
    t = schema.migrations_table
    return list(conn.execute(select(t.c.version).order_by(t.c.version)).scalars())


def migrate(engine: Engine) -> list[int]:
    """Apply the pending migrations; returns the versions applied now (often none)."""
    versions = [m.version for m in MIGRATIONS]
    assert versions == sorted(set(versions)), "migration versions must increase"
    done: list[int] = []
    with engine.connect().execution_options(brechas_write=True) as conn, conn.begin():
        if engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
        schema.migrations_table.create(conn, checkfirst=True)
        applied = set(applied_versions(conn))
        for migration in MIGRATIONS:
            if migration.version in applied:
                continue
            migration.apply(conn)
            conn.execute(
                insert(schema.migrations_table).values(
                    version=migration.version, name=migration.name, applied_at=schema.now()
                )
            )
            done.append(migration.version)
    return done
