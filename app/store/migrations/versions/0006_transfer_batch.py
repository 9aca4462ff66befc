"""transfer batches (移交批次) and the batch an item went out in

Revision ID: 0006
Revises: 0005 (0002 on its own; chained after seal's 0005 here so the branch has one head)
Create Date: 2026-12-02

A transfer batch row is written before a package gets its final name (status 'writing',
with the paths it will have) and completed after the rename, together with the items'
state, in one transaction. A batch left 'writing' by a crash is reconciled at the next
export: its finished package found means its items are marked; none means it is abandoned.
"""
import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "transfer_batch",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("incident_id", sa.String(36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("paths", sa.Text(), nullable=False),
        sa.Column("item_ids", sa.Text(), nullable=False),
        sa.Column("item_count", sa.Integer(), nullable=False),
        sa.Column("byte_count", sa.Integer(), nullable=False),
        sa.Column("digests", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("reviewer", sa.String(200), nullable=False),
        sa.Column("carrier", sa.String(200), nullable=False),
        sa.Column("audit_head_count", sa.Integer(), nullable=False),
        sa.Column("audit_head_hash", sa.String(64), nullable=False),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("completed_at", sa.String(32), nullable=True),
        sa.ForeignKeyConstraint(["incident_id"], ["incident.id"],
                                name="fk_transfer_batch_incident_id_incident"),
        sa.PrimaryKeyConstraint("id", name="pk_transfer_batch"),
        sa.UniqueConstraint("incident_id", "number", name="uq_transfer_batch_incident_id"),
    )
    with op.batch_alter_table("item") as batch:
        batch.add_column(sa.Column("transfer_batch_id", sa.String(36), nullable=True))
        batch.create_index("ix_item_transfer_batch_id", ["transfer_batch_id"])


def downgrade() -> None:
    with op.batch_alter_table("item") as batch:
        batch.drop_index("ix_item_transfer_batch_id")
        batch.drop_column("transfer_batch_id")
    op.drop_table("transfer_batch")
