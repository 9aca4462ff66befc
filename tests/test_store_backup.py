"""A second copy off the laptop: `backup` copies new files only, the copy verifies where it
lies, an interrupted or disk-full backup goes on when run again, `restore` brings it back."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.capture.importer import import_files
from app.store import backup as backup_module
from app.store.backup import PART, backup_store, restore_backup
from app.store.errors import DiskFull, InvalidInput
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import RECOVERED_DIR, Store
from tests.test_import_media import make_audio
from tests.test_store_support import run_cli

SAMPLES = Path(__file__).parent / "data" / "camera-samples"


def fill(repos: Repositories, incident: IncidentRecord, folder: Path) -> int:
    report = import_files(repos, incident.id, [folder])
    assert report.ok
    return len(report.imported)


def all_files(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def check_ok(root: Path) -> None:
    with Store.open(root, readonly=True) as copy:
        report = check_store(copy)
    assert report.ok, [f.message for f in report.findings]


def test_backup_copies_new_files_only_verifies_where_it_lies_and_restores(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    fill(repos, incident, SAMPLES / "jpg" / "gps")
    (store.root / "keys").mkdir()  # whatever else lies in the store folder stays there
    (store.root / "keys" / "signing.pem").write_text("-----BEGIN PRIVATE KEY-----")
    target = tmp_path / "usb" / "FieldArchive-backup"

    first = backup_store(store, target)
    repos.backups.record(first)
    assert first.copied == first.files > 0
    check_ok(target)
    assert {p.split("/")[0] for p in all_files(target)} == {
        "archive.sqlite", "audit-head.json", "backup.json", "vault"}

    fill(repos, incident, SAMPLES / "jpg" / "orientation")
    second = backup_store(store, target)
    assert second.files > first.files
    assert second.copied == second.files - first.files  # only the new ones
    check_ok(target)

    restored = tmp_path / "new-laptop" / "store"
    report = restore_backup(target, restored)
    assert report.files == second.files
    check_ok(restored)
    with Store.open(restored) as again:
        assert Repositories(again).items.count(incident.id) == repos.items.count(incident.id)
    with pytest.raises(InvalidInput, match="not empty"):
        restore_backup(target, restored)


def test_recordings_a_crash_kept_aside_go_into_the_backup_and_come_back(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    """A recording cut off by a crash lies in recovered/ with no row: a backup that left
    it out would lose it with the laptop."""
    kept = store.root / RECOVERED_DIR / "recording-20250722-031500.wav"
    kept.parent.mkdir()
    make_audio(kept)
    target = tmp_path / "usb" / "FieldArchive-backup"

    first = backup_store(store, target)
    assert first.recovered == 1
    assert (target / RECOVERED_DIR / kept.name).read_bytes() == kept.read_bytes()
    check_ok(target)
    assert backup_store(store, target).bytes_copied == 0  # already there: not copied again

    restored = tmp_path / "new-laptop" / "store"
    restore_backup(target, restored)
    assert (restored / RECOVERED_DIR / kept.name).read_bytes() == kept.read_bytes()
    check_ok(restored)


def test_a_backup_never_lands_in_the_store_or_on_other_files(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    with pytest.raises(InvalidInput, match="outside the store"):
        backup_store(store, store.root / "backup")
    busy = tmp_path / "documents"
    busy.mkdir()
    (busy / "report.docx").write_bytes(b"PK")
    with pytest.raises(InvalidInput, match="holds other files"):
        backup_store(store, busy)
    assert all_files(busy) == {"report.docx"}


def test_an_interrupted_backup_goes_on_where_it_stopped(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(repos, incident, SAMPLES / "jpg")
    target = tmp_path / "backup"
    real = backup_module._copy_file
    copies = {"n": 0}

    def dies_after_five(source: Path, dest: Path) -> int:
        if copies["n"] == 5:  # the laptop's battery gives out in the middle of a copy
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.with_name(dest.name + PART).write_bytes(b"half a file")
            raise KeyboardInterrupt
        copies["n"] += 1
        return real(source, dest)

    monkeypatch.setattr(backup_module, "_copy_file", dies_after_five)
    with pytest.raises(KeyboardInterrupt):
        backup_store(store, target)
    assert not (target / "archive.sqlite").exists()  # nothing looks like a finished backup
    monkeypatch.setattr(backup_module, "_copy_file", real)

    report = backup_store(store, target)
    assert report.copied == report.files - 5
    assert not [p for p in all_files(target) if p.endswith(PART)]
    check_ok(target)


def test_the_reminder_is_due_with_no_backup_or_an_old_one(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    now = datetime.now(UTC)
    assert repos.backups.overdue(now)
    repos.backups.record(backup_store(store, tmp_path / "backup"))
    assert not repos.backups.overdue(now + timedelta(hours=23))
    assert repos.backups.overdue(now + timedelta(hours=25))
    assert "store.backup" in {e.event_type for e in repos.audit.list()}


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mount = tmp_path / "small-disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", str(mount)], check=True)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_backup_disk_says_so_and_the_backup_finishes_once_there_is_room(
    tmp_path: Path, store: Store, repos: Repositories, incident: IncidentRecord,
    small_disk: Path
) -> None:
    sounds = tmp_path / "sounds"
    sounds.mkdir()
    for n in range(4):  # about 2 MB each: more than the 5-MB disk holds
        make_audio(sounds / f"take_{n}.wav", "wav", seconds=10.0 + n)
    fill(repos, incident, sounds)
    target = small_disk / "backup"

    with pytest.raises(DiskFull, match="is full") as full:
        backup_store(store, target)
    assert "goes on where it stopped" in str(full.value)
    assert not [p for p in all_files(target) if p.endswith(PART)]
    subprocess.run(["mount", "-o", "remount,size=50m", str(small_disk)], check=True)

    report = backup_store(store, target)
    assert report.files == 4 and 0 < report.copied < report.files  # the rest, now
    check_ok(target)


def test_the_commands_back_up_check_and_restore(
    tmp_path: Path, repos: Repositories, incident: IncidentRecord
) -> None:
    fill(repos, incident, SAMPLES / "jpg" / "gps")
    root, target = str(repos.store.root), str(tmp_path / "backup")
    done = run_cli("backup", "--store", root, "--to", target)
    assert done.returncode == 0, done.stderr
    assert "check --store" in done.stdout
    done = run_cli("check", "--store", target)
    assert done.returncode == 0, done.stderr
    done = run_cli("restore", "--from", target, "--store", str(tmp_path / "restored"))
    assert done.returncode == 0, done.stderr
    assert "check passed" in done.stdout
