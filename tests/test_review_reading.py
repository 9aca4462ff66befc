"""The read interface: everything a supervisor looks at, and no way to write from it."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from app.store.integrity import check_store
from app.store.reading import StoreReader, StoreReading
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.store import Store
from tests.review_support import review_cache, tree_state
from tests.review_walk import WRITE_METHODS, query_only, walk
from tests.test_store_support import add_item_with_file

__all__ = ["review_cache"]
PASS = "review-2025"


def at(hour: int) -> datetime:
    return datetime.fromisoformat(f"2025-07-21T{hour:02d}:00:00+08:00")


@pytest.fixture
def worked(store: Store, repos: Repositories, incident: IncidentRecord) -> Store:
    """A store with items, a corrected and a reviewed log entry, then closed."""
    repos.operators.add("张伟", "旗档案馆", "archivist")
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase=PASS)
    add_item_with_file(store, incident.id, b"photo one", title="村口")
    add_item_with_file(store, incident.id, b"photo two", title="学校")
    first = repos.log.add(incident.id, "到达现场。", occurred_at=at(15))
    repos.log.correct(first.id, "到达震中某镇。", reason="补充地点")
    second = repos.log.add(incident.id, "开始拍摄。", occurred_at=at(16))
    repos.log.review([second.id], "李审核", PASS, opinion="同意")
    store.close()
    return store


def test_the_reader_shows_what_the_repositories_show(worked: Store, review_cache: Path) -> None:
    before = tree_state(worked.root)
    with StoreReader.open(worked.root) as reader, Store.open(worked.root) as writable:
        repos = Repositories(writable)
        ref = repos.incidents.list()[0].id
        for source in (reader, repos):  # the same interface on both
            view: StoreReading = source
            assert [i.name for i in view.incidents.list()] == ["2025年某旗7.1级地震"]
        assert reader.incidents.get(ref) == repos.incidents.get(ref)
        assert reader.schedules.current(ref) == repos.schedules.current(ref)
        assert reader.items.list(ref, limit=1) == repos.items.list(ref, limit=1)
        assert reader.items.count(ref) == 2
        page = reader.log.page(ref)
        assert page == repos.log.page(ref)
        assert [v.entry.content for v in page] == ["到达震中某镇。", "开始拍摄。"]
        assert page[0].version_count == 2  # the correction
        assert [r.opinion for r in page[1].entry.reviews] == ["同意"]
        assert reader.log.history(page[0].entry.id) == repos.log.history(page[0].entry.id)
        assert reader.audit.list(limit=5) == repos.audit.list(limit=5)
        assert [o.name for o in reader.operators.list()] == ["张伟", "李审核"]
        head = reader.head()
        assert head.tail is not None and head.recorded == head.tail
    writable_closed = tree_state(worked.root)
    assert set(writable_closed) >= set(before)  # (the writable open is the contrast)


def test_files_are_handed_out_read_only(worked: Store, review_cache: Path) -> None:
    before = tree_state(worked.root)
    with StoreReader.open(worked.root) as reader:
        ref = reader.incidents.list()[0].id
        item = reader.items.list(ref)[0]
        original = item.file("original")
        assert original is not None
        with reader.items.open_file(original.vault_path) as f:
            assert f.read() in (b"photo one", b"photo two")
            with pytest.raises(io.UnsupportedOperation):
                f.write(b"x")
        with pytest.raises(Exception, match="not a file of this store"):
            reader.items.open_file("../archive.sqlite")
    assert tree_state(worked.root) == before


def test_no_write_method_is_reachable_from_the_reader(worked: Store,
                                                       review_cache: Path) -> None:
    with StoreReader.open(worked.root) as reader:
        found = walk(reader, "reader")
        assert found.writers == []
        assert found.engines and all(query_only(e) for e in found.engines)
        assert {"add", "correct", "review", "ingest", "stage", "create", "writer",
                "place_stream", "recover"} <= WRITE_METHODS


def test_the_walk_does_find_writers(store: Store) -> None:
    """The walk itself can fail: on the writable bundle it finds them."""
    repos = Repositories(store)
    assert walk({"deep": [(repos.items,)]}).writers == ["root['deep'][0][0]: a ItemRepository"]
    assert walk(lambda: store.vault).writers == ["root.<closure>: a Store"]
    found = walk(repos.items.open_file)  # a bound method leads to its object
    assert found.writers == ["root.__self__: a ItemRepository"]


def test_check_runs_on_the_reader_and_changes_nothing(worked: Store,
                                                      review_cache: Path) -> None:
    before = tree_state(worked.root)
    with StoreReader.open(worked.root) as reader:
        report = check_store(reader.source)
    assert report.ok, report.findings
    assert report.files_checked == 2
    assert tree_state(worked.root) == before
