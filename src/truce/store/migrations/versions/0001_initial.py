"""Initial schema: reports, events, provision links, quantities.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "reports",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("doc", sa.Text, nullable=False),
        sa.Column("source", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("published", sa.Date),
        sa.Column("language", sa.String(16)),
        sa.Column("agreement_id", sa.String(64)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("event_count", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("topic", sa.String(32), nullable=False),
        sa.Column("actor_id", sa.String(96)),
        sa.Column("actor_name", sa.Text),
        sa.Column("recipient_id", sa.String(96)),
        sa.Column("claimant_id", sa.String(96)),
        sa.Column("claimant_name", sa.Text),
        sa.Column("date", sa.Date),
        sa.Column("date_from_report", sa.Boolean, nullable=False),
        sa.Column("place_name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(3)),
        sa.Column("agreement_id", sa.String(64)),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_index("ix_events_report", "events", ["report_id"])
    op.create_index("ix_events_type", "events", ["event_type"])
    op.create_index("ix_events_date", "events", ["date"])
    op.create_index("ix_events_claimant", "events", ["claimant_id"])
    op.create_index("ix_events_actor", "events", ["actor_id"])
    op.create_index("ix_events_agreement_topic", "events", ["agreement_id", "topic"])
    op.create_table(
        "event_provisions",
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("provision_id", sa.String(96), primary_key=True),
        sa.Column("relation", sa.String(24), nullable=False),
    )
    op.create_index("ix_event_provisions_provision", "event_provisions", ["provision_id"])
    op.create_table(
        "quantities",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.Integer, sa.ForeignKey("events.id", ondelete="CASCADE"),
                  nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.Column("approx", sa.Boolean, nullable=False),
        sa.Column("text", sa.Text),
    )
    op.create_index("ix_quantities_event", "quantities", ["event_id"])


def downgrade():
    op.drop_table("quantities")
    op.drop_table("event_provisions")
    op.drop_table("events")
    op.drop_table("reports")
