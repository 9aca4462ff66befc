"""Apply the shipped Alembic migrations when a store opens.

Before upgrading an existing store the database is copied to ``backups/`` with SQLite's
online backup; a store written by a newer FieldArchive is refused, untouched.
"""

from __future__ import annotations

import functools
import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.engine import quote_path, read_only
from app.store.errors import MigrationFailed, NotAStore, StoreTooNew

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    return _head_of(MIGRATIONS_DIR)


@functools.cache  # the scripts do not change while the program runs: read them once
def _head_of(scripts: Path) -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with read_only(engine).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def foreign_tables(engine: Engine) -> list[str]:
    """Tables in a database that has no schema revision: someone else's database."""
    with read_only(engine).connect() as conn:
        return [t for t in inspect(conn).get_table_names() if t != "alembic_version"]


def check_is_store(current: str | None, engine: Engine, store_path: Path) -> None:
    if current is None and foreign_tables(engine):
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} holds a database that is not a FieldArchive store; "
            "choose another folder."), path=store_path)


def known_revisions() -> frozenset[str]:
    return _revisions_of(MIGRATIONS_DIR)


@functools.cache
def _revisions_of(scripts: Path) -> frozenset[str]:
    script = ScriptDirectory.from_config(alembic_config())
    return frozenset(rev.revision for rev in script.walk_revisions())


def check_not_newer(current: str | None, store_path: Path) -> None:
    if current is not None and current not in known_revisions():
        raise StoreTooNew(QT_TRANSLATE_NOOP(
            "Errors", "The store at {path} was written by a newer version of FieldArchive "
            "(schema {schema}); install the newer version to open it."),
            path=store_path, schema=current)



def backup_database(db_path: Path, backups_dir: Path, revision: str | None) -> Path:
    backups_dir.mkdir(exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%dT%H%M%S")
    target = backups_dir / f"archive-{revision or 'empty'}-{stamp}.sqlite"
    src = sqlite3.connect(f"file:{quote_path(db_path)}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            # One self-contained file (the copy inherits WAL mode, which needs side files).
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    return target


def upgrade(engine: Engine, db_path: Path, backups_dir: Path) -> str | None:
    """Bring the store to head; returns the backup path's name if one was made."""
    current = current_revision(engine)
    check_not_newer(current, db_path.parent)
    check_is_store(current, engine, db_path.parent)
    head = head_revision()
    if current == head:
        return None
    backup = backup_database(db_path, backups_dir, current) if current is not None else None
    try:
        apply_migrations(engine)
    except Exception as err:
        if backup is None:
            raise  # a new, empty store: nothing to keep (the open removes it)
        reason = _reason(err)
        try:
            restore_database(engine, backup, db_path)
        except (sqlite3.Error, OSError) as again:
            raise MigrationFailed(QT_TRANSLATE_NOOP(
                "Errors", "The store at {path} could not be upgraded ({reason}), and putting "
                "back its copy failed too ({again}); copy {backup} over {database} by hand "
                "before using the store."), path=db_path.parent, reason=reason,
                again=_reason(again), backup=backup, database=db_path) from err
        raise MigrationFailed(QT_TRANSLATE_NOOP(
            "Errors", "The store at {path} could not be upgraded to this version "
            "({reason}); it was put back as it was from the copy {backup}. Nothing was "
            "changed; use the version that wrote it, or report the problem."),
            path=db_path.parent, reason=reason, backup=backup) from err
    return backup.name if backup else None


def _reason(err: BaseException) -> str:
    """The first line of what went wrong (SQLite's words without SQLAlchemy's extras)."""
    orig = getattr(err, "orig", None)
    text = str(orig if orig is not None else err).strip() or type(err).__name__
    return text.splitlines()[0]


def restore_database(engine: Engine, backup: Path, db_path: Path) -> None:
    """Put the copy made before the upgrade back, page by page, through SQLite.

    SQLite's backup API writes the copy into the live database in one transaction (so a
    crash half-way leaves the old or the restored content, never a mix), keeping its
    journal mode. A failed migration has usually been rolled back already; restoring makes
    "as it was" hold also for what a rollback cannot undo.
    """
    engine.dispose()  # no connection of ours may hold a transaction open during it
    src = sqlite3.connect(f"file:{quote_path(backup)}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(db_path)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def apply_migrations(engine: Engine) -> None:
    """Upgrade to head, no questions asked (callers check and back up first)."""
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), "head")
        conn.commit()
