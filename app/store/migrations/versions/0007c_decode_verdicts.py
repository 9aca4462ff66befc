"""decode verdicts per SHA-256, and the audit events' hash form

Revision ID: 0007c
Revises: 0006
Create Date: 2026-12-02

``decode_verdict``: the decode pass's verdict on a file's bytes (ok / damaged / not
decodable here / too large), kept per SHA-256 so pre-flight reads it instead of decoding.
``audit_event.hash_form``: 1 for the events recorded so far (the hash covers the detail's
values), 2 for those recorded from now on (it covers their digests: an export may replace
an old value by its digest and the event still checks). Both only ADD.
"""
import sqlalchemy as sa
from alembic import op

revision = '0007c'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "decode_verdict",
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("verdict", sa.String(16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decoder", sa.String(64), nullable=False),
        sa.Column("decoder_version", sa.String(64), nullable=False),
        sa.Column("checked_at", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("sha256", name="pk_decode_verdict"),
    )
    # In place (ALTER TABLE ADD COLUMN): a batch copy would drop the append-only triggers.
    op.add_column("audit_event", sa.Column("hash_form", sa.Integer(), nullable=False,
                                           server_default="1"))


def downgrade() -> None:
    op.execute("ALTER TABLE audit_event DROP COLUMN hash_form")
    op.drop_table("decode_verdict")
