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

import pytest  # noqa: E402

from brechas_harness.databases import PG_URL, fresh_database, postgres_unreachable  # noqa: E402


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """PG_URL if reachable. Outside CI a missing server skips; in CI it fails the test."""
    why = postgres_unreachable()
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
    base = request.getfixturevalue("postgres_url") if request.param == "postgresql" else PG_URL
    with fresh_database(request.param, tmp_path, base) as url:
        yield url
