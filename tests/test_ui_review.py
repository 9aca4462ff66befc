"""The review window: a whole session (browse, history, integrity, report) leaves every byte
and path of the store as it was, also while the window is open; nothing in it can write."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from app.store.reading import StoreReader
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.review.items_model import COLUMN_KEYS
from app.ui.review.review_window import ReviewWindow
from app.ui.worker import Jobs
from tests.review_support import lasting_paths, read_only_mount, review_cache, tree_state
from tests.review_walk import query_only, walk
from tests.test_ui_operators import window

__all__ = ["review_cache", "window"]
SAMPLES = Path(__file__).parent / "data" / "camera-samples"
PASS = "review-2025"


def at(hour: int) -> datetime:
    return datetime.fromisoformat(f"2025-07-21T{hour:02d}:00:00+08:00")


def fill(store: Store, repos: Repositories, incident: IncidentRecord) -> None:
    repos.operators.add("张伟", "旗档案馆", "archivist")
    repos.operators.add("李审核", "应急管理厅", "reviewer", passphrase=PASS)
    photos = sorted((SAMPLES / "jpg").rglob("*.jpg"))[:3]
    for photo in photos:
        repos.items.ingest(incident.id, "photo", [NewFile(photo, original_name=photo.name,
                                                          format="image/jpeg", suffix=".jpg")],
                           fields={"title": photo.stem})
    first = repos.log.add(incident.id, "到达现场，开始拍摄。", occurred_at=at(15))
    repos.log.correct(first.id, "到达震中某镇中心小学，开始拍摄。", reason="补充地点")
    second = repos.log.add(incident.id, "接收旗融媒体中心移交的照片。", occurred_at=at(16),
                           category="handover")
    repos.log.review([second.id], "李审核", PASS, opinion="同意")
    store.close()


@pytest.fixture
def worked(store: Store, repos: Repositories, incident: IncidentRecord) -> Store:
    fill(store, repos, incident)
    return store


@pytest.fixture
def session(qtbot, tmp_path: Path) -> Iterator[tuple[Jobs, Translations]]:
    jobs = Jobs()
    translations = Translations(tmp_path / "i18n-cache")
    translations.set_language("en")
    yield jobs, translations
    jobs.cancel_all()
    jobs.wait()


def open_window(qtbot, root: Path, session: tuple[Jobs, Translations]) -> ReviewWindow:
    window = ReviewWindow(StoreReader.open(root), *session)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.log_model.loading and not window.items_model.loading,
                    timeout=10000)
    return window


def browse_check_and_report(qtbot, window: ReviewWindow, out: Path) -> str:
    """What a supervisor does: read the log and its history, list items, check, report."""
    assert [window.log_model.view_at(r).entry.content for r in range(2)] == [
        "接收旗融媒体中心移交的照片。", "到达震中某镇中心小学，开始拍摄。"]
    history = window.show_history(window.log_model.index(1, 0))
    assert history is not None and history.history is not None
    assert len(history.history.versions) == 2  # the correction and the original
    history.reject()
    window.tabs.setCurrentIndex(1)
    assert window.items_model.rowCount() == 3
    window.tabs.setCurrentIndex(2)
    with qtbot.waitSignal(window.integrity.checked, timeout=60000):
        window.integrity.run_button.click()
    window.tabs.setCurrentIndex(3)
    window.report.inspector_edit.setText("赵监督（盟档案馆）")
    window.report.findings_edit.setPlainText("工作日志完整，已审核一条。")
    with qtbot.waitSignal(window.report.saved, timeout=60000):
        window.report.save_to(out)
    assert window.report.result is not None
    return window.report.result.sha256


def test_a_whole_session_changes_nothing(qtbot, worked: Store, tmp_path: Path,
                                         review_cache: Path, session) -> None:
    before = tree_state(worked.root)
    window = open_window(qtbot, worked.root, session)
    assert "只读审阅" in window.banner.text() and str(worked.root) in window.banner.text()
    out = tmp_path / "reports" / "审阅报告.pdf"
    out.parent.mkdir()
    digest = browse_check_and_report(qtbot, window, out)
    assert window.integrity.report is not None and window.integrity.report.ok
    assert window.items_model.index(0, COLUMN_KEYS.index("integrity")).data() == "✓"
    data = out.read_bytes()
    assert data.startswith(b"%PDF") and hashlib.sha256(data).hexdigest() == digest
    assert digest in window.report.result_label.text()
    assert tree_state(worked.root) == before  # while the window is open
    # The report is never written into what is reviewed.
    assert window.report.save_to(worked.root / "report.pdf") is None  # refused at once
    assert "cannot be saved inside the store" in window.report.error.text()
    assert window.report.error.isVisible()
    window.close()
    window.reader.close()
    assert tree_state(worked.root) == before


def test_nothing_in_the_window_can_write(qtbot, worked: Store, review_cache: Path,
                                         session) -> None:
    window = open_window(qtbot, worked.root, session)
    found = walk(window, "window")
    assert found.writers == []
    assert found.engines and all(query_only(e) for e in found.engines)
    assert found.visited > 200  # the walk did reach the widgets and models
    window.close()
    window.reader.close()


def test_review_from_a_read_only_mount(qtbot, worked: Store, tmp_path: Path,
                                       review_cache: Path, session) -> None:
    disc = tmp_path / "disc"
    shutil.copytree(worked.root, disc)
    before = tree_state(disc)
    with read_only_mount(disc, tmp_path / "mnt") as mnt:
        window = open_window(qtbot, mnt, session)
        browse_check_and_report(qtbot, window, tmp_path / "report.pdf")
        assert window.integrity.report is not None and window.integrity.report.ok
        window.close()
        window.reader.close()
        assert tree_state(mnt) == before
    assert tree_state(disc) == before


def test_a_flipped_byte_shows_on_its_item(qtbot, worked: Store, review_cache: Path,
                                          session) -> None:
    with StoreReader.open(worked.root) as reader:
        victim = reader.items.list(reader.incidents.list()[0].id)[1]
    original = victim.file("original")
    assert original is not None
    path = worked.root / "vault" / original.vault_path
    path.chmod(0o644)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x01
    path.write_bytes(bytes(data))
    window = open_window(qtbot, worked.root, session)
    with qtbot.waitSignal(window.integrity.checked, timeout=60000):
        window.integrity.run()
    report = window.integrity.report
    assert report is not None and not report.ok
    assert [f.item_id for f in report.findings] == [victim.id]
    row = window.items_model.row_of(victim.id)
    cell = window.items_model.index(row, COLUMN_KEYS.index("integrity"))
    assert cell.data().startswith("✗")
    assert "has changed since it was stored" in window.items_model.data(cell, 3)  # tooltip
    others = [r for r in range(3) if r != row]
    assert all(window.items_model.index(r, COLUMN_KEYS.index("integrity")).data() == "✓"
               for r in others)
    assert window.integrity.findings.count() == 1
    window.close()
    window.reader.close()


def test_the_main_window_reviews_its_own_store_beside_itself(qtbot, window,
                                                             review_cache: Path) -> None:
    """File ▸ Review: the store the window has open is read live, nothing added to it."""
    root = window.services.store.root
    paths = lasting_paths(root)
    window.open_review(root)
    qtbot.waitUntil(lambda: len(window.reviews) == 1, timeout=10000)
    review = window.reviews[0]
    assert isinstance(review, ReviewWindow) and review.reader.source.live
    qtbot.waitUntil(lambda: not review.log_model.loading and not review.items_model.loading,
                    timeout=10000)
    assert "只读审阅" in review.banner.text()
    assert lasting_paths(root) == paths
    assert walk(review).writers == []
    review.close()  # deleted on close; its reader closes with it
    qtbot.waitUntil(lambda: window.reviews == [], timeout=5000)
    assert lasting_paths(root) == paths


def test_review_refuses_what_is_neither_a_store_nor_a_package(tmp_path: Path, capsys,
                                                             review_cache: Path) -> None:
    """(A cache folder of its own: the Chinese is built from this tree's catalogue.)"""
    from app.cli import main

    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(b"\xff\xd8")
    broken_zip = tmp_path / "package.zip"
    broken_zip.write_bytes(b"PK\x03\x04")
    for path in (folder, broken_zip):
        assert main(["review", str(path)]) == 1
        err = capsys.readouterr().err
        assert "is neither a FieldArchive store nor a transfer package" in err
        assert len(err.strip().splitlines()) == 1
    assert main(["review", str(tmp_path / "nothing")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["--lang", "zh_CN", "review", str(folder)]) == 1
    assert "既不是" in capsys.readouterr().err
    assert list(folder.iterdir()) == [folder / "a.jpg"]
