"""Incidents: linking event mentions, near-duplicate stories, incident summaries.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reports") as batch:
        batch.add_column(sa.Column("story_id", sa.String(64)))
        batch.add_column(sa.Column("minhash", sa.LargeBinary))
    op.create_index("ix_reports_story", "reports", ["story_id"])
    with op.batch_alter_table("events") as batch:
        batch.add_column(sa.Column("family", sa.String(24)))
        batch.add_column(sa.Column("incident_id", sa.String(48)))
        batch.add_column(sa.Column("component_id", sa.String(48)))
    op.create_index("ix_events_family_date", "events", ["family", "date"])
    op.create_index("ix_events_component", "events", ["component_id"])
    op.create_index("ix_events_incident", "events", ["incident_id"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(48), primary_key=True),
        sa.Column("agreement_id", sa.String(64)),
        sa.Column("family", sa.String(24), nullable=False),
        sa.Column("event_type", sa.String(16), nullable=False),
        sa.Column("first_date", sa.Date),
        sa.Column("last_date", sa.Date),
        sa.Column("place_name", sa.Text),
        sa.Column("lat", sa.Float),
        sa.Column("lon", sa.Float),
        sa.Column("country", sa.String(3)),
        sa.Column("grade", sa.String(24), nullable=False),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("summary", sa.JSON, nullable=False),
    )
    op.create_index("ix_incidents_agreement_date", "incidents", ["agreement_id", "first_date"])


def downgrade():
    op.drop_table("incidents")
    op.drop_index("ix_events_incident", "events")
    op.drop_index("ix_events_component", "events")
    op.drop_index("ix_events_family_date", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("incident_id")
        batch.drop_column("component_id")
        batch.drop_column("family")
    op.drop_index("ix_reports_story", "reports")
    with op.batch_alter_table("reports") as batch:
        batch.drop_column("minhash")
        batch.drop_column("story_id")
