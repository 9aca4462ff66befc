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


# Operators are a handful per store and never deleted: the search SQLite makes for their
# children when one is added costs one scan, once.
FEW_PARENTS = {"operator"}


def test_every_foreign_key_into_a_growing_table_is_indexed(store: Store) -> None:
    """SQLite searches a foreign key's child column on inserts into (and deletes from) the
    parent table. Unindexed, that is a scan of the child table per row: with 100,000 files,
    storing 500 photos spent 9 s scanning ``file.derived_from`` (migration 0009)."""
    conn = sqlite3.connect(store.db_path)
    try:
        tables = [r[0] for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE '%REFERENCES%'")]
        missing = []
        for table in tables:
            leading = {conn.execute(f"PRAGMA index_info('{index[1]}')").fetchone()[2]
                       for index in conn.execute(f"PRAGMA index_list('{table}')")}
            for fk in conn.execute(f"PRAGMA foreign_key_list('{table}')"):
                if fk[2] not in FEW_PARENTS and fk[3] not in leading:
                    missing.append(f"{table}.{fk[3]} -> {fk[2]}")
    finally:
        conn.close()
    assert missing == []


def test_every_guard_and_index_trigger_survives_the_later_migrations(store: Store) -> None:
    """A migration that rebuilds a table (batch mode's copy-and-move) drops its triggers
    without a word: the search index and the digest guard would silently stop working."""
    from app.store.search_index import TRIGGERS

    wanted = {name for name, _ in TRIGGERS} | {"file_digests_fixed"}
    conn = sqlite3.connect(store.db_path)
    try:
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    finally:
        conn.close()
    assert wanted <= have, f"lost: {sorted(wanted - have)}"


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
    # Reading commands read it read-only (its tables are still readable), changing nothing.
    result = run_cli("incident", "list", "--store", str(store_path))
    assert result.returncode == 0, result.stderr
    assert incident.name in result.stdout
    result = run_cli("incident", "create", "--store", str(store_path), "--name", "x",
                     "--kind", "natural", "--level", "IV", "--started",
                     "2025-07-01T08:00+08:00", "--fonds", "Z109")
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

