"""The SM3 digest pass: what an import leaves for it, what it records, what it refuses."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from sqlalchemy import select

from app.capture.importer import import_files
from app.cli import main
from app.store.digests import complete_digests, pending_count
from app.store.hashing import new_sm3
from app.store.integrity import check_store
from app.store.models import AuditEvent
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.test_store_support import sql

SAMPLES = Path(__file__).parent / "data" / "camera-samples" / "jpg" / "gps"
PHOTOS = sorted(SAMPLES.glob("*.jpg"))


def sm3_of(path: Path) -> str:
    h = new_sm3()
    h.update(path.read_bytes())
    return h.hexdigest()


def cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_pass_records_each_originals_sm3_with_an_audit_event(
    store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    report = import_files(repos, incident.id, PHOTOS)
    assert len(report.imported) == len(PHOTOS)
    originals = {i.path: repos.items.get(i.item_id).file("original") for i in report.imported}
    assert all(f is not None and f.sm3 == "" for f in originals.values())
    # The thumbnails are small and made here: they have theirs already.
    thumbs = [repos.items.get(i.item_id).file("thumbnail") for i in report.imported]
    assert all(t is not None and len(t.sm3) == 64 for t in thumbs)
    assert pending_count(store) == len(PHOTOS)
    before = check_store(store)
    assert before.ok and before.sm3_pending == len(PHOTOS)

    done = complete_digests(store)

    assert done.done == len(PHOTOS) and not done.problems and not done.cancelled
    for path, original in originals.items():
        assert original is not None
        assert repos.items.get(original.item_id).file("original").sm3 == sm3_of(path)  # type: ignore[union-attr]
    with store.reader() as s:
        events = s.scalars(select(AuditEvent).where(AuditEvent.event_type == "file.digest")).all()
    assert sorted(e.object_id for e in events) == sorted(f.id for f in originals.values() if f)
    assert all(e.detail["sm3"] for e in events)
    after = check_store(store)
    assert after.ok and after.sm3_pending == 0
    assert complete_digests(store).done == 0  # nothing left to do


def test_the_database_lets_an_sm3_be_filled_once_and_never_changed(
    store_path: Path, store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    import_files(repos, incident.id, PHOTOS[:1])
    complete_digests(store)
    store.close()
    refused = [
        "UPDATE file SET sm3 = 'x' WHERE role = 'original'",
        "UPDATE file SET sha256 = 'x' WHERE role = 'original'",
        "UPDATE file SET size = size + 1",
        "UPDATE file SET vault_path = 'aa/elsewhere.jpg'",
    ]
    for statement in refused:
        with pytest.raises(sqlite3.IntegrityError, match="digests never change"):
            sql(store_path, statement)


def test_a_file_changed_before_the_pass_gets_no_sm3_and_is_reported(
    store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    report = import_files(repos, incident.id, PHOTOS[:2])
    victim = repos.items.get(report.imported[0].item_id).file("original")
    assert victim is not None
    path = store.vault.absolute(victim.vault_path)
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))

    done = complete_digests(store)

    assert done.done == 1
    assert [p for p, _ in done.problems] == [victim.vault_path]
    assert "has changed since it was stored" in done.problems[0][1]
    assert repos.items.get(victim.item_id).file("original").sm3 == ""  # type: ignore[union-attr]
    kinds = [f.kind for f in check_store(store).findings]
    assert kinds == ["file-changed"]


def test_import_command_adds_sm3_before_it_exits_and_digest_finds_nothing_left(
    store_path: Path, store: Store, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _err = cli(capsys, "import", "--store", str(store_path), "--incident",
                          incident.id, "--json", str(SAMPLES))
    assert code == 0
    result = json.loads(out)
    assert result["sm3_recorded"] == len(PHOTOS) and result["sm3_problems"] == []
    assert pending_count(store) == 0

    code, out, _err = cli(capsys, "digest", "--store", str(store_path))
    assert code == 0
    assert out.strip() == "SM3 recorded for 0 file(s)."


def test_check_says_which_files_still_wait_and_digest_adds_them(
    store_path: Path, store: Store, repos: Repositories, incident: IncidentRecord,
    capsys: pytest.CaptureFixture[str]
) -> None:
    import_files(repos, incident.id, PHOTOS[:3])  # as an import killed before its pass

    code, out, _err = cli(capsys, "check", "--store", str(store_path))
    assert code == 0
    assert "3 file(s) were checked by SHA-256 alone" in out

    code, out, _err = cli(capsys, "digest", "--store", str(store_path))
    assert code == 0
    assert out.strip() == "SM3 recorded for 3 file(s)."
    code, out, _err = cli(capsys, "check", "--store", str(store_path), "--json")
    assert json.loads(out)["sm3_pending"] == 0


def test_a_cancelled_pass_keeps_what_it_recorded_and_the_next_one_finishes(
    store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    import threading

    import_files(repos, incident.id, PHOTOS)
    cancel = threading.Event()
    paths_seen: set[str] = set()

    def progress(done: int, total: int, vault_path: str) -> None:
        paths_seen.add(vault_path)
        if len(paths_seen) > 1:  # a second file has begun
            cancel.set()

    first = complete_digests(store, progress=progress, cancel=cancel)

    assert first.cancelled
    assert pending_count(store) == len(PHOTOS) - first.done > 0
    second = complete_digests(store)
    assert second.done == len(PHOTOS) - first.done and not second.cancelled
    assert pending_count(store) == 0
    assert check_store(store).ok
