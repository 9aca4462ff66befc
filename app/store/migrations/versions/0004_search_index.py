"""search: an FTS5 index of items and work-log entries, kept in step by triggers

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02

Adds ``search_doc`` and ``search_pending`` (plain tables), the FTS5 table ``search_index``
and the triggers that queue changed rows (``app.store.search_index``), then indexes the
store's existing items and log entries here, in the migration's transaction, so a store made
before this revision is searchable as soon as it opens. Only adds: nothing existing changes.
"""
from alembic import op
import sqlalchemy as sa

from app.store import search_index


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'search_doc',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('ref_id', sa.String(length=36), nullable=False),
        sa.Column('incident_id', sa.String(length=36), nullable=False),
        sa.Column('phase', sa.String(length=16), nullable=True),
        sa.Column('subkind', sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_search_doc')),
        sa.UniqueConstraint('kind', 'ref_id', name=op.f('uq_search_doc_kind')),
    )
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_doc_incident_id'), ['incident_id'],
                              unique=False)
    op.create_table(
        'search_pending',
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('ref_id', sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'ref_id', name=op.f('pk_search_pending')),
    )
    op.execute(search_index.create_fts_sql())
    for name, body in search_index.TRIGGERS:
        op.execute(search_index.create_trigger_sql(name, body))
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    for name, _ in search_index.TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute(f"DROP TABLE IF EXISTS {search_index.FTS_TABLE}")
    with op.batch_alter_table('search_doc', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_doc_incident_id'))
    op.drop_table('search_pending')
    op.drop_table('search_doc')
