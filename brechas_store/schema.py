"""The tables, as they are at the latest migration (``brechas_store.migrations``).

Times are naive UTC ``DateTime`` (``timestamp without time zone`` on PostgreSQL), written by
:func:`now` only, so comparisons mean the same on both databases.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "metadata",
    "migrations_table",
    "now",
    "participants",
    "proposals",
    "rate_events",
    "short_links",
    "workshops",
]

metadata = MetaData()


def now() -> datetime:
    """The current time, naive UTC (what every ``DateTime`` column holds)."""
    return datetime.now(UTC).replace(tzinfo=None)


migrations_table = Table(
    "schema_migrations",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(120), nullable=False),
    Column("applied_at", DateTime, nullable=False),
)

workshops = Table(
    "workshops",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("code", String(12), nullable=False, unique=True),
    # sha256 of the facilitator's token; the token itself is never stored.
    Column("token_hash", String(64), nullable=False),
    Column("title", String(120), nullable=False),
    Column("question", String(300), nullable=False),
    Column("territory", String(12), nullable=False),
    Column("year", String(12), nullable=False),
    # The scenario every participant starts from, as the link's query parameters (JSON).
    Column("base_query", Text, nullable=False),
    # Controls participants may move, comma-separated names (see brechas_core.workshop).
    Column("controls", String(300), nullable=False),
    Column("is_open", Boolean, nullable=False, default=True),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("closed_at", DateTime, nullable=True),
)

participants = Table(
    "participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    # sha256 of the participant's browser-session key: one proposal per session.
    Column("session_hash", String(64), nullable=False),
    Column("name", String(60), nullable=False),
    Column("district", String(60), nullable=True),
    Column("joined_at", DateTime, nullable=False),
    UniqueConstraint("workshop_id", "session_hash", name="uq_participant_session"),
)

proposals = Table(
    "proposals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("workshop_id", Integer, ForeignKey("workshops.id", ondelete="CASCADE"), nullable=False),
    Column(
        "participant_id",
        Integer,
        ForeignKey("participants.id", ondelete="CASCADE"),
        nullable=False,
        unique=True,
    ),
    # The proposed scenario as query parameters (JSON), and the Simulador's results for it,
    # computed by brechas_core.simulation when it was submitted.
    Column("scenario_query", Text, nullable=False),
    Column("minimum_pct", Float, nullable=False),
    Column("reparto", String(12), nullable=False),
    Column("target_after_pct", Float, nullable=False),
    Column("top_up_soles", Float, nullable=False),
    Column("years_water", Float, nullable=True),
    Column("hidden", Boolean, nullable=False, default=False),
    Column("revisions", Integer, nullable=False, default=1),
    Column("submitted_at", DateTime, nullable=False),
    Column("updated_at", DateTime, nullable=False),
)
Index("ix_proposals_workshop", proposals.c.workshop_id)

# Rate limits shared by every app process: one row per limited action.
rate_events = Table(
    "rate_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("action", String(20), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("at", DateTime, nullable=False),
)
Index("ix_rate_events_lookup", rate_events.c.action, rate_events.c.subject, rate_events.c.at)

# Short links (brechas_store.short_links): a code for a page's full query, one per query.
short_links = Table(
    "short_links",
    metadata,
    Column("code", String(12), primary_key=True),
    Column("digest", String(64), nullable=False, unique=True),
    Column("path", String(40), nullable=False),
    Column("query", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("uses", Integer, nullable=False, default=0),
)
