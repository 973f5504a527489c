"""Workshops: create, join, submit, close, hide, read the board. All limits are enforced here.

Every function takes a :class:`~brechas_store.db.Store` and raises :class:`WorkshopError`
(with a Spanish message for the user) when a request cannot be served: unknown or expired
code, wrong facilitator token, closed submissions, a full room, too many requests.

Secrets: the short code and the facilitator token come from :mod:`secrets`; only the sha256
of the token (and of each participant's session key) is stored.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from brechas_core.i18n import _
from sqlalchemy import Connection, and_, delete, func, insert, select, update

from brechas_store.db import Store
from brechas_store.schema import now, participants, proposals, rate_events, workshops

__all__ = [
    "CODE_ALPHABET",
    "Limits",
    "Workshop",
    "WorkshopError",
    "authorize",
    "clean_text",
    "create",
    "find",
    "is_open",
    "join",
    "limits",
    "normalize_code",
    "participant_count",
    "proposal_rows",
    "set_hidden",
    "set_open",
    "submit",
]

#: Short codes avoid look-alike characters (0/O, 1/I/L) so they can be read off a projector.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
NAME_MAX = 60
TITLE_MAX = 120
QUESTION_MAX = 300


@dataclass(frozen=True)
class Limits:
    """Abuse limits; each can be set by an environment variable (in brackets)."""

    expiry_days: float = 7.0  # [BRECHAS_TALLER_DIAS] a workshop answers this long after creation
    max_participants: int = 500  # [BRECHAS_TALLER_MAX_PARTICIPANTES]
    creates_per_hour: int = 5  # [BRECHAS_TALLER_CREAR_POR_HORA] per browser session / address
    submits_per_minute: int = 12  # [BRECHAS_TALLER_ENVIOS_POR_MINUTO] per participant


def limits() -> Limits:
    """The limits in force: defaults, overridden by environment variables when valid."""
    d = Limits()

    def env(name, default, cast):
        try:
            value = cast(os.environ[name])
        except (KeyError, ValueError):
            return default
        return value if value > 0 else default

    return Limits(
        expiry_days=env("BRECHAS_TALLER_DIAS", d.expiry_days, float),
        max_participants=env("BRECHAS_TALLER_MAX_PARTICIPANTES", d.max_participants, int),
        creates_per_hour=env("BRECHAS_TALLER_CREAR_POR_HORA", d.creates_per_hour, int),
        submits_per_minute=env("BRECHAS_TALLER_ENVIOS_POR_MINUTO", d.submits_per_minute, int),
    )


class WorkshopError(Exception):
    """A request that cannot be served; ``str(error)`` is a message for the user in the run's
    language (Spanish by default; brechas_core.i18n)."""


@dataclass(frozen=True)
class Workshop:
    id: int
    code: str
    title: str
    question: str
    territory: str
    year: str
    base_query: dict
    controls: tuple[str, ...]
    is_open: bool
    created_at: datetime
    expires_at: datetime
    closed_at: datetime | None


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def normalize_code(text: str) -> str | None:
    """A typed code, upper-cased and without spaces or dashes; None if it cannot be one.

    >>> normalize_code(" abc-23x "), normalize_code("ABC"), normalize_code("<script>")
    ('ABC23X', None, None)
    """
    code = re.sub(r"[\s\-]", "", str(text or "")).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        return None
    return code


def clean_text(text: str | None, max_len: int, *, multiline: bool = False) -> str:
    """User text made safe to store: control and format characters removed, spaces
    collapsed (line breaks kept when ``multiline``), stripped, cut to ``max_len``.

    It is still shown as plain text (never Markdown or HTML) by the UI.

    >>> clean_text("  Ana\\u200b  María\\n\\x00 ", 60)
    'Ana María'
    >>> clean_text("a\\n\\n b", 60, multiline=True)
    'a\\n\\nb'
    """
    out = []
    for ch in str(text or ""):
        if ch == "\n" and multiline:
            out.append(ch)
        elif unicodedata.category(ch)[0] == "C":
            out.append(" " if ch in "\t\n\r" else "")
        else:
            out.append(ch)
    value = "".join(out)
    lines = [" ".join(line.split()) for line in value.split("\n")]
    value = "\n".join(lines).strip()
    return value[:max_len].strip()


def _row_to_workshop(row) -> Workshop:
    return Workshop(
        id=row.id,
        code=row.code,
        title=row.title,
        question=row.question,
        territory=row.territory,
        year=row.year,
        base_query=json.loads(row.base_query),
        controls=tuple(c for c in row.controls.split(",") if c),
        is_open=bool(row.is_open),
        created_at=row.created_at,
        expires_at=row.expires_at,
        closed_at=row.closed_at,
    )


def _rate_limit(conn: Connection, action: str, subject: str, limit: int, window: timedelta):
    t = now()
    key = _hash(subject)
    recent = conn.execute(
        select(func.count())
        .select_from(rate_events)
        .where(
            and_(
                rate_events.c.action == action,
                rate_events.c.subject == key,
                rate_events.c.at >= t - window,
            )
        )
    ).scalar_one()
    if recent >= limit:
        return False
    conn.execute(insert(rate_events).values(action=action, subject=key, at=t))
    return True


def create(
    store: Store,
    *,
    title: str,
    question: str,
    territory: str,
    year: str,
    base_query: Mapping[str, str],
    controls: Iterable[str],
    creator: str,
) -> tuple[Workshop, str]:
    """Create a workshop; returns it and the facilitator's token (shown once, never stored).

    ``creator`` identifies who asks (browser session, address) for the rate limit.
    """
    lim = limits()
    title = clean_text(title, TITLE_MAX)
    question = clean_text(question, QUESTION_MAX, multiline=True)
    controls = tuple(dict.fromkeys(c for c in controls if re.fullmatch(r"[a-z_]{1,30}", c)))
    if not title:
        raise WorkshopError(_("Escriba un título para el taller."))
    if not controls:
        raise WorkshopError(_("Elija al menos un control que los participantes puedan mover."))
    token = secrets.token_urlsafe(24)
    t = now()
    with store.write() as conn:
        if not _rate_limit(conn, "crear", creator, lim.creates_per_hour, timedelta(hours=1)):
            raise WorkshopError(
                _(
                    "Se crearon demasiados talleres desde este navegador (máximo {n} por "
                    "hora). Espere un momento y vuelva a intentarlo."
                ).format(n=lim.creates_per_hour)
            )
        # Old workshops go away with their participants and proposals; old rate events too.
        conn.execute(delete(workshops).where(workshops.c.expires_at < t))
        conn.execute(delete(rate_events).where(rate_events.c.at < t - timedelta(days=1)))
        for _attempt in range(20):
            code = new_code()
            taken = conn.execute(select(workshops.c.id).where(workshops.c.code == code)).first()
            if not taken:
                break
        else:  # pragma: no cover - 887 million codes
            raise WorkshopError(_("No se pudo generar un código libre; intente de nuevo."))
        new_id = conn.execute(
            insert(workshops)
            .values(
                code=code,
                token_hash=_hash(token),
                title=title,
                question=question,
                territory=territory,
                year=year,
                base_query=json.dumps(dict(base_query), sort_keys=True),
                controls=",".join(controls),
                is_open=True,
                created_at=t,
                expires_at=t + timedelta(days=lim.expiry_days),
                closed_at=None,
            )
            .returning(workshops.c.id)
        ).scalar_one()
        row = conn.execute(select(workshops).where(workshops.c.id == new_id)).one()
    return _row_to_workshop(row), token


def find(store: Store, code: str) -> Workshop:
    """The workshop with this code, or a WorkshopError saying the code is wrong or expired."""
    normal = normalize_code(code)
    if normal is None:
        raise WorkshopError(
            _(
                "«{code}» no es un código de taller: son {length} letras y números, como "
                "aparecen en la pantalla del facilitador."
            ).format(code=clean_text(code, 20), length=CODE_LENGTH)
        )
    with store.read() as conn:
        row = conn.execute(select(workshops).where(workshops.c.code == normal)).first()
    if row is None:
        raise WorkshopError(
            _(
                "No hay ningún taller con el código {code}. Revise el código en la pantalla "
                "del facilitador."
            ).format(code=normal)
        )
    workshop = _row_to_workshop(row)
    if workshop.expires_at < now():
        raise WorkshopError(
            _("El taller {code} ya venció; pida al facilitador un código nuevo.").format(
                code=normal
            )
        )
    return workshop


def authorize(store: Store, code: str, token: str) -> Workshop:
    """The workshop, if ``token`` is its facilitator token; otherwise a WorkshopError."""
    workshop = find(store, code)
    with store.read() as conn:
        stored = conn.execute(
            select(workshops.c.token_hash).where(workshops.c.id == workshop.id)
        ).scalar_one()
    if not hmac.compare_digest(stored, _hash(str(token or ""))):
        raise WorkshopError(
            _(
                "Este enlace de facilitador no es válido para el taller. Use el enlace privado "
                "que recibió al crearlo."
            )
        )
    return workshop


def _participant_id(conn: Connection, workshop_id: int, session_hash: str) -> int | None:
    """The id of the participant a browser session registered in a workshop, or None."""
    return conn.execute(
        select(participants.c.id).where(
            and_(
                participants.c.workshop_id == workshop_id,
                participants.c.session_hash == session_hash,
            )
        )
    ).scalar()


def _lock_workshop(conn: Connection, workshop_id: int, *, shared: bool = False):
    """The workshop's row, locked until the transaction ends (PostgreSQL; SQLite holds the
    database write lock already). ``shared`` (FOR SHARE): submissions run side by side, and
    closing the workshop (an UPDATE of the row) waits for those in flight, so none lands
    after the close."""
    row = conn.execute(
        select(workshops).where(workshops.c.id == workshop_id).with_for_update(read=shared)
    ).first()
    if row is None:
        raise WorkshopError(_("Este taller ya no existe."))
    if row.expires_at < now():
        raise WorkshopError(
            _("El taller {code} ya venció; pida al facilitador uno nuevo.").format(code=row.code)
        )
    return row


def join(
    store: Store, workshop: Workshop, session_key: str, name: str, district: str | None
) -> int:
    """Register (or rename) the participant of one browser session; returns their id."""
    name = clean_text(name, NAME_MAX)
    district = clean_text(district, NAME_MAX) or None
    if not name:
        raise WorkshopError(_("Escriba su nombre (o cómo quiere aparecer en la pantalla)."))
    session_hash = _hash(session_key)
    lim = limits()
    with store.write() as conn:
        _lock_workshop(conn, workshop.id)
        existing = _participant_id(conn, workshop.id, session_hash)
        if existing is not None:
            conn.execute(
                update(participants)
                .where(participants.c.id == existing)
                .values(name=name, district=district)
            )
            return existing
        count = conn.execute(
            select(func.count())
            .select_from(participants)
            .where(participants.c.workshop_id == workshop.id)
        ).scalar_one()
        if count >= lim.max_participants:
            raise WorkshopError(
                _(
                    "El taller ya tiene {n} participantes, el máximo. Siga la discusión en la "
                    "pantalla del facilitador."
                ).format(n=lim.max_participants)
            )
        return conn.execute(
            insert(participants)
            .values(
                workshop_id=workshop.id,
                session_hash=session_hash,
                name=name,
                district=district,
                joined_at=now(),
            )
            .returning(participants.c.id)
        ).scalar_one()


def submit(
    store: Store,
    workshop: Workshop,
    session_key: str,
    *,
    scenario_query: Mapping[str, str],
    minimum_pct: float,
    reparto: str,
    target_after_pct: float,
    top_up_soles: float,
    years_water: float | None,
) -> int:
    """Save the session's proposal (a revision replaces it); returns the revision number."""
    lim = limits()
    session_hash = _hash(session_key)
    t = now()
    with store.write() as conn:
        row = _lock_workshop(conn, workshop.id, shared=True)
        if not row.is_open:
            raise WorkshopError(
                _(
                    "El facilitador cerró la recepción de propuestas: su propuesta no se envió. "
                    "Puede seguir mirando los resultados."
                )
            )
        participant = _participant_id(conn, workshop.id, session_hash)
        if participant is None:
            raise WorkshopError(_("Primero escriba su nombre y entre al taller."))
        if not _rate_limit(
            conn, "enviar", session_hash, lim.submits_per_minute, timedelta(minutes=1)
        ):
            raise WorkshopError(
                _("Envió muchas veces en un minuto. Espere unos segundos y vuelva a enviar.")
            )
        values = {
            "scenario_query": json.dumps(dict(scenario_query), sort_keys=True),
            "minimum_pct": float(minimum_pct),
            "reparto": reparto,
            "target_after_pct": float(target_after_pct),
            "top_up_soles": float(top_up_soles),
            "years_water": None if years_water is None else float(years_water),
            "updated_at": t,
        }
        current = conn.execute(
            select(proposals.c.id, proposals.c.revisions).where(
                proposals.c.participant_id == participant
            )
        ).first()
        if current is None:
            conn.execute(
                insert(proposals).values(
                    workshop_id=workshop.id,
                    participant_id=participant,
                    hidden=False,
                    revisions=1,
                    submitted_at=t,
                    **values,
                )
            )
            return 1
        conn.execute(
            update(proposals)
            .where(proposals.c.id == current.id)
            .values(revisions=current.revisions + 1, **values)
        )
        return current.revisions + 1


def set_open(store: Store, workshop: Workshop, is_open: bool) -> None:
    """Open or close submissions."""
    with store.write() as conn:
        conn.execute(
            update(workshops)
            .where(workshops.c.id == workshop.id)
            .values(is_open=is_open, closed_at=None if is_open else now())
        )


def is_open(store: Store, workshop: Workshop) -> bool:
    with store.read() as conn:
        return bool(
            conn.execute(select(workshops.c.is_open).where(workshops.c.id == workshop.id)).scalar()
        )


def set_hidden(store: Store, workshop: Workshop, proposal_id: int, hidden: bool) -> None:
    """Hide (or show again) one proposal of this workshop: spam, a joke name."""
    with store.write() as conn:
        conn.execute(
            update(proposals)
            .where(and_(proposals.c.id == proposal_id, proposals.c.workshop_id == workshop.id))
            .values(hidden=hidden)
        )


def participant_count(store: Store, workshop: Workshop) -> int:
    with store.read() as conn:
        return conn.execute(
            select(func.count())
            .select_from(participants)
            .where(participants.c.workshop_id == workshop.id)
        ).scalar_one()


def proposal_rows(store: Store, workshop: Workshop) -> list[dict]:
    """Every proposal of the workshop (hidden ones too, flagged), oldest first."""
    query = (
        select(
            proposals.c.id,
            participants.c.name,
            participants.c.district,
            proposals.c.minimum_pct,
            proposals.c.reparto,
            proposals.c.target_after_pct,
            proposals.c.top_up_soles,
            proposals.c.years_water,
            proposals.c.hidden,
            proposals.c.revisions,
            proposals.c.submitted_at,
            proposals.c.updated_at,
            proposals.c.scenario_query,
        )
        .join(participants, participants.c.id == proposals.c.participant_id)
        .where(proposals.c.workshop_id == workshop.id)
        .order_by(proposals.c.submitted_at, proposals.c.id)
    )
    with store.read() as conn:
        rows = conn.execute(query).mappings().all()
    out = []
    for r in rows:
        d = dict(r)
        d["hidden"] = bool(d["hidden"])
        d["scenario_query"] = json.loads(d["scenario_query"])
        out.append(d)
    return out
