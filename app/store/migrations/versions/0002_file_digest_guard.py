"""a stored file's digests are fixed; SM3 may be filled in once

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25

An import records SHA-256 while it copies and leaves SM3 ("" until then) to the digest
pass (``app.store.digests``), which fills it in with an UPDATE. From here the database
itself refuses any other change to a file's identity: its vault path, size and SHA-256
never change, and an SM3 once written never changes either.
"""
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TRIGGER = "file_digests_fixed"


def upgrade() -> None:
    op.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE UPDATE ON file "
        "WHEN NEW.id IS NOT OLD.id OR NEW.vault_path IS NOT OLD.vault_path "
        "OR NEW.size IS NOT OLD.size OR NEW.sha256 IS NOT OLD.sha256 "
        "OR (OLD.sm3 <> '' AND NEW.sm3 IS NOT OLD.sm3) OR NEW.sm3 IS NULL "
        "BEGIN SELECT RAISE(ABORT, 'a stored file''s digests never change'); END"
    )


def downgrade() -> None:
    op.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}")
