"""The database layer: engines, migrations, and the workshop rules, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import select, text, update

from brechas_store import database_url, open_store, schema
from brechas_store import workshops as ws
from brechas_store.db import close_store
from brechas_store.migrations import MIGRATIONS, applied_versions, migrate


@pytest.fixture
def store(database_url):
    s = open_store(database_url)
    yield s
    close_store(s)


def _create(store, creator="facilitador", **kw):
    args = {
        "title": "Taller de Puno",
        "question": "¿Qué mínimo para agua y desagüe?",
        "territory": "estudio",
        "year": "promedio",
        "base_query": {"territorio": "estudio", "minimo": "0"},
        "controls": ("minimo", "reparto"),
        "creator": creator,
    }
    args.update(kw)
    return ws.create(store, **args)


def _submit(store, workshop, key, minimum=30.0):
    return ws.submit(
        store,
        workshop,
        key,
        scenario_query={"minimo": str(minimum)},
        minimum_pct=minimum,
        reparto="brecha",
        target_after_pct=minimum,
        top_up_soles=1000.0 * minimum,
        years_water=12.5,
    )


def test_the_default_database_is_a_sqlite_file_under_var(monkeypatch):
    monkeypatch.delenv("BRECHAS_DB_URL", raising=False)
    monkeypatch.delenv("BRECHAS_DB_PATH", raising=False)
    assert database_url() == "sqlite:///var/brechas.sqlite3"


def test_the_sqlite_path_and_the_database_url_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("BRECHAS_DB_PATH", "/srv/brechas/app.db")
    assert database_url() == "sqlite:////srv/brechas/app.db"
    monkeypatch.setenv("BRECHAS_DB_URL", "postgres://u:p@db/brechas")
    assert database_url() == "postgresql+psycopg://u:p@db/brechas"


def test_a_url_given_by_the_app_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("BRECHAS_DB_URL", "sqlite:///a.db")
    assert database_url("sqlite:///b.db") == "sqlite:///b.db"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with store.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    close_store(store)


def test_a_new_sqlite_file_locked_by_another_connection_still_ends_in_wal_mode(tmp_path):
    # SQLite refuses the switch to WAL at once (no busy handler) while another connection
    # holds a lock: the engine must wait for it, not fail with "database is locked".
    import sqlite3

    from brechas_store.db import _engine

    path = tmp_path / "fresh.sqlite3"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    timer = threading.Timer(0.3, holder.execute, args=("COMMIT",))
    timer.start()
    engine = _engine(f"sqlite:///{path}")
    try:
        with engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    finally:
        timer.join()
        engine.dispose()
        holder.close()


def test_opening_a_store_applies_every_migration_once(store):
    with store.read() as conn:
        assert applied_versions(conn) == [m.version for m in MIGRATIONS]
    # A second process (or a restart) finds nothing to do.
    assert migrate(store.engine) == []


def test_concurrent_migrations_apply_each_version_exactly_once(database_url):
    from brechas_store.db import _engine

    engines = [_engine(database_url) for _ in range(3)]
    results, errors = [], []

    def run(engine):
        try:
            results.append(migrate(engine))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    applied = sorted(v for r in results for v in r)
    assert applied == [m.version for m in MIGRATIONS]
    for e in engines:
        e.dispose()


def test_a_workshop_gets_a_readable_code_and_only_the_token_hash_is_stored(store):
    workshop, token = _create(store)
    assert ws.normalize_code(workshop.code) == workshop.code
    assert len(token) >= 32
    with store.read() as conn:
        stored = conn.execute(select(schema.workshops)).one()._asdict()
    assert token not in {str(v) for v in stored.values()}
    assert stored["token_hash"] != token and len(stored["token_hash"]) == 64
    assert ws.authorize(store, workshop.code.lower(), token).id == workshop.id


def test_a_wrong_facilitator_token_is_refused_in_spanish(store):
    workshop, token = _create(store)
    with pytest.raises(ws.WorkshopError, match="enlace de facilitador no es válido"):
        ws.authorize(store, workshop.code, token[:-1] + ("A" if token[-1] != "A" else "B"))


@pytest.mark.parametrize(
    ("typed", "message"),
    [("ZZZZZZ", "No hay ningún taller con el código ZZZZZZ"), ("12", "no es un código")],
)
def test_a_bad_code_gets_a_spanish_message(store, typed, message):
    with pytest.raises(ws.WorkshopError, match=message):
        ws.find(store, typed)


def test_an_expired_workshop_answers_that_it_expired_and_is_purged_later(store):
    workshop, _ = _create(store)
    with store.write() as conn:
        conn.execute(
            update(schema.workshops).values(expires_at=schema.now() - timedelta(minutes=1))
        )
    with pytest.raises(ws.WorkshopError, match="ya venció"):
        ws.find(store, workshop.code)
    _create(store, creator="otro")
    with store.read() as conn:
        codes = conn.execute(select(schema.workshops.c.code)).scalars().all()
    assert workshop.code not in codes


def test_expiry_is_configurable(store, monkeypatch):
    monkeypatch.setenv("BRECHAS_TALLER_DIAS", "0.5")
    workshop, _ = _create(store)
    assert workshop.expires_at - workshop.created_at == timedelta(hours=12)


def test_creating_workshops_is_rate_limited_per_creator(store, monkeypatch):
    monkeypatch.setenv("BRECHAS_TALLER_CREAR_POR_HORA", "2")
    _create(store)
    _create(store)
    with pytest.raises(ws.WorkshopError, match="demasiados talleres"):
        _create(store)
    _create(store, creator="otra persona")


def test_one_proposal_per_session_and_revisions_replace_it(store):
    workshop, _ = _create(store)
    ws.join(store, workshop, "sesion-a", "Ana", "Ilave")
    assert _submit(store, workshop, "sesion-a", 30) == 1
    assert _submit(store, workshop, "sesion-a", 45) == 2
    rows = ws.proposal_rows(store, workshop)
    assert len(rows) == 1
    assert rows[0]["minimum_pct"] == 45 and rows[0]["revisions"] == 2
    assert rows[0]["name"] == "Ana" and rows[0]["district"] == "Ilave"
    assert rows[0]["scenario_query"] == {"minimo": "45"}


def test_joining_again_from_the_same_session_renames_instead_of_adding(store):
    workshop, _ = _create(store)
    first = ws.join(store, workshop, "s", "Ana", None)
    assert ws.join(store, workshop, "s", "Ana María", "Juli") == first
    assert ws.participant_count(store, workshop) == 1


def test_names_are_cleaned_and_cut_to_60_characters(store):
    workshop, _ = _create(store)
    ws.join(store, workshop, "s", "  **Ana**\u200b <b>x</b>\n" + "y" * 100, None)
    _submit(store, workshop, "s")
    name = ws.proposal_rows(store, workshop)[0]["name"]
    assert len(name) == 60 and name.startswith("**Ana** <b>x</b> yyy")


def test_an_empty_name_is_refused(store):
    workshop, _ = _create(store)
    with pytest.raises(ws.WorkshopError, match="Escriba su nombre"):
        ws.join(store, workshop, "s", " \u200b ", None)


def test_a_closed_workshop_refuses_submissions_until_reopened(store):
    workshop, _ = _create(store)
    ws.join(store, workshop, "s", "Ana", None)
    ws.set_open(store, workshop, False)
    assert not ws.is_open(store, workshop)
    with pytest.raises(ws.WorkshopError, match="cerró la recepción"):
        _submit(store, workshop, "s")
    ws.set_open(store, workshop, True)
    assert _submit(store, workshop, "s") == 1


def test_the_room_is_capped_at_the_participant_limit(store, monkeypatch):
    monkeypatch.setenv("BRECHAS_TALLER_MAX_PARTICIPANTES", "3")
    workshop, _ = _create(store)
    for i in range(3):
        ws.join(store, workshop, f"s{i}", f"P{i}", None)
    with pytest.raises(ws.WorkshopError, match="ya tiene 3 participantes"):
        ws.join(store, workshop, "s9", "Tarde", None)
    # Someone already in can still rename themselves.
    ws.join(store, workshop, "s0", "P0 bis", None)


def test_the_default_participant_limit_is_500():
    assert ws.limits().max_participants == 500


def test_submissions_are_rate_limited_per_participant(store, monkeypatch):
    monkeypatch.setenv("BRECHAS_TALLER_ENVIOS_POR_MINUTO", "2")
    workshop, _ = _create(store)
    ws.join(store, workshop, "s", "Ana", None)
    _submit(store, workshop, "s")
    _submit(store, workshop, "s")
    with pytest.raises(ws.WorkshopError, match="muchas veces"):
        _submit(store, workshop, "s")


def test_submitting_without_joining_is_refused(store):
    workshop, _ = _create(store)
    with pytest.raises(ws.WorkshopError, match="Primero escriba su nombre"):
        _submit(store, workshop, "nadie")


def test_hiding_a_proposal_flags_it_only_in_its_own_workshop(store):
    workshop, _ = _create(store)
    other, _ = _create(store, creator="otro")
    ws.join(store, workshop, "s", "Spam", None)
    _submit(store, workshop, "s")
    pid = ws.proposal_rows(store, workshop)[0]["id"]
    ws.set_hidden(store, other, pid, True)
    assert not ws.proposal_rows(store, workshop)[0]["hidden"]
    ws.set_hidden(store, workshop, pid, True)
    assert ws.proposal_rows(store, workshop)[0]["hidden"]


def test_concurrent_submissions_from_many_participants_all_land(store):
    workshop, _ = _create(store)
    for i in range(20):
        ws.join(store, workshop, f"s{i}", f"P{i}", None)
    errors = []

    def run(i):
        try:
            _submit(store, workshop, f"s{i}", float(i))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(r["minimum_pct"] for r in ws.proposal_rows(store, workshop)) == list(
        map(float, range(20))
    )


def test_deleting_a_workshop_deletes_its_participants_and_proposals(store):
    workshop, _ = _create(store)
    ws.join(store, workshop, "s", "Ana", None)
    _submit(store, workshop, "s")
    with store.write() as conn:
        conn.execute(schema.workshops.delete())
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM proposals")).scalar() == 0
        assert conn.execute(text("SELECT count(*) FROM participants")).scalar() == 0
