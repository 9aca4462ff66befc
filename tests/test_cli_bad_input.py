"""Bad input: each refused with a non-zero exit, one clear sentence, and the store unchanged."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.store.errors import CorruptStore, DiskFull, NotAStore, ReadOnlyLocation
from app.store.integrity import check_store
from app.store.repositories import Repositories
from app.store.store import DB_NAME, Store
from tests.test_store_support import (
    add_item_with_file,
    assert_one_clear_line,
    audit_count,
    one_json_object,
    run_cli,
    sql,
    tree_digest,
)

CREATE = ["incident", "create", "--name", "山洪", "--kind", "natural", "--level", "IV",
          "--started", "2025-07-01T08:00+08:00", "--fonds", "Z109"]


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys: pytest.CaptureFixture[str], where: Path, *args: str,
            status: int = 1) -> str:
    """Run a command that must fail; return its one line. Checks the store did not change."""
    before = tree_digest(where) if where.exists() else None
    code, out, err = cli(capsys, *args, "--json")
    assert code == status, (out, err)
    obj = one_json_object(out)
    line = assert_one_clear_line(err)
    assert line == f"fieldarchive: {obj['error']}" or line == obj["error"]
    assert (tree_digest(where) if where.exists() else None) == before
    return line


@pytest.fixture
def filled(store_path: Path, store: Store, repos: Repositories, incident) -> Path:
    add_item_with_file(store, incident.id, b"\xff\xd8 photo" * 100)
    store.close()
    return store_path


def test_a_folder_that_is_not_a_store(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "IMG_0001.JPG").write_bytes(b"\xff\xd8 someone's photo")
    line = refused(capsys, folder, "incident", "list", "--store", str(folder))
    assert "is not a FieldArchive store" in line
    line = refused(capsys, folder, *CREATE, "--store", str(folder))
    assert "is not empty; choose an empty folder" in line
    line = refused(capsys, folder, "check", "--store", str(folder))
    assert "is not a FieldArchive store" in line


def test_a_folder_holding_someone_elses_database(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "other"
    folder.mkdir()
    conn = sqlite3.connect(folder / DB_NAME)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.commit()
    conn.close()
    line = refused(capsys, folder, "incident", "list", "--store", str(folder))
    assert "not a FieldArchive store" in line
    line = refused(capsys, folder, "check", "--store", str(folder))
    assert "not a FieldArchive store" in line


def test_a_file_instead_of_a_folder(tmp_path: Path, capsys) -> None:
    file = tmp_path / "archive.zip"
    file.write_bytes(b"PK\x03\x04")
    line = refused(capsys, file, "incident", "list", "--store", str(file))
    assert line.endswith("is a file, not a store folder; give the store's folder.")
    refused(capsys, file, *CREATE, "--store", str(file))


def test_garbage_in_the_database_file(filled: Path, capsys) -> None:
    (filled / DB_NAME).write_bytes(b"\x00\x01garbage" * 5000)
    line = refused(capsys, filled, "incident", "list", "--store", str(filled))
    assert "is not a SQLite database (damaged or replaced)" in line
    refused(capsys, filled, "check", "--store", str(filled))
    refused(capsys, filled, *CREATE, "--store", str(filled))


def test_a_truncated_database_file(filled: Path, capsys) -> None:
    db = filled / DB_NAME
    db.write_bytes(db.read_bytes()[:8192])
    for args in (["incident", "list"], ["check"], CREATE):
        line = refused(capsys, filled, *args, "--store", str(filled))
        assert "is damaged (database disk image is malformed); restore it from a backup" in line
    with pytest.raises(CorruptStore):
        Store.open(filled)


def test_an_emptied_database_file(filled: Path, capsys) -> None:
    (filled / DB_NAME).write_bytes(b"")
    line = refused(capsys, filled, "incident", "list", "--store", str(filled))
    assert "is empty; restore it from a backup" in line


@pytest.fixture
def write_lock(filled: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a long write."""
    conn = sqlite3.connect(filled / DB_NAME, isolation_level=None, timeout=0)
    conn.execute("BEGIN EXCLUSIVE")
    conn.execute("INSERT INTO store_setting (key, value) VALUES ('other-program', 'busy')")
    yield conn
    conn.execute("ROLLBACK")
    conn.close()


def test_a_locked_store(filled: Path, write_lock, capsys,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FIELDARCHIVE_BUSY_TIMEOUT_MS", "200")
    events = audit_count(filled)
    code, out, err = cli(capsys, *CREATE, "--store", str(filled), "--json")
    assert code == 1
    assert one_json_object(out)["code"] == "store-locked"
    assert "is in use by another program; close it and try again" in assert_one_clear_line(err)
    # Reading is not blocked by the other program's write.
    code, out, _ = cli(capsys, "incident", "list", "--store", str(filled), "--json")
    assert code == 0 and len(one_json_object(out)["incidents"]) == 1
    assert audit_count(filled) == events


def test_a_locked_store_from_the_real_program(filled: Path, write_lock) -> None:
    result = run_cli(*CREATE, "--store", str(filled),
                     env={"FIELDARCHIVE_BUSY_TIMEOUT_MS": "200"})
    assert result.returncode == 1
    assert "in use by another program" in assert_one_clear_line(result.stderr)


def test_a_store_from_a_newer_version(filled: Path, capsys, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    sql(filled, "UPDATE alembic_version SET version_num = '0099'")
    line = refused(capsys, filled, *CREATE, "--store", str(filled))
    assert "was written by a newer version of FieldArchive (schema 0099)" in line
    # Its tables can still be read: reading commands read it, read-only, untouched.
    before = tree_digest(filled)
    for args in (["incident", "list"], ["check"]):
        code, out, err = cli(capsys, *args, "--store", str(filled), "--json")
        assert code == 0, err
    assert tree_digest(filled) == before
    # A newer schema this version cannot read is refused with the reason.
    sql(filled, "ALTER TABLE item RENAME COLUMN title TO heading")
    for args in (["incident", "list"], ["check"]):
        line = refused(capsys, filled, *args, "--store", str(filled))
        assert "newer version of FieldArchive (schema 0099) whose tables this version " \
            "cannot read" in line


def test_an_unknown_incident(filled: Path, capsys) -> None:
    line = refused(capsys, filled, "incident", "show", "EQ-404", "--store", str(filled))
    assert line.endswith("There is no incident 'EQ-404' in this store; 'fieldarchive incident "
                         "list' shows the ids.")
    refused(capsys, filled, "incident", "end", "EQ-404", "--ended", "2025-08-01T00:00+08:00",
            "--store", str(filled))


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["incident", "create", "--name", "x", "--kind", "natural", "--level", "I",
          "--fonds", "Z109"], "required: --started"),
        (["incident", "create", "--name", "x", "--kind", "natural", "--level", "I",
          "--started", "2025-13-45", "--fonds", "Z109"], "is not an ISO 8601 date/time"),
        (["incident", "end", "anything", "--ended", "yesterday"], "is not an ISO 8601"),
        (["incident", "create", "--name", "x", "--kind", "洪水", "--level", "I",
          "--started", "2025-07-01", "--fonds", "Z109"], "Unknown incident kind '洪水'"),
        (["incident", "create", "--name", "x", "--kind", "natural", "--level", "V",
          "--started", "2025-07-01", "--fonds", "Z109"], "Unknown incident level 'V'"),
        (["operator", "add", "--name", "x", "--unit", "y", "--role", "boss"],
         "Unknown role 'boss'"),
    ],
)
def test_usage_errors(filled: Path, capsys, args: list[str], says: str) -> None:
    line = refused(capsys, filled, *args, "--store", str(filled), status=2)
    assert says in line


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--fonds", "Z 109/"], "The fonds code 'Z 109/' is not valid"),
        (["--fonds", "Z109", "--name", "   "], "An incident needs a name."),
        (["--fonds", "Z109", "--started", "2150-01-01T00:00+08:00"], "start time is in the future"),
    ],
)
def test_invalid_values(filled: Path, capsys, args: list[str], says: str) -> None:
    base = {"--name": "山洪", "--kind": "natural", "--level": "IV",
            "--started": "2025-07-01T08:00+08:00"}
    given = dict(zip(args[::2], args[1::2], strict=True))
    argv = ["incident", "create"]
    for key, value in {**base, **given}.items():
        argv += [key, value]
    line = refused(capsys, filled, *argv, "--store", str(filled))
    assert says in line


# -- read-only media ---------------------------------------------------------------------------

@pytest.fixture
def read_only_copy(filled: Path, tmp_path: Path) -> Iterator[Path]:
    """The store copied to a real read-only file system (as on a disc or a locked USB disk)."""
    mount_point = tmp_path / "ro"
    mount_point.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount_point)],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as err:
        pytest.skip(f"a read-only file system is needed and mount is not permitted here ({err})")
    try:
        shutil.copytree(filled, mount_point / "store")
        subprocess.run(["mount", "-o", "remount,ro", str(mount_point)], check=True,
                       capture_output=True)
        yield mount_point / "store"
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)


def test_writing_to_a_read_only_location_is_refused(read_only_copy: Path, capsys) -> None:
    line = refused(capsys, read_only_copy, *CREATE, "--store", str(read_only_copy))
    assert "is on a read-only location; it can be read" in line
    with pytest.raises(ReadOnlyLocation):
        Store.open(read_only_copy)
    new = read_only_copy.parent / "new-store"
    line = refused(capsys, new, *CREATE, "--store", str(new))
    assert "Cannot create a store" in line and "Read-only file system" in line


def test_listing_works_on_a_read_only_location(read_only_copy: Path, capsys) -> None:
    before = tree_digest(read_only_copy)
    assert main(["incident", "list", "--store", str(read_only_copy), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["incidents"]
    assert listed and all("id" in i for i in listed)
    assert tree_digest(read_only_copy) == before


def test_check_works_on_a_read_only_location(read_only_copy: Path, capsys) -> None:
    before = tree_digest(read_only_copy)
    code, out, err = cli(capsys, "check", "--store", str(read_only_copy))
    assert code == 0, err
    assert re.fullmatch(r"OK: 1 files, \d+ sealed rows and 5 audit events verified\.",
                        out.strip()), out
    with Store.open(read_only_copy, readonly=True) as store:
        assert check_store(store).ok
        assert [i.name for i in Repositories(store).incidents.list()] == ["2025年某旗7.1级地震"]
    assert tree_digest(read_only_copy) == before


def test_check_still_finds_damage_on_a_read_only_location(filled: Path, tmp_path: Path) -> None:
    """(Without a mount: the immutable fallback is what reads it; damage is still reported.)"""
    vault_file = next(p for p in (filled / "vault").rglob("*.jpg"))
    vault_file.chmod(0o600)
    vault_file.write_bytes(b"changed")
    with Store.open(filled, readonly=True) as store:
        kinds = [f.kind for f in check_store(store).findings]
    assert kinds == ["file-changed"]


def test_a_failed_open_leaves_no_side_files(filled: Path) -> None:
    db = filled / DB_NAME
    db.write_bytes(db.read_bytes()[:8192])
    before = sorted(p.name for p in filled.iterdir())
    with pytest.raises(CorruptStore):
        Store.open(filled)
    with pytest.raises(CorruptStore):
        Store.open(filled, readonly=True)
    assert sorted(p.name for p in filled.iterdir()) == before


def test_reading_a_store_leaves_no_side_files(filled: Path) -> None:
    before = tree_digest(filled)
    with Store.open(filled, readonly=True) as store:
        assert len(Repositories(store).incidents.list()) == 1
    assert tree_digest(filled) == before


def test_not_a_store_in_the_api(tmp_path: Path) -> None:
    with pytest.raises(NotAStore):
        Store.open(tmp_path / "missing")
    with pytest.raises(NotAStore):
        Store.open(tmp_path / "missing", readonly=True)


# -- a full disk --------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 2 MiB file system: writing past it gives ENOSPC, as on a full USB disk."""
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point)],
                       check=True, capture_output=True)
    except (OSError, subprocess.CalledProcessError) as err:
        pytest.skip(f"a small file system is needed and mount is not permitted here ({err})")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], capture_output=True)


def fill(disk: Path) -> Path:
    """Take every free byte with a junk file."""
    junk = disk / "junk.bin"
    # Unbuffered: a write the disk takes only part of leaves nothing behind for close() to
    # flush (and fail on), however the free space falls against the block size.
    with open(junk, "wb", buffering=0) as f:
        try:
            while True:
                f.write(b"\0" * 65536)
        except OSError:
            pass
    return junk


def test_a_full_disk_is_said_plainly_and_loses_nothing(small_disk: Path, capsys) -> None:
    store_path = small_disk / "store"
    assert cli(capsys, *CREATE, "--store", str(store_path))[0] == 0
    events = audit_count(store_path)
    with Store.open(store_path) as store:
        stream = io.BytesIO(b"\xff" * (3 * 1024 * 1024))  # larger than the disk
        with pytest.raises(DiskFull, match="is full"):
            store.vault.place_stream(stream, ".mp4")
        assert list(store.vault.iter_files()) == []
        assert list(store.vault.pending.iterdir()) == []  # the partial copy is gone
    junk = fill(small_disk)
    line = refused(capsys, store_path, *CREATE, "--store", str(store_path))
    assert "is full" in line and "Free some space" in line
    junk.unlink()
    assert audit_count(store_path) == events
    code, out, _ = cli(capsys, "check", "--store", str(store_path))
    assert code == 0, out
    assert cli(capsys, *CREATE, "--store", str(store_path))[0] == 0  # works again with room
