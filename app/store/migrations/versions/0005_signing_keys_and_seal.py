"""reviewers' signing keys, signed reviews and approvals, the row seal

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-02

Operators with authority get an Ed25519 key pair (public key in the row, private key
wrapped under their passphrase); work-log reviews and schedule approvals carry a signature.
Rows written before this revision have none: the first writable open records them, and a
seal of every existing row, in one audit event (``app.store.seal.seal_baseline``), which
this migration asks for with a store setting. Columns are added in place (no batch copy),
so the append-only triggers on log_review stay as they are.
"""
import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

BASELINE_KEY = "seal_baseline_pending"
SEALED = ("operator", "incident", "retention_schedule", "item", "log_entry")


def upgrade() -> None:
    op.add_column('operator', sa.Column('public_key', sa.String(length=64), nullable=True))
    op.add_column('operator', sa.Column('signing_key', sa.String(length=200), nullable=True))
    op.add_column('log_review', sa.Column('signature', sa.String(length=100), nullable=True))
    op.add_column('retention_schedule',
                  sa.Column('approval_signature', sa.String(length=100), nullable=True))
    bind = op.get_bind()
    # A store with rows in it needs its existing rows sealed at the next open; a new one not.
    if any(bind.execute(sa.text(f"SELECT 1 FROM {t} LIMIT 1")).first() for t in SEALED):
        setting = sa.table('store_setting', sa.column('key', sa.String),
                           sa.column('value', sa.Text))
        op.bulk_insert(setting, [{"key": BASELINE_KEY, "value": "0005"}])


def downgrade() -> None:
    op.execute(f"DELETE FROM store_setting WHERE key = '{BASELINE_KEY}'")
    with op.batch_alter_table('retention_schedule') as batch_op:
        batch_op.drop_column('approval_signature')
    # In place (SQLite 3.35+): a batch copy would drop the table's append-only triggers.
    op.execute("ALTER TABLE log_review DROP COLUMN signature")
    with op.batch_alter_table('operator') as batch_op:
        batch_op.drop_column('signing_key')
        batch_op.drop_column('public_key')
