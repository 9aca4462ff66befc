"""Opening a store: a folder with ``archive.sqlite``, the media vault and the audit head.

``Store.open`` validates the folder, applies migrations (after a backup), recovers what a
crash left behind and hands out short sessions to the repositories. Nothing outside
``app/store`` calls ``reader()`` or ``writer()``.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Engine, exc, select
from sqlalchemy.orm import Session, sessionmaker

from app.store import migrate
from app.store.audit import SESSION_HEAD_KEY, ChainHead, read_head, write_head
from app.store.engine import make_engine
from app.store.errors import (
    CorruptStore,
    NotAStore,
    ReadOnlyLocation,
    StoreError,
    StoreLocked,
)
from app.store.models import AuditEvent, File
from app.store.vault import Vault

DB_NAME = "archive.sqlite"
VAULT_DIR = "vault"
BACKUPS_DIR = "backups"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Files a new store may already share its folder with (OS litter).
IGNORABLE = {".DS_Store", "Thumbs.db", "desktop.ini"}


def default_store_path() -> Path:
    """The user's data folder, per platform (e.g. ~/.local/share/FieldArchive/store)."""
    return user_data_path("FieldArchive", appauthor=False) / "store"


def _explain_sqlite_error(err: Exception, path: Path) -> StoreError:
    text = str(err).lower()
    if "locked" in text or "busy" in text:
        return StoreLocked(
            f"The store at {path} is in use by another program; close it and try again."
        )
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return ReadOnlyLocation(
            f"The store at {path} cannot be written; open it in review mode or copy it "
            f"to a writable disk."
        )
    return CorruptStore(
        f"The database in {path} is damaged ({err}); restore it from a backup in "
        f"{path / BACKUPS_DIR} or from a transfer copy."
    )


class Store:
    def __init__(self, root: Path, engine: Engine, readonly: bool) -> None:
        self.root = root
        self.db_path = root / DB_NAME
        self.engine = engine
        self.readonly = readonly
        self.vault = Vault(root / VAULT_DIR)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self.recovered: list[str] = []
        self.backup_made: str | None = None

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, create: bool = False, readonly: bool = False) -> Store:
        root = Path(root).expanduser()
        db_path = root / DB_NAME
        _validate_location(root, db_path, create=create, readonly=readonly)
        new = not db_path.exists()
        if new:
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ReadOnlyLocation(
                    f"Cannot create a store at {root} ({err.strerror}); choose a writable folder."
                ) from err
        engine = make_engine(db_path, readonly=readonly)
        store = cls(root, engine, readonly)
        try:
            if readonly:
                migrate.check_not_newer(migrate.current_revision(engine), root)
            else:
                store.backup_made = migrate.upgrade(engine, db_path, root / BACKUPS_DIR)
                store.vault.ensure()
                store.recovered = store.vault.recover(store._has_file_row)
                store._catch_up_head()
        except (exc.OperationalError, exc.DatabaseError, sqlite3.Error) as err:
            engine.dispose()
            if new:
                _remove_new_db(db_path)
            raise _explain_sqlite_error(err, root) from err
        except BaseException:
            engine.dispose()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- sessions (for repositories only) --------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Session]:
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (exc.OperationalError, exc.DatabaseError) as err:
            raise _explain_sqlite_error(err, self.root) from err

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """One unit of work: commits on success; then the audit head file advances."""
        if self.readonly:
            raise ReadOnlyLocation(f"The store at {self.root} is open read-only.")
        head: ChainHead | None = None
        try:
            with self._sessions() as session:
                with session.begin():
                    yield session
                head = session.info.get(SESSION_HEAD_KEY)
        except exc.IntegrityError:
            raise
        except (exc.OperationalError, exc.DatabaseError) as err:
            raise _explain_sqlite_error(err, self.root) from err
        if head is not None:
            write_head(self.root, head)

    # -- crash recovery ---------------------------------------------------------------------
    def _has_file_row(self, vault_path: str) -> bool:
        with self.reader() as s:
            return s.scalar(select(File.id).where(File.vault_path == vault_path)) is not None

    def _catch_up_head(self) -> None:
        """A crash between commit and head write leaves the head file behind: advance it."""
        current = read_head(self.root)
        if current is None or current.count < 0:
            return  # missing or unreadable: `check` reports it
        with self.reader() as s:
            last = s.execute(
                select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
            ).first()
            if last is None or current.count >= last[0]:
                return
            at_head = s.scalar(select(AuditEvent.hash).where(AuditEvent.seq == current.count))
            if current.count and at_head != current.hash:
                return  # inconsistent: leave it for `check` to report
        write_head(self.root, ChainHead(last[0], last[1]))


def _validate_location(root: Path, db_path: Path, *, create: bool, readonly: bool) -> None:
    if root.exists() and not root.is_dir():
        raise NotAStore(f"{root} is a file, not a store folder; give the store's folder.")
    if db_path.exists():
        if not db_path.is_file():
            raise NotAStore(f"{db_path} is not a database file; {root} is not a store.")
        try:
            with open(db_path, "rb") as f:
                magic = f.read(16)
        except OSError as err:
            raise ReadOnlyLocation(f"Cannot read {db_path} ({err.strerror}).") from err
        if magic and magic != SQLITE_MAGIC:
            raise CorruptStore(
                f"{db_path} is not a SQLite database (damaged or replaced); restore it "
                f"from a backup in {root / BACKUPS_DIR}."
            )
        if not magic:
            raise CorruptStore(f"{db_path} is empty; restore it from a backup.")
        if not readonly and not (os.access(root, os.W_OK) and os.access(db_path, os.W_OK)):
            raise ReadOnlyLocation(
                f"The store at {root} is on a read-only location; open it in review mode "
                f"(fieldarchive review --store {root}) or copy it to a writable disk."
            )
        return
    if readonly or not create:
        raise NotAStore(
            f"{root} is not a FieldArchive store (no {DB_NAME}); check the path, or create "
            f"an incident there to start a new store."
        )
    if root.is_dir():
        stray = [p.name for p in root.iterdir() if p.name not in IGNORABLE]
        if stray:
            raise NotAStore(
                f"{root} is not a FieldArchive store and is not empty; choose an empty "
                f"folder for a new store."
            )
        if not os.access(root, os.W_OK):
            raise ReadOnlyLocation(f"Cannot create a store in {root}: the folder is read-only.")


def _remove_new_db(db_path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db_path) + suffix).unlink(missing_ok=True)
