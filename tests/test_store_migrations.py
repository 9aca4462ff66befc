"""Alembic at start-up: upgrade to head, models and migrations in step, newer stores refused."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from app.store import migrate
from app.store.engine import make_engine
from app.store.errors import StoreTooNew
from app.store.models import Base
from app.store.repositories import Repositories
from app.store.search_index import include_name
from app.store.store import BACKUPS_DIR, DB_NAME, Store
from tests.test_store_support import audit_count, run_cli, sql, tree_digest


def revision_of(db: Path) -> str | None:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    finally:
        conn.close()
    return rows[0][0] if rows else None


def test_an_empty_store_is_created_at_head(store: Store) -> None:
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    tables = set(inspect(store.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    assert store.backup_made is None  # nothing to back up in a new store
    assert not (store.root / BACKUPS_DIR).exists()


def test_migrations_match_the_models(store: Store) -> None:
    """`alembic check`: autogenerate finds nothing between the migrated store and the models."""
    with store.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_name": include_name})
        diffs = compare_metadata(context, Base.metadata)
    assert diffs == []


def test_downgrade_to_base_and_upgrade_again(store_path: Path) -> None:
    Store.open(store_path, create=True).close()
    engine = make_engine(store_path / DB_NAME)
    try:
        with engine.connect() as conn:
            command.downgrade(migrate.alembic_config(conn), "base")
            conn.commit()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
        assert migrate.current_revision(engine) is None
        triggers = sql(store_path, "SELECT name FROM sqlite_master WHERE type='trigger'")
        assert triggers == []
    finally:
        engine.dispose()
    # The next open brings it back to head, with the append-only guards.
    with Store.open(store_path) as store:
        assert migrate.current_revision(store.engine) == migrate.head_revision()
        repos = Repositories(store)
        repos.operators.add("张三", "档案馆", "archivist")
    rows = sql(store_path, "SELECT name FROM sqlite_master WHERE type='trigger'")
    triggers = {r[0] for r in rows}
    assert "audit_event_no_update" in triggers and "log_entry_no_delete" in triggers


def test_a_store_from_a_newer_version_is_refused_and_left_untouched(
    store_path: Path, repos: Repositories, incident
) -> None:
    repos.store.close()
    sql(store_path, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = tree_digest(store_path)
    with pytest.raises(StoreTooNew, match="newer version of FieldArchive"):
        Store.open(store_path)
    with pytest.raises(StoreTooNew, match="newer version of FieldArchive"):
        Store.open(store_path, readonly=True)
    result = run_cli("incident", "list", "--store", str(store_path))
    assert result.returncode == 1
    assert "newer version of FieldArchive" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(store_path) == before
    assert revision_of(store_path / DB_NAME) == "9999_from_the_future"


def test_backup_is_a_complete_copy(store_path: Path, repos: Repositories, incident) -> None:
    repos.store.close()
    backup = migrate.backup_database(store_path / DB_NAME, store_path / BACKUPS_DIR, "0001")
    assert backup.parent == store_path / BACKUPS_DIR
    assert backup.name.startswith("archive-0001-")
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in conn.execute("SELECT name FROM incident")]
        n_events = conn.execute("SELECT count(*) FROM audit_event").fetchone()[0]
    finally:
        conn.close()
    assert names == [incident.name]
    assert n_events == audit_count(store_path)


def test_no_backup_for_a_store_already_at_head(store_path: Path) -> None:
    Store.open(store_path, create=True).close()
    with Store.open(store_path) as store:
        assert store.backup_made is None
    assert not (store_path / BACKUPS_DIR).exists()


NEXT_REVISION = '''"""a later schema (test only)"""
from alembic import op
import sqlalchemy as sa

revision = "next"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("later_table", sa.Column("id", sa.Integer(), primary_key=True))


def downgrade() -> None:
    op.drop_table("later_table")
'''


def install_next_release(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy of the shipped migrations plus one more revision: the next release's scripts."""
    scripts = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS_DIR, scripts,
                    ignore=shutil.ignore_patterns("__pycache__"))
    (scripts / "versions" / "next_later.py").write_text(
        NEXT_REVISION.replace("{head}", migrate.head_revision()), "utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", scripts)


def test_upgrading_an_older_store_backs_it_up_first(store_path: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    with Store.open(store_path, create=True) as store:
        Repositories(store).incidents.create("旧版本的事件", "natural", "I",
                                              datetime(2025, 1, 1, tzinfo=UTC), "Z109")
    events = audit_count(store_path)
    shipped = migrate.head_revision()
    install_next_release(tmp_path, monkeypatch)  # the program is updated
    with Store.open(store_path) as store:
        assert store.backup_made is not None
        assert migrate.current_revision(store.engine) == "next"
        assert [i.name for i in Repositories(store).incidents.list()] == ["旧版本的事件"]
    backups = list((store_path / BACKUPS_DIR).iterdir())
    assert [b.name for b in backups] == [store.backup_made]
    assert backups[0].name.startswith(f"archive-{shipped}-")
    assert revision_of(backups[0]) == shipped
    conn = sqlite3.connect(backups[0])
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
        assert conn.execute("SELECT count(*) FROM audit_event").fetchone()[0] == events
    finally:
        conn.close()
    # Opening it again: already at head, no second backup.
    with Store.open(store_path) as store:
        assert store.backup_made is None
    assert len(list((store_path / BACKUPS_DIR).iterdir())) == 1

