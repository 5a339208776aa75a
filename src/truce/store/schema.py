"""The database schema, in SQLAlchemy Core so SQLite and PostgreSQL share it.

Events keep their full codebook record as JSON (the contract) plus the scalar
columns that filters and analyses need, indexed. Changes go through Alembic
migrations in ``store/migrations``; never edit a released migration.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

reports = Table(
    "reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("doc", Text, nullable=False),
    Column("source", Text),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("author", Text),
    Column("published", Date),
    Column("language", String(16)),
    Column("agreement_id", String(64)),
    Column("text", Text, nullable=False),
    Column("event_count", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("story_id", String(64)),
    Column("minhash", LargeBinary),
    Index("ix_reports_story", "story_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("reports.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("event_type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("topic", String(32), nullable=False),
    Column("actor_id", String(96)),
    Column("actor_name", Text),
    Column("recipient_id", String(96)),
    Column("claimant_id", String(96)),
    Column("claimant_name", Text),
    Column("date", Date),
    Column("date_from_report", Boolean, nullable=False, default=False),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3)),
    Column("agreement_id", String(64)),
    Column("record", JSON, nullable=False),
    Column("family", String(24)),
    Column("incident_id", String(48)),
    Column("component_id", String(48)),
    Column("review", String(16), nullable=False, server_default="unreviewed"),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("shape", Text),  # migration 0005: what compliance reads (see shape_of)
    Column("shape_id", BigInteger),
    Index("ix_events_report", "report_id"),
    Index("ix_events_component", "component_id"),
    Index("ix_events_family_date", "family", "date"),
    Index("ix_events_incident", "incident_id"),
    Index("ix_events_type", "event_type"),
    Index("ix_events_date", "date"),
    Index("ix_events_claimant", "claimant_id"),
    Index("ix_events_actor_incident", "actor_id", "incident_id"),
    Index("ix_events_agreement_topic", "agreement_id", "topic"),
    Index("ix_events_review_date", "review", "date"),
    Index("ix_events_recipient_incident", "recipient_id", "incident_id"),
    Index("ix_events_claimant_incident", "claimant_id", "incident_id"),
    Index("ix_events_agreement_day_claimant", "agreement_id", "date", "claimant_id", "review"),
    Index("ix_events_compliance", "agreement_id", "shape_id", "date", "review", "incident_id"),
    Index("ix_events_agreement_claimant", "agreement_id", "claimant_id"),
)

event_provisions = Table(
    "event_provisions",
    metadata,
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("provision_id", String(96), primary_key=True),
    Column("relation", String(24), nullable=False),
    Index("ix_event_provisions_provision", "provision_id"),
)

incidents = Table(
    "incidents",
    metadata,
    Column("id", String(48), primary_key=True),
    Column("agreement_id", String(64)),
    Column("family", String(24), nullable=False),
    Column("event_type", String(16), nullable=False),
    Column("first_date", Date),
    Column("last_date", Date),
    Column("place_name", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(3)),
    Column("grade", String(24), nullable=False),
    Column("sources", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("summary", JSON, nullable=False),
    Index("ix_incidents_agreement_date", "agreement_id", "first_date"),
    Index("ix_incidents_grade_date", "grade", "first_date"),
    Index("ix_incidents_day", "first_date", "grade", "family", "agreement_id", "lat"),
    Index("ix_incidents_id_grade", "id", "grade"),  # an event's grade from the index alone
)

quantities = Table(
    "quantities",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(24), nullable=False),
    Column("value", Integer, nullable=False),
    Column("approx", Boolean, nullable=False, default=False),
    Column("text", Text),
    Index("ix_quantities_event", "event_id"),
)


# ----- review workflow and accounts (migration 0004) ----------------------------------------

event_versions = Table(
    "event_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("review", String(16), nullable=False),
    Column("record", JSON, nullable=False),
    Column("author", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("note", Text),
    UniqueConstraint("event_id", "version", name="uq_event_versions_event_version"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("username", String(64), nullable=False),
    Column("action", String(24), nullable=False),
    Column("target_kind", String(16), nullable=False),
    Column("target_id", String(64), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("note", Text),
    Index("ix_audit_log_target", "target_kind", "target_id"),
    Index("ix_audit_log_at", "at"),
)

link_decisions = Table(
    "link_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),
    Column("event_a", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("event_b", Integer, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("active", Boolean, nullable=False),
    Column("author", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_link_decisions_a", "event_a"),
    Index("ix_link_decisions_b", "event_b"),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("username", String(64), nullable=False, unique=True),
    Column("password_hash", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

sessions = Table(
    "sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf_token", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)


# ----- live sources (``truce watch``) and archive backfill (``truce backfill``) -------------

source_state = Table(
    "source_state",
    metadata,
    Column("name", String(128), primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("location", Text, nullable=False),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_checked_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("items_seen", Integer, nullable=False, default=0),
    Column("reports_stored", Integer, nullable=False, default=0),
    Column("consecutive_failures", Integer, nullable=False, default=0),
    Column("next_due_at", DateTime(timezone=True)),
)

source_files = Table(
    "source_files",
    metadata,
    Column("source", String(128), primary_key=True),
    Column("path", Text, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
)

backfill_inputs = Table(
    "backfill_inputs",
    metadata,
    Column("input", Text, primary_key=True),
    Column("size", BigInteger, nullable=False),
    Column("mtime_ns", BigInteger, nullable=False),
    Column("byte_offset", BigInteger, nullable=False, default=0),
    Column("line", Integer, nullable=False, default=0),
    Column("done", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
