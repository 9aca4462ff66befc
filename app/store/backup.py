"""A second copy of a store off the laptop, and bringing it back.

A backup is a folder shaped like a store, so ``fieldarchive check --store BACKUP`` verifies
it where it lies (every file re-hashed, the audit chain against its head):

- ``archive.sqlite``: a consistent snapshot of the database, taken with SQLite's backup API
  while the program may be writing;
- ``vault/``: the vault files the snapshot names, each copied once (vault files never
  change, so a later backup copies only new ones);
- ``audit-head.json``: the head of the snapshot's audit chain;
- ``backup.json``: which store it is (the hash of its first audit event), when, how many;
- ``recovered/``: recordings a crash cut off, kept aside for import (they have no row yet,
  so the vault copy does not carry them; a lost laptop must not lose them either).

Nothing else of the store is copied (no lock, no pre-upgrade copies, no key files: signing
keys live in the database, encrypted, and a snapshot carries them only so). Every file is
written under a temporary name, fsynced and renamed: an interrupted backup leaves the
previous backup whole, and the next run goes on where it stopped (the files already copied
are kept). The snapshot is taken first and renamed into place last, so the database in a
backup never names a file the backup lacks. A full disk stops the backup with a sentence;
freeing space and running it again finishes it.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import sqlite3
import stat
import threading
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from app.domain.messages import QT_TRANSLATE_NOOP
from app.store.audit import HEAD_FILE
from app.store.errors import DiskFull, InvalidInput, NotAStore, StoreError
from app.store.hashing import CHUNK, GENESIS
from app.store.store import DB_NAME, RECOVERED_DIR, VAULT_DIR, Store
from app.store.vault import READ_ONLY, fsync_dir

BACKUP_INFO = "backup.json"
PART = ".fa-part"  # a file on its way in; removed when a backup or restore starts again
FORMAT = 1

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class BackupReport:
    target: Path
    files: int  # vault files the backup holds
    copied: int  # of which copied this time
    bytes_copied: int
    events: int  # audit events in the snapshot
    finished_at: datetime
    recovered: int = 0  # crash-kept recordings (``recovered/``) the backup holds


@dataclass(frozen=True)
class RestoreReport:
    store: Path
    files: int
    events: int


class BackupCancelled(StoreError):
    code = "cancelled"


def backup_store(store: Store, target: Path, progress: Progress | None = None,
                 cancel: threading.Event | None = None) -> BackupReport:
    """Bring the backup at ``target`` up to date with ``store`` (see the module notes)."""
    target = Path(target).expanduser().absolute()
    _refuse_overlap(store.root, target)
    info = read_backup_info(target)
    if info is None and target.exists() and any(target.iterdir()):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{target} holds other files; back up into an empty folder or into an "
            "earlier backup of this store."), target=str(target))
    identity, _ = _chain_facts(store.root / DB_NAME)
    if info is not None and info.get("store") != identity:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{target} is the backup of another store; choose an empty folder."),
            target=str(target))
    try:
        (target / VAULT_DIR).mkdir(parents=True, exist_ok=True)
        if info is None:  # marks the folder as this store's backup, finished or not
            _write_json(target / BACKUP_INFO, {"format": FORMAT, "store": identity,
                                               "source": str(store.root), "finished_at": None})
        _remove_parts(target)
        snapshot = target / (DB_NAME + PART)
        _snapshot(store.root / DB_NAME, snapshot)
        _, head = _chain_facts(snapshot)
        paths = _vault_paths(snapshot)
        copied = size = 0
        for n, rel in enumerate(paths):
            if cancel is not None and cancel.is_set():
                raise BackupCancelled(QT_TRANSLATE_NOOP(
                    "Errors", "The backup was cancelled; the files copied so far are kept and "
                    "the next backup goes on from there."))
            source = store.vault.absolute(rel)
            dest = target / VAULT_DIR / Path(*rel.split("/"))
            if not _same_size(source, dest):
                size += _copy_file(source, dest)
                copied += 1
            if progress is not None:
                progress(n + 1, len(paths))
        recovered, recovered_bytes = _copy_recovered(store.root, target)
        size += recovered_bytes
        _place(snapshot, target / DB_NAME)
        _write_json(target / HEAD_FILE, {"count": head[0], "hash": head[1]})
        finished = datetime.now(UTC)
        _write_json(target / BACKUP_INFO, {
            "format": FORMAT, "store": identity, "source": str(store.root),
            "finished_at": finished.isoformat(timespec="seconds"), "files": len(paths),
            "events": head[0]})
    except OSError as err:
        _remove_parts(target)
        raise _disk_error(err, target) from err
    return BackupReport(target, len(paths), copied, size, head[0], finished, recovered)


def restore_backup(backup: Path, store_root: Path,
                   progress: Progress | None = None) -> RestoreReport:
    """Copy the backup at ``backup`` into the new store folder ``store_root``."""
    backup, store_root = Path(backup).expanduser(), Path(store_root).expanduser()
    info = read_backup_info(backup)
    if info is None or not (backup / DB_NAME).is_file():
        raise NotAStore(QT_TRANSLATE_NOOP(
            "Errors", "{backup} is not a FieldArchive backup (it has no {info})."),
            backup=str(backup), info=BACKUP_INFO)
    if store_root.exists() and any(p.name != PART and not p.name.endswith(PART)
                                   for p in _walk_files(store_root)):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "{store} is not empty; restore into a new folder, so that nothing there "
            "is overwritten."), store=str(store_root))
    try:
        (store_root / VAULT_DIR).mkdir(parents=True, exist_ok=True)
        _remove_parts(store_root)
        files = sorted(p.relative_to(backup / VAULT_DIR)
                       for p in _walk_files(backup / VAULT_DIR) if not p.name.endswith(PART))
        for n, rel in enumerate(files):
            _copy_file(backup / VAULT_DIR / rel, store_root / VAULT_DIR / rel)
            if progress is not None:
                progress(n + 1, len(files))
        _copy_recovered(backup, store_root)
        database = store_root / (DB_NAME + PART)
        _snapshot(backup / DB_NAME, database)
        _, head = _chain_facts(database)
        _write_json(store_root / HEAD_FILE, {"count": head[0], "hash": head[1]})
        _place(database, store_root / DB_NAME)  # last: a store only once it is whole
    except OSError as err:
        _remove_parts(store_root)
        raise _disk_error(err, store_root) from err
    return RestoreReport(store_root, len(files), head[0])


def read_backup_info(target: Path) -> dict[str, object] | None:
    try:
        data = json.loads((target / BACKUP_INFO).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


# -- steps ---------------------------------------------------------------------------------


def _refuse_overlap(store_root: Path, target: Path) -> None:
    store_real, target_real = Path(os.path.realpath(store_root)), Path(os.path.realpath(target))
    if target_real.is_relative_to(store_real) or store_real.is_relative_to(target_real):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "Errors", "A backup must lie outside the store, on another disk if possible; "
            "{target} and {store} overlap."), target=str(target), store=str(store_root))


def _snapshot(database: Path, dest: Path) -> None:
    """A consistent copy of ``database`` at ``dest`` (SQLite's online backup), fsynced."""
    dest.unlink(missing_ok=True)
    uri = f"{database.absolute().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as source, \
            closing(sqlite3.connect(dest)) as copy:
        source.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # one file, nothing beside it
    _fsync_file(dest)


def _chain_facts(database: Path) -> tuple[str, tuple[int, str]]:
    """The store's identity (its first audit event's hash) and its chain head."""
    with closing(sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)) as db:
        first = db.execute("SELECT hash FROM audit_event ORDER BY seq LIMIT 1").fetchone()
        last = db.execute("SELECT seq, hash FROM audit_event ORDER BY seq DESC LIMIT 1"
                          ).fetchone()
    head = (int(last[0]), str(last[1])) if last else (0, GENESIS)
    return (str(first[0]) if first else ""), head


def _vault_paths(database: Path) -> list[str]:
    with closing(sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)) as db:
        return [str(r[0]) for r in db.execute("SELECT vault_path FROM file ORDER BY vault_path")]


def _copy_recovered(source_root: Path, target_root: Path) -> tuple[int, int]:
    """The crash-kept recordings of ``source_root`` into ``target_root``: (files there,
    bytes copied now). They never change once kept, so one of the same size is skipped."""
    folder = source_root / RECOVERED_DIR
    names = sorted(p.name for p in folder.iterdir()
                   if p.is_file() and not p.name.endswith(PART)) if folder.is_dir() else []
    size = 0
    for name in names:
        source, dest = folder / name, target_root / RECOVERED_DIR / name
        if not _same_size(source, dest):
            size += _copy_file(source, dest)
    return len(names), size


def _same_size(source: Path, dest: Path) -> bool:
    """Vault files never change: one with the same name and size is already copied
    (``check`` on the backup re-hashes every file)."""
    try:
        return dest.stat().st_size == source.stat().st_size
    except OSError:
        return False


def _copy_file(source: Path, dest: Path) -> int:
    """Copy under a temporary name, fsync, rename; read-only like a vault file."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = dest.with_name(dest.name + PART)
    size = 0
    try:
        with open(source, "rb") as src, open(part, "wb") as out:
            while chunk := src.read(CHUNK):
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(part, READ_ONLY)
        if dest.exists():  # a copy cut short by an earlier run, or of another size
            os.chmod(dest, stat.S_IWUSR | READ_ONLY)
            dest.unlink()
        os.replace(part, dest)
        fsync_dir(dest.parent)
    except BaseException:
        _unlink(part)
        raise
    return size


def _place(part: Path, dest: Path) -> None:
    os.replace(part, dest)
    fsync_dir(dest.parent)


def _write_json(path: Path, data: dict[str, object]) -> None:
    part = path.with_name(path.name + PART)
    try:
        with open(part, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        _place(part, path)
    except BaseException:
        _unlink(part)
        raise


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _walk_files(root: Path) -> Iterator[Path]:
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            yield Path(dirpath) / name


def _remove_parts(root: Path) -> None:
    """Temporary files an interrupted backup or restore left."""
    for path in list(_walk_files(root)) if root.is_dir() else []:
        if path.name.endswith(PART):
            _unlink(path)


def _unlink(path: Path) -> None:
    try:
        os.chmod(path, stat.S_IWUSR | READ_ONLY)
        path.unlink()
    except OSError:
        pass


def _disk_error(err: OSError, where: Path) -> StoreError:
    if err.errno in (errno.ENOSPC, errno.EDQUOT):
        free = shutil.disk_usage(where).free if where.exists() else 0
        return DiskFull(QT_TRANSLATE_NOOP(
            "Errors", "The disk holding {target} is full ({free} KiB free); the files copied "
            "so far are kept. Free some space or choose another disk, then run it again: "
            "it goes on where it stopped."), target=str(where), free=free // 1024)
    return StoreError(QT_TRANSLATE_NOOP("Errors", "Could not write to {target}: {reason}."),
                      target=str(where), reason=err.strerror or str(err))
