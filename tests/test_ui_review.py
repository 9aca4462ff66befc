"""The review window: a whole session (the dashboard, the library browsed and searched, a
recording played, histories, integrity, report) leaves every byte and path of the store as
it was, also while the window is open; nothing in it can write."""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtMultimedia import QMediaPlayer

from app.store.reading import StoreReader
from app.store.records import IncidentRecord
from app.store.repositories import Repositories
from app.store.repositories.items import NewFile
from app.store.store import Store
from app.ui.i18n import Translations
from app.ui.review.items_model import COLUMN_KEYS
from app.ui.review.review_window import ReviewWindow
from app.ui.worker import Jobs
from tests import pulse
from tests.review_support import lasting_paths, read_only_mount, review_cache, tree_state
from tests.review_walk import query_only, walk
from tests.test_ui_operators import window

__all__ = ["review_cache", "window"]
PULSE_PROBLEM = pulse.ensure()  # a sound server before Qt first asks for audio devices
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
    with tempfile.TemporaryDirectory() as tmp:
        tone = pulse.write_tone(Path(tmp) / "site.wav", 4.0)
        repos.items.ingest(incident.id, "audio", [NewFile(tone, original_name="site.wav",
                                                          format="audio/wav", suffix=".wav")],
                           fields={"title": "转移群众现场录音"})
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
    qtbot.waitUntil(lambda: not window.log_model.loading and not window.items_model.loading
                    and not window.library.model.loading
                    and window.dashboard.figures is not None, timeout=20000)
    return window


def search(qtbot, window: ReviewWindow, text: str):  # type: ignore[no-untyped-def]
    window.library.search.box.setText(text)
    window.library.search.run_now()
    qtbot.waitUntil(lambda: not window.library.search.waiting, timeout=10000)
    hits = window.library.search.model
    assert hits.rowCount() >= 1, text
    return hits.index(0, 0), hits.hit_at(0)


def browse_library_and_play(qtbot, window: ReviewWindow) -> None:
    """The dashboard's figures; the library searched, a hit previewed and played, its
    history; a log entry found by the search shown on the work log."""
    window.tabs.setCurrentWidget(window.dashboard)
    figures = window.dashboard.figures
    assert figures is not None and figures.items == 4 and figures.log_entries >= 2
    assert "<b>4</b>" in window.dashboard.counts_labels["open"].text()
    assert not hasattr(window.dashboard, "edit_button")  # no editing in review
    window.tabs.setCurrentWidget(window.library)
    library = window.library
    assert library.model.rowCount() == 4
    assert not hasattr(library, "edit_action")
    library.show_table()
    index, hit = search(qtbot, window, "转移")
    assert hit.kind != "log" and hit.title == "转移群众现场录音"
    library.search.results.activated.emit(index)
    assert library.current_row() is not None and library.current_row().id == hit.id
    if PULSE_PROBLEM is None:
        player = library.preview.player.player
        qtbot.waitUntil(lambda: player.mediaStatus() == QMediaPlayer.MediaStatus.LoadedMedia,
                        timeout=20000)
        library.preview.player.toggle()  # play
        qtbot.waitUntil(lambda: player.position() > 300, timeout=20000)
        library.preview.player.toggle()  # pause
        qtbot.waitUntil(lambda: player.playbackState() == QMediaPlayer.PlaybackState.PausedState)
    with qtbot.waitSignal(library.open_requested) as asked:
        library.search.results.doubleClicked.emit(index)
    assert asked.args == [[hit.id]]
    dialog = window.item_history
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.data is not None, timeout=10000)
    assert "site.wav" in dialog.browser.toPlainText()
    assert "SHA-256" in dialog.browser.toPlainText()
    dialog.reject()
    index, hit = search(qtbot, window, "媒体")
    assert hit.kind == "log"
    library.search.results.activated.emit(index)
    assert window.tabs.currentWidget() is window.log_view
    assert window.log_view.currentIndex().row() == window.log_model.row_of(hit.id) >= 0


def browse_check_and_report(qtbot, window: ReviewWindow, out: Path) -> str:
    """What a supervisor does: read the log and its history, list items, check, report."""
    assert [window.log_model.view_at(r).entry.content for r in range(2)] == [
        "接收旗融媒体中心移交的照片。", "到达震中某镇中心小学，开始拍摄。"]
    history = window.show_history(window.log_model.index(1, 0))
    assert history is not None and history.history is not None
    assert len(history.history.versions) == 2  # the correction and the original
    history.reject()
    browse_library_and_play(qtbot, window)
    window.tabs.setCurrentWidget(window.items_view)
    assert window.items_model.rowCount() == 4
    window.tabs.setCurrentWidget(window.integrity)
    with qtbot.waitSignal(window.integrity.checked, timeout=60000):
        window.integrity.run_button.click()
    window.tabs.setCurrentWidget(window.report)
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
    browse_library_and_play(qtbot, window)  # the player, the history dialog made too
    found = walk(window, "window")
    assert found.writers == []
    assert found.engines and all(query_only(e) for e in found.engines)
    assert found.visited > 200  # the walk did reach the widgets and models
    reached = {"DashboardView", "LibraryBrowser", "LibraryItemModel", "LibrarySearch",
               "ItemPreview", "LibraryThumbnails", "ItemHistoryDialog", "StoreReader",
               "LibraryQueries", "SearchQueries", "DashboardQueries", "ReviewItemsModel"}
    if PULSE_PROBLEM is None:
        reached.add("MediaPlayerWidget")
    assert reached <= found.kinds, reached - found.kinds
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
    others = [r for r in range(4) if r != row]
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
