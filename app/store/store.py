"""Opening a store: a folder with ``archive.sqlite``, the media vault and the audit head.

``Store.open`` validates the folder, applies migrations (after a backup), recovers what a
crash left behind and hands out short sessions to the repositories. Nothing outside
``app/store`` calls ``reader()`` or ``writer()``. A writable store holds ``store.lock``
shared while it is open, and recovers only when no other live program holds it (see
``store_lock``): another program's files in flight are never taken for a crash's leftovers.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Engine, exc, select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.messages import QT_TRANSLATE_NOOP
from app.store import migrate, seal, search_index
from app.store.audit import (
    HEAD_FILE,
    SESSION_HEAD_KEY,
    SESSION_TAIL_KEY,
    ChainHead,
    HeadWriter,
    read_head,
    write_head,
)
from app.store.engine import busy_timeout_ms, make_engine, quote_path, read_only
from app.store.errors import (
    CorruptStore,
    DiskFull,
    NotAStore,
    ReadOnlyLocation,
    StoreError,
    StoreLocked,
)
from app.store.hashing import GENESIS
from app.store.models import AuditEvent, File
from app.store.store_lock import LOCK_FILE, StoreLock, remove_lock_file
from app.store.vault import Vault, translate_os_error

DB_NAME = "archive.sqlite"
VAULT_DIR = "vault"
BACKUPS_DIR = "backups"
# Recordings a crash interrupted, kept for the user to import (outside the vault: no row).
RECOVERED_DIR = "recovered"
SQLITE_MAGIC = b"SQLite format 3\x00"
# Files a new store may already share its folder with (OS litter).
IGNORABLE = {".DS_Store", "Thumbs.db", "desktop.ini"}


def default_store_path() -> Path:
    """The user's data folder, per platform (e.g. ~/.local/share/FieldArchive/store)."""
    return user_data_path("FieldArchive", appauthor=False) / "store"


def _sqlite_reason(err: Exception) -> str:
    """SQLite's own words, without SQLAlchemy's statement and background link."""
    orig = getattr(err, "orig", None)
    return str(orig if orig is not None else err).strip().splitlines()[0]


def _nearly_full(path: Path) -> bool:
    """SQLite reports a full disk as an I/O error when its shared-memory file cannot grow."""
    try:
        return shutil.disk_usage(path if path.exists() else path.parent).free < 1024 * 1024
    except OSError:
        return False


def _explain_sqlite_error(err: Exception, path: Path) -> StoreError:
    if isinstance(err, UnicodeDecodeError):
        # SQLite's own message quotes bytes of a damaged schema that are not text.
        return CorruptStore(QT_TRANSLATE_NOOP(
            "Errors", "The database in {path} is damaged (its schema is not readable); "
            "restore it from a backup in {backups} or from a transfer copy."),
            path=path, backups=path / BACKUPS_DIR
        )
    reason = _sqlite_reason(err)
    text = reason.lower()
    if "locked" in text or "busy" in text:
        return StoreLocked(QT_TRANSLATE_NOOP(
            "Errors", "The store at {path} is in use by another program; close it and try "
            "again."), path=path)
    if "disk is full" in text or ("disk i/o error" in text and _nearly_full(path)):
        return DiskFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk holding {path} is full; nothing was changed. Free some space "
            "and try again."), path=path)
    if "disk i/o error" in text:
        return StoreError(QT_TRANSLATE_NOOP(
            "Errors", "The disk holding {path} could not be read or written ({reason}); check "
            "that it is still connected, then try again."), path=path, reason=reason)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return ReadOnlyLocation(QT_TRANSLATE_NOOP(
            "Errors", "The store at {path} cannot be written; it can be read (list, show, "
            "check) but not changed: copy it to a writable disk to work in it."), path=path)
    return CorruptStore(QT_TRANSLATE_NOOP(
        "Errors", "The database in {path} is damaged ({reason}); restore it from a backup in "
        "{backups} or from a transfer copy."), path=path, reason=reason,
        backups=path / BACKUPS_DIR)


class Store:
    def __init__(self, root: Path, engine: Engine, readonly: bool) -> None:
        self.root = root
        self.db_path = root / DB_NAME
        self.engine = engine
        self.readonly = readonly
        self.vault = Vault(root / VAULT_DIR)
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # The search index follows every writer's changes in the same transaction.
        search_index.keep_in_step(self._sessions)
        self._read_sessions = sessionmaker(read_only(engine), expire_on_commit=False)
        self.recovered: list[str] = []  # placed files a crash left without their rows
        self.unfinished: list[str] = []  # partial copies and recordings a crash left
        self.kept_recordings: list[Path] = []  # of those, recordings moved to RECOVERED_DIR
        # No other live program had the store open: what a writer left behind is a dead one's.
        self.opened_alone = False
        self.backup_made: str | None = None
        # SQLite side files a read-only open created; tidied away again on close.
        self._created_side_files: list[Path] = []
        # A writable store's hold on store.lock, for as long as it is open.
        self._lock: StoreLock | None = None
        self._heads = HeadWriter(root)

    # -- opening -------------------------------------------------------------------------
    @classmethod
    def open(cls, root: Path, *, create: bool = False, readonly: bool = False) -> Store:
        root = Path(root).expanduser()
        db_path = root / DB_NAME
        _validate_location(root, db_path, create=create, readonly=readonly)
        new = not db_path.exists()
        # SQLite's side files that this open may create; removed again if it fails.
        side_files = [p for p in _side_files(db_path) if not p.exists()]
        if new:
            try:
                root.mkdir(parents=True, exist_ok=True)
            except OSError as err:
                raise ReadOnlyLocation(QT_TRANSLATE_NOOP(
                    "Errors", "Cannot create a store at {path} ({reason}); choose a writable "
                    "folder."), path=root, reason=err.strerror) from err
        engine: Engine | None = None
        lock: StoreLock | None = None
        try:
            if not new:
                # Look before touching: a writable connection would switch a foreign or a
                # newer database to WAL mode, changing its file, before we could refuse it.
                engine = _readable_engine(make_engine(db_path, readonly=True), db_path)
                current = migrate.current_revision(engine)
                migrate.check_not_newer(current, root)
                migrate.check_is_store(current, engine, root)
                if readonly and current is None:
                    raise NotAStore(QT_TRANSLATE_NOOP(
                        "Errors", "{path} is not a FieldArchive store (its database is empty)."),
                        path=root)
            if not readonly:
                if engine is not None:
                    engine.dispose()
                lock = StoreLock.take(root, busy_timeout_ms() / 1000)
                engine = make_engine(db_path)
            elif engine is None:  # (validation already refuses this: nothing to read)
                raise NotAStore(QT_TRANSLATE_NOOP(
                    "Errors", "{path} is not a FieldArchive store (no {database})."),
                    path=root, database=DB_NAME)
            store = cls(root, engine, readonly)
            if readonly:
                store._created_side_files = side_files
            else:
                assert lock is not None
                store._lock = lock
                store.backup_made = migrate.upgrade(engine, db_path, root / BACKUPS_DIR)
                if new:
                    # A head file from the start: the one after each commit is written a
                    # moment later (HeadWriter), and a chain without any would look cut.
                    write_head(root, ChainHead(0, GENESIS))
                store.vault.ensure()
                store._seal_baseline()
                if store.backup_made is not None:  # a migration ran: its schema is ours
                    with store.writer() as session:
                        seal.reseal_after_migration(session)
                        seal.record_schema(session)
                store.opened_alone = lock.alone
                if lock.alone:
                    # No other live program has the store open: whatever is in the pending
                    # area was left by one that died.
                    store.recovered = store.vault.recover(
                        store._has_file_row, store.unfinished, root / RECOVERED_DIR,
                        store.kept_recordings)
                    lock.share(busy_timeout_ms() / 1000)
                store._catch_up_head()
        except (exc.OperationalError, exc.DatabaseError, sqlite3.Error,
                UnicodeDecodeError) as err:
            error = _explain_sqlite_error(err, root)
            locked = isinstance(error, StoreLocked)
            _after_failed_open(engine, lock, db_path, new, side_files, locked=locked)
            raise error from err
        except TimeoutError as err:  # another program kept the store to itself too long
            _after_failed_open(engine, lock, db_path, new, side_files, locked=True)
            raise StoreLocked(QT_TRANSLATE_NOOP(
                "Errors", "The store at {path} is in use by another program; close it and try "
                "again."), path=root) from err
        except OSError as err:  # creating the vault folders or the lock file
            _after_failed_open(engine, lock, db_path, new, side_files)
            raise translate_os_error(err, root) from err
        except BaseException:
            _after_failed_open(engine, lock, db_path, new, side_files)
            raise
        return store

    def close(self) -> None:
        self._heads.close()  # the newest committed head is written before the lock goes
        self.engine.dispose()
        if self._lock is not None:  # after the engine: its last connection may checkpoint
            self._lock.close()
            self._lock = None
        if self._created_side_files:
            _tidy_side_files(self.db_path, self._created_side_files)
            self._created_side_files = []

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- sessions (for repositories only) --------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A reading transaction: sees one snapshot, never waits for a writer."""
        try:
            with self._read_sessions() as session, session.begin():
                yield session
        except (exc.OperationalError, exc.DatabaseError, UnicodeDecodeError) as err:
            raise _explain_sqlite_error(err, self.root) from err

    @contextmanager
    def writer(self) -> Iterator[Session]:
        """One unit of work: commits on success; then the audit head file advances."""
        if self.readonly:
            raise ReadOnlyLocation(QT_TRANSLATE_NOOP(
                "Errors", "The store at {path} is open read-only."), path=self.root)
        head: ChainHead | None = None
        try:
            with self._sessions() as session:
                with session.begin():
                    seal.install_triggers(session.connection())
                    yield session
                    # Every sealed row this unit of work wrote gets its seal, in it.
                    seal.seal_pending(session)
                    head = session.info.get(SESSION_HEAD_KEY)
                    if head is not None and not _holds_recorded_head(session, self.root):
                        # Events were removed or changed: leave the head file where it is so
                        # `check` keeps reporting it, however many events follow.
                        head = None
        except exc.IntegrityError:
            raise
        except (exc.OperationalError, exc.DatabaseError) as err:
            raise _explain_sqlite_error(err, self.root) from err
        if head is not None:
            self._heads.submit(head)

    def flush_head(self) -> None:
        """Wait until the audit head file names the newest committed event."""
        self._heads.flush()

    def _seal_baseline(self) -> None:
        """A store from before the row seal: seal its rows once (migration 0005 asks)."""
        with self.reader() as s:
            pending = s.connection().exec_driver_sql(
                "SELECT 1 FROM store_setting WHERE key = ?", (seal.BASELINE_KEY,)).first()
        if pending is not None:
            with self.writer() as session:
                seal.seal_baseline(session)

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


def _holds_recorded_head(session: Session, root: Path) -> bool:
    """Is the event the head file names still in the chain, unchanged?"""
    recorded = read_head(root)
    if recorded is None or recorded.count == 0:
        return True
    if recorded.count < 0:
        return False  # unreadable: keep it as found for `check`
    if recorded == session.info.get(SESSION_TAIL_KEY):
        return True  # it is the chain's tail as this transaction found it: no need to ask
    at = session.connection().exec_driver_sql(
        "SELECT hash FROM audit_event WHERE seq = ?", (recorded.count,)).scalar()
    return bool(at == recorded.hash)


def _readable_engine(engine: Engine, db_path: Path) -> Engine:
    """A read-only engine that can open ``db_path``, even on read-only media.

    A WAL database opened read-only needs its ``-shm`` index; where that file is absent and
    cannot be created (a read-only disc or mount), SQLite refuses to open it. Such a location
    has no live writer, so the file is opened ``immutable`` instead (no locks, no side files).
    """
    full = False
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
        return engine
    except exc.OperationalError as err:
        reason = _sqlite_reason(err).lower()
        full = _full_without_live_log(reason, db_path)
        if "unable to open" not in reason and not full:
            raise
    engine.dispose()
    if full:
        _remove_unused_side_files(db_path)
    return make_engine(db_path, immutable=True)


def _remove_unused_side_files(db_path: Path) -> None:
    """What the refused open left on a full disk: an empty log, a WAL index never sized."""
    wal, shm = _side_files(db_path)
    try:
        if wal.exists() and wal.stat().st_size == 0:
            wal.unlink()
        if shm.exists() and shm.stat().st_size < 32 * 1024:
            shm.unlink()
    except OSError:
        pass


def _full_without_live_log(reason: str, db_path: Path) -> bool:
    """A full disk (no room for the WAL index) where no writer has a log in use.

    Reading needs no space: with no ``-wal`` holding data, the file alone is the whole
    database, so it can be read ``immutable`` (``check`` runs on a full disk).
    """
    if "disk is full" not in reason and "disk i/o error" not in reason:
        return False
    wal = Path(str(db_path) + "-wal")
    try:
        return not wal.exists() or wal.stat().st_size == 0
    except OSError:
        return False


def _validate_location(root: Path, db_path: Path, *, create: bool, readonly: bool) -> None:
    if root.exists() and not root.is_dir():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is a file, not a store folder; give the store's folder."),
            path=root)
    if db_path.exists():
        if not db_path.is_file():
            raise NotAStore(QT_TRANSLATE_NOOP(
                "Errors", "{database} is not a database file; {path} is not a store."),
                database=db_path, path=root)
        try:
            with open(db_path, "rb") as f:
                magic = f.read(16)
        except OSError as err:
            raise ReadOnlyLocation(QT_TRANSLATE_NOOP("Errors", "Cannot read {path} ({reason})."),
                                   path=db_path, reason=err.strerror) from err
        if magic and magic != SQLITE_MAGIC:
            raise CorruptStore(QT_TRANSLATE_NOOP(
                "Errors", "{database} is not a SQLite database (damaged or replaced); restore "
                "it from a backup in {backups}."), database=db_path, backups=root / BACKUPS_DIR)
        if not magic and (root / HEAD_FILE).exists():
            # Empty but with an audit history beside it: the database was lost. (Without
            # one, it is a store whose creation was interrupted; SQLite starts it afresh.)
            raise CorruptStore(QT_TRANSLATE_NOOP(
                "Errors", "{database} is empty; restore it from a backup."), database=db_path)
        if not readonly and not (os.access(root, os.W_OK) and os.access(db_path, os.W_OK)):
            raise ReadOnlyLocation(QT_TRANSLATE_NOOP(
                "Errors", "The store at {path} is on a read-only location; it can be read "
                "(list, show, check) but not changed: copy it to a writable disk to work in it."),
                path=root)
        return
    if readonly or not create:
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a FieldArchive store (no {database}); check the path, or "
            "create an incident there to start a new store."), path=root, database=DB_NAME)
    if root.is_dir():
        # (A lock file alone is what a creation that failed before its database left.)
        stray = [p.name for p in root.iterdir() if p.name not in IGNORABLE | {LOCK_FILE}]
        if stray:
            raise NotAStore(QT_TRANSLATE_NOOP(
                "Errors", "{path} is not a FieldArchive store and is not empty; choose an "
                "empty folder for a new store."), path=root)
        if not os.access(root, os.W_OK):
            raise ReadOnlyLocation(QT_TRANSLATE_NOOP(
                "Errors", "Cannot create a store in {path}: the folder is read-only."),
                path=root)



def _tidy_side_files(db_path: Path, created: list[Path]) -> None:
    """After a read-only look, leave the folder as it was found.

    A read-only connection cannot remove the ``-wal``/``-shm`` files it made. A connection
    that may write (but is told not to, and whose log is empty) can: SQLite deletes them when
    its last connection closes, and keeps them if anyone else still has the store open.
    """
    wal = Path(str(db_path) + "-wal")
    try:
        if not any(p.exists() for p in created) or (wal.exists() and wal.stat().st_size):
            return
        if not os.access(db_path.parent, os.W_OK):
            return
        conn = sqlite3.connect(f"file:{quote_path(db_path)}?mode=rw", uri=True)
        try:
            conn.execute("PRAGMA query_only=ON")
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return  # harmless leftovers; the next writer removes them


def _after_failed_open(
    engine: Engine | None, lock: StoreLock | None, db_path: Path, new: bool,
    side_files: list[Path], locked: bool = False,
) -> None:
    """Leave the folder as it was found: no half-made store, no stray SQLite side files."""
    if engine is not None:
        engine.dispose()
    if lock is not None:
        lock.close()
    if new:
        _remove_new_db(db_path)
        (db_path.parent / HEAD_FILE).unlink(missing_ok=True)
        remove_lock_file(db_path.parent)
    elif not locked:  # a locked store's side files belong to the program holding it
        _tidy_side_files(db_path, side_files)
        _remove_created_side_files(side_files)


def _side_files(db_path: Path) -> list[Path]:
    return [Path(str(db_path) + suffix) for suffix in ("-wal", "-shm")]


def _remove_new_db(db_path: Path) -> None:
    db_path.unlink(missing_ok=True)
    for path in _side_files(db_path):
        path.unlink(missing_ok=True)


def _remove_created_side_files(created: list[Path]) -> None:
    """A failed open of a damaged store leaves the folder as it found it."""
    for path in created:
        try:
            if path.name.endswith("-wal") and path.stat().st_size:
                continue  # holds data someone wrote: never ours to drop
            path.unlink()
        except OSError:
            continue
