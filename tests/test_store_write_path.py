"""The store's write path: digests, placement in the vault, the audit chain and its head."""

from __future__ import annotations

import gc
import hashlib
import io
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import select

from app.store import audit
from app.store.audit import read_head
from app.store.hashing import DualDigest
from app.store.integrity import check_store
from app.store.models import AuditEvent
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import DuplicateItem, NewFile
from app.store.store import Store


@pytest.fixture(params=["inline", "threaded"])
def sm3_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """SM3 computed in the caller's thread, or on its own thread from the first 64 KiB."""
    monkeypatch.setattr(DualDigest, "PARALLEL_FROM",
                        None if request.param == "inline" else 64 * 1024)
    return str(request.param)


@pytest.mark.parametrize("size", [0, 1, 64 * 1024 - 1, 64 * 1024, 300_000, 5_000_000])
def test_both_digests_match_hashlib(sm3_mode: str, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    digest = DualDigest()
    for at in range(0, size, 100_000):
        digest.update(data[at:at + 100_000])
    assert digest.size == size
    assert digest.sha256 == hashlib.sha256(data).hexdigest()
    assert digest.sm3 == hashlib.new("sm3", data).hexdigest()


def test_a_digest_dropped_half_way_leaves_no_thread(sm3_mode: str) -> None:
    before = threading.active_count()
    digest = DualDigest()
    for _ in range(5):
        digest.update(b"\xff" * 100_000)
    del digest
    gc.collect()
    deadline = time.monotonic() + 10
    while threading.active_count() > before and time.monotonic() < deadline:
        time.sleep(0.01)
    assert threading.active_count() == before


@pytest.mark.parametrize("linked", [True, False], ids=["linked", "renamed"])
def test_an_items_files_land_together_and_leave_nothing_pending(
    store: Store, repos: Repositories, incident: IncidentRecord, sm3_mode: str, linked: bool
) -> None:
    store.vault.linked = linked
    original = b"\xff\xd8" + bytes(range(256)) * 2000
    item = repos.items.ingest(incident.id, "photo", [
        NewFile(io.BytesIO(original), original_name="a.jpg", suffix=".JPG"),
        NewFile(b"thumbnail", role="thumbnail", suffix=".jpg", derived_from=0),
    ])
    stored = item.file("original")
    thumb = item.file("thumbnail")
    assert stored is not None and thumb is not None
    assert stored.vault_path.endswith(".jpg")
    assert stored.vault_path.split("/")[0] == thumb.vault_path.split("/")[0]  # one folder
    assert thumb.derived_from == stored.id and (stored.seq, thumb.seq) == (1, 2)
    assert stored.sha256 == hashlib.sha256(original).hexdigest()
    assert stored.sm3 == hashlib.new("sm3", original).hexdigest()
    with repos.items.open_file(stored.vault_path) as f:
        assert f.read() == original
    assert list(store.vault.pending.iterdir()) == []
    report = check_store(store)
    assert report.ok, [f.message for f in report.findings]


def test_a_refused_item_leaves_no_file(
    store: Store, repos: Repositories, incident: IncidentRecord
) -> None:
    repos.items.ingest(incident.id, "photo", [NewFile(b"same picture", suffix=".jpg")])
    with pytest.raises(DuplicateItem):
        repos.items.ingest(incident.id, "photo", [
            NewFile(b"a thumbnail", role="thumbnail", suffix=".jpg"),
            NewFile(b"same picture", suffix=".jpg"),
        ])
    assert len(list(store.vault.iter_files())) == 1
    assert list(store.vault.pending.iterdir()) == []


def test_the_head_file_follows_every_commit(store_path: Path, store: Store,
                                            repos: Repositories) -> None:
    # There from the start: the head after a commit is written a moment later, and a
    # chain without a head file would look cut to a `check` run in that moment.
    assert read_head(store_path) is not None
    for n in range(25):
        repos.operators.add(f"记录员{n}", "档案馆", "archivist")
    store.flush_head()
    with store.reader() as s:
        seq, digest = s.execute(select(AuditEvent.seq, AuditEvent.hash)
                                .order_by(AuditEvent.seq.desc()).limit(1)).one()
    assert read_head(store_path) == audit.ChainHead(seq, digest)
    repos.operators.add("最后一位", "档案馆", "archivist")
    store.close()  # closing writes the newest head before it returns
    head = read_head(store_path)
    assert head is not None and head.count == seq + 2  # operator.add and its row seal


def test_events_of_one_unit_of_work_chain_in_order(store: Store) -> None:
    with store.writer() as s:
        first = audit.record(s, audit.Actor("测试"), "test.one", detail={"n": 1})
        second = audit.record(s, audit.Actor("测试"), "test.two", detail={"n": 2})
        third = audit.record(s, audit.Actor("测试"), "test.three", detail={"when": time})
    assert (second.seq, third.seq) == (first.seq + 1, first.seq + 2)
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert isinstance(third.detail["when"], str)  # stored as the JSON it was hashed as
    report = check_store(store)
    assert report.ok, [f.message for f in report.findings]
