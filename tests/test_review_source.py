"""Reading a store without creating any file in it: live beside a writer, else a snapshot."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select, text

from app.store import migrate
from app.store.engine import make_engine
from app.store.errors import NotAStore, ReadOnlyLocation, StoreLocked, StoreTooNew
from app.store.models import Incident, Item
from app.store.read_source import ReadOnlyStore
from app.store.records import IncidentRecord
from app.store.store import DB_NAME, Store
from tests.review_support import lasting_paths, read_only_mount, review_cache, tree_state
from tests.test_store_support import REPO, add_item_with_file

__all__ = ["review_cache"]


def _titles(ro: ReadOnlyStore) -> list[str]:
    with ro.reader() as s:
        return sorted(s.scalars(select(Item.title)))


def test_a_closed_store_is_read_in_place_and_left_untouched(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    """Nobody has it open and no rows wait in a -wal: read where it lies, no copy, no file
    added (the open costs the same for a large store as for an empty one)."""
    add_item_with_file(store, incident.id, b"photo bytes", title="村口")
    store.close()
    before = tree_state(store.root)
    with ReadOnlyStore.open(store.root) as ro:
        assert ro.mode == "idle" and not ro.live and ro.snapshot_dir is None
        assert _titles(ro) == ["村口"]
        with ro.vault.open_file(ro_path(ro)) as f:
            assert f.read() == b"photo bytes"
        assert ro.connections_query_only()
        assert tree_state(store.root) == before  # also while it is open
    assert tree_state(store.root) == before
    assert not review_cache.exists()  # no copy was made


def test_a_writer_coming_later_is_read_beside_and_its_commits_seen(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    """Read in place, then the archivist's program opens the store and writes: the next
    reading transaction sees the new rows (read beside the writer), nothing is added."""
    store.close()
    ro = ReadOnlyStore.open(store.root)
    try:
        assert ro.mode == "idle" and _titles(ro) == []
        writer = Store.open(store.root)
        add_item_with_file(writer, incident.id, b"new", title="后来的")
        paths = lasting_paths(store.root)
        assert _titles(ro) == ["后来的"]
        assert ro.mode == "live" and ro.connections_query_only()
        assert lasting_paths(store.root) == paths
        writer.close()
        assert _titles(ro) == ["后来的"]
    finally:
        ro.close()
    assert not review_cache.exists() or not list(review_cache.iterdir())


def test_a_file_changed_during_a_reading_transaction_is_refused_not_half_read(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    store.close()
    with ReadOnlyStore.open(store.root) as ro:
        with pytest.raises(StoreLocked, match="kept changing"):
            with ro.reader() as s:
                s.scalar(select(Incident.name))
                writer = Store.open(store.root)
                add_item_with_file(writer, incident.id, b"new", title="读的时候写的")
                writer.close()  # the checkpoint rewrites pages of the file being read
        assert _titles(ro) == ["读的时候写的"]  # the next transaction reads it afresh


def ro_path(ro: ReadOnlyStore) -> str:
    with ro.reader() as s:
        return str(s.execute(text("SELECT vault_path FROM file")).scalar())


def test_committed_rows_still_in_the_wal_are_read(
        store: Store, incident: IncidentRecord, tmp_path: Path, review_cache: Path) -> None:
    """A store left with committed rows in its -wal (a program killed, a disk pulled)."""
    add_item_with_file(store, incident.id, b"x", title="只在日志文件里")
    left = tmp_path / "left"
    left.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal"):
        shutil.copyfile(store.root / name, left / name)
    assert (left / (DB_NAME + "-wal")).stat().st_size > 0
    before = tree_state(left)
    with ReadOnlyStore.open(left) as ro:
        assert _titles(ro) == ["只在日志文件里"]
    assert tree_state(left) == before


def test_every_connection_refuses_to_write(store: Store, incident: IncidentRecord,
                                           review_cache: Path) -> None:
    store.close()
    with ReadOnlyStore.open(store.root) as ro:
        assert ro.connections_query_only()
        with pytest.raises(ReadOnlyLocation, match="cannot be written"):
            with ro.reader() as s:
                s.execute(text("UPDATE incident SET name = 'changed'"))
    with ReadOnlyStore.open(store.root) as ro, ro.reader() as s:
        assert s.scalar(select(Incident.name)) == incident.name


def test_from_a_read_only_mount(store: Store, incident: IncidentRecord, tmp_path: Path,
                                review_cache: Path) -> None:
    add_item_with_file(store, incident.id, b"on a disc", title="光盘上的")
    # Left with its -wal, as a copy taken while it was open would be.
    left = tmp_path / "left"
    store.flush_head()  # (no head file half-replaced at the moment of the copy)
    shutil.copytree(store.root, left)
    (left / (DB_NAME + "-shm")).unlink()
    before = tree_state(left)
    with read_only_mount(left, tmp_path / "mnt") as mnt:
        with ReadOnlyStore.open(mnt) as ro:
            assert ro.mode == "snapshot"  # committed rows in the -wal are folded into a copy
            assert _titles(ro) == ["光盘上的"]
            assert tree_state(mnt) == before
    assert tree_state(left) == before


def test_read_in_place_from_read_only_media_without_a_wal(
        store: Store, incident: IncidentRecord, tmp_path: Path, review_cache: Path) -> None:
    add_item_with_file(store, incident.id, b"on a disc", title="光盘上的")
    store.close()
    before = tree_state(store.root)
    with read_only_mount(store.root, tmp_path / "mnt") as mnt:
        with ReadOnlyStore.open(mnt) as ro:
            assert ro.mode == "in-place" and ro.snapshot_dir is None
            assert _titles(ro) == ["光盘上的"]
            assert ro.connections_query_only()
            assert tree_state(mnt) == before
    assert tree_state(store.root) == before
    assert not review_cache.exists()  # no copy was needed


def test_an_older_store_is_migrated_in_the_copy_only(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    store.close()
    engine = make_engine(store.root / DB_NAME)
    with engine.connect() as conn:
        command.downgrade(migrate.alembic_config(conn), "0001")
        conn.commit()
    engine.dispose()
    before = tree_state(store.root)
    with ReadOnlyStore.open(store.root) as ro:
        assert ro.migrated_from == "0001"
        assert ro.revision == migrate.head_revision()
        with ro.reader() as s:
            assert s.scalar(select(Incident.name)) == incident.name
    assert tree_state(store.root) == before


def _stamp_revision(root: Path, revision: str, *statements: str) -> None:
    conn = sqlite3.connect(root / DB_NAME, isolation_level=None)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        for statement in statements:
            conn.execute(statement)
        conn.execute("PRAGMA journal_mode=DELETE")
    finally:
        conn.close()


def test_a_newer_store_is_read_when_its_tables_can_be(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    store.close()
    _stamp_revision(store.root, "9999", "ALTER TABLE incident ADD COLUMN future TEXT")
    with ReadOnlyStore.open(store.root) as ro:
        assert ro.newer_schema and ro.revision == "9999"
        with ro.reader() as s:
            assert s.scalar(select(Incident.name)) == incident.name


def test_a_newer_store_whose_tables_changed_is_refused_with_a_reason(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    store.close()
    _stamp_revision(store.root, "9999", "DROP TRIGGER IF EXISTS item_no_delete",
                    "ALTER TABLE item RENAME COLUMN title TO heading")
    before = tree_state(store.root)
    with pytest.raises(StoreTooNew, match="newer version.*9999.*cannot read"):
        ReadOnlyStore.open(store.root)
    assert tree_state(store.root) == before
    assert not review_cache.exists() or list(review_cache.iterdir()) == []  # no copy left


def test_not_a_store(tmp_path: Path, review_cache: Path) -> None:
    with pytest.raises(NotAStore, match="no archive.sqlite"):
        ReadOnlyStore.open(tmp_path)
    with pytest.raises(NotAStore, match="not a folder"):
        ReadOnlyStore.open(tmp_path / "missing")
    assert list(tmp_path.iterdir()) == []  # nothing made, not even the cache


# Another program: holds the store open and commits a log entry whenever told to.
WRITER = """
import sys
import time
from pathlib import Path
from app.store.repositories import Repositories
from app.store.store import Store

store = Store.open(Path(sys.argv[1]))
repos = Repositories(store)
repos.log.add("EQ2025-01", "第一条。")
print("ready", flush=True)
for line in sys.stdin:
    repos.log.add("EQ2025-01", line.strip())
    print("committed", flush=True)
store.close()
"""


@pytest.mark.skipif(os.name == "nt", reason="the writer child is POSIX-only here")
def test_beside_a_live_writer_nothing_is_added_and_the_writer_goes_on(
        store: Store, incident: IncidentRecord, review_cache: Path) -> None:
    from app.store.repositories import Repositories

    Repositories(store).operators.add("张伟", "旗档案馆", "archivist")
    store.close()
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(store.root)], cwd=REPO,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdin is not None and writer.stdout is not None
        assert writer.stdout.readline().strip() == "ready"
        paths = lasting_paths(store.root)
        with ReadOnlyStore.open(store.root) as ro:
            assert ro.live and ro.snapshot_dir is None  # no copy needed
            with ro.reader() as s:  # a long reading transaction: one snapshot
                seen = s.scalar(text("SELECT count(*) FROM log_entry"))
                for n in range(3):  # the writer commits meanwhile, never blocked
                    writer.stdin.write(f"第{n + 2}条。\n")
                    writer.stdin.flush()
                    assert writer.stdout.readline().strip() == "committed"
                assert s.scalar(text("SELECT count(*) FROM log_entry")) == seen == 1
            with ro.reader() as s:  # the next transaction sees the new commits
                assert s.scalar(text("SELECT count(*) FROM log_entry")) == 4
            assert lasting_paths(store.root) == paths
        assert lasting_paths(store.root) == paths
        assert not review_cache.exists() or not list(review_cache.iterdir())
    finally:
        if writer.stdin is not None:
            writer.stdin.close()
        writer.wait(timeout=60)
        if writer.stdout is not None:
            writer.stdout.close()


def test_a_killed_reviews_snapshot_is_removed_and_a_live_one_kept(
        store: Store, incident: IncidentRecord, tmp_path: Path, review_cache: Path) -> None:
    add_item_with_file(store, incident.id, b"x", title="只在日志文件里")
    left = tmp_path / "left"  # committed rows in its -wal: read from a snapshot
    left.mkdir()
    for name in (DB_NAME, DB_NAME + "-wal"):
        shutil.copyfile(store.root / name, left / name)
    store.close()
    first = ReadOnlyStore.open(left)  # a review still open
    assert first.snapshot_dir is not None
    stale = review_cache / "snapshot-left-by-a-killed-review"
    stale.mkdir()
    (stale / "archive.sqlite").write_bytes(b"x" * 1000)
    (stale / "in-use.lock").write_bytes(b"")
    an_hour_ago = time.time() - 3600
    for folder in (stale, first.snapshot_dir):
        os.utime(folder, (an_hour_ago, an_hour_ago))
    with ReadOnlyStore.open(left) as second:
        assert not stale.exists()  # nobody held it
        assert first.snapshot_dir.exists()  # held by the open review
        with first.reader() as s:
            assert s.scalar(select(Incident.name)) == incident.name
        assert second.snapshot_dir is not None
    first.close()
    assert list(review_cache.iterdir()) == []
