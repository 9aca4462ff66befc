"""The Import panel on a real store: drop a card folder on the window, watch thumbnails fill
in while it runs, see failures with their reasons, cancel mid-copy, and check the store."""

from __future__ import annotations

import os
import shutil
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from app.store.digests import pending_count
from app.store.integrity import check_store
from app.store.records import IncidentRecord
from app.store.store import Store
from app.ui.capture.capture_page import CapturePage
from app.ui.capture.import_panel import ImportPanel
from app.ui.capture.results_model import StatusRole
from app.ui.capture.thumbnail_model import ItemIdRole
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.services import UiServices
from app.ui.settings import UiSettings
from app.ui.worker import Jobs

SAMPLES = Path(__file__).parent / "data" / "camera-samples"
WAIT_MS = 120_000


@pytest.fixture
def services(store: Store, tmp_path: Path, qapp: object) -> Iterator[UiServices]:
    settings = UiSettings(QSettings(str(tmp_path / "ui.ini"), QSettings.Format.IniFormat))
    translations = Translations(tmp_path / "cache")
    jobs = Jobs()
    yield UiServices.for_store(store, settings, translations, jobs)
    jobs.cancel_all()
    jobs.wait()
    translations.set_language("en")


@pytest.fixture
def window(qtbot, services: UiServices, incident: IncidentRecord) -> MainWindow:
    services.repos.operators.add("张伟", "自治区档案馆", "archivist", position="现场档案员")
    win = MainWindow(services)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def page_of(win: MainWindow) -> CapturePage:
    page = win.pages["capture"]
    assert isinstance(page, CapturePage)
    return page


@pytest.fixture
def card(tmp_path: Path) -> Path:
    """A camera card: the real samples, plus what goes wrong on real cards."""
    folder = tmp_path / "DCIM"
    shutil.copytree(SAMPLES, folder / "100CANON")
    canon = (SAMPLES / "jpg" / "Canon_40D.jpg").read_bytes()
    (folder / "IMG_0001_cut.JPG").write_bytes(canon[: len(canon) // 3])  # card pulled early
    (folder / "EMPTY.JPG").write_bytes(b"")
    (folder / "MVI_0002.MP4").write_bytes(os.urandom(4096))  # not a video at all
    (folder / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (folder / "IMG_0003_copy.JPG").write_bytes(canon)  # the same photo twice on the card
    return folder


def drop(win: MainWindow, paths: list[Path]) -> None:
    """A real drag-and-drop sequence on the window: enter, then drop, carrying file URLs."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action = Qt.DropAction.CopyAction
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:  # PySide6 6.12 takes a QPointF (and deprecates QPoint); 6.11 only a QPoint
        enter = QDragEnterEvent(QPointF(30, 30), action, mime, buttons, modifiers)
    except TypeError:
        enter = QDragEnterEvent(QPoint(30, 30), action, mime, buttons, modifiers)
    QApplication.sendEvent(win, enter)
    assert enter.isAccepted()
    dropped = QDropEvent(QPointF(30, 30), action, mime, Qt.MouseButton.LeftButton,
                         Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(win, dropped)
    assert dropped.isAccepted()


def wait_done(qtbot, panel: ImportPanel) -> None:
    qtbot.waitUntil(lambda: not panel.running, timeout=WAIT_MS)


def test_dropping_a_card_folder_imports_it_with_thumbnails_and_reasons(
        qtbot, window: MainWindow, card: Path, store: Store, incident: IncidentRecord) -> None:
    # Another page is showing; the drop brings Capture forward.
    window.tabs.setCurrentWidget(window.pages["worklog"])
    page = page_of(window)
    panel = page.import_panel
    rows_at_progress: list[int] = []
    panel_progress = panel.progress.valueChanged
    panel_progress.connect(lambda _v: rows_at_progress.append(panel.thumbnails.rowCount()))

    drop(window, [card])
    assert window.tabs.currentWidget() is page
    assert page.tabs.currentWidget() is panel
    assert panel.running and panel.cancel_button.isEnabled()
    wait_done(qtbot, panel)

    # The 30 sample files are stored (the copy on the card is a duplicate; the card's
    # README.md and SOURCE-README.rst are plain text, left out), thumbnails arriving along
    # the way.
    assert panel.thumbnails.rowCount() == 30
    assert any(0 < n < 30 for n in rows_at_progress), "thumbnails only came at the end"
    icons = [panel.thumbnails.index(r).data(Qt.ItemDataRole.DecorationRole)
             for r in range(panel.thumbnails.rowCount())]
    assert all(not icon.isNull() for icon in icons)
    names = {panel.thumbnails.index(r).data() for r in range(panel.thumbnails.rowCount())}
    assert {"Canon_40D.jpg", "IMG_5195.HEIC", "portrait_6.jpg", "BSG1.tiff"} <= names

    results = {panel.results.index(r).data(): panel.results.index(r).data(StatusRole)
               for r in range(panel.results.rowCount())}
    assert results["IMG_0001_cut.JPG — damaged or cut short, it cannot be read"] == "failed"
    assert results["EMPTY.JPG — empty file (0 bytes), nothing to keep"] == "failed"
    assert results["MVI_0002.MP4 — not a format that is taken (photo, sound, video, "
                   "document)"] == "failed"
    duplicate = [text for text, status in results.items() if status == "duplicate"]
    assert len(duplicate) == 1 and "already in this incident" in duplicate[0]
    assert any(text.startswith(".DS_Store — left out") for text in results)
    assert results["README.md — left out: plain text, not an archival format (add it by "
                   "name)"] == "skipped"
    colours = {panel.results.index(r).data(StatusRole):
               panel.results.index(r).data(Qt.ItemDataRole.ForegroundRole).color().name()
               for r in range(panel.results.rowCount())}
    assert colours["failed"] == "#be1e1e" and colours["duplicate"] == "#aa6900"
    assert panel.summary_label.text() == "Imported: 30   Duplicates: 1   Failed: 3"

    repos = window.services.repos
    assert repos.items.count(incident.id) == 30
    stored = set(panel.thumbnails.item_ids())
    assert window.services.last_item.item_id in stored
    first = repos.items.get(panel.thumbnails.index(0).data(ItemIdRole))
    assert first.batch_id is not None and first.source_channel == "self"
    # Once the import is over the window adds the originals' SM3 in the background.
    qtbot.waitUntil(lambda: pending_count(store) == 0 and not window.digest_pass.running,
                    timeout=30_000)
    assert repos.items.get(first.id).file("original").sm3  # type: ignore[union-attr]
    report = check_store(store)
    assert report.ok, report.findings
    assert report.sm3_pending == 0


def test_a_failure_shows_its_full_reason_when_selected(
        qtbot, window: MainWindow, tmp_path: Path) -> None:
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    panel = page_of(window).import_panel
    panel.add_paths([bad])
    wait_done(qtbot, panel)
    assert panel.results.rowCount() == 1
    panel.results_view.setCurrentIndex(panel.results.index(0))
    assert "broken.jpg" in panel.detail_label.text()
    assert panel.summary_label.text() == "Imported: 0   Duplicates: 0   Failed: 1"


def big_wav(path: Path, megabytes: int) -> Path:
    """A valid, long, silent WAV: copying it takes long enough to cancel in the middle."""
    data_size = megabytes * 1024 * 1024
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 36 + data_size) + b"WAVE")
        f.write(b"fmt " + struct.pack("<IHHIIHH", 16, 1, 2, 48000, 192000, 4, 16))
        f.write(b"data" + struct.pack("<I", data_size))
        f.truncate(44 + data_size)
    return path


def test_cancel_mid_copy_keeps_finished_files_and_no_partial_file(
        qtbot, window: MainWindow, tmp_path: Path, store: Store,
        incident: IncidentRecord) -> None:
    folder = tmp_path / "handover"
    folder.mkdir()
    for name in ("Canon_40D.jpg", "Nikon_D70.jpg"):
        shutil.copy(SAMPLES / "jpg" / name, folder / f"a_{name}")
    big_wav(folder / "b_interview.wav", 600)
    shutil.copy(SAMPLES / "jpg" / "Sony_HDR-HC3.jpg", folder / "c_after.jpg")
    panel = page_of(window).import_panel

    def cancel_when_copying_the_big_file(done: int, total: int, text: str) -> None:
        if "b_interview.wav" in text and panel.cancel_button.isEnabled() and done > 4096:
            panel.cancel_button.click()

    drop(window, [folder])
    assert panel.worker is not None
    panel.worker.signals.progress.connect(cancel_when_copying_the_big_file)
    wait_done(qtbot, panel)

    # The photos before it are in; the one after may have been copied beside the big file
    # (files are staged a few at a time): whatever finished is kept, shown and counted.
    stored = window.services.repos.items.count(incident.id)
    assert stored in (2, 3)
    assert panel.thumbnails.rowCount() == stored
    assert "Import cancelled" in panel.message_label.text()
    # The bar shows how far it got, not 100 %.
    assert 0 < panel.progress.value() < panel.progress.maximum()
    rows = [panel.results.index(r) for r in range(panel.results.rowCount())]
    assert all(r.data(StatusRole) == "not-started" for r in rows)
    assert any("b_interview.wav" in str(r.data()) for r in rows)
    assert len(rows) == 4 - stored
    leftovers = list(store.vault.pending.glob("*")) if store.vault.pending.exists() else []
    assert leftovers == []
    report = check_store(store)
    assert report.ok, report.findings


def test_media_handover_needs_the_organisation_before_it_starts(
        qtbot, window: MainWindow, tmp_path: Path, incident: IncidentRecord) -> None:
    window.tabs.setCurrentWidget(page_of(window))  # the dashboard is the first tab
    panel = page_of(window).import_panel
    form = panel.provenance
    form.set_channel("media")
    assert form.edits["organisation"].isVisible()
    assert not form.edits["narrator"].isVisible()
    photo = tmp_path / "press.jpg"
    shutil.copy(SAMPLES / "jpg" / "Pentax_K10D.jpg", photo)
    panel.add_paths([photo])
    assert not panel.running
    assert "Media organisation" in panel.message_label.text()
    assert panel.start_button.isVisible()

    form.edits["organisation"].setText("内蒙古日报社")
    form.edits["handover_date"].setText("23/07/2025")
    panel.start_button.click()
    assert not panel.running
    assert "year-month-day" in panel.message_label.text()

    form.edits["handover_date"].setText("2025-07-23")
    form.edits["document_number"].setText("内日移〔2025〕3号")
    panel.start_button.click()
    assert panel.running
    wait_done(qtbot, panel)
    repos = window.services.repos
    item = repos.items.get(panel.thumbnails.item_ids()[0])
    assert item.source_channel == "media"
    assert item.creator == "内蒙古日报社"
    batches = [b for b in repos.items.list(incident.id)]
    assert batches and batches[0].batch_id == item.batch_id


def test_no_incident_holds_the_files_until_one_is_chosen(
        qtbot, services: UiServices, tmp_path: Path) -> None:
    panel = ImportPanel(services)
    qtbot.addWidget(panel)
    photo = tmp_path / "x.jpg"
    shutil.copy(SAMPLES / "jpg" / "Nikon_D70.jpg", photo)
    panel.add_paths([photo])
    assert not panel.running and panel.pending == [photo]
    assert "incident" in panel.message_label.text()


def test_models_pass_the_model_tester(qtbot, qtmodeltester, window: MainWindow,
                                      card: Path) -> None:
    panel = page_of(window).import_panel
    qtmodeltester.check(panel.thumbnails)
    qtmodeltester.check(panel.results)
    panel.add_paths([card / "100CANON" / "jpg" / "orientation", card / "EMPTY.JPG"])
    wait_done(qtbot, panel)
    assert panel.thumbnails.rowCount() == 6
    qtmodeltester.check(panel.thumbnails)
    qtmodeltester.check(panel.results)


def test_files_dropped_during_an_import_follow_it_into_the_same_view(
        qtbot, window: MainWindow, tmp_path: Path, incident: IncidentRecord) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    shutil.copytree(SAMPLES / "jpg" / "gps", first)
    shutil.copytree(SAMPLES / "jpg" / "orientation", second)
    panel = page_of(window).import_panel
    drop(window, [first])
    drop(window, [second])
    assert panel.running and panel.pending == [second]
    assert "1 more waiting" in panel.message_label.text()
    qtbot.waitUntil(lambda: not panel.running and not panel.pending, timeout=WAIT_MS)
    assert panel.thumbnails.rowCount() == 10
    assert panel.summary_label.text() == "Imported: 10   Duplicates: 0   Failed: 0"
    items = [window.services.repos.items.get(i) for i in panel.thumbnails.item_ids()]
    assert len({i.batch_id for i in items}) == 2  # one batch per drop
