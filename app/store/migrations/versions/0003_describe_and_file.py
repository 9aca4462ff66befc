"""describing and filing: appraisal, caption elements, the 档号 group on the row, filing runs

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02

Only additions. An item gains its appraisal flag and reason (不归档), the photo's six
caption elements, the 全宗号 and 机构代码 its 档号 was formed with and the filing run that
gave it; a unique index makes a duplicate 件号 within one group impossible in the database
itself (unfiled items hold NULLs there, which SQLite never counts as equal).
"""
import sqlalchemy as sa
from alembic import op


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'filing_run',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('incident_id', sa.String(length=36), nullable=False),
        sa.Column('started_at', sa.String(length=32), nullable=False),
        sa.Column('agent', sa.String(length=200), nullable=False),
        sa.Column('operator_id', sa.String(length=36), nullable=True),
        sa.Column('item_count', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['incident_id'], ['incident.id'],
                                name=op.f('fk_filing_run_incident_id_incident')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_filing_run')),
    )
    op.create_index(op.f('ix_filing_run_incident_id'), 'filing_run', ['incident_id'])
    # Plain ADD COLUMNs (no table rebuild): SQLite allows them with constant defaults.
    op.add_column('item', sa.Column('fonds_code', sa.String(length=32), nullable=True))
    op.add_column('item', sa.Column('org_code', sa.String(length=32), nullable=True))
    op.add_column('item', sa.Column('filing_run_id', sa.String(length=36), nullable=True))
    op.add_column('item', sa.Column('caption', sa.Text(), nullable=False, server_default='{}'))
    op.add_column('item', sa.Column('excluded', sa.Boolean(), nullable=False,
                                    server_default='0'))
    op.add_column('item', sa.Column('exclusion_reason', sa.Text(), nullable=False,
                                    server_default=''))
    op.create_index(op.f('ix_item_filing_run_id'), 'item', ['filing_run_id'])
    op.create_index('uq_item_group_piece', 'item',
                    ['fonds_code', 'category', 'year', 'retention', 'org_code',
                     'piece_number'], unique=True)


def downgrade() -> None:
    op.drop_index('uq_item_group_piece', table_name='item')
    op.drop_index(op.f('ix_item_filing_run_id'), table_name='item')
    with op.batch_alter_table('item') as batch_op:
        for column in ('exclusion_reason', 'excluded', 'caption', 'filing_run_id',
                       'org_code', 'fonds_code'):
            batch_op.drop_column(column)
    op.drop_index(op.f('ix_filing_run_incident_id'), table_name='filing_run')
    op.drop_table('filing_run')
