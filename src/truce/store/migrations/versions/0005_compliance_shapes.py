"""Compliance shapes and the indexes pages read instead of rows.

Each event gets the fields compliance reads as canonical JSON (``shape``) and a 64-bit
hash of it (``shape_id``), indexed with the agreement, day, review state and incident, so
that compliance is counted from the index without reading the records. Also indexed:
claimants per agreement (the filter bar), actors' and recipients' incidents (the party
filter; these replace the indexes of actors and recipients alone), incidents by day,
grade and family (the map, the timeline, the alerts) and incidents' grades by id.
Existing events are backfilled from their records and their reports' outlets.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

from truce.store.database import shape_of

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

BATCH = 5000

events = sa.table("events", sa.column("id", sa.Integer), sa.column("report_id", sa.Integer),
                  sa.column("record", sa.JSON), sa.column("shape", sa.Text),
                  sa.column("shape_id", sa.BigInteger))
reports = sa.table("reports", sa.column("id", sa.Integer), sa.column("outlet", sa.Text))


def upgrade():
    op.add_column("events", sa.Column("shape", sa.Text))
    op.add_column("events", sa.Column("shape_id", sa.BigInteger))
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(events.c.id, events.c.record, reports.c.outlet)
            .select_from(events.join(reports, reports.c.id == events.c.report_id))
            .where(events.c.id > last).order_by(events.c.id).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1].id
        shapes = [(row.id, *shape_of(row.record, row.outlet)) for row in rows]
        values = [{"key": key, "shape": shape, "shape_id": shape_id}
                  for key, shape, shape_id in shapes if shape is not None]
        if values:
            connection.execute(
                events.update().where(events.c.id == sa.bindparam("key"))
                .values(shape=sa.bindparam("shape"), shape_id=sa.bindparam("shape_id")),
                values)
    op.create_index("ix_events_compliance", "events",
                    ["agreement_id", "shape_id", "date", "review", "incident_id"])
    op.create_index("ix_events_agreement_claimant", "events", ["agreement_id", "claimant_id"])
    op.create_index("ix_incidents_day", "incidents",
                    ["first_date", "grade", "family", "agreement_id", "lat"])
    op.create_index("ix_incidents_id_grade", "incidents", ["id", "grade"])
    for role in ("actor", "recipient"):  # a party's incidents from the index alone
        op.create_index(f"ix_events_{role}_incident", "events", [f"{role}_id", "incident_id"])
        op.drop_index(f"ix_events_{role}", "events")
    op.execute("ANALYZE events")  # the planner's statistics, new indexes included
    op.execute("ANALYZE incidents")


def downgrade():
    for role in ("actor", "recipient"):
        op.create_index(f"ix_events_{role}", "events", [f"{role}_id"])
        op.drop_index(f"ix_events_{role}_incident", "events")
    op.drop_index("ix_incidents_id_grade", "incidents")
    op.drop_index("ix_incidents_day", "incidents")
    op.drop_index("ix_events_agreement_claimant", "events")
    op.drop_index("ix_events_compliance", "events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("shape_id")
        batch.drop_column("shape")
