"""covering indexes for the dashboard's counts

Revision ID: 0008d
Revises: 0007c
Create Date: 2026-12-02

The dashboard counts every item and work-log entry of an incident each time it opens, and
the incident list (read before the dashboard) counts every entry and correction. These two
indexes hold every column those counts read, so SQLite answers them from the indexes alone
instead of reading each item's and entry's full row (descriptions, log text). Only ADD.
"""
from alembic import op

revision = '0008d'
down_revision = '0007c'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_item_dashboard", "item",
                    ["incident_id", "kind", "source_channel", "retention_category_key",
                     "phase", "state", "archival_code", "transferred_at"])
    op.create_index("ix_log_entry_incident_id", "log_entry",
                    ["incident_id", "id", "corrects_id"])


def downgrade() -> None:
    op.drop_index("ix_log_entry_incident_id", table_name="log_entry")
    op.drop_index("ix_item_dashboard", table_name="item")
