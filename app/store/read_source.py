"""Opening a store only to look at it: nothing is ever created or changed in its folder.

SQLite makes this delicate. A ``mode=ro`` connection to a WAL database nobody has open
creates ``-wal`` and ``-shm`` beside it; an ``immutable`` one creates nothing but ignores
committed rows still in a ``-wal``. So ``ReadOnlyStore.open`` reads one of three ways:

- **live**: another program has the store open writable (it holds ``store.lock``, see
  ``store_lock``) and its ``-wal`` and ``-shm`` exist. A ``mode=ro`` reader shares those
  files and adds none; each reading transaction sees one committed snapshot, and a WAL
  reader never blocks the writer.
- **in place** (``immutable``, no side files, no copy, the same cost for a large store as
  for a small one) when no committed rows wait in a ``-wal``: on read-only media, or a
  store nobody has open (mode ``idle``). On a writable disk a writer may open it later, so
  every reading transaction first looks at the database file (size, time, header) and the
  ``-wal``: once either changed, the store is opened again the right way (live beside the
  writer, or a snapshot), and a transaction during which the file changed under it is
  refused ("try again") rather than answered from torn pages. (In WAL mode a writer only
  changes the database file when it checkpoints, which needs rows in the ``-wal`` first.)
- **snapshot**: otherwise (committed rows left in a ``-wal`` by a program that is gone, a
  schema to migrate). The database and its ``-wal`` are copied into the user's cache folder
  and the copy is read. A store from an older schema is migrated in that copy, never in
  place; one from a newer schema is read if every table this version knows can still be
  read, else refused with a reason.

Every connection of the reading engine has ``query_only=ON``. No migrations, recovery,
lock file, head file, thumbnails or settings ever go into the reviewed folder.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, NamedTuple

from platformdirs import user_cache_path
from sqlalchemy import Engine, exc, select
from sqlalchemy.orm import Session, sessionmaker

from app.domain.messages import QT_TRANSLATE_NOOP
from app.store import migrate, seal
from app.store.audit import HEAD_FILE
from app.store.engine import make_engine
from app.store.errors import CorruptStore, NotAStore, StoreLocked, StoreTooNew
from app.store.models import Base
from app.store.store import DB_NAME, SQLITE_MAGIC, VAULT_DIR, _explain_sqlite_error
from app.store.store_lock import held_by_others, hold_shared, is_held
from app.store.vault import VaultFiles

COPY_ATTEMPTS = 5
IN_USE = "in-use.lock"  # held while a snapshot is read; a snapshot nobody holds is litter
STALE_AFTER_S = 60.0  # younger snapshots may still be taking their hold


def review_cache_path() -> Path:
    """Where snapshots of reviewed stores are read from (the user's cache folder)."""
    return user_cache_path("FieldArchive", appauthor=False) / "review"


class ReadOnlyStore:
    """A store open for reading only: ``reader()`` sessions and the vault's files."""

    def __init__(self, root: Path, engine: Engine, *, live: bool, snapshot_dir: Path | None,
                 revision: str | None, newer_schema: bool, migrated_from: str | None) -> None:
        self._root = root
        self._vault = VaultFiles(root / VAULT_DIR)
        self._engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Read in place beside a live writer, or from a copy in the cache folder.
        self.live = live
        self.snapshot_dir = snapshot_dir
        self.revision = revision
        self.newer_schema = newer_schema  # written by a newer version, still readable
        self.migrated_from = migrated_from  # the copy was upgraded from this revision
        self._hold: BinaryIO | None = None  # the snapshot's in-use lock, while open
        # Read in place on a writable disk: what the files looked like (checked before and
        # after every reading transaction), else None.
        self._watch: FileStamp | None = None
        self._switching = threading.Lock()

    @property
    def root(self) -> Path:
        return self._root

    @property
    def mode(self) -> str:
        """How it is read: live (beside a writer), in-place (read-only media), idle (in
        place, nobody had it open), snapshot (a copy in the cache folder)."""
        if self.live:
            return "live"
        if self.snapshot_dir is not None:
            return "snapshot"
        return "idle" if self._watch is not None else "in-place"

    @property
    def vault(self) -> VaultFiles:
        return self._vault

    @classmethod
    def open(cls, root: Path) -> ReadOnlyStore:
        root = Path(root).expanduser().absolute()
        db_path = root / DB_NAME
        _validate(root, db_path)
        try:
            return _choose(cls, root, db_path)
        except (exc.OperationalError, exc.DatabaseError, sqlite3.Error,
                UnicodeDecodeError) as err:  # SQLite's message may quote damaged bytes
            raise _explain_sqlite_error(err, root) from err

    @contextmanager
    def reader(self) -> Iterator[Session]:
        """A reading transaction: one consistent snapshot, never waiting for a writer."""
        watch = self._still_right()
        try:
            with self._sessions() as session, session.begin():
                yield session
        except (exc.OperationalError, exc.DatabaseError) as err:
            raise _explain_sqlite_error(err, self._root) from err
        after = file_stamp(self._root / DB_NAME)
        if watch is not None and (after is None or after[:3] != watch[:3]):
            # A writer checkpointed into the file while it was read in place: what was
            # read may mix old and new pages. The next transaction reads it the right way.
            raise StoreLocked(CHANGING, path=self._root)

    def _still_right(self) -> FileStamp | None:
        """Read in place while nobody writes; once a writer has been at the files, the
        store is opened again as it now is (beside the writer, or a snapshot)."""
        with self._switching:
            watch = self._watch
            if watch is None or file_stamp(self._root / DB_NAME) == watch:
                return watch
            try:
                fresh = _choose(type(self), self._root, self._root / DB_NAME)
            except (exc.OperationalError, exc.DatabaseError, sqlite3.Error,
                    UnicodeDecodeError) as err:
                raise _explain_sqlite_error(err, self._root) from err
            self._adopt(fresh)
            return self._watch

    def _adopt(self, fresh: ReadOnlyStore) -> None:
        old_engine, old_hold, old_dir = self._engine, self._hold, self.snapshot_dir
        self._engine, self._sessions = fresh._engine, fresh._sessions
        self.live, self.snapshot_dir, self._hold = fresh.live, fresh.snapshot_dir, fresh._hold
        self._watch = fresh._watch
        self.revision, self.newer_schema = fresh.revision, fresh.newer_schema
        self.migrated_from = fresh.migrated_from
        fresh._hold, fresh.snapshot_dir = None, None
        old_engine.dispose()  # a transaction still running keeps its connection
        if old_hold is not None:
            old_hold.close()
        if old_dir is not None:
            shutil.rmtree(old_dir, ignore_errors=True)

    def connections_query_only(self) -> bool:
        """Is every connection this store reads through unable to write? (For tests.)"""
        with self._engine.connect() as conn:
            return bool(conn.exec_driver_sql("PRAGMA query_only").scalar())

    def close(self) -> None:
        self._engine.dispose()
        if self._hold is not None:
            self._hold.close()
            self._hold = None
        if self.snapshot_dir is not None:
            shutil.rmtree(self.snapshot_dir, ignore_errors=True)
            self.snapshot_dir = None

    def __enter__(self) -> ReadOnlyStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


CHANGING = QT_TRANSLATE_NOOP(
    "Errors", "The store at {path} kept changing while it was being read; try again "
    "in a moment.")


class FileStamp(NamedTuple):
    """What a database file and its ``-wal`` look like: any write changes one of these."""

    size: int
    mtime_ns: int
    header: bytes  # SQLite's first 100 bytes (page count, change counter, schema cookie)
    wal_size: int  # 0: no -wal, or an empty one


def file_stamp(db_path: Path) -> FileStamp | None:
    try:
        with open(db_path, "rb") as f:
            st = os.fstat(f.fileno())
            header = f.read(100)
    except OSError:
        return None
    wal = _stamp(_side(db_path, "-wal"))
    return FileStamp(st.st_size, st.st_mtime_ns, header, wal[0] if wal else 0)


def _choose(cls: type[ReadOnlyStore], root: Path, db_path: Path) -> ReadOnlyStore:
    """Beside a live writer; else in place when no committed rows wait in a -wal; else a
    snapshot (also for a schema that needs migrating)."""
    for _ in range(COPY_ATTEMPTS):
        if _writer_has_it_open(root, db_path):
            return (_open_in_place(cls, root, db_path, immutable=False)
                    or _open_snapshot(cls, root, db_path))
        if _has_wal_content(db_path):
            break
        stamp = file_stamp(db_path)
        opened = _open_in_place(cls, root, db_path, immutable=True)
        if opened is None:
            break  # an older schema: migrated in a copy
        if _on_read_only_media(root):
            return opened
        if file_stamp(db_path) == stamp:
            opened._watch = stamp
            return opened
        opened.close()  # a writer came meanwhile: look again
    return _open_snapshot(cls, root, db_path)


def _validate(root: Path, db_path: Path) -> None:
    if root.is_file():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is a file, not a store folder; give the store's folder."),
            path=root)
    if not root.is_dir():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a folder; give the folder of a FieldArchive store."),
            path=root)
    if not db_path.is_file():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a FieldArchive store (it has no {name})."),
            path=root, name=DB_NAME)
    with open(db_path, "rb") as f:
        magic = f.read(16)
    if not magic and (root / HEAD_FILE).exists():
        # Empty, with an audit history beside it: the database was lost.
        raise CorruptStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is empty; restore it from a backup."), path=db_path)
    if not magic:
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a FieldArchive store (its database is empty)."), path=root)
    if magic != SQLITE_MAGIC:
        raise CorruptStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a SQLite database (damaged or replaced)."), path=db_path)


def _side(db_path: Path, suffix: str) -> Path:
    return Path(str(db_path) + suffix)


def _writer_has_it_open(root: Path, db_path: Path) -> bool:
    return (held_by_others(root) and _side(db_path, "-wal").exists()
            and _side(db_path, "-shm").exists())


def _on_read_only_media(root: Path) -> bool:
    """Is the folder on a file system mounted read-only (a disc, a write-protected card)?"""
    statvfs = getattr(os, "statvfs", None)
    if statvfs is None:
        return False  # (Windows: no cheap way to tell; a snapshot is always right)
    try:
        return bool(statvfs(root).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _has_wal_content(db_path: Path) -> bool:
    try:
        return _side(db_path, "-wal").stat().st_size > 0
    except FileNotFoundError:
        return False


def _open_in_place(cls: type[ReadOnlyStore], root: Path, db_path: Path,
                   immutable: bool) -> ReadOnlyStore | None:
    """Read the store's own file, or None when a snapshot is needed (an older schema).

    Beside a live writer: ``mode=ro`` through its -wal/-shm. With no committed rows in a
    -wal: ``immutable``, no side files and no copy, at the same cost for a large store as
    for a small one (on a writable disk, watched: see ``ReadOnlyStore.reader``).
    """
    engine = make_engine(db_path, readonly=True, immutable=immutable)
    try:
        revision, newer = _readable_revision(engine, root)
    except exc.OperationalError as err:
        engine.dispose()
        if "unable to open" in str(err).lower():
            return None  # its side files cannot be shared: read a copy instead
        raise
    except BaseException:
        engine.dispose()
        raise
    if not newer and revision != migrate.head_revision():
        engine.dispose()
        return None  # an older schema: migrated in a copy
    return cls(root, engine, live=not immutable, snapshot_dir=None, revision=revision,
               newer_schema=newer, migrated_from=None)


def _open_snapshot(cls: type[ReadOnlyStore], root: Path, db_path: Path) -> ReadOnlyStore:
    base = review_cache_path()
    base.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(base)
    snapshot_dir = Path(tempfile.mkdtemp(prefix="snapshot-", dir=base))
    hold = hold_shared(snapshot_dir / IN_USE)
    try:
        copy = _copy_snapshot(db_path, snapshot_dir / DB_NAME)
        revision, newer, migrated_from = _settle_copy(copy, root)
        engine = make_engine(copy, readonly=True)
        opened = cls(root, engine, live=False, snapshot_dir=snapshot_dir, revision=revision,
                     newer_schema=newer, migrated_from=migrated_from)
        opened._hold = hold
        return opened
    except BaseException:
        hold.close()
        shutil.rmtree(snapshot_dir, ignore_errors=True)
        raise


def _remove_abandoned(base: Path) -> None:
    """Snapshots a review that was killed left behind (nobody holds them): removed."""
    now = time.time()
    for folder in base.glob("snapshot-*"):
        try:
            if now - folder.stat().st_mtime < STALE_AFTER_S or is_held(folder / IN_USE):
                continue
        except OSError:
            continue
        shutil.rmtree(folder, ignore_errors=True)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return st.st_size, st.st_mtime_ns


def _copy_snapshot(db_path: Path, target: Path) -> Path:
    """Copy the database and its ``-wal``; again if either changed during the copy."""
    wal, target_wal = _side(db_path, "-wal"), _side(target, "-wal")
    for _ in range(COPY_ATTEMPTS):
        before = (_stamp(db_path), _stamp(wal))
        shutil.copyfile(db_path, target)
        target_wal.unlink(missing_ok=True)
        if before[1] is not None and before[1][0] > 0:
            try:
                shutil.copyfile(wal, target_wal)
            except FileNotFoundError:
                continue  # checkpointed and removed meanwhile: copy again
        if (_stamp(db_path), _stamp(wal)) == before:
            return target
    raise StoreLocked(CHANGING, path=db_path.parent)


def _settle_copy(copy: Path, root: Path) -> tuple[str | None, bool, str | None]:
    """Fold the copied ``-wal`` in, migrate an older schema, leave one plain file."""
    work = make_engine(copy)  # the copy is ours: it may be written
    try:
        revision, newer = _readable_revision(work, root)
        migrated_from = None
        if not newer and revision != migrate.head_revision():
            migrate.apply_migrations(work)
            migrated_from, revision = revision, migrate.head_revision()
            # The copy as a writable open would leave it (sealed, its schema recorded).
            with Session(work) as session, session.begin():
                seal.settle_after_migration(session, migrated=True)
    finally:
        work.dispose()  # the last connection folds the -wal in
    conn = sqlite3.connect(copy, isolation_level=None)
    try:  # one plain file: a read-only connection then needs no side files
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()
    return revision, newer, migrated_from


def _readable_revision(engine: Engine, root: Path) -> tuple[str | None, bool]:
    """The schema revision, and whether it is newer than this version (but readable)."""
    revision = migrate.current_revision(engine)
    migrate.check_is_store(revision, engine, root)
    if revision is None:
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{path} is not a FieldArchive store (its database is empty)."), path=root)
    if revision in migrate.known_revisions():
        return revision, False
    if not _schema_readable(engine):
        raise StoreTooNew(QT_TRANSLATE_NOOP(
            "Errors", "The store at {path} was written by a newer version of FieldArchive "
            "(schema {revision}) whose tables this version cannot read; review it with "
            "the newer version."), path=root, revision=revision)
    return revision, True


def _schema_readable(engine: Engine) -> bool:
    """Can every column this version reads still be selected?"""
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            try:
                conn.execute(select(*table.columns).limit(0)).all()
            except exc.OperationalError:
                return False
    return True
