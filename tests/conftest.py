"""Shared test settings: deterministic hypothesis profile for CI."""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci")


# --- Databases: every store test runs on SQLite and on PostgreSQL -------------------------
import os  # noqa: E402
import secrets  # noqa: E402

import pytest  # noqa: E402

#: The PostgreSQL server the tests use: scripts/test.sh starts one and exports this variable.
PG_URL = os.environ.get(
    "BRECHAS_TEST_PG_URL", "postgresql+psycopg://brechas:brechas@127.0.0.1:5432/brechas_test"
)


def _postgres_reachable() -> str | None:
    """None if PostgreSQL answers at PG_URL, else why not."""
    import sqlalchemy as sa

    try:
        engine = sa.create_engine(PG_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as exc:  # any failure to connect means "not reachable"
        return f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return None


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """PG_URL if reachable. Outside CI a missing server skips; in CI it fails the test."""
    why = _postgres_reachable()
    if why:
        message = f"PostgreSQL not reachable at BRECHAS_TEST_PG_URL ({why})"
        if os.environ.get("CI"):
            pytest.fail(message + "; in CI scripts/test.sh must start it")
        pytest.skip(message)
    return PG_URL


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path) -> str:
    """A fresh, empty database URL: a SQLite file, or a PostgreSQL schema of its own.

    Each PostgreSQL test gets a new schema (``search_path`` set in the URL), dropped after
    the test, so parallel runs on one server never see each other's rows.
    """
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'brechas.sqlite3'}"
        return
    import sqlalchemy as sa

    base = request.getfixturevalue("postgres_url")
    name = "t_" + secrets.token_hex(6)
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{name}"
    from brechas_store import db

    for key, store in list(db._stores.items()):
        if name in key:
            db.close_store(store)
    with admin.begin() as conn:
        conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
    admin.dispose()
